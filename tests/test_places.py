"""The places stage on German news sentences: resolution, disambiguation, no places made
of common words or first names, regions without a country, the place of a sentence."""
import pytest

from lagebild.document import Block, Document, Entity
from lagebild.places import add_places, is_locative, place_of_sentence
from lagebild.places.gazetteer import choose, gazetteer, lookup
from lagebild.segment import add_sentences


def analyse(text: str, entities: list[tuple[str, str]] = ()) -> Document:
    doc = Document.new(text)
    add_sentences(doc)
    for form, label in entities:
        start = text.index(form)
        doc.entities.append(Entity(start=start, end=start + len(form), text=form, label=label))
    doc.entities.sort(key=lambda e: e.start)
    add_places(doc)
    assert doc.check_offsets() == []
    return doc


def places(doc: Document) -> dict[str, str | None]:
    return {p.text: p.country for p in doc.places}


def test_german_exonyms_resolve_to_geonames_cities():
    doc = analyse("Der russische Präsident hat Nordkoreas Machthaber Kim Jong-un in Wladiwostok "
                  "empfangen. Kim war mit dem Zug aus Pjöngjang angereist.")
    by_text = {p.text: p for p in doc.places}
    assert by_text["Wladiwostok"].country == "RUS"
    assert by_text["Wladiwostok"].name == "Vladivostok"
    assert by_text["Wladiwostok"].geonameid == 2013348
    assert by_text["Wladiwostok"].lat == pytest.approx(43.1, abs=0.2)
    assert by_text["Pjöngjang"].country == "PRK"
    assert by_text["Nordkoreas"].country == "PRK"      # a country in the genitive
    assert "Kim" not in by_text


def test_countries_are_places_wherever_they_stand():
    doc = analyse("Die Regierung Österreichs lehnt einen Beitritt der Türkei ab. Auch die "
                  "Vereinigten Staaten und die Russische Föderation äußerten sich.")
    assert places(doc) == {"Österreichs": "AUT", "Türkei": "TUR", "Vereinigten Staaten": "USA",
                           "Russische Föderation": "RUS"}


def test_adjectives_and_compounds_are_no_places():
    doc = analyse("Die russische Regierung und Moskauer Richter lehnten die Gaza-Krise ab; "
                  "ein US-Diplomat und ein Berliner Abgeordneter widersprachen.")
    assert doc.places == []


def test_regions_and_seas_keep_country_null():
    doc = analyse("Gaddafi drohte mit Gewalt gegen Schiffe im Mittelmeer. In der Karibik und im "
                  "Nahen Osten wächst die Sorge.")
    assert places(doc) == {"Mittelmeer": None, "Karibik": None, "Nahen Osten": None}
    assert {p.name for p in doc.places} == {"Mediterranean Sea", "Caribbean", "Middle East"}


def test_curated_areas_and_states_carry_their_country():
    doc = analyse("Israel weitet die Offensive im Gazastreifen aus, im Westjordanland bleibt es "
                  "ruhig. Russland hält die Krim besetzt. In der Steiermark wird gewählt.")
    assert places(doc) == {"Israel": "ISR", "Gazastreifen": "PSE", "Westjordanland": "PSE",
                           "Russland": "RUS", "Krim": "UKR", "Steiermark": "AUT"}


def test_common_words_and_first_names_are_no_places():
    doc = analyse("Am 1. Mai sprach Wladimir Putin mit Kim Jong-un. Nur die Bild-Zeitung "
                  "berichtete. Dabei kam es beim Essen zum Streit. Im Norden des Landes "
                  "blieb es ruhig, in der Mitte des Saals auch. Die Union lehnt das ab.")
    assert doc.places == []


def test_nouns_and_surnames_named_like_towns_are_no_places():
    # Mission (Texas), Orange (California) and Jackson (Mississippi) are towns too
    doc = analyse("Bei der ersten bemannten Mission blieb alles ruhig. Er aß eine faule Orange. "
                  "Michael Jackson starb 2009. Jackson war 50 Jahre alt.")
    assert doc.places == []


