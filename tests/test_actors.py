"""The actors stage on realistic German news sentences: each kind of mention linking."""
from __future__ import annotations

import pytest

import lagebild

from lagebild.actors import actor_at, actors_of, use_actor_files
from lagebild.actors.tables import load_tables
from lagebild.document import Document
from lagebild.segment import add_sentences


def by_mention(actors, text):
    """The actor that has a mention with exactly this text."""
    found = [a for a in actors if any(m.text == text for m in a.mentions)]
    assert found, f"no actor mentioned as {text!r}: {[(a.name, [m.text for m in a.mentions]) for a in actors]}"
    assert len(found) == 1, f"{text!r} in several actors: {[a.name for a in found]}"
    return found[0]


def test_offsets_match_text():
    text = ("Der russische Präsident Wladimir Putin hat Nordkoreas Machthaber Kim Jong-un in "
            "Wladiwostok empfangen. Putin sagte, Moskau unterstütze die Gespräche.")
    doc = Document.new(text, published="2019-04-25")
    from lagebild.actors import add_actors
    add_sentences(doc)
    add_actors(doc)
    assert doc.check_offsets() == []
    assert [a.id for a in doc.actors] == [f"a{i}" for i in range(1, len(doc.actors) + 1)]


def test_full_name_then_surname_and_genitive():
    actors = actors_of("Kim Jong-un hat am Donnerstag eine Rakete testen lassen. Kim drohte den USA. "
                       "Kims Regierung schwieg.", "2019-05-10")
    kim = by_mention(actors, "Kim Jong-un")
    assert by_mention(actors, "Kim") is kim
    assert kim.country == "PRK" and kim.kind == "person"
    assert kim.wikidata == "Q56226"


def test_apposition_with_country_genitive():
    actors = actors_of("Russlands Präsident Wladimir Putin traf am Montag in Ankara ein.", "2019-04-08")
    putin = by_mention(actors, "Wladimir Putin")
    assert by_mention(actors, "Präsident") is putin
    assert putin.country == "RUS" and putin.sector == "GOV"


def test_prefixed_title_with_unknown_name_takes_the_prefix_country():
    actors = actors_of("US-Außenminister Jonathan Miller reiste anschließend nach Seoul.", "2018-06-01")
    miller = by_mention(actors, "Jonathan Miller")
    assert miller.country == "USA" and miller.kind == "person"


def test_bare_title_goes_to_the_office_holder_of_the_day():
    actors = actors_of("Der Kremlchef kündigte neue Gespräche mit Kiew an.", "2016-03-01")
    assert by_mention(actors, "Kremlchef").name == "Wladimir Putin"
    actors = actors_of("Der Kremlchef kündigte neue Gespräche an.", "2010-03-01")
    assert by_mention(actors, "Kremlchef").name == "Dmitri Medwedew"


def test_nationality_adjective_title_joins_the_named_person():
    actors = actors_of("Der nordkoreanische Machthaber Kim Jong-un ließ eine Rakete starten. "
                       "Der nordkoreanische Machthaber zeigte sich zufrieden.", "2017-07-04")
    kim = by_mention(actors, "Kim Jong-un")
    assert all(m.text.endswith("Machthaber") for m in kim.mentions if m.text != "Kim Jong-un")
    assert len([m for m in kim.mentions if "Machthaber" in m.text]) == 2


def test_capital_and_seat_metonyms_are_the_government():
    actors = actors_of("Washington und Pjöngjang verhandeln. Der Kreml und das Weiße Haus äußerten sich "
                       "nicht, auch aus Peking kam keine Stellungnahme.", "2018-06-01")
    usa = by_mention(actors, "Washington")
    assert usa.country == "USA" and usa.kind == "country" and usa.sector == "GOV"
    assert by_mention(actors, "Weiße Haus") is usa
    assert by_mention(actors, "Kreml").country == "RUS"
    assert by_mention(actors, "Pjöngjang").country == "PRK"
    # "aus Peking" is a place, not the Chinese government speaking
    assert not any(m.text == "Peking" for a in actors for m in a.mentions)


def test_countries_short_forms_and_genitives_merge():
    actors = actors_of("Russland und die Vereinigten Staaten streiten. Die Haltung Russlands ist klar, "
                       "sagte ein Diplomat der USA.", "2020-01-01")
    rus = by_mention(actors, "Russland")
    assert by_mention(actors, "Russlands") is rus
    usa = by_mention(actors, "Vereinigten Staaten")
    assert by_mention(actors, "USA") is usa and usa.country == "USA"


def test_international_organisations():
    actors = actors_of("Der UN-Sicherheitsrat und die Europäische Union verurteilten den Test; die NATO "
                       "und die IAEA forderten Aufklärung. Beim G20-Gipfel war das ein Thema.", "2017-09-04")
    assert by_mention(actors, "UN-Sicherheitsrat").country == "IGO"
    assert by_mention(actors, "Europäische Union").country == "IGO"
    assert by_mention(actors, "NATO").sector == "MIL"
    assert by_mention(actors, "IAEA").name == "Internationale Atomenergiebehörde"
    assert by_mention(actors, "G20").name == "G20"


def test_role_nouns_get_sector_and_the_articles_country():
    actors = actors_of("Äthiopien: Polizei schießt auf Demonstranten\n\n"
                       "In Addis Abeba eröffnete die Polizei das Feuer auf Steine werfende Demonstranten. "
                       "Die Regierung machte die Opposition verantwortlich. Studenten wurden verhaftet.",
                       "2005-06-18")
    police = by_mention(actors, "Polizei")
    assert police.country == "ETH" and police.sector == "COP" and police.kind == "organization"
    demo = by_mention(actors, "Demonstranten")
    assert demo.country == "ETH" and demo.kind == "group" and demo.sector == "CVL"
    assert by_mention(actors, "Regierung").name == "Äthiopien"
    assert by_mention(actors, "Opposition").sector == "OPP"
    assert by_mention(actors, "Studenten").kind == "group"


