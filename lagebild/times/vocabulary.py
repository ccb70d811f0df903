"""The German words of the time tagger (vocabulary.yaml, tense.yaml), loaded once, and the
regular-expression pieces ("macros") that rules.yaml refers to as {{NAME}}."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Optional

from ..datafiles import read_yaml


HERE = Path(__file__).parent


@cache
def vocabulary() -> dict:
    return read_yaml(HERE / "vocabulary.yaml")


@cache
def tense_words() -> dict:
    data = read_yaml(HERE / "tense.yaml")
    return {k: frozenset(v) for k, v in data.items()}


def _alternation(words, spaced: bool = True) -> str:
    """A regex alternation of words, longest first, spaces matching any whitespace.

    Written as a trie ("sieben(?:und(?:achtzig|dreißig|…))?" instead of a hundred numerals
    tried one by one at every position of every sentence): it matches what the flat
    alternation does, in the same order (a longer word before its own beginning), and is
    several times faster. Where two words part at letters that differ only in case, a
    case-blind rule could take either branch, so those lists stay flat."""
    words = set(words)
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not _case_distinct(trie):
        return _flat_alternation(words, spaced)
    return _trie_pattern(trie, spaced)


def _case_distinct(node: dict) -> bool:
    keys = [k for k in node if k]
    return (len({k.lower() for k in keys}) == len(keys) == len({k.upper() for k in keys})
            and all(_case_distinct(sub) for sub in node.values()))


def _trie_pattern(node: dict, spaced: bool) -> str:
    alts = [(r"\s+" if spaced and ch == " " else re.escape(ch)) + _trie_pattern(sub, spaced)
            for ch, sub in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return "(?:" + body + ")?" if "" in node else body     # greedy: the longer word first


def _flat_alternation(words, spaced: bool = True) -> str:
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        p = re.escape(w)
        if spaced:
            p = p.replace(r"\ ", r"\s+")
        parts.append(p)
    return "|".join(parts)


@cache
def number_words() -> dict[str, float]:
    """Every numeral word the tagger reads, with its value: eins..neunundneunzig, hundert,
    the fractions (anderthalb) and the forms of "ein" (einen, einem)."""
    nums = vocabulary()["numerals"]
    out: dict[str, float] = {}
    out.update(nums["units"])
    out.update(nums["teens"])
    out.update(nums["tens"])
    out.update(nums["big"])
    out.update(nums["fractions"])
    for unit, u in nums["units"].items():
        if unit in ("ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"):
            for ten, t in nums["tens"].items():
                out[f"{unit}und{ten}"] = u + t
    return out


def parse_number(text: str) -> Optional[float]:
    """The value of a numeral in digits ("24", "1,5") or words ("zwei", "ein halbes")."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    if re.fullmatch(r"\d+", t):
        return float(t)
    if re.fullmatch(r"\d+,\d+", t):
        return float(t.replace(",", "."))
    words = number_words()
    if t in words:
        return float(words[t])
    m = re.fullmatch(r"(?:ein\w*\s+)?(halbe[snm]?)", t)
    if m:
        return 0.5
    return None


@dataclass(frozen=True)
class Unit:
    name: str      # "jahr"
    letter: str    # "Y"
    clock: bool    # True for hours, minutes, seconds (PT2H)


@cache
def unit_of_form() -> dict[str, Unit]:
    """Inflected unit word ("Jahren") -> Unit."""
    v = vocabulary()
    out = {}
    for name, forms in v["unit_forms"].items():
        info = v["units"][name]
        for f in forms:
            out[f] = Unit(name, info["letter"], info["clock"])
    return out


def unit(name: str) -> Unit:
    info = vocabulary()["units"][name]
    return Unit(name, info["letter"], info["clock"])


def lookup_prefix(table: dict, word: str):
    """The value of the longest key of `table` that starts `word` ("vergangenen" -> vergangen)."""
    w = word.lower()
    for key in sorted(table, key=len, reverse=True):
        if w.startswith(key):
            return table[key]
    return None


@cache
def macros() -> dict[str, str]:
    """The regex body of each {{MACRO}} of rules.yaml (without a group around it)."""
    v = vocabulary()
    endings = "(?:" + "|".join(e for e in v["adjective_endings"] if e) + ")?"
    number_alt = _alternation(number_words())
    months = v["months"]
    month_alt = "|".join(
        re.escape(m) if m.endswith(".") else re.escape(m) + r"(?![\w])"
        for m in sorted(months, key=len, reverse=True))
    unit_forms = unit_of_form()
    yrel_dirs = _alternation(v["direction_modifiers"])
    return {
        "PREP": r"(?:(?:" + _alternation(v["prepositions"]) + r")\s+)",
        "WEEKDAY": _alternation(v["weekdays"]),
        "WEEKDAYADV": _alternation(v["weekdays_adverbial"]),
        "MONTH": month_alt,
        "DAY": r"[012]?[1-9]|[123]0|31",
        "NUM": r"\d+(?:,\d+)?|(?:ein(?:e|en|em|er|es)?\s+)?halbe[snm]?|" + number_alt,
        "UNIT": _alternation(unit_forms),
        "PART": _alternation(v["parts_of_day"]),
        "DIR": "(?:" + yrel_dirs + ")" + endings,
        "POS": _alternation(v["position_words"]),
        "SEASON": _alternation(v["seasons"]),
        "HOLIDAY": _alternation(list(v["holidays_fixed"]) + list(v["holidays_easter"])),
        "DECADEWORD": _alternation(v["decade_words"]),
        "RELDAY": _alternation([w for w in v["relative_days"] if w != "morgen"]),
        "RELDAYADJ": _alternation(v["relative_day_adjectives"]),
        "VAGUE": _alternation(v["vague_quantities"]),
        "APPROX": _alternation(v["approximators"]),
        "YREL": r"(?:des\s+)?(?:" + yrel_dirs + ")" + endings + r"\s+Jahres",
    }


# macros that are unnamed unless the rule names them
UNNAMED = {"PREP", "APPROX"}


def expand(pattern: str) -> str:
    """Replace {{MACRO}}, {{MACRO:name}} and {{MACRO:}} by (named) groups."""
    table = macros()

    def sub(m: re.Match) -> str:
        name, sep, group = m.group(1), m.group(2), m.group(3)
        body = table[name]
        if sep and not group or (not sep and name in UNNAMED):
            return "(?:" + body + ")"
        return f"(?P<{group or name.lower()}>" + body + ")"

    return re.sub(r"\{\{([A-Z]+)(:?)([a-z0-9_]*)\}\}", sub, pattern)
