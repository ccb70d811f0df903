"""Build `lagebild/places/country_points.csv`: the point a map puts each country at.

The gazetteer's fallback point for a country is the population-weighted centre of its
cities, which lands where no reader expects (Russia in Tatarstan, China in Henan). The
usual representative points (Russia 60 N 100 E, China 35 N 105 E, as atlases and the CIA
World Factbook give them) come from the `latlng` field of the data files of the
`countryinfo` package (MIT licence, https://pypi.org/project/countryinfo/). The package is
needed only to rebuild the table, not at run time:

    pip download countryinfo==1.0.1 --no-deps -d /tmp/ci
    python -m lagebild.training.places.country_points /tmp/ci/countryinfo-1.0.1-py3-none-any.whl
"""
from __future__ import annotations

import csv
import json
import sys
import zipfile
from pathlib import Path

from ...places.gazetteer import HERE as PLACES_DIR

OUT = PLACES_DIR / "country_points.csv"
HEADER = """\
# The usual representative point of each country (ISO 3166 alpha-3): lat, lon in degrees.
# From the `latlng` field of countryinfo 1.0.1's data files (MIT licence, Porimol Chandro),
# built by lagebild/training/places/country_points.py. Countries missing here fall back to
# the population-weighted centre of their cities.
"""


def points_from_wheel(wheel: Path) -> dict[str, tuple[float, float]]:
    out: dict[str, tuple[float, float]] = {}
    with zipfile.ZipFile(wheel) as z:
        for name in sorted(z.namelist()):
            if not (name.startswith("countryinfo/data/") and name.endswith(".json")):
                continue
            info = json.loads(z.read(name))
            code = (info.get("ISO") or {}).get("alpha3")
            latlng = info.get("latlng") or []
            if code and len(latlng) == 2 and code not in out:
                out[code] = (round(float(latlng[0]), 2), round(float(latlng[1]), 2))
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    points = points_from_wheel(Path(argv[0]))
    with OUT.open("w", encoding="utf-8", newline="") as f:
        f.write(HEADER)
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["country", "lat", "lon"])
        for code in sorted(points):
            w.writerow([code, *points[code]])
    print(f"{len(points)} countries → {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
