"""`lagebild evaluate anatomy`: the anatomy stage against scraped pages' own parses.

    lagebild evaluate anatomy [DIR] [--html] [--evidence] [--write-keys OUT] [-v]

DIR (default `../shared/examples/scraped`) holds, per page, `STEM.txt` (the page as plain
text), `STEM.html.gz` (the real page) and `STEM.fundus.json` (the page's expected parse
from the fundus project's parser tests); or keys written by hand, `STEM.keys.json` beside
`STEM.html` (tests/data/html_pages, made-up pages of other layouts, never tuned on). The anatomy keys are written from the parse by
`keys_from_parse`, in the anatomy part of `shared/eval/GOLD-FORMAT.md`, so that they are
the pages' own truth and never hand-tuned:

- title: the parse's title;
- lead_starts: the first words of the first summary paragraph (none without a summary);
- headings: every section headline;
- captions: every image's caption (its description where it has none) that the plain
  text holds, once, with its credits (`credit_contains`);
- author: the parse's authors as the page prints them ("A, B und C");
- body_paragraphs: the number of section paragraphs;
- body_must_not_contain: the caption credit marks and the byline line, where each occurs
  once in the text;
- published (an extra key the shared scorer ignores): the date and time of publication as
  printed, "YYYY-MM-DDTHH:MM".

The checks are those of `shared/eval/score.py`'s anatomy share (re-implemented here for
the part it needs); `published` is reported on its own. `--html` analyses the HTML page
instead of the plain text. `--write-keys OUT` writes `STEM.gold.json` beside a copy of
`STEM.txt` into OUT, so that `score.py` can read them: the pages are the publishers'
copyright, so OUT must stay outside the repository (build/ is ignored by git).

With -v every failed check is listed. The last line is `SUMMARY {json}`.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Optional

from ..document import Document
from ..scoring import norm

SCRAPED_DIR = Path(__file__).resolve().parents[3] / "shared" / "examples" / "scraped"
LEAD_WORDS = 8

# --- keys ---------------------------------------------------------------------------

def author_line(authors: list[str]) -> Optional[str]:
    """Authors as a page prints them: "A", "A und B", "A, B und C"."""
    authors = [a.strip() for a in authors if a and a.strip()]
    if not authors:
        return None
    return authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + " und " + authors[-1]


def printed_time(value: Optional[str]) -> Optional[str]:
    """The publication time as the page prints it (its own clock), ISO to the minute."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).strftime("%Y-%m-%dT%H:%M")
    except ValueError:
        return None


def keys_from_parse(parse: dict, text: str) -> dict:
    """Anatomy keys for the plain text of a page from the page's expected parse."""
    body = parse.get("body") or {}
    summary = [s for s in body.get("summary") or [] if s.strip()]
    sections = body.get("sections") or []
    in_text = norm(text)
    keys: dict = {"title": parse.get("title")}
    if summary:
        keys["lead_starts"] = " ".join(summary[0].split()[:LEAD_WORDS])
    keys["headings"] = [h for s in sections for h in s.get("headline") or [] if h.strip()]
    captions, seen = [], set()
    for image in parse.get("images") or []:
        caption = (image.get("caption") or image.get("description") or "").strip()
        if not caption or norm(caption) in seen or norm(caption) not in in_text:
            continue
        seen.add(norm(caption))
        credits = [a for a in image.get("authors") or [] if a.strip() and norm(a) in in_text]
        captions.append({"text": caption, "credit_contains": credits})
    keys["captions"] = captions
    keys["author"] = author_line(parse.get("authors") or [])
    keys["body_paragraphs"] = sum(len([p for p in s.get("paragraphs") or [] if p.strip()]) for s in sections)
    marks = [f"(Foto: {c})" for cap in captions for c in cap["credit_contains"]]
    marks += [line for line in text.splitlines() if line.startswith("Von ") and " | " in line]
    keys["body_must_not_contain"] = [m for m in dict.fromkeys(marks) if text.count(m) == 1]
    keys["published"] = printed_time(parse.get("publishing_date"))
    return keys


# --- checks -------------------------------------------------------------------------

