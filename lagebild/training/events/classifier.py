"""`lagebild train events`: train the events stage's PLOVER type classifier
(lagebild/events/classifier.py), logistic regression on the mean of e5's token states of a
sentence, on the example sentences of lagebild/events/examples.yaml (the `train` part, the
near misses and the NONE sentences as "no event") and the `train` part of
lagebild/events/classifier_sentences.yaml (about 30 varied sentences per type), checked on
the held-out parts.

    lagebild train events [--epochs N]     writes lagebild/events/model/type-head.pt
"""
from __future__ import annotations

import argparse
from pathlib import Path

import torch

from ...events.classifier import HEAD_PATH, LABELS, sentence_vectors
from ...events.evaluate import classifier_sentences, example_sentences


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
    # the larger, more varied set written for the classifier (classifier_sentences.yaml)
    for type_, text, split in classifier_sentences():
        (held if split == "heldout" else train).append((text, type_))
    return train, held


def fit(x: torch.Tensor, y: torch.Tensor, epochs: int = 400, l2: float = 1e-2) -> torch.nn.Linear:
    """Logistic regression on standardised vectors (x already standardised)."""
    torch.manual_seed(0)
    head = torch.nn.Linear(x.shape[1], len(LABELS))
    opt = torch.optim.Adam(head.parameters(), lr=0.01)
    for _ in range(epochs):
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(head(x), y) + l2 * head.weight.pow(2).sum()
        loss.backward()
        opt.step()
    return head


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="lagebild train events", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=400)
    ap.add_argument("--out", type=Path, default=HEAD_PATH)
    args = ap.parse_args(argv)
    train, held = training_data()
    xt = sentence_vectors([t for t, _ in train])
    mean, std = xt.mean(0), xt.std(0) + 1e-6
    yt = torch.tensor([LABELS.index(l) for _, l in train])
    head = fit((xt - mean) / std, yt, args.epochs)
    with torch.no_grad():
        acc_train = (head((xt - mean) / std).argmax(1) == yt).float().mean().item()
        xh = sentence_vectors([t for t, _ in held])
        yh = torch.tensor([LABELS.index(l) for _, l in held])
        pred = head((xh - mean) / std).argmax(1)
        acc_held = (pred == yh).float().mean().item()
    print(f"train {len(train)} sentences, accuracy {acc_train:.3f}; held-out {len(held)}, accuracy {acc_held:.3f}")
    for (text, gold), p in zip(held, pred.tolist()):
        if LABELS[p] != gold:
            print(f"   {gold:9} → {LABELS[p]:9} {text}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"labels": LABELS, "weight": head.weight.detach(), "bias": head.bias.detach(),
                "mean": mean, "std": std, "encoder": "e5-base-query",
                "held_out_accuracy": acc_held, "train_sentences": len(train), "held_out_sentences": len(held)},
               args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
