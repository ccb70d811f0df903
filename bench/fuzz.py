"""Mutation fuzzing of the whole pipeline: real articles, mutated, and generated inputs,
through analyze_many.

    python bench/fuzz.py [--n 10000] [--seed 1] [--dir ../shared/eval/dev] [--batch 16] [--workers 2]

Each input is a real article (the dev gold and the repository's eval sets) with one or
more mutations: truncation, deleted and doubled characters, shuffled lines, control,
combining, zero-width and right-to-left characters, stray quotation marks and brackets,
one huge line, decomposed Unicode (NFD), broken HTML around the text. One input in ten is
generated instead: tables of numbers, a 50,000-character line, thousands of quotation
marks, Arabic, Hebrew, Cyrillic and Chinese names with emoji, cookie banners, random
bytes, an English page with one German sentence, HTML nested thousands deep, thousands of
one-word lines, an all-caps headline. Counted: documents
analysed, inputs refused with an InputError (by reason), uncaught errors (a Failure with
reason "error" or "timeout"), contract violations (`Document.violations`). A benchmark and
a long check, not a test; `tests/test_fuzz.py` runs a few of the same mutations.

With `--workers N` the same inputs (made from the seed in one sequence, as without it) are
dealt round-robin to N processes of one torch thread each: the pipeline around the encoder
is single-threaded Python, so a second process uses the second core.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
ODD = ["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\u0301", "\u0308", "\u200b", "\u200e",
       "\u202e", "\ufeff", "\ufffd", "\U0001F600", "\u00ad", "\u2028", "\r"]
MARKS = list("„“”»«‚‘’\"'()[]{}<>–—-:;,.!?…")


def truncate(text: str, rng: random.Random) -> str:
    return text[:rng.randrange(0, len(text) + 1)]


def delete_chars(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, max(1, len(chars) // 20))):
        if chars:
            del chars[rng.randrange(len(chars))]
    return "".join(chars)


def double_chars(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, max(1, len(chars) // 20))):
        if chars:
            i = rng.randrange(len(chars))
            chars.insert(i, chars[i])
    return "".join(chars)


def shuffle_lines(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    rng.shuffle(lines)
    return "\n".join(lines)


def insert(pool: list[str]):
    def mutate(text: str, rng: random.Random) -> str:
        chars = list(text)
        for _ in range(rng.randint(1, 40)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(pool))
        return "".join(chars)
    mutate.__name__ = "insert_" + ("odd" if pool is ODD else "marks")
    return mutate


def huge_line(text: str, rng: random.Random) -> str:
    flat = re.sub(r"\s+", " ", text)
    return re.sub(r"[.!?]", rng.choice([",", "", " -"]), flat) * rng.randint(1, 4)


def nfd(text: str, rng: random.Random) -> str:
    return unicodedata.normalize("NFD", text)


def broken_html(text: str, rng: random.Random) -> str:
    paras = [p for p in text.split("\n\n") if p.strip()]
    body = "".join(rng.choice(["<p>{}", "<p>{}</p>", "<div><p>{}</div>", "<figure><figcaption>{}</p>"]).format(p)
                   for p in paras)
    return f"<html><head><title>{paras[0][:80] if paras else ''}</title><body><article>{body}<script>var x='</p>';"


MUTATIONS = [truncate, delete_chars, double_chars, shuffle_lines, insert(ODD), insert(MARKS), huge_line, nfd,
             broken_html]


# --- generated inputs: what a scraped corpus holds besides articles ------------------------

def number_table(words: list[str], rng: random.Random) -> str:
    rows = [rng.choice(["\t", " | ", ";"]).join(f"{rng.uniform(-1e6, 1e6):.{rng.randint(0, 3)}f}"
                                                  for _ in range(rng.randint(2, 12)))
            for _ in range(rng.randint(10, 3000))]
    return rng.choice(words).title() + "\n\n" + "\n".join(rows)


def endless_line(words: list[str], rng: random.Random) -> str:
    return " ".join(rng.choice(words) for _ in range(rng.randint(2000, 8000)))     # about 50,000 characters


def many_quotes(words: list[str], rng: random.Random) -> str:
    marks = "„“”»«‚‘’\"'"
    return "".join(rng.choice(marks) + (rng.choice(words) + " " if rng.random() < 0.3 else "")
                   for _ in range(rng.randint(1000, 10000)))


def foreign_names(words: list[str], rng: random.Random) -> str:
    names = ["محمد بن سلمان", "בנימין נתניהו", "Владимир Путин", "习近平", "🇺🇦 Selenskyj 🙏", "Zoë Ångström-Øberg"]
    return " ".join(f"{rng.choice(names)} {' '.join(rng.choice(words) for _ in range(rng.randint(3, 12)))}."
                    for _ in range(rng.randint(3, 60)))


def cookie_banner(words: list[str], rng: random.Random) -> str:
    return "\n".join(rng.choice(["Wir verwenden Cookies.", "Alle akzeptieren", "Einstellungen", "Datenschutz",
                                  "Impressum", "Newsletter abonnieren", "Anzeige", "Teilen auf Facebook"])
                      for _ in range(rng.randint(1, 40)))


def junk_bytes(words: list[str], rng: random.Random) -> str:
    return bytes(rng.randrange(256) for _ in range(rng.randint(10, 20000))).decode(rng.choice(["latin-1", "cp1252"]),
                                                                                     errors="replace")


def english_page(words: list[str], rng: random.Random) -> str:
    english = ("The government said on Monday that the talks would continue next week. " * rng.randint(5, 40))
    return english + " ".join(words[:rng.randint(5, 30)]) + ". " + english


def nested_html(words: list[str], rng: random.Random) -> str:
    depth = rng.randint(50, 3000)
    tags = [rng.choice(["div", "p", "span", "section", "b", "table", "td"]) for _ in range(depth)]
    return "<html><body>" + "".join(f"<{t}>{rng.choice(words)} " for t in tags) + "".join(
        f"</{t}>" for t in reversed(tags[:rng.randint(0, depth)]))


def short_lines(words: list[str], rng: random.Random) -> str:
    return "\n".join(rng.choice(words) for _ in range(rng.randint(100, 5000)))


def shouting(words: list[str], rng: random.Random) -> str:
    return " ".join(rng.choice(words) for _ in range(rng.randint(5, 15))).upper() + "\n\n" + \
        ". ".join(" ".join(rng.choice(words) for _ in range(12)) for _ in range(rng.randint(1, 30))) + "."


GENERATORS = [number_table, endless_line, many_quotes, foreign_names, cookie_banner, junk_bytes, english_page,
              nested_html, short_lines, shouting]
GENERATED_SHARE = 0.1     # one input in ten is generated, the rest mutated articles


def articles(folders: list[Path]) -> list[tuple[str, str | None]]:
    out = []
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            m = re.search(r"(\d{4}-\d{2}-\d{2})", path.name)
            out.append((path.read_text("utf-8"), m.group(1) if m else None))
    return out


def mutated(base: list[tuple[str, str | None]], n: int, seed: int):
    """n inputs: (item for analyze_many, names of the mutations applied)."""
    rng = random.Random(seed)
    words = [w for text, _ in base for w in re.findall(r"\w+", text)]
    for k in range(n):
        if rng.random() < GENERATED_SHARE:
            make = rng.choice(GENERATORS)
            html = make is nested_html
            yield {"text": make(words, rng), "published": rng.choice(base)[1], "html": html,
                   "id": f"fuzz-{seed}-{k}"}, [make.__name__]
            continue
        text, published = rng.choice(base)
        chosen = rng.sample(MUTATIONS, rng.randint(1, 3))
        html = broken_html in chosen
        for m in [m for m in chosen if m is not broken_html] + ([broken_html] if html else []):
            text = m(text, rng)
        yield {"text": text, "published": published, "html": html, "id": f"fuzz-{seed}-{k}"}, \
            [m.__name__ for m in chosen]


def run(items, batch: int = 16, progress: int = 0, label: str = "") -> dict:
    """Counts of the outcomes. With `progress`, every that many inputs and every problem are
    also written to stderr at once, so that a long run stopped early still tells its counts."""
    from lagebild import Failure, analyze_many
    counts: Counter = Counter()
    problems: list[str] = []
    items = list(items)
    by_id = {item["id"]: names for item, names in items}
    t0 = time.perf_counter()
    for done, out in enumerate(analyze_many([item for item, _ in items], batch_size=batch), 1):
        problem = None
        if isinstance(out, Failure):
            if out.reason in ("error", "timeout"):
                counts["uncaught"] += 1
                problem = f"{out.id} {by_id.get(out.id)}: {out.reason}: {out.message}"
            else:
                counts[f"refused:{out.reason}"] += 1
        else:
            counts["analysed"] += 1
            bad = out.violations()
            if bad:
                counts["violations"] += 1
                problem = f"{out.id} {by_id.get(out.id)}: {bad[:3]}"
        if problem:
            problems.append(problem)
            if progress:
                print(f"  {label}{problem}", file=sys.stderr, flush=True)
        if progress and done % progress == 0:
            print(f"{label}{done} inputs, {time.perf_counter() - t0:.0f} s: {dict(counts)}", file=sys.stderr, flush=True)
    return {"counts": dict(counts), "problems": problems}


def _run_share(args: tuple) -> dict:
    """One worker process: its share of the inputs, on one torch thread."""
    items, batch, progress, label = args
    import torch
    torch.set_num_threads(1)
    return run(items, batch, progress, label)


def run_parallel(items, workers: int, batch: int = 16, progress: int = 0) -> dict:
    """`run` over `workers` processes, input k to process k mod workers; counts summed."""
    import multiprocessing
    items = list(items)
    shares = [(items[w::workers], batch, progress, f"[worker {w}] ") for w in range(workers)]
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        results = pool.map(_run_share, shares)
    counts: Counter = Counter()
    for r in results:
        counts.update(r["counts"])
    return {"counts": dict(counts), "problems": [p for r in results for p in r["problems"]]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--progress", type=int, default=0, metavar="K",
                    help="write the counts to stderr every K inputs, and each problem as it is found")
    ap.add_argument("--workers", type=int, default=1,
                    help="processes to share the inputs (each on one torch thread); default 1")
    ap.add_argument("--dir", action="append", type=Path,
                    help="folders of *.txt articles (default: ../shared/eval/dev and eval/*)")
    args = ap.parse_args()
    folders = args.dir or [HERE.parent / "shared" / "eval" / "dev", *sorted((HERE / "eval").iterdir())]
    base = articles([f for f in folders if f.is_dir()])
    t0 = time.perf_counter()
    inputs = mutated(base, args.n, args.seed)
    result = (run_parallel(inputs, args.workers, args.batch, args.progress) if args.workers > 1
              else run(inputs, args.batch, args.progress))
    secs = time.perf_counter() - t0
    c = result["counts"]
    print(f"{args.n} inputs from {len(base)} articles (seed {args.seed}, {args.workers} worker(s)) "
          f"in {secs:.0f} s: {c}")
    for p in result["problems"][:50]:
        print("  " + p)
    return 1 if c.get("uncaught") or c.get("violations") else 0


if __name__ == "__main__":
    sys.exit(main())
