"""NER on German news-like sentences through the entities stage."""
import pytest

from lagebild.document import Document
from lagebild.entities import add_entities, add_entities_many
from lagebild.entities.gazetteer import country_spans
from lagebild.training.ner.germeval import detokenize, read_germeval
from lagebild.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(until="entities")


def found(doc):
    return {(e.text, e.label) for e in doc.entities}


def test_merkel_meets_macron(pipeline):
    doc = pipeline.analyze("Bundeskanzlerin Angela Merkel traf in Paris den französischen "
                           "Präsidenten Emmanuel Macron.")
    ents = found(doc)
    assert ("Angela Merkel", "PER") in ents
    assert ("Emmanuel Macron", "PER") in ents
    assert ("Paris", "LOC") in ents
    assert all(doc.text[e.start:e.end] == e.text for e in doc.entities)


def test_organisations(pipeline):
    doc = pipeline.analyze("Die Vereinten Nationen und die Europäische Union forderten am Dienstag "
                           "ein Ende der Kämpfe. Der Siemens-Konzern kündigte in München Stellenabbau an.")
    labels = {t: l for t, l in found(doc)}
    assert labels.get("Vereinten Nationen") == "ORG"
    assert labels.get("Europäische Union") == "ORG"
    assert labels.get("München") == "LOC"


def test_derived_words_are_not_names(pipeline):
    doc = pipeline.analyze("Die russische Regierung wies die Vorwürfe der deutschen Behörden zurück.")
    texts = {e.text for e in doc.entities}
    assert "russische" not in texts and "deutschen" not in texts


def test_batch_equals_single(pipeline):
    texts = ["Der Bundestag beriet in Berlin über den Haushalt. Olaf Scholz verteidigte ihn.",
             "Wladimir Putin empfing in Moskau den chinesischen Staatschef Xi Jinping.",
             "Nach Angaben der Polizei in Hamburg wurde niemand verletzt."]
    docs = [pipeline.make_document(t) for t in texts]
    for d in docs:
        for name, stage in pipeline.stages:
            if name != "entities":
                stage(d)
    add_entities_many(docs)
    for t, d in zip(texts, docs):
        single = pipeline.analyze(t)
        assert [(e.start, e.end, e.label) for e in single.entities] == \
               [(e.start, e.end, e.label) for e in d.entities]


def test_gazetteer_finds_countries():
    text = "Frankreichs Präsident reiste in die USA, nach Nordkorea und Deutschland; nicht nach Georgetown."
    assert [text[a:b] for a, b in country_spans(text)] == ["Frankreichs", "USA", "Nordkorea", "Deutschland"]


def test_germeval_reader(tmp_path):
    tsv = tmp_path / "mini.tsv"
    tsv.write_text("#\tsource\n1\tDie\tO\tO\n2\tEU-Außenminister\tB-ORGpart\tO\n3\ttrafen\tO\tO\n"
                   "4\tsich\tO\tO\n5\tin\tO\tO\n6\tNew\tB-LOC\tO\n7\tYork\tI-LOC\tO\n8\t(\tO\tO\n"
                   "9\tUSA\tB-LOC\tO\n10\t)\tO\tO\n11\tmit\tO\tO\n12\trussischen\tB-LOCderiv\tO\n"
                   "13\tDiplomaten\tO\tO\n14\t.\tO\tO\n\n", encoding="utf-8")
    [s] = read_germeval(tsv)
    assert s.text == "Die EU-Außenminister trafen sich in New York (USA) mit russischen Diplomaten."
    assert [(s.text[a:b], l) for a, b, l in s.entities] == [("New York", "LOC"), ("USA", "LOC")]


def test_detokenize_spans():
    text, spans = detokenize(["Er", "sagte", ":", "„", "Ja", "“", "."])
    assert [text[a:b] for a, b in spans] == ["Er", "sagte", ":", "„", "Ja", "“", "."]


