"""Clusters (lagebild.clusters): near-copies of documents and mentions of one real-world
event, on real articles analysed by the pipeline — the same corpus stored twice under
other outlets, an agency-style near-copy, unrelated articles; incremental updates equal to
a rebuild; the migration onto a store of revision 0001; exports per cluster and per
mention; SQLite and PostgreSQL. The rules themselves are tested on hand-made mentions."""
from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import func, inspect, select

import lagebild
from lagebild.clusters import (cluster_documents, current_version, document_groups, event_groups, main,
                               rebuild_clusters, update_clusters)
from lagebild.clusters.documents import shingles, signature, similarity
from lagebild.clusters.events import Actor, Mention, link, period
from lagebild.export import ExportError, export
from lagebild.store import Provenance, document_key, document_rows, open_engine, upgrade_schema, write_document
from lagebild.store import tables as t

REPO = Path(__file__).resolve().parents[1]
VERSION = "lagebild test"
ARTICLES = ("examples/wikinews-gdp-schaeuble-2005-12-19.txt", "eval/dev2/wn_54978_2008-12-31.txt",
            "eval/dev3/wn_25328_2006-04-12.txt")
UNRELATED = "eval/heldout/wn_58874_2009-09-19.txt"


def _published(path: str) -> str:
    return "2005-12-19" if "gdp" in path else Path(path).stem.split("_")[-1]


def _next_day(day: str) -> str:
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def agency_copy(text: str) -> str:
    """An agency-style near-copy: another first line, a dateline tag, one sentence
    dropped, two words changed, a boilerplate line at the end."""
    title, *body = text.strip().split("\n\n")
    body[0] = "(dpa) – " + body[0]
    sentences = body[-1].split(". ")
    if len(sentences) > 1:
        body[-1] = ". ".join(sentences[:-1]) + "."
    body = [p.replace(" sagte ", " erklärte ", 1).replace(" auch ", " ebenfalls ", 1) for p in body]
    return "\n\n".join(["Ausland: " + title, *body, "Copyright dpa. Alle Rechte vorbehalten."]) + "\n"


@pytest.fixture(scope="module")
def corpus():
    """(doc, provenance, name) of: three articles; the same three under another outlet (a
    credit line appended, published a day later); an agency-style near-copy of the
    second; an unrelated article."""
    items = []
    for path in ARTICLES:
        text = (REPO / path).read_text(encoding="utf-8")
        published = _published(path)
        items.append((text, published, Provenance(input_ref=path, source="de.wikinews.org"), f"orig:{path}"))
        items.append((text.rstrip("\n") + "\n\n© Rhein-Kurier\n", _next_day(published),
                      Provenance(input_ref=path + "#copy", source="Rhein-Kurier"), f"copy:{path}"))
    text = (REPO / ARTICLES[1]).read_text(encoding="utf-8")
    items.append((agency_copy(text), _published(ARTICLES[1]), Provenance(input_ref="agency", source="Agenturdienst"),
                  "agency"))
    text = (REPO / UNRELATED).read_text(encoding="utf-8")
    items.append((text, _published(UNRELATED), Provenance(input_ref=UNRELATED, source="de.wikinews.org"),
                  "unrelated"))
    docs = lagebild.analyze_many([{"text": x, "published": p} for x, p, _, _ in items], on_error="raise")
    return [(doc, prov, name) for doc, (_, _, prov, name) in zip(docs, items)]


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("postgres_url")


def write(engine, corpus, names=None) -> list[str]:
    keys = []
    for doc, prov, name in corpus:
        if names is None or name in names:
            write_document(engine, document_rows(doc, prov, VERSION))
            keys.append(document_key(doc))
    return keys


def key_of(corpus, name) -> str:
    return next(document_key(doc) for doc, _, n in corpus if n == name)


def grouping(engine) -> set[frozenset]:
    """The event clusters as sets of member ids (versions and cluster ids aside)."""
    return {frozenset(members) for members in event_groups(engine).values()}


def members(engine) -> dict[str, tuple]:
    """event id → (its cluster's members, linked_to, reason)."""
    em = t.event_cluster_members
    groups = event_groups(engine)
    with engine.connect() as conn:
        return {r.event_id: (frozenset(groups[r.cluster_id]), r.linked_to, r.reason)
                for r in conn.execute(select(em))}


