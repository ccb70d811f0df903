"""Reading the store for an export, a chunk at a time: documents (or, for the actors
table, corpus-wide actors) are paged in key order, CHUNK at a time, and only their child
rows are fetched, so memory stays flat however large the store is.

Each reader yields lists of plain dicts. `events` yields one nested item per event (its
row, its actors, the place it is resolved to, its document, its event cluster), which
`flat.event_row` and `plover_json.record` both turn into output; `clusters` one item per
event cluster (see `flat.cluster_row`); the other readers yield rows of the flat tables
themselves.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timezone
from typing import Iterator, Optional

from sqlalchemy import and_, case, func, select
from sqlalchemy.engine import Connection, Engine

from ..store import tables as t
from .filters import Filters

CHUNK = 500

d, e, ea, da, q, pl, a, am = (t.documents, t.events, t.event_actors, t.document_actors, t.quotes, t.places,
                              t.actors, t.actor_mentions)
dc, ec, em = t.document_clusters, t.event_clusters, t.event_cluster_members

_DOC = (d.c.key, d.c.url, d.c.source, d.c.title, d.c.published, d.c.language, d.c.pipeline_version,
        d.c.analysed_at)


def _pages(conn: Connection, column, conds: list, size: int) -> Iterator[list[str]]:
    """The keys of `column` in order, `size` at a time (keyset paging: no OFFSET, so every
    page costs the same)."""
    last = None
    while True:
        query = select(column).where(*conds).order_by(column).limit(size)
        if last is not None:
            query = query.where(column > last)
        keys = list(conn.execute(query).scalars())
        if not keys:
            return
        yield keys
        last = keys[-1]


def utc(value: Optional[datetime]) -> Optional[datetime]:
    """analysed_at as an aware UTC time: SQLite hands back the naive UTC the writer
    stored, PostgreSQL an aware time in the session's zone."""
    if value is None:
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def events(engine: Engine, flt: Filters, size: int = CHUNK, sentences: bool = False) -> Iterator[list[dict]]:
    """Events with their actors, place, document and event cluster (`cluster_id`, null
    where the store has none); `sentences`: also the sentence's number in its document
    (PLOVER's text_info.sequence), which needs the sentence list."""
    with engine.connect() as conn:
        for keys in _pages(conn, d.c.key, [], size):
            rows = conn.execute(
                _event_query().where(e.c.doc_key.in_(keys), *flt.events())
                .order_by(e.c.doc_key, e.c.sentence_start, e.c.trigger_start, e.c.id)).mappings().all()
            if rows:
                yield _event_items(conn, rows, sentences)


def _event_query():
    sentence_text = func.substr(d.c.text, e.c.sentence_start + 1, e.c.sentence_end - e.c.sentence_start)
    return (select(*e.c, sentence_text.label("sentence_text"), em.c.cluster_id)
            .select_from(e.join(d, d.c.key == e.c.doc_key).outerjoin(em, em.c.event_id == e.c.id)))


def _event_items(conn: Connection, rows, sentences: bool) -> list[dict]:
    """Event rows (of `_event_query`) → items with their actors, place and document."""
    with_events = sorted({r["doc_key"] for r in rows})
    docs = {r["key"]: dict(r) for r in conn.execute(
        select(*_DOC, *([d.c.sentences] if sentences else [])).where(d.c.key.in_(with_events))).mappings()}
    roles = _event_actors(conn, with_events)
    places = defaultdict(list)
    for p in conn.execute(select(pl).where(pl.c.doc_key.in_(with_events))).mappings():
        places[p["doc_key"]].append(dict(p))
    chunk = []
    for r in rows:
        doc = docs[r["doc_key"]]
        item = dict(r, doc=doc, source=roles[r["id"], "source"], target=roles[r["id"], "target"],
                    place_row=nearest_place(places[r["doc_key"]], r["place"], r["trigger_start"]))
        if sentences:
            item["sequence"] = sentence_number(doc["sentences"], r["sentence_start"], r["sentence_end"],
                                               r["trigger_start"])
        chunk.append(item)
    return chunk


