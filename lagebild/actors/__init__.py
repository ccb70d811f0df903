"""Actors: every mention of a person, organisation, country or group merged into one actor.

`add_actors(doc)` reads the sentences and the word layer (and the NER entities when there
are any) and writes `doc.actors`: one Actor per real-world actor with its canonical name, kind,
country (ISO alpha-3, or IGO/NGO/IMG), PLOVER sector, Wikidata id where the tables know
it, and every mention with offsets.

How mentions are found and linked (German knowledge lives in data/, see tables.py):
- gazetteer names: countries (and their genitives, capitals and seats as metonyms for the
  government: "Moskau", "Kreml", "Weißes Haus"), organisations (UN, EU, NATO, parties,
  media), well-known office holders;
- role nouns with what they say (Präsident → GOV person, Polizei → COP organisation,
  Demonstranten → CVL group, Regierung → the country's government), their country taken
  from a prefix ("US-Präsident"), an adjective ("der russische Präsident"), a genitive
  ("Russlands Präsident", "Regierung Österreichs", "Sprecher des Weißen Hauses"), or else
  the sentence's or the article's country;
- persons: office holders from the table, NER PER entities, a capitalised name after a
  role noun ("Außenminister Sergei Lawrow") or starting with a known given name, or set
  off by an apposition ("Kemal Bedri, Vorsitzender der Wahlkommission");
- a role without a name ("der Kremlchef", "des Präsidenten") goes to the person holding
  that role in the article, or in the office-holder table on the publication date;
- later surname mentions ("Putin", "Putins") join the full name.

`actor_at(doc, start, end)` gives later stages the actor a span refers to.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Optional

from ..document import Actor, Document, Mention, Reference, parse_date
from ..lang import de
from ..segment import word_spans, words as words_of
from .coref import COUNTRY_NOUNS, pairs, references
from .gender import gender_of, mention_words, word_gender
from .spelling import name_keys, same_word
from .tables import Entry, Role, Tables, load_tables, user_files

__all__ = ["add_actors", "actor_at", "actors_of", "shared_mentions", "use_actor_files"]

_EXTRA_FILES: tuple[str, ...] = ()


def use_actor_files(paths) -> None:
    """Extend the tables with user files for the rest of this process (--actors FILE)."""
    global _EXTRA_FILES
    _EXTRA_FILES = tuple(str(p) for p in paths)


def _tables() -> Tables:
    return load_tables(tuple(user_files()) + _EXTRA_FILES)


_PARTICLE = re.compile(r"^(?:al|as|el|ad|ar|asch|an|at|az|ash|ibn|bin|abu|ben|van|von|de|da|di|du|la|le)-?$", re.I)
_PARTICLE_PREFIX = re.compile(r"^(?:al|as|el|ad|ar|asch|an|at|az|ash)-\w", re.I)
_NAME_PARTICLES = {"von", "van", "de", "der", "zu", "bin", "ibn", "da", "di", "du", "le", "la", "dos", "del"}
_DETS = {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen",
         "sein", "seine", "seiner", "seinem", "seinen", "ihr", "ihre", "ihrer", "ihrem", "ihren",
         "dessen", "deren", "diese", "dieser", "diesem", "diesen", "jene", "jener", "mehrere", "einige",
         "viele", "zahlreiche", "alle", "beiden", "beide", "zwei", "drei"}
_GEN_DETS = {"der", "des"}
_LOC_PREPS = {"in", "im", "aus", "nach", "bei"}
_FUNCTION = {"der", "die", "das", "des", "dem", "den", "ein", "eine", "und", "oder", "aber", "in", "im",
             "am", "an", "auf", "aus", "bei", "mit", "nach", "von", "vom", "zu", "zum", "zur", "für",
             "über", "unter", "vor", "gegen", "seit", "als", "wie", "nicht", "auch", "noch", "nur",
             "so", "dass", "wenn", "weil", "doch", "er", "sie", "es", "wir", "ihr", "ich", "man",
             "dies", "diese", "dieser", "dieses", "jedoch", "bereits", "zuvor", "damit", "dabei",
             "während", "nachdem", "bis", "um", "sich", "sein", "seine", "ihre", "ihren", "hat",
             "hatte", "ist", "war", "wird", "wurde", "werden", "sind", "waren", "haben", "hatten",
             "kein", "keine", "alle", "beim", "durch", "ohne", "laut", "zufolge", "neben", "heute",
             "gestern", "morgen", "herr", "frau", "dr", "prof"} | de.WEEKDAYS | de.MONTHS
_STOP_ACRONYMS = {"TV", "PC", "CD", "DVD", "SMS", "USB", "AKW", "LKW", "PKW", "EDV", "GMBH", "AG", "UKW",
                  "KW", "OK", "DNA", "DNS", "HIV", "AIDS", "SARS", "UFO", "IT", "KI", "CO2", "NS", "II",
                  "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "ABC", "BIP", "MEZ", "UTC", "GMT",
                  "PS", "KM", "CM", "MM", "KG", "MW", "GW", "US", "USA", "EU", "UN", "A", "B", "C", "D",
                  "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U",
                  "V", "W", "X", "Y", "Z", "WM", "EM", "FAQ", "PDF", "URL", "SUV", "NGO", "NGOS"}
_OPEN_Q = "„“\"»«‚‘"
_CLOSE_Q = "“”\"«»‘’"


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




# =====================================================================================
# the stage
# =====================================================================================

def add_actors(doc: Document) -> None:
    """Write doc.actors (reads the word layer, and the entities when there are any)."""
    doc.require("tokens", stage="actors")
    t = _tables()
    d = _Doc(doc, t)
    hits = _gazetteer_hits(d)
    _context_countries(d, hits)
    _table_mentions(d, hits)
    _acronym_definitions(d)
    _entity_mentions(d)
    _name_heuristics(d)
    _surnames(d)
    _quoted_orgs(d)
    _named_orgs(d)
    _table_offices(d)
    _roles(d)
    _source_compounds(d)
    _link_body_roles(d)
    _link_org_roles(d)
    _age_descriptions(d)
    _demonyms(d)
    _acronym_orgs(d)
    _surnames(d)
    _merge_spellings(d)
    doc.actors = _finish(d)
    doc.internal["genders"] = {a.id: g for a in doc.actors if a.kind == "person"
                               and (g := gender_of(t, (w for m in a.mentions
                                                       for w in mention_words(doc.text, m.start, m.end)))) is not None}
    by_id = {a.id: a for a in doc.actors}
    for r in references(doc, doc.internal["genders"]) + pairs(doc, lambda word: _plural_noun_kinds(t, word)):
        by_id[r.actor].references.append(Reference(start=r.start, end=r.end, text=r.text, confidence=r.confidence))
    for a in doc.actors:
        a.references.sort(key=lambda r: r.start)


def _plural_noun_kinds(t: Tables, word: str) -> Optional[tuple[str, ...]]:
    """The actor kinds "die beiden <word>" may stand for: countries for Länder, Staaten,
    Regierungen; persons for a person role (Staatschefs, Präsidenten) or Männer, Frauen;
    organisations for an organisation role (Parteien)."""
    low = word.lower()
    if low in COUNTRY_NOUNS:
        return ("country",)
    if low in ("männer", "frauen", "politiker", "kontrahenten", "rivalen"):
        return ("person",)
    role = t.role_of(word)
    if role is None:
        return None
    return {"person": ("person",), "organization": ("organization",),
            "government": ("country",)}.get(role[0].kind)


def actors_of(text: str, published: Optional[str] = None) -> list[Actor]:
    """Actors of a bare text (the word layer made first); for tests and quick use."""
    from ..segment import add_sentences
    doc = Document.new(text, published=published)
    add_sentences(doc)
    add_actors(doc)
    return doc.actors


def nationality(word: str) -> Optional[str]:
    """The country code a nationality adjective names ("israelischen" → ISR, "Moskauer" →
    RUS), from the same tables the actors are found with; None for other words."""
    return _tables().adjectives.get(word.lower())


def country_actor(doc: Document, code: str) -> Optional[Actor]:
    """The document's actor for country `code` itself (kind country), else its one
    government or military organisation; None where the article has none."""
    own = [a for a in doc.actors if a.country == code]
    country = [a for a in own if a.kind == "country"]
    if country:
        return country[0]
    state = [a for a in own if a.kind == "organization" and a.sector in ("GOV", "MIL")]
    return state[0] if len(state) == 1 else None


def actor_at(doc: Document, start: int, end: int) -> Optional[Actor]:
    """The actor with a mention overlapping [start, end); the one whose mention overlaps
    most (ties: the shorter mention) when several do."""
    best, best_key = None, None
    for a, m in doc.mentions_overlapping(start, end):       # in the order of doc.actors
        key = (min(end, m.end) - max(start, m.start), -(m.end - m.start))
        if best_key is None or key > best_key:
            best, best_key = a, key
    return best


# =====================================================================================
# 1. gazetteer
# =====================================================================================

@dataclass
class Hit:
    i: int            # first token
    j: int            # last token + 1
    start: int
    end: int
    entries: list[Entry]


def _gazetteer_hits(d: _Doc) -> list[Hit]:
    t, toks = d.t, d.toks
    lows = [x.low for x in toks]
    hits: list[Hit] = []
    i = 0
    while i < len(toks):
        found = None
        for n in range(min(t.reach.get(lows[i], 1), len(toks) - i), 0, -1):
            if toks[i + n - 1].sent != toks[i].sent:
                continue
            entries = t.phrases.get(tuple(lows[i:i + n]))
            span = toks[i:i + n] if entries else None
            if entries and _surface_ok(d, span, entries):
                found = Hit(i, i + n, span[0].start, span[-1].end, entries)
                break
        if found:
            hits.append(found)
            i = found.j
            continue
        # parts of compounds: "SPD/Grünen", "G8-Gipfel", "US-Botschaft", "Kataeb-Hezbollah-Funktionär"
        tok = toks[i]
        truncated = _truncated_name(d, i)
        if truncated:
            hits.append(truncated)
        elif "/" in tok.text:
            pos = tok.start
            for part in tok.text.split("/"):
                entries = t.phrases.get((part.lower(),))
                if entries and part[:1].isupper():
                    hits.append(Hit(i, i + 1, pos, pos + len(part), entries))
                pos += len(part) + 1
        elif "-" in tok.text:
            parts = tok.text.split("-")
            if t.role_of(tok.text):
                i += 1  # "US-Präsident", "Kreml-Sprecher": the role noun decides
                continue
            for k in range(len(parts) - 1, 0, -1):
                pre = "-".join(parts[:k])
                entries = t.phrases.get((pre.lower(),))
                if entries and _surface_ok(d, [Tok(tok.start, tok.start + len(pre), pre, tok.sent)], entries):
                    hits.append(Hit(i, i + 1, tok.start, tok.start + len(pre), entries))
                    break
        i += 1
    return hits


def _truncated_name(d: _Doc, i: int) -> Optional[Hit]:
    """The first half of a truncated coordination: "Nord-" in "Nord- und Südkorea" is
    Nordkorea, completed with the head the two share ("korea"), when that makes a name."""
    toks = d.toks
    tok = toks[i]
    # the word view cuts the hyphen off ("Nord-" → "Nord"): it is the character after the word
    if not (d.text[tok.end:tok.end + 2] in ("- ", "-\n") and len(tok.text) > 1 and tok.cap and i + 2 < len(toks)):
        return None
    if toks[i + 1].low not in _COORDINATORS or toks[i + 2].sent != tok.sent:
        return None
    second = toks[i + 2].text
    for k in range(1, len(second) - 2):
        head = second[k:]
        if head[:1].islower():
            entries = d.t.phrases.get(((tok.text + head).lower(),))
            if entries:
                return Hit(i, i + 1, tok.start, tok.end, entries)
    return None


_COORDINATORS = {"und", "oder", "sowie", "bzw.", "beziehungsweise", ","}


def _surface_ok(d: _Doc, span: list[Tok], entries: list[Entry]) -> bool:
    """Names are capitalised: a lower-case word is not a name (die linke Seite), an
    acronym must be written in capitals (IS, AU)."""
    first = span[0].text
    if d.t.caps_only.get(tuple(x.low for x in span)) and not first.rstrip("s").isupper():
        return False
    if not first[:1].isupper():
        # "das auswärtige Amt", "al-Arabiya"
        if not (len(span) >= 2 and span[-1].text[:1].isupper()) and not _PARTICLE_PREFIX.match(first):
            return False
    if len(span) == 1 and len(first) <= 5:
        # short one-word names: acronyms must be upper case, others title case
        forms_upper = any(e.name.isupper() or e.key.split(":", 1)[1].isupper() for e in entries)
        if first.rstrip("s").isupper() or first.isupper():
            return True
        if forms_upper and len(first) <= 3:
            return False
    return True


# =====================================================================================
# 2. the article's countries
# =====================================================================================

def _context_countries(d: _Doc, hits: list[Hit]) -> None:
    weights: Counter = Counter()
    heads = d.title_sentences()
    for h in hits:
        for e in h.entries:
            if e.kind == "country" and e.country and e.key.startswith("C:"):
                si = d.toks[h.i].sent
                d.sent_countries[si][e.country] += 1
                weights[e.country] += 3 if si in heads else 1
                break
            if e.kind == "person" and e.country and not e.single_alias and e.country not in ("IGO", "IMG"):
                weights[e.country] += 1
                break
            if e.kind == "organization" and e.country and len(e.country) == 3 and e.country not in (
                    "IGO", "NGO", "IMG", "MNC"):
                weights[e.country] += 0.5  # "SPD", "Hamas": a hint, weaker than a country's name
                break
    for i, tok in enumerate(d.toks):
        code = d.t.adjectives.get(tok.low) if not tok.cap or tok.low.endswith("er") else None
        if "-" in tok.text and not code:
            pre = tok.text.split("-")[0].lower()
            e = d.t.prefixes.get(pre)
            if e is not None and e.kind == "country":
                code = e.country
        if code:
            d.sent_countries[tok.sent][code] += 1
            weights[code] += 3 if tok.sent in heads else 1
    for ent in d.doc.entities:
        if ent.label == "LOC":
            pass  # countries are in the gazetteer already
    if weights:
        d.main = weights.most_common(1)[0][0]
    d.seen = set(weights) | {"IGO", "IMG", "NGO"}


def _country_near(d: _Doc, i: int) -> tuple[Optional[str], int]:
    """The country a role at token i most likely belongs to when nothing in its noun
    phrase says: the only country of its sentence, else the article's."""
    si = d.toks[i].sent
    c = d.sent_countries.get(si)
    if c:
        top = c.most_common()
        if len(top) == 1 or top[0][1] > top[1][1]:
            return top[0][0], 2
        if d.main in c:
            return d.main, 2
    return d.main, 1


