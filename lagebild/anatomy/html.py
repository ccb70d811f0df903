"""Anatomy of HTML pages: trafilatura finds the article's paragraphs; the page itself gives
the rest: title, lead, authors and publication time from its metadata (`html_meta`), and
subheadings and pictures (captions with credits) from where they stand between the
paragraphs trafilatura found.

The Document's text is rebuilt from the parts (title, lead, headings, paragraphs, captions
with their credits), one part per paragraph, so that every offset refers to that text and
the blocks' roles come from the markup rather than from guessing.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Optional

import lxml.html
import trafilatura
from lxml import etree

from ..document import Block, Document
from ..errors import InputError
from ..reading import normalise
from .html_meta import clean, html_patterns, page_meta
from . import with_confidence
from .recognisers import patterns
from .units import credit_start

_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
# how far (in elements) above the title the page's own picture may stand
COVER_ABOVE_TITLE = 150
# how far (in elements) after the title a teaser named by its class may stand
LEAD_AFTER_TITLE = 300
# the share of the body text that the element bounding the article holds
ARTICLE_SHARE = 0.85
_BLOCK_TAGS = {"p", "div", "span", "li", "blockquote", "figcaption", "section", "td", "dd", "pre",
               "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "strong", "em", "b", "article", "header"}


@dataclass
class Part:
    role: str                 # title | lead | heading | body | caption | boilerplate
    text: str
    credit: Optional[str] = None
    evidence: str = "markup"  # what the role was read from (see `confidence` in patterns.yaml)


def _key(s: str) -> str:
    return clean(s).casefold()


def _unquoted(s: str) -> str:
    """The text without quotation marks, to find a pull quote in the paragraph it repeats."""
    return _key(re.sub(r"[„“”\"»«‚‘’›‹]", "", s))


class Page:
    """The parsed page: elements in document order, looked up by their text."""

    def __init__(self, html: str, extracted: Optional[etree._Element] = None):
        try:
            self.root = lxml.html.fromstring(html)
        except (etree.ParserError, ValueError) as e:
            raise InputError("unreadable", f"the HTML page cannot be parsed: {e}") from e
        x = extracted if extracted is not None else etree.Element("doc")
        self.meta = page_meta(self.root, fallback_title=clean(x.get("title")) or None,
                              fallback_author=(x.get("author") or "").replace(";", ","),
                              fallback_date=x.get("date"))
        # what is no text of the page (the metadata above was read from its scripts first)
        for el in self.root.xpath("//script | //style | //noscript | //template"):
            _drop_keeping_tail(el)
        P = html_patterns()
        self.skip_tags = frozenset(P["skip_tags"])
        self.skip_class = re.compile(P["skip_class"], re.I)
        self.lead_class = re.compile(P["lead_class"], re.I)
        self.credit_class = re.compile(P["credit_class"], re.I)
        self.credit_marker = re.compile(P["credit_marker"], re.I)
        self.order: dict = {}
        self.by_text: dict[str, list] = {}
        for i, el in enumerate(self.root.iter()):
            if not isinstance(el.tag, str):
                continue
            self.order[el] = i
            if el.tag in _BLOCK_TAGS:
                text = el.text_content()
                if len(text) < 20000:
                    self.by_text.setdefault(_key(text), []).append(el)

    def element(self, text: str, used: set) -> Optional[object]:
        """The innermost element whose whole text is `text`, not used before."""
        found = [el for el in self.by_text.get(_key(text), []) if el not in used]
        return found[-1] if found else None

    def skipped(self, el) -> bool:
        """Inside a part of the page that is not the article (aside, nav, related links …)."""
        for anc in el.iterancestors():
            if anc.tag in ("article", "main", "body"):
                return False    # their classes list the article's topics ("tag-social-media")
            if anc.tag in self.skip_tags or self.skip_class.search(anc.get("class") or ""):
                return True
        return False

    def picture_box(self, el) -> Optional[object]:
        """The box of a picture: its <figure>, else the nearest element around the image
        that holds a little text (its caption), else None."""
        if any(a.tag == "a" and len(clean(a.text_content()).split()) >= 3 for a in el.iterancestors()):
            return None     # a picture in a link with a headline: a teaser of another article
        fig = el if el.tag == "figure" else next((a for a in el.iterancestors() if a.tag == "figure"), None)
        if fig is not None:
            return None if _teaser_or_form(fig) else fig
        box = el
        for _ in range(5):
            box = box.getparent()
            if box is None or box.tag in ("body", "article", "main"):
                break
            if any(True for _ in box.iter("h1", "h2", "h3")):
                break               # the page's head or a section, not a picture's box
            text = clean(box.text_content())
            words = len(text.split())
            if words:
                if words <= 80 and not _teaser_or_form(box) and not (box.tag == "p" and words > 25) \
                        and not any(b.search(text) for b in patterns().boilerplate):
                    return box      # (an image inside a paragraph of text is no picture box)
                break
        # an image standing alone: its alt text may describe it ("Ein Meteorit liegt in …")
        return el if el.tag == "img" and len(clean(el.get("alt")).split()) >= 3 else None

    def boxes(self) -> dict:
        """Every picture box of the page and the element inside it that caused it."""
        out: dict = {}
        for el in self.root.iter("figure", "img", "picture"):
            if el.tag == "img" and (el.get("width"), el.get("height")) in (("1", "1"), ("0", "0")):
                continue    # a counting pixel
            box = self.picture_box(el)
            if box is not None and box not in out:
                out[box] = el
        return out

    def in_box(self, el, boxes: dict) -> bool:
        return el in boxes or any(a in boxes for a in el.iterancestors())

    def caption(self, fig) -> Optional[tuple[str, Optional[str]]]:
        """(caption, credit) of a picture box: its figcaption (else its text, else a
        describing alt text) without its credit elements; the credit from elements marked as
        such (class, <footer>, <small>, <cite>) anywhere in it, else from the caption's end
        ("… Foto: dpa", "… | AFP/Paul Ellis")."""
        fig = copy.deepcopy(fig)   # a copy to cut the credits out of
        for button in list(fig.iter("button")):
            _drop_keeping_tail(button)          # "vergrößern", "Beschreibung ausklappen"
        credits = []
        for el in list(fig.iter()):
            if not isinstance(el.tag, str) or el is fig:
                continue
            own = clean("".join(el.itertext()))
            marked = (m := self.credit_marker.match(own)) is not None and 0 < m.end() < len(own) \
                and (":" in m.group(0) or "©" in m.group(0)) and len(own.split()) <= 10  # "<span>Foto: Deja Gaston</span>"
            if el.tag in ("footer", "small", "cite") or self.credit_class.search(el.get("class") or "") or marked:
                text = clean("".join(el.itertext()))
                if text and text not in credits and el.getparent() is not None:
                    credits.append(text)
                if el.getparent() is not None:
                    _drop_keeping_tail(el)
        cap = next(fig.iter("figcaption"), None)
        text = clean("".join((cap if cap is not None else fig).itertext()))
        img = fig if fig.tag == "img" else next(fig.iter("img"), None)
        if any(b.search(text) for b in patterns().boilerplate):
            text = ""               # a player's or a button's label, not a caption
        if not text and img is not None:
            alt = clean(img.get("alt"))
            text = alt if credits or len(alt.split()) >= 3 else ""   # not "Bild", "Logo"
        credit = self._unmarked(credits[0]) if credits else None
        if not credit and text:
            cut = credit_start(text, 0, len(text), caption_context=True)
            if cut is not None and cut > 0:
                text, credit = text[:cut].strip(), self._unmarked(text[cut:])
        if not credit and text:
            credit = self._credit_in_alt(fig, text)
        if not text and not credit:
            return None
        return text, credit or None

    def _credit_in_alt(self, box, caption: str) -> Optional[str]:
        """A credit that only the image's alt or title text carries after the caption
        ("Jarrad Branthwaite … | Getty Images/Naomi Baker")."""
        for img in box.iter("img"):
            for alt in (clean(img.get("alt")), clean(img.get("title"))):
                if len(alt) > len(caption) and _key(alt).startswith(_key(caption)[:30]):
                    cut = credit_start(alt, len(caption) - 1, len(alt), caption_context=True)
                    if cut is not None:
                        return self._unmarked(alt[cut:])
        return None

    def _unmarked(self, credit: str) -> str:
        credit = re.sub(r"^(?:©|\|)\s*", "", credit.strip())
        if credit.startswith("(") and credit.endswith(")"):
            credit = credit[1:-1]
        credit = credit.strip()
        while credit and (m := self.credit_marker.match(credit)) and m.end() > 0:
            credit = credit[m.end():]
        return credit


def _extracted(html: str) -> tuple[list[tuple[str, str]], etree._Element]:
    """trafilatura's article: (tag, text) per paragraph, heading or list, and its metadata."""
    xml = trafilatura.extract(html, output_format="xml", include_images=False, include_tables=False,
                              include_comments=False, with_metadata=True, favor_recall=True)
    if not xml:
        raise InputError("empty", "the HTML page holds no article text that could be extracted")
    doc_el = etree.fromstring(xml.encode("utf-8"))
    main = doc_el.find("main")
    out = []
    for el in (main if main is not None else []):
        text = clean("".join(el.itertext()))
        if text:
            out.append((el.tag, text))
    return out, doc_el


