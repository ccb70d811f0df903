"""An offline world map of counts per country, drawn server-side as SVG.

The browser workspace of `lagebild serve` has no tile server to reach, so the map is
built here from a vendored outline: world-atlas 2.0.2 `countries-110m.json` (TopoJSON of
Natural Earth 1:110m countries, see `static/vendor/world-atlas/SOURCE.md`).

Steps, each a small function below:

1. decode the TopoJSON (quantized, delta-encoded arcs; rings as lists of arc indices,
   `~i` for arc i reversed) into rings of (longitude, latitude);
2. cut the rings that cross the antimeridian (Russia's Chukotka, Fiji) into one piece
   per side, so that no edge runs across the whole map, and cut everything south of
   60°S away (Antarctica would take a fifth of the height and hold no news);
3. project with Natural Earth I (Šavrič et al. 2011, the polynomial d3-geo uses): it
   looks like a world map, unlike the stretched poles of equirectangular, and is a
   closed formula that needs no dependency;
4. key each country by ISO 3166 alpha-3 (world-atlas carries the numeric code) and
   write one `<path>` per country, filled by a six-class sequential scale.

The geometry is decoded once per process and the path strings once per width; a call to
`world_svg` only fills in counts, colours and titles.
"""

from __future__ import annotations

import functools
import html
import json
import math
from collections.abc import Iterable, Mapping
from pathlib import Path

import pycountry

TOPOJSON = Path(__file__).parent / "static" / "vendor" / "world-atlas" / "countries-110m.json"

# the map shows 84°N (north of Greenland) to 60°S (south of Tierra del Fuego); what lies
# further south is Antarctica, cut away
LAT_NORTH = 84.0
LAT_SOUTH = -60.0

