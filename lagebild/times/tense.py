"""The tense around a time expression: "past", "future" or "present" (no cue either way).

Without a part-of-speech tagger the cues are words (tense.yaml): auxiliaries (hatte, wurde),
the perfect (hat/ist + participle), strong preterites (kam, beschloss), weak preterites
(-te/-ten after no determiner), and forward words (wird, soll, geplant). The clause around
the expression decides; where it has no cue the whole sentence does; where cues disagree the
one nearest to the expression wins.
"""
from __future__ import annotations

import re
from typing import Optional

from ..lang import de
from .vocabulary import tense_words

_WORD = re.compile(r"[^\W_]+", re.U)   # words and numbers: "für 2015 setzte" has no determiner before "setzte"
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]„“”\"–]|\s-\s")
# prefixes before a strong preterite ("beschloss"); not "ge-": "geschlossen" is a participle
_INSEPARABLE = ("be", "ver", "er", "ent", "zer", "unter", "über", "wider", "miss", "an", "auf",
                "aus", "ab", "bei", "ein", "fest", "mit", "nach", "vor", "zu", "zurück", "weg", "los")
_PARTICIPLE = re.compile(
    r"^(?:an|auf|aus|ab|bei|ein|fest|mit|nach|vor|zu|zurück|weg|her|hin|los|um|vorbei|statt|teil|"
    r"frei|hinzu|heraus|herbei|dar|durch|fort|hoch|kennen|bekannt)?ge[a-zäöüß]{2,}(?:t|en)$|^[a-zäöüß]{3,}iert$"
    r"|^(?:be|ver|er|ent|zer|unter|über|miss)[a-zäöüß]{3,}t$")   # not -en: "entgegennehmen" is no participle


# before "haben"/"sein" an -en word with an inseparable prefix is a participle ("erschossen haben")
_INSEPARABLE_EN = re.compile(r"^(?:be|ver|er|ent|zer|unter|über|miss)[a-zäöüß]{3,}en$")
_ZU_INFINITIVE = re.compile(
    r"^(?:an|auf|aus|ab|bei|ein|mit|nach|vor|zurück|weg|fest|teil|statt|fort|hin|her|los|durch|um|"
    r"frei|hinzu|heraus|zusammen|wieder|weiter|vorbei|kennen)zu[a-zäöüß]{3,}en$")


def _strong(word: str, strong: frozenset[str]) -> bool:
    if word in strong:
        return True
    return any(word.startswith(p) and word[len(p):] in strong for p in _INSEPARABLE)


def _cues(text: str) -> list[tuple[int, str]]:
    """(offset, "past"|"future") for every tense cue in a stretch of text."""
    tw = tense_words()
    future, past_aux, perf_aux = tw["future"], tw["past_auxiliaries"], tw["perfect_auxiliaries"]
    strong, not_pret, det = tw["strong_preterites"], tw["not_preterites"], tw["determiners"]
    prospective = tw["prospective"]
    past_modals, reporting = tw["past_modals"], tw["reporting_modals"]
    infinitives = tuple(tw["infinitive_endings"])
    words = [(m.start(), m.group()) for m in _WORD.finditer(text)]
    lower = [w.lower() for _, w in words]
    participles = [i for i, (_, w) in enumerate(words)
                   if w.islower() and _PARTICIPLE.match(w) and w not in future]
    # a perfect infinitive ("angegriffen haben", "getötet worden sein") turns the modals of the
    # stretch into reported past; a past modal turns "werden" into a past passive
    perfect_inf = any(lower[i] in ("haben", "sein") and i > 0
                      and (_PARTICIPLE.match(lower[i - 1]) or _INSEPARABLE_EN.match(lower[i - 1]))
                      for i in range(len(words)))
    past_modal = any(w in past_modals for w in lower)
    # "wird ... beurteilt" is the present passive; only "wird ... vorgeführt werden" or
    # "wird ... beurteilen" looks ahead
    passive_present = any(lower[i] not in future and (i + 1 >= len(words) or lower[i + 1] not in ("werden", "sein"))
                          for i in participles)
    out = []
    for i, (pos, w) in enumerate(words):
        lw = lower[i]
        if lw in prospective:
            out.append((pos, "ahead"))
        if lw in tw["open_modals"]:
            out.append((pos, "open"))
        elif perfect_inf and lw in reporting:
            out.append((pos, "past"))
        elif past_modal and lw in ("werden", "wird", "worden"):
            out.append((pos, "past"))
        elif passive_present and lw in ("werden", "wird"):
            continue
        elif lw in future:
            out.append((pos, "future"))
        elif lw in past_aux:
            out.append((pos, "past"))
        elif lw in perf_aux and participles:
            out.append((pos, "past"))
        elif w.islower() and _strong(w, strong):
            out.append((pos, "past"))
        elif (w.islower() and len(w) >= 5 and (w.endswith("te") or w.endswith("ten"))
              and not w.endswith(("ste", "sten")) and w not in not_pret
              and not (w.endswith("ten") and w.endswith(infinitives)) and not _ZU_INFINITIVE.match(w)
              and (i == 0 or lower[i - 1] not in det)):
            out.append((pos, "past"))
    return out


