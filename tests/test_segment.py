"""Tokens and sentences on German news text."""
import pytest

from lagebild import analyze
from lagebild.segment import split_sentences, tokenize


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text, tokenize(text))]


@pytest.mark.parametrize("text, expected", [
    ("Das sagte Dr. Müller am Montag. Er blieb.", ["Das sagte Dr. Müller am Montag.", "Er blieb."]),
    ("Es kamen u. a. Vertreter der Länder, z. B. Bayern. Danach ging es weiter.",
     ["Es kamen u. a. Vertreter der Länder, z. B. Bayern.", "Danach ging es weiter."]),
    ("Die Wahl ist am 1. Mai. Am 25. April traf er Kim.", ["Die Wahl ist am 1. Mai.", "Am 25. April traf er Kim."]),
    ("Er besuchte den 3. Bezirk. Dann fuhr er heim.", ["Er besuchte den 3. Bezirk.", "Dann fuhr er heim."]),
    ("Die Zahl der Toten stieg auf 22. Die Polizei schwieg.", ["Die Zahl der Toten stieg auf 22.", "Die Polizei schwieg."]),
    ("Das war im Jahr 2017. Seitdem ist es ruhig.", ["Das war im Jahr 2017.", "Seitdem ist es ruhig."]),
    ("US-Präsident George W. Bush reiste ab. Er kam nie wieder.", ["US-Präsident George W. Bush reiste ab.", "Er kam nie wieder."]),
    ("„Wir müssen handeln.“, betont er. „Wer soll das bezahlen?“ Niemand antwortete.",
     ["„Wir müssen handeln.“, betont er.", "„Wer soll das bezahlen?“", "Niemand antwortete."]),
    ("Ihre Einschätzung: „Es wird schwierig, es wird lange dauern.“ (Anna Berger)",
     ["Ihre Einschätzung: „Es wird schwierig, es wird lange dauern.“", "(Anna Berger)"]),
    ("Die Nr. 2 der Partei trat zurück. Ein Nachfolger fehlt.", ["Die Nr. 2 der Partei trat zurück.", "Ein Nachfolger fehlt."]),
    # a quotation that begins in lower case goes on the sentence (here after the ordinal "XVI.")
    ("Merkel sagte, Benedikt XVI. „ist und bleibt ein großer Denker“. Es müsse respektiert werden.",
     ["Merkel sagte, Benedikt XVI. „ist und bleibt ein großer Denker“.", "Es müsse respektiert werden."]),
    ("Er schwieg. „Wir gehen“, sagte sie.", ["Er schwieg.", "„Wir gehen“, sagte sie."]),
])
def test_sentence_boundaries(text, expected):
    assert sentences(text) == expected


def test_tokens_keep_offsets_and_split_numbers_words_and_punctuation():
    text = "Am 25.04.2019 um 14:30 Uhr kamen 1.000 Nord- und Südkoreaner (u.a. Kim)."
    toks = tokenize(text)
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert [t.text for t in toks] == ["Am", "25.04.2019", "um", "14:30", "Uhr", "kamen", "1.000", "Nord-", "und",
                                      "Südkoreaner", "(", "u.a.", "Kim", ")", "."]


def test_headings_without_final_punctuation_are_their_own_sentences():
    text = ("Putin empfängt Kim\n\nDer russische Präsident hat am Donnerstag den nordkoreanischen "
            "Machthaber getroffen. Beide sprachen zwei Stunden.\n\nGespräche ohne Ergebnis\n\n"
            "Ein Abkommen gab es nicht. Die Delegationen reisten am Abend ab.")
    doc = analyze(text)
    got = [(text[s.start:s.end], s.role) for s in doc.sentences]
    assert got[0] == ("Putin empfängt Kim", "title")
    assert ("Gespräche ohne Ergebnis", "heading") in got
    assert len(got) == 6


def test_a_run_without_full_stops_is_cut_into_bounded_sentences():
    """Scraped pages have lines of thousands of words without a full stop; no sentence may
    hold more than MAX_SENTENCE_TOKENS tokens, and a cut falls after a comma where one is."""
    from lagebild.document import Document
    from lagebild.segment import MAX_SENTENCE_TOKENS, add_sentences
    clause = "die Regierung in Berlin kündigte neue Hilfen für die Landwirte an, "
    text = (clause * 300).rstrip(", ")
    doc = Document.new(text)
    add_sentences(doc)
    sizes = [len(doc.sentence_tokens(s)) for s in doc.sentences]
    assert len(doc.sentences) > 1 and max(sizes) <= MAX_SENTENCE_TOKENS
    assert all(doc.text[s.start:s.end].endswith(",") for s in doc.sentences[:-1])
    assert sum(sizes) == len(doc.tokens)            # every token in exactly one sentence
    short = Document.new("Der Kanzler reiste nach Paris, wo er den Präsidenten traf.")
    add_sentences(short)
    assert len(short.sentences) == 1
