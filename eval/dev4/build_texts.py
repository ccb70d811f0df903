#!/usr/bin/env python3
"""Rebuild the dev4 article texts from the GermEval 2023 SpkAtt task-2 token files.

    python eval/dev4/build_texts.py [--data DIR] [--out DIR] [--check DIR ...]

Made the way `eval/dev2` and `eval/dev3` were: the first line is the title (from the
file name), then a blank line, then paragraphs of three sentences each separated by a
blank line (the data has no paragraph structure). Tokens are joined with single spaces
except: no space before punctuation and closing “ ‘ ) ], none after an opening „ ‚ ( [.
Straight quotes (" and the Wikinews italics mark '') open and close by turn, so no space
is put inside them. A "sentence" of the data that is only a split-off closing quotation mark
(“ or “.) is joined, without a space, to the sentence before; any other sentence of the
data, even a lone full stop, stays a sentence of its own (as in dev3's wn_50415). The file stem is
`wn_<id>_<YYYY-MM-DD>` (publication date from the file name).

`--check DIR` rebuilds every `wn_*.txt` found in DIR (e.g. eval/dev2) from the data and
reports differences, to show that the rules reproduce the earlier sets: all 20 dev2/dev3
texts come out identical except wn_57933 (dev2), where these rules close a straight "
after „ without a space and write [m] instead of [ m ].
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "shared" / "data" / "spkatt2023-task2-news-de" / "train"
OUT = Path(__file__).resolve().parent

# the 10 dev4 articles (Wikinews ids); see eval/dev4/README.md for how they were chosen
IDS = ["3002", "33446", "47722", "58846", "59270", "62459", "71480", "71489", "73882", "74899"]

NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "“", "‘", "%", "...", "…"}
NO_SPACE_AFTER = {"„", "‚", "(", "["}
CLOSERS = {"“", "‘", "”"}
NEUTRAL = {'"', "''"}          # straight quotes ('' is Wikinews italics markup): open or close by turn


def join(tokens: list[str]) -> str:
    out = ""
    prev = None
    quote_open = False       # a „ or an opening " is waiting for its closing mark
    prev_opens = False       # the previous token opens something (no space after it)
    for tok in tokens:
        space = prev is not None and tok not in NO_SPACE_BEFORE and not prev_opens
        opens = tok in NO_SPACE_AFTER
        if tok == "„":
            quote_open = True
        elif tok in CLOSERS:
            quote_open = False
        elif tok in NEUTRAL:
            if quote_open:          # closes „ or an opening "
                space = False
                quote_open = False
            else:
                quote_open = opens = True
        out += (" " if space else "") + tok
        prev, prev_opens = tok, opens
    return out


def sentences(data: dict) -> list[str]:
    sents: list[str] = []
    for s in data["Sentences"]:
        toks = s["Tokens"]
        if not toks:
            continue
        if sents and toks[0] in CLOSERS and all(t in CLOSERS or t in NO_SPACE_BEFORE for t in toks):
            sents[-1] += join(toks)        # a split-off closing quotation mark: “ or “.
            continue
        sents.append(join(toks))
    return sents


def build(path: Path) -> tuple[str, str]:
    m = re.match(r"(\d+) - (.*) \((\d{4}-\d{2}-\d{2})\)\.json$", path.name)
    if not m:
        raise ValueError(path.name)
    wid, title, date = m.groups()
    sents = sentences(json.loads(path.read_text(encoding="utf-8")))
    paras = [" ".join(sents[i:i + 3]) for i in range(0, len(sents), 3)]
    return f"wn_{wid}_{date}", title + "\n\n" + "\n\n".join(paras) + "\n"


def find(data: Path, wid: str) -> Path:
    hits = list(data.glob(f"{wid} - *.json"))
    if len(hits) != 1:
        raise FileNotFoundError(f"{wid}: {len(hits)} files in {data}")
    return hits[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", type=Path, nargs="*", help="compare rebuilt texts with the wn_*.txt in these folders")
    args = ap.parse_args()
    if args.check:
        bad = 0
        for d in args.check:
            for txt in sorted(d.glob("wn_*.txt")):
                wid = txt.name.split("_")[1]
                _, text = build(find(args.data, wid))
                if text != txt.read_text(encoding="utf-8"):
                    bad += 1
                    print(f"DIFF {txt}")
                    import difflib
                    sys.stdout.writelines(difflib.unified_diff(txt.read_text(encoding="utf-8").splitlines(True),
                                                               text.splitlines(True), n=0))
                else:
                    print(f"same {txt}")
        return 1 if bad else 0
    for wid in IDS:
        stem, text = build(find(args.data, wid))
        (args.out / f"{stem}.txt").write_text(text, encoding="utf-8")
        print(f"wrote {stem}.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
