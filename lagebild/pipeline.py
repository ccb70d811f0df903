"""The ordered stages over one Document, and batch runs that load each stage once.

A stage is a function `add_x(doc: Document) -> None` that reads the layers of earlier
stages and writes its own. A stage that gains from batching (the encoder) may carry a
`many` attribute, `add_x.many(docs: list[Document]) -> None`, which batch runs call
instead. Stages load their models and tables lazily, once per process.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional, Union

from .document import Document
from .errors import InputError
from .reading import check_text

# (layer name, "module:function"), in the order they run
STAGES: list[tuple[str, str]] = [
    ("anatomy", "lagebild.anatomy:add_anatomy"),
    ("sentences", "lagebild.segment:add_sentences"),
    ("entities", "lagebild.entities:add_entities"),
    ("actors", "lagebild.actors:add_actors"),
    ("times", "lagebild.times:add_times"),
    ("places", "lagebild.places:add_places"),
    ("quotes", "lagebild.quotes:add_quotes"),
    ("events", "lagebild.events:add_events"),
]

# what a stage needs that can be prepared in a background thread while the stages (and
# torch) are imported: stage name → "module:function" that starts it
PREFETCH: dict[str, str] = {
    "entities": "lagebild.encoder.tokenizer:prefetch",
}

Stage = Callable[[Document], None]


def _load(spec: str) -> Stage:
    module, func = spec.split(":")
    return getattr(importlib.import_module(module), func)


@dataclass
class Pipeline:
    """The stages to run (all by default, or those up to `until`)."""
    until: Optional[str] = None
    skip: tuple[str, ...] = ()
    stages: list[tuple[str, Stage]] = field(init=False)

    def __post_init__(self) -> None:
        names = [n for n, _ in STAGES]
        if self.until and self.until not in names:
            raise ValueError(f"unknown stage {self.until!r}; stages: {', '.join(names)}")
        wanted = []
        for name, spec in STAGES:
            if name not in self.skip:
                wanted.append((name, spec))
            if name == self.until:
                break
        for name, _ in wanted:
            if name in PREFETCH:
                _load(PREFETCH[name])()
        self.stages = [(name, _load(spec)) for name, spec in wanted]

    def make_document(self, text: str, published: Optional[str] = None, html: bool = False,
                      id: Optional[str] = None, name: str = "input") -> Document:
        """Turn raw text or HTML into a Document with its anatomy pre-filled for HTML."""
        if html:
            from .anatomy.html import document_from_html
            doc = document_from_html(text, published=published, id=id)
            check_text(doc.text, name)
            return doc
        text = check_text(text, name)
        return Document.new(text, published=published, id=id)

    def run(self, doc: Document) -> Document:
        for _, stage in self.stages:
            stage(doc)
        doc._encoded = None     # the encoder's states (MBs per article) stay out of results
        return doc

    def run_many(self, docs: list[Document]) -> list[Document]:
        for _, stage in self.stages:
            many = getattr(stage, "many", None)
            if many is not None:
                many(docs)
            else:
                for d in docs:
                    stage(d)
        for d in docs:
            d._encoded = None
        return docs

    def analyze(self, text: str, published: Optional[str] = None, html: bool = False,
                id: Optional[str] = None) -> Document:
        return self.run(self.make_document(text, published, html, id))

    def analyze_many(self, items: Iterable[Union[str, dict]], batch_size: int = 16,
                     on_error: str = "report") -> Iterator[Union[Document, "Failure"]]:
        """Analyse many texts in order. A bad item yields a `Failure` (on_error='report')
        or raises (on_error='raise'); it never stops the run in 'report' mode."""
        batch: list[tuple[int, Union[Document, Failure]]] = []
        for i, item in enumerate(items):
            if isinstance(item, str):
                item = {"text": item}
            try:
                doc = self.make_document(item["text"], item.get("published"), bool(item.get("html")),
                                         item.get("id"), name=str(item.get("id") or f"item {i}"))
                batch.append((i, doc))
            except InputError as exc:
                if on_error == "raise":
                    raise
                batch.append((i, Failure(i, item.get("id"), exc.reason, str(exc))))
            if len(batch) >= batch_size:
                yield from self._flush(batch)
                batch = []
        if batch:
            yield from self._flush(batch)

    def _flush(self, batch):
        docs = [d for _, d in batch if isinstance(d, Document)]
        try:
            if docs:
                self.run_many(docs)
        except Exception:  # noqa: BLE001 - one bad document must not end a corpus run
            # find the culprit(s): rerun one by one, reporting those that fail
            for k, (i, d) in enumerate(batch):
                if isinstance(d, Document):
                    try:
                        self.run(d)  # stages replace their own layer, so a rerun is clean
                    except Exception as exc:  # noqa: BLE001
                        batch[k] = (i, Failure(i, d.id, "error", f"{type(exc).__name__}: {exc}"))
        for _, d in batch:
            yield d


@dataclass
class Failure:
    """A document that could not be analysed, with the reason, in a batch run."""
    index: int
    id: Optional[str]
    reason: str
    message: str

    def to_dict(self) -> dict:
        return {"error": self.reason, "message": self.message, "index": self.index, "id": self.id}


_default: Optional[Pipeline] = None


def default_pipeline() -> Pipeline:
    global _default
    if _default is None:
        _default = Pipeline()
    return _default
