"""One test per layout of scraped news pages (the fixture-per-unit habit of fundus): the
head of the page between title and byline, dated bylines and date lines, captions with
and without credits, live tickers, quoted headings. The texts are written for the tests;
the last test measures the layouts on the scraped pages in ../shared, where present."""
import json
from pathlib import Path

import pytest

from lagebild.anatomy import add_anatomy
from lagebild.document import Document

SCRAPED = Path(__file__).resolve().parents[2] / "shared" / "examples" / "scraped"

TITLE = "Stadtrat beschließt neues Verkehrskonzept"
LEAD = ("Nach monatelangem Streit hat der Stadtrat das Verkehrskonzept verabschiedet. Die Innenstadt "
        "soll bis 2030 weitgehend autofrei werden.")
BODY1 = ("Die Entscheidung fiel am Donnerstagabend mit knapper Mehrheit. Die Opposition kündigte an, "
         "die Pläne rechtlich prüfen zu lassen, und sprach von einem Angriff auf den Einzelhandel.")
BODY2 = ("Der Einzelhandelsverband warnte vor sinkenden Umsätzen. Viele Geschäfte lebten von Kundinnen "
         "und Kunden aus dem Umland, die mit dem Auto in die Stadt kämen, sagte ein Sprecher.")
BODY3 = ("Umweltverbände begrüßten den Beschluss dagegen ausdrücklich. Er komme spät, aber er gehe in "
         "die richtige Richtung, hieß es in einer gemeinsamen Erklärung der Verbände.")


def analyse(*paragraphs: str, published=None) -> Document:
    doc = Document.new("\n\n".join(paragraphs), published=published)
    add_anatomy(doc)
    return doc


def roles(doc):
    return [(b.role, doc.text[b.start:b.end]) for b in doc.anatomy.blocks]


def test_lead_caption_and_dated_byline_of_a_page_head():
    doc = analyse(TITLE, LEAD, "Autos in der Innenstadt: Bald soll hier Schluss sein (Foto: Max Muster (dpa))",
                  "Von Anna Beispiel, Jan Probe und dpa | 28.04.2023, 17:05 Uhr", BODY1, BODY2)
    a = doc.anatomy
    assert a.title == TITLE and a.lead == LEAD
    assert [(c.text, c.credit) for c in a.captions] == [
        ("Autos in der Innenstadt: Bald soll hier Schluss sein", "Max Muster (dpa)")]
    assert a.author == "Anna Beispiel, Jan Probe und dpa"
    assert a.published == "2023-04-28T17:05"
    assert doc.published == "2023-04-28"          # filled in where none was given
    assert [r for r, _ in roles(doc)] == ["title", "lead", "caption", "credit", "byline", "body", "body"]


def test_a_given_publication_date_is_kept():
    doc = analyse(TITLE, LEAD, "Von Anna Beispiel | 28.04.2023, 17:05 Uhr", BODY1, BODY2, published="2023-04-29")
    assert doc.anatomy.published == "2023-04-28T17:05" and doc.published == "2023-04-29"


@pytest.mark.parametrize("line, when", [
    ("12.12.2025, 05:07 Uhr", "2025-12-12T05:07"),
    ("Stand: 3. Jänner 2024, 9:15 Uhr", "2024-01-03T09:15"),
    ("Aktualisiert am 03.05.2024", "2024-05-03"),
])
def test_a_date_line_is_no_heading(line, when):
    doc = analyse(TITLE, line, BODY1, BODY2)
    assert doc.anatomy.headings == []
    assert ("byline", line) in roles(doc)
    assert doc.anatomy.published == when


def test_a_caption_without_credit_in_the_page_head():
    doc = analyse(TITLE, LEAD, "Blick auf die Fußgängerzone am Marktplatz", "Von Anna Beispiel | 28.04.2023, 17:05 Uhr",
                  BODY1, BODY2)
    assert [c.text for c in doc.anatomy.captions] == ["Blick auf die Fußgängerzone am Marktplatz"]
    assert [r for r, _ in roles(doc)].count("body") == 2


