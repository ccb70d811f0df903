"""`lagebild run --engine dask`: the analysis on a real Dask LocalCluster (two worker
processes, the pipeline loaded by a worker plugin), the driver writing the store. Its
output is exactly the local engine's; a batch whose worker dies is retried, and one that
keeps killing workers is recorded as failed, never lost."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed")

import cloudpickle  # noqa: E402
import dask  # noqa: E402

from lagebild.corpus.engines import LocalEngine  # noqa: E402
from lagebild.corpus.run import CorpusRun  # noqa: E402
from lagebild.pipeline import Pipeline  # noqa: E402
from lagebild.store import open_engine  # noqa: E402

from test_corpus_run import _rows  # noqa: E402

# the workers import what they run by name; this module's helpers travel by value
cloudpickle.register_pickle_by_value(sys.modules[__name__])


@pytest.fixture(scope="module")
def dask_engine():
    from lagebild.corpus.dask_engine import DaskEngine
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        engine = DaskEngine(workers=2)
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, repo) -> Path:
    folder = tmp_path_factory.mktemp("dask") / "corpus"
    folder.mkdir()
    for path in sorted((repo / "eval" / "dev3").glob("*.txt"))[:8]:
        shutil.copy(path, folder)
    (folder / "empty.txt").write_text("")
    return folder


def test_the_dask_engine_stores_exactly_what_the_local_engine_stores(dask_engine, corpus, tmp_path):
    pipeline = Pipeline()
    local_store, dask_store = open_engine(str(tmp_path / "local.db")), open_engine(str(tmp_path / "dask.db"))
    local = CorpusRun(local_store, pipeline, batch_size=3, engine=LocalEngine(pipeline)).run([str(corpus)])
    on_dask = CorpusRun(dask_store, pipeline, batch_size=3, engine=dask_engine).run([str(corpus)])
    assert (on_dask.analysed, dict(on_dask.failed)) == (local.analysed, dict(local.failed)) == (8, {"empty": 1})
    assert _rows(dask_store) == _rows(local_store)
    assert dask_engine.workers == 2


def _die_the_first_time(marker: str, docs):
    """Kill the worker process on the first attempt at this batch, then analyse it."""
    from lagebild.corpus.dask_engine import analyse_on_worker
    if not os.path.exists(marker):
        open(marker, "w").close()
        os._exit(1)
    return analyse_on_worker(docs)


def _always_die(docs):
    os._exit(1)


def test_a_batch_whose_worker_dies_is_retried_and_one_that_always_kills_fails(dask_engine, corpus, tmp_path):
    import functools
    pipeline = Pipeline()
    store = open_engine(str(tmp_path / "deaths.db"))
    dask_engine.analyse = functools.partial(_die_the_first_time, str(tmp_path / "died-once"))
    try:
        retried = CorpusRun(store, pipeline, batch_size=8, engine=dask_engine).run([str(corpus)])
        assert retried.analysed == 8 and (tmp_path / "died-once").exists()
        dask_engine.analyse = _always_die
        lost = CorpusRun(open_engine(str(tmp_path / "lost.db")), pipeline, batch_size=8,
                         engine=dask_engine).run([str(corpus)])
        assert lost.analysed == 0 and lost.failed["worker_died"] == 8
    finally:
        from lagebild.corpus.dask_engine import analyse_on_worker
        dask_engine.analyse = analyse_on_worker
