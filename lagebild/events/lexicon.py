"""The trigger lexicon (triggers.yaml) and the cues (cues.yaml), loaded once, and the
matching of triggers on the tokens of one sentence.

German inflection is handled by stems: a verb stem matches with any inflection ending
("traf" → traf, trafen; "lehn" → lehnte, lehnten, gelehnt), separable verbs match joined
("ablehnen", "abgelehnt", "abzulehnen") or split with the particle at the end of the
clause ("lehnte … ab"); nouns match as the head of a compound ("Luftangriffe").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Optional

from ..datafiles import read_yaml
HERE = Path(__file__).parent

# inflection endings of verbs (finite forms, participles, participles used as adjectives)
VERB_END = r"(?:e|en|end|ende|endem|enden|ender|endes|ene|enem|enen|ener|enes|n|st|est|t|te|tem|ten|ter|tes|tet|test|et|ete|eten|etem|eter|etes)?"
# inflection endings of nouns (plural, genitive, dative plural)
NOUN_ENDINGS = ("e", "en", "n", "s", "es", "er", "ern", "ns", "nen", "se", "sen")
NOUN_END = "(?:" + "|".join(NOUN_ENDINGS) + ")?"

_UMLAUT = {"au": "äu", "a": "ä", "o": "ö", "u": "ü"}


def _umlaut_plural(noun: str) -> str | None:
    """The umlauted plural stem of a noun whose last vowel can take one ("anschlag" →
    "anschläg", matching "Anschläge", "Anschlägen"; "abzug" → "abzüg"); None otherwise."""
    m = re.search(r"(au|a|o|u)([^aeiouäöü]*)$", noun)
    if not m or noun.endswith(("ung", "ion", "tum")):
        return None
    return noun[:m.start()] + _UMLAUT[m.group(1)] + m.group(2) + "e"


PUNCT = set(",.;:!?()[]{}„“”\"'‚‘’«»‹›–—-…")
CLAUSE_BREAK = set(",;:–—")


@dataclass(frozen=True)
class Entry:
    type: str
    mode: Optional[str]
    label: str                       # the infinitive or the first noun, for reading
    kind: str                        # "verb" | "noun"
    pattern: re.Pattern              # the whole-token pattern (joined forms for particle verbs)
    split_pattern: Optional[re.Pattern] = None   # the finite verb without its particle
    particle: Optional[str] = None
    phrase: tuple[str, ...] = ()     # multi-word nouns: the words before the head
    with_: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    weight: float = 0.7
    subject_is_target: bool = False   # "X müsse …": the subject is who is asked
    target_preps: tuple[str, ...] = ()   # prepositions that mark the target for this trigger
    content_type: bool = False        # a decision ("beschließen") is coded as what it decides
    genitive: Optional[str] = None    # nouns: "source" where "X der EU" names the actor ("Sanktionen der EU")
    # what every word the entry matches holds, for `_candidates`: it begins with one of the
    # `starts`, or (compound nouns) ends with one of the `ends` before a noun ending
    starts: tuple[str, ...] = ()
    ends: tuple[str, ...] = ()


@dataclass
class Match:
    entry: Entry
    index: int                       # token index of the trigger (first token of a phrase)
    last: int                        # token index of the last trigger token
    particle_index: Optional[int] = None
    extra: dict = field(default_factory=dict)


def _alt(stems: list[str]) -> str:
    return "(?:" + "|".join(re.escape(s) for s in sorted(set(stems), key=len, reverse=True)) + ")"


def _verb_stems(spec: dict) -> list[str]:
    stems = [str(s) for s in spec.get("stems") or []]
    if not stems:
        words = [w for w in str(spec["verb"]).split() if w.islower() and w.endswith("n") and w != "sich"]
        inf = (words[0] if words else str(spec["verb"]).split()[-1]).lower()
        particle = spec.get("particle")
        if particle and inf.startswith(particle):
            inf = inf[len(particle):]
        stems = [inf[:-2] if inf.endswith("en") else inf[:-1]]
    if not spec.get("no_ge"):
        stems += ["ge" + s for s in stems if not s.startswith("ge")]
    return stems


def _build(type_: str, spec: dict) -> list[Entry]:
    common = dict(type=type_, mode=spec.get("mode"), subject_is_target=bool(spec.get("subject_is_target")),
                  target_preps=tuple(spec.get("target_preps") or ()), content_type=bool(spec.get("content_type")),
                  genitive=spec.get("genitive"),
                  with_=tuple(str(w).lower() for w in spec.get("with") or []),
                  unless=tuple(str(w).lower() for w in spec.get("unless") or []))
    if "verb" in spec:
        stems = _verb_stems(spec)
        particle = spec.get("particle")
        weight = float(spec.get("weight", 0.7))
        if particle:
            joined = re.compile(re.escape(particle) + "(?:zu)?" + _alt(stems) + VERB_END)
            split = re.compile(_alt(stems) + VERB_END)
            return [Entry(label=spec["verb"], kind="verb", pattern=joined, split_pattern=split,
                          particle=particle, weight=weight, starts=(particle, *stems), **common)]
        return [Entry(label=spec["verb"], kind="verb", pattern=re.compile(_alt(stems) + VERB_END),
                      weight=weight, starts=tuple(stems), **common)]
    out = []
    weight = float(spec.get("weight", 0.6))
    single = [str(n).lower() for n in spec["nouns"] if " " not in str(n)]
    single += [u for u in map(_umlaut_plural, single) if u and u not in single]
    if single:
        compound = spec.get("compound", True)
        prefix = r"(?:[^\W\d_][\w-]*?-?)?" if compound else ""
        anchors = dict(ends=tuple(single)) if compound else dict(starts=tuple(single))
        out.append(Entry(label=single[0], kind="noun",
                         pattern=re.compile(prefix + _alt(single) + NOUN_END), weight=weight, **anchors, **common))
    for n in spec["nouns"]:
        words = str(n).lower().split()
        if len(words) > 1:
            out.append(Entry(label=str(n), kind="noun", pattern=re.compile(re.escape(words[-1]) + NOUN_END),
                             phrase=tuple(words[:-1]), weight=weight, starts=(words[-1],), **common))
    return out


@cache
def entries() -> tuple[Entry, ...]:
    data = read_yaml(HERE / "triggers.yaml")
    out: list[Entry] = []
    for type_, specs in data.items():
        for spec in specs:
            out.extend(_build(type_, spec))
    return tuple(out)


@cache
def cues() -> dict:
    return read_yaml(HERE / "cues.yaml")


def clause_bounds(words: list[str], i: int) -> tuple[int, int]:
    """The token range [lo, hi) of the clause around token i: up to the nearest comma,
    semicolon, colon or dash outside brackets (a bracket is read as part of the clause)."""
    lo = i
    while lo > 0 and words[lo - 1] not in CLAUSE_BREAK:
        if words[lo - 1] == ")":
            k = lo - 1
            while k > 0 and words[k] != "(":
                k -= 1
            lo = k
            continue
        lo -= 1
    hi = i + 1
    while hi < len(words) and words[hi] not in CLAUSE_BREAK:
        if words[hi] == "(":
            k = hi
            while k < len(words) - 1 and words[k] != ")":
                k += 1
            hi = k + 1
            continue
        hi += 1
    return lo, hi


def _has_cue(cue: str, lower: list[str], lo: int, hi: int, clause_text: str) -> bool:
    if " " in cue:
        return cue in clause_text
    return any(cue in w for w in lower[lo:hi])


def _particle_after(lower: list[str], i: int, particle: str) -> Optional[int]:
    """Index of the separated particle of the verb at i: the particle at the end of the
    clause (followed by punctuation, a coordinator or the end of the sentence)."""
    end = len(lower)
    for j in range(i + 1, min(end, i + 25)):
        w = lower[j]
        if w in (".", "!", "?", ";"):
            return None
        if w == particle:
            nxt = lower[j + 1] if j + 1 < end else "."
            if nxt in PUNCT or nxt in ("und", "oder", "aber", "sowie", "sondern", "doch"):
                return j
    return None


ANCHOR = 4     # characters of a start or end literal the candidate index keys on, at most
_ENDING_LENGTHS = sorted({0, *map(len, NOUN_ENDINGS)})


@cache
def _anchor_index() -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
    """The entries (by position in `entries()`) keyed on the first ANCHOR characters of their
    start literals and on the last ANCHOR characters of their end literals (the whole
    literal where it is shorter); an entry with neither under "" (tried on every word)."""
    starts: dict[str, set[int]] = {}
    ends: dict[str, set[int]] = {}
    for n, e in enumerate(entries()):
        if not (e.starts or e.ends):
            starts.setdefault("", set()).add(n)     # no literal known: every word tries it
        for lit in e.starts:
            starts.setdefault(lit[:ANCHOR], set()).add(n)
        for lit in e.ends:
            ends.setdefault(lit[-ANCHOR:], set()).add(n)
    return ({k: tuple(v) for k, v in starts.items()}, {k: tuple(v) for k, v in ends.items()})


def _candidates(w: str) -> list[Entry]:
    """The entries that can match the word, in lexicon order: those whose start literal it
    begins with or whose end literal it ends with before a noun ending. The patterns are
    run on these only, a few instead of the whole lexicon."""
    starts, ends = _anchor_index()
    found: set[int] = set()
    for k in range(ANCHOR + 1):
        found.update(starts.get(w[:k], ()))
        for cut in _ENDING_LENGTHS:
            if len(w) - cut >= k:
                found.update(ends.get(w[len(w) - cut - k:len(w) - cut], ()))
    every = entries()
    return [every[n] for n in sorted(found)]


@lru_cache(maxsize=200_000)
def _entries_matching(w: str) -> tuple[tuple[Entry, bool], ...]:
    """The lexicon entries whose pattern a lower-case word form matches, in lexicon order,
    each with whether only its split form does ("lehnte" of "lehnte … ab"). A word's
    matches depend on the word alone, so they are looked up once per form instead of
    running every entry's pattern on every token."""
    out = []
    for e in _candidates(w):
        if e.pattern.fullmatch(w):
            out.append((e, False))
        elif e.kind != "noun" and e.split_pattern is not None and e.split_pattern.fullmatch(w):
            out.append((e, True))
    return tuple(out)


