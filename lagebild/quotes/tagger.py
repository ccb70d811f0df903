"""The learned quote tagger: quote spans with their type, cue, speaker, addressee and frame,
tagged over the shared encoder's states of a whole article.

The encoder (`lagebild.encoder`) reads one sentence at a time; dilated convolutions run
over the pieces of all sentences of the article in order, so a sentence in Konjunktiv I
can see the frame a sentence or two before it. Three linear layers tag every piece:

- quote: O, or B-/I- with the quote type (direct, indirect, free_indirect,
  indirect_free_indirect, reported);
- role: O, B-/I-cue, B-/I-speaker, B-/I-addressee;
- frame: O, B-/I-frame (a frame holds the cue and the speaker, so it has its own layer).

Each token takes the tags of its first piece. Trained on GermEval 2023 SpkAtt task 2 (700
German Wikinews articles; `lagebild train quotes`, see lagebild/training/quotes/tagger.py
and model/MODEL_CARD.md). The tagger also reads what the rules (rules.py) found, as flags
per piece, and the rules stay the main source: `fill_roles` gives rule quotes without a
speaker the tagger's, `learned_quotes` adds the tagger's quotes that no rule quote
overlaps. Measured, this combination is about level with the rules alone (SpkAtt dev
joint F1 0.708 vs 0.706), so it is off by default (LAGEBILD_QUOTE_TAGGER=1 turns it on;
MODEL_CARD.md has the figures).
"""
from __future__ import annotations

import functools
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

import torch
from torch import nn

HERE = Path(__file__).parent
MODEL_PATH = HERE / "model" / "quote-tagger.pt"

QUOTE_TYPES = ("direct", "indirect", "free_indirect", "indirect_free_indirect", "reported")
ROLES = ("cue", "speaker", "addressee")
QUOTE_TAGS = ("O",) + tuple(f"{p}-{t}" for t in QUOTE_TYPES for p in ("B", "I"))
ROLE_TAGS = ("O",) + tuple(f"{p}-{r}" for r in ROLES for p in ("B", "I"))
FRAME_TAGS = ("O", "B-frame", "I-frame")

# what the rules found, as flags per piece: the tagger sees them beside the encoder's
# states, so it learns where the rules are right and what they miss
RULE_FLAGS = tuple(f"rule-{t}" for t in QUOTE_TYPES) + ("rule-cue", "rule-speaker", "rule-frame")
INPUTS = 384 + 1 + len(RULE_FLAGS)      # encoder states, sentence start, rule flags

# a learned quote must be this sure (mean probability of its tokens' quote tags) and this
# long to be added beside the rules' quotes; chosen on the tuning articles (MODEL_CARD.md)
MIN_CONFIDENCE = 0.7
MIN_TOKENS = 3


class QuoteTagger(nn.Module):
    """Dilated 1-D convolutions over the pieces of an article (each piece sees about 60
    pieces, two sentences, to either side), then one linear layer per tag layer. Chosen
    over a bidirectional LSTM, whose epoch took five times as long on 2 CPU cores."""

    def __init__(self, inputs: int = INPUTS, size: int = 128, dropout: float = 0.3,
                 dilations: Sequence[int] = (1, 2, 4, 8, 16, 32)):
        super().__init__()
        # per-dimension mean and spread of the training states: e5's states share a large
        # common offset, and without standardising them the tagger barely learns
        self.register_buffer("mean", torch.zeros(inputs))
        self.register_buffer("std", torch.ones(inputs))
        self.drop = nn.Dropout(dropout)
        self.proj = nn.Linear(inputs, size)
        self.convs = nn.ModuleList(nn.Conv1d(size, size, 3, padding=d, dilation=d) for d in dilations)
        self.norms = nn.ModuleList(nn.LayerNorm(size) for _ in dilations)
        self.quote = nn.Linear(size, len(QUOTE_TAGS))
        self.role = nn.Linear(size, len(ROLE_TAGS))
        self.frame = nn.Linear(size, len(FRAME_TAGS))

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """x: (batch, pieces, inputs), from `article_input`."""
        mask = (torch.arange(x.shape[1])[None, :] < lengths[:, None]).unsqueeze(-1).float()
        x = (x - self.mean) / self.std
        h = torch.relu(self.proj(self.drop(x))) * mask                     # (batch, pieces, size)
        for conv, norm in zip(self.convs, self.norms):
            c = conv(self.drop(h).transpose(1, 2)).transpose(1, 2)
            h = norm(h + torch.relu(c)) * mask
        out = self.drop(h)
        return self.quote(out), self.role(out), self.frame(out)


