"""German closed word classes, read from `function_words.yaml` beside this file.

Every stage takes its function words from here instead of writing them out in Python:

    from lagebild.lang import de
    if word.lower() in de.SUBORDINATORS: ...

Each name is a frozenset of lower-case words. A stage that needs a class plus words of
its own (a trigger list, a list of role nouns) keeps those with the stage and says why.
"""
from __future__ import annotations

from pathlib import Path

from ...datafiles import read_yaml

_TABLE = read_yaml(Path(__file__).parent / "function_words.yaml")


def _words(*path: str) -> frozenset[str]:
    node = _TABLE
    for key in path:
        node = node[key]
    return frozenset(node)


DEFINITE_ARTICLES = _words("articles", "definite")
INDEFINITE_ARTICLES = _words("articles", "indefinite")
ARTICLES = DEFINITE_ARTICLES | INDEFINITE_ARTICLES
PREPOSITIONS = _words("prepositions")
CONTRACTED_PREPOSITIONS = _words("contracted_prepositions")
SUBORDINATORS = _words("subordinators")
RELATIVE_PRONOUNS = _words("relative_pronouns")
SUBJECT_PRONOUNS = _words("personal_pronouns", "subject")
OBJECT_PRONOUNS = _words("personal_pronouns", "object")
POSSESSIVES = _words("possessives")
PASSIVE_PAST_AUXILIARIES = _words("auxiliaries", "passive_past")
PERFECT_AUXILIARIES = _words("auxiliaries", "perfect")
PAST_AUXILIARIES = _words("auxiliaries", "past")
FINITE_AUXILIARIES = _words("auxiliaries", "finite")
ROMANCE_PARTICLES = _words("romance_particles")
NEGATION = _words("negation")
NUMBER_WORDS = _words("number_words")
WEEKDAYS = _words("weekdays")
MONTHS = _words("months")
# the number of each month name: the table lists the twelve in order, with the Austrian
# "jänner" right after "januar"
MONTH_NUMBERS = {name: number for number, name in enumerate((m for m in _TABLE["months"] if m != "jänner"), 1)}
MONTH_NUMBERS["jänner"] = 1
MONTH_ABBREVIATIONS = _words("month_abbreviations")
NOT_ADJECTIVES = _words("not_adjectives")