def clusters(engine: Engine, flt: Filters, size: int = CHUNK, sentences: bool = False) -> Iterator[list[dict]]:
    """Event clusters with a member inside the filters, in id order: the cluster row, its
    representative event as an `events` item ("representative"), its members' event ids
    in date order and its outlets. Counts are the whole cluster's."""
    inside = (select(em.c.event_id).select_from(em.join(e, e.c.id == em.c.event_id).join(d, d.c.key == e.c.doc_key))
              .where(em.c.cluster_id == ec.c.id, *flt.events()).exists())
    with engine.connect() as conn:
        for ids in _pages(conn, ec.c.id, [inside] if flt.events() else [], size):
            rows = conn.execute(select(ec).where(ec.c.id.in_(ids)).order_by(ec.c.id)).mappings().all()
            members, outlets = defaultdict(list), defaultdict(set)
            query = (select(em.c.cluster_id, em.c.event_id, d.c.source)
                     .select_from(em.join(e, e.c.id == em.c.event_id).join(d, d.c.key == e.c.doc_key))
                     .where(em.c.cluster_id.in_(ids))
                     .order_by(em.c.cluster_id, func.coalesce(e.c.date, d.c.published), em.c.event_id))
            for cluster_id, event_id, outlet in conn.execute(query):
                members[cluster_id].append(event_id)
                if outlet:
                    outlets[cluster_id].add(outlet)
            heads = conn.execute(_event_query().where(e.c.id.in_([r["representative_event"] for r in rows]))
                                 ).mappings().all()
            items = {item["id"]: item for item in _event_items(conn, heads, sentences)} if heads else {}
            yield [dict(r, representative=items.get(r["representative_event"]), event_ids=members[r["id"]],
                        outlets=sorted(outlets[r["id"]])) for r in rows]


def _event_actors(conn: Connection, keys: list[str]) -> dict:
    """(event id, role) → its actors in order, as the article coded them (the document's
    actor row: the corpus row keeps only the first article's sector and Qid)."""
    found = defaultdict(list)
    query = (select(ea.c.event_id, ea.c.role, ea.c.actor_id, da.c.name, da.c.kind, da.c.country, da.c.sector,
                    da.c.wikidata)
             .join(da, and_(da.c.doc_key == ea.c.doc_key, da.c.local_id == ea.c.local_id))
             .where(ea.c.doc_key.in_(keys)).order_by(ea.c.event_id, ea.c.role, ea.c.position))
    for r in conn.execute(query).mappings():
        found[r["event_id"], r["role"]].append(dict(r))
    return found


def nearest_place(places: list[dict], text: Optional[str], trigger: int) -> Optional[dict]:
    """The place mention the event's place text came from: the same text, nearest to the
    trigger (a place named twice may be resolved once, or differently)."""
    if not text:
        return None
    same = [p for p in places if p["text"] == text]
    return min(same, key=lambda p: (abs(p["start"] - trigger), p["position"])) if same else None


def sentence_number(sentences: Optional[list], start: int, end: int, trigger: int) -> Optional[int]:
    """The 0-based number of the event's sentence: the one with its offsets, else the one
    holding the trigger."""
    sentences = sentences or []
    for i, s in enumerate(sentences):
        if s[0] == start and s[1] == end:
            return i
    for i, s in enumerate(sentences):
        if s[0] <= trigger < s[1]:
            return i
    return None


def quotes(engine: Engine, flt: Filters, size: int = CHUNK) -> Iterator[list[dict]]:
    query = (select(q.c.doc_key.label("document"), q.c.local_id.label("id"), q.c.type, q.c.medium, q.c.text,
                    q.c.start, q.c.end, q.c.speaker, q.c.speaker_actor_id, da.c.name.label("speaker_name"),
                    da.c.country.label("speaker_country"), q.c.cue, d.c.published, d.c.url)
             .join(d, d.c.key == q.c.doc_key)
             .outerjoin(da, and_(da.c.doc_key == q.c.doc_key, da.c.local_id == q.c.speaker_local_id)))
    with engine.connect() as conn:
        # documents outside the dates are skipped whole; the other filters are per quote
        for keys in _pages(conn, d.c.key, flt.published(), size):
            rows = conn.execute(query.where(q.c.doc_key.in_(keys), *flt.quotes())
                                .order_by(q.c.doc_key, q.c.start, q.c.local_id)).mappings().all()
            if rows:
                yield [dict(r) for r in rows]


