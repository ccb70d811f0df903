"""The `places` layer: place mentions resolved offline to name, country, coordinates and
GeoNames id.

A mention is a written form that the gazetteer (`gazetteer.py`) knows, found in the text
itself and in the LOC entities of the NER stage where that stage has run. Country and
region names are places wherever they stand ("mit dem Iran", "Initiative Frankreichs",
genitives included); a town's name is one only where something says so, because many
German words and first names are also towns somewhere ("Mai", "Kim", "Essen", "Dabei"):
a locative word before it ("in", "nach", "aus", "bei", "nahe", "im", "Stadt",
"Hauptstadt"), the NER's LOC label, a dateline, being listed with another place ("die
Städte Adschdabiya und Misrata"), or being a large city that nothing marks as a person or
a word. Town names that are German words (`common_words.txt`) count only right after a
preposition without article ("in Essen", never "beim Essen"); `not_places.yaml` lists
forms that never count. LOC entities the gazetteer lacks ("im Catshuis") become places
without coordinates, in the country of the town named before them in the paragraph, else
of their sentence's one country, else of most of the article's places; not where the
actors stage reads them as a person, group or organisation, nor right after a definite
article or "Regierung" ("Die Rothemden", "Regierung Balkenende"). A country's or region's
name inside a compound ("Syrienkonflikt", heads in `compound_heads.txt`) is a place at its
own span; a compass word joined to a country ("Nordjemen") a region of it. A capital or
country that is an actor's mention outside a locative phrase ("Moskau setzt sich … ein")
carries that actor's id (`Place.actor`). A place name inside an organisation's name that the
actors stage found (Zeitung „Neues Deutschland“, "Radio Vatikan") is no place, unless a
locative word stands before it inside the mention ("die Botschaft in Berlin").

Where a form names several places, the country beats the town, and among towns
population decides, weighed against a country the article speaks of (its other places,
its actors), national capitals, German-speaking countries and own names over alternate
ones (`gazetteer.choose`).

`place_of_sentence(doc, sentence)` gives events their place: the place in a locative
phrase of that sentence ("in Wladiwostok", "bei Bagdad", "nahe Misrata").
"""
from __future__ import annotations

import csv
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Optional


from ..document import Document, Place, Sentence, Token
from ..lang import de
from ..spans import SpanIndex
from .gazetteer import Entry, choose, name_key
from .gazetteer import gazetteer as _index   # keeps `lagebild.places.gazetteer` the module
from ..datafiles import read_yaml

HERE = Path(__file__).parent

# a town's name without anything marking it as a place counts from this size on
BARE_CITY_POPULATION = 100_000
MAX_NAME_TOKENS = 5

# words that make the next name a place ("in der Steiermark", "nahe Bagdad")
LOCATIVE = frozenset("""in im ins nach aus bei beim nahe nahebei unweit außerhalb innerhalb
    nördlich südlich östlich westlich nordöstlich nordwestlich südöstlich südwestlich gen""".split())
# words that stand before places and before people or things alike
WEAK_LOCATIVE = frozenset("von vom über durch zwischen vor auf".split())
# adjectives that may stand between the locative word and the name ("im russischen Sotschi")
GEO_ADJECTIVE = re.compile(r"(sch|benachbart|nahegelegen|umkämpft)(e|en|er|es|em)?$")
# of these, the ones that mark where something happens (for an event's place)
WHERE = frozenset("in im bei beim nahe nahebei vor unweit außerhalb innerhalb nördlich südlich "
                  "östlich westlich nordöstlich nordwestlich südöstlich südwestlich".split())
BARE_LOCATIVE = frozenset("in nach aus bei nahe unweit gen".split())
ARTICLES = de.DEFINITE_ARTICLES
# nouns after which a name is a place ("Hauptstadt Kairo", "Flughafen Bagdad")
PLACE_NOUNS = frozenset("""Stadt Städte Städten Hauptstadt Metropole Hafenstadt Großstadt
    Kleinstadt Grenzstadt Küstenstadt Provinz Provinzen Region Regionen Bundesland Bundesstaat
    Kanton Bezirk Distrikt Kreis Landkreis Gemeinde Ort Ortschaft Dorf Vorort Stadtteil Insel
    Halbinsel Flughafen Hafen Grenze Gouvernement Oblast Republik Raum Gebiet""".split())
