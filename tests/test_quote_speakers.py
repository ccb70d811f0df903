"""Speakers tied to actors across sentences: quotes that go on without a cue, pronouns
and possessives that point back, the gender of "er" and "sie", a source inside the
sentence."""
import lagebild


def _speaker_names(text: str, published: str = "2013-02-11") -> list[tuple[str, str | None]]:
    doc = lagebild.analyze(text, published=published)
    names = {a.id: a.name for a in doc.actors}
    return [(q.text, names.get(q.speaker.actor) if q.speaker else None) for q in doc.quotes]


def _speaker_of(quotes: list[tuple[str, str | None]], words: str) -> str | None:
    hits = [speaker for text, speaker in quotes if words in text]
    assert hits, f"no quote with {words!r} in {quotes}"
    return hits[0]


def test_a_free_indirect_quote_goes_on_with_the_previous_speaker():
    quotes = _speaker_names(
        "Papst Benedikt XVI. hat seinen Rücktritt angekündigt. Der Innenminister Hans-Peter "
        "Friedrich sagte am Montag, die Entscheidung verdiene Respekt. Sie sei mutig und "
        "zeige menschliche Größe.")
    assert "Friedrich" in _speaker_of(quotes, "verdiene Respekt")
    assert "Friedrich" in (_speaker_of(quotes, "menschliche Größe") or "")


def test_sie_is_the_woman_not_the_man_mentioned_last():
    quotes = _speaker_names(
        "Bundeskanzlerin Angela Merkel gratulierte US-Präsident Barack Obama zum Friedensnobelpreis. "
        "„Die Auszeichnung ist ein Ansporn für uns alle“, sagte sie in Berlin.", "2009-10-09")
    assert _speaker_of(quotes, "Ansporn") == "Angela Merkel"


def test_er_is_the_man_not_the_woman_mentioned_last():
    quotes = _speaker_names(
        "US-Präsident Barack Obama telefonierte mit Bundeskanzlerin Angela Merkel. "
        "„Wir stehen an der Seite unserer Verbündeten“, sagte er danach.", "2009-10-09")
    assert _speaker_of(quotes, "an der Seite") == "Barack Obama"


def test_a_possessive_source_phrase_points_back_to_the_witness():
    quotes = _speaker_names(
        "Ein Augenzeuge berichtete dem Sender al-Dschasira von dem Angriff. Seiner Darstellung "
        "nach hätten die Flugzeuge ohne Vorwarnung ein Lager bombardiert.", "2009-09-17")
    speaker = _speaker_of(quotes, "ohne Vorwarnung")
    assert speaker is not None and "Augenzeuge" in speaker


def test_a_new_subject_between_two_quotes_takes_over():
    quotes = _speaker_names(
        "„Das ist ein Donnerschlag aus heiterem Himmel“, sagte Kardinal Angelo Sodano. "
        "Der 84-jährige Küng, der als Kritiker des Papstes gilt, hofft aber, „dass der "
        "Nachfolger die Kirche aus der Krise führt“.")
    assert "Küng" in (_speaker_of(quotes, "aus der Krise") or "")