def test_compound_role_takes_sector_from_its_modifier():
    actors = actors_of("Israelische Kampfflugzeuge griffen Ziele an, teilte eine Armeesprecherin in "
                       "Tel Aviv mit.", "2009-01-03")
    spokes = by_mention(actors, "Armeesprecherin")
    assert spokes.sector == "MIL" and spokes.country == "ISR"
    assert by_mention(actors, "Israelische Kampfflugzeuge").country == "ISR"


def test_genitive_after_role_gives_country():
    actors = actors_of("Ein Sprecher des Weißen Hauses wies das zurück. Die Regierung Österreichs "
                       "blieb bei ihrer Haltung.", "2006-05-31")
    assert by_mention(actors, "Sprecher").country == "USA"
    assert by_mention(actors, "Regierung").country == "AUT"


def test_apposition_after_name():
    actors = actors_of("Bei der Wahlkommission in Addis Abeba gingen Beschwerden ein. Kemal Bedri, "
                       "Vorsitzender der Wahlkommission Äthiopiens, verschob die Verkündung.",
                       "2005-06-18")
    bedri = by_mention(actors, "Kemal Bedri")
    assert bedri.kind == "person" and bedri.country == "ETH"


def test_demonyms_are_groups_of_that_country():
    actors = actors_of("Die Nordkoreaner feierten den Start, Amerikaner protestierten.", "2017-07-04")
    assert by_mention(actors, "Nordkoreaner").country == "PRK"
    assert by_mention(actors, "Amerikaner").country == "USA"
    assert by_mention(actors, "Amerikaner").kind == "group"


def test_ordinary_capitalised_nouns_after_a_title_are_not_names():
    actors = actors_of("Per Dekret ordnete der russische Präsident Maßnahmen zur Unterstützung an.",
                       "2012-12-30")
    assert not any(m.text == "Maßnahmen" for a in actors for m in a.mentions)
    assert by_mention(actors, "russische Präsident").name == "Wladimir Putin"


def test_actor_at_finds_the_overlapping_mention():
    text = "US-Präsident Barack Obama traf Kanzlerin Angela Merkel in Berlin."
    doc = Document.new(text, published="2013-06-19")
    from lagebild.actors import add_actors
    add_sentences(doc)
    add_actors(doc)
    s = text.index("Obama")
    assert actor_at(doc, s, s + 5).name == "Barack Obama"
    s = text.index("Merkel")
    assert actor_at(doc, s - 7, s + 6).name == "Angela Merkel"
    assert actor_at(doc, text.index("traf"), text.index("traf") + 4) is None


def test_user_file_extends_the_tables(tmp_path):
    f = tmp_path / "meine_akteure.tsv"
    f.write_text("[organizations]\nFreie Wähler Niederbayern\tFWN\tDEU\tPTY\n"
                 "[office_holders]\nErika Musterfrau\tMusterfrau\tDEU\tGOV\tmayor\t2020-01-01\t\t\n",
                 encoding="utf-8")
    use_actor_files([f])
    try:
        actors = actors_of("Die FWN lud Musterfrau ein.", "2021-01-01")
        assert by_mention(actors, "FWN").sector == "PTY"
        assert by_mention(actors, "Musterfrau").country == "DEU"
    finally:
        use_actor_files([])


def test_tables_load_every_country():
    t = load_tables()
    assert len(t.country_names) >= 190
    assert t.adjectives["nordkoreanischen"] == "PRK"
    assert t.demonyms["amerikaner"] == "USA"


def test_apposition_after_a_known_name_and_role_genitive_name():
    actors = actors_of("Die Armee tötete Qasem Soleimani, den Führer der Quds-Einheit. Der Schritt wurde "
                       "vom außenpolitischen Sprecher der CDU/CSU-Bundestagsfraktion Friedbert Pflüger "
                       "begrüßt.", "2020-01-05")
    soleimani = by_mention(actors, "Qasem Soleimani")
    assert any(m.text == "Führer" for m in soleimani.mentions)
    pflueger = by_mention(actors, "Friedbert Pflüger")
    assert pflueger.country == "DEU"
    assert any("Sprecher" in m.text for m in pflueger.mentions)


def test_quoted_party_name_and_its_acronym():
    actors = actors_of("Äthiopien: Streit um die Wahl\n\nDie Regierung macht die größte Oppositionspartei "
                       "„Koalition für Einheit und Entwicklung“ (CUD) verantwortlich. Die CUD wies das zurück.",
                       "2005-06-18")
    cud = by_mention(actors, "Koalition für Einheit und Entwicklung")
    assert by_mention(actors, "CUD") is cud
    assert cud.country == "ETH" and cud.kind == "organization"


def test_state_is_a_government_only_with_its_country():
    actors = actors_of("Die Miliz wird vom irakischen Staat gefördert. Viele Staaten protestierten.",
                       "2020-01-05")
    assert by_mention(actors, "irakischen Staat").country == "IRQ"
    assert not any(m.text == "Staaten" for a in actors for m in a.mentions)


def test_relational_group_keeps_its_genitive_and_place():
    actors = actors_of("Gegner des Gesetzes verweisen auf die Zustände in russischen Heimen. "
                       "Politischen Organisationen in Russland ist das verboten.", "2012-12-30")
    assert by_mention(actors, "Gegner des Gesetzes").kind == "group"
    orgs = [a for a in actors if any("Organisationen" in m.text for m in a.mentions)]
    assert orgs and orgs[0].country == "RUS"


def test_same_person_in_different_offices_by_date():
    text = "Ursula von der Leyen verteidigte die Pläne."
    assert by_mention(actors_of(text, "2015-03-01"), "Ursula von der Leyen").country == "DEU"
    assert by_mention(actors_of(text, "2023-03-01"), "Ursula von der Leyen").country == "IGO"


def test_bare_title_goes_to_the_person_named_with_it_earlier():
    actors = actors_of("Bundeskanzler Olaf Scholz empfing Präsident Wolodymyr Selenskyj. Der ukrainische "
                       "Präsident dankte dem Kanzler für die Hilfe.", "2023-05-14")
    scholz = by_mention(actors, "Olaf Scholz")
    assert by_mention(actors, "Kanzler") is scholz
    assert by_mention(actors, "ukrainische Präsident").name == "Wolodymyr Selenskyj"


