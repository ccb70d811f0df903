"""POST /analyze: one article → the document JSON of the contract; POST /documents: the
same, stored (the write endpoint: a bearer token when the server has one)."""
from __future__ import annotations

import secrets
from typing import Optional

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field, model_validator

from ...store import Provenance, document_rows, write_document

router = APIRouter(tags=["analysis"])


class ArticleIn(BaseModel):
    text: Optional[str] = Field(None, description="the article as plain text")
    html: Optional[str] = Field(None, description="the article as an HTML page (instead of text)")
    published: Optional[str] = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$",
                                     description="publication date YYYY-MM-DD")
    url: Optional[str] = Field(None, max_length=2000)
    source: Optional[str] = Field(None, max_length=200, description="the outlet")
    title: Optional[str] = Field(None, max_length=1000)

    @model_validator(mode="after")
    def one_of_text_or_html(self) -> "ArticleIn":
        if (self.text is None) == (self.html is None):
            raise ValueError("give the article as `text` or as `html` (one of them)")
        return self


def require_token(request: Request) -> None:
    """Writes need `Authorization: Bearer TOKEN` when the server was given a token."""
    token = request.app.state.token
    if token is None:
        return
    given = request.headers.get("authorization", "")
    if not secrets.compare_digest(given.encode(), f"Bearer {token}".encode()):
        raise HTTPException(401, "this endpoint needs the header Authorization: Bearer <token>")


def _analyze(request: Request, article: ArticleIn):
    html = article.html is not None
    return request.app.state.analyze(article.html if html else article.text, article.published, html)


@router.post("/analyze", summary="Analyse one article (nothing is stored): the document JSON of the contract",
             response_class=Response, responses={200: {"content": {"application/json": {}}}})
def analyze(article: ArticleIn, request: Request) -> Response:
    # the document serialised once by its own model, not again by FastAPI's generic encoder
    return Response(_analyze(request, article).to_json(indent=None), media_type="application/json")


@router.post("/documents", summary="Analyse one article and store it", dependencies=[Depends(require_token)],
             status_code=201)
def store_document(article: ArticleIn, request: Request) -> dict:
    doc = _analyze(request, article)
    rows = document_rows(doc, Provenance(input_ref="api", url=article.url, source=article.source,
                                         title=article.title), request.app.state.analyze.version)
    stored = write_document(request.app.state.engine, rows)
    key = rows["documents"][0]["key"]
    return {"key": key, "stored": stored, "already": not stored, "document": f"/documents/{key}",
            "events": len(doc.events), "quotes": len(doc.quotes), "actors": len(doc.actors)}
