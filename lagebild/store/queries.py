"""The store's read side: what the web app (`lagebild serve`) asks of a store.

Every function takes an Engine and returns plain, JSON-serialisable dicts and lists
(dates and times as ISO strings). The queries are SQLAlchemy Core expressions, bound
parameters only, written to give the same answers on SQLite and PostgreSQL:

- lists are paged in SQL (`Page`: LIMIT/OFFSET plus a COUNT of all matching rows),
  limits clipped to 1..MAX_LIMIT;
- counts (events per document, documents per actor, ...) come from GROUP BY queries,
  joined as subqueries or run once for the ids of one page, never one query per row;
- sort orders end in a unique key, and NULLs sort last on both backends, so that
  pages neither overlap nor skip rows;
- filter values are checked before any SQL is built: a bad one raises QueryError,
  whose message the app can hand to its caller.

Dates follow the export filters (`lagebild.export.filters`): an event is dated by its own
`date`, else by its document's `published`; dates on either side may be partial
("2019", "2019-04") and compare at the shorter precision. An event date that is an ISO
week ("2019-W17") counts as its year there.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from datetime import date, datetime, timezone
from typing import Any, Iterable, Optional

from sqlalchemy import String, and_, case, func, literal, or_, select
from sqlalchemy.engine import Connection, Engine

from ..errors import LagebildError
from ..document import SCHEMA_ID
from ..plover import event_types
from . import tables as t

MAX_LIMIT = 500
MAX_EDGES = 5000

# short names for the tables (`qt`: the quotes; `q` is a search string throughout)
d, e, ea, da, a, am, qt = (t.documents, t.events, t.event_actors, t.document_actors, t.actors, t.actor_mentions,
                           t.quotes)

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_COUNTRY = re.compile(r"^[A-Za-z]{3}$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


class QueryError(LagebildError):
    """A query the store cannot answer as asked: an unknown event type, a quad code
    outside 1-4, a malformed date, an unknown sort order, a negative offset."""


# --- results and filters ------------------------------------------------------------

@dataclass
class Page:
    """One page of a list, and how many rows the whole list has."""
    items: list[dict]
    total: int
    limit: int
    offset: int

    @property
    def pages(self) -> int:
        """How many pages of `limit` rows the whole list fills (at least one)."""
        return max(1, -(-self.total // self.limit))

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class EventFilter:
    """Which events a query covers; every field None means all. Values are checked (and
    type and country upper-cased) when the filter is made, so a bad one fails early."""
    type: Optional[str] = None          # PLOVER type
    quad: Optional[int] = None          # 1..4
    actor: Optional[str] = None         # corpus-wide actor id, as source or target
    country: Optional[str] = None       # ISO3 (or a PLOVER code such as IGO) of a source or target actor
    date_from: Optional[str] = None     # YYYY[-MM[-DD]], inclusive
    date_to: Optional[str] = None
    q: Optional[str] = None             # case-insensitive substring of the evidence sentence or trigger
    document: Optional[str] = None      # a document key

    def __post_init__(self) -> None:
        # empty strings (a blank form field) mean "no filter"
        for name in ("type", "actor", "country", "date_from", "date_to", "q", "document"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise QueryError(f"{name} wants a string, not {value!r}")
            if value is not None and not value.strip():
                object.__setattr__(self, name, None)
        if self.type:
            types = event_types()
            if self.type.upper() not in types:
                raise QueryError(f"unknown event type {self.type!r}: one of {', '.join(types)}")
            object.__setattr__(self, "type", self.type.upper())
        if self.quad is not None and (isinstance(self.quad, bool) or not isinstance(self.quad, int)
                                      or not 1 <= self.quad <= 4):
            raise QueryError(f"quad wants a PLOVER quad code 1 to 4, not {self.quad!r}")
        if self.country:
            if not _COUNTRY.match(self.country):
                raise QueryError(f"country wants an ISO 3166 alpha-3 code such as DEU, not {self.country!r}")
            object.__setattr__(self, "country", self.country.upper())
        _check_dates(self.date_from, self.date_to)

    def conditions(self) -> list:
        """The SQL conditions on `events` joined with its `documents` row."""
        conds = []
        if self.type:
            conds.append(e.c.type == self.type)
        if self.quad is not None:
            conds.append(e.c.quad_code == self.quad)
        if self.document:
            conds.append(e.c.doc_key == self.document)
        if self.actor:
            conds.append(select(ea.c.event_id).where(ea.c.event_id == e.c.id, ea.c.actor_id == self.actor).exists())
        if self.country:
            # actors.country equals the article's: the corpus id digests the country
            conds.append(select(ea.c.event_id).join(a, a.c.id == ea.c.actor_id)
                         .where(ea.c.event_id == e.c.id, a.c.country == self.country).exists())
        conds += date_conditions(event_date(), self.date_from, self.date_to)
        if self.q:
            needle = self.q.lower()
            conds.append(or_(func.lower(sentence_text()).contains(needle, autoescape=True),
                             func.lower(e.c.trigger).contains(needle, autoescape=True)))
        return conds


# --- checks -------------------------------------------------------------------------

def _check_date(name: str, value: Optional[str]) -> None:
    if not value:
        return
    match = _DATE.match(value)
    if match:
        year, month, day = match.groups()
        try:
            date(int(year), int(month or 1), int(day or 1))
            return
        except ValueError:
            pass
    raise QueryError(f"{name} wants a date YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")


def _check_dates(date_from: Optional[str], date_to: Optional[str]) -> None:
    _check_date("date_from", date_from)
    _check_date("date_to", date_to)
    if date_from and date_to:
        n = min(len(date_from), len(date_to))
        if date_from[:n] > date_to[:n]:
            raise QueryError(f"date_from {date_from} is after date_to {date_to}")


def _paging(limit: Any, offset: Any) -> tuple[int, int]:
    """limit clipped to 1..MAX_LIMIT; a negative offset or a non-integer is an error."""
    for name, value in (("limit", limit), ("offset", offset)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise QueryError(f"{name} wants an integer, not {value!r}")
    if offset < 0:
        raise QueryError(f"offset wants a number >= 0, not {offset}")
    return max(1, min(limit, MAX_LIMIT)), offset


def _choice(name: str, value: Any, allowed: Iterable[str]) -> str:
    allowed = list(allowed)
    if value not in allowed:
        raise QueryError(f"{name} wants one of {', '.join(allowed)}, not {value!r}")
    return value


def _text(name: str, value: Any) -> Optional[str]:
    """An optional string parameter; blank means none."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise QueryError(f"{name} wants a string, not {value!r}")
    return value if value.strip() else None


