"""The inputs of a corpus run: every kind is read in order, and bad input becomes an error item."""
import gzip
import io
import json
import sys
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from lagebild.corpus.sources import InputItem, read_inputs
from lagebild.reading import MAX_BYTES

GERMAN = ("Der Stadtrat von Köln hat am Dienstagabend mit knapper Mehrheit beschlossen, die "
          "Gebühren für das Anwohnerparken ab dem kommenden Jahr deutlich zu erhöhen. "
          "Oberbürgermeisterin Henriette Reker verteidigte die Entscheidung und sagte, die Stadt "
          "müsse den Verkehr in den Vierteln lenken. Die Opposition kündigte Widerstand an.")
GERMAN_HTML = f"<html><body><article><h1>Parkgebühren steigen</h1><p>{GERMAN}</p></article></body></html>"
MUELLER = ("Bürgermeister Thomas Müller aus Görlitz sagte am Montag, die Stadt werde die "
           "Sanierung der Altstadtbrücke über die Neiße trotz gestiegener Baukosten fortsetzen. "
           "„Wir lassen uns nicht entmutigen“, erklärte Müller vor Journalisten im Rathaus, "
           "während die Fraktionen im Stadtrat über die Finanzierung noch streiten.")


def read(*inputs) -> list[InputItem]:
    return list(read_inputs([str(i) for i in inputs]))


