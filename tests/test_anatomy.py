"""Each anatomy role on realistic German news snippets (plain text and HTML)."""
import pytest

from lagebild.anatomy import find_blocks
from lagebild.document import Document
from lagebild.anatomy import add_anatomy


def anatomy(text):
    doc = Document.new(text)
    add_anatomy(doc)
    return doc


def roles(doc):
    return [(b.role, doc.text[b.start:b.end]) for b in doc.anatomy.blocks]


BODY1 = ("Die Bundesregierung hat am Mittwoch ein neues Hilfspaket für die Landwirte beschlossen. "
         "Es umfasst nach Angaben des Ministeriums rund zwei Milliarden Euro.")
BODY2 = ("Der Bauernverband begrüßte die Entscheidung, forderte aber weitere Entlastungen bei den "
         "Energiekosten. Die Opposition sprach von einem Wahlgeschenk.")


@pytest.mark.parametrize("opening, place", [
    ("Kiew/Berlin . Der ukrainische Präsident hat den Bundeskanzler zu Gesprächen empfangen.", "Kiew/Berlin"),
    ("Wien – Die österreichische Regierung hat ihre Haltung zur Türkei bekräftigt.", "Wien"),
    ("Berlin (dpa) - Die Koalition hat sich auf einen Haushalt geeinigt.", "Berlin"),
    ("BERLIN. Die Koalition hat sich auf einen Haushalt geeinigt.", "BERLIN"),
    ("Washington, 25. April (Reuters) - Die US-Regierung hat neue Zölle angekündigt.", "Washington"),
    ("Frankfurt am Main – Die Europäische Zentralbank hat die Zinsen erhöht.", "Frankfurt am Main"),
])
def test_dateline_is_cut_from_the_lead(opening, place):
    doc = anatomy(f"Regierung ringt um den Haushalt\n\n{opening}\n\n{BODY1}\n\n{BODY2}")
    a = doc.anatomy
    assert a.title == "Regierung ringt um den Haushalt"
    assert a.dateline == place
    assert a.lead and a.lead.startswith(("Der", "Die")) and place not in a.lead
    assert [r for r, _ in roles(doc)] == ["title", "dateline", "lead", "body", "body"]


@pytest.mark.parametrize("first", [
    "Israel startete am Samstagabend die seit Tagen erwartete Bodenoffensive in den Gazastreifen.",
    "Am Donnerstag hatten die Streitkräfte der Vereinigten Staaten bei einem Luftangriff einen General getötet.",
    "US-Präsident Barack Obama will einen Nukleargipfel, der nach Möglichkeiten sucht.",
    "Emmanuel Macron steigt aus dem Regierungsflugzeug - und winkt den Wartenden zu.",
    "Der Deutsche Journalisten-Verband (DJV) hat den Polizeieinsatz scharf kritisiert.",
    "Amnesty International (AI) hat die Festnahmen verurteilt.",
])
def test_no_dateline_in_ordinary_first_sentences(first):
    doc = anatomy(f"Ein Titel ohne Punkt\n\n{first}\n\n{BODY1}")
    assert doc.anatomy.dateline is None and doc.anatomy.lead is None
    assert [r for r, _ in roles(doc)] == ["title", "body", "body"]


def test_subheadings_are_short_bare_lines_before_longer_paragraphs():
    text = f"Titel der Meldung\n\n{BODY1}\n\nBauern fordern mehr\n\n{BODY2}\n\nBildergalerie zum Gipfel:"
    doc = anatomy(text)
    assert doc.anatomy.headings == ["Bauern fordern mehr"]
    # a closing line with a colon is no heading (nothing follows it)
    assert roles(doc)[-1] == ("body", "Bildergalerie zum Gipfel:")


def test_caption_printed_twice_with_credit_never_reaches_the_body():
    cap = "Die Außenministerin übergab ihrem Amtskollegen ein Gastgeschenk – und erhielt ein Buch."
    text = f"Titel der Meldung\n\n{BODY1}\n\n{cap}\n{cap} © AP | Photothek\n\n{BODY2}"
    doc = anatomy(text)
    a = doc.anatomy
    assert [(c.text, c.credit) for c in a.captions] == [(cap, "AP | Photothek")]
    body = [t for r, t in roles(doc) if r == "body"]
    assert body == [BODY1, BODY2]
    assert [r for r, _ in roles(doc)].count("caption") == 2
    assert sum(b.duplicate for b in a.blocks) == 1
    assert ("credit", "© AP | Photothek") in roles(doc)