@pytest.mark.parametrize("caption, credit", [
    ("Der Oberbürgermeister bei der Sitzung | AFP/Paul Probe", "AFP/Paul Probe"),
    ("Der Oberbürgermeister: »Wir haben lange genug gewartet« Paula Probe / AP", "Paula Probe / AP"),
])
def test_credits_without_marker_in_the_page_head(caption, credit):
    doc = analyse(TITLE, LEAD, caption, "Von Anna Beispiel | 28.04.2023, 17:05 Uhr", BODY1, BODY2)
    assert [c.credit for c in doc.anatomy.captions] == [credit]
    assert credit not in doc.anatomy.captions[0].text


def test_a_teaser_list_belongs_to_the_lead():
    doc = analyse(TITLE, LEAD, "Das Wichtigste in Kürze:", "Die Innenstadt wird autofrei.",
                  "Der Handel fürchtet Einbußen.", "Von Anna Beispiel | 28.04.2023, 17:05 Uhr", BODY1, BODY2)
    assert [r for r, _ in roles(doc)] == ["title"] + ["lead"] * 4 + ["byline", "body", "body"]
    assert doc.anatomy.lead == LEAD


def test_without_a_byline_the_first_paragraph_stays_body():
    doc = analyse(TITLE, BODY1, BODY2, BODY3)
    assert doc.anatomy.lead is None
    assert [r for r, _ in roles(doc)] == ["title", "body", "body", "body"]


def test_a_credit_on_its_own_line_makes_the_line_before_a_caption():
    doc = analyse(TITLE, BODY1, "Radfahrer auf der neuen Umweltspur\nFoto: Max Muster", BODY2)
    assert [(c.text, c.credit) for c in doc.anatomy.captions] == [("Radfahrer auf der neuen Umweltspur", "Max Muster")]
    assert [r for r, _ in roles(doc)].count("body") == 2


def test_an_author_alone_before_the_byline():
    doc = analyse(TITLE, LEAD, "Anna Beispiel", "Von Anna Beispiel | 28.04.2023, 17:05 Uhr", BODY1, BODY2)
    assert doc.anatomy.author == "Anna Beispiel"
    assert ("byline", "Anna Beispiel") in roles(doc)
    assert doc.anatomy.captions == []


def test_live_ticker_days_and_entries_are_headings():
    entry = ("15.32 Uhr: Stadtrat vertagt die Abstimmung über die Parkgebühren nach einer langen und "
             "hitzigen Debatte auf kommende Woche")
    doc = analyse(TITLE, BODY1, "Das Wichtigste in Kürze:", BODY2, "Donnerstag, 18. 7.", entry, BODY3,
                  "Mittwoch, 17. Juli", "9.05 Uhr: Verbände legen Gutachten vor", BODY1)
    assert doc.anatomy.headings == ["Das Wichtigste in Kürze:", "Donnerstag, 18. 7.", entry,
                                    "Mittwoch, 17. Juli", "9.05 Uhr: Verbände legen Gutachten vor"]


@pytest.mark.parametrize("heading", ["„Wir haben lange genug gewartet“", "Bürgermeister: „Das ist ein guter Tag“",
                                     "Was ändert sich für Pendler?"])
def test_quoted_and_question_headings(heading):
    doc = analyse(TITLE, BODY1, heading, BODY2)
    assert doc.anatomy.headings == [heading]


def test_a_quoted_sentence_is_no_heading():
    doc = analyse(TITLE, BODY1, "„Wir haben lange genug gewartet.“", BODY2)
    assert doc.anatomy.headings == []


@pytest.mark.parametrize("title", ["Rückschlag im Titelkampf - Liverpool verliert bei Everton",
                                   "Papst Benedikt XVI. tritt zurück"])
def test_titles_that_look_like_datelines(title):
    doc = analyse(title, BODY1, BODY2)
    assert doc.anatomy.title == title and doc.anatomy.dateline is None


def test_a_roman_numeral_opens_no_dateline():
    doc = analyse(TITLE, "Papst Benedikt XVI. will am 28. Februar sein Amt aus gesundheitlichen Gründen niederlegen.",
                  BODY1)
    assert doc.anatomy.dateline is None


@pytest.mark.skipif(not SCRAPED.is_dir(), reason="needs ../shared/examples/scraped")
def test_scraped_pages_from_plain_text():
    """The anatomy keys written from the 30 pages' own parses: at least 0.95 of the checks."""
    from lagebild.anatomy.evaluate import evaluate

    judged = evaluate(SCRAPED)
    passed = sum(j.passed for j in judged)
    total = passed + sum(len(j.failed) for j in judged)
    assert len(judged) == 30 and passed / total >= 0.95, json.dumps({j.stem: j.failed for j in judged if j.failed})
    assert sum(bool(j.published) for j in judged) >= 28


