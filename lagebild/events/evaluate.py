"""`lagebild evaluate events GOLD_DIR [--oracle-actors]`: the events layer against
*.gold.json answer keys (shared/eval), with precision and recall per PLOVER type.

With --oracle-actors the actors layer is replaced by the gold actors (every alias found
in the text becomes a mention), which measures the event coder alone; without it the
full pipeline runs. Matching is the one of shared/eval/score.py (imported from there).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

from ..document import Actor, Document, Mention
from ..datafiles import read_yaml


def _scorer(gold_dir: Path):
    """shared/eval/score.py: beside the gold folder, or (for the repo's own eval/dev2 and
    eval/heldout keys) in the ../shared checkout beside the repository."""
    repo = Path(__file__).resolve().parents[2]
    for cand in (gold_dir.parent / "score.py", gold_dir / "score.py",
                 repo.parent / "shared" / "eval" / "score.py"):
        if cand.exists():
            spec = importlib.util.spec_from_file_location("lagebild_gold_score", cand)
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            return mod
    raise SystemExit(f"no score.py beside {gold_dir}")


def oracle_actors(doc: Document, gold: dict) -> list[Actor]:
    """Gold actors with every occurrence of their aliases as mentions (longest first)."""
    found = []
    for i, (name, info) in enumerate((gold.get("actors") or {}).items()):
        for alias in {name, *(info.get("aliases") or [])}:
            for m in re.finditer(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", doc.text):
                found.append((m.start(), m.end(), f"g{i}", name))
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    taken: list[tuple[int, int]] = []
    actors: dict[str, Actor] = {}
    for s, e, aid, name in found:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        kind = {"PER": "person", "LOC": "country", "ORG": "organization"}.get((gold["actors"][name] or {}).get("type"), "group")
        a = actors.setdefault(aid, Actor(id=aid, name=name, kind=kind))
        a.mentions.append(Mention(start=s, end=e, text=doc.text[s:e]))
    for a in actors.values():
        a.mentions.sort(key=lambda m: m.start)
    return list(actors.values())


def run(gold_dir: Path, oracle: bool, verbose: bool = False) -> dict:
    from ..pipeline import Pipeline
    from . import add_events
    score = _scorer(gold_dir)
    pipe = Pipeline(skip=("events",) + (("actors",) if oracle else ()))
    tp_type, fp_type = Counter(), Counter()
    core_type, found_type = Counter(), Counter()
    total = {"tp": 0, "fp": 0, "fn": 0, "type_tp": 0, "core": 0}
    misses, false_alarms = [], []
    for gp in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gp.read_text("utf-8"))
        text = (gp.parent / (gold.get("doc") or gp.name.replace(".gold.json", ".txt"))).read_text("utf-8")
        doc = pipe.analyze(text, published=gold.get("publication_date"))
        if oracle:
            doc.actors = oracle_actors(doc, gold)
        add_events(doc)
        d = doc.to_dict()
        ge = gold.get("events") or []
        se = [e for e in d["events"] if not e.get("negated")]
        core = [g for g in ge if g.get("core", True) and not g.get("negated")]
        for g in core:
            t = g["types"][0]
            core_type[t] += 1
            total["core"] += 1
            if any(score.event_matches(d, gold, e, g) for e in se):
                found_type[t] += 1
                total["tp"] += 1
            else:
                total["fn"] += 1
                near = [(e["type"], _names(d, e["source"]), _names(d, e["target"])) for e in se if e["type"] in g["types"]]
                misses.append((gp.name[:14], g["id"], g["types"], g.get("source"), g.get("target"), near[:3]))
            if any(score.event_matches(d, gold, e, g, True) for e in se):
                total["type_tp"] += 1
        for e in se:
            if any(score.event_matches(d, gold, e, g) for g in ge):
                tp_type[e["type"]] += 1
            else:
                fp_type[e["type"]] += 1
                total["fp"] += 1
                false_alarms.append((gp.name[:14], e["type"], _names(d, e["source"]), _names(d, e["target"]),
                                     e["trigger"]["text"], d["text"][e["sentence"]["start"]:e["sentence"]["end"]][:110]))
    # as shared/eval/score.py: precision = matched core gold events / (those + unmatched system events)
    p = total["tp"] / max(1, total["tp"] + total["fp"])
    r = total["tp"] / max(1, total["core"])
    f = 2 * p * r / (p + r) if p + r else 0.0
    types = sorted(set(tp_type) | set(fp_type) | set(core_type))
    per_type = {t: {"p": round(tp_type[t] / max(1, tp_type[t] + fp_type[t]), 3),
                    "r": round(found_type[t] / core_type[t], 3) if core_type[t] else None,
                    "sys": tp_type[t] + fp_type[t], "core": core_type[t]} for t in types}
    res = {"events": {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3)},
           "event_types_recall": round(total["type_tp"] / max(1, total["core"]), 3), "per_type": per_type}
    if verbose:
        res["misses"] = misses
        res["false_alarms"] = false_alarms
    return res


def _names(d: dict, ids: list[str]) -> list[str]:
    by_id = {a["id"]: a["name"] for a in d.get("actors") or []}
    return [by_id.get(i, i) for i in ids]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="lagebild evaluate events", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold_dir", type=Path, nargs="?", default=Path("../shared/eval/dev"))
    ap.add_argument("--oracle-actors", action="store_true", help="use the gold actors as the actors layer")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and false alarms")
    ap.add_argument("--examples", action="store_true", help="score the example sentences (examples.yaml) instead")
    ap.add_argument("--pipeline", action="store_true",
                    help="with --examples: run the whole pipeline on the strict held-out part (own actors layer)")
    ap.add_argument("--sentences", action="store_true",
                    help="trigger-lexicon recall per type on the classifier sentence set (classifier_sentences.yaml)")
    args = ap.parse_args(argv)
    if args.sentences:
        for split, rows in sentences_report().items():
            n = sum(r["n"] for r in rows.values())
            hit = sum(r["hit"] for r in rows.values())
            print(f"{split:8} {hit}/{n} sentences: the lexicon finds their type ({hit / max(n, 1):.3f}); "
                  f"NONE sentences with a trigger: {rows.get('NONE', {}).get('false', 0)}")
            for t, r in sorted(rows.items()):
                if t != "NONE":
                    print(f"   {t:10} {r['hit']:3}/{r['n']:3}")
            if args.verbose:
                for t, r in sorted(rows.items()):
                    for text in r["missed"]:
                        print(f"   missed {t}: {text}")
        return 0
    if args.examples:
        for split, d in examples_report(args.pipeline).items():
            print(f"{split:8} {d['hit']}/{d['n']} found with source and target")
            for m in d["missed"]:
                print("   missed", m)
        return 0
    res = run(args.gold_dir, args.oracle_actors, args.verbose)
    print(f"events       P {res['events']['p']:.3f}  R {res['events']['r']:.3f}  F1 {res['events']['f1']:.3f}")
    print(f"event_types  R {res['event_types_recall']:.3f}")
    for t, v in res["per_type"].items():
        r = "  -  " if v["r"] is None else f"{v['r']:.3f}"
        print(f"  {t:10} P {v['p']:.3f} ({v['sys']:2} system)  R {r} ({v['core']} core)")
    if args.verbose:
        print("\nmisses:")
        for m in res["misses"]:
            print("  ", *m)
        print("\nfalse alarms:")
        for m in res["false_alarms"]:
            print("  ", *m)
    return 0


# --- the example sentences (examples.yaml) ------------------------------------

def document_with_actors(text: str, names, published: str | None = "2024-05-02") -> Document:
    """A Document with sentences and one actor per given name (every occurrence a mention),
    for tests and the example sentences: the events stage alone, without the actors layer."""
    from ..segment import add_sentences
    doc = Document.new(text, published=published)
    add_sentences(doc)
    actors = []
    taken: list[tuple[int, int]] = []
    for i, name in enumerate(sorted({n for n in names if n}, key=len, reverse=True)):
        mentions = []
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            mentions.append(Mention(start=m.start(), end=m.end(), text=name))
        if mentions:
            actors.append(Actor(id=f"a{i + 1}", name=name, kind="group", mentions=mentions))
    doc.actors = actors
    return doc


def example_sentences():
    """(type, example dict) for every example in examples.yaml, near misses under 'NOT'."""
    data = read_yaml(Path(__file__).parent / "examples.yaml")
    return [(t, ex) for t, exs in data.items() for ex in exs]


def example_hit(type_: str, ex: dict) -> bool:
    """Whether the events stage finds the example's type with its source and target."""
    from . import add_events
    doc = document_with_actors(ex["text"], [ex.get("source"), ex.get("target")])
    add_events(doc)
    names = {a.id: a.name for a in doc.actors}
    for ev in doc.events:
        if ev.type != type_ or ev.negated:
            continue
        src = {names[i] for i in ev.source}
        tgt = {names[i] for i in ev.target}
        if ex.get("source") and ex["source"] not in src:
            continue
        if ex.get("target") and ex["target"] not in tgt:
            continue
        return True
    return False


