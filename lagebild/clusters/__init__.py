"""Clusters of a store: near-copies of documents, and mentions of one real-world event.

News repeats itself: an agency story is printed by dozens of outlets with small edits, and
one summit is reported by every paper for days. Counting every report as an event is
wrong, and dropping the repeats loses their provenance. The store keeps every document and
every mention; this package adds, in tables of their own that can be dropped and rebuilt:

- document clusters (`documents.py`): near-copies found by MinHash/LSH over word shingles;
- event clusters (`events.py`): mentions from different articles of the same event (same
  type, actors, dates within a window, compatible places), each member with the reason it
  joined; the counts GDELT gives (mentions, articles, sources, first and last seen).

    update_clusters(engine, keys)   # after a run wrote the documents `keys`
    rebuild_clusters(engine)        # from scratch, under a new version

Parameters: `clusters.yaml` beside this file. Command line: `lagebild cluster [--store
URL] [--rebuild]` (`main`).
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from typing import Iterable, Optional

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from ..store import tables as t
from .documents import DocumentSummary, cluster_documents, document_groups
from .events import EventSummary, cluster_events, current_version, event_groups

__all__ = ["ClusterSummary", "cluster_documents", "cluster_events", "current_version", "document_groups",
           "event_groups", "main", "rebuild_clusters", "store_counts", "update_clusters"]


@dataclass
class ClusterSummary:
    documents: DocumentSummary
    events: EventSummary

    def describe(self, engine: Optional[Engine] = None) -> str:
        text = f"{self.documents.describe()}; {self.events.describe()}"
        if self.events.rebuilt:
            text = "rebuilt: " + text
        if engine is not None:
            counts = store_counts(engine)
            text += (f" (store: {counts['documents']:,} documents in {counts['document_clusters']:,} document "
                     f"clusters, {counts['mentions']:,} event mentions in {counts['event_clusters']:,} event "
                     f"clusters, version {self.events.version})")
        return text


def update_clusters(engine: Engine, keys: Iterable[str] = ()) -> ClusterSummary:
    """Cluster the documents `keys` (just written) and their event mentions, joining them
    to the stored clusters; anything else not clustered yet is taken along. Cheap when
    nothing is new: call it after every run (or every batch of one)."""
    keys = list(keys)
    documents = cluster_documents(engine, keys)
    return ClusterSummary(documents, cluster_events(engine, keys, regrouped=documents.changed))


def rebuild_clusters(engine: Engine) -> ClusterSummary:
    """Every document and event cluster anew; the event clusters get a new version."""
    return ClusterSummary(cluster_documents(engine, None), cluster_events(engine, None))


def store_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        def count(table, column=None):
            what = func.count(column.distinct()) if column is not None else func.count()
            return conn.execute(select(what).select_from(table)).scalar_one()
        return {"documents": count(t.documents),
                "document_clusters": count(t.document_clusters, t.document_clusters.c.cluster_id),
                "mentions": count(t.events), "event_clusters": count(t.event_clusters)}


def main(argv: Optional[list[str]] = None) -> int:
    """`lagebild cluster [--store URL] [--rebuild]`: bring a store's clusters up to date
    (or rebuild them) and print a one-line summary."""
    from ..store import StoreError, open_engine
    parser = argparse.ArgumentParser(prog="lagebild cluster",
                                     description="Group near-copies of documents and mentions of one event.")
    parser.add_argument("--store", help="store URL or SQLite file (default: the `store` setting)")
    parser.add_argument("--rebuild", action="store_true",
                        help="drop every cluster and compute them anew (a new version)")
    args = parser.parse_args(argv)
    try:
        engine = open_engine(args.store)
        summary = rebuild_clusters(engine) if args.rebuild else update_clusters(engine)
    except StoreError as exc:
        print(f"lagebild cluster: {exc}", file=sys.stderr)
        return 2
    print(summary.describe(engine))
    return 0
