"""The sentence coder of the events stage: the events of one sentence from the trigger
lexicon's matches, the actor slots around them and the word order (`events_of_sentence`),
with what one sentence leaves for the next (`ArticleState`). `add_events` (the package)
runs it over an article; `roles.py` reads who did what to whom.
"""
from __future__ import annotations

import copy
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Optional

from ..actors import country_actor, nationality
from ..document import Document, Event, Span, TextSpan
from ..lang import de
from ..places import place_of_sentence
from ..times import date_near
from .lexicon import Entry, Match, clause_bounds, cues, find_triggers, first_word
from .roles import PRESENT_PARTICIPLE, RELATIVE, Roles, Slot, assign, attributive, make_slot

# "hat … getroffen" (perfect) still reports a present event; these mark a past one
PAST_AUX = de.PAST_AUXILIARIES
SUBJECT_PRONOUNS, OBJECT_PRONOUNS = de.SUBJECT_PRONOUNS, de.OBJECT_PRONOUNS
# "sein Land", "ihre Regierung": the forms that stand before what a pronoun's actor owns
POSSESSIVES = {"sein", "seine", "ihr", "ihre"}
# what may stand between a verb and a noun trigger it does not govern: a subordinate
# clause's opener, or "so" of "so dass" written apart
CLAUSE_OPENERS = de.SUBORDINATORS | {"so"}
ANNOUNCE = {"kündigte", "kündigten", "kündigt", "angekündigt", "ankündigen", "ankündigte", "ankündigten"}
PLAN_VERBS = {"plant", "planen", "plane", "planten", "plante", "geplant", "beabsichtigt", "beabsichtigen", "erwägt",
              "erwägen", "vorbereiten", "bereitet"}
# a plan announced with a zu-infinitive ("kündigten an, Hilfsgüter zu schicken") is a promise
PROMISE_VERBS = {"kündigte", "kündigten", "angekündigt", "versprach", "versprachen", "beschloss", "beschlossen",
                 "drohte", "drohten"}
INTENT = {"will", "willst", "wollen", "wollt", "wolle", "wollte", "wollten", "plant", "planen", "plane",
          "planten", "geplant", "beabsichtigt", "beabsichtigen", "bereit", "bereitschaft"}
VERBAL_TYPES = {"ACCUSE", "REJECT", "REQUEST", "SUPPORT", "AGREE", "CONCEDE", "THREATEN"}
POSSESSED = {"land", "regierung", "armee", "truppen", "staat", "partei", "ministerium", "streitkräfte", "militär"}
SCORE = re.compile(r"^\d+:\d+$")
# Event.by for triggers that are not the lexicon's: the learned extractor's, the classifier's
BY_LABEL = {"(learned)": "learned+rules", "(classifier)": "classifier+rules"}


def _mentions(doc: Document, start: int, end: int, state: Optional["ArticleState"] = None) -> list[tuple[int, int, str]]:
    """The actor mentions inside [start, end), nested ones dropped; with the article's
    `state`, found by bisection in an index built once (linear in the article)."""
    if state is not None:
        if state.mention_index is None:
            items = sorted(((m.start, m.end, a.id) for a in doc.actors for m in a.mentions),
                           key=lambda x: (x[0], -(x[1] - x[0])))
            state.mention_index = ([x[0] for x in items], items)
        starts, items = state.mention_index
        out = [x for x in items[bisect_left(starts, start):bisect_left(starts, end)] if x[1] <= end]
    else:
        out = [(m.start, m.end, a.id) for a in doc.actors for m in a.mentions if start <= m.start and m.end <= end]
    # nested mentions: the longest one speaks for the phrase
    out.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    kept: list[tuple[int, int, str]] = []
    for m in out:
        if kept and m[0] < kept[-1][1]:
            continue
        kept.append(m)
    return kept


def _adjective_only(mention: str) -> bool:
    """A mention that is a nationality adjective alone ("britische", the actors layer's
    mention of a country named only so): no noun phrase, so it fills no role itself."""
    return mention[:1].islower() and " " not in mention and nationality(mention) is not None


def _token_range(tokens, start: int, end: int) -> Optional[tuple[int, int]]:
    idx = [i for i, t in enumerate(tokens) if t.end > start and t.start < end]
    return (idx[0], idx[-1] + 1) if idx else None


def _negated(lower: list[str], lo: int, trigger: int, hi: int, m: Match) -> bool:
    neg = de.NEGATION
    if any(w in neg for w in m.entry.with_):
        return False  # the negation is part of the trigger ("lässt sich nicht abbringen")
    return any(w in neg for w in lower[lo:hi]) or "weder" in lower[:trigger]


def _hypothetical(lower: list[str], lo: int, hi: int, trigger: int, type_: str, passive: bool) -> tuple[bool, bool]:
    """(hypothetical, intended): modal, future or conditional in the clause; `intended`
    when it is an announced intention or plan (PLOVER: AGREE / THREATEN)."""
    h = cues()["hypothetical"]
    words = set(h["words"])
    clause = lower[lo:hi]
    if type_ == "THREATEN":
        return False, False
    modal = [w for w in clause if w in words]
    # "soll … getötet worden sein" reports a claim
    if modal and all(w in ("soll", "sollen", "solle") for w in modal) and any(
            w in h["reportative_after"] for w in clause):
        modal = []
    future = [w for w in clause if w in h["future_aux"]] if not passive else []
    if future and not lower[trigger].endswith(("en", "rn", "ln")):
        future = []
    cond = clause[:1] and clause[0] in h["conditional"]
    hyp = bool(modal or future or cond)
    intended = bool(set(modal) & INTENT or future)
    return hyp, intended