def _lead_element(page: Page, description: Optional[str]) -> tuple[Optional[object], str]:
    """The element that holds the page's teaser, and what it was found by: its text opens
    with the description ("description"), else it is named a teaser ("lead", "intro",
    "teaser", … in its class) and stands right after the headline ("class")."""
    best, evidence = _described(page, description), "description"
    if best is None:
        best, evidence = _named_lead(page), "class"
    # a dateline set apart before it ("<span>Berlin.</span> <span>Die Füchse …</span>") belongs to it
    while best is not None and (parent := best.getparent()) is not None:
        whole, own = clean(parent.text_content()), clean(best.text_content())
        if not (whole.endswith(own) and 0 < len(whole) - len(own) <= 25):
            break
        best = parent
    return best, evidence


def _described(page: Page, description: Optional[str]):
    """The innermost (else last) element whose text opens with the page's description."""
    if not description or len(description) < 30:
        return None
    key = _key(description)[:60].rstrip(". …")
    best = None
    for text, els in page.by_text.items():
        if text.startswith(key) and len(text) <= len(_key(description)) + 400:
            for el in els:
                if not page.skipped(el) and (best is None or len(text) < len(_key(best.text_content()))
                                             or page.order[el] > page.order[best]):
                    best = el
    return best


def _named_lead(page: Page):
    """The first element after the headline whose class names it a teaser and that holds a
    sentence or two of its own (no link, no teaser card of another article)."""
    h1 = next(page.root.iter("h1"), None)
    if h1 is None:
        return None
    start = page.order[h1]
    for el in page.root.iter("p", "div", "span", "h2", "section"):
        pos = page.order.get(el, -1)
        if not start < pos <= start + LEAD_AFTER_TITLE or not page.lead_class.search(el.get("class") or ""):
            continue
        words = len(clean(el.text_content()).split())
        if 8 <= words <= 120 and not page.skipped(el) and not _mostly_links(el) \
                and not any(a.tag == "a" for a in el.iterancestors()):
            return el
    return None


