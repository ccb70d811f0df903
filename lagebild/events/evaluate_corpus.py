"""`lagebild evaluate events-corpus [FILE]`: the events layer against the annotated event
corpus (`plover-events-de`, dev split by default), sentence by sentence.

Each article is rebuilt as text (`corpus.rebuild`: title, blank line, the sentences joined
by spaces) and runs through the whole pipeline, since actors need the article around a
sentence; each predicted event belongs to the sentence that holds its trigger (events in
the title, which is not annotated, are left out). Within a sentence, one-to-one and in
text order:

- trigger: a predicted event matches a gold event whose trigger span it overlaps and
  whose types (type and alternative types) hold its type;
- actor / recipient: a predicted event with that side filled is right when it matches a
  gold event by trigger and the sides match; recall is over gold events with the side
  filled. A side matches when a gold name or text is, as whole words, part of the actor's
  name or of one of its mentions, or the other way round;
- full event: the type among the gold types, and both sides matching (an empty side
  matches only an empty side), trigger not required;
- mode: share of trigger matches with a gold mode whose mode is right; negated and
  hypothetical: F1 of the flag over trigger matches.
"""
from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..document import Document, Event
from ..segment import words
from .corpus import DEFAULT_DIR, Article, GoldEvent, Side, read_articles


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    def line(self, name: str) -> str:
        p, r, f = self.prf()
        return f"{name:13} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (tp {self.tp} fp {self.fp} fn {self.fn})"


def _words(text: Optional[str]) -> tuple[str, ...]:
    return tuple(w.lower() for w in words(text or ""))


def _inside(part: tuple, whole: tuple) -> bool:
    n = len(part)
    return n > 0 and any(whole[i:i + n] == part for i in range(len(whole) - n + 1))


def _side_names(doc: Document, ids: list[str]) -> list[tuple[str, ...]]:
    by_id = {a.id: a for a in doc.actors}
    out = []
    for i in ids:
        a = by_id.get(i)
        if a is not None:
            out.append(_words(a.name))
            out.extend(_words(m.text) for m in a.mentions)
    return [x for x in out if x]


def side_matches(doc: Document, ids: list[str], gold: list[Side]) -> bool:
    """Whether a predicted side (actor ids) names one of the gold side's actors."""
    if not ids or not gold:
        return not ids and not gold
    predicted = _side_names(doc, ids)
    for g in gold:
        for form in {_words(g.name), _words(g.text)} - {()}:
            if any(_inside(form, p) or _inside(p, form) for p in predicted):
                return True
    return False