def _smartdata_doc(text, tokens, mentions, source="news"):
    """One document in SmartData v3's JSON shape (only the fields the reader uses)."""
    span = lambda s, e: {"start": s, "end": e, "attributes": None}
    return {"id": "doc-1", "text": {"string": text}, "refids": {"map": {"source": source}},
            "tokens": {"array": [{"span": span(s, e), "posTag": {"string": pos}} for s, e, pos in tokens]},
            "conceptMentions": {"array": [{"span": span(s, e), "type": t} for s, e, t in mentions]},
            "sentences": {"array": [{"span": span(0, len(text))}]}}


def test_smartdata_reader_keeps_clean_names(tmp_path):
    import gzip
    import json
    from lagebild.training.ner.smartdata import read_smartdata
    text = "Die Gruppe um Siemens-Chef Roland Busch ließ den Hauptbahnhof in Nürnberg räumen."
    at = lambda w: (text.index(w), text.index(w) + len(w))
    tokens = [(*at(w), pos) for w, pos in (("Gruppe", "NN"), ("Siemens-Chef", "NN"), ("Roland", "NE"),
                                           ("Busch", "NE"), ("Hauptbahnhof", "NN"), ("Nürnberg", "NE"))]
    mentions = [(*at("Gruppe"), "ORGANIZATION_COMPANY"), (*at("Roland Busch"), "PERSON"),
                (*at("Hauptbahnhof"), "LOCATION_STOP"), (*at("Nürnberg"), "LOCATION_CITY"),
                (*at("Siemens-Chef"), "ORG_POSITION")]
    path = tmp_path / "mini.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(_smartdata_doc(text, tokens, mentions), indent=2) + "\n")
        fh.write(json.dumps(_smartdata_doc("Ein Tweet über Berlin.", [], [], source="tweet")))
    [s] = read_smartdata(path, sources=("news",))
    assert [(s.text[a:b], l) for a, b, l in s.entities] == [("Roland Busch", "PER"), ("Nürnberg", "LOC")]
    # a common noun marked as a company and an unclear stop: neither name nor O
    assert sorted(s.text[a:b] for a, b in s.ignore) == ["Gruppe", "Hauptbahnhof"]
    assert s.partial


def test_partial_label_loss_allows_misc():
    import torch
    from lagebild.entities.ner import TAGS
    from lagebild.training.ner.train import O_OR_MISC, tag_loss
    labels = torch.tensor([[O_OR_MISC]])
    misc = torch.full((1, 1, len(TAGS)), -5.0); misc[0, 0, TAGS.index("B-MISC")] = 5.0
    per = torch.full((1, 1, len(TAGS)), -5.0); per[0, 0, TAGS.index("B-PER")] = 5.0
    # an unmarked piece of a corpus without MISC: MISC costs little, PER a lot
    assert tag_loss(misc, labels) < 0.01 < 5 < tag_loss(per, labels)
    full = torch.tensor([[TAGS.index("B-PER"), -100]])
    two = torch.cat([per, misc], 1)
    assert torch.isclose(tag_loss(two, full), tag_loss(per, full[:, :1]))


def test_a_capitalised_adjective_opening_a_sentence_is_no_name(pipeline):
    doc = pipeline.analyze("Scharfe Kritik an der Regierung übte am Dienstag die Opposition im Parlament. "
                           "Merkel reiste am Montag nach Paris.")
    names = found(doc)
    assert not any(text == "Scharfe" for text, _ in names)
    assert ("Merkel", "PER") in names and ("Paris", "LOC") in names


def test_the_opening_word_check_reads_the_word_class():
    from lagebild.entities import _opening_adjective
    from lagebild.segment import add_sentences
    doc = Document.new("Neue Proteste gab es in Minsk. Müller traf Schmidt in Minsk.")
    add_sentences(doc)
    first, second = doc.sentences
    assert _opening_adjective(doc, first, 0, 4)                       # "Neue"
    assert not _opening_adjective(doc, second, second.start, second.start + 6)   # "Müller"
    assert not _opening_adjective(doc, first, 10, 17)                 # not the opening word