INSEPARABLE = ("ver", "be", "ent", "er", "zer", "unter", "über", "miss", "hinter")


def _passive(lower: list[str], lo: int, hi: int, trigger: int, m: Match) -> bool:
    if m.entry.kind != "verb":
        return False
    w = lower[trigger]
    if m.entry.particle and w.startswith(m.entry.particle):
        w = w[len(m.entry.particle):]
    clause_end = hi - 1 - (lower[hi - 1] in ".!?")
    if trigger == clause_end and any(x in de.PASSIVE_PAST_AUXILIARIES for x in lower[lo:trigger]):
        return True   # "dem ZDF wurde die Berichterstattung verboten": a participle like a past form
    if w.endswith(("te", "ten", "test")):
        return False
    participle = w.endswith("t") or w.startswith("ge")
    clause = lower[lo:hi]
    aux = set(cues()["passive_aux"])
    if any(x in aux for x in clause):
        return participle or (w.endswith("en") and any(x in de.PASSIVE_PAST_AUXILIARIES for x in clause))
    # "ist verboten" (state passive); a headline "Soleimani von US-Militär getötet"
    if participle and any(x in ("bleibt", "bleiben", "blieb", "blieben") for x in clause):
        return True   # "bleiben inhaftiert"
    if participle and w.startswith("ge") and any(x in ("ist", "sind", "war", "waren", "sei", "seien") for x in clause):
        return not any(x in de.PERFECT_AUXILIARIES for x in clause)
    if participle and w.startswith(INSEPARABLE) and trigger == clause_end \
            and any(x in ("ist", "sind", "war", "waren", "sei", "seien") for x in clause) \
            and not any(x in de.PERFECT_AUXILIARIES for x in clause):
        return True   # "ist die Berichterstattung untersagt": a state passive

    if participle and "von" in clause[:trigger - lo] and trigger == clause_end \
            and not any(x in de.PERFECT_AUXILIARIES for x in clause):
        return True
    return False


def sentence_contexts(text: str) -> list[str]:
    """The PLOVER general contexts a sentence speaks of: those with a stem in it (cues.yaml)."""
    t = text.lower()
    return [name for name, stems in cues()["contexts"].items() if any(s in t for s in stems)]


def _actor_kinds(doc: Document, state: Optional["ArticleState"]) -> dict[str, Optional[str]]:
    """Actor id → kind, built once per article where there is an ArticleState: the actors
    do not change while events are coded, and every sentence asks."""
    if state is None:
        return {a.id: a.kind for a in doc.actors}
    if state.actor_kinds is None:
        state.actor_kinds = {a.id: a.kind for a in doc.actors}
    return state.actor_kinds


def _pronouns(words: list[str], ranges, state: "ArticleState", doc: Document) -> list:
    """Personal and demonstrative pronouns as slots, resolved to an earlier actor: a subject
    pronoun to the subject of the sentence before (it usually continues the topic), an
    object pronoun to the nearest actor before it that is not that subject; "er"/"ihn"
    prefer persons."""
    if state.feminine_actors is None:     # per article: the actors do not change here
        state.feminine_actors = {a.id for a in doc.actors
                                 if any(t.endswith(("in", "innen")) for t in [m.text for m in a.mentions] + [a.name])}
    kinds, feminine = _actor_kinds(doc, state), state.feminine_actors
    out = []
    mentions_before = []
    lower = [w.lower() for w in words]
    for i, w in enumerate(words):
        lw = w.lower()
        for lo_, hi_, a, _ in ranges:
            # who reports ("laut ISNA", "nach Angaben von X", "X zufolge") is not who a pronoun continues
            reporter = "laut" in lower[max(0, lo_ - 3):lo_] or "angaben" in lower[max(0, lo_ - 3):lo_] \
                or (hi_ < len(lower) and lower[hi_] == "zufolge")
            if hi_ == i and not reporter:
                mentions_before.append(a)
        if lw not in SUBJECT_PRONOUNS | OBJECT_PRONOUNS | POSSESSIVES:
            continue
        if any(lo_ <= i < hi_ for lo_, hi_, _, _ in ranges):
            continue
        nxt = words[i + 1] if i + 1 < len(words) else "."
        if lw in POSSESSIVES and nxt.lower() in POSSESSED:
            # "Fillon erklärte, sein Land plane …": the actor it belongs to
            owner = mentions_before[0] if mentions_before else state.subject
            if owner and not any(lo_ == i + 1 for lo_, _, _, _ in ranges):
                out.append((i, i + 2, owner, True))
            continue
        if lw not in SUBJECT_PRONOUNS | OBJECT_PRONOUNS:
            continue
        starts_mention = any(lo_ == i + 1 for lo_, _, _, _ in ranges)
        if lw in ("diese", "dieser", "ihr", "ihre") and (nxt[:1].isupper() and not starts_mention or (
                nxt[:1].islower() and i + 2 < len(words) and words[i + 2][:1].isupper() and nxt.isalpha()
                and nxt.lower() not in cues()["articles"])):
            continue  # a determiner ("dieser Entwicklung", "ihr Land", "diese ablehnende Position")
        prev = words[i - 1].lower() if i else ""
        if lw in ("dieser", "diese", "jener") and not state.subject and not mentions_before \
                and (not state.previous or i == 0):
            # "Ein vierter Mann soll geholfen haben. Dieser wurde festgenommen": the demonstrative
            # opening a sentence points to the subject before, which is no actor; an older one is
            # not meant
            continue
        person = lw in ("er", "ihn", "ihm", "dieser") or (lw == "ihr" and w == "Ihr")
        history = [a for a, _ in state.recent] + mentions_before
        if lw in SUBJECT_PRONOUNS and prev not in cues()["prepositions"] and state.subject \
                and not (person and kinds.get(state.subject) not in (None, "person")):
            actor = state.subject if not mentions_before or prev in ("", ",") or i < 3 else mentions_before[-1]
            people = [a for a in mentions_before if kinds.get(a) == "person"]
            if person and kinds.get(actor) not in (None, "person") and people:
                actor = people[-1]   # "Wei wurde von Polizisten erschlagen, als er …": "er" is the person
            elif person and kinds.get(actor) not in (None, "person") and kinds.get(state.subject) == "person":
                actor = state.subject   # "Die Anhänger warnte er …": "er" is no group; the topic goes on
        else:
            # an object pronoun is not the subject of its own sentence ("er … ihn")
            own_subject = mentions_before[0] if mentions_before else None
            cands = [a for a in reversed(history) if a != own_subject or lw in SUBJECT_PRONOUNS]
            fem = [a for a in cands if a in feminine]
            if lw == "ihr" and fem:
                cands = fem   # dative feminine: "Ihr wird … vorgeworfen" (the teacher, "Lehrerin")
            elif person:
                cands = [a for a in cands if kinds.get(a) in (None, "person")] or cands
            actor = cands[0] if cands else None
        if actor:
            out.append((i, i + 1, actor, True))
    return out