def count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


# --- the rules, on hand-made mentions ---------------------------------------------------------

def _actor(name, country="RUS", sector="GOV", kind="person"):
    return Actor(id=f"id:{kind}:{country}:{name}", name=name, kind=kind, country=country, sector=sector)


PUTIN, KIM, RUSSIA = _actor("Wladimir Putin"), _actor("Kim Jong-un", "PRK"), _actor("Russland", kind="country")
LAWROW = _actor("Sergej Lawrow")


def mention(id, type="CONSULT", date="2019-04-25", source=(PUTIN,), target=(KIM,), doc=None, **kw) -> Mention:
    return Mention(id=id, doc_key=doc or f"doc-{id}", type=type, quad=kw.pop("quad", 1), date=date,
                   published=kw.pop("published", date), outlet=kw.pop("outlet", None), negated=kw.pop("negated", False),
                   hypothetical=kw.pop("hypothetical", False), place=kw.pop("place", None),
                   source=tuple(source), target=tuple(target), **kw)


def test_rules_link_the_same_event_and_say_why():
    a, b = mention("a"), mention("b", date="2019-04-26", place="Wladiwostok", place_country="RUS",
                                   place_name="Vladivostok")
    reason = link(a, b)
    assert reason == "same type CONSULT; same actors on both sides; 1 day apart; place unknown on one side"
    assert link(b, a) == reason
    assert link(a, mention("c", date="2019-04-28")) is None                  # 3 days: outside the window
    assert link(a, mention("c", type="AGREE")) is None                        # another type
    assert link(a, mention("c", hypothetical=True)) is None                   # "will meet" is not "met"
    # an empty side matches only where the other side names the same specific actor
    assert "same source actors, target named on one side only" in link(a, mention("c", target=()))
    assert link(mention("x", source=(RUSSIA,)), mention("y", source=(RUSSIA,), target=())) is None
    assert link(mention("x", source=(), target=(KIM,)), mention("y", source=(PUTIN,), target=())) is None
    assert link(a, mention("c", source=(LAWROW,))) is None                    # another named person
    assert "same source countries and sectors" in link(a, mention("c", source=(RUSSIA,)))   # Russia for Putin
    assert link(mention("x", place_country="RUS"), mention("y", place_country="UKR")) is None


def test_rules_swap_sides_only_for_mutual_types():
    assert "swapped" in link(mention("a"), mention("b", source=(KIM,), target=(PUTIN,)))
    assault = dict(type="ASSAULT", quad=4)
    assert link(mention("a", **assault), mention("b", source=(KIM,), target=(PUTIN,), **assault)) is None


def test_rules_read_vague_dates_as_periods():
    assert period("2019-04") == (date(2019, 4, 1).toordinal(), date(2019, 4, 30).toordinal())
    assert period("2019-W17")[1] - period("2019-W17")[0] == 6 and period("2019-13") == (None, None)
    assert "dates overlap" in link(mention("a", date="2019-04"), mention("b", date="2019-04-25"))
    # a year links only to the very same year: it must not chain every day of it together
    assert link(mention("a", date="2019"), mention("b", date="2019-04-25")) is None
    assert "same date 2019" in link(mention("a", date="2019"), mention("b", date="2019"))
    assert link(mention("a", date=None), mention("b", date=None)) is None


def test_rules_for_mentions_without_actors_want_the_same_place():
    bare = dict(type="PROTEST", quad=4, source=(), target=())
    assert link(mention("a", **bare), mention("b", **bare)) is None
    here = dict(place="Berlin", place_country="DEU", place_name="Berlin", geonameid=2950159)
    assert link(mention("a", **bare, **here), mention("b", **bare, **here)).endswith("same place Berlin")


def test_near_copies_of_an_article_report_the_same_statement():
    same = dict(trigger="traf", sentence="Putin traf Kim in Wladiwostok.", document_cluster="c1")
    a = mention("a", **same)
    b = mention("b", source=(_actor("dpa", "DEU", "JRN", "organization"),), date="2019-05-20", **same)
    assert link(a, b).startswith("near-copies of one article: same type CONSULT, same trigger 'traf'")
    assert link(a, mention("c", source=b.source, date="2019-05-20", **dict(same, document_cluster="c2"))) is None