def _as_set(v) -> set:
    return set() if v is None else ({v} if isinstance(v, str) else set(v))


def strict_hit(ex: dict, pipeline: bool = False) -> bool:
    """A HELDOUT3 example: an event of one of its types whose source and target are exactly
    the actors named (null: none), and none of its `forbid` (type, source) pairs. With
    `pipeline`, the whole pipeline runs (its own actors layer); an actor then counts as the
    named one where one of its mentions contains the name."""
    from . import add_events
    want_src, want_tgt = _as_set(ex.get("source")), _as_set(ex.get("target"))
    if pipeline:
        import lagebild
        doc = next(iter(lagebild.analyze_many([{"text": ex["text"], "published": "2024-05-02", "id": "x"}])))
        wanted = want_src | want_tgt | _as_set(ex.get("others")) | {f["source"] for f in ex.get("forbid", [])}

        def name(actor) -> str:
            texts = [m.text for m in actor.mentions] + [actor.name]
            return next((w for w in sorted(wanted, key=len, reverse=True) if any(w in t for t in texts)), actor.name)
        names = {a.id: name(a) for a in doc.actors}
    else:
        doc = document_with_actors(ex["text"], list(want_src | want_tgt | _as_set(ex.get("others"))))
        add_events(doc)
        names = {a.id: a.name for a in doc.actors}
    events = [(ev.type, {names[i] for i in ev.source}, {names[i] for i in ev.target}) for ev in doc.events
              if not ev.negated]
    for f in ex.get("forbid", []):
        if any(t == f["type"] and f["source"] in s for t, s, _ in events):
            return False
    return any(t in _as_set(ex["type"]) and s == want_src and g == want_tgt for t, s, g in events)


