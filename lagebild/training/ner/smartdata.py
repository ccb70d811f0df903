"""Read the DFKI SmartData corpus v3 (Schiersch et al., LREC 2018; gzip-compressed JSON
documents, one after another) into sentences with PER/LOC/ORG character spans, as extra
NER training data beside GermEval.

The mapping keeps only what is clean:
- PERSON → PER; LOCATION, LOCATION_CITY, LOCATION_STREET → LOC;
  ORGANIZATION, ORGANIZATION_COMPANY → ORG; but only mentions with at least one token
  tagged NE (proper noun). SmartData also marks common nouns ("die Gruppe" as a company,
  "Bahnhof" as a stop), which GermEval does not call names.
- Name-like mentions that do not map cleanly (LOCATION_STOP, LOCATION_ROUTE, and the
  common-noun mentions above) are ignored: the loss reads none of their pieces.
- SmartData has no MISC (GermEval OTH): its unmarked words may be MISC names (products,
  events), so sentences come back with `partial=True`, and the trainer lets an unmarked
  piece be either O or MISC.
"""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path

from .germeval import Sentence

LABEL_OF = {"PERSON": "PER", "LOCATION": "LOC", "LOCATION_CITY": "LOC", "LOCATION_STREET": "LOC",
            "ORGANIZATION": "ORG", "ORGANIZATION_COMPANY": "ORG"}
UNCLEAR = {"LOCATION_STOP", "LOCATION_ROUTE"}
PROPER_NOUN_TAGS = {"NE"}


@dataclass
class PartialSentence(Sentence):
    ignore: list[tuple[int, int]] = field(default_factory=list)   # character spans the loss skips
    partial: bool = True                                          # unmarked = O or MISC


def _documents(path: Path):
    raw = gzip.open(path, "rt", encoding="utf-8").read()
    dec, i = json.JSONDecoder(), 0
    while True:
        while i < len(raw) and raw[i].isspace():
            i += 1
        if i >= len(raw):
            return
        doc, i = dec.raw_decode(raw, i)
        yield doc


def read_smartdata(path: Path | str, sources: tuple[str, ...] = ("news", "tweet", "rss")) -> list[PartialSentence]:
    path = Path(path)
    out: list[PartialSentence] = []
    for doc in _documents(path):
        if (doc.get("refids") or {}).get("map", {}).get("source") not in sources:
            continue
        text = doc["text"]["string"]
        tokens = [(t["span"]["start"], t["span"]["end"], (t.get("posTag") or {}).get("string", ""))
                  for t in doc["tokens"]["array"]]
        names, ignore = [], []
        for c in doc["conceptMentions"]["array"]:
            s, e, typ = c["span"]["start"], c["span"]["end"], c["type"]
            if typ in LABEL_OF:
                proper = any(ts >= s and te <= e and pos in PROPER_NOUN_TAGS for ts, te, pos in tokens)
                (names if proper else ignore).append((s, e, LABEL_OF[typ]))
            elif typ in UNCLEAR:
                ignore.append((s, e, typ))
        for sent in doc["sentences"]["array"]:
            ss, se = sent["span"]["start"], sent["span"]["end"]
            stext = text[ss:se].replace("\n", " ").replace("\r", " ").replace("\t", " ")
            if not stext.strip():
                continue
            ents = sorted({(s - ss, e - ss, l) for s, e, l in names if s >= ss and e <= se})
            # overlapping names (rare): keep the first, ignore the rest
            kept, skip = [], []
            for x in ents:
                (skip if kept and x[0] < kept[-1][1] else kept).append(x)
            ign = [(s - ss, e - ss) for s, e, _ in ignore if s < se and e > ss] + [(s, e) for s, e, _ in skip]
            out.append(PartialSentence(stext, kept, f"{path.name}:{doc['id']}", ignore=ign, partial=True))
    return out