@dataclass
class ArticleState:
    """What coding the sentences so far leaves for the next ones (one per article, in text
    order): the topic a pronoun continues, the actors it may point back to, the last attacker."""
    sentence: int = 0                       # number of the sentence being coded, from 1
    subject: Optional[str] = None           # the last sentence's subject, if an actor
    previous: list[str] = field(default_factory=list)            # the last sentence's slot actors
    recent: list[tuple[str, bool]] = field(default_factory=list)  # (actor, pronoun) of the last RECENT_MAX slots
    assault_source: list[str] = field(default_factory=list)      # who attacked last, and in which sentence
    assault_at: int = -9
    # per article, built once: the actor mentions in text order, actor kinds, feminine actors
    mention_index: Optional[tuple[list[int], list[tuple[int, int, str]]]] = None
    actor_kinds: Optional[dict[str, Optional[str]]] = None
    feminine_actors: Optional[set[str]] = None


@dataclass
class SentenceView:
    """One sentence as the coder reads it: its words, the trigger lexicon's matches, the
    actor slots (mentions and resolved pronouns) and the clause verbs."""
    sentence: Span
    tokens: list
    words: list[str]
    lower: list[str]
    matches: list[Match]
    slots: list[Slot]
    mention_tokens: frozenset
    verbs: list[Match]              # clause verbs ("der inhaftierte Aktivist" is none)
    event_nouns: frozenset
    sporty: bool                    # a sports or market sentence


def events_of_sentence(doc: Document, sentence: Span, quotes_at=None, state: Optional[ArticleState] = None,
                       proposed: Optional[tuple[str, float]] = None, learned=None) -> list[Event]:
    """The events of one sentence. `learned(sentence, tokens, slots, matches, rule_sides)` (see
    `_learned_hook`) gives the learned extractor's triggers: those the lexicon missed are
    coded by the rules like the lexicon's, and a sure one the rules leave uncoded keeps the
    learned heads' reading. Slots are (first token, end token, actor id, pronoun) of the
    sentence's actor mentions and resolved pronouns, matches the trigger lexicon's."""
    view, extra = _read_sentence(doc, sentence, state, proposed, learned)
    if view is None or not view.matches:
        return []
    out = [ev for m in view.matches if (ev := _code(doc, view, m, quotes_at, state)) is not None]
    if extra:
        # a learned trigger the rules did not code (no roles found, or filtered): the learned
        # heads' own reading, where the trigger head is sure
        covered = {i for ev in out for i, t in enumerate(view.tokens) if ev.trigger.start <= t.start < ev.trigger.end}
        alone = [f for f in extra if f.prob >= learned.alone_threshold
                 and not any(i in covered for i in range(f.first, f.last + 1))]
        out += learned.events(sentence, view.tokens, alone)
    return surest_per_sides(out)