# =====================================================================================
# 3. table names
# =====================================================================================

def _holder_entries(d: _Doc, entries: list[Entry], strict: bool = False) -> list[Entry]:
    """Among person entries for one name, the one in office on the article's date, else
    (unless strict) those in office within some years of it."""
    people = [e for e in entries if e.kind == "person"]
    if not people:
        return entries
    keep = []
    for e in people:
        hs = [h for h in d.t.holders if h.name == e.name and h.country == e.country]
        if any(h.holds_on(d.day) for h in hs):
            return [e]
        if not strict and any(h.near(d.day) for h in hs):
            keep.append(e)
    return keep


def _in_office(d: _Doc, e: Entry) -> bool:
    return any(h.name == e.name and h.country == e.country and h.holds_on(d.day) for h in d.t.holders)


def _inside_other_name(d: _Doc, h: "Hit") -> bool:
    """A table surname right after a given name or before another capitalised name word
    belongs to a longer name the table does not know."""
    i, j = h.i, h.j
    if i > 0 and d.same_sent(i - 1, i) and d.gap(i - 1, i) == " " and d.toks[i - 1].text in d.t.given_names \
            and (i - 1) not in d.used:
        return True
    if j < len(d.toks) and d.same_sent(j - 1, j) and d.gap(j - 1, j) == " " and _is_name_tok(d, j) \
            and d.toks[j].cap and not d.t.role_of(d.toks[j].text) and d.toks[j].text not in d.t.common_nouns \
            and (d.toks[j].low,) not in d.t.phrases:
        return True
    return False


def _table_mentions(d: _Doc, hits: list[Hit]) -> None:
    full_names = set()
    for h in hits:
        if any(e.kind == "person" and not e.single_alias for e in h.entries):
            full_names.update(e.key for e in h.entries if e.kind == "person")
    for h in hits:
        entries = h.entries
        if any(e.kind == "person" for e in entries):
            persons = [e for e in entries if e.kind == "person"]
            single = all(e.single_alias for e in persons)
            if single:
                # a bare surname: the full name in the article, else the holder of the day
                # (or of some years around it, for a name that is no ordinary word), and not
                # the surname of someone else ("Hans Fischer", "Ban Ki Moon")
                sure = [e for e in persons if e.key in full_names]
                if not sure:
                    if _inside_other_name(d, h):
                        continue
                    word = d.text[h.start:h.end]
                    strict = len(word) < 5 or word in d.t.common_nouns or word.rstrip("s") in d.t.common_nouns
                    persons = _holder_entries(d, persons, strict)
                    # out of office on the day: only where the article speaks of that country
                    persons = [e for e in persons if _in_office(d, e) or e.country in d.seen]
                if len(persons) != 1 or (not sure and not _name_position(d, h.i)):
                    continue
            if len(persons) > 1:
                persons = _holder_entries(d, persons) or persons
            e = persons[0]
        else:
            e = entries[0]
        # a capital after a locative preposition is a place, not the government, and so
        # is one that stands alone as a dateline ("Brüssel." before the lead)
        if e.is_seat and h.i > 0 and d.toks[h.i - 1].low in _LOC_PREPS and d.same_sent(h.i - 1, h.i):
            continue
        if e.is_seat and _dateline_like(d, h):
            continue
        d.entry_actor(e, _table_strength(d, e))
        d.mention(e.key, h.start, h.end, range(h.i, h.j))


def _table_strength(d: _Doc, e: Entry) -> int:
    """How sure the table's country is: an office holder out of office on the article's
    day held it only then (Jens Stoltenberg is NATO's in 2015, Norway's prime minister in
    2009), so what the text says of him wins ("der norwegische Ministerpräsident")."""
    if e.kind != "person" or d.day is None or _in_office(d, e):
        return 3
    if any(h.name == e.name and h.country == e.country for h in d.t.holders):
        return 1
    return 3


def _dateline_like(d: _Doc, h: Hit) -> bool:
    s, e = d.sents[d.toks[h.i].sent]
    rest = d.text[s:e].replace(d.text[h.start:h.end], "", 1)
    return not re.search(r"[^\W\d_]", rest.replace("dpa", "").replace("AFP", "").replace("Reuters", ""))


def _name_position(d: _Doc, i: int) -> bool:
    """A capitalised word that can be a name here (not the first word of a sentence
    that is also an ordinary word)."""
    tok = d.toks[i]
    if i == 0 or d.toks[i - 1].sent != tok.sent:
        nxt = d.toks[i + 1] if i + 1 < len(d.toks) else None
        return tok.low not in _FUNCTION and bool(nxt and d.same_sent(i, i + 1))
    return True


# =====================================================================================
# 3b. names defined with their acronym: "die Gewerkschaft der Polizei (GdP)"
# =====================================================================================

# lower-case words a name may contain without giving a letter to its acronym
_ACR_FUNCTION = {"der", "die", "das", "des", "dem", "den", "für", "und", "von", "vom", "zur", "zum",
                 "in", "im", "am", "an", "auf", "gegen", "mit", "of", "the", "for", "and", "de", "du",
                 "la", "el", "del", "against", "on", "to", "at", "a", "le", "les", "et", "y", "di", "da", "do",
                 "dos", "e"}
# a name in quotation marks before its acronym: „United Front for Democracy against Dictatorship“ (UDD)
_CLOSING_QUOTES = {"“", "”", "\"", "«", "»", "‘", "’"}
_ACR_SHAPE = re.compile(r"[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{1,9}")


def _acronym_letters_match(words: list[str], acronym: str) -> bool:
    """The acronym spells the words' initials, in order: every capitalised word gives its
    initial (and maybe more letters of itself: Bundes|kriminal|amt → BKA), a function word
    gives its initial or nothing (Gewerkschaft der Polizei → GdP)."""
    letters = acronym.lower()
    parts: list[tuple[str, bool]] = []
    for w in words:
        if w.lower() in _ACR_FUNCTION:
            parts.append((w.lower(), True))
        else:
            parts.extend((p.lower(), False) for p in w.split("-") if p)

    def go(wi: int, ai: int) -> bool:
        if wi == len(parts):
            return ai == len(letters)
        w, optional = parts[wi]
        if optional and go(wi + 1, ai):
            return True
        if ai >= len(letters) or w[0] != letters[ai]:
            return False
        options, pos, a = [ai + 1], 1, ai + 1
        while a < len(letters) and not optional:
            p = w.find(letters[a], pos)
            if p < 0:
                break
            pos, a = p + 1, a + 1
            options.append(a)
        return any(go(wi + 1, x) for x in reversed(options))

    return go(0, 0)