# three features of Natural Earth have no ISO numeric code. Kosovo gets XKX, the
# user-assigned code most registries use (and lagebild.places uses). Northern Cyprus and
# Somaliland are not ISO countries: events placed there are counted for Cyprus and Somalia,
# so their outlines are merged into those countries' paths, under those names.
NAME_TO_ISO3 = {"Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}

# ColorBrewer OrRd, 6 classes (light to dark); zero counts get a neutral grey that is
# clearly not the lightest class
PALETTE = ("#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#e34a33", "#b30000")
ZERO_FILL = "#e0e0e0"
STROKE = "#ffffff"

Ring = list[tuple[float, float]]


# --- decoding ---------------------------------------------------------------------------


def _decode_arcs(topology: dict) -> list[Ring]:
    """Arcs as absolute (lon, lat): positions are quantized integers, each one a delta
    from the previous position of the same arc, mapped back by scale and translate."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs: list[Ring], indices: Iterable[int]) -> Ring:
    """Join arcs into one ring; index ~i (negative) is arc i walked backwards. Consecutive
    arcs share their end point, so every arc after the first drops its first point; the
    ring's closing point (equal to its first) is dropped too."""
    points: Ring = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points


def _polygons(geometry: dict) -> list[list[list[int]]]:
    """The arc lists of a Polygon or MultiPolygon as a list of polygons."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []  # null geometries carry no outline


def _iso3(geometry: dict) -> str:
    """ISO 3166 alpha-3 for a feature: by its numeric id through pycountry, else by name."""
    numeric = geometry.get("id")
    if numeric:
        country = pycountry.countries.get(numeric=str(numeric))
        if country is not None:
            return country.alpha_3
    return NAME_TO_ISO3.get(geometry.get("properties", {}).get("name", ""), "")


# --- cutting ----------------------------------------------------------------------------


def _clip(ring: Ring, axis: int, bound: float, keep_above: bool) -> Ring:
    """Sutherland-Hodgman against one axis-parallel line: keep the part of the ring on
    one side, with the crossing points added (the ring stays closed)."""

    def inside(p: tuple[float, float]) -> bool:
        return p[axis] >= bound if keep_above else p[axis] <= bound

    def crossing(p: tuple[float, float], q: tuple[float, float]) -> tuple[float, float]:
        t = (bound - p[axis]) / (q[axis] - p[axis])
        point = (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))
        return (bound, point[1]) if axis == 0 else (point[0], bound)

    out: Ring = []
    for i, current in enumerate(ring):
        previous = ring[i - 1]
        if inside(current):
            if not inside(previous):
                out.append(crossing(previous, current))
            out.append(current)
        elif inside(previous):
            out.append(crossing(previous, current))
    return out


def _unwrap(ring: Ring) -> tuple[Ring, float]:
    """Make longitudes continuous: a step of more than 180° is the short way across the
    antimeridian, so shift by 360°. Also returns the shift the closing edge needs (0 for a
    ring that does not go around a pole)."""
    out: Ring = [ring[0]]
    offset = 0.0
    for (lon0, _), (lon1, lat1) in zip(ring, ring[1:]):
        step = lon1 - lon0
        if step > 180:
            offset -= 360
        elif step < -180:
            offset += 360
        out.append((lon1 + offset, lat1))
    closing = ring[0][0] - ring[-1][0]
    closing_offset = -360 if closing > 180 else 360 if closing < -180 else 0
    return out, offset + closing_offset


def _split_antimeridian(ring: Ring) -> list[Ring]:
    """Cut a ring that crosses ±180° into one ring per side; others pass unchanged.
    Drawing it as it is would join, say, 179°E to 180°W by a line across the whole map."""
    if all(abs(b[0] - a[0]) <= 180 for a, b in zip(ring, ring[1:] + ring[:1])):
        return [ring]
    unwrapped, winding = _unwrap(ring)
    if winding:
        # the ring goes round a pole (Antarctica): close it along that pole's latitude
        pole = math.copysign(90.0, sum(lat for _, lat in ring))
        unwrapped += [(unwrapped[-1][0], pole), (unwrapped[0][0], pole)]
    pieces = []
    for shift in (-360.0, 0.0, 360.0):
        piece = [(lon + shift, lat) for lon, lat in unwrapped]
        piece = _clip(_clip(piece, 0, -180.0, True), 0, 180.0, False)
        if len(piece) >= 3:
            pieces.append(piece)
    return pieces


def _cut(ring: Ring) -> list[Ring]:
    """The drawable pieces of a ring: split at the antimeridian, south of LAT_SOUTH gone."""
    pieces = []
    for piece in _split_antimeridian(ring):
        piece = _clip(piece, 1, LAT_SOUTH, True)
        if len(piece) >= 3:
            pieces.append(piece)
    return pieces


@functools.cache
def _countries() -> tuple[tuple[str, str, tuple[Ring, ...]], ...]:
    """(iso3, English name, rings) per country, in file order, parsed once per process.
    Features that share an ISO code (Cyprus and N. Cyprus) become one country named after
    the feature that carries the code; features left without rings (Antarctica) are gone."""
    topology = json.loads(TOPOJSON.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    names: dict[str, str] = {}
    rings: dict[str, list[Ring]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        iso3 = _iso3(geometry)
        if not iso3:
            continue
        name = geometry.get("properties", {}).get("name", iso3)
        if iso3 not in names or geometry.get("id"):
            names[iso3] = name
        for polygon in _polygons(geometry):
            for indices in polygon:
                rings.setdefault(iso3, []).extend(_cut(_ring(arcs, indices)))
    return tuple((iso3, names[iso3], tuple(rs)) for iso3, rs in rings.items() if rs)


# --- projection and paths ---------------------------------------------------------------


def natural_earth(lon: float, lat: float) -> tuple[float, float]:
    """Natural Earth I projection of degrees, in units of the unit sphere (y north)."""
    lam, phi = math.radians(lon), math.radians(lat)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, y


def _frame(width: int) -> tuple[float, float, float, int]:
    """(scale, x offset, y offset, height) that put 180°W..180°E and LAT_NORTH..LAT_SOUTH
    into width pixels, with a small margin."""
    margin = width / 100
    half_width = natural_earth(180.0, 0.0)[0]
    top, bottom = natural_earth(0.0, LAT_NORTH)[1], natural_earth(0.0, LAT_SOUTH)[1]
    scale = (width - 2 * margin) / (2 * half_width)
    height = math.ceil((top - bottom) * scale + 2 * margin)
    return scale, width / 2, margin + top * scale, height


def _num(value: float) -> str:
    """One decimal, without a trailing '.0' or a '-0': keeps the SVG small."""
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _path_data(rings: Iterable[Ring], scale: float, x0: float, y0: float) -> str:
    """SVG path data, one closed subpath per ring; points that round to the same pixel
    tenth as the previous one are left out, rings of fewer than 3 points dropped."""
    subpaths = []
    for ring in rings:
        points: list[str] = []
        for lon, lat in ring:
            x, y = natural_earth(lon, lat)
            point = f"{_num(x0 + x * scale)},{_num(y0 - y * scale)}"
            if not points or point != points[-1]:
                points.append(point)
        if len(points) > 1 and points[0] == points[-1]:
            points.pop()
        if len(points) >= 3:
            subpaths.append("M" + points[0] + "L" + " ".join(points[1:]) + "Z")
    return "".join(subpaths)


@functools.lru_cache(maxsize=8)
def _country_paths(width: int) -> tuple[tuple[str, str, str], ...]:
    """(iso3, name, path data) per country at a width; cached, as only counts change."""
    scale, x0, y0, _ = _frame(width)
    out = []
    for iso3, name, rings in _countries():
        data = _path_data(rings, scale, x0, y0)
        if data:
            out.append((iso3, name, data))
    return tuple(out)


# --- colours and legend -----------------------------------------------------------------


def colour_class(count: int, highest: int) -> int:
    """0 for no events, else 1..6 on a log scale between 1 and the highest count: news
    counts are skewed, a linear scale would show one dark country and the rest pale."""
    if count <= 0:
        return 0
    if highest <= 1:
        return len(PALETTE)
    share = math.log(min(count, highest)) / math.log(highest)
    return 1 + min(len(PALETTE) - 1, int(share * len(PALETTE)))


def _first_count(cls: int, highest: int) -> int:
    """The smallest count in 1..highest + 1 whose class is at least `cls` (binary search:
    colour_class grows with the count)."""
    low, high = 1, highest + 1
    while low < high:
        mid = (low + high) // 2
        if colour_class(mid, highest) >= cls:
            high = mid
        else:
            low = mid + 1
    return low


def _class_ranges(highest: int) -> list[tuple[int, int, int]]:
    """(class, lowest count, highest count) for each class some integer count falls in.
    The bounds come from colour_class itself, so legend and fills cannot disagree."""
    ranges = []
    for cls in range(1, len(PALETTE) + 1):
        first, last = _first_count(cls, highest), _first_count(cls + 1, highest) - 1
        if first <= last:
            ranges.append((cls, first, last))
    return ranges


def _fill(cls: int) -> str:
    return PALETTE[cls - 1] if cls else ZERO_FILL


def _legend(highest: int, label: str, width: int, height: int) -> str:
    """A column of swatches in the lower left (open South Pacific), zero first."""
    size = max(8.0, width / 80)
    rows = [(ZERO_FILL, "0")]
    for cls, first, last in _class_ranges(highest):
        rows.append((_fill(cls), str(first) if first == last else f"{first}–{last}"))
    x = width / 50
    y = height - width / 50 - size * 1.5 * (len(rows) + 1)
    parts = [
        f'<g class="legend" font-family="sans-serif" font-size="{_num(size)}" fill="#333">',
        f'<text x="{_num(x)}" y="{_num(y + size)}" font-weight="bold">{html.escape(label)}</text>',
    ]
    for i, (colour, text) in enumerate(rows, start=1):
        top = y + i * size * 1.5
        parts.append(
            f'<rect x="{_num(x)}" y="{_num(top)}" width="{_num(size)}" height="{_num(size)}" '
            f'fill="{colour}" stroke="#999" stroke-width="0.5"/>'
            f'<text x="{_num(x + size * 1.4)}" y="{_num(top + size * 0.85)}">{html.escape(text)}</text>'
        )
    parts.append("</g>")
    return "".join(parts)


# --- the map ----------------------------------------------------------------------------


def _normalise(counts: Mapping[str, int]) -> dict[str, int]:
    """Upper-case ISO3 keys, counts as ints; keys no country has simply never match."""
    out: dict[str, int] = {}
    for key, value in counts.items():
        code = str(key).strip().upper()
        out[code] = out.get(code, 0) + max(0, int(value))
    return out


def world_svg(counts: Mapping[str, int], width: int = 960, label: str = "events") -> str:
    """An SVG world map of `counts` (ISO 3166 alpha-3 -> count).

    One `<path class="country qN">` per country with data-iso3, data-count and a
    `<title>` "Germany: 12 events"; N is the colour class, 0 (grey) for no events, 1..6
    from light to dark. The SVG has a viewBox and no fixed size, so it scales with CSS.
    """
    if width < 100:
        raise ValueError(f"width must be at least 100, got {width}")
    width = int(width)
    counts = _normalise(counts)
    paths = _country_paths(width)
    known = {iso3 for iso3, _, _ in paths}
    highest = max((n for code, n in counts.items() if code in known), default=0)
    height = _frame(width)[3]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="worldmap" viewBox="0 0 {width} {height}" '
        f'style="width:100%;height:auto" role="img">',
        f"<title>{html.escape(f'World map: {label} per country')}</title>",
        f'<g class="countries" stroke="{STROKE}" stroke-width="0.4" fill-rule="evenodd">',
    ]
    for iso3, name, data in paths:
        count = counts.get(iso3, 0)
        cls = colour_class(count, highest)
        title = html.escape(f"{name}: {count} {label}")
        parts.append(
            f'<path class="country q{cls}" data-iso3="{html.escape(iso3)}" data-count="{count}" '
            f'fill="{_fill(cls)}" d="{data}"><title>{title}</title></path>'
        )
    parts.append("</g>")
    parts.append(_legend(highest, label, width, height))
    parts.append("</svg>")
    return "\n".join(parts)
