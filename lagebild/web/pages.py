"""The browser workspace under /ui: server-rendered pages (Jinja templates) over the same
store queries as the API, with a little vendored JavaScript (the mark details panel, the
actor network). Every page works on a fresh install without a build step."""
from __future__ import annotations

import json
import re
from typing import Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from ..errors import InputError
from ..reading import decode, looks_like_html
from ..store import queries
from ..store.queries import EventFilter
from . import charts, marks
from .api.common import engine, event_filter
from .app import HERE

router = APIRouter(prefix="/ui", include_in_schema=False, default_response_class=HTMLResponse)
templates = Jinja2Templates(directory=HERE / "templates")
PAGE_SIZE = 50
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _json_for_script(value) -> Markup:
    """JSON that is safe inside <script>: no '</script>' or '<!--' can close it."""
    return Markup(json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
                  .replace("&", "\\u0026"))


def _query_string(flt: EventFilter, **extra) -> str:
    params = {"type": flt.type, "quad": flt.quad, "actor": flt.actor, "country": flt.country,
              "from": flt.date_from, "to": flt.date_to, "q": flt.q, "document": flt.document, **extra}
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


@router.get("/")
def home(request: Request, db=Depends(engine)):
    documents = queries.list_documents(db, limit=20)
    return templates.TemplateResponse(request, "home.html", {"documents": documents,
                                                             "events": queries.list_events(db, limit=1).total,
                                                             "actors": queries.list_actors(db, limit=1).total,
                                                             "quotes": queries.list_quotes(db, limit=1).total})


@router.post("/article")
async def analyse_article(request: Request, text: str = Form(""), published: str = Form(""),
                          file: Optional[UploadFile] = File(None)):
    """A pasted or uploaded article, analysed and shown (nothing is stored)."""
    html = False
    if file is not None and file.filename:
        data = await file.read()
        text, html = decode(data, file.filename), file.filename.lower().endswith((".html", ".htm")) or looks_like_html(data)
    if not text.strip():
        raise InputError("empty", "paste an article or choose a file")
    published = published.strip() or None
    if published and not DATE.match(published):
        raise InputError("bad_date", f"the publication date {published!r} is not YYYY-MM-DD")
    from starlette.concurrency import run_in_threadpool
    doc = await run_in_threadpool(request.app.state.analyze, text, published, html)
    return _article(request, doc.to_dict(), stored=None)


@router.get("/documents/{key}")
def stored_article(request: Request, key: str, db=Depends(engine)):
    doc = queries.get_document(db, key[:64])
    if doc is None:
        raise HTTPException(404, "no such document in the store")
    return _article(request, doc, stored=doc.get("store"))


def _article(request: Request, doc: dict, stored: Optional[dict]):
    body, details = marks.render(doc)
    names = {a["id"]: a["name"] for a in doc.get("actors", [])}
    return templates.TemplateResponse(request, "article.html", {
        "doc": doc, "body": Markup(body), "details": _json_for_script(details), "names": names,
        "stored": stored, "legend": Markup(charts.quad_legend())})


@router.get("/events")
def events_page(request: Request, flt: EventFilter = Depends(event_filter),
                sort: str = Query("date", pattern="^(date|type|confidence|document)$"),
                order: str = Query("desc", pattern="^(asc|desc)$"), page: int = Query(1, ge=1, le=100_000),
                by: str = Query("week", pattern="^(day|week|month)$"), db=Depends(engine)):
    from .worldmap import world_svg
    events = queries.list_events(db, flt, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, sort=sort, order=order)
    return templates.TemplateResponse(request, "events.html", {
        "flt": flt, "events": events, "sort": sort, "order": order, "page": page, "by": by,
        "pages": events.pages, "types": _types(),
        "timeline": Markup(charts.timeline_svg(queries.event_timeline(db, flt, by=by))),
        "map": Markup(world_svg(queries.event_countries(db, flt))), "legend": Markup(charts.quad_legend()),
        "query": _query_string(flt), "query_sorted": _query_string(flt, sort=sort, order=order, by=by)})


def _types() -> list[str]:
    from ..plover import event_types
    return event_types()


@router.get("/actors")
def actors_page(request: Request, q: Optional[str] = Query(None, max_length=200),
                country: Optional[str] = Query(None, max_length=3), page: int = Query(1, ge=1, le=100_000),
                db=Depends(engine)):
    actors = queries.list_actors(db, q=q or None, country=(country or "").upper() or None, limit=PAGE_SIZE,
                                 offset=(page - 1) * PAGE_SIZE)
    return templates.TemplateResponse(request, "actors.html", {
        "actors": actors, "q": q or "", "country": country or "", "page": page,
        "pages": actors.pages, "legend": Markup(charts.quad_legend()),
        "colours": _json_for_script(charts.QUAD_COLOURS)})


@router.get("/actors/{actor_id}")
def actor_page(request: Request, actor_id: str, db=Depends(engine)):
    actor = queries.get_actor(db, actor_id[:64])
    if actor is None:
        raise HTTPException(404, "no such actor in the store")
    return templates.TemplateResponse(request, "actor.html", {"actor": actor})


@router.get("/quotes")
def quotes_page(request: Request, speaker: Optional[str] = Query(None, max_length=64),
                q: Optional[str] = Query(None, max_length=200), page: int = Query(1, ge=1, le=100_000),
                db=Depends(engine)):
    quotes = queries.list_quotes(db, speaker=speaker or None, q=q or None, limit=PAGE_SIZE,
                                 offset=(page - 1) * PAGE_SIZE)
    speakers = queries.list_actors(db, limit=100, sort="mentions")
    return templates.TemplateResponse(request, "quotes.html", {
        "quotes": quotes, "speaker": speaker or "", "q": q or "", "page": page, "speakers": speakers,
        "pages": quotes.pages})
