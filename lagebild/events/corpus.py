"""The annotated event corpus (`shared/data/plover-events-de`): German Wikinews articles,
every sentence annotated with PLOVER events (type, alternative types, mode, trigger,
actor and recipient spans with the names they refer to, negated / hypothetical /
attributed). One JSON line per article.

An article is rebuilt as the text the pipeline reads, the title, a blank line, and the
sentences joined by spaces, and every gold span is moved to offsets into that text, so
that the pipeline's layers (its actors above all, which need the article around a
sentence) and the gold annotation meet on one set of offsets.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

DEFAULT_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "plover-events-de"


@dataclass
class Side:
    """One actor or recipient of a gold event: its text in the sentence (None when only
    the article names it) and the name it refers to."""
    text: Optional[str]
    name: Optional[str]
    start: Optional[int] = None      # offsets into the rebuilt article text
    end: Optional[int] = None


@dataclass
class GoldEvent:
    sentence: int                    # index of the sentence in the article
    types: tuple[str, ...]           # the type first, then the alternative types
    mode: Optional[str]
    trigger: tuple[int, int]         # offsets into the rebuilt article text
    trigger_text: str
    actor: list[Side]
    recipient: list[Side]
    negated: bool = False
    hypothetical: bool = False
    attributed: bool = False

    @property
    def type(self) -> str:
        return self.types[0]


@dataclass
class Article:
    id: str
    title: str
    published: Optional[str]
    text: str                                   # title, blank line, sentences
    sentences: list[tuple[int, int]]            # offsets of each annotated sentence
    events: list[GoldEvent] = field(default_factory=list)

    def sentence_at(self, offset: int) -> Optional[int]:
        for i, (s, e) in enumerate(self.sentences):
            if s <= offset < e:
                return i
        return None


def read_articles(path: Path | str) -> Iterator[Article]:
    """The articles of one split file (`train.jsonl`, `dev.jsonl`)."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield rebuild(json.loads(line))


def rebuild(raw: dict) -> Article:
    title = (raw.get("title") or "").strip()
    parts = [title, "\n\n"] if title else []
    pos = len(title) + 2 if title else 0
    sentences, events = [], []
    for k, sent in enumerate(raw["sentences"]):
        if k:
            parts.append(" ")
            pos += 1
        base = pos
        parts.append(sent["text"])
        pos += len(sent["text"])
        sentences.append((base, pos))
        for ev in sent.get("events") or []:
            events.append(_event(k, base, sent["text"], ev))
    return Article(id=str(raw.get("doc_id")), title=title, published=raw.get("published"),
                   text="".join(parts), sentences=sentences, events=events)


def _event(k: int, base: int, sentence: str, ev: dict) -> GoldEvent:
    trig = ev.get("trigger") or {}
    if isinstance(trig, str):
        trig = {"text": trig, "start": sentence.find(trig), "end": sentence.find(trig) + len(trig)}
    start = max(trig.get("start", 0), 0)
    end = max(trig.get("end", start), start)
    return GoldEvent(sentence=k, types=(ev["type"], *(t for t in ev.get("alt_types") or [] if t != ev["type"])),
                     mode=ev.get("mode"), trigger=(base + start, base + end), trigger_text=trig.get("text", ""),
                     actor=[_side(base, x) for x in ev.get("actor") or []],
                     recipient=[_side(base, x) for x in ev.get("recipient") or []],
                     negated=bool(ev.get("negated")), hypothetical=bool(ev.get("hypothetical")),
                     attributed=bool(ev.get("attributed")))


def _side(base: int, x: dict) -> Side:
    if x.get("text") is None or x.get("start") is None:
        return Side(text=x.get("text"), name=x.get("name"))
    return Side(text=x["text"], name=x.get("name"), start=base + x["start"], end=base + x["end"])
