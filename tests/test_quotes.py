"""The quotes stage on German news sentences: mood, frames, speakers, scare quotes, and
the SpkAtt metric."""
import pytest

from lagebild.document import Document
from lagebild.quotes import add_quotes
from lagebild.segment.mood import mood
from lagebild.segment.tagging import tag
from lagebild.quotes.spkatt import Group, Tally, assign, evaluate_doc
from lagebild.segment import add_sentences


def quotes(text):
    doc = Document.new(text)
    add_sentences(doc)
    add_quotes(doc)
    for q in doc.quotes:
        for part in [q, q.speaker, q.cue, q.frame]:
            if part is not None:
                assert " ".join(text[s.start:s.end] for s in part.spans) == part.text
    return doc.quotes


def one(text, containing):
    hits = [q for q in quotes(text) if containing in q.text]
    assert hits, f"no quote with {containing!r} in {[q.text for q in quotes(text)]}"
    return hits[0]


# --- mood ---------------------------------------------------------------------------

def _mood_of(sentence, word, subject=None):
    for w, lemma, pos in tag(sentence.split()):
        if w == word:
            return mood(w, lemma, subject)
    raise AssertionError(word)


@pytest.mark.parametrize("sentence,word,expected", [
    ("Nordkorea brauche rechtlich bindende Garantien", "brauche", "konj1"),
    ("Russland befürworte eine Verhandlungslösung", "befürworte", "konj1"),
    ("Die Lage sei ernst", "sei", "konj1"),
    ("Die Gespräche seien konstruktiv gewesen", "seien", "konj1"),
    ("Er werde das tun", "werde", "konj1"),
    ("Der Minister könne nicht kommen", "könne", "konj1"),
    ("Die Rebellen hätten die Stadt verlassen", "hätten", "konj2"),
    ("Die Truppen würden abgezogen", "würden", "konj2"),
    ("Die Rebellen hatten die Stadt verlassen", "hatten", "indicative"),
    ("Die Regierung braucht mehr Geld", "braucht", "indicative"),
    ("Die Staaten haben zugestimmt", "haben", "indicative"),
    ("Die Truppen wurden abgezogen", "wurden", "indicative"),
])
def test_mood(sentence, word, expected):
    assert _mood_of(sentence, word) == expected


def test_mood_resolves_first_person_by_subject():
    assert _mood_of("ich brauche mehr Zeit", "brauche", "ich") == "indicative"
    assert _mood_of("Sie brauche mehr Zeit", "brauche", "sie") == "konj1"


# --- direct quotes ----------------------------------------------------------------

def test_direct_with_sagte_after():
    q = one("„Wir werden die Sanktionen nicht aufheben“, sagte Außenministerin Annalena Baerbock am Montag.", "Sanktionen")
    assert q.type == "direct"
    assert q.text.startswith("„") and q.text.endswith("“")
    assert q.speaker.text == "Außenministerin Annalena Baerbock"
    assert q.cue.text == "sagte"
    assert q.medium == "speech"


def test_direct_with_so_frame():
    q = one("„Das ist ein schwarzer Tag für Europa“, so der Kommissionspräsident.", "schwarzer Tag")
    assert q.speaker.text == "der Kommissionspräsident"
    assert q.cue.text == "so"


def test_direct_with_frame_before_and_colon():
    q = one("Der Bürgermeister erklärte: »Die Brücke bleibt bis auf Weiteres gesperrt.«", "Brücke")
    assert q.type == "direct"
    assert q.speaker.text == "Der Bürgermeister"
    assert q.cue.text == "erklärte"
    assert q.frame.text.startswith("Der Bürgermeister erklärte")


def test_direct_guillemets_and_straight_quotes():
    assert one("«Wir sind zufrieden mit dem Ergebnis», betonte die Sprecherin.", "zufrieden").speaker.text == "die Sprecherin"
    assert one('"Die Lage ist unter Kontrolle", teilte die Polizei mit.', "Kontrolle").cue.text == "teilte mit"


def test_direct_with_verb_after_adverbial_finds_subject_after_verb():
    q = one("Bei einem Besuch in Kiew kritisierte der Kanzler: „Die Hilfe kommt viel zu spät an.“", "Hilfe")
    assert q.speaker.text == "der Kanzler"
    assert q.cue.text == "kritisierte"


def test_colon_quote_without_speech_verb_inherits_the_last_speaker():
    text = ("Der Ökonom Hans Weber sagte, die Inflation werde im Herbst sinken. "
            "Seine Prognose: „Die Preise steigen bis Weihnachten nicht mehr.“")
    q = one(text, "Weihnachten")
    assert q.type == "direct"
    assert q.frame.text == "Seine Prognose:"
    assert q.speaker.text == "Der Ökonom Hans Weber"


def test_short_quote_with_speech_verb_is_a_quote():
    q = one("Der Premierminister nannte den Angriff „schnell, kraftvoll und entschieden“.", "kraftvoll")
    assert q.speaker.text == "Der Premierminister"


