"""Where a corpus run analyses its batches: `LocalEngine` in this process, one batch after
the other; `DaskEngine` (`dask_engine.py`) on a Dask cluster (a `LocalCluster` it starts,
or a scheduler's address), several batches at once. Either way the driver alone reads the inputs and
writes the store (SQLite has one writer); engines only turn Documents into analysed
Documents or Failures.

An engine's `map(batches)` takes (tag, documents) pairs and yields (tag, results) pairs,
results in the order of the documents, batches in any order.
"""
from __future__ import annotations

from typing import Iterable, Iterator, TypeVar, Union

from ..document import Document
from ..pipeline import Failure, Pipeline

Tag = TypeVar("Tag")
Results = list[Union[Document, Failure]]


class LocalEngine:
    """Batches analysed here, in order, by one pipeline."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def map(self, batches: Iterable[tuple[Tag, list[Document]]]) -> Iterator[tuple[Tag, Results]]:
        for tag, docs in batches:
            yield tag, self.pipeline.run_each(docs)

    def close(self) -> None:
        pass


def dask_engine(scheduler=None, workers=None, **options):
    """A DaskEngine (imported here so that a local run never imports Dask)."""
    from .dask_engine import DaskEngine
    return DaskEngine(scheduler=scheduler, workers=workers, **options)
