"""The learned event extractor: small heads over the shared encoder's states.

Trained by `lagebild train events-extractor` on the annotated event corpus
(`plover-events-de`, see model/EXTRACTOR_CARD.md); no second encoder pass: the heads read
the states the entities stage computed (`lagebild.encoder.sentence_states`).

- a word's vector is the mean of the states of its sentencepieces, read from the encoder's
  middle layer (`lagebild.encoder.encoder.MIDDLE_LAYER`, kept by every pass), where what a
  word does in its sentence is clearer than in the name-tuned top layers;
- trigger head: per word, NONE or one of the 16 PLOVER types;
- attribute heads on a trigger word: its mode (among all modes of the guideline), and
  whether the event is negated or hypothetical;
- role reader: for one trigger, whether each candidate is the event's actor, its recipient
  or neither, read by a small BiLSTM over the whole sentence with the trigger and the
  candidates marked, so that what lies between them (a preposition, "von", a comma, a
  second verb) counts. Candidates are the sentence's actor mentions and resolved pronouns,
  the same slots the rule coder uses (`events_of_sentence`), so a role is an actor of the
  actors layer with its country and sector. The reader is also told what the rule coder
  reads for the same trigger (`coder.rule_sides`: which candidates it takes as source and
  target, and whether it would code the trigger at all), and learns when to follow it.
"""
from __future__ import annotations

import functools
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Sequence

import torch
from torch import nn