def _read_sentence(doc: Document, sentence: Span, state: Optional[ArticleState], proposed, learned):
    """(the sentence's `SentenceView`, the learned extractor's triggers), or (None, None)
    for a sentence without words; records the sentence's subject and slots in `state`."""
    tokens = doc.sentence_tokens(sentence)
    if not tokens:
        return None, None
    words = [t.text for t in tokens]
    matches = find_triggers(words, sentence_initial=first_word(words))
    if proposed is not None and not matches:
        matches = _proposed_match(tokens, *proposed)
    ranges = []
    for s, e, actor in _mentions(doc, sentence.start, sentence.end, state):
        if _adjective_only(doc.text[s:e]):
            continue        # "britische Hilfsgüter": read as a nationality (`_nationality_source`), no role
        r = _token_range(tokens, s, e)
        if r:
            ranges.append((r[0], r[1], actor, False))
    if state is not None:
        ranges += _pronouns(words, ranges, state, doc)
    ranges.sort()
    view = _view(doc, sentence, tokens, matches, ranges, state)
    extra = None
    if learned is not None:
        # what the rules read for any trigger word, as the learned reader's hint: with the state
        # as it is now (a later sentence changes who attacked last)
        now = copy.copy(state)
        extra = learned(sentence, tokens, ranges, matches,
                        lambda index, type_: rule_sides(doc, view, index, type_, now))
    if extra:
        # the learned triggers the lexicon missed join its matches, and the rules give them
        # roles, negation, date and place like their own
        more = _learned_matches(tokens, matches, extra)
        if more:
            view = _view(doc, sentence, tokens, matches + more, ranges, state)
    if state is not None:
        _remember(state, view.slots)
    return view, extra


def _view(doc: Document, sentence: Span, tokens, matches: list[Match], ranges, state: Optional[ArticleState]
          ) -> SentenceView:
    """The sentence as the coder reads it, from its trigger matches and actor ranges."""
    words = [t.text for t in tokens]
    lower = [w.lower() for w in words]
    mention_tokens = frozenset(i for lo_, hi_, _, _ in ranges for i in range(lo_, hi_))
    stops = frozenset(m.index for m in matches if m.entry.kind == "verb")
    slots: list[Slot] = [make_slot(words, lo_, hi_, a, mention_tokens, pronoun=p, stops=stops)
                         for lo_, hi_, a, p in ranges]
    kinds = _actor_kinds(doc, state)
    for s in slots:
        s.kind = kinds.get(s.actor)
    non_pol = set(cues()["non_political"]["words"])
    return SentenceView(
        sentence=sentence, tokens=tokens, words=words, lower=lower, matches=matches, slots=slots,
        mention_tokens=mention_tokens,
        verbs=[m for m in matches if m.entry.kind == "verb" and not attributive(words, m.index)],
        event_nouns=frozenset(m.index for m in matches if m.entry.kind == "noun"),
        sporty=any(w in non_pol or SCORE.match(w) for w in lower))


def _remember(state: ArticleState, slots: list[Slot]) -> None:
    subj = [s for s in slots if s.bare and not s.oblique and s.genitive_head is None]
    # the topic a later "er"/"sie" continues: this sentence's subject, if an actor
    state.subject = subj[0].actor if subj else None
    state.previous = [s.actor for s in slots]
    for s in slots:
        state.recent.append((s.actor, s.pronoun))
    del state.recent[:-RECENT_MAX]


@dataclass
class Reading:
    """What the rules read for one trigger match before deciding whether it is an event."""
    roles: Roles
    type: str
    mode: Optional[str]
    negated: bool
    hypothetical: bool
    lo: int                         # the trigger's clause (token range)
    hi: int
    quote: Optional[str]


def _read(doc: Document, view: SentenceView, m: Match, quotes_at, state: Optional[ArticleState]) -> Optional[Reading]:
    """The sides and attributes the rules read for a trigger, or None where it is no event
    (a sports word, the content of another trigger). Changes nothing in `state`."""
    e, lower = m.entry, view.lower
    if _not_an_event(view, m):
        return None
    lo, hi = clause_bounds(lower, m.index)
    if m.particle_index is not None:
        hi = max(hi, m.particle_index + 1)
    whole = (lo, hi)
    lo, hi = _conjunct(lower, m, view.verbs, lo, hi)
    if _content_of_another(view, m, lo, hi):
        return None
    passive = _voice(view, m, lo, hi, whole)
    subject_ok = e.kind != "noun" or not any(lo <= v.index < hi and v.entry.type != e.type for v in view.verbs)
    roles = assign(view.words, view.slots, m, (lo, hi), passive, view.mention_tokens, subject_ok, view.event_nouns)
    _roles_from_words(doc, view, m, roles, passive, lo, hi, quotes_at)
    type_, mode, negated, hyp = _attributes(view, m, lo, hi, passive)
    if type_ == "THREATEN" and not roles.target and roles.source:
        _threatened(view, m, roles)
    quote_id = _speaker_acts(view, m, roles, type_, lo, hi, passive, quotes_at)
    if type_ == "ASSAULT" and not roles.source and state is not None and state.assault_source and (
            e.subject_is_target or (
                (passive or (e.kind == "noun" and any(w in de.PASSIVE_PAST_AUXILIARIES for w in lower[lo:hi])))
                and state.sentence - state.assault_at <= 3)):
        # "X starb bei dem Luftangriff": the attack is the one reported before, and so its attacker;
        # "Israelische Kampfflugzeuge setzten ihre Angriffe fort. Dabei wurden Ministerien der Hamas
        # bombardiert.": a passive attack without agent right after an attack goes on with its attacker
        roles.source = [a for a in state.assault_source if a not in roles.target]
    return Reading(roles, type_, mode, negated, hyp, lo, hi, quote_id)