# nouns of institutions and areas that stand before a town's name ("Handelsgericht Wien",
# "Kantonspolizei Zürich", "Zoo Leipzig"): the name is a place there, not a surname
BEFORE_TOWN = re.compile(r"(gericht|kammer|amt|zoo|kanton|kantons|arena|heimat|standort|stadion|"
                         r"universität|messe|bahnhof|hafen|bistum|kreis|bezirk|bezirke|staat|staats|"
                         r"provinz|region|raum|oper|theater|polizei|börse|hochschule|klinikum|"
                         r"flughafen|metropole|stadt|städte|dorf|gemeinde|land|landes)$", re.I)
COORDINATORS = frozenset({"und", "oder", ",", "sowie", "bis", "/"})
# words before a name that make it a person's ("Präsident Washington")
PERSON_CUES = frozenset("""Herr Frau Präsident Präsidentin Kanzler Kanzlerin Minister Ministerin
    General Papst König Königin Prinz Prinzessin Familie Sohn Tochter Vater Mutter Bruder
    Schwester Dr Dr. Prof Prof. Sankt St. Saint""".split())


COMPASS = re.compile(r"^(nordost|nordwest|südost|südwest|ost|west|nord|süd|zentral|mittel)")
ADJECTIVE_ENDING = re.compile(r"(e|en|er|es|em)$")


@cache
def _demonyms() -> dict[str, str]:
    lines = [l for l in (HERE / "demonyms.csv").read_text("utf-8").splitlines() if l and not l.startswith("#")]
    return {r["adjective"]: r["country"] for r in csv.DictReader(lines)}


def adjective_country(word: str) -> Optional[str]:
    """The country a German place adjective names ("ostfranzösischen" → FRA), or None."""
    table = _demonyms()
    w = word.lower()
    for form in (w, ADJECTIVE_ENDING.sub("", w)):
        if form in table:
            return table[form]
        bare = COMPASS.sub("", form)
        if bare != form and bare in table:
            return table[bare]
    return None


def _near_country(tokens: list[Token], i: int) -> Optional[str]:
    """The country of an adjective just before token i, across a place noun: "im
    tschechischen Karlsbad", "die libysche Stadt Misrata", "der ägyptischen Hauptstadt Kairo"."""
    for k in range(i - 1, max(-1, i - 3), -1):
        w = tokens[k].text
        if w in PLACE_NOUNS or BEFORE_TOWN.search(w):
            continue
        return adjective_country(w) if w[:1].islower() else None
    return None


@cache
def _not_places() -> tuple[frozenset[str], frozenset[str]]:
    """(never places, places only right after a locative preposition)."""
    data = read_yaml(HERE / "not_places.yaml")
    words = [l.strip() for l in (HERE / "common_words.txt").read_text("utf-8").splitlines()
             if l.strip() and not l.startswith("#")]
    return (frozenset(name_key(w) for w in data["never"]),
            frozenset(name_key(w) for w in [*data["after_locative"], *words]))


@dataclass
class _Hit:
    start: int
    end: int
    i: int                    # first token index
    j: int                    # one past the last token index
    entries: tuple[Entry, ...]
    ner: bool = False         # the NER marked it LOC
    context: bool = False     # a locative word or place noun stands before it
    weak: bool = False        # only "von", "über" ... stands before it, or it follows a place in a list
    near: Optional[str] = None  # country of an adjective right before it ("im tschechischen Karlsbad")
    chosen: Optional[Entry] = None