def write_jsonl(path: Path, records, opener=open) -> Path:
    with opener(path, "wt", encoding="utf-8") as f:
        for r in records:
            f.write((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n")
    return path


# --- folders and files ----------------------------------------------------------------

def test_folder_is_read_recursively_in_path_order_with_only_text_and_html_files(tmp_path):
    (tmp_path / "b" / "tief").mkdir(parents=True)
    (tmp_path / "b" / "tief" / "z.TXT").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "b" / "a.htm").write_text(GERMAN_HTML, encoding="utf-8")
    (tmp_path / "a.html").write_text(GERMAN_HTML, encoding="utf-8")
    (tmp_path / "c.txt").write_text(GERMAN, encoding="cp1252")
    (tmp_path / "notizen.md").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "bild.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(200))
    items = read(tmp_path)
    assert [Path(i.ref).relative_to(tmp_path).as_posix() for i in items] == [
        "a.html", "b/a.htm", "b/tief/z.TXT", "c.txt"]
    assert [i.html for i in items] == [True, True, False, False]
    assert all(i.error is None for i in items)
    assert items[3].text == GERMAN  # cp1252 decoded


def test_binary_and_empty_text_files_become_error_items(tmp_path):
    (tmp_path / "binär.txt").write_bytes(b"\x00\x01\x02PNG" * 100)
    (tmp_path / "leer.txt").write_bytes(b"")
    (tmp_path / "gut.txt").write_text(GERMAN, encoding="utf-8")
    items = read(tmp_path)
    assert [(Path(i.ref).name, i.error and i.error.reason) for i in items] == [
        ("binär.txt", "binary"), ("gut.txt", None), ("leer.txt", "empty")]
    assert items[0].text is None and items[2].text is None
    assert items[1].text == GERMAN


def test_a_single_html_file_is_one_html_item(tmp_path):
    page = tmp_path / "artikel.html"
    page.write_text(GERMAN_HTML, encoding="utf-8")
    [item] = read(page)
    assert (item.ref, item.html, item.text, item.error) == (str(page), True, GERMAN_HTML, None)


def test_missing_and_unsupported_inputs_are_error_items(tmp_path):
    pdf = tmp_path / "bericht.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    items = read(tmp_path / "fehlt.jsonl", pdf)
    assert [i.error.reason for i in items] == ["missing", "unsupported"]
    assert "fehlt.jsonl" in items[0].error.message and "bericht.pdf" in items[1].error.message
    assert all(i.text is None for i in items)


# --- JSON Lines -----------------------------------------------------------------------

def test_jsonl_records_carry_text_html_and_their_metadata(tmp_path):
    path = write_jsonl(tmp_path / "artikel.jsonl", [
        {"id": "a1", "text": GERMAN, "url": "https://www.spiegel.de/politik/koeln-a-1.html",
         "published": "2019-04-25T10:00:00+02:00", "title": "Parkgebühren steigen"},
        "",
        {"id": 7, "html": GERMAN_HTML, "url": "https://taz.de/x", "source": "die tageszeitung",
         "published": "im April"},
    ])
    first, second = read(path)
    assert (first.ref, first.id, first.text, first.html) == (f"{path}:1", "a1", GERMAN, False)
    assert (first.published, first.source, first.title) == ("2019-04-25", "spiegel.de", "Parkgebühren steigen")
    assert (second.ref, second.id, second.html, second.text) == (f"{path}:3", "7", True, GERMAN_HTML)
    assert (second.source, second.published, second.url) == ("die tageszeitung", None, "https://taz.de/x")


def test_bad_jsonl_lines_become_bad_record_items_and_reading_goes_on(tmp_path):
    path = write_jsonl(tmp_path / "gemischt.jsonl", [
        '{"text": "abgeschnitten',
        '["keine", "Zeitung"]',
        {"id": "ohne-text", "title": "Nur ein Titel"},
        {"text": 42},
        {"id": "gut", "text": GERMAN},
    ])
    items = read(path)
    assert [i.error and i.error.reason for i in items] == ["bad_record"] * 4 + [None]
    assert [i.ref for i in items] == [f"{path}:{n}" for n in range(1, 6)]
    assert "not valid JSON" in items[0].error.message
    assert "not an object" in items[1].error.message
    assert "'text' or 'html'" in items[2].error.message
    assert items[4].id == "gut" and items[4].text == GERMAN


def test_jsonl_text_over_the_size_limit_is_too_large(tmp_path):
    path = write_jsonl(tmp_path / "gross.jsonl", [{"text": "ä" * (MAX_BYTES // 2 + 1)}, {"text": GERMAN}])
    big, ok = read(path)
    assert big.error.reason == "too_large" and big.text is None
    assert ok.text == GERMAN


def test_jsonl_gz_is_read(tmp_path):
    path = write_jsonl(tmp_path / "artikel.jsonl.gz", [{"id": "g1", "text": GERMAN}], opener=gzip.open)
    [item] = read(path)
    assert (item.ref, item.id, item.text, item.error) == (f"{path}:1", "g1", GERMAN, None)


def test_truncated_jsonl_gz_yields_items_then_unreadable_then_the_next_input(tmp_path):
    records = [{"id": f"n{n}", "text": f"{GERMAN} Meldung {n}."} for n in range(3000)]
    whole = write_jsonl(tmp_path / "ganz.jsonl.gz", records, opener=gzip.open).read_bytes()
    cut = tmp_path / "kaputt.jsonl.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    after = tmp_path / "danach.txt"
    after.write_text(GERMAN, encoding="utf-8")
    items = read(cut, after)
    good, damage, last = items[:-2], items[-2], items[-1]
    assert 0 < len(good) < len(records)
    assert [i.id for i in good] == [f"n{n}" for n in range(len(good))]
    assert all(i.error is None for i in good)
    assert damage.error.reason == "unreadable" and damage.text is None
    assert damage.ref == f"{cut}:{len(good) + 1}"
    assert (last.ref, last.text) == (str(after), GERMAN)


def test_stdin_is_read_as_json_lines(monkeypatch):
    lines = json.dumps({"id": "s1", "text": GERMAN, "url": "http://www.faz.net/a"}, ensure_ascii=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines + "\n\nkein json\n"))
    first, bad = read("-")
    assert (first.ref, first.id, first.text, first.source) == ("stdin:1", "s1", GERMAN, "faz.net")
    assert (bad.ref, bad.error.reason) == ("stdin:3", "bad_record")


def test_inputs_are_read_lazily(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [{"text": GERMAN}])

    def arguments():
        yield str(path)
        raise AssertionError("the second input was asked for before the first was used")

    assert next(read_inputs(arguments())).text == GERMAN


# --- WARC -----------------------------------------------------------------------------

def _response(writer, url, status, content_type, body):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)


def write_warc(path: Path) -> Path:
    page = f"<html><body><p>{MUELLER}</p></body></html>"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz")
        request = StatusAndHeaders("GET /goerlitz HTTP/1.1", [("Host", "www.sz-online.de")],
                                   is_http_request=True)
        writer.write_record(writer.create_warc_record(
            "https://www.sz-online.de/goerlitz", "request", payload=io.BytesIO(b""), http_headers=request))
        writer.write_record(_response(writer, "https://www.sz-online.de/goerlitz", "200 OK",
                                      "text/html; charset=iso-8859-1", page.encode("cp1252")))
        writer.write_record(_response(writer, "https://www.sz-online.de/fehlt", "404 Not Found",
                                      "text/html", b"<html><body>Nicht gefunden</body></html>"))
        writer.write_record(_response(writer, "https://www.sz-online.de/bild.jpg", "200 OK",
                                      "image/jpeg", b"\xff\xd8\xff\xe0" + bytes(500)))
    return path


def test_warc_yields_only_html_responses_with_status_200(tmp_path):
    path = write_warc(tmp_path / "crawl.warc.gz")
    [item] = read(path)
    assert item.error is None and item.html is True
    assert item.url == "https://www.sz-online.de/goerlitz" and item.source == "sz-online.de"
    assert item.ref.startswith(f"{path}@") and int(item.ref.rsplit("@", 1)[1]) > 0  # after the request
    # the body was iso-8859-1 by its header; „“ come through as browsers read that label
    assert "Thomas Müller aus Görlitz" in item.text and "„Wir lassen uns nicht entmutigen“" in item.text


def test_a_broken_warc_is_unreadable_and_the_run_goes_on(tmp_path):
    broken = tmp_path / "kaputt.warc"
    broken.write_bytes(b"Das ist kein WARC, sondern ein Brief an die Redaktion.\r\n\r\n" * 3)
    after = write_jsonl(tmp_path / "danach.jsonl", [{"text": GERMAN}])
    items = read(broken, after)
    assert [i.error and i.error.reason for i in items] == ["unreadable", None]
    assert items[0].ref == str(broken) and items[1].text == GERMAN


def test_a_warc_cut_inside_a_page_is_unreadable_not_a_short_article(tmp_path):
    whole = write_warc(tmp_path / "ganz.warc").read_bytes()
    cut = tmp_path / "abgeschnitten.warc"
    cut.write_bytes(whole[: whole.index(b"Thomas M") + 40])
    after = tmp_path / "danach.txt"
    after.write_text(GERMAN, encoding="utf-8")
    items = read(cut, after)
    assert [i.error and i.error.reason for i in items] == ["unreadable", None]
    assert items[0].ref.startswith(f"{cut}@") and items[0].text is None
    assert items[1].text == GERMAN