def _acronym_definitions(d: _Doc) -> None:
    """A capitalised noun phrase directly followed by a bracketed acronym of its initials
    defines one organisation: the phrase, the acronym and every later use of either (also
    in the title line) are its mentions; "die Gewerkschaft" later refers back to it."""
    text = d.text
    done: set[tuple[str, str]] = set()   # (name, acronym): its uses are found once, in the whole text
    for i, tok in enumerate(d.toks):
        acr = tok.text
        if not _ACR_SHAPE.fullmatch(acr) or sum(c.isupper() for c in acr) < 2 or i == 0:
            continue
        if text[tok.start - 1:tok.start] != "(" or text[tok.end:tok.end + 1] != ")":
            continue
        gap = text[d.toks[i - 1].end:tok.start]
        if not d.same_sent(i - 1, i) or (gap != " (" and not (gap[:1] in _CLOSING_QUOTES and gap[1:] == " (")):
            continue
        end = i        # the phrase's words end before the acronym (words only: no quotation marks)
        # the phrase: capitalised words and function words right before the bracket
        k = end - 1
        while k - 1 >= 0 and d.same_sent(k - 1, i) and end - k < 9 and d.gap(k - 1, k) == " " \
                and (d.toks[k - 1].cap or d.toks[k - 1].low in _ACR_FUNCTION):
            k -= 1
        if not d.toks[end - 1].cap or d.toks[end - 1].low in _FUNCTION:
            continue
        start = None
        for s0 in range(k, end):  # the longest phrase that spells the acronym
            w0 = d.toks[s0]
            if not w0.cap or w0.low in _FUNCTION or w0.low in _DETS:
                continue
            if _acronym_letters_match([t.text for t in d.toks[s0:end]], acr):
                start = s0
                break
        if start is None:
            continue
        if any(d.tok_actor.get(t) and d.drafts[d.tok_actor[t]].kind == "person" for t in range(start, end)):
            continue  # a person's initials ("Recep Tayyip Erdoğan (RTE)") name no organisation
        head = d.t.role_of(d.toks[start].text)
        if (head and head[0].kind == "person") or d.toks[start].text in d.t.given_names:
            continue
        name = text[d.toks[start].start:d.toks[end - 1].end]
        if len(name.split()) < 2 and "-" not in name and len(acr) > len(name) / 2:
            continue
        if (name, acr) in done:
            continue     # defined again further on (a page of many articles): its uses are all found
        done.add((name, acr))
        # the acronym a table already knows: the phrase is another name of it
        key = d.tok_actor.get(i)
        if key is None or d.drafts[key].kind != "organization":
            head = d.t.role_of(d.toks[start].text)
            country, strength = _np_country(d, start)
            if not country:
                country, strength = _country_near(d, start)
            sector = head[0].sector if head and head[0].sector else None
            key = "O:" + name
            d.actor(key, name, "organization", country, sector, None, strength)
            if head:
                d.defined_heads.setdefault(head[0].lemma, key)
        d.acronyms[acr.lower()] = key
        # the name with its head noun in the genitive too: "des Verbandes der Milchbauern"
        first, _, rest = name.partition(" ")
        variants = re.escape(first) + "(?:e?s)?" + (re.escape(" " + rest) if rest else "")
        pattern = re.compile(r"(?<![\w-])(?:%s|%ss?)(?![\w-])" % (variants, re.escape(acr)))
        for m in pattern.finditer(text):
            j0, j1 = d.tok_range(m.start(), m.end())
            if len(m.group()) <= len(acr) + 1 and any(t in d.used and d.tok_actor.get(t) != key
                                                       for t in range(j0, j1)):
                continue
            for t in range(j0, j1):  # the phrase wins over its parts ("Polizei", a country)
                other = d.tok_actor.get(t)
                if other and other != key:
                    od = d.drafts[other]
                    for span in [sp for sp in od.mentions if sp[0] < m.end() and sp[1] > m.start()]:
                        del od.mentions[span]
                        d.owner.pop(span, None)
            d.mention(key, m.start(), m.end(), range(j0, j1))
        # its head noun after a definite article refers back to it: "der Verband", "des Bundesamtes"
        if " " in name:
            heads = {first.lower() + e for e in ("", "s", "es")}
            for t, w in enumerate(d.toks):
                if t in d.used or w.low not in heads or not w.cap or t == 0 or not d.same_sent(t - 1, t):
                    continue
                if d.toks[t - 1].low in ("der", "die", "das", "des", "dem", "den", "beim", "vom", "zum",
                                         "zur", "im") and d.gap(t - 1, t) == " ":
                    # not the start of another name ("der Verband der Milchbauern" is matched above;
                    # "der Verband Deutscher Reeder" is another body)
                    nxt = t + 1
                    if nxt < len(d.toks) and d.same_sent(t, nxt) and d.gap(t, nxt) == " " and d.toks[nxt].cap:
                        continue
                    d.mention(key, w.start, w.end, range(t, t + 1))


def _role_class(d: _Doc, role: Role) -> str:
    """Role nouns that say the same: the chair of a body is its Vorsitzende, Chef or Leiter;
    a compound says what its head says (Regierungs|sprecher, Armee|sprecher → Sprecher)."""
    low = role.lemma.lower()
    for n in range(3, len(low) - 3):
        if low[n:] in d.t.roles:
            low = d.t.roles[low[n:]].lemma.lower()
            break
    return "chair" if low in _CHAIR_ROLES else low


def _body_class(d: _Doc, role: Role, body: str) -> str:
    """The role class within a body: of a country each office is its own ("Präsident Irans"
    is not "der oberste Führer Irans"); of an organisation its chair has many names."""
    draft = d.drafts.get(body)
    if draft is not None and draft.kind == "country":
        return role.lemma.lower()
    return _role_class(d, role)


_CHAIR_ROLES = {"vorsitzende", "vorsitzender", "chef", "chefin", "leiter", "leiterin", "präsident",
                "präsidentin", "führer", "anführer", "parteichef", "parteivorsitzende", "direktor",
                "direktorin", "intendant", "intendantin"}


def _role_body(d: _Doc, i: int, r: tuple[Role, Optional[str]]) -> Optional[str]:
    """The organisation a person role at token i belongs to: its compound modifier
    ("GdP-Vorsitzende", "Gewerkschafts|chef") or a genitive ("Chef der GdP")."""
    mod = (r[1] or "").rstrip("-")
    if mod:
        if mod in d.acronyms:
            return d.acronyms[mod]
        orgs = [e for e in d.t.phrases.get((mod,), []) if e.kind == "organization"]
        if orgs and orgs[0].key in d.drafts:
            return orgs[0].key
        mr = d.t.role_of(mod) or (d.t.role_of(mod[:-1]) if mod.endswith("s") else None)
        if mr and mr[0].lemma in d.defined_heads:
            return d.defined_heads[mr[0].lemma]
        return None
    after = _genitive_after(d, i)
    if after is not None and after.kind in ("organization", "country"):
        # "der oberste Führer Irans" is not the "Chef der Garden" named before
        return after.key
    return None


def _definite(d: _Doc, i: int) -> bool:
    """A role noun after a definite article ("der Sprecher", "des Vorsitzenden") refers back."""
    k = _np_start(d, i) - 1
    return k >= 0 and d.same_sent(k, i) and d.toks[k].low in ("der", "die", "des", "dem", "den", "beim", "vom",
                                                                 "zum", "zur")


_DEFINITE = de.DEFINITE_ARTICLES | {"diese", "dieser", "dieses", "diesem", "diesen"}
# role nouns that only stand for a named organisation of these sectors
_GENERIC_ORG_ROLES = {"Organisation": {"NGO", "SOC"}, "Menschenrechtsorganisation": {"NGO", "SOC"},
                      "Hilfsorganisation": {"NGO", "SOC"}, "Nachrichtenagentur": {"JRN"},
                      "Zeitung": {"JRN"}, "Tageszeitung": {"JRN"}, "Magazin": {"JRN"},
                      "Nachrichtenmagazin": {"JRN"}, "Sender": {"JRN"}, "Fernsehsender": {"JRN"}}


def _link_org_roles(d: _Doc) -> None:
    """"die Organisation", "die Nachrichtenagentur", "das Magazin" with a definite article
    are the one organisation of that kind the article has named before ("Amnesty
    International … die Organisation", "Xinhua … die Nachrichtenagentur")."""
    named = [a for a in d.drafts.values() if a.kind == "organization" and not a.key.startswith("R:")
             and a.mentions]
    for role_actor in [a for a in d.drafts.values() if a.key.startswith("R:") and a.kind == "organization"]:
        wanted = _GENERIC_ORG_ROLES.get(role_actor.key.split(":")[1])
        if wanted is None:
            continue
        for span in sorted(role_actor.mentions):
            if _word_before(d, span[0]) not in _DEFINITE or " " in d.text[span[0]:span[1]]:
                continue
            fits = [a for a in named if min(a.mentions)[0] < span[0] and a.sector in wanted]
            if len(fits) == 1:
                d.move(span, fits[0].key)


def _word_before(d: _Doc, offset: int) -> str:
    words = d.text[max(0, offset - 20):offset].split()
    return words[-1].lower() if words else ""


_AGE_NOUN = re.compile(r"(\d{1,3})-Jährige[nrm]?\b")
_AGE_ATTRIBUTE = re.compile(r"(\d{1,3})-jährige[nrm]?\b")
# how far back (in sentences) a "der 49-Jährige" may point without an age to match
AGE_WINDOW = 3


def _age_descriptions(d: _Doc) -> None:
    """"Der 49-Jährige" is the person the article gives that age ("der 49-jährige Thomas
    Berger", "Berger (49)"), else the one person named in the sentences just before."""
    persons = [a for a in d.drafts.values() if a.kind == "person" and a.mentions]
    ages: dict[str, str] = {}
    for a in persons:
        for s, e in a.mentions:
            m = _AGE_ATTRIBUTE.search(d.text[max(0, s - 15):s]) or re.match(r" \((\d{1,3})\)", d.text[e:e + 6])
            if m:
                ages.setdefault(m.group(1), a.key)
    for m in _AGE_NOUN.finditer(d.text):
        span = (m.start(), m.end())
        if span in d.owner or _word_before(d, m.start()) not in _DEFINITE:
            continue
        key = ages.get(m.group(1)) or _only_person_before(d, persons, m.start())
        if key is not None:
            d.mention(key, *span)


def _only_person_before(d: _Doc, persons: list[Draft], offset: int) -> Optional[str]:
    here = d.doc.sentence_of(offset)
    if here is None:
        return None
    k = d.doc.sentences.index(here)
    lo = d.doc.sentences[max(0, k - AGE_WINDOW)].start
    near = {a.key for a in persons if any(lo <= s < offset for s, _ in a.mentions)}
    return near.pop() if len(near) == 1 else None


def _link_body_roles(d: _Doc) -> None:
    """An unnamed role of a body ("der GdP-Vorsitzende") is the person the article names
    in that role of that body ("GdP-Vorsitzende Konrad Freiberg", "Gewerkschaftschef ...")."""
    for start, end, draft, body, cls in d.pending:
        person = d.body_heads.get((body, cls))
        if person and (start, end) in d.drafts[draft].mentions:
            d.move((start, end), person)


# =====================================================================================
# 4. NER entities
# =====================================================================================

