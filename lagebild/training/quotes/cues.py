"""`lagebild train quote-cues`: learn which main verbs report speech, from SpkAtt data.

A sentence whose main verb is a speech act ("Die Gewerkschaft kritisierte den
Beschluss") is reported speech in GermEval 2023 SpkAtt when the annotators marked it so.
This counts, over the training documents (2023 task-2 format: Sentences with Tokens,
Annotations with Form and Message token refs "sentence:token"), how often a sentence with a
given main verb (lemma with its separable particle, or the participle after an
auxiliary) is covered by a "Reported" message, and writes the verbs that are reported
often enough to lagebild/quotes/reported_verbs.tsv, the table that quotes/rules.py reads.

    lagebild train quote-cues [--data DIR] [--min-count 3] [--min-rate 0.5]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Optional

from ...quotes.rules import HERE as QUOTES_DIR, Tok, main_verb_key
from ...segment.tagging import tag

OUT = QUOTES_DIR / "reported_verbs.tsv"
DEFAULT_DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "spkatt2023-task2-news-de" / "train"
QUOTE_MARKS = set("„“”\"»«")


def sentence_toks(words: list[str], si: int) -> list[Tok]:
    out, pos = [], 0
    for (w, lemma, p) in tag(words):
        out.append(Tok(pos, pos + len(w), w, lemma or w, p, si))
        pos += len(w) + 1
    return out


def count(files: list[Path]) -> tuple[Counter, Counter]:
    total, reported = Counter(), Counter()
    for f in files:
        data = json.loads(f.read_text("utf-8"))
        covered: dict[int, set[int]] = {}
        for a in data.get("Annotations") or []:
            if a.get("Form") != "Reported":
                continue
            for ref in a.get("Message") or []:
                s, t = ref.split(":")
                covered.setdefault(int(s), set()).add(int(t))
        for sent in data.get("Sentences") or []:
            words = sent["Tokens"]
            if not words or any(w in QUOTE_MARKS for w in words):
                continue
            T = sentence_toks(words, sent["SentenceId"])
            hi = len(T)
            while hi and T[hi - 1].text in (".", "!", "?"):
                hi -= 1
            key = main_verb_key(T, hi)
            if key is None:
                continue
            total[key] += 1
            cov = covered.get(sent["SentenceId"], set())
            if len(cov) >= 0.5 * len(words):
                reported[key] += 1
    return total, reported


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="lagebild train quote-cues", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="folder of SpkAtt 2023 task-2 *.json")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-rate", type=float, default=0.5)
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args(argv)
    files = sorted(Path(args.data).glob("*.json"))
    if not files:
        print(f"quote-cues: no *.json in {args.data}", file=sys.stderr)
        return 1
    total, reported = count(files)
    rows = [(k, total[k], reported[k], reported[k] / total[k]) for k in total
            if total[k] >= args.min_count and reported[k] / total[k] >= args.min_rate]
    rows.sort(key=lambda r: (-r[3], -r[1], r[0]))
    lines = ["# Main verbs whose sentences SpkAtt annotators mark as reported speech, learned by",
             f"# `lagebild train quote-cues` from {len(files)} training documents",
             f"# (min count {args.min_count}, min rate {args.min_rate}).",
             "verb\tsentences\treported\trate"]
    lines += [f"{k}\t{n}\t{r}\t{rate:.2f}" for k, n, r, rate in rows]
    Path(args.out).write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{len(rows)} verbs written to {args.out} "
          f"({sum(total.values())} sentences with a main verb, {sum(reported.values())} reported)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