class Scores:
    def __init__(self) -> None:
        self.trigger, self.actor, self.recipient, self.full = Tally(), Tally(), Tally(), Tally()
        self.negated, self.hypothetical = Tally(), Tally()
        self.mode_right = self.mode_total = 0
        self.per_type: dict[str, Tally] = {}

    def add_sentence(self, doc: Document, predicted: list[Event], gold: list[GoldEvent]) -> None:
        pairs = _match(predicted, gold, lambda p, g: _overlaps(p, g) and p.type in g.types)
        self.trigger.tp += len(pairs)
        self.trigger.fp += len(predicted) - len(pairs)
        self.trigger.fn += len(gold) - len(pairs)
        for p in predicted:
            self.per_type.setdefault(p.type, Tally()).fp += 1
        for g in gold:
            self.per_type.setdefault(g.type, Tally()).fn += 1
        for p, g in pairs:
            t = self.per_type[p.type]
            t.fp -= 1
            t.tp += 1
            self.per_type[g.type].fn -= 1
        matched = {id(p): g for p, g in pairs}
        for side, tally in (("actor", self.actor), ("recipient", self.recipient)):
            right = 0
            for p in predicted:
                ids = p.source if side == "actor" else p.target
                if not ids:
                    continue
                g = matched.get(id(p))
                if g is not None and getattr(g, side) and side_matches(doc, ids, getattr(g, side)):
                    right += 1
                else:
                    tally.fp += 1
            tally.tp += right
            tally.fn += sum(1 for g in gold if getattr(g, side)) - right
        full = _match(predicted, gold, lambda p, g: p.type in g.types and side_matches(doc, p.source, g.actor)
                      and side_matches(doc, p.target, g.recipient))
        self.full.tp += len(full)
        self.full.fp += len(predicted) - len(full)
        self.full.fn += len(gold) - len(full)
        for p, g in pairs:
            if g.mode:
                self.mode_total += 1
                self.mode_right += int(p.mode == g.mode)
            for flag, tally in (("negated", self.negated), ("hypothetical", self.hypothetical)):
                mine, theirs = getattr(p, flag), getattr(g, flag)
                tally.tp += int(mine and theirs)
                tally.fp += int(mine and not theirs)
                tally.fn += int(theirs and not mine)

    def report(self) -> str:
        lines = [self.trigger.line("trigger+type"), self.actor.line("actor"), self.recipient.line("recipient"),
                 self.full.line("full event"),
                 f"{'mode':13} accuracy {self.mode_right / self.mode_total if self.mode_total else 0:.3f} "
                 f"({self.mode_right}/{self.mode_total} trigger matches with a gold mode)",
                 self.negated.line("negated"), self.hypothetical.line("hypothetical"), "per type (trigger+type):"]
        for t in sorted(self.per_type):
            lines.append("  " + self.per_type[t].line(t))
        return "\n".join(lines)

    def summary(self) -> dict:
        out = {name: dict(zip("prf", (round(x, 4) for x in getattr(self, name).prf())))
               for name in ("trigger", "actor", "recipient", "full", "negated", "hypothetical")}
        out["mode_accuracy"] = round(self.mode_right / self.mode_total, 4) if self.mode_total else None
        return out


def _overlaps(p: Event, g: GoldEvent) -> bool:
    return p.trigger.start < g.trigger[1] and g.trigger[0] < p.trigger.end


def _match(predicted: list[Event], gold: list[GoldEvent], ok) -> list[tuple[Event, GoldEvent]]:
    pairs, used = [], set()
    for p in sorted(predicted, key=lambda e: e.trigger.start):
        for k, g in enumerate(gold):
            if k not in used and ok(p, g):
                pairs.append((p, g))
                used.add(k)
                break
    return pairs


def by_sentence(article: Article, doc: Document) -> dict[int, list[Event]]:
    out: dict[int, list[Event]] = {}
    for ev in doc.events:
        k = article.sentence_at(ev.trigger.start)
        if k is not None:
            out.setdefault(k, []).append(ev)
    return out


def evaluate(articles: list[Article], docs: list[Document]) -> Scores:
    scores = Scores()
    for article, doc in zip(articles, docs):
        predicted = by_sentence(article, doc)
        gold: dict[int, list[GoldEvent]] = {}
        for g in article.events:
            gold.setdefault(g.sentence, []).append(g)
        for k in range(len(article.sentences)):
            scores.add_sentence(doc, predicted.get(k, []), gold.get(k, []))
    return scores


def analyse(articles: list[Article]) -> list[Document]:
    from ..pipeline import default_pipeline
    from .. import Failure
    items = [{"text": a.text, "published": a.published, "id": a.id} for a in articles]
    docs = []
    for d in default_pipeline().analyze_many(items):
        if isinstance(d, Failure):
            raise SystemExit(f"article {d.id}: {d.message}")
        docs.append(d)
    return docs


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="lagebild evaluate events-corpus", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", type=Path, default=DEFAULT_DIR / "dev.jsonl",
                    help="a split of plover-events-de (default: dev.jsonl)")
    ap.add_argument("--limit", type=int, help="only the first N articles")
    args = ap.parse_args(argv)
    articles = list(read_articles(args.file))[:args.limit]
    scores = evaluate(articles, analyse(articles))
    print(f"{len(articles)} articles, {sum(len(a.sentences) for a in articles)} sentences, "
          f"{sum(len(a.events) for a in articles)} gold events")
    print(scores.report())
    print("SUMMARY " + json.dumps(scores.summary()))
    return 0