# --- scare quotes, titles and names ------------------------------------------------------

@pytest.mark.parametrize("text,string", [
    ("Trump sieht sich gern als „Deal-Maker“ und lobt seine Verhandlungen.", "Deal-Maker"),
    ("Die Raumkapsel „Shenzhou 6“ landete am Montag in der Inneren Mongolei.", "Shenzhou 6"),
    ("Zahlreiche Verletzte werden im „Black Lion Hospital“ in Addis Abeba behandelt.", "Black Lion Hospital"),
    ("Der Beschluss erlaubt auch „Luftschläge“ gegen die Luftabwehr.", "Luftschläge"),
    ("Eine „Eins zu Eins“-Begegnung lehnt Washington ab.", "Eins zu Eins"),
    ("Der sogenannte „Magnitski Act“ trat 2012 in Kraft.", "Magnitski Act"),
])
def test_scare_quotes_and_names_are_not_quotes(text, string):
    assert not [q for q in quotes(text) if string in q.text]


# --- indirect speech -------------------------------------------------------------------

def test_konjunktiv_with_so_frame():
    q = one("Nordkorea brauche rechtlich bindende Sicherheitsgarantien, so Putin.", "Nordkorea")
    assert q.type == "indirect"
    assert q.text == "Nordkorea brauche rechtlich bindende Sicherheitsgarantien"
    assert q.speaker.text == "Putin"
    assert q.frame.text == ", so Putin"


def test_konjunktiv_with_sagte_after():
    q = one("Er werde das tun, sagte Putin nach dem Treffen in Wladiwostok.", "Er werde")
    assert q.text == "Er werde das tun"
    assert q.speaker.text == "Putin"
    assert q.cue.text == "sagte"


def test_postposed_frame_with_auxiliary_and_participle():
    q = one("Es drohe ein neues Wettrüsten, hatte der Präsident bei seinem Besuch in Moskau gesagt.", "Wettrüsten")
    assert q.speaker.text == "der Präsident"
    assert q.cue.text == "hatte gesagt"


def test_dass_clause_after_cue_verb():
    q = one("Die Gewerkschaft kritisierte, dass die Bahn die Verhandlungen verschleppt habe.", "verschleppt")
    assert q.type == "indirect"
    assert q.text.startswith("dass")
    assert q.speaker.text == "Die Gewerkschaft"
    assert q.cue.text == "kritisierte"


def test_separable_cue_verb_before_clause():
    q = one("Der Sprecher wies darauf hin, dass die Zahl der Angriffe abgenommen habe.", "Angriffe")
    assert q.cue.text == "wies hin"
    assert q.speaker.text == "Der Sprecher"


def test_laut_frame():
    q = one("Laut der Nachrichtenagentur AFP wurden bei den Protesten 20 Menschen verletzt.", "verletzt")
    assert q.type == "indirect"
    assert q.speaker.text == "der Nachrichtenagentur AFP"
    assert q.cue.text == "Laut"
    assert "Laut" not in q.text


def test_zufolge_frame():
    q = one("Dem Innenministerium zufolge haben sich die Demonstranten illegal versammelt.", "versammelt")
    assert q.speaker.text == "Dem Innenministerium"
    assert q.cue.text == "zufolge"


def test_nach_angaben_frame_in_mid_sentence_gives_discontinuous_quote():
    q = one("Bei dem Erdbeben kamen nach Angaben der Behörden mindestens 40 Menschen ums Leben.", "Erdbeben")
    assert q.speaker.text == "Angaben der Behörden"
    assert len(q.spans) == 2
    assert "nach Angaben" not in q.text


def test_wie_frame():
    q = one("Wie ein Sprecher der Polizei mitteilte, sei die Lage inzwischen ruhig.", "ruhig")
    assert q.speaker.text == "ein Sprecher der Polizei"
    assert q.cue.text == "Wie mitteilte"


def test_free_indirect_continuation_under_last_frame():
    text = ("Der Minister sagte, die Regierung werde die Steuern nicht erhöhen. "
            "Das sei mit der Koalition so vereinbart. "
            "Am Abend trafen sich die Fraktionen.")
    qs = quotes(text)
    cont = [q for q in qs if "vereinbart" in q.text][0]
    assert cont.type == "indirect_free_indirect"
    assert cont.speaker.text == "Der Minister"
    assert not [q for q in qs if "Fraktionen" in q.text]


def test_hearsay_soll_is_free_indirect():
    q = one("Der Kassenwart soll über Jahre Gelder veruntreut haben.", "veruntreut")
    assert q.type == "free_indirect"


def test_indicative_sentence_is_not_a_quote():
    assert quotes("Die Regierung beschloss am Mittwoch ein neues Gesetz zur Energiewende.") == []


def test_ids_in_text_order():
    text = "„Wir bleiben hart“, sagte der Streikführer. Die Bahn sei gesprächsbereit, so ein Sprecher."
    assert [q.id for q in quotes(text)] == ["q1", "q2"]