def _nearest(cues: list[tuple[int, str]], start: int, end: int) -> Optional[str]:
    # a prospective verb ("angekündigt") points ahead only for what follows it
    cues = [(p, "future" if k == "ahead" else k) for p, k in cues if k != "ahead" or p < start]
    if not cues:
        return None
    kinds = {k for _, k in cues}
    if len(kinds) == 1:
        k = kinds.pop()
        return "present" if k == "open" else k

    def dist(pos: int) -> int:
        return start - pos if pos < start else max(0, pos - end)

    k = min(cues, key=lambda c: dist(c[0]))[1]
    return "present" if k == "open" else k


_PREV_WORD = re.compile(r"([^\W\d_]+)[\s,]*$")
_NEXT_WORD = re.compile(r"^\s+([^\W\d_]+)")
_ARTICLES = de.DEFINITE_ARTICLES
_INDEFINITE = de.INDEFINITE_ARTICLES
# a participle before a noun: "angekündigte Demonstration", "geplanten Gespräche"
_ATTRIBUTIVE = re.compile(r"(?<!\s)\s+([a-zäöüß]+(?:t|en)e[nmrs]?)\s+(?=[A-ZÄÖÜ])")


def attached_to_noun(sentence: str, start: int, end: int) -> bool:
    """Whether the time dates a noun rather than the clause: "die Parlamentswahl im Juni",
    "der am 10. Mai stattfindenden Wahl"."""
    prev = _PREV_WORD.search(sentence, 0, start)
    if prev:
        w = prev.group(1)
        if w[:1].isupper() and any(w.lower().endswith(n) for n in tense_words()["scheduled_nouns"]):
            return True
        if w.lower() in _ARTICLES and sentence[start:end].lower().startswith(("am ", "im ", "vom ", "zum ")):
            return True
    nxt = _NEXT_WORD.match(sentence[end:])
    if nxt and nxt.group(1).islower() and re.search(r"end(?:e|en|er|es|em)$", nxt.group(1)):
        return True
    return False


def _has_verb(words: list[str], entries) -> bool:
    """Whether one of the entries ("geplant", "kündigte an") occurs among the words; a
    separable verb's particle must come after it."""
    for entry in entries:
        verb, *particle = entry.split()
        for i, w in enumerate(words):
            if w == verb and (not particle or particle[0] in words[i + 1:]):
                return True
    return False


def _clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    lo = 0
    for m in _CLAUSE_BREAK.finditer(sentence, 0, start):
        lo = m.end()
    hi_m = _CLAUSE_BREAK.search(sentence, end)
    return lo, (hi_m.start() if hi_m else len(sentence))


def names_a_target(sentence: str, start: int, end: int) -> bool:
    """Whether the time is what a plan, an announcement or a postponement aims at ("für Montag
    angekündigt", "auf Dienstag verschoben"): such a time lies ahead of the act. Not in the
    pluperfect, which tells what had been planned before the story."""
    own = _WORD.findall(sentence[start:end])
    before = [w.lower() for w in _WORD.findall(sentence[max(0, start - 40):start])]
    if before and before[-1] in _ARTICLES:          # "auf den 12. März verschoben"
        before.pop()
    lead = own[0].lower() if own and own[0].lower() in ("für", "auf") else (before[-1] if before else "")
    if lead not in ("für", "auf"):
        return False
    tw = tense_words()
    lo, hi = _clause_bounds(sentence, start, end)
    clause = [w.lower() for w in _WORD.findall(sentence[lo:hi])]
    if not _cues(sentence[lo:hi]):
        # "kündigte an, für Montag zu streiken": a clause without a verb of its own reads the sentence
        clause = [w.lower() for w in _WORD.findall(sentence)]
    if any(w in tw["pluperfect_auxiliaries"] for w in clause):
        return False
    return _has_verb(clause, tw["for_targets"] if lead == "für" else tw["postponed_to"])


def tense_at(sentence: str, start: int, end: int) -> str:
    """The tense for the expression at sentence[start:end]."""
    if names_a_target(sentence, start, end):
        return "future"
    tense = _tense_of_clause(sentence, start, end)
    # "im Vorfeld der Wahl am 10. Mai wurden ...": a past verb does not move a scheduled event
    if tense == "past" and attached_to_noun(sentence, start, end):
        return "present"
    return tense


def _tense_of_clause(sentence: str, start: int, end: int) -> str:
    lo, hi = _clause_bounds(sentence, start, end)
    outside = lambda c: not (start <= c[0] < end)  # noqa: E731 — the expression's own words do not count
    clause = [(lo + p, k) for p, k in _cues(sentence[lo:hi]) if outside((lo + p, k))]
    # "die für Montag angekündigte Demonstration fand statt": the participle right after the
    # time belongs to the noun it dates; the finite verb of the clause decides
    prev = _PREV_WORD.search(sentence, 0, start)
    attributive = (prev and prev.group(1).lower() in _ARTICLES | _INDEFINITE
                   and _ATTRIBUTIVE.match(sentence, end))
    if attributive and any(p != attributive.start(1) for p, _ in clause):
        clause = [c for c in clause if c[0] != attributive.start(1)]
    tense = _nearest(clause, start, end)
    if tense is None:
        tense = _nearest([c for c in _cues(sentence) if outside(c)], start, end)
    return tense or "present"
