"""`lagebild evaluate spkatt DIR`: score the quotes stage on GermEval 2023 SpkAtt data.

DIR holds documents in the format of the 2024 German news quotation attribution dataset
(`*.json` with originalText, tokens with charBegin/charEnd, and gold annotations with
quote/speaker/cue/frame/addressee token ids, type and medium), or of the 2023 task-2
release (Sentences/Annotations; the text is rebuilt from the tokens, see from_2023). Each document is analysed
by the pipeline up to the quotes stage; system quotes become token sets by character
overlap with the dataset's tokens.

The metric is the task's (Petersen-Frey & Biemann 2024, eval/eval.py of the dataset):
per document, system quotes are assigned one-to-one to gold quotes by the token F1 of
their quote spans (same type, then same medium break ties; Hungarian assignment). Every
assigned pair, unmatched system quote and unmatched gold quote is a "group"; per group and
role (quote, addressee, cue, frame, speaker) precision and recall are token shares. The
headline "macro" scores average them over groups and roles (quote: the quote role only;
role: the four roles; joint: all five), as the task's script does; "micro" scores pool the
token counts. Per-type figures group by the gold type (unmatched system quotes by theirs).

    lagebild evaluate spkatt DIR [--no-nested] [--per-doc] [--save OUT]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Optional

ROLES = ["quote", "addressee", "cue", "frame", "speaker"]
TYPES = ["Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported"]
TYPE_OF = {"direct": "Direct", "indirect": "Indirect", "free_indirect": "FreeIndirect",
           "indirect_free_indirect": "IndirectFreeIndirect", "reported": "Reported"}
MEDIUM_OF = {"speech": "Speech", "writing": "Writing", "thought": "Thought", None: "SW"}


class Group:
    def __init__(self, roles: dict[str, list[int]], form: Optional[str], medium: Optional[str], nested=False):
        self.roles = {r: sorted(set(roles.get(r, []))) for r in ROLES}
        self.form = form
        self.medium = medium
        self.nested = nested


NO_SPACE_BEFORE = set(".,;:!?)]}“»%…")
NO_SPACE_AFTER = set("([{„«")
ROLE_2023 = {"quote": "Message", "speaker": "Source", "cue": "Cue", "frame": "Frame", "addressee": "Addr"}


def from_2023(data: dict) -> dict:
    """A document of the 2023 task-2 format (Sentences with Tokens; Annotations with
    "sentence:token" refs) in the 2024 format: text rebuilt from the tokens (no space
    before closing punctuation and quotes, none after opening ones; a blank line between
    paragraphs is unknown, so sentences are joined by one space)."""
    text, tokens, ids = "", [], {}
    for sent in data.get("Sentences") or []:
        quote_open = False
        for i, w in enumerate(sent["Tokens"]):
            glue = not text or text[-1:] in NO_SPACE_AFTER or w[:1] in NO_SPACE_BEFORE
            if w == '"':
                glue = bool(text) and quote_open    # closing straight quote sticks to the word before
            if text and tokens and tokens[-1]["text"] == '"' and not tokens[-1].get("closing"):
                glue = True                          # word after an opening straight quote
            if text and not glue:
                text += " "
            if w == '"':
                quote_open = not quote_open
            tok = {"id": len(tokens), "charBegin": len(text), "charEnd": len(text) + len(w), "text": w}
            if w == '"' and not quote_open:
                tok["closing"] = True
            text += w
            ids[f"{sent['SentenceId']}:{i}"] = tok["id"]
            tokens.append(tok)
    anns = []
    for a in data.get("Annotations") or []:
        ann = {"type": a.get("Form"), "medium": a.get("STWR"), "isNested": bool(a.get("IsNested"))}
        for role, key in ROLE_2023.items():
            ann[role] = {"tokenIds": [ids[r] for r in a.get(key) or [] if r in ids]}
        anns.append(ann)
    return {"documentName": data.get("DocumentName"), "originalText": text, "tokens": tokens,
            "annotations": anns}


def gold_groups(data: dict, nested: bool) -> list[Group]:
    out = []
    for a in data.get("annotations") or []:
        if not nested and a.get("isNested"):
            continue
        roles = {r: (a.get(r) or {}).get("tokenIds", []) if isinstance(a.get(r), dict) else [] for r in ROLES}
        out.append(Group(roles, a.get("type"), a.get("medium"), bool(a.get("isNested"))))
    return out


def _token_ids(tokens: list[dict], spans) -> list[int]:
    ids = []
    for s in spans or []:
        a, b = s.start, s.end
        for t in tokens:
            if t["charBegin"] < b and a < t["charEnd"]:
                ids.append(t["id"])
    return ids


def system_groups(doc, tokens: list[dict]) -> list[Group]:
    out = []
    for q in doc.quotes:
        roles = {"quote": _token_ids(tokens, q.spans),
                 "speaker": _token_ids(tokens, q.speaker.spans if q.speaker else []),
                 "cue": _token_ids(tokens, q.cue.spans if q.cue else []),
                 "frame": _token_ids(tokens, q.frame.spans if q.frame else []),
                 "addressee": _token_ids(tokens, q.addressee.spans if q.addressee else [])}
        out.append(Group(roles, TYPE_OF.get(q.type), MEDIUM_OF.get(q.medium, "SW")))
    return out


def token_f1(gold: list[int], sys_: list[int]) -> float:
    both = len(set(gold) & set(sys_))
    if not both:
        return 0.0
    p, r = both / len(sys_), both / len(gold)
    return 2 * p * r / (p + r)


def assign(sys_groups: list[Group], gold: list[Group]) -> list[tuple[int, int]]:
    """Maximum-weight one-to-one assignment (Hungarian algorithm), as (sys, gold) pairs."""
    n, m = len(gold), len(sys_groups)
    if not n or not m:
        return []
    score = [[0.0] * m for _ in range(n)]
    for i, g in enumerate(gold):
        for j, s in enumerate(sys_groups):
            o = token_f1(g.roles["quote"], s.roles["quote"])
            if o > 0:
                o += (0.01 if g.form == s.form else 0) + (0.001 if g.medium == s.medium else 0)
            score[i][j] = o
    size = max(n, m)
    cost = [[-(score[i][j] if i < n and j < m else 0.0) for j in range(size)] for i in range(size)]
    rows = _hungarian(cost)
    # as the task's script (scipy's linear_sum_assignment on the n x m matrix): every
    # system quote is paired while gold quotes are left, even without overlap
    return [(j, i) for i, j in enumerate(rows) if i < n and j < m]


def _hungarian(cost: list[list[float]]) -> list[int]:
    """Minimum-cost perfect assignment on a square matrix; returns the column of each row."""
    n = len(cost)
    INF = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (n + 1)
    p, way = [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [INF] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], INF, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    col = [0] * n
    for j in range(1, n + 1):
        if p[j]:
            col[p[j] - 1] = j - 1
    return col


class Tally:
    """Token counts per role and the per-group precision/recall values for macro scores."""

    def __init__(self):
        self.tp = defaultdict(int)
        self.fp = defaultdict(int)
        self.fn = defaultdict(int)
        self.prec = defaultdict(list)
        self.rec = defaultdict(list)

    def add_group(self, s: Group, g: Group) -> None:
        for r in ROLES:
            gs, ss = set(g.roles[r]), set(s.roles[r])
            tp, fp, fn = len(gs & ss), len(ss - gs), len(gs - ss)
            self.tp[r] += tp
            self.fp[r] += fp
            self.fn[r] += fn
            if tp + fp:
                self.prec[r].append(tp / (tp + fp))
            if tp + fn:
                self.rec[r].append(tp / (tp + fn))

    def scores(self, roles: list[str]) -> dict:
        def f(p, r):
            return 2 * p * r / (p + r) if p + r else 0.0
        pv = [x for r in roles for x in self.prec[r]]
        rv = [x for r in roles for x in self.rec[r]]
        mp = sum(pv) / len(pv) if pv else 0.0
        mr = sum(rv) / len(rv) if rv else 0.0
        tp = sum(self.tp[r] for r in roles)
        fp = sum(self.fp[r] for r in roles)
        fn = sum(self.fn[r] for r in roles)
        up = tp / (tp + fp) if tp + fp else 0.0
        ur = tp / (tp + fn) if tp + fn else 0.0
        return {"p": mp, "r": mr, "f1": f(mp, mr), "micro_p": up, "micro_r": ur, "micro_f1": f(up, ur)}


EMPTY = Group({}, None, None)


def evaluate_doc(sys_g: list[Group], gold: list[Group], total: Tally, by_type: dict[str, Tally],
                 type_counts: dict) -> None:
    pairs = assign(sys_g, gold)
    done_s = {s for s, _ in pairs}
    done_g = {g for _, g in pairs}
    for s, g in pairs:
        total.add_group(sys_g[s], gold[g])
        by_type[gold[g].form].add_group(sys_g[s], gold[g])
        type_counts["tp" if sys_g[s].form == gold[g].form else "mismatch"] += 1
    for s in set(range(len(sys_g))) - done_s:
        total.add_group(sys_g[s], EMPTY)
        by_type[sys_g[s].form].add_group(sys_g[s], EMPTY)
        type_counts["fp"] += 1
    for g in set(range(len(gold))) - done_g:
        total.add_group(EMPTY, gold[g])
        by_type[gold[g].form].add_group(EMPTY, gold[g])
        type_counts["fn"] += 1


def _pipeline_to_quotes():
    """Sentences, entities, actors and add_quotes: a quote that names no speaker of its own
    gets the speaker mention the actors say it goes on with (quotes/speakers.py)."""
    import importlib
    from ..pipeline import STAGES
    stages = []
    for st in STAGES:
        name = st.name
        if name == "quotes":
            break
        if name not in ("sentences", "entities", "actors"):
            continue   # the dataset's text is body text only
        module, func = st.function.split(":")
        try:
            stages.append(getattr(importlib.import_module(module), func))
        except Exception as exc:  # a stage that has not landed yet
            print(f"spkatt: skipping stage {name}: {exc}", file=sys.stderr)
    from . import add_quotes
    if not any(getattr(s, "__name__", "") == "add_sentences" for s in stages):
        from ..segment import add_sentences
        stages.insert(0, add_sentences)
    return stages + [add_quotes]


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="lagebild evaluate spkatt", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", help="folder of *.json documents in the 2024 dataset's format")
    ap.add_argument("--no-nested", action="store_true", help="leave out nested gold quotes (subtask 2 simplified)")
    ap.add_argument("--per-doc", action="store_true", help="print quote/joint F1 per document")
    ap.add_argument("--save", help="write system annotations in the dataset's format to this folder")
    ap.add_argument("--limit", type=int, default=0, help="score only the first N documents")
    args = ap.parse_args(argv)

    from ..document import Document
    stages = _pipeline_to_quotes()
    files = sorted(Path(args.dir).glob("*.json"))
    if args.limit:
        files = files[: args.limit]
    if not files:
        print(f"spkatt: no *.json in {args.dir}", file=sys.stderr)
        return 1
    total = Tally()
    by_type: dict[str, Tally] = defaultdict(Tally)
    type_counts: dict = defaultdict(int)
    for f in files:
        data = json.loads(f.read_text("utf-8"))
        if "Sentences" in data and "originalText" not in data:
            data = from_2023(data)
        doc = Document.new(data["originalText"], id=data.get("documentName"))
        for st in stages:
            st(doc)
        sys_g = system_groups(doc, data["tokens"])
        gold = gold_groups(data, nested=not args.no_nested)
        if args.per_doc:
            t = Tally()
            evaluate_doc(sys_g, gold, t, defaultdict(Tally), defaultdict(int))
            print(f"{f.name[:60]:60} sys {len(sys_g):3} gold {len(gold):3}  quote F1 {t.scores(['quote'])['f1']:.3f}"
                  f"  joint F1 {t.scores(ROLES)['f1']:.3f}")
        evaluate_doc(sys_g, gold, total, by_type, type_counts)
        if args.save:
            _save(Path(args.save), f.name, data, doc, sys_g)

    def line(name, s):
        return (f"{name:22} P {s['p']:.3f}  R {s['r']:.3f}  F1 {s['f1']:.3f}   "
                f"(micro P {s['micro_p']:.3f} R {s['micro_r']:.3f} F1 {s['micro_f1']:.3f})")

    print(f"documents {len(files)}  nested {'no' if args.no_nested else 'yes'}")
    summary = {}
    for name, roles in (("quote", ["quote"]), ("role", ROLES[1:]), ("joint", ROLES)):
        s = total.scores(roles)
        summary[name] = s
        print(line(name, s))
    for r in ROLES[1:]:
        print(line(f"  {r}", total.scores([r])))
    print("per type (gold type; unmatched system quotes by their own type):")
    for ty in TYPES:
        t = by_type.get(ty)
        if t is None:
            continue
        q, j = t.scores(["quote"]), t.scores(ROLES)
        print(f"  {ty:22} quote F1 {q['f1']:.3f} (P {q['p']:.3f} R {q['r']:.3f})   joint F1 {j['f1']:.3f}")
        summary[ty] = {"quote_f1": q["f1"], "joint_f1": j["f1"]}
    print(f"type of assigned quotes: {type_counts['tp']} right, {type_counts['mismatch']} wrong; "
          f"{type_counts['fp']} system quotes unmatched, {type_counts['fn']} gold quotes missed")
    print("SUMMARY " + json.dumps({k: {kk: round(vv, 4) for kk, vv in v.items()} for k, v in summary.items()}))
    return 0


def _save(out: Path, name: str, data: dict, doc, groups: list[Group]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    anns = []
    for i, (q, g) in enumerate(zip(doc.quotes, groups)):
        a = {"id": i, "type": g.form, "medium": g.medium, "isNested": False, "hasNested": False}
        for r in ROLES:
            a[r] = {"tokenIds": g.roles[r], "text": " ".join(data["tokens"][t]["text"] for t in g.roles[r])}
        anns.append(a)
    res = {"documentName": data.get("documentName"), "annotations": anns}
    (out / name).write_text(json.dumps(res, ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    sys.exit(main())
