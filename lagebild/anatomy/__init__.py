"""Article anatomy: cut a scraped news text into title, dateline, lead, headings,
captions with credits, byline/sign-off, page clutter and body paragraphs.

The recognisers are the patterns in `patterns.yaml` (`recognisers.py`); lines are grouped
into units in `units.py`; this module decides which unit plays which role. HTML input
arrives with its blocks already set by `anatomy.html`, and only gets its summary fields
filled here.

The head of a page, between the title and a byline or date line ("Von A | 28.04.2023,
00:00 Uhr"), is read as news sites lay it out: the first paragraph is the lead, a list
that follows a line ending in a colon ("In Kürze:") belongs to the lead, and any other
paragraph there is the caption of the page's picture.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..document import Anatomy, Block, Caption, Document
from .recognisers import patterns
from .units import Unit, caption_unit, split_units, trim

__all__ = ["Cut", "add_anatomy", "find_blocks", "patterns", "split_dateline", "summarise", "with_confidence"]

# a byline further down than this many units is not the end of the page's head
HEAD_MAX_UNITS = 12


@dataclass
class Cut:
    """The typed blocks of a plain-text article, in order, and what its byline says."""
    blocks: list[Block]
    author: Optional[str] = None
    published: Optional[str] = None


def split_dateline(text: str, start: int, end: int) -> Optional[tuple[Block, Block]]:
    """(dateline, lead) blocks when text[start:end] opens with a dateline, else None."""
    m = patterns().dateline.match(text[start:end])
    if not m:
        return None
    if m.group("sep").startswith(".") and not m.group("agency") and not m.group("place").isupper():
        return None  # "BERLIN. Die …" is a dateline, "Papst Benedikt XVI. will …" is not
    sep_end = start + m.end("sep")
    lead_start = trim(text, sep_end, end)[0]
    if lead_start >= end:
        return None
    return (Block(start=start, end=trim(text, start, sep_end)[1], role="dateline", evidence="dateline"),
            Block(start=lead_start, end=end, role="lead", evidence="dateline"))


def _is_title(text: str, units: list[Unit], i: int) -> bool:
    """A short first line with no sentence (or dateline and lead) in it."""
    P = patterns()
    u = units[i]
    line = text[u.start:u.end]
    if u.lines != 1 or any(units[j].kind != "boilerplate" for j in range(i)):
        return False
    if len(line) > P.title_max_chars or len(line.split()) > P.title_max_words or line.endswith("."):
        return False
    m = P.dateline.match(line)
    # "Rückschlag im Titelkampf - Liverpool verliert bei Everton" is a title; a dateline
    # opens a lead, which runs on for a sentence or more
    return not m or len(line[m.end():].split()) <= 12


def _next_text(units: list[Unit], i: int) -> Optional[Unit]:
    """The next unit after i that is not a picture's caption or credit or page clutter."""
    for u in units[i + 1:]:
        if u.kind not in ("caption", "caption_dup", "credit", "boilerplate"):
            return u
    return None


def _is_heading(text: str, u: Unit, nxt: Optional[Unit]) -> bool:
    P = patterns()
    line = text[u.start:u.end]
    if u.kind != "text" or u.lines != 1 or nxt is None or nxt.kind != "text":
        return False
    words = len(line.split())
    ticker = P.heading_ticker.match(line) is not None
    if len(line) > (P.heading_max_chars * 2 if ticker else P.heading_max_chars) \
            or words > (P.heading_ticker_max_words if ticker else P.heading_max_words):
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "„»\"«“"):
        return False
    end = line[-1]
    closing_quote = end in "“”»«\"" and len(line) > 1 and line[-2] not in ".!?,;:"
    colon = end == ":" and words <= P.heading_colon_max_words
    day = P.heading_day.match(line) is not None
    if end in P.heading_bad_end and not (closing_quote or colon or day):
        return False
    # a heading is followed by a longer paragraph, not by another short line
    return len(text[nxt.start:nxt.end]) > len(line)


def _names_byline_author(text: str, units: list[Unit], i: int) -> bool:
    """An author's name alone on the line before the byline that names the author."""
    u = units[i]
    line = " ".join(text[u.start:u.end].split())
    nxt = units[i + 1] if i + 1 < len(units) else None
    return (u.lines == 1 and nxt is not None and nxt.kind == "byline" and bool(nxt.author)
            and len(line.split()) <= 6 and line.casefold() in " ".join(nxt.author.split()).casefold())


def _head(text: str, units: list[Unit], texts: list[int], roles: dict[int, str],
          extra: dict[int, list[Block]], changed: dict[int, Unit]) -> None:
    """Dateline, lead and the page's own picture between the title and the byline."""
    first = next((i for i in texts if i not in roles), None)
    if first is None:
        return
    byline = next((i for i in range(first, min(len(units), first + HEAD_MAX_UNITS))
                   if units[i].kind == "byline"), None)
    if byline is not None and not any(units[j].kind == "text" for j in range(byline + 1, len(units))):
        byline = None  # a sign-off at the end, not the end of the head
    split = split_dateline(text, units[first].start, units[first].end)
    if split:
        extra[first] = list(split)
        roles[first] = "lead"
    elif byline is not None and "title" in roles.values():
        roles[first], units[first].evidence = "lead", "page head"
    if byline is None or roles.get(first) != "lead":
        return
    listing = text[units[first].start:units[first].end].rstrip().endswith(":")
    for i in range(first + 1, byline):
        u = units[i]
        if u.kind != "text" or _names_byline_author(text, units, i):
            continue
        if listing:
            roles[i], u.evidence = "lead", "teaser list"      # "In Kürze:" and the points that follow it
        else:
            line = text[u.start:u.end].rstrip()
            if line.endswith(":"):
                listing = True
                roles[i], u.evidence = "lead", "teaser list"
            else:
                changed[i] = caption_unit(text, u.start, u.end, u.para)


