"""What the store adds to a corpus run: `lagebild run` into SQLite (and PostgreSQL) against
`analyze_many` alone, on the same articles, in one process, models loaded once.

    python bench/bench_run.py [--n 300] [--postgres URL] [--batch 16] [--dask 1,2]

The articles are German Wikinews texts of `../shared/data/plover-events-de/train.jsonl`
(SpkAtt's train split), written to a JSON Lines file as a user would hand them over.
Reports articles/s of each, the store's share of the run time, peak memory, and the
size of the store per 1,000 articles; with --dask, the same run on a Dask LocalCluster of
1, 2, ... workers (articles/s, scaling against one worker, peak memory per worker, and
whether its store equals the local engine's). A benchmark, not a test.
"""
from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from sqlalchemy import select, text

from lagebild.corpus.run import CorpusRun
from lagebild.events.corpus import read_articles
from lagebild.pipeline import Pipeline
from lagebild.store import open_engine

HERE = Path(__file__).resolve().parents[1]


def write_corpus(n: int, folder: Path) -> tuple[Path, list[dict]]:
    items = []
    for article in read_articles(HERE.parent / "shared" / "data" / "plover-events-de" / "train.jsonl"):
        items.append({"text": article.text, "published": article.published, "id": article.id,
                      "url": f"https://de.wikinews.org/?curid={article.id}"})
        if len(items) == n:
            break
    path = folder / "corpus.jsonl"
    path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    return path, items


def time_analyze_many(pipeline: Pipeline, items: list[dict], batch: int) -> float:
    start = time.perf_counter()
    for _ in pipeline.analyze_many(items, batch_size=batch):
        pass
    return time.perf_counter() - start


def time_run(pipeline: Pipeline, url: str, corpus: Path, batch: int, analysis=None) -> tuple[float, int]:
    engine = open_engine(url)
    empty = store_bytes(engine)                        # the schema alone: not the articles' cost
    start = time.perf_counter()
    summary = CorpusRun(engine, pipeline, batch_size=batch, engine=analysis, cluster=False).run([str(corpus)])
    seconds = time.perf_counter() - start
    clustering = time.perf_counter()
    from lagebild.clusters import update_clusters
    update_clusters(engine)
    print(f"  clusters of {engine.dialect.name} store: {time.perf_counter() - clustering:.1f} s (not in the run's time)")
    assert summary.analysed > 0 and not summary.failed, summary.describe()
    size = store_bytes(engine) - empty
    engine.dispose()
    return seconds, size


def time_dask(pipeline: Pipeline, folder: Path, corpus: Path, batch: int, workers: int) -> float:
    """A run on a LocalCluster of `workers` processes (started before timing: the workers
    load their models on the first batch, as in any run). Checks it stores what the
    local run stored."""
    from lagebild.corpus.dask_engine import DaskEngine
    engine = DaskEngine(workers=workers)
    try:
        url = str(folder / f"dask{workers}.db")
        seconds, _ = time_run(pipeline, url, corpus, batch, analysis=engine)
        memory = engine.client.run(peak_rss_mib)
        print(f"  dask {workers}: peak RSS per worker "
              + ", ".join(f"{m:.0f} MiB" for m in memory.values())
              + f"; store equals the local run's: {same_rows(str(folder / 'store.db'), url)}")
    finally:
        engine.close()
    return seconds


def peak_rss_mib() -> float:
    """This process's peak resident memory (VmHWM), in MiB."""
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM")) / 1024


def same_rows(first: str, second: str) -> bool:
    """Whether two stores hold the same rows, apart from when and by what they were written."""
    from lagebild.store.tables import metadata
    volatile = {"analysed_at", "failed_at", "input_ref"}

    def rows(url):
        engine = open_engine(url)
        with engine.connect() as conn:
            out = {name: sorted(map(repr, conn.execute(select(*[c for c in table.c if c.name not in volatile]))))
                   for name, table in metadata.tables.items()}
        engine.dispose()
        return out
    return rows(first) == rows(second)


def store_bytes(engine) -> int:
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            return conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
    with engine.begin() as conn:                       # fold the WAL into the file before measuring
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    return os.path.getsize(engine.url.database)


def fresh_postgres(server: str) -> str:
    """A new, empty database on the server (the benchmark never touches existing data)."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    name = f"lagebild_bench_{int(time.time())}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="articles (default 300)")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--dask", default="", help="worker counts of LocalCluster runs, e.g. 1,2")
    ap.add_argument("--postgres", default=os.environ.get("LAGEBILD_TEST_POSTGRES"),
                    help="a PostgreSQL server URL (a fresh database is made on it); default $LAGEBILD_TEST_POSTGRES")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="lagebild-bench-"))
    corpus, items = write_corpus(args.n, folder)
    words = sum(len(i["text"].split()) for i in items)
    pipeline = Pipeline()
    # warm-up: every model and table loaded, and the tagger's per-word memo filled as a long
    # run has it (a cold first pass would make whatever is measured first look slower)
    list(pipeline.analyze_many(items, batch_size=args.batch))
    print(f"{len(items)} articles, {words:,} words, batch {args.batch}")

    results = {"analyze_many": time_analyze_many(pipeline, items, args.batch)}
    results["run → SQLite"], sqlite_size = time_run(pipeline, str(folder / "store.db"), corpus, args.batch)
    if args.postgres:
        results["run → PostgreSQL"], pg_size = time_run(pipeline, fresh_postgres(args.postgres), corpus, args.batch)
    results["analyze_many (again)"] = time_analyze_many(pipeline, items, args.batch)

    for n in [int(x) for x in args.dask.split(",") if x]:
        results[f"run on Dask, {n} worker(s)"] = time_dask(pipeline, folder, corpus, args.batch, n)

    base = min(results["analyze_many"], results["analyze_many (again)"])
    for name, seconds in results.items():
        print(f"{name:22} {seconds:7.1f} s  {len(items) / seconds:5.2f} articles/s  "
              f"{(seconds / base - 1) * 100:+5.1f} % against analyze_many")
    print(f"store size per 1,000 articles: SQLite {sqlite_size / len(items) * 1000 / 2**20:.1f} MiB"
          + (f", PostgreSQL {pg_size / len(items) * 1000 / 2**20:.1f} MiB" if args.postgres else ""))
    print(f"peak RSS of this process {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