@cache
def _event_nouns() -> frozenset[str]:
    path = Path(__file__).parent / "data" / "event_nouns.txt"
    return frozenset(line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def _is_event_name(words: list[str]) -> bool:
    """A name for an event or competition (Fußball-WM, Olympische Spiele, G20-Gipfel,
    Präsidentschaftswahlen): its last word or that word's compound head is an event noun."""
    if not words:
        return False
    nouns = _event_nouns()
    last = words[-1].lower().rsplit("-", 1)[-1]
    for ending in ("en", "n", "s"):  # den Olympischen Spielen, des Gipfels
        if last.endswith(ending) and last[:-len(ending)] in nouns:
            return True
    if last in nouns or " ".join(w.lower() for w in words[-2:]) in nouns:
        return True
    # a compound head of five letters or more: Fußball|weltmeisterschaft, Präsidentschafts|wahlen
    return any(last.endswith(n) and len(n) >= 4 and len(last) - len(n) >= 3 for n in nouns if " " not in n)


def _bundes_country(d: _Doc) -> str:
    """Whose a "Bundes-" word is: Germany's, unless the article is Austria's or Switzerland's."""
    return d.main if d.main in ("AUT", "CHE") else "DEU"


def _entity_mentions(d: _Doc) -> None:
    """NER persons and organisations that the tables did not already cover; events and
    competitions the tagger calls organisations (Fußball-WM, Olympische Spiele) are none."""
    for ent in d.doc.entities:
        if ent.label not in ("PER", "ORG"):
            continue
        if ent.label == "ORG" and _is_event_name(words_of(ent.text)):
            continue
        i, j = d.tok_range(ent.start, ent.end)
        if i >= j or any(k in d.used for k in range(i, j)):
            continue
        rng = range(i, j)
        inside = ent.start > d.toks[i].start or ent.end < d.toks[j - 1].end
        if inside and any(d.t.role_of(d.toks[k].text) for k in rng):
            continue  # "Kreml" in "Kreml-Sprecher": the role noun decides
        if " " not in ent.text and d.t.role_of(ent.text):
            continue
        # a name the tables know, in a form they did not list
        words = tuple(w.lower() for w in words_of(ent.text))
        entries = d.t.phrases.get(words) or (d.t.phrases.get(words[:-1] + (words[-1][:-1],))
                                             if words and words[-1].endswith("s") else None)
        if entries:
            e = (_holder_entries(d, entries) or entries)[0]
            d.entry_actor(e)
            d.mention(e.key, ent.start, ent.end, rng)
            continue
        if ent.label == "PER":
            name = ent.text.strip()
            key = _person_key(d, name)
            country, sector, strength = _role_country_for_name(d, i, j)
            d.actor(key, name, "person", country, sector, None, strength)
            d.mention(key, ent.start, ent.end, rng)
        else:
            country, strength = _np_country(d, i)
            if country is None and ent.text.lower().startswith("bundes"):
                country, strength = _bundes_country(d), 2   # "Bundeszentrale für politische Bildung"
            if country is None:
                country, strength = _country_near(d, i)
            role = _role_before(d, i)
            head = d.t.role_of(d.toks[i].text)  # "Präsidentenrat für Menschenrechte"
            sector = (role.sector if role and role.kind == "organization" else None) or \
                (head[0].sector if head else None)
            key = "O:" + ent.text
            d.actor(key, ent.text, "organization", country, sector, None, strength)
            d.mention(key, ent.start, ent.end, rng)


def _fold_name(name: str) -> str:
    """A name without apostrophes, hyphens and accents, lowercased: spellings of one name."""
    plain = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in plain if ch.isalnum() or ch == " ").lower()


def _merge_spellings(d: _Doc) -> None:
    """Two persons whose full names differ only in apostrophes, hyphens or accents ("Ali
    Chamene'i", the table's "Ali Chamenei") are one; the better-known entry keeps the mentions."""
    by_name: dict[str, list[str]] = {}
    for k, a in d.drafts.items():
        if a.kind == "person" and " " in a.name.strip():
            by_name.setdefault(_fold_name(a.name), []).append(k)
    for keys in by_name.values():
        if len(keys) < 2:
            continue
        keep = max(keys, key=lambda k: (not k.startswith("P:"), d.drafts[k].wikidata is not None,
                                        d.drafts[k].sector is not None, len(d.drafts[k].mentions)))
        for k in keys:
            if k != keep:
                for span in list(d.drafts[k].mentions):
                    d.move(span, keep)


def _person_key(d: _Doc, name: str) -> str:
    """An existing person this name is a form of (same last word), or a new key."""
    last = name.split()[-1]
    for k, a in d.drafts.items():
        if a.kind == "person" and k.startswith("P:"):
            if a.name == name or a.name.split()[-1] in (last, last.rstrip("s")) and " " not in name:
                return k
    return "P:" + name


# =====================================================================================
# 5. persons without NER
# =====================================================================================

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


def _name_run(d: _Doc, i: int, max_len: int = 4) -> int:
    """The end (exclusive) of a run of name tokens starting at i, or i when none."""
    j = i
    while j < len(d.toks) and j - i < max_len and d.same_sent(i, j):
        tok = d.toks[j]
        if j > i and d.gap(j - 1, j) not in (" ",):
            break
        if _is_name_tok(d, j):
            j += 1
            continue
        if j > i and tok.low in _NAME_PARTICLES and _is_name_tok(d, j + 1) and d.same_sent(j, j + 1):
            j += 1
            continue
        break
    # a name does not end in a particle or an initial
    while j > i and (d.toks[j - 1].low in _NAME_PARTICLES or d.toks[j - 1].text.endswith(".")):
        j -= 1
    return j


def _name_heuristics(d: _Doc) -> None:
    t = d.t
    i = 0
    while i < len(d.toks):
        tok = d.toks[i]
        if i in d.used:
            i += 1
            continue
        # given name + surname: "Kemal Bedri", "Dima Jakowlew", "Anwar as-Sadat"
        if tok.text in t.given_names:
            j = _name_run(d, i)
            if j - i >= 2:
                _add_person(d, i, j)
                i = j
                continue
        # a role noun followed by a name: "Anwalt Sergej Magnitski", "Präsident Putin"
        role = t.role_of(tok.text) if tok.cap else None
        if role and role[0].kind == "person" and d.gap(i, i + 1) == " " if i + 1 < len(d.toks) else False:
            j = _name_run(d, i + 1)
            if j > i + 1 and _plausible_after_role(d, i + 1, j):
                _add_person(d, i + 1, j)
                i = j
                continue
        # a role with its body, then the name: "Sprecher der CDU/CSU-Fraktion Friedbert Pflüger"
        if role and role[0].kind == "person":
            k = _after_genitive(d, i)
            if k is not None:
                j = _name_run(d, k)
                if j - k >= 2:
                    _add_person(d, k, j)
                    i = j
                    continue
        # a surname of Slavic shape after a capitalised word: "Dima Jakowlew"
        if tok.cap and _is_name_tok(d, i) and i + 1 < len(d.toks) and d.gap(i, i + 1) == " " \
                and _SURNAME_SHAPE.search(d.toks[i + 1].text) and _is_name_tok(d, i + 1) \
                and d.same_sent(i, i + 1) and (i == 0 or not d.same_sent(i - 1, i) or not d.toks[i - 1].cap):
            _add_person(d, i, i + 2)
            i += 2
            continue
        # apposition: "Kemal Bedri, Vorsitzender der Wahlkommission"
        if tok.cap and _is_name_tok(d, i):
            j = _name_run(d, i)
            if j - i >= 2 and j + 1 < len(d.toks) and d.gap(j - 1, j).strip() == "," and d.same_sent(i, j + 1):
                k = j
                while k < len(d.toks) and d.toks[k].low in _DETS | {"ein", "einem"}:
                    k += 1
                while k < len(d.toks) and not d.toks[k].cap and d.same_sent(j, k):
                    k += 1
                if k < len(d.toks) and t.role_of(d.toks[k].text) and t.role_of(d.toks[k].text)[0].kind == "person":
                    _add_person(d, i, j)
                    i = j
                    continue
        i += 1


_SURNAME_SHAPE = re.compile(r"(?:[^aeiouäöü\W](?:ow|ew|jew|owa|ewa|ski|skij|sky|ska|enko|tschuk|witsch|"
                            r"owitsch|ewitsch|ić|ic|escu|oglu|oğlu|zadeh|jan|ian|shvili|schwili))$")


def _after_genitive(d: _Doc, i: int) -> Optional[int]:
    """The token after the genitive body of a role at i ("Sprecher [der CDU/CSU-Fraktion] X"),
    or None when there is no genitive."""
    j = i + 1
    if j >= len(d.toks) or not d.same_sent(i, j) or d.gap(i, j) != " " or d.toks[j].low not in _GEN_DETS:
        return None
    j += 1
    while j < len(d.toks) and d.same_sent(i, j) and not d.toks[j].cap and j - i < 5:
        j += 1
    if j >= len(d.toks) or not d.same_sent(i, j):
        return None
    key = d.tok_actor.get(j)
    if key:
        while j in d.tok_actor and d.tok_actor[j] == key and d.same_sent(i, j):
            j += 1
    else:
        j += 1  # one body noun: "Sprecher der Wahlkommission X"
    if j < len(d.toks) and d.same_sent(i, j) and d.gap(j - 1, j) == " ":
        return j
    return None


def _plausible_after_role(d: _Doc, i: int, j: int) -> bool:
    """A run after a role noun is a name unless it is one ordinary capitalised word at a
    clause start (Präsident Wahlen ...): one-word runs must look like surnames."""
    if j - i >= 2:
        return True
    w = d.toks[i].text
    nxt = d.toks[j] if j < len(d.toks) else None
    if (w.lower(),) in d.t.phrases:
        return True
    # a lone capitalised word followed by a verb-ish lower-case word or punctuation
    if w.endswith(("en", "ern")) and len(w) > 7:
        return False  # a plural noun (Steuererleichterungen), not a surname
    return len(w) >= 4 and not w.endswith(("ung", "heit", "keit", "schaft", "tion", "ismus", "ment"))


def _add_person(d: _Doc, i: int, j: int) -> None:
    s, e = d.toks[i].start, d.toks[j - 1].end
    name = d.text[s:e]
    if (d.toks[j - 1].low,) in d.t.phrases and j - i == 1:
        entries = [x for x in d.t.phrases[(d.toks[j - 1].low,)] if x.kind == "person"]
        entries = _holder_entries(d, entries) or (entries if len(entries) == 1 else [])
        if len(entries) == 1:
            d.entry_actor(entries[0])
            d.mention(entries[0].key, s, e, range(i, j))
            return
    # a genitive form of a known name ("Putins") is that name
    key = _person_key(d, name)
    country, sector, strength = _role_country_for_name(d, i, j)
    d.actor(key, name, "person", country, sector, None, strength)
    d.mention(key, s, e, range(i, j))


