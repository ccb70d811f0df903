"""`lagebild evaluate actors`: the actors layer against hand-written keys and against the
actor references of the annotated event corpus.

    lagebild evaluate actors DIR [DIR ...] [-v]
    lagebild evaluate actors --corpus [--split dev|train] [--limit N] [-v]

**Gold keys** (DIR holds `*.txt` + `*.gold.json`, e.g. ../shared/eval/dev, eval/dev2..4).
A gold actor's forms are its key and its `aliases`; an *occurrence* is a form found in the
text as whole words (case-insensitive, genitive -s allowed). A form that two gold actors
share is left out; occurrences may nest ("Irans" in "Präsident Irans"). Only gold actors
with at least one occurrence count. Each system mention is *linked* to the occurrence
most like it (overlap over union: "Irans" to Iran, "Präsident" to the president; ties:
the one ending nearest the mention's end, as German heads come last); an overlap that is
only a hyphenated first part of the other span does not link ("US" of "US-Präsidenten"
is not the USA), nor does a country's name inside the form of a person, organisation or
group ("Italiens" in "Ministerpräsident Italiens"). Per gold `type` (PER persons, ORG organisations, LOC
countries and places acting, GRP groups) and overall:

- found: some occurrence has a linked system mention;
- right country: some system actor whose name or mention texts match a form has the gold
  country (score.py's `actors` share; over gold actors with a country);
- split: the linked mentions belong to more than one system actor;
- conflated: a system actor holding this gold actor's mentions also holds mentions
  linked to another gold actor;
- merged right: found, neither split nor conflated.

**Corpus** (`shared/data/plover-events-de`, dev split by default): every event actor or
recipient with a span in its sentence and a `name` is a reference (a span referenced by
several events counts once). A reference is a *pronoun* (all of its words are pronouns:
er, sie, ihm, dieser, dessen, seine, wir, man ...), a *name* (its text contains the name,
or a word of the name of 4 letters or more, or the name contains the text; as whole
words, genitive -s allowed), or else a *description* ("der Kremlchef", "die Regierung in
Kiew"). For each, the actor at the span (`actor_at`) is *resolved* when there is one and
*right* when its name or one of its mention texts matches the gold name as score.py's
`side_matches` does (case-insensitive, genitive -s). Pronouns are not actor mentions: their
actor is the one whose `references` (actors/coref.py) hold them.

With -v every error is listed. The last line is `SUMMARY {json}` with the figures.
Matching re-implements the small part of shared/eval/score.py it needs.
"""
from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from ..document import Actor, Document
from ..scoring import QUOTES, contains_word, norm, side_matches
from . import actor_at

KINDS = ("PER", "ORG", "LOC", "GRP")
CORPUS_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "plover-events-de"

# --- matching, as shared/eval/score.py (the string matching is lagebild/scoring.py) ---

def actor_strings(actor: Actor) -> list[str]:
    return [actor.name] + [m.text for m in actor.mentions]


# --- gold occurrences -------------------------------------------------------------------

def form_spans(text: str, form: str) -> list[tuple[int, int]]:
    """Where a form occurs in the text as whole words (case-insensitive, genitive -s)."""
    parts = [re.escape(w) for w in norm(form).split()]
    if not parts:
        return []
    pattern = r"(?<!\w)" + r"\s+".join(parts) + r"(?:s|'s)?(?!\w)"
    flat = unicodedata.normalize("NFC", text).translate(QUOTES)
    if len(flat) != len(text):
        flat = text
    return [m.span() for m in re.finditer(pattern, flat, re.IGNORECASE)]


def gold_forms(gold_actors: dict) -> dict[str, set[str]]:
    """Each gold actor's forms (key and aliases), less the forms two of them share."""
    forms = {k: {norm(f) for f in [k, *((v or {}).get("aliases") or [])] if norm(f)} for k, v in gold_actors.items()}
    count = Counter(f for fs in forms.values() for f in fs)
    return {k: {f for f in fs if count[f] == 1} for k, fs in forms.items()}


def gold_occurrences(text: str, gold_actors: dict) -> dict[str, list[tuple[int, int]]]:
    """Gold actor → the spans where its forms occur (nested ones too: "Präsident Irans"
    holds an occurrence of Iran)."""
    out = {k: sorted({sp for f in fs for sp in form_spans(text, f)}) for k, fs in gold_forms(gold_actors).items()}
    return {k: v for k, v in out.items() if v}


