"""GET /quotes: who said what, by speaker and text (or downloaded as CSV/Parquet)."""
from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Depends, Query

from ...store import queries
from .common import Format, all_items, download, engine, paging

router = APIRouter(tags=["quotes"])


@router.get("/quotes", summary="Quotes, by speaker (actor id) and text")
def list_quotes(speaker: Optional[str] = Query(None, max_length=64, description="corpus-wide actor id"),
                q: Optional[str] = Query(None, max_length=200, description="text in the quote"),
                format: Format = "json", page: dict = Depends(paging), db=Depends(engine)):
    if format != "json":
        return download(all_items(lambda limit, offset: queries.list_quotes(db, speaker, q, limit, offset)),
                        format, "quotes")
    return queries.list_quotes(db, speaker=speaker, q=q, **page).to_dict()
