"""The learned event extractor (lagebild/events/learned.py): its heads on real German
sentences through the pipeline, how it joins the rules, and its training on a few articles."""
from __future__ import annotations

import torch

from lagebild.events import learned
from lagebild.pipeline import Pipeline

TEXT = ("Sicherheitskräfte haben in der Hauptstadt Minsk am Sonntag mehr als hundert Demonstranten "
        "festgenommen. Die Europäische Union verurteilte das Vorgehen der Regierung scharf und "
        "forderte die Freilassung aller Gefangenen. Die Opposition rief für Montag zu einem "
        "Generalstreik auf.")


def _events(monkeypatch, mode):
    monkeypatch.setenv("LAGEBILD_EVENT_EXTRACTOR", mode)
    doc = Pipeline().analyze(TEXT, published="2020-08-16")
    names = {a.id: a.name for a in doc.actors}
    return doc, [(e.type, e.trigger.text, [names[i] for i in e.source], [names[i] for i in e.target])
                 for e in doc.events]


def test_the_shipped_model_loads_with_its_dev_thresholds():
    heads, settings = learned.load()
    assert 0 < settings["trigger_threshold"] < 1 and 0 < settings["role_threshold"] < 1
    assert heads.lemmas and heads.tags and set(settings["modes_of"]) <= set(learned.TYPES)
    assert float(heads.sd.min()) > 0


def test_learned_extractor_alone_finds_triggers_of_the_right_types(monkeypatch):
    doc, found = _events(monkeypatch, "learned")
    types = {t for t, *_ in found}
    assert {"COERCE", "ACCUSE"} <= types, found
    assert all(e.confidence is not None for e in doc.events)
    assert doc.check_offsets() == []


def test_the_role_reader_reads_the_agent_of_a_passive(monkeypatch):
    # the victim stands first and the actor after "von": the reader sees the words between
    monkeypatch.setenv("LAGEBILD_EVENT_EXTRACTOR", "learned")
    doc = Pipeline().analyze("Der Oppositionspolitiker Alexej Nawalny wurde am Sonntag in Moskau von der "
                             "Polizei festgenommen.", published="2021-01-17")
    names = {a.id: a.name for a in doc.actors}
    found = [(e.type, [names[i] for i in e.source], [names[i] for i in e.target]) for e in doc.events]
    assert ("COERCE", ["Polizei"], ["Alexej Nawalny"]) in found, found


def test_the_rules_read_sides_for_a_word_no_lexicon_entry_names():
    # what the role reader is told the rules read: for any trigger word the learned heads
    # find, the lexicon's or not ("belieferte" is none of its triggers), and for a passive
    from lagebild.events import sentence_slots
    for text, verb, source, target in [
            ("Russland belieferte Syrien im vergangenen Jahr mit Waffen.", "belieferte", "Russland", "Syrien"),
            ("Bundeskanzlerin Angela Merkel wurde von Präsident Barack Obama im Weißen Haus empfangen.",
             "empfangen", "Barack Obama", "Angela Merkel")]:
        doc = Pipeline(until="actors").analyze(text, published="2015-01-01")
        names = {a.id: a.name for a in doc.actors}
        (_, tokens, slots, matches, rule_sides), = sentence_slots(doc)
        i = [t.text for t in tokens].index(verb)
        src, tgt, coded = rule_sides(i, "AID")
        assert ([names[a] for a in src], [names[a] for a in tgt], coded) == ([source], [target], True)
        assert learned.ruled([a for _, _, a, _ in slots], (src, tgt, coded)) == [
            (learned.RULED_SOURCE if names[a] == source else learned.RULED_TARGET) | learned.RULED_CODED
            for _, _, a, _ in slots]
    assert [m.entry.label for m in sentence_slots(Pipeline(until="actors").analyze(
        "Russland belieferte Syrien mit Waffen.", published="2015-01-01"))[0][3]] == []


def test_combined_keeps_the_rules_events_and_adds_the_learned_ones(monkeypatch):
    _, rules = _events(monkeypatch, "rules")
    _, combined = _events(monkeypatch, "combined")
    key = {(t, trig) for t, trig, _, _ in combined}
    assert {(t, trig) for t, trig, _, _ in rules} <= key
    assert len(combined) >= len(rules)


def test_word_vectors_average_the_pieces_of_each_word():
    states = torch.tensor([[1.0, 0.0], [3.0, 2.0], [5.0, 4.0]])
    # pieces "Fest" "nahme" | "n": the first word has two pieces
    vectors = learned.word_vectors(states, [0, 4, 10], [4, 9, 11], [(0, 9), (10, 11)])
    assert vectors.tolist() == [[2.0, 1.0], [5.0, 4.0]]


def test_training_runs_end_to_end_on_a_few_articles(tmp_path, shared):
    from lagebild.training.events.extractor import main
    out = tmp_path / "extractor.pt"
    assert main(["--limit", "3", "--epochs", "1", "--role-epochs", "1", "--cache", str(tmp_path / "cache"), "--out", str(out),
                 "--data", str(shared / "data" / "plover-events-de")]) == 0
    saved = torch.load(out, weights_only=False)
    assert saved["settings"]["epoch"] == 1 and saved["settings"]["role_epoch"] == 1
    assert saved["lemmas"] and any(k.startswith("roles.lstm.") for k in saved["state"])
    assert (tmp_path / "extractor-metrics.json").exists()
    # the reader alone anew, the word heads of the model just written kept as they are
    again = tmp_path / "again" / "extractor.pt"
    assert main(["--limit", "3", "--role-epochs", "1", "--cache", str(tmp_path / "cache"), "--out", str(again),
                 "--keep-word-heads", str(out), "--seed", "7", "--data", str(shared / "data" / "plover-events-de")]) == 0
    kept = torch.load(again, weights_only=False)
    for k, v in saved["state"].items():
        assert torch.equal(kept["state"][k], v) == (not k.startswith("roles.")), k


def _modes(monkeypatch, text, setting):
    monkeypatch.setenv("LAGEBILD_EVENT_MODES", setting)
    return [(e.type, e.mode, e.by) for e in Pipeline().analyze(text, published="2024-03-01").events]


def test_the_mode_head_fills_in_the_modes_the_lexicon_leaves_open(monkeypatch):
    text = "Die EU kritisierte die Festnahme des Journalisten. Die Opposition forderte den Rücktritt des Präsidenten."
    by_rules = _modes(monkeypatch, text, "rules")
    assert ("ACCUSE", None, "rules") in by_rules and ("REQUEST", None, "rules") in by_rules
    learned_modes = dict((t, m) for t, m, _ in _modes(monkeypatch, text, "learned"))
    assert learned_modes["ACCUSE"] == "disapprove"          # criticism, not an investigation
    _, modes_of = learned.load()
    assert learned_modes["REQUEST"] in modes_of["modes_of"]["REQUEST"]
    assert learned_modes["COERCE"] == "arrest"              # the lexicon's own mode stays


def test_the_lexicon_keeps_the_modes_it_names(monkeypatch):
    # the head alone reads "telefonierte" as a visit and "streikten" as a riot: where the
    # trigger names the mode, the lexicon is the surer
    text = "Merkel telefonierte am Abend mit Putin. Die Arbeiter streikten gegen die Firmenleitung."
    assert [(t, m) for t, m, _ in _modes(monkeypatch, text, "learned")] == [("CONSULT", "phone"), ("PROTEST", "strike")]
