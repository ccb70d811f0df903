"""`lagebild train events-extractor`: the learned event extractor's heads
(`lagebild/events/learned.py`) from the annotated event corpus (plover-events-de).

1. Each article of `train.jsonl` and `dev.jsonl` is rebuilt as text and run through the
   pipeline up to actors, keeping the shared encoder's sentence states; the coder's slots
   (actor mentions and resolved pronouns) are the role candidates. Word vectors, labels
   and candidates are cached (`--cache`), so a second run starts at step 2.
2. The heads train on train only: trigger type per word, mode, negated/hypothetical per
   gold trigger word, and actor/recipient/none per (gold trigger, candidate) pair; a
   candidate is the actor (recipient) when its span overlaps a gold actor (recipient) span.
3. The epoch and the thresholds are chosen on dev (trigger+type F1 per word, role F1).
   The heads, thresholds and dev figures are written to `lagebild/events/model/`.

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
from typing import Optional

import torch
from torch import nn

from ...datafiles import cache_dir
from ...document import Document
from ...events import learned
from ...events.corpus import DEFAULT_DIR, Article, read_articles
from ...events.learned import ROLES, TYPES, Candidate, ExtractorHeads, pair_inputs

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


@dataclass
class SentenceRecord:
    vectors: torch.Tensor       # (words, hidden), float16
    labels: list[int]           # per word: index into TYPES
    cands: list[tuple[int, int, bool]]
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
        docs = [Document.new(a.text, published=a.published, id=a.id) for a in part]
        for _, function in pipe.stages:
            many = getattr(function, "many", None)
            if many is not None:
                many(docs)
            else:
                for d in docs:
                    function(d)
        for a, d, enc in zip(part, docs, sentence_states(docs)):
            states = dict(zip((s.start for s in encoded_sentences(d)), enc))
            for sentence, tokens, slots in sentence_slots(d):
                if sentence.start < a.sentences[0][0] or sentence.start not in states or not tokens:
                    continue       # the title is not annotated
                out.append(_record(a, sentence, tokens, slots, states[sentence.start]))
        print(f"  featurised {min(b + batch, len(articles))}/{len(articles)} articles "
              f"({time.time() - t0:.0f} s)", file=sys.stderr)
    return out


def _overlap(a: int, b: int, spans) -> bool:
    return any(s is not None and s < b and a < e for s, e in spans)


def _record(article: Article, sentence, tokens, slots, enc) -> SentenceRecord:
    words = [(t.start - sentence.start, t.end - sentence.start) for t in tokens]
    vectors = learned.word_vectors(enc.states, enc.starts, enc.ends, words).half()
    labels = [0] * len(tokens)
    rec = SentenceRecord(vectors=vectors, labels=labels, cands=[(lo, hi, p) for lo, hi, _, p in slots])
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
        rec.triggers.append(GoldTrigger(hit[0], t, g.mode, g.negated, g.hypothetical, roles))
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

def _pairs(recs: list[SentenceRecord]):
    trig, cand, dist, flags, types, labels = [], [], [], [], [], []
    for r in recs:
        v = r.vectors.float()
        cands = [Candidate(lo, hi, "", p) for lo, hi, p in r.cands]
        for g in r.triggers:
            own = [(c, lab) for c, lab in zip(cands, g.roles) if not (c.lo <= g.word < c.hi)]
            if not own:
                continue
            t, c, d, f = pair_inputs(v, g.word, [c for c, _ in own])
            trig.append(t); cand.append(c); dist.append(d); flags.append(f)
            types.append(torch.full((len(own),), g.type)); labels.append(torch.tensor([lab for _, lab in own]))
    if not trig:
        return None
    return tuple(torch.cat(x) for x in (trig, cand, dist, flags, types, labels))


def _words(recs):
    return torch.cat([r.vectors.float() for r in recs]), torch.tensor([x for r in recs for x in r.labels])


def _trigger_rows(recs, modes):
    rows, mode_ids, flag_rows = [], [], []
    for r in recs:
        v = r.vectors.float()
        for g in r.triggers:
            rows.append(v[g.word])
            mode_ids.append(modes.index(g.mode) if g.mode in modes else -100)
            flag_rows.append([float(g.negated), float(g.hypothetical)])
    return torch.stack(rows), torch.tensor(mode_ids), torch.tensor(flag_rows)


def _f1(tp, fp, fn) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def trigger_f1(heads, x, y, threshold: float) -> float:
    with torch.inference_mode():
        p = heads.trigger(x).softmax(-1)
    pred = torch.where(1 - p[:, 0] >= threshold, p[:, 1:].argmax(-1) + 1, torch.zeros_like(y))
    tp = int(((pred == y) & (y > 0)).sum())
    return _f1(tp, int((pred > 0).sum()) - tp, int((y > 0).sum()) - tp)


def role_f1(heads, pairs, threshold: float) -> float:
    if pairs is None:
        return 0.0
    t, c, d, f, ty, lab = pairs
    with torch.inference_mode():
        p = heads.pair_logits(t, c, d, f, ty).softmax(-1)
    pred = torch.where(p[:, 1:].max(-1).values >= threshold, p[:, 1:].argmax(-1) + 1, torch.zeros_like(lab))
    tp = int(((pred == lab) & (lab > 0)).sum())
    return _f1(tp, int((pred > 0).sum()) - tp, int((lab > 0).sum()) - tp)


def train(train_recs, dev_recs, epochs: int, seed: int, lr: float) -> tuple[ExtractorHeads, dict, list]:
    random.seed(seed)
    torch.manual_seed(seed)
    modes = sorted({g.mode for r in train_recs for g in r.triggers if g.mode})
    heads = ExtractorHeads(hidden=train_recs[0].vectors.shape[-1], modes=modes)
    xw, yw = _words(train_recs)
    xt, mt, ft = _trigger_rows(train_recs, modes)
    pairs = _pairs(train_recs)
    dev_x, dev_y = _words(dev_recs)
    dev_pairs = _pairs(dev_recs)
    opt = torch.optim.AdamW(heads.parameters(), lr=lr, weight_decay=0.01)
    ce = nn.CrossEntropyLoss()
    best, best_state, log = -1.0, None, []
    for epoch in range(1, epochs + 1):
        heads.train()
        order = torch.randperm(len(yw))
        pair_order = torch.randperm(len(pairs[-1])) if pairs is not None else torch.zeros(0, dtype=torch.long)
        trig_order = torch.randperm(len(mt))
        steps = (len(order) + 511) // 512
        for s in range(steps):
            idx = order[s * 512:(s + 1) * 512]
            loss = ce(heads.trigger(xw[idx]), yw[idx])
            pi = pair_order[s * len(pair_order) // steps:(s + 1) * len(pair_order) // steps]
            if len(pi) and pairs is not None:
                loss = loss + ce(heads.pair_logits(*(x[pi] for x in pairs[:5])), pairs[5][pi])
            ti = trig_order[s * len(trig_order) // steps:(s + 1) * len(trig_order) // steps]
            if len(ti):
                m = mt[ti]
                if (m >= 0).any():
                    loss = loss + 0.5 * nn.functional.cross_entropy(heads.mode(xt[ti]), m, ignore_index=-100)
                loss = loss + 0.5 * nn.functional.binary_cross_entropy_with_logits(heads.flags(xt[ti]), ft[ti])
            opt.zero_grad()
            loss.backward()
            opt.step()
        heads.eval()
        tf = max((trigger_f1(heads, dev_x, dev_y, th), th) for th in (0.3, 0.4, 0.5, 0.6, 0.7))
        rf = max((role_f1(heads, dev_pairs, th), th) for th in (0.3, 0.4, 0.5, 0.6))
        score = tf[0] + rf[0]
        log.append({"epoch": epoch, "dev_trigger_f1": round(tf[0], 4), "trigger_threshold": tf[1],
                    "dev_role_f1": round(rf[0], 4), "role_threshold": rf[1]})
        print(f"  epoch {epoch}: dev trigger+type F1 {tf[0]:.3f} (threshold {tf[1]}), "
              f"role F1 {rf[0]:.3f} (threshold {rf[1]})", file=sys.stderr)
        if score > best:
            best = score
            best_state = {k: v.detach().clone() for k, v in heads.state_dict().items()}
            chosen = {"trigger_threshold": tf[1], "role_threshold": rf[1], "epoch": epoch,
                      "dev_trigger_f1": round(tf[0], 4), "dev_role_f1": round(rf[0], 4)}
    heads.load_state_dict(best_state)
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
    torch.save({"hidden": heads.trigger[1].in_features, "modes": heads.modes, "settings": settings,
                "state": {k: v.half() for k, v in heads.state_dict().items()}}, path)
    (path.parent / METRICS.name).write_text(json.dumps({"settings": settings, "log": log, **info}, indent=1, ensure_ascii=False),
                       encoding="utf-8")


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="lagebild train events-extractor", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DIR, help="the plover-events-de folder")
    ap.add_argument("--cache", type=Path, default=None, help="folder for the featurised corpus")
    ap.add_argument("--refresh", action="store_true", help="featurise again")
    ap.add_argument("--epochs", type=int, default=25)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=int, help="only the first N articles of each split (a quick run)")
    ap.add_argument("--out", type=Path, default=None, help="write the model here instead of the package")
    args = ap.parse_args(argv)
    cache = args.cache or cache_dir() / "events-extractor"
    tr = list(read_articles(args.data / "train.jsonl"))[:args.limit]
    dv = list(read_articles(args.data / "dev.jsonl"))[:args.limit]
    suffix = f"-{args.limit}" if args.limit else ""
    t0 = time.time()
    train_recs = _features("train", tr, cache / f"train{suffix}.pt", args.refresh)
    dev_recs = _features("dev", dv, cache / f"dev{suffix}.pt", args.refresh)
    t1 = time.time()
    heads, chosen, log = train(train_recs, dev_recs, args.epochs, args.seed, args.lr)
    info = {"train_articles": len(tr), "dev_articles": len(dv), "train_sentences": len(train_recs),
            "dev_sentences": len(dev_recs), "featurise_seconds": round(t1 - t0), "train_seconds": round(time.time() - t1),
            "epochs": args.epochs, "lr": args.lr, "seed": args.seed}
    out = args.out or learned.MODEL_PATH
    save(heads, chosen, log, info, out)
    print(f"wrote {out} (epoch {chosen['epoch']}: dev trigger+type F1 {chosen['dev_trigger_f1']}, "
          f"role F1 {chosen['dev_role_f1']})")
    return 0