def test_organisation_prefix_does_not_pick_another_organisations_office():
    actors = actors_of("Die Nato-Außenminister beraten am Dienstag über die Lage.", "2023-04-04")
    a = by_mention(actors, "Nato-Außenminister")
    assert a.country == "IGO" and "Borrell" not in a.name


def test_brussels_is_the_eu_but_not_as_dateline_or_place():
    actors = actors_of("Brüssel.\nBrüssel droht Warschau mit Strafen. Die Minister treffen sich in Brüssel.",
                       "2021-10-20")
    eu = [a for a in actors if a.name == "Europäische Union"]
    assert eu and [m.text for m in eu[0].mentions] == ["Brüssel"]
    assert eu[0].mentions[0].start == len("Brüssel.\n")
    assert by_mention(actors, "Warschau").country == "POL"


def test_role_span_takes_adjectives_but_not_verbs_or_prepositions():
    actors = actors_of("Am Montag haben Demonstranten in Kairo protestiert. Es kam zu Zusammenstößen "
                       "zwischen Demonstranten und der Polizei. Die demonstrierenden Studenten flohen.",
                       "2005-07-31")
    texts = {m.text for a in actors for m in a.mentions}
    assert "Demonstranten" in texts and "demonstrierenden Studenten" in texts
    assert not any(t.startswith(("haben", "zwischen")) for t in texts)


def test_unknown_organisations_named_after_their_kind_or_by_a_head():
    actors = actors_of("Die britische Tageszeitung The Morning Courier berichtete, die Karama-Bewegung "
                       "habe zu Protesten aufgerufen.", "2011-02-01")
    paper = by_mention(actors, "The Morning Courier")
    assert paper.country == "GBR" and paper.sector == "JRN" and paper.kind == "organization"
    assert by_mention(actors, "Karama-Bewegung").kind == "organization"


def test_person_with_a_slavic_surname_and_after_a_role_body():
    actors = actors_of("Der Tod des zweijährigen Wanja Petrenko empörte Russland. Das lobte der Sprecher "
                       "der Staatsduma Igor Semjonow.", "2013-01-10")
    assert by_mention(actors, "Wanja Petrenko").kind == "person"
    semjonow = by_mention(actors, "Igor Semjonow")
    assert semjonow.country == "RUS" and any("Sprecher" in m.text for m in semjonow.mentions)


def test_city_adjective_gives_the_country():
    actors = actors_of("Die Moskauer Richter sprachen den Arzt frei.", "2012-12-30")
    assert by_mention(actors, "Moskauer Richter").country == "RUS"


def test_plural_titles_are_groups_and_a_title_without_country_is_nobody():
    actors = actors_of("Die beiden Staatschefs lächelten. Diplomaten sagten, der Präsident sei zufrieden.",
                       "2020-01-05")
    assert by_mention(actors, "Staatschefs").kind == "group"
    assert by_mention(actors, "Diplomaten").kind == "group"
    assert by_mention(actors, "Präsident").name == "Präsident"  # no country, no office holder


def test_federal_titles_belong_to_germany_unless_the_article_is_austrian():
    actors = actors_of("Die Bundesinnenministerin kündigte strengere Kontrollen an.", "2023-03-01")
    assert by_mention(actors, "Bundesinnenministerin").name == "Nancy Faeser"
    actors = actors_of("Der österreichische Bundeskanzler lobte die Einigung.", "2018-03-01")
    assert by_mention(actors, "österreichische Bundeskanzler").name == "Sebastian Kurz"
    actors = actors_of("Regierungstruppen rückten auf die Stadt vor.", "2019-01-01")
    assert by_mention(actors, "Regierungstruppen").sector == "MIL"


def test_a_body_named_with_its_country_keeps_it_later():
    actors = actors_of("Gaza: Bodenoffensive im Gazastreifen\n\nDie israelische Armee rückte in den "
                       "Gazastreifen ein. Die Hamas feuerte Raketen aus dem Gazastreifen. Die Armee meldete "
                       "Verluste. Eine Armeesprecherin bestätigte das.", "2009-01-03")
    army = by_mention(actors, "israelische Armee")
    assert by_mention(actors, "Armee") is army
    assert by_mention(actors, "Armeesprecherin").country == "ISR"


def test_name_after_a_bare_genitive_and_commas_and_corpus_given_names():
    actors = actors_of("Der Innenminister Frankreichs, Nicolas Sarkozy, verteidigte seine Worte. "
                       "Auch Heidemarie Wieczorek-Zeul von der SPD äußerte sich.", "2005-11-04")
    sarkozy = by_mention(actors, "Nicolas Sarkozy")
    assert by_mention(actors, "Innenminister") is sarkozy and sarkozy.country == "FRA"
    assert by_mention(actors, "Heidemarie Wieczorek-Zeul").kind == "person"


def test_acronyms_need_capitals_and_town_names_are_not_churches():
    actors = actors_of("Aus Sicht der AU ist das ein Erfolg. In Gelsenkirchen blieb es ruhig.", "2010-01-01")
    au = [a for a in actors if a.name == "Afrikanische Union"]
    assert au and [m.text for m in au[0].mentions] == ["AU"]
    assert not any("Gelsenkirchen" in m.text for a in actors for m in a.mentions)


def test_a_table_surname_inside_another_name_or_out_of_office_abroad_is_not_the_holder():
    actors = actors_of("Der Bürgermeister Hans Fischer eröffnete das Fest.", "2003-05-01")
    assert not any(a.name == "Joschka Fischer" for a in actors)
    actors = actors_of("Island: Die Regierung hat auf die Fischer gehört, sagte ein Sprecher.", "2007-10-17")
    assert not any(a.name == "Joschka Fischer" for a in actors)
    actors = actors_of("Das sagte UN-Generalsekretär Ban Ki Moon in New York.", "2014-04-22")
    assert by_mention(actors, "Ban Ki Moon").name == "Ban Ki-moon"
    assert not any(a.name.startswith("Moon") for a in actors)


