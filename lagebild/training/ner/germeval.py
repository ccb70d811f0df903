"""Read GermEval 2014 NER (tab-separated: id, token, outer tag, nested tag; '#' lines
name the source; a blank line ends a sentence) into sentences with character spans.

Labels: PER, LOC, ORG, and MISC for GermEval's OTH. The *deriv (e.g. "russische",
LOCderiv) and *part tags (e.g. "EU-Außenminister", ORGpart) become O: they are not
names of an entity but words derived from or containing one, and lagebild's entities
are names (the dev gold lists such words at most as optional). Only the outer level is
used.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

LABEL_OF = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "OTH": "MISC"}

# no space before these tokens, none after the opening ones, when rebuilding the text
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "…"}
NO_SPACE_AFTER = {"(", "[", "{"}


@dataclass
class Sentence:
    text: str
    entities: list[tuple[int, int, str]]   # (start, end, label) character spans
    source: str                            # file:line of the sentence


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Text with news-like spacing, and each token's span in it."""
    parts, spans, pos = [], [], 0
    for i, tok in enumerate(tokens):
        if i and tok not in NO_SPACE_BEFORE and tokens[i - 1] not in NO_SPACE_AFTER:
            parts.append(" "); pos += 1
        spans.append((pos, pos + len(tok)))
        parts.append(tok); pos += len(tok)
    return "".join(parts), spans


def _entities(tags: list[str], spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    out, cur = [], None
    for tag, (s, e) in zip(tags, spans):
        bio, _, typ = tag.partition("-")
        label = LABEL_OF.get(typ)             # deriv/part types are not in LABEL_OF → O
        if label is None or bio == "O":
            if cur: out.append(tuple(cur)); cur = None
            continue
        if bio == "B" or cur is None or cur[2] != label:
            if cur: out.append(tuple(cur))
            cur = [s, e, label]
        else:
            cur[1] = e
    if cur:
        out.append(tuple(cur))
    return out


def token_rows(path: Path | str):
    """The file's sentences as lists of (token, outer tag), for builders that want the
    words rather than spans (the places' common words, the word layer's stored analyses)."""
    sent: list[tuple[str, str]] = []
    for line in Path(path).read_text("utf-8").splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if sent:
                yield sent
            sent = []
            continue
        cols = line.split("\t")
        sent.append((cols[1], cols[2]))
    if sent:
        yield sent


def read_germeval(path: Path | str) -> list[Sentence]:
    path = Path(path)
    out: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    first = 0

    def flush():
        if tokens:
            text, spans = detokenize(tokens)
            out.append(Sentence(text, _entities(tags, spans), f"{path.name}:{first}"))
        tokens.clear(); tags.clear()

    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if line.startswith("#"):
                flush(); first = n
                continue
            if not line.strip():
                flush()
                continue
            cols = line.split("\t")
            tokens.append(cols[1]); tags.append(cols[2])
    flush()
    return out
