"""The German actor knowledge, loaded once from the data files beside this module.

Every table is a plain TSV/text file in ``data/`` (sources noted in each file's header):
countries (names from Babel/CLDR + pycountry, plus short forms, adjectives, demonyms,
capitals and seats), organisations, role nouns, office holders and given names. A user
file (``--actors FILE`` or ``LAGEBILD_ACTORS``) adds rows in the same formats; see
README.md here. The stage's own German word lists (function words, pronouns, role words)
are ``data/words.yaml``, read here once as ``WORDS``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Optional

from ..datafiles import read_yaml

DATA = Path(__file__).parent / "data"
# the stage's own German word lists (function words, pronouns, role words), one key per
# list, each with what it is for: data/words.yaml; the modules build their constants from it
WORDS = read_yaml(DATA / "words.yaml")


ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")
# words that end compounds of other meanings (Gelsen|kirchen, Trauer|botschaften)
NO_HEADS = set(WORDS["no_heads"])
# inflected forms the generator would make that are other words
NOT_FORMS = set(WORDS["not_forms"])


@dataclass(frozen=True)
class Entry:
    """What a name in the gazetteer stands for."""
    key: str                 # actor identity: "C:RUS", "O:NATO", "P:Wladimir Putin"
    name: str                # canonical name
    kind: str                # person | organization | country | group
    country: Optional[str]
    sector: Optional[str]
    wikidata: Optional[str] = None
    is_seat: bool = False    # a capital or seat of government used as metonym
    single_alias: bool = False  # a one-word person alias (surname): needs support


@dataclass(frozen=True)
class Role:
    """A role noun (Präsident, Polizei, Demonstranten) and what it says."""
    lemma: str
    sector: Optional[str]
    kind: str                # person | organization | group | government | observer
    office: Optional[str] = None
    country: Optional[str] = None
    explicit: bool = False   # only with a country named in the phrase itself


@dataclass(frozen=True)
class Holder:
    name: str
    aliases: tuple[str, ...]
    country: str
    sector: Optional[str]
    office: Optional[str]
    start: Optional[date]
    end: Optional[date]
    wikidata: Optional[str]

    def holds_on(self, day: Optional[date]) -> bool:
        if day is None or self.start is None:
            return False
        return self.start <= day and (self.end is None or day < self.end)

    def near(self, day: Optional[date], years: int = 3) -> bool:
        """In office within some years of the day (people stay in the news)."""
        if day is None:
            return True
        if self.start is None:
            return True
        lo = date(self.start.year - years, 1, 1)
        hi = date(self.end.year + years, 12, 31) if self.end else date(9999, 1, 1)
        return lo <= day <= hi


@dataclass
class Tables:
    # lowercased token tuple → entries (a name may stand for several)
    phrases: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    caps_only: dict[tuple[str, ...], bool] = field(default_factory=dict)  # only ever an acronym
    # the most words of a phrase beginning with a word ("vereinten" → 2): how far a match
    # starting there can reach
    reach: dict[str, int] = field(default_factory=dict)
    adjectives: dict[str, str] = field(default_factory=dict)      # lowercased form → code
    demonyms: dict[str, str] = field(default_factory=dict)        # lowercased form → code
    prefixes: dict[str, Entry] = field(default_factory=dict)      # "us" → the USA entry
    roles: dict[str, Role] = field(default_factory=dict)          # lowercased form → role
    suffix_index: dict[str, Role] = field(default_factory=dict)   # compound heads
    _role_cache: dict = field(default_factory=dict)
    holders: list[Holder] = field(default_factory=list)
    given_names: set[str] = field(default_factory=set)
    family_names_first: set[str] = field(default_factory=set)     # "Kim" of "Kim Jong-un"
    common_nouns: set[str] = field(default_factory=set)
    source_compound_endings: tuple[str, ...] = ()  # "Polizei|angaben": the first part informs
    country_names: dict[str, str] = field(default_factory=dict)   # code → German name
    country_qids: dict[str, str] = field(default_factory=dict)    # code → Wikidata id

    # --- building -------------------------------------------------------------
    def add_phrase(self, surface: str, entry: Entry) -> None:
        for form in _name_variants(surface):
            words = tokens_of(form)
            toks = tuple(t.lower() for t in words)
            if not toks:
                continue
            # "AU", "AUs" must be written in capitals: "Aus" is a preposition
            caps = len(words) == 1 and len(words[0]) > 1 and words[0].rstrip("s").isupper()
            self.caps_only[toks] = self.caps_only.get(toks, True) and caps
            bucket = self.phrases.setdefault(toks, [])
            if entry not in bucket:
                bucket.append(entry)
            self.reach[toks[0]] = max(self.reach.get(toks[0], 1), len(toks))

    def add_role(self, form: str, role: Role) -> None:
        for v in _role_variants(form):
            if v == form or v.lower() not in NOT_FORMS:
                self.roles.setdefault(v.lower(), role)

    def finish(self) -> None:
        # observers (Zeugen, Helfer) only as whole words: Fahr|zeugen are no witnesses; nor
        # are the endings of town names (Gelsen|kirchen)
        self.suffix_index = {f: r for f, r in self.roles.items()
                             if len(f) >= 4 and " " not in f and not r.explicit
                             and not (r.kind == "observer" and len(f) < 8) and f not in NO_HEADS}
        self._role_cache = {}

    # --- lookups ----------------------------------------------------------------
    def role_of(self, word: str) -> Optional[tuple[Role, Optional[str]]]:
        """The role a word names, directly or as the head of a compound, and the
        modifier (lowercased) in front of the head, if any."""
        low = word.lower()
        if low in self.roles:
            return self.roles[low], None
        if "-" in word:
            head = low.rsplit("-", 1)[1]
            hit = self.role_of(head) if head else None
            if hit:
                return hit[0], low.rsplit("-", 1)[0]
            return None
        hit = self._role_cache.get(low, False)
        if hit is not False:
            return hit
        hit = None
        for n in range(3, len(low) - 3):  # longest head first
            form = low[n:]
            role = self.suffix_index.get(form)
            if role is not None and n >= (3 if len(form) >= 5 else 5):
                hit = (role, low[:n])
                break
        self._role_cache[low] = hit
        return hit

    def holders_for(self, office: str, country: Optional[str], day: Optional[date]) -> list[Holder]:
        out = [h for h in self.holders if h.office == office and (country is None or h.country == country)
               and h.holds_on(day)]
        return out


# --- word forms -------------------------------------------------------------------

def tokens_of(text: str) -> list[str]:
    """The words of a name, as the article's words are matched (`lagebild.segment.words`)."""
    from ..segment import words
    return words(text)


