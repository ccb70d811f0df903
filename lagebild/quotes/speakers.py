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

from bisect import bisect_left, bisect_right
from typing import Optional

from ..document import Document, Quote, Speaker, Span
from ..actors.coref import fits, opens_sentence, pronoun_gender
from .rules import Found, lexicon

# a quote without a speaker goes on with one mentioned at most this many characters before
# it (about two sentences)
INHERIT_WINDOW = 400
# the speaker of the quote just before answers for a pronoun this close after it
PRONOUN_WINDOW = 400
SPEAKER_KINDS = ("person", "organization", "group")
FREE_INDIRECT = ("free_indirect", "indirect_free_indirect")


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
    verb in the plural ("Sie bezeichneten", "sagten sie"), None otherwise: the actors'
    reading of the pronoun (actors/coref.py), and of a possessive opening a phrase."""
    w = doc.text[a:b].split()[0].lower()
    if w.startswith("sein"):
        return "m"
    if w.startswith("ihr"):
        return "f"
    if w not in ("er", "sie"):
        return None
    k = doc.token_index(a)
    return pronoun_gender(doc, k) if k is not None else ("m" if w == "er" else "f")


def _fits(actor_id: str, gender: Optional[str], kinds: dict[str, str], genders: dict[str, str]) -> bool:
    """An actor a pronoun of that gender may stand for (actors/coref.py's agreement)."""
    return fits(kinds.get(actor_id), gender, genders.get(actor_id))


def _mention_index(doc: Document, resolved: dict) -> tuple[list[int], list[tuple[int, int, str]]]:
    """Every actor mention by start, built once per article (kept in `resolved`)."""
    if "mention_index" not in resolved:
        items = sorted((m.start, m.end, a.id) for a in doc.actors for m in a.mentions)
        resolved["mention_index"] = ([x[0] for x in items], items)
    return resolved["mention_index"]


def _last_person_before(doc: Document, offset: int, gender: Optional[str] = None,
                        genders: Optional[dict[str, str]] = None, after: int = -1,
                        resolved: Optional[dict] = None) -> Optional[str]:
    """The person an "er"/"sie" at `offset` most likely means: among the persons (for
    "sie" also organisations and groups) of that gender mentioned before it (and after
    `after`), one that opens its sentence (the subject, as a rule) in the nearest sentence
    that has one; else the one mentioned last."""
    resolved = resolved if resolved is not None else {}
    if "actor_kinds" not in resolved:
        resolved["actor_kinds"] = {a.id: a.kind for a in doc.actors}
    kinds = resolved["actor_kinds"]
    genders = genders if genders is not None else person_genders(doc)
    starts, items = _mention_index(doc, resolved)
    # backwards from the pronoun, stopping at the first person who opens a sentence: a
    # list of every mention before it made each pronoun cost the whole article so far
    last_person = last_any = None
    for k in range(bisect_left(starts, offset) - 1, bisect_left(starts, max(after, 0)) - 1, -1):
        start, end, actor = items[k]
        if end > offset or not _fits(actor, gender, kinds, genders):
            continue
        last_any = last_any or actor
        if kinds[actor] == "person":
            if opens_sentence(doc, start):
                return actor
            last_person = last_person or actor
    return last_person or last_any


def _last_mentioned_before(doc: Document, offset: int, demonstrative: str, resolved: dict) -> Optional[str]:
    """The actor a demonstrative speaker ("Dieser bestätigte, …") means: the one mentioned
    last before it, subject or not ("verlangte Mussawi vom Wächterrat …. Dieser
    bestätigte": the council), of a fitting gender where it is a person ("dieser": no woman,
    "diese": no man)."""
    genders = person_genders(doc)
    starts, items = _mention_index(doc, resolved)
    unfit = "f" if demonstrative.lower() in ("dieser", "jener") else "m"
    for k in range(bisect_left(starts, offset) - 1, max(-1, bisect_left(starts, offset) - 40), -1):
        start, end, actor = items[k]
        if end <= offset and genders.get(actor) != unfit:
            return actor
    return None


def _named_person_in(doc: Document, a: int, b: int) -> Optional[str]:
    """The person named inside a long speaker phrase: "Der Vorsitzende der Partei, Max
    Müller" and "Der Generalsekretär der Vereinten Nationen, António Guterres" are Max Müller
    and Guterres, not the party, the UN or the bare role. A name is a mention that is not
    a role noun alone."""
    role_endings = tuple(lexicon()["role_noun_endings"])
    best, best_len = None, 0
    overlapping = doc.mentions_overlapping(a, b)            # in the order of doc.actors
    for actor, m in overlapping:
        if actor.kind != "person" or not (a <= m.start and m.end <= b):
            continue
        words = [w for w in m.text.split() if w[:1].isupper()]
        named = [w for w in words if not w.lower().endswith(role_endings)]
        if named and m.end - m.start > best_len:
            best, best_len = actor.id, m.end - m.start
    if best is None:
        return None
    # only where the phrase also names something else: a plain name goes the usual way
    return best if any(actor.id != best for actor, _ in overlapping) else None


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
    elif words.lower() in lexicon()["demonstrative_speakers"]:
        actor = _last_mentioned_before(doc, a, words, resolved)
    elif _refers_back(words):
        gender, genders = _pronoun_gender(doc, a, b), person_genders(doc)
        kinds = {x.id: x.kind for x in doc.actors}
        recent = prev is not None and prev[1] >= 0 and a - prev[1] < PRONOUN_WINDOW
        # a fitting person named since the quote just before is who the pronoun means
        # ("…“, sagte CBS. Von der Bundeskanzlerin liegt eine Stellungnahme vor. Sie sagte …")
        since = _last_person_before(doc, a, gender, genders, after=prev[1], resolved=resolved) if recent else None
        if since is not None and kinds.get(since) == "person":
            actor = since
        elif recent and _fits(prev[0], gender, kinds, genders):
            actor = prev[0]      # the speaker of the quote just before
        else:
            # "er"/"sie" speaks: a person, never the organisation that spoke before, when a
            # person was mentioned; else that organisation ("Die Regierung … Sie erklärte")
            actor = _last_person_before(doc, a, gender, genders, resolved=resolved)
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


class _Index:
    """The article's speaker candidates (mentions of persons, organisations, groups) by
    start and by end, the quote spans by start and the sentences by position, built once
    per article: every lookup is a bisection, so that filling in speakers stays linear in
    the article however many quotes it has."""

    def __init__(self, doc: Document, quotes: list[Quote]):
        self.items = sorted((m.start, m.end, m.text, a.id) for a in doc.actors if a.kind in SPEAKER_KINDS
                            for m in a.mentions)
        self.starts = [x[0] for x in self.items]
        self.by_end = sorted(self.items, key=lambda x: x[1])
        self.ends = [x[1] for x in self.by_end]
        self.quoted = sorted((sp.start, sp.end) for q in quotes for sp in q.spans)
        self.quoted_starts = [x[0] for x in self.quoted]
        self.sentence_starts = [s.start for s in doc.sentences]

    def in_range(self, lo: int, hi: int) -> list[tuple[int, int, str, str]]:
        """Candidates that start in [lo, hi), outside every quote."""
        return [x for x in self.items[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]
                if not self.quoted_at(x[0], x[1])]

    def ending_in(self, lo: int, hi: int) -> list[tuple[int, int, str, str]]:
        return self.by_end[bisect_left(self.ends, lo):bisect_right(self.ends, hi)]

    def quoted_at(self, start: int, end: int) -> bool:
        k = bisect_right(self.quoted_starts, start)
        return any(s <= start and end <= e for s, e in self.quoted[max(0, k - 4):k])


def _speaker(item: tuple[int, int, str, str]) -> Speaker:
    start, end, text, actor = item
    return Speaker(text=text, spans=[Span(start=start, end=end)], actor=actor)


def _sentence_subject(doc: Document, sentence, index: _Index, before: Optional[int] = None) -> Optional[Speaker]:
    """The actor (person, organisation, group) whose mention opens `sentence`, outside
    every quote ("Der 84-jährige Küng, der …, hofft aber, „…“"); with `before`, else the
    only person mentioned in the sentence before that offset ("Für den Theologen Hans Küng
    sei der Rücktritt „…“")."""
    candidates = index.in_range(sentence.start, sentence.end)
    opening = [x for x in candidates if opens_sentence(doc, x[0])]
    if opening:
        return _speaker(opening[0])
    if before is not None:
        kinds = {a.id: a.kind for a in doc.actors}
        persons = {x[3]: x for x in candidates if kinds.get(x[3]) == "person" and x[1] <= before}
        if len(persons) == 1:
            return _speaker(next(iter(persons.values())))
    return None


def fill_missing_speakers(doc: Document, quotes: list[Quote]) -> None:
    """Give a quote that names no speaker of its own the one the article means (see the
    module's docstring)."""
    if not doc.actors:
        return
    index = _Index(doc, quotes)
    previous: Optional[Quote] = None
    for quote in quotes:
        if quote.speaker is not None and _carried_over(doc, quote):
            # the rules carried the speaker over from an earlier sentence; a name right
            # before the quote ("…, und Jens Stoltenberg: „…“") says otherwise
            named = _introducing_actor(doc, _opening(doc, quote), index)
            if named is not None:
                quote.speaker = named
        if quote.speaker is None:
            speaker = _missing_speaker(doc, quote, previous, index)
            if speaker is not None and quote.type not in FREE_INDIRECT:
                # SpkAtt marks the earlier mention as the source of free indirect speech
                # only; elsewhere the speaker is named by its text and actor, not a span
                speaker = speaker.model_copy(update={"spans": []})
            quote.speaker = speaker
        previous = quote


# what may stand between a name and the quote it introduces: "Stoltenberg: „…“",
# "ElBaradei („…“)", "Merkel – „…“"
_INTRODUCING = frozenset(" :(–-,\n")


def _introducing_actor(doc: Document, start: int, index: _Index) -> Optional[Speaker]:
    """The person or organisation named right before a quote, with only a colon, a dash or
    a bracket between."""
    best = None
    for item in index.ending_in(start - 4, start):
        gap = doc.text[item[1]:start]
        if set(gap) <= _INTRODUCING and set(gap) & set(":(–") and not index.quoted_at(item[0], item[1]) \
                and (best is None or item[1] > best[1]):
            best = item
    return _speaker(best) if best is not None else None


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
                     index: _Index) -> Optional[Speaker]:
    start = quote.spans[0].start
    named = _introducing_actor(doc, _opening(doc, quote), index)
    if named is not None:
        return named
    own = doc.sentence_of(start)
    if own is not None:
        subject = _sentence_subject(doc, own, index, before=start)
        if subject is not None and subject.spans[0].start < start:
            return subject
    # the nearest sentence before, within the window, that an actor opens
    since = previous.spans[-1].end if previous is not None and previous.speaker is not None else None
    for sent in _sentences_before(doc, index, start):
        if since is not None and sent.end <= since:
            break
        subject = _sentence_subject(doc, sent, index)
        if subject is not None:
            return subject
    if since is not None and start - since <= INHERIT_WINDOW:
        return previous.speaker.model_copy()
    return None


def _sentences_before(doc: Document, index: _Index, offset: int) -> list:
    """The sentences that end before `offset`, at most INHERIT_WINDOW characters before it,
    nearest first."""
    out = []
    for j in range(bisect_right(index.sentence_starts, offset) - 1, -1, -1):
        sent = doc.sentences[j]
        if sent.end > offset:
            continue
        if offset - sent.end > INHERIT_WINDOW:
            break
        out.append(sent)
    return out
