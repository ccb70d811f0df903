"""lagebild: German news articles → structured, source-linked data.

    >>> import lagebild
    >>> doc = lagebild.analyze("Berlin (dpa) - Die Regierung ...", published="2019-04-25")
    >>> doc.to_dict()["anatomy"]["dateline"]
    'Berlin'
"""
from typing import Iterable, Iterator, Optional, Union

from .document import Document, document_schema
from .errors import InputError, LagebildError
from .pipeline import Failure, Pipeline, default_pipeline

__version__ = "0.1.0"
__all__ = ["analyze", "analyze_many", "Document", "Failure", "InputError", "LagebildError",
           "Pipeline", "document_schema"]


def analyze(text: str, published: Optional[str] = None, html: bool = False,
            id: Optional[str] = None) -> Document:
    """Analyse one article (plain text, or HTML with html=True). Raises InputError for
    empty, oversized or non-German input."""
    return default_pipeline().analyze(text, published=published, html=html, id=id)


def analyze_many(items: Iterable[Union[str, dict]], batch_size: int = 16,
                 on_error: str = "report") -> Iterator[Union[Document, Failure]]:
    """Analyse many articles in order, loading models once. Items are strings or dicts
    with `text` and optional `published`, `html`, `id`. A bad item yields a Failure."""
    return default_pipeline().analyze_many(items, batch_size=batch_size, on_error=on_error)
