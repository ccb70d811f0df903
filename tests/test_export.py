"""Exports of a store (lagebild.export): PLOVER records and the flat tables, on stores
filled by analysing real articles; the expected values come from the analysed Documents."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import uuid
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import lagebild
import lagebild.plover
from lagebild.export import ExportError, export
from lagebild.export.flat import SCHEMAS
from lagebild.export.read import nearest_place
from lagebild.plover import event_types, quad_code
from lagebild.store import Provenance, actor_id, document_key, document_rows, open_engine, write_document


REPO = Path(__file__).resolve().parents[1]
VERSION = "lagebild 0.1.0; test"
SECOND = (
    "Putin trifft Kim Jong Un in Wladiwostok\n\n"
    "Wladiwostok (dpa) - Der russische Präsident Wladimir Putin hat am Donnerstag den nordkoreanischen "
    "Machthaber Kim Jong Un in Wladiwostok getroffen. Die beiden Politiker berieten über das nordkoreanische "
    "Atomprogramm. Die französische Regierung kritisierte das Treffen scharf. „Das ist ein falsches Signal "
    "für Europa“, sagte der französische Außenminister Jean-Yves Le Drian in Paris. Auch Deutschland äußerte "
    "Kritik: Die Bundesregierung forderte Nordkorea zu Verhandlungen über die Abrüstung auf. Japan und Südkorea "
    "verurteilten das Treffen und warfen Nordkorea und Russland Provokation vor.\n")


@pytest.fixture(scope="module")
def docs():
    first = lagebild.analyze((REPO / "examples" / "wikinews-gdp-schaeuble-2005-12-19.txt").read_text(encoding="utf-8"),
                             published="2005-12-19")
    second = lagebild.analyze(SECOND, published="2019-04-25")
    return [(first, Provenance(input_ref="gdp.txt", url="https://de.wikinews.org/wiki/GdP", source="de.wikinews.org")),
            (second, Provenance(input_ref="putin.txt", url="https://example.org/putin", source="Beispielzeitung",
                                external_id="p-1"))]


def fill(engine, docs):
    for doc, provenance in docs:
        write_document(engine, document_rows(doc, provenance, VERSION))
    return engine


@pytest.fixture(scope="module")
def engine(docs, tmp_path_factory):
    return fill(open_engine(str(tmp_path_factory.mktemp("export") / "s.db")), docs)


def run(engine, format, what="events", **filters) -> bytes:
    out = io.BytesIO()
    n = export(engine, format, what, out, **filters)
    data = out.getvalue()
    if format != "parquet":
        assert n == len(data.decode("utf-8").splitlines()) - (format == "csv")
    return data


def records(engine, **filters) -> list[dict]:
    return [json.loads(line) for line in run(engine, "plover", **filters).decode("utf-8").splitlines()]


def table(engine, what, **filters) -> list[dict]:
    return list(csv.DictReader(io.StringIO(run(engine, "csv", what, **filters).decode("utf-8"), newline="")))


def all_events(docs):
    """(doc, event) of every event, with the actors of its document by local id."""
    return [(doc, ev) for doc, _ in docs for ev in doc.events]


def actors_of(doc):
    return {a.id: a for a in doc.actors}


def no_none(value):
    if isinstance(value, dict):
        return all(no_none(v) for v in value.values())
    if isinstance(value, list):
        return all(no_none(v) for v in value)
    return value != "None"


# --- PLOVER -------------------------------------------------------------------------

def test_plover_records_carry_the_required_fields(engine, docs):
    recs = records(engine)
    assert len(recs) == len(all_events(docs)) >= 6
    assert len({r["id"] for r in recs}) == len(recs)
    for r in recs:
        assert {"id", "date", "actor", "event"} <= r.keys()
        assert r["event"][0] in event_types() and len(r["event"]) == 1
        assert r["quad_code"] == quad_code(r["event"][0]) in (1, 2, 3, 4)
        assert isinstance(r["actor"], list) and isinstance(r["recipient"], list)
        assert isinstance(r["mode"], list) and isinstance(r["context"], list)
        assert r["date"] and re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", r["date"])
        assert no_none(r)
    # each record is the event of the article: same type, and its date or else the published date
    by_trigger = {(document_key(doc), ev.trigger.start, ev.type): (doc, ev) for doc, ev in all_events(docs)}
    for r in recs:
        doc, ev = by_trigger[r["document"], r["text_info"]["trigger"]["start"], r["event"][0]]
        assert r["date"] == (ev.date or doc.published)
        assert r["context"] == list(ev.contexts)
        assert r["mode"] == ([ev.mode] if ev.mode else [])
        assert (r["negated"], r["hypothetical"]) == (ev.negated, ev.hypothetical)


def test_plover_entities_are_the_articles_actors(engine, docs):
    recs = records(engine)
    kritisiert = next(r for r in recs if r["text_info"]["trigger"]["text"] == "kritisiert")
    assert kritisiert["actor"][0]["entity_text"] == "Gewerkschaft der Polizei"
    assert kritisiert["actor"][0]["code"] == "DEU"
    assert kritisiert["recipient"][0]["entity_text"] == "Wolfgang Schäuble"
    for doc, ev in all_events(docs):
        r = next(r for r in recs if r["document"] == document_key(doc) and r["text_info"]["trigger"]["start"]
                 == ev.trigger.start and r["event"] == [ev.type] and
                 [x["entity_text"] for x in r["actor"]] == [actors_of(doc)[a].name for a in ev.source])
        for entities, ids in ((r["actor"], ev.source), (r["recipient"], ev.target)):
            assert len(entities) == len(ids)
            for entity, local in zip(entities, ids):
                actor = actors_of(doc)[local]
                assert entity["code"] == actor.country and entity["sector"] == actor.sector
                assert entity["entity_text"] == actor.name
                assert entity["identifier_id"] == actor.wikidata
                assert entity["identifier_text"] == (actor.name if actor.wikidata else None)
                assert entity["actor_id"] == actor_id(actor.kind, actor.country, actor.name)
    assert any(e["identifier_id"] for r in recs for e in r["actor"] + r["recipient"])


def test_plover_event_loc_is_the_resolved_place(engine, docs):
    recs = {(r["document"], r["text_info"]["trigger"]["start"], r["event"][0]): r for r in records(engine)}
    with_place = 0
    for doc, ev in all_events(docs):
        loc = recs[document_key(doc), ev.trigger.start, ev.type]["event_loc"]
        if not ev.place:
            assert loc is None
            continue
        with_place += 1
        place = min((p for p in doc.places if p.text == ev.place), key=lambda p: abs(p.start - ev.trigger.start))
        assert loc == {"extracted_place": ev.place, "resolved_place": place.name, "geonameid": place.geonameid,
                       "lat": place.lat, "lon": place.lon, "country_code": place.country}
    assert with_place >= 2
    wladiwostok = next(r for r in recs.values() if r["text_info"]["trigger"]["text"] == "trifft")
    assert wladiwostok["event_loc"]["resolved_place"] == "Vladivostok"
    assert wladiwostok["event_loc"]["country_code"] == "RUS"


def test_nearest_place_of_a_place_named_twice():
    places = [{"position": 0, "start": 10, "text": "Wien"}, {"position": 1, "start": 500, "text": "Wien"},
              {"position": 2, "start": 480, "text": "Graz"}]
    assert nearest_place(places, "Wien", 470)["position"] == 1
    assert nearest_place(places, "Wien", 20)["position"] == 0
    assert nearest_place(places, "Linz", 20) is None and nearest_place(places, None, 20) is None


def test_plover_text_and_citation(engine, docs):
    recs = records(engine)
    analysed = {r["key"]: r["analysed_at"] for r in table(engine, "documents")}
    for doc, provenance in docs:
        mine = [r for r in recs if r["document"] == document_key(doc)]
        assert len(mine) == len(doc.events)
        for r in mine:
            info = r["text_info"]
            assert r["event_text"] == [doc.text[info["start"]:info["end"]]]
            sentence = doc.sentences[info["sequence"]]
            assert (sentence.start, sentence.end) == (info["start"], info["end"])
            trigger = info["trigger"]
            assert doc.text[trigger["start"]:trigger["end"]] == trigger["text"]
            assert r["cite_info"] == {"url": provenance.url, "title": doc.anatomy.title,
                                      "publication": provenance.source, "language": "de", "license": None,
                                      "citation": document_key(doc)}
            assert r["coder"] == VERSION
            assert r["coded_date"] == datetime.fromisoformat(analysed[document_key(doc)]).date().isoformat()
    assert any(r["text_info"]["sequence"] > 0 for r in recs)


# --- CSV ------------------------------------------------------------------------------

def test_csv_events(engine, docs):
    raw = run(engine, "csv")
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0].keys()) == SCHEMAS["events"].names
    assert len(rows) == len(all_events(docs))
    assert not any(cell == "None" for row in rows for cell in row.values())
    assert all(row["negated"] in ("true", "false") and row["hypothetical"] in ("true", "false") for row in rows)
    assert any(row["hypothetical"] == "true" for row in rows) and any(row["hypothetical"] == "false" for row in rows)
    kritisiert = next(row for row in rows if row["trigger"] == "kritisiert")
    assert kritisiert["target_names"] == "Wolfgang Schäuble"            # umlauts intact
    assert kritisiert["source_countries"] == "DEU" and kritisiert["source_sectors"] == "LAB"
    warfen = next(row for row in rows if row["trigger"] == "warfen")      # two actors each side, in order
    assert (warfen["source_names"], warfen["target_countries"]) == ("Japan; Südkorea", "PRK; RUS")
    for doc, ev in all_events(docs):
        row = next(r for r in rows if r["document"] == document_key(doc) and int(r["trigger_start"]) == ev.trigger.start
                   and r["type"] == ev.type)
        assert row["sentence"] == doc.text[ev.sentence.start:ev.sentence.end]      # commas, „quotes“ survive
        assert row["contexts"] == "; ".join(ev.contexts)
        assert row["date"] == (ev.date or "") and row["published"] == doc.published
        assert row["mode"] == (ev.mode or "") and row["place"] == (ev.place or "")
        assert row["quad_code"] == str(quad_code(ev.type))
        assert float(row["confidence"]) == pytest.approx(ev.confidence)
        assert row["source_names"] == "; ".join(actors_of(doc)[a].name for a in ev.source)


def test_csv_quotes(engine, docs):
    rows = table(engine, "quotes")
    assert list(rows[0].keys()) == SCHEMAS["quotes"].names
    assert len(rows) == sum(len(doc.quotes) for doc, _ in docs)
    for doc, provenance in docs:
        for quote in doc.quotes:
            row = next(r for r in rows if r["document"] == document_key(doc) and r["id"] == quote.id)
            assert row["text"] == quote.text and row["type"] == quote.type and row["url"] == provenance.url
            assert int(row["start"]) == min(s.start for s in quote.spans)
            if quote.speaker and quote.speaker.actor:
                speaker = actors_of(doc)[quote.speaker.actor]
                assert row["speaker_name"] == speaker.name and row["speaker_country"] == (speaker.country or "")
    le_drian = next(r for r in rows if r["speaker_name"] == "Jean-Yves Le Drian")
    assert le_drian["text"] == "„Das ist ein falsches Signal für Europa“" and le_drian["speaker_country"] == "FRA"


def test_csv_actors(engine, docs):
    rows = table(engine, "actors")
    assert list(rows[0].keys()) == SCHEMAS["actors"].names
    expected = {}
    for doc, _ in docs:
        for actor in doc.actors:
            entry = expected.setdefault(actor_id(actor.kind, actor.country, actor.name), [actor.name, 0, 0, 0])
            entry[1] += 1
            entry[2] += len(actor.mentions)
            entry[3] += sum(actor.id in ev.source + ev.target for ev in doc.events)
    got = {r["id"]: [r["name"], int(r["documents"]), int(r["mentions"]), int(r["events"])] for r in rows}
    assert got == expected
    deutschland = next(r for r in rows if r["name"] == "Deutschland")
    assert deutschland["documents"] == "2" and deutschland["country"] == "DEU" and deutschland["wikidata"] == "Q183"


def test_documents_table(engine, docs):
    rows = table(engine, "documents")
    assert list(rows[0].keys()) == SCHEMAS["documents"].names
    assert len(rows) == 2
    for doc, provenance in docs:
        row = next(r for r in rows if r["key"] == document_key(doc))
        assert row["url"] == provenance.url and row["outlet"] == provenance.source
        assert row["external_id"] == (provenance.external_id or "") and row["input_ref"] == provenance.input_ref
        assert row["published"] == doc.published and row["title"] == doc.anatomy.title
        assert int(row["characters"]) == len(doc.text) and int(row["sentences"]) == len(doc.sentences)
        assert int(row["events"]) == len(doc.events) and int(row["quotes"]) == len(doc.quotes)
        assert datetime.fromisoformat(row["analysed_at"]).tzinfo is not None
        assert row["pipeline_version"] == VERSION


# --- Parquet, JSON Lines ----------------------------------------------------------------

def test_parquet_is_typed_and_matches_jsonl(engine, tmp_path):
    path = tmp_path / "events.parquet"
    n = export(engine, "parquet", "events", path)
    read = pq.read_table(path)
    assert read.schema == SCHEMAS["events"]
    assert read.schema.field("negated").type == pa.bool_()
    assert read.schema.field("trigger_start").type == pa.int32()
    assert read.schema.field("contexts").type == pa.list_(pa.string())
    assert read.schema.field("lat").type == pa.float64()
    raw = run(engine, "jsonl")
    assert b'"None"' not in raw and "Schäuble".encode("utf-8") in raw
    jsonl = [json.loads(line) for line in raw.decode("utf-8").splitlines()]
    assert read.to_pylist() == jsonl and n == len(jsonl)
    assert any(row["lat"] is not None for row in jsonl) and any(row["contexts"] for row in jsonl)
    assert not (tmp_path / "events.parquet.part").exists()


def test_parquet_writes_a_row_group_per_chunk(engine, docs):
    out = io.BytesIO()
    export(engine, "parquet", "events", out, chunk_size=1)       # one document a chunk
    assert pq.ParquetFile(io.BytesIO(out.getvalue())).metadata.num_row_groups == 2
    # paging one document at a time gives the same rows as one page
    for format, what in (("plover", "events"), ("csv", "quotes"), ("jsonl", "actors"), ("csv", "documents")):
        small, big = io.BytesIO(), io.BytesIO()
        export(engine, format, what, small, chunk_size=1)
        export(engine, format, what, big)
        assert small.getvalue() == big.getvalue()


def test_parquet_documents_and_empty_exports(engine, tmp_path):
    table_ = pq.read_table(io.BytesIO(run(engine, "parquet", "documents")))
    assert table_.schema.field("analysed_at").type == pa.timestamp("us", tz="UTC")
    assert table_.schema.field("events").type == pa.int64() and table_.num_rows == 2
    empty = pq.read_table(io.BytesIO(run(engine, "parquet", "events", country="NZL")))
    assert empty.num_rows == 0 and empty.schema == SCHEMAS["events"]


def test_duckdb_reads_the_parquet(engine, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    path = tmp_path / "e.parquet"
    export(engine, "parquet", "events", path)
    count, = duckdb.connect().execute(f"select count(*) from '{path}' where not negated").fetchone()
    assert count == sum(1 for r in records(engine) if not r["negated"])


def test_pandas_reads_the_parquet_with_typed_columns(engine, tmp_path):
    pandas = pytest.importorskip("pandas")
    path = tmp_path / "e.parquet"
    export(engine, "parquet", "events", path)
    frame = pandas.read_parquet(path)
    assert len(frame) == len(records(engine))
    assert frame["negated"].dtype == bool and frame["trigger_start"].dtype.kind == "i"
    assert frame["confidence"].dtype.kind == "f"
    assert all(isinstance(v, str) for v in frame["contexts"].explode().dropna())
    assert set(frame["type"]) <= set(lagebild.plover.event_types())


def test_outputs_a_path_and_stdout(engine, tmp_path, capsysbinary):
    path = tmp_path / "out.jsonl"
    assert export(engine, "jsonl", "documents", str(path)) == 2
    assert path.read_bytes() == run(engine, "jsonl", "documents")
    assert export(engine, "jsonl", "documents", None) == 2
    assert capsysbinary.readouterr().out == path.read_bytes()
    with pytest.raises(ExportError, match="binary"):
        export(engine, "parquet", "events", io.StringIO())


def test_a_failed_export_leaves_no_file(engine, tmp_path, monkeypatch):
    import lagebild.export.read as read

    real = read.events

    def breaks(*args, **kwargs):
        yield next(real(*args, **kwargs))
        raise RuntimeError("the store went away")

    monkeypatch.setattr(read, "events", breaks)
    with pytest.raises(RuntimeError):
        export(engine, "csv", "events", tmp_path / "e.csv", chunk_size=1)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ExportError, match="cannot write"):
        export(engine, "csv", "documents", tmp_path / "missing" / "d.csv")


# --- filters and errors -------------------------------------------------------------------

def test_filter_by_event_type(engine, docs):
    consult = records(engine, event_type="consult")
    assert len(consult) == sum(ev.type == "CONSULT" for _, ev in all_events(docs)) >= 2
    assert {r["event"][0] for r in consult} == {"CONSULT"}
    assert len(table(engine, "events", event_type="ASSAULT")) == sum(ev.type == "ASSAULT" for _, ev in all_events(docs))
    with_reject = [doc for doc, _ in docs if any(ev.type == "REJECT" for ev in doc.events)]
    assert [r["key"] for r in table(engine, "documents", event_type="REJECT")] == sorted(map(document_key, with_reject))


def test_filter_by_country(engine, docs):
    def countries(doc, ev):
        return {actors_of(doc)[a].country for a in ev.source + ev.target}
    for country in ("RUS", "FRA", "DEU", "PRK"):
        expected = sum(country in countries(doc, ev) for doc, ev in all_events(docs))
        got = records(engine, country=country.lower())
        assert len(got) == expected
        assert all(country in {e["code"] for e in r["actor"] + r["recipient"]} for r in got)
    assert {r["text_info"]["trigger"]["text"] for r in records(engine, country="RUS")} == {"trifft", "getroffen", "warfen"}
    assert {r["speaker_country"] for r in table(engine, "quotes", country="FRA")} == {"FRA"}
    actors = table(engine, "actors", country="PRK")
    assert {r["country"] for r in actors} == {"PRK"} and "Kim Jong-un" in {r["name"] for r in actors}
    fra_docs = [document_key(doc) for doc, _ in docs if any(a.country == "FRA" for a in doc.actors)]
    assert [r["key"] for r in table(engine, "documents", country="FRA")] == fra_docs
    assert len(table(engine, "documents", country="DEU")) == 2


def overlaps(value, date_from, date_to):
    """The reference: periods overlap, compared at the shorter precision."""
    if not value:
        return False
    lo = not date_from or value[:len(date_from)] >= date_from[:len(value)]
    hi = not date_to or value[:len(date_to)] <= date_to[:len(value)]
    return lo and hi


@pytest.mark.parametrize("date_from,date_to", [
    ("2019", None), (None, "2005-12"), ("2006-03", "2006-03"), ("2006-01", "2018"), ("2005-12-19", "2005-12-19"),
    ("2005", "2019-04-25"), ("2019-04-26", None)])
def test_filter_by_dates(engine, docs, date_from, date_to):
    expected = sorted((document_key(doc), ev.trigger.start, ev.type) for doc, ev in all_events(docs)
                      if overlaps(ev.date or doc.published, date_from, date_to))
    got = sorted((r["document"], r["text_info"]["trigger"]["start"], r["event"][0])
                 for r in records(engine, date_from=date_from, date_to=date_to))
    assert got == expected
    assert all(overlaps(r["date"], date_from, date_to) for r in records(engine, date_from=date_from, date_to=date_to))
    published = [document_key(doc) for doc, _ in docs if overlaps(doc.published, date_from, date_to)]
    assert {r["key"] for r in table(engine, "documents", date_from=date_from, date_to=date_to)} == set(published)
    assert {r["document"] for r in table(engine, "quotes", date_from=date_from, date_to=date_to)} <= set(published)


def test_partial_dates_overlap(engine):
    # the GdP article's events dated only "2006" fall inside March 2006, the article's own day does not
    march = records(engine, date_from="2006-03", date_to="2006-03")
    assert march and {r["date"] for r in march} == {"2006"}
    day = records(engine, date_from="2005-12-19", date_to="2005-12-19")
    assert day and {r["date"] for r in day} == {"2005-12-19"}
    # actors by the documents that mention them
    assert "Wladimir Putin" not in {r["name"] for r in table(engine, "actors", date_to="2010")}
    assert {r["name"]: r["documents"] for r in table(engine, "actors", date_from="2019")}["Deutschland"] == "1"


@pytest.mark.parametrize("call,message", [
    (dict(format="xml"), "format"),
    (dict(format="csv", what="places"), "places"),
    (dict(format="plover", what="quotes"), "PLOVER"),
    (dict(format="csv", date_from="2019-13"), "date_from"),
    (dict(format="csv", date_to="19.04.2019"), "date_to"),
    (dict(format="csv", date_from="2019-02-30"), "date_from"),
    (dict(format="csv", date_from="2020", date_to="2019-06"), "after"),
    (dict(format="csv", event_type="BOMB"), "event type"),
    (dict(format="csv", country="Germany"), "country"),
])
def test_bad_arguments_raise_export_error_and_write_nothing(engine, tmp_path, call, message):
    path = tmp_path / "out"
    with pytest.raises(ExportError, match=message):
        export(engine, out=path, **call)
    assert not path.exists() and list(tmp_path.iterdir()) == []
    assert issubclass(ExportError, lagebild.LagebildError)


# --- PostgreSQL -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def postgres(docs):
    url = os.environ.get("LAGEBILD_TEST_POSTGRES")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must test the export on PostgreSQL: LAGEBILD_TEST_POSTGRES is not set (see .ci/postgres)")
        pytest.skip("no PostgreSQL server: set LAGEBILD_TEST_POSTGRES (.ci/postgres starts one)")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"lagebild_export_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = open_engine(make_url(url).set(database=name).render_as_string(hide_password=False))
    try:
        yield fill(engine, docs)
    finally:
        engine.dispose()
        from conftest import drop_database
        drop_database(admin, name)
        admin.dispose()


def _without_times(data: bytes) -> str:
    # analysed_at (and coded_date, its day) differ between the two stores' writes
    text = data.decode("utf-8")
    text = re.sub(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?\+00:00", "TIME", text)
    return re.sub(r'"coded_date": "[^"]*"', '"coded_date": "DAY"', text)


@pytest.mark.parametrize("format,what,filters", [
    ("plover", "events", {}), ("csv", "events", {}), ("jsonl", "events", {}), ("jsonl", "quotes", {}),
    ("csv", "actors", {}), ("csv", "documents", {}),
    ("plover", "events", {"country": "DEU", "date_from": "2006-02"}), ("csv", "quotes", {"date_to": "2010"}),
    ("csv", "actors", {"event_type": "CONSULT", "date_from": "2019"}), ("csv", "documents", {"country": "FRA"})])
def test_postgres_export_equals_sqlite(engine, postgres, format, what, filters):
    lite, pg = run(engine, format, what, **filters), run(postgres, format, what, **filters)
    assert len(pg) > 200
    assert _without_times(pg) == _without_times(lite)


def test_postgres_parquet_equals_sqlite(engine, postgres):
    lite = pq.read_table(io.BytesIO(run(engine, "parquet", "documents"))).drop_columns(["analysed_at"])
    pg = pq.read_table(io.BytesIO(run(postgres, "parquet", "documents"))).drop_columns(["analysed_at"])
    assert pg.equals(lite)
    assert pq.read_table(io.BytesIO(run(postgres, "parquet"))).equals(pq.read_table(io.BytesIO(run(engine, "parquet"))))


def test_an_iso_week_date_is_filtered_as_its_year_like_the_web_lists(tmp_path):
    """An event dated "2006-W12" compares as its year (not as the string "2006-W", which
    would sort after every date of 2006), in the export as in the web's lists."""
    from lagebild.store import Provenance, document_rows, open_engine, write_document
    from lagebild.store.queries import EventFilter, list_events
    doc = lagebild.analyze("Berlin (dpa) - Die Regierung in Berlin hat am Montag die Sanktionen gegen Russland "
                           "verschärft. Der Kreml kritisierte die Entscheidung scharf.", published="2006-03-20")
    assert doc.events
    engine = open_engine(str(tmp_path / "weeks.db"))
    rows = document_rows(doc, Provenance(), "test")
    for event in rows["events"]:
        event["date"] = "2006-W12"
    write_document(engine, rows)
    n = len(doc.events)
    for date_from, date_to, expected in (("2006-03-01", "2006-03-31", n), ("2006", "2006", n),
                                         ("2006-04", None, n), ("2007", None, 0), (None, "2005-12", 0)):
        exported = [json.loads(line) for line in run(engine, "plover", "events", date_from=date_from,
                                                     date_to=date_to).decode().splitlines()]
        listed = list_events(engine, EventFilter(date_from=date_from, date_to=date_to)).total
        assert len(exported) == listed == expected, (date_from, date_to)
