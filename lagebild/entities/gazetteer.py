"""German country names (pycountry's list, names in German from babel, plus the
common short forms in countries.yaml) found by whole-word match: a fallback for
countries the NER model missed."""
from __future__ import annotations

import functools
import re
from pathlib import Path

from ..datafiles import read_yaml


HERE = Path(__file__).parent


@functools.cache
def country_names() -> frozenset[str]:
    import pycountry
    from babel import Locale
    de = Locale("de")
    names = set()
    for c in pycountry.countries:
        name = de.territories.get(c.alpha_2)
        if name:
            names.add(name)
    extra = read_yaml(HERE / "countries.yaml")
    names.update(extra.get("add") or [])
    names.difference_update(extra.get("drop") or [])
    # babel writes some with a comma qualifier ("Korea, Republik"): not running text
    return frozenset(n for n in names if "," not in n and "(" not in n)


@functools.cache
def _pattern() -> re.Pattern:
    names = sorted(country_names(), key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    # genitive -s allowed ("Frankreichs"); no letter may follow or precede
    return re.compile(rf"(?<![\w-])(?:{alt})s?(?![\w-])")


def country_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _pattern().finditer(text, start, len(text) if end is None else end)]
