"""The offline world map (lagebild.web.worldmap): vendored outline, SVG, colours, cuts."""

import re
import xml.etree.ElementTree as ET

import pytest

from lagebild.web import worldmap
from lagebild.web.worldmap import world_svg

SVG = "{http://www.w3.org/2000/svg}"
COUNTS = {"DEU": 12, "FRA": 3, "USA": 100, "RUS": 40, "CHN": 7}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def countries(root: ET.Element) -> dict[str, ET.Element]:
    return {p.get("data-iso3"): p for p in root.iter(f"{SVG}path") if "country" in p.get("class", "").split()}


def colour_class(path: ET.Element) -> int:
    (cls,) = [c for c in path.get("class").split() if re.fullmatch(r"q\d", c)]
    return int(cls[1:])


def luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def subpaths(d: str) -> list[list[tuple[float, float]]]:
    """Absolute M/L/Z path data (what world_svg writes) as lists of points."""
    assert re.fullmatch(r"(M[-\d.,]+L[-\d., ]+Z)+", d), d[:80]
    return [
        [tuple(map(float, p.split(","))) for p in body.replace("L", " ").split()]
        for body in re.findall(r"M([^Z]*)Z", d)
    ]


@pytest.fixture(scope="module")
def svg() -> str:
    return world_svg(COUNTS)


@pytest.fixture(scope="module")
def root(svg) -> ET.Element:
    return parse(svg)


def test_vendored_files_are_there():
    folder = worldmap.TOPOJSON.parent
    assert worldmap.TOPOJSON.stat().st_size > 50_000
    assert "ISC" in (folder / "SOURCE.md").read_text(encoding="utf-8")
    assert "Michael Bostock" in (folder / "LICENSE.txt").read_text(encoding="utf-8")


def test_svg_parses_and_scales(root):
    assert root.tag == f"{SVG}svg"
    x, y, w, h = map(float, root.get("viewBox").split())
    assert (x, y, w) == (0, 0, 960) and 300 < h < 600
    assert "width:100%" in root.get("style")


def test_one_path_per_country(root):
    paths = [p for p in root.iter(f"{SVG}path") if "country" in p.get("class", "").split()]
    assert len(paths) >= 170
    codes = [p.get("data-iso3") for p in paths]
    assert len(set(codes)) == len(codes)  # N. Cyprus merged into Cyprus, Somaliland into Somalia
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)
    assert {"DEU", "RUS", "USA", "FRA", "CHN", "XKX", "CYP", "SOM", "CIV"} <= set(codes)
    assert "ATA" not in codes  # all of Antarctica lies south of the 60°S cut


def test_counts_in_data_and_titles(root):
    paths = countries(root)
    for code, count in COUNTS.items():
        assert paths[code].get("data-count") == str(count)
    assert paths["DEU"].find(f"{SVG}title").text == "Germany: 12 events"
    assert paths["USA"].find(f"{SVG}title").text == "United States of America: 100 events"
    assert paths["ITA"].find(f"{SVG}title").text == "Italy: 0 events"


def test_label_goes_into_titles():
    paths = countries(parse(world_svg({"DEU": 2}, label="Ereignisse")))
    assert paths["DEU"].find(f"{SVG}title").text == "Germany: 2 Ereignisse"


def test_more_events_darker(root):
    paths = countries(root)
    order = ["FRA", "CHN", "DEU", "RUS", "USA"]  # 3 < 7 < 12 < 40 < 100
    classes = [colour_class(paths[c]) for c in order]
    assert classes == sorted(classes) and classes[0] < classes[-1]
    assert classes[-1] == len(worldmap.PALETTE)  # the highest count gets the darkest colour
    assert luminance(paths["DEU"].get("fill")) < luminance(paths["FRA"].get("fill"))
    assert luminance(paths["USA"].get("fill")) < luminance(paths["DEU"].get("fill"))


def test_zero_counts_grey(root):
    paths = countries(root)
    for code in ("ITA", "BRA", "AUS"):
        assert colour_class(paths[code]) == 0
        assert paths[code].get("fill") == worldmap.ZERO_FILL
        assert paths[code].get("data-count") == "0"
    r, g, b = (int(worldmap.ZERO_FILL[i : i + 2], 16) for i in (1, 3, 5))
    assert r == g == b  # grey, not a hue of the scale
    assert worldmap.ZERO_FILL not in worldmap.PALETTE


