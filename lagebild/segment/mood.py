"""Verb mood of German finite verbs: Konjunktiv I, Konjunktiv II or indicative.

Reported speech in German news is marked by the Konjunktiv I ("Nordkorea brauche ...",
"er werde ..."), and by the Konjunktiv II where the Konjunktiv I would look like the
indicative ("sie hätten", "sie würden"). The part of speech and the lemma come from the
Hanover Tagger (`tagging.py`); the mood comes from
comparing the form with the paradigm that the `ablaut` conjugator builds for the lemma.

Forms that coincide with the indicative are resolved by the subject's person: "brauche"
is Konjunktiv I with "Nordkorea" (3rd person, indicative would be "braucht") but
indicative with "ich"; "haben"/"werden" in the plural are the indicative, and their
reported-speech stand-ins are "hätten"/"würden". The word layer (`tagging.py`) stores
each finite verb's mood read from the form alone on its token; `mood(word, lemma,
subject)` is for a stage that knows the subject.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Literal, Optional

import ablaut

Mood = Literal["konj1", "konj2", "indicative"]

FINITE_TAGS = ("VV(FIN)", "VA(FIN)", "VM(FIN)")


@lru_cache(maxsize=4096)
def _paradigm(lemma: str):
    try:
        return ablaut.conjugate(lemma)
    except Exception:  # not a verb ablaut can build: no mood to read
        return None


def _simple(forms) -> list[str]:
    # separable verbs come as "teile mit"; the finite token is the first word
    return [f.split()[0] for f in forms]


def mood(word: str, lemma: str, subject: Optional[str] = None) -> Mood:
    """The mood of one finite verb form of `lemma`. `subject` (the subject pronoun, when
    there is one) resolves forms shared with the indicative."""
    w = word.lower()
    p = _paradigm(lemma.lower()) if lemma else None
    if p is None:
        return "indicative"
    present, k1 = _simple(p.present), _simple(p.konjunktiv1)
    preterite, k2 = _simple(p.preterite), _simple(p.konjunktiv2)
    subj = (subject or "").lower()
    # Konjunktiv I forms that differ from the indicative of the same person
    for person in range(6):
        if w == k1[person] and w != present[person]:
            if subj == "ich" and w == present[0]:
                return "indicative"   # "ich brauche": 1st person indicative, same spelling
            return "konj1"
    # "handele" beside ablaut's "handle": the fuller Konjunktiv I spelling of -eln verbs
    if lemma.endswith("eln") and w == lemma[:-1].lower() + "e":
        return "konj1"
    if w in k2 and w not in preterite:
        return "konj2"
    return "indicative"


def is_reporting_mood(word: str, lemma: str, tag_: str, subject: Optional[str] = None,
                      allow_konj2: bool = False) -> bool:
    """Whether a finite verb marks reported speech: Konjunktiv I, or Konjunktiv II where
    `allow_konj2` (under a frame or continuing reported speech)."""
    if tag_ not in FINITE_TAGS:
        return False
    m = mood(word, lemma, subject)
    return m == "konj1" or (allow_konj2 and m == "konj2")
