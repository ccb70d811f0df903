"""A readable plain-text summary of a Document for a person (`--format text`)."""
from __future__ import annotations

import textwrap

from .document import Document


def _short(s: str, n: int = 90) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def text_report(doc: Document) -> str:
    a = doc.anatomy
    out: list[str] = []
    add = out.append
    add(f"Title:     {a.title or '—'}")
    page = f" (the page: {a.published})" if a.published and a.published != doc.published else ""
    add(f"Published: {doc.published or '—'}{page}    Dateline: {a.dateline or '—'}    Author: {a.author or '—'}")
    if a.lead:
        add("Lead:      " + textwrap.shorten(a.lead, 200))
    for h in a.headings:
        add(f"Heading:   {h}")
    for c in a.captions:
        add(f"Caption:   {_short(c.text, 80)}" + (f"  [© {c.credit}]" if c.credit else ""))
    body = [b for b in a.blocks if b.role == "body"]
    add(f"Body:      {len(body)} paragraphs, {len(doc.sentences)} sentences, {len(doc.tokens)} tokens")
    add("")
    add(f"Blocks ({len(a.blocks)}): role, confidence, what it was read from")
    for b in a.blocks:
        conf = f"{b.confidence:.2f}" if b.confidence is not None else "  – "
        add(f"  {b.role:11} {conf} {(b.evidence or ''):18} {_short(doc.text[b.start:b.end], 70)}")

    def section(title: str, rows: list[str]) -> None:
        if rows:
            add("")
            add(f"{title} ({len(rows)})")
            out.extend("  " + r for r in rows)

    section("Entities", [f"{e.label:4} {e.text}" for e in doc.entities])
    section("Actors", [f"{x.id:4} {x.name} [{x.kind}, {x.country or '?'}/{x.sector or '?'}] "
                       f"× {len(x.mentions)}: " + _short(", ".join(sorted({m.text for m in x.mentions})), 60)
                       for x in doc.actors])
    section("Quotes", [f"{q.id:4} {q.type:9} {(q.speaker.text if q.speaker else '?')}: "
                       f"{_short(q.text, 70)}" + (f"  (cue: {q.cue.text})" if q.cue else "")
                       for q in doc.quotes])
    section("Times", [f"{t.type:8} {t.text} → {t.value}" for t in doc.times])
    section("Places", [f"{p.text} → {p.name or '?'} ({p.country or '—'})"
                       + (f" {p.lat:.2f},{p.lon:.2f}" if p.lat is not None else "") for p in doc.places])
    names = {x.id: x.name for x in doc.actors}
    section("Events", [f"{e.id:4} {e.type}{'/' + e.mode if e.mode else ''} "
                       f"{'+'.join(names.get(s, s) for s in e.source) or '?'} → "
                       f"{'+'.join(names.get(t, t) for t in e.target) or '—'}"
                       f"{' [negated]' if e.negated else ''}{' [hypothetical]' if e.hypothetical else ''}"
                       f" {e.date or ''} {e.place or ''} «{e.trigger.text}»" for e in doc.events])
    return "\n".join(out)
