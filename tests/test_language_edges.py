"""Language and encoding edge cases (issue #21, item 3): Swiss and Austrian German, the
spelling before 1996, all-caps headlines, NFD text, Windows-1252 quotation marks, byte
order marks, NUL bytes and pages in two languages. The articles are made up for these
tests. What lagebild does with each is listed in the README's robustness section."""
from __future__ import annotations

import unicodedata

import pytest

import lagebild
from lagebild.errors import InputError
from lagebild.reading import check_text, decode, guess_language, read_path


def analyze(text: str, published: str = "2024-01-10", **kw) -> lagebild.Document:
    doc = lagebild.analyze(text, published=published, **kw)
    assert doc.violations() == []
    assert "\x00" not in doc.text and not doc.text.startswith("\ufeff")
    assert unicodedata.is_normalized("NFC", doc.text)
    return doc


def quotes(doc) -> list[tuple[str, str, str]]:
    """(type, speaker, cue) of each quote, in order."""
    return [(q.type, q.speaker.text if q.speaker else None, q.cue.text if q.cue else None) for q in doc.quotes]


def entities(doc) -> list[tuple[str, str]]:
    return [(e.text, e.label) for e in doc.entities]


def times(doc) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in doc.times]


def refused(text: str) -> InputError:
    with pytest.raises(InputError) as exc:
        lagebild.analyze(text, published="2024-01-10")
    return exc.value


# --- Swiss German: "ss" for "ß", guillemets ------------------------------------------

SWISS = ("Bern (sda) - Der Bundesrat hat am Mittwoch ein neues Gesetz für mehr Sicherheit auf der "
         "Strasse beschlossen. Justizministerin Karin Keller-Sutter sagte in Bern: «Wir schliessen "
         "damit eine grosse Lücke.» Die Polizei in Zürich begrüsste den Entscheid. Schliesslich sei "
         "das Risiko für Fussgänger gross, erklärte ein Sprecher der Stadtpolizei.")
ESZETT = {"Strasse": "Straße", "schliessen": "schließen", "grosse": "große", "begrüsste": "begrüßte",
          "Schliesslich": "Schließlich", "Fussgänger": "Fußgänger", "gross,": "groß,", "«": "„", "»": "“"}


def test_swiss_spelling_reads_like_the_spelling_with_eszett():
    swiss = analyze(SWISS)
    germany = SWISS
    for a, b in ESZETT.items():
        germany = germany.replace(a, b)
    assert "ß" in germany and "ß" not in SWISS
    germany = analyze(germany)
    assert quotes(swiss) == [("direct", "Justizministerin Karin Keller-Sutter", "sagte"),
                             ("indirect", "ein Sprecher der Stadtpolizei", "erklärte")]
    assert swiss.quotes[0].text == "«Wir schliessen damit eine grosse Lücke.»"
    assert swiss.quotes[1].text == "Schliesslich sei das Risiko für Fussgänger gross"
    assert ("Karin Keller-Sutter", "PER") in entities(swiss) and ("Zürich", "LOC") in entities(swiss)
    assert swiss.anatomy.dateline == "Bern"
    # "ss" is one character longer than "ß": offsets differ, what is found does not
    assert quotes(swiss) == quotes(germany)
    assert entities(swiss) == entities(germany)
    assert [(e.type, e.trigger.text) for e in swiss.events] == [("AGREE", "beschlossen"), ("SUPPORT", "begrüsste")]
    assert [(e.type, e.trigger.text) for e in germany.events] == [("AGREE", "beschlossen"), ("SUPPORT", "begrüßte")]
    assert times(swiss) == times(germany) == [("am Mittwoch", "2024-01-10")]


# --- Austrian month names ----------------------------------------------------------------

def test_austrian_month_names_are_dates():
    doc = analyze("Wien (APA) - Die Regierung will das neue Klimagesetz am 3. Jänner 2024 in Kraft setzen. "
                  "Das teilte das Umweltministerium am 19. Dez. mit. Der Nationalrat wird sich am 14. Feber "
                  "erneut mit dem Budget befassen. Im Jänner sollen die Bundesländer weitere Mittel "
                  "erhalten.", published="2023-12-20")
    assert times(doc) == [("am 3. Jänner 2024", "2024-01-03"), ("am 19. Dez.", "2023-12-19"),
                          ("am 14. Feber", "2024-02-14"), ("Im Jänner", "2024-01")]