def _match(text: str, tokens: list[Token], i: int) -> Optional[tuple[int, tuple[Entry, ...]]]:
    """The longest gazetteer form starting at token i: (one past its last token, entries)."""
    g = _index()
    first = tokens[i].text
    # a name opens with a capital, or with a place adjective ("der koreanischen Halbinsel")
    lower_opener = not first[:1].isupper() and bool(GEO_ADJECTIVE.search(first))
    if not first[:1].isupper() and not lower_opener:
        return None
    # a qualifier in brackets that belongs to the name: "Frankfurt (Oder)", "Halle (Saale)"
    if i + 3 < len(tokens) and tokens[i + 1].text == "(" and tokens[i + 3].text == ")":
        entries = g.get(name_key(text[tokens[i].start:tokens[i + 3].end]))
        if entries:
            return i + 4, entries
    # only a token that opens some longer name is tried with the tokens after it
    longest = MAX_NAME_TOKENS if name_key(first) in _name_openers() else 1
    shortest = i + 2 if lower_opener else i + 1
    for j in range(min(len(tokens), i + longest), shortest - 1, -1):
        last = tokens[j - 1].text
        if not last[-1:].isalnum() or last.endswith("-"):
            continue
        # names never span a line break or a sentence end
        if "\n" in text[tokens[i].start:tokens[j - 1].end] or \
                any(t.text in {".", "!", "?", ":", ";", "(", ")", "„", "“", "\""} for t in tokens[i + 1:j]):
            continue
        form = text[tokens[i].start:tokens[j - 1].end]
        key = name_key(form)
        entries = g.get(key)
        if not entries and key.endswith("s") and len(key) > 4:   # genitive: "Russlands", "Moskaus"
            entries = g.get(key[:-1])
        if not entries and j == i + 1:
            entries = _compass_region(form)
        if lower_opener:        # lower case only in descriptions of regions, never in a country's name
            entries = tuple(e for e in entries or () if e.kind != "country")
        if entries:
            return j, entries
    return None


def _compass_region(form: str) -> tuple[Entry, ...]:
    """A country's part named by a compass word joined to it ("Nordjemen", "Südlibanon",
    "Ostukraine"): a region of that country, without coordinates of its own."""
    key = name_key(form)
    bare = COMPASS.sub("", key)
    if bare == key or len(bare) < 4:
        return ()
    bare = bare.lstrip("-")
    countries = [e for e in _index().get(bare, ()) if e.kind == "country"]
    if not countries:
        return ()
    return (Entry(form, countries[0].country, None, None, None, 0, "region", True),)


@cache
def _compound_heads() -> frozenset[str]:
    lines = (HERE / "compound_heads.txt").read_text("utf-8").splitlines()
    return frozenset(l.strip() for l in lines if l.strip() and not l.startswith("#"))


_HEAD_ENDINGS = ("", "s", "es", "n", "en")
MIN_COMPOUND_NAME = 4


def _compound(text: str, tok: Token) -> Optional[tuple[int, tuple[Entry, ...]]]:
    """A country's or region's name that opens a compound word about it ("Syrienkonflikt",
    "Irak-Krieg", "Nahostkonflikts"): (end of the name, its entries). Towns are left out:
    "Essensausgabe" is no place."""
    word = text[tok.start:tok.end]
    if not word[:1].isupper():
        return None
    g, heads = _index(), _compound_heads()
    for cut in range(len(word) - 4, MIN_COMPOUND_NAME - 1, -1):
        rest = word[cut:].lstrip("-").lower()
        if not any(rest.endswith(e) and rest[:len(rest) - len(e)] in heads for e in _HEAD_ENDINGS if len(rest) > len(e)):
            continue
        entries = tuple(e for e in g.get(name_key(word[:cut]), ()) if e.kind not in ("city", "town"))
        if entries:
            return tok.start + cut, entries
    return None


@cache
def _name_openers() -> frozenset[str]:
    """The first word of every gazetteer name of more than one token ("den" of "den haag",
    "l" of "l'aquila")."""
    nonword = re.compile(r"\W")
    out = set()
    for key in _index():
        m = nonword.search(key)
        if m:
            out.add(key[:m.start()])
    return frozenset(out)


def _capital_word(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.text[:1].isalpha()


def _sentence_starts(doc: Document, tokens: list[Token]) -> set[int]:
    """Indices of tokens that open a sentence (or a block without sentences)."""
    starts = {s.start for s in doc.sentences}
    out = {0}
    for k, t in enumerate(tokens):
        if t.start in starts:
            out.add(k)
        elif k and (tokens[k - 1].text in {".", "!", "?", ":", "„", "“", "\"", "(", "–", "-"}
                    or "\n" in doc.text[tokens[k - 1].end:t.start]):
            out.add(k)
    return out


def _has_context(tokens: list[Token], i: int) -> Optional[str]:
    """"strong" where a locative word or a place noun stands before token i, perhaps across
    an article and a geographic adjective ("in der ostukrainischen Stadt", "aus dem Irak",
    "im russischen Sotschi"); "weak" where that word also stands before people and things
    ("von Abu Mahdi", "über Löhne", "durch den Tsunami")."""
    k = i - 1
    while k >= 0:
        w = tokens[k].text
        lw = w.lower()
        if lw in WEAK_LOCATIVE:
            # "auf Mallorca", but "auf der Bank" is no town
            return None if lw == "auf" and k < i - 1 else "weak"
        if lw in LOCATIVE or w in PLACE_NOUNS or (w[:1].isupper() and w.endswith("stadt")):
            return "strong"
        if lw in ARTICLES or (w[:1].islower() and GEO_ADJECTIVE.search(w)):
            k -= 1
            continue
        return None
    return None


def _token_at(tokens: list[Token], offset: int) -> int:
    """The index of the first token that starts at or after offset (tokens are in order)."""
    return bisect_left(tokens, offset, key=lambda t: t.start)


def _entity_spans(doc: Document, label: str) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.text) for e in doc.entities if e.label == label]


