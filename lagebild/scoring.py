"""String matching as `shared/eval/score.py` does it, for the evaluators of the stages
(`lagebild evaluate actors`, `lagebild evaluate anatomy`): case, spacing, quotation marks,
dashes, soft hyphens and Unicode composition do not count."""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Optional

# every quotation mark as '"', every long dash as '-'
QUOTES = str.maketrans({c: '"' for c in "„“”«»‚‘’‹›\"'"} | {"–": "-", "—": "-"})


def norm(s: Optional[str]) -> str:
    s = unicodedata.normalize("NFC", s or "").translate(QUOTES).replace("\u00ad", "")
    return re.sub(r"\s+", " ", s).strip().casefold()


def same_form(a: str, b: str) -> bool:
    """Equal up to case, spacing, quote marks and a genitive -s ("Putin", "Putins")."""
    a, b = norm(a), norm(b)
    return a == b or a + "s" == b or b + "s" == a or a + "'s" == b or b + "'s" == a


def contains_word(hay: str, needle: str) -> bool:
    """`needle` in `hay` as whole words, perhaps with a genitive -s."""
    hay, needle = norm(hay), norm(needle)
    return bool(needle) and re.search(r"(?<!\w)" + re.escape(needle) + r"s?(?!\w)", hay) is not None


def side_matches(strings: Iterable[str], names: Iterable[str]) -> bool:
    """Whether one of the system strings names one of the gold forms."""
    names = list(names)
    return any(contains_word(s, n) or same_form(s, n) for s in strings if s for n in names)