def test_demonym_before_a_name_gives_the_country():
    actors = actors_of("Die Etappe gewann der Spanier Oscar Pereiro vor dem Italiener Marco Rossi.",
                       "2006-07-17")
    assert by_mention(actors, "Oscar Pereiro").country == "ESP"
    assert by_mention(actors, "Marco Rossi").country == "ITA"


def test_env_var_names_extra_actor_files(tmp_path, monkeypatch):
    f = tmp_path / "roles.tsv"
    f.write_text("[roles]\nLandrat|Landrätin\tGOV\tperson\n[given_names]\nWendelin\n", encoding="utf-8")
    monkeypatch.setenv("LAGEBILD_ACTORS", str(f))
    actors = actors_of("Der Landrat lobte Wendelin Kruse.", "2021-01-01")
    assert by_mention(actors, "Landrat").sector == "GOV"
    assert by_mention(actors, "Wendelin Kruse").kind == "person"


def test_genitive_names_the_body_but_opponents_are_not_it():
    actors = actors_of("Vertreter der Vereinten Nationen und Gegner der Europäischen Union trafen sich "
                       "in Wien.", "2014-01-01")
    assert by_mention(actors, "Vertreter der Vereinten Nationen").country == "IGO"
    assert by_mention(actors, "Gegner der Europäischen Union").country != "IGO"


# --- names defined with an acronym, one actor per mention, events, roles ------------------

UNION_TEXT = ("Verband der Milchbauern warnt vor Preisverfall\n\n"
              "Der Verband der Milchbauern (VdM) hat am Montag in Hannover vor einem Preisverfall gewarnt. "
              "Die VdM-Vorsitzende sagte, viele Höfe stünden vor dem Aus. "
              "Die VdM-Vorsitzende Karin Albers forderte Hilfen vom Bund. "
              "Der VdM will im Januar erneut protestieren.")


def test_a_name_with_its_bracketed_acronym_is_one_organisation():
    actors = actors_of(UNION_TEXT, "2021-11-08")
    vdm = by_mention(actors, "VdM")
    assert vdm.name == "Verband der Milchbauern" and vdm.kind == "organization"
    texts = [m.text for m in vdm.mentions]
    # the title line, the definition, the bracketed and a later bare acronym
    assert texts.count("Verband der Milchbauern") == 2 and texts.count("VdM") == 2
    assert not any(a.name in ("Verband", "Milchbauern") for a in actors)
    # the compound "VdM-Vorsitzende" is the chair, also where her name comes only later
    albers = by_mention(actors, "Karin Albers")
    chairs = [m for m in albers.mentions if m.text == "VdM-Vorsitzende"]
    assert len(chairs) == 2
    assert not any(a.name.endswith("Vorsitzende") for a in actors)


def test_acronym_letters_may_come_from_inside_a_compound_and_skip_function_words():
    actors = actors_of("Das Bundesamt für Verfassungsschutz (BfV) warnte vor Spionage. Das BfV nannte "
                       "keine Zahlen. Die Initiative Freie Presse (IFP) protestierte.", "2021-03-01")
    bfv = by_mention(actors, "BfV")
    assert bfv.name == "Bundesamt für Verfassungsschutz"
    assert [m.text for m in bfv.mentions].count("BfV") == 2
    assert by_mention(actors, "IFP").name == "Initiative Freie Presse"


def test_a_quoted_name_before_its_acronym_with_english_function_words():
    # the closing quotation mark stands between the name and the bracket; "against", "on" give a letter or none
    actors = actors_of("In Rangun demonstrierte die „National League for Democracy“ (NLD). Die Gruppe "
                       "„Movement against Corruption“ (MAC) unterstützte die NLD, und die MAC rief zu Streiks auf.",
                       "2007-09-24")
    nld, mac = by_mention(actors, "NLD"), by_mention(actors, "MAC")
    assert nld.name == "National League for Democracy" and [m.text for m in nld.mentions].count("NLD") == 2
    assert mac.name == "Movement against Corruption" and [m.text for m in mac.mentions].count("MAC") == 2
    assert nld is not mac and nld.kind == mac.kind == "organization"


def test_a_bracketed_acronym_that_does_not_spell_the_words_defines_nothing():
    actors = actors_of("Innenminister Wolfgang Schäuble (CDU) lehnte den Vorschlag ab.", "2005-12-19")
    assert by_mention(actors, "CDU").name == "CDU"
    assert by_mention(actors, "Wolfgang Schäuble").kind == "person"


def test_one_span_is_a_mention_of_one_actor_only():
    from lagebild.actors import shared_mentions
    for text, day in [(UNION_TEXT, "2021-11-08"),
                      ("Der Kremlchef traf den US-Präsidenten. Kreml-Sprecher Dmitri Peskow sagte, "
                       "Putin sei zufrieden.", "2019-06-01"),
                      ("Die Gewerkschaft Verdi (Verdi) und die Polizei in Berlin stritten.", "2020-01-01")]:
        doc = Document.new(text, published=day)
        from lagebild.actors import add_actors
        add_sentences(doc)
        add_actors(doc)
        assert shared_mentions(doc.actors) == []
        assert doc.check_offsets() == []


def test_events_and_competitions_the_tagger_calls_organisations_are_no_actors():
    from lagebild.actors import add_actors
    from lagebild.document import Entity
    text = ("Vor der Fußball-WM und den Olympischen Spielen tagte in Genf der G20-Gipfel. "
            "Nach der Präsidentschaftswahl lobte die Bundeswehr die Polizei.")
    doc = Document.new(text, published="2021-05-01")
    for surface in ("Fußball-WM", "Olympischen Spielen", "Präsidentschaftswahl", "Bundeswehr"):
        start = text.index(surface)
        doc.entities.append(Entity(start=start, end=start + len(surface), text=surface, label="ORG"))
    add_sentences(doc)
    add_actors(doc)
    names = [a.name for a in doc.actors]
    assert not any("WM" in n or "Spiele" in n or "wahl" in n.lower() or "Gipfel" in n for n in names), names
    assert "Bundeswehr" in names


