"""Exports of a store: PLOVER event records, and flat tables of events, quotes, actors
and documents, filtered by date, event type and country.

    from lagebild.store import open_engine
    from lagebild.export import export
    export(open_engine("lagebild.db"), "csv", "events", "events.csv", country="RUS", date_from="2019")

Formats: "plover" (events only: PLOVER JSON Lines, `plover_json.py`), "jsonl", "csv" and
"parquet" (the flat tables of `flat.py`). Events per mention (every report, each with its
event cluster id) or per cluster (one row per real-world event, `per="cluster"`);
documents all, or one per group of near-copies (`unique=True`). The filters and what they select: `filters.py`.
Nothing is held whole: the store is read ~500 documents at a time (`read.py`) and each
chunk is written before the next is read (`write.py`; Parquet: one row group a chunk).
"""
from __future__ import annotations

from typing import Optional

from sqlalchemy.engine import Engine

from . import flat, plover_json, read, write
from .filters import ExportError, Filters, check_filters

FORMATS = ("plover", "jsonl", "csv", "parquet")
WHATS = ("events", "quotes", "actors", "documents")
PERS = ("mention", "cluster")

__all__ = ["ExportError", "FORMATS", "Filters", "PERS", "WHATS", "check_filters", "export"]


def export(engine: Engine, format: str, what: str = "events", out: write.Output = None, *,
           date_from: Optional[str] = None, date_to: Optional[str] = None, event_type: Optional[str] = None,
           country: Optional[str] = None, chunk_size: int = read.CHUNK, per: str = "mention",
           unique: bool = False) -> int:
    """Write `what` from the store in `format` to `out` (a path, a binary stream, or None
    or "-" for stdout); returns the number of rows (records) written. Everything is
    checked before the output is opened: a bad argument raises ExportError and writes nothing.

    `per="cluster"`: events as one row per event cluster (`lagebild.clusters`: the reports
    of one real-world event) with its counts and member ids, instead of one per mention
    (each mention row carries its `cluster_id`, PLOVER's `link`); documents as one per
    group of near-copies, as `unique=True` does."""
    if format not in FORMATS:
        raise ExportError(f"unknown export format {format!r}: one of {', '.join(FORMATS)}")
    if what not in WHATS:
        raise ExportError(f"cannot export {what!r}: one of {', '.join(WHATS)}")
    if format == "plover" and what != "events":
        raise ExportError(f"PLOVER records are events; export {what} as jsonl, csv or parquet")
    if per not in PERS:
        raise ExportError(f"per wants one of {', '.join(PERS)}, not {per!r}")
    if per == "cluster" and what not in ("events", "documents"):
        raise ExportError(f"{what} have no clusters: per='cluster' exports events or documents")
    if unique and what != "documents":
        raise ExportError("unique gives one document per group of near-copies; for events use per='cluster'")
    if chunk_size < 1:
        raise ExportError(f"chunk_size must be at least 1, not {chunk_size}")
    flt = check_filters(date_from, date_to, event_type, country)
    table = "clusters" if what == "events" and per == "cluster" else what
    chunks = _chunks(engine, format, table, flt, chunk_size, unique or per == "cluster")
    with write.opened(out, binary=format == "parquet") as stream:
        if format == "plover":
            return write.jsonl(stream, chunks)
        if format == "jsonl":
            names = flat.SCHEMAS[table].names        # the columns of the other formats, in their order
            return write.jsonl(stream, ([{n: row.get(n) for n in names} for row in rows] for rows in chunks))
        if format == "csv":
            return write.csv_rows(stream, chunks, flat.SCHEMAS[table])
        return write.parquet(stream, chunks, flat.SCHEMAS[table])


def _chunks(engine: Engine, format: str, what: str, flt: Filters, size: int, unique: bool = False):
    if what == "documents":
        return read.documents(engine, flt, size, unique=unique)
    if what == "clusters":
        if format == "plover":
            items = read.clusters(engine, flt, size, sentences=True)
            return ([plover_json.cluster_record(item) for item in chunk if item["representative"]] for chunk in items)
        return ([flat.cluster_row(item) for item in chunk] for chunk in read.clusters(engine, flt, size))
    if what != "events":
        return getattr(read, what)(engine, flt, size)
    if format == "plover":
        items = read.events(engine, flt, size, sentences=True)
        return ([plover_json.record(item) for item in chunk] for chunk in items)
    return ([flat.event_row(item) for item in chunk] for chunk in read.events(engine, flt, size))
