"""Spellings of one name across transliterations: a skeleton that "Nawalny" and
"Navalny", "Prigoschin" and "Prigozhin", "Ahmadinedschad" and "Ahmadinejad" share.

The rules are data (`data/transliteration.tsv`). A skeleton is lossy on purpose: the
actors stage compares skeletons only among the persons of one article, and only where
both the given and the family name agree (or one of them is named by family name alone).
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
_VOWELS_AFTER_FIRST = re.compile(r"(?<=.)[aeiou]+")
_DOUBLED = re.compile(r"(.)\1+")
_LETTERS_AFTER_FIRST = re.compile(r"(?<=.)[aeiouy]+")     # vowels of the plain spelling


@cache
def _rules() -> tuple[tuple[str, tuple[str, ...]], ...]:
    rules = []
    for line in (DATA / "transliteration.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            src, targets = line.split("\t")
            rules.append((src, tuple(targets.split("|"))))
    return tuple(rules)


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if ch.isalpha())


# the spellings of every name word met are memoised, up to a bound: a corpus run meets
# millions of distinct names, and an unbounded memo grows with them
_MEMO_SIZE = 100_000


@lru_cache(maxsize=_MEMO_SIZE)
def _readings(word: str) -> frozenset[str]:
    forms = {_plain(word)}
    for src, targets in _rules():
        forms = {f.replace(src, t) for f in forms for t in targets}
    return frozenset(_DOUBLED.sub(r"\1", f) for f in forms)


def name_keys(word: str) -> frozenset[str]:
    """Keys two spellings of one name word share whenever `same_word` holds (a reading or a
    skeleton), so that candidates can be looked up instead of compared pair by pair."""
    return _readings(word) | frozenset("~" + s for s in skeletons(word))


@lru_cache(maxsize=_MEMO_SIZE)
def skeletons(word: str) -> frozenset[str]:
    """The skeletons of one word of a name (several where a letter reads two ways)."""
    return frozenset(x for x in (_VOWELS_AFTER_FIRST.sub("", f) for f in _readings(word)) if x)


def _consonants(word: str) -> str:
    return _LETTERS_AFTER_FIRST.sub("", _DOUBLED.sub(r"\1", _plain(word)))


def same_word(a: str, b: str) -> bool:
    """Two spellings of one name word: the same after the transliteration rules
    ("Nawalny", "Navalny"), or with the same skeleton where the rules were needed for the
    consonants ("Gorbatschow", "Gorbachev"). Names that differ in vowels alone are two
    names ("Müller", "Miller"; "Merkel", "Markl")."""
    if a == b:
        return True
    if _readings(a) & _readings(b):
        return True
    return bool(skeletons(a) & skeletons(b)) and _consonants(a) != _consonants(b)