def test_austrian_month_abbreviation_is_a_date_and_no_sentence_end():
    doc = analyze("Wien (APA) - Das Budget wurde am 5. Jän. im Ministerrat beschlossen. "
                  "Die Opposition kritisierte den Zeitplan.", published="2024-01-08")
    assert times(doc) == [("am 5. Jän.", "2024-01-05")]
    assert [doc.text[s.start:s.end] for s in doc.sentences] == [
        "Das Budget wurde am 5. Jän. im Ministerrat beschlossen.", "Die Opposition kritisierte den Zeitplan."]


# --- the spelling before 1996 ------------------------------------------------------------

OLD = ("Berlin - Der Kanzler sagte am Montag, daß die Regierung rasch handeln müsse. Die Opposition "
       "meinte, man muß die Hilfen für die Bauern verdoppeln. Der Finanzminister betonte, daß er keine "
       "neuen Schulden machen wolle.")


def test_old_spelling_dass_opens_reported_speech():
    old = analyze(OLD)
    assert quotes(old) == [("indirect", "Der Kanzler", "sagte"), ("indirect", "Die Opposition", "meinte"),
                           ("indirect", "Der Finanzminister", "betonte")]
    assert [q.text for q in old.quotes] == ["daß die Regierung rasch handeln müsse",
                                            "man muß die Hilfen für die Bauern verdoppeln",
                                            "daß er keine neuen Schulden machen wolle"]
    new = analyze(OLD.replace("daß", "dass").replace("muß", "muss"))
    assert quotes(new) == quotes(old)
    assert [e.type for e in new.events] == [e.type for e in old.events]
    assert [t.mood for t in old.tokens if t.text in ("müsse", "wolle")] == ["konj1", "konj1"]


# --- all-caps headline ------------------------------------------------------------------

def test_all_caps_headline_is_the_title_and_the_body_is_analysed():
    doc = analyze("REGIERUNG BESCHLIESST HILFSPAKET\n\nBerlin (dpa) - Die Bundesregierung hat am Dienstag "
                  "ein Hilfspaket für die Landwirte beschlossen. Bundeskanzler Olaf Scholz sagte: „Wir "
                  "lassen niemanden allein.“ Der Bauernverband in München begrüßte die Entscheidung.")
    assert doc.anatomy.title == "REGIERUNG BESCHLIESST HILFSPAKET"
    assert doc.anatomy.dateline == "Berlin"
    assert ("Olaf Scholz", "PER") in entities(doc) and ("München", "LOC") in entities(doc)
    assert quotes(doc) == [("direct", "Bundeskanzler Olaf Scholz", "sagte")]
    assert times(doc) == [("am Dienstag", "2024-01-09")]


# --- text in NFD ------------------------------------------------------------------------

NFC = ("Köln (dpa) - Die Polizei in Köln hat am Donnerstag zwei Männer festgenommen. "
       "Oberbürgermeisterin Henriette Reker sagte: „Ich bin für die schnelle Arbeit der Beamten "
       "dankbar.“ Die Ermittlungen in Düsseldorf dauern an.")


def summary(doc) -> dict:
    return {"blocks": [(b.start, b.end, b.role) for b in doc.anatomy.blocks],
            "entities": [(e.start, e.end, e.text, e.label) for e in doc.entities],
            "quotes": [(q.type, q.text, [(s.start, s.end) for s in q.spans], q.speaker and q.speaker.text)
                       for q in doc.quotes],
            "times": [(t.start, t.end, t.value) for t in doc.times],
            "events": [(e.type, e.trigger.start, e.trigger.end) for e in doc.events]}


def test_nfd_text_is_read_as_nfc_with_the_same_results():
    nfd = unicodedata.normalize("NFD", NFC)
    assert nfd != NFC and len(nfd) > len(NFC)
    a, b = analyze(NFC), analyze(nfd)
    assert b.text == NFC                    # normalised at reading: offsets refer to the NFC text
    assert b.id == a.id
    assert summary(b) == summary(a)
    assert b.anatomy.dateline == "Köln"
    assert quotes(b) == [("direct", "Oberbürgermeisterin Henriette Reker", "sagte")]