def test_ler_reader_maps_legal_types_to_news_types(tmp_path):
    from lagebild.training.ner.ler import read_ler
    conll = tmp_path / "mini.conll"
    rows = [("Der", "O"), ("Bundesgerichtshof", "B-GRT"), ("in", "O"), ("Karlsruhe", "B-ST"),
            ("hat", "O"), ("Richter", "O"), ("Dr.", "O"), ("Jay", "B-RR"), ("Saoud", "I-RR"),
            ("zu", "O"), ("§", "B-GS"), ("5", "I-GS"), ("BGB", "I-GS"), ("gehört", "O"), (",", "O"),
            ("den", "O"), ("A", "B-PER"), ("vertritt", "O"), (".", "O"), ("", ""),
            ("Nur", "O"), ("Paragraphen", "O"), ("§", "B-GS"), ("1", "I-GS"), (".", "O"), ("", "")]
    conll.write_text("".join(f"{t} {g}\n" if t else "\n" for t, g in rows), encoding="utf-8")
    [s] = read_ler(conll)      # the second sentence has no name: not kept
    assert s.text.startswith("Der Bundesgerichtshof in Karlsruhe hat Richter Dr. Jay Saoud zu § 5 BGB")
    assert [(s.text[a:b], l) for a, b, l in s.entities] == [
        ("Bundesgerichtshof", "ORG"), ("Karlsruhe", "LOC"), ("Jay Saoud", "PER")]
    # a norm and an anonymised party: neither name nor O
    assert sorted(s.text[a:b] for a, b in s.ignore) == ["A", "§ 5 BGB"]
    assert s.partial


def test_ler_reader_can_keep_every_kth_sentence_with_a_name(tmp_path):
    from lagebild.training.ner.ler import read_ler
    conll = tmp_path / "courts.conll"
    names = ["Berlin", "Hamburg", "Kiel", "Bonn", "Essen"]
    text = "Ohne O\nNamen O\n. O\n\n".join(f"In O\n{n} B-ST\n. O\n\n" for n in names)
    conll.write_text(text, encoding="utf-8")
    assert [s.text for s in read_ler(conll, every=2)] == ["In Berlin.", "In Kiel.", "In Essen."]
    assert [s.text for s in read_ler(conll, every=2, limit=2)] == ["In Berlin.", "In Kiel."]


