"""Every regular expression lagebild compiles, run on adversarial 100 kB inputs (#21).

    python bench/regex_check.py [--limit SECONDS] [--out patterns.json]

Collects the patterns compiled from lagebild's own code (module-level ones and those built
from the YAML tables) while it analyses the bundled example (plain text and an HTML page),
then runs each on 13 inputs of 100,000 characters (one letter repeated, capitals, spaces,
words, capitalised words, digits with stops, an unclosed quotation mark, brackets, dashes,
stops, newlines, random characters, "Von A, " repeated) the way the code applies it: the
events trigger lexicon matches whole tokens (`fullmatch`), every other pattern scans text
(`finditer` to the end). A pattern that needs more than the limit (default 5 s) on one
input is reported as a hang (a timer stops it: the regular expression engine checks for
signals while it matches); one over 0.5 s as slow.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import signal
import sys
import time
import traceback
from pathlib import Path

N = 100_000
REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO.parent / "shared" / "examples"
WHOLE_TOKEN = ("events/lexicon.py",)   # patterns applied with fullmatch to one token


def adversarial_inputs() -> list[tuple[str, str]]:
    rnd = random.Random(1)
    alphabet = "aA äÖß.,;:-–„“\"'()[]«»/|©0123456789\n\t"
    return [
        ("letters", "a" * N), ("capitals", "A" * N), ("spaces", " " * N),
        ("words", ("Der Mann sagte, " * (N // 16))[:N]), ("capwords", ("Berlin Paris Rom " * (N // 17))[:N]),
        ("digits", ("12." * (N // 3))[:N]), ("quote", "„" + "a " * (N // 2)),
        ("brackets", "(" * (N // 2) + "a" * (N // 2)), ("dashes", "- " * (N // 2)), ("stops", ". " * (N // 2)),
        ("newlines", "\n" * N), ("random", "".join(rnd.choice(alphabet) for _ in range(N))),
        ("byline", ("Von A, " * (N // 7))[:N]),
    ]


def collect() -> list[tuple[str, int, str]]:
    """(pattern, flags, where) of every pattern compiled from lagebild's code."""
    seen: dict[tuple[str, int], str] = {}
    original = re._compile

    def recording(pattern, flags):
        compiled = original(pattern, flags)
        if isinstance(pattern, str):
            stack = [f for f in traceback.extract_stack()[:-1]
                     if not f.filename.endswith(("re/__init__.py", "re/_compiler.py", "functools.py"))]
            if stack and "/lagebild/" in stack[-1].filename:
                where = stack[-1].filename.split("/lagebild/")[-1] + ":" + str(stack[-1].lineno)
                seen.setdefault((pattern, int(flags)), where)
        return compiled

    re._compile = recording
    try:
        import gzip
        import importlib
        import pkgutil

        import lagebild
        for m in pkgutil.walk_packages(lagebild.__path__, "lagebild."):
            if ".training" not in m.name and "migrations" not in m.name:
                try:
                    importlib.import_module(m.name)
                except Exception:     # an optional part that cannot load here has no patterns to check
                    pass
        lagebild.analyze((EXAMPLES / "backfisch-2019-04-25.txt").read_text("utf-8"), published="2019-04-25")
        scraped = EXAMPLES / "scraped"
        if scraped.is_dir():
            lagebild.analyze((scraped / "ch_NZZ_V1.txt").read_text("utf-8"))
            lagebild.analyze(gzip.decompress((scraped / "de_DW_V1.html.gz").read_bytes()).decode(), html=True)
    finally:
        re._compile = original
    return [(p, f, w) for (p, f), w in seen.items()]


class _Hang(Exception):
    pass


def _alarm(signum, frame):
    raise _Hang()


def check(patterns: list[tuple[str, int, str]], limit: float) -> list[tuple[str, str, str, float]]:
    """(kind, where, pattern, seconds) of every hang and slow pattern. The regular expression
    engine checks for signals while it matches, so a timer stops a hang."""
    inputs = adversarial_inputs()
    found = []
    old = signal.signal(signal.SIGALRM, _alarm)
    try:
        for pattern, flags, where in patterns:
            rx = re.compile(pattern, flags)
            whole = where.startswith(WHOLE_TOKEN)
            worst = (0.0, "")
            for name, text in inputs:
                t = time.perf_counter()
                signal.setitimer(signal.ITIMER_REAL, limit)
                try:
                    if whole:
                        rx.fullmatch(text)
                    else:
                        for _ in rx.finditer(text):
                            pass
                except _Hang:
                    worst = (limit, name)
                    break
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                worst = max(worst, (time.perf_counter() - t, name))
            if worst[0] >= limit:
                found.append(("hang", where, pattern, limit))
                print(f"HANG {where} on {worst[1]}: {pattern[:120]!r}", flush=True)
            elif worst[0] > 0.5:
                found.append(("slow", where, pattern, worst[0]))
                print(f"SLOW {worst[0]:.2f}s {where} on {worst[1]}: {pattern[:120]!r}", flush=True)
    finally:
        signal.signal(signal.SIGALRM, old)
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=float, default=5.0)
    ap.add_argument("--out", type=Path, help="write the collected patterns here")
    args = ap.parse_args()
    patterns = collect()
    if args.out:
        args.out.write_text(json.dumps(patterns, ensure_ascii=False, indent=0), "utf-8")
    t = time.time()
    found = check(patterns, args.limit)
    hangs = sum(k == "hang" for k, *_ in found)
    print(f"{len(patterns)} patterns, {len(adversarial_inputs())} inputs of {N:,} characters: "
          f"{hangs} hangs, {len(found) - hangs} slow (> 0.5 s), {time.time() - t:.0f} s")
    return 1 if hangs else 0


if __name__ == "__main__":
    sys.exit(main())