def _code(doc: Document, view: SentenceView, m: Match, quotes_at, state: Optional[ArticleState]) -> Optional[Event]:
    """The event of one trigger match, or None where it codes none."""
    r = _read(doc, view, m, quotes_at, state)
    if r is None or not _complete(view, m, r.roles, r.type, r.lo, r.hi):
        return None
    roles, e, lower = r.roles, m.entry, view.lower
    type_, mode = _content_roles(doc, view, m, roles, r.type, r.mode, r.lo, r.hi)
    if type_ == "ASSAULT" and roles.source and state is not None and not r.negated:
        state.assault_source = list(roles.source)
        state.assault_at = state.sentence
    start, end = view.tokens[m.index].start, view.tokens[m.last].end
    conf = e.weight + (0.1 if roles.source else 0) + (0.1 if roles.target else 0)
    conf = round(min(0.95, conf - (0.1 if r.hypothetical else 0)), 2)
    sentence = view.sentence
    return Event(
        id="", type=type_, mode=mode, contexts=sentence_contexts(doc.text[sentence.start:sentence.end]),
        source=roles.source, target=roles.target,
        date=_date(doc, sentence, lower, r.lo, r.hi, m, view.tokens), place=place_of(doc, sentence, start),
        negated=r.negated, hypothetical=r.hypothetical,
        trigger=TextSpan(start=start, end=end, text=doc.text[start:end]),
        sentence=Span(start=sentence.start, end=sentence.end), quote=r.quote, confidence=conf,
        by=BY_LABEL.get(e.label, "rules"))


def rule_sides(doc: Document, view: SentenceView, index: int, type_: str, state: Optional[ArticleState]
               ) -> tuple[list[str], list[str], bool]:
    """(source, target, coded): the actor ids the rules read for a trigger of `type_` on
    token `index` (the lexicon's match where one covers the word, else a match made for it),
    and whether they would code it as an event (their sides are then far likelier right).
    What the learned role reader is told the rules think."""
    m = next((m for m in view.matches if m.index <= index <= m.last), None) \
        or _made_match(view.tokens, index, index, type_, None, "(learned)", 0.5)
    r = _read(doc, view, m, None, state)
    if r is None:
        return [], [], False
    coded = _complete(view, m, r.roles, r.type, r.lo, r.hi)
    _content_roles(doc, view, m, r.roles, r.type, r.mode, r.lo, r.hi)
    return list(r.roles.source), list(r.roles.target), coded


def _not_an_event(view: SentenceView, m: Match) -> bool:
    """A violent type in a sports or market sentence; a present participle before a noun."""
    if view.sporty and m.entry.type in cues()["non_political"]["types"]:
        return True
    # "demonstrierende Studenten" describes people; it reports no event
    return m.entry.kind == "verb" and bool(PRESENT_PARTICIPLE.match(view.lower[m.index])) \
        and m.index + 1 < len(view.words) and view.words[m.index + 1][:1].isupper()


def _content_of_another(view: SentenceView, m: Match, lo: int, hi: int) -> bool:
    """Whether the trigger is what another trigger's event is about, not an event itself."""
    e, lower, verbs = m.entry, view.lower, view.verbs
    # a noun that is what an earlier verb's event is about ("forderte die Freilassung",
    # "bestreiten die Steinewürfe", "lösten die Versammlung auf") is its content
    if e.kind == "noun" and _is_content(lower, m, verbs) and not (
            e.type in ("ASSAULT", "COERCE")
            and all(v.entry.type == "ACCUSE" for v in verbs if _is_content(lower, m, [v]))):
        return True   # (an attack that is condemned did happen: "verurteilte die Angriffe auf X")
    if e.kind == "noun" and any(lo <= v.index < hi and v.entry.type == e.type for v in verbs):
        return True   # "sagte der Ukraine Hilfe zu": the verb codes the event, the noun is its object
    return _in_content_clause(lower, m, lo, verbs)


def _voice(view: SentenceView, m: Match, lo: int, hi: int, whole: tuple[int, int]) -> bool:
    """Whether the trigger's clause is passive."""
    lower = view.lower
    passive = _passive(lower, lo, hi, m.index, m)
    if not passive and lo > whole[0] and lower[lo - 1] in ("und", "oder", "sowie"):
        # "wurde in Berlin festgenommen und … wieder freigelassen": the second participle
        # shares the first conjunct's passive auxiliary
        passive = _passive(lower, whole[0], hi, m.index, m)
    if not passive and m.entry.kind == "verb" and getattr(view.sentence, "role", None) == "title" \
            and m.index == len(lower) - 1 - (lower[-1] in ".!?") \
            and lower[m.index].endswith(("t", "en")) and not lower[m.index].endswith(("te", "ten")):
        # a headline "Mafiaboss Provenzano verhaftet": a participle without auxiliary
        passive = True
    return passive


