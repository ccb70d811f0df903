"""The word layer: tokens with lemma, part of speech and mood, and sentences, all with
character offsets, tuned to German news text. It is the one place where text becomes
words: every later stage reads `doc.tokens` / `doc.sentence_tokens(sentence)`.

Sentences never cross anatomy blocks (title, headings and captions are their own
sentences even without final punctuation). Full stops after abbreviations (z. B., Dr.,
u. a., Nr.), initials (George W. Bush) and ordinals (am 1. Mai) do not end a sentence;
closing quotes after a full stop belong to the sentence they close. Each sentence's
tokens are tagged once, in context (`tagging.py`: HanTa's STTS tag and lemma; the mood
of finite verbs from `mood.py`).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from pathlib import Path
from typing import Sequence


from ..document import Document, Sentence, Token
from ..datafiles import read_yaml
from ..lang import de
from .tagging import tag_tokens

# blocks whose text is read by later stages; the rest (credits, bylines, page clutter,
# the dateline and second copies of captions) holds no sentences
SENTENCE_ROLES = ("title", "lead", "heading", "body", "caption")
# blocks that have tokens: the sentence blocks and the dateline ("Wladiwostok/Berlin ."),
# which names a place but is no sentence
TOKEN_ROLES = SENTENCE_ROLES + ("dateline",)

_TOKEN = re.compile(r"""
    (?:[^\W\d_]\.){2,}                    # dotted abbreviations: u.a. z.B. U.S.
  | \d+(?:[.,:/]\d+)*                     # numbers, dates and times: 1.000 25.04.2019 14:30
  | [^\W_]+(?:[-'’][^\W_]+)*-?            # words, hyphenated compounds, truncated "Nord-"
  | \.\.\.|…                              # ellipsis
  | \S                                    # any other single character
""", re.X)

_END = {".", "!", "?", "…", "..."}
_CLOSERS = set("“”»«\"'’)]‘›")
_OPENERS = set("„“»«\"‚‹([–-")


@cache
def _tables() -> tuple[frozenset[str], frozenset[str]]:
    data = read_yaml(Path(__file__).parent / "abbreviations.yaml")
    return frozenset(data["abbreviations"]), frozenset(w.lower() for w in data["ordinal_before"])


_MONTHS = de.MONTHS | de.MONTH_ABBREVIATIONS


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of text[start:end]; a full stop is its own token unless it belongs to an
    abbreviation, an initial or an ordinal number."""
    end = len(text) if end is None else end
    abbrevs, ordinal_before = _tables()
    raw = [(m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
    out: list[Token] = []
    i = 0
    while i < len(raw):
        s, e = raw[i]
        word = text[s:e]
        nxt = raw[i + 1] if i + 1 < len(raw) else None
        if nxt and nxt[0] == e and text[nxt[0]:nxt[1]] == "." and _keeps_dot(text, word, out, raw, i, abbrevs, ordinal_before):
            out.append(Token(s, nxt[1], text[s:nxt[1]]))
            i += 2
            continue
        out.append(Token(s, e, word))
        i += 1
    return out


def _keeps_dot(text, word, out, raw, i, abbrevs, ordinal_before) -> bool:
    if word in abbrevs or (len(word) == 1 and word.isalpha()):
        return True
    if word.isdigit() and len(word) <= 3:
        after = raw[i + 2] if i + 2 < len(raw) else None
        nxt_word = text[after[0]:after[1]] if after else ""
        if not nxt_word or "\n" in text[raw[i + 1][1]:after[0]]:
            return False
        if nxt_word.lower() in _MONTHS or nxt_word[:1].islower() or nxt_word in ("und", "bis", "-", "–"):
            return True
        prev = out[-1].text.lower() if out else ""
        return prev in ordinal_before
    return False


def split_sentences(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Sentence spans over the tokens of one block."""
    spans = []
    first = 0
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        boundary = False
        j = i
        if tok.text in _END:
            while j + 1 < n and tokens[j + 1].text in _END:
                j += 1
            while j + 1 < n and tokens[j + 1].text in _CLOSERS and tokens[j + 1].start == tokens[j].end:
                j += 1
            nxt = tokens[j + 1] if j + 1 < n else None
            boundary = nxt is None or (_starts_sentence(nxt.text) and not _lowercase_quote(tokens, j + 1))
        elif i + 1 < n and "\n" in text[tok.end:tokens[i + 1].start]:
            # a line break inside a block ends a sentence when the next line starts anew
            nxt = tokens[i + 1].text
            boundary = _starts_sentence(nxt) or nxt[:1].isdigit()
        if boundary:
            spans.append((tokens[first].start, tokens[j].end))
            first = j + 1
        i = j + 1
    if first < n:
        spans.append((tokens[first].start, tokens[-1].end))
    return spans


# A "sentence" longer than this is no sentence but a table, a list or text without full
# stops (scraped pages have lines of 50,000 characters): it is cut into pieces, at a clause
# mark where there is one, so that no later stage reads thousands of words as one sentence
# (their rules look back and forth within a sentence). News sentences stay far below it:
# the longest of 5,581 in the eval and event-corpus articles has 156 tokens.
MAX_SENTENCE_TOKENS = 160
_CUT_AFTER = {",", ";", ":", "–", "—", "-"}


def bounded(spans: list[tuple[int, int]], tokens: list[Token]) -> list[tuple[int, int]]:
    """Sentence spans with every span of more than MAX_SENTENCE_TOKENS tokens cut: after
    the last clause mark among its first MAX_SENTENCE_TOKENS tokens (not in the first
    quarter), else after MAX_SENTENCE_TOKENS tokens."""
    out: list[tuple[int, int]] = []
    starts = [t.start for t in tokens]
    for s, e in spans:
        i, j = bisect_left(starts, s), bisect_left(starts, e)
        while j - i > MAX_SENTENCE_TOKENS:
            window = range(i + MAX_SENTENCE_TOKENS - 1, i + MAX_SENTENCE_TOKENS // 4, -1)
            cut = next((k for k in window if tokens[k].text in _CUT_AFTER), i + MAX_SENTENCE_TOKENS - 1)
            out.append((tokens[i].start, tokens[cut].end))
            i = cut + 1
        if i < j:
            out.append((tokens[i].start, e))
    return out


def _lowercase_quote(tokens: list[Token], k: int) -> bool:
    """Token k opens a quotation whose first word is lower case: the quoted words go on the
    sentence before ("…, Benedikt XVI. „ist und bleibt …“"), they start no new one."""
    return tokens[k].text in _QUOTE_OPENERS and k + 1 < len(tokens) and tokens[k + 1].text[:1].islower()


_QUOTE_OPENERS = set("„“»«\"‚‹")


def _starts_sentence(word: str) -> bool:
    c = word[:1]
    return c.isupper() or c in _OPENERS or c.isdigit()


def add_sentences(doc: Document) -> None:
    """Write doc.tokens (tagged) and doc.sentences, block by block (paragraph by paragraph
    without anatomy)."""
    regions = [(b.start, b.end, b.role) for b in doc.anatomy.blocks
               if b.role in TOKEN_ROLES and not b.duplicate]
    if not doc.anatomy.blocks:
        regions = [(m.start(), m.end(), "body") for m in re.finditer(r"\S(?:.|\n(?!\s*\n))*", doc.text)]
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    for start, end, role in regions:
        toks = tokenize(doc.text, start, end)
        if role not in SENTENCE_ROLES:
            tokens.extend(tag_tokens(toks))
            continue
        k = 0
        for s, e in bounded(split_sentences(doc.text, toks), toks):
            j = k
            while j < len(toks) and toks[j].end <= e:
                j += 1
            tokens.extend(tag_tokens(toks[k:j]))
            k = j
            sentences.append(Sentence(start=s, end=e, role=role))
        tokens.extend(toks[k:])
    doc.tokens = tokens
    doc.sentences = sentences


# characters that join two word parts into one word when nothing else stands between
# them: "Nord-Korea", "Bush's", "U.S", "AT&T", "km/h"
_JOINERS = frozenset("-'’′/.&")


def _wordchar(c: str) -> bool:
    return c.isalnum() or c == "_"


def word_spans(text: str, tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """The words among `tokens` (of one sentence) as names are matched: punctuation left
    out, a token's leading and trailing punctuation cut ("Dr." → "Dr", "Nord-" → "Nord"),
    parts joined by one of - ' ’ ′ / . & without a space made one word ("AT&T", "km/h"),
    and a token split at any other character ("14:30" → "14", "30")."""
    out: list[tuple[int, int]] = []
    for t in tokens:
        if t.text.isalnum():                  # the common case: one plain word or number
            if out and out[-1][1] + 1 == t.start and text[out[-1][1]] in _JOINERS:
                out[-1] = (out[-1][0], t.end)
            else:
                out.append((t.start, t.end))
            continue
        a = t.start
        while a < t.end:
            while a < t.end and not _wordchar(text[a]):
                a += 1
            b = a
            while b < t.end and (_wordchar(text[b]) or (
                    text[b] in _JOINERS and b + 1 < t.end and _wordchar(text[b + 1]) and b > a)):
                b += 1
            if b > a:
                if out and out[-1][1] + 1 == a and text[out[-1][1]] in _JOINERS:
                    out[-1] = (out[-1][0], b)     # "AT" "&" "T": one word
                else:
                    out.append((a, b))
            a = b
    return out


def words(text: str) -> list[str]:
    """The words of a short text (a name in a table, an entity's text), as `word_spans`."""
    return [text[a:b] for a, b in word_spans(text, tokenize(text))]
