"""NER entities: persons and organisations of the entities stage that the tables did not
already cover; events and competitions the tagger calls organisations are none."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from ..segment import words as words_of
from .gazetteer import _bundes_country, _country_near, _holder_entries
from .persons import _person_key, _role_country_for_name
from .role_nouns import _np_country, _role_before
from .state import _Doc


@cache
def _event_nouns() -> frozenset[str]:
    path = Path(__file__).parent / "data" / "event_nouns.txt"
    return frozenset(line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def _is_event_name(words: list[str]) -> bool:
    """A name for an event or competition (Fußball-WM, Olympische Spiele, G20-Gipfel,
    Präsidentschaftswahlen): its last word or that word's compound head is an event noun."""
    if not words:
        return False
    nouns = _event_nouns()
    last = words[-1].lower().rsplit("-", 1)[-1]
    for ending in ("en", "n", "s"):  # den Olympischen Spielen, des Gipfels
        if last.endswith(ending) and last[:-len(ending)] in nouns:
            return True
    if last in nouns or " ".join(w.lower() for w in words[-2:]) in nouns:
        return True
    # a compound head of five letters or more: Fußball|weltmeisterschaft, Präsidentschafts|wahlen
    return any(last.endswith(n) and len(n) >= 4 and len(last) - len(n) >= 3 for n in nouns if " " not in n)


def _entity_mentions(d: _Doc) -> None:
    """NER persons and organisations that the tables did not already cover; events and
    competitions the tagger calls organisations (Fußball-WM, Olympische Spiele) are none."""
    for ent in d.doc.entities:
        if ent.label not in ("PER", "ORG"):
            continue
        if ent.label == "ORG" and _is_event_name(words_of(ent.text)):
            continue
        i, j = d.tok_range(ent.start, ent.end)
        if i >= j or any(k in d.used for k in range(i, j)):
            continue
        rng = range(i, j)
        inside = ent.start > d.toks[i].start or ent.end < d.toks[j - 1].end
        if inside and any(d.t.role_of(d.toks[k].text) for k in rng):
            continue  # "Kreml" in "Kreml-Sprecher": the role noun decides
        if " " not in ent.text and d.t.role_of(ent.text):
            continue
        # a name the tables know, in a form they did not list
        words = tuple(w.lower() for w in words_of(ent.text))
        entries = d.t.phrases.get(words) or (d.t.phrases.get(words[:-1] + (words[-1][:-1],))
                                             if words and words[-1].endswith("s") else None)
        if entries:
            e = (_holder_entries(d, entries) or entries)[0]
            d.entry_actor(e)
            d.mention(e.key, ent.start, ent.end, rng)
            continue
        if ent.label == "PER":
            name = ent.text.strip()
            key = _person_key(d, name)
            country, sector, strength = _role_country_for_name(d, i, j)
            d.actor(key, name, "person", country, sector, None, strength)
            d.mention(key, ent.start, ent.end, rng)
        else:
            country, strength = _np_country(d, i)
            if country is None and ent.text.lower().startswith("bundes"):
                country, strength = _bundes_country(d), 2   # "Bundeszentrale für politische Bildung"
            if country is None:
                country, strength = _country_near(d, i)
            role = _role_before(d, i)
            head = d.t.role_of(d.toks[i].text)  # "Präsidentenrat für Menschenrechte"
            sector = (role.sector if role and role.kind == "organization" else None) or \
                (head[0].sector if head else None)
            key = "O:" + ent.text
            d.actor(key, ent.text, "organization", country, sector, None, strength)
            d.mention(key, ent.start, ent.end, rng)