def test_a_lawyer_after_a_possessive_is_not_the_client():
    actors = actors_of("Die Angeklagte Maria Schulz, deren Anwältin Berufung ankündigte, schwieg. "
                       "Ihr Anwalt sagte, sie sei unschuldig.", "2021-05-10")
    schulz = by_mention(actors, "Maria Schulz")
    assert [m.text for m in schulz.mentions] == ["Maria Schulz"]
    assert by_mention(actors, "Anwältin") is not schulz
    assert by_mention(actors, "Anwalt") is not schulz
    assert schulz.sector != "CVL" or by_mention(actors, "Anwältin").kind == "person"


def test_an_interim_or_former_office_is_not_the_holder_of_the_day():
    actors = actors_of("Der Interims-Ministerpräsident Rumäniens trat zurück. Die Interimsregierung "
                       "kündigte Wahlen an.", "2021-05-10")
    interim = by_mention(actors, "Interims-Ministerpräsident")
    assert interim.wikidata is None and interim.name == "Interims-Ministerpräsident"
    assert interim.country == "ROU" and interim.sector == "GOV"
    gov = by_mention(actors, "Interimsregierung")
    assert gov.kind == "country" and gov.country == "ROU" and gov.sector == "GOV"
    actors = actors_of("Der ehemalige Kremlchef sprach in Moskau.", "2016-03-01")
    assert by_mention(actors, "ehemalige Kremlchef").name != "Wladimir Putin"


def test_role_actors_are_named_by_the_whole_compound_not_its_head():
    actors = actors_of("Private Sicherheitsunternehmen bewachen die Kasernen. Mehrere Bürgerrechtler "
                       "wurden in Minsk festgenommen, ein Armeesprecher schwieg.", "2021-05-10")
    assert by_mention(actors, "Private Sicherheitsunternehmen").name == "Sicherheitsunternehmen"   # with its adjective
    civ = by_mention(actors, "Bürgerrechtler")
    assert civ.name == "Bürgerrechtler" and civ.kind == "group" and civ.sector == "CVL"
    assert civ.country == "BLR"
    spokesman = by_mention(actors, "Armeesprecher")
    assert spokesman.name == "Armeesprecher" and spokesman.sector == "MIL"
    assert not any(a.name in ("Bürger", "Unternehmen", "Sprecher") for a in actors)


def test_initials_of_a_person_in_brackets_define_no_organisation():
    actors = actors_of("Der Unternehmer Karl Heinz Maier (KHM) kaufte die Zeitung.", "2021-05-10")
    assert not any(a.kind == "organization" and a.name.startswith("Karl") for a in actors)


def test_a_definite_bare_role_is_the_person_named_in_that_role_but_not_an_indefinite_one():
    actors = actors_of("Armeesprecher Ronen Manelis bestätigte den Angriff. Der Sprecher sagte, die "
                       "Soldaten seien abgezogen. Ein Sprecher der Opposition widersprach.", "2019-02-01")
    manelis = by_mention(actors, "Ronen Manelis")
    spokesmen = [a for a in actors if any(m.text == "Sprecher" for m in a.mentions)]
    assert manelis in spokesmen and len(spokesmen) == 2
    assert by_mention(actors, "Soldaten").kind == "group"
    # two people named in the role: a bare "der Sprecher" is neither
    actors = actors_of("Regierungssprecher Hans Weber und Armeesprecher Ronen Manelis äußerten sich. "
                       "Der Sprecher sagte, man prüfe den Fall.", "2019-02-01")
    assert by_mention(actors, "Sprecher").name == "Sprecher"


def test_the_defined_name_in_the_genitive_and_its_head_noun_refer_back():
    actors = actors_of("Der Verband der Milchbauern (VdM) warnte am Montag. Ein Sprecher des Verbandes der "
                       "Milchbauern sagte, der Verband fordere Hilfen. Der Verband Deutscher Reeder "
                       "schwieg.", "2021-11-08")
    vdm = by_mention(actors, "VdM")
    texts = [m.text for m in vdm.mentions]
    assert "Verbandes der Milchbauern" in texts and texts.count("Verband") == 1
    assert by_mention(actors, "Sprecher") is not vdm


def test_one_member_of_a_group_named_right_after_the_role_is_that_person():
    actors = actors_of("Die Bürgerrechtlerin Karin Albers, deren Anwalt Klage einreichte, wurde verletzt. "
                       "Der Aktivist Hans Maier schwieg. Demonstranten Peter Brandt und andere zogen "
                       "weiter.", "2021-05-10")
    albers = by_mention(actors, "Karin Albers")
    assert by_mention(actors, "Bürgerrechtlerin") is albers and albers.sector == "CVL"
    assert by_mention(actors, "Aktivist") is by_mention(actors, "Hans Maier")
    assert by_mention(actors, "Anwalt") is not albers
    assert by_mention(actors, "Demonstranten") is not by_mention(actors, "Peter Brandt")


def test_quoted_name_after_an_article_is_an_organisation():
    from lagebild.actors import actors_of
    acts = actors_of("Darüber hinaus wirft der „Arbeitskreis Vorratsdatenspeicherung“ der Polizei vor, "
                     "sich nicht an Absprachen gehalten zu haben.")
    assert any(a.name == "Arbeitskreis Vorratsdatenspeicherung" and a.kind == "organization" for a in acts)
    # a quoted title is no organisation
    acts = actors_of("Die Polizei nannte die Demonstration „Freiheit statt Angst“ friedlich.")
    assert not any("Freiheit" in a.name for a in acts)


def test_role_genitive_and_time_phrase_before_a_name_in_commas():
    from lagebild.actors import actors_of
    acts = actors_of("Auch der frühere Präsident Irans zwischen 1997 und 2005, Mohammad Chatami, unterstützte die Proteste.")
    chatami = [a for a in acts if a.name == "Mohammad Chatami"]
    assert chatami and any(m.text.endswith("Präsident") for m in chatami[0].mentions)


def test_religious_group_is_an_actor():
    from lagebild.actors import actors_of
    acts = actors_of("Britische Moslems warnen Premierminister Tony Blair wegen der Außenpolitik.")
    moslems = [a for a in acts if a.name == "Moslems"]
    assert moslems and moslems[0].kind == "group" and moslems[0].sector == "REL" and moslems[0].country == "GBR"