@dataclass
class Judged:
    stem: str
    passed: int = 0
    failed: list[str] = field(default_factory=list)
    published: Optional[bool] = None


def judge(stem: str, doc: Document, keys: dict) -> Judged:
    """score.py's anatomy checks of one page, each failure named."""
    a = doc.to_dict()["anatomy"]
    text = doc.text
    j = Judged(stem)

    def check(ok: bool, what: str) -> None:
        if ok:
            j.passed += 1
        else:
            j.failed.append(what)

    if keys.get("title") is not None:
        check(norm(a.get("title")) == norm(keys["title"]), f"title {a.get('title')!r}")
    if "dateline" in keys:
        def place(s: Optional[str]) -> str:
            return norm(re.sub(r"[\s.–\-:]+$", "", s or ""))
        check(place(a.get("dateline")) == place(keys["dateline"]) if keys["dateline"] else not a.get("dateline"),
              f"dateline {a.get('dateline')!r}")
    if keys.get("lead_starts"):
        check(norm(a.get("lead")).startswith(norm(keys["lead_starts"])),
              f"lead {(a.get('lead') or '')[:60]!r} (want {keys['lead_starts']!r})")
    for h in keys.get("headings") or []:
        check(any(norm(x) == norm(h) for x in a.get("headings") or []), f"heading {h!r}")
    for c in keys.get("captions") or []:
        hit = [x for x in a.get("captions") or []
               if x.get("text") and (norm(c["text"]) in norm(x["text"]) or norm(x["text"]) in norm(c["text"]))]
        check(bool(hit), f"caption {c['text'][:60]!r}")
        for cr in c.get("credit_contains") or []:
            check(any(norm(cr) in norm((x.get("credit") or "") + " " + x["text"]) for x in hit), f"credit {cr!r}")
    if "author" in keys:
        got = re.sub(r"^von\s+", "", norm(a.get("author")))
        check(got == norm(keys["author"]) if keys["author"] else not a.get("author"), f"author {a.get('author')!r}")
    body = [b for b in a.get("blocks") or [] if b.get("role") == "body"]
    if keys.get("body_paragraphs") is not None:
        check(len(body) == keys["body_paragraphs"], f"body paragraphs {len(body)} (want {keys['body_paragraphs']})")
    for s in keys.get("body_must_not_contain") or []:
        check(not any(norm(s) in norm(text[b["start"]:b["end"]]) for b in body), f"in the body: {s!r}")
    if keys.get("published"):
        j.published = (a.get("published") or "")[:16] == keys["published"]
    return j


# --- driver -------------------------------------------------------------------------

def keyed_pages(directory: Path) -> list[tuple[str, str, str, dict]]:
    """(stem, plain text, html, keys) per page of a folder of written keys: `STEM.keys.json`
    beside `STEM.html` (and/or `STEM.txt`), e.g. tests/data/html_pages."""
    out = []
    for keys_path in sorted(directory.glob("*.keys.json")):
        stem = keys_path.name[: -len(".keys.json")]
        txt, html = directory / f"{stem}.txt", directory / f"{stem}.html"
        out.append((stem, txt.read_text(encoding="utf-8") if txt.exists() else "",
                    html.read_text(encoding="utf-8") if html.exists() else "",
                    json.loads(keys_path.read_text(encoding="utf-8"))))
    return out


def pages(directory: Path) -> list[tuple[str, str, str, dict]]:
    """(stem, plain text, html, parse) per page."""
    out = []
    for parse_path in sorted(directory.glob("*.fundus.json")):
        stem = parse_path.name[: -len(".fundus.json")]
        text = (directory / f"{stem}.txt").read_text(encoding="utf-8")
        html_path = directory / f"{stem}.html.gz"
        html = gzip.decompress(html_path.read_bytes()).decode("utf-8", "replace") if html_path.exists() else ""
        out.append((stem, text, html, json.loads(parse_path.read_text(encoding="utf-8"))))
    return out