def _same_span(spans: SpanIndex, start: int, end: int) -> bool:
    """An entity spans just this name (a larger one, "Black Lion Hospital", does not make
    its "Lion" a place)."""
    return any(s == start and end <= e <= end + 2 for s, e, _ in spans.overlapping(start, end))


def _covered(spans: SpanIndex, start: int, end: int) -> bool:
    return bool(spans.containing(start, end))


def find_places(doc: Document) -> list[Place]:
    """Every place mention of the document, resolved."""
    text = doc.text
    tokens = doc.tokens          # the word layer: every readable block, dateline included
    never, after_locative = _not_places()
    starts = _sentence_starts(doc, tokens)
    persons = SpanIndex(_entity_spans(doc, "PER"))
    locs = _entity_spans(doc, "LOC")
    loc_index = SpanIndex(locs)

    # 1. every gazetteer form in the text (longest first), with what stands around it; a
    # dateline ("Wladiwostok/Berlin") holds nothing but places
    datelines = [(b.start, b.end) for b in doc.anatomy.blocks if b.role == "dateline"]
    found: list[_Hit] = []
    i = 0
    while i < len(tokens):
        m = _match(text, tokens, i)
        if m is None:
            part = _compound(text, tokens[i])
            if part is not None:
                found.append(_Hit(tokens[i].start, part[0], i, i + 1, part[1]))
            i += 1
            continue
        j, entries = m
        start, end = tokens[i].start, tokens[j - 1].end
        listed = (i >= 2 and tokens[i - 1].text in COORDINATORS and bool(found)
                  and found[-1].j == i - 1)          # "die Städte Adschdabiya und Misrata"
        context = _has_context(tokens, i)
        if any(a <= start < b for a, b in datelines):
            context = "strong"
        found.append(_Hit(start, end, i, j, entries, ner=_same_span(loc_index, start, end),
                          context=context == "strong", weak=listed or context == "weak",
                          near=_near_country(tokens, i)))
        i = j

    # 2. what the whole article says about each written form
    doc_facts = _DocFacts(
        lowercase={t.text for t in tokens if t.text[:1].islower()},
        named_as_place={name_key(text[h.start:h.end]) for h in found if h.context or h.ner},
        surnames=_surnames(tokens, starts))
    hits = [h for h in found
            if _keep(h, tokens, text, starts, persons, never, after_locative, doc_facts)]

    # 3. the NER's LOC entities that the scan did not find as a whole (not parts of a
    # compound: "Gaza-Krise", "US-Botschaft" name no place)
    g = _index()
    locs = [(s, e, form) for s, e, form in locs
            if text[e:e + 1] != "-" and text[max(0, s - 1):s] != "-"]
    taken = SpanIndex((h.start, h.end, None) for h in hits)
    added: list[_Hit] = []
    for s, e, form in locs:
        if taken.any_overlapping(s, e) or any(h.start < e and s < h.end for h in added):
            continue
        key = name_key(form)
        entries = g.get(key) or (g.get(key[:-1]) if key.endswith("s") else None)
        if entries and key not in never and (key not in after_locative or
                                             _has_locative_word(tokens, _token_at(tokens, s))):
            added.append(_Hit(s, e, -1, -1, entries, ner=True, context=True))
    hits += added
    in_names = _organisation_names(doc)
    hits = sorted((h for h in hits if not _inside_a_name(text, in_names, h.start, h.end)), key=lambda h: h.start)

    _resolve(doc, hits, tokens)
    out = [Place(start=h.start, end=h.end, text=text[h.start:h.end], name=h.chosen.name,
                 country=h.chosen.country, lat=h.chosen.lat, lon=h.chosen.lon,
                 geonameid=h.chosen.geonameid) for h in hits]

    # 4. LOC entities the gazetteer does not know ("im Catshuis", a village, a district):
    # places without coordinates, in the country of the known town named just before;
    # not where the actors stage reads a person, group or organisation ("Magyar Garda",
    # "die Rothemden"), or a seat that stands for a government ("das Weiße Haus") unless
    # a locative word says it is where something happens
    confident = [x for x in doc.entities
                 if x.label == "LOC" and (x.score is None or x.score >= MIN_LOC_SCORE)]
    usable = set(locs)
    actor_kinds = {(m.start, m.end): a.kind for a in doc.actors for m in a.mentions}
    resolved = SpanIndex((h.start, h.end, None) for h in hits)
    for s, e, form in ((x.start, x.end, x.text) for x in confident
                       if (x.start, x.end, x.text) in usable):
        if resolved.any_overlapping(s, e) or not _plausible_name(form, never, after_locative) \
                or _inside_a_name(text, in_names, s, e):
            continue
        kind = actor_kinds.get((s, e))
        if kind is not None and (kind != "country" or not _has_context(tokens, _token_at(tokens, s))):
            continue
        if _named_thing(tokens, _token_at(tokens, s)):
            continue
        out.append(Place(start=s, end=e, text=form, name=form, country=_country_nearby(doc, hits, s)))
    out.sort(key=lambda p: p.start)
    return out