MODEL_PATH = Path(__file__).parent / "model" / "extractor.pt"
TYPES = ("NONE", "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
ROLES = ("none", "actor", "recipient")
# what the rule coder reads a candidate as, for the trigger at hand (`coder.rule_sides`), and
# whether it codes that trigger as an event at all
RULED_SOURCE, RULED_TARGET, RULED_CODED = 1, 2, 4
# signed distance in words from the trigger to a word, in buckets
POSITIONS = (-15, -10, -6, -4, -3, -2, -1, 0, 1, 2, 3, 4, 6, 10, 15)


def position_buckets(n: int, trigger: int) -> torch.Tensor:
    return torch.tensor([bisect_left(POSITIONS, i - trigger) for i in range(n)])


class ExtractorHeads(nn.Module):
    """A word's features are its encoder vector (standardised with the training set's mean
    and spread), embeddings of its lemma and part of speech (the word layer), and the type
    the rules' trigger lexicon gives it, if any. The word heads read those features; the
    role reader reads them over the whole sentence."""

    def __init__(self, hidden: int = 384, modes: Sequence[str] = (), lemmas: Sequence[str] = (),
                 tags: Sequence[str] = (), width: int = 256):
        super().__init__()
        self.modes, self.lemmas, self.tags = list(modes), list(lemmas), list(tags)
        self._lemma_ids = {w: i + 1 for i, w in enumerate(self.lemmas)}     # 0: unknown
        self._tag_ids = {t: i + 1 for i, t in enumerate(self.tags)}
        self.register_buffer("mu", torch.zeros(hidden))
        self.register_buffer("sd", torch.ones(hidden))
        self.lemma = nn.Embedding(len(self.lemmas) + 1, 48)
        self.tag = nn.Embedding(len(self.tags) + 1, 16)
        dim = hidden + 48 + 16 + len(TYPES)
        self.dim = dim
        self.trigger = nn.Sequential(nn.Dropout(0.2), nn.Linear(dim, width), nn.GELU(), nn.Dropout(0.2),
                                     nn.Linear(width, len(TYPES)))
        self.mode = nn.Sequential(nn.Dropout(0.2), nn.Linear(dim, max(1, len(self.modes))))
        self.flags = nn.Sequential(nn.Dropout(0.2), nn.Linear(dim, 2))         # negated, hypothetical
        self.roles = RoleReader(hidden, len(self.lemmas) + 1, len(self.tags) + 1)

    def ids(self, tokens) -> tuple[torch.Tensor, torch.Tensor]:
        """Lemma and tag ids of word-layer tokens."""
        return (torch.tensor([self._lemma_ids.get((t.lemma or t.text).lower(), 0) for t in tokens], dtype=torch.long),
                torch.tensor([self._tag_ids.get(t.pos, 0) for t in tokens], dtype=torch.long))

    def standardise(self, vectors: torch.Tensor) -> torch.Tensor:
        return (vectors - self.mu) / self.sd

    def words(self, vectors: torch.Tensor, lemma_ids: torch.Tensor, tag_ids: torch.Tensor,
              rule_ids: torch.Tensor) -> torch.Tensor:
        """(n, dim) word features from raw encoder vectors and the word layer's ids."""
        return self.features(SentenceWords(self.standardise(vectors), lemma_ids, tag_ids, rule_ids))

    def features(self, words: SentenceWords) -> torch.Tensor:
        """(n, dim) word features of words already standardised."""
        return torch.cat([words.std, self.lemma(words.lemma_ids), self.tag(words.tag_ids),
                          nn.functional.one_hot(words.rule_ids, len(TYPES)).float()], -1)


@dataclass
class SentenceWords:
    """One sentence's words as the heads read them: standardised encoder vectors (n, hidden)
    and the word layer's lemma, tag and trigger-lexicon ids (n,)."""
    std: torch.Tensor
    lemma_ids: torch.Tensor
    tag_ids: torch.Tensor
    rule_ids: torch.Tensor


class RoleReader(nn.Module):
    """Actor, recipient or neither for each candidate of one trigger. Each word's features
    (as the word heads see them, with lemma and tag embeddings of its own, so that it trains
    apart from them) get its distance to the trigger, the trigger's type, and whether it is
    the trigger or inside a candidate; a BiLSTM reads the sentence; a candidate is read from
    its first and last word, its mean, and the trigger's state. The pair head it replaced
    (one MLP over the trigger's and the candidate's vectors) could not see the words between
    them."""

    def __init__(self, hidden: int, lemmas: int, tags: int, width: int = 128, inner: int = 256):
        super().__init__()
        self.lemma = nn.Embedding(lemmas, 48)
        self.tag = nn.Embedding(tags, 16)
        self.words = nn.Sequential(nn.Dropout(0.3), nn.Linear(hidden + 48 + 16 + len(TYPES) + 16 + 16 + 5, inner),
                                   nn.GELU())
        self.position = nn.Embedding(len(POSITIONS) + 1, 16)
        self.event_type = nn.Embedding(len(TYPES), 16)
        self.lstm = nn.LSTM(inner, width, batch_first=True, bidirectional=True)
        self.out = nn.Sequential(nn.Dropout(0.2), nn.Linear(8 * width + 5, 192), nn.GELU(),
                                 nn.Linear(192, len(ROLES)))

    def forward(self, words: SentenceWords, trigger: int, type_id: int,
                cands: Sequence[tuple[int, int, bool, int]]) -> torch.Tensor:
        """(len(cands), 3) logits. cands: (first word, end word, pronoun, what the rules read
        it as: `RULED_*` bits), none of them holding the trigger."""
        n = words.std.shape[0]
        marks = torch.zeros(n, 5)
        marks[trigger, 0] = 1
        for lo, hi, _, ruled in cands:
            marks[lo:hi, 1] = 1
            marks[lo:hi, 2] = float(bool(ruled & RULED_SOURCE))
            marks[lo:hi, 3] = float(bool(ruled & RULED_TARGET))
            marks[lo:hi, 4] = float(bool(ruled & RULED_CODED))
        x = torch.cat([words.std, self.lemma(words.lemma_ids), self.tag(words.tag_ids),
                       nn.functional.one_hot(words.rule_ids, len(TYPES)).float(),
                       self.position(position_buckets(n, trigger)),
                       self.event_type(torch.tensor(type_id)).expand(n, -1), marks], -1)
        states = self.lstm(self.words(x).unsqueeze(0))[0][0]
        rows = [torch.cat([states[lo:hi].mean(0), states[lo], states[hi - 1], states[trigger],
                           torch.tensor([float(pronoun), float(hi <= trigger), float(bool(ruled & RULED_SOURCE)),
                                         float(bool(ruled & RULED_TARGET)), float(bool(ruled & RULED_CODED))])])
                for lo, hi, pronoun, ruled in cands]
        return self.out(torch.stack(rows))


def layer_states(enc) -> torch.Tensor:
    """The states the heads read from one sentence's `Encoded`: its middle layer's."""
    from ..encoder.encoder import MIDDLE_LAYER
    return enc.layers.get(MIDDLE_LAYER, enc.states)


def sentence_vectors(enc, sentence, tokens) -> torch.Tensor:
    """(len(tokens), hidden): the word vectors of one sentence's word-layer tokens from its
    `Encoded` (piece offsets relative to the sentence)."""
    return word_vectors(layer_states(enc), enc.starts, enc.ends,
                        [(t.start - sentence.start, t.end - sentence.start) for t in tokens])


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


def rule_types(n: int, matches) -> torch.Tensor:
    """(n,) the type the trigger lexicon gives each word (0: none), from its matches."""
    out = torch.zeros(n, dtype=torch.long)
    for m in matches:
        for i in range(m.index, min(m.last, n - 1) + 1):
            if out[i] == 0:
                out[i] = TYPES.index(m.entry.type)
    return out


@dataclass
class Candidate:
    lo: int            # token range of the mention in the sentence
    hi: int
    actor: str
    pronoun: bool


def event_modes(heads: ExtractorHeads, settings: dict, triggers: Sequence[tuple]) -> None:
    """Fill in the PLOVER mode of events whose trigger gave none, from the mode head on the
    trigger word, among the modes of the event's type (types without modes keep None).
    `triggers`: (event, its trigger word's vector, word-layer token, the lexicon's type id
    for it), all of a document, read in one call. On plover-events-de dev the gold mode of
    the trigger matches: the trigger lexicon's modes 0.36, the head's alone 0.59, the
    lexicon's with the head's where it has none 0.66 (where the lexicon names one,
    "telefonierte": phone, it is the surer)."""
    todo = [(ev, v, tok, r) for ev, v, tok, r in triggers
            if ev.mode is None and _allowed_modes(heads, settings, ev.type)]
    if not todo:
        return
    with torch.inference_mode():
        lemma_ids, tag_ids = heads.ids([tok for _, _, tok, _ in todo])
        feats = heads.words(torch.stack([v for _, v, _, _ in todo]), lemma_ids, tag_ids,
                            torch.tensor([r for _, _, _, r in todo], dtype=torch.long))
        scores = heads.mode(feats)
    for (ev, _, _, _), row in zip(todo, scores):
        ev.mode = best_mode(heads, settings, ev.type, row)


def _allowed_modes(heads: ExtractorHeads, settings: dict, type_: str) -> list[int]:
    """The mode head's indices of the modes a type has in training."""
    return [heads.modes.index(m) for m in settings["modes_of"].get(type_, []) if m in heads.modes]


def best_mode(heads: ExtractorHeads, settings: dict, type_: str, scores: torch.Tensor) -> Optional[str]:
    """The type's mode the head scores highest, or None for a type without modes."""
    allowed = _allowed_modes(heads, settings, type_)
    return heads.modes[max(allowed, key=lambda x: float(scores[x]))] if allowed else None


@functools.cache
def load() -> Optional[tuple[ExtractorHeads, dict]]:
    """The shipped heads and their settings (thresholds chosen on dev), or None."""
    if not MODEL_PATH.exists():
        return None
    saved = torch.load(MODEL_PATH, map_location="cpu", weights_only=False)
    heads = ExtractorHeads(hidden=saved["hidden"], modes=saved["modes"], lemmas=saved["lemmas"], tags=saved["tags"])
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


def ruled(actors: Sequence[str], sides: tuple[Sequence[str], Sequence[str], bool]) -> list[int]:
    """Per candidate actor: what the rules read it as (`RULED_SOURCE` | `RULED_TARGET`, with
    `RULED_CODED` where they code the trigger), from their (source, target, coded)."""
    coded = RULED_CODED if sides[2] else 0
    return [(RULED_SOURCE if a in sides[0] else 0) | (RULED_TARGET if a in sides[1] else 0) | coded for a in actors]


def find(vectors: torch.Tensor, tokens, matches, cands: Sequence[Candidate], heads: ExtractorHeads,
         settings: dict, rule_sides: Optional[Callable[[int, str], tuple]] = None) -> list[Found]:
    """The events of one sentence from its word vectors, word-layer tokens, the trigger
    lexicon's matches and the role candidates; `rule_sides(word, type)` gives the sides the
    rules read for a trigger there (the role reader's hint)."""
    if vectors.shape[0] == 0:
        return []
    with torch.inference_mode():
        lemma_ids, tag_ids = heads.ids(tokens)
        sentence = SentenceWords(heads.standardise(vectors), lemma_ids, tag_ids, rule_types(len(tokens), matches))
        feats = heads.features(sentence)
        probs = heads.trigger(feats).softmax(-1)
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
            out.append(_event(feats, sentence, k, i, j, t, float(probs[k, t]), cands, heads, settings, rule_sides))
            i = j + 1
    return out


def pick_sides(role: torch.Tensor, threshold: float) -> dict[int, int]:
    """The candidate (row of `role`, (candidates, 3) probabilities) read as actor (key 1)
    and as recipient (key 2): the likeliest for each side at P >= threshold; a candidate
    likeliest for both takes its likelier reading only."""
    picked = {}
    for r in (1, 2):
        c = int(role[:, r].argmax())
        if float(role[c, r]) >= threshold:
            picked[r] = c
    if picked.get(1) is not None and picked.get(1) == picked.get(2):
        c = picked[1]
        del picked[1 if float(role[c, 2]) > float(role[c, 1]) else 2]
    return picked


def _event(feats, sentence: SentenceWords, k: int, first: int, last: int, t: int, p: float, cands, heads, settings,
           rule_sides) -> Found:
    flags = heads.flags(feats[k:k + 1]).sigmoid()[0]
    mode = best_mode(heads, settings, TYPES[t], heads.mode(feats[k:k + 1])[0])
    source, target = [], []
    own = [c for c in cands if not (c.lo <= k < c.hi)]
    if own:
        hints = ruled([c.actor for c in own], rule_sides(k, TYPES[t]) if rule_sides else ((), (), False))
        role = heads.roles(sentence, k, t, [(c.lo, c.hi, c.pronoun, h) for c, h in zip(own, hints)]).softmax(-1)
        picked = pick_sides(role, settings["role_threshold"])
        source = [own[picked[1]].actor] if 1 in picked else []
        target = [own[picked[2]].actor] if 2 in picked else []
        if source == target:
            target = []
    return Found(type=TYPES[t], first=first, last=last, prob=p, source=source, target=target, mode=mode,
                 negated=float(flags[0]) >= 0.5, hypothetical=float(flags[1]) >= 0.5)