# --- SpkAtt metric -------------------------------------------------------------------------

def _g(quote, speaker=(), form="Indirect"):
    return Group({"quote": list(quote), "speaker": list(speaker)}, form, "Speech")


def test_assignment_pairs_by_overlap():
    gold = [_g(range(0, 10)), _g(range(20, 30))]
    sys_ = [_g(range(21, 30)), _g(range(0, 5))]
    assert sorted(assign(sys_, gold)) == [(0, 1), (1, 0)]


def test_metric_counts_tokens_and_unmatched_groups():
    gold = [_g(range(0, 4), [10])]
    sys_ = [_g(range(0, 4), [11]), _g(range(50, 52))]
    t = Tally()
    from collections import defaultdict
    evaluate_doc(sys_, gold, t, defaultdict(Tally), defaultdict(int))
    s = t.scores(["quote"])
    assert s["micro_p"] == pytest.approx(4 / 6) and s["micro_r"] == 1.0
    assert t.scores(["speaker"])["micro_p"] == 0.0


def test_reported_speech_from_learned_verbs(monkeypatch):
    from lagebild.quotes import rules
    monkeypatch.setattr(rules, "reported_verbs", lambda: {"kritisieren": 0.9})
    q = one("Die Gewerkschaft kritisierte den Beschluss der Landesregierung scharf.", "Beschluss")
    assert q.type == "reported"
    assert q.speaker.text == "Die Gewerkschaft"
    assert q.cue.text == "kritisierte"
    monkeypatch.setattr(rules, "reported_verbs", lambda: {"kritisieren": 0.2})
    assert quotes("Die Gewerkschaft kritisierte den Beschluss der Landesregierung scharf.") == []


def test_learned_reported_verbs_table_loads():
    from lagebild.quotes.rules import reported_verbs
    table = reported_verbs()
    assert table and all(0.0 <= r <= 1.0 for r in table.values())


def test_verb_key_joins_particles_and_auxiliaries():
    from lagebild.quotes.rules import Tok, main_verb_key
    from lagebild.training.quotes.cues import sentence_toks
    assert main_verb_key(sentence_toks("Die Polizei teilte am Abend mit".split(), 0), 6) == "mitteilen"
    assert main_verb_key(sentence_toks("Der Minister hat den Plan kritisiert".split(), 0), 6) == "kritisieren"


def test_impersonal_heisst_es_frame():
    q = one("In einem Bericht der Vereinten Nationen heißt es, die Versorgungslage sei dramatisch.", "Versorgungslage")
    assert q.type == "indirect"
    assert q.cue.text == "heißt es"
    assert q.speaker.text == "einem Bericht der Vereinten Nationen"


def test_zu_infinitive_after_announcing_verb():
    q = one("Die Regierung hat angekündigt, den Notstand auszurufen, falls die Streiks andauern.", "Notstand")
    assert q.type == "indirect"
    assert q.cue.text == "hat angekündigt"
    assert q.speaker.text == "Die Regierung"


def test_konjunktiv_after_fronted_subordinate_clause_continues_frame():
    text = ("Der Oppositionsführer sagte, die Wahl sei manipuliert worden. "
            "Was die Bürger wollten, sei eine unabhängige Wahlkommission.")
    q = one(text, "Wahlkommission")
    assert q.type == "indirect_free_indirect"
    assert q.speaker.text == "Der Oppositionsführer"


def test_relative_clause_before_postposed_speech_verb_is_not_a_quote():
    assert not [q for q in quotes("Der Präsident, der seit 1981 regiert, hatte am Donnerstag angekündigt, erneut anzutreten.")
                if q.text.startswith("Der Präsident")]


def test_source_noun_compounds_and_postposed_nach():
    q = one("Nach ersten Polizeiangaben wurden bei dem Unfall drei Menschen verletzt.", "Unfall")
    assert q.speaker.text == "ersten Polizeiangaben"
    q = one("Seiner Meinung nach werde das Gesetz vor Gericht keinen Bestand haben.", "Gesetz")
    assert q.cue.text == "nach"
    assert q.speaker.text == "Seiner Meinung"


def test_laut_with_quoted_source_name():
    q = one("Laut „Reuters“ wurden mehrere Mönche festgenommen.", "Mönche")
    assert q.speaker.text == "„Reuters“"
    assert q.text == "wurden mehrere Mönche festgenommen"


@pytest.mark.parametrize("text,words,cue", [
    ("Demonstranten skandierten „Gefälschte Wahlen“ vor dem Parlament.", "Gefälschte Wahlen", "skandierten"),
    ("Der Geschäftsführer wies die Vorwürfe als „haltlos“ zurück.", "haltlos", "wies zurück"),
    ("Händler sprachen von „Panikverkäufen“ an der Börse.", "Panikverkäufen", "sprachen"),
])
def test_short_quoted_words_after_a_speech_verb(text, words, cue):
    q = one(text, words)
    assert q.type == "direct"
    assert q.cue.text == cue