def test_a_common_word_is_a_town_right_after_a_preposition():
    doc = analyse("Die Polizei nahm in Essen zwei Männer fest.")
    assert places(doc) == {"Essen": "DEU"}


def test_a_town_name_before_a_capitalised_word_is_a_name_part():
    doc = analyse("Die Washington Post berichtete über den Streit.")
    assert doc.places == []


def test_town_names_count_after_place_nouns_and_in_lists():
    doc = analyse("Die Aufständischen hielten die Städte Adschdabiya und Misrata. Bengasi ist ihre "
                  "letzte Hochburg.")
    assert places(doc) == {"Adschdabiya": "LBY", "Misrata": "LBY", "Bengasi": "LBY"}


def test_small_towns_need_a_locative_word():
    # Lage (Lippe) is a town, and a common noun: only "in Lage" makes it a place
    assert analyse("Die Lage im Land ist angespannt.").places == []
    assert places(analyse("Die Polizei ermittelt in Lage.")) == {"Lage": "DEU"}


def test_ambiguous_town_follows_the_article_s_countries():
    assert places(analyse("In Tripolis kam es zu Kämpfen.")) == {"Tripolis": "LBY"}
    lebanon = analyse("Der Libanon steckt in der Krise. In Tripolis kam es zu Kämpfen.")
    assert places(lebanon) == {"Libanon": "LBN", "Tripolis": "LBN"}


def test_an_adjective_before_the_name_picks_the_country():
    # Carlsbad, California is bigger than Karlovy Vary (German: Karlsbad)
    doc = analyse("Eine Zwischenlandung im tschechischen Karlsbad war geplant.")
    karlsbad = doc.places[0]
    assert (karlsbad.text, karlsbad.country, karlsbad.name) == ("Karlsbad", "CZE", "Karlovy Vary")


def test_country_beats_town_of_the_same_name():
    assert places(analyse("Montenegro trat 2006 aus dem Staatenbund aus.")) == {"Montenegro": "MNE"}


def test_ner_loc_entities_are_resolved_and_per_entities_block():
    text = "Die Hilfe erreichte Kupjansk, sagte Sydney Brenner."
    # a small town without a locative word is no place by itself ...
    assert analyse(text).places == []
    # ... but is one where the NER tags it LOC; a PER entity keeps "Sydney" from being a place
    doc = analyse(text, entities=[("Kupjansk", "LOC"), ("Sydney Brenner", "PER")])
    assert places(doc) == {"Kupjansk": "UKR"}


def test_a_bracketed_qualifier_belongs_to_the_name():
    doc = analyse("Die Brücke zwischen Frankfurt (Oder) und Słubice bleibt gesperrt.")
    frankfurt = doc.places[0]
    assert (frankfurt.text, frankfurt.name) == ("Frankfurt (Oder)", "Frankfurt (Oder)")


def test_apostrophe_variants_match():
    doc = analyse("Nach dem Willen des G8-Gipfels von L′Aquila soll verhandelt werden.")
    assert places(doc) == {"L′Aquila": "ITA"}


def test_place_of_sentence_takes_the_locative_place_nearest_the_anchor():
    text = ("Die USA und Russland verhandelten am Montag in Genf, bevor die Minister nach "
            "Wien reisten. Russland kritisiert die USA.")
    doc = analyse(text)
    first, second = doc.sentences
    assert place_of_sentence(doc, first).text == "Genf"
    assert place_of_sentence(doc, first, anchor=text.index("reisten")).text == "Genf"
    assert place_of_sentence(doc, second) is None
    usa = next(p for p in doc.places if p.text == "USA")
    assert not is_locative(doc, usa)
    doc = analyse("Die Armee griff in der libyschen Stadt Misrata Stellungen der Rebellen an.")
    assert place_of_sentence(doc, doc.sentences[0]).text == "Misrata"
    doc = analyse("Kanzler Scholz reist am Montag nach Kiew und trifft Präsident Selenskyj.")
    assert place_of_sentence(doc, doc.sentences[0]).text == "Kiew"      # the goal, where no "in" is
    doc = analyse("Gespräche in Genf mit den USA scheiterten.")
    assert [p.text for p in doc.places if is_locative(doc, p)] == ["Genf"]