# --- SQL building blocks ------------------------------------------------------------

def event_date():
    """An event's date: its own, else its document's publication date."""
    return func.coalesce(e.c.date, d.c.published)


def sentence_text():
    """The evidence sentence, cut from the document's text in SQL (both backends count
    characters, as Python's offsets do; SQL strings start at 1)."""
    return func.substr(d.c.text, e.c.sentence_start + 1, e.c.sentence_end - e.c.sentence_start)


def date_conditions(column, date_from: Optional[str], date_to: Optional[str]) -> list:
    """Partial dates compare at the shorter precision: both sides cut to the same length,
    so that string order is date order ("2019" is inside 2019-02..2019-03). An ISO week
    ("2019-W17") compares as its year: cut to a month it would read as "2019-W"."""
    period = case((func.substr(column, 6, 1) == "W", func.substr(column, 1, 4)), else_=column)
    conds = []
    for bound, lower in ((date_from, True), (date_to, False)):
        if bound:
            mine = func.substr(period, 1, len(bound))
            theirs = func.substr(literal(bound, String), 1, func.length(period))
            conds.append(mine >= theirs if lower else mine <= theirs)     # NULL: never true
    return conds


def _ordered(column, descending: bool) -> list:
    """ORDER BY terms with NULLs last either way (SQLite puts them first, PostgreSQL last)."""
    return [case((column.is_(None), 1), else_=0), column.desc() if descending else column.asc()]