@pytest.mark.parametrize("text,string", [
    ("Laut „Reuters“ wurden bei den Protesten mehrere Mönche festgenommen.", "„Reuters“"),
    ("Der Nachrichtensender „Al Jazeera“ meldete am Abend neue Kämpfe.", "Al Jazeera"),
    ("Die Partei „Union pour un Mouvement Populaire“ gewann die Wahl.", "Union pour"),
    ("Weitere Bilder zeigt die Seite „news.example.org“, sagte ein Sprecher.", "news.example.org"),
])
def test_quoted_sources_sites_and_foreign_names_are_not_quotes(text, string):
    assert not [q for q in quotes(text) if q.type == "direct" and string in q.text]


@pytest.mark.parametrize("text,speaker", [
    ("Das Bau- und Transportministerium teilte mit, es gebe keine Gefahr.", "Das Bau- und Transportministerium"),
    ("Präsident Boris Tadić und Regierungschef Vojislav Koštunica erklärten, man werde das nie anerkennen.",
     "Präsident Boris Tadić und Regierungschef Vojislav Koštunica"),
    ("Der Vorsitzende des Innenausschusses, Sebastian Edathy (SPD), sagte, er halte das für vertretbar.",
     "Der Vorsitzende des Innenausschusses, Sebastian Edathy (SPD)"),
])
def test_speaker_phrases(text, speaker):
    assert quotes(text)[0].speaker.text == speaker


def test_speakers_resolve_to_actors_and_pronouns_to_the_last_speaker(monkeypatch):
    from lagebild.document import Actor, Mention
    text = ("Wladimir Putin empfing am Donnerstag Kim Jong-un in Wladiwostok. "
            "Nordkorea brauche Sicherheitsgarantien, sagte Putin. Er werde das Thema auch in Peking ansprechen.")
    doc = Document.new(text)
    add_sentences(doc)

    def mention(s):
        i = text.index(s)
        return Mention(start=i, end=i + len(s), text=s)
    doc.actors = [Actor(id="a1", name="Wladimir Putin", kind="person",
                        mentions=[mention("Wladimir Putin"), Mention(start=text.rindex("Putin"), end=text.rindex("Putin") + 5, text="Putin")]),
                  Actor(id="a2", name="Kim Jong-un", kind="person", mentions=[mention("Kim Jong-un")])]
    add_quotes(doc)
    first = [q for q in doc.quotes if "Sicherheitsgarantien" in q.text][0]
    assert first.speaker.actor == "a1"
    cont = [q for q in doc.quotes if "Peking" in q.text][0]
    assert cont.speaker.actor == "a1"


def test_pronoun_speaker_prefers_the_subject_of_an_earlier_sentence():
    from lagebild.document import Actor, Mention
    text = "Putin empfing am Donnerstag Kim Jong-un. Er sagte, die Gespräche seien offen gewesen."
    doc = Document.new(text)
    add_sentences(doc)
    doc.actors = [Actor(id="a1", name="Wladimir Putin", kind="person", mentions=[Mention(start=0, end=5, text="Putin")]),
                  Actor(id="a2", name="Kim Jong-un", kind="person",
                        mentions=[Mention(start=text.index("Kim"), end=text.index("Kim") + 11, text="Kim Jong-un")])]
    add_quotes(doc)
    assert doc.quotes[0].speaker.text == "Er"
    assert doc.quotes[0].speaker.actor == "a1"


def test_frame_in_mid_sentence_and_subject_after_the_cue_verb():
    q = one("Oftmals habe der Mann vor der Tür gewartet, so die Anwältin, die auch angab, sie sei bedroht worden.", "gewartet")
    assert q.text == "Oftmals habe der Mann vor der Tür gewartet"
    assert q.speaker.text == "die Anwältin"
    q = one("Bei ihrem Auftritt in Brüssel sagte Rice, die USA hielten sich an die Konvention.", "Konvention")
    assert q.speaker.text == "Rice"
    assert q.text.startswith("die USA")


def test_so_followed_by_a_clause_is_not_a_frame():
    assert quotes("Die Behörden haben entschieden, so viele Menschen wie möglich zu evakuieren.") == []


def test_demnach_points_back_to_the_source():
    q = one("Demnach hätten sich die Bewohner in eine Kirche geflüchtet.", "Kirche")
    assert q.type == "indirect"
    assert q.cue.text == "Demnach"


def test_quotes_outside_sentences_are_ignored_and_the_stage_needs_the_word_layer():
    from lagebild.pipeline import Pipeline, PipelineError
    from lagebild.document import Sentence
    text = "„Alles bleibt, wie es ist“, sagte der Sprecher.\n\nFoto: „Archiv der Stadt Bonn“"
    doc = Document.new(text)
    add_sentences(doc)
    doc.sentences = [Sentence(start=0, end=text.index("\n"))]
    add_quotes(doc)
    assert [q.text for q in doc.quotes] == ["„Alles bleibt, wie es ist“"]
    from lagebild.errors import MissingLayerError
    with pytest.raises(MissingLayerError, match="reads 'tokens'"):
        add_quotes(Document.new(text))        # no word layer: the stage says so
    with pytest.raises(PipelineError, match="reads 'sentences' \\(written by stage 'sentences'\\)"):
        Pipeline(until="quotes", skip=("sentences",))


