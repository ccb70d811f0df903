"""The actors stage's working state: the word view of a document (`Tok`), the actors
drafted so far (`Draft`) and what links them (`_Doc`), a table name found in the text
(`Hit`), and the word lists and small token helpers every pass shares."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Optional

from ..document import Document, parse_date
from ..lang import de
from ..segment import word_spans
from .tables import WORDS, Entry, Tables


# the word lists are in data/words.yaml
# a word beginning with an Arabic article particle and a hyphen (al-Sisi, asch-Scharaa)
_PARTICLE_PREFIX = re.compile(r"^(?:" + "|".join(WORDS["particle_prefixes"]) + r")-\w", re.I)
# lower-case particles inside a name ("Ursula von der Leyen", "Osama bin Laden"); a name does
# not end in one
_NAME_PARTICLES = set(WORDS["name_particles"])
# name particles written apart that are no German word ("al Huthi", "bin Laden"): a
# capitalised word after one belongs to a person's name
_FOREIGN_PARTICLES = set(WORDS["foreign_name_particles"])
_DETS = set(WORDS["determiners"])                      # der, seine, diese, beide …
_GEN_DETS = set(WORDS["genitive_articles"])            # der, des
# never a name, even capitalised: function_words and the weekdays and months
_FUNCTION = set(WORDS["function_words"]) | de.WEEKDAYS | de.MONTHS


@dataclass
class Tok:
    start: int
    end: int
    text: str
    sent: int
    low: str = field(init=False, repr=False)     # read thousands of times per article: kept
    cap: bool = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.low = self.text.lower()
        self.cap = self.text[:1].isupper()


@dataclass
class Draft:
    key: str
    name: str
    kind: str
    country: Optional[str] = None
    sector: Optional[str] = None
    wikidata: Optional[str] = None
    mentions: dict = field(default_factory=dict)  # (start, end) -> text
    strength: int = 0  # how sure the country is: 3 table/explicit, 2 sentence, 1 article


class _Doc:
    """The actors stage's working state over one Document: its word layer seen as words
    (`Tok`, punctuation left out), the actors drafted so far and what links them."""

    def __init__(self, doc: Document, t: Tables):
        self.doc = doc
        self.t = t
        self.text = doc.text
        self.day = parse_date(doc.published)
        self.sents = [(s.start, s.end) for s in doc.sentences]
        # the word layer's tokens as names are matched: words only, "AT&T" one word
        self.toks: list[Tok] = []
        for si, sentence in enumerate(doc.sentences):
            for a, b in word_spans(self.text, doc.sentence_tokens(sentence)):
                self.toks.append(Tok(a, b, self.text[a:b], si))
        self.tok_starts = [t.start for t in self.toks]
        self.drafts: dict[str, Draft] = {}
        self.used: set[int] = set()          # token indices consumed by a mention
        self.tok_actor: dict[int, str] = {}  # token index -> actor key
        self.sent_countries: dict[int, Counter] = defaultdict(Counter)
        self.offices: dict[str, set] = defaultdict(set)  # person key -> {(office, country)}
        self.main: Optional[str] = None
        self.seen: set[str] = set()  # countries the article names
        self.owner: dict[tuple[int, int], str] = {}  # mention span -> the one actor it belongs to
        self.acronyms: dict[str, str] = {}  # lowercased acronym defined in the article -> actor key
        self.defined_heads: dict[str, str] = {}  # role lemma heading a defined name -> actor key
        self.compound_bodies: dict[tuple[str, str], str] = {}  # (role lemma, modifier) -> actor key
        self.body_heads: dict[tuple[str, str], str] = {}  # (body key, role class) -> named person key
        self.pending: list[tuple[int, int, str, str, str]] = []  # unnamed body roles: start, end, draft, body, class

    # --- setup ---------------------------------------------------------------------
    def title_sentences(self) -> set[int]:
        out = set()
        for b in self.doc.anatomy.blocks:
            if b.role in ("title", "lead"):
                for si, (s, e) in enumerate(self.sents):
                    if s >= b.start and e <= b.end:
                        out.add(si)
        if not out and self.sents:
            out.add(0)
        return out

    # --- actors --------------------------------------------------------------------
    def actor(self, key: str, name: str, kind: str, country=None, sector=None, wikidata=None,
              strength: int = 3) -> Draft:
        d = self.drafts.get(key)
        if d is None:
            d = self.drafts[key] = Draft(key, name, kind, country, sector, wikidata, strength=strength)
        else:
            if country and (d.country is None or strength > d.strength):
                d.country, d.strength = country, strength
            if sector and not d.sector:
                d.sector = sector
            if wikidata and not d.wikidata:
                d.wikidata = wikidata
        return d

    def mention(self, key: str, start: int, end: int, toks: range | None = None) -> bool:
        """Add a mention; a span already given to another actor stays there (one mention,
        one actor)."""
        owner = self.owner.get((start, end))
        if owner is not None and owner != key and (start, end) in self.drafts[owner].mentions:
            return False
        d = self.drafts[key]
        d.mentions[(start, end)] = self.text[start:end]
        self.owner[(start, end)] = key
        for i in toks or ():
            self.used.add(i)
            self.tok_actor[i] = key
        return True

    def release(self, start: int, end: int) -> None:
        """Drop the mentions made of whole words inside [start, end) and free their tokens
        (a longer name found around them). Looks up each span of words there, not every
        mention: a name is a few words, an article may have thousands of mentions."""
        lo, hi = self.tok_range(start, end)
        for a in range(lo, hi):
            for b in range(a, hi):
                span = (self.toks[a].start, self.toks[b].end)
                key = self.owner.pop(span, None)
                if key is not None:
                    self.drafts[key].mentions.pop(span, None)
        for i in range(lo, hi):
            self.used.discard(i)
            self.tok_actor.pop(i, None)

    def move(self, span: tuple[int, int], key: str) -> None:
        """Give a mention span to another actor (a better reading found later)."""
        for a in self.drafts.values():
            a.mentions.pop(span, None)
        self.drafts[key].mentions[span] = self.text[span[0]:span[1]]
        self.owner[span] = key

    def entry_actor(self, e: Entry, strength: int = 3) -> Draft:
        kind = e.kind if e.kind in ("person", "organization", "country", "group") else "organization"
        return self.actor(e.key, e.name, kind, e.country, e.sector, e.wikidata, strength=strength)

    # --- token helpers -------------------------------------------------------------
    def tok_index(self, offset: int) -> int:
        return bisect_left(self.tok_starts, offset)

    def tok_range(self, start: int, end: int) -> tuple[int, int]:
        """The tokens overlapping [start, end)."""
        i = max(0, bisect_right(self.tok_starts, start) - 1)
        if i < len(self.toks) and self.toks[i].end <= start:
            i += 1
        return i, bisect_left(self.tok_starts, end)

    def same_sent(self, i: int, j: int) -> bool:
        return 0 <= i < len(self.toks) and 0 <= j < len(self.toks) and self.toks[i].sent == self.toks[j].sent

    def gap(self, i: int, j: int) -> str:
        """The text between token i and token j (i < j)."""
        return self.text[self.toks[i].end:self.toks[j].start]


@dataclass
class Hit:
    i: int            # first token
    j: int            # last token + 1
    start: int
    end: int
    entries: list[Entry]


# the definite articles and the demonstratives that refer back like them (definite_demonstratives)
_DEFINITE = de.DEFINITE_ARTICLES | set(WORDS["definite_demonstratives"])


def _word_before(d: _Doc, offset: int) -> str:
    words = d.text[max(0, offset - 20):offset].split()
    return words[-1].lower() if words else ""


def _is_name_tok(d: _Doc, i: int) -> bool:
    if i >= len(d.toks):
        return False
    tok = d.toks[i]
    if i in d.used:
        return False
    w = tok.text
    if _PARTICLE_PREFIX.match(w):
        return True
    if not w[:1].isupper() or w.isupper() and len(w) > 1 and not w.endswith("."):
        return w[:1].isupper() and len(w) == 2 and w.endswith(".")  # initials "W."
    low = w.lower()
    if low in _FUNCTION or d.t.role_of(w) or low in d.t.adjectives or low in d.t.demonyms:
        return False
    if (low,) in d.t.phrases:
        return any(e.kind == "person" for e in d.t.phrases[(low,)])
    if re.search(r"\d", w) or w in d.t.common_nouns:
        return False
    return True