@pytest.mark.parametrize("line, caption, credit", [
    ("Demonstranten vor dem Reichstag in Berlin. (Foto: dpa)", "Demonstranten vor dem Reichstag in Berlin.", "dpa"),
    ("Olaf Scholz bei der Pressekonferenz. Foto: picture alliance / dpa", "Olaf Scholz bei der Pressekonferenz.",
     "picture alliance / dpa"),
    ("Die zerstörte Brücke bei Cherson. © AFP", "Die zerstörte Brücke bei Cherson.", "AFP"),
    ("Grafik zur Entwicklung der Inflation. Quelle: Statistisches Bundesamt", "Grafik zur Entwicklung der Inflation.",
     "Statistisches Bundesamt"),
])
def test_caption_lines_with_credit(line, caption, credit):
    doc = anatomy(f"Titel der Meldung\n\n{BODY1}\n\n{line}\n\n{BODY2}")
    assert [(c.text, c.credit) for c in doc.anatomy.captions] == [(caption, credit)]
    assert [t for r, t in roles(doc) if r == "body"] == [BODY1, BODY2]


def test_byline_and_teaser():
    text = ("Bauern protestieren in Berlin\n\nTausende Landwirte sind mit Traktoren in die Hauptstadt gefahren.\n\n"
            f"Von Manuela Conrad | 06.11.2025, 04:05 Uhr\n\n{BODY1}\n\n{BODY2}")
    doc = anatomy(text)
    assert doc.anatomy.author == "Manuela Conrad"
    assert doc.anatomy.lead == "Tausende Landwirte sind mit Traktoren in die Hauptstadt gefahren."
    assert [r for r, _ in roles(doc)] == ["title", "lead", "byline", "body", "body"]


def test_signoff_is_split_from_the_last_paragraph():
    text = f"Titel der Meldung\n\n{BODY1}\n\n{BODY2} (Anna Berger)"
    doc = anatomy(text)
    assert doc.anatomy.author == "Anna Berger"
    assert roles(doc)[-2:] == [("body", BODY2), ("byline", "(Anna Berger)")]


def test_agency_signoff_is_no_author_and_not_body():
    doc = anatomy(f"Titel der Meldung\n\n{BODY1}\n\n{BODY2} (dpa/AFP)")
    assert doc.anatomy.author is None
    assert roles(doc)[-1] == ("byline", "(dpa/AFP)")


@pytest.mark.parametrize("clutter", [
    "Lesen Sie auch: Was die Bauern jetzt fordern",
    "Mehr zum Thema",
    "Melden Sie sich für unseren Newsletter an",
    "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten. Alle akzeptieren",
    "Anzeige",
    "Empfohlener externer Inhalt",
])
def test_page_clutter_is_boilerplate(clutter):
    doc = anatomy(f"Titel der Meldung\n\n{BODY1}\n\n{clutter}\n\n{BODY2}")
    assert ("boilerplate", clutter) in roles(doc)
    assert [t for r, t in roles(doc) if r == "body"] == [BODY1, BODY2]


def test_blocks_are_ordered_and_non_overlapping_and_trimmed():
    text = f"  Titel  \n\n\n{BODY1}\n \n{BODY2}\n"
    blocks = find_blocks(text).blocks
    assert all(a.end <= b.start for a, b in zip(blocks, blocks[1:]))
    assert all(text[b.start:b.end] == text[b.start:b.end].strip() for b in blocks)