def test_unknown_codes_ignored():
    root = parse(world_svg({"XXX": 1000, "": 3, "deu": 12, "FRA": 3}))
    paths = countries(root)
    assert "XXX" not in paths
    assert paths["DEU"].get("data-count") == "12"  # keys are upper-cased
    # the unknown 1000 does not stretch the scale: Germany is still the darkest
    assert colour_class(paths["DEU"]) == len(worldmap.PALETTE)


def test_empty_counts():
    root = parse(world_svg({}))
    assert all(colour_class(p) == 0 for p in countries(root).values())


def test_no_segment_spans_half_the_map(root):
    width = float(root.get("viewBox").split()[2])
    for code, path in countries(root).items():
        for points in subpaths(path.get("d")):
            for (x0, _), (x1, _) in zip(points, points[1:] + points[:1]):  # closing edge too
                assert abs(x1 - x0) <= width / 2, code
    # Russia and Fiji were cut, not dropped: each keeps a piece at either edge of the map
    for code in ("RUS", "FJI"):
        xs = [x for points in subpaths(countries(root)[code].get("d")) for x, _ in points]
        assert min(xs) < width * 0.15 and max(xs) > width * 0.85, code


def test_all_points_inside_the_view(root):
    _, _, w, h = map(float, root.get("viewBox").split())
    for path in countries(root).values():
        for points in subpaths(path.get("d")):
            assert all(0 <= x <= w and 0 <= y <= h for x, y in points)


def test_text_escaped():
    svg = world_svg({"CIV": 2}, label="<b>&\"events\"")
    assert "<b>" not in svg and "Côte d&#x27;Ivoire" in svg
    paths = countries(parse(svg))
    assert paths["CIV"].find(f"{SVG}title").text == "Côte d'Ivoire: 2 <b>&\"events\""


def test_size(svg):
    assert len(svg.encode("utf-8")) < 300_000
    assert not re.search(r"\d\.\d\d", svg)  # coordinates rounded to one decimal


def test_width_scales_geometry():
    small = parse(world_svg(COUNTS, width=480))
    assert small.get("viewBox").split()[2] == "480"
    assert len(countries(small)) >= 170


def test_legend_matches_classes():
    highest = 100
    ranges = worldmap._class_ranges(highest)
    assert ranges[0][1] == 1 and ranges[-1][2] == highest
    for (_, _, last), (_, first, _) in zip(ranges, ranges[1:]):
        assert first == last + 1  # contiguous, no gaps or overlaps
    for cls, first, last in ranges:
        assert worldmap.colour_class(first, highest) == cls == worldmap.colour_class(last, highest)
    legend = parse(world_svg(COUNTS)).find(f"{SVG}g[@class='legend']")
    texts = [t.text for t in legend.iter(f"{SVG}text")]
    assert texts[:2] == ["events", "0"] and texts[-1].endswith("100")


def test_topojson_decoding():
    topology = {
        "transform": {"scale": [0.5, 2.0], "translate": [10, -20]},
        "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]]],
    }
    arcs = worldmap._decode_arcs(topology)
    assert arcs[0] == [(10, -20), (11, -20), (11, -16)]  # deltas summed, then scaled
    ring = worldmap._ring(arcs, [0, 1])
    assert ring == [(10, -20), (11, -20), (11, -16), (10, -16)]  # shared ends once, no closing point
    reverse = worldmap._ring(arcs, [~1, ~0])  # ~i walks arc i backwards
    assert reverse == [(10, -20), (10, -16), (11, -16), (11, -20)]


def test_antimeridian_split():
    # a square from 170°E to 170°W, as the data has it: longitudes jump from 180 to -180
    ring = [(170.0, 0.0), (-170.0, 0.0), (-170.0, 10.0), (170.0, 10.0)]
    pieces = worldmap._split_antimeridian(ring)
    assert len(pieces) == 2
    for piece in pieces:
        lons = [lon for lon, _ in piece]
        assert max(lons) - min(lons) == pytest.approx(10)
        assert all(-180 <= lon <= 180 for lon in lons)
    assert worldmap._split_antimeridian([(0.0, 0.0), (10.0, 0.0), (10.0, 5.0)]) == [
        [(0.0, 0.0), (10.0, 0.0), (10.0, 5.0)]
    ]


def test_iso_codes_by_number_and_name():
    assert worldmap._iso3({"id": "276", "properties": {"name": "Germany"}}) == "DEU"
    assert worldmap._iso3({"properties": {"name": "Kosovo"}}) == "XKX"
    assert worldmap._iso3({"properties": {"name": "Nowhere"}}) == ""


def test_geometry_parsed_once():
    assert worldmap._countries() is worldmap._countries()