def _roles_from_words(doc: Document, view: SentenceView, m: Match, roles: Roles, passive: bool, lo: int, hi: int,
                      quotes_at) -> None:
    """Sides the word order left empty, read from the trigger and nationality adjectives."""
    e, words = m.entry, view.words
    # the trigger itself names the protesters ("Demonstranten", "Proteste")
    if e.type == "PROTEST" and not roles.source:
        inside = [s for s in view.slots if s.lo <= m.index < s.hi]
        if inside:
            roles.source = [inside[0].actor]
    if e.kind == "noun" and not roles.source and not (quotes_at and quotes_at(view.tokens[m.index].start)[0]):
        roles.source = _nationality_source(doc, words, m.index, roles.target)
    if e.type == "ASSAULT" and not roles.target and (passive or e.kind == "noun"):
        roles.target = _nationality_target(doc, words, lo, hi, m, view.mention_tokens, roles.source)
    elif e.type in ("ACCUSE", "REJECT", "SUPPORT") and e.kind == "verb" and not passive and not roles.target \
            and roles.source:
        # "kritisiert eine Änderung des georgischen Wahlrechts": what is judged is a country's
        roles.target = _nationality_target(doc, words, m.index + 1, hi, m, view.mention_tokens, roles.source)


def _attributes(view: SentenceView, m: Match, lo: int, hi: int, passive: bool) -> tuple[str, Optional[str], bool, bool]:
    """(type, mode, negated, hypothetical): the entry's type and mode, changed where a
    negation or an intention makes the event another type."""
    e, lower = m.entry, view.lower
    c = cues()
    negated = _negated(lower, lo, m.index, hi, m)
    clause_words = list(lower)
    if m.particle_index is not None:
        clause_words[m.particle_index] = ""   # "stellt … bereit" is no readiness
    hyp, intended = _hypothetical(clause_words, lo, hi, m.index, e.type, passive)
    if e.kind == "verb" and lo > 0 and lower[lo - 1] == "," and ((m.index > 0 and lower[m.index - 1] == "zu") or (
            e.particle and lower[m.index].startswith(e.particle + "zu"))):
        # "kündigten an, Hilfsgüter zu schicken": the announcement makes it a promise
        mlo, _ = clause_bounds(lower, lo - 2)
        if any(w in INTENT | PLAN_VERBS | PROMISE_VERBS for w in lower[mlo:lo - 1]):
            hyp, intended = True, True
    type_, mode = e.type, e.mode
    conditional = lower[lo] in c["hypothetical"]["conditional"]
    if e.kind == "noun":
        # a modal governs another verb ("will die Blockade lösen"); a plan verb the noun itself
        intended = any(w in PLAN_VERBS for w in lower[lo:hi])
        if intended or any(w in ANNOUNCE for w in lower[lo:hi]):
            hyp = True     # "kündigten für Samstag Proteste an": not yet happened
    if negated and type_ in c["negation_flips_to_reject"] and not conditional:
        # "wir werden uns nicht beteiligen" is a refusal made now
        type_, mode, negated = "REJECT", None, False
    elif intended and type_ in ("CONSULT", "SUPPORT", "COOPERATE", "AID"):
        type_, mode = "AGREE", None
    elif intended and type_ in c["hypothetical_to_threaten"] and not negated:
        type_, mode = "THREATEN", None
    return type_, mode, negated, hyp


def _threatened(view: SentenceView, m: Match, roles: Roles) -> None:
    """"sie werde … angreifen, wenn Israel seine Luftangriffe nicht beende": the one the
    condition is put to is the one threatened."""
    lower = view.lower
    cond = next((k for k in range(m.index + 1, len(lower)) if lower[k] in ("wenn", "falls", "sofern")), None)
    if cond is not None:
        put_to = [s for s in view.slots if s.lo > cond and s.bare and not s.oblique and s.genitive_head is None
                  and s.actor not in roles.source]
        if put_to and "," not in lower[cond:put_to[0].lo]:
            roles.target = [put_to[0].actor]


def _speaker_acts(view: SentenceView, m: Match, roles: Roles, type_: str, lo: int, hi: int, passive: bool,
                  quotes_at) -> Optional[str]:
    """The id of the quote the trigger stands in; its speaker is the source of a statement
    and of a first-person act in it."""
    e, lower = m.entry, view.lower
    quote_id, speaker = None, None
    if quotes_at is not None:
        quote_id, speaker = quotes_at(view.tokens[m.index].start)
    first_person = any(w in ("ich", "wir", "mich", "uns", "mir") for w in lower[lo:hi])
    if quote_id and speaker and first_person and e.kind == "verb" and not passive and speaker in roles.target:
        # "X zitiert Y mit den Worten „Wir warnen …“": the quoted speaker acts, not the one quoting
        roles.source, roles.target = [speaker], [a for a in roles.target if a != speaker]
    # (a relative clause, ", zu der ein Bündnis aufgerufen hatte", has a subject of its own)
    relative_clause = lo > 0 and lower[lo - 1] == "," and (
        lower[lo] in RELATIVE or (lower[lo] in cues()["prepositions"] and lo + 1 < hi and lower[lo + 1] in RELATIVE))
    if speaker and speaker not in roles.target and e.kind == "verb" and not passive and not relative_clause \
            and (type_ in VERBAL_TYPES or first_person) and (not roles.source or roles.source_from_context):
        roles.source = [speaker]
    return quote_id