def _binary(column, conn: Connection):
    """Byte order on both backends: PostgreSQL would sort by its locale, SQLite cannot."""
    return column.collate("C") if conn.dialect.name == "postgresql" else column


def _iso_time(value: Optional[datetime]) -> Optional[str]:
    """analysed_at as ISO UTC: SQLite hands back the naive UTC the writer stored,
    PostgreSQL an aware time in the session's zone."""
    if value is None:
        return None
    value = value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
    return value.isoformat()


def _local_order(local_id: str) -> tuple:
    """Local ids in document order: "a2" before "a10"."""
    match = re.match(r"^(\D*)(\d+)$", local_id or "")
    return (match.group(1), int(match.group(2)), "") if match else ("", -1, local_id or "")


def _counts(conn: Connection, key, count, *conds, join=None) -> dict[str, int]:
    query = select(key, count).where(*conds).group_by(key)
    if join is not None:
        query = query.select_from(join)
    return {k: n for k, n in conn.execute(query)}


# --- documents ----------------------------------------------------------------------

_DOC_SORTS = ("published", "analysed_at", "title", "events", "quotes", "characters")


def list_documents(engine: Engine, q: Optional[str] = None, limit: int = 50, offset: int = 0,
                   sort: str = "published", order: str = "desc") -> Page:
    """Documents, newest first by default; `q`: case-insensitive substring of the title,
    URL or outlet. Items carry how many events and quotes each has."""
    limit, offset = _paging(limit, offset)
    _choice("sort", sort, _DOC_SORTS)
    descending = _choice("order", order, ("asc", "desc")) == "desc"
    q = _text("q", q)
    conds = []
    if q:
        needle = q.lower()
        conds.append(or_(*(func.lower(c).contains(needle, autoescape=True) for c in (d.c.title, d.c.url, d.c.source))))
    n_events = select(e.c.doc_key, func.count().label("n")).group_by(e.c.doc_key).subquery()
    n_quotes = select(qt.c.doc_key, func.count().label("n")).group_by(qt.c.doc_key).subquery()
    characters = func.length(d.c.text)
    with engine.connect() as conn:
        keys = {"published": _binary(d.c.published, conn), "analysed_at": d.c.analysed_at, "title": _binary(d.c.title, conn),
                "events": func.coalesce(n_events.c.n, 0), "quotes": func.coalesce(n_quotes.c.n, 0),
                "characters": characters}
        # join a count only when the page is sorted by it; else count for the page's keys
        source = d
        if sort == "events":
            source = source.outerjoin(n_events, n_events.c.doc_key == d.c.key)
        if sort == "quotes":
            source = source.outerjoin(n_quotes, n_quotes.c.doc_key == d.c.key)
        rows = conn.execute(
            select(d.c.key, d.c.title, d.c.url, d.c.source, d.c.published, d.c.analysed_at,
                   characters.label("characters"))
            .select_from(source).where(*conds)
            .order_by(*_ordered(keys[sort], descending), d.c.key).limit(limit).offset(offset)).mappings().all()
        total = conn.execute(select(func.count()).select_from(d).where(*conds)).scalar_one()
        page_keys = [r["key"] for r in rows]
        events = _counts(conn, e.c.doc_key, func.count(), e.c.doc_key.in_(page_keys)) if page_keys else {}
        quotes = _counts(conn, qt.c.doc_key, func.count(), qt.c.doc_key.in_(page_keys)) if page_keys else {}
    items = [dict(r, analysed_at=_iso_time(r["analysed_at"]), events=events.get(r["key"], 0),
                  quotes=quotes.get(r["key"], 0)) for r in rows]
    return Page(items, total, limit, offset)



