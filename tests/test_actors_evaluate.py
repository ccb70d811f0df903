"""`lagebild evaluate actors`: the name matching, the reference classes of the event
corpus, and the per-kind report on a small gold folder."""
from __future__ import annotations

import json

from lagebild import scoring
from lagebild.actors import evaluate as ev
from lagebild.document import Actor, Document, Mention


def test_same_form_and_contains_word_allow_the_genitive():
    assert scoring.same_form("Putin", "Putins")
    assert scoring.same_form("„Spiegel“", '"spiegel"')
    assert not scoring.same_form("Putin", "Putina")
    assert scoring.contains_word("Russlands Präsident", "Russland")
    assert scoring.contains_word("der Präsident Wladimir Putin", "Wladimir Putin")
    assert not scoring.contains_word("Russlandreise", "Russland")


def test_side_matches_by_aliases():
    aliases = ["Wladimir Putin", "Putin", "Kremlchef"]
    assert ev.side_matches(["Wladimir Putin", "des Kremlchefs"], aliases)
    assert ev.side_matches(["Putins"], aliases)
    assert not ev.side_matches(["Dmitri Medwedew", "Präsident"], aliases)


def test_form_spans_whole_words_with_genitive():
    text = "Putins Sprecher sagte, Putin reise nicht. Der Putinismus bleibt."
    assert [text[s:e] for s, e in ev.form_spans(text, "Putin")] == ["Putins", "Putin"]
    other = "Die Vereinten\nNationen und die vereinten Nationen"
    assert [other[s:e] for s, e in ev.form_spans(other, "Vereinten Nationen")] == \
        ["Vereinten\nNationen", "vereinten Nationen"]


def test_a_form_two_gold_actors_share_is_left_out():
    forms = ev.gold_forms({"Israelische Armee": {"aliases": ["Armee"]},
                           "Libanesische Armee": {"aliases": ["Armee", "libanesischen Armee"]}})
    assert forms == {"Israelische Armee": {"israelische armee"},
                     "Libanesische Armee": {"libanesische armee", "libanesischen armee"}}


def test_reference_classes():
    assert ev.classify("er", "Wladimir Putin") == "pronoun"
    assert ev.classify("Sie", "Angela Merkel") == "pronoun"
    assert ev.classify("dessen", "Iran") == "pronoun"
    assert ev.classify("der Kremlchef", "Wladimir Putin") == "description"
    assert ev.classify("der 49-Jährige", "Wladimir Putin") == "description"
    assert ev.classify("die Regierung in Kiew", "Ukraine") == "description"
    assert ev.classify("Putins", "Wladimir Putin") == "name"
    assert ev.classify("Präsident Wladimir Putin", "Wladimir Putin") == "name"
    assert ev.classify("Mussawi", "Mir Hossein Mussawi") == "name"
    assert ev.classify("die USA", "USA") == "name"


def _doc(text: str, actors: dict[str, tuple[str, list[str]]]) -> Document:
    """A document whose actors have the given (kind, mention texts), at their first
    occurrences after one another."""
    doc = Document.new(text, published="2009-06-16")
    out, pos = [], {}
    for i, (name, (kind, texts)) in enumerate(actors.items()):
        mentions = []
        for t in texts:
            s = text.index(t, pos.get(t, 0))
            pos[t] = s + 1
            mentions.append(Mention(start=s, end=s + len(t), text=t))
        out.append(Actor(id=f"a{i + 1}", name=name, kind=kind, country="IRN", mentions=mentions))
    doc.actors = out
    return doc


GOLD = {"Mahmud Ahmadinedschad": {"type": "PER", "aliases": ["Ahmadinedschad", "Präsident Irans"], "country": "IRN"},
        "Iran": {"type": "LOC", "aliases": ["Irans"], "country": "IRN"},
        "Demonstranten": {"type": "GRP", "aliases": ["Demonstranten", "Anhänger"], "country": "IRN"}}


def test_nested_forms_link_to_the_closest_occurrence():
    text = "Der Präsident Irans, Mahmud Ahmadinedschad, sprach. Demonstranten riefen, Ahmadinedschad solle gehen."
    doc = _doc(text, {"Mahmud Ahmadinedschad": ("person", ["Präsident", "Mahmud Ahmadinedschad", "Ahmadinedschad"]),
                      "Iran": ("country", ["Irans"]), "Demonstranten": ("group", ["Demonstranten"])})
    judged = {j.key: j for j in ev.judge_article("t", doc, GOLD)}
    assert judged["Mahmud Ahmadinedschad"].merged and judged["Iran"].merged and judged["Demonstranten"].merged
    assert all(j.country for j in judged.values())


def test_split_and_conflated():
    text = "Ahmadinedschad siegte. Demonstranten und Anhänger von Ahmadinedschad zogen durch Teheran."
    doc = _doc(text, {"Mahmud Ahmadinedschad": ("person", ["Ahmadinedschad", "Anhänger"]),
                      "Demonstranten": ("group", ["Demonstranten"]),
                      "Ahmadinedschad (2)": ("person", ["Ahmadinedschad"])})
    judged = {j.key: j for j in ev.judge_article("t", doc, GOLD)}
    person, crowd = judged["Mahmud Ahmadinedschad"], judged["Demonstranten"]
    assert person.split and person.conflated and not person.merged
    assert crowd.split and crowd.conflated
    assert "also holds Demonstranten" in person.detail
    assert ev._errors(person) == ["split", "conflated"]


ARTICLE = ("Bundeskanzlerin Angela Merkel hat am Montag in Berlin den französischen Präsidenten Emmanuel "
           "Macron empfangen. Merkel sagte, Deutschland und Frankreich wollten in der Europapolitik eng "
           "zusammenarbeiten. Macron dankte der Kanzlerin für den Empfang.")


def test_report_on_a_gold_folder(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    actors = {"Angela Merkel": {"type": "PER", "aliases": ["Merkel", "Bundeskanzlerin", "Kanzlerin"], "country": "DEU"},
              "Emmanuel Macron": {"type": "PER", "aliases": ["Macron"], "country": "FRA"},
              "Deutschland": {"type": "LOC", "aliases": [], "country": "DEU"},
              "Frankreich": {"type": "LOC", "aliases": [], "country": "FRA"},
              "Europäische Kommission": {"type": "ORG", "aliases": ["EU-Kommission"], "country": "IGO"}}
    (tmp_path / "a.gold.json").write_text(json.dumps({"doc": "a.txt", "publication_date": "2018-05-07",
                                                      "actors": actors}), "utf-8")
    assert ev.main([str(tmp_path), "-v"]) == 0
    out = capsys.readouterr().out
    summary = json.loads(out.strip().splitlines()[-1].removeprefix("SUMMARY "))["gold"]
    # the commission is never named: it does not count
    assert summary["all"]["gold"] == 4 and summary["ORG"]["gold"] == 0
    assert summary["PER"] == {"gold": 2, "found": 2, "with_country": 2, "right_country": 2,
                              "merged_right": 2, "split": 0, "conflated": 0}
    assert summary["LOC"]["merged_right"] == summary["LOC"]["right_country"] == 2
    f = summary["all"]
    assert f["merged_right"] <= f["found"] <= f["gold"] and f["right_country"] <= f["with_country"]