def _complete(view: SentenceView, m: Match, roles: Roles, type_: str, lo: int, hi: int) -> bool:
    """Whether the event has the sides its type needs: a source (but "Proteste gegen X"),
    and for an attack a victim (but where someone claims it)."""
    e, lower = m.entry, view.lower
    c = cues()
    if not roles.source and not roles.target:
        return False
    # "es kam zu Massenprotesten gegen die Regierung": a protest against someone, by people unnamed
    protest_against = type_ == "PROTEST" and e.kind == "noun" and bool(roles.target) \
        and m.last + 1 < len(lower) and lower[m.last + 1] == "gegen"
    if not roles.source and not protest_against and (
            type_ in c["needs_source"] or (e.kind == "noun" and type_ in VERBAL_TYPES)):
        return False
    # (who claims an attack, "bekannten sich zu den Anschlägen", committed it, victim named or not)
    claimed = e.kind == "noun" and any(w.startswith(("bekannt", "bekenn")) for w in lower[lo:hi])
    return bool(roles.target) or type_ not in c["needs_target"] or (claimed and bool(roles.source))


def _content_roles(doc: Document, view: SentenceView, m: Match, roles: Roles, type_: str, mode: Optional[str],
                   lo: int, hi: int) -> tuple[str, Optional[str]]:
    """The type and sides read from a noun trigger that is the verb's content: what a
    decision decides, whom a condemnation accuses, at whom an approval or rejection aims."""
    e, words, lower = m.entry, view.words, view.lower
    # "beschloss, eine Flugverbotszone einzurichten": a decision is coded as what it decides
    if e.content_type:
        for n in view.matches:
            if n.entry.kind == "noun" and n.entry.type in cues()["decided_types"] and (
                    lo <= n.index < hi or (n.index > m.index and _is_content(lower, n, [m]))):
                inner = assign(words, view.slots, n, clause_bounds(lower, n.index), False, view.mention_tokens)
                type_, mode = n.entry.type, n.entry.mode
                if not roles.target:
                    roles.target = [a for a in inner.target if a not in roles.source]
                break
    if e.kind != "verb":
        return type_, mode
    contents = [n for n in view.matches if n.entry.kind == "noun" and n.index > m.index and _is_content(lower, n, [m])]
    # "verurteilte den Angriff der Rebellen auf die Botschaft": a condemnation accuses the attacker
    if type_ == "ACCUSE":
        for n in contents:
            if n.entry.type in ("ASSAULT", "COERCE"):
                # (the condemning subject is not the attacker: subject_ok=False)
                inner = assign(words, view.slots, n, clause_bounds(lower, n.index), False, view.mention_tokens, False)
                attacker = inner.source or _nationality_source(doc, words, n.index, inner.target)
                attacker = [a for a in attacker if a not in roles.source]
                if attacker:
                    roles.target = attacker
                break
    # "billigte den Angriff auf die US-Botschaft": the target of the content noun
    if not roles.target:
        for n in contents:
            inner = assign(words, view.slots, n, clause_bounds(lower, n.index), False, view.mention_tokens)
            # "wies die Kritik aus Washington zurück": a rejection is aimed at the critic
            who = inner.source if type_ == "REJECT" and n.entry.type in ("ACCUSE", "REQUEST", "THREATEN") \
                else inner.target
            inner_target = [a for a in who if a not in roles.source]
            if inner_target:
                roles.target = inner_target
                break
    return type_, mode


def surest_per_sides(events: list[Event]) -> list[Event]:
    """One event per (type, source, target, negated) in a sentence: the surest trigger."""
    best: dict[tuple, Event] = {}
    for ev in events:
        key = (ev.type, tuple(sorted(ev.source)), tuple(sorted(ev.target)), ev.negated)
        if key not in best or (ev.confidence or 0) > (best[key].confidence or 0):
            best[key] = ev
    return sorted(best.values(), key=lambda e: e.trigger.start)


def _nationality_source(doc: Document, words: list[str], trigger: int, target: list[str]) -> list[str]:
    """"die israelischen Luftangriffe", "russische Sanktionen": a nationality adjective on an
    event noun names who acts, the country (as the article's actor for it)."""
    k = trigger - 1
    while k >= 0 and k >= trigger - 3 and words[k][:1].islower() and words[k].isalpha():
        code = nationality(words[k])
        if code:
            actor = country_actor(doc, code)
            return [actor.id] if actor is not None and actor.id not in target else []
        k -= 1
    return []


def _nationality_target(doc: Document, words: list[str], lo: int, hi: int, m: Match, mention_tokens,
                        source: list[str]) -> list[str]:
    """"wurde israelisches Territorium beschossen", "Angriffe auf israelische Städte": the
    country whose land or people are hit, from a nationality adjective on the victim noun
    (the bare subject of a passive, or after "auf"/"gegen")."""
    lower = [w.lower() for w in words]
    for k in range(lo, hi - 1):
        if k in (m.index - 1, m.index) or k in mention_tokens or (k + 1) in mention_tokens:
            continue
        if not (words[k][:1].islower() and words[k + 1][:1].isupper()):
            continue
        code = nationality(words[k])
        if not code:
            continue
        before = lower[k - 1] if k > lo else ""
        if m.entry.kind == "noun" and (k < m.index or before not in ("auf", "gegen")):
            continue
        if before in cues()["prepositions"] and before not in ("auf", "gegen"):
            continue    # "in israelischen Krankenhäusern": where, not whom
        actor = country_actor(doc, code)
        if actor is not None and actor.id not in source:
            return [actor.id]
    return []