def test_shingles_and_signatures():
    assert shingles("Der Präsident, sagte er: „Nein“!", 3) == {"der präsident sagte", "präsident sagte er",
                                                                 "sagte er nein"}
    assert shingles("Zwei Wörter", 3) == {"zwei wörter"} and shingles("…", 3) == set()
    text = (REPO / ARTICLES[0]).read_text(encoding="utf-8")
    (a, n), (b, _) = signature(text), signature(agency_copy(text))
    assert n == len(shingles(text)) and similarity(a, a) == 1.0
    assert similarity(a, b) > 0.6 > similarity(a, signature((REPO / UNRELATED).read_text(encoding="utf-8"))[0])


# --- a store --------------------------------------------------------------------------------

def test_the_same_corpus_stored_twice_gives_one_cluster_per_event(store, corpus, tmp_path):
    engine = open_engine(store)
    originals = [(doc, prov, name) for doc, prov, name in corpus if name.startswith(("orig:", "copy:"))]
    update_clusters(engine, write(engine, originals))
    em, ec, e = t.event_cluster_members, t.event_clusters, t.events
    with engine.connect() as conn:
        cluster_of = dict(conn.execute(select(em.c.event_id, em.c.cluster_id)).all())
        rows = {r.id: r for r in conn.execute(select(ec))}
        doc_of = dict(conn.execute(select(e.c.id, e.c.doc_key)).all())
    assert len(cluster_of) == len(doc_of) == count(engine, e)                 # every mention in a cluster
    by_path = defaultdict(dict)
    for doc, _, name in originals:
        kind, path = name.split(":")
        by_path[path][kind] = doc
    for path, pair in by_path.items():
        orig, copy = pair["orig"], pair["copy"]
        assert [ev.type for ev in orig.events] == [ev.type for ev in copy.events]
        ids = {key: [r["id"] for r in document_rows(doc, Provenance(), VERSION)["events"]]
               for key, doc in ((document_key(orig), orig), (document_key(copy), copy))}
        (k1, first), (k2, second) = ids.items()
        for a, b in zip(first, second):                      # each event and its copy: one cluster
            assert cluster_of[a] == cluster_of[b]
        for cluster_id in {cluster_of[x] for x in first}:
            mine = [x for x, c in cluster_of.items() if c == cluster_id]
            per_doc = Counter(doc_of[x] for x in mine)
            assert per_doc[k1] == per_doc[k2] and set(per_doc) == {k1, k2}     # both mentions, both outlets
            row = rows[cluster_id]
            assert (row.mentions, row.articles, row.sources) == (len(mine), 2, 2)
            assert (row.first_seen, row.last_seen) == (orig.published, copy.published)
            assert row.representative_event in mine
    # clusters never span two different articles here: one real event, one cluster
    assert len(rows) == len({cluster_of[x] for x in cluster_of})
    # the mention export still has every mention, each with its cluster
    out = io.BytesIO()
    assert export(engine, "jsonl", "events", out) == count(engine, e)
    exported = [json.loads(line) for line in out.getvalue().decode("utf-8").splitlines()]
    assert {r["id"]: r["cluster_id"] for r in exported} == cluster_of
    # per cluster: one row each, with its members and counts
    rows_out = list(csv.DictReader(io.StringIO(_csv(engine, per="cluster"), newline="")))
    assert len(rows_out) == len(rows)
    for r in rows_out:
        assert set(r["event_ids"].split("; ")) == {x for x, c in cluster_of.items() if c == r["id"]}
        assert int(r["mentions"]) == len(r["event_ids"].split("; ")) and r["outlets"] == "Rhein-Kurier; de.wikinews.org"
        assert r["representative_event"] in r["event_ids"] and r["sentence"]
    path = tmp_path / "clusters.parquet"
    assert export(engine, "parquet", "events", path, per="cluster") == len(rows)
    table = pq.read_table(path).to_pylist()
    assert {r["id"]: set(r["event_ids"]) for r in table} == {r["id"]: set(r["event_ids"].split("; ")) for r in rows_out}
    plover = io.BytesIO()
    export(engine, "plover", "events", plover, per="cluster", event_type="COERCE")
    records = [json.loads(line) for line in plover.getvalue().decode("utf-8").splitlines()]
    assert records and all(r["link"] == r["id"] == cluster_of[r["representative_event"]] for r in records)
    assert all(r["event"] == ["COERCE"] and r["sources"] == 2 for r in records)


