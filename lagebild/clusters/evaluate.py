"""Pairwise precision, recall and F1 of the document and event clustering on the test set
that `eval/clusters/build.py` makes (near-copies, shortened and rewritten versions of the
repository's articles, among unrelated ones; see eval/clusters/README.md).

    python -m lagebild.clusters.evaluate [--set eval/clusters] [--store PATH] [--errors]

The articles are analysed into a store (a temporary SQLite file, or `--store`, which keeps
the analysis for the next call), the clusters rebuilt, and every pair of documents (of
event mentions) scored: a true positive is a pair in one cluster that the truth says is
one group. The event truth is the rule in truth.json, applied to the mentions the
pipeline extracted, so that the figures measure the clustering, not the extraction.
"""
from __future__ import annotations

import argparse
import json
import re
import tempfile
from collections import Counter, defaultdict
from math import comb
from pathlib import Path
from typing import Hashable, Optional

from sqlalchemy import select
from sqlalchemy.engine import Engine

from ..store import tables as t

SET = Path(__file__).resolve().parents[2] / "eval" / "clusters"


def pairwise(predicted: dict[Hashable, Hashable], truth: dict[Hashable, Hashable]) -> dict:
    """Pair counts and precision/recall/F1 over the items of `truth` (each item: its
    cluster label in `predicted`, its group label in `truth`; an item missing from
    `predicted` is a cluster of its own)."""
    cells = Counter((predicted.get(x, ("alone", x)), truth[x]) for x in truth)
    pred_sizes = Counter(predicted.get(x, ("alone", x)) for x in truth)
    true_sizes = Counter(truth.values())
    tp = sum(comb(n, 2) for n in cells.values())
    pred_pairs = sum(comb(n, 2) for n in pred_sizes.values())
    true_pairs = sum(comb(n, 2) for n in true_sizes.values())
    precision = tp / pred_pairs if pred_pairs else 1.0
    recall = tp / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"items": len(truth), "true_pairs": true_pairs, "predicted_pairs": pred_pairs, "correct_pairs": tp,
            "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _norm(text: str) -> str:
    return " ".join(text.split())


def _stored_events(engine: Engine) -> dict[str, list[dict]]:
    """external id of the document → its events (type, trigger, sentence, actor names)."""
    e, d, ea, da = t.events, t.documents, t.event_actors, t.document_actors
    with engine.connect() as conn:
        texts = {r.key: (r.external_id, r.text) for r in conn.execute(select(d.c.key, d.c.external_id, d.c.text))}
        names = defaultdict(list)
        for r in conn.execute(select(ea.c.event_id, ea.c.role, da.c.name)
                              .join(da, (da.c.doc_key == ea.c.doc_key) & (da.c.local_id == ea.c.local_id))
                              .order_by(ea.c.event_id, ea.c.role, ea.c.position)):
            names[r.event_id, r.role].append(r.name)
        found = defaultdict(list)
        for r in conn.execute(select(e).order_by(e.c.doc_key, e.c.trigger_start, e.c.id)):
            external, text = texts[r.doc_key]
            found[external].append({"id": r.id, "type": r.type, "trigger": r.trigger,
                                    "sentence": _norm(text[r.sentence_start:r.sentence_end]),
                                    "actors": (tuple(names[r.id, "source"]), tuple(names[r.id, "target"])),
                                    "position": r.trigger_start / max(len(text), 1)})
    return found


def _match(variant: list[dict], original: list[dict]) -> list[tuple[str, str]]:
    """One-to-one pairs (variant event, original event) that the truth rule calls the same
    event: same type and trigger and the same (or, edited, a similar) sentence."""
    scored = []
    for v in variant:
        for o in original:
            if v["type"] != o["type"] or v["trigger"] != o["trigger"]:
                continue
            a, b = _words(v["sentence"]), _words(o["sentence"])
            similar = len(a & b) / max(len(a | b), 1)
            if v["sentence"] != o["sentence"] and similar < 0.5:
                continue
            score = (v["sentence"] == o["sentence"], v["actors"] == o["actors"], similar,
                     -abs(v["position"] - o["position"]))
            scored.append((score, v["id"], o["id"]))
    pairs, used = [], set()
    for _, v, o in sorted(scored, key=lambda s: (s[0], s[1], s[2]), reverse=True):
        if v not in used and o not in used:
            used.update((v, o))
            pairs.append((v, o))
    return pairs