def article_input(states: Sequence[torch.Tensor], flags: Optional[torch.Tensor] = None) -> torch.Tensor:
    """The tagger's input for one article: its sentences' piece states one after the other,
    with a flag on each sentence's first piece, and the rule flags per piece (`rule_flags`)."""
    parts = []
    for st in states:
        start = torch.zeros(st.shape[0], 1)
        if st.shape[0]:
            start[0, 0] = 1.0
        parts.append(torch.cat([st.float(), start], dim=1))
    x = torch.cat(parts, dim=0) if parts else torch.zeros(0, 385)
    if flags is None:
        flags = torch.zeros(x.shape[0], len(RULE_FLAGS))
    return torch.cat([x, flags.float()], dim=1)


def rule_flags(found: Sequence, piece_starts: Sequence[int]) -> torch.Tensor:
    """(pieces, len(RULE_FLAGS)): 1 where a piece (by its first character in the text) lies in
    a rule quote of a type, or in its cue, speaker or frame."""
    flags = torch.zeros(len(piece_starts), len(RULE_FLAGS))
    marks = []
    for q in found:
        for col, spans in ((RULE_FLAGS.index("rule-" + q.type), q.spans), (RULE_FLAGS.index("rule-cue"), q.cue),
                           (RULE_FLAGS.index("rule-speaker"), q.speaker), (RULE_FLAGS.index("rule-frame"), q.frame)):
            marks += [(a, b, col) for a, b in spans]
    if not marks:
        return flags
    pos = torch.tensor(list(piece_starts))
    for a, b, col in marks:
        flags[(pos >= a) & (pos < b), col] = 1.0
    return flags


@dataclass
class Tagged:
    """Per token of an article: its span and the best quote/role/frame tag with its probability."""
    start: int
    end: int
    quote: str
    quote_p: float
    role: str
    frame: str


def piece_starts(states: Sequence, sentence_starts: Sequence[int]) -> list[int]:
    """Each piece's first character in the text, over all sentences in order (`states`:
    the sentences' `Encoded` or `Tokenized` records, offsets relative to the sentence)."""
    return [off + a for e, off in zip(states, sentence_starts) for a in e.starts]


def tag_tokens(model: QuoteTagger, states: Sequence, sentence_starts: Sequence[int],
               tokens: Sequence[Sequence[tuple[int, int]]], found: Sequence = ()) -> list[Tagged]:
    """Tags of the tokens of an article. `states` are the encoder's `Encoded` sentences
    (piece offsets relative to the sentence), `sentence_starts` their offsets in the text,
    `tokens` per sentence the (start, end) of its tokens in the text, `found` the rules'
    quotes."""
    x = article_input([e.states for e in states], rule_flags(found, piece_starts(states, sentence_starts)))
    if x.shape[0] == 0:
        return []
    with torch.inference_mode():
        q, r, f = model(x[None], torch.tensor([x.shape[0]]))
        qp, rp, fp = q[0].softmax(-1), r[0].softmax(-1), f[0].softmax(-1)
    out = []
    base = 0
    for e, off, toks in zip(states, sentence_starts, tokens):
        starts = e.starts
        k = 0
        for a, b in toks:
            # the token's first piece: the first one that starts inside it
            while k < len(starts) and off + starts[k] < a:
                k += 1
            if k >= len(starts) or off + starts[k] >= b:
                continue
            i = base + k
            qi = int(qp[i].argmax())
            out.append(Tagged(a, b, QUOTE_TAGS[qi], float(qp[i, qi]), ROLE_TAGS[int(rp[i].argmax())],
                              FRAME_TAGS[int(fp[i].argmax())]))
        base += len(starts)
    return out


@dataclass
class Run:
    label: str
    first: int          # token index
    last: int
    probs: list


def runs(tags: Sequence[Tagged], layer: str) -> list[Run]:
    """Maximal runs of tokens with the same label in one tag layer (B- opens a new run,
    I- continues a run of its label or opens one)."""
    out: list[Run] = []
    for i, t in enumerate(tags):
        tag = getattr(t, layer)
        if tag == "O":
            continue
        bio, label = tag.split("-", 1)
        p = t.quote_p if layer == "quote" else 1.0
        if bio == "I" and out and out[-1].label == label and out[-1].last == i - 1:
            out[-1].last = i
            out[-1].probs.append(p)
        else:
            out.append(Run(label, i, i, [p]))
    return out


@functools.cache
def load_model(path: Path = MODEL_PATH) -> Optional[QuoteTagger]:
    if not path.exists():
        return None
    blob = torch.load(path, map_location="cpu", weights_only=True)
    model = QuoteTagger(**blob["config"])
    model.load_state_dict({k: v.float() for k, v in blob["state"].items()})
    return model.eval()