def test_every_block_says_how_sure_and_why():
    doc = analyse(TITLE, LEAD, "Von Anna Beispiel | 28.04.2023, 17:05 Uhr", BODY1, "Was ändert sich für Pendler?", BODY2)
    blocks = doc.anatomy.blocks
    assert all(b.evidence and 0 < b.confidence <= 1 for b in blocks)
    assert [(b.role, b.evidence) for b in blocks] == [
        ("title", "first line"), ("lead", "page head"), ("byline", "dated byline"), ("body", "paragraph"),
        ("heading", "short line"), ("body", "paragraph")]


def test_the_text_report_shows_the_cut():
    from lagebild.report import text_report

    doc = analyse(TITLE, LEAD, "Von Anna Beispiel | 28.04.2023, 17:05 Uhr", BODY1, BODY2, published="2023-04-29")
    report = text_report(doc)
    assert "Blocks (5): role, confidence, what it was read from" in report
    assert "byline      0.98 dated byline" in report
    assert "(the page: 2023-04-28T17:05)" in report


# --- HTML pages ------------------------------------------------------------------------

def page(head: str, article: str, around: str = "") -> str:
    return (f"<!DOCTYPE html><html lang='de'><head>{head}</head><body><nav><a href='/'>Start</a></nav>"
            f"<main><article>{article}</article></main>{around}<footer><p>Alle Rechte vorbehalten.</p></footer></body></html>")


P = [f"<p>{t}</p>" for t in (BODY1, BODY2, BODY3)]
LD = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle", '
      '"headline": "Stadtrat beschließt neues Verkehrskonzept", "datePublished": "2024-05-03T15:47:42+02:00", '
      '"author": [{"@type": "Person", "name": "Anna Beispiel (abe)"}, {"@type": "Person", "name": "Jan Probe"}]}]}</script>')


def html_anatomy(html: str):
    from lagebild.anatomy.html import document_from_html

    doc = document_from_html(html)
    add_anatomy(doc)
    return doc


def test_html_metadata_from_json_ld_and_open_graph():
    head = (f"<title>Stadtrat beschließt neues Verkehrskonzept | Tagblatt</title>{LD}"
            "<meta property='og:title' content='Stadtrat beschließt neues Verkehrskonzept | Tagblatt'>"
            "<meta property='og:site_name' content='Tagblatt'>"
            f"<meta property='og:description' content='{LEAD[:90]}'>")
    doc = html_anatomy(page(head, f"<header><h1>{TITLE}</h1><p class='intro'>{LEAD}</p></header>" + "".join(P)))
    a = doc.anatomy
    assert a.title == TITLE                       # the site's name cut off
    assert a.author == "Anna Beispiel und Jan Probe"
    assert a.published == "2024-05-03T15:47"      # the page's own clock
    assert a.lead == LEAD
    assert [r for r, _ in roles(doc)] == ["title", "lead", "body", "body", "body"]


def test_html_picture_boxes_without_figure_and_credits():
    pictures = ("<div class='media'><div class='img'><img src='a.jpg' alt=''></div>"
                "<div class='text'><span>Radfahrer auf der neuen Umweltspur.</span> Foto: dpa</div></div>")
    footer_credit = ("<figure><img src='b.jpg' alt='x'><figcaption>Der Marktplatz am Abend.</figcaption>"
                     "<footer>Max Muster</footer></figure>")
    html = page(f"<meta property='og:title' content='{TITLE}'>",
                f"<h1>{TITLE}</h1>{P[0]}{pictures}{P[1]}{footer_credit}{P[2]}")
    a = html_anatomy(html).anatomy
    assert [(c.text, c.credit) for c in a.captions] == [("Radfahrer auf der neuen Umweltspur.", "dpa"),
                                                         ("Der Marktplatz am Abend.", "Max Muster")]
    assert sum(b.role == "body" for b in a.blocks) == 3


