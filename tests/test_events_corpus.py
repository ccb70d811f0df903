"""The annotated event corpus reader and the sentence-level event scorer."""
from __future__ import annotations

from lagebild.document import Actor, Document, Event, Mention, Span, TextSpan
from lagebild.events.corpus import Side, rebuild
from lagebild.events.evaluate_corpus import Scores, by_sentence, side_matches

RAW = {
    "doc_id": "1", "title": "Streit in Berlin", "published": "2005-10-06",
    "sentences": [
        {"i": 0, "text": "Die CDU kritisierte Edmund Stoiber.",
         "events": [{"type": "ACCUSE", "alt_types": ["REJECT"], "mode": "disapprove",
                     "trigger": {"text": "kritisierte", "start": 8, "end": 19},
                     "actor": [{"text": "Die CDU", "name": "CDU", "start": 0, "end": 7}],
                     "recipient": [{"text": "Edmund Stoiber", "name": "Edmund Stoiber", "start": 20, "end": 34}],
                     "negated": False, "hypothetical": False, "attributed": False}]},
        {"i": 1, "text": "Er wies das zurück.",
         "events": [{"type": "REJECT", "alt_types": [], "mode": None, "trigger": {"text": "wies", "start": 3, "end": 7},
                     "actor": [{"text": "Er", "name": "Edmund Stoiber", "start": 0, "end": 2}], "recipient": [],
                     "negated": False, "hypothetical": False, "attributed": False}]},
    ]}


def test_rebuilt_article_keeps_every_gold_span_on_its_text():
    a = rebuild(RAW)
    assert a.text.startswith("Streit in Berlin\n\nDie CDU kritisierte")
    assert [a.text[s:e] for s, e in a.sentences] == ["Die CDU kritisierte Edmund Stoiber.", "Er wies das zurück."]
    first, second = a.events
    assert a.text[first.trigger[0]:first.trigger[1]] == "kritisierte" and first.types == ("ACCUSE", "REJECT")
    assert a.text[first.recipient[0].start:first.recipient[0].end] == "Edmund Stoiber"
    assert second.sentence == 1 and a.text[second.actor[0].start:second.actor[0].end] == "Er"
    assert a.sentence_at(first.trigger[0]) == 0 and a.sentence_at(2) is None     # the title


def _doc_with_events(a, events):
    doc = Document.new(a.text)
    cdu = Actor(id="a1", name="Christlich Demokratische Union", kind="organization",
                mentions=[Mention(start=a.text.index("CDU"), end=a.text.index("CDU") + 3, text="CDU")])
    st = a.text.index("Edmund")
    stoiber = Actor(id="a2", name="Edmund Stoiber", kind="person",
                    mentions=[Mention(start=st, end=st + 14, text="Edmund Stoiber")])
    doc.actors = [cdu, stoiber]
    doc.events = events
    return doc


def _event(a, word, type_, source, target, sentence):
    s = a.text.index(word)
    return Event(id="e", type=type_, source=source, target=target,
                 trigger=TextSpan(start=s, end=s + len(word), text=word),
                 sentence=Span(start=a.sentences[sentence][0], end=a.sentences[sentence][1]))


def test_sides_match_by_whole_words_of_names_or_mentions():
    a = rebuild(RAW)
    doc = _doc_with_events(a, [])
    assert side_matches(doc, ["a1"], [Side("Die CDU", "CDU")])              # a mention "CDU"
    assert side_matches(doc, ["a2"], [Side("Er", "Edmund Stoiber")])       # the name
    assert not side_matches(doc, ["a1"], [Side("Er", "Edmund Stoiber")])
    assert not side_matches(doc, [], [Side("Er", "Edmund Stoiber")]) and side_matches(doc, [], [])
    assert not side_matches(doc, ["a2"], [Side("Stoi", "Stoi")])            # no part of a word


def test_scores_count_triggers_sides_and_full_events():
    a = rebuild(RAW)
    events = [_event(a, "kritisierte", "REJECT", ["a1"], ["a2"], 0),     # an alternative type: right
              _event(a, "wies", "REJECT", ["a1"], [], 1),                  # right trigger, wrong actor
              _event(a, "Berlin", "PROTEST", [], [], 0)]                   # in the title: left out
    doc = _doc_with_events(a, events)
    predicted = by_sentence(a, doc)
    assert sorted(predicted) == [0, 1]
    scores = Scores()
    for k in range(2):
        scores.add_sentence(doc, predicted.get(k, []), [g for g in a.events if g.sentence == k])
    assert (scores.trigger.tp, scores.trigger.fp, scores.trigger.fn) == (2, 0, 0)
    assert (scores.actor.tp, scores.actor.fp, scores.actor.fn) == (1, 1, 1)
    assert (scores.recipient.tp, scores.recipient.fp, scores.recipient.fn) == (1, 0, 0)
    assert (scores.full.tp, scores.full.fp, scores.full.fn) == (1, 1, 1)
    assert scores.mode_total == 1 and scores.mode_right == 0
