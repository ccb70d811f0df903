"""Event clusters: mentions of one real-world event in several articles, grouped.

A mention (an `events` row) links to another when every rule holds (`clusters.yaml`):

- type: the same PLOVER type (or, with `match_quad_class`, the same quad class);
- modality: both negated or neither, both hypothetical or neither;
- date: each mention's date is its stated date, else its document's publication date,
  read as a period (a day, a month, an ISO week). Periods at most `date_window_days`
  apart link. A vaguer date than `max_date_span_days` (a year) links only to the very same
  date string, so that "2003" cannot chain every day of 2003 together. No date at all
  links to nothing;
- actors, side by side (source with source, target with target; swapped too for the
  `symmetric_types`, e.g. CONSULT): a side matches when both are empty, or both name the
  same actors (the same corpus-wide actor, Wikidata Qid, or full name of a person), or
  (`country_sector_fallback`) one of them names only generic actors (`generic_kinds`: a
  country, a group such as "Demonstranten"), all their actors have countries, and both
  name the same countries with the same sectors (where both state sectors): "Russland"
  stands for "Putin" (both RUS GOV), but two different persons or organisations never
  match. An empty side matches a named one only where the other side names the same
  specific actors (`empty_side_matches: named`): "Bemba was arrested" is "the police
  arrested Bemba", but "an attack on civilians" is not known to be "Israel's attack on
  civilians" (`false`: never; `true`: always, which chains clusters through vague
  mentions). A mention with no actor at all links only where both name the same resolved
  place. Mentions in one article may link too (a title and its report);
- place: the resolved places are in the same country, or one or both are unknown.

Clusters are the connected groups of linked mentions (single linkage): a mention in any
number of articles joins every cluster it links to, and the result does not depend on
the order the mentions come in, so that an incremental update gives what a rebuild
gives. Each member keeps why it joined (`reason`, and `linked_to`: the member it matched,
the earliest one that does); the first member (by date, then id) is the cluster's
representative and is "first mention". A cluster's id is a digest of its first member's
id and the clustering version ("<digest of the parameters>.<rebuild number>").

Near-copies (`near_copies`): two mentions in documents of one document cluster (see
`documents.py`) with the same type and trigger in a similar sentence (word Jaccard at least
`near_copy_sentence_similarity`) are one event whatever else differs: the copies report
one statement, and a dropped sentence or an agency tag can change how its actors, date
or place were read. Where a document codes one trigger twice (for other actors), the
actors must match too.

Candidates are blocked in SQL: the same type (or quad class) and dates within the window,
or the same type in a near-copy, among mentions already clustered; new mentions are
clustered `chunk` at a time in date order. The events rows are never changed: clusters
live in `event_clusters` and `event_cluster_members`, and can be dropped and rebuilt.

Counts (GDELT's): mentions, articles (distinct documents), sources (distinct outlets; a
document without one counts for none), first_seen and last_seen (the earliest and latest
publication date, else event date, of the members).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Optional

from sqlalchemy import and_, delete, func, insert, select
from sqlalchemy.engine import Connection, Engine

from ..export.read import nearest_place
from ..store import tables as t
from ..store.queries import date_conditions
from ..store.writer import digest
from .documents import UnionFind
from .parameters import parameters, parameters_digest

e, d, ea, da, pl = t.events, t.documents, t.event_actors, t.document_actors, t.places
ec, em, dc = t.event_clusters, t.event_cluster_members, t.document_clusters

FIRST = "first mention"
_WORDS = re.compile(r"\w+")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass
class EventSummary:
    version: str = ""
    rebuilt: bool = False
    clustered: int = 0          # mentions newly placed in a cluster
    changed: int = 0            # clusters written (new or grown)

    def describe(self) -> str:
        return f"{self.clustered:,} event mentions clustered into {self.changed:,} new or changed event clusters"


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    country: Optional[str]
    sector: Optional[str]
    wikidata: Optional[str] = None

    @property
    def identity(self) -> str:
        """Who the actor is across articles: its Wikidata Qid, else a person's full name
        (two words or more: the country an article gives a person varies), else its
        corpus-wide id (name, kind and country: "Polizei" of ITA is not that of BEL)."""
        if self.wikidata:
            return self.wikidata
        if self.kind == "person" and len(self.name.split()) >= 2:
            return f"person:{self.name}"
        return self.id


@dataclass
class Mention:
    """An event row with what the rules need."""
    id: str
    doc_key: str
    type: str
    quad: Optional[int]
    date: Optional[str]             # the stated date, else the publication date
    published: Optional[str]
    outlet: Optional[str]
    negated: bool
    hypothetical: bool
    place: Optional[str]            # the place text
    place_name: Optional[str] = None
    place_country: Optional[str] = None
    geonameid: Optional[int] = None
    source: tuple = ()
    target: tuple = ()
    cluster: Optional[str] = None   # its stored cluster, if any
    trigger: str = ""
    sentence: str = ""
    document_cluster: Optional[str] = None
    shared_trigger: bool = False    # its document codes the same trigger more than once (other actors)
    lo: Optional[int] = field(default=None)     # the date as a period of day ordinals
    hi: Optional[int] = field(default=None)

    def __post_init__(self) -> None:
        self.lo, self.hi = period(self.date)

    @property
    def order(self) -> tuple:
        """Date order (undated last), then id."""
        return (self.lo is None, self.lo or 0, self.hi or 0, self.id)

    @property
    def block(self):
        return self.quad if parameters()["events"]["match_quad_class"] else self.type


# --- dates ----------------------------------------------------------------------------

def period(value: Optional[str]) -> tuple[Optional[int], Optional[int]]:
    """A date string as (first day, last day) ordinals: "2019-04-25", "2019-04", "2019",
    "2019-W17"; (None, None) for none or a malformed one."""
    if not value:
        return None, None
    try:
        week = _WEEK.match(value)
        if week:
            monday = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
            return monday.toordinal(), monday.toordinal() + 6
        match = _DATE.match(value)
        if not match:
            return None, None
        year, month, day = match.groups()
        if day:
            x = date(int(year), int(month), int(day)).toordinal()
            return x, x
        if month:
            first = date(int(year), int(month), 1)
            following = date(int(year) + (month == "12"), int(month) % 12 + 1, 1)
            return first.toordinal(), following.toordinal() - 1
        return date(int(year), 1, 1).toordinal(), date(int(year), 12, 31).toordinal()
    except ValueError:
        return None, None


def _span(m: Mention) -> int:
    return m.hi - m.lo + 1


# --- the rules ------------------------------------------------------------------------

def link(a: Mention, b: Mention) -> Optional[str]:
    """Why `a` and `b` are one event ("same type ASSAULT; same actors on both sides; 1 day
    apart; same place country RUS"), or None where a rule fails. Symmetric in a and b."""
    p = parameters()["events"]
    if a.id == b.id:
        return None
    copies = _near_copies(a, b, p)
    if copies:
        return copies
    if a.doc_key == b.doc_key and not p["same_document"]:
        return None
    if a.type == b.type:
        kind = f"same type {a.type}"
    elif p["match_quad_class"] and a.quad is not None and a.quad == b.quad:
        kind = f"same quad class {a.quad} ({' ~ '.join(sorted((a.type, b.type)))})"
    else:
        return None
    if p["same_modality"] and (a.negated != b.negated or a.hypothetical != b.hypothetical):
        return None
    when = _dates(a, b, p)
    if when is None:
        return None
    who = _actors(a, b, p)
    if who is None:
        return None
    vague = not (a.source or a.target) or not (b.source or b.target)
    where = _places(a, b, needed=vague)
    if where is None:
        return None
    return "; ".join((kind, who, when, where))


def sentence_similarity(a: str, b: str) -> float:
    """Jaccard similarity of the two sentences' sets of lower-cased words."""
    x, y = set(_WORDS.findall(a.lower())), set(_WORDS.findall(b.lower()))
    return len(x & y) / len(x | y) if x | y else 1.0


def _near_copies(a: Mention, b: Mention, p: dict) -> Optional[str]:
    """The same statement in two near-copies of one article: the same type and trigger in
    a similar sentence, whatever the dates, actors and places the copies were read with
    (a dropped sentence can change whom "er" resolves to). Where a document codes one
    trigger twice (for other actors), the actors must match as well."""
    if not p["near_copies"] or a.document_cluster is None or a.document_cluster != b.document_cluster:
        return None
    if a.doc_key == b.doc_key or a.type != b.type or a.trigger != b.trigger:
        return None
    similar = sentence_similarity(a.sentence, b.sentence)
    if similar < p["near_copy_sentence_similarity"]:
        return None
    reason = f"near-copies of one article: same type {a.type}, same trigger {a.trigger!r}, " + \
             ("same sentence" if similar == 1 else f"similar sentence ({similar:.2f})")
    if a.shared_trigger or b.shared_trigger:
        who = _actors(a, b, p)
        if who is None:
            return None
        reason += f", {who}"
    return reason


def _dates(a: Mention, b: Mention, p: dict) -> Optional[str]:
    if a.lo is None or b.lo is None:
        return None
    if max(_span(a), _span(b)) > p["max_date_span_days"]:
        return f"same date {a.date}" if a.date == b.date else None
    gap = max(a.lo, b.lo) - min(a.hi, b.hi)
    if gap > p["date_window_days"]:
        return None
    exact = _span(a) == _span(b) == 1
    if exact:
        return "same day" if gap == 0 else f"{gap} day{'s' if gap > 1 else ''} apart"
    pair = " ~ ".join(sorted((a.date, b.date)))
    return f"dates overlap ({pair})" if gap <= 0 else f"{gap} day{'s' if gap > 1 else ''} apart ({pair})"


def _side(x: tuple, y: tuple, p: dict) -> Optional[str]:
    """How two sides match: "none" (both empty), "actors", "countries", or None."""
    if not x and not y:
        return "none"
    if not x or not y:
        return "unnamed"
    if {a.identity for a in x} == {a.identity for a in y}:
        return "actors"
    generic = set(p["generic_kinds"])
    if not p["country_sector_fallback"] or not (all(a.kind in generic for a in x) or all(a.kind in generic for a in y)):
        return None     # named actors on both sides, and other ones
    if all(a.country for a in x + y) and {a.country for a in x} == {a.country for a in y}:
        sx, sy = {a.sector for a in x if a.sector}, {a.sector for a in y if a.sector}
        if not sx or not sy or sx == sy:
            return "countries"
    return None


_SIDE_TEXT = {"actors": "same {} actors", "countries": "same {} countries and sectors", "none": "no {} on either",
              "unnamed": "{} named on one side only"}


def _describe_sides(source: str, target: str) -> str:
    if source == target == "actors":
        return "same actors on both sides"
    if source == target == "none":
        return "no actors on either side"
    if source == target == "countries":
        return "same countries and sectors on both sides"
    return f"{_SIDE_TEXT[source].format('source')}, {_SIDE_TEXT[target].format('target')}"


def _sides_match(a_source: tuple, a_target: tuple, b_source: tuple, b_target: tuple, p: dict) -> Optional[str]:
    source, target = _side(a_source, b_source, p), _side(a_target, b_target, p)
    if not source or not target:
        return None
    if "unnamed" in (source, target):
        mode = p["empty_side_matches"]
        if source == target or not mode:
            return None
        if mode == "named":
            # the other side must name the same specific actors: "[] arrested Bemba" is
            # "the police arrested Bemba", but not "someone attacked civilians"
            other = a_target if source == "unnamed" else a_source
            generic = set(p["generic_kinds"])
            if (target if source == "unnamed" else source) != "actors" or any(x.kind in generic for x in other):
                return None
    return _describe_sides(source, target)


def _actors(a: Mention, b: Mention, p: dict) -> Optional[str]:
    found = _sides_match(a.source, a.target, b.source, b.target, p)
    if found:
        return found
    if a.type == b.type and a.type in p["symmetric_types"]:
        found = _sides_match(a.source, a.target, b.target, b.source, p)
        if found:
            return found + f" (source and target swapped, {a.type} is mutual)"
    return None


def _places(a: Mention, b: Mention, needed: bool) -> Optional[str]:
    """Compatible places; `needed`: only the same resolved place will do."""
    same = (a.geonameid is not None and a.geonameid == b.geonameid) or \
           (a.place is not None and a.place == b.place and a.place_country == b.place_country)
    if same:
        return f"same place {a.place_name or a.place}"
    if needed:
        return None
    if a.place_country and b.place_country:
        return f"same place country {a.place_country}" if a.place_country == b.place_country else None
    if a.place_country or b.place_country:
        return "place unknown on one side"
    return "place unknown on both sides"


# --- reading mentions ---------------------------------------------------------------

def _load(conn: Connection, *conds) -> list[Mention]:
    """The mentions matching `conds` (on events, documents and the member row)."""
    rows = conn.execute(
        select(e.c.id, e.c.doc_key, e.c.type, e.c.quad_code, func.coalesce(e.c.date, d.c.published).label("when"),
               d.c.published, d.c.source, e.c.negated, e.c.hypothetical, e.c.place, e.c.trigger_start,
               e.c.trigger_end, e.c.trigger, em.c.cluster_id, dc.c.cluster_id.label("document_cluster"),
               func.substr(d.c.text, e.c.sentence_start + 1, e.c.sentence_end - e.c.sentence_start).label("sentence"))
        .select_from(e.join(d, d.c.key == e.c.doc_key).outerjoin(em, em.c.event_id == e.c.id)
                     .outerjoin(dc, dc.c.doc_key == e.c.doc_key))
        .where(*conds)).all()
    if not rows:
        return []
    # triggers a document codes more than once (one event per pair of actors)
    shared = set()
    keys = sorted({r.doc_key for r in rows})
    for i in range(0, len(keys), 500):
        twice = (select(e.c.doc_key, e.c.type, e.c.trigger_start, e.c.trigger_end)
                 .where(e.c.doc_key.in_(keys[i:i + 500]))
                 .group_by(e.c.doc_key, e.c.type, e.c.trigger_start, e.c.trigger_end).having(func.count() > 1))
        shared.update(tuple(r) for r in conn.execute(twice))
    ids = [r.id for r in rows]
    roles: dict = defaultdict(list)
    for i in range(0, len(ids), 500):
        query = (select(ea.c.event_id, ea.c.role, ea.c.actor_id, da.c.name, da.c.kind, da.c.country, da.c.sector,
                        da.c.wikidata)
                 .join(da, and_(da.c.doc_key == ea.c.doc_key, da.c.local_id == ea.c.local_id))
                 .where(ea.c.event_id.in_(ids[i:i + 500])).order_by(ea.c.event_id, ea.c.role, ea.c.position))
        for r in conn.execute(query):
            roles[r.event_id, r.role].append(Actor(r.actor_id, r.name, r.kind, r.country, r.sector, r.wikidata))
    placed = sorted({r.doc_key for r in rows if r.place})
    places: dict = defaultdict(list)
    for i in range(0, len(placed), 500):
        for p in conn.execute(select(pl).where(pl.c.doc_key.in_(placed[i:i + 500]))).mappings():
            places[p["doc_key"]].append(dict(p))
    mentions = []
    for r in rows:
        place = nearest_place(places[r.doc_key], r.place, r.trigger_start) or {}
        mentions.append(Mention(
            id=r.id, doc_key=r.doc_key, type=r.type, quad=r.quad_code, date=r.when, published=r.published,
            outlet=r.source, negated=bool(r.negated), hypothetical=bool(r.hypothetical), place=r.place,
            place_name=place.get("name"), place_country=place.get("country"), geonameid=place.get("geonameid"),
            source=tuple(roles[r.id, "source"]), target=tuple(roles[r.id, "target"]), cluster=r.cluster_id,
            trigger=r.trigger, sentence=" ".join((r.sentence or "").split()), document_cluster=r.document_cluster,
            shared_trigger=(r.doc_key, r.type, r.trigger_start, r.trigger_end) in shared))
    return mentions


def _load_ids(conn: Connection, ids: list[str]) -> list[Mention]:
    found = []
    for i in range(0, len(ids), 500):
        found += _load(conn, e.c.id.in_(ids[i:i + 500]))
    return found


def _iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


def _candidates(conn: Connection, chunk: list[Mention]) -> list[Mention]:
    """Clustered mentions outside `chunk` that may link to one in it: the same type (or
    quad class) and dates in the window (one SQL range per run of nearby dates)."""
    p = parameters()["events"]
    window, widest = p["date_window_days"], p["max_date_span_days"]
    quad = p["match_quad_class"]
    by_block: dict = defaultdict(list)
    for m in chunk:
        if m.lo is not None:
            by_block[m.block].append(m)
    mine = {m.id for m in chunk}
    found: dict[str, Mention] = {}
    when = func.coalesce(e.c.date, d.c.published)
    for block, mentions in sorted(by_block.items(), key=lambda kv: str(kv[0])):
        same_block = (e.c.quad_code == block) if quad else (e.c.type == block)
        narrow = sorted((m for m in mentions if _span(m) <= widest), key=lambda m: m.lo)
        ranges: list[list[int]] = []
        for m in narrow:
            if ranges and m.lo - ranges[-1][1] <= 2 * window + widest:
                ranges[-1][1] = max(ranges[-1][1], m.hi)
            else:
                ranges.append([m.lo, m.hi])
        conds = [and_(*date_conditions(when, _iso(lo - window), _iso(hi + window))) for lo, hi in ranges]
        wide = sorted({m.date for m in mentions if _span(m) > widest})
        for start in range(0, len(wide), 200):
            conds.append(when.in_(wide[start:start + 200]))
        for cond in conds:
            for m in _load(conn, same_block, cond, em.c.event_id.is_not(None)):
                if m.id not in mine:
                    found[m.id] = m
    if p["near_copies"]:
        # the same statement in a near-copy of the article, whatever its date
        by_type: dict = defaultdict(set)
        for m in chunk:
            if m.document_cluster:
                by_type[m.type].add(m.document_cluster)
        for type_, clusters in sorted(by_type.items()):
            clusters = sorted(clusters)
            for i in range(0, len(clusters), 500):
                copies = select(dc.c.doc_key).where(dc.c.cluster_id.in_(clusters[i:i + 500]))
                for m in _load(conn, e.c.type == type_, e.c.doc_key.in_(copies), em.c.event_id.is_not(None)):
                    if m.id not in mine:
                        found[m.id] = m
    return list(found.values())


# --- clustering -----------------------------------------------------------------------

def current_version(engine_or_conn) -> Optional[str]:
    """The version of the stored event clusters, None where there are none."""
    def read(conn):
        return conn.execute(select(ec.c.version).limit(1)).scalar()
    if isinstance(engine_or_conn, Connection):
        return read(engine_or_conn)
    with engine_or_conn.connect() as conn:
        return read(conn)


def _next_version(previous: Optional[str]) -> str:
    number = 0
    if previous and "." in previous:
        tail = previous.rsplit(".", 1)[1]
        number = int(tail) if tail.isdigit() else 0
    return f"{parameters_digest()}.{number + 1}"


def cluster_events(engine: Engine, keys: Optional[Iterable[str]] = None,
                   regrouped: Iterable[str] = ()) -> EventSummary:
    """Cluster the mentions not in a cluster yet (those of the new documents `keys`, and
    any other left unclustered); `keys=None`: drop every cluster and rebuild them all under
    a new version. Clusters that lost members (a document analysed again), and those of
    documents `regrouped` into another document cluster (`cluster_documents` tells which),
    are dissolved and their mentions clustered again; parameters changed since the stored
    version mean a rebuild."""
    summary = EventSummary()
    with engine.begin() as conn:
        version = current_version(conn)
        if keys is None or (version and not version.startswith(parameters_digest() + ".")):
            version = _next_version(version)
            summary.rebuilt = True
            conn.execute(delete(em))
            conn.execute(delete(ec))
        else:
            version = version or _next_version(None)
            _dissolve_shrunk(conn)
            _dissolve_regrouped(conn, sorted(set(regrouped)))
        pending = conn.execute(select(e.c.id, func.coalesce(e.c.date, d.c.published))
                               .select_from(e.join(d, d.c.key == e.c.doc_key)
                                            .outerjoin(em, em.c.event_id == e.c.id))
                               .where(em.c.event_id.is_(None))).all()
    summary.version = version
    order = sorted(pending, key=lambda r: ((lambda lo, hi: (lo is None, lo or 0, hi or 0))(*period(r[1])), r[0]))
    size = parameters()["events"]["chunk"]
    for start in range(0, len(order), size):
        with engine.begin() as conn:
            _cluster_chunk(conn, [r[0] for r in order[start:start + size]], version, summary)
    return summary


def _dissolve_shrunk(conn: Connection) -> None:
    """Clusters whose members are fewer than they counted (a member's event was deleted)."""
    n = select(em.c.cluster_id, func.count().label("n")).group_by(em.c.cluster_id).subquery()
    shrunk = list(conn.execute(select(ec.c.id).outerjoin(n, n.c.cluster_id == ec.c.id)
                               .where(func.coalesce(n.c.n, 0) != ec.c.mentions)).scalars())
    for i in range(0, len(shrunk), 500):
        ids = shrunk[i:i + 500]
        conn.execute(delete(em).where(em.c.cluster_id.in_(ids)))
        conn.execute(delete(ec).where(ec.c.id.in_(ids)))


def _dissolve_regrouped(conn: Connection, keys: list[str]) -> None:
    """The clusters of mentions in documents that joined other near-copies: the near-copy
    rule may link them to more mentions now."""
    for i in range(0, len(keys), 500):
        ids = list(conn.execute(select(em.c.cluster_id).distinct().join(e, e.c.id == em.c.event_id)
                                .where(e.c.doc_key.in_(keys[i:i + 500]))).scalars())
        for j in range(0, len(ids), 500):
            conn.execute(delete(em).where(em.c.cluster_id.in_(ids[j:j + 500])))
            conn.execute(delete(ec).where(ec.c.id.in_(ids[j:j + 500])))


def _cluster_chunk(conn: Connection, ids: list[str], version: str, summary: EventSummary) -> None:
    chunk = sorted(_load_ids(conn, ids), key=lambda m: m.order)
    candidates = _candidates(conn, chunk)
    uf = UnionFind()
    for m in chunk:
        uf.add(("event", m.id))
    # candidates indexed by block and first day; a narrow date spans at most `widest` days
    p = parameters()["events"]
    window, widest = p["date_window_days"], p["max_date_span_days"]
    index: dict = defaultdict(list)
    wide: dict = defaultdict(list)
    copies: dict = defaultdict(list)
    for c in candidates + chunk:
        if c.document_cluster:
            copies[c.document_cluster, c.type].append(c)
        if c.lo is None:
            continue
        if _span(c) > widest:
            wide[c.block, c.date].append(c)
        else:
            index[c.block, c.lo].append(c)
    for m in chunk:
        near = list(copies.get((m.document_cluster, m.type), ())) if m.document_cluster else []
        if m.lo is not None and _span(m) > widest:
            near += wide[m.block, m.date]
        elif m.lo is not None:
            days = range(m.lo - window - widest, m.hi + window + 1)
            near += [c for day in days for c in index.get((m.block, day), ())]
        for c in near:
            if c.id != m.id and link(m, c):
                uf.union(("event", m.id), ("cluster", c.cluster) if c.cluster else ("event", c.id))
    by_id = {m.id: m for m in chunk}
    for group in uf.groups():
        new = [by_id[x] for kind, x in group if kind == "event"]
        clusters = sorted(x for kind, x in group if kind == "cluster")
        _write_cluster(conn, new, clusters, version, summary)


def _write_cluster(conn: Connection, new: list[Mention], clusters: list[str], version: str,
                   summary: EventSummary) -> None:
    """One component: new mentions and the stored clusters they join (and so merge)."""
    members = list(new)
    for i in range(0, len(clusters), 500):
        members += _load(conn, em.c.cluster_id.in_(clusters[i:i + 500]))
    members.sort(key=lambda m: m.order)
    first = members[0]
    cluster_id = digest("event-cluster", first.id, version)
    rows = [{"event_id": first.id, "cluster_id": cluster_id, "linked_to": None, "reason": FIRST}]
    for m in members[1:]:
        for other in members:
            reason = other is not m and link(m, other)
            if reason:
                rows.append({"event_id": m.id, "cluster_id": cluster_id, "linked_to": other.id, "reason": reason})
                break
        else:   # cannot happen: a member joined by a link; never lose it
            rows.append({"event_id": m.id, "cluster_id": cluster_id, "linked_to": None, "reason": "joined"})
    seen = [m.published or m.date for m in members if m.published or m.date]
    cluster = {"id": cluster_id, "version": version, "type": first.type, "quad_code": first.quad,
               "date": first.date, "first_seen": min(seen) if seen else None, "last_seen": max(seen) if seen else None,
               "mentions": len(members), "articles": len({m.doc_key for m in members}),
               "sources": len({m.outlet for m in members if m.outlet}), "representative_event": first.id}
    if clusters:
        conn.execute(delete(em).where(em.c.cluster_id.in_(clusters)))
        conn.execute(delete(ec).where(ec.c.id.in_(clusters)))
    conn.execute(insert(ec), [cluster])
    conn.execute(insert(em), rows)
    summary.clustered += len(new)
    summary.changed += 1


def event_groups(engine: Engine) -> dict[str, set[str]]:
    """cluster id → its members' event ids (for tests and the evaluation)."""
    groups: dict[str, set[str]] = defaultdict(set)
    with engine.connect() as conn:
        for event_id, cluster_id in conn.execute(select(em.c.event_id, em.c.cluster_id)):
            groups[cluster_id].add(event_id)
    return dict(groups)
