"""A light PLOVER type classifier over the shared encoder (lagebild.encoder): logistic
regression on the mean of the encoder's token states of a sentence, trained on the
example sentences of examples.yaml (the `train` part, the near misses and the NONE
sentences as "no event"), checked on the held-out parts.

    lagebild train events [--epochs N]     writes lagebild/events/model/type-head.pt

It is a second opinion, not the coder: with LAGEBILD_EVENT_CLASSIFIER=1 the events stage
blends its probability for an event's type into the event's confidence. The rules decide
what is coded (a hundred example sentences are too few to find events on their own).
"""
from __future__ import annotations

import argparse
import functools
import os
from pathlib import Path

import torch

from .evaluate import example_sentences

HEAD_PATH = Path(__file__).parent / "model" / "type-head.pt"
LABELS = ["NONE", "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
          "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]


def sentence_vectors(texts: list[str]) -> torch.Tensor:
    """Mean-pooled, L2-normalised encoder states, one row per text."""
    from ..encoder import get_encoder
    out = get_encoder().encode(texts)
    vecs = torch.stack([o.states.mean(0) for o in out])
    return torch.nn.functional.normalize(vecs, dim=-1)


def training_data() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(text, label) for training and for the held-out check."""
    train, held = [], []
    for type_, ex in example_sentences():
        if type_ in ("NOT", "NONE"):
            train.append((ex["text"], "NONE"))
        elif type_ == "HELDOUT2":
            held.append((ex["text"], ex.get("expect", ex["type"])))
        elif type_ == "HELDOUT3":
            t = ex["type"]
            held.append((ex["text"], t if isinstance(t, str) else t[0]))
        elif ex.get("split") == "heldout":
            held.append((ex["text"], type_))
        else:
            train.append((ex["text"], type_))
    return train, held


def fit(x: torch.Tensor, y: torch.Tensor, epochs: int = 300, l2: float = 1e-3) -> torch.nn.Linear:
    torch.manual_seed(0)
    head = torch.nn.Linear(x.shape[1], len(LABELS))
    opt = torch.optim.Adam(head.parameters(), lr=0.05)
    for _ in range(epochs):
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(head(x) * 10, y) + l2 * head.weight.pow(2).sum()
        loss.backward()
        opt.step()
    return head


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="lagebild train events", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=300)
    ap.add_argument("--out", type=Path, default=HEAD_PATH)
    args = ap.parse_args(argv)
    train, held = training_data()
    xt = sentence_vectors([t for t, _ in train])
    yt = torch.tensor([LABELS.index(l) for l, in [(l,) for _, l in train]])
    head = fit(xt, yt, args.epochs)
    with torch.no_grad():
        acc_train = (head(xt).argmax(1) == yt).float().mean().item()
        xh = sentence_vectors([t for t, _ in held])
        yh = torch.tensor([LABELS.index(l) for _, l in held])
        pred = head(xh).argmax(1)
        acc_held = (pred == yh).float().mean().item()
    print(f"train {len(train)} sentences, accuracy {acc_train:.3f}; held-out {len(held)}, accuracy {acc_held:.3f}")
    for (text, gold), p in zip(held, pred.tolist()):
        if LABELS[p] != gold:
            print(f"   {gold:9} → {LABELS[p]:9} {text}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"labels": LABELS, "weight": head.weight.detach(), "bias": head.bias.detach(),
                "held_out_accuracy": acc_held}, args.out)
    print(f"wrote {args.out}")
    return 0


@functools.cache
def _head():
    if not HEAD_PATH.exists():
        return None
    data = torch.load(HEAD_PATH, weights_only=True)
    return data


def enabled() -> bool:
    return os.environ.get("LAGEBILD_EVENT_CLASSIFIER") == "1" and HEAD_PATH.exists()


def type_probabilities(texts: list[str]) -> list[dict[str, float]]:
    """P(type | sentence) for each text (empty dicts when no head is trained)."""
    data = _head()
    if data is None or not texts:
        return [{} for _ in texts]
    with torch.no_grad():
        logits = sentence_vectors(texts) @ data["weight"].T + data["bias"]
        probs = torch.softmax(logits * 10, dim=-1)
    return [dict(zip(data["labels"], row.tolist())) for row in probs]


if __name__ == "__main__":
    raise SystemExit(main())
