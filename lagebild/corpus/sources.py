"""The inputs of a corpus run (`lagebild run INPUT...`), read lazily as `InputItem`s.

What each kind of argument yields:

- a folder: one item per `.txt`, `.html` or `.htm` file in it or below, sorted by path;
  other files are ignored.
- a `.txt`, `.html` or `.htm` file: one item, read by `lagebild.reading.read_path`.
- a `.jsonl` or `.jsonl.gz` file: one item per non-blank line, a JSON object with `text` or
  `html` and optionally `id`, `url`, `published`, `title`, `source`.
- a `.warc` or `.warc.gz` file: one item per `response` record with HTTP status 200 and an
  HTML content type; all other records are skipped.
- `-`: JSON Lines from standard input.

Nothing here raises for a bad input: a document that cannot be read becomes an item with
`error` set and `text` None, so that the run reports it and goes on. A file that breaks in
the middle (a truncated gzip, a damaged WARC) yields its good items first, then one error
item with the reason "unreadable".
"""
from __future__ import annotations

import codecs
import gzip
import json
import sys
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable, Iterator, Optional
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import InputError
from ..reading import MAX_BYTES, decode, read_path

TEXT_SUFFIXES = (".txt", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")

# what a damaged file raises while it is read: gzip and zlib for cut or corrupt
# compression, UnicodeDecodeError for stdin in text mode, ArchiveLoadFailed for WARC
_READ_ERRORS = (OSError, EOFError, zlib.error, UnicodeDecodeError, ArchiveLoadFailed)


@dataclass
class InputItem:
    """One article of a corpus run, or the reason it could not be read."""

    ref: str                            # "PATH", "PATH:LINE", "PATH@OFFSET" or "stdin:LINE"
    text: Optional[str] = None          # None when reading failed
    html: bool = False
    id: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None     # YYYY-MM-DD
    title: Optional[str] = None
    source: Optional[str] = None        # the outlet: given, or the URL's host
    error: Optional[InputError] = None


def read_inputs(inputs: Iterable[str]) -> Iterator[InputItem]:
    """Every article of the inputs, in order, lazily (a 10 GB JSONL must stream)."""
    for arg in inputs:
        yield from _read_one(arg)


def _read_one(arg: str) -> Iterator[InputItem]:
    if arg == "-":
        return _read_jsonl_lines(sys.stdin, "stdin")
    path = Path(arg)
    name = path.name.lower()
    if not path.exists():
        return iter([_failed(arg, "missing", f"{arg}: no such file or folder")])
    if path.is_dir():
        return _read_folder(path)
    if name.endswith(TEXT_SUFFIXES):
        return iter([_read_text_file(path)])
    if name.endswith(JSONL_SUFFIXES):
        return _read_jsonl_file(path)
    if name.endswith(WARC_SUFFIXES):
        return _read_warc(path)
    return iter([_failed(arg, "unsupported", f"{arg}: unsupported input; give a folder, .txt, "
                         ".html, .htm, .jsonl, .jsonl.gz, .warc, .warc.gz or - for stdin")])


def _failed(ref: str, reason: str, message: str) -> InputItem:
    return InputItem(ref=ref, error=InputError(reason, message))


# --- folders and single files ---------------------------------------------------------

def _read_folder(folder: Path) -> Iterator[InputItem]:
    # Path order keeps a folder's files together (string order would put "a-b.txt" in "a/")
    files = sorted(p for p in folder.rglob("*") if p.name.lower().endswith(TEXT_SUFFIXES) and p.is_file())
    for path in files:
        yield _read_text_file(path)


def _read_text_file(path: Path) -> InputItem:
    try:
        text, is_html = read_path(path)
    except InputError as exc:
        return InputItem(ref=str(path), error=exc)
    except OSError as exc:  # e.g. no permission: the run goes on without this file
        return _failed(str(path), "unreadable", f"{path}: cannot be read ({exc.strerror or exc})")
    return InputItem(ref=str(path), text=text, html=is_html)


# --- JSON Lines -----------------------------------------------------------------------

def _read_jsonl_file(path: Path) -> Iterator[InputItem]:
    # bytes, not text: a line with bad UTF-8 is then one bad record, not the end of the file
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        stream = opener(path, "rb")
    except OSError as exc:
        yield _failed(str(path), "unreadable", f"{path}: cannot be opened ({exc.strerror or exc})")
        return
    with stream:
        yield from _read_jsonl_lines(stream, str(path))


def _read_jsonl_lines(lines: Iterable, name: str) -> Iterator[InputItem]:
    line_no = 0
    try:
        for line_no, line in enumerate(lines, 1):
            if line.strip():
                yield _jsonl_item(line, f"{name}:{line_no}")
    except _READ_ERRORS as exc:
        yield _failed(f"{name}:{line_no + 1}", "unreadable",
                      f"{name}: cannot be read past line {line_no} ({exc}); the rest is skipped")


def _jsonl_item(line, ref: str) -> InputItem:
    try:
        record = json.loads(line)
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError alike
        return _failed(ref, "bad_record", f"{ref}: not valid JSON ({exc})")
    if not isinstance(record, dict):
        return _failed(ref, "bad_record", f"{ref}: a JSON {type(record).__name__}, not an object")
    if isinstance(record.get("text"), str):
        body, is_html = record["text"], False
    elif isinstance(record.get("html"), str):
        body, is_html = record["html"], True
    else:
        return _failed(ref, "bad_record", f"{ref}: the record has no string field 'text' or 'html'")
    size = len(body.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        return _failed(ref, "too_large", f"{ref}: {size:,} bytes is over the limit of {MAX_BYTES:,} bytes")
    url = _field(record, "url")
    return InputItem(ref=ref, text=body, html=is_html, id=_field(record, "id"), url=url,
                     published=_iso_date(record.get("published")), title=_field(record, "title"),
                     source=_field(record, "source") or _host(url))


def _field(record: dict, key: str) -> Optional[str]:
    value = record.get(key)
    if isinstance(value, bool):
        return None
    return str(value) if isinstance(value, (str, int)) else None  # numeric ids are common


def _iso_date(value) -> Optional[str]:
    """'2019-04-25T10:00:00+02:00' → '2019-04-25' (the date as written, not moved to UTC)."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.strip()).date().isoformat()
    except ValueError:
        return None


def _host(url: Optional[str]) -> Optional[str]:
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:  # e.g. a malformed IPv6 address
        return None
    return host.removeprefix("www.") if host else None


# --- WARC -----------------------------------------------------------------------------

def _read_warc(path: Path) -> Iterator[InputItem]:
    try:
        with open(path, "rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                if record.format != "warc":  # warcio takes any other text for an ARC file
                    yield _failed(str(path), "unreadable", f"{path}: not a WARC file")
                    return
                if not _is_html_response(record):
                    continue
                # content_stream() undoes chunking and Content-Encoding; a byte more shows
                # "too large"; the offset is known only once the record is read to its end
                body = record.content_stream().read(MAX_BYTES + 1)
                ref = f"{path}@{records.get_record_offset()}"
                if record.raw_stream.limit > 0:  # warcio ends a cut file without an error
                    yield _failed(ref, "unreadable", f"{ref}: the file ends inside this record")
                    return
                yield _warc_item(record, body, ref)
    except Exception as exc:  # warcio raises many kinds (even AttributeError) on damaged files
        yield _failed(str(path), "unreadable",
                      f"{path}: a broken WARC file ({type(exc).__name__}: {exc}); the rest is skipped")


def _is_html_response(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:  # dns: etc. have no HTTP
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    content_type = record.http_headers.get_header("Content-Type") or ""
    return content_type.split(";")[0].strip().lower() in HTML_TYPES


def _warc_item(record, body: bytes, ref: str) -> InputItem:
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        text = _decode_body(body, record.http_headers.get_header("Content-Type") or "", ref)
    except InputError as exc:
        return InputItem(ref=ref, url=url, source=_host(url), error=exc)
    return InputItem(ref=ref, text=text, html=True, url=url, source=_host(url))


def _decode_body(body: bytes, content_type: str, ref: str) -> str:
    codec = _codec(content_type)
    if codec and len(body) <= MAX_BYTES and body.strip():
        try:
            return body.decode(codec)
        except UnicodeDecodeError:
            pass  # the header was wrong: guess as for a file
    return decode(body, ref)  # also refuses empty, binary and too large bodies


def _codec(content_type: str) -> Optional[str]:
    """The codec of a Content-Type's charset, or None when absent or unknown."""
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() != "charset":
            continue
        try:
            name = codecs.lookup(value.strip().strip("\"'")).name
        except LookupError:
            return None
        # browsers read "iso-8859-1" as windows-1252, and servers rely on it for „“ and €
        return {"iso8859-1": "cp1252", "utf-8": "utf-8-sig"}.get(name, name)
    return None