def test_spaced_spelling_of_al_qaida_is_the_organisation():
    from lagebild.actors import actors_of
    acts = actors_of("Al Qaida droht Vergeltungsschläge an. Die Al-Qaida drohte Großbritannien.")
    qaida = [a for a in acts if "Qaida" in a.name or "Kaida" in a.name]
    assert len(qaida) == 1 and qaida[0].kind == "organization"


def test_councils_are_state_bodies():
    from lagebild.actors import actors_of
    acts = actors_of("Unterdessen verlangte Mussawi vom Wächterrat die Annullierung der Wahl.")
    assert any(a.name == "Wächterrat" and a.kind == "organization" and a.sector == "GOV" for a in acts)
    # advice is no council
    assert not any("Rat" in a.name for a in actors_of("Auf Rat seines Arztes blieb er zu Hause."))


def test_offices_of_one_country_are_not_merged():
    from lagebild.actors import actors_of
    acts = actors_of("Der frühere Präsident Irans, Mohammad Chatami, unterstützte die Proteste. "
                     "Der oberste Führer Irans ordnete eine Untersuchung an.")
    chatami = [a for a in acts if a.name == "Mohammad Chatami"][0]
    assert not any("Führer" in m.text for m in chatami.mentions)


def test_spellings_of_one_name_are_one_person():
    from lagebild.actors import actors_of
    acts = actors_of("Der Diktator Ali Chamenei sprach am Morgen. Später sagte Ali Chamene'i etwas anderes.")
    people = [a for a in acts if "Chamene" in a.name]
    assert len(people) == 1 and len(people[0].mentions) >= 2


def test_name_in_commas_after_a_role_with_a_place_genitive():
    from lagebild.actors import actors_of
    acts = actors_of("Der Präsident der autonomen Region Tibet, Thomas Müller, wies die Darstellung zurück.")
    puncog = [a for a in acts if a.name == "Thomas Müller"]
    assert puncog and any(m.text == "Präsident" for m in puncog[0].mentions)


def test_western_governments_are_not_the_country_of_the_article():
    from lagebild.actors import actors_of
    acts = actors_of("Im Libanon explodierte eine Bombe. Westliche Regierungen machen den syrischen Geheimdienst "
                     "verantwortlich. Im Iran wurden ausländische Journalisten behindert.")
    assert not any(a.country == "LBN" and "Regierungen" in " ".join(m.text for m in a.mentions) for a in acts)
    assert all(a.country != "IRN" for a in acts if any("ausländische" in m.text for m in a.mentions))


def test_association_named_after_its_kind_and_monks():
    from lagebild.actors import actors_of
    acts = actors_of("Zu der Demonstration hatte unter der Führung des Arbeitskreises Vorratsdatenspeicherung ein "
                     "Bündnis aufgerufen. Die tibetischen Mönche zogen in die Stadt.")
    assert any(a.name == "Arbeitskreis Vorratsdatenspeicherung" and a.kind == "organization" for a in acts)
    assert any(a.name == "Mönche" and a.sector == "REL" for a in acts)


def test_ethnic_groups_are_civilian_groups():
    from lagebild.actors import actors_of
    acts = actors_of("Tausende Tibeter protestierten gegen China. Kurden demonstrierten in Istanbul.")
    groups = {a.name: a for a in acts if a.kind == "group"}
    assert {"Tibeter", "Kurden"} <= set(groups) and groups["Kurden"].sector == "CVL"


@pytest.mark.parametrize("text, full, bare", [
    ("Nordkoreas Machthaber Kim Jong-un ist am Mittwoch in Wladiwostok eingetroffen. Dort empfing ihn "
     "der russische Präsident. Kim sagte, er hoffe auf gute Gespräche.", "Kim Jong-un", "Kim"),
    ("Chinas Staatschef Xi Jinping hat am Montag Paris besucht. Xi warb in einer Rede für mehr Handel "
     "zwischen China und Europa.", "Xi Jinping", "Xi"),
    ("Die Schauspielerin Kim Basinger wurde am Sonntag in Los Angeles geehrt. Basinger dankte ihrer "
     "Familie.", "Kim Basinger", "Basinger"),
])
def test_a_bare_family_name_joins_the_full_name_in_either_order(text, full, bare):
    """Family names written first (a table: lagebild/actors/data/family_names_first.txt):
    a later "Kim" is Kim Jong-un; a family name written last still works as before."""
    doc = lagebild.analyze(text)
    person = [a for a in doc.actors if a.name == full]
    assert len(person) == 1, [a.name for a in doc.actors]
    assert bare in [m.text for m in person[0].mentions]
    assert not [a for a in doc.actors if a.name == bare]


def test_a_truncated_coordination_names_both_countries():
    """"Nord- und Südkorea": the first half, completed with the head the two share, is
    North Korea; an unknown completion ("Ost- und Westdeutschland") adds nothing."""
    doc = lagebild.analyze("Die Gespräche zwischen Nord- und Südkorea wurden am Montag in Seoul fortgesetzt. "
                           "Beide Regierungen äußerten sich zufrieden über die Fortschritte der Verhandlungen.")
    countries = {a.country: [m.text for m in a.mentions] for a in doc.actors if a.kind == "country"}
    assert countries["PRK"] == ["Nord"] and "Südkorea" in countries["KOR"]


def test_an_adjective_of_two_countries_means_the_one_listed_first():
    # "kongolesisch" is said of both Congos; the table lists the DR Congo first
    actors = actors_of("Bei der Wahl war Bemba dem jetzigen kongolesischen Präsidenten Joseph Kabila "
                       "unterlegen.", "2008-05-25")
    kabila = next(a for a in actors if a.name == "Joseph Kabila")
    assert kabila.country == "COD"


def test_a_director_set_off_by_commas_takes_the_country_of_his_body():
    actors = actors_of("Der Direktor der BBC, Peter Horrocks, kritisierte die iranischen Behörden.",
                       "2009-06-16")
    horrocks = next(a for a in actors if a.name == "Peter Horrocks")
    assert horrocks.country == "GBR"
    assert "Direktor" in [m.text for m in horrocks.mentions]


