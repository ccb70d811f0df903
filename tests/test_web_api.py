"""The REST API of `lagebild serve` (FastAPI TestClient over a real SQLite store filled by
a corpus run): analysis, stored documents, events with filters and downloads, actors,
quotes, the OpenAPI schema, and what it does with bad and hostile requests."""
from __future__ import annotations

import csv
import io
import json

import pytest

import lagebild
from lagebild.corpus.run import CorpusRun
from lagebild.pipeline import default_pipeline
from lagebild.store import open_engine

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from lagebild.web import MAX_BODY, create_app  # noqa: E402

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def example_text(repo) -> str:
    return (repo / "examples" / "wikinews-gdp-schaeuble-2005-12-19.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def store(tmp_path_factory, repo) -> str:
    path = str(tmp_path_factory.mktemp("web") / "store.db")
    inputs = [str(repo / "examples")] + [str(p) for p in sorted((repo / "eval" / "heldout").glob("*.txt"))]
    summary = CorpusRun(open_engine(path), default_pipeline()).run(inputs)
    assert summary.analysed >= 5
    return path


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(store, token=TOKEN), raise_server_exceptions=False) as c:
        yield c


def test_openapi_schema_is_served_and_valid(client):
    from openapi_spec_validator import validate
    schema = client.get("/openapi.json").json()
    validate(schema)
    for path in ("/analyze", "/documents", "/documents/{key}", "/events", "/events/{event_id}", "/actors",
                 "/actors/{actor_id}", "/quotes"):
        assert path in schema["paths"], path
    assert client.get("/docs").status_code == 200


