"""The store's tables (SQLAlchemy Core): one row per document, per item of each layer,
and one corpus-wide row per real-world actor.

Keys are deterministic, so that a rerun of the same input writes the same rows:
- a document is keyed by the sha256 of its text (`documents.key`);
- the items of a document by (document key, position or the contract's local id);
- a corpus-wide actor by a digest of (kind, country, canonical name): "Wladimir Putin"
  in 1,000 articles is one `actors` row, linked from each article's `document_actors`;
- an event by a digest of document key, sentence, trigger, type and its actors.

The clusters (`lagebild.clusters`) are tables of their own, rebuilt at will and never
touching the rows above: a document's MinHash signature and its group of near-copies, and
event clusters (mentions of one real-world event in several articles) with the reason each
mention joined its cluster.

The schema is created and changed only by the Alembic migrations beside this file
(`migrations/`); a test checks that they build exactly these tables.
"""
from __future__ import annotations

from sqlalchemy import (JSON, Boolean, Column, DateTime, Float, ForeignKey, Index, Integer, LargeBinary,
                        MetaData, String, Table, Text)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData()

# JSONB on PostgreSQL (indexable, compact), JSON text elsewhere
Json = JSON().with_variant(JSONB(), "postgresql")

DOC_KEY = 64        # hex sha256
ID = 32             # hex digests of corpus-wide ids


def _doc_key(primary: bool = True) -> Column:
    return Column("doc_key", String(DOC_KEY), ForeignKey("documents.key", ondelete="CASCADE"),
                  primary_key=primary, nullable=False)


documents = Table(
    "documents", metadata,
    Column("key", String(DOC_KEY), primary_key=True),           # sha256 of text
    Column("external_id", Text),                                # the caller's id
    Column("input_ref", Text),                                  # file, FILE:LINE or WARC@offset
    Column("url", Text),
    Column("source", Text),                                     # the outlet
    Column("title", Text),
    Column("published", String(10), index=True),                # ISO date
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("anatomy", Json),
    Column("sentences", Json),                                  # [[start, end, role], ...]
    Column("pipeline_version", String(200), nullable=False),
    Column("analysed_at", DateTime(timezone=True), nullable=False),
)

entities = Table(
    "entities", metadata,
    _doc_key(),
    Column("position", Integer, primary_key=True),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", String(8), nullable=False),
    Column("score", Float), Column("found_by", String(16)),
)