def test_html_in_nfd_with_a_mark_and_nul_is_read_as_nfc():
    # the page's text is what trafilatura extracts: NFC, without NUL or mark (checked in analyze())
    html = ("<html><head><title>Festnahmen in Köln</title></head><body><article><h1>Festnahmen in Köln</h1>"
            f"<p>{NFC.replace('Polizei', 'Poli' + chr(0) + 'zei')}</p></article></body></html>")
    doc = analyze("\ufeff" + unicodedata.normalize("NFD", html), html=True)
    assert "Die Polizei in Köln" in doc.text and "o\u0308" not in doc.text
    assert ("Henriette Reker", "PER") in entities(doc)


def test_check_text_normalises_but_keeps_other_characters():
    assert check_text(unicodedata.normalize("NFD", "Müller in Köln")) == "Müller in Köln"
    # NFC, not NFKC: no-break spaces, ligatures and soft hyphens stay what they are
    assert check_text("10\u00a0Euro, ﬁnal, Bundes\u00adtag") == "10\u00a0Euro, ﬁnal, Bundes\u00adtag"


# --- Windows-1252 quotation marks -------------------------------------------------------

CP1252 = ("Hamburg (dpa) - Der Senat hat am Freitag den Haushalt vorgelegt. Bürgermeister Peter "
          "Tschentscher sagte: „Wir investieren in die Zukunft.“ Die Opposition sprach von einem "
          "‚Wahlgeschenk‘ – und kündigte Widerstand an.")


def test_windows_1252_quotation_marks_are_decoded_and_the_quote_found(tmp_path):
    data = CP1252.encode("cp1252")
    for byte in (b"\x84", b"\x93", b"\x82", b"\x91", b"\x96", b"\xfc"):
        assert byte in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    path = tmp_path / "artikel.txt"
    path.write_bytes(data)
    text, is_html = read_path(path)
    assert text == CP1252 and not is_html
    doc = analyze(text)
    direct = [q for q in doc.quotes if q.type == "direct"]
    assert [(q.text, q.speaker.text, q.cue.text) for q in direct] == [
        ("„Wir investieren in die Zukunft.“", "Bürgermeister Peter Tschentscher", "sagte")]
    assert ("Peter Tschentscher", "PER") in entities(doc)


# --- byte order marks -------------------------------------------------------------------

@pytest.mark.parametrize("encoding, mark", [
    ("utf-8", b"\xef\xbb\xbf"),
    ("utf-16", None),                 # the platform's order, with its mark
    ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"),
    ("utf-32", None),
])
def test_byte_order_marks_are_read_and_dropped(tmp_path, encoding, mark):
    data = (mark or b"") + CP1252.encode(encoding)
    assert data[:2] in (b"\xef\xbb", b"\xff\xfe", b"\xfe\xff")
    path = tmp_path / "artikel.txt"
    path.write_bytes(data)
    text, _ = read_path(path)
    assert text == CP1252
    doc = analyze(text)
    assert doc.text == CP1252 and doc.anatomy.dateline == "Hamburg"


def test_a_byte_order_mark_in_text_is_dropped():
    doc = analyze("\ufeff" + CP1252)
    assert doc.text == CP1252
    assert doc.anatomy.dateline == "Hamburg"          # the mark hid the dateline before
    assert doc.id == analyze(CP1252).id


def test_utf16_that_is_not_utf16_is_refused():
    with pytest.raises(InputError) as exc:
        decode(b"\xff\xfe" + CP1252.encode("utf-16-le")[:-1])     # an odd number of bytes
    assert exc.value.reason == "undecodable" and "UTF-16" in exc.value.message


# --- NUL bytes -------------------------------------------------------------------------

def test_stray_nul_characters_are_dropped():
    clean = analyze(CP1252)
    doc = analyze(CP1252.replace("Senat", "Se\x00nat").replace(" Die", "\x00 Die"))
    assert doc.text == CP1252
    assert summary(doc) == summary(clean)
    assert analyze(CP1252 + "\x00" * 3).text == CP1252


def test_stray_nul_bytes_are_dropped_when_read(tmp_path):
    data = CP1252.encode("utf-8")
    assert decode(data[:40] + b"\x00" + data[40:] + b"\x00") == CP1252
    assert decode(CP1252.encode("cp1252") + b"\x00") == CP1252
    # one past the first 8 KB, where the binary check does not look
    long = (CP1252 + "\n\n") * 40
    assert len(long.encode("utf-8")) > 8192
    path = tmp_path / "lang.txt"
    path.write_bytes(long.encode("utf-8") + b"\x00Ende")
    text, _ = read_path(path)
    assert "\x00" not in text and text.endswith("\n\nEnde")


