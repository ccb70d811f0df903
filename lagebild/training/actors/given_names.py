"""Build `lagebild/actors/data/given_names_corpus.txt`: given names seen in annotated German
news text, so that "Heidemarie Wieczorek-Zeul" reads as a person's name without an NER model.

A word counts as a given name when GermEval 2014 (CC BY 4.0; Benikova et al., LREC 2014)
tags it as the first word of a person's name (B-PER) followed by more of the name (I-PER)
at least twice and more often than outside names, or once and never outside names. Ordinary
nouns (lagebild/actors/data/common_nouns.txt), function words and words of one or two letters
are left out. The hand-curated list stays in lagebild/actors/data/given_names.txt; both are read.

    python -m lagebild.training.actors.given_names /work/shared/data
"""
from __future__ import annotations

import collections
import sys
from pathlib import Path

from ...actors.tables import DATA

OUT = DATA / "given_names_corpus.txt"
# words the corpus happens to start a name with that are no given names (reviewed by hand)
NOT_GIVEN = {"Black", "Little", "Lady", "Lego", "Astro", "Karma", "Ottos", "Ludwigs", "Ickler", "Prochnow",
             "Hübbe", "Helfricht", "Lagard", "Praise", "Dizzy", "Mata", "Pomponius", "Kuai", "Didi"}


def main(argv: list[str]) -> int:
    root = Path(argv[0] if argv else "/work/shared/data")
    first, other = collections.Counter(), collections.Counter()
    for f in sorted((root / "germeval2014-ner-de").glob("*.tsv")):
        sent: list[tuple[str, str]] = []
        for line in f.read_text("utf-8").splitlines() + [""]:
            cols = line.split("\t")
            if len(cols) >= 3 and cols[0].isdigit():
                sent.append((cols[1], cols[2]))
                continue
            for k, (w, tag) in enumerate(sent):
                nxt = sent[k + 1][1] if k + 1 < len(sent) else "O"
                if tag == "B-PER" and nxt == "I-PER":
                    first[w] += 1
                elif tag == "O":
                    other[w] += 1
            sent = []
    common = set((DATA / "common_nouns.txt").read_text("utf-8").split())
    names = sorted(w for w, n in first.items()
                   if (n >= 2 and other[w] < n or n == 1 and other[w] == 0) and len(w) > 3 and w[:1].isupper() and w[1:].islower()
                   and w.isalpha() and w not in common and w not in NOT_GIVEN)
    header = ("# Given names from GermEval 2014 person names (CC BY 4.0); made by training/actors/given_names.py.\n"
              "# Do not edit by hand: add names to given_names.txt instead.\n")
    OUT.write_text(header + "\n".join(names) + "\n", "utf-8")
    print(f"{len(names)} names → {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