def test_the_body_inside_a_compound_source_noun_is_an_actor():
    text = "Nach Polizeiangaben waren die meisten Passagiere Studenten. Laut Armeeangaben starben drei Rebellen."
    actors = actors_of(text, "2012-02-03")
    mentions = {m.text: a for a in actors for m in a.mentions}
    assert mentions["Polizei"].kind == "organization"
    police = next(m for a in actors for m in a.mentions if m.text == "Polizei")
    assert text[police.start:police.end] == "Polizei" and text[police.end:].startswith("angaben")
    assert mentions["Armee"].kind == "organization"


def test_a_feminine_role_is_not_the_man_named_in_that_office_before():
    doc = lagebild.analyze("Den Friedensnobelpreis hatte einst Bundeskanzler Willy Brandt erhalten. Von der "
                           "deutschen Bundeskanzlerin liegt inzwischen eine Stellungnahme vor.",
                           published="2009-10-09")
    by_mention = {m.text: a for a in doc.actors for m in a.mentions}
    assert by_mention["deutschen Bundeskanzlerin"].name == "Angela Merkel"
    assert by_mention["Bundeskanzler"].name == "Willy Brandt"
    genders = doc.internal["genders"]
    assert genders[by_mention["deutschen Bundeskanzlerin"].id] == "f"
    assert genders[by_mention["Willy Brandt"].id] == "m"


@pytest.mark.parametrize("text, person, country", [
    ("Joe Stork von HRW fordert von der jemenitischen Regierung eine Untersuchung.", "Joe Stork", "NGO"),
    ("Christoph Müller-Hofstede, China-Experte bei der Bundeszentrale für politische Bildung in Bonn, "
     "erwartet mehr Druck auf China.", "Christoph Müller-Hofstede", "DEU"),
])
def test_a_person_without_a_country_of_his_own_takes_his_organisations(text, person, country):
    doc = lagebild.analyze(text, published="2009-09-18")
    assert next(a for a in doc.actors if a.name == person).country == country


def test_the_organisation_is_the_one_named_before():
    doc = lagebild.analyze("Amnesty International kritisierte die Festnahmen. Die Organisation forderte die "
                           "Freilassung der Gefangenen.", published="2009-06-16")
    amnesty = next(a for a in doc.actors if a.name == "Amnesty International")
    assert "Organisation" in [m.text for m in amnesty.mentions]


def test_an_age_description_is_the_person_of_that_age():
    doc = lagebild.analyze("Der 49-jährige Thomas Berger aus Köln wurde am Montag festgenommen. Die Polizei "
                           "durchsuchte seine Wohnung. Der 49-Jährige soll mehrere Banken überfallen haben. "
                           "Anna Roth (34) aus Bonn half ihm. Die 34-Jährige wurde ebenfalls festgenommen.",
                           published="2010-01-01")
    persons = {a.name: [m.text for m in a.mentions] for a in doc.actors if a.kind == "person"}
    assert "49-Jährige" in persons["Thomas Berger"]
    assert "34-Jährige" in persons["Anna Roth"]


def test_a_person_called_by_the_first_word_of_the_name_is_one_actor():
    """Thai usage: "Abhisit Vejjajiva" is then "Abhisit", "Thaksin Shinawatra" "Thaksin". The
    first word joins the full name where it is no given name of the tables; "Angela" alone
    stays someone else than "Angela Merkel"."""
    from lagebild.pipeline import Pipeline

    def _with_names(text):      # the NER entities find the bare "Abhisit"
        return Pipeline(until="actors").analyze(text, published="2009-04-12").actors

    text = ("Der thailändische Ministerpräsident Abhisit Vejjajiva hat den Ausnahmezustand verhängt. "
            "Anhänger des früheren Regierungschefs Thaksin Shinawatra protestieren seit Tagen in Bangkok. "
            "Abhisit sagte am Sonntag, die Regierung werde hart durchgreifen. Thaksin rief seine Anhänger "
            "zum Widerstand auf.")
    persons = {a.name: {m.text for m in a.mentions} for a in _with_names(text) if a.kind == "person"}
    assert "Abhisit" in persons["Abhisit Vejjajiva"] and "Thaksin" in persons["Thaksin Shinawatra"]
    assert not {"Abhisit", "Thaksin"} & set(persons)
    text = ("Bundeskanzlerin Angela Merkel hat am Montag in Berlin den Präsidenten empfangen. Am Abend trat in "
            "der Philharmonie die Sopranistin Angela auf, die nur unter ihrem Vornamen bekannt ist.")
    persons = {a.name: {m.text for m in a.mentions} for a in _with_names(text) if a.kind == "person"}
    assert "Angela" in persons and "Angela" not in persons["Angela Merkel"]


def test_a_country_named_only_by_its_adjective_is_an_actor():
    text = ("Die USA untersagten die Verteilung britischer und russischer Hilfsgüter. "
            "Der russische Präsident Wladimir Putin kritisierte das. Die Deutsche Bank spendete. "
            "Taliban-Kämpfer zogen sich auf pakistanisches Gebiet zurück.")
    actors = actors_of(text, "2005-09-10")
    by_name = {a.name: a for a in actors}
    assert by_name["Großbritannien"].kind == "country" and [m.text for m in by_name["Großbritannien"].mentions] == ["britischer"]
    assert by_name["Pakistan"].country == "PAK" and [m.text for m in by_name["Pakistan"].mentions] == ["pakistanisches"]
    # inside another actor's mention the adjective stays that actor's; a name's capital is no adjective
    assert [m.text for m in by_name["Russland"].mentions] == ["russischer"]
    assert "Deutschland" not in by_name
    from lagebild.actors import shared_mentions
    assert shared_mentions(actors) == []


def test_an_adjective_alone_fills_no_event_role():
    import lagebild
    doc = lagebild.analyze("Ein Mann libanesischer Herkunft soll den Attentätern geholfen haben. "
                           "Israelische Kampfflugzeuge griffen am Montag Stellungen auf libanesischem Gebiet an.",
                           published="2006-10-30")
    names = {a.id: a.name for a in doc.actors}
    assert "Libanon" in names.values()
    assert not any(names[i] == "Libanon" for e in doc.events for i in e.source)