def test_quote_in_coordinated_clause_takes_the_subject_of_the_clause_before():
    text = ("Die Manöver gefährdeten die Beziehungen, sagte ein Regierungssprecher in Pjöngjang "
            "und kündigte „entsprechende Gegenmaßnahmen unserer Armee“ an.")
    q = one(text, "Gegenmaßnahmen")
    assert q.type == "direct"
    assert q.cue.text == "kündigte an"
    assert q.speaker.text == "ein Regierungssprecher"


def test_semicolon_parts_get_their_own_frames():
    qs = quotes("Laut Presseberichten ist er heute 24 Jahre alt; demnach wäre er 2008 erst 16 Jahre alt gewesen.")
    assert [q.cue.text for q in qs] == ["Laut", "demnach"]


def test_speech_verb_after_laut_phrase_is_the_frame():
    q = one("Laut BBC News sagte der Minister, dass zehn Millionen Dollar investiert werden sollen.", "Millionen")
    assert q.text.startswith("dass")
    assert q.speaker.text == "der Minister"
    assert q.cue.text == "sagte"


def test_speech_participle_after_laut_phrase_is_the_frame():
    """"hatte er laut X kritisiert, dass …": X is where it was reported, "er" who said it;
    a passive after a source phrase keeps the phrase as its source."""
    q = one("Außerdem hatte er laut „tagesschau.de“ kritisiert, dass sein Stamm diskriminiert werde.", "Stamm")
    assert q.text.startswith("dass") and q.speaker.text == "er" and q.cue.text.endswith("kritisiert")
    q = one("In Wasserproben sind nach jüngsten Untersuchungen Chemikalien festgestellt worden, einschließlich DDT.",
            "Chemikalien")
    assert q.speaker.text == "jüngsten Untersuchungen"


def test_whose_view_a_reported_sentence_gives_is_its_speaker():
    text = ("Der Politiker Hussein al Huthi hat sich über die Regierung beschwert. Laut einem Bericht der "
            "Zeitung wandte er sich an die UN. Sie trage aus seiner Sicht zu wenig zum Schutz der Bevölkerung bei.")
    q = one(text, "zu wenig")
    assert q.text.startswith("Sie trage aus seiner Sicht") and q.speaker.text == "seiner Sicht"
    q = one("Die Armee sei aus Sicht der Regierung an den Toten nicht schuld.", "Toten")
    assert q.speaker.text == "der Regierung"
    # in a sentence that reports nothing, a point of view is a topic
    assert not [q for q in quotes("Er erläuterte die Klimapolitik aus Sicht Chinas.") if "Klimapolitik" in q.text]


def test_befinden_sich_is_no_speech_verb():
    q = one("Korrespondenten zufolge befinden sich zahlreiche Verletzte in den Krankenhäusern.", "Verletzte")
    assert q.cue.text == "zufolge"


@pytest.mark.parametrize("text,speaker", [
    ("VW-Chef Winterkorn sagte, man sei mit dem Ergebnis zufrieden.", "VW-Chef Winterkorn"),
    ("Mayra Veliz von der Staatsanwaltschaft sagte, die Zahlen seien vorläufig.", "Mayra Veliz von der Staatsanwaltschaft"),
    ("Von der Leyen betonte, die Bewerberinnen seien gut geeignet.", "Von der Leyen"),
    ("EU-Kommission und Bundesregierung erklärten, man werde rasch handeln.", "EU-Kommission und Bundesregierung"),
])
def test_more_speaker_phrases(text, speaker):
    assert quotes(text)[0].speaker.text == speaker


def test_passive_frame_takes_the_agent_as_speaker():
    q = one("Vom Innenministerium wurde bestätigt, dass die Grenze geschlossen bleibe.", "Grenze")
    assert q.cue.text == "wurde bestätigt"
    assert q.speaker.text == "Innenministerium"


def test_cue_table_has_no_duplicates():
    from lagebild.quotes.rules import HERE
    rows = [l.split("\t")[0] for l in (HERE / "cues.tsv").read_text("utf-8").splitlines() if l and not l.startswith("#")]
    assert len(rows) == len(set(rows))