def test_analyze_returns_the_document_json_of_the_contract(client, example_text):
    response = client.post("/analyze", json={"text": example_text, "published": "2005-12-19"})
    assert response.status_code == 200
    doc = response.json()
    expected = lagebild.analyze(example_text, published="2005-12-19").to_dict()
    assert doc == expected
    assert all(doc["text"][e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"] for e in doc["events"])


def test_storing_needs_the_token_and_is_idempotent(client):
    article = {"text": "Berlin (dpa) - Bundeskanzler Olaf Scholz hat am Montag den französischen Präsidenten "
                       "Emmanuel Macron in Berlin empfangen. Beide Politiker vereinbarten eine engere "
                       "Zusammenarbeit in der Verteidigungspolitik, teilte ein Regierungssprecher mit.",
               "published": "2023-06-05", "url": "https://example.org/scholz-macron", "source": "example.org"}
    assert client.post("/documents", json=article).status_code == 401
    assert client.post("/documents", json=article, headers={"Authorization": "Bearer wrong"}).status_code == 401
    first = client.post("/documents", json=article, headers={"Authorization": f"Bearer {TOKEN}"})
    assert first.status_code == 201 and first.json()["stored"] is True
    again = client.post("/documents", json=article, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.json()["stored"] is False and again.json()["key"] == first.json()["key"]
    stored = client.get(first.json()["document"]).json()
    assert stored["store"]["url"] == "https://example.org/scholz-macron"
    assert {a["name"] for a in stored["actors"]} >= {"Olaf Scholz", "Emmanuel Macron"}


def test_events_filter_page_and_sort(client):
    everything = client.get("/events", params={"limit": 500}).json()
    assert everything["total"] == len(everything["items"]) > 5
    kind = everything["items"][0]["type"]
    only = client.get("/events", params={"type": kind, "limit": 500}).json()
    assert only["total"] == sum(e["type"] == kind for e in everything["items"]) and \
        {e["type"] for e in only["items"]} == {kind}
    first, second = (client.get("/events", params={"limit": 2, "offset": o}).json()["items"] for o in (0, 2))
    assert [e["id"] for e in first + second] == [e["id"] for e in everything["items"][:4]]
    by_confidence = client.get("/events", params={"sort": "confidence", "order": "asc", "limit": 500}).json()["items"]
    values = [e["confidence"] for e in by_confidence if e["confidence"] is not None]
    assert values == sorted(values)
    one = client.get(f"/events/{first[0]['id']}").json()
    assert first[0]["trigger"] in one["sentence"]
    assert client.get("/events/nonexistent").status_code == 404


def test_events_download_as_csv_and_parquet(client):
    total = client.get("/events").json()["total"]
    response = client.get("/events", params={"format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert len(rows) == total and "None" not in response.text
    assert {"id", "type", "source_names", "target_names", "sentence"} <= set(rows[0])
    parquet = client.get("/events", params={"format": "parquet"})
    import pyarrow.parquet as pq
    table = pq.read_table(io.BytesIO(parquet.content))
    assert table.num_rows == total and str(table.schema.field("negated").type) == "bool"


def test_actors_and_quotes(client):
    actors = client.get("/actors", params={"limit": 500}).json()
    assert actors["total"] > 5
    top = actors["items"][0]
    actor = client.get(f"/actors/{top['id']}").json()
    assert actor["name"] == top["name"] and "events" in actor and "quotes" in actor
    quotes = client.get("/quotes", params={"limit": 500}).json()
    assert quotes["total"] > 0
    speaker = next(q["speaker_actor_id"] for q in quotes["items"] if q["speaker_actor_id"])
    by_speaker = client.get("/quotes", params={"speaker": speaker}).json()
    assert by_speaker["total"] >= 1 and {q["speaker_actor_id"] for q in by_speaker["items"]} == {speaker}


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 10_000}, {"offset": -1}, {"quad": 5}, {"quad": "x"},
                                    {"from": "yesterday"}, {"country": "Germany"}, {"sort": "id; drop table"},
                                    {"format": "exe"}])
def test_bad_filters_are_clear_4xx_json(client, params):
    response = client.get("/events", params=params)
    assert 400 <= response.status_code < 500
    body = response.json()
    assert body["error"] and "Traceback" not in response.text


@pytest.mark.parametrize("hostile", ["'; DROP TABLE events; --", "%' OR '1'='1", "<script>alert(1)</script>",
                                     "\" onmouseover=\"alert(1)", "%_%", "\\x00"])
def test_hostile_text_in_every_filter_executes_nothing_and_leaks_nothing(client, hostile):
    total = client.get("/events").json()["total"]
    for path, name in (("/events", "q"), ("/events", "actor"), ("/events", "document"), ("/actors", "q"),
                       ("/quotes", "q"), ("/quotes", "speaker"), ("/documents", "q")):
        response = client.get(path, params={name: hostile})
        assert response.status_code in (200, 422), (path, name, response.text)
        if response.status_code == 200:
            assert response.json()["total"] == 0, (path, name)
    page = client.get("/ui/events", params={"q": hostile})
    assert page.status_code == 200 and "<script>alert(1)</script>" not in page.text
    assert client.get("/events").json()["total"] == total      # nothing was dropped


def test_bad_bodies(client):
    assert client.post("/analyze", json={"published": "2020-01-01"}).status_code == 422       # neither text nor html
    assert client.post("/analyze", json={"text": 42}).status_code == 422
    assert client.post("/analyze", content=b"not json", headers={"content-type": "application/json"}).status_code == 422
    empty = client.post("/analyze", json={"text": "   "})
    assert empty.status_code == 422 and empty.json()["reason"] == "empty"
    english = client.post("/analyze", json={"text": "The government said on Monday that it would not change the "
                                                    "law and the opposition said that it was a mistake which they "
                                                    "would fight in the parliament for as long as it takes."})
    assert english.status_code == 422 and english.json()["reason"] == "not_german"
    huge = client.post("/analyze", content=b'{"text": "' + b"a" * (MAX_BODY + 10) + b'"}',
                       headers={"content-type": "application/json"})
    assert huge.status_code == 413 and "limit" in huge.json()["error"]


def test_internal_errors_tell_nothing_about_the_code(store, monkeypatch):
    app = create_app(store)

    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail at /work/main/lagebild")
    app.state.analyze = broken
    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.post("/analyze", json={"text": "Der Bundestag hat am Freitag ein Gesetz beschlossen."})
    assert response.status_code == 500
    assert "secret" not in response.text and "Traceback" not in response.text and "/work" not in response.text


def test_concurrent_requests_are_analysed_together_and_a_bad_one_fails_alone(repo):
    from concurrent.futures import ThreadPoolExecutor

    from lagebild.web.app import Analyzer

    texts = [p.read_text(encoding="utf-8") for p in sorted((repo / "eval" / "heldout").glob("*.txt"))[:5]]
    texts.insert(2, "   ")
    analyzer = Analyzer()
    batches = []
    run = analyzer._run
    analyzer._run = lambda batch: (batches.append(len(batch)), run(batch))

    def one(text):
        try:
            return analyzer(text, None, False).to_dict()
        except lagebild.InputError as exc:
            return exc.reason
    with ThreadPoolExecutor(len(texts)) as pool:
        results = list(pool.map(one, texts))
    assert results[2] == "empty"
    for text, result in zip(texts, results):
        if text.strip():
            assert result == lagebild.analyze(text).to_dict()
    assert sum(batches) == len(texts) and max(batches) > 1      # some requests shared a batch
