"""The quotes stage: who said what, in direct, indirect and free indirect speech.

`add_quotes(doc)` writes `doc.quotes` (Quote records q1, q2, ... in text order), with the
roles of GermEval 2023 SpkAtt: quote spans, speaker, cue and frame, type (direct,
indirect, free_indirect, indirect_free_indirect) and medium (speech, writing, thought).
The rules live in rules.py (over the word layer: tags, lemmas, verb mood), German cue words in cues.tsv and
lexicon.yaml. Speakers are tied to actors when the actors stage has run: the actor whose
mention overlaps the speaker span, or for "er"/"sie" the person mentioned last before.
"""
from __future__ import annotations

from typing import Optional

from ..settings import settings
from ..document import Document, Quote, Span, SpanText, Speaker
from .rules import Extractor, Found, lexicon

__all__ = ["add_quotes", "find_quotes"]


def find_quotes(doc: Document) -> list[Found]:
    """The rules' quotes; with LAGEBILD_QUOTE_TAGGER=1 (and the sentences stage run) also
    the learned tagger's, see tagger.py."""
    if not doc.sentences:
        return []
    found = Extractor(doc.text, [(s.start, s.end) for s in doc.sentences], doc.tokens).run()
    tagged = None
    if doc.sentences and settings().quote_tagger:
        # off by default: about level with the rules on SpkAtt dev (model/MODEL_CARD.md); imports torch
        from . import tagger
        tagged = tagger.tag_article(doc, found)
    if tagged is not None:
        # where the learned tagger is the stronger one (tuning articles, MODEL_CARD.md):
        # speakers the rules left open, and quotes beside the rules' quotes
        tagger.fill_roles(found, tagged, ("speaker",))
        found += tagger.learned_quotes(doc, found, tagged)
    return found


def _span_text(doc: Document, spans: list[tuple[int, int]]) -> Optional[SpanText]:
    if not spans:
        return None
    return SpanText(text=" ".join(doc.text[a:b] for a, b in spans), spans=[Span(start=a, end=b) for a, b in spans])


def _actor_lookup():
    try:
        from ..actors import actor_at  # built in parallel; absent until it lands
    except Exception:
        return None
    return actor_at


def _actor_id(hit) -> Optional[str]:
    if hit is None:
        return None
    if isinstance(hit, str):
        return hit
    return getattr(hit, "id", None)


def _last_person_before(doc: Document, offset: int) -> Optional[str]:
    """The person an "er"/"sie" at `offset` most likely means: among the persons mentioned
    before it, one that opens its sentence (the subject, as a rule) in the nearest
    sentence that has one; else the person mentioned last."""
    mentions = [(m.start, a.id) for a in doc.actors if a.kind == "person" for m in a.mentions if m.end <= offset]
    if not mentions:
        return None
    mentions.sort()
    starts = {s.start for s in doc.sentences}
    for start, actor in reversed(mentions):
        sent = doc.sentence_of(start)
        if sent is not None and (start in starts or doc.text[sent.start:start].strip() in ("", "Auch", "Doch", "Dann")):
            return actor
    return mentions[-1][1]


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


def _resolve(doc: Document, q: Found, actor_at, resolved: dict) -> Optional[str]:
    if not q.speaker or actor_at is None:
        return None
    key = tuple(q.speaker)
    if key in resolved:
        return resolved[key]
    a, b = q.speaker[0][0], q.speaker[-1][1]
    words = doc.text[a:b]
    actor = None
    if words.lower() in lexicon()["source_adverbs"]:
        prev = resolved.get("last")
        actor = prev[0] if prev is not None else None   # "demnach": the source just named
    elif words in lexicon()["person_pronouns"]:
        prev = resolved.get("last")
        kinds = {x.id: x.kind for x in doc.actors}
        if prev is not None and prev[1] >= 0 and a - prev[1] < 400 and kinds.get(prev[0]) == "person":
            actor = prev[0]      # the speaker of the quote just before
        else:
            # "er"/"sie" speaks: a person, never the organisation that spoke before, when a
            # person was mentioned; else that organisation ("Die Regierung … Sie erklärte")
            actor = _last_person_before(doc, a)
            if actor is None and prev is not None and prev[1] >= 0 and a - prev[1] < 400:
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


def add_quotes(doc: Document) -> None:
    """Write doc.quotes."""
    doc.require("tokens", stage="quotes")
    found = sorted(find_quotes(doc), key=lambda q: q.spans[0][0] if q.spans else 0)
    actor_at = _actor_lookup() if doc.actors else None
    resolved: dict = {}
    quotes = []
    for q in found:
        if not q.spans:
            continue
        content = _span_text(doc, q.spans)
        spk = None
        if q.speaker:
            st = _span_text(doc, q.speaker)
            spk = Speaker(text=st.text, spans=st.spans, actor=_resolve(doc, q, actor_at, resolved))
        quotes.append(Quote(id=f"q{len(quotes) + 1}", type=q.type, medium=q.medium, text=content.text,
                            spans=content.spans, speaker=spk, cue=_span_text(doc, q.cue),
                            addressee=_span_text(doc, q.addressee), frame=_span_text(doc, q.frame)))
    doc.quotes = quotes
