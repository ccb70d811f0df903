"""The pipeline table: what each stage reads and writes, and runs that follow it."""
from __future__ import annotations

import pytest

from lagebild.document import Document
from lagebild.pipeline import INTERNAL, STAGES, Pipeline, PipelineError, needed_for, writer_of

TEXT = ("Der russische Präsident Wladimir Putin hat den nordkoreanischen Machthaber Kim Jong-un "
        "am Donnerstag in Wladiwostok empfangen. Putin sagte, Nordkorea brauche Sicherheitsgarantien.")


def test_every_layer_a_stage_reads_is_written_by_an_earlier_stage():
    written = {"text"}
    for st in STAGES:
        assert set(st.reads) <= written, (st.name, set(st.reads) - written)
        for layer in st.uses:
            assert writer_of(layer) is not None, (st.name, layer)
        written |= set(st.writes)
    fields = set(Document.model_fields) | set(INTERNAL)
    assert {layer for st in STAGES for layer in st.writes} <= fields


def test_until_runs_a_stage_and_only_what_it_reads():
    assert needed_for("times") == ["anatomy", "sentences", "times"]
    assert needed_for("quotes") == ["anatomy", "sentences", "entities", "actors", "quotes"]
    doc = Pipeline(until="times").analyze(TEXT, published="2019-04-25")
    assert doc.times and doc.tokens and doc.entities == [] and doc.actors == []
    assert doc.done == {"text", "anatomy", "tokens", "sentences", "times"}


def test_a_stage_without_what_it_reads_is_refused_clearly():
    with pytest.raises(PipelineError, match=r"stage 'entities' reads 'sentences' \(written by stage 'sentences'\)"):
        Pipeline(until="actors", skip=("sentences",))
    with pytest.raises(PipelineError, match="unknown stage 'verbs'"):
        Pipeline(until="verbs")
    # a run without the anatomy stage expects documents that bring their anatomy (HTML);
    # a plain-text Document does not, and the stage that reads it says so
    pipe = Pipeline(until="sentences", skip=("anatomy",))
    with pytest.raises(PipelineError, match="stage 'sentences' reads 'anatomy'"):
        pipe.run(Document.new(TEXT))
    html = "<html><body><article><h1>Putin empfängt Kim</h1><p>" + TEXT + "</p></article></body></html>"
    doc = pipe.run(pipe.make_document(html, html=True))
    assert doc.sentences and doc.tokens


def test_skipping_a_stage_that_is_only_used_leaves_its_layer_empty():
    doc = Pipeline(until="quotes", skip=("entities", "actors")).analyze(TEXT, published="2019-04-25")
    assert doc.quotes and doc.quotes[0].speaker.text == "Putin"
    assert doc.quotes[0].speaker.actor is None and doc.entities == []


def test_the_encoder_states_are_an_internal_layer_dropped_after_the_run():
    doc = Pipeline(until="entities").analyze(TEXT)
    assert doc.entities and "encoded" not in doc.internal and "encoded" not in doc.done
    assert doc.internal["tokens"] is doc.tokens


def test_cli_skip_and_until(tmp_path, capsys):
    import json

    from lagebild.cli import main
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["analyze", str(path), "--until", "times", "--published", "2019-04-25"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["times"] and out["entities"] == []
    assert main(["analyze", str(path), "--skip", "sentences"]) == 1
    assert "reads 'sentences'" in capsys.readouterr().err


def test_stages_called_without_the_word_layer_say_so():
    from lagebild.actors import add_actors
    from lagebild.errors import MissingLayerError
    from lagebild.places import add_places
    from lagebild.quotes import add_quotes
    for stage in (add_actors, add_places, add_quotes):
        with pytest.raises(MissingLayerError, match="reads 'tokens'"):
            stage(Document.new(TEXT))


def test_a_document_that_brings_its_anatomy_runs_without_the_anatomy_stage():
    from lagebild.anatomy.html import document_from_html
    html = "<html><body><article><h1>Putin empfängt Kim</h1><p>" + TEXT + "</p></article></body></html>"
    doc = Pipeline(until="sentences", skip=("anatomy",)).run(document_from_html(html))
    assert doc.sentences and doc.tokens


def test_the_encoder_states_are_there_for_the_later_stages_during_the_run(monkeypatch):
    import lagebild.quotes as quotes
    seen = []
    real = quotes.add_quotes
    monkeypatch.setattr(quotes, "add_quotes", lambda d: (seen.append("encoded" in d.internal), real(d)))
    pipe = Pipeline(until="quotes")
    pipe.analyze(TEXT)
    assert seen == [True]
