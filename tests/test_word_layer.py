"""The word layer (`lagebild.segment`): tokens with lemma, part of speech and mood,
computed once and read by every stage; and German's closed word classes as one table."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from lagebild.document import Document
from lagebild.lang import de
from lagebild.segment import add_sentences, words

PACKAGE = Path(__file__).resolve().parents[1] / "lagebild"


def _doc(text: str) -> Document:
    doc = Document.new(text, published="2019-04-25")
    add_sentences(doc)
    return doc


def _by_text(doc: Document) -> dict:
    return {t.text: t for t in doc.tokens}


def test_tokens_carry_lemma_and_part_of_speech_in_context():
    doc = _doc("Der russische Präsident Wladimir Putin empfing am Donnerstag den nordkoreanischen "
               "Machthaber in Wladiwostok. Die Gespräche dauerten mehrere Stunden.")
    t = _by_text(doc)
    assert (t["Der"].pos, t["Der"].lemma) == ("ART", "der")
    assert (t["russische"].pos, t["russische"].lemma, t["russische"].stts) == ("ADJ(A)", "russisch", "ADJA")
    assert t["Präsident"].pos == "NN" and t["Putin"].pos == "NE"
    assert (t["empfing"].pos, t["empfing"].lemma, t["empfing"].stts) == ("VV(FIN)", "empfangen", "VVFIN")
    assert (t["Gespräche"].lemma, t["Stunden"].lemma) == ("Gespräch", "Stunde")
    assert t["in"].pos == "APPR" and t["."].pos.startswith("$")
    assert all(doc.text[x.start:x.end] == x.text for x in doc.tokens)


@pytest.mark.parametrize("sentence, verb, mood", [
    ("Der Minister sagte, Nordkorea brauche Sicherheitsgarantien.", "brauche", "konj1"),
    ("Die Regierung teilte mit, sie sei zu Gesprächen bereit.", "sei", "konj1"),
    ("Er erklärte, man werde die Sanktionen nicht aufheben.", "werde", "konj1"),
    ("Die Rebellen hätten die Stadt eingenommen, hieß es.", "hätten", "konj2"),
    ("Die Polizei nahm am Montag drei Verdächtige fest.", "nahm", "indicative"),
    ("Nordkorea braucht Sicherheitsgarantien.", "braucht", "indicative"),
])
def test_finite_verbs_carry_their_mood(sentence, verb, mood):
    t = _by_text(_doc(sentence))[verb]
    assert t.finite and t.mood == mood


def test_only_finite_verbs_have_a_mood():
    doc = _doc("Die Armee hat die Grenze geschlossen.")
    t = _by_text(doc)
    assert t["hat"].finite and t["hat"].mood == "indicative"
    assert t["geschlossen"].mood is None and t["Armee"].mood is None


def test_a_lower_case_word_after_a_romance_name_particle_is_foreign():
    # HanTa alone reads "gauche" as a German verb in the subjunctive, and the quotes stage
    # then took the name for reported speech
    t = _by_text(_doc("Der Kandidat des Front de gauche, Jean-Luc Mélenchon, hat das angeregt."))
    assert (t["gauche"].pos, t["gauche"].mood) == ("FM", None)
    t = _by_text(_doc("Die Minister der Länder sagten, sie kämen."))
    assert t["kämen"].pos == "VV(FIN)"     # (a German word after "der" stays what it is)


def test_dateline_has_tokens_but_no_sentence():
    from lagebild.pipeline import Pipeline
    doc = Pipeline(until="sentences").analyze(
        "Kim besucht Putin\n\nWladiwostok/Berlin . Der nordkoreanische Machthaber ist eingetroffen.\n\n"
        "Er wurde am Bahnhof empfangen.")
    dateline = [b for b in doc.anatomy.blocks if b.role == "dateline"]
    assert dateline, doc.anatomy.blocks
    inside = [t.text for t in doc.tokens if dateline[0].start <= t.start < dateline[0].end]
    assert "Wladiwostok" in inside
    assert not any(s.start <= dateline[0].start < s.end for s in doc.sentences)


def test_words_of_a_name_join_what_names_join_and_drop_punctuation():
    assert words("AT&T und Dr. Müller (U.S.-Armee), 14:30 Uhr") == ["AT&T", "und", "Dr", "Müller", "U.S", "Armee",
                                                                   "14", "30", "Uhr"]
    assert words("Nord- und Südkorea") == ["Nord", "und", "Südkorea"]


def test_function_word_classes_are_lower_case_sets_from_one_table():
    assert {"dass", "weil", "obwohl"} <= de.SUBORDINATORS
    assert {"wurde", "wurden", "worden"} == de.PASSIVE_PAST_AUXILIARIES
    assert "der" in de.RELATIVE_PRONOUNS and "deren" in de.RELATIVE_PRONOUNS
    assert "montag" in de.WEEKDAYS and "jänner" in de.MONTHS
    for name in dir(de):
        value = getattr(de, name)
        if name.isupper() and isinstance(value, frozenset):
            assert value and all(w == w.lower() and " " not in w for w in value), name


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def test_only_the_word_layer_tags_words():
    """HanTa is imported by the segment stage only (and by training code)."""
    users = [p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
             if any(m.startswith("HanTa") for m in _imports(p))]
    assert users and all(u.startswith(("segment/", "training/")) for u in users), users


def test_no_stage_outside_segment_tokenises():
    """No runtime module outside segment imports the tokenizer (training code may)."""
    offenders = []
    for p in PACKAGE.rglob("*.py"):
        rel = p.relative_to(PACKAGE).as_posix()
        if rel.startswith(("segment/", "training/")):
            continue
        src = p.read_text("utf-8")
        if "import tokenize" in src or "tokenize(" in src and "segment" in src and "def tokenize" not in src:
            offenders.append(rel)
    assert offenders == [], offenders


def test_memoised_tagger_gives_hantas_own_tags_and_lemmas():
    from HanTa import HanoverTagger as ht

    from lagebild.segment.tagging import tag
    plain = ht.HanoverTagger("morphmodel_ger.pgz")
    sentences = ["Die Polizei nahm am Montag drei Verdächtige fest .",
                 "Die Verdächtigen sollen die Polizei angegriffen haben , sagte ein Sprecher .",
                 "Ein Sprecher der Polizei sagte , die Lage sei ruhig ."]
    for _ in range(2):                       # the second round is answered from the memo
        for s in sentences:
            assert tag(s.split()) == plain.tag_sent(s.split())


def test_faster_viterbi_gives_hantas_own_tags_on_real_sentences():
    """segment/tagging.py's own Viterbi search, on every sentence of the repository's eval
    articles (about 700): the same tags and lemmas as HanTa's tag_sent."""
    import re

    from HanTa import HanoverTagger as ht

    from lagebild.segment.tagging import tag
    plain = ht.HanoverTagger("morphmodel_ger.pgz")
    repo = Path(__file__).resolve().parents[1]
    sentences = [re.findall(r"\w+(?:[-']\w+)*|[^\w\s]", s)
                 for f in sorted((repo / "eval").glob("*/*.txt"))
                 for s in re.split(r"(?<=[.!?])\s+", f.read_text("utf-8"))]
    sentences = [s for s in sentences if s]
    assert len(sentences) > 500
    assert [tag(s) for s in sentences] == [plain.tag_sent(s) for s in sentences]