@dataclass
class Placed:
    """The parts found so far, by their position in the page."""
    parts: list[tuple[int, Part]]           # (document position, part)
    elements: dict                          # document position -> element of a paragraph
    used: set                               # elements taken


def _parts(page: Page, paragraphs: list[tuple[str, str]], meta, title: Optional[str]) -> list[Part]:
    """The article's parts in page order: lead, paragraphs, subheadings and pictures."""
    boxes = page.boxes()
    placed = _paragraph_parts(page, paragraphs, meta, title, boxes)
    if not placed.parts:
        return []
    parts, container = _inside_article(page, placed.parts, placed.elements)
    positions = sorted(p for p, _ in parts)
    first, last = positions[0], positions[-1]

    def inside(el) -> bool:
        return container is None or container in el.iterancestors() or el is container

    parts += _heading_parts(page, placed.used, boxes, set(positions), first, last, inside)
    parts += _picture_parts(page, boxes, parts, first, last, inside)
    parts.sort(key=lambda x: x[0])
    return _dedupe([p for _, p in parts])


def _paragraph_parts(page: Page, paragraphs: list[tuple[str, str]], meta, title: Optional[str],
                     boxes: dict) -> Placed:
    """The lead (the element that opens with the description) and trafilatura's paragraphs
    and headings where they stand in the page; links and teasers as boilerplate."""
    placed = Placed([], {}, set())
    lead_el, lead_evidence = _lead_element(page, meta.description)
    if lead_el is not None:
        placed.used.add(lead_el)
        placed.parts.append((page.order[lead_el], Part("lead", clean(lead_el.text_content()), evidence=lead_evidence)))
    skip = {_key(lead_el.text_content()) if lead_el is not None else None, _key(title or "")}
    for tag, text in paragraphs:
        el = None if _key(text) in skip else page.element(text, placed.used)
        if el is None:
            continue                        # the lead or title again, or text trafilatura rebuilt
        placed.used.add(el)
        if page.in_box(el, boxes) or (tag == "head" and el.tag == "h1"):
            continue                        # a caption (taken with its picture) or the title
        if _mostly_links(el) or any(a.tag == "a" for a in el.iterancestors()) or _in_teaser(el):
            part = Part("boilerplate", text, evidence="links")  # "Fehler gefunden? Jetzt melden", teasers
        else:
            part = Part("heading", text) if tag == "head" else Part("body", text, evidence="paragraph")
        placed.parts.append((page.order[el], part))
        placed.elements[page.order[el]] = el
    if lead_el is not None and placed.elements:
        after = [pos for pos in placed.elements if pos > page.order[lead_el]]
        before = [pos for pos, p in placed.parts if p.role == "body" and pos < page.order[lead_el]]
        if lead_evidence == "class" and before:
            # a teaser-named element after the article's first paragraph: no lead
            placed.parts = [(pos, p) for pos, p in placed.parts if p.role != "lead"]
            lead_el = None
    if lead_el is not None and lead_evidence == "description" and placed.elements:
        after = [pos for pos in placed.elements if pos > page.order[lead_el]]
        if after and placed.elements[min(after)].getparent() is lead_el.getparent():
            # the description only repeats the article's first paragraph: no lead of its own
            placed.parts = [(pos, Part("body", p.text, evidence="paragraph") if p.role == "lead" else p)
                            for pos, p in placed.parts]
            placed.elements[page.order[lead_el]] = lead_el
    return placed