def get_document(engine: Engine, key: str) -> Optional[dict]:
    """The document JSON of the contract (shared/spec/OUTPUT.md), rebuilt from the tables,
    plus "store": where it came from and the corpus-wide ids of its actors and events."""
    with engine.connect() as conn:
        doc = conn.execute(select(d).where(d.c.key == key)).mappings().first()
        if doc is None:
            return None
        rows = {table.name: [dict(r) for r in conn.execute(select(table).where(table.c.doc_key == key))
                             .mappings()]
                for table in (t.entities, da, am, t.actor_references, qt, t.times, t.places, e, ea)}
    actors = _document_actors(rows["document_actors"], rows["actor_mentions"], rows["actor_references"])
    events = _document_events(rows["events"], rows["event_actors"])
    by_position = lambda r: r["position"]  # noqa: E731
    return {
        "schema": SCHEMA_ID,
        "id": doc["key"],
        "language": doc["language"],
        "published": doc["published"],
        "text": doc["text"],
        "anatomy": doc["anatomy"],
        "sentences": [{"start": s[0], "end": s[1], "role": s[2]} for s in doc["sentences"] or []],
        "entities": [{"start": r["start"], "end": r["end"], "text": r["text"], "label": r["label"],
                      "score": r["score"], "source": r["found_by"]}
                     for r in sorted(rows["entities"], key=by_position)],
        "actors": actors,
        "quotes": [_document_quote(r) for r in sorted(rows["quotes"], key=lambda r: _local_order(r["local_id"]))],
        "times": [{"start": r["start"], "end": r["end"], "text": r["text"], "type": r["type"], "value": r["value"]}
                  for r in sorted(rows["times"], key=by_position)],
        "places": [{"start": r["start"], "end": r["end"], "text": r["text"], "name": r["name"],
                    "country": r["country"], "lat": r["lat"], "lon": r["lon"], "geonameid": r["geonameid"],
                    "actor": r["actor_local_id"]}
                   for r in sorted(rows["places"], key=by_position)],
        "events": events,
        "store": {"url": doc["url"], "source": doc["source"], "title": doc["title"], "input_ref": doc["input_ref"],
                  "external_id": doc["external_id"], "pipeline_version": doc["pipeline_version"],
                  "analysed_at": _iso_time(doc["analysed_at"]),
                  "actor_ids": {r["local_id"]: r["actor_id"]
                                for r in sorted(rows["document_actors"], key=lambda r: _local_order(r["local_id"]))},
                  "event_ids": {r["local_id"]: r["id"]
                                for r in sorted(rows["events"], key=lambda r: _local_order(r["local_id"]))}},
    }


def _document_actors(actor_rows: list[dict], mention_rows: list[dict], reference_rows: list[dict]) -> list[dict]:
    mentions, references = defaultdict(list), defaultdict(list)
    for m in sorted(mention_rows, key=lambda m: m["position"]):
        mentions[m["local_id"]].append({"start": m["start"], "end": m["end"], "text": m["text"]})
    for r in sorted(reference_rows, key=lambda r: r["position"]):
        references[r["local_id"]].append({"start": r["start"], "end": r["end"], "text": r["text"],
                                          "confidence": r["confidence"]})
    return [{"id": r["local_id"], "name": r["name"], "kind": r["kind"], "country": r["country"],
             "sector": r["sector"], "wikidata": r["wikidata"], "mentions": mentions[r["local_id"]],
             "references": references[r["local_id"]]}
            for r in sorted(actor_rows, key=lambda r: _local_order(r["local_id"]))]


def _spans(spans: Optional[list]) -> list[dict]:
    return [{"start": s[0], "end": s[1]} for s in spans or []]


def _document_quote(r: dict) -> dict:
    speaker = None
    if r["speaker"] is not None:
        speaker = {"text": r["speaker"], "spans": _spans(r["speaker_spans"]), "actor": r["speaker_local_id"]}
    cue = {"text": r["cue"], "spans": _spans(r["cue_spans"])} if r["cue"] is not None else None
    return {"id": r["local_id"], "type": r["type"], "medium": r["medium"], "text": r["text"],
            "spans": _spans(r["spans"]), "speaker": speaker, "cue": cue, "addressee": r["addressee"],
            "frame": r["frame"]}


