"""Bad input gets a clear error with a reason; good input of every encoding is read."""
import pytest

from lagebild.errors import InputError
from lagebild.reading import MAX_BYTES, check_text, decode, guess_language, read_path

GERMAN = ("Die Bundesregierung hat am Mittwoch beschlossen, die Hilfen für die Ukraine "
          "auszuweiten. Der Kanzler sagte, man werde die Partner in der EU nicht allein lassen. "
          "Die Opposition kritisierte, dass der Bundestag nicht beteiligt worden sei.")
ENGLISH = ("The government decided on Wednesday to expand aid to Ukraine. The chancellor said "
           "that the partners in the EU would not be left alone, and the opposition criticised "
           "that parliament had not been involved in the decision at all, which was a mistake.")


def reason(fn, *a):
    with pytest.raises(InputError) as exc:
        fn(*a)
    return exc.value.reason


def test_utf8_and_cp1252_and_latin1_decode_to_the_same_text():
    text = "Müller sagte: „Grüße aus Köln“ – 5 €."
    assert decode(text.encode("utf-8")) == text
    assert decode(text.encode("cp1252")) == text
    assert decode("Größe".encode("latin-1")) == "Größe"
    assert decode(b"\xef\xbb\xbfHallo Welt") == "Hallo Welt"  # BOM dropped


@pytest.mark.parametrize("data, why", [
    (b"", "empty"),
    (b"   \n\n\t ", "empty"),
    (b"\x00\x01\x02PK\x03\x04binary" * 20, "binary"),
    (bytes(range(0, 32)) * 40, "binary"),
])
def test_bad_bytes_are_refused_with_a_reason(data, why):
    assert reason(decode, data) == why


def test_oversized_input_is_refused():
    assert reason(decode, b"a" * (MAX_BYTES + 1)) == "too_large"
    assert reason(check_text, "ä" * (MAX_BYTES // 2 + 1)) == "too_large"


def test_language_check():
    assert guess_language(GERMAN) == "de"
    assert guess_language(ENGLISH) == "en"
    assert guess_language("Putin traf Kim.") is None  # too short to tell: accepted
    assert reason(check_text, ENGLISH) == "not_german"
    assert check_text(GERMAN) == GERMAN


def test_read_path_errors_and_html_detection(tmp_path):
    assert reason(read_path, tmp_path / "missing.txt") == "missing"
    assert reason(read_path, tmp_path) == "missing"
    p = tmp_path / "a.txt"
    p.write_bytes(GERMAN.encode("cp1252"))
    assert read_path(p) == (GERMAN, False)
    h = tmp_path / "page"
    h.write_text("<!DOCTYPE html><html><body><p>Hallo</p></body></html>", "utf-8")
    assert read_path(h)[1] is True