def _heading_parts(page: Page, used: set, boxes: dict, taken: set[int], first: int, last: int,
                   inside) -> list[tuple[int, Part]]:
    """The page's subheadings between the article's first and last paragraph."""
    out = []
    for el in page.root.iter(*_HEADINGS):
        pos = page.order.get(el)
        if pos is None or not first < pos < last or el in used or page.skipped(el) or page.in_box(el, boxes) \
                or not inside(el):
            continue
        text = clean(el.text_content())
        if text and len(text.split()) <= 30 and not _between_used(page, pos, taken, el) \
                and not _mostly_links(el):      # a headline linking to another article
            out.append((pos, Part("heading", text)))
    return out


def _picture_parts(page: Page, boxes: dict, parts: list[tuple[int, Part]], first: int, last: int,
                   inside) -> list[tuple[int, Part]]:
    """Pictures inside the article up to its last paragraph, and the page's own picture: the
    last one before the article's first paragraph, from a little above the title on."""
    h1 = next(page.root.iter("h1"), None)
    start = page.order.get(h1, first) if h1 is not None else first
    first_body = min((pos for pos, p in parts if p.role == "body" and pos > start), default=first)
    cover = [b for b in boxes if start - COVER_ABOVE_TITLE < page.order[b] < first_body and not inside(b)]
    out = []
    for box in boxes:
        pos = page.order[box]
        if not ((inside(box) and pos < last) or box in cover[-1:]) or page.skipped(box):
            continue
        if (cap := page.caption(box)) and not _is_byline(cap[0]):
            out.append((pos, Part("caption", cap[0], cap[1], evidence="picture")))
    return out