def test_2023_format_is_rebuilt_with_offsets():
    from lagebild.quotes.spkatt import from_2023
    data = {"DocumentName": "x", "Sentences": [
        {"SentenceId": 0, "Tokens": ["„", "Wir", "bleiben", "“", ",", "sagte", "er", "."]},
        {"SentenceId": 1, "Tokens": ["Er", "sagte", '"', "Nein", '"', "."]}],
        "Annotations": [{"Form": "Direct", "STWR": "Speech", "IsNested": False,
                         "Message": ["0:0", "0:1", "0:2", "0:3"], "Source": ["0:6"], "Cue": ["0:5"],
                         "Frame": ["0:4", "0:5", "0:6"], "Addr": []}]}
    doc = from_2023(data)
    assert doc["originalText"] == '„Wir bleiben“, sagte er. Er sagte "Nein".'
    assert all(doc["originalText"][t["charBegin"]:t["charEnd"]] == t["text"] for t in doc["tokens"])
    assert doc["annotations"][0]["speaker"]["tokenIds"] == [6]


# --- texts before "lautet:", long subjects, pronouns, denials --------------------------

@pytest.mark.parametrize("text,speaker", [
    ("Der Text des Flugblatts lautete: „Wir fordern die sofortige Freilassung aller Gefangenen.“", "des Flugblatts"),
    ("Die Erklärung lautet: „Wir werden uns nicht einschüchtern lassen und weiter kämpfen.“", None),
    ("Der Text lautete: „Wir fordern die sofortige Freilassung aller Gefangenen.“", None),
    ("Die Antwort des Ministeriums lautete: „Dazu äußern wir uns nicht.“", "des Ministeriums"),
    ("Die Erklärung der Regierung: „Die Lage ist unter Kontrolle und es besteht keine Gefahr.“", "der Regierung"),
])
def test_a_text_before_lautet_is_no_speaker_but_its_author_is(text, speaker):
    q = quotes(text)[0]
    assert q.type == "direct"
    assert (q.speaker.text if q.speaker else None) == speaker


def test_lautet_is_the_cue_of_its_quote():
    q = quotes("Die Mitteilung der Polizei lautete: „Die Straße bleibt bis Montag gesperrt.“")[0]
    assert q.cue.text == "lautete"
    assert q.speaker.text == "der Polizei"


def test_impersonal_heisst_es_before_a_colon_names_the_text_and_its_author():
    q = quotes("In der Erklärung der Regierung heißt es: „Die Lage ist unter Kontrolle und es besteht keine Gefahr.“")[0]
    assert q.type == "direct"
    assert q.cue.text == "heißt es"
    assert "Regierung" in q.speaker.text


def test_long_subject_with_apposition_before_a_colon_quote():
    q = one("Der Vorsitzende der Christlich Demokratischen Union, Max Müller, rief vor den versammelten "
            "Demonstranten aus: „Wir lassen uns das nicht gefallen!“", "gefallen")
    assert q.speaker.text.endswith("Max Müller")
    assert q.cue.text == "rief aus"


def _doc_with_actors(text, actors):
    """A Document with the given actors: (id, kind, [mention strings]) each, every string
    mentioned at its every occurrence."""
    import re as _re

    from lagebild.document import Actor, Mention
    doc = Document.new(text)
    add_sentences(doc)
    doc.actors = [Actor(id=i, name=ms[0], kind=kind,
                        mentions=[Mention(start=m.start(), end=m.end(), text=s)
                                  for s in ms for m in _re.finditer(_re.escape(s), text)])
                  for i, kind, ms in actors]
    return doc


def test_long_speaker_phrase_resolves_to_the_named_person():
    text = ("Der Generalsekretär der Vereinten Nationen, António Guterres, sagte am Montag vor Journalisten "
            "in New York: „Die Lage ist katastrophal.“")
    doc = _doc_with_actors(text, [("a1", "organization", ["Vereinten Nationen"]),
                                  ("a2", "person", ["António Guterres"])])
    add_quotes(doc)
    assert doc.quotes[0].speaker.actor == "a2"


def test_pronoun_speaker_is_a_person_not_the_organisation_quoted_before():
    text = ("Konzernchef Peter Lang traf sich am Montag mit dem Betriebsrat. Die Gewerkschaft Verdi teilte mit, "
            "die Gespräche seien gescheitert. Er sagte, man werde trotzdem weiter verhandeln.")
    doc = _doc_with_actors(text, [("a1", "person", ["Peter Lang"]), ("a2", "organization", ["Verdi"])])
    add_quotes(doc)
    first = [q for q in doc.quotes if "gescheitert" in q.text][0]
    assert first.speaker.actor == "a2"
    pronoun = [q for q in doc.quotes if "verhandeln" in q.text][0]
    assert pronoun.speaker.text == "Er"
    assert pronoun.speaker.actor == "a1"


def test_pronoun_speaker_falls_back_to_the_organisation_without_any_person():
    text = "Die Bundesregierung erklärte, die Lage sei unter Kontrolle. Sie kündigte an, weitere Hilfen bereitzustellen."
    doc = _doc_with_actors(text, [("a1", "organization", ["Bundesregierung"])])
    add_quotes(doc)
    assert [q.speaker.actor for q in doc.quotes] == ["a1", "a1"]


