"""A corpus run: inputs → analysed documents in the store, batch by batch.

Each input is read (`sources.read_inputs`), turned into a Document, looked up in the
store by the sha256 of its text, and analysed only when it is new (or, with
`reanalyze`, when an other pipeline version analysed it). Every document is written in
its own transaction; every input that cannot be read, analysed or stored is recorded in
the `failures` table with its reason and skipped. Nothing but a store that stops working
ends a run early.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from ..document import Document
from ..errors import InputError
from ..pipeline import Failure, Pipeline
from ..store.engine import driver_message
from ..store import Provenance, StoreError, document_key, document_rows, record_failure, stored_versions, write_document
from .sources import InputItem, read_inputs

# outcome of one input, as the progress display and the summary count it
ANALYSED, REPLACED, ALREADY, FAILED = "analysed", "replaced", "already", "failed"


@dataclass
class RunSummary:
    analysed: int = 0           # new documents written
    replaced: int = 0           # documents of an other pipeline version analysed again (--reanalyze)
    already: int = 0            # in the store already (or twice in the input)
    failed: Counter = field(default_factory=Counter)     # reason → inputs

    def count(self, outcome: str, reason: Optional[str] = None) -> None:
        if outcome == FAILED:
            self.failed[reason or "error"] += 1
        else:
            setattr(self, outcome, getattr(self, outcome) + 1)

    @property
    def total(self) -> int:
        return self.analysed + self.replaced + self.already + sum(self.failed.values())

    def describe(self) -> str:
        parts = [f"{self.analysed:,} analysed"]
        if self.replaced:
            parts.append(f"{self.replaced:,} analysed again")
        parts.append(f"{self.already:,} already in the store")
        failed = sum(self.failed.values())
        reasons = ", ".join(f"{n:,} {reason}" for reason, n in self.failed.most_common())
        parts.append(f"{failed:,} failed" + (f" ({reasons})" if reasons else ""))
        return f"{self.total:,} inputs: " + ", ".join(parts)


OnOutcome = Callable[[str, Optional[str]], None]     # (outcome, failure reason)


@dataclass
class CorpusRun:
    """One run over inputs into a store. `engine` analyses the batches (default: here,
    with `pipeline`); `on_outcome` hears of every input (progress)."""
    store: Engine
    pipeline: Pipeline
    batch_size: int = 16
    reanalyze: bool = False
    on_outcome: Optional[OnOutcome] = None
    engine: Optional[object] = None            # LocalEngine | DaskEngine (corpus/engines.py)
    cluster: bool = True                       # update near-duplicate and event clusters at the end
    summary: RunSummary = field(default_factory=RunSummary)

    def __post_init__(self) -> None:
        from .engines import LocalEngine
        self.version = self.pipeline.version
        self.engine = self.engine or LocalEngine(self.pipeline)
        self._seen: set[str] = set()             # keys sent for analysis in this run
        self._written: list[str] = []            # keys written in this run

    def run(self, inputs: Iterable[str]) -> RunSummary:
        for todo, results in self.engine.map(self._batches(inputs)):
            self._write(todo, results)
        if self.cluster:
            # once per run: matching reads every stored signature. A killed run's documents
            # are picked up by the next update, which also looks for what is not clustered.
            from ..clusters import update_clusters
            _store_call(update_clusters, self.store, self._written)
        return self.summary

    def _batches(self, inputs: Iterable[str]) -> Iterator[tuple[list, list[Document]]]:
        """(jobs, documents) of the new documents, batch_size inputs at a time."""
        pending: list[tuple[InputItem, Document]] = []
        for item in read_inputs(inputs):
            doc = self._document(item)
            if doc is not None:
                pending.append((item, doc))
            if len(pending) >= self.batch_size:
                yield from self._new(pending)
                pending = []
        if pending:
            yield from self._new(pending)

    def _new(self, pending: list[tuple[InputItem, Document]]) -> Iterator[tuple[list, list[Document]]]:
        todo = self._todo(pending)
        if todo:
            yield todo, [doc for _, doc, _ in todo]

    def _outcome(self, outcome: str, reason: Optional[str] = None) -> None:
        self.summary.count(outcome, reason)
        if self.on_outcome is not None:
            self.on_outcome(outcome, reason)

    def _fail(self, ref: str, reason: str, message: str, key: Optional[str] = None) -> None:
        _store_call(record_failure, self.store, ref, reason, message, self.version, key)
        self._outcome(FAILED, reason)

    def _document(self, item: InputItem) -> Optional[Document]:
        if item.error is not None:
            self._fail(item.ref, item.error.reason, item.error.message)
            return None
        try:
            return self.pipeline.make_document(item.text, item.published, item.html, item.id, name=item.ref)
        except InputError as exc:
            self._fail(item.ref, exc.reason, exc.message)
            return None

    def _todo(self, pending: list[tuple[InputItem, Document]]) -> list[tuple[InputItem, Document, bool]]:
        """The documents to analyse, each with whether it replaces a stored one; a text
        already stored, or already sent in this run, is counted and skipped."""
        keys = [document_key(doc) for _, doc in pending]
        stored = _store_call(stored_versions, self.store, keys)
        todo = []
        for (item, doc), key in zip(pending, keys):
            replace = key in stored and self.reanalyze and stored[key] != self.version
            if key in self._seen or (key in stored and not replace):
                self._outcome(ALREADY)
                continue
            self._seen.add(key)
            todo.append((item, doc, replace))
        return todo

    def _write(self, todo: list[tuple[InputItem, Document, bool]], results: list) -> None:
        for (item, doc, replace), result in zip(todo, results):
            key = document_key(doc)
            if isinstance(result, Failure):
                self._fail(item.ref, result.reason, result.message, key)
                continue
            try:
                rows = document_rows(result, _provenance(item), self.version)
                written = _store_call(write_document, self.store, rows, replace=replace)
            except _DocumentRejected as exc:
                self._fail(item.ref, "unstorable", str(exc), key)
                continue
            if written:
                self._written.append(key)
            self._outcome((REPLACED if replace else ANALYSED) if written else ALREADY)


def _provenance(item: InputItem) -> Provenance:
    return Provenance(input_ref=item.ref, external_id=item.id, url=item.url, source=item.source, title=item.title)


class _DocumentRejected(Exception):
    """The store refused one document's rows (e.g. PostgreSQL and a NUL character)."""


def _store_call(function, *args, **kwargs):
    """Call the store: a store that stops working (gone, locked, full) ends the run with
    a StoreError; one document the store refuses is that document's failure."""
    try:
        return function(*args, **kwargs)
    except OperationalError as exc:
        raise StoreError(f"the store stopped working: {driver_message(exc)}") from None
    except DBAPIError as exc:
        raise _DocumentRejected(driver_message(exc)) from None


def run_corpus(inputs: Iterable[str], engine: Engine, pipeline: Optional[Pipeline] = None, batch_size: int = 16,
               reanalyze: bool = False, on_outcome: Optional[OnOutcome] = None) -> RunSummary:
    """Analyse every input into the store; see the module's docstring."""
    from ..pipeline import default_pipeline
    return CorpusRun(engine, pipeline or default_pipeline(), batch_size, reanalyze, on_outcome).run(inputs)