def _modifier(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Span a is only the hyphenated first part of span b ("US" of "US-Präsidenten")."""
    return a[0] == b[0] and a[1] < b[1] and text[a[1]:a[1] + 1] == "-"


def _links(doc: Document, actor: Actor, ms: tuple[int, int], sp: tuple[int, int], gold_type: str) -> bool:
    """Whether a mention may stand for an occurrence it overlaps: not as a hyphenated
    first part of it or of the mention, and not as a country's name inside the form of
    another kind of actor ("Präsident Irans", "Piratenpartei Deutschland"; "Regierung"
    in "Regierung Balkenende" does link)."""
    if min(sp[1], ms[1]) <= max(sp[0], ms[0]) or _modifier(doc.text, sp, ms) or _modifier(doc.text, ms, sp):
        return False
    inside = sp[0] <= ms[0] and ms[1] <= sp[1] and ms != sp
    named = side_matches([doc.text[ms[0]:ms[1]]], [actor.name])
    return not (inside and named and actor.kind == "country" and gold_type != "LOC")


def link_mentions(doc: Document, occ: dict[str, list[tuple[int, int]]],
                  types: dict[str, str]) -> list[tuple[str, Actor, str]]:
    """(gold key, system actor, mention text) for every system mention linked to an
    occurrence: the one most like it (overlap over union; ties: the one ending nearest
    the mention's end) among those it may stand for (`_links`)."""
    spans = [(sp, k) for k, v in occ.items() for sp in v]
    links = []
    for actor in doc.actors:
        for m in actor.mentions:
            ms, best = (m.start, m.end), None
            for sp, k in spans:
                if not _links(doc, actor, ms, sp, types.get(k) or "GRP"):
                    continue
                ov = min(sp[1], m.end) - max(sp[0], m.start)
                key = (ov / (max(sp[1], m.end) - min(sp[0], m.start)), -abs(m.end - sp[1]))
                if best is None or key > best[0]:
                    best = (key, k)
            if best is not None:
                links.append((best[1], actor, m.text))
    return links


# --- per gold actor -----------------------------------------------------------------

@dataclass
class Judged:
    article: str
    key: str
    kind: str
    found: bool
    country: Optional[bool]          # None: the gold actor has no country
    split: bool
    conflated: bool
    detail: list[str] = field(default_factory=list)

    @property
    def merged(self) -> bool:
        return self.found and not self.split and not self.conflated


def _describe(actor: Actor, texts: Iterable[str]) -> str:
    return f"{actor.name} [{actor.kind}, {actor.country}] ({', '.join(sorted(set(texts)))})"


def judge_article(name: str, doc: Document, gold_actors: dict) -> list[Judged]:
    occ = gold_occurrences(doc.text, gold_actors)
    links = link_mentions(doc, occ, {k: (v or {}).get("type") for k, v in gold_actors.items()})
    holders: dict[str, dict[str, list[str]]] = {}          # gold key → actor id → mention texts
    for k, a, t in links:
        holders.setdefault(k, {}).setdefault(a.id, []).append(t)
    by_id = {a.id: a for a in doc.actors}
    out = []
    for key in occ:
        info = gold_actors[key] or {}
        mine = holders.get(key, {})
        others = {k for k, a, _ in links if k != key and a.id in mine}
        country, matching = _country_check(doc, key, info)
        j = Judged(name, key, info.get("type") or "GRP", bool(mine), country, len(mine) > 1, bool(others))
        j.detail = [_describe(by_id[i], ts) for i, ts in mine.items()]
        if others:
            j.detail.append("also holds " + ", ".join(sorted(others)))
        if country is False:
            j.detail.append(f"gold country {info['country']}; matching actors: "
                            + ("; ".join(f"{a.name}={a.country}" for a in matching) or "none"))
        out.append(j)
    return out


def _country_check(doc: Document, key: str, info: dict) -> tuple[Optional[bool], list[Actor]]:
    """score.py's actors measure: a system actor matching a form has the gold country
    (None where the gold actor has none); and the system actors that match a form."""
    forms = [key, *(info.get("aliases") or [])]
    matching = [a for a in doc.actors if side_matches(actor_strings(a), forms)]
    if not info.get("country"):
        return None, matching
    return any(a.country == info["country"] for a in matching), matching


def _errors(j: Judged) -> list[str]:
    kinds = ([] if j.found else ["missed"]) + (["split"] if j.split else []) + \
        (["conflated"] if j.conflated else []) + (["country"] if j.country is False else [])
    return kinds


def gold_figures(judged: list[Judged]) -> dict:
    """Per gold type and overall: the counts of each measure."""
    out = {}
    for kind in (*KINDS, "all"):
        js = [j for j in judged if kind in ("all", j.kind)]
        out[kind] = {"gold": len(js), "found": sum(j.found for j in js),
                     "with_country": sum(j.country is not None for j in js),
                     "right_country": sum(bool(j.country) for j in js),
                     "merged_right": sum(j.merged for j in js), "split": sum(j.split for j in js),
                     "conflated": sum(j.conflated for j in js)}
    return out


def _share(n: int, d: int) -> str:
    return f"{n:4}/{d:<4} {n / d if d else 0:.3f}"


def print_gold(figures: dict, judged: list[Judged], verbose: bool) -> None:
    print(f"{'kind':5} {'gold':>4}  {'found':15} {'right country':15} {'merged right':15} {'split':>5} {'conflated':>9}")
    for kind, f in figures.items():
        print(f"{kind:5} {f['gold']:4}  {_share(f['found'], f['gold'])} {_share(f['right_country'], f['with_country'])} "
              f"{_share(f['merged_right'], f['gold'])} {f['split']:5} {f['conflated']:9}")
    if verbose:
        print("\nerrors (article, gold actor, type: what went wrong; system actors and their linked mentions):")
        for j in judged:
            errs = _errors(j)
            if errs:
                print(f"  {j.article}  {j.key} [{j.kind}]  {'/'.join(errs)}: " + " | ".join(j.detail))


def gold_articles(dirs: list[Path]) -> list[tuple[str, str, Optional[str], dict]]:
    """(name, text, publication date, actors of the key) for every key in the folders."""
    out = []
    for d in dirs:
        for gp in sorted(Path(d).glob("*.gold.json")):
            gold = json.loads(gp.read_text("utf-8"))
            text = (gp.parent / (gold.get("doc") or gp.name.replace(".gold.json", ".txt"))).read_text("utf-8")
            if gold.get("actors"):
                out.append((f"{Path(d).name}/{gp.name[:-len('.gold.json')]}", text,
                            gold.get("publication_date"), gold["actors"]))
    return out


def analyse(items: list[tuple[str, str, Optional[str]]]) -> list[Optional[Document]]:
    """The pipeline's documents for (id, text, published); None for an article it refused."""
    import sys

    import lagebild
    docs = []
    for d in lagebild.analyze_many([{"id": i, "text": t, "published": p} for i, t, p in items]):
        if isinstance(d, lagebild.Failure):
            print(f"lagebild: article {d.id}: {d.message}", file=sys.stderr)
            d = None
        docs.append(d)
    return docs


def evaluate_gold(dirs: list[Path], verbose: bool = False) -> dict:
    articles = gold_articles(dirs)
    docs = analyse([(name, text, date) for name, text, date, _ in articles])
    judged = [j for (name, _, _, actors), doc in zip(articles, docs) if doc is not None
              for j in judge_article(name, doc, actors)]
    figures = gold_figures(judged)
    print(f"{len(articles)} articles with gold actors ({sum(d is None for d in docs)} refused by the pipeline)")
    print_gold(figures, judged, verbose)
    return figures


# --- the event corpus's references --------------------------------------------------

PRONOUNS = frozenset("""
er sie es ihn ihm ihr ihnen ich mich mir du dich dir wir uns euch man sich selbst selber
dieser diese dieses diesem diesen jener jene jenes jenem jenen der die das den dem des deren
dessen denen derer welcher welche welches welchem welchen derselbe dieselbe denselben demselben
sein seine seiner seinem seinen seines ihre ihrer ihrem ihren ihres unser unsere unserer
unserem unseren unseres euer eure letzterer letztere letzteren ersterer erstere ersteren
""".split())


def _words(s: str) -> list[str]:
    return re.findall(r"\w+", norm(s))


def classify(text: str, name: str) -> str:
    """pronoun, name or description: how a reference's text refers to its gold name."""
    words = _words(text)
    if words and all(w in PRONOUNS for w in words):
        return "pronoun"
    if contains_word(text, name) or contains_word(name, text):
        return "name"
    if any(len(w) >= 4 and (w in words or w + "s" in words) for w in _words(name)):
        return "name"
    return "description"


@dataclass
class Reference:
    article: str
    start: int
    end: int
    text: str
    name: str
    cls: str
    sentence: str
    at: int                          # where the span starts in the sentence


def corpus_references(article) -> list[Reference]:
    """Every actor or recipient span with a name, once per span and name."""
    out: dict[tuple, Reference] = {}
    for ev in article.events:
        s0, e0 = article.sentences[ev.sentence]
        for side in (*ev.actor, *ev.recipient):
            if side.start is None or side.end is None or not side.name:
                continue
            text = article.text[side.start:side.end]
            out.setdefault((side.start, side.end, side.name), Reference(
                article.id, side.start, side.end, text, side.name, classify(text, side.name),
                article.text[s0:e0], side.start - s0))
    return sorted(out.values(), key=lambda r: r.start)


def judge_reference(doc: Document, ref: Reference) -> tuple[Optional[Actor], bool]:
    """The system actor at the span, and whether it is the gold name: the actors whose
    references (pronouns, "die beiden …") cover a pronoun's or description's span where there
    are any, else the actor of the mention there."""
    referred = [a for a in doc.actors if any(r.start < ref.end and ref.start < r.end for r in a.references)]
    if referred and ref.cls != "name":   # a pronoun, "die beiden Parteien" (a reference in each of two actors)
        right = [a for a in referred if side_matches(actor_strings(a), [ref.name])]
        return (right or referred)[0], bool(right)
    actor = actor_at(doc, ref.start, ref.end)
    return actor, actor is not None and side_matches(actor_strings(actor), [ref.name])


def _snippet(ref: Reference, width: int = 60) -> str:
    s, i = ref.sentence, ref.at
    a, b = max(0, i - width), i + len(ref.text) + width
    return ("…" if a else "") + s[a:i] + "[" + s[i:i + len(ref.text)] + "]" + s[i + len(ref.text):b] + \
        ("…" if b < len(s) else "")


CLASSES = ("name", "description", "pronoun")


def corpus_figures(rows: list[tuple[Reference, Optional[Actor], bool]]) -> dict:
    out = {}
    for cls in (*CLASSES, "all"):
        rs = [r for r in rows if cls in ("all", r[0].cls)]
        right = sum(ok for _, _, ok in rs)
        out[cls] = {"references": len(rs), "resolved": sum(a is not None for _, a, _ in rs), "right": right,
                    "accuracy": round(right / len(rs), 3) if rs else None}
    return out


def print_corpus(figures: dict, rows: list, verbose: bool) -> None:
    print(f"{'class':12} {'refs':>5} {'resolved':>14} {'right':>14}")
    for cls, f in figures.items():
        n = f["references"]
        print(f"{cls:12} {n:5} {_share(f['resolved'], n):>14} {_share(f['right'], n):>14}")
    if verbose:
        for cls in CLASSES:
            wrong = [(r, a) for r, a, ok in rows if r.cls == cls and not ok]
            print(f"\nwrong {cls} references ({len(wrong)}): [span] → gold name / system actor")
            for r, a in wrong:
                got = f"{a.name} [{a.kind}]" if a is not None else "no actor"
                print(f"  {r.article}  {_snippet(r)}\n      {r.text!r} → {r.name!r} / {got}")


def evaluate_corpus(split: str = "dev", limit: Optional[int] = None, verbose: bool = False) -> dict:
    from ..events.corpus import read_articles
    articles = list(read_articles(CORPUS_DIR / f"{split}.jsonl"))[:limit]
    docs = analyse([(a.id, a.text, a.published) for a in articles])
    rows = [(ref, *judge_reference(doc, ref)) for a, doc in zip(articles, docs) if doc is not None
            for ref in corpus_references(a)]
    figures = corpus_figures(rows)
    print(f"{len(articles)} articles of plover-events-de/{split}.jsonl, {len(rows)} references")
    print_corpus(figures, rows, verbose)
    return figures


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="lagebild evaluate actors", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="*", type=Path, metavar="DIR", help="folders of *.txt + *.gold.json")
    ap.add_argument("--corpus", action="store_true", help="the references of plover-events-de instead")
    ap.add_argument("--split", choices=("dev", "train"), default="dev", help="with --corpus (default: dev)")
    ap.add_argument("--limit", type=int, metavar="N", help="with --corpus: only the first N articles")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every error")
    args = ap.parse_args(argv)
    if not args.dirs and not args.corpus:
        ap.error("give gold folders, or --corpus")
    summary = {}
    if args.dirs:
        summary["gold"] = evaluate_gold(args.dirs, args.verbose)
    if args.corpus:
        if args.dirs:
            print()
        summary["corpus"] = evaluate_corpus(args.split, args.limit, args.verbose)
    print("SUMMARY " + json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
