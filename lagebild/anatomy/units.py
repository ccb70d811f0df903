"""Lines of a plain-text article grouped into units (paragraphs, captions, credits,
bylines, page clutter) before the units get their roles."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..document import Block
from .recognisers import patterns, published_in


@dataclass
class Unit:
    """A run of lines that belong together, before it gets its role."""
    start: int
    end: int
    kind: str = "text"          # text | caption | caption_dup | credit | byline | boilerplate
    lines: int = 1
    author: Optional[str] = None
    published: Optional[str] = None  # ISO date (and time) a byline or date line states
    evidence: str = "paragraph"      # what its role was read from (see `confidence` in patterns.yaml)
    para: int = 0               # index of the paragraph it came from
    blocks: list[Block] = field(default_factory=list)


_PARA = re.compile(r"\n[ \t\u00a0]*\n")


def paragraphs(text: str) -> list[list[tuple[int, int]]]:
    """Paragraphs as lists of (start, end) line spans, whitespace trimmed."""
    paras: list[list[tuple[int, int]]] = []
    pos = 0
    chunks = []
    for m in _PARA.finditer(text):
        chunks.append((pos, m.start()))
        pos = m.end()
    chunks.append((pos, len(text)))
    for s, e in chunks:
        lines = []
        for m in re.finditer(r"[^\n]+", text[s:e]):
            ls, le = trim(text, s + m.start(), s + m.end())
            if ls < le:
                lines.append((ls, le))
        if lines:
            paras.append(lines)
    # text with one line per paragraph and no blank lines between them
    if len(paras) <= 2 and sum(len(p) for p in paras) > 6:
        paras = [[line] for p in paras for line in p]
    return paras


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().casefold()


def credit_start(text: str, s: int, e: int, caption_context: bool) -> Optional[int]:
    """Where the credit (with its marker: "©", "Foto:", …) starts inside the line, or None.
    Credits that end ordinary sentences too are tried only in `caption_context`."""
    line = text[s:e]
    P = patterns()
    for pat in P.credit + (P.credit_in_caption if caption_context else ()):
        m = pat.search(line)
        if m:
            marker = m.start()
            while marker < len(line) and line[marker].isspace():
                marker += 1
            return s + marker
    return None


def caption_unit(text: str, s: int, e: int, para: int, caption_context: bool = True,
                 evidence: str = "page head") -> Unit:
    """A caption line, its credit (if any) split off as a credit block."""
    cr = credit_start(text, s, e, caption_context)
    if cr is None:
        return Unit(s, e, "caption", para=para, evidence=evidence)
    cap_end = trim(text, s, cr)[1]
    if cap_end <= s:  # the line is only a credit
        return Unit(s, e, "credit", para=para, evidence="credit mark")
    return Unit(s, cap_end, "caption", para=para, evidence="credit",
                blocks=[Block(start=cr, end=e, role="credit", evidence="credit mark")])


def _byline(line: str, s: int, e: int, para: int) -> Optional[Unit]:
    """A byline ("Von A und B | 28.04.2023, 00:00 Uhr", "Von Michael Backfisch") or a line
    that only says when the article was published ("Stand: 12.12.2025, 05:07 Uhr")."""
    P = patterns()
    m = P.byline_dated.match(line)
    if m and (when := published_in(m.group("when"))):
        return Unit(s, e, "byline", author=m.group("author").strip(), published=when, para=para,
                    evidence="dated byline")
    m = next((b.match(line) for b in P.byline if b.match(line)), None)
    if m and len(line) < 160:
        return Unit(s, e, "byline", author=m.group("author"), para=para, evidence="byline")
    if len(line) < 80 and (when := published_in(line)):
        return Unit(s, e, "byline", published=when, para=para, evidence="date line")
    return None


def split_units(text: str) -> list[Unit]:
    P = patterns()
    lines = [(s, e, pi) for pi, para in enumerate(paragraphs(text)) for s, e in para]
    kinds: list[Optional[Unit]] = [None] * len(lines)
    for i, (s, e, pi) in enumerate(lines):
        line = text[s:e]
        if kinds[i] is not None:
            continue
        if len(line) < 300 and any(b.search(line) for b in P.boilerplate):
            kinds[i] = Unit(s, e, "boilerplate", para=pi, evidence="pattern")
            continue
        if (by := _byline(line, s, e, pi)) is not None:
            kinds[i] = by
            continue
        # a caption printed twice (on the next line, or after a blank line): the second
        # copy usually carries the credit
        if i + 1 < len(lines):
            ns, ne, npi = lines[i + 1]
            nxt = text[ns:ne]
            if len(line) > 15 and _norm(nxt).startswith(_norm(line)):
                kinds[i] = Unit(s, e, "caption", para=pi, evidence="printed twice")
                cr = credit_start(text, ns + len(line), ne, True) if len(nxt) > len(line) else None
                kinds[i + 1] = Unit(ns, ne, "caption_dup", para=npi, evidence="printed twice")
                if cr is not None:
                    kinds[i + 1].end = cr
                    kinds[i + 1].blocks = [Block(start=cr, end=ne, role="credit", evidence="credit mark")]
                continue
        short = len(line.split()) <= 40
        multi = (i > 0 and lines[i - 1][2] == pi) or (i + 1 < len(lines) and lines[i + 1][2] == pi)
        cr = credit_start(text, s, e, caption_context=short and multi)
        if cr is not None and (short or text[cr] == "©"):
            kinds[i] = caption_unit(text, s, e, pi, caption_context=short and multi)
    # consecutive ordinary lines of one paragraph stay one block
    units: list[Unit] = []
    run: Optional[Unit] = None
    for (s, e, pi), u in zip(lines, kinds):
        if u is not None:
            run = None
            units.append(u)
        elif run is not None and run.para == pi:
            run.end, run.lines = e, run.lines + 1
        else:
            run = Unit(s, e, "text", para=pi)
            units.append(run)
    _captions_before_credits(text, units)
    return units


def _captions_before_credits(text: str, units: list[Unit]) -> None:
    """A credit on a line of its own ("Foto: dpa") makes the short line before it a caption."""
    for before, u in zip(units, units[1:]):
        if u.kind == "credit" and before.kind == "text" and before.lines == 1 \
                and len(text[before.start:before.end].split()) <= 40:
            before.kind, before.evidence = "caption", "credit below"
