"""GET /documents (a page of stored documents) and /documents/{key} (one, as the contract's JSON)."""
from __future__ import annotations

from typing import Literal, Optional

from fastapi import APIRouter, Depends, Query

from ...store import queries
from .common import found, engine, paging

router = APIRouter(tags=["documents"])


@router.get("/documents", summary="Stored documents")
def list_documents(q: Optional[str] = Query(None, max_length=200, description="text in the title"),
                   sort: Literal["published", "analysed_at", "title"] = "published",
                   order: Literal["asc", "desc"] = "desc", page: dict = Depends(paging), db=Depends(engine)) -> dict:
    return queries.list_documents(db, q=q, sort=sort, order=order, **page).to_dict()


@router.get("/documents/{key}", summary="One stored document: the document JSON of the contract")
def get_document(key: str, db=Depends(engine)) -> dict:
    return found(queries.get_document(db, key[:64]), "document", key[:64])
