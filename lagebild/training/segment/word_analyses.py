"""Build `lagebild/segment/word_analyses.tsv.gz`: HanTa's analyses of frequent news words.

The word layer's tagger (HanTa, `segment/tagging.py`) analyses every word form it meets
for the first time in a process: a search over the word's morphemes for its candidate
tags (`analyze_forward`), and one more for the lemma under the chosen tag
(`analyze_viterbi`). On a fresh process that is most of the word layer's time, and the
same common forms ("Regierungschef", "forderte", "Demonstranten") are analysed again by
every process. This file holds the results of both searches for the word forms that occur
at least twice in German news text of the training data, so a process looks them up
instead. The searches are deterministic, so a stored result is the result the search
gives: `tests/test_word_layer.py` recomputes a sample of them.

Text (read here only, never shipped): the articles of SpkAtt 2023 task 2 `train`
(Wikinews, CC BY 2.5) and the GermEval 2014 `dev` sentences, leaving out every article
that one of the eval sets (`../shared/eval/dev`, `eval/*`) holds, so that benchmarks on
those sets meet their words as new text does. The file stores word forms and HanTa's
numbers, no sentences.

    lagebild train word-analyses [--data ../shared/data] [--min-count 2]
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
from pathlib import Path

from ...segment.morphology import stored_line, stored_text
from ...segment.tagging import STORED_ANALYSES, _tagger, tag
from ..ner.germeval import token_rows

REPO = Path(__file__).resolve().parents[3]
DEFAULT_DATA = REPO.parent / "shared" / "data"


def _eval_article_ids() -> set[str]:
    """Wikinews ids of the articles in the eval sets (wn_<id>_<date>.txt)."""
    folders = [REPO.parent / "shared" / "eval" / "dev", *sorted((REPO / "eval").glob("*/"))]
    return {m.group(1) for f in folders for p in f.glob("*.txt") if (m := re.match(r"wn_(\d+)_", p.name))}


def _spkatt_sentences(folder: Path, leave_out: set[str]):
    for f in sorted(folder.glob("*.json")):
        if f.name.split(" ", 1)[0] in leave_out:
            continue
        for s in json.loads(f.read_text("utf-8"))["Sentences"]:
            yield [t if isinstance(t, str) else t["Text"] for t in s["Tokens"]]


def build(data: Path, min_count: int) -> dict[str, str]:
    """Tag every sentence, record each search the tagger makes, and keep those of the word
    forms (lower-cased, as the lemma search sees them) that occur at least `min_count` times."""
    sentences = list(_spkatt_sentences(data / "spkatt2023-task2-news-de" / "train", _eval_article_ids()))
    sentences += [[w for w, _ in s] for s in token_rows(data / "germeval2014-ner-de" / "NER-de-dev.tsv")]
    counts = collections.Counter(w.lower() for s in sentences for w in s)
    tagger = _tagger()
    forward_search, lemma_search = tagger.analyze_forward, tagger.analyze_viterbi
    forward: dict[str, list] = {}
    lemma: dict[str, dict[int, list]] = {}

    def record_forward(word):
        forward[word] = got = forward_search(word)
        return got

    def record_lemma(word, pos):
        lemma.setdefault(word, {})[pos] = got = lemma_search(word, pos)
        return got

    tagger.analyze_forward, tagger.analyze_viterbi = record_forward, record_lemma
    try:
        for s in sentences:
            tag(s)
    finally:
        tagger.analyze_forward, tagger.analyze_viterbi = forward_search, lemma_search
    keep = {w for w, n in counts.items() if n >= min_count}
    # both searches see the word lower-cased (HanTa's normalize; a lone quote mark becomes '"')
    words = sorted(w for w in forward.keys() | lemma.keys() if w in keep and "\t" not in w)
    return {w: stored_line(forward.get(w), lemma.get(w, {})) for w in words}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="lagebild train word-analyses", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--out", type=Path, default=STORED_ANALYSES)
    args = ap.parse_args(argv)
    table = build(args.data, args.min_count)
    with gzip.GzipFile(args.out, "wb", mtime=0) as f:   # mtime 0: the same data gives the same bytes
        f.write(stored_text(table).encode("utf-8"))
    print(f"{args.out}: {len(table)} word forms", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
