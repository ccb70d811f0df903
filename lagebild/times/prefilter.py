"""Which time rules can match a sentence at all, read off each rule's regular expression.

The tagger runs 46 rules over every sentence, and each rule's regex is tried at every
position (its lookbehinds keep the engine from skipping ahead): most of the stage's time,
though most sentences hold no time. Most rules cannot match without one of a few words:
a month rule needs a month name, "vor drei Tagen" needs a unit, a clock time "Uhr" or a
colon. `required_words` reads those words from the parsed pattern (a literal string that
every match contains, or a set of them of which every match contains one); a rule whose
words none occurs in a sentence is not run on it: a few substring tests on the lower-cased
sentence instead of trying the rule at every position. (A case-blind regex search for the
words costs about as much as the rule itself.)

The words are only ever a necessary condition: a pattern part the reader does not
understand (a character class, a back-reference, an optional part) makes it require
nothing more, and a rule of which nothing certain is known is always run. The words are
compared case-blind even for case-sensitive rules, so a sentence the rule would match is
never skipped (`tests/test_times.py` checks the matches on every eval article and on
mutated text against running every rule).
"""
from __future__ import annotations

import re
from re import _constants as C
from re import _parser as sre_parse
from typing import Optional

# the most strings a set of alternatives may grow to before it is given up
_LIMIT = 64


class _Info:
    """What a piece of pattern matches: `exact`, every string it can match (None where
    unknown or too many), and `needs`, a set of strings of which every match contains one
    (None where nothing is known)."""
    __slots__ = ("exact", "needs")

    def __init__(self, exact: Optional[set[str]] = None, needs: Optional[frozenset[str]] = None):
        self.exact, self.needs = exact, needs


def required_words(pattern: re.Pattern) -> Optional[frozenset[str]]:
    """Lower-case strings of which every match of the pattern contains one (compared
    case-blind), or None where no such set is known."""
    info = _sequence(sre_parse.parse(pattern.pattern, pattern.flags))
    return _best([info.needs, _as_needs(info.exact)])


# letters whose case-blind matching in `re` and `str.lower` agree: ASCII, the German
# umlauts and ß, and the marks German news uses. A sentence with any other character runs
# every rule (re.I matches "ſ" for "s", and "İ".lower() is two characters).
_UNUSUAL = re.compile(r"[^\x00-\x7fäöüÄÖÜß„“”‚‘’«»–—…·°€§²³½¼]")


def may_match(needs: Optional[frozenset[str]], text: str, lower: Optional[str]) -> bool:
    """Whether a rule that needs one of `needs` may match `text`; `lower` is the text
    lower-cased, or None where it holds an unusual character (then every rule may)."""
    return needs is None or lower is None or any(w in lower for w in needs)


def lowered(text: str) -> Optional[str]:
    """The text lower-cased for `may_match`, or None where a character might make a
    lower-case comparison differ from the rules' case-blind matching."""
    return None if _UNUSUAL.search(text) else text.lower()


def _as_needs(exact: Optional[set[str]]) -> Optional[frozenset[str]]:
    if not exact or "" in exact:
        return None     # an empty match contains nothing
    return frozenset(w.lower() for w in exact)


def _score(needs: frozenset[str]) -> tuple[int, int]:
    """Longer shortest words find fewer sentences; then fewer words are a cheaper search."""
    return min(len(w) for w in needs), -len(needs)


def _best(options) -> Optional[frozenset[str]]:
    options = [o for o in options if o]
    return max(options, key=_score) if options else None


def _sequence(items) -> _Info:
    """A concatenation: the exact strings of runs of exact parts multiply out; every part's
    and every run's needs hold for the whole, the best one is kept."""
    run: Optional[set[str]] = {""}
    candidates: list[Optional[frozenset[str]]] = []
    exact_all = True
    for op, av in items:
        part = _item(op, av)
        candidates.append(part.needs)
        if part.exact is not None and run is not None and len(run) * len(part.exact) <= _LIMIT:
            run = {a + b for a in run for b in part.exact}
            continue
        exact_all = False
        candidates.append(_as_needs(run))
        run = set(part.exact) if part.exact is not None else {""}
    candidates.append(_as_needs(run))
    return _Info(run if exact_all else None, _best(candidates))


def _item(op, av) -> _Info:
    if op is C.LITERAL:
        return _Info({chr(av)})
    if op is C.IN:
        chars = [chr(v) for o, v in av if o is C.LITERAL]
        if len(chars) == len(av) and chars:
            return _Info(set(chars))
        return _Info()
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return _Info({""})          # zero-width: matches the empty string
    if op is C.SUBPATTERN:
        return _sequence(av[-1])
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _sequence(av)
    if op is C.BRANCH:
        infos = [_sequence(b) for b in av[1]]
        exact: Optional[set[str]] = set()
        for i in infos:
            if i.exact is None or exact is None or len(exact) + len(i.exact) > _LIMIT:
                exact = None
            else:
                exact |= i.exact
        needs = [_best([i.needs, _as_needs(i.exact)]) for i in infos]
        union = frozenset().union(*needs) if all(needs) else None
        return _Info(exact, union)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)):
        low, high, body = av
        inner = _sequence(body)
        if low == 0:
            if high == 1 and inner.exact is not None:
                return _Info(inner.exact | {""})
            return _Info()
        needs = _best([inner.needs, _as_needs(inner.exact)])
        return _Info(inner.exact if low == high == 1 else None, needs)
    return _Info()                  # any character, categories, back-references: unknown