def _organisation_names(doc: Document) -> SpanIndex:
    """The mentions of the organisations the actors stage found."""
    return SpanIndex((m.start, m.end, None) for a in doc.actors if a.kind == "organization" for m in a.mentions)


def _inside_a_name(text: str, names: SpanIndex, start: int, end: int) -> bool:
    """A place name inside a longer organisation name ("Zeitung „Neues Deutschland“", "Bangkok
    Post") is part of the name, not a place of the article; one after a locative word inside
    the mention ("die Botschaft in Berlin") is still a place."""
    return any(s <= start and end <= e and (s, e) != (start, end)
               and not LOCATIVE.intersection(text[s:start].lower().split())
               for s, e, _ in names.overlapping(start, end))


# nouns after which an unknown name is a person's or a body's, not a place: "Regierung
# Balkenende", "Kabinett Merkel"
GOVERNMENT_OF = frozenset("Regierung Regierungen Kabinett Koalition Ära Administration Partei Fraktion".split())


def _named_thing(tokens: list[Token], i: int) -> bool:
    """An unknown name right after a definite article with no locative word before it ("Die
    Rothemden protestierten", "Das Oberrabbinat erklärte") names a group or body, and one
    after "Regierung"/"Kabinett" a politician; a place takes a preposition ("im Catshuis",
    "vor Finschhafen")."""
    if i <= 0:
        return False
    before = tokens[i - 1].text
    if before in GOVERNMENT_OF:
        return True
    return before.lower() in ARTICLES and not (i >= 2 and tokens[i - 2].text.lower() in LOCATIVE | WEAK_LOCATIVE)


# NER LOC entities below this score are not taken as places the gazetteer does not know
MIN_LOC_SCORE = 0.6


def _plausible_name(form: str, never: frozenset[str], after_locative: frozenset[str]) -> bool:
    """A LOC entity that can stand as a place of its own: a capitalised name, no code,
    no number, no adjective of a known place ("Moskauer")."""
    key = name_key(form)
    if not form[:1].isupper() or any(c.isdigit() for c in form) or len(form) < 3:
        return False
    if form.isupper() and len(form) <= 4 or key in never or key in after_locative:
        return False
    if key.endswith("er") and _index().get(key[:-2]):
        return False                     # "Moskauer", "Berliner": adjectives of known places
    if re.search(r"sch(e|en|er|es|em)?$", key.split()[-1]):
        return False                     # "Deutsche", "niederländischen": nationality words
    return not form.endswith("-")


