"""The times layer: the table of tests/data/times_cases.yaml, the stage on a Document, and the
per-sentence lookup that events use."""
from pathlib import Path

import pytest
import yaml

from lagebild.document import Document, Sentence
from lagebild.times import add_times, best_date, date_near, sentence_date, tag, times_in

CASES = yaml.safe_load((Path(__file__).parent / "data" / "times_cases.yaml").read_text("utf-8"))["cases"]


def _id(case):
    return f"{case['published']}|{case['text'][:50]}"


def test_the_table_is_large_enough():
    assert len(CASES) >= 80
    assert sum(1 for c in CASES if not c["times"]) >= 10


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_case(case):
    published = str(case["published"]) if case["published"] else None
    found = tag(case["text"], published)
    for f in found:
        assert case["text"][f.start:f.end] == f.text
    if not case["times"]:
        assert found == [], f"false alarm: {[(f.text, f.value) for f in found]}"
        return
    for expected in case["times"]:
        text, value = str(expected[0]), str(expected[1])
        hits = [f for f in found if text in f.text]
        assert hits, f"{text!r} not found; found {[(f.text, f.value) for f in found]}"
        assert any(f.value == value for f in hits), f"{text!r}: {[(f.text, f.value) for f in hits]} != {value}"
        if len(expected) > 2:
            assert any(f.type == expected[2] for f in hits if f.value == value)


def _doc(text, published="2019-04-25"):
    doc = Document.new(text, published=published)
    spans, start = [], 0
    for part in text.split(". "):
        end = start + len(part) + (1 if start + len(part) < len(text) else 0)
        spans.append(Sentence(start=start, end=min(end, len(text))))
        start = end + 1
    doc.sentences = spans
    return doc


def test_stage_writes_times_with_exact_offsets_and_lookup_by_sentence():
    doc = _doc("Die Minister trafen sich am Dienstag in Wien. Im Juni 2018 war ein erstes Treffen gescheitert. "
               "Die Gespräche dauerten zwei Stunden.")
    add_times(doc)
    assert [t.text for t in doc.times] == ["am Dienstag", "Im Juni 2018", "zwei Stunden"]
    assert doc.check_offsets() == []
    first, second, third = doc.sentences
    assert [t.value for t in times_in(doc, first)] == ["2019-04-23"]
    assert sentence_date(doc, first) == "2019-04-23"
    assert sentence_date(doc, second) == "2018-06"
    assert sentence_date(doc, third) is None            # a length is no date
    assert sentence_date(doc, third, default="2019-04-25") == "2019-04-25"


def test_stage_without_sentences_reads_the_whole_text():
    doc = Document.new("Am Donnerstag wurde gewählt.", published="2019-04-27")
    add_times(doc)
    assert [(t.text, t.value) for t in doc.times] == [("Am Donnerstag", "2019-04-25")]


def test_best_date_prefers_the_most_specific_value():
    doc = Document.new("Im Jahr 2017 und am 3. Mai 2017 sowie im Juni 2017 geschah es.", published="2019-04-25")
    doc.sentences = [Sentence(start=0, end=len(doc.text))]
    add_times(doc)
    assert best_date(doc.times) == "2017-05-03"


def test_part_of_day_takes_the_day_of_the_sentence_before():
    doc = _doc("Am Dienstag griffen Rebellen die Stadt an. Am Abend zogen sie sich zurück.")
    add_times(doc)
    assert [t.value for t in doc.times] == ["2019-04-23", "2019-04-23TEV"]


def test_stage_is_registered_after_actors_and_before_places():
    from lagebild.pipeline import STAGES
    names = [st.name for st in STAGES]
    assert "times" in names
    assert names.index("times") > names.index("sentences")
    if "places" in names:
        assert names.index("times") < names.index("places")


def test_date_near_takes_the_time_closest_to_the_trigger():
    text = "Nachdem die Armee am Samstagabend einmarschiert war, protestierte die UNO am Montag."
    doc = Document.new(text, published="2009-01-07")
    doc.sentences = [Sentence(start=0, end=len(text))]
    add_times(doc)
    sentence = doc.sentences[0]
    assert date_near(doc, sentence, text.index("einmarschiert")) == "2009-01-03"
    assert date_near(doc, sentence, text.index("UNO")) == "2009-01-05"
    assert sentence_date(doc, sentence) == "2009-01-03"


