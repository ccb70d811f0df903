"""GET /events (filtered, paged, sorted; or downloaded as CSV/Parquet), /events/{id} with
its evidence sentence, and the aggregates the workspace draws: timeline, countries, network."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query

from ...store import queries
from ...store.queries import EventFilter
from .common import found, Format, all_items, download, engine, event_filter, paging

router = APIRouter(tags=["events"])


@router.get("/events", summary="Events, filtered (json), or the whole filtered list as csv/parquet")
def list_events(flt: EventFilter = Depends(event_filter), sort: Literal["date", "type", "confidence", "document"] = "date",
                order: Literal["asc", "desc"] = "desc", format: Format = "json", page: dict = Depends(paging),
                db=Depends(engine)):
    if format != "json":
        items = all_items(lambda limit, offset: queries.list_events(db, flt, limit, offset, sort, order))
        return download(items, format, "events")
    return queries.list_events(db, flt, sort=sort, order=order, **page).to_dict()


@router.get("/events/timeline", summary="Event counts per day, week or month and quad class")
def timeline(flt: EventFilter = Depends(event_filter), by: Literal["day", "week", "month"] = "week",
             db=Depends(engine)) -> list[dict]:
    return queries.event_timeline(db, flt, by=by)


@router.get("/events/countries", summary="Events per country of their actors (ISO alpha-3)")
def countries(flt: EventFilter = Depends(event_filter), db=Depends(engine)) -> dict[str, int]:
    return queries.event_countries(db, flt)


@router.get("/events/network", summary="Who acts on whom: actors and source→target edges by quad class")
def network(flt: EventFilter = Depends(event_filter), max_edges: int = Query(300, ge=1, le=2000),
            db=Depends(engine)) -> dict:
    return queries.actor_network(db, flt, max_edges=max_edges)


@router.get("/events/{event_id}", summary="One event with its evidence sentence")
def get_event(event_id: str, db=Depends(engine)) -> dict:
    return found(queries.get_event(db, event_id[:64]), "event", event_id[:64])
