"""Find time expressions in German text with the rules of rules.yaml and normalise them.

    tag(text, published) -> [Found(start, end, text, type, value), ...]

Runs per sentence: every rule proposes matches, each normaliser accepts or rejects its
match, and of overlapping candidates the longest wins (then the earlier rule). Blocking
rules win like any other but tag nothing. A clock time right after a date joins it
("am Donnerstag um 14 Uhr" -> 2019-04-25T14:00); values that hang on the day last talked
about ("am Abend") take the last full date of this or the previous sentence, else the
publication date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Callable, Iterable, Optional


from ..document import parse_date
from .normalise import NORMALISERS, Context
from .prefilter import lowered, may_match, required_words
from .tense import tense_at
from .vocabulary import HERE, expand
from ..datafiles import read_yaml

_DAY_VALUE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


@dataclass
class Rule:
    name: str
    regex: re.Pattern
    type: Optional[str]
    norm: Optional[Callable]
    block: bool
    order: int
    # the words (lower case) of which the rule cannot match without one (prefilter.py); None: run always
    needs: Optional[frozenset[str]] = None


@dataclass
class Found:
    start: int
    end: int
    text: str
    type: str
    value: Optional[str]
    rule: str = ""


@cache
def rules() -> list[Rule]:
    data = read_yaml(HERE / "rules.yaml")
    out = []
    for i, r in enumerate(data["rules"]):
        flags = re.X | re.U | (0 if r.get("case") else re.I)
        body = expand(r["pattern"])
        # not inside words nor hyphenated compounds ("Mariä-Himmelfahrt-Waisenhaus", "Mai-Kundgebung")
        regex = re.compile(r"(?<!\w)(?<![^\W\d]-)(?:" + body + r")(?![\w]|-[^\W\d])", flags)
        norm = None if r.get("block") else NORMALISERS[r["norm"]]
        out.append(Rule(r["name"], regex, r.get("type"), norm, bool(r.get("block")), i, required_words(regex)))
    return out


def _candidates(text: str, ctx_dct: Optional[date]) -> list[tuple[int, int, int, Rule, list]]:
    """(start, end, rule order, rule, results) for every accepted match."""
    out = []
    lower = lowered(text)
    for rule in rules():
        if not may_match(rule.needs, text, lower):
            continue
        for m in rule.regex.finditer(text):
            start, end = _trim(text, m.start(), m.end())
            if start >= end:
                continue
            if rule.block:
                out.append((start, end, rule.order, rule, []))
                continue
            tense = _tense(text, start, end)
            ctx = Context(ctx_dct, tense)
            res = rule.norm(m, ctx)
            if res is None:
                continue
            if isinstance(res, tuple):
                res = [(start, end, res[0], res[1])]
            out.append((start, end, rule.order, rule, res))
    return out


def _tense(text: str, start: int, end: int) -> str:
    """"seit Samstag" looks back whatever the verb says; "bis zum 20. Juni" and "ab dem 11. Mai"
    name a limit that lies either side of a past verb ("hatte ... bis zum 20. Juni verlängert"),
    so they take the nearest date."""
    head = text[start:end].lower()
    if head.startswith("seit"):
        return "past"
    if head.startswith(("bis ", "ab ")):
        return "present"
    return tense_at(text, start, end)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    return start, end


def _choose(cands):
    """Longest first, then earlier rule; drop whatever overlaps a chosen one."""
    chosen = []
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (-(c[1] - c[0]), c[2], c[0])):
        if any(c[0] < e and s < c[1] for s, e in taken):
            continue
        taken.append((c[0], c[1]))
        chosen.append(c)
    return sorted(chosen, key=lambda c: c[0])


_JOIN = re.compile(r"^[\s,]*$")


def tag_segment(text: str, dct: Optional[date], ref: Optional[str]) -> tuple[list[Found], Optional[str]]:
    """The times in one sentence; `ref` is the last full date of the sentence before.
    Returns the times and the last full date of this sentence (or None)."""
    found: list[Found] = []
    for start, end, _, rule, results in _choose(_candidates(text, dct)):
        for s, e, typ, value in results:
            s, e = _trim(text, s, e)
            found.append(Found(s, e, text[s:e], typ, value, rule.name))
    here = None
    for f in found:
        if f.value and f.value.startswith("REF"):
            f.value = _from_reference(f.value, here or ref or (dct.isoformat() if dct else None))
        m = _DAY_VALUE.match(f.value or "")
        if m and f.type in ("DATE", "TIME"):
            here = m.group(1)
    return _join_clock(text, found), here


_REF = re.compile(r"^REF(?:@([+-]\d+))?(.*)$")


def _from_reference(value: str, anchor: Optional[str]) -> str:
    """"REF@-1TEV" against 2019-04-25 -> 2019-04-24TEV; without an anchor XXXX-XX-XX."""
    m = _REF.match(value)
    offset, rest = int(m.group(1) or 0), m.group(2)
    if anchor is None:
        return "XXXX-XX-XX" + rest
    day = date.fromisoformat(anchor) + timedelta(days=offset)
    return day.isoformat() + rest


def _join_clock(text: str, found: list[Found]) -> list[Found]:
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if (prev and f.rule in ("clock", "clock_colon") and prev.type in ("DATE", "TIME") and prev.value
                and _DAY_VALUE.match(prev.value) and _JOIN.match(text[prev.end:f.start]) and "T" in f.value):
            day = _DAY_VALUE.match(prev.value).group(1)
            out[-1] = Found(prev.start, f.end, text[prev.start:f.end], "TIME",
                            day + f.value[f.value.index("T"):], "date+clock")
            continue
        out.append(f)
    return out


def tag(text: str, published: Optional[str] = None,
        segments: Optional[Iterable[tuple[int, int]]] = None) -> list[Found]:
    """All times in `text` (or in the given (start, end) segments), offsets into `text`."""
    dct = parse_date(published)
    if segments is None:
        segments = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    out: list[Found] = []
    ref = None
    for s, e in segments:
        found, ref = tag_segment(text[s:e], dct, ref)
        for f in found:
            out.append(Found(f.start + s, f.end + s, f.text, f.type, f.value, f.rule))
    return out


