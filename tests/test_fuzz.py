"""No input crashes or hangs a run: mutated real articles through analyze_many, the
contract's invariants on every output, and the time budget per document."""
from __future__ import annotations

import importlib.util
import time

import pytest

from lagebild.budget import DocumentTimeout, time_limit
from lagebild.document import Document
from lagebild.pipeline import Pipeline


def _fuzz(repo):
    spec = importlib.util.spec_from_file_location("lagebild_fuzz", repo / "bench" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_mutated_articles_never_crash_and_keep_the_contract(repo):
    fuzz = _fuzz(repo)
    base = fuzz.articles([repo / "eval" / "heldout"])
    result = fuzz.run(fuzz.mutated(base, 24, seed=7), batch=8)
    counts = result["counts"]
    assert counts.get("uncaught", 0) == 0 and counts.get("violations", 0) == 0, result["problems"]
    assert counts.get("analysed", 0) >= 12


def test_every_mutation_changes_the_text_and_keeps_a_string(repo):
    import random
    fuzz = _fuzz(repo)
    text = (repo / "examples" / "wikinews-gdp-schaeuble-2005-12-19.txt").read_text("utf-8")
    for m in fuzz.MUTATIONS:
        out = m(text, random.Random(3))
        assert isinstance(out, str) and (out != text or m is fuzz.shuffle_lines), m.__name__


def test_time_limit_stops_a_busy_loop_and_restores_the_timer():
    start = time.perf_counter()
    with pytest.raises(DocumentTimeout, match="longer than 0.2 s"):
        with time_limit(0.2):
            while True:
                pass
    assert time.perf_counter() - start < 2
    with time_limit(5):
        with pytest.raises(DocumentTimeout):
            with time_limit(0.1):
                while True:
                    pass
    with time_limit(0):            # no limit
        time.sleep(0.01)


def test_a_document_over_its_budget_is_reported_and_the_run_goes_on():
    pipe = Pipeline(until="sentences", timeout=0.5)
    real = pipe.stages[-1][1]

    def slow(doc):
        if "Endlosschleife" in doc.text:
            while True:
                pass
        real(doc)

    pipe.stages[-1] = (pipe.stages[-1][0], slow)
    texts = ["Der Bundestag beriet am Montag über den Haushalt.",
             "Die Endlosschleife hält den Lauf an, sagte der Sprecher.",
             "Die Regierung legte am Dienstag den Haushalt vor."]
    out = list(pipe.analyze_many(texts, batch_size=3))
    assert [type(x).__name__ for x in out] == ["Document", "Failure", "Document"]
    assert out[1].reason == "timeout" and "longer than 0.5 s" in out[1].message
    assert out[2].sentences and isinstance(out[2], Document)


WORDS = ["Die", "Regierung", "in", "Berlin", "kritisierte", "den", "Angriff", "„", "“", "sagte", "er", ",", ".",
         "Putin", "am", "Montag", "\n", "\n\n", "(", ")", "2019", "Polizei", "nahm", "fest", "sei", "–", "»", "«"]


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


def test_generated_texts_keep_the_contract_or_are_refused(pipeline):
    from hypothesis import HealthCheck, given, settings, strategies as st

    from lagebild.errors import InputError

    text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=6)), min_size=1, max_size=120)

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(text)
    def check(parts):
        try:
            doc = pipeline.analyze(" ".join(parts), published="2020-05-01")
        except InputError:
            return
        assert doc.violations() == []
    check()


def test_an_inner_limit_gives_the_outer_one_back_what_is_left():
    import signal
    with time_limit(5):
        with time_limit(1):
            time.sleep(0.05)
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 4.5 < left < 5.0
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0
