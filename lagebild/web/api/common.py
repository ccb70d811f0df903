"""What the routers share: the store and analyser of the app, the event filter from query
parameters, and downloads of a filtered list as CSV or Parquet."""
from __future__ import annotations

import csv
import io
import json
from typing import Callable, Literal, Optional

from fastapi import HTTPException, Query, Request
from fastapi.responses import Response

from ...store.queries import MAX_LIMIT, EventFilter

DOWNLOAD_LIMIT = 100_000            # rows in one download; more: use `lagebild export`
Format = Literal["json", "csv", "parquet"]
DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"      # YYYY[-MM[-DD]], or empty


def engine(request: Request):
    return request.app.state.engine


def event_filter(type: Optional[str] = Query(None, max_length=16, description="PLOVER event type"),
                 quad: Optional[str] = Query(None, pattern=r"^[1-4]?$", description="PLOVER quad code, 1 to 4"),
                 actor: Optional[str] = Query(None, max_length=64, description="corpus-wide actor id"),
                 country: Optional[str] = Query(None, pattern=r"^([A-Za-z]{3})?$", description="ISO 3166 alpha-3"),
                 date_from: Optional[str] = Query(None, alias="from", pattern=DATE),
                 date_to: Optional[str] = Query(None, alias="to", pattern=DATE),
                 q: Optional[str] = Query(None, max_length=200, description="text in the evidence sentence"),
                 document: Optional[str] = Query(None, max_length=64)) -> EventFilter:
    """The filter of the query parameters; an empty parameter (a form's blank field) is no filter."""
    return EventFilter(type=type or None, quad=int(quad) if quad else None, actor=actor or None,
                       country=country or None, date_from=date_from or None, date_to=date_to or None,
                       q=q or None, document=document or None)


def found(item: Optional[dict], what: str, key: str) -> dict:
    """The item, or a 404 that names what was asked for."""
    if item is None:
        raise HTTPException(404, f"no {what} {key!r} in the store")
    return item


def paging(limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=10_000_000)) -> dict:
    return {"limit": limit, "offset": offset}


def all_items(list_page: Callable[[int, int], object]) -> list[dict]:
    """Every item of a filtered list, page by page, up to DOWNLOAD_LIMIT."""
    items: list[dict] = []
    while len(items) < DOWNLOAD_LIMIT:
        page = list_page(MAX_LIMIT, len(items))
        items += page.items
        if len(page.items) < MAX_LIMIT:
            break
    return items[:DOWNLOAD_LIMIT]


def download(items: list[dict], format: Format, name: str) -> Response:
    """The items as a CSV (lists joined by '; ', nested records by their names) or Parquet file."""
    rows = [flatten(item) for item in items]
    if format == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq
        sink = io.BytesIO()
        pq.write_table(pa.Table.from_pylist(rows), sink)
        return Response(sink.getvalue(), media_type="application/vnd.apache.parquet",
                        headers={"Content-Disposition": f'attachment; filename="{name}.parquet"'})
    if format != "csv":
        raise HTTPException(400, f"cannot download as {format!r}: csv or parquet")
    out = io.StringIO()
    columns = list(dict.fromkeys(key for row in rows for key in row))
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
    return Response(out.getvalue().encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


ACTOR_FIELDS = {"id": "ids", "name": "names", "country": "countries", "sector": "sectors"}


def flatten(item: dict) -> dict:
    """Lists of actor records (an event's source and target) become parallel lists:
    source → source_ids, source_names, source_countries, source_sectors."""
    row = {}
    for key, value in item.items():
        if isinstance(value, list) and (key in ("source", "target") or value and isinstance(value[0], dict)):
            for field, plural in ACTOR_FIELDS.items():
                row[f"{key}_{plural}"] = [v.get(field) for v in value]
        elif isinstance(value, dict):
            row[key] = json.dumps(value, ensure_ascii=False)
        else:
            row[key] = value
    return row


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join("" if v is None else str(v) for v in value)
    return value