def _country_nearby(doc: Document, hits: list[_Hit], offset: int) -> Optional[str]:
    """The country of the nearest town or region named before `offset` in the same block
    (or, without anatomy, within the two sentences before); None where there is none."""
    block = next((b for b in doc.anatomy.blocks if b.start <= offset < b.end), None)
    if block is not None:
        lo = block.start
    else:
        sent = doc.sentence_of(offset)
        k = doc.sentences.index(sent) if sent is not None else 0
        lo = doc.sentences[max(0, k - 1)].start if doc.sentences else 0
    before = [h for h in hits if lo <= h.start < offset and h.chosen and h.chosen.country]
    towns = [h for h in before if h.chosen.kind != "country"]
    if towns:
        return towns[-1].chosen.country
    # else the country its own sentence names ("im jemenitischen Dorf Adi", "Ghadschar an
    # der Grenze zu Israel" has two: none), else the one the article's places are in
    sent = doc.sentence_of(offset)
    if sent is not None:
        here = {h.chosen.country for h in hits if sent.start <= h.start < sent.end and h.chosen and h.chosen.country}
        if len(here) == 1:
            return here.pop()
        if here:
            return None
    return _main_country(hits)


# an unknown place is in the country of the article's places when that many of them are
MAIN_COUNTRY_SHARE = 0.5


def _main_country(hits: list[_Hit]) -> Optional[str]:
    countries = [h.chosen.country for h in hits if h.chosen and h.chosen.country]
    if not countries:
        return None
    top, n = Counter(countries).most_common(1)[0]
    return top if n / len(countries) >= MAIN_COUNTRY_SHARE else None


@dataclass
class _DocFacts:
    lowercase: set[str]          # words the article writes in lower case
    named_as_place: set[str]     # forms it puts in a locative phrase somewhere
    surnames: set[str]           # forms it puts after a first name or a title somewhere


def _surnames(tokens: list[Token], starts: set[int]) -> set[str]:
    """Capitalised words right after another capitalised word that is no place noun:
    "Michael Jackson", "Izumi Yamada", "Außenminister Lawrow"."""
    out = set()
    for k in range(1, len(tokens)):
        prev, tok = tokens[k - 1], tokens[k]
        if k in starts or not (_capital_word(prev) and _capital_word(tok)) or prev.end == tok.start:
            continue
        if prev.text in PLACE_NOUNS or BEFORE_TOWN.search(prev.text) or prev.text.lower() in LOCATIVE \
                or prev.text.isupper():          # "FC Bayern", "TSV Baunatal": clubs, not people
            continue
        out.add(name_key(tok.text))
    return out


def _keep(hit: _Hit, tokens, text, starts, persons, never, after_locative, facts: _DocFacts) -> bool:
    key = name_key(text[hit.start:hit.end])
    genitive = key not in _index()
    base = key[:-1] if genitive else key
    if key in never or base in never:
        return False
    if any(e.kind != "city" for e in hit.entries):
        return True                      # countries and curated regions are places as written
    biggest = max(e.population for e in hit.entries)
    if genitive and biggest < BARE_CITY_POPULATION:
        return False                     # "Kitas" is no genitive of a town "Kita"
    if key in after_locative or base in after_locative:
        return _has_locative_word(tokens, hit.i)     # "in Essen", not "beim Essen", "im Norden"
    if _covered(persons, hit.start, hit.end):
        return False
    if hit.ner or hit.context:
        return True
    own_name = any(e.primary for e in hit.entries)
    if (len(base) <= 3 or not own_name and len(base) <= 4) and biggest < 1_000_000 \
            and not (hit.weak and len(base) > 3):
        return False                     # short names ("Tir", "Can", "Of", "Bar") need "in"; "Wien", "Rom" do not
    # a town name without a locative word: not a person's name, not a word opening the
    # sentence; a big town, or one the article names as a place elsewhere or after "von"
    prev = tokens[hit.i - 1] if hit.i > 0 else None
    nxt = tokens[hit.j] if hit.j < len(tokens) else None
    if prev is not None and (prev.text in PERSON_CUES or
                             (hit.i not in starts and _capital_word(prev) and prev.text not in PLACE_NOUNS
                              and not BEFORE_TOWN.search(prev.text))):
        return False                     # "Präsident Washington", "Ayman Nour"
    if nxt is not None and _capital_word(nxt) and not text[hit.end:nxt.start].strip():
        return False                     # "Washington Post", "Wladimir Putin", "Abu Mahdi"
    if hit.i in starts and text[hit.start:hit.end].lower() in facts.lowercase:
        return False                     # a verb or noun that opens the sentence
    if base in facts.named_as_place:
        return True                      # "in Misrata ... Misrata wurde beschossen"
    if hit.weak and own_name:
        return True                      # "der Gipfel von L'Aquila", "aus Borken und Baunatal"
    if base in facts.surnames or key in facts.surnames:
        return False                     # "Michael Jackson ... Jackson war"
    return biggest >= BARE_CITY_POPULATION


