"""Third-person pronouns resolved to the actors they stand for, with a confidence.

`references(doc, genders)` reads the word layer and the actors stage's mentions and
gives one `Resolved` per personal pronoun ("er", "sie", "ihn", "ihm", "ihnen"),
possessive ("sein", "ihre" …) and demonstrative standing alone ("Dieser wurde
festgenommen") it can resolve; the actors stage gives each to its actor as a
`Reference` (`Actor.references` in the JSON), which `lagebild evaluate actors --corpus`
scores. The quotes keep their own reading of "…, sagte er" (the speaker of the quote
just before comes first there; this general reading measured worse for speakers).

The rules, in order:
1. Agreement: "er"/"ihn"/"ihm"/"sein-" a person not known to be a woman, or one of a
   group; "sie"/"ihr-" with a singular verb a person not known to be a man, an
   organisation or a group; "sie" with a plural verb and "ihnen" a group or an
   organisation. Gender comes from the actors stage (`gender.py`).
2. The subject of its own sentence when the pronoun stands in a clause after it ("Putin
   sagte, er …"), else the subject (the actor that opens the sentence) of the nearest
   sentence before that has a fitting one, within `WINDOW` sentences, else the fitting
   actor mentioned last. "er" is a group only where no person fits; an object pronoun
   ("ihn", "ihm", "ihnen") is never the subject of its own sentence.
3. Confidence: 0.9 where one fitting actor is mentioned in the window, 0.7 where the
   subject rule chose among several, 0.5 where only recency did.

"Die beiden Staatschefs", "beide Länder" (`pairs`) are references of the two actors of
that kind named last, each with confidence 0.6.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Optional

from ..document import Document
from ..lang import de
from .tables import WORDS

WINDOW = 3                       # sentences before the pronoun's own
# the pronouns and words below: data/words.yaml
PERSONAL = dict(WORDS["personal_pronouns"])               # er → m, sie → f, ihnen → p (plural)
POSSESSIVE_GENDER = dict(WORDS["possessive_gender"])      # sein → m, ihr → f
DEMONSTRATIVE = dict(WORDS["demonstrative_pronouns"])     # "Dieser wurde festgenommen"
OPENERS = tuple(WORDS["sentence_openers"])                # "Auch der 84-jährige Küng"
KINDS = ("person", "organization", "group")
OBJECTIVE = set(WORDS["object_pronouns"])                 # never their sentence's subject


@dataclass(frozen=True)
class Resolved:
    start: int
    end: int
    text: str
    actor: str
    confidence: float


def fits(kind: Optional[str], gender: Optional[str], person_gender: Optional[str]) -> bool:
    """An actor of this kind (and, for a person, this gender) that a pronoun of `gender`
    ("m", "f", "p" for plural) may stand for."""
    if gender == "m":
        return (kind == "person" and person_gender != "f") or kind == "group"
    if gender == "f":
        return (kind == "person" and person_gender != "m") or kind in ("organization", "group")
    if gender == "p":
        return kind in ("organization", "group")
    return kind == "person"


def pronoun_gender(doc: Document, k: int) -> Optional[str]:
    """The gender and number token k says, or None where it is no pronoun for an actor.
    "sie" is plural with a plural finite verb next to it ("Sie forderten", "sagten sie")."""
    return pronoun_gender_at(doc.tokens, k)


def pronoun_gender_at(tokens: list, k: int) -> Optional[str]:
    """`pronoun_gender` over the document's tokens, for a loop over all of them (reading
    `doc.tokens` goes through pydantic's private-attribute lookup each time)."""
    w = tokens[k].text.lower()
    if w in PERSONAL:
        if w != "sie":
            return PERSONAL[w]
        near = [tokens[n] for n in (k + 1, k - 1) if 0 <= n < len(tokens)]
        verbs = [t for t in near if t.stts.startswith("V") and t.stts.endswith("FIN")]
        return "p" if verbs and verbs[0].text.endswith("en") else "f"
    if w in de.POSSESSIVES and tokens[k].stts == "PPOSAT":
        return POSSESSIVE_GENDER["sein" if w.startswith("sein") else "ihr"]
    if w in DEMONSTRATIVE and tokens[k].stts == "PDS":     # "Dieser wurde festgenommen"
        if DEMONSTRATIVE[w] != "f":
            return DEMONSTRATIVE[w]
        near = [tokens[n] for n in (k + 1, k - 1) if 0 <= n < len(tokens)]
        verbs = [t for t in near if t.stts.startswith("V") and t.stts.endswith("FIN")]
        return "p" if verbs and verbs[0].text.endswith("en") else "f"
    return None


def opens_sentence(doc: Document, start: int) -> bool:
    """The mention at `start` opens its sentence, perhaps after an opener, an article and
    lower-case attributes ("Auch der 84-jährige Küng")."""
    sent = doc.sentence_of(start)
    if sent is None:
        return False
    words = doc.text[sent.start:start].strip(" „“\"").split()
    if words and words[0] in OPENERS:
        words = words[1:]
    if words and words[0].lower() in de.DEFINITE_ARTICLES | de.INDEFINITE_ARTICLES:
        words = words[1:]
    return all(w[:1].islower() or w[:1].isdigit() for w in words)


