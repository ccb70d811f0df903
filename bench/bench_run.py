"""What the store adds to a corpus run: `lagebild run` into SQLite (and PostgreSQL) against
`analyze_many` alone, on the same articles, in one process, models loaded once.

    python bench/bench_run.py [--n 300] [--postgres URL] [--batch 16]

The articles are German Wikinews texts of `../shared/data/plover-events-de/train.jsonl`
(SpkAtt's train split), written to a JSON Lines file as a user would hand them over.
Reports articles/s of each, the store's share of the run time, peak memory, and the
size of the store per 1,000 articles. A benchmark, not a test.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

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


def time_run(pipeline: Pipeline, url: str, corpus: Path, batch: int) -> tuple[float, int]:
    engine = open_engine(url)
    empty = store_bytes(engine)                        # the schema alone: not the articles' cost
    start = time.perf_counter()
    summary = CorpusRun(engine, pipeline, batch_size=batch).run([str(corpus)])
    seconds = time.perf_counter() - start
    assert summary.analysed > 0 and not summary.failed, summary.describe()
    size = store_bytes(engine) - empty
    engine.dispose()
    return seconds, size


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
    ap.add_argument("--postgres", default=os.environ.get("LAGEBILD_TEST_POSTGRES"),
                    help="a PostgreSQL server URL (a fresh database is made on it); default $LAGEBILD_TEST_POSTGRES")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="lagebild-bench-"))
    corpus, items = write_corpus(args.n, folder)
    words = sum(len(i["text"].split()) for i in items)
    pipeline = Pipeline()
    list(pipeline.analyze_many(items[:2]))             # warm-up: every model and table loaded
    print(f"{len(items)} articles, {words:,} words, batch {args.batch}")

    results = {"analyze_many": time_analyze_many(pipeline, items, args.batch)}
    results["run → SQLite"], sqlite_size = time_run(pipeline, str(folder / "store.db"), corpus, args.batch)
    if args.postgres:
        results["run → PostgreSQL"], pg_size = time_run(pipeline, fresh_postgres(args.postgres), corpus, args.batch)
    results["analyze_many (again)"] = time_analyze_many(pipeline, items, args.batch)

    base = min(results["analyze_many"], results["analyze_many (again)"])
    for name, seconds in results.items():
        print(f"{name:22} {seconds:7.1f} s  {len(items) / seconds:5.2f} articles/s  "
              f"{(seconds / base - 1) * 100:+5.1f} % against analyze_many")
    print(f"store size per 1,000 articles: SQLite {sqlite_size / len(items) * 1000 / 2**20:.1f} MiB"
          + (f", PostgreSQL {pg_size / len(items) * 1000 / 2**20:.1f} MiB" if args.postgres else ""))
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
