"""Reading the data files that sit beside each stage, and a per-machine cache for tables
that are slow to assemble.

The tables are read once per process, at start-up of every `lagebild analyze`, so the
C parser of libyaml (shipped in PyYAML's wheels) is used where present: it reads them
about ten times faster than the pure-Python parser, with the same result.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: str | Path) -> Any:
    """The data of one YAML file (safe subset: no Python objects)."""
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader)  # noqa: S506 - a safe loader


def cache_dir() -> Path:
    """The per-machine cache folder: the `cache` setting (LAGEBILD_CACHE), else
    ~/.cache/lagebild."""
    from .settings import settings
    return settings().cache_dir


def fingerprint(sources: Iterable[str | Path], extra: Iterable[str] = ()) -> str:
    """A short key that changes when any source file (size, mtime) or extra string does."""
    h = hashlib.sha1()
    for p in sorted(map(str, sources)):
        st = os.stat(p)
        h.update(f"{p}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    for x in extra:
        h.update(f"{x}\0".encode())
    return h.hexdigest()[:16]


def cached_build(name: str, sources: Iterable[str | Path], build: Callable[[], Any],
                 extra: Iterable[str] = ()) -> Any:
    """`build()`, stored once per machine with marshal (plain dicts, tuples, strings and
    numbers only) and read back while no source file has changed: a table that takes
    seconds of Python to assemble then loads in a fraction of one. A cache that cannot be
    written (read-only home) only costs the build."""
    path = cache_dir() / f"{name}-{fingerprint(sources, extra)}.marshal"
    try:
        # loads() on the whole file: load() on a file object reads it piece by piece
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(marshal.dumps(data))
        os.replace(tmp, path)
    except OSError:
        pass
    return data