def _has_locative_word(tokens: list[Token], i: int) -> bool:
    """A locative preposition stands right before token i, with no article: town names
    take none ("in Essen", "aus Halle"), common nouns do ("beim Essen", "im Norden")."""
    return i > 0 and tokens[i - 1].text.lower() in BARE_LOCATIVE


def _resolve(doc: Document, hits: list[_Hit], tokens: list[Token]) -> None:
    """Choose each hit's place: unambiguous ones first, then the rest with the countries
    the article speaks of (its unambiguous places, its actors, its place adjectives)
    preferred."""
    context: set[str] = {a.country for a in doc.actors if a.country}
    context |= {c for c in map(adjective_country, {t.text for t in tokens if t.text[:1].islower()}) if c}
    for h in hits:
        if len({e.country for e in h.entries}) == 1 or h.entries[0].rank > h.entries[-1].rank:
            h.chosen = choose(h.entries, near=h.near)
            if h.chosen.country:
                context.add(h.chosen.country)
    frozen = frozenset(context)
    for h in hits:
        if h.chosen is None:
            h.chosen = choose(h.entries, frozen, h.near)


def load() -> None:
    """Load every table of the stage now (otherwise the first article pays for it)."""
    from .gazetteer import capitals
    _index()
    capitals()
    _name_openers()
    _not_places()


def add_places(doc: Document) -> None:
    """Write doc.places: every place mention with its resolved place, and the actor it
    stands for where it is an actor's mention outside a phrase that says where."""
    doc.require("tokens", stage="places")
    doc.places = find_places(doc)
    _mark_actors(doc)


def _mark_actors(doc: Document) -> None:
    """A capital or country that is the mention of an actor ("Moskau setzt sich … ein",
    "Russland kritisierte") names who acts: the place gets that actor's id."""
    if not doc.actors:
        return
    mentions = {(m.start, m.end): a.id for a in doc.actors for m in a.mentions}
    for place in doc.places:
        actor = mentions.get((place.start, place.end))
        if actor is not None and _preposition(doc, place) is None:
            place.actor = actor


def _preposition(doc: Document, place: Place) -> Optional[str]:
    """The preposition that governs the place, across articles, place nouns and place
    adjectives ("in der libyschen Stadt Misrata" → "in"), or None."""
    words = [w.strip(",;:()„“\"") for w in doc.text[max(0, place.start - 80):place.start].split()][-6:]
    while words:
        w = words.pop()
        if w.lower() in LOCATIVE or w.lower() in WEAK_LOCATIVE:
            return w.lower()
        if w.lower() in ARTICLES or w in PLACE_NOUNS or BEFORE_TOWN.search(w) or \
                (w[:1].islower() and GEO_ADJECTIVE.search(w)):
            continue
        return None
    return None


def is_locative(doc: Document, place: Place) -> bool:
    """The place stands in a phrase that says where ("in Kairo", "bei Bagdad", "im Irak",
    "in der libyschen Stadt Misrata", "nahe der Hauptstadt Kabul")."""
    return _preposition(doc, place) in WHERE


def place_of_sentence(doc: Document, sentence: Sentence, anchor: Optional[int] = None) -> Optional[Place]:
    """The place of what a sentence reports: a place in a locative phrase of the sentence
    ("in Wladiwostok", "bei Bagdad", "nahe Misrata"), else the goal of "nach" ("reist nach
    Kiew"); the one nearest to `anchor` (a character offset, e.g. the event's trigger)
    where several are; None where none is."""
    inside = Document.within(doc.places, sentence.start, sentence.end)
    for wanted in (WHERE, {"nach"}):
        places = [p for p in inside if _preposition(doc, p) in wanted]
        if places:
            if anchor is None:
                return places[0]
            return min(places, key=lambda p: min(abs(p.start - anchor), abs(p.end - anchor)))
    return None


__all__ = ["add_places", "find_places", "place_of_sentence", "is_locative", "load"]