class _Mentions:
    """The actors' mentions by start, and the sentences by position: what lies in a window
    before an offset is found by bisection, so that the work stays linear in the text."""

    def __init__(self, doc: Document, kinds: tuple[str, ...]):
        self.items = sorted((m.start, m.end, a.id) for a in doc.actors if a.kind in kinds for m in a.mentions)
        self.starts = [x[0] for x in self.items]
        self.sentence_index = {s.start: k for k, s in enumerate(doc.sentences)}

    def between(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """Mentions that start at or after lo and end at or before hi."""
        return [x for x in self.items[bisect_left(self.starts, lo):bisect_left(self.starts, hi)] if x[1] <= hi]

    def covers(self, offset: int) -> bool:
        k = bisect_right(self.starts, offset)
        return any(s <= offset < e for s, e, _ in self.items[max(0, k - 8):k])

    def window_start(self, doc: Document, sentence) -> int:
        k = self.sentence_index.get(sentence.start, 0)
        return doc.sentences[max(0, k - WINDOW)].start


def references(doc: Document, genders: dict[str, str]) -> list[Resolved]:
    """Every resolvable third-person pronoun of the document (see the module's docstring)."""
    kinds = {a.id: a.kind for a in doc.actors}
    mentions = _Mentions(doc, KINDS)
    out = []
    tokens = doc.tokens
    for k, tok in enumerate(tokens):
        gender = pronoun_gender_at(tokens, k)
        if gender is None or mentions.covers(tok.start):
            continue
        ref = _resolve(doc, tok.start, gender, mentions, kinds, genders, tok.text.lower() in OBJECTIVE)
        if ref is not None:
            out.append(Resolved(tok.start, tok.end, tok.text, *ref))
    return out


PAIR_WORDS = tuple(WORDS["pair_words"])                   # beide, beiden: data/words.yaml
PAIR_CONFIDENCE = 0.6
COUNTRY_NOUNS = set(WORDS["country_nouns"])               # "beide Länder", "die beiden Regierungen"


def pairs(doc: Document, noun_kinds) -> list[Resolved]:
    """"Die beiden Staatschefs", "beide Länder", "Beide formulierten …": the two actors of
    that kind named last before it (within `WINDOW` sentences), each with a reference.
    `noun_kinds(word)` gives the actor kinds a plural noun may stand for (None: any)."""
    tokens, out = doc.tokens, []
    mentions = _Mentions(doc, ("person", "organization", "group", "country"))
    kinds = {a.id: a.kind for a in doc.actors}
    for k, tok in enumerate(tokens):
        if tok.text.lower() not in PAIR_WORDS:
            continue
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        noun = nxt if nxt is not None and nxt.text[:1].isupper() and nxt.stts in ("NN", "NE") else None
        if noun is None and not (nxt is not None and nxt.stts.endswith("FIN")):
            continue               # "beiden" before an adjective or in "die beiden einen": no guess
        wanted = noun_kinds(noun.text) if noun is not None else None
        # without a noun that says it: two persons where two are named, else any two actors
        last = lambda ks: _last_two(doc, tok.start, ks, mentions, kinds)  # noqa: E731
        two = last(wanted) if wanted else (last(("person",)) or last(("person", "organization", "country")))
        end = noun.end if noun is not None else tok.end
        out += [Resolved(tok.start, end, doc.text[tok.start:end], a, PAIR_CONFIDENCE) for a in two]
    return out


def _last_two(doc: Document, offset: int, wanted: tuple[str, ...], mentions: _Mentions,
              kinds: dict[str, str]) -> list[str]:
    sent = doc.sentence_of(offset)
    if sent is None:
        return []
    ordered: list[str] = []
    for _, _, a in reversed(mentions.between(mentions.window_start(doc, sent), offset)):
        if kinds[a] in wanted and a not in ordered:
            ordered.append(a)
    return ordered[:2] if len(ordered) >= 2 else []


def _resolve(doc: Document, offset: int, gender: str, mentions, kinds, genders,
             objective: bool = False) -> Optional[tuple[str, float]]:
    sent = doc.sentence_of(offset)
    if sent is None:
        return None
    k = mentions.sentence_index.get(sent.start, 0)
    window = [(s, a) for s, e, a in mentions.between(mentions.window_start(doc, sent), offset)
              if fits(kinds[a], gender, genders.get(a))]
    if gender == "m" and any(kinds[a] == "person" for _, a in window):
        window = [(s, a) for s, a in window if kinds[a] == "person"]   # "er" a group only without a person
    if objective:      # "ihn", "ihm", "ihnen" are not the subject of their own sentence
        own = {a for s, a in window if sent.start <= s and opens_sentence(doc, s)}
        window = [(s, a) for s, a in window if a not in own] or window
    if not window:
        return None
    distinct = {a for _, a in window}
    sure = 0.9 if len(distinct) == 1 else 0.7
    # the subject of its own sentence, then of the sentences before, nearest first
    for here in [sent, *reversed(doc.sentences[max(0, k - WINDOW):k])]:
        subjects = [a for s, a in window if here.start <= s < here.end and opens_sentence(doc, s)]
        if subjects and (here is not sent or (not objective and _after_clause(doc, here.start, offset))):
            return subjects[0], sure
    return window[-1][1], (0.9 if len(distinct) == 1 else 0.5)


def _after_clause(doc: Document, sentence_start: int, offset: int) -> bool:
    """The pronoun stands in a clause after the subject's ("Putin sagte, er …"): a comma
    lies between the sentence's start and it."""
    return "," in doc.text[sentence_start:offset]
