"""Pronouns resolved to actors with a confidence (actors/coref.py, Actor.references):
gender and number agree, an object pronoun is not its sentence's subject, "Putin sagte,
er …" is Putin, a demonstrative standing alone points back."""
import lagebild


def _references(text: str, published: str = "2009-10-09") -> list[tuple[str, str, float]]:
    doc = lagebild.analyze(text, published=published)
    out = [(doc.text[r.start:r.end], a.name, r.confidence) for a in doc.actors for r in a.references]
    assert all(r.text == doc.text[r.start:r.end] for a in doc.actors for r in a.references)
    return sorted(out, key=lambda x: doc.text.index(x[0]))


def _actor_of(refs, pronoun: str, nth: int = 0) -> str:
    return [name for text, name, _ in refs if text == pronoun][nth]


def test_er_and_sie_follow_gender():
    refs = _references("Bundeskanzlerin Angela Merkel traf US-Präsident Barack Obama in Berlin. "
                       "Sie sagte, er sei ein guter Partner.")
    assert _actor_of(refs, "Sie") == "Angela Merkel"
    assert _actor_of(refs, "er") == "Barack Obama"
    assert all(conf == 0.9 for _, _, conf in refs)      # one fitting actor each


def test_a_plural_sie_is_a_group_and_an_object_pronoun_not_the_subject():
    refs = _references("US-Präsident Barack Obama besuchte Kairo. Die Demonstranten forderten seinen "
                       "Rücktritt. Sie warfen ihm Wortbruch vor.")
    assert _actor_of(refs, "seinen") == "Barack Obama"
    assert _actor_of(refs, "Sie") == "Demonstranten"
    assert _actor_of(refs, "ihm") == "Barack Obama"


def test_the_subject_of_the_sentence_speaks_in_the_clause_after_it():
    refs = _references("Der russische Präsident Wladimir Putin traf Kim Jong-un in Wladiwostok. "
                       "Putin sagte, er werde Nordkorea unterstützen.", "2019-04-25")
    assert _actor_of(refs, "er") == "Wladimir Putin"


def test_a_pronoun_with_no_fitting_actor_before_it_stays_unresolved():
    assert _references("Er kam am Montag in Berlin an.") == []


def test_die_beiden_refers_to_the_two_actors_of_that_kind_named_last():
    doc = lagebild.analyze("Frankreich und Deutschland unterzeichneten den Vertrag in Paris. Beide Regierungen "
                           "lobten das Abkommen. Die beiden Staatschefs Macron und Merkel sprachen danach "
                           "mit der Presse.", published="2019-01-22")
    referred = {a.name for a in doc.actors for r in a.references if r.text == "Beide Regierungen"}
    assert referred == {"Frankreich", "Deutschland"}
    assert all(r.confidence == 0.6 for a in doc.actors for r in a.references if "eide" in r.text)