@pytest.mark.parametrize("data", [
    "Die Regierung tagt.".encode("utf-16-le") * 20,           # UTF-16 without a mark: every other byte NUL
    b"\x00" * 50 + "Die Regierung tagt in Berlin.".encode() * 3,
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
])
def test_many_nul_bytes_are_binary(data):
    with pytest.raises(InputError) as exc:
        decode(data)
    assert exc.value.reason == "binary"


def test_nul_characters_only_are_empty():
    assert refused("\x00" * 20 + "\n").reason == "empty"
    with pytest.raises(InputError) as exc:
        decode("\x00".encode("utf-16"))
    assert exc.value.reason == "empty"


# --- pages in two languages -------------------------------------------------------------

GERMAN_WITH_ENGLISH = (
    "Brüssel (dpa) - Die EU-Kommission hat am Montag neue Regeln für künstliche Intelligenz "
    "vorgestellt. Kommissionspräsidentin Ursula von der Leyen sprach in Brüssel von einem historischen "
    "Schritt.\n\nMicrosoft-Präsident Brad Smith sagte auf Englisch: „We welcome the proposal and we are "
    "looking forward to working with the Commission on the details. It is important that the rules are "
    "clear, that they protect the users and that they do not slow down innovation.“\n\n"
    "Verbraucherschützer in Berlin kritisierten die Pläne dagegen als zu schwach. Die Regeln sollen im "
    "Jahr 2026 in Kraft treten.")


def test_a_german_article_with_an_english_quote_is_analysed_whole():
    assert guess_language(GERMAN_WITH_ENGLISH) == "de"
    doc = analyze(GERMAN_WITH_ENGLISH)
    assert doc.text == GERMAN_WITH_ENGLISH
    english = [q for q in doc.quotes if q.text.startswith("„We welcome")]
    assert [(q.type, q.speaker.text, q.cue.text) for q in english] == [
        ("direct", "Microsoft-Präsident Brad Smith", "sagte")]
    assert {("Ursula von der Leyen", "PER"), ("Brad Smith", "PER"), ("Berlin", "LOC")} <= set(entities(doc))
    assert ("im Jahr 2026", "2026") in times(doc)


def test_a_foreign_name_in_quotation_marks_is_still_no_quote():
    doc = analyze("Paris (AFP) - Die konservative Partei „Union pour un Mouvement Populaire“ hat am "
                  "Sonntag einen neuen Vorsitzenden gewählt.")
    assert doc.quotes == []


ENGLISH_WITH_GERMAN = (
    "The European Commission presented new rules for artificial intelligence on Monday. Commission "
    "President Ursula von der Leyen spoke of a historic step, and the rules are expected to take effect "
    "in 2026 after the member states have agreed on them. Critics said that the rules were too weak. "
    "Die Verbraucherschützer in Berlin kritisierten die Pläne als zu schwach.")


def test_an_english_page_with_a_german_sentence_is_refused():
    error = refused(ENGLISH_WITH_GERMAN)
    assert error.reason == "not_german" and "'en'" in error.message


@pytest.mark.parametrize("text", [
    # Russian: no function word of any language lagebild knows, and not in Latin script
    "Правительство Германии в среду решило расширить помощь Украине. Канцлер заявил, что партнеры в ЕС "
    "не останутся в одиночестве, а оппозиция раскритиковала то, что парламент не был вовлечен в это "
    "решение, что было ошибкой, сказал он журналистам в Берлине.",
    # Polish: Latin script, but none of the German function words
    "Rząd Niemiec postanowił w środę rozszerzyć pomoc dla Ukrainy. Kanclerz powiedział, że partnerzy w "
    "Unii Europejskiej nie zostaną sami, a opozycja skrytykowała, że parlament nie był zaangażowany w tę "
    "decyzję, co było błędem według wielu ekspertów z Warszawy.",
], ids=["russian", "polish"])
def test_text_in_a_language_without_function_words_is_not_german(text):
    error = refused(text)
    assert error.reason == "not_german" and "no language lagebild knows" in error.message
