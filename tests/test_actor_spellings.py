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
