"""Writing chunks of rows: JSON Lines and CSV as UTF-8 text, Parquet with one row group
per chunk; and where they go (a path, a stream, or stdout).

CSV: a header row, UTF-8 without BOM, the csv module's quoting, an empty cell for null,
true/false for booleans, lists joined by "; " (an actor without a country leaves an
empty item, so the lists stay parallel). JSON Lines keeps lists, booleans and null as
JSON has them.
"""
from __future__ import annotations

import csv
import io
import json
import os
import sys
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Union

import pyarrow as pa
import pyarrow.parquet as pq

from .filters import ExportError

Output = Union[BinaryIO, io.TextIOBase, str, os.PathLike, None]


@contextmanager
def opened(out: Output, binary: bool) -> Iterator:
    """A stream for `out`: a path is written beside itself and moved into place only
    when complete (a failed export leaves no half file); None or "-" is stdout; a stream
    is used as it is and left open. `binary`: Parquet, which no text stream can take."""
    if out is None or out == "-":
        stream = getattr(sys.stdout, "buffer", sys.stdout)
        if binary and (stream.isatty() or isinstance(stream, io.TextIOBase)):
            raise ExportError("Parquet is binary: give a file path, or redirect stdout")
        yield stream
        stream.flush()
    elif isinstance(out, (str, os.PathLike)):
        path = Path(out)
        part = path.with_name(path.name + ".part")
        try:
            with open(part, "wb") as stream:
                yield stream
            os.replace(part, path)
        except OSError as exc:
            part.unlink(missing_ok=True)
            raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
        except BaseException:
            part.unlink(missing_ok=True)
            raise
    else:
        if binary and isinstance(out, io.TextIOBase):
            raise ExportError("Parquet is binary: give a file path or a binary stream")
        yield out


@contextmanager
def _text(stream) -> Iterator:
    """UTF-8 text on a binary stream, detached afterwards so the caller's stream stays open."""
    if isinstance(stream, io.TextIOBase):
        yield stream
        return
    wrapper = io.TextIOWrapper(stream, encoding="utf-8", newline="")
    try:
        yield wrapper
    finally:
        wrapper.flush()
        wrapper.detach()


def _json_default(value):
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def jsonl(stream, chunks: Iterable[list[dict]]) -> int:
    n = 0
    with _text(stream) as text:
        for rows in chunks:
            for row in rows:
                text.write(json.dumps(row, ensure_ascii=False, default=_json_default) + "\n")
            n += len(rows)
    return n


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def csv_rows(stream, chunks: Iterable[list[dict]], schema: pa.Schema) -> int:
    n = 0
    with _text(stream) as text:
        writer = csv.writer(text)
        writer.writerow(schema.names)
        for rows in chunks:
            writer.writerows([_cell(row.get(name)) for name in schema.names] for row in rows)
            n += len(rows)
    return n


def parquet(stream, chunks: Iterable[list[dict]], schema: pa.Schema) -> int:
    # the explicit schema types every column even when a chunk holds only nulls in it,
    # and an empty export still is a valid file with its columns
    n = 0
    with pq.ParquetWriter(stream, schema) as writer:
        for rows in chunks:
            table = pa.Table.from_pylist([{name: row.get(name) for name in schema.names} for row in rows],
                                         schema=schema)
            writer.write_table(table, row_group_size=max(len(rows), 1))
            n += len(rows)
    return n
