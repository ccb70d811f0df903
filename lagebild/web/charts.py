"""Charts drawn on the server as SVG (no chart library to vendor, readable without
JavaScript): the events timeline, stacked by PLOVER quad class."""
from __future__ import annotations

from html import escape

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
QUAD_COLOURS = {1: "#74c476", 2: "#238b45", 3: "#fd8d3c", 4: "#cb181d", 0: "#999999"}


def timeline_svg(rows: list[dict], width: int = 960, height: int = 220) -> str:
    """Stacked bars of event counts per period (rows: {period, quad_code, count})."""
    periods = sorted({r["period"] for r in rows})
    if not periods:
        return '<p class="empty">No dated events match.</p>'
    counts: dict[str, dict[int, int]] = {p: {} for p in periods}
    for r in rows:
        q = r.get("quad_code") or 0
        counts[r["period"]][q] = counts[r["period"]].get(q, 0) + r["count"]
    top = max(sum(c.values()) for c in counts.values())
    left, bottom, plot_h = 40, 30, height - 50
    step = (width - left - 10) / len(periods)
    bars = []
    for i, period in enumerate(periods):
        y = height - bottom
        for quad in (4, 3, 2, 1, 0):
            n = counts[period].get(quad, 0)
            if not n:
                continue
            h = n / top * plot_h
            y -= h
            bars.append(f'<rect x="{left + i * step + 1:.1f}" y="{y:.1f}" width="{max(step - 2, 1):.1f}" '
                        f'height="{h:.1f}" fill="{QUAD_COLOURS[quad]}"><title>{escape(period)}: {n} '
                        f'{escape(QUAD_NAMES.get(quad, "other"))}</title></rect>')
    axis = (f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="#555"/>'
            f'<text x="{left - 6}" y="{height - bottom - plot_h + 4}" text-anchor="end">{top}</text>'
            f'<text x="{left - 6}" y="{height - bottom}" text-anchor="end">0</text>')
    labels = "".join(f'<text x="{left + i * step + step / 2:.1f}" y="{height - 10}" text-anchor="middle">'
                     f'{escape(p)}</text>' for i, p in enumerate(periods)
                     if i % max(1, len(periods) // 8) == 0)
    return (f'<svg class="timeline" viewBox="0 0 {width} {height}" role="img" aria-label="events over time" '
            f'xmlns="http://www.w3.org/2000/svg">{axis}{"".join(bars)}{labels}</svg>')


def quad_legend() -> str:
    return "".join(f'<span class="legend"><i style="background:{QUAD_COLOURS[q]}"></i>{escape(name)}</span>'
                   for q, name in QUAD_NAMES.items())
