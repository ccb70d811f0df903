"""The quotes stage: who said what, in direct, indirect and free indirect speech.

`add_quotes(doc)` writes `doc.quotes` (Quote records q1, q2, ... in text order), with the
roles of GermEval 2023 SpkAtt: quote spans, speaker, cue and frame, type (direct,
indirect, free_indirect, indirect_free_indirect) and medium (speech, writing, thought).
The rules live in rules.py (over the word layer: tags, lemmas, verb mood), German cue words in cues.tsv and
lexicon.yaml. Speakers are tied to actors when the actors stage has run (speakers.py):
the actor whose mention the speaker phrase covers, for "er"/"sie" the person meant, and
for a quote without a speaker phrase the actor the article means.
"""
from __future__ import annotations

from typing import Optional

from ..settings import settings
from ..document import Document, Quote, Span, SpanText, Speaker
from .rules import Extractor, Found
from .speakers import actor_lookup, fill_missing_speakers, resolve_speaker

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


def add_quotes(doc: Document) -> None:
    """Write doc.quotes."""
    doc.require("tokens", stage="quotes")
    found = sorted(find_quotes(doc), key=lambda q: q.spans[0][0] if q.spans else 0)
    actor_at = actor_lookup() if doc.actors else None
    resolved: dict = {}
    quotes = []
    for q in found:
        if not q.spans:
            continue
        content = _span_text(doc, q.spans)
        spk = None
        if q.speaker:
            st = _span_text(doc, q.speaker)
            spk = Speaker(text=st.text, spans=st.spans, actor=resolve_speaker(doc, q, actor_at, resolved))
        quotes.append(Quote(id=f"q{len(quotes) + 1}", type=q.type, medium=q.medium, text=content.text,
                            spans=content.spans, speaker=spk, cue=_span_text(doc, q.cue),
                            addressee=_span_text(doc, q.addressee), frame=_span_text(doc, q.frame)))
    fill_missing_speakers(doc, quotes)
    doc.quotes = quotes