def _csv(engine, **options) -> str:
    out = io.BytesIO()
    export(engine, "csv", options.pop("what", "events"), out, **options)
    return out.getvalue().decode("utf-8")


def test_near_copies_share_a_document_cluster(store, corpus):
    engine = open_engine(store)
    write(engine, corpus)
    summary = update_clusters(engine, [document_key(doc) for doc, _, _ in corpus])
    assert summary.documents.signed == len(corpus)
    groups = {frozenset(g) for g in document_groups(engine)}
    second = ARTICLES[1]
    assert frozenset({key_of(corpus, f"orig:{second}"), key_of(corpus, f"copy:{second}"),
                      key_of(corpus, "agency")}) in groups
    assert frozenset({key_of(corpus, "unrelated")}) in groups
    assert len(groups) == len(ARTICLES) + 1
    dc = t.document_clusters
    with engine.connect() as conn:
        rows = {r.doc_key: r for r in conn.execute(select(dc))}
    # the representative: the earliest published, then the smallest key (the original and
    # the agency copy appeared on the same day, the outlet's copy a day later)
    group = [(doc.published, document_key(doc)) for doc, _, name in corpus if second in name or name == "agency"]
    head = rows[min(group)[1]]
    assert head.representative and head.cluster_id == head.doc_key and head.similarity == 1.0
    assert all(rows[k].cluster_id == head.doc_key for _, k in group)
    assert 0.57 <= min(rows[k].similarity for _, k in group) < 1.0
    # one document per group of near-copies: the earliest published of each
    unique = list(csv.DictReader(io.StringIO(_csv(engine, what="documents", unique=True), newline="")))
    assert sorted(r["key"] for r in unique) == sorted(
        k for k, r in rows.items() if r.representative)
    assert {r["copies"] for r in unique} == {"1", "2", "3"}
    assert _csv(engine, what="documents", per="cluster") == _csv(engine, what="documents", unique=True)
    # inside a date filter that leaves the representative out, the next copy stands in
    day = _next_day(_published(second))
    inside = list(csv.DictReader(io.StringIO(_csv(engine, what="documents", unique=True, date_from=day,
                                                  date_to=day), newline="")))
    assert [r["key"] for r in inside] == [key_of(corpus, f"copy:{second}")]
    # the near-copy's mentions joined the original's events (or they joined them)
    em, e = t.event_cluster_members, t.events
    with engine.connect() as conn:
        doc_of = dict(conn.execute(select(e.c.id, e.c.doc_key)).all())
        reasons = dict(conn.execute(select(em.c.event_id, em.c.reason)).all())
    agency = key_of(corpus, "agency")
    mine = [x for x, k in doc_of.items() if k == agency]
    clusters = event_groups(engine).values()
    shared = [x for x in mine if any(x in c and len({doc_of[y] for y in c}) > 1 for c in clusters)]
    assert mine and len(shared) >= 0.9 * len(mine), (len(shared), len(mine))
    assert any(reasons[x].startswith("near-copies of one article") for x in mine)


def test_incremental_updates_equal_a_rebuild(store, corpus):
    engine = open_engine(store)
    names = [name for _, _, name in corpus]
    # one document at a time, in an order other than their dates
    for name in reversed(names):
        update_clusters(engine, write(engine, corpus, {name}))
    incremental, incremental_docs = members(engine), {frozenset(g) for g in document_groups(engine)}
    version = current_version(engine)
    summary = rebuild_clusters(engine)
    assert summary.events.rebuilt and summary.events.version != version
    assert current_version(engine) == summary.events.version
    assert version.split(".")[0] == summary.events.version.split(".")[0]          # the same parameters
    assert members(engine) == incremental                                       # groups, links and reasons
    assert {frozenset(g) for g in document_groups(engine)} == incremental_docs
    with engine.connect() as conn:
        versions = set(conn.execute(select(t.event_clusters.c.version)).scalars())
    assert versions == {summary.events.version}
    # every member says why it joined: the first mention, or the rule that linked it
    for members_, linked_to, reason in incremental.values():
        assert (reason == "first mention") == (linked_to is None)
        assert reason == "first mention" or reason.startswith(("same type", "same quad class", "near-copies"))
        assert linked_to is None or linked_to in members_
    # nothing new: an update changes nothing
    again = update_clusters(engine, [])
    assert again.events.clustered == 0 and again.documents.signed == 0 and members(engine) == incremental


