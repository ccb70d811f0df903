"""The Dask engine of a corpus run: batches analysed on a Dask cluster, the driver writing
the store. A worker plugin loads the pipeline once per worker process; see engines.py."""
from __future__ import annotations

import logging
import os
import threading
from typing import Iterable, Iterator, Optional

from distributed import WorkerPlugin

from ..document import Document
from ..pipeline import Failure, Pipeline
from .engines import Results, Tag

PLUGIN = "lagebild-pipeline"


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline once per worker process and gives torch the worker's share of
    the machine's cores (a dask WorkerPlugin: `setup` runs when a worker starts)."""

    name = PLUGIN

    def __init__(self, workers_per_machine: int = 1, torch_threads: Optional[int] = None) -> None:
        self.workers_per_machine = workers_per_machine
        self.torch_threads = torch_threads
        self.pipeline: Optional[Pipeline] = None
        self.lock: Optional[threading.Lock] = None      # made on the worker: locks do not pickle

    def setup(self, worker) -> None:
        import torch
        share = self.torch_threads or max(1, (os.cpu_count() or 1) // max(1, self.workers_per_machine))
        torch.set_num_threads(share)
        self.lock = threading.Lock()
        self.pipeline = Pipeline()
        # load every model now, so that a worker joins ready and no batch waits for it
        self.pipeline.analyze("Die Bundesregierung hat am Montag in Berlin über den Haushalt beraten.")

    def teardown(self, worker) -> None:
        self.pipeline = None


def analyse_on_worker(docs: list[Document]) -> Results:
    """A batch on a worker, with the pipeline its plugin loaded. The word layer stays on
    the worker: the driver writes the contract's fields only."""
    from distributed import get_worker
    plugin = get_worker().plugins[PLUGIN]
    with plugin.lock:               # a worker with several threads runs one batch at a time
        results = plugin.pipeline.run_each(docs)
    for result in results:
        if isinstance(result, Document):
            result.internal.clear()
    return results


class DaskEngine:
    """Batches analysed on a Dask cluster: the scheduler at `scheduler`, or a LocalCluster
    of `workers` processes started here. At most `in_flight` batches wait on the cluster at
    once, so a long input never piles up in memory. A batch whose worker dies is retried
    by Dask on another worker; one that keeps killing workers comes back as Failures."""

    def __init__(self, scheduler: Optional[str] = None, workers: Optional[int] = None,
                 in_flight: Optional[int] = None, torch_threads: Optional[int] = None) -> None:
        from distributed import Client, LocalCluster
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
            per_machine = 1
        else:
            workers = workers or max(1, (os.cpu_count() or 2) // 2)
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
            per_machine = workers
        self.client.register_plugin(PipelinePlugin(per_machine, torch_threads), name=PLUGIN)
        self.workers = len(self.client.scheduler_info()["workers"]) or 1
        self.analyse = analyse_on_worker          # what a worker runs on a batch
        self.in_flight = in_flight or 2 * self.workers

    def map(self, batches: Iterable[tuple[Tag, list[Document]]]) -> Iterator[tuple[Tag, Results]]:
        from distributed import as_completed
        waiting = as_completed()
        tags = {}
        source = iter(batches)

        def submit_next() -> bool:
            for tag, docs in source:
                future = self.client.submit(self.analyse, docs, pure=False)
                tags[future.key] = (tag, docs)
                waiting.add(future)
                return True
            return False

        for _ in range(self.in_flight):
            if not submit_next():
                break
        for future in waiting:
            tag, docs = tags.pop(future.key)
            yield tag, _results(future, docs)
            submit_next()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _results(future, docs: list[Document]) -> Results:
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - a lost batch is its documents' failure, not the run's
        reason = "worker_died" if type(exc).__name__ == "KilledWorker" else "error"
        return [Failure(k, d.id, reason, f"{type(exc).__name__}: {exc}") for k, d in enumerate(docs)]