def _conjunct(lower: list[str], m: Match, verbs: list[Match], lo: int, hi: int) -> tuple[int, int]:
    """Narrow a clause with two coordinated event verbs ("verurteilte X und forderte Y auf") to
    the verb's own conjunct; the second conjunct keeps no subject (it comes from before)."""
    for v in verbs:
        if v is m or not (lo <= v.index < hi):
            continue
        a, b = sorted((m.index, v.index))
        conj = [k for k in range(a + 1, b) if lower[k] in ("und", "oder", "sowie", "aber")]
        if not conj:
            continue
        k = conj[-1]
        if v.index > m.index and (m.particle_index is None or m.particle_index < k):
            hi = min(hi, k)
        elif v.index < m.index:
            lo = max(lo, k + 1)
    return lo, hi


def _in_content_clause(lower: list[str], m: Match, lo: int, verbs: list[Match]) -> bool:
    """The trigger stands in a zu-infinitive or dass-clause that says what an earlier
    statement (accusation, demand, refusal, threat, promise) is about: it is no event of its own."""
    if lo == 0 or lower[lo - 1] != ",":
        return False
    clause = lower[lo:m.index + 1]
    infinitive = (m.index > 0 and lower[m.index - 1] == "zu") or bool(
        m.entry.particle and lower[m.index].startswith(m.entry.particle + "zu"))
    if not (infinitive or (clause and clause[0] == "dass")):
        return False
    return any(v.index < lo and v.entry.type in VERBAL_TYPES and v.entry.type != m.entry.type
               and lo - v.index <= 15 for v in verbs)


def _is_content(lower: list[str], m: Match, verbs: list[Match]) -> bool:
    lo, hi = clause_bounds(lower, m.index)
    for v in verbs:
        if v.entry.type == m.entry.type:
            continue
        if v.entry.type not in VERBAL_TYPES and (v.index > m.index or m.entry.type not in VERBAL_TYPES):
            # "eine Kundgebung … gewaltsam beendet": the rally did take place
            continue
        if v.index > m.index:
            # a verb at the end of the clause: "hat die Sanktionen der EU kritisiert"
            if v.index < hi and not any(w in CLAUSE_OPENERS for w in lower[m.index:v.index]):
                return True
            continue
        between = lower[v.index + 1:m.index]
        if any(w in CLAUSE_OPENERS for w in between) or any(o.index in range(v.index + 1, m.index) for o in verbs):
            continue
        if len(between) <= 12:
            return True
    return False


def _date(doc: Document, sentence: Span, lower, lo, hi, m: Match, tokens) -> Optional[str]:
    # the calendar date of the nearest time of the sentence (DATE or TIME values such as
    # "2009-01-03TEV"; durations, sets and X-values give none)
    near = date_near(doc, sentence, tokens[m.index].start)
    if near:
        return near
    clause = lower[lo:hi]
    past = any(w in PAST_AUX for w in clause) or lower[m.index].endswith(("te", "ten", "test"))
    if not past and doc.published:
        return doc.published[:10]
    return None


def place_of(doc: Document, sentence: Span, anchor: int) -> Optional[str]:
    """The place of a locative phrase of the sentence nearest the trigger ("in Minsk"); a
    country that is an actor ("kritisierte Russland") is no place of the event."""
    place = place_of_sentence(doc, sentence, anchor)
    return place.text if place else None


# the actor slots a pronoun may refer back to (an article has some dozens; a page of 200,000
# words must not make every pronoun look through all of them)
RECENT_MAX = 500

def _proposed_match(tokens: list, type_: str, p: float) -> list[Match]:
    """A trigger for a classifier proposal: the sentence's first full verb (word layer)."""
    verbs = [i for i, t in enumerate(tokens) if t.pos.startswith("VV")]
    if not verbs:
        return []
    entry = Entry(type=type_, mode=None, label="(classifier)", kind="verb", pattern=re.compile(r"(?!)"),
                  weight=round(0.4 * p, 2))
    return [Match(entry=entry, index=verbs[0], last=verbs[0])]


def _learned_matches(tokens, matches: list[Match], found: list) -> list[Match]:
    """Lexicon matches for the learned extractor's triggers on words no lexicon entry
    matched."""
    taken = {i for m in matches for i in range(m.index, m.last + 1)}
    return [_made_match(tokens, f.first, f.last, f.type, f.mode, "(learned)", round(0.6 * f.prob, 2))
            for f in found if not any(i in taken for i in range(f.first, f.last + 1))]


def _made_match(tokens, first: int, last: int, type_: str, mode: Optional[str], label: str, weight: float) -> Match:
    """A match for a trigger no lexicon entry found, on the verb or noun among its words (a
    verb or a noun by the word's part of speech)."""
    k = max(range(first, last + 1), key=lambda i: tokens[i].pos.startswith(("V", "NN")))
    kind = "verb" if tokens[k].pos.startswith("V") else "noun"
    entry = Entry(type=type_, mode=mode, label=label, kind=kind, pattern=_NEVER, weight=weight)
    return Match(entry=entry, index=k, last=k)


_NEVER = re.compile(r"(?!)")
