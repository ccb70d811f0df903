"""The recognisers of `patterns.yaml`, compiled once, and the publication date they read."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Optional

from ..datafiles import read_yaml
from ..lang.de import MONTH_NUMBERS


@dataclass(frozen=True)
class Patterns:
    dateline: re.Pattern
    credit: tuple[re.Pattern, ...]
    credit_in_caption: tuple[re.Pattern, ...]
    byline: tuple[re.Pattern, ...]
    byline_dated: re.Pattern
    published: re.Pattern
    signoff: re.Pattern
    signoff_agency: re.Pattern
    boilerplate: tuple[re.Pattern, ...]
    heading_max_words: int
    heading_max_chars: int
    heading_bad_end: str
    heading_colon_max_words: int
    heading_ticker: re.Pattern
    heading_ticker_max_words: int
    heading_day: re.Pattern
    title_max_words: int
    title_max_chars: int
    confidence: dict


@cache
def patterns() -> Patterns:
    p = read_yaml(Path(__file__).parent / "patterns.yaml")
    return Patterns(
        dateline=re.compile(p["dateline"], re.X),  # folded YAML: spaces are layout
        credit=tuple(re.compile(c, re.I | re.M) for c in p["credit"]),
        credit_in_caption=tuple(re.compile(c, re.I | re.M) for c in p["credit_in_caption"]),
        byline=tuple(re.compile(b) for b in p["byline"]),
        byline_dated=re.compile(p["byline_dated"]),
        published=re.compile(p["published"], re.X | re.I),
        signoff=re.compile(p["signoff"]),
        signoff_agency=re.compile(p["signoff_agency"]),
        boilerplate=tuple(re.compile(b, re.I) for b in p["boilerplate"]),
        heading_max_words=p["heading_max_words"], heading_max_chars=p["heading_max_chars"],
        heading_bad_end=p["heading_bad_end"], heading_colon_max_words=p["heading_colon_max_words"],
        heading_ticker=re.compile(p["heading_ticker"]), heading_ticker_max_words=p["heading_ticker_max_words"],
        heading_day=re.compile(p["heading_day"]),
        title_max_words=p["title_max_words"], title_max_chars=p["title_max_chars"],
        confidence=p["confidence"],
    )


def published_in(line: str) -> Optional[str]:
    """The publication date a whole line states ("28.04.2023, 00:00 Uhr", "Stand: 3. Mai
    2024"), as ISO "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"; None if the line is not such a date."""
    m = patterns().published.match(line.strip())
    if not m:
        return None
    month = int(m["month"]) if m["month"] else MONTH_NUMBERS.get(m["month_name"].casefold().rstrip("."))
    day, year = int(m["day"]), int(m["year"])
    if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    date = f"{year:04d}-{month:02d}-{day:02d}"
    if m["hour"] is not None and int(m["hour"]) < 24 and int(m["minute"]) < 60:
        return f"{date}T{int(m['hour']):02d}:{m['minute']}"
    return date