def test_html_cover_picture_above_the_title_from_its_alt_text():
    cover = "<div class='hero'><img src='c.jpg' alt='Autos in der Innenstadt © Stadt Musterhausen'></div>"
    a = html_anatomy(page(f"<meta property='og:title' content='{TITLE}'>", f"{cover}<h1>{TITLE}</h1>" + "".join(P))).anatomy
    assert [(c.text, c.credit) for c in a.captions] == [("Autos in der Innenstadt", "Stadt Musterhausen")]


def test_html_teasers_pull_quotes_and_clutter_are_no_article():
    teaser = ("<div class='box'><h3><a href='/andere-meldung.html'>Brücke wird saniert</a></h3>"
              "<div><p>Die Arbeiten an der Brücke dauern bis zum Herbst, teilte die Stadt mit. mehr</p></div></div>")
    card = ("<div class='card'><a href='/noch-eine.html'><img src='d.jpg' alt='Bild'>"
            "<span>Neues Stadion: Die Pläne im Überblick</span></a></div>")
    pull = f"<blockquote><p>{BODY2.split('. ')[0]}.</p></blockquote>"
    after = "<h2>Newsletter: Stadt kompakt</h2><p>Jeden Montag die wichtigsten Meldungen aus der Stadt.</p>"
    html = page(f"<meta property='og:title' content='{TITLE}'>",
                f"<h1>{TITLE}</h1>{P[0]}{pull}{P[1]}{teaser}{card}{P[2]}{after}")
    doc = html_anatomy(html)
    body = [t for r, t in roles(doc) if r == "body"]
    assert body == [BODY1, BODY2, BODY3]
    assert doc.anatomy.captions == [] and doc.anatomy.headings == []


@pytest.mark.skipif(not SCRAPED.is_dir(), reason="needs ../shared/examples/scraped")
def test_scraped_pages_from_html():
    """The same keys from the real HTML pages: at least 0.95 of the checks."""
    from lagebild.anatomy.evaluate import evaluate

    judged = evaluate(SCRAPED, html=True)
    passed = sum(j.passed for j in judged)
    total = passed + sum(len(j.failed) for j in judged)
    assert len(judged) == 30 and passed / total >= 0.95, json.dumps({j.stem: j.failed for j in judged if j.failed})


def test_html_teaser_named_by_its_class_is_the_lead():
    """The description says something else; the page marks its teaser by class."""
    head = f"<meta property='og:title' content='{TITLE}'><meta name='description' content='Alles zum neuen Verkehrskonzept der Stadt.'>"
    html = page(head, f"<h1>{TITLE}</h1><p class='article__intro'>{LEAD}</p>" + "".join(P))
    doc = html_anatomy(html)
    assert doc.anatomy.lead == LEAD
    assert [r for r, _ in roles(doc)] == ["title", "lead", "body", "body", "body"]


def test_html_page_paragraphs_where_the_extractor_merged_them():
    """Paragraphs as <div>s with line breaks that trafilatura reads as one block: the page's
    own <p> elements are taken instead."""
    body = "".join(f"<p>{t}</p>" for t in (BODY1, BODY2, BODY3, LEAD))
    html = page(f"<meta property='og:title' content='{TITLE}'>", f"<h1>{TITLE}</h1><div>{body}</div>")
    from lagebild.anatomy import html as anatomy_html

    page_ = anatomy_html.Page(html)
    merged = [("div", " ".join((BODY1, BODY2, BODY3, LEAD)))]
    assert anatomy_html._found_share(page_, merged) < 0.5
    assert [t for _, t in anatomy_html._page_paragraphs(page_)] == [BODY1, BODY2, BODY3, LEAD]


@pytest.mark.parametrize("folder, floor", [("html_pages", 0.93), ("html_pages_b", 0.89), ("html_pages_c", 0.93)])
def test_made_up_pages_of_other_layouts_keep_their_level(folder, floor):
    """The hand-keyed made-up pages (tests/data, CC0): a floor a little under today's share
    (0.944, 0.904 and, held out, 0.947), so that a change that loses them shows."""
    from lagebild.anatomy.evaluate import evaluate

    judged = evaluate(Path(__file__).parent / "data" / folder, html=True)
    passed = sum(j.passed for j in judged)
    total = passed + sum(len(j.failed) for j in judged)
    assert len(judged) == 10 and passed / total >= floor, json.dumps({j.stem: j.failed for j in judged if j.failed})