def _role_country_for_name(d: _Doc, i: int, j: int) -> tuple[Optional[str], Optional[str], int]:
    """Country and sector of a person named at tokens [i, j) from the role around it:
    before ("der russische Außenminister Sergei Lawrow") or after as apposition."""
    k = i - 1
    if k >= 0 and d.same_sent(k, i) and d.toks[k].cap and d.t.demonyms.get(d.toks[k].low) \
            and d.gap(k, i) == " ":
        return d.t.demonyms[d.toks[k].low], None, 3  # "der Spanier Oscar Pereiro"
    if k >= 0 and d.same_sent(k, i):
        r = d.t.role_of(d.toks[k].text) if d.toks[k].cap else None
        if r:
            c, sec, strength = _resolve_role(d, k, r)
            if c:
                return c, sec, strength
    # apposition after: ", Vorsitzender der Wahlkommission", ", einem Sprecher der PMF"
    # (not ", deren Anwältin": a role of someone else)
    if j < len(d.toks) and d.gap(j - 1, j).strip() == ",":
        k = j
        while k < len(d.toks) and d.same_sent(j, k) and not d.toks[k].cap and k - j < 4 \
                and d.toks[k].low not in _POSSESSIVE:
            k += 1
        if k < len(d.toks) and d.same_sent(j, k):
            r = d.t.role_of(d.toks[k].text)
            if r and r[0].kind == "person":
                c, sec, strength = _resolve_role(d, k, r)
                return c, sec, strength
    c, strength = _country_near(d, i)
    return c, None, min(strength, 1)


# =====================================================================================
# 6. role nouns
# =====================================================================================

def _np_country(d: _Doc, i: int) -> tuple[Optional[str], int]:
    """A nationality said inside the noun phrase before token i: an adjective
    ("der russische", "US-amerikanischer") or a genitive country ("Russlands")."""
    k = i - 1
    steps = 0
    while k >= 0 and d.same_sent(k, i) and steps < 4:
        tok = d.toks[k]
        gap = d.gap(k, k + 1)
        if gap.strip() not in ("",):
            break
        code = d.t.adjectives.get(tok.low)
        if code:
            return code, 3
        if tok.cap:
            # a genitive country or organisation right before: "Russlands Präsident"
            key = d.tok_actor.get(k)
            if key and tok.low.endswith("s") and steps == 0:
                a = d.drafts[key]
                if a.kind in ("country", "organization", "person") and a.country:
                    return a.country, 3
            break
        if tok.low in _DETS or tok.low.endswith(("e", "en", "er", "es", "em")):
            k -= 1
            steps += 1
            continue
        break
    return None, 0


def _genitive_after(d: _Doc, i: int) -> Optional[Draft]:
    """An actor in a genitive after token i: "Regierung Österreichs", "Sprecher des Weißen
    Hauses", "Außenminister der Russischen Föderation", "Vorsitzender der Wahlkommission"."""
    j = i + 1
    if j >= len(d.toks) or not d.same_sent(i, j):
        return None
    if d.gap(i, j).strip():
        return None
    if d.toks[j].low in _GEN_DETS:
        j += 1
        while j < len(d.toks) and d.same_sent(i, j) and not d.toks[j].cap:
            j += 1
    if j < len(d.toks) and d.same_sent(i, j):
        key = d.tok_actor.get(j)
        if key:
            a = d.drafts[key]
            if a.country:
                return a
        # an unresolved role body after it: "Vorsitzender der Wahlkommission"
        if d.toks[j].cap and j != i + 1:
            r = d.t.role_of(d.toks[j].text)
            if r and r[0].kind in ("organization", "government"):
                return _role_actor(d, j, r)
    return None


def _resolve_role(d: _Doc, i: int, r: tuple[Role, Optional[str]]) -> tuple[Optional[str], Optional[str], int]:
    """Country, sector and certainty of the role noun at token i."""
    role, mod = r
    sector = role.sector
    country = role.country
    strength = 3 if country else 0
    if mod:
        m = mod.rstrip("-")
        pre = d.t.prefixes.get(m) or d.t.prefixes.get(m.rstrip("s"))
        body = d.drafts.get(d.acronyms.get(m, ""))
        if body is not None:  # "GdP-Vorsitzende": the body the article defined
            if body.country:
                country, strength = country or body.country, max(body.strength, 2)
            sector = sector or body.sector
        elif pre is not None:
            country = country or pre.country
            strength = 3
            if pre.sector and not sector and pre.kind != "country":
                sector = pre.sector
        else:
            entries = d.t.phrases.get((m,)) or []
            persons = [e for e in entries if e.kind == "person"]
            if persons and not country:
                country, strength = persons[0].country, 3
            mr = d.t.role_of(m) or d.t.role_of(m.rstrip("s"))
            if mr and mr[0].sector and not role.sector:
                sector = mr[0].sector  # Armee|sprecherin → MIL (but Regierungs|truppen stay MIL)
            if mod.rstrip("s") in ("kreml",):
                country, strength = "RUS", 3
    if not country and any(d.toks[k].low.rstrip("nrsm") in _OTHER_QUALIFIERS for k in range(_np_start(d, i), i)):
        # "westliche Regierungen", "ausländische Journalisten": not the country the article is about
        return None, sector, 3
    if not country:
        country, strength = _np_country(d, i)
    if not country and (role.lemma.lower().startswith("bundes") or (mod or "").startswith("bundes")):
        # Bundeskanzler, Bundesaußenministerin: Germany's, unless the article is Austria's or
        # Switzerland's
        country, strength = _bundes_country(d), 2
    after = None
    if not country or not sector:
        after = _genitive_after(d, i)
        if after is not None and role.lemma in _OPPOSING:
            after = None  # "Gegner der Europäischen Union" are not the EU
        if after is not None:
            if not country:
                country, strength = after.country, max(after.strength, 2)
            if not sector and after.sector and after.kind != "country":
                sector = after.sector
            elif not sector and after.kind == "country":
                sector = "GOV"
    if not country and role.lemma.lower() not in ("botschafter", "botschafterin", "botschaft"):
        # "Demonstranten im Iran", "Polizei in Kairo"
        j = i + 1
        if j + 1 < len(d.toks) and d.same_sent(i, j + 1) and d.toks[j].low in ("in", "im") and not d.gap(i, j).strip():
            key = d.tok_actor.get(j + 1)
            if key and d.drafts[key].kind == "country":
                country, strength = d.drafts[key].country, 3
    if not country:
        # the same body named with its country before: "die israelische Armee ... die Armee",
        # "Armee|sprecherin"
        lemmas = [role.lemma]
        low = d.toks[i].low
        if not mod:  # listed compounds too: Armee|sprecherin
            mod = next((low[:n] for n in range(3, len(low) - 3) if low[n:] in d.t.suffix_index), None)
        if mod:
            mr = d.t.role_of(mod.rstrip("-")) or d.t.role_of(mod.rstrip("-s"))
            if mr:
                lemmas.insert(0, mr[0].lemma)
        for lemma in lemmas:
            known = [a for k, a in d.drafts.items() if k.startswith(f"R:{lemma}:") and a.strength >= 3
                     and a.country]
            if known:
                best = max(known, key=lambda a: len(a.mentions))
                country, strength = best.country, 2
                break
    if not country:
        country, strength = _country_near(d, i)
    return country, sector, strength


def _role_actor(d: _Doc, i: int, r: tuple[Role, Optional[str]]) -> Optional[Draft]:
    role = r[0]
    country, sector, strength = _resolve_role(d, i, r)
    if role.explicit and strength < 3:
        return None
    if role.kind == "government":
        if not country:
            return None
        name = d.t.country_names.get(country, country)
        if country in ("IGO", "NGO", "IMG"):
            return None
        return d.actor(f"C:{country}", name, "country", country, "GOV", d.t.country_qids.get(country), strength=3)
    if role.kind == "observer":  # witnesses and experts: a country only when the phrase says one
        c = country if strength >= 3 else None
        return d.actor(f"G:{role.lemma}:{c}", role.lemma, "group", c, role.sector)
    kind = {"person": "person", "organization": "organization", "group": "group"}[role.kind]
    if kind == "person" and _plural(d, i, r):
        kind = "group"  # "die beiden Staatschefs", "Staats- und Regierungschefs"
    key = f"R:{role.lemma}:{country}:{sector}:{kind}"
    return d.actor(key, _role_name(d, i, r), kind, country, sector or role.sector, None, strength)


_SOURCE_KINDS = ("organization", "group", "government")


def _source_compounds(d: _Doc) -> None:
    """The informing body inside a compound source noun: "nach Polizeiangaben" is the
    police, "aus Regierungskreisen" the government; its mention is the first part."""
    for i, tok in enumerate(d.toks):
        if i in d.used or not tok.cap or "-" in tok.text:
            continue
        low = tok.low
        ending = next((e for e in d.t.source_compound_endings if low.endswith(e) and len(low) > len(e) + 3), None)
        if ending is None:
            continue
        prefix = tok.text[:len(tok.text) - len(ending)]
        for part in (prefix, prefix[:-1] if prefix.endswith("s") else None):
            r = d.t.role_of(part) if part else None
            if r is not None and r[0].kind in _SOURCE_KINDS and r[1] is None:
                a = _role_actor(d, i, r)
                if a is not None:
                    d.mention(a.key, tok.start, tok.start + len(part), range(i, i + 1))
                break


def _role_name(d: _Doc, i: int, r: tuple[Role, Optional[str]]) -> str:
    """The name of a role actor: the role's base form, for a compound the whole compound
    with that base form ("Sicherheitsschutzunternehmen", "GdP-Vorsitzende"), never the
    compound's head alone."""
    role, mod = r
    w, lemma = d.toks[i].text, role.lemma
    if "-" in w:
        return w.rsplit("-", 1)[0] + "-" + lemma
    stem = lemma.lower()[:max(3, len(lemma) - 3)]
    if w.lower().startswith(stem):
        return lemma
    if mod and w.lower().startswith(mod):
        return w[:len(mod)] + lemma.lower()
    return w


