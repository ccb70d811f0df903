"""Part of speech, lemma and verb mood for the words of a sentence: the word layer's tags.

The tags and lemmas come from the Hanover Tagger (HanTa, a morphological model shipped on
PyPI, LGPL-3.0; an HMM over the whole sentence, so a word is tagged in its context),
loaded once per process. Finite verbs also get their mood (`mood.py`). This is the only
place where words are tagged: every stage reads the tags from `doc.tokens`.
"""
from __future__ import annotations

from functools import cache, lru_cache

from ..document import Token
from .mood import FINITE_TAGS, mood


@cache
def _tagger():
    from HanTa import HanoverTagger as ht
    tagger = ht.HanoverTagger("morphmodel_ger.pgz")
    # HanTa analyses every word afresh in each sentence (its candidate tags, and the lemma
    # for the chosen tag), though both depend on the word alone: memoised per process, the
    # tags are the same and tagging takes half the time (hanta is pinned: these are its
    # internal methods, checked by tests/test_word_layer.py)
    tagger._tag_word = lru_cache(maxsize=200_000)(tagger._tag_word)
    tagger._analyze = lru_cache(maxsize=200_000)(tagger._analyze)
    return tagger


def tag(words: list[str]) -> list[tuple[str, str, str]]:
    """(word, lemma, STTS-like tag) per word, from HanTa's sentence tagger."""
    if not words:
        return []
    return _tagger().tag_sent(list(words))


def tag_tokens(tokens: list[Token]) -> list[Token]:
    """The tokens of one sentence with lemma, part of speech and (finite verbs) mood."""
    out = []
    for t, (_, lemma, pos) in zip(tokens, tag([t.text for t in tokens])):
        lemma = lemma or t.text
        out.append(t._replace(lemma=lemma, pos=pos, mood=mood(t.text, lemma) if pos in FINITE_TAGS else None))
    return out
