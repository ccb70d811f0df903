"""Part of speech, lemma and verb mood for the words of a sentence: the word layer's tags.

The tags and lemmas come from the Hanover Tagger (HanTa, a morphological model shipped on
PyPI, LGPL-3.0; an HMM over the whole sentence, so a word is tagged in its context),
loaded once per process. Finite verbs also get their mood (`mood.py`). This is the only
place where words are tagged: every stage reads the tags from `doc.tokens`.
"""
from __future__ import annotations

import gzip
import math
from functools import cache, lru_cache
from pathlib import Path

from ..document import Token
from ..lang import de
from .mood import FINITE_TAGS, mood
from .morphology import Morphology, read_stored

# HanTa's analyses of frequent news words, so that a fresh process looks them up instead of
# searching (built by `lagebild train word-analyses`)
STORED_ANALYSES = Path(__file__).with_name("word_analyses.tsv.gz")


@cache
def _tagger():
    from HanTa import HanoverTagger as ht
    tagger = ht.HanoverTagger("morphmodel_ger.pgz")
    # the morphological search over an unseen word's segments, the same search made faster
    # (morphology.py): a fresh process spends half its word-layer time there
    morphology = Morphology(tagger, _stored_analyses())
    tagger.analyze_forward = morphology.analyze_forward
    tagger.analyze_viterbi = morphology.analyze_viterbi
    # HanTa analyses every word afresh in each sentence (its candidate tags, and the lemma
    # for the chosen tag), though both depend on the word alone: memoised per process, the
    # tags are the same and tagging takes half the time (hanta is pinned: these are its
    # internal methods, checked by tests/test_word_layer.py)
    tagger._tag_word = lru_cache(maxsize=200_000)(tagger._tag_word)
    tagger._analyze = lru_cache(maxsize=200_000)(tagger._analyze)
    return tagger


def _stored_analyses() -> dict[str, str]:
    if not STORED_ANALYSES.exists():
        return {}
    with gzip.open(STORED_ANALYSES, "rt", encoding="utf-8") as f:
        return read_stored(f.read())


def tag(words: list[str]) -> list[tuple[str, str, str]]:
    """(word, lemma, STTS-like tag) per word: HanTa's `tag_sent` (taglevel 1), with its
    Viterbi search done by `_viterbi`."""
    if not words:
        return []
    tagger = _tagger()
    tags = _viterbi(tagger, words)
    return [(w, tagger._analyze(w, t, taglevel=1)[0], tagger.int2tag[t]) for w, t in zip(words, tags)]


# HanTa's state constants (HanoverTagger.EMPTY, START, END, UNKNOWN)
_EMPTY, _START, _END, _UNKNOWN = 0, 1, 2, 3
_LOWER_BOUND = -1e6


def _viterbi(tagger, sent: list[str]) -> list[int]:
    """HanTa's `tag_sent_viterbi` (case-sensitive), the same search in the same order with
    the same sums, but each state is extended only by the few tags the next word can have
    instead of by every tag it may be followed by: the tagger's main cost. A word without
    candidate tags (unknown) still tries every transition, as HanTa does.
    tests/test_word_layer.py checks that the tags equal HanTa's own."""
    table: list[dict] = []
    backpointer: list[dict] = []
    for i, w in enumerate(sent):
        wprobs = dict(tagger._tag_word(w, cutoff=5, casesensitive=i > 0, conditional=True))
        unknown = not wprobs or (len(wprobs) == 1 and _UNKNOWN in wprobs)
        prevrow = table[i - 1] if i else {(_EMPTY, _START): 0.0}
        rowbound = sorted(prevrow.values(), reverse=True)[5] - 1 if len(prevrow) > 5 else _LOWER_BOUND
        row: dict = {}
        back: dict = {}
        for state, lp0 in prevrow.items():
            if lp0 < rowbound:
                continue
            transitions = tagger.LP_trans_word[state]
            if unknown:
                candidates = ((c, lp_tc, 0) for c, lp_tc in transitions.items())
            else:
                candidates = ((c, transitions[c], lpwc) for c, lpwc in wprobs.items() if c in transitions)
            for c, lp_tc, lpwc in candidates:
                if c == _END:
                    continue
                lp = lp0 + lp_tc + lpwc
                if lp > _LOWER_BOUND:
                    newstate = (state[1], c)
                    if newstate not in row or lp > row[newstate]:
                        row[newstate] = lp
                        back[newstate] = state
        table.append(row)
        backpointer.append(back)
    best, final_back = None, None
    for state, lp0 in table[-1].items():
        lp = lp0 + tagger.LP_trans_word[state].get(_END, -math.inf)
        if best is None or lp > best:
            best, final_back = lp, state
    tags = []
    state = final_back
    for i in range(len(backpointer) - 1, -1, -1):
        tags.append(state[1])
        state = backpointer[i][state]
    return tags[::-1]


def tag_tokens(tokens: list[Token]) -> list[Token]:
    """The tokens of one sentence with lemma, part of speech and (finite verbs) mood."""
    out = []
    for i, (t, (_, lemma, pos)) in enumerate(zip(tokens, tag([t.text for t in tokens]))):
        lemma = lemma or t.text
        if _foreign_in_name(tokens, i):
            lemma, pos = t.text, "FM"
        out.append(t._replace(lemma=lemma, pos=pos, mood=mood(t.text, lemma) if pos in FINITE_TAGS else None))
    return out


def _foreign_in_name(tokens: list[Token], i: int) -> bool:
    """A lower-case word after a Romance name particle that follows a capitalised word
    ("Front de gauche"): HanTa reads "gauche" as a German verb in the subjunctive."""
    return i >= 2 and tokens[i].text[:1].islower() and tokens[i].text.isalpha() \
        and tokens[i - 1].text in de.ROMANCE_PARTICLES and tokens[i - 2].text[:1].isupper()