def _roles(d: _Doc) -> None:
    t = d.t
    for i, tok in enumerate(d.toks):
        if i in d.used or not tok.cap:
            continue
        r = t.role_of(tok.text)
        if r is None:
            continue
        role = r[0]
        # mention span: the role word with the adjectives before it ("der russische
        # Präsident", "demonstrierende Studenten"), and for relational groups the
        # genitive after it ("Gegner des Gesetzes", "Unterstützer der Regierung")
        start = d.toks[_np_start(d, i)].start
        end = tok.end
        if role.lemma in _RELATIONAL:
            end = _genitive_end(d, i) or end
        if role.kind == "group" and i + 1 < len(d.toks) and d.gap(i, i + 1) == " " \
                and d.drafts.get(d.tok_actor.get(i + 1, ""), None) is not None \
                and d.drafts[d.tok_actor[i + 1]].kind == "person" and _singular_group_word(d, i):
            # one of a group named right away: "die Bürgerrechtlerin Anna Weiß"
            a = d.drafts[d.tok_actor[i + 1]]
            if not a.sector and role.sector:
                a.sector = role.sector
            d.mention(a.key, start, end, range(i, i + 1))
            continue
        if role.kind == "person":
            # followed by a name (also after a genitive: "Sprecher der CDU/CSU-Fraktion
            # Friedbert Pflüger"), or set off after a name ("Soleimani, den Führer der ...")
            key = _name_after_role(d, i) or _apposition_person(d, i)
            body = _role_body(d, i, r)
            if key and body:
                d.body_heads.setdefault((body, _body_class(d, role, body)), key)
            if key:
                d.body_heads.setdefault(("", _role_class(d, role)), key)
                if d.body_heads[("", _role_class(d, role))] != key:
                    d.body_heads[("", _role_class(d, role))] = ""  # two people in that role: no guess
            if key:
                a = d.drafts[key]
                c, sec, strength = _resolve_role(d, i, r)
                if c and strength > a.strength:
                    a.country, a.strength = c, strength
                if sec and not a.sector:
                    a.sector = sec
                if role.office:
                    d.offices[key].add((role.office, c or a.country))
                d.mention(key, start, end, range(i, i + 1))
                continue
            if _predicative(d, i):
                continue
            holder = None if _plural(d, i, r) else _office_holder(d, i, r)
            if holder is not None:
                d.mention(holder.key, start, tok.end, range(i, i + 1))
                continue
            if (body or _definite(d, i)) and not _plural(d, i, r):
                # "der GdP-Vorsitzende", "der Sprecher": the person named in that role, if
                # the article names one (decided once all roles are read)
                a = _role_actor(d, i, r)
                if a is not None and d.mention(a.key, start, end, range(i, i + 1)):
                    d.pending.append((start, end, a.key, body or "",
                                      _body_class(d, role, body) if body else _role_class(d, role)))
                continue
        # the head noun of a name defined with its acronym: "die Gewerkschaft der Polizei
        # (GdP) ... in einer Erklärung der Gewerkschaft"
        if role.kind == "organization" and not r[1] and role.lemma in d.defined_heads \
                and tok.low in (role.lemma.lower(), role.lemma.lower() + "s"):
            d.mention(d.defined_heads[role.lemma], start, tok.end, range(i, i + 1))
            continue
        # an organisation named right after its role: "Tageszeitung Haaretz", "Rundfunksender IRIB"
        if role.kind == "organization" and i + 1 < len(d.toks) and (i + 1) in d.tok_actor and d.gap(i, i + 1) == " ":
            a = d.drafts[d.tok_actor[i + 1]]
            if a.kind == "organization":
                if not a.sector and role.sector:
                    a.sector = role.sector
                d.mention(a.key, start, tok.end, range(i, i + 1))
                continue
        if _predicative(d, i):
            continue
        a = _role_actor(d, i, r)
        if a is not None:
            d.mention(a.key, start, end, range(i, i + 1))


def _singular_group_word(d: _Doc, i: int) -> bool:
    """One member of a group role: a feminine singular ("Bürgerrechtlerin", not "-innen") or a
    masculine singular article before it ("der Aktivist", "des Bürgerrechtlers")."""
    low = d.toks[i].low
    if low.endswith("in") and not low.endswith("innen"):
        return True
    k = _np_start(d, i) - 1
    return k >= 0 and d.same_sent(k, i) and d.toks[k].low in ("der", "des", "dem", "ein", "eines", "einem")


def _predicative(d: _Doc, i: int) -> bool:
    """A role noun after "als", "zum", "zur" says what someone is, it names no actor
    ("erklärte ihn zum Terroristen", "als Präsident")."""
    k = _np_start(d, i) - 1
    return k >= 0 and d.same_sent(k, i) and d.toks[k].low in ("als", "zum", "zur")


_OPPOSING = {"Gegner", "Kritiker"}
_RELATIONAL = {"Gegner", "Unterstützer", "Anhänger", "Sympathisanten", "Kritiker", "Angehörige",
               "Angehöriger", "Mitglied", "Mitglieder", "Vertreter", "Vertreterin"}


_ADJ_FORM = re.compile(r"^(?:\w+(?:isch|lich|ig|end|iert|bar|sam|los|haft|ell|al|iv|ant|ent)"
                       r"|ge\w+t|\w+st)(?:e|en|er|es|em)$")


def _np_start(d: _Doc, i: int) -> int:
    """The first token of the adjectives right before a noun at token i: a nationality
    adjective, a word of adjective shape (politischen, demonstrierende, geförderte), or an
    inflected word right after an article ("die größte Oppositionspartei")."""
    k = i
    while k - 1 >= 0 and d.same_sent(k - 1, i) and i - k < 3 and d.gap(k - 1, k) == " ":
        prev = d.toks[k - 1]
        low = prev.low
        if low in _DETS or low in _FUNCTION or low in _NOT_ADJ:
            break
        before = d.toks[k - 2].low if k - 2 >= 0 and d.same_sent(k - 2, i) else ""
        after_article = before in _DETS or before in _ADJ_LEFT
        if low in d.t.adjectives or (not prev.cap and (
                _ADJ_FORM.match(low) or
                (low.endswith(("e", "en", "er", "es", "em")) and after_article and d.gap(k - 2, k - 1) == " "))):
            k -= 1
            continue
        break
    return k


# words after which an inflected lower-case word begins a noun phrase ("mit verbündeten Parteien")
_ADJ_LEFT = {"in", "im", "am", "an", "auf", "aus", "bei", "beim", "mit", "nach", "von", "vom", "zu", "zum",
             "zur", "für", "über", "unter", "vor", "gegen", "seit", "ohne", "durch", "laut", "neben",
             "zwischen", "als", "wie", "und", "oder", "sowie", "gegenüber", "trotz", "wegen"}
_NOT_ADJ = de.NOT_ADJECTIVES


def _genitive_end(d: _Doc, i: int) -> Optional[int]:
    j = i + 1
    if j < len(d.toks) and d.same_sent(i, j) and d.gap(i, j) == " " and d.toks[j].low in _GEN_DETS:
        j += 1
        while j < len(d.toks) and d.same_sent(i, j) and not d.toks[j].cap and j - i < 5:
            j += 1
        if j < len(d.toks) and d.same_sent(i, j) and d.toks[j].cap:
            key = d.tok_actor.get(j)
            while key and j + 1 < len(d.toks) and d.tok_actor.get(j + 1) == key and d.same_sent(i, j + 1):
                j += 1  # the whole name: "Vertreter der Vereinten Nationen"
            return d.toks[j].end
    return None


def _name_after_role(d: _Doc, i: int) -> Optional[str]:
    """A person named right after a role noun, or after the role's genitive, also set off
    by commas ("Der Innenminister Frankreichs, Nicolas Sarkozy, ...")."""
    j = i + 1
    if j >= len(d.toks) or not d.same_sent(i, j) or d.gap(i, j) not in (" ", ", "):
        return None
    if j in d.tok_actor and d.drafts[d.tok_actor[j]].kind == "person":
        return d.tok_actor[j]
    if d.gap(i, j) != " ":
        return None
    key = d.tok_actor.get(j)
    if key and d.toks[j].text.endswith("s") and d.drafts[key].kind in ("country", "organization"):
        # a bare genitive: "Der Innenminister Frankreichs, Nicolas Sarkozy"
        return _person_after_genitive(d, i, j, key)
    if d.toks[j].low in _GEN_DETS:
        j += 1
        while j < len(d.toks) and d.same_sent(i, j) and not d.toks[j].cap and j - i < 5:
            j += 1
        if j in d.tok_actor:
            return _person_after_genitive(d, i, j, d.tok_actor[j])
        # "Der Präsident der autonomen Region Tibet, Qiangba Puncog, …": a genitive phrase
        # without an actor of its own, then the name set off by commas
        k = j
        while k < len(d.toks) and d.same_sent(i, k) and k - i < 8 and "," not in d.gap(k - 1, k) \
                and k not in d.tok_actor:
            k += 1
        if k < len(d.toks) and k - i < 8 and d.same_sent(i, k):
            return _person_set_off(d, k)
    return None


def _person_after_genitive(d: _Doc, i: int, j: int, key: str) -> Optional[str]:
    """The person named right after the genitive actor `key` that starts at token j."""
    while j in d.tok_actor and d.tok_actor[j] == key and d.same_sent(i, j):
        j += 1
    if j in d.tok_actor and d.same_sent(i, j) and d.gap(j - 1, j) in (" ", ", ") \
            and d.drafts[d.tok_actor[j]].kind == "person":
        return d.tok_actor[j]
    # "der frühere Präsident Irans zwischen 1997 und 2005, Mohammad Chatami, …": a short
    # time phrase between the genitive and the name set off by commas
    k = j
    while k < len(d.toks) and k - j < 5 and d.same_sent(i, k) and k not in d.tok_actor \
            and (not d.toks[k].cap or d.toks[k].text.isdigit()) and "," not in d.gap(k - 1, k):
        k += 1
    if k > j and d.same_sent(i, k) and d.toks[j].low in ("zwischen", "von", "seit", "bis", "im", "in"):
        return _person_set_off(d, k)
    return None


def _person_set_off(d: _Doc, k: int) -> Optional[str]:
    """The person whose name starts at token k, set off by commas (", Qiangba Puncog,")."""
    if k not in d.tok_actor or d.gap(k - 1, k) != ", " or d.drafts[d.tok_actor[k]].kind != "person":
        return None
    end = k
    while end in d.tok_actor and d.tok_actor[end] == d.tok_actor[k]:
        end += 1
    return d.tok_actor[k] if end >= len(d.toks) or d.gap(end - 1, end).startswith(",") else None


def _apposition_person(d: _Doc, i: int) -> Optional[str]:
    """A person named before ", (der|ein ...) [Adjektiv] <role>"."""
    j = i
    while j - 1 >= 0 and d.same_sent(j - 1, i) and i - j < 4 and not d.toks[j - 1].cap \
            and "," not in d.gap(j - 1, j):
        j -= 1
    k = j - 1
    if k < 0 or not d.same_sent(k, i) or d.gap(k, j).strip() != ",":
        return None
    if any(d.toks[x].low in _POSSESSIVE for x in range(j, i)):
        return None  # "Maria Schulz, deren Anwältin ...": someone else, related to her
    key = d.tok_actor.get(k)
    if key and d.drafts[key].kind == "person":
        return key
    return None


# possessive and relative words: the role after them belongs to someone else
_POSSESSIVE = {"deren", "dessen", "sein", "seine", "seiner", "seinem", "seinen", "seines", "ihr", "ihre",
               "ihrer", "ihrem", "ihren", "ihres", "welche", "welcher", "welchem"}
_NOT_CURRENT = {"interims", "übergangs", "ex", "vize", "alt", "designiert", "designierte", "designierten",
                "designierter", "künftige", "künftigen", "künftiger", "ehemalige", "ehemaligen",
                "ehemaliger", "frühere", "früheren", "früherer", "einstige", "einstigen", "einstiger",
                "kommissarische", "kommissarischen", "kommissarischer", "neue", "neuen", "neuer",
                "interimistische", "interimistischen", "gewählte", "gewählten", "gewählter"}
# adjectives that put a group outside any one country ("westliche Regierungen"); stems
# without the inflection ending
_OTHER_QUALIFIERS = {"westliche", "östliche", "arabische", "europäische", "ausländische", "internationale",
                     "fremde", "andere", "verbündete", "afrikanische", "asiatische", "islamische"}
