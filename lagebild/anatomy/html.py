"""Anatomy of HTML pages: trafilatura finds the article; figure captions come from the page.

The Document's text is rebuilt from the extracted parts (title, lead, headings, paragraphs,
captions with their credits), one part per paragraph, so that every offset refers to that
text and the blocks' roles come from the markup rather than from guessing.
"""
from __future__ import annotations

import re
from typing import Optional

import lxml.html
import trafilatura
from lxml import etree

from ..document import Block, Document
from ..errors import InputError
from . import patterns, split_dateline

_CREDIT_CLASS = re.compile(r"credit|copyright|source|quelle|author|photographer|caption__source", re.I)
_WS = re.compile(r"\s+")


def _clean(s: Optional[str]) -> str:
    return _WS.sub(" ", s or "").strip()


def _figure_captions(html: str) -> list[tuple[str, str, Optional[str]]]:
    """(image src, caption, credit) for each figure with a caption on the page."""
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    out = []
    for fig in root.iter("figure"):
        cap = next(fig.iter("figcaption"), None)
        if cap is None:
            continue
        credit_parts = []
        for el in cap.iter():
            if el is not cap and _CREDIT_CLASS.search(el.get("class", "") or ""):
                credit_parts.append(_clean(el.text_content()))
                el.drop_tree()
        text = _clean(cap.text_content())
        credit = " ".join(credit_parts) or None
        if credit is None and "©" in text:
            text, _, credit = (x.strip() for x in text.partition("©"))
        credit = re.sub(r"^(?:©|Foto:|Bild:|Quelle:)\s*", "", credit or "").strip() or None
        img = next(fig.iter("img"), None)
        src = img.get("src", "") if img is not None else ""
        if text or credit:
            out.append((src, text, credit))
    return out


def document_from_html(html: str, published: Optional[str] = None, id: Optional[str] = None) -> Document:
    """A Document whose text and anatomy blocks come from an HTML page."""
    xml = trafilatura.extract(html, output_format="xml", include_images=True, include_tables=False,
                              include_comments=False, with_metadata=True, favor_recall=True)
    if not xml:
        raise InputError("empty", "the HTML page holds no article text that could be extracted")
    doc_el = etree.fromstring(xml.encode("utf-8"))
    title = _clean(doc_el.get("title"))
    description = _clean(doc_el.get("description"))
    author = _clean(doc_el.get("author")) or None
    date = doc_el.get("date") or None
    captions = _figure_captions(html)

    parts: list[tuple[str, str, Optional[str]]] = []   # (role, text, credit)
    if title:
        parts.append(("title", title, None))
    used_captions = set()
    main = doc_el.find("main")
    for el in (main if main is not None else []):
        text = _clean("".join(el.itertext()))
        if el.tag == "head":
            if text and text != title:
                parts.append(("heading", text, None))
        elif el.tag == "graphic":
            src = el.get("src", "")
            for k, (csrc, ctext, credit) in enumerate(captions):
                if k not in used_captions and (csrc == src or not csrc):
                    used_captions.add(k)
                    parts.append(("caption", ctext, credit))
                    break
        elif text:
            parts.append(("body", text, None))
    # captions whose image trafilatura left out still belong to the article
    for k, (_, ctext, credit) in enumerate(captions):
        if k not in used_captions:
            parts.append(("caption", ctext, credit))
    # the first paragraph is the lead when it repeats the page's description (teaser)
    first_body = next((i for i, p in enumerate(parts) if p[0] == "body"), None)
    if first_body is not None and description and (
            parts[first_body][1].startswith(description[:60]) or description.startswith(parts[first_body][1][:60])):
        parts[first_body] = ("lead", parts[first_body][1], None)
    # page clutter that survived extraction
    bp = patterns().boilerplate
    parts = [("boilerplate", t, c) if r == "body" and len(t) < 300 and any(b.search(t) for b in bp) else (r, t, c)
             for r, t, c in parts]

    text_parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for role, t, credit in parts:
        if text_parts:
            text_parts.append("\n\n")
            pos += 2
        if t:
            text_parts.append(t)
            blocks.append(Block(start=pos, end=pos + len(t), role=role))
            pos += len(t)
        if credit:
            sep = " © " if t else "© "
            text_parts.append(sep)
            pos += len(sep)
            start = pos - 2
            text_parts.append(credit)
            pos += len(credit)
            blocks.append(Block(start=start, end=pos, role="credit"))
    text = "".join(text_parts)
    # a dateline opening the first paragraph ("Berlin (dpa) - …") is cut off as in plain text
    first = next((k for k, b in enumerate(blocks) if b.role in ("lead", "body")), None)
    if first is not None and not any(b.role == "lead" for b in blocks[:first]):
        split = split_dateline(text, blocks[first].start, blocks[first].end)
        if split:
            blocks[first:first + 1] = list(split)
    doc = Document.new(text, published=published or date, id=id)
    doc.anatomy.blocks = blocks
    doc.anatomy.author = author
    return doc