@dataclass
class ArticleTags:
    """The tagger's reading of one article: tokens with tags, each token's sentence, and
    the runs of the role and frame layers."""
    tags: list[Tagged]
    sent_of: list[int]
    roles: list[Run]
    frames: list[Run]

    def token_range(self, spans: Sequence[tuple[int, int]]) -> Optional[tuple[int, int]]:
        """First and last token inside the character spans (None if none)."""
        inside = [i for i, t in enumerate(self.tags) if any(a <= t.start < b for a, b in spans)]
        return (inside[0], inside[-1]) if inside else None

    def nearest(self, layer: str, label: str, first: int, last: int) -> Optional[tuple[int, int]]:
        """The character span of the run of `label` in the sentences of tokens first..last,
        outside them, nearest to them."""
        lo, hi = self.sent_of[first], self.sent_of[last]
        cands = [r for r in (self.roles if layer == "role" else self.frames)
                 if r.label == label and lo <= self.sent_of[r.first] <= hi and not first <= r.first <= last]
        if not cands:
            return None
        best = min(cands, key=lambda r: min(abs(r.first - last), abs(r.last - first)))
        return self.tags[best.first].start, self.tags[best.last].end


def tag_article(doc, found: Sequence) -> Optional[ArticleTags]:
    """Run the tagger over `doc` (its sentences and tokens from the sentences stage, the
    encoder's states shared with the other heads), with the rules' quotes `found` as input."""
    from ..encoder import encoded_sentences, sentence_states
    model = load_model()
    if model is None or not doc.sentences:
        return None
    sents = encoded_sentences(doc)
    states = sentence_states([doc])[0]
    toks = [[(t.start, t.end) for t in doc.sentence_tokens(s)] for s in sents]
    tags = tag_tokens(model, states, [s.start for s in sents], toks, found)
    if not tags:
        return None
    starts = [s.start for s in sents]
    return ArticleTags(tags, [bisect_right(starts, t.start) - 1 for t in tags], runs(tags, "role"),
                       runs(tags, "frame"))


def learned_quotes(doc, found: Sequence, tagged: Optional[ArticleTags] = None,
                   min_confidence: Optional[float] = None, beside: bool = True) -> list:
    """The tagger's quotes in `doc`, as rules.Found records with cue, speaker, addressee and
    frame from the tagger; with `beside`, only those that overlap none of the rules' quotes
    (`found`)."""
    from .rules import Found
    tagged = tagged or tag_article(doc, found)
    if tagged is None:
        return []
    if min_confidence is None:
        min_confidence = MIN_CONFIDENCE
    tags, sent_of = tagged.tags, tagged.sent_of
    taken = [sp for q in found for sp in q.spans]
    out = []
    for q in _merged(runs(tags, "quote"), tags, tagged.frames):
        conf = sum(q.probs) / len(q.probs)
        a, b = tags[q.first].start, tags[q.last].end
        if conf < min_confidence or q.last - q.first + 1 < MIN_TOKENS:
            continue
        if beside and any(a < tb and ta < b for ta, tb in taken):
            continue
        rec = Found(type=q.label, spans=_pieces(tags, q.first, q.last, doc.text), sent=sent_of[q.first])
        for role in ROLES:
            span = tagged.nearest("role", role, q.first, q.last)
            if span:
                setattr(rec, role, [span])
        lo, hi = sent_of[q.first], sent_of[q.last]
        rec.frame = [(tags[r.first].start, tags[r.last].end) for r in tagged.frames
                     if lo <= sent_of[r.first] <= hi and not q.first <= r.first <= q.last]
        out.append(rec)
    return out


def fill_roles(found: Sequence, tagged: ArticleTags, roles: Sequence[str] = ("speaker", "cue")) -> None:
    """Give a rule quote that has no speaker (or cue) the tagger's nearest one in its
    sentences; the rules' own roles are kept."""
    for q in found:
        missing = [r for r in roles if not getattr(q, r)]
        rng = tagged.token_range(q.spans) if missing else None
        if rng is None:
            continue
        for role in missing:
            span = tagged.nearest("role", role, *rng)
            if span and not any(a < span[1] and span[0] < b for a, b in q.spans):
                setattr(q, role, [span])


def _merged(quotes: list[Run], tags: Sequence[Tagged], frames: list[Run]) -> list[Run]:
    """Join two runs of one quote type that only a frame separates ("…, sagte er, …")."""
    framed = {i for r in frames for i in range(r.first, r.last + 1)}
    out: list[Run] = []
    for q in quotes:
        if out and out[-1].label == q.label and q.first - out[-1].last - 1 <= 8 \
                and all(i in framed for i in range(out[-1].last + 1, q.first)):
            out[-1].last = q.last
            out[-1].probs += q.probs
        else:
            out.append(q)
    return out


def _pieces(tags: Sequence[Tagged], first: int, last: int, text: str) -> list[tuple[int, int]]:
    """The character spans of tokens first..last, split where a gap token was framed away
    (a joined quote keeps its two parts)."""
    spans: list[tuple[int, int]] = []
    for t in tags[first:last + 1]:
        if t.quote == "O":
            continue
        if spans and not text[spans[-1][1]:t.start].strip():
            spans[-1] = (spans[-1][0], t.end)
        else:
            spans.append((t.start, t.end))
    return spans
