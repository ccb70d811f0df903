"""The learned event extractor: small heads over the shared encoder's states.

Trained by `lagebild train events-extractor` on the annotated event corpus
(`plover-events-de`, see model/EXTRACTOR_CARD.md); no second encoder pass: the heads read
the states the entities stage computed (`lagebild.encoder.sentence_states`).

- a word's vector is the mean of the states of its sentencepieces;
- trigger head: per word, NONE or one of the 16 PLOVER types;
- attribute heads on a trigger word: its mode (among all modes of the guideline), and
  whether the event is negated or hypothetical;
- role head: per (trigger, candidate) pair, whether the candidate is the event's actor,
  its recipient or neither. Candidates are the sentence's actor mentions and resolved
  pronouns, the same slots the rule coder uses (`events_of_sentence`), so a role is an
  actor of the actors layer with its country and sector.
"""
from __future__ import annotations

import functools
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

import torch
from torch import nn

MODEL_PATH = Path(__file__).parent / "model" / "extractor.pt"
TYPES = ("NONE", "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
ROLES = ("none", "actor", "recipient")
# signed distance in words from the trigger to a candidate, in buckets
DISTANCES = (-12, -8, -5, -3, -2, -1, 0, 1, 2, 3, 5, 8, 12)


def distance_bucket(d: int) -> int:
    return bisect_left(DISTANCES, d)


class ExtractorHeads(nn.Module):
    def __init__(self, hidden: int = 384, modes: Sequence[str] = (), width: int = 256, pair_width: int = 192):
        super().__init__()
        self.modes = list(modes)
        self.trigger = nn.Sequential(nn.Dropout(0.2), nn.Linear(hidden, width), nn.GELU(), nn.Dropout(0.2),
                                     nn.Linear(width, len(TYPES)))
        self.mode = nn.Sequential(nn.Dropout(0.2), nn.Linear(hidden, max(1, len(self.modes))))
        self.flags = nn.Sequential(nn.Dropout(0.2), nn.Linear(hidden, 2))         # negated, hypothetical
        self.distance = nn.Embedding(len(DISTANCES) + 1, 16)
        self.pair = nn.Sequential(nn.Dropout(0.2), nn.Linear(3 * hidden + 16 + 2 + len(TYPES), pair_width),
                                  nn.GELU(), nn.Dropout(0.2), nn.Linear(pair_width, len(ROLES)))

    def pair_logits(self, trig: torch.Tensor, cand: torch.Tensor, dist: torch.Tensor, flags: torch.Tensor,
                    types: torch.Tensor) -> torch.Tensor:
        """trig, cand (n, hidden); dist (n,) bucket ids; flags (n, 2): pronoun, before the
        trigger; types (n,) the trigger's type id."""
        onehot = nn.functional.one_hot(types, len(TYPES)).float()
        x = torch.cat([trig, cand, trig * cand, self.distance(dist), flags, onehot], -1)
        return self.pair(x)


def word_vectors(states: torch.Tensor, piece_starts: Sequence[int], piece_ends: Sequence[int],
                 words: Sequence[tuple[int, int]]) -> torch.Tensor:
    """(len(words), hidden): each word's mean piece state; offsets relative to the sentence.
    A word no piece starts in takes the piece it lies in."""
    out = torch.zeros(len(words), states.shape[-1])
    k = 0
    n = len(piece_starts)
    for i, (a, b) in enumerate(words):
        while k < n and piece_ends[k] <= a:
            k += 1
        j = k
        while j < n and piece_starts[j] < b:
            j += 1
        if j > k:
            out[i] = states[k:j].mean(0)
        elif k < n:
            out[i] = states[k]
    return out


@dataclass
class Candidate:
    lo: int            # token range of the mention in the sentence
    hi: int
    actor: str
    pronoun: bool


def pair_inputs(vectors: torch.Tensor, trigger: int, cands: Sequence[Candidate]):
    """The role head's inputs for one trigger word and the sentence's candidates."""
    trig = vectors[trigger].expand(len(cands), -1)
    cand = torch.stack([vectors[c.lo:c.hi].mean(0) for c in cands])
    dist = torch.tensor([distance_bucket(((c.lo + c.hi - 1) // 2) - trigger) for c in cands])
    flags = torch.tensor([[float(c.pronoun), float(c.hi <= trigger)] for c in cands])
    return trig, cand, dist, flags


@functools.cache
def load() -> Optional[tuple[ExtractorHeads, dict]]:
    """The shipped heads and their settings (thresholds chosen on dev), or None."""
    if not MODEL_PATH.exists():
        return None
    saved = torch.load(MODEL_PATH, map_location="cpu", weights_only=False)
    heads = ExtractorHeads(hidden=saved["hidden"], modes=saved["modes"])
    heads.load_state_dict({k: v.float() for k, v in saved["state"].items()})
    heads.eval()
    return heads, saved["settings"]


@dataclass
class Found:
    """One event the heads find in a sentence: token indices into the sentence."""
    type: str
    first: int
    last: int
    prob: float
    source: list[str]
    target: list[str]
    mode: Optional[str]
    negated: bool
    hypothetical: bool


def find(vectors: torch.Tensor, cands: Sequence[Candidate], heads: ExtractorHeads, settings: dict) -> list[Found]:
    """The events of one sentence from its word vectors and role candidates."""
    if vectors.shape[0] == 0:
        return []
    with torch.inference_mode():
        probs = heads.trigger(vectors).softmax(-1)
        none = probs[:, 0]
        best = probs[:, 1:].argmax(-1) + 1
        out: list[Found] = []
        i, n = 0, vectors.shape[0]
        while i < n:
            if 1 - none[i] < settings["trigger_threshold"]:
                i += 1
                continue
            t = int(best[i])
            j = i
            while j + 1 < n and 1 - none[j + 1] >= settings["trigger_threshold"] and int(best[j + 1]) == t:
                j += 1     # a trigger of several words ("Hilfe leisten"): one event
            k = max(range(i, j + 1), key=lambda x: float(probs[x, t]))
            out.append(_event(vectors, k, i, j, t, float(probs[k, t]), cands, heads, settings))
            i = j + 1
    return out


def _event(vectors, k: int, first: int, last: int, t: int, p: float, cands, heads, settings) -> Found:
    flags = heads.flags(vectors[k:k + 1]).sigmoid()[0]
    mode = None
    if heads.modes:
        scores = heads.mode(vectors[k:k + 1])[0]
        allowed = settings["modes_of"].get(TYPES[t], [])
        if allowed:
            idx = max((heads.modes.index(m) for m in allowed if m in heads.modes), key=lambda x: float(scores[x]),
                      default=None)
            mode = heads.modes[idx] if idx is not None else None
    source, target = [], []
    own = [c for c in cands if not (c.lo <= k < c.hi)]
    if own:
        logits = heads.pair_logits(*pair_inputs(vectors, k, own), torch.full((len(own),), t))
        role = logits.softmax(-1)
        for r, side in ((1, source), (2, target)):
            c = int(role[:, r].argmax())
            if float(role[c, r]) >= settings["role_threshold"]:
                side.append(own[c].actor)
        if source and target and source == target:
            # one candidate for both sides: keep the likelier reading
            c = int(role[:, 1].argmax())
            (target if float(role[c, 1]) >= float(role[c, 2]) else source).clear()
    return Found(type=TYPES[t], first=first, last=last, prob=p, source=source, target=target, mode=mode,
                 negated=float(flags[0]) >= 0.5, hypothetical=float(flags[1]) >= 0.5)