_CONTRACTED = de.CONTRACTED_PREPOSITIONS
_PLURAL_DETS = {"die", "beiden", "beide", "zwei", "drei", "vier", "alle", "mehrere", "einige", "viele",
                "zahlreiche", "andere", "anderen", "übrigen"}


def _plural(d: _Doc, i: int, r: tuple[Role, Optional[str]]) -> bool:
    """A plural role noun ("die beiden Staatschefs", "Staats- und Regierungschefs",
    "die EU-Außenminister") names several people, not one office holder."""
    k = _np_start(d, i) - 1
    tok = d.toks[i]
    if k >= 0 and d.same_sent(k, i):
        prev = d.toks[k]
        if prev.text.endswith("-") or d.text[prev.end:prev.end + 1] == "-":
            return True
        if prev.low in _PLURAL_DETS and prev.low != "die":
            return True
        if prev.low == "die" and not tok.low.endswith(("in", "innen")) \
                and not tok.low.rsplit("-", 1)[-1].endswith(r[0].lemma.lower()):  # die VdM-Vorsitzende
            return True
    if i >= 2 and d.toks[i - 1].low == "und" and d.text[d.toks[i - 2].end:d.toks[i - 2].end + 1] == "-":
        return True
    # an inflected form with no article at all: "an Soldaten vorbei", "Diplomaten sagten"
    lemma = r[0].lemma.lower()
    if tok.low != lemma and tok.low.startswith(lemma) and tok.low[len(lemma):] in ("en", "n", "e", "s") \
            and (k < 0 or not d.same_sent(k, i) or d.toks[k].low not in _DETS | _CONTRACTED):
        return not tok.low.endswith("s") or lemma.endswith(("chef", "ef"))
    return False


def _table_offices(d: _Doc) -> None:
    """The offices that the table's persons named in the article hold on its date."""
    for key, a in d.drafts.items():
        if a.kind == "person":
            for h in d.t.holders:
                if h.name == a.name and h.office and h.holds_on(d.day):
                    d.offices[key].add((h.office, h.country))


def _draft_gender(d: _Doc, a: Draft) -> Optional[str]:
    return gender_of(d.t, (w for (s, e) in a.mentions for w in mention_words(d.text, s, e)))


def _office_holder(d: _Doc, i: int, r: tuple[Role, Optional[str]]) -> Optional[Draft]:
    """The person a bare role ("der Kremlchef", "des Präsidenten") refers to: a person
    of the article with that role and country, else the office holder of the day."""
    role = r[0]
    if not role.office:
        return None
    # "Interims-Ministerpräsident", "der ehemalige Präsident", "der designierte Kanzler": not
    # the holder of the day
    mod = (r[1] or "").rstrip("-s")
    if mod in _NOT_CURRENT or (r[1] or "").rstrip("-") in _NOT_CURRENT or any(
            d.toks[k].low in _NOT_CURRENT for k in range(max(0, i - 3), i) if d.same_sent(k, i)):
        return None
    country, sector, strength = _resolve_role(d, i, r)
    offices = [role.office] + (["head_of_state"] if role.office == "leader" else [])
    # someone in the article named with this role before ("Bundeskanzler Olaf Scholz ...
    # dem Kanzler"); the country must agree only where the phrase names one
    here = [k for k, offs in d.offices.items()
            if any(o in offices and (strength < 3 or c == country) for o, c in offs)]
    # "die Bundeskanzlerin" is not the "Bundeskanzler Willy Brandt" named before
    said = word_gender(d.t, d.toks[i].text)
    if said:
        here = [k for k in here if _draft_gender(d, d.drafts[k]) in (None, said)]
    if len(here) == 1:
        return d.drafts[here[0]]
    if country is None:
        return None  # "der Präsident" of no known country is nobody in particular
    body = _genitive_after(d, i)
    if body is not None and body.kind != "country" and body.country != "IGO":
        return None  # "der Präsident des Verfassungsschutzes" heads that body, not the state
    if country in ("IGO", "NGO", "IMG") and role.country != country:
        return None  # "Nato-Außenminister": the table's offices belong to one organisation
    if country == "DEU" and role.lemma.startswith("Ministerpräsident"):
        return None  # in Germany the premier of a Land, not the chancellor
    for office in offices:
        hs = d.t.holders_for(office, country, d.day)
        if len(hs) >= 1:
            h = hs[0]
            return d.actor(f"P:{h.name}", h.name, "person", h.country, h.sector, h.wikidata)
    return None


# =====================================================================================
# 7. demonyms, quoted organisation names, acronyms, surnames
# =====================================================================================

def _demonyms(d: _Doc) -> None:
    for i, tok in enumerate(d.toks):
        if i in d.used or not tok.cap:
            continue
        code = d.t.demonyms.get(tok.low)
        if not code:
            continue
        # "Deutsche Bank": an adjective-shaped demonym before a noun is an adjective
        if i + 1 < len(d.toks) and d.same_sent(i, i + 1) and d.toks[i + 1].cap and d.gap(i, i + 1) == " " \
                and tok.low.endswith(("e", "en", "er")) and tok.low.startswith("deutsch"):
            continue
        name = d.t.country_names.get(code, code)
        a = d.actor(f"D:{code}", f"Bürger ({name})", "group", code, "CVL")
        d.mention(a.key, tok.start, tok.end, range(i, i + 1))


def _quoted_orgs(d: _Doc) -> None:
    text = d.text
    # an organisation role followed by a quoted name: Oppositionspartei „Koalition für ...“
    for i, tok in enumerate(d.toks):
        if not tok.cap:
            continue
        r = d.t.role_of(tok.text)
        if not r or r[0].kind not in ("organization",):
            continue
        m = re.match(r"(?<!\s)\s*[„“\"»]([A-ZÄÖÜ][^„“”\"«»\n]{2,80})[“”\"«]", text[tok.end:tok.end + 90])
        if not m:
            continue
        s = tok.end + m.start(1)
        e = tok.end + m.end(1)
        name = m.group(1)
        j0, j1 = d.tok_index(s), d.tok_index(e)
        if any(k in d.used for k in range(j0, j1)):
            continue
        country, sector, strength = _resolve_role(d, i, r)
        key = "O:" + name
        d.actor(key, name, "organization", country, r[0].sector, None, strength)
        d.mention(key, s, e, range(j0, j1))
        # the role noun before it names it too ("die größte Oppositionspartei")
        d.mention(key, d.toks[_np_start(d, i)].start, tok.end, range(i, i + 1))
    # an article before a quoted name that says what it is: der „Arbeitskreis Vorratsdatenspeicherung“
    for m in re.finditer(r"\b(?:der|die|das|des|dem|den)\s+[„“\"»]([A-ZÄÖÜ][\w-]+(?:\s+[\w-]+){0,5})[“”\"«]", text):
        head = m.group(1).split()[0].lower()
        if any(head.endswith(h) for h in _QUOTED_NAME_HEADS):
            _add_unlisted_org(d, m.start(1), m.end(1), m.group(1), _NAMED_HEADS.get(head))
    # a kind of association and its one-word name, unquoted: "des Arbeitskreises Vorratsdatenspeicherung"
    for m in re.finditer(r"\b(?:der|die|das|des|dem|den)\s+((Arbeitskreis|Aktionsbündnis|Komitee)(?:es|s)?\s+"
                         r"([A-ZÄÖÜ][\w-]{3,}))(?=[\s,.;:)])", text):
        _add_unlisted_org(d, m.start(1), m.end(1), m.group(2) + " " + m.group(3), "SOC")


def _add_unlisted_org(d: _Doc, s: int, e: int, name: str, sector: Optional[str]) -> None:
    """An organisation the tables do not know, named at [s, e), unless its tokens are taken."""
    j0, j1 = d.tok_range(s, e)
    if not any(k in d.used for k in range(j0, j1)):
        d.actor("O:" + name, name, "organization", None, sector, None, 2)
        d.mention("O:" + name, s, e, range(j0, j1))


# first words of a quoted name that make it an organisation ("der „Arbeitskreis …“")
_QUOTED_NAME_HEADS = ("arbeitskreis", "bündnis", "verein", "verband", "komitee", "initiative", "netzwerk",
                      "bewegung", "allianz", "partei", "gruppe", "front", "kampagne", "stiftung", "forum",
                      "gewerkschaft", "organisation", "zentrum", "rat", "liga", "union", "koalition")


# heads of hyphenated organisation names ("Kifaya-Bewegung", "Quds-Einheit") and their sector
_NAMED_HEADS = {"bewegung": "SOC", "partei": "PTY", "miliz": "PRM", "milizen": "PRM", "brigaden": "REB",
                "brigade": "REB", "einheit": "MIL", "einheiten": "MIL", "front": "REB", "bündnis": "PTY",
                "allianz": None, "gruppe": None, "gruppen": None, "organisation": "SOC", "netzwerk": None,
                "stiftung": "SOC", "gewerkschaft": "LAB", "konzern": "BUS", "agentur": None}
_NAME_AFTER_SECTORS = {"JRN", "PTY", "SOC", "OPP", "LAB", "BUS", "REB", "PRM"}


def _named_orgs(d: _Doc) -> None:
    """Organisations the tables do not know: a name after its kind ("Tageszeitung
    Haaretz", "Nachrichtenportal al-Arabiya", "britische Tageszeitung The Daily Telegraph")
    and hyphenated names with an organisation head ("Kifaya-Bewegung", "Quds-Einheit")."""
    for i, tok in enumerate(d.toks):
        if i in d.used:
            continue
        w = tok.text
        if "-" in w and w[:1].isupper():
            pre, head = w.rsplit("-", 1)
            if head.lower() in _NAMED_HEADS and pre.lower() not in d.t.prefixes \
                    and pre not in d.t.common_nouns and (pre.lower(),) not in d.t.phrases \
                    and not d.t.adjectives.get(pre.lower()) and not d.t.role_of(pre):
                country, strength = _np_country(d, i)
                if not country:
                    country, strength = _country_near(d, i)
                d.actor("O:" + w, w, "organization", country, _NAMED_HEADS[head.lower()], None, strength)
                d.mention("O:" + w, tok.start, tok.end, range(i, i + 1))
                continue
        if not tok.cap:
            continue
        r = d.t.role_of(w)
        if not r or r[0].kind != "organization" or r[0].sector not in _NAME_AFTER_SECTORS:
            continue
        k = i + 1
        if k >= len(d.toks) or k in d.used or not d.same_sent(i, k) or d.gap(i, k) != " ":
            continue
        j = k
        while j < len(d.toks) and j - k < 5 and d.same_sent(i, j) and (j == k or d.gap(j - 1, j) == " ") \
                and j not in d.used and (_is_name_tok(d, j) or d.toks[j].text == "The"
                                         or re.fullmatch(r"[A-ZÄÖÜ][A-ZÄÖÜ0-9]{1,6}", d.toks[j].text)):
            j += 1
        if j == k:
            continue
        if j - k == 1 and not (d.toks[k].text.isupper() or _PARTICLE_PREFIX.match(d.toks[k].text)):
            # one capitalised word is a name only after a media noun and when no noun follows
            # ("Zeitung Haaretz berichtete"); "warf der Koalition Chaos vor" names nothing
            nxt = d.toks[j] if j < len(d.toks) else None
            if r[0].sector != "JRN" or (nxt is not None and d.same_sent(k, j) and nxt.cap):
                continue
        name = d.text[d.toks[k].start:d.toks[j - 1].end]
        country, sector, strength = _resolve_role(d, i, r)
        d.actor("O:" + name, name, "organization", country, r[0].sector, None, strength)
        d.mention("O:" + name, d.toks[k].start, d.toks[j - 1].end, range(k, j))


