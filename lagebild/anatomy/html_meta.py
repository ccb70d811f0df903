"""What an HTML page says about its article in its metadata: JSON-LD (`NewsArticle` and
kin) first, then Open Graph and ordinary meta tags, then the page's own byline element.

Each value is the page's own: the title without the site's name ("… | DW | 28.04.2023"),
the authors as a list, the publication time as the page writes it (its own clock, to the
minute, no time-zone arithmetic)."""
from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Iterator, Optional

from ..datafiles import read_yaml

_WS = re.compile(r"\s+")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")
_HANDLE = re.compile(r"(?<!\s)\s*\([^()]{1,8}\)$")            # "Elena Oberholzer (obe)"
_AUTHOR_SPLIT = re.compile(r"(?<!\s)\s*(?:,|;|\s(?:und|and|&)\s)\s*")


@cache
def html_patterns() -> dict:
    return read_yaml(Path(__file__).parent / "patterns.yaml")["html"]


def clean(s: Optional[str]) -> str:
    return _WS.sub(" ", html_lib.unescape(s or "")).replace("\u00ad", "").strip()


@dataclass
class PageMeta:
    title: Optional[str] = None
    description: Optional[str] = None
    authors: list[str] = field(default_factory=list)
    published: Optional[str] = None      # "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"
    site: Optional[str] = None

    @property
    def author(self) -> Optional[str]:
        """The authors as a page prints them: "A", "A und B", "A, B und C"."""
        a = self.authors
        if not a:
            return None
        return a[0] if len(a) == 1 else ", ".join(a[:-1]) + " und " + a[-1]


def _ld_objects(root) -> Iterator[dict]:
    for script in root.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "", strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            x = stack.pop()
            if isinstance(x, list):
                stack.extend(reversed(x))
            elif isinstance(x, dict):
                graph = x.get("@graph")
                if graph is not None:
                    stack.extend(reversed(graph) if isinstance(graph, list) else [graph])
                yield x


def _article(root) -> dict:
    kind = re.compile(html_patterns()["ld_article_type"])
    for obj in _ld_objects(root):
        if kind.search(str(obj.get("@type") or "")):
            return obj
    return {}


def _meta(root, *names: str) -> Optional[str]:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            values = root.xpath(f'//meta[@{attr}="{name}"]/@content')
            if values and clean(values[0]):
                return clean(values[0])
    return None


def _names(value) -> list[str]:
    """Author names from a JSON-LD author (a dict, a string or a list of them) or a meta tag."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if not isinstance(name, str) or name.strip().startswith("http"):
            continue
        for part in _AUTHOR_SPLIT.split(clean(name)):
            part = _HANDLE.sub("", part).strip()
            if part and part not in names:
                names.append(part)
    return names


def iso_minute(value: Optional[str]) -> Optional[str]:
    """"2024-05-03T15:47:42.389Z" -> "2024-05-03T15:47"; a date alone stays a date."""
    m = _ISO.search(value or "")
    if not m:
        return None
    date = f"{m[1]}-{m[2]}-{m[3]}"
    return f"{date}T{m[4]}:{m[5]}" if m[4] else date


def _host_words(root) -> set[str]:
    url = _meta(root, "og:url") or next(iter(root.xpath('//link[@rel="canonical"]/@href')), "")
    host = re.sub(r"^https?://(?:www\.)?", "", url).split("/")[0]
    return {w for w in re.split(r"[.\-]", host.casefold()) if len(w) > 2} | {host.casefold()}


def strip_site(title: str, site: Optional[str], host: set[str]) -> str:
    """The title without the site name or the date a page appends to it."""
    seps = html_patterns()["title_separators"]
    site_key = (site or "").casefold()
    while True:
        cut = max(((title.rfind(sep), sep) for sep in seps), key=lambda x: x[0])
        if cut[0] <= 0:
            return title
        tail = title[cut[0] + len(cut[1]):].strip().casefold()
        date = re.fullmatch(r"[\d./ -]+", tail) is not None
        named = bool(tail) and (tail == site_key or tail in host or (site_key and tail in site_key)
                                or any(w in tail.replace(" ", "") for w in host if len(w) > 3))
        if not (date or named):
            return title
        title = title[:cut[0]].strip()


def page_meta(root, fallback_title: Optional[str] = None, fallback_author: Optional[str] = None,
              fallback_date: Optional[str] = None) -> PageMeta:
    """The article's metadata from the page; fallbacks (trafilatura's) where it says nothing."""
    article = _article(root)
    site = _meta(root, "og:site_name")
    host = _host_words(root)
    title = _title(root, article, site, host, fallback_title)
    description = _meta(root, "og:description", "description", "twitter:description") \
        or clean(article.get("description")) or None
    authors = _names(article.get("author")) or _names(_meta(root, "article:author")) or _byline_names(root) \
        or _names(fallback_author or "")
    published = iso_minute(article.get("datePublished")) or iso_minute(_meta(
        root, "article:published_time", "datePublished", "date", "DC.date.issued", "pubdate")) \
        or iso_minute(fallback_date)
    return PageMeta(title=title or None, description=description, authors=authors,
                    published=published, site=site)


# a labelled author line: "Autorin/Autor Roman Goncharenko", "Autor: Max Muster"
_AUTHOR_LABEL = re.compile(r"^(?:Autor(?:in)?(?:/Autor(?:in)?)?|Autor:in|Autor\*in)\s*:?\s+"
                           r"(?P<names>[A-ZÄÖÜ][\w.'-]+(?:[ ,]+(?:und\s+)?[A-ZÄÖÜ][\w.'-]+){0,7})$")


def _title(root, article: dict, site: Optional[str], host: set[str], fallback: Optional[str]) -> Optional[str]:
    """The headline most of the page's own statements agree on: Open Graph, JSON-LD, the
    <title> and the h1 (without the site's name); on a tie the first of them that has one."""
    og = _meta(root, "og:title", "twitter:title")
    page_title = clean(root.findtext(".//title")) or fallback
    h1 = next((clean(h.text_content()) for h in root.iter("h1") if clean(h.text_content())), None)
    candidates = [strip_site(og, site, host) if og else None, clean(article.get("headline")) or None,
                  strip_site(page_title, site, host) if page_title else None, h1]
    candidates = [c for c in candidates if c]
    if not candidates:
        return None
    votes = {}
    for c in candidates:
        votes[c.casefold()] = votes.get(c.casefold(), 0) + 1
    return max(candidates, key=lambda c: votes[c.casefold()])   # max keeps the first on ties


def _byline_names(root) -> list[str]:
    """The names in the page's first byline or author element ("<span class='byline'>"),
    else in a short element that labels them ("Autorin/Autor Roman Goncharenko")."""
    for el in root.xpath('//*[contains(@class, "byline") or contains(@class, "author")]'):
        classes = (el.get("class") or "").split()
        if not any(c in ("byline", "author") for c in classes):
            continue
        text = re.sub(r"^(?:Von|By|Autor(?:in)?:?)\s+", "", clean(el.text_content()))
        if 2 < len(text) <= 80:
            return _names(text)
    for el in root.iter("li", "p", "span", "div", "dd"):
        text = clean(el.text_content())
        if len(text) <= 80 and (m := _AUTHOR_LABEL.match(text)):
            return _names(m.group("names"))
    return []