def _document_events(event_rows: list[dict], role_rows: list[dict]) -> list[dict]:
    roles = defaultdict(list)
    for r in sorted(role_rows, key=lambda r: r["position"]):
        roles[r["event_id"], r["role"]].append(r["local_id"])
    return [{"id": r["local_id"], "type": r["type"], "mode": r["mode"], "contexts": list(r["contexts"] or []),
             "source": roles[r["id"], "source"], "target": roles[r["id"], "target"], "date": r["date"],
             "place": r["place"], "negated": bool(r["negated"]), "hypothetical": bool(r["hypothetical"]),
             "trigger": {"start": r["trigger_start"], "end": r["trigger_end"], "text": r["trigger"]},
             "sentence": {"start": r["sentence_start"], "end": r["sentence_end"]},
             "quote": r["quote_local_id"], "confidence": r["confidence"], "by": r["coded_by"]}
            for r in sorted(event_rows, key=lambda r: _local_order(r["local_id"]))]


# --- events -------------------------------------------------------------------------

_EVENT_SORTS = ("date", "type", "confidence", "document")

_EVENT_COLUMNS = (e.c.id, e.c.doc_key.label("document"), e.c.date, d.c.published, e.c.type, e.c.quad_code,
                  e.c.mode, e.c.contexts, e.c.place, e.c.negated, e.c.hypothetical, e.c.confidence, e.c.trigger,
                  e.c.trigger_start, e.c.trigger_end, sentence_text().label("sentence"), e.c.sentence_start,
                  e.c.sentence_end, d.c.title, d.c.url)


def _event_source():
    return e.join(d, d.c.key == e.c.doc_key)


def list_events(engine: Engine, flt: EventFilter = EventFilter(), limit: int = 50, offset: int = 0,
                sort: str = "date", order: str = "desc") -> Page:
    """Events with their actors and evidence sentence; `sort` by date (the event's, else
    the document's), type, confidence or document (then in text order)."""
    limit, offset = _paging(limit, offset)
    _choice("sort", sort, _EVENT_SORTS)
    descending = _choice("order", order, ("asc", "desc")) == "desc"
    conds = flt.conditions()
    # a fixed tail: the document's events in text order, then the unique id
    tail = (e.c.doc_key, e.c.sentence_start, e.c.trigger_start, e.c.id)
    with engine.connect() as conn:
        primary = {"date": _binary(event_date(), conn), "type": _binary(e.c.type, conn),
                   "confidence": e.c.confidence, "document": e.c.doc_key}[sort]
        query = (select(*_EVENT_COLUMNS).select_from(_event_source()).where(*conds)
                 .order_by(*_ordered(primary, descending), *tail).limit(limit).offset(offset))
        items = _event_items(conn, conn.execute(query).mappings().all())
        total = conn.execute(select(func.count()).select_from(_event_source()).where(*conds)).scalar_one()
    return Page(items, total, limit, offset)


def get_event(engine: Engine, id: str) -> Optional[dict]:
    """One event, as list_events gives it."""
    with engine.connect() as conn:
        rows = conn.execute(select(*_EVENT_COLUMNS).select_from(_event_source())
                            .where(e.c.id == id)).mappings().all()
        items = _event_items(conn, rows)
    return items[0] if items else None


