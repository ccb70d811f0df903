"""The learned quote tagger: gold tags from SpkAtt files, runs of tags, joining a quote
around its frame, and the tagger beside the rules on German text."""
import json

import pytest

from lagebild.quotes.tagger import Run, Tagged, _merged, _pieces, runs
from lagebild.training.quotes.tagger import read_article

# a 2023 task-2 style file: one article, two sentences, one indirect and one reported quote
ARTICLE = {
    "DocumentName": "test",
    "Sentences": [
        {"SentenceId": 0, "Tokens": ["Die", "Ministerin", "sagte", ",", "die", "Lage", "sei", "ernst", "."]},
        {"SentenceId": 1, "Tokens": ["Die", "Opposition", "kritisierte", "den", "Haushalt", "scharf", "."]},
    ],
    "Annotations": [
        {"Form": "Indirect", "STWR": "Speech", "IsNested": False,
         "Message": ["0:4", "0:5", "0:6", "0:7"], "Source": ["0:0", "0:1"], "Cue": ["0:2"],
         "Frame": ["0:0", "0:1", "0:2", "0:3"], "Addr": []},
        {"Form": "Reported", "STWR": "Speech", "IsNested": False,
         "Message": ["1:3", "1:4", "1:5"], "Source": ["1:0", "1:1"], "Cue": ["1:2"],
         "Frame": ["1:0", "1:1", "1:2"], "Addr": []},
    ],
}


def test_gold_tags_from_a_spkatt_file(tmp_path):
    f = tmp_path / "a.json"
    f.write_text(json.dumps(ARTICLE, ensure_ascii=False), encoding="utf-8")
    art = read_article(f)
    text = art["text"]
    assert text.startswith("Die Ministerin sagte, die Lage sei ernst. Die Opposition")
    words = [text[a:b] for a, b in art["tokens"]]
    qtag, rtag, ftag = art["tags"]
    tagged = dict(zip(words, qtag))
    assert tagged["die"] == "B-indirect" and tagged["ernst"] == "I-indirect" and tagged["sagte"] == "O"
    assert qtag[words.index("den")] == "B-reported" and qtag[words.index("scharf")] == "I-reported"
    assert rtag[:3] == ["B-speaker", "I-speaker", "B-cue"]
    assert ftag[0] == "B-frame" and ftag[3] == "I-frame" and ftag[4] == "O"
    assert [len(ids) for _, _, ids in art["sentences"]] == [9, 7]


def _tags(spec):
    """Tagged tokens from (word, quote tag, role tag, frame tag), one space apart."""
    out, pos = [], 0
    for word, q, r, f in spec:
        out.append(Tagged(pos, pos + len(word), q, 0.9, r, f))
        pos += len(word) + 1
    return out


def test_runs_and_a_quote_joined_around_its_frame():
    spec = [("Das", "B-indirect", "O", "O"), ("Land", "I-indirect", "O", "O"),
            ("brauche", "I-indirect", "O", "O"), (",", "O", "O", "B-frame"),
            ("so", "O", "B-cue", "I-frame"), ("Putin", "O", "B-speaker", "I-frame"),
            (",", "O", "O", "I-frame"), ("Garantien", "B-indirect", "O", "O"),
            (".", "O", "O", "O")]
    tags = _tags(spec)
    text = " ".join(w for w, *_ in spec)
    quotes = runs(tags, "quote")
    assert [(r.label, r.first, r.last) for r in quotes] == [("indirect", 0, 2), ("indirect", 7, 7)]
    roles = runs(tags, "role")
    assert [(r.label, r.first) for r in roles] == [("cue", 4), ("speaker", 5)]
    joined = _merged(quotes, tags, runs(tags, "frame"))
    assert len(joined) == 1 and (joined[0].first, joined[0].last) == (0, 7)
    parts = _pieces(tags, joined[0].first, joined[0].last, text)
    assert [text[a:b] for a, b in parts] == ["Das Land brauche", "Garantien"]


def test_a_quote_is_not_joined_across_unframed_words():
    tags = _tags([("Er", "B-reported", "O", "O"), ("lobte", "I-reported", "O", "O"),
                  ("und", "O", "O", "O"), ("dann", "B-reported", "O", "O")])
    assert len(_merged(runs(tags, "quote"), tags, runs(tags, "frame"))) == 2
    assert isinstance(runs(tags, "quote")[0], Run)


TEXT = ("Der Innenminister sagte am Montag in Berlin: „Wir werden die Grenzen nicht schließen.“ "
        "Die Regierung müsse jetzt handeln, forderte die Grünen-Chefin.")


def _doc():
    from lagebild.document import Document
    from lagebild.segment import add_sentences
    doc = Document.new(TEXT)
    add_sentences(doc)
    return doc


def test_the_model_alone_finds_a_direct_quote_with_speaker_and_cue():
    from lagebild.quotes.tagger import MODEL_PATH, tag_article
    if not MODEL_PATH.exists():
        pytest.skip("no quote tagger model shipped")
    doc = _doc()
    tagged = tag_article(doc, found=[])              # no rule flags: the encoder's states only
    by_word = {TEXT[t.start:t.end]: t for t in tagged.tags}
    assert by_word["Grenzen"].quote == "I-direct" and by_word["Wir"].quote.endswith("direct")
    assert by_word["Innenminister"].role.endswith("speaker")
    assert by_word["sagte"].role == "B-cue"
    assert by_word["Montag"].quote == "O"


def test_with_the_tagger_on_rule_quotes_stay_and_speakers_are_kept(monkeypatch):
    from lagebild.quotes import add_quotes
    from lagebild.quotes.tagger import MODEL_PATH
    if not MODEL_PATH.exists():
        pytest.skip("no quote tagger model shipped")
    monkeypatch.setenv("LAGEBILD_QUOTE_TAGGER", "0")
    off = _doc()
    add_quotes(off)
    monkeypatch.setenv("LAGEBILD_QUOTE_TAGGER", "1")
    on = _doc()
    add_quotes(on)
    texts_off = [q.text for q in off.quotes]
    assert "Die Regierung müsse jetzt handeln" in texts_off
    assert set(texts_off) <= {q.text for q in on.quotes}     # the tagger never drops a rule quote
    speakers = {q.text: q.speaker.text for q in on.quotes if q.speaker}
    assert speakers["Die Regierung müsse jetzt handeln"] == "die Grünen-Chefin"
    assert on.internal.get("encoded") is not None                  # the states are kept for the next head
