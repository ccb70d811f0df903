"""GET /actors (corpus-wide actors with their counts) and /actors/{id} (its events and quotes)."""
from __future__ import annotations

from typing import Literal, Optional

from fastapi import APIRouter, Depends, Query

from ...store import queries
from .common import found, Format, all_items, download, engine, paging

router = APIRouter(tags=["actors"])
Kind = Literal["person", "organization", "country", "group"]


@router.get("/actors", summary="Actors of the corpus (or the whole filtered list as csv/parquet)")
def list_actors(q: Optional[str] = Query(None, max_length=200, description="text in the name"),
                country: Optional[str] = Query(None, min_length=3, max_length=3), kind: Optional[Kind] = None,
                sort: Literal["documents", "mentions", "events", "name"] = "documents", format: Format = "json",
                page: dict = Depends(paging), db=Depends(engine)):
    country = country.upper() if country else None
    if format != "json":
        items = all_items(lambda limit, offset: queries.list_actors(db, q, country, kind, limit, offset, sort))
        return download(items, format, "actors")
    return queries.list_actors(db, q=q, country=country, kind=kind, sort=sort, **page).to_dict()


@router.get("/actors/{actor_id}", summary="One actor with its events and quotes")
def get_actor(actor_id: str, db=Depends(engine)) -> dict:
    return found(queries.get_actor(db, actor_id[:64]), "actor", actor_id[:64])
