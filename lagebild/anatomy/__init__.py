"""Article anatomy: cut a scraped news text into title, dateline, lead, headings,
captions with credits, byline/sign-off, page clutter and body paragraphs.

The recognisers are the patterns in `patterns.yaml`; this module only decides in which
order they are tried and how lines group into blocks. HTML input arrives with its blocks
already set by `anatomy.html`, and only gets its summary fields filled here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Optional


from ..document import Anatomy, Block, Caption, Document
from ..datafiles import read_yaml


@dataclass(frozen=True)
class Patterns:
    dateline: re.Pattern
    credit: tuple[re.Pattern, ...]
    agency_credit: re.Pattern
    byline: tuple[re.Pattern, ...]
    signoff: re.Pattern
    signoff_agency: re.Pattern
    boilerplate: tuple[re.Pattern, ...]
    heading_max_words: int
    heading_max_chars: int
    heading_bad_end: str
    title_max_words: int
    title_max_chars: int


@cache
def patterns() -> Patterns:
    p = read_yaml(Path(__file__).parent / "patterns.yaml")
    credits = [re.compile(c, re.I | re.M) for c in p["credit"]]
    return Patterns(
        dateline=re.compile(p["dateline"], re.X),  # folded YAML: spaces are layout
        credit=tuple(credits[:-1]),
        agency_credit=credits[-1],
        byline=tuple(re.compile(b) for b in p["byline"]),
        signoff=re.compile(p["signoff"]),
        signoff_agency=re.compile(p["signoff_agency"]),
        boilerplate=tuple(re.compile(b, re.I) for b in p["boilerplate"]),
        heading_max_words=p["heading_max_words"], heading_max_chars=p["heading_max_chars"],
        heading_bad_end=p["heading_bad_end"],
        title_max_words=p["title_max_words"], title_max_chars=p["title_max_chars"],
    )


@dataclass
class Unit:
    """A run of lines that belong together, before it gets its role."""
    start: int
    end: int
    kind: str = "text"          # text | caption | caption_dup | credit | byline | boilerplate
    lines: int = 1
    author: Optional[str] = None
    para: int = 0               # index of the paragraph it came from
    blocks: list[Block] = field(default_factory=list)


_PARA = re.compile(r"\n[ \t\u00a0]*\n")


def _paragraphs(text: str) -> list[list[tuple[int, int]]]:
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
            ls, le = _trim(text, s + m.start(), s + m.end())
            if ls < le:
                lines.append((ls, le))
        if lines:
            paras.append(lines)
    # text with one line per paragraph and no blank lines between them
    if len(paras) <= 2 and sum(len(p) for p in paras) > 6:
        paras = [[line] for p in paras for line in p]
    return paras


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().casefold()


def _credit_start(text: str, s: int, e: int, caption_context: bool) -> Optional[int]:
    """Where the credit (with its marker: "©", "Foto:", …) starts inside the line, or None."""
    line = text[s:e]
    pats = list(patterns().credit) + ([patterns().agency_credit] if caption_context else [])
    for pat in pats:
        m = pat.search(line)
        if m:
            marker = m.start()
            while marker < len(line) and line[marker].isspace():
                marker += 1
            return s + marker
    return None


def _split_units(text: str) -> list[Unit]:
    P = patterns()
    lines = [(s, e, pi) for pi, para in enumerate(_paragraphs(text)) for s, e in para]
    kinds: list[Optional[Unit]] = [None] * len(lines)
    for i, (s, e, pi) in enumerate(lines):
        line = text[s:e]
        if kinds[i] is not None:
            continue
        if len(line) < 300 and any(b.search(line) for b in P.boilerplate):
            kinds[i] = Unit(s, e, "boilerplate", para=pi)
            continue
        m = next((b.match(line) for b in P.byline if b.match(line)), None)
        if m and len(line) < 160:
            kinds[i] = Unit(s, e, "byline", author=m.group("author"), para=pi)
            continue
        # a caption printed twice (on the next line, or after a blank line): the second
        # copy usually carries the credit
        if i + 1 < len(lines):
            ns, ne, npi = lines[i + 1]
            nxt = text[ns:ne]
            if len(line) > 15 and _norm(nxt).startswith(_norm(line)):
                kinds[i] = Unit(s, e, "caption", para=pi)
                cr = _credit_start(text, ns + len(line), ne, True) if len(nxt) > len(line) else None
                kinds[i + 1] = Unit(ns, ne, "caption_dup", para=npi)
                if cr is not None:
                    kinds[i + 1].end = cr
                    kinds[i + 1].blocks = [Block(start=cr, end=ne, role="credit")]
                continue
        short = len(line.split()) <= 40
        multi = (i > 0 and lines[i - 1][2] == pi) or (i + 1 < len(lines) and lines[i + 1][2] == pi)
        cr = _credit_start(text, s, e, caption_context=short and multi)
        if cr is not None and (short or text[cr] == "©"):
            cap_end = _trim(text, s, cr)[1]
            if cap_end <= s:  # the line is only a credit
                kinds[i] = Unit(s, e, "credit", para=pi)
            else:
                kinds[i] = Unit(s, cap_end, "caption", para=pi,
                                blocks=[Block(start=cr, end=e, role="credit")])
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
    return units


def split_dateline(text: str, start: int, end: int) -> Optional[tuple[Block, Block]]:
    """(dateline, lead) blocks when text[start:end] opens with a dateline, else None."""
    m = patterns().dateline.match(text[start:end])
    if not m:
        return None
    sep_end = start + m.end("sep")
    lead_start = _trim(text, sep_end, end)[0]
    if lead_start >= end:
        return None
    return (Block(start=start, end=_trim(text, start, sep_end)[1], role="dateline"),
            Block(start=lead_start, end=end, role="lead"))


def _is_heading(text: str, u: Unit, nxt: Optional[Unit]) -> bool:
    P = patterns()
    line = text[u.start:u.end]
    if u.kind != "text" or u.lines != 1 or nxt is None or nxt.kind != "text":
        return False
    if len(line) > P.heading_max_chars or len(line.split()) > P.heading_max_words:
        return False
    if line[-1] in P.heading_bad_end or not (line[0].isupper() or line[0].isdigit() or line[0] in "„»\""):
        return False
    # a heading is followed by a longer paragraph, not by another short line
    return len(text[nxt.start:nxt.end]) > len(line)


def find_blocks(text: str) -> tuple[list[Block], Optional[str]]:
    """The typed blocks of a plain-text article, in order, and the author if named."""
    P = patterns()
    units = _split_units(text)
    texts = [i for i, u in enumerate(units) if u.kind == "text"]
    roles: dict[int, str] = {}
    author: Optional[str] = next((u.author for u in units if u.kind == "byline" and u.author), None)
    extra: dict[int, list[Block]] = {}

    # title: a short first line with no dateline in it
    if texts and len(texts) > 1:
        u = units[texts[0]]
        line = text[u.start:u.end]
        if (texts[0] == 0 or all(units[j].kind in ("boilerplate",) for j in range(texts[0]))) and u.lines == 1 \
                and len(line) <= P.title_max_chars and len(line.split()) <= P.title_max_words \
                and not line.endswith(".") and not P.dateline.match(line):
            roles[texts[0]] = "title"

    # dateline + lead: the first paragraph after the title that opens with a dateline,
    # or the paragraph that a byline follows
    rest = [i for i in texts if i not in roles][:2]
    if rest:
        i = rest[0]
        u = units[i]
        split = split_dateline(text, u.start, u.end)
        if split:
            extra[i] = list(split)
            roles[i] = "lead"
        elif i + 1 < len(units) and units[i + 1].kind == "byline" and "title" in roles.values():
            roles[i] = "lead"

    # headings: short bare lines followed by a longer paragraph
    for i in texts:
        if i in roles:
            continue
        nxt = units[i + 1] if i + 1 < len(units) else None
        if _is_heading(text, units[i], nxt):
            roles[i] = "heading"

    # sign-off at the end of the last body paragraph: "(Michael Backfisch)"
    body = [i for i in texts if i not in roles]
    if body:
        i = body[-1]
        u = units[i]
        para = text[u.start:u.end]
        m = P.signoff.search(para) or P.signoff_agency.search(para)
        if m and m.start() > 0:
            so_start = u.start + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            extra[i] = [Block(start=u.start, end=_trim(text, u.start, u.start + m.start())[1], role="body"),
                        Block(start=so_start, end=u.end, role="byline")]
            if "author" in m.groupdict() and m.group("author"):
                author = author or m.group("author")

    blocks: list[Block] = []
    for i, u in enumerate(units):
        if i in extra:
            blocks.extend(extra[i])
            continue
        if u.kind == "text":
            blocks.append(Block(start=u.start, end=u.end, role=roles.get(i, "body")))
        elif u.kind == "caption_dup":
            if u.end > u.start:
                blocks.append(Block(start=u.start, end=_trim(text, u.start, u.end)[1], role="caption", duplicate=True))
        else:
            blocks.append(Block(start=u.start, end=u.end, role=u.kind))
        blocks.extend(u.blocks)
    return [b for b in blocks if b.end > b.start], author


def summarise(text: str, blocks: list[Block], author: Optional[str] = None) -> Anatomy:
    """The summary fields of Anatomy from its blocks."""
    def first(role: str) -> Optional[str]:
        return next((text[b.start:b.end] for b in blocks if b.role == role), None)

    captions: list[Caption] = []
    for b in blocks:
        if b.role == "caption" and not b.duplicate:
            captions.append(Caption(text=text[b.start:b.end], start=b.start, end=b.end))
        elif b.role == "credit":
            credit = re.sub(r"^(?:©|\(?\s*(?:Foto|Fotos|Bild|Grafik|Quelle|Credit|Bildquelle|Illustration)\s*:)\s*", "",
                            text[b.start:b.end]).rstrip(")").strip()
            if captions and captions[-1].credit is None:
                captions[-1].credit = credit
            else:
                captions.append(Caption(text="", credit=credit))
    dateline = first("dateline")
    if dateline:
        # the place alone: without the date, the agency and the separator
        dateline = re.sub(r"\s*(?:,\s*[^,(/]+)?\s*(?:\([^)]*\))?\s*[.–—:-]?\s*$", "", dateline).strip()
    return Anatomy(
        blocks=blocks, title=first("title"), dateline=dateline, lead=first("lead"),
        headings=[text[b.start:b.end] for b in blocks if b.role == "heading"],
        captions=captions, author=author,
    )


def add_anatomy(doc: Document) -> None:
    """Write doc.anatomy (blocks and summary). Blocks set by the HTML reader are kept."""
    if doc.anatomy.blocks:
        doc.anatomy = summarise(doc.text, doc.anatomy.blocks, doc.anatomy.author)
        return
    blocks, author = find_blocks(doc.text)
    doc.anatomy = summarise(doc.text, blocks, author)
