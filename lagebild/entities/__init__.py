"""The `entities` stage: named entities (PER, LOC, ORG, MISC) in every sentence.

A linear head over the shared encoder's states (`lagebild.encoder`) tags pieces BIO;
a gazetteer of German country names (pycountry + babel, `gazetteer.py`) adds countries
the model missed. Sentences of a batch of documents go through the encoder together.
"""
from __future__ import annotations

from collections import Counter

import functools
import re
from typing import Optional, Sequence

import torch

from ..document import Document, Entity
from .ner import HEAD_PATH, NerHead, Span, decode

BATCH = 32


@functools.cache
def _head() -> NerHead:
    from .ner import load_head
    return load_head(HEAD_PATH)


def tag_texts(texts: Sequence[str], encoder=None, head: Optional[NerHead] = None,
              batch_size: int = BATCH) -> list[list[Span]]:
    """Entity spans (character offsets into each text) for many texts at once."""
    if encoder is None:
        from ..encoder import get_encoder
        encoder = get_encoder()
    head = head or _head()
    return [_spans(text, e, head) for text, e in zip(texts, encoder.encode(texts, batch_size=batch_size))]


def _spans(text: str, encoded, head: NerHead) -> list[Span]:
    if not encoded.ids:
        return []
    with torch.inference_mode():
        probs = head(encoded.states).softmax(-1)
    return decode(text, encoded.starts, encoded.ends, probs)


@functools.cache
def _warn_no_model() -> None:
    import warnings
    warnings.warn(f"lagebild: no NER model at {HEAD_PATH}; entities from the country gazetteer only "
                  "(run `lagebild train ner`)")


def _opening_adjective(doc: Document, sentence, a: int, b: int) -> bool:
    """A one-word name that opens its sentence and that the part-of-speech tagger reads as
    an attributive adjective ("Scharfe Kritik übte …", "Schwere Vorwürfe …"): capitalised
    only by its position, so no name. The word layer tags the word in its sentence, which
    tells "Grüne fordern …" (the party) from "Neue Proteste …"."""
    if doc.text[sentence.start:a].strip(" \"'„“»«(") or " " in doc.text[a:b]:
        return False            # not the opening word, or more than one: no lookup needed
    toks = doc.sentence_tokens(sentence)
    if not toks or toks[0].start != a or toks[0].end != b:
        return False
    return toks[0].pos == "ADJ(A)"


# a lower-case adjective in -isch/-sch ("russische", "deutschen", "israelischen"): derived
# from a name, but no name itself (GermEval's LOCderiv); the model, trained with such words
# as O, still now and then tags one alone ("in die russische Föderation")
_DERIVED_ADJECTIVE = re.compile(r"(?<![a-zäöüß])[a-zäöüß]+sch(?:e|en|er|es|em)?")


def _derived_adjective(text: str) -> bool:
    return bool(_DERIVED_ADJECTIVE.fullmatch(text))


def add_entities_many(docs: list[Document]) -> None:
    from ..encoder import encoded_sentences, sentence_states
    from .gazetteer import country_spans
    found: dict[int, list[Entity]] = {id(d): [] for d in docs}
    if HEAD_PATH.exists():
        head = _head()
        for d, states in zip(docs, sentence_states(docs)):
            for s, e in zip(encoded_sentences(d), states):
                for x in _spans(d.text[s.start:s.end], e, head):
                    a, b = s.start + x.start, s.start + x.end
                    text = d.text[a:b]
                    # trim stray spaces/quotes that a piece may carry at a span edge
                    while text and text[0] in " \"'„“»«":
                        a += 1; text = text[1:]
                    while text and text[-1] in " \"'“”»«":
                        b -= 1; text = text[:-1]
                    if text and not _derived_adjective(text) and not _opening_adjective(d, s, a, b):
                        found[id(d)].append(Entity(start=a, end=b, text=text, label=x.label,
                                                   score=round(x.score, 3), source="model"))
    else:
        # no trained model (e.g. a partial checkout): the gazetteer alone
        _warn_no_model()
    for d in docs:
        ents = _persons_named_alike(_article_majority(found[id(d)]))
        taken = [(e.start, e.end) for e in ents]
        for s in encoded_sentences(d):
            for a, b in country_spans(d.text, s.start, s.end):
                if not any(a < e and s_ < b for s_, e in taken):
                    ents.append(Entity(start=a, end=b, text=d.text[a:b], label="LOC",
                                       score=None, source="gazetteer"))
                    taken.append((a, b))
        d.entities = sorted(ents, key=lambda e: (e.start, e.end))


def _article_majority(ents: list[Entity]) -> list[Entity]:
    """A one-word name that the model, reading one sentence at a time, labels differently
    in one article takes the label it has most often there ("Pjöngjang" a place six times,
    a person once): a place or a country does not become a person in the next sentence."""
    votes: dict[str, Counter] = {}
    for e in ents:
        if " " not in e.text:
            votes.setdefault(e.text, Counter())[e.label] += 1
    out = []
    for e in ents:
        counts = votes.get(e.text)
        if counts and len(counts) > 1:
            (label, n), = counts.most_common(1)
            if n * 2 > sum(counts.values()) and label != e.label:
                e = e.model_copy(update={"label": label})
        out.append(e)
    return out


def _persons_named_alike(ents: list[Entity]) -> list[Entity]:
    """One word tagged a place or an organisation that is part of a person's full name
    found in the same article ("Muhammad Husni Mubarak" … "von Mubarak", "Thaksin
    Shinawatra" … "Gegner Thaksins") is that person: the model, reading one sentence,
    cannot know; the article can."""
    full = [e.text.split() for e in ents if e.label == "PER" and " " in e.text]
    names = {w for words in full for w in words[1:]} | {w + "s" for words in full for w in words}
    out = []
    for e in ents:
        if e.label in ("LOC", "ORG") and " " not in e.text and e.text in names:
            e = e.model_copy(update={"label": "PER"})
        out.append(e)
    return out


def add_entities(doc: Document) -> None:
    add_entities_many([doc])


add_entities.many = add_entities_many
