"""The FastAPI application of `lagebild serve`: the REST API (`api/`, one router per
resource) and the browser workspace (`pages.py`, server-rendered Jinja templates with a
little vendored JavaScript), both reading the store through `lagebild.store.queries`.

Safety: request bodies over `MAX_BODY` bytes are refused (413) before they are read;
validation errors are 4xx JSON saying what is wrong; any other error is a 500 with no
stack trace; write endpoints need `Authorization: Bearer $LAGEBILD_API_TOKEN` when that
variable is set; every query is an SQLAlchemy expression (bound parameters).
"""
from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import LagebildError
from ..reading import MAX_BYTES

HERE = Path(__file__).parent
MAX_BODY = MAX_BYTES + 512 * 1024      # an article at the input limit, as JSON or a form
log = logging.getLogger("lagebild.web")


@dataclass
class _Job:
    text: str
    published: Optional[str]
    html: bool
    result: object = None
    error: Optional[BaseException] = None
    finished: bool = False


class Analyzer:
    """The pipeline, loaded once per server process on first use. Requests that arrive
    while an analysis runs wait and are then analysed together, as one batch (one encoder
    call for all their sentences): concurrent clients share the cost instead of queueing
    for it. A bad article fails alone."""

    MAX_BATCH = 16

    def __init__(self) -> None:
        self._pipeline = None
        self._queue: list[_Job] = []
        self._queue_lock = threading.Lock()
        self._run_lock = threading.Lock()

    def __call__(self, text: str, published: Optional[str], html: bool):
        job = _Job(text, published, html)
        with self._queue_lock:
            self._queue.append(job)
        while not job.finished:
            with self._run_lock:           # whoever holds it analyses everything waiting
                with self._queue_lock:
                    batch, self._queue = self._queue[:self.MAX_BATCH], self._queue[self.MAX_BATCH:]
                if batch:
                    self._run(batch)
        if job.error is not None:
            raise job.error
        return job.result

    @property
    def pipeline(self):
        if self._pipeline is None:
            from ..pipeline import Pipeline
            self._pipeline = Pipeline()
        return self._pipeline

    @property
    def version(self) -> str:
        return self.pipeline.version

    def _run(self, batch: list[_Job]) -> None:
        from ..pipeline import Failure
        try:
            ready = []
            for job in batch:
                try:
                    ready.append((job, self.pipeline.make_document(job.text, job.published, job.html)))
                except LagebildError as exc:
                    job.error = exc
            for (job, _), result in zip(ready, self.pipeline.run_each([doc for _, doc in ready])):
                if isinstance(result, Failure):
                    job.error = _failure_error(result)
                else:
                    job.result = result
        except BaseException as exc:  # noqa: BLE001 - every waiting request hears of it
            for job in batch:
                if job.result is None and job.error is None:
                    job.error = exc
            raise
        finally:
            for job in batch:
                job.finished = True


def _failure_error(failure) -> BaseException:
    if failure.reason == "timeout":
        from ..budget import DocumentTimeout
        return DocumentTimeout(failure.message)
    return RuntimeError(failure.message)      # a stage failed: a 500, its message only in the log


def create_app(store: Optional[str] = None, token: Optional[str] = None) -> FastAPI:
    """The app on a store (URL or SQLite path; default: the `store` setting). `token`
    (default: $LAGEBILD_API_TOKEN) protects the write endpoints when set."""
    from ..store import open_engine
    from . import api, pages

    app = FastAPI(title="lagebild", version=_version(),
                  description="German news → PLOVER events, actors, quotes: the API of a lagebild store.")
    app.state.engine = open_engine(store)
    app.state.token = token if token is not None else os.environ.get("LAGEBILD_API_TOKEN") or None
    app.state.analyze = Analyzer()
    app.middleware("http")(_limit_body)
    _error_handlers(app)
    for router in api.routers:
        app.include_router(router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_api_route("/", lambda: RedirectResponse("/ui/"), include_in_schema=False)
    return app


def _version() -> str:
    from .. import __version__
    return __version__


async def _limit_body(request: Request, call_next):
    """Refuse a body over MAX_BODY by its declared length, and count the bytes of one
    that declares none (chunked), so no client can make the server hold gigabytes."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            return _error(400, "the Content-Length header is not a number")
        if int(declared) > MAX_BODY:
            return _error(413, f"the request body is over the limit of {MAX_BODY:,} bytes")
    elif request.method in ("POST", "PUT", "PATCH"):
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                return _error(413, f"the request body is over the limit of {MAX_BODY:,} bytes")
        request._body = body           # starlette reads the cached body from here
    return await call_next(request)


def _error(status: int, message: str, request: Optional[Request] = None, **extra):
    """JSON for the API; a page saying what went wrong for the workspace (/ui)."""
    if request is not None and request.url.path.startswith("/ui"):
        from .pages import templates
        return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                          status_code=status)
    return JSONResponse({"error": message, **extra}, status_code=status)


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
                    for e in exc.errors()]
        message = "the request is not valid: " + "; ".join(f"{p['where']}: {p['problem']}" for p in problems)
        return _error(422, message, request, problems=problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return _error(exc.status_code, str(exc.detail), request)

    @app.exception_handler(LagebildError)
    async def refused(request: Request, exc: LagebildError):
        # bad input (InputError), bad filter values (QueryError), export arguments: the client's to fix
        reason = getattr(exc, "reason", None)
        return _error(422 if reason else 400, str(exc), request, **({"reason": reason} if reason else {}))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        log.exception("internal error on %s %s", request.method, request.url.path)
        return _error(500, "internal error (the server log has the details)", request)
