"""The `times` layer: German time expressions with TIMEX3 types and values.

    add_times(doc)              writes doc.times (Time: start, end, text, type, value)
    times_in(doc, sentence)     the times inside one sentence
    sentence_date(doc, sentence) the sentence's best calendar date ("2019-04-25", "2019-02",
                                "2017"), or None; events take their date from it
    date_near(doc, sentence, offset) the calendar date of the time nearest to an offset (a
                                trigger) in the sentence, or None

Rules in the spirit of HeidelTime's news mode (rules.yaml, vocabulary.yaml, tense.yaml):
values are anchored on `doc.published`; without it relative expressions keep X-values
(XXXX-02, XXXX-WXX-4). See normalise.py for how a year is chosen where the text gives none.
"""
from __future__ import annotations

import re
from typing import Optional

from ..document import Document, Span, Time
from .tagger import Found, tag

__all__ = ["add_times", "times_in", "sentence_date", "best_date", "date_near", "calendar_date", "tag", "Found"]


def add_times(doc: Document) -> None:
    """Tag the sentences (the whole text, line by line, where there are none)."""
    segments = [(s.start, s.end) for s in doc.sentences] or None
    found = tag(doc.text, doc.published, segments)
    doc.times = [Time(start=f.start, end=f.end, text=f.text, type=f.type, value=f.value) for f in found]


def times_in(doc: Document, sentence: Span) -> list[Time]:
    """The times that lie inside `sentence` (any span with start/end)."""
    return Document.within(doc.times, sentence.start, sentence.end)


_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2})?")
# how specific a calendar value is: day > week > month > season/quarter > year
_RANK = [(re.compile(r"^\d{4}-\d{2}-\d{2}"), 4), (re.compile(r"^\d{4}-W\d{2}"), 3),
         (re.compile(r"^\d{4}-\d{2}$"), 2), (re.compile(r"^\d{4}-(?:SP|SU|FA|WI|Q\d|H\d)"), 1),
         (re.compile(r"^\d{4}$"), 0)]


def calendar_date(t: Time) -> Optional[str]:
    """The ISO calendar part of a DATE or TIME value ("2019-04-25TEV" -> "2019-04-25",
    "2019-SU" -> "2019"), or None for lengths, sets, X-values and PAST_REF."""
    if t.type not in ("DATE", "TIME") or not t.value:
        return None
    for rx, rank in _RANK:
        if rx.match(t.value):
            return t.value[:4] if rank == 1 else _CALENDAR.match(t.value).group(0)
    return None


def date_near(doc: Document, sentence: Span, offset: int) -> Optional[str]:
    """The calendar date of the time in `sentence` nearest to `offset` (e.g. an event trigger)."""
    dated = [(t, calendar_date(t)) for t in times_in(doc, sentence)]
    dated = [(t, d) for t, d in dated if d]
    if not dated:
        return None
    dist = lambda t: 0 if t.start <= offset < t.end else min(abs(t.start - offset), abs(t.end - offset))  # noqa: E731
    return min(dated, key=lambda td: dist(td[0]))[1]


def best_date(times: list[Time]) -> Optional[str]:
    """The most specific calendar date among `times` (the first of equals), as ISO
    ("2019-04-25", "2019-W17", "2019-02", "2019"); seasons and quarters give their year.
    Durations, sets and unresolved values (XXXX-...) give nothing."""
    best, best_rank = None, -1
    for t in times:
        d = calendar_date(t)
        if d is None:
            continue
        rank = next(r for rx, r in _RANK if rx.match(t.value))
        if rank > best_rank:
            best, best_rank = d, rank
    return best


def sentence_date(doc: Document, sentence: Span, default: Optional[str] = None) -> Optional[str]:
    """The best calendar date of a sentence (see best_date), else `default`."""
    return best_date(times_in(doc, sentence)) or default