def _inside_article(page: Page, placed: list[tuple[int, Part]], elements: dict) -> tuple[list[tuple[int, Part]], object]:
    """The paragraphs inside the article: the innermost element that holds nearly all of the
    body text (ARTICLE_SHARE of its characters) bounds it, so that what trafilatura took
    from boxes around it (subscription offers, ratings, other articles) is left out. A body
    paragraph repeated inside another (a pull quote) is left out too."""
    body = [(pos, p) for pos, p in placed if p.role == "body" and pos in elements]
    total = sum(len(p.text) for _, p in body)
    if not body or total == 0:
        return placed, None
    weight: dict = {}
    for pos, p in body:
        for anc in elements[pos].iterancestors():
            weight[anc] = weight.get(anc, 0) + len(p.text)
    container = max((a for a, w in weight.items() if w >= ARTICLE_SHARE * total),
                    key=lambda a: page.order.get(a, -1), default=None)
    texts = [_unquoted(p.text) for _, p in body]
    out = []
    for pos, p in placed:
        if p.role == "body" and pos in elements:
            el = elements[pos]
            if container is not None and pos > page.order[container] and container not in el.iterancestors():
                continue    # after the article's start but outside it (a first paragraph set apart stays)
            if _quoted_box(el) and _repeats(p.text, texts):
                continue    # a pull quote: sentences of a paragraph, repeated in a box
        out.append((pos, p))
    return out, container


def _repeats(text: str, others: list[str]) -> bool:
    """Whether every sentence of text stands in one of the other paragraphs (quotation marks
    and the speech tags between them aside)."""
    k = _unquoted(text)
    pieces = [x.strip(" .!?") for x in re.split(r"(?<=[.!?])\s+", k) if x.strip(" .!?")]
    return bool(pieces) and any(other != k and all(piece in other for piece in pieces) for other in others)


def _quoted_box(el) -> bool:
    """Inside a blockquote or an element named a quote (where pull quotes stand)."""
    return any(a.tag == "blockquote" or "quote" in (a.get("class") or "").casefold()
               for a in [el, *list(el.iterancestors())[:3]])


def _between_used(page: Page, pos: int, taken: set[int], el) -> bool:
    """A heading inside a paragraph already taken (a bold run-in heading) is no heading."""
    return any(page.order.get(a) in taken for a in el.iterancestors())


def _drop_keeping_tail(el) -> None:
    """Remove an element but not the text that follows it inside its parent."""
    parent, tail = el.getparent(), el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _is_byline(text: str) -> bool:
    """An author box ("Von Hannah Ritzmann, Redakteurin … 09.09.2025, 15:15 Uhr") is no caption."""
    P = patterns()
    return any(b.match(text) for b in P.byline) or bool(P.byline_dated.match(text))


def _teaser_or_form(box) -> bool:
    """A box that links elsewhere (a teaser card of another article) or asks for something
    (a donation or subscription form) holds no caption."""
    if any(True for _ in box.iter("form", "input", "select", "textarea")):
        return True
    return _mostly_links(box)


def _in_teaser(el) -> bool:
    """Text right under a headline that links to another article: that article's teaser."""
    for node in (el, el.getparent()):
        prev = node.getprevious() if node is not None else None
        if prev is not None and prev.tag in ("h2", "h3", "h4") and _mostly_links(prev) \
                and prev.find(".//a[@href]") is not None:
            return True
    return False


def _mostly_links(el) -> bool:
    text = len(clean(el.text_content()))
    links = sum(len(clean(a.text_content())) for a in el.iter("a"))
    return text > 0 and links / text > 0.5


def _dedupe(parts: list[Part]) -> list[Part]:
    """Each caption, heading and lead once; no body paragraph that repeats a caption."""
    seen, out = set(), []
    captions = {_key(p.text) for p in parts if p.role == "caption" and len(p.text) > 15}
    lengths = sorted({len(c) for c in captions})
    for p in parts:
        k = (p.role, _key(p.text))
        if k in seen and p.role in ("caption", "heading", "lead"):
            continue
        if p.role == "body" and any(k[1][:n] in captions for n in lengths):
            continue
        seen.add(k)
        out.append(p)
    return out