def _event_items(conn: Connection, rows) -> list[dict]:
    """Rows of _EVENT_COLUMNS → items, with their source and target actors (one query
    for the page)."""
    if not rows:
        return []
    roles = defaultdict(list)
    # the article's actor row: the corpus row keeps only the first article's sector
    query = (select(ea.c.event_id, ea.c.role, ea.c.actor_id, da.c.name, da.c.country, da.c.sector)
             .join(da, and_(da.c.doc_key == ea.c.doc_key, da.c.local_id == ea.c.local_id))
             .where(ea.c.event_id.in_([r["id"] for r in rows])).order_by(ea.c.event_id, ea.c.role, ea.c.position))
    for r in conn.execute(query).mappings():
        roles[r["event_id"], r["role"]].append({"id": r["actor_id"], "name": r["name"], "country": r["country"],
                                                "sector": r["sector"]})
    return [dict(r, contexts=list(r["contexts"] or []), negated=bool(r["negated"]),
                 hypothetical=bool(r["hypothetical"]), source=roles[r["id"], "source"],
                 target=roles[r["id"], "target"]) for r in rows]


def event_timeline(engine: Engine, flt: EventFilter = EventFilter(), by: str = "day") -> list[dict]:
    """Events per period and quad code: [{period, quad_code, count}], in period order.
    Periods: "2019-04-25" (day), "2019-W17" (ISO week), "2019-04" (month). An event
    without a date of its own counts on its document's publication date; one dated
    only to a month counts in months, to a week in weeks, to a year nowhere."""
    _choice("by", by, ("day", "week", "month"))
    day = event_date().label("day")
    # SQL counts per (date, quad): at most a few rows per calendar day; Python buckets
    # them, since ISO weeks are computed differently by each backend
    query = (select(day, e.c.quad_code, func.count().label("n")).select_from(_event_source())
             .where(*flt.conditions(), day.is_not(None)).group_by(day, e.c.quad_code))
    counts: Counter = Counter()
    with engine.connect() as conn:
        for value, quad, n in conn.execute(query):
            period = _period(value, by)
            if period:
                counts[period, quad] += n
    return [{"period": p, "quad_code": quad, "count": n}
            for (p, quad), n in sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0))]


def _period(value: str, by: str) -> Optional[str]:
    """The period of a date string, or None where it is less precise than `by`."""
    week = _WEEK.match(value)
    if week:
        return value if by == "week" else None
    match = _DATE.match(value)
    if not match:
        return None
    year, month, day_ = match.groups()
    if by == "month":
        return f"{year}-{month}" if month else None
    if not day_:
        return None
    try:
        full = date(int(year), int(month), int(day_))
    except ValueError:
        return None
    if by == "day":
        return full.isoformat()
    iso = full.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def event_countries(engine: Engine, flt: EventFilter = EventFilter()) -> dict[str, int]:
    """Country code → how many events have an actor of it as source or target (an event
    counts once per country), most events first."""
    n = func.count(e.c.id.distinct())
    query = (select(a.c.country, n).select_from(_event_source().join(ea, ea.c.event_id == e.c.id)
                                                .join(a, a.c.id == ea.c.actor_id))
             .where(*flt.conditions(), a.c.country.is_not(None)).group_by(a.c.country)
             .order_by(n.desc(), a.c.country))
    with engine.connect() as conn:
        return {country: count for country, count in conn.execute(query)}


def actor_network(engine: Engine, flt: EventFilter = EventFilter(), max_edges: int = 300) -> dict:
    """Who acts on whom: an edge per (source actor, target actor, quad code) with the
    number of source×target pairs in the events, heaviest first; nodes are the actors
    of the edges kept, with how many of the filtered events they are in."""
    if isinstance(max_edges, bool) or not isinstance(max_edges, int):
        raise QueryError(f"max_edges wants an integer, not {max_edges!r}")
    max_edges = max(1, min(max_edges, MAX_EDGES))
    src, tgt = ea.alias("src"), ea.alias("tgt")
    n = func.count()
    edges_query = (select(src.c.actor_id, tgt.c.actor_id, e.c.quad_code, n)
                   .select_from(_event_source()
                                .join(src, and_(src.c.event_id == e.c.id, src.c.role == "source"))
                                .join(tgt, and_(tgt.c.event_id == e.c.id, tgt.c.role == "target")))
                   .where(*flt.conditions()).group_by(src.c.actor_id, tgt.c.actor_id, e.c.quad_code)
                   .order_by(n.desc(), src.c.actor_id, tgt.c.actor_id, e.c.quad_code).limit(max_edges))
    with engine.connect() as conn:
        edges = [{"source": s, "target": g, "quad_code": quad, "count": c}
                 for s, g, quad, c in conn.execute(edges_query)]
        ids = sorted({x for edge in edges for x in (edge["source"], edge["target"])})
        nodes = []
        if ids:
            actors = {r["id"]: r for r in conn.execute(select(a.c.id, a.c.name, a.c.country, a.c.kind)
                                                       .where(a.c.id.in_(ids))).mappings()}
            events = _counts(conn, ea.c.actor_id, func.count(e.c.id.distinct()), ea.c.actor_id.in_(ids),
                             *flt.conditions(), join=_event_source().join(ea, ea.c.event_id == e.c.id))
            nodes = [dict(actors[i], events=events.get(i, 0)) for i in ids if i in actors]
    return {"nodes": nodes, "edges": edges}


