"""The REST API: one router per resource. Lists take filters, `limit`/`offset` paging and
`sort`/`order`, and `format=csv|parquet` downloads the whole filtered list."""
from .analyze import router as analyze_router
from .actors import router as actors_router
from .documents import router as documents_router
from .events import router as events_router
from .quotes import router as quotes_router

routers = [analyze_router, documents_router, events_router, actors_router, quotes_router]
