"""Bytes → text: size limits, encodings, binary and language checks, HTML detection.

Every check raises `InputError` with a one-line message and a reason code, so that a
corpus run can report a bad document and go on.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Optional, Union


from ..errors import InputError
from ..datafiles import read_yaml

MAX_BYTES = 5 * 1024 * 1024          # larger inputs are refused (a news article is < 100 kB)
MIN_WORDS_FOR_LANGUAGE = 25          # shorter texts are too short to judge their language
MIN_LETTERS_FOR_SCRIPT = 100         # a text of this many letters, most not Latin, is not German
MIN_GERMAN_SHARE = 0.02              # German function words a text needs at the least
ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
# byte order marks that name their encoding; UTF-32 first (its little-endian mark starts
# like UTF-16's)
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# NUL characters are dropped from text (a PostgreSQL store cannot hold them) when they are
# stray: at most this share of the bytes, in bytes that are otherwise free of control
# characters; more NULs, or NULs in bytes with other control characters, are binary data
MAX_NUL_SHARE = 0.01

_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<article|<\?xml)", re.I)
_WORD = re.compile(r"[^\W\d_]+")


@cache
def _function_words() -> dict[str, frozenset[str]]:
    """Each language's function words, less those of two languages ("in": German and
    English), which tell neither."""
    data = {lang: frozenset(words) for lang, words in read_yaml(Path(__file__).parent / "function_words.yaml").items()}
    shared = {w for lang, words in data.items() for other, more in data.items() if other != lang for w in words & more}
    return {lang: words - shared for lang, words in data.items()}


def decode(data: bytes, name: str = "input") -> str:
    """Decode bytes to text: by a UTF-16 or UTF-32 byte order mark, else UTF-8 (with or
    without its mark) first, then cp1252, then latin-1; refuse binary data. The mark is not
    part of the text, and stray NUL characters are dropped."""
    if len(data) > MAX_BYTES:
        raise InputError("too_large", f"{name}: {len(data):,} bytes is over the limit of {MAX_BYTES:,} bytes")
    if not data.strip():
        raise InputError("empty", f"{name}: the input is empty")
    bom = next((enc for mark, enc in BOMS if data.startswith(mark)), None)
    if bom:
        try:
            text = data.decode(bom)
        except UnicodeDecodeError:
            raise InputError("undecodable", f"{name}: the bytes start with a {bom.upper()} byte order mark "
                                            f"but are not {bom.upper()} text") from None
        if _control_share(text[:8192].encode("utf-8")) > 0.1:
            raise InputError("binary", f"{name}: the input looks binary, not text")
        return _without_nul(text, name)
    head = data[:8192]
    if _control_share(head) > 0.1 or (b"\x00" in head and not _stray_nuls(head)):
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
        return _without_nul(text, name)
    raise InputError("undecodable", f"{name}: the bytes are neither UTF-8 nor cp1252/latin-1 text")


def _stray_nuls(data: bytes) -> bool:
    """Whether the NUL bytes in data are a few strays in otherwise clean text."""
    return data.count(0) <= MAX_NUL_SHARE * len(data) and _control_share(data.replace(b"\x00", b"")) < 0.01


def _without_nul(text: str, name: str) -> str:
    text = text.replace("\x00", "")
    if not text.strip():
        raise InputError("empty", f"{name}: the input is empty")
    return text


def _control_share(data: bytes) -> float:
    if not data:
        return 0.0
    ctrl = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13))
    return ctrl / len(data)


def looks_like_html(data: Union[bytes, str]) -> bool:
    raw = data.encode("utf-8", "ignore") if isinstance(data, str) else data
    return bool(_HTML_START.match(raw[:2048])) or b"</p>" in raw[:50000].lower() and b"<body" in raw.lower()


def normalise(text: str) -> str:
    """The text every offset refers to: Unicode NFC ("Ko\u0308ln" written as "Köln", so that
    every stage sees one spelling of a word), line ends unified, a leading byte order mark
    and NUL characters dropped; every other character is kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def guess_language(text: str) -> Optional[str]:
    """'de', another language code, 'unknown' (no language lagebild knows the function
    words of, or not in Latin script), or None when the text is too short to tell."""
    sample = text[:20000]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) >= MIN_LETTERS_FOR_SCRIPT and sum(map(_is_latin, letters)) < 0.5 * len(letters):
        return "unknown"
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return None
    scores = {lang: sum(w in fw for w in words) / len(words) for lang, fw in _function_words().items()}
    best = max(scores, key=scores.get)
    de = scores["de"]
    # German news has a share of 0.25 or more; a text with next to none of its function
    # words (Polish, Turkish, a word list) is not German even where no other language scores
    if best == "de" and de >= MIN_GERMAN_SHARE:
        return "de"
    # a page in two languages is German when German has at least half the share of the
    # other language (a third or more of its text), and is analysed whole
    if de >= 0.08 and de >= 0.5 * scores[best]:
        return "de"
    return best if scores[best] >= 0.05 else "unknown"


def _is_latin(c: str) -> bool:
    """Whether a letter is of the Latin script (basic, Latin-1, extended A and B, additional)."""
    o = ord(c)
    return o < 0x250 or 0x1E00 <= o < 0x1F00


def check_text(text: str, name: str = "input") -> str:
    """Refuse text that is empty or not German; return it normalised (`normalise`)."""
    text = normalise(text)
    if not text.strip():
        raise InputError("empty", f"{name}: the input is empty")
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise InputError("too_large", f"{name}: the input is over the limit of {MAX_BYTES:,} bytes")
    lang = guess_language(text)
    if lang not in (None, "de"):
        looks = "no language lagebild knows" if lang == "unknown" else f"'{lang}'"
        raise InputError("not_german", f"{name}: the text is not German (it looks like {looks})")
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
