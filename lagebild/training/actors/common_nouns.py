"""Build `lagebild/actors/data/common_nouns.txt`: capitalised German words that are ordinary
nouns, so that "der russische Präsident Maßnahmen ..." does not read "Maßnahmen" as a name.

Words come from annotated text in the shared training data (not shipped): nouns (UPOS
NOUN) of the UD German GSD treebank and capitalised words inside a sentence that GermEval
2014 tags as no entity at least twice and never as a person. Words that are also given
names in lagebild/actors/data/given_names.txt are left out.

    python -m lagebild.training.actors.common_nouns /work/shared/data
"""
from __future__ import annotations

import collections
import sys
from pathlib import Path

from ...actors.tables import DATA

OUT = DATA / "common_nouns.txt"


def main(argv: list[str]) -> int:
    root = Path(argv[0] if argv else "/work/shared/data")
    words: set[str] = set()
    for f in sorted((root / "ud-german-gsd-devtest").glob("*.conllu")):
        for line in f.read_text("utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) > 4 and cols[0].isdigit() and cols[3] == "NOUN" and cols[1][:1].isupper():
                words.add(cols[1])
    other, person = collections.Counter(), collections.Counter()
    for f in sorted((root / "germeval2014-ner-de").glob("*.tsv")):
        for line in f.read_text("utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) < 3 or not cols[0].isdigit() or cols[0] == "1":
                continue
            w, tag = cols[1], cols[2]
            if not w[:1].isupper() or w.isupper():
                continue
            if tag == "O":
                other[w] += 1
            elif tag.endswith("PER"):
                person[w] += 1
    words |= {w for w, n in other.items() if n >= 2 and not person[w]}
    words -= {w for w in words if person[w]}
    given = set((DATA / "given_names.txt").read_text("utf-8").split())
    words -= given
    header = ("# Capitalised ordinary German words (not names); made by training/actors/common_nouns.py from\n"
              "# UD German GSD (NOUN) and GermEval 2014 (tagged O, never PER). Do not edit by hand.\n")
    OUT.write_text(header + "\n".join(sorted(words)) + "\n", "utf-8")
    print(f"{len(words)} words → {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