def _name_variants(name: str) -> set[str]:
    """German inflected forms of a name: genitive -s, adjective endings in multiword
    names (Vereinte/Vereinten Nationen, Weißes/Weißen Haus)."""
    words = name.split(" ")
    choices: list[list[str]] = []
    for i, w in enumerate(words):
        last = i == len(words) - 1
        opts = {w}
        if not last:
            m = re.match(r"^(.{3,}?)(e|en|er|es|em)$", w)
            if m and w[0].isupper() and not w.isupper():
                opts |= {m.group(1) + e for e in ADJ_ENDINGS[1:]}
        else:
            if not w.isupper() and w[-1:].isalpha():
                opts |= {w + "s"}
                if w[-1] not in "aeiouäöüy":
                    opts |= {w + "es"}  # des Dienstes, des Amtes, des Hauses
                if w.endswith("e"):
                    opts |= {w + "n"}
            elif w.isupper() and len(w) > 1:
                opts |= {w + "s"}
        choices.append(sorted(opts))
    out = {""}
    for opts in choices:
        out = {(a + " " + o).strip() for a in out for o in opts}
    return out


def _role_variants(form: str) -> set[str]:
    out = {form}
    if " " in form:
        return out | _name_variants(form)
    endings = ["s", "es", "n", "en", "e", "er", "ern", "in", "innen", "nen"]
    for e in endings:
        out.add(form + e)
    if form.endswith("e"):
        out |= {form + "n", form + "r", form + "m", form + "s"}
    if form.endswith(("er", "el")):
        out.add(form + "n")
    return out


def _dt(s: str) -> Optional[date]:
    s = (s or "").strip()
    if not s:
        return None
    try:
        return date.fromisoformat(s)
    except ValueError:
        return None


def _rows(path: Path) -> list[list[str]]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            rows.append([c.strip() for c in line.split("\t")])
    return rows


def _col(row: list[str], i: int) -> str:
    return row[i] if i < len(row) else ""