def test_gazetteer_lookup_and_choice():
    assert choose(lookup("Den Haag")).country == "NLD"
    assert choose(lookup("Kairo")).name == "Cairo"
    assert choose(lookup("äthiopien")).country == "ETH"
    assert lookup("Regierung") == ()
    assert len(gazetteer()) > 100_000


def test_unknown_loc_entity_is_a_place_in_the_country_of_the_town_before_it():
    text = "Die Außenminister trafen sich in Wien. Anschließend empfing sie der Präsident in der Hofburg."
    doc = analyse(text, entities=[("Hofburg", "LOC")])
    hofburg = next(p for p in doc.places if p.text == "Hofburg")
    assert (hofburg.country, hofburg.lat, hofburg.geonameid) == ("AUT", None, None)
    # an adjective of a known place is no place, even where the NER calls it LOC
    doc = analyse("Moskauer Richter sprachen ihn frei.", entities=[("Moskauer", "LOC")])
    assert doc.places == []
    # nor is a place inside a compound or a nationality word
    doc = analyse("Die Gaza-Krise beschäftigt Deutsche und Franzosen.",
                  entities=[("Gaza", "LOC"), ("Deutsche", "LOC")])
    assert doc.places == []


def test_a_dateline_holds_places_even_small_towns():
    text = "Bautzen/Dresden\n\nDie Polizei hat am Montag zwei Männer festgenommen."
    doc = Document.new(text)
    doc.anatomy.blocks = [Block(start=0, end=15, role="dateline"), Block(start=17, end=len(text), role="body")]
    add_sentences(doc)
    add_places(doc)
    assert places(doc) == {"Bautzen": "DEU", "Dresden": "DEU"}


def test_countries_sit_at_their_usual_representative_point():
    # not the population-weighted centre of the cities (Russia in Tatarstan, China in Henan)
    doc = analyse("Russland und China stimmten gegen die Resolution, Deutschland enthielt sich.")
    by_text = {p.text: p for p in doc.places}
    assert (by_text["Russland"].lat, by_text["Russland"].lon) == pytest.approx((60.0, 100.0), abs=1.0)
    assert (by_text["China"].lat, by_text["China"].lon) == pytest.approx((35.0, 105.0), abs=1.0)
    assert (by_text["Deutschland"].lat, by_text["Deutschland"].lon) == pytest.approx((51.0, 9.0), abs=1.0)


def test_islands_seas_and_peninsulas_are_geocoded():
    doc = analyse("Das Gipfeltreffen fand auf der Insel Russki vor Wladiwostok statt. Die Lage auf der "
                  "koreanischen Halbinsel bleibt angespannt, auch im Südchinesischen Meer kreuzen "
                  "Kriegsschiffe. Auf Lesbos kamen erneut Flüchtlinge an.")
    by_text = {p.text: p for p in doc.places}
    assert by_text["Russki"].country == "RUS" and by_text["Russki"].lat == pytest.approx(43.0, abs=0.3)
    assert by_text["koreanischen Halbinsel"].lat == pytest.approx(37.5, abs=2)
    assert by_text["Südchinesischen Meer"].country is None      # a sea of several countries
    assert by_text["Lesbos"].country == "GRC"