SENTENCES = Path(__file__).parent / "classifier_sentences.yaml"


def classifier_sentences() -> list[tuple[str, str, str]]:
    """(type or NONE, text, split) of the classifier sentence set."""
    if not SENTENCES.exists():
        return []
    return [(t, ex["text"], ex.get("split", "train")) for t, exs in read_yaml(SENTENCES).items() for ex in exs]


def sentence_types(text: str) -> set[str]:
    """The PLOVER types the trigger lexicon finds in one sentence (no roles)."""
    from ..segment import add_sentences
    from .lexicon import find_triggers, first_word
    doc = Document.new(text)
    add_sentences(doc)
    out: set[str] = set()
    for sent in doc.sentences:
        words = [t.text for t in doc.sentence_tokens(sent)]
        first = first_word(words)
        out |= {m.entry.type for m in find_triggers(words, sentence_initial=first)}
    return out


def sentences_report() -> dict:
    """Per split and type: sentences whose type the trigger lexicon finds (for NONE, how
    many sentences it fires on at all)."""
    out: dict = {}
    for type_, text, split in classifier_sentences():
        r = out.setdefault(split, {}).setdefault(type_, {"n": 0, "hit": 0, "false": 0, "missed": []})
        found = sentence_types(text)
        r["n"] += 1
        if type_ == "NONE":
            r["false"] += bool(found)
            r["hit"] += not found
            if found:
                r["missed"].append(f"{'/'.join(sorted(found))}: {text}")
        elif type_ in found:
            r["hit"] += 1
        else:
            r["missed"].append(text)
    return out


def examples_report(pipeline: bool = False) -> dict:
    out: dict = {}
    for type_, ex in example_sentences():
        if type_ in ("NOT", "NONE"):
            continue
        if type_ == "HELDOUT3":
            d = out.setdefault("heldout3", {"n": 0, "hit": 0, "missed": []})
            hit = strict_hit(ex, pipeline)
            d["n"] += 1
            d["hit"] += hit
            if not hit:
                d["missed"].append(f"{'/'.join(sorted(_as_set(ex['type'])))}: {ex['text']}")
            continue
        if pipeline:
            continue
        split = ex.get("split", "train")
        if type_ == "HELDOUT2":
            type_, split = ex.get("expect", ex["type"]), "heldout2"
        hit = example_hit(type_, ex)
        d = out.setdefault(split, {"n": 0, "hit": 0, "missed": []})
        d["n"] += 1
        d["hit"] += hit
        if not hit:
            d["missed"].append(f"{type_}: {ex['text']}")
    return out


if __name__ == "__main__":
    raise SystemExit(main())
