"""Bytes → text: size limits, encodings, binary and language checks, HTML detection.

Every check raises `InputError` with a one-line message and a reason code, so that a
corpus run can report a bad document and go on.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Optional, Union


from ..errors import InputError
from ..datafiles import read_yaml

MAX_BYTES = 5 * 1024 * 1024          # larger inputs are refused (a news article is < 100 kB)
MIN_WORDS_FOR_LANGUAGE = 25          # shorter texts are too short to judge their language
ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")

_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<article|<\?xml)", re.I)
_WORD = re.compile(r"[^\W\d_]+")


@cache
def _function_words() -> dict[str, frozenset[str]]:
    data = read_yaml(Path(__file__).parent / "function_words.yaml")
    return {lang: frozenset(words) for lang, words in data.items()}


def decode(data: bytes, name: str = "input") -> str:
    """Decode bytes to text: UTF-8 first, then cp1252, then latin-1; refuse binary data."""
    if len(data) > MAX_BYTES:
        raise InputError("too_large", f"{name}: {len(data):,} bytes is over the limit of {MAX_BYTES:,} bytes")
    if not data.strip():
        raise InputError("empty", f"{name}: the input is empty")
    if b"\x00" in data[:8192] or _control_share(data[:8192]) > 0.1:
        raise InputError("binary", f"{name}: the input looks binary, not text")
    for enc in ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "cp1252" or enc == "latin-1":
            # a cp1252 decode that yields C1 control characters is not text either
            if _control_share(text.encode("utf-8", "replace")) > 0.1:
                continue
        return text
    raise InputError("undecodable", f"{name}: the bytes are neither UTF-8 nor cp1252/latin-1 text")


def _control_share(data: bytes) -> float:
    if not data:
        return 0.0
    ctrl = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13))
    return ctrl / len(data)


def looks_like_html(data: Union[bytes, str]) -> bool:
    raw = data.encode("utf-8", "ignore") if isinstance(data, str) else data
    return bool(_HTML_START.match(raw[:2048])) or b"</p>" in raw[:50000].lower() and b"<body" in raw.lower()


def normalise(text: str) -> str:
    """Unify line ends; keep every other character so offsets stay meaningful to the user."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def guess_language(text: str) -> Optional[str]:
    """'de', another language code, or None when the text is too short to tell."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return None
    scores = {lang: sum(w in fw for w in words) / len(words) for lang, fw in _function_words().items()}
    best = max(scores, key=scores.get)
    if scores["de"] >= 0.08 or best == "de":
        return "de"
    return best if scores[best] >= 0.05 else "unknown"


def check_text(text: str, name: str = "input") -> str:
    """Refuse text that is empty or not German; return it with unified line ends."""
    text = normalise(text)
    if not text.strip():
        raise InputError("empty", f"{name}: the input is empty")
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise InputError("too_large", f"{name}: the input is over the limit of {MAX_BYTES:,} bytes")
    lang = guess_language(text)
    if lang not in (None, "de"):
        raise InputError("not_german", f"{name}: the text is not German (it looks like '{lang}')")
    return text


def read_path(path: Union[str, Path]) -> tuple[str, bool]:
    """Read a .txt or .html file, or '-' for stdin; return (text, is_html)."""
    import sys

    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        name = "stdin"
    else:
        p = Path(path)
        name = str(p)
        if not p.exists():
            raise InputError("missing", f"{name}: no such file")
        if p.is_dir():
            raise InputError("missing", f"{name}: is a folder, not a file")
        if p.stat().st_size > MAX_BYTES:
            raise InputError("too_large", f"{name}: {p.stat().st_size:,} bytes is over the limit of {MAX_BYTES:,} bytes")
        data = p.read_bytes()
    is_html = Path(str(path)).suffix.lower() in (".html", ".htm", ".xhtml") or looks_like_html(data)
    return decode(data, name), is_html
