"""The Document contract: JSON keys of spec/OUTPUT.md, the committed schema, batch runs."""
import json

import pytest

import lagebild
from lagebild import Document, Failure, analyze, analyze_many, document_schema

TOP_KEYS = {"schema", "id", "language", "published", "text", "anatomy", "sentences", "entities",
            "actors", "quotes", "times", "places", "events"}
ARTICLE = ("Regierung beschließt Hilfspaket\n\nBerlin (dpa) - Die Bundesregierung hat am Mittwoch ein "
           "Hilfspaket für Landwirte beschlossen. Es umfasst rund zwei Milliarden Euro.\n\n"
           "Der Bauernverband begrüßte die Entscheidung. Die Opposition sprach von einem Wahlgeschenk.")


def test_to_dict_has_every_contract_key_and_offsets_agree():
    d = analyze(ARTICLE, published="2024-03-06").to_dict()
    assert TOP_KEYS <= set(d)
    assert d["schema"] == "lagebild.document/1" and d["language"] == "de"
    assert d["published"] == "2024-03-06"
    assert set(d["anatomy"]) >= {"blocks", "title", "dateline", "lead", "headings", "captions", "author"}
    for s in d["sentences"]:
        assert d["text"][s["start"]:s["end"]].strip() == d["text"][s["start"]:s["end"]]
    json.dumps(d)  # serialisable


def test_id_is_the_sha256_of_the_text_unless_given():
    import hashlib
    assert analyze(ARTICLE).id == hashlib.sha256(ARTICLE.encode()).hexdigest()
    assert analyze(ARTICLE, id="art-1").id == "art-1"


def test_committed_schema_matches_the_code(repo):
    committed = json.loads((repo / "schema" / "document.schema.json").read_text("utf-8"))
    assert committed == json.loads(json.dumps(document_schema())), \
        "schema/document.schema.json is stale: run `lagebild schema > schema/document.schema.json`"


def test_schema_validates_real_output():
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(analyze(ARTICLE).to_dict(), document_schema())


def test_analyze_many_keeps_order_and_reports_bad_items():
    items = [ARTICLE, "", {"text": ARTICLE.replace("Mittwoch", "Donnerstag"), "published": "2024-03-07", "id": "b"},
             "The government decided on Wednesday to expand aid. The chancellor said that partners in the "
             "EU would not be left alone, and the opposition criticised that parliament had not been involved."]
    out = list(analyze_many(items, batch_size=2))
    assert [type(x) for x in out] == [Document, Failure, Document, Failure]
    assert out[1].reason == "empty" and out[3].reason == "not_german"
    assert out[2].id == "b" and out[2].published == "2024-03-07"
    assert out[0].to_dict()["sentences"] == analyze(ARTICLE).to_dict()["sentences"]
    with pytest.raises(lagebild.InputError):
        list(analyze_many(["", ARTICLE], on_error="raise"))


def test_within_and_sentence_lookup():
    doc = analyze(ARTICLE)
    s = doc.sentences[2]
    assert doc.sentence_of(s.start + 3) == s
    assert doc.within(doc.sentences, s.start, s.end) == [s]
    assert doc.sentence_of(len(doc.text) + 5) is None


def test_a_stage_that_crashes_on_one_document_does_not_end_the_batch(monkeypatch):
    from lagebild.pipeline import Pipeline

    pipe = Pipeline()
    real = pipe.stages[-1][1]

    def fragile(doc):
        if "Sprengstoff" in doc.text:
            raise RuntimeError("boom")
        real(doc)

    pipe.stages[-1] = (pipe.stages[-1][0], fragile)
    bad = ARTICLE.replace("Landwirte", "Sprengstoff")
    out = list(pipe.analyze_many([ARTICLE, bad, ARTICLE]))
    assert [type(x).__name__ for x in out] == ["Document", "Failure", "Document"]
    assert out[1].reason == "error" and "boom" in out[1].message
    assert out[2].sentences


def test_sentence_of_follows_a_replaced_sentence_layer():
    from lagebild.document import Document, Sentence
    doc = Document.new("Erster Satz. Zweiter Satz.")
    doc.sentences = [Sentence(start=0, end=12)]
    assert doc.sentence_of(14) is None
    doc.sentences = [Sentence(start=0, end=12), Sentence(start=13, end=26)]
    assert doc.sentence_of(14).start == 13
