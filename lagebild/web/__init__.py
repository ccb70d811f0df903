"""`lagebild serve`: the REST API and the browser workspace over a store.

    from lagebild.web import create_app
    app = create_app("lagebild.db")          # a FastAPI app; uvicorn serves it

The API (`api/`, OpenAPI at /openapi.json, docs at /docs) and the workspace (`pages.py`,
under /ui) read the store through `lagebild.store.queries`; scripts and the world outline
are vendored under `static/vendor/` with their licences.
"""
from .app import MAX_BODY, create_app

__all__ = ["MAX_BODY", "create_app"]