def _acronym_orgs(d: _Doc) -> None:
    """Acronyms: "(CUD)" after a name is its alias; an unknown one alone is an organisation."""
    text = d.text
    known: dict[str, str] = {}
    for i, tok in enumerate(d.toks):
        w = tok.text
        if i in d.used or not re.fullmatch(r"[A-ZÄÖÜ][A-ZÄÖÜ0-9]{1,6}", w) or w in _STOP_ACRONYMS \
                or re.fullmatch(r"[IVXLCDM]+", w):
            continue
        before = text[max(0, tok.start - 3):tok.start]
        if before.endswith("(") and i > 0 and (i - 1) in d.tok_actor:
            key = d.tok_actor[i - 1]
            if d.drafts[key].kind in ("organization",):
                d.mention(key, tok.start, tok.end, range(i, i + 1))
                known[w] = key
                continue
        if w in known:  # the acronym introduced in brackets earlier
            d.mention(known[w], tok.start, tok.end, range(i, i + 1))
            continue
        if len(w) < 3 or _is_event_name([w]):
            continue
        country, strength = _np_country(d, i)
        if not country:
            country, strength = _country_near(d, i)
            if strength < 2:
                country = None  # an unknown acronym: no guess from the article alone
        role = _role_before(d, i)
        key = "O:" + w
        d.actor(key, w, "organization", country, role.sector if role else None, None, strength)
        d.mention(key, tok.start, tok.end, range(i, i + 1))


def _role_before(d: _Doc, i: int) -> Optional[Role]:
    k = i - 1
    if k >= 0 and d.same_sent(k, i) and d.toks[k].cap:
        r = d.t.role_of(d.toks[k].text)
        if r:
            return r[0]
    return None


def _surnames(d: _Doc) -> None:
    """Later mentions of a person by surname ("Kim", "Putins", "Soleimanis")."""
    forms: dict[str, str] = {}
    for key, a in d.drafts.items():
        if a.kind != "person":
            continue
        for (s, e), txt in list(a.mentions.items()):
            words = [w for w in txt.split() if w[:1].isupper() or _PARTICLE_PREFIX.match(w)]
            if len(words) < 2 or d.t.role_of(words[-1]):
                continue
            last = words[-1]
            forms.setdefault(last, key)
            forms.setdefault(last + "s", key)
            if _family_name_first(d, words):
                forms.setdefault(words[0], key)  # "Kim Jong-un" ... "Kim", "Xi Jinping" ... "Xi"
            if _PARTICLE_PREFIX.match(last):
                bare = last.split("-", 1)[1]
                forms.setdefault(bare, key)
                forms.setdefault(bare + "s", key)
                forms.setdefault(last[0].upper() + last[1:], key)
    for i, tok in enumerate(d.toks):
        if i in d.used:
            continue
        w = tok.text
        key = forms.get(w) or forms.get(w[0].lower() + w[1:] if w[:1].isupper() else w)
        if key:
            d.mention(key, tok.start, tok.end, range(i, i + 1))
            continue
        if "-" in w:  # "Mubarak-Gegner": handled by roles; "Soleimani-Anhänger"
            pre = w.split("-")[0]
            key = forms.get(pre)
            if key and not d.t.role_of(w):
                d.mention(key, tok.start, tok.start + len(pre), ())


# =====================================================================================
# 8. output
# =====================================================================================

def _family_name_first(d: _Doc, words: list[str]) -> bool:
    """Whether a person's name may be written family name first ("Kim Jong-un", "Xi
    Jinping"): its first word is in the table of such family names."""
    return len(words) >= 2 and words[0] in d.t.family_names_first


def _family_names(d: _Doc, words: list[str]) -> tuple[str, ...]:
    """The words of a name that a later bare mention may use: the last, and the first
    where it is a family name written first (a "Kim" after "Kim Jong-un")."""
    return (words[-1], words[0]) if _family_name_first(d, words) else (words[-1],)


def _merge_surname_persons(d: _Doc) -> None:
    """A person known only by a surname ("Magnitski", before "Sergej Magnitski" is named)
    is the one person of the article with that surname."""
    persons = [a for a in d.drafts.values() if a.kind == "person" and a.mentions]
    for a in persons:
        if " " in a.name:
            continue
        bare = a.name[:-1] if a.name.endswith("s") else a.name
        full = [b for b in persons if b is not a and " " in b.name
                and {a.name, bare} & set(_family_names(d, b.name.split()))]
        if len(full) == 1:
            full[0].mentions.update(a.mentions)
            a.mentions.clear()


def shared_mentions(actors: list[Actor]) -> list[tuple[int, int]]:
    """Spans that are mentions of more than one actor (the invariant: there are none)."""
    seen: Counter = Counter((m.start, m.end) for a in actors for m in {(x.start, x.end): x for x in a.mentions}.values())
    return sorted(span for span, n in seen.items() if n > 1)


_REGNAL = re.compile(r" ([IVXLC]{1,6})\.")


def _regnal_numbers(d: _Doc) -> None:
    """A ruler's or pope's number belongs to the name: "Benedikt XVI.", "Elisabeth II."."""
    for a in d.drafts.values():
        if a.kind != "person":
            continue
        for (start, end), text in list(a.mentions.items()):
            m = _REGNAL.match(d.text, end)
            if m is None or (start, m.end()) in d.owner:
                continue
            del a.mentions[(start, end)]
            a.mentions[(start, m.end())] = d.text[start:m.end()]
            d.owner.pop((start, end), None)
            d.owner[(start, m.end())] = a.key
            if a.name == text or a.name.endswith(" " + text) or a.name == text.split()[-1]:
                a.name = f"{a.name} {m.group(1)}."


def _transliterated(a: Draft, b: Draft) -> bool:
    """b is a's name in another transliteration: family names agree (spelling.same_word),
    and given names too where both have one ("Alexej Nawalny", "Navalny"; "Jewgeni
    Prigoschin", "Yevgeny Prigozhin")."""
    wa, wb = a.name.split(), b.name.split()
    if not wa or not wb or a.name == b.name:
        return False
    last_b = wb[-1][:-1] if len(wb) == 1 and wb[-1].endswith("s") and not same_word(wa[-1], wb[-1]) else wb[-1]
    if not same_word(wa[-1], last_b):
        return False
    return len(wa) == 1 or len(wb) == 1 or same_word(wa[0], wb[0])


def _merge_transliterations(d: _Doc) -> None:
    """Persons of one article named in two transliterations are one; the table's entry, else
    the one with more mentions, keeps them."""
    persons = [a for a in d.drafts.values() if a.kind == "person" and a.mentions]
    # persons by the keys of their family name: only those sharing one can be transliterations
    # (a page of thousands of names must not compare every pair)
    by_key: dict[str, list[Draft]] = {}
    for a in persons:
        if a.name.split():
            for k in name_keys(a.name.split()[-1]):
                by_key.setdefault(k, []).append(a)
    for b in sorted(persons, key=lambda a: len(a.name.split())):
        wb = b.name.split()
        if not b.mentions or not wb:
            continue
        keys = name_keys(wb[-1]) | (name_keys(wb[-1][:-1]) if len(wb) == 1 and len(wb[-1]) > 1 else frozenset())
        candidates = {id(a): a for k in keys for a in by_key.get(k, ())}
        others = [a for a in candidates.values() if a is not b and a.mentions and _transliterated(a, b)
                  and not (a.wikidata and b.wikidata and a.wikidata != b.wikidata)]
        if len(others) != 1:
            continue
        a = others[0]
        # the table's entry, a full name, more mentions; else the shorter form ("Thaksin", not
        # the genitive "Thaksins")
        keep, drop = sorted((a, b), key=lambda x: (not x.key.startswith("P:"), x.wikidata is not None,
                                                   len(x.name.split()), len(x.mentions), -len(x.name)),
                            reverse=True)
        for span in list(drop.mentions):
            d.move(span, keep.key)
        if not keep.country and drop.country:
            keep.country, keep.strength = drop.country, drop.strength


_AFFILIATION = {"von", "vom", "bei", "beim", "der", "des"}
_ARTICLE_OR_ROLE_SPAN = 3


def _affiliations(d: _Doc) -> None:
    """A person the text gives no country but an organisation ("Joe Stork von HRW", "Yolanda
    Alvarez vom Sender RTVE", "Christoph Müller-Hofstede, China-Experte bei der
    Bundeszentrale für politische Bildung") belongs to that organisation's country."""
    for a in d.drafts.values():
        if a.kind != "person" or a.strength >= 2:
            continue
        for start, end in sorted(a.mentions):
            org = _affiliated_org(d, d.tok_index(end))
            if org is not None:
                a.country, a.strength = org.country, 2
                break


def _affiliated_org(d: _Doc, k: int) -> Optional[Draft]:
    """The organisation named after token k by "von/vom/bei/des …", perhaps after a comma
    and a role noun, within the sentence."""
    if k < len(d.toks) and d.toks[k].text == ",":
        k += 1
    if k < len(d.toks) and d.t.role_of(d.toks[k].text) and d.toks[k].low not in _AFFILIATION:
        k += 1
    if k >= len(d.toks) or d.toks[k].low not in _AFFILIATION:
        return None
    for n in range(k + 1, min(len(d.toks), k + 1 + _ARTICLE_OR_ROLE_SPAN)):
        if not d.same_sent(k, n):
            break
        owner = d.drafts.get(d.tok_actor.get(n, ""))
        if owner is not None:
            return owner if owner.kind == "organization" and owner.country and owner.strength >= 2 else None
    return None


def _finish(d: _Doc) -> list[Actor]:
    _merge_surname_persons(d)
    _merge_transliterations(d)
    _affiliations(d)
    _regnal_numbers(d)
    # one mention, one actor: a span that two drafts hold stays with the one it was given to last
    for a in d.drafts.values():
        for span in list(a.mentions):
            owner = d.owner.get(span)
            if owner is not None and owner != a.key and span in d.drafts[owner].mentions:
                del a.mentions[span]
    drafts = [a for a in d.drafts.values() if a.mentions]
    drafts.sort(key=lambda a: min(a.mentions))
    out = []
    for n, a in enumerate(drafts, 1):
        mentions = [Mention(start=s, end=e, text=txt) for (s, e), txt in sorted(a.mentions.items())]
        out.append(Actor(id=f"a{n}", name=a.name, kind=a.kind, country=a.country, sector=a.sector,
                         wikidata=a.wikidata, mentions=mentions))
    return out
