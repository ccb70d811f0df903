"""Spans looked up by position: the overlap and containment questions stages ask once per
mention, token or quote, answered by bisection instead of a pass over every span, so that
a stage stays linear in the length of the article."""
from __future__ import annotations

from bisect import bisect_left
from typing import Generic, Iterable, TypeVar

T = TypeVar("T")


class SpanIndex(Generic[T]):
    """(start, end, item) triples sorted by start. A query looks at the spans that start
    within the longest span's length before it, so it costs O(log n + k) for the usual
    short spans (names, entities, places)."""

    def __init__(self, spans: Iterable[tuple[int, int, T]]):
        self.spans = sorted(spans, key=lambda s: (s[0], s[1]))
        self.starts = [s[0] for s in self.spans]
        self.longest = max((e - s for s, e, _ in self.spans), default=0)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, T]]:
        """The spans that share a character with [start, end)."""
        out = []
        i = bisect_left(self.starts, start - self.longest)
        while i < len(self.spans) and self.starts[i] < end:
            s, e, item = self.spans[i]
            if e > start:
                out.append(self.spans[i])
            i += 1
        return out

    def any_overlapping(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, start - self.longest)
        while i < len(self.spans) and self.starts[i] < end:
            if self.spans[i][1] > start:
                return True
            i += 1
        return False

    def containing(self, start: int, end: int) -> list[tuple[int, int, T]]:
        """The spans that hold all of [start, end)."""
        return [s for s in self.overlapping(start, end) if s[0] <= start and end <= s[1]]

    def inside(self, start: int, end: int) -> list[tuple[int, int, T]]:
        """The spans that lie within [start, end)."""
        return [s for s in self.overlapping(start, end) if start <= s[0] and s[1] <= end]
