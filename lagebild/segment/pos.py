"""Part-of-speech tags and lemmas for German words, from the Hanover Tagger (HanTa, a
morphological model shipped on PyPI, LGPL-3.0), loaded once per process. Shared by the
stages that need word classes: the quotes stage (verb mood) and the entities stage (a
capitalised adjective opening a sentence is no name)."""
from __future__ import annotations

from functools import cache


@cache
def _tagger():
    from HanTa import HanoverTagger as ht
    return ht.HanoverTagger("morphmodel_ger.pgz")


def tag(words: list[str]) -> list[tuple[str, str, str]]:
    """(word, lemma, STTS-like tag) per word, from HanTa's sentence tagger."""
    if not words:
        return []
    return _tagger().tag_sent(list(words))