def test_dev_gold_times_recall_and_values(shared):
    """The times layer alone (anatomy, sentences, times) on the dev gold, scored by the
    project's scorer: recall and the share of right values stay at or above 0.90."""
    import importlib.util
    import json

    from lagebild.pipeline import Pipeline

    spec = importlib.util.spec_from_file_location("lagebild_score", shared / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    times, values = score.Tally(), score.Tally()
    pipeline = Pipeline(until="times", skip=("entities", "actors"))
    for gp in sorted((shared / "eval" / "dev").glob("*.gold.json")):
        gold = json.loads(gp.read_text("utf-8"))
        text = (gp.parent / gold["doc"]).read_text("utf-8")
        doc = pipeline.analyze(text, published=gold.get("publication_date"))
        score.score_times(doc.to_dict(), gold, times, values)
    p, r, _ = times.prf()
    assert r >= 0.90 and p >= 0.85, (p, r)
    assert values.prf()[1] >= 0.90


def test_the_trie_alternations_match_as_the_flat_ones_did():
    # every rule compiled with its word lists as tries finds the same matches, with the same
    # groups, as compiled with the flat longest-first alternations, on real articles
    import re
    from lagebild.times import tagger, vocabulary

    def compiled(alternation):
        vocabulary.macros.cache_clear()
        tagger.rules.cache_clear()
        saved, vocabulary._alternation = vocabulary._alternation, alternation
        try:
            return tagger.rules()
        finally:
            vocabulary._alternation = saved
            vocabulary.macros.cache_clear()
            tagger.rules.cache_clear()

    flat, trie = compiled(vocabulary._flat_alternation), compiled(vocabulary._alternation)
    assert any(a.regex.pattern != b.regex.pattern for a, b in zip(flat, trie))
    texts = [p.read_text("utf-8") for p in sorted(Path(__file__).parents[1].glob("eval/*/*.txt"))]
    texts.append("Seit siebenundzwanzig Jahren, seit sieben Tagen und seit zwanzig Monaten; in den "
                 "vergangenen zweieinhalb Wochen, am  Ostermontag  und   Heiligabend.")
    found = 0
    for a, b in zip(flat, trie):
        for text in texts:
            got = [(m.span(), m.groupdict()) for m in b.regex.finditer(text)]
            assert got == [(m.span(), m.groupdict()) for m in a.regex.finditer(text)], (a.name, text[:60])
            found += len(got)
    assert found > 200
    # a list whose words part at letters that differ only in case stays flat
    assert vocabulary._alternation(["Ab", "ab"]) == vocabulary._flat_alternation(["Ab", "ab"])
    assert re.fullmatch(vocabulary._alternation(["sieben", "siebenundzwanzig", "sechs"]), "siebenundzwanzig")


def test_the_rules_prefilter_never_skips_a_sentence_a_rule_matches():
    """Each rule runs only on sentences holding a word it cannot match without
    (times/prefilter.py). On every sentence of the eval articles and on mutated copies
    (case flipped, letters doubled and dropped, words joined), whatever a rule matches, its
    prefilter finds: the times are those of running every rule on every sentence."""
    import random
    import re as regex

    from lagebild.times.prefilter import lowered, may_match
    from lagebild.times.tagger import rules
    repo = Path(__file__).resolve().parents[1]
    text = " ".join(f.read_text("utf-8") for f in sorted((repo / "eval").glob("*/*.txt")))
    sentences = regex.split(r"(?<=[.!?])\s+", text)
    rng = random.Random(11)
    mutated = []
    for s in rng.sample(sentences, 300):
        k = rng.randrange(len(s) or 1)
        mutated += [s.upper(), s.swapcase(), s[:k] + s[k:k + 1] * 2 + s[k + 1:], s[:k] + s[k + 1:],
                    s.replace(" ", "", 1), s.replace("ss", "ß").replace("ä", "ae"), s.replace("s", "ſ"),
                    s.replace("i", "İ"), s.replace("k", "\u212a")]
    checked = skipped = 0
    for s in sentences + mutated:
        lower = lowered(s)
        for rule in rules():
            if not may_match(rule.needs, s, lower):
                skipped += 1
                assert next(rule.regex.finditer(s), None) is None, (rule.name, s)
            checked += 1
    assert checked > 20_000 and skipped > checked / 2      # and it spares most of the work