def test_a_document_analysed_again_is_clustered_again(store, corpus):
    engine = open_engine(store)
    update_clusters(engine, write(engine, corpus))
    before = members(engine)
    doc, prov, name = next(x for x in corpus if x[2] == f"orig:{ARTICLES[1]}")
    write_document(engine, document_rows(doc, prov, "a later version"), replace=True)   # rows deleted, written
    assert count(engine, t.event_cluster_members) < len(before)
    update_clusters(engine, [document_key(doc)])
    assert members(engine) == before
    rebuild_clusters(engine)
    assert members(engine) == before


def test_main_prints_one_line(tmp_path, corpus, capsys):
    path = str(tmp_path / "store.db")
    engine = open_engine(path)
    write(engine, corpus, {f"orig:{ARTICLES[0]}", f"copy:{ARTICLES[0]}"})
    assert main(["--store", path]) == 0
    line = capsys.readouterr().out.strip()
    assert "\n" not in line and "2 documents in 1 document clusters" in line
    assert main(["--store", path, "--rebuild"]) == 0
    assert capsys.readouterr().out.startswith("rebuilt: ")


def test_export_options_are_checked(tmp_path):
    engine = open_engine(str(tmp_path / "s.db"))
    for options in ({"per": "article"}, {"what": "quotes", "per": "cluster"}, {"unique": True},
                    {"what": "actors", "unique": True}):
        what = options.pop("what", "events")
        with pytest.raises(ExportError):
            export(engine, "csv", what, io.BytesIO(), **options)
    # a store without clusters: mentions have no cluster id, and there are no cluster rows
    assert export(engine, "csv", "events", io.BytesIO(), per="cluster") == 0


def test_the_migration_adds_the_tables_to_a_store_with_documents(store, corpus):
    from alembic import command

    from lagebild.store.engine import _alembic_config

    engine = open_engine(store)
    keys = write(engine, corpus, {f"orig:{ARTICLES[0]}"})
    with engine.begin() as conn:                                  # back to a store of 0001 with a document
        command.downgrade(_alembic_config(conn), "0001")
    assert not inspect(engine).has_table("event_clusters") and count(engine, t.documents) == 1
    upgrade_schema(engine)
    assert {"document_signatures", "document_clusters", "event_clusters", "event_cluster_members"} <= set(
        inspect(engine).get_table_names())
    summary = update_clusters(engine, keys)
    assert summary.documents.signed == 1 and count(engine, t.event_cluster_members) == count(engine, t.events) > 0
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0001")
    assert not inspect(engine).has_table("document_signatures") and count(engine, t.documents) == 1
    engine.dispose()


def test_changed_parameters_rebuild_instead_of_mixing(tmp_path, corpus, monkeypatch):
    from lagebild.clusters import parameters as params

    engine = open_engine(str(tmp_path / "s.db"))
    update_clusters(engine, write(engine, corpus, {f"orig:{ARTICLES[0]}", f"copy:{ARTICLES[0]}"}))
    version = current_version(engine)
    changed = json.loads(json.dumps(params.parameters()))
    changed["events"]["date_window_days"] = 5
    changed["documents"]["shingle_words"] = 4
    monkeypatch.setattr(params, "parameters", lambda: changed)
    for module in ("lagebild.clusters.documents", "lagebild.clusters.events"):
        monkeypatch.setattr(f"{module}.parameters", lambda: changed)
    summary = update_clusters(engine, [])
    assert summary.events.rebuilt and current_version(engine).split(".")[0] != version.split(".")[0]
    assert summary.documents.signed == 2                      # signatures of other shingles: made again
    assert count(engine, t.event_cluster_members) == count(engine, t.events)
    assert cluster_documents(engine, None).clustered == 2