def _layout(parts: list[Part]) -> tuple[str, list[Block]]:
    """The text of the parts, one per paragraph, and their blocks."""
    text_parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for part in parts:
        if text_parts:
            text_parts.append("\n\n")
            pos += 2
        if part.text:
            text_parts.append(part.text)
            blocks.append(with_confidence(Block(start=pos, end=pos + len(part.text), role=part.role,
                                                evidence=f"html {part.evidence}")))
            pos += len(part.text)
        if part.credit:
            sep = " © " if part.text else "© "
            text_parts.append(sep + part.credit)
            blocks.append(with_confidence(Block(start=pos + len(sep) - 2, end=pos + len(sep) + len(part.credit),
                                                role="credit", evidence="html picture")))
            pos += len(sep) + len(part.credit)
    return "".join(text_parts), blocks


def document_from_html(html: str, published: Optional[str] = None, id: Optional[str] = None) -> Document:
    """A Document whose text and anatomy blocks come from an HTML page."""
    html = normalise(html)      # NFC, no NUL, no byte order mark: trafilatura's text and the page's agree
    paragraphs, doc_el = _extracted(html)
    page = Page(html, doc_el)
    meta = page.meta
    if _found_share(page, paragraphs) < 0.5:
        # trafilatura merged the article into a few blocks the page does not hold as such:
        # the page's own paragraphs and headings inside its article element instead
        paragraphs = _page_paragraphs(page) or paragraphs
    parts = _parts(page, paragraphs, meta, meta.title)
    if not parts:   # nothing of trafilatura's found in the page: its paragraphs as they are
        parts = [Part("body", text, evidence="paragraph") for _, text in paragraphs]
    if meta.title:
        parts.insert(0, Part("title", meta.title, evidence="metadata"))
    _mark_clutter(parts)
    text, blocks = _layout(parts)
    if not text.strip():
        raise InputError("empty", "the HTML page holds no article text that could be extracted")
    _split_first_dateline(text, blocks)
    doc = Document.new(text, published=published, id=id)
    doc.anatomy.blocks = blocks
    doc.anatomy.author = meta.author
    doc.anatomy.published = meta.published
    return doc


def _found_share(page: Page, paragraphs: list[tuple[str, str]]) -> float:
    """The share of trafilatura's text that stands in the page as an element of its own."""
    total = sum(len(t) for _, t in paragraphs)
    found = sum(len(t) for _, t in paragraphs if _key(t) in page.by_text)
    return found / total if total else 1.0


def _page_paragraphs(page: Page) -> list[tuple[str, str]]:
    """(tag, text) of the paragraphs and subheadings inside the page's article element (else
    its main element, else its body), outside asides, navigation and forms."""
    root = page.root
    container = next((el for tag in ("article", "main", "body") for el in root.iter(tag)), root)
    out = []
    for el in container.iter("p", *_HEADINGS):
        text = clean(el.text_content())
        if text and not page.skipped(el):
            out.append(("head" if el.tag in _HEADINGS else "p", text))
    return out


def _mark_clutter(parts: list[Part]) -> None:
    """Page clutter among the paragraphs, and the short paragraphs under a clutter heading
    ("Newsletter: Sport inside", "Die Autorin") up to the next heading or long paragraph."""
    bp = patterns().boilerplate
    in_clutter = False
    for p in parts:
        clutter = len(p.text) < 300 and any(b.search(p.text) for b in bp)
        if p.role == "heading":
            in_clutter = clutter
            if clutter:
                p.role, p.evidence = "boilerplate", "pattern"
        elif p.role == "body":
            if len(p.text) >= 300:
                in_clutter = False          # the article goes on
            elif clutter or in_clutter:
                p.role, p.evidence = "boilerplate", "pattern"


def _split_first_dateline(text: str, blocks: list[Block]) -> None:
    """A dateline opening the first paragraph ("Berlin (dpa) - …") is cut off as in plain text."""
    from . import split_dateline

    first = next((k for k, b in enumerate(blocks) if b.role in ("lead", "body")), None)
    if first is not None:
        split = split_dateline(text, blocks[first].start, blocks[first].end)
        if split:
            if blocks[first].role == "body" and any(b.role == "lead" for b in blocks):
                split = (split[0], with_confidence(Block(start=split[1].start, end=split[1].end, role="body",
                                                         evidence="paragraph")))
            blocks[first:first + 1] = list(split)
