"""Speakers tied to actors: which actor a quote's speaker phrase means, and who speaks in
a quote that names no speaker of its own.

- A speaker phrase that is a name or a description is the actor whose mention it covers
  (`actor_at` of the actors stage), or the person named inside a long phrase ("Der
  Vorsitzende der Partei, Max Müller").
- "er"/"sie" and possessive phrases ("seiner Darstellung nach", "aus ihrer Sicht") are the
  speaker of the quote just before, else the person mentioned last before who opens a
  sentence; a person's grammatical gender (the actors stage's `genders` layer, from the
  role nouns and titles of the mentions: "Kanzlerin", "Frau", "Präsident") rules out the
  wrong ones.
- A quote with no speaker phrase (a direct quote that goes on, free indirect speech) is
  said by the actor that opens its own sentence, else by the previous quote's speaker,
  unless another actor opened a sentence in between: then by that one. For free indirect
  quotes the speaker's spans are that earlier mention, as SpkAtt annotates their source;
  for others the speaker has its text and actor but no spans (SpkAtt dev, speaker role:
  F1 0.615 without any filling, 0.605 with spans for all, 0.617 so).
"""
from __future__ import annotations

from typing import Optional

from ..document import Document, Quote, Speaker, Span
from .rules import Found, lexicon

# a quote without a speaker goes on with one mentioned at most this many characters before
# it (about two sentences)
INHERIT_WINDOW = 400
# the speaker of the quote just before answers for a pronoun this close after it
PRONOUN_WINDOW = 400
# words that may stand before a sentence's subject ("Auch Merkel sagte …")
OPENERS = ("", "Auch", "Doch", "Dann", "Zudem", "Außerdem", "Später", "Dabei", "Und", "Aber")
SPEAKER_KINDS = ("person", "organization", "group")
FREE_INDIRECT = ("free_indirect", "indirect_free_indirect")
ARTICLES = ("der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "einem", "einen")


def actor_lookup():
    try:
        from ..actors import actor_at
    except Exception:
        return None
    return actor_at


def _actor_id(hit) -> Optional[str]:
    if hit is None:
        return None
    if isinstance(hit, str):
        return hit
    return getattr(hit, "id", None)


def person_genders(doc: Document) -> dict[str, str]:
    """actor id → "f" or "m": the actors stage's internal layer `genders` (from role nouns
    and titles: "Bundeskanzlerin Angela Merkel", "Frau Schwarzer"); empty without it."""
    return doc.internal.get("genders") or {}


def _pronoun_gender(doc: Document, a: int, b: int) -> Optional[str]:
    """"m" for er/sein-, "f" for sie/ihr- with a verb in the singular, "p" for "sie" with a
    verb in the plural ("Sie bezeichneten", "sagten sie"), None otherwise."""
    words = doc.text[a:b]
    w = words.split()[0].lower()
    if w in ("er",) or w.startswith("sein"):
        return "m"
    if w.startswith("ihr"):
        return "f"
    if w != "sie":
        return None
    # the finite verb right after ("Sie sagten") or right before ("…, sagten sie")
    tokens = doc.tokens
    i = next((k for k, t in enumerate(tokens) if t.start == a), None)
    if i is None:
        return "f"
    near = [tokens[k] for k in (i + 1, i - 1) if 0 <= k < len(tokens)]
    verbs = [t for t in near if t.stts.startswith("V") and t.stts.endswith("FIN")]
    if verbs and verbs[0].text.endswith("en"):
        return "p"
    return "f"


def _fits(actor_id: str, gender: Optional[str], kinds: dict[str, str], genders: dict[str, str]) -> bool:
    """An actor a pronoun of that gender may stand for: "er" a person not known to be a
    woman; "sie" a person not known to be a man, or an organisation or group."""
    kind = kinds.get(actor_id)
    if gender == "m":      # a person, or one of a group ("ein Augenzeuge … seiner Darstellung nach")
        return (kind == "person" and genders.get(actor_id) != "f") or kind == "group"
    if gender == "f":
        return (kind == "person" and genders.get(actor_id) != "m") or kind in ("organization", "group")
    if gender == "p":      # "sie" with a plural verb: a group, or an organisation's people
        return kind in ("organization", "group")
    return kind == "person"


def _opens_sentence(doc: Document, start: int) -> bool:
    """The mention at `start` opens its sentence, perhaps after an opener, an article and
    lower-case attributes ("Auch der 84-jährige Küng")."""
    sent = doc.sentence_of(start)
    if sent is None:
        return False
    words = doc.text[sent.start:start].strip(" „“\"").split()
    if words and words[0] in OPENERS:
        words = words[1:]
    if words and words[0].lower() in ARTICLES:
        words = words[1:]
    return all(w[:1].islower() or w[:1].isdigit() for w in words)


def _last_person_before(doc: Document, offset: int, gender: Optional[str] = None,
                        genders: Optional[dict[str, str]] = None, after: int = -1) -> Optional[str]:
    """The person an "er"/"sie" at `offset` most likely means: among the persons (for
    "sie" also organisations and groups) of that gender mentioned before it (and after
    `after`), one that opens its sentence (the subject, as a rule) in the nearest sentence
    that has one; else the one mentioned last."""
    kinds = {a.id: a.kind for a in doc.actors}
    genders = genders if genders is not None else person_genders(doc)
    mentions = sorted((m.start, a.id) for a in doc.actors for m in a.mentions
                      if after <= m.start and m.end <= offset and _fits(a.id, gender, kinds, genders))
    if not mentions:
        return None
    for start, actor in reversed(mentions):
        if kinds[actor] == "person" and _opens_sentence(doc, start):
            return actor
    persons = [a for _, a in mentions if kinds[a] == "person"]
    return persons[-1] if persons else mentions[-1][1]


def _named_person_in(doc: Document, a: int, b: int) -> Optional[str]:
    """The person named inside a long speaker phrase: "Der Vorsitzende der Partei, Max
    Müller" and "Der Generalsekretär der Vereinten Nationen, António Guterres" are Max Müller
    and Guterres, not the party, the UN or the bare role. A name is a mention that is not
    a role noun alone."""
    role_endings = tuple(lexicon()["role_noun_endings"])
    best, best_len = None, 0
    for actor in doc.actors:
        if actor.kind != "person":
            continue
        for m in actor.mentions:
            if not (a <= m.start and m.end <= b):
                continue
            words = [w for w in m.text.split() if w[:1].isupper()]
            named = [w for w in words if not w.lower().endswith(role_endings)]
            if named and m.end - m.start > best_len:
                best, best_len = actor.id, m.end - m.start
    if best is None:
        return None
    # only where the phrase also names something else: a plain name goes the usual way
    others = [x for x in doc.actors if x.id != best and any(min(b, m.end) > max(a, m.start) for m in x.mentions)]
    return best if others else None


def _refers_back(words: str) -> bool:
    """A pronoun ("er", "sie") or a phrase opened by a possessive ("seiner Darstellung
    nach", "aus ihrer Sicht"): the speaker is someone named before."""
    lex = lexicon()
    if words in lex["person_pronouns"]:
        return True
    first = [w.lower() for w in words.split()[:2]]
    return any(w in lex.get("possessive_determiners", []) for w in first)


def resolve_speaker(doc: Document, q: Found, actor_at, resolved: dict) -> Optional[str]:
    """The actor id a quote's speaker phrase means (None: not known). `resolved` carries
    what earlier quotes of the article found ("last": the latest speaker and its end)."""
    if not q.speaker or actor_at is None:
        return None
    key = tuple(q.speaker)
    if key in resolved:
        return resolved[key]
    a, b = q.speaker[0][0], q.speaker[-1][1]
    words = doc.text[a:b]
    actor = None
    prev = resolved.get("last")
    if words.lower() in lexicon()["source_adverbs"]:
        actor = prev[0] if prev is not None else None   # "demnach": the source just named
    elif _refers_back(words):
        if "genders" not in resolved:
            resolved["genders"] = person_genders(doc)
        gender, genders = _pronoun_gender(doc, a, b), resolved["genders"]
        kinds = {x.id: x.kind for x in doc.actors}
        recent = prev is not None and prev[1] >= 0 and a - prev[1] < PRONOUN_WINDOW
        # a fitting person named since the quote just before is who the pronoun means
        # ("…“, sagte CBS. Von der Bundeskanzlerin liegt eine Stellungnahme vor. Sie sagte …")
        since = _last_person_before(doc, a, gender, genders, after=prev[1]) if recent else None
        if since is not None and kinds.get(since) == "person":
            actor = since
        elif recent and _fits(prev[0], gender, kinds, genders):
            actor = prev[0]      # the speaker of the quote just before
        else:
            # "er"/"sie" speaks: a person, never the organisation that spoke before, when a
            # person was mentioned; else that organisation ("Die Regierung … Sie erklärte")
            actor = _last_person_before(doc, a, gender, genders)
            if actor is None and prev is not None and prev[1] >= 0 and a - prev[1] < PRONOUN_WINDOW:
                actor = prev[0]
    else:
        actor = _named_person_in(doc, a, b)
        if actor is None:
            try:
                actor = _actor_id(actor_at(doc, a, b))
            except Exception:
                actor = None
    resolved[key] = actor
    if actor is not None:
        resolved["last"] = (actor, b)
    return actor


def _inside(spans: list[Span], start: int, end: int) -> bool:
    return any(s.start <= start and end <= s.end for s in spans)


def _sentence_subject(doc: Document, sentence, quotes: list[Quote], before: Optional[int] = None) -> Optional[Speaker]:
    """The actor (person, organisation, group) whose mention opens `sentence`, outside
    every quote ("Der 84-jährige Küng, der …, hofft aber, „…“"); with `before`, else the
    only person mentioned in the sentence before that offset ("Für den Theologen Hans Küng
    sei der Rücktritt „…“")."""
    quoted = [s for q in quotes for s in q.spans]
    candidates = [(m, actor) for actor in doc.actors if actor.kind in SPEAKER_KINDS for m in actor.mentions
                  if sentence.start <= m.start < sentence.end and not _inside(quoted, m.start, m.end)]
    opening = sorted(((m.start, m, a.id) for m, a in candidates if _opens_sentence(doc, m.start)),
                     key=lambda x: x[0])
    if opening:
        _, m, actor = opening[0]
        return Speaker(text=m.text, spans=[Span(start=m.start, end=m.end)], actor=actor)
    if before is not None:
        persons = {a.id: m for m, a in sorted(candidates, key=lambda x: x[0].start)
                   if a.kind == "person" and m.end <= before}
        if len(persons) == 1:
            actor, m = next(iter(persons.items()))
            return Speaker(text=m.text, spans=[Span(start=m.start, end=m.end)], actor=actor)
    return None


def fill_missing_speakers(doc: Document, quotes: list[Quote]) -> None:
    """Give a quote that names no speaker of its own the one the article means (see the
    module's docstring)."""
    if not doc.actors:
        return
    previous: Optional[Quote] = None
    for quote in quotes:
        if quote.speaker is not None and _carried_over(doc, quote):
            # the rules carried the speaker over from an earlier sentence; a name right
            # before the quote ("…, und Jens Stoltenberg: „…“") says otherwise
            named = _introducing_actor(doc, _opening(doc, quote), quotes)
            if named is not None:
                quote.speaker = named
        if quote.speaker is None:
            speaker = _missing_speaker(doc, quote, previous, quotes)
            if speaker is not None and quote.type not in FREE_INDIRECT:
                # SpkAtt marks the earlier mention as the source of free indirect speech
                # only; elsewhere the speaker is named by its text and actor, not a span
                speaker = speaker.model_copy(update={"spans": []})
            quote.speaker = speaker
        previous = quote


# what may stand between a name and the quote it introduces: "Stoltenberg: „…“",
# "ElBaradei („…“)", "Merkel – „…“"
_INTRODUCING = frozenset(" :(–-,\n")


def _introducing_actor(doc: Document, start: int, quotes: list[Quote]) -> Optional[Speaker]:
    """The person or organisation named right before a quote, with only a colon, a dash or
    a bracket between."""
    quoted = [s for q in quotes for s in q.spans]
    best = None
    for actor in doc.actors:
        if actor.kind not in SPEAKER_KINDS:
            continue
        for m in actor.mentions:
            gap = doc.text[m.end:start]
            if m.end <= start and len(gap) <= 4 and set(gap) <= _INTRODUCING and set(gap) & set(":(–") and \
                    not _inside(quoted, m.start, m.end) and (best is None or m.end > best[0].end):
                best = (m, actor.id)
    if best is None:
        return None
    m, actor = best
    return Speaker(text=m.text, spans=[Span(start=m.start, end=m.end)], actor=actor)


def _carried_over(doc: Document, quote: Quote) -> bool:
    """The speaker's spans lie in another sentence than the quote's start."""
    own = doc.sentence_of(quote.spans[0].start)
    return bool(quote.speaker.spans) and own is not None and \
        not any(own.start <= s.start < own.end for s in quote.speaker.spans)


def _opening(doc: Document, quote: Quote) -> int:
    """Where a quote opens: its quotation mark, where the span starts right after one."""
    start = quote.spans[0].start
    return start - 1 if start and doc.text[start - 1] in "„“\"»«" else start


def _missing_speaker(doc: Document, quote: Quote, previous: Optional[Quote],
                     quotes: list[Quote]) -> Optional[Speaker]:
    start = quote.spans[0].start
    named = _introducing_actor(doc, _opening(doc, quote), quotes)
    if named is not None:
        return named
    own = doc.sentence_of(start)
    if own is not None:
        subject = _sentence_subject(doc, own, quotes, before=start)
        if subject is not None and subject.spans[0].start < start:
            return subject
    # the nearest sentence before, within the window, that an actor opens
    since = previous.spans[-1].end if previous is not None and previous.speaker is not None else None
    for sent in reversed([s for s in doc.sentences if s.end <= start and start - s.end <= INHERIT_WINDOW]):
        if since is not None and sent.end <= since:
            break
        subject = _sentence_subject(doc, sent, quotes)
        if subject is not None:
            return subject
    if since is not None and start - since <= INHERIT_WINDOW:
        return previous.speaker.model_copy()
    return None