def test_a_country_inside_a_quoted_name_after_its_kind_is_part_of_the_name():
    actors = actors_of("Das berichtete die Zeitung „Neues Deutschland“ am Montag. "
                       "Die Partei „Neues Serbien“ protestierte in Belgrad.", "2009-09-19")
    names = {a.name: a for a in actors}
    assert names["Neues Deutschland"].kind == "organization"
    assert "Neues Serbien" in names and "Deutschland" not in names and "Serbien" not in names


def test_organisers_and_participants_of_a_protest_are_groups():
    actors = actors_of("Die Organisatoren der Kundgebung sagten den Marsch in Belgrad ab. "
                       "Die Polizei nahm mehrere Demonstrationsteilnehmer fest.", "2009-09-19")
    kinds = {m.text: a.kind for a in actors for m in a.mentions}
    assert kinds.get("Organisatoren") == "group" and kinds.get("Demonstrationsteilnehmer") == "group"
    assert {a.country for a in actors if a.kind == "group"} == {"SRB"}


def test_a_role_mention_spans_the_adjectives_the_word_layer_reads_before_it():
    actors = actors_of("Religiöse Führer hatten vor der Parade gewarnt. Auch vor allem junge Tibeter "
                       "und schwulenfeindliche Gruppen drohten. Grüne Politiker fordern mehr.", "2009-09-19")
    mentions = {m.text for a in actors for m in a.mentions}
    # capitalised only as the first word of its sentence; "vor allem" is no adjective;
    # a name ("Grüne") stays its own actor
    assert {"Religiöse Führer", "junge Tibeter"} <= mentions
    assert "Politiker" in mentions and "Grüne Politiker" not in mentions


def test_victims_families_confidants_and_security_circles_are_actors():
    actors = actors_of("Die Familie des Journalisten forderte Aufklärung. Die Opfer des Anschlags wurden "
                       "in Tripoli beigesetzt. Ein Vertrauter des Paten wurde festgenommen. "
                       "Libanesische Sicherheitskreise bestätigten den Bericht.", "2008-08-13")
    kinds = {m.text: (a.kind, a.sector) for a in actors for m in a.mentions}
    assert kinds["Familie"] == ("group", "CVL") and kinds["Opfer"] == ("group", "CVL")
    assert kinds["Vertrauter"][0] == "person"
    assert kinds["Libanesische Sicherheitskreise"] == ("group", "COP")
    assert next(a for a in actors if a.sector == "COP").country == "LBN"


def test_eyewitnesses_are_local_civilians_and_experts_stay_without_a_country():
    actors = actors_of("In Sanaa feuerten Soldaten auf Demonstranten, sagten Augenzeugen. "
                       "Experten in London warnten vor einem Bürgerkrieg im Jemen.", "2009-05-01")
    by_text = {m.text: a for a in actors for m in a.mentions}
    assert by_text["Augenzeugen"].country == "YEM" and by_text["Augenzeugen"].sector == "CVL"
    assert by_text["Experten"].country is None


def test_held_tables_read_the_settings_once_and_follow_them_after(tmp_path, monkeypatch):
    """The events stage asks `nationality()` for many words of a document: inside
    `tables_held` the settings are read once; after it, a changed setting is seen."""
    import lagebild.actors as actors_pkg
    from lagebild.actors import nationality, tables_held
    reads = []
    real = actors_pkg.user_files
    monkeypatch.setattr(actors_pkg, "user_files", lambda: reads.append(1) or real())
    with tables_held():
        assert [nationality(w) for w in ("israelischen", "Moskauer", "gestern", "britische")] == ["ISR", "RUS", None, "GBR"]
    assert len(reads) == 1
    f = tmp_path / "demonyms.tsv"
    f.write_text("[countries]\nRUR\tRuritanien\truritanisch\n", encoding="utf-8")
    monkeypatch.setenv("LAGEBILD_ACTORS", str(f))
    assert nationality("ruritanischen") == "RUR"


def test_a_body_named_by_a_compound_is_one_actor_with_its_bare_head():
    """"Nobelkomitee" (head: Komitee) is an organisation; its genitive and, after it, the
    head alone are the same body, even where the words around suggest another country."""
    text = ("Das Nobelkomitee im norwegischen Oslo würdigte am Freitag den Einsatz von Barack Obama. "
            "Das Komitee habe neue Entwicklungen fördern wollen. Die US-Regierung begrüßte die "
            "Entscheidung des Nobelkomitees.")
    actors = actors_of(text, "2009-10-09")
    body = by_mention(actors, "Nobelkomitee")
    assert body.kind == "organization" and body.country == "NOR"
    assert {m.text for m in body.mentions} == {"Nobelkomitee", "Komitee", "Nobelkomitees"}
    # a head without a compound before it is no anaphor: its own actor
    other = actors_of("Der Ausschuss des Bundestages tagte am Montag.", "2021-01-01")
    assert by_mention(other, "Ausschuss").kind == "organization"


def test_arabic_name_particles_without_hyphen_keep_the_person_whole():
    """"al" and "el" written apart are particles inside a name, and a family name after one
    is the person's even where an organisation bears it (the Huthis)."""
    text = ("Angeführt werden die Rebellen von Hussein al Huthi, einem ehemaligen Abgeordneten. "
            "Im selben Schreiben fordert al Huthi einen Waffenstillstand. Die Huthi griffen erneut an. "
            "Auch Mohamed el Baradei äußerte sich.")
    actors = actors_of(text, "2009-09-18")
    person = by_mention(actors, "Hussein al Huthi")
    second = text.index("al Huthi einen")
    assert person.kind == "person" and any(second <= m.start < second + 8 for m in person.mentions)
    third = text.index("Huthi griffen")
    group = [a for a in actors if any(m.start == third for m in a.mentions)]
    assert [a.kind for a in group] == ["organization"]
    assert by_mention(actors, "Mohamed el Baradei").kind == "person"