@pytest.mark.parametrize("text,speaker,cue", [
    ("Die Anwältin bestritt jegliche Beteiligung ihres Mandanten an dem Überfall.", "Die Anwältin", "bestritt"),
    ("Der Minister hat die Vorwürfe entschieden zurückgewiesen.", "Der Minister", "hat zurückgewiesen"),
    ("Ein Sprecher des Konzerns dementierte die Berichte über Entlassungen.", "Ein Sprecher des Konzerns", "dementierte"),
])
def test_denial_with_a_noun_object_is_reported_speech(text, speaker, cue):
    q = quotes(text)[0]
    assert q.type == "reported"
    assert q.speaker.text == speaker
    assert q.cue.text == cue


def test_denial_with_a_zu_infinitive_is_indirect_speech():
    q = one("Der Angeklagte bestritt, an dem Überfall beteiligt gewesen zu sein.", "Überfall")
    assert q.type == "indirect"
    assert q.speaker.text == "Der Angeklagte"


def test_an_accusation_with_a_zu_infinitive_is_indirect_speech():
    # what someone is accused of is the accuser's claim
    q = one("Die Regierung beschuldigt die Rebellen seit Monaten, Waffen aus dem Ausland zu erhalten.", "Waffen")
    assert q.type == "indirect"
    assert q.speaker.text == "Die Regierung"


@pytest.mark.parametrize("text,key,speaker", [
    ("Der Kandidat hat in einem Interview angeregt, der Präsident solle doch zurücktreten.", "zurücktreten",
     "Der Kandidat"),
    ("Die Ministerin schloss aus, dass die Steuern im kommenden Jahr erhöht würden.", "Steuern", "Die Ministerin"),
    ("Der Sprecher deutete an, die Regierung werde den Plan überarbeiten.", "Plan", "Der Sprecher"),
])
def test_more_speech_verbs_frame_reported_speech(text, key, speaker):
    q = one(text, key)
    assert q.type == "indirect"
    assert q.speaker.text == speaker


@pytest.mark.parametrize("text,key,speaker", [
    ("Der Präsident der Kommission nannte den Umsturz einen „Militärputsch“.", "Militärputsch",
     "Der Präsident der Kommission"),
    ("Als „verpasste Chance“ beurteilte der Abgeordnete Volker Beck das Pontifikat.", "verpasste Chance",
     "der Abgeordnete Volker Beck"),
])
def test_a_quoted_word_for_something_after_a_naming_verb_is_a_quote(text, key, speaker):
    q = one(text, key)
    assert q.type == "direct"
    assert q.speaker.text == speaker


def test_a_quoted_name_after_an_article_stays_a_name():
    assert quotes("Der Aktivist erhielt am Montag den „Sacharow-Preis für geistige Freiheit“.") == []


def test_a_quotation_over_two_paragraphs_is_read_up_to_the_first_break():
    # the closing mark comes only after the last paragraph
    text = "Eine Überlebende beschrieb den Hergang: „Die See war wirklich sehr rau.\n\nDann kenterte das Boot.“"
    q = one(text, "See war")
    assert (q.type, q.speaker.text) == ("direct", "Eine Überlebende")
    assert q.text == "„Die See war wirklich sehr rau."
    assert not [q for q in quotes("Er sprach vom „Ende der Welt\n\nDann kenterte das Boot.") if q.type == "direct"]


@pytest.mark.parametrize("text,key,speaker", [
    ("Die das Unglück überlebende Alice Kakamara beschrieb den Hergang: „Die See war rau.“", "See",
     "Die das Unglück überlebende Alice Kakamara"),
    ("Der seit 1981 regierende Präsident sagte, er werde erneut antreten.", "antreten",
     "Der seit 1981 regierende Präsident"),
])
def test_a_speaker_with_an_attribute_phrase_before_the_noun_is_read_whole(text, key, speaker):
    assert one(text, key).speaker.text == speaker


@pytest.mark.parametrize("text,key,speaker", [
    ("Der 39-Jährige gab jedoch an, es gehe ihm nur um die Kinder.", "Kinder", "Der 39-Jährige"),
    ("Diese bestätigte, dass gegen den Mann ein Haftbefehl besteht.", "Haftbefehl", "Diese"),
])
def test_an_age_noun_or_a_demonstrative_is_a_speaker_phrase(text, key, speaker):
    assert one(text, key).speaker.text == speaker


@pytest.mark.parametrize("text,key,speaker", [
    ("Sie wandte sich an das Forum, da sie befürchtete, man wolle ihr die Kinder wegnehmen.", "Kinder", "sie"),
    ("Die Polizei nahm einen Mann fest, von dem die Ermittler glauben, er sei angeworben worden.", "angeworben",
     "die Ermittler"),
    ("Die Banken, denen Rafael Correa vorwirft, Urheber der Krise zu sein, schweigen.", "Urheber", "Rafael Correa"),
])
def test_the_speaker_of_a_verb_final_clause_stands_after_its_opener(text, key, speaker):
    assert one(text, key).speaker.text == speaker