def _signoff(text: str, u: Unit) -> Optional[tuple[list[Block], Optional[str]]]:
    """A sign-off at the end of the last body paragraph: "(Michael Backfisch)", "(dpa)"."""
    P = patterns()
    para = text[u.start:u.end]
    m = P.signoff.search(para) or P.signoff_agency.search(para)
    if not m or m.start() == 0:
        return None
    so_start = u.start + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
    blocks = [Block(start=u.start, end=trim(text, u.start, u.start + m.start())[1], role="body", evidence="paragraph"),
              Block(start=so_start, end=u.end, role="byline", evidence="sign-off")]
    return blocks, (m.group("author") if "author" in m.groupdict() else None)


def _assemble(text: str, units: list[Unit], roles: dict[int, str], extra: dict[int, list[Block]]) -> list[Block]:
    blocks: list[Block] = []
    for i, u in enumerate(units):
        if i in extra:
            blocks.extend(extra[i])
            continue
        if u.kind == "text":
            blocks.append(Block(start=u.start, end=u.end, role=roles.get(i, "body"), evidence=u.evidence))
        elif u.kind == "caption_dup":
            if u.end > u.start:
                blocks.append(Block(start=u.start, end=trim(text, u.start, u.end)[1], role="caption", duplicate=True,
                                    evidence=u.evidence))
        else:
            blocks.append(Block(start=u.start, end=u.end, role=u.kind, evidence=u.evidence))
        blocks.extend(u.blocks)
    return [with_confidence(b) for b in blocks if b.end > b.start]


def with_confidence(block: Block) -> Block:
    """The block with the confidence its role and evidence have in `patterns.yaml`."""
    table = patterns().confidence
    block.confidence = table.get(f"{block.role}/{block.evidence}", table.get(block.role, table["default"]))
    return block


def _heading_kind(line: str) -> str:
    P = patterns()
    if P.heading_ticker.match(line):
        return "ticker entry"
    if P.heading_day.match(line):
        return "ticker day"
    return "short line"


def find_blocks(text: str) -> Cut:
    """The typed blocks of a plain-text article, in order, with the author and the
    publication date its byline or date line names."""
    units = split_units(text)
    texts = [i for i, u in enumerate(units) if u.kind == "text"]
    roles: dict[int, str] = {}
    extra: dict[int, list[Block]] = {}
    bylines = [u for u in units if u.kind == "byline"]
    author = next((u.author for u in bylines if u.author), None)
    published = next((u.published for u in bylines if u.published), None)

    if len(texts) > 1 and _is_title(text, units, texts[0]):
        roles[texts[0]], units[texts[0]].evidence = "title", "first line"
    changed: dict[int, Unit] = {}
    _head(text, units, texts, roles, extra, changed)
    for i, u in changed.items():
        units[i] = u
    texts = [i for i in texts if i not in changed]

    for i in texts:
        if i in roles:
            continue
        if _names_byline_author(text, units, i):
            roles[i], units[i].evidence = "byline", "author's name"
        elif _is_heading(text, units[i], _next_text(units, i)):
            roles[i], units[i].evidence = "heading", _heading_kind(text[units[i].start:units[i].end])

    body = [i for i in texts if i not in roles]
    if body and (signoff := _signoff(text, units[body[-1]])):
        extra[body[-1]], signed = signoff
        author = author or signed
    return Cut(_assemble(text, units, roles, extra), author, published)


_CREDIT_MARK = re.compile(r"^(?:©|\(?\s*(?:Foto|Fotos|Bild|Grafik|Quelle|Credit|Bildquelle|Illustration)\s*:|\||\()\s*")


def summarise(text: str, blocks: list[Block], author: Optional[str] = None,
              published: Optional[str] = None) -> Anatomy:
    """The summary fields of Anatomy from its blocks."""
    def first(role: str) -> Optional[str]:
        return next((text[b.start:b.end] for b in blocks if b.role == role), None)

    captions: list[Caption] = []
    for b in blocks:
        if b.role == "caption" and not b.duplicate:
            captions.append(Caption(text=text[b.start:b.end], start=b.start, end=b.end))
        elif b.role == "credit":
            credit = _CREDIT_MARK.sub("", text[b.start:b.end])
            credit = credit[:-1] if credit.endswith(")") and credit.count(")") > credit.count("(") else credit
            if captions and captions[-1].credit is None:
                captions[-1].credit = credit.strip()
            else:
                captions.append(Caption(text="", credit=credit.strip()))
    dateline = first("dateline")
    if dateline:
        # the place alone: without the date, the agency and the separator
        dateline = re.sub(r"(?<!\s)\s*(?:,\s*[^,(/]+)?\s*(?:\([^()]*\))?\s*[.–—:-]?\s*$", "", dateline).strip()
    return Anatomy(
        blocks=blocks, title=first("title"), dateline=dateline, lead=first("lead"),
        headings=[text[b.start:b.end] for b in blocks if b.role == "heading"],
        captions=captions, author=author, published=published,
    )


def add_anatomy(doc: Document) -> None:
    """Write doc.anatomy (blocks and summary). Blocks set by the HTML reader are kept. A
    publication date the page prints fills in doc.published where none was given."""
    if doc.anatomy.blocks:
        doc.anatomy = summarise(doc.text, doc.anatomy.blocks, doc.anatomy.author, doc.anatomy.published)
    else:
        cut = find_blocks(doc.text)
        doc.anatomy = summarise(doc.text, cut.blocks, cut.author, cut.published)
    if doc.published is None and doc.anatomy.published:
        doc.published = doc.anatomy.published[:10]
