"""The Document and its layer records.

A Document carries the exact text of one article and the layers that the stages add,
each item with character offsets into `text` (Python str indices, end exclusive), so
that ``text[start:end] == item.text`` always holds. ``Document.to_dict()`` yields the
JSON contract of ``shared/spec/OUTPUT.md``; ``document_schema()`` its JSON Schema
(kept in ``schema/document.schema.json`` and checked by a test).

Records are pydantic models: they validate what stages write and give the schema for
free. Internal layers (the word layer `tokens`, plain tuples, many per article; the
encoder's `encoded` states) are not part of the JSON: they live in `Document.internal`,
keyed by the layer names that the pipeline table (`lagebild/pipeline.py`) declares.
"""
from __future__ import annotations

import hashlib
from datetime import date
from bisect import bisect_left, bisect_right
from typing import Any, Iterable, Literal, NamedTuple, Optional, Sequence, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

SCHEMA_ID = "lagebild.document/1"

BlockRole = Literal["title", "dateline", "lead", "heading", "body", "caption", "credit", "byline",
                    "boilerplate"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(Record):
    start: int
    end: int


class TextSpan(Span):
    text: str


class Token(NamedTuple):
    """One token of the word layer (`lagebild.segment`): offsets into Document.text, its
    surface form, and what the tagger says of it. `pos` is the Hanover Tagger's STTS tag,
    which writes the STTS verb and adjective tags with brackets ("VV(FIN)" for VVFIN,
    "ADJ(A)" for ADJA; `stts` gives the plain form); `mood` is set on finite verbs only:
    "konj1", "konj2" or "indicative", read from the form alone."""
    start: int
    end: int
    text: str
    lemma: str = ""
    pos: str = ""
    mood: Optional[str] = None

    @property
    def stts(self) -> str:
        return self.pos if self.pos.startswith("$") else self.pos.replace("(", "").replace(")", "")

    @property
    def finite(self) -> bool:
        return self.pos.endswith("(FIN)")


class Block(Span):
    role: BlockRole
    duplicate: bool = Field(False, description="a repeated copy of an earlier block (printed twice)")
    confidence: Optional[float] = Field(None, description="how sure the anatomy stage is of the role (0-1)")
    evidence: Optional[str] = Field(None, description="what the role was read from: 'dated byline', 'page head', 'markup', …")


class Caption(Record):
    text: str
    credit: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None


class Anatomy(Record):
    blocks: list[Block] = []
    title: Optional[str] = None
    dateline: Optional[str] = None
    lead: Optional[str] = None
    headings: list[str] = []
    captions: list[Caption] = []
    author: Optional[str] = None
    published: Optional[str] = Field(None, description="when the page says it was published: ISO date, or date and time to the minute")


class Sentence(Span):
    role: str = Field("body", description="role of the anatomy block the sentence lies in")


class Entity(TextSpan):
    label: Literal["PER", "LOC", "ORG", "MISC"]
    score: Optional[float] = None
    source: Optional[str] = Field(None, description="what found it: model | gazetteer")


class Mention(TextSpan):
    pass


class Reference(TextSpan):
    """A pronoun that stands for the actor ("er", "sie", "ihm", "seine", "dieser"), with how
    sure the resolution is (0–1; actors/coref.py)."""
    confidence: float


class Actor(Record):
    id: str
    name: str
    kind: Literal["person", "organization", "country", "group"]
    country: Optional[str] = None
    sector: Optional[str] = None
    wikidata: Optional[str] = None
    mentions: list[Mention] = []
    references: list[Reference] = []


class SpanText(Record):
    text: str
    spans: list[Span]


class Speaker(SpanText):
    actor: Optional[str] = None


class Quote(Record):
    id: str
    type: Literal["direct", "indirect", "free_indirect", "indirect_free_indirect", "reported"]
    medium: Optional[Literal["speech", "writing", "thought"]] = None
    text: str
    spans: list[Span]
    speaker: Optional[Speaker] = None
    cue: Optional[SpanText] = None
    addressee: Optional[SpanText] = None
    frame: Optional[SpanText] = None


class Time(TextSpan):
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: Optional[str] = None


class Place(TextSpan):
    name: Optional[str] = None
    country: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    geonameid: Optional[int] = None
    # the actor this mention stands for where it names who acts, not where ("Moskau setzt
    # sich … ein": Russia's government); None for a place as a place ("in Moskau")
    actor: Optional[str] = None


class Event(Record):
    id: str
    type: Literal["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
    mode: Optional[str] = None
    contexts: list[str] = []
    source: list[str] = []
    target: list[str] = []
    date: Optional[str] = None
    place: Optional[str] = None
    negated: bool = False
    hypothetical: bool = False
    trigger: TextSpan
    sentence: Span
    quote: Optional[str] = None
    confidence: Optional[float] = None
    # what coded it: "rules" (lexicon trigger, word-order roles), "learned+rules" (a trigger the
    # learned extractor found, roles by the rules) or "learned" (the learned heads alone)
    by: Optional[str] = None


S = TypeVar("S", bound=Span)


_STARTS: list[tuple[Sequence, int, list[int]]] = []     # (items, their length, their starts), newest last


def _starts_of(items: Sequence) -> list[int]:
    """The starts of a list of spans, remembered for the last few lists asked about."""
    for cached, n, starts in _STARTS:
        if cached is items and n == len(items):
            return starts
    starts = [i.start for i in items]
    _STARTS.append((items, len(items), starts))
    del _STARTS[:-4]
    return starts


class Document(BaseModel):
    """One article: its text and every layer, all offsets into `text`."""
    model_config = ConfigDict(extra="forbid")

    schema_: str = Field(SCHEMA_ID, alias="schema")
    id: str
    language: str = "de"
    published: Optional[str] = None
    text: str
    anatomy: Anatomy = Anatomy()
    sentences: list[Sentence] = []
    entities: list[Entity] = []
    actors: list[Actor] = []
    quotes: list[Quote] = []
    times: list[Time] = []
    places: list[Place] = []
    events: list[Event] = []

    # internal layers by name (declared in the pipeline table), not part of the JSON:
    # "tokens" (the word layer), "encoded" (the shared encoder's sentence states,
    # computed once by the first learned stage, dropped after the run) and "genders"
    # (the actors stage's grammatical gender of persons, read by the quotes' pronouns)
    _internal: dict[str, Any] = PrivateAttr(default_factory=dict)
    # the layers written so far by pipeline stages (what a later stage may read)
    _done: set[str] = PrivateAttr(default_factory=set)
    _token_starts: Optional[list[int]] = PrivateAttr(default=None)
    # the sentences' starts, for the list they were read from (id and length): a stage
    # that replaces or grows doc.sentences gets them read again
    _sentence_starts: Optional[tuple[int, int, list[int]]] = PrivateAttr(default=None)
    # the actor mentions by position, with the actors list they were read from (held, so
    # that its id cannot pass to a new list) and its length: the actors stage writes a new
    # list, later stages only read it
    _mention_index: Optional[tuple[list, int, Any]] = PrivateAttr(default=None)

    @classmethod
    def new(cls, text: str, published: Optional[str] = None, id: Optional[str] = None) -> "Document":
        return cls(id=id or text_id(text), text=text, published=published)

    # --- internal layers and the word layer ------------------------------------
    def model_copy(self, *, update=None, deep: bool = False) -> "Document":
        """A copy whose internal layers and written-layer set are its own (pydantic copies
        private attributes shallowly: the copy would share them with the original)."""
        copy = super().model_copy(update=update, deep=deep)
        if not deep:
            copy._internal = dict(self._internal)
            copy._done = set(self._done)
        return copy

    @property
    def internal(self) -> dict[str, Any]:
        return self._internal

    @property
    def done(self) -> set[str]:
        """The layers that pipeline stages have written on this document."""
        return self._done

    def has(self, layer: str) -> bool:
        """Whether the document carries a layer: written by a pipeline stage, or set by
        hand (an internal layer present, a field filled)."""
        if layer in self._done or layer == "text" or layer in self._internal:
            return True
        value = getattr(self, layer, None)
        if layer == "anatomy":
            return bool(value and value.blocks)
        return bool(value)

    def require(self, *layers: str, stage: str) -> None:
        """Raise MissingLayerError unless the document carries every layer in `layers`."""
        missing = [layer for layer in layers if not self.has(layer)]
        if missing:
            from .errors import MissingLayerError
            raise MissingLayerError(f"stage '{stage}' reads {', '.join(repr(m) for m in missing)}, which this "
                                    f"document does not carry (run the stages that write it first: "
                                    f"lagebild.segment.add_sentences writes 'tokens' and 'sentences')")

    @property
    def tokens(self) -> list[Token]:
        return self._internal.get("tokens", [])

    @tokens.setter
    def tokens(self, value: list[Token]) -> None:
        self._internal["tokens"] = value
        self._token_starts = None

    def _starts_of_tokens(self) -> list[int]:
        tokens = self.tokens
        if self._token_starts is None or len(self._token_starts) != len(tokens):
            self._token_starts = [t.start for t in tokens]
        return self._token_starts

    def sentence_tokens(self, sentence: Span) -> list[Token]:
        """The tokens inside one sentence (tokens never cross sentence boundaries)."""
        starts = self._starts_of_tokens()
        return self.tokens[bisect_left(starts, sentence.start):bisect_left(starts, sentence.end)]

    def token_index(self, offset: int) -> Optional[int]:
        """The index in `tokens` of the token that starts at `offset`, or None."""
        starts = self._starts_of_tokens()
        k = bisect_left(starts, offset)
        return k if k < len(starts) and starts[k] == offset else None

    # --- lookups ---------------------------------------------------------------
    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    @staticmethod
    def within(items: Sequence[S], start: int, end: int) -> list[S]:
        """Items (sorted by start) that lie inside [start, end). Their starts are read once
        per list (stages ask this per sentence)."""
        starts = _starts_of(items)
        lo, hi = bisect_left(starts, start), bisect_right(starts, end - 1)
        return [i for i in items[lo:hi] if i.end <= end]

    def mentions_overlapping(self, start: int, end: int) -> list[tuple["Actor", "Mention"]]:
        """(actor, mention) of every actor mention that shares a character with [start, end),
        in the order of `actors` and their mentions (indexed once per actors layer)."""
        from .spans import SpanIndex
        cached = self._mention_index
        if cached is None or cached[0] is not self.actors or cached[1] != len(self.actors):
            cached = self._mention_index = (self.actors, len(self.actors),
                                            SpanIndex((m.start, m.end, (ai, mi))
                                                      for ai, a in enumerate(self.actors)
                                                      for mi, m in enumerate(a.mentions)))
        found = sorted(item for _, _, item in cached[2].overlapping(start, end))
        return [(self.actors[ai], self.actors[ai].mentions[mi]) for ai, mi in found]

    def sentence_of(self, offset: int) -> Optional[Sentence]:
        """The sentence that holds a character offset, or None (by bisection: stages ask
        this once per mention or pronoun, so it must not cost a pass over the sentences)."""
        key = (id(self.sentences), len(self.sentences))
        if self._sentence_starts is None or self._sentence_starts[:2] != key:
            self._sentence_starts = (*key, [s.start for s in self.sentences])
        starts = self._sentence_starts[2]
        i = bisect_right(starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def blocks(self, *roles: str) -> list[Block]:
        return [b for b in self.anatomy.blocks if not roles or b.role in roles]

    # --- output ----------------------------------------------------------------
    def to_dict(self) -> dict:
        return self.model_dump(by_alias=True, mode="json", exclude_defaults=False)

    def to_json(self, indent: Optional[int] = 2) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)

    def check_offsets(self) -> list[str]:
        """Every item whose text does not equal text[start:end]; [] when all agree."""
        bad = []
        layers: Iterable = [*self.entities, *self.times, *self.places,
                            *(m for a in self.actors for m in a.mentions),
                            *(e.trigger for e in self.events)]
        for item in layers:
            if self.text[item.start:item.end] != item.text:
                bad.append(f"{type(item).__name__} {item.start}:{item.end} {item.text!r}")
        return bad

    def violations(self) -> list[str]:
        """Every breach of the contract's invariants, [] when none: texts equal to their
        offsets (`check_offsets`), every span inside the text, sentences inside readable
        blocks and in order, quote and event spans inside the text, event roles and
        speakers naming existing actors, unique ids."""
        n = len(self.text)
        bad = list(self.check_offsets())
        spans = [("block", b) for b in self.anatomy.blocks] + [("sentence", s) for s in self.sentences] \
            + [("quote span", x) for q in self.quotes for x in q.spans] \
            + [("speaker span", x) for q in self.quotes if q.speaker for x in q.speaker.spans] \
            + [("event sentence", e.sentence) for e in self.events]
        bad += [f"{kind} {x.start}:{x.end} outside the text" for kind, x in spans
                if not (0 <= x.start <= x.end <= n)]
        blocks = [b for b in self.anatomy.blocks if not b.duplicate]
        if blocks:
            bad += [f"sentence {s.start}:{s.end} in no block" for s in self.sentences
                    if not any(b.start <= s.start and s.end <= b.end for b in blocks)]
        bad += [f"sentences out of order at {b.start}" for a, b in zip(self.sentences, self.sentences[1:])
                if b.start < a.end]
        actors = {a.id for a in self.actors}
        bad += [f"event {e.id} names unknown actor {x}" for e in self.events for x in (*e.source, *e.target)
                if x not in actors]
        bad += [f"quote {q.id} speaker names unknown actor {q.speaker.actor}" for q in self.quotes
                if q.speaker and q.speaker.actor and q.speaker.actor not in actors]
        for kind, ids in (("actor", [a.id for a in self.actors]), ("event", [e.id for e in self.events]),
                          ("quote", [q.id for q in self.quotes])):
            if len(ids) != len(set(ids)):
                bad.append(f"{kind} ids not unique")
        return bad


def parse_date(value: Optional[str]) -> Optional[date]:
    """The date of an ISO string such as `published` ("2019-04-25", or with a time), else None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def text_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_schema() -> dict:
    """The JSON Schema of Document.to_dict(), generated from the models above."""
    schema = Document.model_json_schema(by_alias=True, mode="serialization")
    schema["$id"] = SCHEMA_ID
    return schema