def test_pseudo_labels_keep_confident_sentences_with_names(tmp_path):
    """Self-training data: the installed model tags unannotated news sentences; those
    without a name, and too short ones, are not kept; the labels file brings them back."""
    import json
    from lagebild.training.ner.pseudo import read_pseudo
    sentences = [["Bundeskanzlerin", "Angela", "Merkel", "besuchte", "am", "Montag", "Paris", "."],
                 ["Das", "Wetter", "war", "am", "Montag", "sehr", "schön", "."],
                 ["Kurz", "."]]
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "1 - Artikel (2019-04-25).json").write_text(json.dumps(
        {"Sentences": [{"SentenceId": i, "Tokens": t} for i, t in enumerate(sentences)]}), encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    [s] = read_pseudo(tmp_path / "news", labels, min_prob=0.5)
    assert s.text == "Bundeskanzlerin Angela Merkel besuchte am Montag Paris."
    assert [(s.text[a:b], l) for a, b, l in s.entities] == [("Angela Merkel", "PER"), ("Paris", "LOC")]
    assert s.source == "1 - Artikel (2019-04-25).json#0"
    assert read_pseudo(tmp_path / "news", labels) == [s]          # from the file, not relabelled
    assert read_pseudo(tmp_path / "news", min_prob=1.0) == []     # no sentence is that certain


def test_shipped_pseudo_labels_point_at_names(shared):
    from lagebild.training.ner.pseudo import read_pseudo
    from lagebild.training.ner.train import CONFIG
    import yaml
    [x] = [x for x in yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["data"]["extra"] if x["format"] == "pseudo"]
    sents = read_pseudo(shared / "data" / "spkatt2023-task2-news-de" / "train", CONFIG.parent / x["labels"])
    assert len(sents) == x["limit"]
    # the offsets still fit the texts: every span is whole words, nearly all capitalised
    # ("dpa", "ver.di" and "eBay" are not)
    assert all((a == 0 or not s.text[a - 1].isalnum()) and (b == len(s.text) or not s.text[b].isalnum())
               for s in sents for a, b, _ in s.entities)
    names = [(s.text[a:b], l) for s in sents for a, b, l in s.entities]
    assert sum(n[:1].isupper() or n[:1].isdigit() for n, _ in names) > 0.98 * len(names)
    assert ("Neil Armstrong", "PER") in names or ("Armstrong", "PER") in names


def test_train_ner_writes_a_model_the_encoder_loads(shared, tmp_path):
    """`lagebild train ner` end to end on 40 GermEval sentences (a few steps, so no
    quality is asserted): it writes the tuned upper layers, the head and the held-out
    figures, and the files load into the encoder and the entities stage's tagger."""
    import json
    import torch
    import yaml
    from lagebild.encoder import Encoder
    from lagebild.entities import tag_texts
    from lagebild.training.ner.train import CONFIG, load_head, main
    src = shared / "data" / "germeval2014-ner-de" / "NER-de-dev.tsv"
    blocks = src.read_text(encoding="utf-8").split("\n\n")[:40]
    (tmp_path / "mini.tsv").write_text("\n\n".join(blocks) + "\n\n", encoding="utf-8")
    cfg = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    cfg["data"].update(dir=str(tmp_path), files=["mini.tsv"], held_out=6, dev=4)
    cfg["data"].pop("extra", None)
    cfg["train"].update(ema=0.9, keep="last", evals_per_epoch=1)
    (tmp_path / "cfg.yaml").write_text(yaml.safe_dump(cfg), encoding="utf-8")
    out = tmp_path / "model"
    assert main(["--config", str(tmp_path / "cfg.yaml"), "--quick", "--out-dir", str(out)]) == 0
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["sizes"] == {"train": 30, "dev": 4, "held_out": 6, "extra": 0}
    assert metrics["best_weights"] == "ema" and {"held_out_fp32", "held_out_bf16"} <= set(metrics)
    from lagebild.training.ner.train import write_card     # (a quick run writes no card itself)
    write_card(out / "MODEL_CARD.md", metrics, ["--quick"])
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "## Held-out exact-span F1 (bf16 layers" in card and "lagebild train ner --quick" in card
    tuned = Encoder(tuned=out / "tuned-layers.pt")
    base = Encoder(tuned=None)
    frozen = cfg["train"]["frozen_layers"]
    assert tuned.tuned_from == frozen
    assert torch.equal(tuned.model.layers[0].q.weight, base.model.layers[0].q.weight)
    assert not torch.equal(tuned.model.layers[-1].q.weight, base.model.layers[-1].q.weight)
    [spans] = tag_texts(["Angela Merkel reiste nach Paris."], tuned, load_head(out / "ner-head.pt"))
    assert all(0 <= s.start < s.end <= 31 for s in spans)


def test_a_lower_case_derived_adjective_is_no_name(pipeline):
    from lagebild.entities import _derived_adjective
    doc = pipeline.analyze("Nach dem Referendum kam es zur Eingliederung der Halbinsel Krim in die russische Föderation.")
    assert ("Krim", "LOC") in found(doc)
    assert not any(e.text == "russische" for e in doc.entities)
    assert all(map(_derived_adjective, ["russische", "deutschen", "israelischen", "französisch"]))
    assert not any(map(_derived_adjective, ["al-Arabiya", "dpa", "Russische Föderation", "taz"]))


def test_a_word_of_a_persons_full_name_is_that_person():
    from lagebild.entities import _persons_named_alike
    text = ("Gegner des Präsidenten Muhammad Husni Mubarak und Kritiker Thaksins zogen vor das Rathaus "
            "von Mubarak City; Thaksin Shinawatra schwieg. Mubarak sprach in Kairo.")

    def ent(word, label, nth=0):
        return _entity(text, word, label, nth)
    ents = [ent("Muhammad Husni Mubarak", "PER"), ent("Thaksins", "LOC"), ent("Mubarak City", "LOC"),
            ent("Thaksin Shinawatra", "PER"), ent("Mubarak", "LOC", 2), ent("Kairo", "LOC")]
    out = [(e.text, e.label) for e in _persons_named_alike(ents)]
    assert out == [("Muhammad Husni Mubarak", "PER"), ("Thaksins", "PER"), ("Mubarak City", "LOC"),
                   ("Thaksin Shinawatra", "PER"), ("Mubarak", "PER"), ("Kairo", "LOC")]


def test_a_one_word_name_takes_its_label_of_the_article():
    """The model reads one sentence at a time; within one article a one-word name keeps the
    label it has most often (a place named six times is not a person the seventh), and a
    tie changes nothing."""
    from lagebild.entities import _article_majority

    text = ("Kim reiste nach Pjöngjang. In Pjöngjang wartete die Regierung. Pjöngjang sagte nichts. "
            "Paris und Berlin stimmten zu, Berlin zögerte.")

    def ent(word, label, nth=0):
        return _entity(text, word, label, nth)
    ents = [ent("Kim", "PER"), ent("Pjöngjang", "LOC", 0), ent("Pjöngjang", "LOC", 1), ent("Pjöngjang", "PER", 2),
            ent("Paris", "LOC"), ent("Berlin", "LOC", 0), ent("Berlin", "ORG", 1)]
    labels = [(e.text, e.label) for e in _article_majority(ents)]
    assert labels == [("Kim", "PER"), ("Pjöngjang", "LOC"), ("Pjöngjang", "LOC"), ("Pjöngjang", "LOC"),
                      ("Paris", "LOC"), ("Berlin", "LOC"), ("Berlin", "ORG")]


def _entity(text: str, word: str, label: str, nth: int = 0):
    """The entity of the nth occurrence of `word` in `text` (0: the first)."""
    from lagebild.document import Entity
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Entity(start=start, end=start + len(word), text=word, label=label)


def _best_tags_in_torch(logp):
    """The decoder's Viterbi as it was written with torch calls per word: the reference."""
    import torch
    from lagebild.entities.ner import ALLOWED, STARTS_OK
    blocked = torch.tensor(-1e9)
    score = torch.where(STARTS_OK, logp[0], blocked)
    back = []
    for row in logp[1:]:
        best, idx = (score[:, None] + torch.where(ALLOWED, torch.tensor(0.0), blocked)).max(0)
        score = best + row
        back.append(idx)
    j = int(score.argmax())
    path = [j]
    for idx in reversed(back):
        j = int(idx[j])
        path.append(j)
    return path[::-1]


def test_the_numpy_viterbi_chooses_the_tags_the_torch_one_did(pipeline):
    # the tag sequences of real sentences (the model's own probabilities), of random ones,
    # and of ties (equal probabilities everywhere: the first best tag, as torch takes it)
    import torch
    from lagebild.encoder import get_encoder
    from lagebild.entities import _head
    from lagebild.entities.ner import TAGS, best_tags, words
    text = ("Bundeskanzler Olaf Scholz traf am Montag in Paris den französischen Präsidenten Emmanuel "
            "Macron und die Chefin der EU-Kommission, Ursula von der Leyen. Die Vereinten Nationen "
            "und das Internationale Rote Kreuz warnten vor einer Hungersnot im Sudan.")
    enc = get_encoder().encode([text])[0]
    with torch.inference_mode():
        probs = _head()(enc.states).softmax(-1)
    firsts = [g[0] for g in words(text, enc.starts, enc.ends)]
    real = probs[firsts].clamp_min(1e-9).log()
    gen = torch.Generator().manual_seed(7)
    cases = [real, real[:1], torch.zeros(5, len(TAGS)), torch.full((4, len(TAGS)), -2.0)]
    cases += [torch.randn(n, len(TAGS), generator=gen).log_softmax(-1) for n in (1, 2, 3, 17, 60)]
    for logp in cases:
        assert best_tags(logp) == _best_tags_in_torch(logp)
    tags = [TAGS[j] for j in best_tags(real)]
    assert "B-PER" in tags and "I-PER" in tags and "B-LOC" in tags
