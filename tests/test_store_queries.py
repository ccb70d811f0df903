"""The store's read side (`lagebild.store.queries`) on a store of analysed real articles
(the example and the held-out Wikinews texts), on SQLite and on a real PostgreSQL server.

Expected values are computed from the Document objects the pipeline returned, so the
tests hold whatever the stages find, and fail when the store or a query loses or
miscounts something."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date

import pytest
from sqlalchemy import func, select

import lagebild
from lagebild.errors import LagebildError
from lagebild.plover import quad_code
from lagebild.store import Provenance, actor_id, document_key, document_rows, open_engine, write_document
from lagebild.store import queries as Q
from lagebild.store import tables as t
from lagebild.store.queries import EventFilter, QueryError

VERSION = "lagebild test"
INJECTION = "'; DROP TABLE events; --"


# --- the corpus -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus(repo) -> list[tuple]:
    """(Document, Provenance, rows) of each article: the example and the held-out texts."""
    paths = [repo / "examples" / "wikinews-gdp-schaeuble-2005-12-19.txt", *sorted((repo / "eval" / "heldout").glob("*.txt"))]
    assert len(paths) >= 5
    found = []
    for path in paths:
        published = re.search(r"\d{4}-\d{2}-\d{2}", path.name).group(0)
        doc = lagebild.analyze(path.read_text(encoding="utf-8"), published=published)
        prov = Provenance(input_ref=path.name, url=f"https://de.wikinews.org/wiki/{path.stem}", source="de.wikinews.org")
        found.append((doc, prov, document_rows(doc, prov, VERSION)))
    return found


def _fill(url: str, corpus) -> object:
    engine = open_engine(url)
    for _doc, _prov, rows in corpus:
        write_document(engine, rows)
    return engine


@pytest.fixture(scope="module")
def sqlite_engine(corpus, tmp_path_factory):
    engine = _fill(str(tmp_path_factory.mktemp("queries") / "store.db"), corpus)
    yield engine
    engine.dispose()


@pytest.fixture
def pg_engine(corpus, postgres_url):
    engine = _fill(postgres_url, corpus)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request):
    return request.getfixturevalue("sqlite_engine" if request.param == "sqlite" else "pg_engine")


# --- what the Documents say (the expectations) ---------------------------------------

def _corpus_ids(doc) -> dict[str, str]:
    return {x.id: actor_id(x.kind, x.country, x.name) for x in doc.actors}


def _events(corpus) -> list[dict]:
    """Every event of the corpus, with what the queries filter and count by."""
    found = []
    for doc, _prov, rows in corpus:
        ids = _corpus_ids(doc)
        actors = {x.id: x for x in doc.actors}
        event_ids = {r["local_id"]: r["id"] for r in rows["events"]}
        for ev in doc.events:
            found.append({"id": event_ids[ev.id], "doc": doc, "ev": ev, "type": ev.type, "quad": quad_code(ev.type),
                          "date": ev.date or doc.published,
                          "source": [ids[x] for x in ev.source], "target": [ids[x] for x in ev.target],
                          "countries": {actors[x].country for x in (*ev.source, *ev.target) if actors[x].country},
                          "sentence": doc.text[ev.sentence.start:ev.sentence.end], "trigger": ev.trigger.text})
    return found


def _inside(value, date_from=None, date_to=None) -> bool:
    """The documented date semantics: partial dates compare at the shorter precision, an
    ISO week as its year, undated never."""
    if not value:
        return False
    value = value[:4] if "-W" in value else value
    if date_from and value[:len(date_from)] < date_from[:len(value)]:
        return False
    return not (date_to and value[:len(date_to)] > date_to[:len(value)])


def _ids(page) -> list[str]:
    return [item["id"] for item in page.items]


def _all_events(engine, flt=EventFilter(), **kw) -> list[dict]:
    page = Q.list_events(engine, flt, limit=Q.MAX_LIMIT, **kw)
    assert page.total == len(page.items), "the test corpus fits one page"
    return page.items


# --- documents ----------------------------------------------------------------------

def _rounded(value):
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def test_get_document_round_trips_the_contract(store, corpus):
    for doc, prov, rows in corpus:
        got = Q.get_document(store, document_key(doc))
        stored = got.pop("store")
        want = doc.to_dict()
        assert set(got) == set(want)
        for name in want:       # field by field, for a readable failure
            assert _rounded(got[name]) == _rounded(want[name]), name
        assert stored["url"] == prov.url and stored["source"] == prov.source and stored["input_ref"] == prov.input_ref
        assert stored["title"] == doc.anatomy.title and stored["pipeline_version"] == VERSION
        assert stored["actor_ids"] == _corpus_ids(doc)
        assert stored["event_ids"] == {r["local_id"]: r["id"] for r in rows["events"]}
        assert stored["analysed_at"].endswith("+00:00")
    assert Q.get_document(store, "0" * 64) is None
    assert Q.get_document(store, INJECTION) is None


def test_list_documents_counts_and_sorts(store, corpus):
    page = Q.list_documents(store, limit=100)
    assert page.total == len(corpus) and len(page.items) == len(corpus)
    by_key = {item["key"]: item for item in page.items}
    for doc, prov, _rows in corpus:
        item = by_key[document_key(doc)]
        assert (item["events"], item["quotes"], item["characters"]) == (len(doc.events), len(doc.quotes), len(doc.text))
        assert (item["title"], item["url"], item["published"]) == (doc.anatomy.title, prov.url, doc.published)
    published = [item["published"] for item in page.items]
    assert published == sorted(published, reverse=True)
    oldest = Q.list_documents(store, sort="published", order="asc", limit=1).items[0]
    assert oldest["published"] == min(doc.published for doc, _p, _r in corpus)
    by_events = [item["events"] for item in Q.list_documents(store, sort="events", limit=100).items]
    assert by_events == sorted((len(doc.events) for doc, _p, _r in corpus), reverse=True)
    # q: a case-insensitive part of the title
    doc = corpus[0][0]
    word = max(re.findall(r"[A-Za-z]{5,}", doc.anatomy.title), key=len)
    found = Q.list_documents(store, q=word.upper())
    assert document_key(doc) in [item["key"] for item in found.items]
    assert found.total == sum(word.lower() in (d.anatomy.title or "").lower() or word.lower() in p.url.lower()
                              for d, p, _r in corpus)
    assert Q.list_documents(store, q=INJECTION).total == 0
    # paging
    two = Q.list_documents(store, limit=2, offset=2)
    assert [i["key"] for i in two.items] == [i["key"] for i in page.items[2:4]] and two.total == len(corpus)


# --- events -------------------------------------------------------------------------

def test_list_events_filters_by_type_and_quad(store, corpus):
    expected = _events(corpus)
    assert Q.list_events(store).total == len(expected)
    for kind, n in Counter(x["type"] for x in expected).items():
        page = Q.list_events(store, EventFilter(type=kind.lower()), limit=Q.MAX_LIMIT)
        assert page.total == n and {i["type"] for i in page.items} == {kind}
        assert sorted(_ids(page)) == sorted(x["id"] for x in expected if x["type"] == kind)
    for quad in range(1, 5):
        assert Q.list_events(store, EventFilter(quad=quad)).total == sum(x["quad"] == quad for x in expected)
    kind = expected[0]["type"]
    assert Q.list_events(store, EventFilter(type=kind, quad=quad_code(kind) % 4 + 1)).total == 0


def test_list_events_filters_by_actor_and_country(store, corpus):
    expected = _events(corpus)
    involved = Counter(a for x in expected for a in {*x["source"], *x["target"]})
    assert involved, "the corpus has events with actors"
    for actor, n in involved.most_common(5):
        page = Q.list_events(store, EventFilter(actor=actor), limit=Q.MAX_LIMIT)
        assert page.total == n
        assert all(actor in [s["id"] for s in i["source"] + i["target"]] for i in page.items)
    countries = Counter(c for x in expected for c in x["countries"])
    for country, n in countries.items():
        assert Q.list_events(store, EventFilter(country=country.lower())).total == n, country
    assert Q.list_events(store, EventFilter(country="XXX")).total == 0
    assert Q.list_events(store, EventFilter(actor=INJECTION)).total == 0
    # filters combine (AND)
    country = countries.most_common(1)[0][0]
    kind = Counter(x["type"] for x in expected if country in x["countries"]).most_common(1)[0][0]
    assert Q.list_events(store, EventFilter(country=country, type=kind)).total == \
        sum(country in x["countries"] and x["type"] == kind for x in expected)
    doc = corpus[1][0]
    assert Q.list_events(store, EventFilter(document=document_key(doc))).total == len(doc.events)


def test_list_events_filters_by_date(store, corpus):
    expected = _events(corpus)
    dates = sorted({x["date"] for x in expected if x["date"]})
    assert any(len(v) == 10 for v in dates) and any(len(v) < 10 for v in dates), "full and partial dates"
    windows = [("2006", None), (None, "2006-03"), ("2006-03-26", "2006-03-27"), ("2008", "2009-12-31"),
               ("2010-02", "2010-02"), ("2005-12-19", "2005-12-19")]
    windows += [(v, v) for v in dates if "-W" not in v]
    for date_from, date_to in windows:
        page = Q.list_events(store, EventFilter(date_from=date_from, date_to=date_to), limit=Q.MAX_LIMIT)
        want = sorted(x["id"] for x in expected if _inside(x["date"], date_from, date_to))
        assert sorted(_ids(page)) == want, (date_from, date_to)
    # a partial date is a period: inside a window within it, outside one beside it
    for v in (v for v in dates if len(v) == 7):
        mid = Q.list_events(store, EventFilter(date_from=f"{v}-10", date_to=f"{v}-20"), limit=Q.MAX_LIMIT)
        assert {x["id"] for x in expected if x["date"] == v} <= set(_ids(mid))
    # an undated event of a dated document is dated by the document
    undated = [x for x in expected if x["ev"].date is None and x["doc"].published]
    assert undated
    x = undated[0]
    page = Q.list_events(store, EventFilter(date_from=x["doc"].published, date_to=x["doc"].published),
                         limit=Q.MAX_LIMIT)
    assert x["id"] in _ids(page)


def test_list_events_text_search_is_a_parameter(store, corpus):
    expected = _events(corpus)
    trigger = next(x["trigger"] for x in expected if x["trigger"].isascii())
    for needle in (trigger.upper(), trigger[1:-1], "%", "_", "100%", INJECTION):
        n = needle.lower()
        want = sorted(x["id"] for x in expected if n in x["sentence"].lower() or n in x["trigger"].lower())
        assert sorted(_ids(Q.list_events(store, EventFilter(q=needle), limit=Q.MAX_LIMIT))) == want, needle
    assert Q.list_events(store, EventFilter(q="%")).total < len(expected)
    assert Q.list_events(store, EventFilter(q=INJECTION)).total == 0
    with store.connect() as conn:        # the table is still there, and whole
        assert conn.execute(select(func.count()).select_from(t.events)).scalar_one() == len(expected)


def test_list_events_pages_and_sorts(store, corpus):
    expected = _events(corpus)
    everything = _all_events(store)
    assert len(everything) == len(expected) and len({i["id"] for i in everything}) == len(expected)
    pages, offset = [], 0
    while True:
        page = Q.list_events(store, limit=4, offset=offset)
        assert page.total == len(expected) and page.limit == 4 and page.offset == offset
        if not page.items:
            break
        pages += _ids(page)
        offset += 4
    assert pages == [i["id"] for i in everything]
    # date (the event's, else the document's), newest first; undated last
    dates = [i["date"] or i["published"] for i in everything]
    known = [v for v in dates if v]
    assert dates == known + [None] * (len(dates) - len(known)) and known == sorted(known, reverse=True)
    ascending = [i["date"] or i["published"] for i in _all_events(store, order="asc")]
    assert [v for v in ascending if v] == sorted(known)
    types = [i["type"] for i in _all_events(store, sort="type", order="asc")]
    assert types == sorted(types)
    confidence = [i["confidence"] for i in _all_events(store, sort="confidence")]
    scored = [c for c in confidence if c is not None]
    assert confidence[:len(scored)] == sorted(scored, reverse=True)
    documents = [i["document"] for i in _all_events(store, sort="document", order="asc")]
    assert documents == sorted(documents)


def test_get_event_is_the_list_item(store, corpus):
    items = {i["id"]: i for i in _all_events(store)}
    for x in _events(corpus):
        item = Q.get_event(store, x["id"])
        assert item == items[x["id"]]
        doc, ev = x["doc"], x["ev"]
        assert item["document"] == document_key(doc) and item["type"] == ev.type and item["quad_code"] == x["quad"]
        assert item["sentence"] == x["sentence"] and item["trigger"] == ev.trigger.text
        assert (item["trigger_start"], item["trigger_end"]) == (ev.trigger.start, ev.trigger.end)
        assert [s["id"] for s in item["source"]] == x["source"] and [s["id"] for s in item["target"]] == x["target"]
        names = {a.id: a.name for a in doc.actors}
        assert [s["name"] for s in item["source"]] == [names[a] for a in ev.source]
        assert item["date"] == ev.date and item["published"] == doc.published and item["negated"] == ev.negated
        assert item["url"].startswith("https://de.wikinews.org/")
    assert Q.get_event(store, "f" * 32) is None


def _period(value, by):
    if not value:
        return None
    if "-W" in value:
        return value if by == "week" else None
    if by == "month":
        return value[:7] if len(value) >= 7 else None
    if len(value) < 10:
        return None
    if by == "day":
        return value
    year, week, _ = date.fromisoformat(value).isocalendar()
    return f"{year}-W{week:02d}"


def test_event_timeline_buckets(store, corpus):
    expected = _events(corpus)
    for by in ("day", "week", "month"):
        want = Counter((_period(x["date"], by), x["quad"]) for x in expected if _period(x["date"], by))
        got = Q.event_timeline(store, by=by)
        assert {(r["period"], r["quad_code"]): r["count"] for r in got} == want, by
        assert [(r["period"], r["quad_code"]) for r in got] == sorted(want)
    assert any(r["period"] == "2005-12-19" for r in Q.event_timeline(store)), "the example's events"
    assert all(re.fullmatch(r"\d{4}-W\d{2}", r["period"]) for r in Q.event_timeline(store, by="week"))
    kind = expected[0]["type"]
    filtered = Q.event_timeline(store, EventFilter(type=kind), by="month")
    assert sum(r["count"] for r in filtered) == sum(x["type"] == kind and bool(_period(x["date"], "month"))
                                                    for x in expected)


def test_event_countries_count_an_event_once_per_country(store, corpus):
    expected = _events(corpus)
    want = Counter(c for x in expected for c in x["countries"])
    got = Q.event_countries(store)
    assert got == dict(want) and list(got.values()) == sorted(got.values(), reverse=True)
    kind = expected[0]["type"]
    assert Q.event_countries(store, EventFilter(type=kind)) == \
        dict(Counter(c for x in expected if x["type"] == kind for c in x["countries"]))


def test_actor_network_edges_are_the_source_target_pairs(store, corpus):
    expected = _events(corpus)
    pairs = Counter((s, g, x["quad"]) for x in expected for s in x["source"] for g in x["target"])
    assert pairs, "the corpus has events with a source and a target"
    net = Q.actor_network(store)
    assert {(e["source"], e["target"], e["quad_code"]): e["count"] for e in net["edges"]} == pairs
    counts = [e["count"] for e in net["edges"]]
    assert counts == sorted(counts, reverse=True)
    ends = {x for e in net["edges"] for x in (e["source"], e["target"])}
    assert {n["id"] for n in net["nodes"]} == ends
    involved = Counter(a for x in expected for a in {*x["source"], *x["target"]})
    assert all(n["events"] == involved[n["id"]] and n["name"] for n in net["nodes"])
    top = Q.actor_network(store, max_edges=2)
    assert top["edges"] == net["edges"][:2]
    assert {n["id"] for n in top["nodes"]} == {x for e in top["edges"] for x in (e["source"], e["target"])}
    quad = Counter(q for (_s, _g, q) in pairs.elements()).most_common(1)[0][0]
    assert sum(e["count"] for e in Q.actor_network(store, EventFilter(quad=quad))["edges"]) == \
        sum(n for (_s, _g, q), n in pairs.items() if q == quad)


# --- actors and quotes --------------------------------------------------------------

def _actor_facts(corpus) -> dict[str, dict]:
    facts: dict[str, dict] = defaultdict(lambda: {"documents": set(), "mentions": 0, "names": Counter(), "quotes": []})
    for doc, _prov, _rows in corpus:
        ids = _corpus_ids(doc)
        for x in doc.actors:
            f = facts[ids[x.id]]
            f["documents"].add(document_key(doc))
            f["mentions"] += len(x.mentions)
            f["names"].update(m.text for m in x.mentions)
            f.update(name=x.name, country=x.country, kind=x.kind)
        for quote in doc.quotes:
            if quote.speaker and quote.speaker.actor:
                facts[ids[quote.speaker.actor]]["quotes"].append(quote.text)
    return facts


def test_list_actors_counts_and_sorts(store, corpus):
    facts = _actor_facts(corpus)
    involved = Counter(a for x in _events(corpus) for a in {*x["source"], *x["target"]})
    page = Q.list_actors(store, limit=Q.MAX_LIMIT)
    assert page.total == len(facts) == len(page.items)
    for item in page.items:
        f = facts[item["id"]]
        assert (item["name"], item["country"], item["kind"]) == (f["name"], f["country"], f["kind"])
        assert (item["documents"], item["mentions"], item["events"]) == \
            (len(f["documents"]), f["mentions"], involved[item["id"]])
    assert max(item["documents"] for item in page.items) >= 2, "an actor of several articles is one row"
    for sort in ("documents", "mentions", "events"):
        values = [i[sort] for i in Q.list_actors(store, sort=sort, limit=Q.MAX_LIMIT).items]
        assert values == sorted(values, reverse=True), sort
    names = [i["name"] for i in Q.list_actors(store, sort="name", limit=Q.MAX_LIMIT).items]
    assert names == sorted(names, key=lambda n: n.encode("utf-8"))
    # the example's actors, found by name, country and kind
    schaeuble = Q.list_actors(store, q="SCHÄUBLE").items
    assert [(i["name"], i["country"], i["kind"]) for i in schaeuble] == [("Wolfgang Schäuble", "DEU", "person")]
    assert Q.list_actors(store, country="deu").total == sum(f["country"] == "DEU" for f in facts.values())
    assert Q.list_actors(store, kind="country").total == sum(f["kind"] == "country" for f in facts.values())
    assert Q.list_actors(store, q="%").total == sum("%" in f["name"] for f in facts.values())
    assert Q.list_actors(store, q=INJECTION).total == 0
    second = Q.list_actors(store, limit=3, offset=3)
    assert _ids(second) == [i["id"] for i in page.items[3:6]]


def test_get_actor_has_its_events_quotes_and_names(store, corpus):
    facts = _actor_facts(corpus)
    expected = _events(corpus)
    actor = max(facts, key=lambda i: (len(facts[i]["quotes"]), i))
    busiest = Counter(a for x in expected for a in {*x["source"], *x["target"]}).most_common(1)[0][0]
    for who in (actor, busiest):
        got = Q.get_actor(store, who)
        f = facts[who]
        assert got["name"] == f["name"] and got["id"] == who
        mine = sorted(x["id"] for x in expected if who in x["source"] or who in x["target"])
        assert sorted(_ids_of(got["events"])) == mine
        assert got["counts"] == {"documents": len(f["documents"]), "mentions": f["mentions"], "events": len(mine),
                                 "quotes": len(f["quotes"])}
        assert sorted(q["text"] for q in got["quotes"]) == sorted(f["quotes"])
        assert all(q["speaker_actor_id"] == who for q in got["quotes"])
        assert {n["text"]: n["count"] for n in got["names"]} == dict(f["names"])
    assert len(facts[actor]["quotes"]) >= 2, "someone is quoted twice"
    assert len(Q.get_actor(store, busiest, limit=1)["events"]) == 1
    assert Q.get_actor(store, "0" * 32) is None


def _ids_of(items):
    return [i["id"] for i in items]


def test_list_quotes_by_speaker_and_text(store, corpus):
    facts = _actor_facts(corpus)
    quotes = [(doc, quote) for doc, _p, _r in corpus for quote in doc.quotes]
    page = Q.list_quotes(store, limit=Q.MAX_LIMIT)
    assert page.total == len(quotes) == len(page.items)
    published = [i["published"] for i in page.items]
    assert published == sorted(published, reverse=True)
    speaker = max(facts, key=lambda i: (len(facts[i]["quotes"]), i))
    mine = Q.list_quotes(store, speaker=speaker, limit=Q.MAX_LIMIT)
    assert mine.total == len(facts[speaker]["quotes"])
    assert {i["speaker_name"] for i in mine.items} == {facts[speaker]["name"]}
    by_id = {(document_key(doc), quote.id): quote for doc, quote in quotes}
    for item in page.items:
        quote = by_id[item["document"], item["id"]]
        assert item["text"] == quote.text and item["type"] == quote.type
        assert item["speaker"] == (quote.speaker.text if quote.speaker else None)
        assert item["cue"] == (quote.cue.text if quote.cue else None)
    word = max((w for _d, quote in quotes for w in re.findall(r"[a-z]{6,}", quote.text)), key=len)
    assert Q.list_quotes(store, q=word.upper()).total == sum(word in quote.text.lower() for _d, quote in quotes)
    assert Q.list_quotes(store, q=INJECTION).total == 0
    assert Q.list_quotes(store, limit=2, offset=1).items == page.items[1:3]


# --- checks -------------------------------------------------------------------------

@pytest.mark.parametrize("make", [
    lambda: EventFilter(type="TALK"),
    lambda: EventFilter(quad=0),
    lambda: EventFilter(quad=5),
    lambda: EventFilter(quad="2"),
    lambda: EventFilter(date_from="2019-13"),
    lambda: EventFilter(date_to="20190425"),
    lambda: EventFilter(date_from="2019-02-30"),
    lambda: EventFilter(date_from="2020", date_to="2019-12"),
    lambda: EventFilter(country="Deutschland"),
], ids=["type", "quad0", "quad5", "quad-str", "month", "compact", "day", "order", "country"])
def test_bad_filters_raise_query_error(make):
    with pytest.raises(QueryError) as info:
        make()
    assert isinstance(info.value, LagebildError) and str(info.value)


def test_bad_arguments_raise_query_error(sqlite_engine):
    calls = [
        lambda: Q.list_events(sqlite_engine, sort="trigger"),
        lambda: Q.list_events(sqlite_engine, order="up"),
        lambda: Q.list_events(sqlite_engine, offset=-1),
        lambda: Q.list_events(sqlite_engine, limit="10"),
        lambda: Q.list_documents(sqlite_engine, sort="key"),
        lambda: Q.list_actors(sqlite_engine, sort="country"),
        lambda: Q.list_actors(sqlite_engine, country="12"),
        lambda: Q.list_quotes(sqlite_engine, offset=-5),
        lambda: Q.event_timeline(sqlite_engine, by="year"),
        lambda: Q.actor_network(sqlite_engine, max_edges="all"),
    ]
    for call in calls:
        with pytest.raises(QueryError):
            call()


def test_limits_are_clipped(sqlite_engine, corpus):
    assert Q.list_events(sqlite_engine, limit=10_000).limit == Q.MAX_LIMIT
    page = Q.list_events(sqlite_engine, limit=0)
    assert page.limit == 1 and len(page.items) == 1
    assert Q.list_events(sqlite_engine, offset=10_000).items == []
    assert Q.list_events(sqlite_engine, offset=10_000).total == len(_events(corpus))
    # blank form fields are no filters
    assert EventFilter(type="", q=" ", country="") == EventFilter()


def test_results_are_json(sqlite_engine, corpus):
    import json
    key = document_key(corpus[0][0])
    actor = Q.list_actors(sqlite_engine, limit=1).items[0]["id"]
    for value in (Q.list_documents(sqlite_engine).to_dict(), Q.get_document(sqlite_engine, key),
                  Q.list_events(sqlite_engine).to_dict(), Q.event_timeline(sqlite_engine, by="week"),
                  Q.event_countries(sqlite_engine), Q.actor_network(sqlite_engine),
                  Q.list_actors(sqlite_engine).to_dict(), Q.get_actor(sqlite_engine, actor),
                  Q.list_quotes(sqlite_engine).to_dict()):
        assert json.loads(json.dumps(value)) == value


def test_sqlite_and_postgresql_answer_alike(sqlite_engine, pg_engine, corpus):
    expected = _events(corpus)
    actor = Counter(a for x in expected for a in x["source"]).most_common(1)[0][0]
    country = Counter(c for x in expected for c in x["countries"]).most_common(1)[0][0]
    flt = EventFilter(date_from="2006", date_to="2010-01", country=country)

    def answers(engine) -> list:
        return [
            *(Q.list_documents(engine, sort=s, order=o).to_dict() for s in ("published", "title", "events", "characters")
              for o in ("asc", "desc")),
            *(Q.get_document(engine, document_key(doc)) for doc, _p, _r in corpus),
            *(Q.list_events(engine, sort=s, order=o, limit=Q.MAX_LIMIT).to_dict()
              for s in ("date", "type", "confidence", "document") for o in ("asc", "desc")),
            Q.list_events(engine, flt, limit=7, offset=1).to_dict(),
            Q.list_events(engine, EventFilter(actor=actor, q="e")).to_dict(),
            *(Q.event_timeline(engine, by=by) for by in ("day", "week", "month")),
            Q.event_countries(engine), Q.event_countries(engine, flt), Q.actor_network(engine),
            *(Q.list_actors(engine, sort=s, limit=Q.MAX_LIMIT).to_dict() for s in ("documents", "mentions", "events",
                                                                                      "name")),
            Q.get_actor(engine, actor), Q.list_quotes(engine, limit=Q.MAX_LIMIT).to_dict(),
        ]
    assert _rounded(answers(sqlite_engine)) == _rounded(answers(pg_engine))
