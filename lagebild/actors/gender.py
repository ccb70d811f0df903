"""A person's grammatical gender, as the article says it: the role nouns and titles of
the person's mentions and the word right before them ("Bundeskanzlerin Angela Merkel",
"Frau Schwarzer", "US-Präsident Obama"). Feminine role forms are the -in forms of
roles.tsv; other gendered words are data (`data/gendered_words.tsv`). Readers: the role
links of the actors stage ("die Bundeskanzlerin" is not Willy Brandt) and the quotes'
pronouns ("sagte sie"), through the internal layer `genders` (actor id → "f" | "m").
"""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Iterable, Optional

from .tables import Tables

DATA = Path(__file__).parent / "data"
_STRIP = ",.;:„“\"()"


@cache
def _gendered_words() -> dict[str, str]:
    out = {}
    for line in (DATA / "gendered_words.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, gender = line.split("\t")
            out[word.lower()] = gender.strip()
    return out


def word_gender(t: Tables, word: str) -> Optional[str]:
    """"f" or "m" where the word is a gendered title or a singular role noun with a form of
    the other gender ("Kanzlerin" f, "Kanzler" m; "Sprecher" m; "Kanzlerinnen" none)."""
    w = word.strip(_STRIP).lower()
    if not w:
        return None
    known = _gendered_words().get(w)
    if known:
        return known
    if w.endswith("innen") or t.role_of(w) is None:
        return None
    if w.endswith("in") and t.role_of(w[:-2]) is not None:
        return "f"
    if t.role_of(w + "in") is not None:
        return "m"
    return None


def gender_of(t: Tables, words: Iterable[str]) -> Optional[str]:
    """The one gender the words say, None where they say none or both."""
    votes = {g for g in (word_gender(t, w) for w in words) if g}
    return votes.pop() if len(votes) == 1 else None


def mention_words(text: str, start: int, end: int) -> list[str]:
    """The words of a mention and the word right before it ("Frau" of "Frau Schwarzer")."""
    return text[start:end].split() + text[max(0, start - 30):start].split()[-1:]