def _split(s: str) -> list[str]:
    return [x.strip() for x in s.split("|") if x.strip()]


# --- loading ----------------------------------------------------------------------

def _load_countries(t: Tables, path: Path) -> None:
    from babel import Locale
    import pycountry

    de = Locale("de").territories
    rows = {r[0]: r for r in _rows(path)}
    codes = {c.alpha_3: c.alpha_2 for c in pycountry.countries}
    for a3, a2 in codes.items():
        if a3 not in rows and de.get(a2):
            rows[a3] = [a3, de[a2]]
    for code, row in rows.items():
        names = _split(_col(row, 1))
        cldr = de.get(codes.get(code, ""), None)
        canonical = names[0] if names else cldr
        if not canonical:
            continue
        t.country_names[code] = canonical
        qid = _col(row, 6) or None
        if qid:
            t.country_qids[code] = qid
        entry = Entry(f"C:{code}", canonical, "country", code, "GOV", qid)
        for n in ([cldr] if cldr else []) + names:
            bare = re.sub(r"^(der|die|das) ", "", n)
            t.add_phrase(bare, entry)
        for adj in _split(_col(row, 2)):
            for e in ADJ_ENDINGS:
                # an adjective of two countries ("kongolesisch") means the one listed first
                t.adjectives.setdefault((adj + e).lower(), code)
        for dem in _split(_col(row, 3)):
            for v in {dem, dem + "n", dem + "s", dem + "en", dem + "nen"} | (
                    {dem[:-1] + "e", dem[:-1] + "en"} if dem.endswith("er") and dem[0].isupper()
                    and dem.lower().startswith("deutsch") else set()):
                t.demonyms[v.lower()] = code
        seat = Entry(f"C:{code}", canonical, "country", code, "GOV", qid, is_seat=True)
        for cap in _split(_col(row, 4)):
            t.add_phrase(cap, seat)
            if " " not in cap and "-" not in cap and cap[:1].isupper() and not cap.endswith("Haus"):
                t.adjectives.setdefault((cap + "er").lower(), code)  # Moskauer, Pekinger
        for pre in _split(_col(row, 5)):
            t.prefixes[pre.lower()] = entry


def _load_regions(t: Tables, path: Path) -> None:
    for row in _rows(path):
        name, aliases, code, sector = row[0], _split(_col(row, 1)), _col(row, 2), _col(row, 3) or None
        entry = Entry(f"R:{name}", name, "country", code, sector)
        for n in [name] + aliases:
            t.add_phrase(n, entry)


def _load_orgs(t: Tables, path: Path) -> None:
    for row in _rows(path):
        name = row[0]
        aliases = _split(_col(row, 1))
        country = _col(row, 2) or None
        sector = _col(row, 3) or None
        entry = Entry(f"O:{name}", name, "organization", country, sector, _col(row, 4) or None)
        for n in [name] + aliases:
            t.add_phrase(n, entry)
            if " " not in n and len(n) <= 20:
                t.prefixes.setdefault(n.lower(), entry)  # "Nato-Generalsekretär", "Hamas-Kämpfer"
        seat = Entry(f"O:{name}", name, "organization", country, sector, _col(row, 4) or None, is_seat=True)
        for n in _split(_col(row, 6)):
            t.add_phrase(n, seat)


def _load_roles(t: Tables, path: Path) -> None:
    for row in _rows(path):
        forms = _split(row[0])
        sector = _col(row, 1) or None
        kind = _col(row, 2) or "person"
        office = _col(row, 3) or None
        country = _col(row, 4) or None
        explicit = _col(row, 5) == "explicit"
        for f in forms:
            role = Role(_lemma(f, forms), sector, kind, office, country, explicit)
            if explicit:  # exactly the listed forms: "Staat" but not "Staaten"
                t.roles.setdefault(f.lower(), role)
            else:
                t.add_role(f, role)


def _lemma(form: str, forms: list[str]) -> str:
    """The first form of a row that is the same word (Demonstranten, Demonstrant,
    Demonstrantin → Demonstranten), so that one group is one actor."""
    for g in forms:
        n = 0
        while n < min(len(g), len(form)) and g[n] == form[n]:
            n += 1
        if n >= 5 and len(g) - n <= 3 and len(form) - n <= 3:  # Gericht ≠ Gerichtshof
            return g
    return form


