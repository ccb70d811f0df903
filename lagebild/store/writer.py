"""Writing analysed documents into the store: every row of one document in one
transaction, so that a run killed at any moment leaves each document either complete or
absent.

`document_rows` turns a Document (the JSON contract, nothing else) into table rows;
`write_document` writes them; `record_failure` keeps why an input could not be analysed.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, Optional

from sqlalchemy import delete, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine

from ..document import Document, text_id
from ..plover import quad_code
from . import tables as t


@dataclass(frozen=True)
class Provenance:
    """Where a document came from: what the input says beside its text."""
    input_ref: Optional[str] = None     # file, FILE.jsonl:LINE, FILE.warc.gz@OFFSET
    external_id: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None        # the outlet
    title: Optional[str] = None


def digest(*parts: object, size: int = t.ID) -> str:
    """A short, stable hex id from its parts (a unit separator keeps them apart)."""
    return hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8")).hexdigest()[:size]


def actor_id(kind: str, country: Optional[str], name: str) -> str:
    """The corpus-wide id of an actor: the same name, country and kind in any article."""
    return digest("actor", kind, country, name)


def document_key(doc: Document) -> str:
    return text_id(doc.text)


def document_rows(doc: Document, provenance: Provenance, version: str) -> dict[str, list[dict]]:
    """The rows of every table for one document, keyed by table name."""
    key = document_key(doc)
    corpus_actor = {a.id: actor_id(a.kind, a.country, a.name) for a in doc.actors}
    names = {a.id: a.name for a in doc.actors}
    rows: dict[str, list[dict]] = {
        "documents": [_document_row(doc, key, provenance, version)],
        "entities": [{"doc_key": key, "position": i, "start": e.start, "end": e.end, "text": e.text,
                      "label": e.label, "score": e.score, "found_by": e.source} for i, e in enumerate(doc.entities)],
        "actors": [{"id": corpus_actor[a.id], "name": a.name, "kind": a.kind, "country": a.country,
                    "sector": a.sector, "wikidata": a.wikidata} for a in doc.actors],
        "document_actors": [{"doc_key": key, "local_id": a.id, "actor_id": corpus_actor[a.id], "name": a.name,
                             "kind": a.kind, "country": a.country, "sector": a.sector, "wikidata": a.wikidata}
                            for a in doc.actors],
        "actor_mentions": [{"doc_key": key, "local_id": a.id, "position": i, "start": m.start, "end": m.end,
                            "text": m.text} for a in doc.actors for i, m in enumerate(a.mentions)],
        "actor_references": [{"doc_key": key, "local_id": a.id, "position": i, "start": r.start, "end": r.end,
                              "text": r.text, "confidence": r.confidence}
                             for a in doc.actors for i, r in enumerate(a.references)],
        "quotes": [_quote_row(q, key, corpus_actor) for q in doc.quotes],
        "times": [{"doc_key": key, "position": i, "start": x.start, "end": x.end, "text": x.text, "type": x.type,
                   "value": x.value} for i, x in enumerate(doc.times)],
        "places": [{"doc_key": key, "position": i, "start": p.start, "end": p.end, "text": p.text, "name": p.name,
                    "country": p.country, "lat": p.lat, "lon": p.lon, "geonameid": p.geonameid,
                    "actor_local_id": p.actor, "actor_id": corpus_actor.get(p.actor) if p.actor else None}
                   for i, p in enumerate(doc.places)],
        "events": [],
        "event_actors": [],
    }
    seen: set[str] = set()
    for ev in doc.events:
        eid = _event_id(key, ev, names, seen)
        rows["events"].append(_event_row(ev, eid, key))
        for role, ids in (("source", ev.source), ("target", ev.target)):
            rows["event_actors"] += [{"event_id": eid, "role": role, "position": i, "doc_key": key, "local_id": a,
                                      "actor_id": corpus_actor[a]} for i, a in enumerate(ids) if a in corpus_actor]
    return rows


def _document_row(doc: Document, key: str, provenance: Provenance, version: str) -> dict:
    return {"key": key, "external_id": provenance.external_id, "input_ref": provenance.input_ref,
            "url": provenance.url, "source": provenance.source, "title": provenance.title or doc.anatomy.title,
            "published": doc.published, "language": doc.language, "text": doc.text,
            "anatomy": doc.anatomy.model_dump(mode="json"),
            "sentences": [[s.start, s.end, s.role] for s in doc.sentences],
            "pipeline_version": version, "analysed_at": datetime.now(timezone.utc)}


def _spans(spans) -> list[list[int]]:
    return [[s.start, s.end] for s in spans]


def _quote_row(q, key: str, corpus_actor: dict[str, str]) -> dict:
    speaker = q.speaker
    return {"doc_key": key, "local_id": q.id, "type": q.type, "medium": q.medium, "text": q.text,
            "start": min(s.start for s in q.spans), "end": max(s.end for s in q.spans), "spans": _spans(q.spans),
            "speaker": speaker.text if speaker else None, "speaker_spans": _spans(speaker.spans) if speaker else None,
            "speaker_local_id": speaker.actor if speaker else None,
            "speaker_actor_id": corpus_actor.get(speaker.actor) if speaker and speaker.actor else None,
            "cue": q.cue.text if q.cue else None, "cue_spans": _spans(q.cue.spans) if q.cue else None,
            "addressee": q.addressee.model_dump() if q.addressee else None,
            "frame": q.frame.model_dump() if q.frame else None}


def _event_id(key: str, ev, names: dict[str, str], seen: set[str]) -> str:
    """Stable across reruns: document, sentence, trigger, type and the actors' names (an
    article may code one trigger twice for different pairs of actors)."""
    eid = digest("event", key, ev.sentence.start, ev.trigger.start, ev.trigger.end, ev.type,
                 "+".join(sorted(names.get(a, a) for a in ev.source)),
                 "+".join(sorted(names.get(a, a) for a in ev.target)))
    n = 1
    while eid in seen:          # the contract forbids such twins; never lose one if it happens
        n += 1
        eid = digest("event", eid, n)
    seen.add(eid)
    return eid


def _event_row(ev, eid: str, key: str) -> dict:
    return {"id": eid, "doc_key": key, "local_id": ev.id, "type": ev.type, "quad_code": quad_code(ev.type),
            "mode": ev.mode, "contexts": list(ev.contexts), "date": ev.date, "place": ev.place,
            "negated": ev.negated, "hypothetical": ev.hypothetical, "trigger_start": ev.trigger.start,
            "trigger_end": ev.trigger.end, "trigger": ev.trigger.text, "sentence_start": ev.sentence.start,
            "sentence_end": ev.sentence.end, "quote_local_id": ev.quote, "confidence": ev.confidence,
            "coded_by": ev.by}


# the order of inserts: parents before the rows that point at them
_INSERT_ORDER = ("documents", "actors", "document_actors", "actor_mentions", "actor_references", "entities",
                 "quotes", "times",
                 "places", "events", "event_actors")


def write_document(engine: Engine, rows: dict[str, list[dict]], replace: bool = False) -> bool:
    """Write one document's rows in one transaction. An existing document is kept (False)
    unless `replace`, which deletes its rows first."""
    key = rows["documents"][0]["key"]
    with engine.begin() as conn:
        exists = conn.execute(select(t.documents.c.key).where(t.documents.c.key == key)).first() is not None
        if exists and not replace:
            return False
        if exists:
            delete_document(conn, key)
        for name in _INSERT_ORDER:
            if not rows.get(name):
                continue
            if name == "actors":
                _insert_missing(conn, t.actors, rows[name])
            else:
                conn.execute(insert(t.metadata.tables[name]), rows[name])
        # an input that failed before (a timeout, a bug since fixed) is no failure any more
        ref = rows["documents"][0]["input_ref"]
        conn.execute(delete(t.failures).where((t.failures.c.doc_key == key) | (t.failures.c.input_ref == ref)))
    return True


def delete_document(conn: Connection, key: str) -> None:
    """Remove a document and all its rows (corpus-wide actors stay)."""
    for table in t.DOCUMENT_TABLES:
        column = table.c.key if table is t.documents else table.c.doc_key
        conn.execute(delete(table).where(column == key))


def _insert_missing(conn: Connection, table, rows: list[dict]) -> None:
    """Insert rows whose key is not there yet (the corpus-wide actors: first seen wins)."""
    unique = list({r["id"]: r for r in rows}.values())
    dialect = conn.dialect.name
    if dialect == "postgresql":
        conn.execute(pg_insert(table).on_conflict_do_nothing(index_elements=["id"]), unique)
    elif dialect == "sqlite":
        conn.execute(sqlite_insert(table).on_conflict_do_nothing(index_elements=["id"]), unique)
    else:
        have = set(conn.execute(select(table.c.id).where(table.c.id.in_([r["id"] for r in unique]))).scalars())
        fresh = [r for r in unique if r["id"] not in have]
        if fresh:
            conn.execute(insert(table), fresh)


def record_failure(engine: Engine, input_ref: str, reason: str, message: str, version: str,
                   doc_key: Optional[str] = None) -> None:
    """Keep the latest failure of an input (one row per input reference)."""
    row = {"input_ref": input_ref, "doc_key": doc_key, "reason": reason, "message": message[:2000].replace("\x00", ""),
           "pipeline_version": version, "failed_at": datetime.now(timezone.utc)}
    with engine.begin() as conn:
        conn.execute(delete(t.failures).where(t.failures.c.input_ref == input_ref))
        conn.execute(insert(t.failures), [row])


def stored_versions(engine: Engine, keys: Iterable[str]) -> dict[str, str]:
    """For the keys already in the store: key → the pipeline version that analysed it."""
    keys = list(set(keys))
    found: dict[str, str] = {}
    with engine.connect() as conn:
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            query = select(t.documents.c.key, t.documents.c.pipeline_version).where(t.documents.c.key.in_(chunk))
            found.update((key, version) for key, version in conn.execute(query))
    return found