def test_a_copied_document_has_its_own_word_layer():
    doc = _doc("Die Polizei nahm drei Verdächtige fest.")
    copy = doc.model_copy()
    copy.tokens = []
    assert doc.tokens and copy.tokens == [] and doc.internal is not copy.internal


def test_faster_morphology_gives_hantas_own_analyses_of_odd_words():
    """segment/morphology.py's search over a word's segments against HanTa's own, for every
    candidate tag: words of real articles, long compounds, and words with deleted, doubled
    and foreign letters, digits and punctuation (what mutated and scraped text holds)."""
    import random
    import re

    from HanTa import HanoverTagger as ht

    from lagebild.segment.morphology import Morphology
    plain = ht.HanoverTagger("morphmodel_ger.pgz")
    fast = Morphology(plain)
    repo = Path(__file__).resolve().parents[1]
    text = " ".join(f.read_text("utf-8") for f in sorted((repo / "eval").glob("dev2/*.txt")))
    words = sorted({w.lower() for w in re.findall(r"\S+", text)})
    rng = random.Random(5)
    odd = []
    for w in rng.sample(words, 200):
        k = rng.randrange(len(w))
        odd += [w[:k] + w[k + 1:], w[:k] + w[k] + w[k:], w + rng.choice(["ß", "é", "3", "-", ".", "ø"]) + w[::-1]]
    odd += ["bundesverfassungsgerichtspräsidentenwahl", "donaudampfschifffahrtsgesellschaft", "x", "ab", "1990er",
            "".join(rng.choice("abcdefghijklmnopqrstuvwxyzäöüß-.0123") for _ in range(40))]
    checked = 0
    for w in [w for w in words[::3] + odd if w]:
        tags = type(plain).analyze_forward(plain, w)
        assert fast.analyze_forward(w) == tags, w
        for pos, _ in tags[:3]:
            assert fast.analyze_viterbi(w, -pos) == type(plain).analyze_viterbi(plain, w, -pos), (w, pos)
            checked += 1
    assert checked > 1000


def test_stored_word_analyses_are_what_hantas_search_gives():
    """The shipped analyses of frequent news words (segment/word_analyses.tsv.gz) are looked
    up instead of searched: a sample of them, recomputed by HanTa's own searches."""
    import random

    from HanTa import HanoverTagger as ht

    from lagebild.segment.morphology import Morphology
    from lagebild.segment.tagging import _stored_analyses
    plain = ht.HanoverTagger("morphmodel_ger.pgz")
    stored = _stored_analyses()
    assert len(stored) > 5000
    looked_up = Morphology(plain, stored)
    forward = lemmas = 0
    for word in random.Random(3).sample(sorted(stored), 400):
        tags_field, lemma_field = stored[word].split("\t")
        if tags_field:
            assert looked_up.analyze_forward(word) == type(plain).analyze_forward(plain, word), word
            forward += 1
        for entry in lemma_field.split(" ") if lemma_field else []:
            pos = int(entry.split("=")[0])
            assert looked_up.analyze_viterbi(word, pos) == type(plain).analyze_viterbi(plain, word, pos), (word, pos)
            lemmas += 1
    assert forward > 50 and lemmas > 300
    # a word that is not stored is searched
    assert looked_up.analyze_forward("zzgrmpfhausen") == type(plain).analyze_forward(plain, "zzgrmpfhausen")