@pytest.mark.parametrize("blank_lines", [True, False])
def test_the_scraped_newspaper_example(shared, blank_lines):
    """The issue's acceptance check on ../shared/examples (not in the repo: copyright),
    as scraped and with one line per paragraph (no blank lines)."""
    text = (shared / "examples" / "backfisch-2019-04-25.txt").read_text("utf-8")
    if not blank_lines:
        text = "\n".join(line for line in text.splitlines() if line.strip())
    doc = anatomy(text)
    a = doc.anatomy
    assert a.dateline == "Wladiwostok/Berlin"
    assert a.lead.startswith("Der russische Präsident hat Nordkoreas Machthaber getroffen.")
    assert len(a.headings) == 5
    assert [c.credit for c in a.captions] == ["Reuters | Sputnik"]
    assert a.author == "Michael Backfisch"
    body = [doc.text[b.start:b.end] for b in a.blocks if b.role == "body"]
    assert len(body) == 16
    assert not any("Reuters" in b or "Backfisch" in b or "überreichte Putin ein Schwert" in b for b in body)


HTML = """<!DOCTYPE html><html lang="de"><head><title>Macron besucht Scholz | Zeitung</title>
<meta property="og:title" content="Macron besucht Scholz in Potsdam">
<meta name="description" content="Der französische Präsident hat den Bundeskanzler in Potsdam getroffen.">
<meta name="author" content="Anna Berger">
<meta property="article:published_time" content="2019-04-25T10:00:00+02:00"></head>
<body><nav><a href="/">Start</a> <a href="/politik">Politik</a></nav>
<article><header><h1>Macron besucht Scholz in Potsdam</h1>
<p>Der französische Präsident hat den Bundeskanzler in Potsdam getroffen. Beide wollen die Rüstungsprojekte beschleunigen.</p>
</header><p>Emmanuel Macron landete am Vormittag auf dem Flughafen Berlin. Eine Ehrenformation der Bundeswehr empfing ihn,
danach fuhr die Kolonne nach Potsdam. Dort wartete Olaf Scholz vor dem Eingang der Villa auf seinen Gast.</p>
<figure><img src="x.jpg" alt="Macron und Scholz"><figcaption>Scholz begrüßte Macron vor der Villa.
<span class="credit">© AP | Photothek</span></figcaption></figure>
<h2>Scholz wirbt für gemeinsame Beschaffung</h2>
<p>Der Kanzler wirbt auch gleich mit einem neuen Vorschlag. Europa brauche gemeinsame Beschaffungsregeln für
Rüstungsgüter, so Scholz. Es müsse schneller entschieden werden.</p>
</article><footer><p>Alle Rechte vorbehalten.</p></footer></body></html>"""


def test_html_keeps_title_author_date_headings_and_captions():
    from lagebild import analyze
    doc = analyze(HTML, html=True)
    a = doc.anatomy
    assert a.title == "Macron besucht Scholz in Potsdam"
    assert a.author == "Anna Berger"
    assert doc.published == "2019-04-25"
    assert a.lead.startswith("Der französische Präsident")
    assert a.headings == ["Scholz wirbt für gemeinsame Beschaffung"]
    assert [(c.text, c.credit) for c in a.captions] == [("Scholz begrüßte Macron vor der Villa.", "AP | Photothek")]
    body = [doc.text[b.start:b.end] for b in a.blocks if b.role == "body"]
    assert len(body) == 2 and not any("Photothek" in b or "Rechte" in b for b in body)
    assert analyze(HTML, html=True, published="2019-04-26").published == "2019-04-26"


def test_html_description_that_repeats_the_first_paragraph_makes_no_lead():
    """A page without a teaser of its own: its description is the article's first
    paragraph, which stands beside the others."""
    from lagebild import analyze
    html = HTML.replace("</header><p>Emmanuel", "<p>Emmanuel").replace("<article><header><h1>Macron besucht Scholz in Potsdam</h1>",
                                                                  "<article><h1>Macron besucht Scholz in Potsdam</h1>")
    a = analyze(html, html=True).anatomy
    assert a.lead is None
    assert sum(b.role == "body" for b in a.blocks) == 3


def test_html_dateline_in_the_first_paragraph():
    from lagebild import analyze
    html = HTML.replace("<p>Der französische Präsident hat den", "<p>Potsdam (dpa) - Der französische Präsident hat den")
    html = html.replace('content="Der französische Präsident hat den Bundeskanzler in Potsdam getroffen."', 'content="Ein Treffen."')
    a = analyze(html, html=True).anatomy
    assert a.dateline == "Potsdam"
    assert a.lead.startswith("Der französische Präsident")