def documents(engine: Engine, flt: Filters, size: int = CHUNK, unique: bool = False) -> Iterator[list[dict]]:
    """Documents with their counts and document cluster (`cluster_id`, and `copies`: how
    many documents the cluster has); `unique`: of each cluster only the first document
    inside the filters (the earliest published, then the smallest key; a document without
    a cluster row is its own)."""
    conds = flt.documents()
    if unique:
        first = func.row_number().over(
            partition_by=func.coalesce(dc.c.cluster_id, d.c.key),
            order_by=[case((d.c.published.is_(None), 1), else_=0), d.c.published, d.c.key]).label("rank")
        ranked = select(d.c.key, first).select_from(d.outerjoin(dc, dc.c.doc_key == d.c.key)).where(*conds).subquery()
        conds = [d.c.key.in_(select(ranked.c.key).where(ranked.c.rank == 1))]
    with engine.connect() as conn:
        for keys in _pages(conn, d.c.key, conds, size):
            rows = conn.execute(
                select(d.c.key, d.c.external_id, d.c.input_ref, d.c.url, d.c.source.label("outlet"), d.c.title,
                       d.c.published, d.c.language, d.c.pipeline_version, d.c.analysed_at,
                       func.length(d.c.text).label("characters"), d.c.sentences, dc.c.cluster_id)
                .select_from(d.outerjoin(dc, dc.c.doc_key == d.c.key))
                .where(d.c.key.in_(keys)).order_by(d.c.key)).mappings().all()
            n_events = _counts(conn, e.c.doc_key, func.count(), e.c.doc_key.in_(keys))
            n_quotes = _counts(conn, q.c.doc_key, func.count(), q.c.doc_key.in_(keys))
            clusters = sorted({r["cluster_id"] for r in rows if r["cluster_id"]})
            copies = _counts(conn, dc.c.cluster_id, func.count(), dc.c.cluster_id.in_(clusters)) if clusters else {}
            yield [dict(r, analysed_at=utc(r["analysed_at"]), sentences=len(r["sentences"] or []),
                        events=n_events.get(r["key"], 0), quotes=n_quotes.get(r["key"], 0),
                        copies=copies.get(r["cluster_id"])) for r in rows]


def actors(engine: Engine, flt: Filters, size: int = CHUNK) -> Iterator[list[dict]]:
    """Corpus-wide actors, with how many documents, mentions and events (as source or
    target) the filters leave them."""
    with engine.connect() as conn:
        for ids in _pages(conn, a.c.id, flt.actors(), size):
            rows = conn.execute(select(a).where(a.c.id.in_(ids)).order_by(a.c.id)).mappings().all()
            mine = da.c.actor_id.in_(ids)
            n_docs = _counts(conn, da.c.actor_id, func.count(da.c.doc_key.distinct()), mine,
                             join=da.join(d, d.c.key == da.c.doc_key), where=flt.published())
            n_mentions = _counts(conn, da.c.actor_id, func.count(), mine,
                                 join=am.join(da, and_(da.c.doc_key == am.c.doc_key, da.c.local_id == am.c.local_id))
                                 .join(d, d.c.key == da.c.doc_key), where=flt.published())
            n_events = _counts(conn, ea.c.actor_id, func.count(ea.c.event_id.distinct()), ea.c.actor_id.in_(ids),
                               join=ea.join(e, e.c.id == ea.c.event_id).join(d, d.c.key == e.c.doc_key),
                               where=flt.actor_events())
            yield [dict(r, documents=n_docs.get(r["id"], 0), mentions=n_mentions.get(r["id"], 0),
                        events=n_events.get(r["id"], 0)) for r in rows]


def _counts(conn: Connection, key, count, cond, join=None, where=()) -> dict[str, int]:
    query = select(key, count).where(cond, *where).group_by(key)
    if join is not None:
        query = query.select_from(join)
    return {k: n for k, n in conn.execute(query)}
