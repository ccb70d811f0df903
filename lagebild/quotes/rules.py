"""Rules that find quotes and their frames in German news text.

Works on the word layer's tagged tokens (part of speech, lemma, mood: `lagebild.segment`) and finds:
- direct quotes in „…“, "…", «…», »…« with the frame before ("X sagte: „…“", "Seine
  Prognose: „…“") or after ("„…“, sagte X", "„…“, so X") or a speech verb in the same
  sentence ("nannte den Angriff „…“");
- indirect speech with a frame: "…, so X", "…, sagte X", "X sagte, (dass) …",
  "laut X", "X zufolge", "nach Angaben von X", "wie X mitteilte";
- Konjunktiv I sentences without a frame, which continue the last frame
  (indirect_free_indirect), and hearsay "soll … haben" (free_indirect);
- reported speech: sentences whose main verb is one that SpkAtt annotators mark as
  reporting speech ("Der Minister bezeichnete den Plan als Fehler"), from the table that
  `lagebild train quote-cues` learns (reported_verbs.tsv).
Quoted names, titles and scare quotes („Shenzhou 6“, „Black Lion Hospital“,
„Luftschläge“) are left out.

The result is a list of `Found` records with character spans; __init__.py turns them into
Quote records and resolves speakers to actors.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from bisect import bisect_right
from functools import cache
from pathlib import Path
from typing import Optional


from ..datafiles import read_yaml
from ..lang import de
from ..document import Token
from ..segment.mood import FINITE_TAGS, mood

HERE = Path(__file__).parent

# opening mark -> closing marks it pairs with
PAIRS = {"„": "“”\"", "»": "«", "«": "»", "“": "”", "\"": "\""}
NOUNISH = {"NN", "NE", "FM", "NNA"}
PRENOM = {"ART", "PPOSAT", "PIAT", "PDAT", "PIDAT", "ADJ(A)", "CARD", "PWAT"}
PUNCT_END = {".", "!", "?", "…", ":", ";"}
QUOTE_CHARS = set("„“”\"»«‚‘’‹›")
# Main verbs that report speech ("Der Minister bezeichnete den Plan als Fehler") give
# "reported" quotes; which verbs do is learned from SpkAtt training data (lagebild/training/quotes/cues.py) and kept
# in reported_verbs.tsv with the share of their sentences annotated as reported speech.
REPORTED = True
REPORTED_MIN_RATE = 0.5
# a quoted string in foreign words is a name („Union pour un Mouvement Populaire“) unless it
# is a sentence: this many words or more and a final stop ("„We welcome the proposal.“")
FOREIGN_SENTENCE_WORDS = 8
@cache
def cue_table() -> dict[str, str]:
    rows = (l for l in (HERE / "cues.tsv").read_text("utf-8").splitlines() if l and not l.startswith("#"))
    reader = csv.DictReader(rows, delimiter="\t")
    return {r["lemma"]: r["medium"] for r in reader}


@cache
def lexicon() -> dict:
    data = read_yaml(HERE / "lexicon.yaml")
    return {k: set(v) for k, v in data.items()}


# word classes the rules test often, from lexicon.yaml
INFINITIVE_CUES = lexicon()["infinitive_cues"]
# words that open a subordinate clause: the shared table's, and the relative and
# interrogative pronouns "was", "wer" and "seit" (also a preposition, hence not there)
SUBORDINATORS = de.SUBORDINATORS | {"was", "wer", "seit"}
ARTICLES = lexicon()["articles_before_names"]
SMALL_WORDS = lexicon()["small_words_in_names"]
CLAUSE_STARTERS = lexicon()["reported_clause_starters"]
OBJECT_SPEAKER_CUES = lexicon()["object_speaker_cues"]
NAMING_VERBS = frozenset(lexicon()["naming_verbs"])
PRONOUN_PHRASES = frozenset(lexicon()["pronoun_phrases"])
# relative pronouns that are never a clause's subject
OBJECT_RELATIVES = frozenset(lexicon()["object_relatives"])
# nominative pronouns: right after the finite verb, the subject whatever stands first
SUBJECT_AFTER_VERB = frozenset(lexicon()["subject_after_verb"])
TIME_NOUNS = frozenset(lexicon()["time_nouns"])


@dataclass
class Tok:
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    sent: int
    region: Optional[int] = None   # index of the direct-quote region it lies in
    mood: Optional[str] = None     # finite verbs: the mood of the form alone (word layer)

    @property
    def low(self) -> str:
        return self.text.lower()


def _mood(t: Tok, subject: Optional[str] = None) -> str:
    """The mood of a verb token: the word layer's, unless the subject "ich" makes a form
    shared with the 1st person indicative ("ich brauche") indicative."""
    if t.mood is not None and subject != "ich":
        return t.mood
    return mood(t.text, t.lemma, subject if subject in ("ich", "wir") else None)


@dataclass
class Found:
    type: str
    spans: list[tuple[int, int]]
    medium: Optional[str] = None
    speaker: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    frame: list[tuple[int, int]] = field(default_factory=list)
    addressee: list[tuple[int, int]] = field(default_factory=list)
    sent: int = 0
    inherited: bool = False      # speaker copied from an earlier frame


def _medium(lemma: Optional[str]) -> Optional[str]:
    m = cue_table().get(lemma or "")
    return None if m in (None, "either") else m


# --- quotation marks -------------------------------------------------------------

def quote_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of each top-level quoted string, marks included; never across a blank
    line (a quote left open there ends with its paragraph)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in PAIRS and _opens(text, i):
            closers = PAIRS[c]
            j = i + 1
            blank = False
            while j < n and text[j] not in closers:
                if text[j] == "\n" and text.find("\n", j + 1) != -1 and text[j + 1:text.find("\n", j + 1) + 1].strip() == "":
                    blank = True
                    break
                if c == "„" and text[j] == "„":   # a new opening mark: the last one never closed
                    break
                j += 1
            if j < n and text[j] in closers:
                out.append((i, j + 1))
                i = j + 1
                continue
            end = len(text[:j].rstrip())
            if blank and c == "„" and text[end - 1:end] in (".", "!", "?", "…"):
                # a quotation over several paragraphs is closed only after the last one: the
                # first paragraph, ending a sentence, is the quote as far as it can be read
                out.append((i, end))
                i = j
                continue
            i += 1
            continue
        i += 1
    return out


def _opens(text: str, i: int) -> bool:
    c = text[i]
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace():
        return False
    if c in "\"“»«":
        prev = text[i - 1] if i else " "
        return prev.isspace() or prev in "([–-/:" or i == 0
    return True


# --- noun phrases ------------------------------------------------------------------

def _is_punct(t: Tok) -> bool:
    return t.pos.startswith("$") or t.text in QUOTE_CHARS or not any(ch.isalnum() for ch in t.text)


def _nounish(t: Tok) -> bool:
    if _is_punct(t):
        return False
    return t.pos in NOUNISH or (t.text[:1].isupper() and t.pos in ("XY", "ADJ(D)", "TRUNC"))


def _joined_number(T: list[Tok], j: int, hi: int) -> bool:
    """A number joined by a hyphen to the word after it ("39-Jährige", "3-jährigen"), which
    the word layer keeps as three tokens."""
    return j + 2 < hi and T[j].pos == "CARD" and T[j + 1].text == "-" \
        and T[j].end == T[j + 1].start and T[j + 1].end == T[j + 2].start


def _extended_attribute(T: list[Tok], i: int, hi: int) -> Optional[int]:
    """Where the noun phrase goes on after an article whose noun is preceded by a phrase of
    its own ("Die das Unglück überlebende Alice Kakamara", "der seit 1981 regierende
    Präsident"): the participle or adjective before the noun; None for a plain phrase."""
    if T[i].pos != "ART" or i + 1 >= hi or T[i + 1].pos not in ("ART", "APPR", "APPRART", "PPOSAT", "CARD", "ADV"):
        return None
    for k in range(i + 2, min(hi - 1, i + 8)):
        if _is_punct(T[k]) or T[k].pos in FINITE_TAGS:
            return None
        if T[k].pos == "ADJ(A)" and T[k].low.endswith(("nde", "nden", "ndem", "nder", "te", "ten", "tem", "ter")) \
                and (_nounish(T[k + 1]) or T[k + 1].pos == "ADJ(A)"):
            return k
    return None


def np_forward(T: list[Tok], i: int, hi: int, attach: bool = True, appos: bool = True) -> Optional[tuple[int, int]]:
    """Token range [i, j) of the noun phrase starting at i (or None)."""
    if i >= hi:
        return None
    if _name_particle(T, i, hi):
        i2 = np_forward(T, i + 2, hi, attach, appos)   # "Von der Leyen"
        return (i, i2[1]) if i2 else (i, i + 3)
    extended = _extended_attribute(T, i, hi)
    if extended is not None:
        inner = np_forward(T, extended, hi, attach, appos)   # "Die das Unglück überlebende Alice Kakamara"
        return (i, inner[1]) if inner else None
    if T[i].pos in ("PPER", "PIS", "PDS") and not _is_punct(T[i]):
        if T[i].low in PRONOUN_PHRASES:
            return (i, i + 1)
        return None
    j = i
    while j < hi:
        if _joined_number(T, j, hi):
            j += 2   # "Der 39-Jährige": the number and its hyphen
        elif not _is_punct(T[j]) and (T[j].pos in PRENOM or (
                T[j].pos == "ADJ(D)" and T[j].text[:1].isupper() and j + 1 < hi and T[j + 1].pos == "ADJ(A)")):
            j += 1   # "der Christlich Demokratischen Union": a capitalised adverb form inside a name
        else:
            break
    k = j
    while j < hi:
        if T[j].pos == "TRUNC" and j + 2 < hi and T[j + 1].pos == "KON" and _nounish(T[j + 2]):
            j += 3   # "Das Bau- und Transportministerium"
        elif _nounish(T[j]):
            j += 1
        elif j > k and T[j - 1].pos == "NE" and T[j].text[:1].isupper() and not _is_punct(T[j]) \
                and T[j].pos not in ("ART", "APPR", "APPRART", "KON", "PPER", "PPOSAT", "PDS", "PDAT", "PIAT", "PIS", "KOUS", "PWAV", "PRELS", "VV(FIN)", "VA(FIN)", "VM(FIN)"):
            j += 1   # the rest of a name the tagger took for something else ("Li Fei")
        else:
            break
    if j == k:
        return None
    if j - k > 1 and not any(T[x].pos in ("NE", "FM", "TRUNC") for x in range(k, j)) \
            and not _role_noun(T[k].text):
        j = k + 1   # two common nouns in a row belong to different phrases, except "VW-Chef Winterkorn"
    while attach and j < hi:
        t = T[j]
        if t.low in ("des", "der", "eines", "einer") and j + 1 < hi:
            sub = np_forward(T, j + 1, hi, attach=False)
            if sub and not _is_punct(T[j + 1]) and (T[j + 1].pos in PRENOM or _nounish(T[j + 1])):
                j = sub[1]
                continue
        if t.low in ("in", "im", "aus") and j + 1 < hi and T[j + 1].pos == "NE":
            x = j + 1
            while x < hi and T[x].pos == "NE":
                x += 1
            if x >= hi or T[x].text in (",", ".", ":", ")") or T[x].pos in FINITE_TAGS:
                j = x
                continue
        if t.low in ("von", "vom") and j + 1 < hi:
            sub = np_forward(T, j + 1, hi, attach=False)
            # "Sprecher von Greenpeace"; after a name any phrase: "Mayra Veliz von der Staatsanwaltschaft"
            if sub and (any(T[x].pos == "NE" for x in range(sub[0], sub[1])) or T[j - 1].pos == "NE"):
                j = sub[1]
                continue
        if t.text == "(":
            close = next((x for x in range(j + 1, min(hi, j + 8)) if T[x].text == ")"), None)
            if close is not None:
                j = close + 1
                continue
        if appos and t.text == "," and j + 1 < hi and T[j + 1].pos not in ("PRELS", "PRELAT", "KOUS", "PWAV") \
                and T[j + 1].low not in ("den", "dem", "einem", "einen"):
            # apposition: "Martin Behrsing, Sprecher des Forums," / "Andres Granier, der Gouverneur"
            sub = np_forward(T, j + 1, hi, attach=True, appos=False)
            if sub and (sub[1] >= hi or T[sub[1]].text in (",", ".", ")", ":") or T[sub[1]].pos in FINITE_TAGS) \
                    and (any(T[x].pos == "NE" for x in range(sub[0], sub[1])) or T[j + 1].pos in ("ART", "NN")) \
                    and not any(T[x].pos.startswith("V") for x in range(sub[0], sub[1])):
                j = sub[1]
                continue
        if t.low == "und" and j + 2 < hi and T[j + 1].pos == "NN" and T[j + 2].pos == "NE":
            sub = np_forward(T, j + 1, hi, attach=False)   # "Präsident X und Regierungschef Y"
            if sub:
                j = sub[1]
                continue
        if t.low == "und" and j + 1 < hi and T[j + 1].pos not in ("NE",):
            sub = np_forward(T, j + 1, hi, attach=False, appos=False)
            if sub and T[sub[0]].pos not in ("PPER", "PIS", "PDS") and \
                    (sub[1] >= hi or T[sub[1]].pos in FINITE_TAGS or T[sub[1]].text in (",", ".", ":")):
                j = sub[1]   # "EU-Kommission und Bundesregierung"
                continue
        if t.low == "und" and j + 1 < hi and T[j + 1].pos in ("NE",) :
            sub = np_forward(T, j + 1, hi, attach=False)
            if sub:
                j = sub[1]
                continue
        break
    return (i, j)


def _name_particle(T: list[Tok], i: int, hi: int) -> bool:
    """ "Von der Leyen" at the start of a phrase: a name, where "Von der Regierung wurde …"
    is a preposition (the name is a tagged name, or a capitalized word before an active verb)."""
    if not (T[i].low in ("von", "van", "de") and T[i].text[:1].isupper() and i + 2 < hi
            and T[i + 1].low in ("der", "den")):
        return False
    nxt = T[i + 2]
    return nxt.pos == "NE" or (nxt.text[:1].isupper() and i + 3 < len(T) and T[i + 3].pos == "VV(FIN)")


def _role_noun(word: str) -> bool:
    w = word.lower()
    return any(w.endswith(x) for x in lexicon()["role_noun_endings"])


def np_backward(T: list[Tok], end: int, lo: int) -> Optional[tuple[int, int]]:
    """The noun phrase that ends just before `end` ("Angaben des Ministeriums zufolge")."""
    i = end
    seen_noun = False
    while i > lo:
        t = T[i - 1]
        if _is_punct(t) and t.text != ")":
            break
        if _nounish(t) or t.pos in PRENOM or t.low in ("des", "der", "von", "vom") or t.text in "()":
            seen_noun = seen_noun or _nounish(t)
            i -= 1
            continue
        break
    while i < end and (T[i].low in ("des", "von", "vom") or T[i].text in "()"):
        i += 1
    return (i, end) if seen_noun and i < end else None


def _own_verb_between(T: list[Tok], a: int, v: int) -> bool:
    """Whether T[a:v] holds a finite verb outside relative clauses: then the phrase before
    it is that verb's subject, not v's ("Die Manöver gefährdeten …, sagte X")."""
    inside = False
    for k in range(a, v):
        t = T[k]
        if t.text == ",":
            nxt = T[k + 1] if k + 1 < v else None
            inside = nxt is not None and (nxt.pos in ("PRELS", "PRELAT") or
                                          (nxt.pos in ("APPR", "APPRART") and k + 2 < v and T[k + 2].pos in ("PRELS", "PRELAT")))
            continue
        if t.pos in FINITE_TAGS and not inside and t.region is None:
            return True
    return False


def _time_phrase(T: list[Tok], np: tuple[int, int]) -> bool:
    """A phrase that says when ("vergangene Woche", "Am Montag"), no subject."""
    head = T[np[1] - 1].low
    return head in TIME_NOUNS or head in de.WEEKDAYS or head in de.MONTHS


def _after_clause_opener(T: list[Tok], i: int, v: int) -> Optional[int]:
    """Where the words after a subordinating conjunction or a relative pronoun that is not
    the subject ("dem", "denen"; "von dem") begin, when the clause's verb at v is its last
    word so far; None for a main clause."""
    if i >= v:
        return None
    if T[i].pos == "KOUS":
        k = i + 1
    elif T[i].pos == "PRELS" and T[i].low in OBJECT_RELATIVES:
        k = i + 1
    elif T[i].pos in ("APPR", "APPRART") and i + 1 < v and T[i + 1].pos == "PRELS":
        k = i + 2
    else:
        return None
    while k < v and T[k].pos in ("ADV", "PTKNEG"):
        k += 1
    return k if k < v else None


def subject(T: list[Tok], lo: int, v: int, hi: int) -> Optional[tuple[int, int]]:
    """The subject of the clause T[lo:hi] whose finite verb is at v: the noun phrase
    before the verb when the clause starts with one, else the first one after it."""
    i = lo
    while i < v and (T[i].pos in ("KON", "ADV") or _is_punct(T[i])) and T[i].low not in ("so",):
        i += 1
    name_particle = i < v and _name_particle(T, i, v + 1)
    inner = _after_clause_opener(T, i, v)
    if inner is not None:
        # a verb-final clause ("da sie befürchtete", "von dem die Polizei glaubt", "denen
        # Correa vorwirft"): its subject stands between the opener and the verb
        np = np_forward(T, inner, v)
        if np and np[0] == inner and T[inner].pos != "PRELS" and not _own_verb_between(T, np[1], v):
            return np
    if v + 1 < hi and T[v + 1].pos == "PPER" and T[v + 1].low in SUBJECT_AFTER_VERB:
        return (v + 1, v + 2)   # "Den Währungsfonds forderte er auf, …": what stands first is the object
    if i < v and (T[i].pos not in ("APPR", "APPRART", "KOUS", "PWAV", "PROAV", "ADJ(D)", "PTKNEG") or name_particle):
        np = np_forward(T, i, v)
        if np and np[0] == i and T[np[0]].low not in ("dem", "einem", "den") and not _own_verb_between(T, np[1], v) \
                and not _time_phrase(T, np):
            return np
    j = v + 1
    while j < hi and T[j].pos in ("ADV", "PTKNEG", "ADJ(D)", "PROAV", "PRF"):
        j += 1
    while j < hi:
        np = np_forward(T, j, hi)
        if np is None:
            return None
        if T[np[0]].low in ("dem", "einem") and np[1] < hi:
            j = np[1]
            continue
        return np
    return None


# --- cues ---------------------------------------------------------------------------

def cue_lemma(T: list[Tok], c: int, hi: int) -> Optional[str]:
    """The cue-table lemma of the verb at c, joining a separable particle that follows in
    its clause ("teilte … mit" -> mitteilen, "wies darauf hin" -> hinweisen)."""
    t = T[c]
    if not t.pos.startswith("V"):
        return None
    lemma = t.lemma.lower()
    table = cue_table()
    if c + 1 < hi and T[c + 1].low == "sich" and lemma in ("befinden", "zeigen", "finden"):
        return None   # "befinden sich": a place, not a judgement
    if t.pos.endswith("(FIN)"):
        for j in range(c + 1, hi):
            if T[j].region is not None and T[j].region != t.region:
                continue   # "wies die Vorwürfe als „haltlos“ zurück"
            if T[j].text in (",", ".", ":", ";") or T[j].text in QUOTE_CHARS or T[j].pos in FINITE_TAGS:
                break
            if T[j].pos == "PTKVZ" or T[j].low == "bekannt":
                joined = T[j].low + lemma
                if joined in table:
                    return joined
                break
    if c > 0 and (T[c - 1].pos == "PTKVZ" or T[c - 1].low == "bekannt"):
        joined = T[c - 1].low + lemma      # "wie X bekannt gab"
        if joined in table:
            return joined
    if lemma in table:
        return lemma
    return None


def _particle(T: list[Tok], c: int, hi: int) -> Optional[int]:
    for j in range(c + 1, hi):
        if T[j].region is not None and T[j].region != T[c].region:
            continue
        if T[j].text in (",", ".", ":", ";") or T[j].text in QUOTE_CHARS or T[j].pos in FINITE_TAGS:
            return None
        if T[j].pos == "PTKVZ" or T[j].low == "bekannt":
            return j
    return None


def _clause_end(T: list[Tok], i: int, hi: int) -> int:
    while i < hi and T[i].text not in (",", ".", ":", ";", "!", "?") and T[i].text not in QUOTE_CHARS:
        i += 1
    return i


def verb_key(T: list[Tok], v: int, hi: int) -> tuple[Optional[str], int]:
    """The verb that carries the clause at finite verb v, as lemma with its separable
    particle ("teilte … mit" -> mitteilen), or the participle after an auxiliary ("hat …
    kritisiert" -> kritisieren); and that verb's index."""
    t = T[v]
    end = _clause_end(T, v + 1, hi)
    if t.lemma.lower() in ("haben", "sein", "werden"):
        for c in range(end - 1, v, -1):
            if T[c].pos in ("VV(PP)", "VV(INF)") and T[c].region is None:
                return T[c].lemma.lower(), c
    if not t.pos.startswith("VV"):
        return None, v
    p = _particle(T, v, end)
    lemma = t.lemma.lower()
    if p is not None and not lemma.startswith(T[p].low):
        return T[p].low + lemma, v
    return lemma, v


def main_verb(T: list[Tok], hi: int) -> Optional[int]:
    """The finite verb of the main clause: the first one, after a fronted subordinate
    clause ("Was die Einwohner wollten, sei …") and skipping relative clauses."""
    i = 0
    if T[0].pos in ("KOUS", "PWAV", "PWS", "PRELS") or T[0].low in SUBORDINATORS:
        k = next((x for x in range(1, hi - 1) if T[x].text == "," and T[x].region is None
                  and T[x + 1].pos in FINITE_TAGS), None)
        return k + 1 if k is not None else None
    while i < hi:
        t = T[i]
        if t.region is not None:
            i += 1
            continue
        if t.text == "," and i + 1 < hi and (T[i + 1].pos in ("PRELS", "PRELAT") or
                                             (T[i + 1].pos == "APPR" and i + 2 < hi and T[i + 2].pos in ("PRELS", "PRELAT"))):
            # a relative clause: jump past its closing comma
            k = next((x for x in range(i + 1, hi) if T[x].text == "," and T[x].region is None), None)
            if k is None:
                return None
            i = k + 1
            continue
        if t.text in (",", ";", ":", "–"):
            return None
        if t.pos in FINITE_TAGS:
            return i
        i += 1
    return None


def main_verb_key(T: list[Tok], hi: int) -> Optional[str]:
    v = main_verb(T, hi)
    return verb_key(T, v, hi)[0] if v is not None else None


@cache
def reported_verbs() -> dict[str, float]:
    """Learned by `lagebild train quote-cues`: main verbs that report speech, with the rate."""
    path = HERE / "reported_verbs.tsv"
    if not path.exists():
        return {}
    rows = (l for l in path.read_text("utf-8").splitlines() if l and not l.startswith("#"))
    return {r["verb"]: float(r["rate"]) for r in csv.DictReader(rows, delimiter="\t")}


# --- the extractor -------------------------------------------------------------------

class Extractor:
    def __init__(self, text: str, sentences: list[tuple[int, int]], tokens: list[Token]):
        """`tokens`: the word layer's tagged tokens (`doc.tokens`)."""
        self.text = text
        self.sentences = sentences
        self._starts = [s for s, _ in sentences]
        self.regions = quote_regions(text)
        self._region_starts = [a for a, _ in self.regions]
        self.toks: list[list[Tok]] = []
        ti = 0
        for si, (s, e) in enumerate(sentences):
            while ti < len(tokens) and tokens[ti].start < s:
                ti += 1
            row = []
            while ti < len(tokens) and tokens[ti].end <= e:
                t = tokens[ti]
                row.append(Tok(t.start, t.end, t.text, t.lemma or t.text, t.pos, si, mood=t.mood))
                ti += 1
            self.toks.append(row)
        # regions are in text order and do not overlap: one walk over regions and tokens
        r = 0
        for t in (t for row in self.toks for t in row):
            while r < len(self.regions) and self.regions[r][1] < t.end:
                r += 1
            if r < len(self.regions) and self.regions[r][0] <= t.start:
                t.region = r
        self.found: list[Found] = []
        self.quoted_sents: set[int] = set()
        self.last: Optional[Found] = None      # the last quote with a speaker (for continuation)
        lex = lexicon()
        self.lex = lex

    # -- helpers
    def span(self, T: list[Tok], a: int, b: int) -> list[tuple[int, int]]:
        return [(T[a].start, T[b - 1].end)] if b > a else []

    def sent_of(self, offset: int) -> int:
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.sentences[i][1]:
            return i
        return max(0, min(range(len(self.sentences)), key=lambda i: abs(self.sentences[i][0] - offset))) if self.sentences else 0

    def paragraph_break(self, a: int, b: int) -> bool:
        return re.search(r"\n\s*\n", self.text[a:b]) is not None

    # -- entry
    def run(self) -> list[Found]:
        direct_by_sent: dict[int, list[int]] = {}
        for r, (a, b) in enumerate(self.regions):
            i = bisect_right(self._starts, a) - 1
            if i >= 0 and a < self.sentences[i][1]:   # not in credits or boilerplate
                direct_by_sent.setdefault(self.sent_of(a), []).append(r)
        for si, T in enumerate(self.toks):
            if not T:
                continue
            if self.last is not None and (si - self.last.sent > 3 or self.paragraph_break(self.sentences[self.last.sent][1], self.sentences[si][0])):
                self.last = None
            indirect = []
            for part in self.clauses(T):     # "…; demnach wäre er …": each part its own frame
                indirect += self.indirect(si, part)
            directs = [self.direct(r, indirect) for r in direct_by_sent.get(si, [])]
            directs = [d for d in directs if d]
            for d in directs:
                self.add(d)
            for q in indirect:
                if any(q.spans == d.spans for d in directs):
                    continue
                self.add(q)
        return self.found

    @staticmethod
    def clauses(T: list[Tok]) -> list[list[Tok]]:
        """The sentence cut at semicolons outside quotes."""
        parts, cur = [], []
        for t in T:
            cur.append(t)
            if t.text == ";" and t.region is None:
                parts.append(cur)
                cur = []
        if cur:
            parts.append(cur)
        return [p for p in parts if any(not _is_punct(t) for t in p)]

    def add(self, q: Found) -> None:
        self.found.append(q)
        self.quoted_sents.add(q.sent)
        if q.speaker:
            self.last = q

    # -- direct quotes
    def region_tokens(self, r: int) -> tuple[int, list[Tok], int, int]:
        a, b = self.regions[r]
        si = self.sent_of(a)
        T = self.toks[si]
        idx = [i for i, t in enumerate(T) if t.region == r]
        return si, T, (idx[0] if idx else 0), (idx[-1] + 1 if idx else 0)

    def is_speech_region(self, r: int) -> Optional[bool]:
        a, b = self.regions[r]
        inner = self.text[a + 1:b - 1]
        words = re.findall(r"[^\W_]+(?:-[^\W_]+)*", inner)
        if not words:
            return False
        after = self.text[b:b + 1]
        if after == "-" or (after.isalpha()):
            return False  # „Eins zu Eins“-Begegnung: part of a compound
        before = self.text[max(0, a - 40):a].split()
        prev = before[-1] if before else ""
        lex = self.lex
        if prev in lex["name_markers"] or prev.rstrip(",") in lex["name_nouns"]:
            return False
        caps = [w for w in words if w.lower() not in SMALL_WORDS and len(w) > 1]
        namelike = bool(caps) and all(w[:1].isupper() or w[:1].isdigit() for w in caps)
        has_end = bool(re.search(r"[.!?…]\s*$", inner))
        si = self.sent_of(a)
        T = self.toks[si] if self.toks else []
        inner_toks = [t for t in T if t.region == r and t.text not in QUOTE_CHARS]
        before_tok = [i for i, t in enumerate(T) if t.end <= a and t.region is None]
        after_cue = bool(before_tok) and cue_lemma(T, before_tok[-1], len(T)) is not None
        if namelike and len(caps) >= 2 and len(words) <= 6 and not has_end and not after_cue:
            return False   # „Black Lion Hospital“, „Shenzhou 6“: a name
        if re.search(r"\w\.\w", inner) and " " not in inner.strip():
            return False   # „news.bbc.co.uk“: a web address
        if inner_toks and sum(t.pos == "FM" for t in inner_toks) >= max(2, 0.6 * len(inner_toks)) \
                and not (has_end and len(words) >= FOREIGN_SENTENCE_WORDS):
            return False   # „Union pour un Mouvement Populaire“: a foreign name (a sentence is speech)
        prev_tok = T[before_tok[-1]] if before_tok and T[before_tok[-1]].end >= a - 1 else None
        if prev_tok is not None and prev_tok.pos in ("NN", "NE") and namelike and not has_end and len(words) <= 6 \
                and not any(t.pos in FINITE_TAGS for t in inner_toks):
            return False   # "die Walfangstation „Hvalstödin“": the name after its noun
        # "den „Sacharow-Preis für geistige Freiheit“": a verbless phrase after an article
        # or contracted preposition names something
        if prev.lower() in ARTICLES and inner[:1].isupper() and not has_end and len(words) <= 8 \
                and not any(t.pos in FINITE_TAGS for t in inner_toks) \
                and not any(T[i].pos.startswith("V") and T[i].lemma.lower() in NAMING_VERBS for i in before_tok):
            return False
        if len(words) >= 4 and (has_end or len(words) >= 5 or inner[:1].isupper()):
            return True
        return None   # short: a quote only when a frame or speech verb goes with it

    def direct(self, r: int, reported: list[Found] = ()) -> Optional[Found]:
        a, b = self.regions[r]
        verdict = self.is_speech_region(r)
        if verdict is False:
            return None
        si = self.sent_of(a)
        T = self.toks[si]
        inside = [i for i, t in enumerate(T) if t.region == r]
        first = inside[0] if inside else 0
        # the closing mark may lie in a later sentence
        sc = self.sent_of(b - 1)
        Tc = self.toks[sc]
        inside_c = [i for i, t in enumerate(Tc) if t.region == r]
        last = inside_c[-1] + 1 if inside_c else len(Tc)
        q = Found("direct", [(a, b)], sent=sc)
        ok = self.frame_after(Tc, last, q) or self.frame_before(T, first, q)
        if not ok:
            # quoted words inside reported speech take its frame ("Sie sagte, Ziel sei es, „…“")
            host = next((h for h in reported if h.spans and h.spans[0][0] <= a and b <= h.spans[-1][1]), None)
            if host is not None and any(s0 <= a and b <= e0 for s0, e0 in host.speaker):
                return None   # "laut „Reuters“": the quoted name is the source
            if host is not None and (host.speaker or host.cue):
                q.speaker, q.cue, q.frame, q.medium = list(host.speaker), list(host.cue), list(host.frame), host.medium
                q.inherited = host.inherited
                ok = True
        if not ok:
            # a speech verb elsewhere in the sentence ("nannte den Angriff „…“")
            ok = self.cue_in_sentence(T, first, q)
        if not ok and verdict is None:
            return None   # a short quoted phrase without any frame: a scare quote
        if not ok:
            self.inherit(si, q)
        return q

    def frame_after(self, T: list[Tok], i: int, q: Found) -> bool:
        """„…“, sagte X / „…“, so X / „…“, teilte X mit / „…“, hatte X gesagt."""
        hi = len(T)
        j = i
        comma = None
        if j < hi and T[j].text == ",":
            comma = j
            j += 1
        if j >= hi or T[j].region is not None:
            return False
        return self.postposed(T, j, hi, q, comma if comma is not None else j)

    def postposed(self, T: list[Tok], j: int, hi: int, q: Found, frame_start: int) -> bool:
        if j >= hi:
            return False      # a sentence that ends with its comma has no frame after it
        t = T[j]
        end = _clause_end(T, j + 1, hi)
        if t.low == "so" and j + 1 < hi:
            np = np_forward(T, j + 1, hi)
            if np and T[np[0]].low in ("viele", "alle", "einige", "andere", "wir", "ich", "man", "es"):
                np = None
            if np:
                rest = T[np[1]:_clause_end(T, np[1], hi)]
                if any(x.pos.startswith("V") or x.low in ("zu", "wie", "dass", "als") for x in rest):
                    np = None   # ", so viele Menschen wie möglich zu evakuieren": not a frame
            if np:
                q.cue = self.span(T, j, j + 1)
                q.speaker = self.span(T, *np)
                q.frame = self.span(T, frame_start, max(end, np[1]))
                q.medium = q.medium or "speech"
                return True
            return False
        if t.low in ("wie",):
            for c in range(j + 1, end):
                lem = cue_lemma(T, c, end)
                if lem:
                    np = np_forward(T, j + 1, c)
                    q.cue = [(T[j].start, T[j].end), (T[c].start, T[c].end)]
                    q.speaker = self.span(T, *np) if np else []
                    q.frame = self.span(T, frame_start, end)
                    q.medium = _medium(lem)
                    return True
            return False
        if t.pos in FINITE_TAGS:
            lem = cue_lemma(T, j, end)
            if lem:
                p = _particle(T, j, end)
                q.cue = [(t.start, t.end)] + ([(T[p].start, T[p].end)] if p is not None else [])
                np = subject(T, j, j, hi)
                if np and lem in OBJECT_SPEAKER_CUES and np[1] < end:
                    # "„…“, zitiert die Zeitung den Sprecher": the object after the subject
                    obj = np_forward(T, np[1], end)
                    if obj and obj[0] == np[1] and T[obj[0]].pos not in ("APPR", "APPRART"):
                        np = obj
                q.speaker = self.span(T, *np) if np else []
                q.frame = self.span(T, frame_start, max(end, np[1] if np else end))
                q.medium = _medium(lem)
                return True
            if t.lemma.lower() in self.lex["impersonal_cues"] and j + 1 < end and T[j + 1].low == "es":
                q.cue = self.span(T, j, j + 2)
                for k in range(j + 2, end):
                    if T[k].low in ("in", "im", "aus") :
                        np = np_forward(T, k + 1, end)
                        if np:
                            q.speaker = self.span(T, *np)
                        break
                q.frame = self.span(T, frame_start, end)
                return True
            if t.lemma.lower() in ("haben", "sein", "werden"):
                for c in range(end - 1, j, -1):
                    if T[c].pos in ("VV(PP)", "VV(INF)") and T[c].lemma.lower() in cue_table():
                        q.cue = [(t.start, t.end), (T[c].start, T[c].end)]
                        np = subject(T, j, j, c)
                        q.speaker = self.span(T, *np) if np else []
                        q.frame = self.span(T, frame_start, end)
                        q.medium = _medium(T[c].lemma.lower())
                        return True
        return False

    def frame_before(self, T: list[Tok], first: int, q: Found) -> bool:
        """X sagte: „…“ / X sagte, „…“ / Laut X: „…“ / Seine Prognose: „…“."""
        lo = first
        while lo > 0 and T[lo - 1].region is None:
            lo -= 1
        if lo == first:
            return False
        prefix_end = first
        last = T[first - 1]
        if last.text not in (":", ","):
            return False
        # a speech verb in the prefix (earlier quotes of the sentence skipped)
        for c in range(first - 1, -1, -1):
            if T[c].region is not None:
                continue
            lem = cue_lemma(T, c, first)
            if lem:
                self._cue_clause(T, lo, c, first, q, lem)
                q.frame = self.span(T, lo, prefix_end)
                return True
        if self.source_phrase(T, lo, first, q):
            q.frame = self.span(T, lo, prefix_end)
            return True
        if last.text == ":" and self.impersonal(T, lo, first, q):
            q.frame = self.span(T, lo, prefix_end)
            return True
        if last.text == ":":
            q.frame = self.span(T, lo, prefix_end)
            text_verb = next((k for k in range(lo, first) if T[k].region is None and T[k].pos in FINITE_TAGS
                              and T[k].lemma.lower() in self.lex["text_verbs"]), None)
            np = np_forward(T, lo, text_verb if text_verb is not None else first)
            if np and T[lo].low not in de.POSSESSIVES and \
                    (np[1] >= first - 2 or (text_verb is not None and np[1] == text_verb)):
                if text_verb is not None or self._document_noun(T, np):
                    # "Die Erklärung der Regierung lautet: „…“": the text is no speaker, its author is
                    author = self._author(T, np)
                    q.speaker = self.span(T, *author) if author else []
                    if text_verb is not None:
                        q.cue = self.span(T, text_verb, text_verb + 1)
                        q.medium = "writing"
                else:
                    q.speaker = self.span(T, *np)
            else:
                self.inherit(T[0].sent, q)
            return True
        return False

    def _head(self, T: list[Tok], np: tuple[int, int]) -> Optional[int]:
        """The head noun of a phrase: the first noun after its article and adjectives."""
        return next((k for k in range(*np) if _nounish(T[k])), None)

    def _document_noun(self, T: list[Tok], np: tuple[int, int]) -> bool:
        h = self._head(T, np)
        if h is None:
            return False
        w = T[h].text
        return w in self.lex["document_nouns"] or \
            any(w.lower().endswith(e) for e in self.lex["document_noun_endings"])

    def _author(self, T: list[Tok], np: tuple[int, int]) -> Optional[tuple[int, int]]:
        """The author named with a text: "die Erklärung der Regierung" -> "der Regierung",
        "der Brief von Präsident Meier" -> "Präsident Meier"."""
        h = self._head(T, np)
        if h is None:
            return None
        for k in range(h + 1, np[1]):
            if T[k].low in ("des", "der", "eines", "einer"):
                sub = np_forward(T, k + 1, np[1])
                return (k, sub[1]) if sub else None
            if T[k].low in ("von", "vom"):
                sub = np_forward(T, k + 1, np[1])
                return (k + 1 if T[k].low == "von" else k, sub[1]) if sub else None
            if T[k].text == ",":
                break
        return None

    def impersonal(self, T: list[Tok], lo: int, hi: int, q: Found) -> bool:
        """ "In der Erklärung der Regierung heißt es" / "hieß es in …": cue "heißt es", speaker
        the text it is said in (whose author the actors layer finds inside it)."""
        for c in range(lo, hi):
            if T[c].region is None and T[c].pos in FINITE_TAGS and T[c].lemma.lower() in self.lex["impersonal_cues"]:
                es = c + 1 if c + 1 < hi and T[c + 1].low == "es" else (c - 1 if c > lo and T[c - 1].low == "es" else None)
                if es is None:
                    return False
                q.cue = sorted([(T[c].start, T[c].end), (T[es].start, T[es].end)])
                q.medium = q.medium or "writing"
                for k in range(lo, hi):
                    if k not in (c, es) and T[k].low in ("in", "im", "aus"):
                        np = np_forward(T, k + 1, hi)
                        if np:
                            q.speaker = self.span(T, *np)
                        break
                return True
        return False

    def _cue_clause(self, T: list[Tok], lo: int, c: int, hi: int, q: Found, lem: str) -> None:
        t = T[c]
        v = c
        cue = [(t.start, t.end)]
        if not t.pos.endswith("(FIN)"):
            # participle or infinitive: the finite auxiliary of its clause
            for k in range(c - 1, lo - 1, -1):
                if T[k].text in (",", ":"):
                    break
                if T[k].pos in FINITE_TAGS:
                    v = k
                    cue.insert(0, (T[k].start, T[k].end))
                    break
        else:
            p = _particle(T, c, hi)
            if p is not None:
                cue.append((T[p].start, T[p].end))
        q.cue = cue
        q.medium = _medium(lem)
        passive = v != c and T[v].lemma.lower() == "werden" and T[c].pos == "VV(PP)"
        if lem in OBJECT_SPEAKER_CUES and not passive:
            # "Der Spiegel zitiert den Prediger mit den Worten …": the object after the verb
            k = v + 1
            while k < hi and T[k].pos in ("ADV", "PTKNEG", "ADJD", "ADJ(D)", "PROAV"):
                k += 1
            np = np_forward(T, k, hi) if k < hi and T[k].pos not in ("APPR", "APPRART", "$,", "$.") else None
            if np and np[0] == k:
                q.speaker = self.span(T, *np)
                return
        elif passive and lem in OBJECT_SPEAKER_CUES:
            np = subject(T, lo, v, hi) or np_forward(T, lo, v)
            q.speaker = self.span(T, *np) if np and T[np[0]].pos not in ("APPR", "APPRART") else []
            return
        if passive:
            # passive: "Von der Regierung wurde bestätigt, …": the agent after von/vom/durch
            k0 = max(lo, next((k + 1 for k in range(v - 1, lo - 1, -1) if T[k].text in (",", ":", ";")), lo))
            for k in range(k0, c):
                if T[k].low in ("von", "vom", "durch") and not _name_particle(T, k, hi):
                    np = np_forward(T, k + 1, c)
                    if np:
                        q.speaker = self.span(T, *np)
                        return
            q.speaker = []
            return
        clause_lo = lo
        for k in range(v - 1, lo - 1, -1):
            if T[k].text in (",", ":", ";"):
                clause_lo = k + 1
                break
        if v > 0 and T[v - 1].low == "und":
            # "X befand … und nannte …": the subject of the clause before
            v0 = next((k for k in range(v - 2, lo - 1, -1) if T[k].pos in FINITE_TAGS), None)
            if v0 is not None:
                np = subject(T, lo, v0, v)
                q.speaker = self.span(T, *np) if np else []
                return
        np = None
        if v + 1 < hi and T[v + 1].pos == "PPER" and T[v + 1].low in SUBJECT_AFTER_VERB:
            np = (v + 1, v + 2)   # "Die Bestrebungen …, bezeichnete er als …": the object stands first
        if np is None and clause_lo > lo:
            # "Dolkun Isa, der Sekretär des Kongresses sagte": name and apposition up to the verb
            whole = np_forward(T, lo, v)
            if whole and whole[0] == lo and whole[1] == v and T[lo].pos not in ("APPR", "APPRART"):
                np = whole
        if np is None and clause_lo == v and clause_lo > lo:
            # "Wolfgang Hürter, Aufsichtsvorsitzender von SWB, nennt …": the opening phrase
            first = np_forward(T, lo, v)
            if first and first[0] == lo and first[1] < v and T[first[1]].text == "," and T[lo].pos not in ("APPR", "APPRART"):
                np = first
        if np is None:
            np = subject(T, clause_lo, v, hi)
        if np is None and clause_lo > lo:
            np = subject(T, lo, v, hi)   # "Frank Sichau, der …, erklärte": before the relative clause
        q.speaker = self.span(T, *np) if np else []

    def cue_in_sentence(self, T: list[Tok], first: int, q: Found) -> bool:
        # the speech verb comes before the quoted words ("nannte den Angriff „…“"), the
        # nearest one first
        for c in range(first - 1, -1, -1):
            if T[c].region is not None:
                continue
            lem = cue_lemma(T, c, len(T))
            if lem and lem not in ("hoffen", "glauben", "erwarten", "schätzen", "denken", "annehmen"):
                self._cue_clause(T, 0, c, len(T), q, lem)
                end = _clause_end(T, c + 1, len(T))
                lo = c
                while lo > 0 and T[lo - 1].text not in (",", ":", ";") and T[lo - 1].region is None:
                    lo -= 1
                if end < len(T) and T[end].text in (",", ":"):
                    end += 1   # the frame keeps the comma or colon that opens the quote
                q.frame = self.span(T, lo, end)
                return True
        return False

    def inherit(self, si: int, q: Found) -> None:
        """A quote without a frame of its own goes to the subject of a previous sentence
        that ends in a colon ("X reagierte gelassen: Mit den Worten „…“"), else to the
        speaker of the last frame in the two sentences before, else to the subject of a
        speech verb in the previous sentence ("Sie fügte hinzu. „…“")."""
        P = self.toks[si - 1] if si > 0 else []
        if P and P[-1].text == ":" and P[-1].region is None:
            np = self.sentence_subject(P)
            if np:
                q.speaker, q.inherited = self.span(P, *np), True
                return
        if self.last is not None and si - self.last.sent <= 2:
            q.speaker = list(self.last.speaker)
            q.inherited = True
            q.medium = q.medium or self.last.medium
            return
        for c in range(len(P)):
            if P[c].region is not None:
                continue
            lem = cue_lemma(P, c, len(P))
            if lem:
                tmp = Found("direct", [])
                self._cue_clause(P, 0, c, len(P), tmp, lem)
                if tmp.speaker:
                    q.speaker = tmp.speaker
                    q.inherited = True
                    q.medium = tmp.medium
                return

    def sentence_subject(self, T: list[Tok]) -> Optional[tuple[int, int]]:
        v = next((i for i, t in enumerate(T) if t.pos in FINITE_TAGS and t.region is None), None)
        if v is None:
            return None
        np = subject(T, 0, v, _clause_end(T, v + 1, len(T)))
        if np and T[np[0]].low in ("es", "man", "das", "dies"):
            return None
        return np

    # -- source phrases: laut X, X zufolge, nach Angaben X, wie X mitteilte
    def source_phrase(self, T: list[Tok], lo: int, hi: int, q: Found) -> Optional[tuple[int, int]]:
        lex = self.lex
        for i in range(lo, hi):
            t = T[i]
            if t.region is not None:
                continue
            if t.low in lex["source_prepositions"] and (t.pos.startswith("APPR") or t.text[:1].isupper()):
                np = np_forward(T, i + 1, hi)
                if np:
                    q.cue = self.span(T, i, i + 1)
                    q.speaker = self.span(T, *np)
                    return (i, np[1])
            if t.low in lex["source_adverbs"] and t.pos in ("ADV", "PROAV", "PAV"):
                # "Demnach hätten sich …": the source is the report named before
                q.cue = self.span(T, i, i + 1)
                q.speaker = self.span(T, i, i + 1)
                return (i, i + 1)
            if t.low in lex["source_postpositions"]:
                np = np_backward(T, i, lo)
                if np:
                    q.cue = self.span(T, i, i + 1)
                    q.speaker = self.span(T, *np)
                    return (np[0], i + 1)
            if t.low == "nach" and i > lo and self._source_noun(T[i - 1].text):
                # "seiner Meinung nach", "eigenen Angaben nach"
                np = np_backward(T, i, lo)
                if np:
                    q.cue = self.span(T, i, i + 1)
                    q.speaker = self.span(T, *np)
                    return (np[0], i + 1)
            if t.low in ("laut", "gemäß") and i + 1 < hi and T[i + 1].region is not None:
                r = T[i + 1].region      # laut „Reuters“
                k = i + 1
                while k < hi and T[k].region == r:
                    k += 1
                q.cue = self.span(T, i, i + 1)
                q.speaker = self.span(T, i + 1, k)
                return (i, k)
            if t.low == "nach" and i + 1 < hi:
                k = i + 1
                while k < hi and k - i <= 3 and T[k].pos in ("ADJ(A)", "ART", "PPOSAT", "ADV", "ADJ(D)"):
                    k += 1
                if k < hi and self._source_noun(T[k].text):
                    j0 = i + 1
                    while j0 < k and T[j0].pos in ("ADV", "ADJ(D)"):
                        j0 += 1
                    np = np_forward(T, j0, hi)
                    if np and np[1] + 1 < hi and T[np[1]].low in ("von", "vom"):
                        sub = np_forward(T, np[1] + 1, hi)   # "nach Angaben von Experten"
                        if sub:
                            np = (np[0], sub[1])
                    if np:
                        q.cue = self.span(T, i, i + 1)
                        q.speaker = self.span(T, *np)
                        return (i, np[1])
            if t.low == "wie" and (i == lo or T[i - 1].text == ","):
                end = _clause_end(T, i + 1, hi)
                for c in range(i + 1, end):
                    lem = cue_lemma(T, c, end)
                    if lem and T[c].pos.startswith("VV"):
                        np = np_forward(T, i + 1, c)
                        q.cue = [(T[i].start, T[i].end)] + \
                            ([(T[c - 1].start, T[c - 1].end)] if T[c - 1].pos == "PTKVZ" or T[c - 1].low == "bekannt" else []) + \
                            [(T[c].start, T[c].end)]
                        q.speaker = self.span(T, *np) if np else []
                        q.medium = _medium(lem)
                        return (i, end)
        return None

    def _aus_sicht(self, T: list[Tok], i: int, hi: int) -> Optional[tuple[int, int]]:
        """The speaker's tokens of "aus seiner Sicht" (the possessive's owner, as in "seiner
        Meinung nach") or "aus Sicht der Regierung" / "aus Sicht von Experten" (the noun
        phrase after the noun) at i. Only a sentence in reported speech reads it so:
        "erläuterte die Politik aus Sicht Chinas" is a topic."""
        nouns = self.lex["aus_nouns"]
        if T[i + 1].low in self.lex["possessive_determiners"] and T[i + 2].text in nouns:
            return i + 1, i + 3
        if T[i + 1].text in nouns:
            k = i + 2 + (T[i + 2].low in ("von", "vom"))
            return np_forward(T, k, hi) if k < hi else None
        return None

    def _source_noun(self, word: str) -> bool:
        w = word.lower()
        return word[:1].isupper() and (word in self.lex["nach_nouns"] or any(w.endswith(x) for x in self.lex["source_noun_endings"]))

    # -- indirect speech
    def indirect(self, si: int, T: list[Tok]) -> list[Found]:
        n = len(T)
        hi = n
        while hi > 0 and T[hi - 1].text in PUNCT_END and T[hi - 1].region is None:
            hi -= 1
        if hi == 0:
            return []
        outside = [i for i in range(hi) if T[i].region is None]
        if not any(T[i].pos.startswith("V") or _nounish(T[i]) for i in outside):
            return []   # the sentence is a direct quote (and its frame)
        out: list[Found] = []

        # 1. source phrases anywhere: laut X / X zufolge / nach Angaben X / wie X mitteilte
        q = Found("indirect", [], sent=si)
        rng = self.source_phrase(T, 0, hi, q)
        if rng and self._speech_verb_after(T, rng[1], hi):
            rng = None   # "Laut BBC sagte der Minister, dass …": the speech verb frames it
        if rng and self._has_content(T, 0, hi, rng):
            a, b = rng
            if b < hi and T[b].text == ",":
                b += 1
            if a > 0 and T[a - 1].text == "," and b >= hi:
                a -= 1
            q.frame = self.span(T, a, b)
            q.spans = self._content(T, 0, hi, (a, b))
            if q.spans and not self._only_direct(q.spans):
                out.append(q)
                return out

        # 2. postposed frame after a comma: "…, sagte X" / "…, so X" (also mid-sentence:
        # "…, so Celebi, die auch angab, …")
        for k in range(1, hi):
            if T[k].text != "," or T[k].region is not None:
                continue
            q = Found("indirect", [], sent=si)
            if self.postposed(T, k + 1, hi, q, k):
                content = (0, k)
                if self._has_verb(T, *content) and main_verb(T, k) is not None:
                    q.spans = self._content(T, 0, k, None)
                    if q.spans and not self._only_direct(q.spans):
                        out.append(q)
                        return out

        # 3a. impersonal "In dem Papier heißt es, …" / "Es hieß, …"
        for c in range(hi):
            if T[c].region is None and T[c].pos in FINITE_TAGS and T[c].lemma.lower() in self.lex["impersonal_cues"]:
                es = c + 1 if c + 1 < hi and T[c + 1].low == "es" else (c - 1 if c > 0 and T[c - 1].low == "es" else None)
                comma = next((k for k in range(c + 1, min(hi, c + 6)) if T[k].text == ","), None)
                if es is None or comma is None or comma + 1 >= hi:
                    break
                q = Found("indirect", [], sent=si)
                q.cue = sorted([(T[c].start, T[c].end), (T[es].start, T[es].end)])
                for k in range(0, c):
                    if T[k].low in ("in", "im", "aus"):
                        np = np_forward(T, k + 1, c)
                        if np:
                            q.speaker = self.span(T, *np)
                        break
                q.frame = self.span(T, 0, comma + 1)
                q.spans = self._content(T, comma + 1, hi, None)
                if q.spans and not self._only_direct(q.spans):
                    out.append(q)
                    return out
                break

        # 3. preposed frame: "X sagte, (dass) …" / "X hat erklärt, …"
        for c in range(hi):
            if T[c].region is not None:
                continue
            lem = cue_lemma(T, c, hi)
            if not lem:
                continue
            comma = None
            for k in range(c + 1, min(hi, c + 9)):
                if T[k].text == "," and T[k].region is None:
                    comma = k
                    break
                if T[k].pos in FINITE_TAGS or T[k].text in (".", ":", ";") or T[k].region is not None:
                    break
            if comma is None or comma + 1 >= hi:
                continue
            if not self._reported_clause(T, c, comma, hi, lem):
                continue
            q = Found("indirect", [], sent=si)
            self._cue_clause(T, 0, c, comma, q, lem)
            q.frame = self.span(T, 0, comma + 1)
            q.spans = self._content(T, comma + 1, hi, None)
            if q.spans and not self._only_direct(q.spans):
                out.append(q)
                return out

        # 4. hearsay "soll … haben" and Konjunktiv I without a frame
        v = main_verb(T, hi)
        if v is not None and REPORTED:
            # 5. reported speech: a main verb that reports speech ("X kritisierte den
            # Beschluss"), from the table learned on SpkAtt training data
            lem, cv = verb_key(T, v, hi)
            if lem and (reported_verbs().get(lem, 0.0) >= REPORTED_MIN_RATE or self._denial(T, lem, v, hi)) \
                    and _mood(T[v]) == "indicative" \
                    and not any(t.region is not None for t in T):
                q = Found("reported", self._content(T, 0, hi, None, keep_end=True), sent=si)
                self._cue_clause(T, 0, cv, hi, q, lem)
                q.frame = []
                if q.speaker:
                    out.append(q)
                    return out
        if v is not None:
            subj = T[v - 1].low if v > 0 else None
            if T[v].low in self.lex["hearsay_modals"] and T[v].pos == "VM(FIN)" and self._perfect_infinitive(T, v, hi):
                q = Found("free_indirect", self._content(T, 0, hi, None, keep_end=True), sent=si)
                if self.last is not None and si - self.last.sent <= 1:
                    q.speaker = list(self.last.speaker)
                    q.inherited = True
                out.append(q)
                return out
            # reported speech goes on while sentence after sentence is reported
            chain = si - 1 in self.quoted_sents and self.last is not None and \
                not self.paragraph_break(self.sentences[self.last.sent][1], self.sentences[si][0])
            continuing = self.last is not None and (si - self.last.sent <= 2 or chain)
            m = _mood(T[v], subj)
            if m == "konj1" or (m == "konj2" and continuing):
                q = Found("indirect_free_indirect", self._content(T, 0, hi, None, keep_end=True), sent=si)
                view = next((got for i in range(hi - 2) if T[i].low == "aus" and T[i].region is None
                             and (got := self._aus_sicht(T, i, hi))), None)
                if view is not None:
                    # "Sie trage aus seiner Sicht zu wenig bei": whose view it is, said in the sentence
                    q.speaker = self.span(T, *view)
                elif continuing:
                    q.speaker = list(self.last.speaker)
                    q.medium = self.last.medium
                    q.inherited = True
                elif si > 0 and m == "konj1" and si - 1 not in self.quoted_sents:
                    P = self.toks[si - 1]
                    np = self.sentence_subject(P)
                    if np and any(_nounish(P[x]) for x in range(*np)):
                        q.speaker, q.inherited = self.span(P, *np), True
                out.append(q)
        return out

    @staticmethod
    def _speech_verb_after(T: list[Tok], b: int, hi: int) -> bool:
        """Whether a speech verb of the clause follows the source phrase ending at b, before
        the comma that opens what it reports: "Laut BBC sagte der Minister, dass …", "Er hatte
        laut „tagesschau.de“ kritisiert, dass …". Then the phrase names where it was said,
        the verb's subject who said it."""
        if b < hi and T[b].pos in FINITE_TAGS and cue_lemma(T, b, hi):
            return any(T[j].text == "," for j in range(b + 1, min(hi, b + 9)))
        for k in range(b, min(hi, b + 4)):
            if T[k].text in (",", ".", ":", ";") or T[k].region is not None:
                return False
            if T[k].pos == "VV(PP)" and cue_lemma(T, k, hi):
                # the participle closes the clause right before the comma; a passive ("sind
                # nach Untersuchungen festgestellt worden, …") has no speaker for the phrase to yield to
                return k + 1 < hi and T[k + 1].text == ","
        return False

    def _denial(self, T: list[Tok], lem: str, v: int, hi: int) -> bool:
        """ "bestritt jegliche Beteiligung ihres Mandanten", "hat die Vorwürfe zurückgewiesen":
        a verb of denial (finite at v) with a noun object besides its subject."""
        if lem not in self.lex["denial_verbs"]:
            return False
        end = _clause_end(T, v + 1, hi)
        subj = subject(T, 0, v, end) or (v, v)
        return any(_nounish(T[k]) and T[k].region is None and not subj[0] <= k < subj[1]
                   for k in range(v + 1, end))

    def _reported_clause(self, T: list[Tok], c: int, comma: int, hi: int, lem: str) -> bool:
        first = T[comma + 1]
        if first.low in CLAUSE_STARTERS:
            return True
        if first.pos == "PRELS" and first.low in ("der", "die", "das"):
            # ", die USA hielten …": an article when a noun and then the finite verb follow
            k = comma + 2
            while k < hi and (_nounish(T[k]) or T[k].pos in ("ADJ(A)", "CARD")):
                k += 1
            if k > comma + 2 and k < hi and T[k].pos in FINITE_TAGS:
                first = Tok(first.start, first.end, first.text, first.lemma, "ART", first.sent)
        if first.pos in ("PRELS", "KOUS", "PWAV", "KON", "PRELAT") or first.low in ("welche", "welcher", "nachdem", "weil", "als", "wenn", "um", "so", "bevor", "während"):
            return False
        # zu-infinitive after announcing verbs: "kündigte an, … anzutreten"
        fin = [k for k in range(comma + 1, hi) if T[k].pos in FINITE_TAGS and T[k].region is None]
        first_comma = next((k for k in range(comma + 1, hi) if T[k].text == ","), hi)
        if lem in INFINITIVE_CUES and any(T[k].pos in ("VV(IZU)", "VA(IZU)") or T[k].low == "zu" for k in range(comma + 1, first_comma)) \
                and not any(comma < k < first_comma for k in fin):
            return True
        if not fin:
            return False
        v = fin[0]
        if v == comma + 1:
            return False   # "…beschuldigt, wurde dann festgenommen": a second main clause
        m = _mood(T[v], T[v - 1].low)
        if m in ("konj1", "konj2"):
            return True
        between = [T[k] for k in range(c + 1, comma)]
        ok = all(t.pos in ("PTKVZ", "ADV", "PROAV", "PPER", "ADJ(D)") or t.low == "bekannt" for t in between)
        if not ok and T[c].pos.endswith("(FIN)"):
            # "… sagte Rice, die USA hielten sich …": only the subject after the verb
            np = np_forward(T, c + 1, comma)
            ok = np is not None and np[1] == comma and T[c + 1].low not in ("den", "dem", "einen", "einem")
        return ok and v - comma <= 6

    def _perfect_infinitive(self, T: list[Tok], v: int, hi: int) -> bool:
        tail = [t for t in T[v + 1:hi] if t.region is None]
        for a, b in zip(tail, tail[1:]):
            if a.pos.endswith("(PP)") and b.low in ("haben", "sein"):
                return True
        return False

    def _has_verb(self, T, a, b) -> bool:
        return any(T[i].pos.startswith("V") for i in range(a, b))

    def _has_content(self, T, lo, hi, rng) -> bool:
        return any(T[i].pos.startswith("V") for i in range(lo, hi) if not (rng[0] <= i < rng[1]))

    def _content(self, T: list[Tok], lo: int, hi: int, skip: Optional[tuple[int, int]], keep_end: bool = False) -> list[tuple[int, int]]:
        """Character spans of T[lo:hi] without the frame tokens `skip`, trimmed of commas."""
        if keep_end:
            hi2 = len(T)
        else:
            hi2 = hi
        idx = [i for i in range(lo, hi2) if not (skip and skip[0] <= i < skip[1])]
        spans: list[list[int]] = []
        prev = None
        for i in idx:
            if prev is not None and i == prev + 1:
                spans[-1][1] = i
            else:
                spans.append([i, i])
            prev = i
        out = []
        for a, b in spans:
            while a <= b and T[a].text in (",", ":", ";", "–", "-") and T[a].region is None:
                a += 1
            while b >= a and T[b].text in (",", ":", ";", "–", "-") and T[b].region is None:
                b -= 1
            if a <= b:
                out.append((T[a].start, T[b].end))
        return out

    def _only_direct(self, spans: list[tuple[int, int]]) -> bool:
        """Whether the spans all lie inside one quotation region. The regions are in text
        order and do not overlap, so only the one that starts last before the first span can
        hold them (a scan of every region made long pages quadratic)."""
        k = bisect_right(self._region_starts, spans[0][0]) - 1
        if k < 0:
            return False
        a, b = self.regions[k]
        return all(a <= s and e <= b for s, e in spans)
