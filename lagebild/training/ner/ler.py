"""Read the German Legal Entity Recognition dataset (LER; Leitner, Rehm, Moreno-Schneider,
SEMANTiCS 2019: federal court decisions, "token TAG" lines, IOB2, 19 fine-grained types)
into sentences with PER/LOC/ORG character spans, as extra NER training data beside
GermEval.

Mapping to GermEval's types:
- PER (person), RR (judge), AN (lawyer) → PER;
- LD (country), ST (city), STR (street), LDS (landscape) → LOC;
- ORG, UN (company), INN (institution), GRT (court) → ORG.
Norms, laws, ordinances, contracts, court decisions, literature and brands (GS, VO, EUN,
VS, VT, RS, LIT, MRK) have no clean GermEval counterpart (GermEval calls some titles OTH,
"§ 5 Abs. 2 BGB" nothing): the loss ignores their pieces. LER has no MISC, so sentences come
back with `partial=True` (an unmarked piece may be O or MISC), as SmartData's do.
Anonymised parties ("A", "K.") are ignored too. Only sentences with at least one mapped name are kept (court decisions are mostly
citations and argument), the first `limit` of them in file order.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from .germeval import detokenize
from .smartdata import PartialSentence

LABEL_OF = {"PER": "PER", "RR": "PER", "AN": "PER",
            "LD": "LOC", "ST": "LOC", "STR": "LOC", "LDS": "LOC",
            "ORG": "ORG", "UN": "ORG", "INN": "ORG", "GRT": "ORG"}
IGNORED = {"GS", "VO", "EUN", "VS", "VT", "RS", "LIT", "MRK"}


def _spans(tags: list[str], spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, LER type) of each IOB2 chunk."""
    out, cur = [], None
    for tag, (s, e) in zip(tags, spans):
        bio, _, typ = tag.partition("-")
        if bio == "I" and cur and cur[2] == typ:
            cur[1] = e
            continue
        if cur:
            out.append(tuple(cur))
        cur = [s, e, typ] if bio in ("B", "I") else None
    if cur:
        out.append(tuple(cur))
    return out


def read_ler(path: Path | str, limit: Optional[int] = None, every: int = 1) -> list[PartialSentence]:
    """Sentences with a name; `every` keeps every k-th of them (a subset spread over the
    whole file, which is in court order), `limit` the first n after that."""
    path = Path(path)
    seen = 0
    out: list[PartialSentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    first = 0

    def flush() -> None:
        nonlocal seen
        if tokens:
            text, spans = detokenize(tokens)
            chunks = _spans(tags, spans)
            # anonymised parties ("A bestreite …", "Herr K.") are no names in news: ignored
            clean = [(s, e, t) for s, e, t in chunks if t in LABEL_OF and len(text[s:e].rstrip(".")) > 1]
            names = [(s, e, LABEL_OF[t]) for s, e, t in clean]
            seen += names != []
            if names and (seen - 1) % every == 0:
                ignore = [(s, e) for s, e, t in chunks if (s, e, t) not in clean]
                out.append(PartialSentence(text, names, f"{path.name}:{first}", ignore=ignore, partial=True))
        tokens.clear(); tags.clear()

    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            parts = line.split()
            if not parts:
                flush(); first = n + 1
                if limit and len(out) >= limit:
                    break
                continue
            tokens.append(parts[0]); tags.append(parts[-1])
    flush()
    return out[:limit] if limit else out