@pytest.mark.parametrize("text,key,speaker", [
    ("Die Bestrebungen der Regierung, ihre Macht zu erhalten, bezeichnete er als einen „Akt des politischen Verbrechertums“.",
     "Verbrechertums", "er"),
    ("Den Internationalen Währungsfonds forderte er auf, die Auszahlung auszusetzen.", "Auszahlung", "er"),
    ("Erst vergangene Woche kündigte der Konzern an, sämtliche Schalter zu schließen.", "Schalter", "der Konzern"),
])
def test_what_stands_before_the_verb_need_not_be_the_speaker(text, key, speaker):
    # an object or a time first: "er" right after the verb, or the phrase after it, speaks
    assert one(text, key).speaker.text == speaker


def test_a_court_dismissing_a_suit_is_no_speech():
    assert quotes("Das Gericht wies die Klage der Anwohner ab.") == []


@pytest.mark.parametrize("text,key,speaker", [
    ("Der Spiegel zitiert den Prediger mit den Worten „Wir warnen den Westen vor unserer Rache.“",
     "Wir warnen", "den Prediger"),
    ("Reuters zitierte den Minister mit den Worten, man werde die Sanktionen verschärfen.",
     "Sanktionen", "den Minister"),
    ("„Wir lehnen das ab“, zitiert die Zeitung den Sprecher der Regierung.", "lehnen", "den Sprecher der Regierung"),
    ("Die Agentur zitiert dazu Néstor Kirchner mit den Worten: „Diese Banken haben ihren Zweck verloren.“", "Banken",
     "Néstor Kirchner"),
])
def test_the_one_quoted_is_the_object_of_zitieren(text, key, speaker):
    # who quotes only passes the words on: the speaker is the object of "zitieren"
    assert one(text, key).speaker.text == speaker


def test_zitieren_without_object_keeps_the_subject():
    assert one("„Wir lehnen das ab“, zitiert die Zeitung.", "lehnen").speaker.text == "die Zeitung"


def test_a_sentence_ending_in_a_comma_is_no_crash():
    """A comma closing a sentence (a scraped line, or a long run cut at a comma) leaves
    no frame after it; the rules looked one token past the sentence (IndexError)."""
    from lagebild.document import Sentence
    for text in ("Die Regierung habe versagt,", "Er sagte, die Regierung habe versagt,"):
        doc = Document.new(text)
        add_sentences(doc)
        doc.sentences = [Sentence(start=0, end=len(text))]
        add_quotes(doc)
        assert all(doc.text[s.start:s.end] for q in doc.quotes for s in q.spans)


def test_only_direct_asks_the_one_region_that_can_hold_the_spans(shared):
    """`_only_direct` looks up one quotation region by bisection instead of scanning them all
    (quadratic on long pages): the same answer as the scan, for spans inside, across and
    outside the regions of a real article."""
    import random

    from lagebild.quotes.rules import Extractor
    text = "\n\n".join(p.read_text("utf-8") for p in sorted((shared / "eval" / "dev").glob("*.txt")))
    doc = Document.new(text)
    add_sentences(doc)
    ex = Extractor(doc.text, [(s.start, s.end) for s in doc.sentences], doc.tokens)
    assert len(ex.regions) > 10

    def scan(spans):
        return any(all(a <= s and e <= b for s, e in spans) for a, b in ex.regions)

    rng = random.Random(3)
    cases = []
    for a, b in ex.regions:
        cases += [[(a, b)], [(a + 1, b - 1)], [(a, b + 1)], [(a - 1, b)]]
    for _ in range(400):
        starts = sorted(rng.randrange(len(text)) for _ in range(rng.randint(1, 3)))
        cases.append([(s, min(len(text), s + rng.randint(1, 200))) for s in starts])
    assert any(scan(c) for c in cases) and not all(scan(c) for c in cases)
    assert [ex._only_direct(c) for c in cases] == [scan(c) for c in cases]


@pytest.mark.parametrize("text,words,cue,speaker", [
    ("Die Ursache des Unglücks sei noch unklar, verlautbarte die Reederei am Abend.", "Ursache", "verlautbarte",
     "die Reederei"),
    ("Die Opposition konterte, die Regierung habe die Lage selbst verschuldet.", "verschuldet", "konterte",
     "Die Opposition"),
    ("Der Rechnungshof monierte, dass die Kosten ohne Prüfung gestiegen seien.", "Kosten", "monierte",
     "Der Rechnungshof"),
    ("Die Verteidigerin hielt dem Gericht entgegen, dass ihr Mandant nie in der Stadt gewesen sei.", "Mandant",
     "hielt entgegen", "Die Verteidigerin"),
])
def test_less_common_speech_verbs_are_cues(text, words, cue, speaker):
    """Verbs of speech beyond "sagen" and "erklären" (cues.tsv): "verlautbaren", "kontern",
    "monieren", "entgegenhalten" frame reported speech like any other cue."""
    q = one(text, words)
    assert q.type == "indirect"
    assert q.cue.text == cue
    assert q.speaker.text == speaker
