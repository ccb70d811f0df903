"""`lagebild train events-extractor`: the learned event extractor's heads
(`lagebild/events/learned.py`) from the annotated event corpus (plover-events-de).

1. Each article of `train.jsonl` and `dev.jsonl` is rebuilt as text and run through the
   pipeline up to actors, keeping the shared encoder's sentence states; the coder's slots
   (actor mentions and resolved pronouns) are the role candidates. Word vectors, labels
   and candidates are cached (`--cache`), so a second run starts at step 2.
2. The heads train on train only. The word heads: trigger type per word, mode and
   negated/hypothetical per gold trigger word. Then the role reader: actor/recipient/none
   for each candidate of a gold trigger; a candidate is the actor (recipient) when its span
   overlaps a gold actor (recipient) span.
3. Each part's epoch and threshold are chosen on dev: trigger+type F1 per word; the share
   of gold triggers whose actor and recipient are both right. The heads, thresholds and dev
   figures are written to `lagebild/events/model/`.

The corpus is CC BY-NC-SA 4.0 (Wikinews text, annotations for research): the model card
says so.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

import torch
from torch import nn

from ...datafiles import cache_dir
from ...document import Document
from ...events import learned
from ...events.corpus import DEFAULT_DIR, Article, read_articles
from ...events.learned import TYPES, ExtractorHeads, SentenceWords

CARD = learned.MODEL_PATH.parent / "EXTRACTOR_CARD.md"
METRICS = learned.MODEL_PATH.parent / "extractor-metrics.json"


@dataclass
class GoldTrigger:
    word: int
    type: int
    mode: Optional[str]
    negated: bool
    hypothetical: bool
    roles: list[int]            # per candidate: index into ROLES
    ruled: list[int]            # per candidate: what the rules read it as (learned.RULED_* bits)


@dataclass
class SentenceRecord:
    vectors: torch.Tensor       # (words, hidden), float16
    labels: list[int]           # per word: index into TYPES
    cands: list[tuple[int, int, bool]]
    lemmas: list[str]           # per word, lower case
    tags: list[str]
    rules: list[int]            # per word: the trigger lexicon's type (index into TYPES)
    triggers: list[GoldTrigger] = field(default_factory=list)


def featurize(articles: list[Article], batch: int = 16) -> list[SentenceRecord]:
    from ...encoder import encoded_sentences, sentence_states
    from ...events import sentence_slots
    from ...pipeline import Pipeline
    pipe = Pipeline(until="actors")
    out: list[SentenceRecord] = []
    t0 = time.time()
    for b in range(0, len(articles), batch):
        part = articles[b:b + batch]
        docs = pipe.run_many([Document.new(a.text, published=a.published, id=a.id) for a in part],
                             keep=("encoded",))
        for a, d, enc in zip(part, docs, sentence_states(docs)):
            states = dict(zip((s.start for s in encoded_sentences(d)), enc))
            for sentence, tokens, slots, matches, rule_sides in sentence_slots(d):
                if sentence.start < a.sentences[0][0] or sentence.start not in states or not tokens:
                    continue       # the title is not annotated
                out.append(_record(a, sentence, tokens, slots, matches, rule_sides, states[sentence.start]))
        print(f"  featurised {min(b + batch, len(articles))}/{len(articles)} articles "
              f"({time.time() - t0:.0f} s)", file=sys.stderr)
    return out


def _overlap(a: int, b: int, spans) -> bool:
    return any(s is not None and s < b and a < e for s, e in spans)


def _record(article: Article, sentence, tokens, slots, matches, rule_sides, enc) -> SentenceRecord:
    vectors = learned.sentence_vectors(enc, sentence, tokens).half()
    labels = [0] * len(tokens)
    rec = SentenceRecord(vectors=vectors, labels=labels, cands=[(lo, hi, p) for lo, hi, _, p in slots],
                         lemmas=[(t.lemma or t.text).lower() for t in tokens], tags=[t.pos for t in tokens],
                         rules=learned.rule_types(len(tokens), matches).tolist())
    for g in article.events:
        a, b = g.trigger
        if not (sentence.start <= a and b <= sentence.end):
            continue
        hit = [i for i, t in enumerate(tokens) if t.start < b and a < t.end]
        if not hit:
            continue
        t = TYPES.index(g.type)
        for i in hit:
            if labels[i] == 0:
                labels[i] = t
        actors = [(s.start, s.end) for s in g.actor]
        recipients = [(s.start, s.end) for s in g.recipient]
        roles = []
        for lo, hi, _, _ in slots:
            s, e = tokens[lo].start, tokens[hi - 1].end
            roles.append(1 if _overlap(s, e, actors) else 2 if _overlap(s, e, recipients) else 0)
        ruled = learned.ruled([a for _, _, a, _ in slots], rule_sides(hit[0], g.type))
        rec.triggers.append(GoldTrigger(hit[0], t, g.mode, g.negated, g.hypothetical, roles, ruled))
    return rec


def _features(split: str, articles: list[Article], path: Path, refresh: bool) -> list[SentenceRecord]:
    if path.exists() and not refresh:
        return torch.load(path, weights_only=False)
    print(f"featurising {split}: {len(articles)} articles", file=sys.stderr)
    recs = featurize(articles)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(recs, path)
    return recs


# --- training ------------------------------------------------------------------------

class Corpus:
    """A featurised split as flat tensors for the word heads (every word, every gold
    trigger word), and the gold triggers with their candidates for the role reader."""

    def __init__(self, recs: list[SentenceRecord], heads: ExtractorHeads):
        self.x = torch.cat([r.vectors.float() for r in recs])
        self.y = torch.tensor([v for r in recs for v in r.labels])
        lemma_ids, tag_ids, rule_ids, offsets = [], [], [], []
        pos = 0
        for r in recs:
            lemma_ids += [heads._lemma_ids.get(w, 0) for w in r.lemmas]
            tag_ids += [heads._tag_ids.get(t, 0) for t in r.tags]
            rule_ids += r.rules
            offsets.append(pos)
            pos += len(r.labels)
        self.lemma, self.tag, self.rule = (torch.tensor(v, dtype=torch.long) for v in (lemma_ids, tag_ids, rule_ids))
        modes = heads.modes
        self.trig_word, self.trig_mode, self.trig_flags = [], [], []
        self.role_items: list[tuple[SentenceWords, GoldTrigger, list[tuple[int, int, bool, int]], torch.Tensor]] = []
        std = heads.standardise(self.x)
        for r, off in zip(recs, offsets):
            n = len(r.labels)
            words = SentenceWords(std[off:off + n], self.lemma[off:off + n], self.tag[off:off + n],
                                  self.rule[off:off + n])
            for g in r.triggers:
                self.trig_word.append(off + g.word)
                self.trig_mode.append(modes.index(g.mode) if g.mode in modes else -100)
                self.trig_flags.append([float(g.negated), float(g.hypothetical)])
                own = [((*c, ruled), lab) for c, lab, ruled in zip(r.cands, g.roles, g.ruled)
                       if not (c[0] <= g.word < c[1])]
                self.role_items.append((words, g, [c for c, _ in own], torch.tensor([lab for _, lab in own])))
        self.trig_word = torch.tensor(self.trig_word, dtype=torch.long)
        self.trig_mode = torch.tensor(self.trig_mode, dtype=torch.long)
        self.trig_flags = torch.tensor(self.trig_flags)

    def features(self, heads: ExtractorHeads, idx: torch.Tensor) -> torch.Tensor:
        return heads.words(self.x[idx], self.lemma[idx], self.tag[idx], self.rule[idx])


def _f1(tp, fp, fn) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def trigger_f1(heads, corpus: Corpus, threshold: float) -> float:
    with torch.inference_mode():
        p = heads.trigger(corpus.features(heads, torch.arange(len(corpus.y)))).softmax(-1)
    y = corpus.y
    pred = torch.where(1 - p[:, 0] >= threshold, p[:, 1:].argmax(-1) + 1, torch.zeros_like(y))
    tp = int(((pred == y) & (y > 0)).sum())
    return _f1(tp, int((pred > 0).sum()) - tp, int((y > 0).sum()) - tp)


def sides_right(heads, corpus: Corpus, thresholds: Sequence[float]) -> list[float]:
    """Per threshold: the share of gold triggers whose actor and recipient are both right,
    picked as `learned.find` picks them (`learned.pick_sides`); a side no candidate fills
    is right when the gold side is no candidate either."""
    right = [0] * len(thresholds)
    with torch.inference_mode():
        for words, g, cands, labels in corpus.role_items:
            probs = heads.roles(words, g.word, g.type, cands).softmax(-1) if cands else None
            gold = {r: set((labels == r).nonzero().flatten().tolist()) for r in (1, 2)}
            for k, th in enumerate(thresholds):
                picked = learned.pick_sides(probs, th) if probs is not None else {}
                right[k] += all((picked.get(r) in gold[r]) if gold[r] else r not in picked for r in (1, 2))
    n = max(1, len(corpus.role_items))
    return [x / n for x in right]


def vocabulary(recs: list[SentenceRecord], min_count: int = 2) -> tuple[list[str], list[str]]:
    from collections import Counter
    lemmas = Counter(w for r in recs for w in r.lemmas)
    tags = Counter(t for r in recs for t in r.tags)
    return sorted(w for w, c in lemmas.items() if c >= min_count), sorted(tags)


def _best_state(module: nn.Module) -> dict:
    return {k: v.detach().clone() for k, v in module.state_dict().items()}


def train_word_heads(heads: ExtractorHeads, tr: Corpus, dv: Corpus, epochs: int, lr: float, log: list) -> dict:
    """Trigger, mode and negated/hypothetical heads; the epoch and the trigger threshold
    with the best dev trigger+type F1 per word."""
    params = [p for name, p in heads.named_parameters() if not name.startswith("roles.")]
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    ce = nn.CrossEntropyLoss()
    best, best_state, chosen = -1.0, None, {}
    for epoch in range(1, epochs + 1):
        heads.train()
        order = torch.randperm(len(tr.y))
        trig_order = torch.randperm(len(tr.trig_word))
        steps = (len(order) + 511) // 512
        for s in range(steps):
            idx = order[s * 512:(s + 1) * 512]
            loss = ce(heads.trigger(tr.features(heads, idx)), tr.y[idx])
            ti = trig_order[s * len(trig_order) // steps:(s + 1) * len(trig_order) // steps]
            if len(ti):
                f = tr.features(heads, tr.trig_word[ti])
                m = tr.trig_mode[ti]
                if (m >= 0).any():
                    loss = loss + 0.5 * nn.functional.cross_entropy(heads.mode(f), m, ignore_index=-100)
                loss = loss + 0.5 * nn.functional.binary_cross_entropy_with_logits(heads.flags(f), tr.trig_flags[ti])
            opt.zero_grad()
            loss.backward()
            opt.step()
        heads.eval()
        tf = max((trigger_f1(heads, dv, th), th) for th in (0.3, 0.4, 0.5, 0.6, 0.7))
        log.append({"part": "word heads", "epoch": epoch, "dev_trigger_f1": round(tf[0], 4), "trigger_threshold": tf[1]})
        print(f"  word heads, epoch {epoch}: dev trigger+type F1 {tf[0]:.3f} (threshold {tf[1]})", file=sys.stderr)
        if tf[0] > best:
            best, best_state = tf[0], _best_state(heads)
            chosen = {"trigger_threshold": tf[1], "epoch": epoch, "dev_trigger_f1": round(tf[0], 4)}
    heads.load_state_dict(best_state)
    return chosen


ROLE_THRESHOLDS = (0.3, 0.4, 0.5, 0.6)


def train_role_reader(heads: ExtractorHeads, tr: Corpus, dv: Corpus, epochs: int, lr: float, log: list,
                      batch: int = 16) -> dict:
    """The role reader, one gold trigger at a time (a batch sums 16 of them); the epoch and
    the role threshold with the most dev triggers whose two sides are both right."""
    reader = heads.roles
    opt = torch.optim.AdamW(reader.parameters(), lr=lr, weight_decay=0.01)
    ce = nn.CrossEntropyLoss()
    items = [it for it in tr.role_items if len(it[2])]
    best, best_state, chosen = -1.0, None, {}
    for epoch in range(1, epochs + 1):
        reader.train()
        random.shuffle(items)
        for b in range(0, len(items), batch):
            loss = sum(ce(reader(words, g.word, g.type, cands), labels) for words, g, cands, labels in items[b:b + batch])
            opt.zero_grad()
            loss.backward()
            opt.step()
        reader.eval()
        both = sides_right(heads, dv, ROLE_THRESHOLDS)
        k = max(range(len(both)), key=lambda i: both[i])
        log.append({"part": "role reader", "epoch": epoch, "dev_sides_right": round(both[k], 4),
                    "role_threshold": ROLE_THRESHOLDS[k]})
        print(f"  role reader, epoch {epoch}: dev triggers with both sides right {both[k]:.3f} "
              f"(threshold {ROLE_THRESHOLDS[k]})", file=sys.stderr)
        if both[k] > best:
            best, best_state = both[k], _best_state(reader)
            chosen = {"role_threshold": ROLE_THRESHOLDS[k], "role_epoch": epoch, "dev_sides_right": round(both[k], 4)}
    reader.load_state_dict(best_state)
    return chosen


WORD_HEAD_SETTINGS = ("trigger_threshold", "epoch", "dev_trigger_f1")


def train(train_recs, dev_recs, epochs: int, seed: int, lr: float, role_epochs: Optional[int] = None,
          word_heads: Optional[tuple[ExtractorHeads, dict]] = None) -> tuple[ExtractorHeads, dict, list]:
    """The heads and their settings; with `word_heads` (a model and its settings), its word
    heads are kept and only the role reader is trained anew."""
    random.seed(seed)
    torch.manual_seed(seed)
    log: list = []
    if word_heads is None:
        modes = sorted({g.mode for r in train_recs for g in r.triggers if g.mode})
        lemmas, tags = vocabulary(train_recs)
        heads = ExtractorHeads(hidden=train_recs[0].vectors.shape[-1], modes=modes, lemmas=lemmas, tags=tags)
        x = torch.cat([r.vectors.float() for r in train_recs])
        heads.mu.copy_(x.mean(0))
        heads.sd.copy_(x.std(0) + 1e-6)
        tr, dv = Corpus(train_recs, heads), Corpus(dev_recs, heads)
        chosen = train_word_heads(heads, tr, dv, epochs, lr, log)
    else:
        kept, kept_settings = word_heads
        heads = ExtractorHeads(hidden=int(kept.mu.shape[0]), modes=kept.modes, lemmas=kept.lemmas, tags=kept.tags)
        heads.load_state_dict({k: v for k, v in kept.state_dict().items() if not k.startswith("roles.")}, strict=False)
        tr, dv = Corpus(train_recs, heads), Corpus(dev_recs, heads)
        chosen = {k: kept_settings[k] for k in WORD_HEAD_SETTINGS}
        log.append({"part": "word heads", "kept": True, **chosen})
    chosen |= train_role_reader(heads, tr, dv, role_epochs or epochs, lr, log)
    heads.eval()
    modes_of: dict[str, list[str]] = {}
    for r in train_recs:
        for g in r.triggers:
            if g.mode and g.mode not in modes_of.setdefault(TYPES[g.type], []):
                modes_of[TYPES[g.type]].append(g.mode)
    chosen["modes_of"] = modes_of
    return heads, chosen, log


def save(heads: ExtractorHeads, settings: dict, log: list, info: dict, path: Path = learned.MODEL_PATH) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"hidden": heads.mu.shape[0], "modes": heads.modes, "lemmas": heads.lemmas, "tags": heads.tags,
                "settings": settings,
                "state": {k: v.half() for k, v in heads.state_dict().items()}}, path)
    (path.parent / METRICS.name).write_text(json.dumps({"settings": settings, "log": log, **info}, indent=1, ensure_ascii=False),
                       encoding="utf-8")


def _read_model(path: Path) -> tuple[ExtractorHeads, dict]:
    """A saved model's heads (its role reader, of any shape, left out) and settings."""
    saved = torch.load(path, map_location="cpu", weights_only=False)
    heads = ExtractorHeads(hidden=saved["hidden"], modes=saved["modes"], lemmas=saved["lemmas"], tags=saved["tags"])
    heads.load_state_dict({k: v.float() for k, v in saved["state"].items() if not k.startswith("roles.")}, strict=False)
    return heads, saved["settings"]


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="lagebild train events-extractor", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DIR, help="the plover-events-de folder")
    ap.add_argument("--cache", type=Path, default=None, help="folder for the featurised corpus")
    ap.add_argument("--refresh", action="store_true", help="featurise again")
    ap.add_argument("--epochs", type=int, default=25, help="epochs of the word heads")
    ap.add_argument("--role-epochs", type=int, default=14, help="epochs of the role reader")
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=int, help="only the first N articles of each split (a quick run)")
    ap.add_argument("--out", type=Path, default=None, help="write the model here instead of the package")
    ap.add_argument("--keep-word-heads", type=Path, metavar="MODEL",
                    help="keep the word heads (trigger, mode, flags) of this model and train only the role "
                         "reader, so that the default output (modes) stays as it is")
    args = ap.parse_args(argv)
    cache = args.cache or cache_dir() / "events-extractor"
    tr = list(read_articles(args.data / "train.jsonl"))[:args.limit]
    dv = list(read_articles(args.data / "dev.jsonl"))[:args.limit]
    suffix = f"-{args.limit}" if args.limit else ""
    t0 = time.time()
    train_recs = _features("train", tr, cache / f"train{suffix}.pt", args.refresh)
    dev_recs = _features("dev", dv, cache / f"dev{suffix}.pt", args.refresh)
    t1 = time.time()
    kept = _read_model(args.keep_word_heads) if args.keep_word_heads else None
    heads, chosen, log = train(train_recs, dev_recs, args.epochs, args.seed, args.lr, args.role_epochs, kept)
    info = {"train_articles": len(tr), "dev_articles": len(dv), "train_sentences": len(train_recs),
            "dev_sentences": len(dev_recs), "featurise_seconds": round(t1 - t0), "train_seconds": round(time.time() - t1),
            "epochs": args.epochs, "role_epochs": args.role_epochs, "lr": args.lr, "seed": args.seed,
            "word_heads_kept_from": str(args.keep_word_heads) if kept else None}
    out = args.out or learned.MODEL_PATH
    save(heads, chosen, log, info, out)
    print(f"wrote {out} (word heads epoch {chosen['epoch']}: dev trigger+type F1 {chosen['dev_trigger_f1']}; "
          f"role reader epoch {chosen['role_epoch']}: both sides right {chosen['dev_sides_right']})")
    return 0
