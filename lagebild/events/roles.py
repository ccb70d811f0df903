"""Who did it to whom: the source and target actors of a trigger, read from the word
order of one German sentence without a parser.

Each actor mention (and each resolved pronoun) in the sentence becomes a *slot*: the noun
phrase around it is walked back over adjectives, articles, title nouns ("Präsident
Putin") and genitive heads ("Sprecher der PMF", "Amtszeit von Mubarak") to the preposition
or article that marks its role. Then:
- active clause: the first bare (nominative/accusative) slot is the source, the target is
  a type-specific prepositional slot ("gegen X", "mit X", "an X"), else a dative/accusative
  slot, else the next bare slot;
- passive ("wurde … festgenommen"): the bare slot is the target, "von/durch X" the source;
- zu-infinitives and "es"-clauses have no subject of their own: the matrix subject acts;
- relative clauses ("…, die … ablehnen") act through their antecedent;
- noun triggers ("Angriff auf X", "Beschuss des Gazastreifens", "Kundgebung von X"): the
  genitive or prepositional slot after the noun is the target (the genitive of verbal
  nouns like "Widerstand Russlands" the source), "von X" or the clause subject the source;
- attributive participles: "Steine werfende Demonstranten" (source follows),
  "der angeklagte Arzt" (target follows).
Coordinated actors ("Polizisten und Unterstützer der Regierung") share a role.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Optional

from ..actors import nationality
from ..lang import de
from .lexicon import Match, cues

ADJ_ENDINGS = ("e", "en", "er", "es", "em")
NOT_ADJ = de.NOT_ADJECTIVES
SUBORDINATORS = de.SUBORDINATORS
OBJECT_IS_NO_TARGET = {"MOBILIZE"}
# number words and the words that qualify a number ("rund 200", "mehr als")
NUMBER_WORDS = de.NUMBER_WORDS | {"etwa", "rund", "mindestens", "fast", "knapp", "über", "mehr", "als", "bis"}
RELATIVE = de.RELATIVE_PRONOUNS
SUBJECTIVE_GENITIVE = {"ACCUSE", "REJECT", "REQUEST", "SUPPORT", "AGREE", "CONCEDE", "THREATEN", "CONSULT",
                       "PROTEST", "COOPERATE", "MOBILIZE"}
# a past participle ending a main clause before a relative clause ("… aus London zugeschaltet, der …")
PARTICIPLE = re.compile(r"^(?:[a-zäöü]{0,6}ge[a-zäöü]{2,}(?:t|en)|(?:ver|be|ent|er|zer)[a-zäöü]{2,}t)$")
PRESENT_PARTICIPLE = re.compile(r"^.{3,}end(?:e|en|er|es|em)$")
PAST_PARTICIPLE_ATTR = re.compile(r"(?:ge|[a-zäöü]{2,6}ge).{2,}(?:t|en)(?:e|en|er|es|em)$")


@dataclass
class Slot:
    lo: int                      # token range of the mention
    hi: int
    actor: str
    np_lo: int = 0               # first token of its noun phrase (after the preposition)
    prep: Optional[str] = None
    prep_at: Optional[int] = None
    article: Optional[str] = None
    genitive_head: Optional[int] = None   # token index of the (outermost) noun it is a genitive of
    via_von: bool = False                 # the genitive is "von X" ("Kundgebung von Gegnern")
    postposition: Optional[str] = None    # "X gegenüber", "X zufolge"
    speaker: bool = False                 # ", so Rice"
    pronoun: bool = False
    attached_to: Optional["Slot"] = None  # set by attach(): the head of its phrase
    title: bool = False                   # the mention ends in a title noun ("Sprecher")
    ends_s: bool = False                  # "Kosovos" before a noun: a prenominal genitive
    kind: Optional[str] = None            # the actor's kind (person, country, …) where known
    feminine_der: bool = False            # "der Regierung", "der Ministerin": dative or genitive, never the subject

    @property
    def oblique(self) -> bool:
        return self.article in _cue_set("oblique_articles") or self.feminine_der

    @property
    def bare(self) -> bool:
        return self.prep is None and self.postposition is None and not self.speaker


@lru_cache(maxsize=65536)
def is_title(word: str) -> bool:
    """A title or role noun ("Präsident", "Ministerinnen"), by its ending (memoised: asked per word)."""
    w = word.lower()
    heads = _title_heads()
    for suffix in ("", "en", "n", "s", "in", "innen", "e"):
        stem = w[: len(w) - len(suffix)] if suffix and w.endswith(suffix) else w
        if stem.endswith(heads):        # a head itself or a compound ending in one
            return True
    return False


@cache
def _title_heads() -> tuple[str, ...]:
    return tuple(cues()["title_heads"])


def _noun(word: str) -> bool:
    return word[:1].isupper() and (word.replace("-", "").isalpha())


@lru_cache(maxsize=None)
def _cue_set(name: str) -> frozenset:
    """A list of cues.yaml as a set (asked for every word a slot's phrase is read over)."""
    return frozenset(cues()[name])


def make_slot(words: list[str], lo: int, hi: int, actor: str, mention_tokens: frozenset = frozenset(),
              pronoun: bool = False, stops: frozenset = frozenset()) -> Slot:
    """The slot of an actor mention (or pronoun) at words[lo:hi]: the phrase around it, its
    preposition or postposition, article and genitive head, read back from the mention."""
    lower = [w.lower() for w in words]
    slot = Slot(lo=lo, hi=hi, actor=actor, np_lo=lo, pronoun=pronoun, title=is_title(words[hi - 1]))
    slot.ends_s = words[hi - 1].endswith("s") and hi < len(words) and words[hi][:1].isupper()
    if hi < len(words) and lower[hi] in ("gegenüber", "zufolge"):
        slot.postposition = lower[hi]
    if not pronoun:
        slot.genitive_head = _bare_genitive_head(words, lower, lo, hi, mention_tokens)
    j, article = _walk_to_phrase_start(slot, words, lower, actor, mention_tokens, stops)
    if pronoun and article is None and lower[lo] in ("ihn", "ihm", "ihnen", "ihr"):
        article = "dem"
    slot.article = article
    # a feminine noun with "der" is dative or genitive ("hat der Bildungsministerin vorgeworfen")
    slot.feminine_der = article in ("der", "einer") and not pronoun and slot.genitive_head is None \
        and _feminine(words[hi - 1])
    slot.np_lo = j + 1
    return slot


def _bare_genitive_head(words: list[str], lower: list[str], lo: int, hi: int, mention_tokens: frozenset) -> Optional[int]:
    """The noun a bare proper-name genitive right after it depends on: "Regierung
    Österreichs", "Ermordung Anwar as-Sadats"."""
    if lo > 0 and words[hi - 1].endswith("s") and _noun(words[lo - 1]) and lower[lo - 1] not in _cue_set("prepositions") \
            and not is_title(words[lo - 1]) and lower[lo - 1] not in _cue_set("articles") \
            and ((lo - 1) not in mention_tokens or lower[lo - 1] in _cue_set("member_nouns")):
        return lo - 1
    return None


def _walk_to_phrase_start(slot: Slot, words: list[str], lower: list[str], actor: str, mention_tokens: frozenset,
                          stops: frozenset) -> tuple[int, Optional[str]]:
    """Back from the mention over its article, numbers, adjectives and nouns to the word
    before its phrase, noting on the slot what that word makes of it: a preposition, a
    genitive head ("der Sprecher der Regierung", "von"), a speaker ("…, so X"). Returns that
    word's index and the mention's article."""
    preps, arts = _cue_set("prepositions"), _cue_set("articles")
    lo = slot.lo
    j = lo - 1 if slot.genitive_head is None else lo - 2
    article = None
    while j >= 0:
        w, lw = words[j], lower[j]
        if j in stops:
            break
        if lw == "seiten" and j > 0 and lower[j - 1] in ("von", "auf"):
            slot.prep = "seitens" if lower[j - 1] == "von" else "auf"   # "von Seiten der Rebellen"
            slot.prep_at = j - 1
            break
        if lw in preps and (w[:1].islower() or j == 0):
            if lw in ("von", "vom") and _von_genitive_head(words, lower, j, mention_tokens):
                slot.genitive_head = j - 1
                slot.via_von = True
                article = None
                j -= 2
                continue
            slot.prep = lw
            slot.prep_at = j
            break
        if lw in arts:
            if j > 0 and lower[j - 1] == "," and j + 1 < len(words) and (lower[j + 1] in arts or words[j + 1][:1].islower()) \
                    and lw in RELATIVE:
                break  # ", die einen Beitritt …": a relative pronoun, not an article
            if lw in _cue_set("genitive_articles") and j > 0 and _noun(words[j - 1]) and lower[j - 1] not in arts | preps \
                    and (j - 1 not in mention_tokens or _mention_end(j - 1, mention_tokens)):
                slot.genitive_head = j - 1
                slot.via_von = False
                article = None
                j -= 2
                continue
            if article is None:
                article = lw
            j -= 1
            continue
        if _inside_phrase(words, lower, j, lo, actor, mention_tokens, stops):
            j -= 1
            continue
        if lw == "so" and j > 0 and lower[j - 1] == ",":
            slot.speaker = True
        break
    return j, article


def _von_genitive_head(words: list[str], lower: list[str], j: int, mention_tokens: frozenset) -> bool:
    """Whether "von"/"vom" at j makes the mention a genitive of the noun before it ("die
    Regierung von Mali"), not the agent of a passive or a place of origin."""
    return j > 0 and _noun(words[j - 1]) \
        and ((j - 1) not in mention_tokens or lower[j - 1] in _cue_set("member_nouns")) \
        and lower[j - 1] not in _cue_set("prepositions") \
        and not is_title(words[j - 1]) and lower[j - 1] not in _cue_set("articles") \
        and not _adverbial(words, lower, j - 1)


def _inside_phrase(words: list[str], lower: list[str], j: int, lo: int, actor: str, mention_tokens: frozenset,
                   stops: frozenset) -> bool:
    """Whether word j, before a mention at lo, still belongs to the mention's phrase: a number
    or adjective, a title, a city adjective, a noun naming what the actor is, a prenominal
    genitive, "ganz"/"halb" after a preposition."""
    w, lw = words[j], lower[j]
    arts = _cue_set("articles")
    if lw.isdigit() or lw in NUMBER_WORDS or (lw.isalpha() and w[:1].islower() and lw.endswith(ADJ_ENDINGS) and len(lw) > 3
                                              and lw not in NOT_ADJ):
        return True
    if w[:1].isupper() and is_title(w):
        return True
    if w[:1].isupper() and lw.endswith("er") and j < lo and nationality(w):
        return True       # a city adjective: "laut Berliner Polizei", "die Moskauer Führung"
    if j == lo - 1 and actor and words[lo][:1].isupper() and _noun(w) and j not in mention_tokens and j > 0 \
            and j - 1 not in stops and lower[j] not in TIME_NOUNS and (
                lower[j - 1] in arts or (words[j - 1][:1].islower() and lower[j - 1].endswith(ADJ_ENDINGS)
                                         and len(lower[j - 1]) > 3 and lower[j - 1] not in NOT_ADJ)):
        return True       # a noun naming what the actor is: "der Zeitung Kommersant", "der nepalesischen
        #                   Hauptstadt Kathmandu" (not "seit Tagen X")
    if w[:1].isupper() and lw.endswith("s") and j in mention_tokens and j + 1 < lo and is_title(words[j + 1]):
        return True       # a prenominal genitive: "Kosovos Ministerpräsident Albin Kurti"
    return lw in ("ganz", "halb") and j > 0 and lower[j - 1] in _cue_set("prepositions")   # "in ganz China"


# "in Minsk von der Polizei", "am Sonntag von Soldaten": a name or time in an adverbial
# phrase has no genitive "von X" (that is the agent of a passive)
ADVERBIAL_PREPS = {"in", "im", "am", "bei", "beim", "nahe", "seit", "um"}
TIME_NOUNS = {"nacht", "morgen", "abend", "nachmittag", "vormittag", "mittag", "wochenende", "woche", "tag",
              "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"}


def _adverbial(words: list[str], lower: list[str], k: int) -> bool:
    """Token k (a noun before "von") heads an adverbial of place or time."""
    if k > 0 and lower[k - 1] in ADVERBIAL_PREPS and words[k - 1][:1].islower():
        return True
    return lower[k] in TIME_NOUNS and k > 1 and lower[k - 1] in ("der", "dem") and lower[k - 2] in ADVERBIAL_PREPS


def security_force(words: list[str], s: Slot) -> bool:
    """The slot names police, soldiers or other security forces."""
    text = " ".join(words[s.np_lo:s.hi]).lower()
    return any(f in text for f in cues()["security_forces"])


# ("-in" only in the forms of female persons: "Ministerin", "Präsidentin"; not "Putin", "Berlin")
FEMININE_ENDINGS = ("erin", "entin", "istin", "antin", "ältin", "königin", "chefin", "eurin", "ung", "heit", "keit", "schaft", "ion", "tät", "ei", "ik", "ur", "anz", "enz")


def _feminine(word: str) -> bool:
    """A noun of a feminine class by its ending ("Ministerin", "Regierung", "Opposition", "Polizei")."""
    w = word.lower()
    return word[:1].isupper() and w.isalpha() and len(w) > 4 and w.endswith(FEMININE_ENDINGS) \
        and not w.endswith(("ein", "bein", "stein", "wein", "schein"))


def _mention_end(i: int, mention_tokens: frozenset) -> bool:
    """Token i is the last token of a mention (a genitive may follow the whole mention)."""
    return i in mention_tokens and i + 1 not in mention_tokens


def attach(slots: list[Slot]) -> None:
    """Mark appositions ("Sprecher der CDU/CSU-Fraktion Friedbert Pflüger": the name after
    a phrase that holds another mention) and genitive attributes of mentions, so that a
    role given to the head goes to the whole phrase."""
    by_token = {i: s for s in slots for i in range(s.lo, s.hi)}
    for s in slots:
        s.attached_to = None
        nxt = by_token.get(s.hi) or next((t for t in slots if t.np_lo <= s.lo and t.lo >= s.hi and t is not s), None)
        if nxt is not None and nxt is not s and s.genitive_head is None and s.prep is None and not s.pronoun \
                and s.article is None and s.hi - s.lo == 1 and getattr(s, "ends_s", False):
            s.attached_to = nxt       # "Kosovos Ministerpräsident Albin Kurti"
        elif s.prep is None and s.article is None and s.np_lo == s.lo and s.lo - 1 in by_token \
                and by_token[s.lo - 1].actor == s.actor and not s.pronoun:
            s.attached_to = by_token[s.lo - 1]   # "der Zeitung Kommersant": two mentions of one actor
        elif s.genitive_head is not None and s.genitive_head in by_token:
            s.attached_to = by_token[s.genitive_head]
        elif s.prep is None and s.article is None and s.np_lo == s.lo and s.lo - 1 in by_token and not s.pronoun \
                and (by_token[s.lo - 1].genitive_head is not None or by_token[s.lo - 1].title):
            s.attached_to = by_token[s.lo - 1]
    for s in slots:
        if s.attached_to is not None and s.attached_to.attached_to is None:
            s.prep, s.prep_at, s.article = s.attached_to.prep, s.attached_to.prep_at, s.attached_to.article


def phrase(slots: list[Slot], head: Slot) -> list[Slot]:
    """The head slot and every slot attached to it (transitively)."""
    out = [head]
    changed = True
    while changed:
        changed = False
        for s in slots:
            if s not in out and getattr(s, "attached_to", None) in out:
                out.append(s)
                changed = True
    return out


def coordinated(slots: list[Slot], first: Slot, words: list[str]) -> list[Slot]:
    """`first` and the slots joined to it by "und", "sowie", commas or slashes, each with
    the slots attached to it."""
    first = _root(first)
    group = _coordinated(slots, first, words)
    out: list[Slot] = []
    for g in group:
        out += [s for s in phrase(slots, g) if s not in out]
    return out


def _root(s: Slot) -> Slot:
    seen = 0
    while getattr(s, "attached_to", None) is not None and seen < 5:
        s = s.attached_to
        seen += 1
    return s


def _coordinated(slots: list[Slot], first: Slot, words: list[str]) -> list[Slot]:
    group = _coordinated_forward(slots, first, words)
    # a list that began before the clause's comma: "Frankreich, Deutschland und Italien lehnten …"
    coords = _cue_set("coordinators") | {"noch", "weder"}
    arts = _cue_set("articles")
    joined = len(group) > 1 or any(w.lower() in ("und", "sowie", "oder", "noch")
                                   for w in words[first.hi:first.hi + 1])
    cur = first
    for p in sorted([s for s in slots if s.hi <= first.lo], key=lambda s: -s.lo):
        between = [w.lower() for w in words[p.hi:cur.np_lo]]
        if not between or len(between) > 3 or p.prep != first.prep or p.article in _cue_set("oblique_articles"):
            break
        if not all(w in coords or w in arts for w in between) or not any(w in coords for w in between):
            break
        if not (joined or any(w in ("und", "sowie", "oder", "noch") for w in between)):
            break
        group.insert(0, p)
        cur = p
    return group


def _coordinated_forward(slots: list[Slot], first: Slot, words: list[str]) -> list[Slot]:
    coords = _cue_set("coordinators") | {"noch", "weder"}
    arts = _cue_set("articles")
    group = [first]
    cur = first
    for s in sorted(slots, key=lambda s: s.lo):
        if s.lo < cur.hi or s is first:
            continue
        between = [w.lower() for w in words[cur.hi:s.np_lo]]
        if s.prep != first.prep and not (s.prep is None and first.prep is None):
            break
        if s.prep is not None and s.prep_at is not None and s.prep_at >= cur.hi:
            between = [w.lower() for w in words[cur.hi:s.prep_at]]
        comma_only = between and not any(w in ("und", "sowie", "oder", "/", "noch") for w in between)
        after = words[s.hi].lower() if s.hi < len(words) else "."
        if comma_only and after not in (",", "und", "sowie", "oder"):
            break   # "…, China müsse …": a comma between clauses, not a list
        if between and any(w in coords for w in between) and all(
                w in coords or w in arts or w.isdigit() for w in between) and len(between) <= 4:
            group.append(s)
            cur = s
            continue
        break
    return group


@dataclass
class Roles:
    source: list[str]
    target: list[str]
    source_from_context: bool = False     # not found in the trigger's clause


def _ids(slots: list[Slot]) -> list[str]:
    out: list[str] = []
    for s in slots:
        if s.actor not in out:
            out.append(s.actor)
    return out


def attributive(words: list[str], i: int) -> bool:
    """Token i is a participle used as an adjective ("der inhaftierte Aktivist")."""
    if i + 1 >= len(words) or not words[i + 1][:1].isupper():
        return False
    w = words[i].lower()
    if PRESENT_PARTICIPLE.match(w) or PAST_PARTICIPLE_ATTR.match(w):
        return True
    return i > 0 and words[i - 1].lower() in _cue_set("articles") and bool(re.search(r"t(?:e|en|er|es|em)$", w))


OBSERVING = ("film", "gefilm", "beobacht", "fotografier", "dokumentier", "verfolgt", "begleit", "überwach",
             "sicherte", "gesichert", "bewacht", "schützt",
             # who expects or fears arrests or attacks does not carry them out
             "erwart", "befürcht", "fürchte",
             # who calls or judges the protests something does not protest: "bezeichnete die Proteste als …"
             "bezeichn", "nannte", "nennt", "bewertet", "kommentiert")
LOCATIVE = {"in", "im", "aus", "bei", "beim", "nahe", "vor", "nach"}
FINITE_AUX = de.FINITE_AUXILIARIES
# verbs of receiving: who "erhielt Kritik" or "bekam Unterstützung" is the target of the noun's event
RECEIVING = ("erhielt", "erhält", "erhalt", "bekam", "bekommt", "bekomm", "erntet", "geerntet", "zog sich",
             "gerät", "geriet", "geraten")   # "gerät die Linkspartei in die Kritik"


def _only_place_and_particle(words: list[str], a: int, b: int, slots: list[Slot]) -> bool:
    """Tokens a..b-1 are only a place phrase ("in Teheran") and/or a verb particle ("vor")."""
    inside = {i for s in slots for i in range(s.lo, s.hi)}
    rest = [w for i, w in enumerate(words[a:b], a) if i not in inside]
    return len(rest) <= 4 and all(w.lower() in LOCATIVE or w.lower() in ("der", "dem", "den")
                                  or (w.islower() and w.isalpha() and (len(w) <= 8 or PARTICIPLE.match(w)))
                                  or w[:1].isupper() for w in rest) \
        and sum(1 for w in rest if w.islower() and w.lower() not in LOCATIVE | {"der", "dem", "den"}) <= 1


def _after_apposition(words: list[str], lo: int, slots: list[Slot]) -> bool:
    """The clause at lo follows "X, <apposition>," ("Stoiber, Chef der CSU, warf …"): the
    segment between the two commas holds no verb, and an actor stands right before the first."""
    if lo < 3 or words[lo - 1] != ",":
        return False
    k = _apposition_comma(words, lo)
    if k is not None and k > 0 and _apposed_name(words, k, lo, slots) is not None:
        return True    # "der frühere Präsident Irans …, Mohammad Chatami, unterstützte …": the name set off
    if k is None or k == 0 or not any(s.hi == k and _root(s).bare and not _root(s).oblique for s in slots):
        return False   # (the phrase before the apposition is the subject, not "nach dem Angriff von X, …")
    if any(s.pronoun and s.lo == lo + 1 for s in slots):
        return False   # "…, beschuldigte dieser Israel": the subject follows the verb
    small = _cue_set("articles") | _cue_set("prepositions") | {"und", "der", "des", "-", "/"}
    seg = words[k + 1:lo - 1]
    return bool(seg) and all(w[:1].isupper() or w.lower() in small or w.isdigit()
                             or (w.islower() and w.endswith(ADJ_ENDINGS) and w not in NOT_ADJ) for w in seg)


def _apposition_comma(words: list[str], lo: int) -> Optional[int]:
    """The comma that opens an apposition ending at the comma before token lo."""
    return next((j for j in range(lo - 2, max(-1, lo - 14), -1) if words[j] == ","), None)


def _apposed_name(words: list[str], k: int, lo: int, slots: list[Slot]) -> Optional[Slot]:
    """The one actor that fills ", <name>," between commas at k and lo - 1 (a person, or
    an organisation with its article: ", die Hamas,")."""
    for s in slots:
        if s.hi == lo - 1 and s.lo in (k + 1, k + 2) and (s.lo == k + 1 or words[k + 1].lower() in ("der", "die", "das")) \
                and getattr(s, "kind", None) in ("person", "organization") and s.genitive_head is None:
            return s
    return None


def _in_subordinate(lower: list[str], s: Slot, lo: int) -> bool:
    """Slot s stands in a subordinate clause ("Während sich die Opposition zurückhielt, …")
    that ends before token lo: its subject is not the main clause's."""
    start = next((k + 1 for k in range(s.lo - 1, -1, -1) if lower[k] in (",", ";", ":")), 0)
    close = next((k for k in range(s.hi, len(lower)) if lower[k] == ","), None)
    return lower[start] in SUBORDINATORS and close is not None and close < lo


def _in_closed_relative(words: list[str], s: Slot, lo: int) -> bool:
    """Slot s stands in a relative clause (", der …,") that ends before token lo."""
    comma = next((k for k in range(s.lo - 1, -1, -1) if words[k] == ","), None)
    if comma is None or comma + 1 >= len(words) or words[comma + 1].lower() not in RELATIVE:
        return False
    if comma + 2 < len(words) and words[comma + 2][:1].isupper():
        return False      # ", die Regierung …": an article, not a relative pronoun
    close = next((k for k in range(s.hi, len(words)) if words[k] == ","), None)
    return close is not None and close < lo


def _reporter(words: list[str], s: Slot) -> bool:
    """The slot is who reports ("wie die BBC berichtete", "laut ISNA", "X zufolge"), not who acts."""
    from .lexicon import clause_bounds
    lower = [w.lower() for w in words]
    if s.prep == "laut" or s.postposition == "zufolge":
        return True
    lo, hi = clause_bounds(lower, s.lo)
    return lower[lo] == "wie" and any(w in REPORTING for w in lower[lo:hi])


REPORTING = {"berichtet", "berichtete", "berichteten", "berichten", "meldete", "meldeten", "meldet", "melden",
             "gemeldet", "schreibt", "schrieb", "berichtet", "zitiert", "zitierte"}


def _dative_reading(words: list[str], in_clause: list[Slot], e, lo: int) -> list[Slot]:
    """"weil die Opposition der Regierung Wahlbetrug vorgeworfen hatte": "der X" right after
    an actor reads as its genitive, but with a verb that names a recipient in the dative
    (vorwerfen, drohen, zusagen …) and no other recipient in the clause it is the dative.
    Such slots are detached from the phrase before them and returned."""
    if e.label not in _cue_set("dative_verbs"):
        return []
    lower = [w.lower() for w in words]
    out = []
    for s in in_clause:
        g = s.attached_to
        if g is None or s.genitive_head is None or s.via_von or g.actor == s.actor or not (g.lo <= s.genitive_head < g.hi):
            continue
        if s.genitive_head + 1 >= len(words) or lower[s.genitive_head + 1] != "der" or g.title or g.prep is not None \
                or g.attached_to is not None or g.lo > s.lo:
            continue
        if g.np_lo == lo and lower[lo] not in SUBORDINATORS and not (lo > 0 and words[lo - 1] == ","
                                                                    and lower[lo] in RELATIVE):
            continue   # "Die Opposition der Regierung hat …": one phrase before the finite verb
        if any(t.lo >= s.hi and t.attached_to is not s and t.prep is None and t.postposition is None
               for t in in_clause):
            continue   # "Mitglieder der Hamas warfen Israel Verrat vor": Israel is the recipient
        s.attached_to = None
        out.append(s)
    return out


@dataclass
class _Clause:
    """What `assign` reads about one trigger's clause: the trigger, the words, and the
    slots sorted by what marks them (prepositions, genitives, bare phrases)."""
    words: list[str]
    lower: list[str]
    slots: list[Slot]
    m: Match
    lo: int
    hi: int
    passive: bool
    mention_tokens: frozenset
    usable: list[Slot]          # slots that can take a role ("X zufolge" and the trigger's own cannot)
    in_clause: list[Slot]       # those inside the clause, but speakers (", so X")
    core: list[Slot] = field(default_factory=list)   # bare phrases, no genitive, in order

    @property
    def entry(self):
        return self.m.entry

    @property
    def type(self) -> str:
        return self.m.entry.type

    @property
    def kind(self) -> str:
        return self.m.entry.kind

    def prep_target(self, s: Slot) -> bool:
        """Whether a prepositional slot names the target of this type ("gegen X", "mit X")."""
        p = s.prep or s.postposition
        if p is None:
            return False
        if self.type in _target_preps().get(p, set()) or p in self.entry.target_preps:
            return True
        # "Offensive in den Gazastreifen", "Luftangriffe im Gazastreifen", "Angriffe auf Ziele im
        # Gazastreifen"
        last, lower = self.m.last, self.lower
        return self.kind == "noun" and p in ("in", "im", "ins") and self.type in ("ASSAULT", "MOBILIZE") \
            and s.prep_at is not None and (0 < s.prep_at - last <= 2 or (
                0 < s.prep_at - last <= 5 and lower[last + 1] == "auf"
                and not any(w in (",", "und") for w in lower[last + 1:s.prep_at])))

    def coordinated(self, s: Slot) -> list[Slot]:
        return coordinated(self.slots, s, self.words)


@lru_cache(maxsize=1)
def _target_preps() -> dict[str, set[str]]:
    return {p: set(ts) for p, ts in cues()["target_prepositions"].items()}


def assign(words: list[str], slots: list[Slot], m: Match, clause: tuple[int, int], passive: bool,
           mention_tokens: frozenset = frozenset(), subject_ok: bool = True,
           event_nouns: frozenset = frozenset()) -> Roles:
    """Source and target of trigger m. `subject_ok=False`: a noun trigger that is the object
    of another event verb ("die Polizei löste die Versammlung auf") does not take its subject."""
    trigger = m.index
    attach(slots)
    usable = [s for s in slots if s.postposition != "zufolge" and not (s.lo <= trigger < s.hi)]
    c = _Clause(words=words, lower=[w.lower() for w in words], slots=slots, m=m, lo=clause[0], hi=clause[1],
                passive=passive, mention_tokens=mention_tokens, usable=usable,
                in_clause=[s for s in usable if clause[0] <= s.lo and s.hi <= clause[1] and not s.speaker])
    attributive_roles = _attributive(c)
    if attributive_roles is not None:
        return attributive_roles
    agents = _agents(c)
    # (before the core is read: a dative reading detaches "der X" from the phrase before it)
    datives = _dative_reading(words, c.in_clause, m.entry, c.lo) if c.kind == "verb" and not passive else []
    c.core = sorted([s for s in c.in_clause if s.bare and s.genitive_head != trigger and s.attached_to is None],
                    key=lambda s: s.lo)
    subj_like, objects = _subjects_and_objects(c, datives, event_nouns)
    source: list[Slot] = []
    target: list[Slot] = []
    apposed = c.kind == "verb" and trigger == c.lo and _after_apposition(words, c.lo, slots)
    if apposed or _without_own_subject(c):
        objects, subj_like = list(c.core), []
        k = _apposition_comma(words, c.lo) if apposed else None
        name = _apposed_name(words, k, c.lo, slots) if k else None
        if name is not None:
            # "Die Regierungspartei Palästinas, die Hamas, bezeichnete …": the name acts
            source = [name]
        if m.entry.subject_is_target:
            target = c.coordinated(objects[0]) if objects else []
            objects = []
    relative, antecedent = _relative_antecedent(c)
    if c.kind == "noun":
        source, target = _noun_roles(c, agents, subj_like, objects, source, target, subject_ok)
    elif passive:
        source, target = _passive_roles(c, agents, subj_like, objects, antecedent, source, target)
    else:
        source, target = _active_roles(c, subj_like, objects, relative, antecedent, source, target)
    return _completed(c, source, target, relative, antecedent)


def _attributive(c: _Clause) -> Optional[Roles]:
    """The roles of an attributive participle ("Steine werfende Demonstranten", "der
    angeklagte Arzt"), or None for a trigger that is none."""
    trigger, words, lower = c.m.index, c.words, c.lower
    if not (c.kind == "verb" and trigger + 1 < len(words) and words[trigger + 1][:1].isupper()):
        return None
    nxt = [s for s in c.slots if s.lo <= trigger < s.hi] + [s for s in c.usable if trigger < s.lo <= trigger + 2]
    w = lower[trigger]
    if PRESENT_PARTICIPLE.match(w):
        # "demonstrierende Studenten" describes people, it reports no event of its own
        return Roles([], [], False)
    if PAST_PARTICIPLE_ATTR.match(w) or (trigger > 0 and lower[trigger - 1] in _cue_set("articles")
                                         and re.search(r"t(?:e|en|er|es|em)$", w)):
        src_preps = _cue_set("source_prepositions")
        agents = [s for s in c.in_clause if s.prep in src_preps and s.hi <= trigger]
        return Roles(_ids(agents[:1]) if nxt else [], _ids(nxt[:1]), False)
    return None


def _agents(c: _Clause) -> list[Slot]:
    """Who acts by a preposition: "von/durch X" of a passive, "Angriff von X", "Kritik aus
    Washington" of a noun."""
    src_preps = _cue_set("source_prepositions")
    trigger, last, type_ = c.m.index, c.m.last, c.type
    agents = [s for s in c.in_clause if s.prep in src_preps and type_ not in _target_preps().get(s.prep, set())
              and (s.attached_to is None or s.genitive_head == trigger)]
    if c.kind == "noun":
        # "durch X" only where X is no attribute ("Marsch durch ein Viertel von Kairo")
        return [s for s in agents + [s for s in c.in_clause if s.prep == "aus" and type_ in SUBJECTIVE_GENITIVE]
                if s.prep_at is not None and 0 < s.prep_at - last <= 2
                and (s.prep != "durch" or s.genitive_head is None)]
    return agents if c.passive else []


def _subjects_and_objects(c: _Clause, datives: list[Slot], event_nouns: frozenset) -> tuple[list[Slot], list[Slot]]:
    """The bare phrases that may be the subject, and the objects (oblique or dative)."""
    lower, trigger, lo = c.lower, c.m.index, c.lo
    subj_like = [s for s in c.core if not s.oblique and s not in datives]
    objects = [s for s in c.core if s.oblique or s in datives]
    nominative = [s for s in subj_like if s.pronoun and lower[s.lo] in ("er", "ich", "wir")]
    if nominative and subj_like[0] is not nominative[0]:
        # "Die Anhänger warnte er vor der UDD": "er" can only be the subject
        subj_like = [nominative[0]] + [s for s in subj_like if s is not nominative[0]]
        objects = [s for s in c.core if s not in subj_like[:1] and (s.oblique or s in datives or s.lo < nominative[0].lo)]
    if c.kind != "verb" or c.passive:
        return subj_like, objects
    # "Eine Forderung der EU lehnte das Kabinett ab", "Den Angriff der Rebellen verurteilte die
    # Regierung": the fronted phrase is an object (an event noun or accusative), its genitive
    # the one answered; the subject follows the verb
    accusative_front = lower[lo] in ("den", "einen")   # "Den … Einsatz der Bundeswehr hat die GdP abgelehnt"
    fronted = [s for s in subj_like if s.genitive_head is not None and s.lo < trigger
               and (s.genitive_head in event_nouns or accusative_front
                    or (s.genitive_head > 0 and lower[s.genitive_head - 1] in ("den", "einen")))]
    after = [s for s in subj_like if s.genitive_head is None and s.lo > trigger]
    if accusative_front:
        # the finite verb closes the fronted phrase: "Den … Einsatz … hat die GdP abgelehnt"
        v2 = next((k for k in range(lo + 1, trigger) if lower[k] in FINITE_AUX), trigger)
        after = [s for s in subj_like if s.genitive_head is None and s.lo > v2]
        if after:
            # everything before the verb belongs to the accusative phrase (also "(CDU)" in it)
            fronted = sorted((s for s in subj_like if s.lo < v2), key=lambda s: (s.genitive_head is None, s.lo))
            proposer = [s for s in c.in_clause if s.prep in ("von", "vom") and s.lo < v2]
            if c.type == "REJECT" and proposer:
                # "Den von Schäuble vorgeschlagenen Einsatz … abgelehnt": aimed at who proposed it
                fronted = [proposer[0]] + fronted
    if fronted and after and (accusative_front or not any(s.genitive_head is None and s.lo < trigger
                                                          for s in subj_like)):
        subj_like = [s for s in subj_like if s not in fronted]
        objects = [fronted[0]] + [s for s in objects if s is not fronted[0]]
    return subj_like, objects


def _without_own_subject(c: _Clause) -> bool:
    """Whether the trigger's clause has no subject of its own: a zu-infinitive, an
    "es"-clause, a second coordinated verb ("… verurteilte X und forderte Y auf": it shares the
    first one's subject), or a `subject_is_target` entry."""
    e, lower, trigger, lo = c.entry, c.lower, c.m.index, c.lo
    infinitive = c.kind == "verb" and ((trigger > 0 and lower[trigger - 1] == "zu")
                                       or bool(e.particle and lower[trigger].startswith(e.particle + "zu")))
    expletive = "es" in lower[lo:c.hi] and c.kind == "verb"
    ellipsis = c.kind == "verb" and lo > 0 and lower[lo - 1] in ("und", "oder", "sowie", "aber") and trigger == lo
    return infinitive or expletive or ellipsis or bool(e.subject_is_target)


def _relative_antecedent(c: _Clause) -> tuple[bool, Optional[Slot]]:
    """(whether the clause is a relative clause, ", die … ablehnen", the noun it acts through)."""
    words, lower, lo = c.words, c.lower, c.lo
    relative = lo > 0 and words[lo - 1] == "," and lower[lo] in RELATIVE and lo + 1 < c.hi \
        and not words[lo + 1][:1].isupper()
    if not relative:
        return False, None
    # the noun before the comma; "gegen Demonstranten in Teheran vor, die …": past a place
    # phrase and a verb particle
    before = [s for s in c.usable if lo - 6 <= s.hi <= lo - 1 and "," not in words[s.hi:lo - 1]]
    near = [s for s in before if s.hi in (lo - 1, lo - 2) and s.prep not in LOCATIVE]
    further = [s for s in before if s.prep not in LOCATIVE and _only_place_and_particle(words, s.hi, lo - 1, c.slots)]
    before = near or further[-1:] or [s for s in before if s.hi in (lo - 1, lo - 2)]
    if not before:
        return True, None
    antecedent = _root(before[-1])
    if antecedent.genitive_head is not None and antecedent.attached_to is None \
            and antecedent.kind == "country" and lower[lo] in ("die", "der", "denen", "deren"):
        # "mit den Unionsparteien der Bundesrepublik Deutschland, die …": a country takes
        # "das"; the pronoun refers to the head noun, which is no actor here
        return True, None
    return True, antecedent


def _noun_roles(c: _Clause, agents: list[Slot], subj_like: list[Slot], objects: list[Slot], source: list[Slot],
                target: list[Slot], subject_ok: bool) -> tuple[list[Slot], list[Slot]]:
    """A noun trigger: the genitive after it is source or target by type ("Kritik der EU",
    "Festnahme von X"), "auf/gegen X" the target, else the clause subject the source."""
    words, lower, trigger, last, lo, hi, type_ = c.words, c.lower, c.m.index, c.m.last, c.lo, c.hi, c.type
    ptargets = [s for s in c.in_clause if c.prep_target(s)]
    trig_gen = [s for s in c.in_clause if s.genitive_head == trigger and s.lo > trigger]
    head = make_slot(words, trigger, last + 1, "", c.mention_tokens)
    k = head.np_lo - 1
    if head.prep is None and k > 0 and lower[k] in ("und", "oder", "sowie") and words[k - 1][:1].isupper():
        head = make_slot(words, k - 1, k, "", c.mention_tokens)   # "nach einer Besetzung und Geiselnahme"
    source, target, trig_gen = _noun_source(c, head, agents, subj_like, ptargets, trig_gen, source, target,
                                            subject_ok)
    if type_ == "PROTEST" and source and not any(a.prep in ("von", "vom") for a in agents) and not trig_gen and all(
            security_force(words, s) for s in source):
        # "1300 Polizisten waren bei der Demonstration im Einsatz": the police guard a protest
        source = []
    after = [s for s in ptargets if s.lo > last]
    if trig_gen and (not trig_gen[0].via_von or type_ in ("COERCE", "RETREAT")):
        # "Festnahme von drei Europäern", "Freilassung der Geiseln"
        target = c.coordinated(trig_gen[0])
    elif after:
        target = c.coordinated(min(after, key=lambda s: s.lo - last))
    elif ptargets and head.prep is None:
        # a modifier before the noun: "über Libyen eine Flugverbotszone"
        target = c.coordinated(max(ptargets, key=lambda s: s.lo))
    elif head.prep is None and source:
        # the noun as object of a light verb: "machte der Opposition Zugeständnisse"
        dative = [s for s in objects if s not in source and s.actor not in {x.actor for x in source}]
        if dative:
            target = c.coordinated(dative[0])
    if not target and head.prep in (None, "in") and any(
            w.startswith(RECEIVING) for w in lower[lo:hi] if w.isalpha() and w.islower()):
        # "Der Minister erhielt Unterstützung von der Opposition", "geriet in die Kritik der Union"
        taken = {x.actor for x in source}
        receiver = [s for s in subj_like if s.actor not in taken]
        if receiver:
            target = c.coordinated(receiver[0])
    return source, target


def _noun_source(c: _Clause, head: Slot, agents, subj_like, ptargets, trig_gen, source, target, subject_ok):
    """(source, target, genitives left for the target) of a noun trigger: its agent, a
    genitive before or after it, or the subject of the verb it goes with."""
    words, lower, trigger, last, lo, hi, type_ = c.words, c.lower, c.m.index, c.m.last, c.lo, c.hi, c.type
    pre_gen = [s for s in c.in_clause if s.hi == trigger and s.bare and words[s.hi - 1].endswith("s")]
    agent_after = [s for s in c.in_clause if s.prep in ("von", "vom", "durch") and s.lo > last and s.attached_to is None]
    if agents:
        source = c.coordinated(agents[0])
    elif pre_gen:
        source = [pre_gen[0]]
    elif trig_gen and ((trig_gen[0].via_von and type_ not in ("COERCE", "RETREAT"))
                       or type_ in SUBJECTIVE_GENITIVE or c.entry.genitive == "source"
                       or any(t.lo > trig_gen[0].hi for t in ptargets)):
        # "Luftangriffe der Armee auf Stellungen der RSF": with a target after it, the genitive acts
        source = c.coordinated(trig_gen[0])
        trig_gen = []
    elif head.prep is None and head.genitive_head is None and subject_ok \
            and any(w in de.PASSIVE_PAST_AUXILIARIES for w in lower[lo:hi]) and agent_after:
        # "Der Anschlag auf X wurde von Islamisten verübt": the agent of the light verb
        source = c.coordinated(agent_after[0])
    elif head.prep is None and head.genitive_head is None and subject_ok \
            and not any(w in _cue_set("report_verbs") for w in lower[lo:hi]):
        # (who reports an attack, "meldeten Augenzeugen Luftangriffe", did not attack; who films,
        # watches or guards a demonstration does not protest)
        before = [s for s in subj_like if s.lo < trigger]
        if any(w.startswith(OBSERVING) for w in lower[lo:hi] if w.isalpha() and w.islower()):
            before = []
        if before and any(w.startswith(RECEIVING) for w in lower[lo:trigger] if w.isalpha() and w.islower()):
            # "Musharraf erhielt weitere Kritik", "erntete Widerspruch": the subject is the target
            target = c.coordinated(before[0])
            before = []
        if before:
            source = c.coordinated(before[0])
    elif head.prep in ("zu", "zum", "für") and subject_ok and any(
            w.startswith(("bekannt", "bekenn", "verantwortlich", "verantwortung", "reklamiert")) for w in lower[lo:hi]):
        # "X bekannte sich zu dem Anschlag", "X ist für den Anschlag verantwortlich"; with
        # "machte Y für … verantwortlich" the one blamed (Y)
        ordered = sorted(c.core, key=lambda s: s.lo)
        blamed = any(w.startswith("mach") for w in lower[lo:hi])
        who = ordered[1:2] if blamed else [s for s in ordered if not s.oblique][:1]
        if who:
            source = c.coordinated(who[0])
    elif head.prep == "mit" and any(w.startswith(("begann", "begonnen", "beginn", "startet", "gestartet",
                                                    "fortgesetzt", "setzte", "setzt")) for w in lower[lo:hi]):
        # "die Armee hatte mit dem Beschuss … begonnen"
        before = [s for s in subj_like if s.lo < trigger]
        if before:
            source = c.coordinated(before[0])
    elif type_ in ("CONSULT", "PROTEST") and head.prep in ("bei", "beim", "nach", "auf", "während", "vor", "seit", "in") \
            and subject_ok and subj_like:
        # "nach dem Gipfel mit Biden zeigte sich Xi zufrieden": the subject took part
        source = c.coordinated(subj_like[0])
    return source, target, trig_gen


def _passive_roles(c: _Clause, agents, subj_like, objects, antecedent, source, target):
    """A passive clause: the bare slot is the target, "von/durch X" the source."""
    words, lower, lo = c.words, c.lower, c.lo
    if agents:
        source = c.coordinated(agents[0])
    ptargets = [s for s in c.in_clause if c.prep_target(s)]
    if antecedent is not None and not subj_like:
        target = [antecedent]
    elif subj_like:
        target = c.coordinated(subj_like[0])
    elif objects:
        target = c.coordinated(objects[0])
    elif ptargets:
        target = c.coordinated(ptargets[0])
    else:
        # "X hatte … beschuldigt, wurde dann … festgenommen": the subject of the sentence
        outside = [s for s in c.usable if s.hi <= lo and s.bare and not s.oblique and s.genitive_head is None
                   and not _reporter(words, s)]
        said = any(w in _cue_set("speech_verbs") for w in lower[:lo])
        # (not "Das Exilparlament erklärte, … seien Menschen getötet worden": who says it)
        if outside and lower[lo] not in RELATIVE and lower[lo] not in SUBORDINATORS and not said:
            target = [outside[0]]
    return source, target


def _active_roles(c: _Clause, subj_like, objects, relative, antecedent, source, target):
    """An active clause: the first bare slot is the source; the target is the dative of a
    dative verb, a type's preposition, an object, or the next bare slot."""
    lower, e = c.lower, c.entry
    cu = cues()
    # ", der alle Nichtmoslems aufforderte": a masculine "der" is the subject (with a dative
    # verb it may be a feminine dative: ", der die Opposition Korruption vorwirft")
    if relative and lower[c.lo] == "der" and e.label not in set(cu["dative_verbs"]):
        source = [antecedent] if antecedent is not None else []
        if subj_like and subj_like[0].actor not in {x.actor for x in source}:
            target = c.coordinated(subj_like[0])
    elif antecedent is not None:
        if subj_like:
            source = c.coordinated(subj_like[0])
            target = [antecedent]
        else:
            source = [antecedent]
    elif subj_like:
        source = c.coordinated(subj_like[0])
    if not target:
        target = _object_target(c, objects, source)
    # "kritisierte die Wahl in Georgien", "verurteilte die Gewalt in Syrien": what is judged
    # happens in a country, and the country is whom the judgement is aimed at
    # "lehnten die Hilfe aus Deutschland ab": what is rejected or welcomed comes from a country
    if not target and c.type in ("ACCUSE", "SUPPORT", "REJECT"):
        from_where = ("in", "im", "aus") if c.type in ("SUPPORT", "REJECT") else ("in", "im")
        where = [s for s in c.in_clause if s.prep in from_where and getattr(s, "kind", None) == "country"
                 and s.prep_at is not None and s.prep_at > 0 and c.words[s.prep_at - 1][:1].isupper()
                 and (s.prep_at - 1) not in c.mention_tokens and s not in source
                 and s.actor not in {x.actor for x in source}]
        if where:
            target = [where[0]]
    # "bemühen sich darum, Russland … abzubringen", "erklärte die Bereitschaft, mit dem Iran …":
    # the one asked or dealt with stands in the next clause
    words, hi = c.words, c.hi
    if not target and c.type in ("REQUEST", "THREATEN", "AGREE", "REJECT") and hi < len(words) and words[hi] == ",":
        nxt_hi = next((k for k in range(hi + 1, len(words)) if words[k] in (",", ";", ":", ".")), len(words))
        nxt = [s for s in c.usable if hi < s.lo < nxt_hi and (s.bare or c.prep_target(s)) and s not in source]
        speech = set(cu["speech_verbs"])
        if nxt and not any(w in speech for w in lower[hi + 1:nxt_hi]):
            target = c.coordinated(nxt[0])
    return source, target


def _object_target(c: _Clause, objects: list[Slot], source: list[Slot]) -> list[Slot]:
    """The target among the objects of an active verb: the dative of a dative verb, the
    type's preposition, the first object, else the next bare slot."""
    cu = cues()
    taken = {x.actor for x in source}
    ptargets = [s for s in c.in_clause if c.prep_target(s)]
    dative_verb = c.entry.label in set(cu["dative_verbs"]) | set(cu["object_recipient_verbs"])
    if dative_verb and objects and objects[0] not in source and objects[0].actor not in taken:
        # "warf der Linken mangelnde Abgrenzung gegenüber der PKK vor": the dative is the recipient
        return c.coordinated(objects[0])
    if ptargets:
        return c.coordinated(min(ptargets, key=lambda s: abs(s.lo - c.m.index)))
    rest = [s for s in c.core if s not in source and s.actor not in taken and s.lo >= (source[-1].hi if source else -1)]
    if c.type in OBJECT_IS_NO_TARGET:
        return []          # "verlegte Soldaten an die Grenze": the soldiers are what is moved
    if objects and objects[0] not in source:
        return c.coordinated(objects[0])
    if rest:
        return c.coordinated(rest[0])
    return []


def _completed(c: _Clause, source: list[Slot], target: list[Slot], relative: bool,
               antecedent: Optional[Slot]) -> Roles:
    """The roles, with what the clause leaves open filled from around it: an object after
    ", darunter", the antecedent of a relative clause, the subject of the sentence."""
    words, lower, lo, hi, e = c.words, c.lower, c.lo, c.hi, c.entry
    # ", darunter auch Ayman Barakat": the object continues after the comma
    if not target and hi + 1 < len(words) and words[hi] == "," and lower[hi + 1] in ("darunter", "davon"):
        nxt = [s for s in c.usable if hi + 1 < s.lo < hi + 6]
        if nxt:
            target = c.coordinated(nxt[0])
    if e.subject_is_target and not target and antecedent is not None:
        target = [antecedent]     # "al-Muhandis, der ebenfalls bei dem Luftangriff starb"
    if e.subject_is_target and c.type == "ASSAULT":
        return Roles([], _ids(target), False)   # the attacker comes from the attack reported before
    from_context = False
    if not source and c.kind == "verb" and (not c.passive or e.subject_is_target):
        speakers = [s for s in c.usable if s.speaker]
        outside = [s for s in c.usable if s.hi <= lo and s.bare and not s.oblique and s.genitive_head is None
                   and s not in target and not _reporter(words, s)]
        if relative:
            outside = []     # a relative clause acts through its noun, never through the main subject
        # "Der Führer Irans, der … Ahmadinedschads Wahlsieg begrüßt hatte, ordnete … an": names
        # inside a closed relative clause are not the main clause's subject
        outside = [s for s in outside if not _in_closed_relative(words, s, lo)
                   and not _in_subordinate(lower, s, lo)]
        if speakers:
            source, from_context = [speakers[0]], True
        elif outside:
            source, from_context = c.coordinated(outside[0]), True
    src = _ids(source)
    tgt = [a for a in _ids(target) if a not in src]
    return Roles(src, tgt, from_context)