def _load_holders(t: Tables, path: Path) -> None:
    for row in _rows(path):
        h = Holder(row[0], tuple(_split(_col(row, 1))), _col(row, 2), _col(row, 3) or None,
                   _col(row, 4) or None, _dt(_col(row, 5)), _dt(_col(row, 6)), _col(row, 7) or None)
        t.holders.append(h)
        full = Entry(f"P:{h.name}", h.name, "person", h.country, h.sector, h.wikidata)
        t.add_phrase(h.name, full)
        for a in h.aliases:
            single = len(tokens_of(a)) == 1
            t.add_phrase(a, Entry(f"P:{h.name}", h.name, "person", h.country, h.sector, h.wikidata,
                                  single_alias=single))
        # the last name alone, when the table gives none
        if not any(len(tokens_of(a)) == 1 for a in h.aliases):
            last = tokens_of(h.name)[-1]
            if len(last) >= 4 and last[0].isupper():
                t.add_phrase(last, Entry(f"P:{h.name}", h.name, "person", h.country, h.sector,
                                         h.wikidata, single_alias=True))


def _load_user(t: Tables, path: Path) -> None:
    """A user file: sections [countries] [organizations] [roles] [office_holders]
    [regions] [given_names], each followed by rows in that table's format."""
    section = None
    buf: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\s*\[(\w+)\]\s*$", line)
        if m:
            section = m.group(1).lower()
            continue
        if section:
            buf.setdefault(section, []).append(line)
    import tempfile
    loaders = {"countries": _load_countries, "organizations": _load_orgs, "roles": _load_roles,
               "office_holders": _load_holders, "regions": _load_regions}
    for sec, lines in buf.items():
        if sec == "given_names":
            for line in lines:
                if not line.lstrip().startswith("#"):
                    t.given_names.update(line.split())
            continue
        if sec not in loaders:
            raise ValueError(f"{path}: unknown section [{sec}]; known: {', '.join(loaders)}, given_names")
        with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
            tmp = Path(fh.name)
        try:
            if sec == "countries":
                for row in _rows(tmp):  # only add to the given codes
                    _load_country_row(t, row)
            else:
                loaders[sec](t, tmp)
        finally:
            tmp.unlink()


def _load_country_row(t: Tables, row: list[str]) -> None:
    code = row[0]
    names = _split(_col(row, 1))
    canonical = t.country_names.get(code) or (names[0] if names else code)
    t.country_names.setdefault(code, canonical)
    qid = _col(row, 6) or t.country_qids.get(code)
    entry = Entry(f"C:{code}", canonical, "country", code, "GOV", qid)
    for n in names:
        t.add_phrase(n, entry)
    for adj in _split(_col(row, 2)):
        for e in ADJ_ENDINGS:
            t.adjectives[(adj + e).lower()] = code
    for dem in _split(_col(row, 3)):
        for v in (dem, dem + "n", dem + "s"):
            t.demonyms[v.lower()] = code
    seat = Entry(f"C:{code}", canonical, "country", code, "GOV", qid, is_seat=True)
    for cap in _split(_col(row, 4)):
        t.add_phrase(cap, seat)
    for pre in _split(_col(row, 5)):
        t.prefixes[pre.lower()] = entry


def user_files() -> tuple[str, ...]:
    from ..settings import settings
    return settings().actors


@cache
def load_tables(extra: tuple[str, ...] = ()) -> Tables:
    t = Tables()
    _load_countries(t, DATA / "countries.tsv")
    _load_regions(t, DATA / "regions.tsv")
    _load_orgs(t, DATA / "organizations.tsv")
    _load_roles(t, DATA / "roles.tsv")
    _load_holders(t, DATA / "office_holders.tsv")
    for f in ("given_names.txt", "given_names_corpus.txt"):
        for line in (DATA / f).read_text(encoding="utf-8").splitlines():
            if not line.lstrip().startswith("#"):
                t.given_names.update(line.split())
    for line in (DATA / "family_names_first.txt").read_text(encoding="utf-8").splitlines():
        if not line.lstrip().startswith("#"):
            t.family_names_first.update(line.split())
    for line in (DATA / "common_nouns.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            t.common_nouns.add(line.strip())
    t.source_compound_endings = tuple(
        line.strip() for line in (DATA / "source_compounds.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#"))
    for p in extra:
        _load_user(t, Path(p))
    t.finish()
    return t


def tables() -> Tables:
    return load_tables(user_files())