def first_word(words: list[str]) -> int:
    """The index of a sentence's first word (past opening quotation marks and dashes): the
    one whose capital says nothing (`find_triggers`' `sentence_initial`)."""
    return next((i for i, w in enumerate(words) if w[:1].isalnum()), 0)


def find_triggers(words: list[str], sentence_initial: int = 0) -> list[Match]:
    """All trigger matches in the tokens of one sentence (surface forms in `words`)."""
    lower = [w.lower().replace("\u00ad", "") for w in words]
    out: list[Match] = []
    for i, w in enumerate(lower):
        if not w[:1].isalpha():
            continue
        capital = words[i][:1].isupper()
        for e, split_only in _entries_matching(w):
            m = None
            if e.kind == "noun":
                if not capital and i != sentence_initial:
                    continue
                if e.phrase:
                    k = len(e.phrase)
                    if i - k < 0 or not all(lower[i - k + n].startswith(p) for n, p in enumerate(e.phrase)):
                        continue
                    m = Match(e, i - k, i)
                else:
                    m = Match(e, i, i)
            else:
                if capital:
                    continue  # a capitalised verb form is a noun ("Unterstützer", "das Treffen")
                if not split_only:
                    m = Match(e, i, i)
                else:
                    j = _particle_after(lower, i, e.particle)
                    if j is None:
                        continue
                    m = Match(e, i, i, particle_index=j)
            lo, hi = clause_bounds(lower, m.index)
            if m.particle_index is not None:
                hi = max(hi, m.particle_index + 1)
            # light-verb phrases look at the whole sentence part the verb governs; phrases
            # ("demonstrieren, dass") may reach two tokens past the clause
            clause_text = " ".join(lower[max(0, lo - 2):hi + 2])
            if e.with_ and not any(_has_cue(c, lower, lo, hi, clause_text) for c in e.with_):
                continue
            if e.unless and any(_has_cue(c, lower, lo, hi, clause_text) for c in e.unless):
                continue
            out.append(m)
    return _prefer_specific(out)


def _prefer_specific(matches: list[Match]) -> list[Match]:
    """Where several entries match the same token, keep those with a `with` condition
    (the more specific phrase) and drop the bare ones of the same token."""
    by_token: dict[int, list[Match]] = {}
    for m in matches:
        by_token.setdefault(m.index, []).append(m)
    out = []
    for ms in by_token.values():
        # "lieferten … aus" is ausliefern, not liefern
        if any(m.particle_index is not None for m in ms):
            ms = [m for m in ms if m.entry.particle]
        specific = [m for m in ms if m.entry.with_]
        keep = specific if specific else ms
        keep = [m for m in keep if m.entry.weight >= max(k.entry.weight for k in keep) - 0.15]
        # the same token may still carry two types (ausschließen: REJECT / SANCTION-expel)
        seen = set()
        for m in sorted(keep, key=lambda m: -m.entry.weight):
            if m.entry.type in seen:
                continue
            seen.add(m.entry.type)
            out.append(m)
    return sorted(out, key=lambda m: m.index)