# --- actors -------------------------------------------------------------------------

_ACTOR_SORTS = ("documents", "mentions", "events", "name")


def _actor_counts():
    """GROUP BY subqueries: per corpus actor, its documents, mentions and events."""
    docs = (select(da.c.actor_id, func.count(da.c.doc_key.distinct()).label("n"))
            .group_by(da.c.actor_id).subquery("n_documents"))
    mentions = (select(da.c.actor_id, func.count().label("n"))
                .select_from(am.join(da, and_(da.c.doc_key == am.c.doc_key, da.c.local_id == am.c.local_id)))
                .group_by(da.c.actor_id).subquery("n_mentions"))
    events = (select(ea.c.actor_id, func.count(ea.c.event_id.distinct()).label("n"))
              .group_by(ea.c.actor_id).subquery("n_events"))
    return docs, mentions, events


def list_actors(engine: Engine, q: Optional[str] = None, country: Optional[str] = None,
                kind: Optional[str] = None, limit: int = 50, offset: int = 0, sort: str = "documents") -> Page:
    """Corpus-wide actors linked from at least one document (a replaced document may
    leave orphans), with how many documents, mentions and events (as source or target)
    they have. Counts sort most first, names in byte order (the same on both backends)."""
    limit, offset = _paging(limit, offset)
    _choice("sort", sort, _ACTOR_SORTS)
    q, country, kind = _text("q", q), _text("country", country), _text("kind", kind)
    if country and not _COUNTRY.match(country):
        raise QueryError(f"country wants an ISO 3166 alpha-3 code such as DEU, not {country!r}")
    conds = []
    if q:
        conds.append(func.lower(a.c.name).contains(q.lower(), autoescape=True))
    if country:
        conds.append(a.c.country == country.upper())
    if kind:
        conds.append(a.c.kind == kind)
    docs, mentions, events = _actor_counts()
    with engine.connect() as conn:
        # the inner join with the document counts keeps only linked actors
        source = a.join(docs, docs.c.actor_id == a.c.id)
        if sort == "mentions":
            source = source.outerjoin(mentions, mentions.c.actor_id == a.c.id)
        if sort == "events":
            source = source.outerjoin(events, events.c.actor_id == a.c.id)
        keys = {"documents": [docs.c.n.desc()], "mentions": [func.coalesce(mentions.c.n, 0).desc()],
                "events": [func.coalesce(events.c.n, 0).desc()], "name": []}[sort]
        query = (select(a.c.id, a.c.name, a.c.kind, a.c.country, a.c.sector, a.c.wikidata,
                        docs.c.n.label("documents"))
                 .select_from(source).where(*conds)
                 .order_by(*keys, _binary(a.c.name, conn), a.c.id).limit(limit).offset(offset))
        rows = conn.execute(query).mappings().all()
        linked = select(da.c.actor_id).where(da.c.actor_id == a.c.id).exists()
        total = conn.execute(select(func.count()).select_from(a).where(linked, *conds)).scalar_one()
        ids = [r["id"] for r in rows]
        n_mentions, n_events = _actor_page_counts(conn, ids)
    items = [dict(r, mentions=n_mentions.get(r["id"], 0), events=n_events.get(r["id"], 0)) for r in rows]
    return Page(items, total, limit, offset)


