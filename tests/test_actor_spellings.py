"""One person in two transliterations ("Nawalny"/"Navalny"), never two names that differ
in their vowels alone ("Müller"/"Miller")."""
import pytest

import lagebild
from lagebild.actors.spelling import same_word


@pytest.mark.parametrize("a, b", [("Nawalny", "Navalny"), ("Dudajew", "Dudayev"), ("Prigoschin", "Prigozhin"),
                                  ("Jewgeni", "Yevgeny"), ("Timoschenko", "Tymoshenko"), ("Selenskyj", "Zelensky"),
                                  ("Gaddafi", "Gadhafi"), ("Ahmadinedschad", "Ahmadinejad"),
                                  ("Gorbatschow", "Gorbachev"), ("Chamenei", "Khamenei"), ("Alexej", "Aleksei")])
def test_transliterations_of_one_name_are_one_word(a, b):
    assert same_word(a, b)


@pytest.mark.parametrize("a, b", [("Müller", "Miller"), ("Merkel", "Markl"), ("Putin", "Patten"),
                                  ("Meier", "Mayer"), ("Kim", "Kum"), ("Hans", "Jens"), ("Lee", "Li")])
def test_names_that_differ_in_their_vowels_are_two(a, b):
    assert not same_word(a, b)


def _persons(text: str, published: str) -> dict[str, list[str]]:
    doc = lagebild.analyze(text, published=published)
    return {a.name: [m.text for m in a.mentions] for a in doc.actors if a.kind == "person"}


def test_a_person_in_two_transliterations_is_one_actor():
    persons = _persons("Der Söldnerchef Jewgeni Prigoschin drohte Moskau. Yevgeny Prigozhin sagte, "
                       "seine Truppen marschierten weiter.", "2023-06-24")
    assert len(persons) == 1
    assert set(next(iter(persons.values()))) >= {"Jewgeni Prigoschin", "Yevgeny Prigozhin"}


def test_two_people_whose_names_differ_in_a_vowel_stay_two():
    persons = _persons("Thomas Müller traf Sabine Miller in Berlin. Müller sagte, Miller habe recht.",
                       "2011-06-24")
    assert set(persons) == {"Thomas Müller", "Sabine Miller"}


def test_transliterations_are_looked_up_not_compared_pair_by_pair(monkeypatch):
    # a page listing hundreds of people (issue #21: 4,000 one-word lines took minutes in the
    # actors stage): only persons whose family names share a reading or a skeleton are compared
    import random
    import lagebild.actors.persons as person_pass   # the module whose _merge_transliterations calls it
    rng = random.Random(3)
    syllables = ["ber", "kan", "mol", "tis", "ran", "dor", "lek", "sun", "vah", "pol", "mir", "zel", "gat", "hof"]
    given = ["Anna", "Peter", "Maria", "Klaus", "Jana", "Tomas", "Ivan", "Olga", "Lukas", "Sofia"]
    names = [f"{rng.choice(given)} {''.join(rng.choice(syllables) for _ in range(3)).title()}" for _ in range(300)]
    text = ("Liste der Teilnehmer\n\n" + " ".join(f"Am Montag sprach {n} in Berlin." for n in names)
            + " Später sprach Alexej Nawalny. Navalny sagte, er sei zufrieden.")
    calls = []
    original = person_pass._transliterated
    monkeypatch.setattr(person_pass, "_transliterated", lambda a, b: calls.append(1) or original(a, b))
    doc = lagebild.analyze(text, published="2024-01-01")
    persons = [a for a in doc.actors if a.kind == "person"]
    assert len(persons) > 200
    assert len(calls) < 5 * len(persons)          # not the 40,000 pairs of a comparison of all
    nawalny = [a for a in persons if "Nawalny" in a.name or "Navalny" in a.name]
    assert len(nawalny) == 1 and {m.text for m in nawalny[0].mentions} >= {"Alexej Nawalny", "Navalny"}


def test_the_memo_of_name_spellings_is_bounded():
    """A corpus run meets millions of distinct names: the spellings memoised per word are
    kept up to a bound, not for every word ever met."""
    from lagebild.actors import spelling
    for memo in (spelling._readings, spelling.skeletons):
        assert memo.cache_parameters()["maxsize"] == spelling._MEMO_SIZE
    for k in range(2_000):
        spelling.name_keys(f"Name{k}x")
    assert spelling._readings.cache_info().currsize <= spelling._MEMO_SIZE
