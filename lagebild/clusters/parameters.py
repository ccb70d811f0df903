"""The clustering parameters (`clusters.yaml` beside this file) and the versions they give.

A version names the parameters a row was made with: `documents_version()` for the stored
MinHash signatures (only the documents part changes them), `parameters_digest()` for the
event clusters (any part). Rows made with other parameters are rebuilt, never mixed.
"""
from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from ..datafiles import read_yaml

PATH = Path(__file__).with_name("clusters.yaml")


@cache
def parameters() -> dict:
    """{"documents": {...}, "events": {...}} as clusters.yaml has them."""
    return read_yaml(PATH)


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode("utf-8")).hexdigest()[:8]


def documents_version() -> str:
    """The signatures' version: a digest of what they depend on (not the chunk size)."""
    p = dict(parameters()["documents"])
    return _digest({k: p[k] for k in ("shingle_words", "num_perm", "seed", "scheme")})


def parameters_digest() -> str:
    """A digest of every parameter that changes a grouping (chunk sizes do not)."""
    p = parameters()
    return _digest({part: {k: v for k, v in p[part].items() if k != "chunk"} for part in ("documents", "events")})