def _actor_page_counts(conn: Connection, ids: list[str]) -> tuple[dict, dict]:
    if not ids:
        return {}, {}
    mentions = _counts(conn, da.c.actor_id, func.count(), da.c.actor_id.in_(ids),
                       join=am.join(da, and_(da.c.doc_key == am.c.doc_key, da.c.local_id == am.c.local_id)))
    events = _counts(conn, ea.c.actor_id, func.count(ea.c.event_id.distinct()), ea.c.actor_id.in_(ids))
    return mentions, events


def get_actor(engine: Engine, id: str, limit: int = 100) -> Optional[dict]:
    """One corpus-wide actor: its row, "counts" (documents, mentions, events, quotes),
    its newest `limit` events (as source or target) and quotes (as speaker), and the
    names the articles call it by, most frequent first. None for an unknown actor or
    one no document links any more."""
    limit, _ = _paging(limit, 0)
    with engine.connect() as conn:
        row = conn.execute(select(a).where(a.c.id == id)).mappings().first()
        n_documents = conn.execute(select(func.count(da.c.doc_key.distinct())).where(da.c.actor_id == id)).scalar_one()
        if row is None or not n_documents:
            return None
        n_mentions, n_events = _actor_page_counts(conn, [id])
        n = func.count()
        names = conn.execute(select(am.c.text, n)
                             .select_from(am.join(da, and_(da.c.doc_key == am.c.doc_key,
                                                           da.c.local_id == am.c.local_id)))
                             .where(da.c.actor_id == id).group_by(am.c.text)
                             .order_by(n.desc(), _binary(am.c.text, conn))).all()
    events = list_events(engine, EventFilter(actor=id), limit=limit)
    quotes = list_quotes(engine, speaker=id, limit=limit)
    return dict(row, counts={"documents": n_documents, "mentions": n_mentions.get(id, 0),
                             "events": n_events.get(id, 0), "quotes": quotes.total},
                events=events.items, quotes=quotes.items, names=[{"text": x, "count": c} for x, c in names])


# --- quotes -------------------------------------------------------------------------

def list_quotes(engine: Engine, speaker: Optional[str] = None, q: Optional[str] = None, limit: int = 50,
                offset: int = 0) -> Page:
    """Quotes, newest documents first and in text order within one; `speaker`: a corpus
    actor id; `q`: case-insensitive substring of the quoted text."""
    limit, offset = _paging(limit, offset)
    speaker, q = _text("speaker", speaker), _text("q", q)
    conds = []
    if speaker:
        conds.append(qt.c.speaker_actor_id == speaker)
    if q:
        conds.append(func.lower(qt.c.text).contains(q.lower(), autoescape=True))
    query = (select(qt.c.doc_key.label("document"), qt.c.local_id.label("id"), qt.c.type, qt.c.medium, qt.c.text,
                    qt.c.start, qt.c.end, qt.c.speaker, qt.c.speaker_actor_id, da.c.name.label("speaker_name"),
                    qt.c.cue, d.c.published, d.c.title)
             .select_from(qt.join(d, d.c.key == qt.c.doc_key)
                          .outerjoin(da, and_(da.c.doc_key == qt.c.doc_key, da.c.local_id == qt.c.speaker_local_id)))
             .where(*conds)
             .order_by(*_ordered(d.c.published, True), qt.c.doc_key, qt.c.start, qt.c.local_id)
             .limit(limit).offset(offset))
    with engine.connect() as conn:
        items = [dict(r) for r in conn.execute(query).mappings()]
        total = conn.execute(select(func.count()).select_from(qt).where(*conds)).scalar_one()
    return Page(items, total, limit, offset)