actors = Table(
    "actors", metadata,
    Column("id", String(ID), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("country", String(8)),
    Column("sector", String(8)),
    Column("wikidata", String(32)),
    Index("ix_actors_name", "name"),
    Index("ix_actors_country", "country"),
)

document_actors = Table(
    "document_actors", metadata,
    _doc_key(),
    Column("local_id", String(16), primary_key=True),             # "a1" of the document JSON
    Column("actor_id", String(ID), ForeignKey("actors.id"), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("country", String(8)), Column("sector", String(8)), Column("wikidata", String(32)),
)

actor_mentions = Table(
    "actor_mentions", metadata,
    _doc_key(),
    Column("local_id", String(16), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

actor_references = Table(
    "actor_references", metadata,
    _doc_key(),
    Column("local_id", String(16), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False), Column("confidence", Float, nullable=False),
)

quotes = Table(
    "quotes", metadata,
    _doc_key(),
    Column("local_id", String(16), primary_key=True),
    Column("type", String(32), nullable=False),
    Column("medium", String(16)),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("spans", Json, nullable=False),                        # [[start, end], ...]
    Column("speaker", Text), Column("speaker_spans", Json),
    Column("speaker_local_id", String(16)),
    Column("speaker_actor_id", String(ID), index=True),
    Column("cue", Text), Column("cue_spans", Json),
    Column("addressee", Json), Column("frame", Json),
)

times = Table(
    "times", metadata,
    _doc_key(),
    Column("position", Integer, primary_key=True),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("value", String(64)),
)

places = Table(
    "places", metadata,
    _doc_key(),
    Column("position", Integer, primary_key=True),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("name", Text), Column("country", String(8)),
    Column("lat", Float), Column("lon", Float), Column("geonameid", Integer),
    # the actor a metonym stands for ("Moskau kritisierte"): its id in the document and corpus
    Column("actor_local_id", String(16)), Column("actor_id", String(ID)),
)

events = Table(
    "events", metadata,
    Column("id", String(ID), primary_key=True),
    _doc_key(primary=False),
    Column("local_id", String(16), nullable=False),
    Column("type", String(16), nullable=False, index=True),
    Column("quad_code", Integer),
    Column("mode", String(32)),
    Column("contexts", Json, nullable=False),
    Column("date", String(10), index=True),                      # ISO, may be partial
    Column("place", Text),
    Column("negated", Boolean, nullable=False), Column("hypothetical", Boolean, nullable=False),
    Column("trigger_start", Integer, nullable=False), Column("trigger_end", Integer, nullable=False),
    Column("trigger", Text, nullable=False),
    Column("sentence_start", Integer, nullable=False), Column("sentence_end", Integer, nullable=False),
    Column("quote_local_id", String(16)),
    Column("confidence", Float),
    Column("coded_by", String(16)),                              # Event.by: rules, learned+rules, learned
    Index("ix_events_doc_key", "doc_key"),
)

event_actors = Table(
    "event_actors", metadata,
    Column("event_id", String(ID), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(8), primary_key=True),                  # source | target
    Column("position", Integer, primary_key=True),
    Column("doc_key", String(DOC_KEY), ForeignKey("documents.key", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("local_id", String(16), nullable=False),
    Column("actor_id", String(ID), ForeignKey("actors.id"), nullable=False, index=True),
)

failures = Table(
    "failures", metadata,
    Column("input_ref", Text, primary_key=True),                  # one row per input, the latest failure
    Column("doc_key", String(DOC_KEY)),                           # when the text could be read
    Column("reason", String(32), nullable=False, index=True),
    Column("message", Text, nullable=False),
    Column("pipeline_version", String(200), nullable=False),
    Column("failed_at", DateTime(timezone=True), nullable=False),
)

# --- clusters (lagebild.clusters): derived rows, rebuilt at will ----------------------

document_signatures = Table(
    "document_signatures", metadata,
    _doc_key(),
    Column("minhash", LargeBinary, nullable=False),              # datasketch hashvalues as uint64 bytes
    Column("shingles", Integer, nullable=False),                  # distinct word shingles hashed
    Column("version", String(16), nullable=False),                # digest of the signature parameters
)

document_clusters = Table(
    "document_clusters", metadata,
    _doc_key(),
    Column("cluster_id", String(DOC_KEY), nullable=False, index=True),    # the representative's key
    Column("representative", Boolean, nullable=False),
    Column("similarity", Float, nullable=False),                  # estimated Jaccard to the representative
)

event_clusters = Table(
    "event_clusters", metadata,
    Column("id", String(ID), primary_key=True),                   # digest of first member and version
    Column("version", String(32), nullable=False, index=True),
    Column("type", String(16), nullable=False, index=True),
    Column("quad_code", Integer),
    Column("date", String(10)),                                   # the representative's event date
    Column("first_seen", String(10)),                             # earliest / latest publication
    Column("last_seen", String(10)),
    Column("mentions", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("sources", Integer, nullable=False),
    Column("representative_event", String(ID), nullable=False),
)

event_cluster_members = Table(
    "event_cluster_members", metadata,
    Column("event_id", String(ID), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("cluster_id", String(ID), ForeignKey("event_clusters.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("linked_to", String(ID)),                              # the member it matched; null: the first
    Column("reason", Text, nullable=False),
)

# the tables holding a document's rows, children first (the order of deletes)
DOCUMENT_TABLES = (event_actors, events, quotes, actor_references, actor_mentions, document_actors, entities, times,
                   places, documents)