def write_keys(directory: Path, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for stem, text, _, parse in pages(directory):
        (out / f"{stem}.txt").write_text(text, encoding="utf-8")
        gold = {"doc": f"{stem}.txt", "publication_date": (printed_time(parse.get("publishing_date")) or "")[:10] or None,
                "anatomy": keys_from_parse(parse, text)}
        (out / f"{stem}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
        n += 1
    return n


def evaluate(directory: Path, html: bool = False, tally: Optional[dict] = None) -> list[Judged]:
    """Judge every page; with `tally`, also count per block role and evidence how many
    blocks the keys can judge and how many of them are right (`evidence_tally`)."""
    from ..pipeline import Pipeline

    pipeline = Pipeline(until="anatomy")
    judged = []
    parsed = pages(directory)
    items = [(stem, text, page, parse, keys_from_parse(parse, text)) for stem, text, page, parse in parsed] \
        or [(stem, text, page, {}, keys) for stem, text, page, keys in keyed_pages(directory)]
    for stem, text, page, parse, keys in items:
        if (html and not page) or (not html and not text):
            continue
        doc = pipeline.analyze(page if html else text, html=html)
        judged.append(judge(stem, doc, keys))
        if tally is not None:
            evidence_tally(doc, keys, parse, tally)
    return judged


def evidence_tally(doc: Document, keys: dict, parse: dict, tally: dict) -> None:
    """Per "role/evidence": [judged, right], for the blocks whose role the keys can judge:
    titles, leads, headings, captions and body paragraphs (a body block is right when it is
    one of the parse's paragraphs, or the end of one after a dateline)."""
    paragraphs = {norm(p) for s in (parse.get("body") or {}).get("sections") or [] for p in s.get("paragraphs") or []}
    captions = [norm(c["text"]) for c in keys.get("captions") or []]
    lead_seen = False
    for b in doc.anatomy.blocks:
        t = norm(doc.text[b.start:b.end])
        if b.role == "title":
            right = t == norm(keys.get("title"))
        elif b.role == "lead" and not lead_seen:
            lead_seen, right = True, bool(keys.get("lead_starts")) and t.startswith(norm(keys["lead_starts"]))
        elif b.role == "heading":
            right = t in {norm(h) for h in keys.get("headings") or []}
        elif b.role == "caption" and not b.duplicate:
            right = any(c and (c in t or t in c) for c in captions)
        elif b.role == "body":
            right = t in paragraphs or any(p.endswith(t) for p in paragraphs if len(t) > 40)
        else:
            continue
        counts = tally.setdefault(f"{b.role}/{b.evidence}", [0, 0])
        counts[0] += 1
        counts[1] += int(right)


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="lagebild evaluate anatomy", description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", nargs="?", type=Path, default=SCRAPED_DIR)
    ap.add_argument("--html", action="store_true", help="analyse the HTML pages instead of the plain text")
    ap.add_argument("--write-keys", type=Path, metavar="OUT", help="write STEM.gold.json + STEM.txt into OUT and stop")
    ap.add_argument("--evidence", action="store_true",
                    help="per block role and evidence: blocks judged and share right (the confidence table's source)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    if args.write_keys:
        print(f"{write_keys(args.dir, args.write_keys)} keys written to {args.write_keys}")
        return 0
    tally: Optional[dict] = {} if args.evidence else None
    judged = evaluate(args.dir, html=args.html, tally=tally)
    for key, (n, right) in sorted((tally or {}).items()):
        print(f"{key:32} {right:4}/{n:<4} {right / n:.2f}")
    passed = sum(j.passed for j in judged)
    total = passed + sum(len(j.failed) for j in judged)
    dated = [j.published for j in judged if j.published is not None]
    for j in judged:
        if args.verbose and j.failed:
            print(f"{j.stem}: {len(j.failed)} failed")
            for f in j.failed:
                print(f"    {f}")
    figures = {"pages": len(judged), "checks": total, "passed": passed,
               "share": round(passed / total, 3) if total else None,
               "pages_all_right": sum(1 for j in judged if not j.failed),
               "published_right": sum(dated), "published_keys": len(dated)}
    print(f"{'HTML' if args.html else 'plain text'}: {passed}/{total} anatomy checks passed "
          f"({figures['share']}), {figures['pages_all_right']}/{len(judged)} pages all right; "
          f"published {sum(dated)}/{len(dated)}")
    print("SUMMARY " + json.dumps(figures))
    return 0
