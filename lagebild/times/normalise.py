"""From a matched expression to a TIMEX3 value, anchored on the publication date (news style).

Each `norm` of rules.yaml is a function here: ``f(match, ctx) -> (type, value) | [(start, end,
type, value), ...] | None`` (None: the match is no time after all). ``ctx.dct`` is the
publication date (or None: relative expressions then keep X-values such as XXXX-02);
``ctx.tense`` the tense around the match. Values that hang on the day last talked about
("am Abend", "um 14 Uhr") come back as "REF..." and are filled in by the tagger.

How an expression without a year finds its year (tense from tense.py): a past clause takes
the last such day or month on or before publication, a future clause the next one on or after
it, a clause without tense the nearest one. So a January article saying "im Dezember hatte
..." means last December; "hatte angekündigt, im September anzutreten" from July means the
coming September, because the cue nearest to "im September" is the forward-looking
"angekündigt". Limits ("bis zum 20. Juni", "ab dem 11. Mai") and times that date a scheduled
noun ("die Wahl am 10. Mai") take the nearest date whatever the verb (tagger.py, tense.py).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional

from dateutil.easter import easter

from .vocabulary import lookup_prefix, parse_number, unit, unit_of_form, vocabulary

# how much further a candidate on the wrong side of the tense counts
WRONG_SIDE_DAYS = 400
WRONG_SIDE_MONTHS = 13


@dataclass
class Context:
    dct: Optional[date]
    tense: str = "present"


# --- formatting ----------------------------------------------------------------------------

def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def fmt_number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _g(m: re.Match, name: str) -> Optional[str]:
    try:
        return m.group(name)
    except IndexError:
        return None


def month_number(word: str) -> Optional[int]:
    w = word.lower()
    months = vocabulary()["months"]
    return months.get(w) or months.get(w.rstrip(".")) or months.get(w + ".")


def direction(word: Optional[str]) -> Optional[int]:
    """-1 for vergangen/letzt, 0 for dies/laufend, +1 for kommend/nächst."""
    if not word:
        return None
    return lookup_prefix(vocabulary()["direction_modifiers"], word.strip())


def part_suffix(word: Optional[str]) -> str:
    if not word:
        return ""
    code = vocabulary()["parts_of_day"].get(word.lower())
    return f"T{code}" if code else ""


def year_of_yrel(yrel: Optional[str], dct: Optional[date]) -> Optional[int]:
    """"letzten Jahres" -> publication year - 1 (None without a publication date)."""
    if not yrel or dct is None:
        return None
    words = yrel.split()
    d = direction(words[-2] if len(words) >= 2 else "")
    return dct.year + (d or 0)


# --- choosing among candidates ------------------------------------------------------------

def _pick(cands: list[tuple[int, object]], tense: str, strict: Optional[int], wrong_side: int):
    """cands: (signed distance from publication, value). strict: -1 only before, +1 only after."""
    if strict == -1:
        cands = [c for c in cands if c[0] < 0]
    elif strict == 1:
        cands = [c for c in cands if c[0] > 0]
    if not cands:
        return None

    def score(c):
        d = c[0]
        wrong = (tense == "past" and d > 0) or (tense == "future" and d < 0)
        # ties go to the past: news reports more than it announces
        return (abs(d) + (wrong_side if wrong else 0), d > 0)

    return min(cands, key=score)[1]


def resolve_day(month: int, day: int, dct: Optional[date], tense: str,
                strict: Optional[int] = None) -> Optional[str]:
    if dct is None:
        return f"XXXX-{month:02d}-{day:02d}"
    years = range(dct.year - 1, dct.year + 2)
    if month == 2 and day == 29:
        years = [y for y in range(dct.year - 4, dct.year + 5) if calendar.isleap(y)]
    cands = []
    for y in years:
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        cands.append(((d - dct).days, d))
    d = _pick(cands, tense, strict, WRONG_SIDE_DAYS)
    return d.isoformat() if d else None


def resolve_month(month: int, dct: Optional[date], tense: str, strict: Optional[int] = None) -> str:
    if dct is None:
        return f"XXXX-{month:02d}"
    here = dct.year * 12 + dct.month
    cands = [((y * 12 + month) - here, y) for y in range(dct.year - 1, dct.year + 2)]
    y = _pick(cands, tense, strict, WRONG_SIDE_MONTHS)
    return f"{y:04d}-{month:02d}"


def resolve_weekday(wd: int, dct: Optional[date], tense: str, dir_: Optional[int]) -> str:
    """News rule: a bare weekday is the most recent such day on or before publication, the
    next one in a future clause or after "kommende/nächste"; "vergangene/letzte" excludes
    the day of publication itself; in a clause without tense the nearer one wins."""
    if dct is None:
        return f"XXXX-WXX-{wd}"
    back = (dct.isoweekday() - wd) % 7          # days back to the last such day (0: today)
    fwd = (wd - dct.isoweekday()) % 7           # days ahead to the next one (0: today)
    if dir_ == -1:
        delta = -(back or 7)
    elif dir_ == 1:
        delta = fwd or 7
    elif dir_ == 0:                             # "diesen Freitag": the one of this week
        delta = wd - dct.isoweekday()
    elif tense == "future":
        delta = fwd
    elif tense == "past":
        delta = -back
    else:
        delta = -back if back <= fwd else fwd
    return (dct + timedelta(days=delta)).isoformat()


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
        return True
    except ValueError:
        return False


def _two_digit_year(yy: int, dct: Optional[date]) -> int:
    limit = (dct.year % 100 + 10) if dct else 30
    return 2000 + yy if yy <= limit else 1900 + yy


# --- the normalisers ------------------------------------------------------------------------

def date_(m: re.Match, ctx: Context):
    day = int(m.group("day"))
    month = month_number(m.group("month")) if _g(m, "month") else int(m.group("month_num"))
    if not month or not 1 <= day <= 31:
        return None
    year_s = _g(m, "year")
    year = None
    if year_s:
        year = int(year_s) if len(year_s) == 4 else _two_digit_year(int(year_s), ctx.dct)
    elif _g(m, "yrel"):
        year = year_of_yrel(m.group("yrel"), ctx.dct)
        if year is None:
            return "DATE", f"XXXX-{month:02d}-{day:02d}"
    part = part_suffix(_g(m, "part2"))        # "am Abend des 29. Juni"
    typ = "TIME" if part else "DATE"
    if year is not None:
        return (typ, f"{year:04d}-{month:02d}-{day:02d}{part}") if _valid(year, month, day) else None
    if not _valid(2000, month, day):        # 2000 is a leap year: 29 February passes
        return None
    value = resolve_day(month, day, ctx.dct, ctx.tense)
    return (typ, value + part) if value else None


def day_range(m: re.Match, ctx: Context):
    """"am 24. und 25. September": two dates, the first borrowing month and year."""
    second = date_(m, ctx)
    if second is None:
        return None
    d1 = int(m.group("day1"))
    value2 = second[1]
    y, mo = value2[:4], int(value2[5:7])
    if d1 > int(m.group("day")):              # "vom 30. April bis 2. Mai" is written otherwise
        return None
    value1 = f"{y}-{mo:02d}-{d1:02d}"
    s1 = m.start()
    e1 = m.start("day1") + len(m.group("day1")) + 1
    return [(s1, e1, "DATE", value1), (m.start("day"), m.end(), "DATE", value2)]


def month(m: re.Match, ctx: Context):
    mo = month_number(m.group("month"))
    if not mo:
        return None
    if _g(m, "year"):
        return "DATE", f"{int(m.group('year')):04d}-{mo:02d}"
    if _g(m, "yrel"):
        y = year_of_yrel(m.group("yrel"), ctx.dct)
        return "DATE", f"{y:04d}-{mo:02d}" if y is not None else f"XXXX-{mo:02d}"
    d = None
    for name in ("dir", "dir2", "dir3"):
        if _g(m, name):
            d = direction(m.group(name))
    if d == 0 and ctx.dct:
        return "DATE", f"{ctx.dct.year:04d}-{mo:02d}"
    return "DATE", resolve_month(mo, ctx.dct, ctx.tense, strict=d or None)


def month_range(m: re.Match, ctx: Context):
    m1, m2 = month_number(m.group("month1")), month_number(m.group("month"))
    if not (m1 and m2):
        return None
    if _g(m, "year"):
        y2 = int(m.group("year"))
        v2 = f"{y2:04d}-{m2:02d}"
    else:
        v2 = resolve_month(m2, ctx.dct, ctx.tense)
    y = v2[:4]
    if y != "XXXX" and m1 > m2:
        y = f"{int(y) - 1:04d}"
    v1 = f"{y}-{m1:02d}"
    return [(m.start(), m.end("month1"), "DATE", v1), (m.start("month"), m.end(), "DATE", v2)]


def _weekday_number(word: str) -> int:
    return lookup_prefix(vocabulary()["weekdays"], word) or lookup_prefix(vocabulary()["weekdays_adverbial"], word)


def weekday(m: re.Match, ctx: Context):
    wd = _weekday_number(m.group("weekday"))
    part = part_suffix(_g(m, "part") or _g(m, "part2"))
    week_dir = _g(m, "week_dir")
    if week_dir and ctx.dct:
        shift = direction(week_dir) or 0
        monday = ctx.dct - timedelta(days=ctx.dct.isoweekday() - 1) + timedelta(weeks=shift)
        value = (monday + timedelta(days=wd - 1)).isoformat()
    else:
        value = resolve_weekday(wd, ctx.dct, ctx.tense, direction(_g(m, "dir")))
    return ("TIME" if part else "DATE"), value + part


def night(m: re.Match, ctx: Context):
    """"in der Nacht zum Freitag": the night that starts on Thursday (TIMEX3 TNI)."""
    if _g(m, "today"):                           # "in der Nacht zu heute"
        offset = -1 if m.group("today").lower() == "heute" else -2
        return "TIME", ((ctx.dct + timedelta(days=offset)).isoformat() if ctx.dct else "XXXX-XX-XX") + "TNI"
    wd = _weekday_number(m.group("weekday"))
    if ctx.dct is None:
        return "TIME", f"XXXX-WXX-{(wd - 2) % 7 + 1}TNI"
    if _g(m, "reldayadj"):                       # "in der Nacht zum heutigen Samstag"
        offset = lookup_prefix(vocabulary()["relative_day_adjectives"], m.group("reldayadj"))
        day = ctx.dct + timedelta(days=offset)
        return "TIME", (day - timedelta(days=1)).isoformat() + "TNI"
    day = date.fromisoformat(resolve_weekday(wd, ctx.dct, ctx.tense, direction(_g(m, "dir"))))
    return "TIME", (day - timedelta(days=1)).isoformat() + "TNI"


def weekday_set(m: re.Match, ctx: Context):
    wd = _weekday_number(_g(m, "weekday") or m.group("weekdayadv"))
    return "SET", f"XXXX-WXX-{wd}" + part_suffix(_g(m, "part"))


def relative_day(m: re.Match, ctx: Context):
    v = vocabulary()
    if _g(m, "tomorrow"):
        offset = 1
    elif _g(m, "relday"):
        offset = v["relative_days"][m.group("relday").lower()]
    else:
        offset = lookup_prefix(v["relative_day_adjectives"], m.group("reldayadj"))
    part = part_suffix(_g(m, "part2") or _g(m, "part3"))
    day = (ctx.dct + timedelta(days=offset)).isoformat() if ctx.dct else "XXXX-XX-XX"
    return ("TIME" if part else "DATE"), day + part


_HOURS = {"morgenstunden": "TMO", "vormittagsstunden": "TMO", "mittagsstunden": "TMI",
          "nachmittagsstunden": "TAF", "abendstunden": "TEV", "nachtstunden": "TNI"}


def part_of_day(m: re.Match, ctx: Context):
    if _g(m, "hours"):
        return "TIME", "REF" + _HOURS[m.group("hours").lower()]
    if _g(m, "dawn"):
        return "TIME", "REFTMO"
    if _g(m, "midnight"):
        return "TIME", "REFT24:00"
    if _g(m, "night"):
        d = direction(_g(m, "dirnight") or _g(m, "dirnight2"))
        if d is not None and ctx.dct:
            # "vergangene Nacht" began the evening before publication
            day = ctx.dct + timedelta(days=-1 if d < 0 else 0)
            return "TIME", day.isoformat() + "TNI"
        return "TIME", "REFTNI"
    return "TIME", "REF" + part_suffix(m.group("part2"))


def reference_day(m: re.Match, ctx: Context):
    """Days counted from the day last talked about: "REF@-1" for "am Vortag"."""
    whole = m.group(0).lower()
    suffix = ""
    if "laufe" in whole:                         # "im Laufe des Tages": the whole day
        whole = whole.replace("tages", "")
    for word, code in (("vorabend", "TEV"), ("abend", "TEV"), ("morgen", "TMO"), ("vormittag", "TMO"),
                       ("nachmittag", "TAF"), ("mittag", "TMI")):
        if word in whole:
            suffix = code
            break
    if _g(m, "before"):
        offset = -1
    elif _g(m, "after") or _g(m, "after2"):
        offset = 1
    else:
        offset = 0
    return ("TIME" if suffix else "DATE"), f"REF@{offset:+d}" + suffix


def clock(m: re.Match, ctx: Context):
    if _g(m, "hour") or _g(m, "hour2"):
        hour = int(_g(m, "hour") or m.group("hour2"))
    else:
        hour = int(parse_number(m.group("hour_word")) or 0)
    minute = int(_g(m, "minute") or _g(m, "minute2") or 0)
    if hour > 24 or (hour == 24 and minute):
        return None
    return "TIME", f"REFT{hour:02d}:{minute:02d}"


def year(m: re.Match, ctx: Context):
    return "DATE", m.group("year")


_CAP_WORD = re.compile(r"(?<!\s)\s+([A-ZÄÖÜ][\w-]*)")


def year_bare(m: re.Match, ctx: Context):
    """A bare 4-digit number is a year unless it counts something: "2000 Menschen",
    "rund 1500 Soldaten", "über 2000"."""
    y = int(m.group("year"))
    if ctx.dct and y > ctx.dct.year + 30:
        return None
    text = m.string
    before = text[:m.start()].lower().rstrip()
    v = vocabulary()
    if any(before.endswith(" " + q) or before == q for q in v["quantity_before"]):
        return None
    cued = any(before.endswith(" " + c) or before == c for c in v["year_cues"])
    nxt = _CAP_WORD.match(text, m.end())
    if nxt and not cued:
        word = nxt.group(1).lower()
        if month_number(word) is None and word not in v["weekdays"]:
            return None
    after = text[m.end():m.end() + 12].lower()
    if re.match(r"(?<!\s)\s*(?:euro|dollar|uhr|km|kilometer|meter|prozent|mal\b|stück|tonnen)", after):
        return None
    return "DATE", m.group("year")


def decade(m: re.Match, ctx: Context):
    if _g(m, "decadeword"):
        dec = vocabulary()["decade_words"][m.group("decadeword").lower()]
        century = None
    else:
        dec = int(_g(m, "decade") or m.group("decade2"))
        century = _g(m, "century") or _g(m, "century2")
    if century is None:
        if dec in (0, 1) or (dec == 2 and ctx.dct and ctx.dct.year >= 2030):
            century = "20"
        else:
            century = "19"
    return "DATE", f"{century}{dec}X"


def century(m: re.Match, ctx: Context):
    n = int(m.group("ord"))
    if not 1 <= n <= 22:
        return None
    return "DATE", f"{n - 1:02d}"


def relative_unit(m: re.Match, ctx: Context):
    """Weeks, months, years, quarters relative to publication: "in der vergangenen Woche"
    (2019-W16), "im Vorjahr" (2018), "am Wochenende", "Ende des Monats"."""
    u = m.group("unit").lower()
    d = direction(_g(m, "dir"))
    if u.startswith("vor"):
        d, u = -1, u[3:]
    elif u.startswith("jahres"):                # Jahresende, Jahresbeginn: this year
        u = "jahr"
    elif u.startswith("monats"):
        u = "monat"
    elif u == "heuer":
        u = "jahr"
    d = d or 0
    dct = ctx.dct
    if u.startswith("wochenende"):
        if dct is None:
            return "DATE", "XXXX-WXX-WE"
        if d == 0 and dct.isoweekday() < 6:
            # Monday to Friday: a past clause means the weekend before, a future one the
            # coming weekend, a clause without tense the nearer of the two
            ahead = 6 - dct.isoweekday()
            behind = dct.isoweekday()
            if ctx.tense == "past" or (ctx.tense == "present" and behind <= ahead):
                d = -1
        return "DATE", iso_week(dct + timedelta(weeks=d)) + "-WE"
    if u.startswith("woche"):
        return "DATE", iso_week(dct + timedelta(weeks=d)) if dct else "XXXX-WXX"
    if u.startswith("monat"):
        if dct is None:
            return "DATE", "XXXX-XX"
        k = dct.year * 12 + dct.month - 1 + d
        return "DATE", f"{k // 12:04d}-{k % 12 + 1:02d}"
    if u.startswith("jahr"):
        return "DATE", f"{dct.year + d:04d}" if dct else "XXXX"
    if u.startswith("quartal"):
        if dct is None:
            return "DATE", "XXXX-QX"
        k = dct.year * 4 + (dct.month - 1) // 3 + d
        return "DATE", f"{k // 4:04d}-Q{k % 4 + 1}"
    if u.startswith("halbjahr"):
        if dct is None:
            return "DATE", "XXXX-HX"
        k = dct.year * 2 + (dct.month - 1) // 6 + d
        return "DATE", f"{k // 2:04d}-H{k % 2 + 1}"
    return None


def calendar_week(m: re.Match, ctx: Context):
    week = int(_g(m, "week") or m.group("week2"))
    if not 1 <= week <= 53:
        return None
    if _g(m, "year"):
        y = m.group("year")
    else:
        y = f"{ctx.dct.isocalendar()[0]:04d}" if ctx.dct else "XXXX"
    return "DATE", f"{y}-W{week:02d}"


def quarter(m: re.Match, ctx: Context):
    ordinal = m.group("ord").lower().rstrip("n").rstrip("e")
    u = m.group("unit").lower()
    half = u.startswith("halbjahr") or u.startswith("jahresh")
    n = lookup_prefix(vocabulary()["ordinals"], ordinal)
    if n is None:
        return None
    if ordinal.startswith("letzt"):
        n = 2 if half else 4
    if half and n > 2:
        return None
    if _g(m, "year"):
        y = m.group("year")
    elif _g(m, "yrel"):
        yy = year_of_yrel(m.group("yrel"), ctx.dct)
        y = f"{yy:04d}" if yy is not None else "XXXX"
    else:
        y = f"{ctx.dct.year:04d}" if ctx.dct else "XXXX"
    return "DATE", f"{y}-{'H' if half else 'Q'}{n}"


# midpoints of the seasons in months of their year (winter Y runs into January Y+1)
_SEASON_MID = {"SP": 4.5, "SU": 7.5, "FA": 10.5, "WI": 13.0}


def season(m: re.Match, ctx: Context):
    whole = m.group(0)
    code = vocabulary()["seasons"][m.group("season").lower()]
    if _g(m, "year"):
        return "DATE", f"{m.group('year')}-{code}"
    if _g(m, "yrel"):
        y = year_of_yrel(m.group("yrel"), ctx.dct)
        return "DATE", f"{y:04d}-{code}" if y is not None else f"XXXX-{code}"
    cued = whole.strip().lower() != m.group("season").lower() and \
        whole.strip().lower() != m.group("season").lower() + "s"
    if not cued:                                  # "Sommer" alone is as often a surname
        return None
    if ctx.dct is None:
        return "DATE", f"XXXX-{code}"
    d = direction(_g(m, "dir") or _g(m, "dir3"))
    here = ctx.dct.year * 12 + ctx.dct.month + 0.5
    cands = [((y * 12 + _SEASON_MID[code]) - here, y) for y in range(ctx.dct.year - 2, ctx.dct.year + 2)]
    if d == 0:
        cands = [c for c in cands if abs(c[0]) < 6] or cands
        d = None
    y = _pick(cands, ctx.tense, d if d else None, WRONG_SIDE_MONTHS)
    return "DATE", f"{y:04d}-{code}"


def holiday(m: re.Match, ctx: Context):
    v = vocabulary()
    name = re.sub(r"\s+", " ", m.group("holiday").lower())
    fixed = v["holidays_fixed"].get(name)
    offset = v["holidays_easter"].get(name)

    def on(y: int) -> date:
        if fixed:
            mo, d = map(int, fixed.split("-"))
            return date(y, mo, d)
        return easter(y) + timedelta(days=offset)

    if _g(m, "year"):
        return "DATE", on(int(m.group("year"))).isoformat()
    if ctx.dct is None:
        return "DATE", f"XXXX-{fixed}" if fixed else "XXXX-XX-XX"
    cands = [((on(y) - ctx.dct).days, on(y)) for y in range(ctx.dct.year - 1, ctx.dct.year + 2)]
    d = direction(_g(m, "dir"))
    day = _pick(cands, ctx.tense, d if d else None, WRONG_SIDE_DAYS)
    return ("DATE", day.isoformat()) if day else None


def _amount(m: re.Match) -> Optional[float]:
    if _g(m, "num"):
        return parse_number(m.group("num"))
    return None


def ago(m: re.Match, ctx: Context):
    """"vor drei Jahren" -> the year three before publication; "in zwei Wochen" -> ahead."""
    sign = -1 if m.group("direction").lower() == "vor" else 1
    n = _amount(m)
    if n is None:                                   # "vor einigen Wochen", "vor Jahren"
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    u = unit_of_form()[m.group("unit").lower()]
    dct = ctx.dct
    if u.name == "jahr" and not float(n).is_integer():
        u, n = unit("monat"), n * 12
    if u.name == "monat" and not float(n).is_integer():
        u, n = unit("tag"), n * 30
    n = int(round(n))
    if sign > 0 and u.clock:                        # "in 24 Stunden 600 km": a length
        return "DURATION", _period(n, u)
    if u.name in ("stunde", "minute", "sekunde", "tag"):
        if dct is None:
            return "DATE", "XXXX-XX-XX"
        days = n * sign if u.name == "tag" else 0
        return "DATE", (dct + timedelta(days=days)).isoformat()
    if u.name == "woche":
        return "DATE", iso_week(dct + timedelta(weeks=n * sign)) if dct else "XXXX-WXX"
    if u.name == "monat":
        if dct is None:
            return "DATE", "XXXX-XX"
        k = dct.year * 12 + dct.month - 1 + n * sign
        return "DATE", f"{k // 12:04d}-{k % 12 + 1:02d}"
    if u.name == "jahr":
        return "DATE", f"{dct.year + n * sign:04d}" if dct else "XXXX"
    if u.name == "jahrzehnt":
        return "DATE", f"{(dct.year + 10 * n * sign) // 10}X" if dct else "XXXX"
    if u.name == "jahrhundert":
        return "DATE", f"{(dct.year + 100 * n * sign) // 100:02d}" if dct else "XXXX"
    return None


def _period(n: Optional[float], u) -> str:
    """P3D, PT2H, P1.5Y, P6M for half a year, PXY where the number is open."""
    if n is None:
        return f"PTX{u.letter}" if u.clock else f"PX{u.letter}"
    if not float(n).is_integer():
        smaller = {"jahr": ("monat", 12), "monat": ("tag", 30), "woche": ("tag", 7), "tag": ("stunde", 24),
                   "stunde": ("minute", 60), "minute": ("sekunde", 60)}
        if u.name in smaller and float(n * smaller[u.name][1]).is_integer():
            name, k = smaller[u.name]
            return _period(n * k, unit(name))
    return f"PT{fmt_number(n)}{u.letter}" if u.clock else f"P{fmt_number(n)}{u.letter}"


def duration(m: re.Match, ctx: Context):
    if _g(m, "long"):
        return "DURATION", "PXY"
    if _g(m, "unit_vague"):
        return "DURATION", _period(None, unit_of_form()[m.group("unit_vague").lower()])
    u = unit_of_form()[m.group("unit").lower()]
    n = _amount(m)
    if _g(m, "num") and n is None:
        return None
    return "DURATION", _period(n, u)


def length_adjective(m: re.Match, ctx: Context):
    v = vocabulary()
    if _g(m, "adj_vague"):
        name = lookup_prefix(v["vague_length_adjectives"], m.group("adj_vague"))
        return "DURATION", _period(None, unit(name))
    name = v["unit_adjectives"].get(m.group("adj"))
    if not name:
        return None
    if _g(m, "many"):
        return "DURATION", _period(None, unit(name))
    n = parse_number(_g(m, "num_digits") or m.group("num_word") or "")
    if n is None or (_g(m, "num_word") and m.group("num_word") not in
                     ("ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn",
                      "elf", "zwölf") and m.group("num_word") not in v["numerals"]["teens"]
                     and m.group("num_word") not in v["numerals"]["tens"]):
        return None
    return "DURATION", _period(n, unit(name))


_SET_UNITS = {"tag": "P1D", "woche": "P1W", "monat": "P1M", "jahr": "P1Y", "stunde": "PT1H",
              "morgen": "XXXX-XX-XXTMO", "abend": "XXXX-XX-XXTEV", "nacht": "XXXX-XX-XXTNI",
              "wochenende": "XXXX-WXX-WE"}
_SET_ADVERBS = {"täglich": "P1D", "wöchentlich": "P1W", "allwöchentlich": "P1W", "monatlich": "P1M",
                "jährlich": "P1Y", "alljährlich": "P1Y", "stündlich": "PT1H", "vierteljährlich": "P3M",
                "halbjährlich": "P6M"}


def set_unit(m: re.Match, ctx: Context):
    if _g(m, "adverb"):
        return "SET", _SET_ADVERBS[m.group("adverb")]
    u = m.group("unit").lower()
    key = next((k for k in sorted(_SET_UNITS, key=len, reverse=True) if u.startswith(k)), None)
    if key is None:
        return None
    n = _amount(m)
    if n is not None and key in ("tag", "woche", "monat", "jahr", "stunde"):
        return "SET", _period(n, unit(key))
    return "SET", _SET_UNITS[key]


NORMALISERS = {
    "date": date_, "day_range": day_range, "month": month, "month_range": month_range,
    "weekday": weekday, "night": night, "weekday_set": weekday_set, "relative_day": relative_day,
    "part_of_day": part_of_day, "reference_day": reference_day, "clock": clock, "year": year, "year_bare": year_bare,
    "decade": decade, "century": century, "relative_unit": relative_unit, "quarter": quarter,
    "calendar_week": calendar_week,
    "season": season, "holiday": holiday, "ago": ago, "duration": duration,
    "length_adjective": length_adjective, "set_unit": set_unit,
}
