"""The ordered stages over one Document, what each reads and writes, and batch runs that
load each stage once.

A stage is a function `add_x(doc: Document) -> None` that reads the layers of earlier
stages and writes its own. A stage that gains from batching (the encoder) may carry a
`many` attribute, `add_x.many(docs: list[Document]) -> None`, which batch runs call
instead. Stages load their models and tables lazily, once per process.

`STAGES` is the table of the pipeline: each stage with the layers it `reads` (it cannot
run without them), `uses` (read when an earlier stage wrote them: quotes link speakers
to actors when there are actors) and `writes`. Layers are the Document's fields
(anatomy, sentences, entities, ...) and its internal layers (`tokens`, the word layer;
`encoded`, the encoder's sentence states, dropped after the run). A pipeline that would
run a stage without what it reads is refused with a clear error; `until` runs a stage
and what it needs, `skip` leaves stages out.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional, Union

from .budget import DocumentTimeout, time_limit
from .document import Document
from .errors import InputError, MissingLayerError
from .reading import check_text


@dataclass(frozen=True)
class Stage:
    name: str
    function: str                 # "module:function"
    reads: tuple[str, ...] = ()
    writes: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()


STAGES: list[Stage] = [
    Stage("anatomy", "lagebild.anatomy:add_anatomy", reads=("text",), writes=("anatomy",)),
    Stage("sentences", "lagebild.segment:add_sentences", reads=("anatomy",), writes=("tokens", "sentences")),
    Stage("entities", "lagebild.entities:add_entities", reads=("sentences", "tokens"),
          writes=("entities", "encoded")),
    Stage("actors", "lagebild.actors:add_actors", reads=("anatomy", "sentences", "tokens"),
          uses=("entities",), writes=("actors", "genders")),
    Stage("times", "lagebild.times:add_times", reads=("sentences",), writes=("times",)),
    Stage("places", "lagebild.places:add_places", reads=("anatomy", "sentences", "tokens"),
          uses=("entities", "actors"), writes=("places",)),
    Stage("quotes", "lagebild.quotes:add_quotes", reads=("sentences", "tokens"),
          uses=("actors", "genders", "encoded"), writes=("quotes",)),
    Stage("events", "lagebild.events:add_events", reads=("sentences", "tokens", "actors"),
          uses=("times", "places", "quotes", "encoded"), writes=("events",)),
]

# layers kept in Document.internal, not in the JSON: the word layer, the shared encoder's
# states, the persons' grammatical gender (actor id → "f" | "m")
INTERNAL = ("tokens", "encoded", "genders")
# internal layers that only serve the run: dropped from every document after it
TRANSIENT = ("encoded",)

# what a stage needs that can be prepared in a background thread while the stages (and
# torch) are imported: stage name → "module:function" that starts it
PREFETCH: dict[str, str] = {
    "entities": "lagebild.encoder.tokenizer:prefetch",
}

StageFunction = Callable[[Document], None]


class PipelineError(MissingLayerError):
    """A pipeline whose stages cannot run as asked (a stage without what it reads)."""


def stage_named(name: str) -> Stage:
    for st in STAGES:
        if st.name == name:
            return st
    raise PipelineError(f"unknown stage {name!r}; stages: {', '.join(s.name for s in STAGES)}")


def writer_of(layer: str) -> Optional[Stage]:
    return next((st for st in STAGES if layer in st.writes), None)


def needed_for(name: str) -> list[str]:
    """The stage and every stage whose layers it reads or uses, transitively, in order."""
    wanted = {name}
    for st in reversed(STAGES):
        if st.name in wanted:
            for layer in st.reads + st.uses:
                w = writer_of(layer)
                if w is not None:
                    wanted.add(w.name)
    return [st.name for st in STAGES if st.name in wanted]


def _load(spec: str) -> StageFunction:
    module, func = spec.split(":")
    return getattr(importlib.import_module(module), func)


def check_plan(names: list[str], given: Iterable[str] = ("text",)) -> None:
    """Refuse a run in which a stage reads a layer that no earlier stage writes."""
    have = set(given)
    for name in names:
        st = stage_named(name)
        missing = [layer for layer in st.reads if layer not in have]
        if missing:
            raise PipelineError(_missing_message(st, missing))
        have.update(st.writes)


def _missing_message(st: Stage, missing: list[str]) -> str:
    parts = []
    for layer in missing:
        w = writer_of(layer)
        parts.append(f"'{layer}' (written by stage '{w.name}')" if w else f"'{layer}'")
    return f"stage '{st.name}' reads {', '.join(parts)}, which this run does not produce"


@dataclass
class Pipeline:
    """The stages to run: all by default; `until` a stage and what it needs (by the
    declarations of `STAGES`); `skip` leaves stages out."""
    until: Optional[str] = None
    skip: tuple[str, ...] = ()
    timeout: Optional[float] = None     # seconds per document; None: the document_timeout setting
    stages: list[tuple[str, StageFunction]] = field(init=False)     # (name, function) in order

    def __post_init__(self) -> None:
        from .settings import settings
        current = settings()    # a bad setting is reported now, not as a failure of every document
        if self.timeout is None:
            self.timeout = current.document_timeout
        for name in (self.until, *self.skip):
            if name is not None:
                stage_named(name)
        names = needed_for(self.until) if self.until else [st.name for st in STAGES]
        names = [n for n in names if n not in self.skip]
        # anatomy may come with the input (HTML): a run that skips it starts from there
        check_plan(names, given=("text", "anatomy") if "anatomy" in self.skip else ("text",))
        for name in names:
            if name in PREFETCH:
                _load(PREFETCH[name])()
        self.stages = [(n, _load(stage_named(n).function)) for n in names]

    @property
    def version(self) -> str:
        """What analysed a document: lagebild's version, the stages and the settings that
        change results. A store keeps it per document; `lagebild run --reanalyze` redoes
        the documents of any other version."""
        from . import __version__
        from .settings import settings
        current = settings()
        names = [n for n, _ in self.stages]
        stages = "all" if names == [st.name for st in STAGES] else "+".join(names)
        return (f"lagebild {__version__}; stages {stages}; events {current.event_extractor}"
                f"{'; event classifier' if current.event_classifier else ''}"
                f"{'; quote tagger' if current.quote_tagger else ''}")

    def make_document(self, text: str, published: Optional[str] = None, html: bool = False,
                      id: Optional[str] = None, name: str = "input") -> Document:
        """Turn raw text or HTML into a Document with its anatomy pre-filled for HTML."""
        if html:
            from .anatomy.html import document_from_html
            doc = document_from_html(text, published=published, id=id)
            check_text(doc.text, name)
            doc.done.update(("text", "anatomy"))
            return doc
        text = check_text(text, name)
        doc = Document.new(text, published=published, id=id)
        doc.done.add("text")
        return doc

    def run(self, doc: Document) -> Document:
        return self.run_many([doc])[0]

    def run_many(self, docs: list[Document], keep: tuple[str, ...] = ()) -> list[Document]:
        """Run the stages over the documents; DocumentTimeout when they take longer than
        the budget (`timeout` seconds a document). Transient layers are dropped after the
        run but those in `keep` (training code keeps the encoder's states)."""
        what = f"document {docs[0].id[:12]}" if len(docs) == 1 else f"the analysis of {len(docs)} documents"
        with time_limit(self.timeout * len(docs) if self.timeout else None, what):
            return self._run_stages(docs, keep)

    def _run_stages(self, docs: list[Document], keep: tuple[str, ...]) -> list[Document]:
        try:
            for name, function in self.stages:
                st = stage_named(name)
                for d in docs:
                    _require(st, d)
                many = getattr(function, "many", None)
                if many is not None:
                    many(docs)
                else:
                    for d in docs:
                        function(d)
                for d in docs:
                    d.done.update(st.writes)
        finally:
            dropped = [layer for layer in TRANSIENT if layer not in keep]
            for d in docs:      # the encoder's states (MBs per article) stay out of results
                for layer in dropped:
                    d.internal.pop(layer, None)
                d.done.difference_update(dropped)
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
        results = iter(self.run_each(docs))
        for i, d in batch:
            if isinstance(d, Document):
                d = next(results)
                if isinstance(d, Failure):
                    d.index = i
            yield d

    def run_each(self, docs: list[Document]) -> list[Union[Document, "Failure"]]:
        """Run the stages over a batch; a document that fails or runs out of time comes
        back as a Failure (its `index` in `docs`), and the others are analysed."""
        try:
            if docs:
                self.run_many(docs)
            return list(docs)
        except Exception:  # noqa: BLE001 - one bad document must not end a corpus run
            pass
        # find the culprit(s): rerun one by one (stages replace their own layer, so a rerun is clean)
        results: list[Union[Document, Failure]] = []
        for k, d in enumerate(docs):
            try:
                results.append(self.run(d))
            except DocumentTimeout as exc:
                results.append(Failure(k, d.id, "timeout", str(exc)))
            except Exception as exc:  # noqa: BLE001
                results.append(Failure(k, d.id, "error", f"{type(exc).__name__}: {exc}"))
        return results


def _require(st: Stage, doc: Document) -> None:
    """A document handed to a stage must carry what the stage reads. A Document made
    outside `make_document` has its text; its other layers count once a stage wrote them."""
    missing = [layer for layer in st.reads if not doc.has(layer)]
    if missing:
        raise PipelineError(_missing_message(st, missing).replace("this run does not produce",
                                                                  f"document {doc.id[:12]} does not carry"))


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
