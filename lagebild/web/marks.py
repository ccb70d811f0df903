"""An article's text with everything lagebild found marked in it, from the offsets of the
document JSON: entities, actor mentions, quotes (content, speaker, cue), times, places and
event triggers. Spans may overlap (a quote holds actors, times and triggers; an entity
is an actor mention), which displaCy cannot draw; here the text is cut at every span
boundary and each piece carries every item that covers it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Iterator


@dataclass
class Mark:
    key: str              # "ent3", "a1", "q2", "q2-speaker", "t0", "p1", "e4"
    layer: str            # entity | actor | quote | speaker | cue | time | place | trigger
    start: int
    end: int
    css: str              # classes for the piece of text
    details: dict


@dataclass
class Piece:
    start: int
    end: int
    marks: list[Mark] = field(default_factory=list)


def marks_of(doc: dict) -> list[Mark]:
    """Every marked span of a document (the contract's JSON)."""
    marks = [Mark(f"ent{i}", "entity", e["start"], e["end"], f"ent ent-{e['label']}", e)
             for i, e in enumerate(doc.get("entities", []))]
    for actor in doc.get("actors", []):
        details = {k: actor.get(k) for k in ("id", "name", "kind", "country", "sector", "wikidata")}
        marks += [Mark(actor["id"], "actor", m["start"], m["end"], "actor", details) for m in actor["mentions"]]
    for quote in doc.get("quotes", []):
        marks += _quote_marks(quote)
    marks += [Mark(f"t{i}", "time", t["start"], t["end"], "time", t) for i, t in enumerate(doc.get("times", []))]
    marks += [Mark(f"p{i}", "place", p["start"], p["end"], "place", p) for i, p in enumerate(doc.get("places", []))]
    names = {a["id"]: a["name"] for a in doc.get("actors", [])}
    for event in doc.get("events", []):
        trigger = event["trigger"]
        details = {k: v for k, v in event.items() if k not in ("trigger", "sentence")}
        details |= {"trigger": trigger["text"], "source": [names.get(a, a) for a in event.get("source", [])],
                    "target": [names.get(a, a) for a in event.get("target", [])]}
        marks.append(Mark(event["id"], "trigger", trigger["start"], trigger["end"], f"trigger quad-{_quad(event)}",
                          details))
    return [m for m in marks if 0 <= m.start < m.end]


def _quote_marks(quote: dict) -> list[Mark]:
    details = {k: quote.get(k) for k in ("id", "type", "medium", "text")}
    details["speaker"] = (quote.get("speaker") or {}).get("text")
    details["cue"] = (quote.get("cue") or {}).get("text")
    marks = [Mark(quote["id"], "quote", s["start"], s["end"], f"quote quote-{quote['type']}", details)
             for s in quote["spans"]]
    for role in ("speaker", "cue"):
        part = quote.get(role)
        if part:
            marks += [Mark(f"{quote['id']}-{role}", role, s["start"], s["end"], role,
                           {"quote": quote["id"], role: part["text"]}) for s in part["spans"]]
    return marks


def _quad(event: dict) -> int:
    from ..plover import quad_code
    return quad_code(event["type"]) or 0


def pieces(text: str, marks: list[Mark]) -> Iterator[Piece]:
    """The text cut at every mark boundary, each piece with the marks covering it (a sweep
    over the sorted boundaries: linear in text and marks, not their product)."""
    bounds = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starting: dict[int, list[Mark]] = {}
    for m in marks:
        starting.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    for a, b in zip(bounds, bounds[1:]):
        active = [m for m in active if m.end > a] + starting.get(a, [])
        yield Piece(a, b, list(active))


def render(doc: dict) -> tuple[str, dict]:
    """The marked text as HTML, and the details of every mark by key (for the side panel)."""
    text = doc["text"]
    marks = marks_of(doc)
    parts = []
    for piece in pieces(text, marks):
        chunk = escape(text[piece.start:piece.end])
        if not piece.marks:
            parts.append(chunk)
            continue
        css = " ".join(dict.fromkeys(c for m in piece.marks for c in m.css.split()))
        keys = " ".join(dict.fromkeys(m.key for m in piece.marks))
        parts.append(f'<span class="m {css}" data-marks="{escape(keys)}" tabindex="0">{chunk}</span>')
    details = {m.key: {"layer": m.layer, **m.details} for m in marks}
    return "".join(parts), details
