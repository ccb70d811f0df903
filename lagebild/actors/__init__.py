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

from collections import Counter
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator, Optional

from ..document import Actor, Document, Mention, Reference
from .acronyms import _acronym_definitions, _acronym_orgs
from .coref import pairs, references
from .entities import _entity_mentions
from .gazetteer import _adjective_countries, _context_countries, _gazetteer_hits, _table_mentions, _table_offices
from .gender import gender_of, mention_words
from .orgs import _affiliations, _demonyms, _named_orgs, _quoted_orgs
from .persons import (_age_descriptions, _merge_spellings, _merge_surname_persons, _merge_transliterations,
                      _name_heuristics, _regnal_numbers, _surnames)
from .role_nouns import _plural_noun_kinds
from .roles import _link_body_roles, _link_org_roles, _roles, _source_compounds
from .state import _Doc
from .tables import Tables, load_tables, user_files

__all__ = ["add_actors", "actor_at", "actors_of", "shared_mentions", "tables_held", "use_actor_files"]

_EXTRA_FILES: tuple[str, ...] = ()


def use_actor_files(paths) -> None:
    """Extend the tables with user files for the rest of this process (--actors FILE)."""
    global _EXTRA_FILES
    _EXTRA_FILES = tuple(str(p) for p in paths)


# the tables of the settings in force, held for the length of one stage's run over one
# document (`tables_held`): `nationality()` is asked for every lower-case word a role might
# be, and reading the settings (a config file's stat, the environment) each time cost more
# than the lookup
_HELD: ContextVar[Optional[Tables]] = ContextVar("lagebild_actor_tables", default=None)


def _tables() -> Tables:
    held = _HELD.get()
    return held if held is not None else load_tables(tuple(user_files()) + _EXTRA_FILES)


@contextmanager
def tables_held() -> Iterator[Tables]:
    """The actor tables of the settings in force, read once for the block inside."""
    token = _HELD.set(_tables())
    try:
        yield _HELD.get()
    finally:
        _HELD.reset(token)


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
    _adjective_countries(d)
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


def shared_mentions(actors: list[Actor]) -> list[tuple[int, int]]:
    """Spans that are mentions of more than one actor (the invariant: there are none)."""
    seen: Counter = Counter((m.start, m.end) for a in actors for m in {(x.start, x.end): x for x in a.mentions}.values())
    return sorted(span for span, n in seen.items() if n > 1)


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
