"""Build `lagebild/places/common_words.txt`: town names in the gazetteer that are ordinary German words.

GeoNames lists towns whose names (or alternate names in some language) are German words:
"Dabei" (an alternate name of Dubai), "Alter", "Mitte", "Norden", "Essen", "Halle". Such a
form is read as a place only right after a locative preposition ("in Essen", "aus Halle").

The words come from annotated German text in the shared training data (not shipped):
lower-case tokens anywhere, nouns (UPOS NOUN) of the UD German treebanks, and capitalised
words inside a sentence that GermEval 2014 tags as no entity more often than as a place;
and, where the HanTa tagger is installed, every one-word town name whose most likely tag
in HanTa's German lexicon is a known common word (noun, adverb ...) rather than a name.
Only forms that are also gazetteer town names are kept; the result is reviewed by hand
(`KEEP_AS_PLACES` are real places wrongly caught, e.g. a city tagged NOUN once).

    python -m lagebild.training.places.common_words /work/shared/data
"""
from __future__ import annotations

import collections
import sys
from pathlib import Path

from ...places.gazetteer import HERE as PLACES_DIR, gazetteer, name_key
from ..ner.germeval import token_rows

OUT = PLACES_DIR / "common_words.txt"
# places that the corpora happen to use as words too, but that a news text means as places
KEEP_AS_PLACES = {"berlin", "wien", "paris", "rom", "london", "moskau", "bagdad", "kairo", "adelaide",
                  "aalborg", "westport", "suffolk", "skien", "kabale", "mestre", "meridian", "indio",
                  "junin", "gesundbrunnen"}


def _conllu(path: Path):
    for line in path.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            cols = line.split("\t")
            if len(cols) > 3 and cols[0].isdigit():
                yield cols[1], cols[3]


def _hanta_words(towns: set[str]) -> set[str]:
    """Town names HanTa tags as common words with confidence (log-probability > -15)."""
    try:
        from HanTa import HanoverTagger
    except ImportError:
        return set()
    tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    out = set()
    for key in towns:
        if not key.isalpha():
            continue
        tags = tagger.tag_word(key[:1].upper() + key[1:])
        if tags and tags[0][0] != "NE" and tags[0][1] > -15:
            out.add(key)
    return out


def main(argv: list[str]) -> int:
    data = Path(argv[0] if argv else "/work/shared/data")
    towns = {k for k, entries in gazetteer().items() if all(e.kind == "city" for e in entries)}
    word = collections.Counter()
    name = collections.Counter()
    for path in sorted(data.glob("ud-german-*/*.conllu")):
        for form, upos in _conllu(path):
            if form[:1].islower() or upos == "NOUN":
                word[name_key(form)] += 1
            elif upos == "PROPN":
                name[name_key(form)] += 1
    for path in sorted(data.glob("germeval2014-ner-de/*.tsv")):
        for sent in token_rows(path):
            for k, (form, tag) in enumerate(sent):
                if form[:1].islower() or (k > 0 and tag == "O" and form[:1].isupper()):
                    word[name_key(form)] += 1
                elif "LOC" in tag or "PER" in tag:
                    name[name_key(form)] += 1
    common = {k for k in towns & set(word) if word[k] > name[k]}
    common |= _hanta_words(towns)
    common = sorted(common - KEEP_AS_PLACES)
    OUT.write_text("# Town names in the gazetteer that are ordinary German words; made by\n"
                   "# training/places/common_words.py from the UD German and GermEval 2014 corpora and the HanTa\n"
                   "# lexicon, reviewed by hand.\n"
                   + "\n".join(common) + "\n", "utf-8")
    print(f"{len(common)} words -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
