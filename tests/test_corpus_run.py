"""`lagebild run`: a corpus into a store — bad inputs recorded and skipped, reruns that add
nothing, --reanalyze, and runs killed with SIGKILL at several moments that end, after a
rerun, with exactly one copy of every document and its rows (SQLite and PostgreSQL)."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

import lagebild
from lagebild.corpus.run import CorpusRun
from lagebild.pipeline import Pipeline
from lagebild.store import Provenance, document_rows, open_engine
from lagebild.store import tables as t

ARTICLE_FOLDERS = ("eval/heldout", "eval/dev2")
VOLATILE = {"analysed_at", "failed_at", "pipeline_version", "input_ref"}   # differ between runs by design


@pytest.fixture(scope="module")
def articles(repo) -> list[Path]:
    files = sorted(p for folder in ARTICLE_FOLDERS for p in (repo / folder).glob("*.txt"))
    assert len(files) >= 10
    return files[:10]


@pytest.fixture
def corpus(tmp_path, articles) -> Path:
    """Ten real articles in a folder tree, and four inputs that cannot be analysed."""
    folder = tmp_path / "corpus"
    (folder / "more").mkdir(parents=True)
    for i, path in enumerate(articles):
        shutil.copy(path, folder / ("more" if i % 2 else "") / path.name)
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "english.txt").write_text("The government said on Monday that it would not change the law, and the "
                                        "opposition said that it was a mistake which they would fight in the "
                                        "parliament of the country for as long as it takes to win.")
    (folder / "broken.html").write_text("<html><body><div><p><b></div></p><script>var x = 1;</script></html>")
    return folder


def _run_cli(*args, check_rc=None, env=None) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "lagebild.cli", "run", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=600)
    if check_rc is not None:
        assert proc.returncode == check_rc, proc.stderr
    return proc


ANALYSIS_TABLES = (*t.DOCUMENT_TABLES, t.actors, t.failures)      # not the clusters, which a rebuild renames


def _rows(engine) -> dict[str, list[tuple]]:
    """Every analysis table's rows without the columns that differ between runs, sorted."""
    out = {}
    with engine.connect() as conn:
        for table in ANALYSIS_TABLES:
            name = table.name
            columns = [c for c in table.c if c.name not in VOLATILE]
            out[name] = sorted(tuple(json.dumps(v, sort_keys=True, default=str) for v in row)
                               for row in conn.execute(select(*columns)))
    return out


_EXPECTED: dict = {}


def _expected_store(articles):
    key = tuple(articles)
    if key not in _EXPECTED:
        import tempfile
        from lagebild.store import write_document
        engine = open_engine(str(Path(tempfile.mkdtemp()) / "expected.db"))
        for path in articles:
            doc = lagebild.analyze(path.read_text(encoding="utf-8"))
            write_document(engine, document_rows(doc, Provenance(), "expected"))
        _EXPECTED[key] = _rows(engine)
        engine.dispose()
    return _EXPECTED[key]


def _count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_a_run_stores_the_articles_and_the_failures_and_a_rerun_adds_nothing(tmp_path, corpus, articles):
    store = str(tmp_path / "corpus.db")
    first = _run_cli(str(corpus), "--store", store, check_rc=3)      # 3: some inputs failed
    assert "10 analysed" in first.stderr and "4 failed" in first.stderr
    engine = open_engine(store)
    with engine.connect() as conn:
        reasons = dict(conn.execute(select(t.failures.c.input_ref, t.failures.c.reason)).all())
    assert {Path(ref).name: reason for ref, reason in reasons.items()} == {
        "empty.txt": "empty", "binary.txt": "binary", "english.txt": "not_german", "broken.html": "empty"}
    assert _rows(engine) | {"failures": []} == _expected_store(articles) | {"failures": []}

    second = _run_cli(str(corpus), "--store", store, check_rc=3)
    assert "0 analysed" in second.stderr and "10 already in the store" in second.stderr
    assert _count(engine, t.documents) == 10 and _count(engine, t.failures) == 4


def test_json_lines_of_stored_texts_are_recognised_as_already_stored(tmp_path, articles):
    store = str(tmp_path / "corpus.db")
    folder = tmp_path / "txt"
    folder.mkdir()
    for path in articles[:3]:
        shutil.copy(path, folder)
    _run_cli(str(folder), "--store", store, "--quiet", check_rc=0)
    lines = [json.dumps({"text": p.read_text(encoding="utf-8"), "url": f"https://example.org/{i}",
                         "published": "2024-05-01T08:00:00+02:00"}) for i, p in enumerate(articles[:4])]
    (tmp_path / "more.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = _run_cli(str(tmp_path / "more.jsonl"), "--store", store, check_rc=0)
    assert "1 analysed" in proc.stderr and "3 already in the store" in proc.stderr
    engine = open_engine(store)
    with engine.connect() as conn:
        row = conn.execute(select(t.documents.c.url, t.documents.c.source, t.documents.c.published)
                           .where(t.documents.c.url.is_not(None))).one()
    assert row == ("https://example.org/3", "example.org", "2024-05-01")


def test_reanalyze_replaces_the_documents_of_an_other_pipeline_version(tmp_path, articles):
    engine = open_engine(str(tmp_path / "corpus.db"))
    inputs = [str(p) for p in articles[:4]]
    without_events = CorpusRun(engine, Pipeline(skip=("events",))).run(inputs)
    assert without_events.analysed == 4 and _count(engine, t.events) == 0
    full = Pipeline()
    assert CorpusRun(engine, full).run(inputs).already == 4          # no --reanalyze: kept as they are
    again = CorpusRun(engine, full, reanalyze=True).run(inputs)
    assert again.replaced == 4 and _count(engine, t.documents) == 4
    assert _count(engine, t.events) == len(_expected_store(articles[:4])["events"]) > 0
    assert CorpusRun(engine, full, reanalyze=True).run(inputs).already == 4   # same version now


def _kill_when(proc: subprocess.Popen, engine, documents: int, deadline: float = 120) -> None:
    """SIGKILL the run once the store holds `documents` documents (0: while it loads)."""
    start = time.monotonic()
    while time.monotonic() - start < deadline and proc.poll() is None:
        try:
            if _count(engine, t.documents) >= documents:
                break
        except Exception:  # noqa: BLE001 - the store may not have its tables yet
            pass
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_run_killed_at_any_moment_and_rerun_ends_with_one_copy_of_everything(backend, tmp_path, request, corpus,
                                                                                articles):
    store = str(tmp_path / "corpus.db") if backend == "sqlite" else request.getfixturevalue("postgres_url")
    engine = open_engine(store)
    partial = []
    for documents in (0, 2, 6):
        proc = subprocess.Popen([sys.executable, "-m", "lagebild.cli", "run", str(corpus), "--store", store,
                                 "--batch", "3", "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _kill_when(proc, engine, documents)
        assert proc.returncode == -signal.SIGKILL
        partial.append(_count(engine, t.documents))
    assert any(0 < n < 10 for n in partial), f"no kill came in the middle of the run: {partial}"
    _run_cli(str(corpus), "--store", store, "--quiet", check_rc=3)
    rows = _rows(engine)
    assert len(rows["documents"]) == 10 and len(rows["failures"]) == 4
    assert rows | {"failures": []} == _expected_store(articles) | {"failures": []}
    # the clusters caught up with every document and event, killed runs' ones included
    assert _count(engine, t.document_clusters) == 10
    assert _count(engine, t.event_cluster_members) == len(rows["events"])
    engine.dispose()