def truth_labels(engine: Engine, truth: dict) -> tuple[dict, dict, dict]:
    """(document labels by external id, event labels by event id, event id → kind of its
    document) from truth.json and the stored events."""
    doc_label = {}
    for i, group in enumerate(truth["near_copies"]):
        for x in group:
            doc_label[x] = i
    for x in truth["derived"]:
        doc_label.setdefault(x["id"], ("alone", x["id"]))
    events = _stored_events(engine)
    parent = {ev["id"]: ev["id"] for evs in events.values() for ev in evs}

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    kinds = {}
    for x in truth["derived"]:
        for v, o in _match(events.get(x["id"], []), events.get(x["from"], [])):
            parent[find(v)] = find(o)
    for group in truth["same_events"]:
        found = []
        for article, type_, trigger in group:
            mine = [ev["id"] for ev in events.get(article, []) if ev["type"] == type_ and ev["trigger"] == trigger]
            if not mine:
                print(f"warning: no {type_} {trigger!r} extracted in {article} (truth.json same_events)")
            found += mine
        for x in found[1:]:
            parent[find(x)] = find(found[0])
    for x in truth["derived"] + [dict(r, kind="rewrite") for r in truth["rewrites"]]:
        for ev in events.get(x["id"], []):
            kinds[ev["id"]] = x["kind"]
    return doc_label, {x: find(x) for x in parent}, kinds


def evaluate(folder: Path = SET, store: Optional[str] = None, errors: bool = False) -> dict:
    from ..corpus.run import CorpusRun
    from ..pipeline import default_pipeline
    from ..store import open_engine
    from . import rebuild_clusters

    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    if store is None:
        store = str(Path(tempfile.mkdtemp(prefix="lagebild-clusters-")) / "eval.db")
    engine = open_engine(store)
    CorpusRun(engine, default_pipeline()).run([str(folder / "articles.jsonl")])
    summary = rebuild_clusters(engine)
    doc_truth, event_truth, kinds = truth_labels(engine, truth)
    with engine.connect() as conn:
        key_of = dict(conn.execute(select(t.documents.c.external_id, t.documents.c.key)).all())
        doc_cluster = dict(conn.execute(select(t.document_clusters.c.doc_key, t.document_clusters.c.cluster_id)).all())
        event_cluster = dict(conn.execute(select(t.event_cluster_members.c.event_id,
                                                 t.event_cluster_members.c.cluster_id)).all())
    documents = pairwise({x: doc_cluster.get(key_of.get(x)) for x in doc_truth}, doc_truth)
    events = pairwise(event_cluster, event_truth)
    # recall of the same-event pairs, by the kind of document they link to its original
    by_kind = {}
    for kind in ("copy", "agency", "trimmed", "rewrite"):
        mine = {x for x, k in kinds.items() if k == kind}
        groups = {event_truth[x] for x in mine}
        subset = {x: g for x, g in event_truth.items() if g in groups and (x in mine or x == g)}
        if subset:
            by_kind[kind] = pairwise(event_cluster, subset)["recall"]
    result = {"documents": documents, "events": events, "event_recall_by_kind": by_kind,
              "version": summary.events.version, "store": store}
    if errors:
        result["errors"] = _errors(engine, event_cluster, event_truth)
    return result


def _errors(engine: Engine, predicted: dict, truth: dict) -> list[str]:
    """The wrongly merged and the missed pairs of mentions, with their sentences."""
    e, d, em = t.events, t.documents, t.event_cluster_members
    with engine.connect() as conn:
        rows = {r.id: r for r in conn.execute(select(e.c.id, e.c.type, e.c.trigger, e.c.sentence_start,
                                                     e.c.sentence_end, d.c.external_id, d.c.text)
                                              .join(d, d.c.key == e.c.doc_key))}
        reasons = dict(conn.execute(select(em.c.event_id, em.c.reason)).all())

    def show(x):
        r = rows[x]
        return f"{r.external_id} {r.type} {r.trigger!r}: {_norm(r.text[r.sentence_start:r.sentence_end])[:150]}"
    out = []
    ids = sorted(truth)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            same_pred = predicted.get(a) is not None and predicted.get(a) == predicted.get(b)
            same_true = truth[a] == truth[b]
            if same_pred != same_true:
                label = "merged, truth apart" if same_pred else "missed"
                out.append(f"{label}: {show(a)}\n    ~ {show(b)}\n    ({reasons.get(a)} | {reasons.get(b)})")
    return out


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lagebild.clusters.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("--set", default=str(SET), help="the test set folder (articles.jsonl, truth.json)")
    parser.add_argument("--store", help="analyse into (and reuse) this store instead of a temporary one")
    parser.add_argument("--errors", action="store_true", help="list the wrongly merged and the missed event pairs")
    args = parser.parse_args(argv)
    result = evaluate(Path(args.set), args.store, args.errors)
    for name in ("documents", "events"):
        r = result[name]
        print(f"{name:9}  P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}  ({r['items']} items, "
              f"{r['true_pairs']} true pairs, {r['predicted_pairs']} predicted, {r['correct_pairs']} correct)")
    print("event recall by kind of document: " +
          ", ".join(f"{k} {v:.3f}" for k, v in result["event_recall_by_kind"].items()))
    for line in result.get("errors", []):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