def test_a_country_inside_a_compound_is_a_place_at_its_own_span():
    text = ("Im Syrienkonflikt und im Irak-Krieg starben Tausende. Der Afghanistaneinsatz endete. "
            "Die Essensausgabe der US-Botschaft blieb geschlossen.")
    doc = analyse(text)
    assert places(doc) == {"Syrien": "SYR", "Irak": "IRQ", "Afghanistan": "AFG"}
    syrien = doc.places[0]
    assert text[syrien.start:syrien.end] == "Syrien" and text[syrien.end:].startswith("konflikt")


def test_a_country_in_the_lower_case_is_no_region_description():
    # a lower-case adjective opens region names ("koreanische Halbinsel"), not country names
    doc = analyse("Die russische Föderation und die Russische Föderation.")
    assert list(places(doc)) == ["Russische Föderation"]


def test_a_capital_that_acts_points_to_its_actor_and_is_no_event_place():
    import lagebild
    doc = lagebild.analyze("Moskau setzt sich für neue Verhandlungen ein. Das nächste Treffen soll in "
                           "Moskau stattfinden, sagte der Sprecher.", published="2023-09-14")
    first, second = [p for p in doc.places if p.text == "Moskau"]
    actor = next(a for a in doc.actors if a.id == first.actor)
    assert actor.country == "RUS"
    assert second.actor is None                      # "in Moskau": a place as a place
    assert place_of_sentence(doc, doc.sentences[1]).start == second.start


def test_a_compass_word_joined_to_a_country_is_a_region_of_it():
    doc = analyse("Im Nordjemen und im Südlibanon wird gekämpft, die Lage in der Ostukraine bleibt "
                  "angespannt. Der Westen reagierte, der Norden auch.")
    assert places(doc) == {"Nordjemen": "YEM", "Südlibanon": "LBN", "Ostukraine": "UKR"}


def test_an_unknown_place_takes_the_country_its_sentence_or_the_article_names():
    text = ("Im Jemen sind bei einem Luftangriff Dutzende Menschen getötet worden. Die Armee "
            "griff nach Angaben von Zeugen ein Lager in Harf Sufyan an.")
    doc = analyse(text, entities=[("Harf Sufyan", "LOC")])
    assert places(doc)["Harf Sufyan"] == "YEM"
    # two countries in the sentence: no guess
    doc = analyse("Das Dorf Ghadschar liegt zwischen Israel und dem Libanon.",
                  entities=[("Ghadschar", "LOC")])
    assert places(doc)["Ghadschar"] is None


def test_a_name_the_actors_stage_reads_as_a_group_is_no_place():
    from lagebild.document import Actor, Mention
    text = "In Bangkok demonstrierten die Rothemden erneut gegen die Regierung."
    doc = Document.new(text)
    add_sentences(doc)
    start = text.index("Rothemden")
    doc.entities.append(Entity(start=start, end=start + 9, text="Rothemden", label="LOC"))
    doc.actors = [Actor(id="a1", name="Rothemden", kind="group", country="THA",
                        mentions=[Mention(start=start, end=start + 9, text="Rothemden")])]
    add_places(doc)
    assert places(doc) == {"Bangkok": "THA"}


def test_an_unknown_name_after_an_article_or_a_government_is_no_place():
    text = ("Die Rothemden protestierten erneut. Die Regierung Balkenende stürzte. "
            "Die Minister trafen sich im Catshuis.")
    doc = analyse(text, entities=[("Rothemden", "LOC"), ("Balkenende", "LOC"), ("Catshuis", "LOC")])
    assert list(places(doc)) == ["Catshuis"]


def test_a_place_name_inside_an_organisations_name_is_no_place():
    import lagebild
    doc = lagebild.analyze("Das sagte er der Zeitung „Neues Deutschland“ am Montag in Belgrad. Die Erklärung "
                           "verbreitete Radio Vatikan. Die Botschaft in Berlin schwieg.", published="2009-09-19")
    places = [p.text for p in doc.places]
    assert "Belgrad" in places and "Berlin" in places
    assert "Deutschland" not in places and "Vatikan" not in places
