"""Table names in the text and the article's countries: gazetteer hits (longest match
first, parts of compounds, truncated coordinations), the countries of each sentence and of
the article, and which table entry a name is (the office holder of the day, not a
surname inside a longer name, not a capital that is only a place or a dateline)."""
from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from ..spans import SpanIndex
from .state import Hit, Tok, _Doc, _FOREIGN_PARTICLES, _FUNCTION, _NAME_PARTICLES, _PARTICLE_PREFIX, _is_name_tok
from .tables import WORDS, Entry


# a capital after these is a place, not the government ("in Moskau"): data/words.yaml
_LOC_PREPS = set(WORDS["locative_prepositions"])


def _gazetteer_hits(d: _Doc) -> list[Hit]:
    t, toks = d.t, d.toks
    lows = [x.low for x in toks]
    hits: list[Hit] = []
    i = 0
    while i < len(toks):
        found = None
        for n in range(min(t.reach.get(lows[i], 1), len(toks) - i), 0, -1):
            if toks[i + n - 1].sent != toks[i].sent:
                continue
            entries = t.phrases.get(tuple(lows[i:i + n]))
            span = toks[i:i + n] if entries else None
            if entries and _surface_ok(d, span, entries):
                found = Hit(i, i + n, span[0].start, span[-1].end, entries)
                break
        if found and _surname_of_a_person(d, i, found.entries):
            i += 1      # "Hussein al Huthi", "Ferdinand Porsche": a person's family name
            continue
        if found:
            hits.append(found)
            i = found.j
            continue
        # parts of compounds: "SPD/Grünen", "G8-Gipfel", "US-Botschaft", "Kataeb-Hezbollah-Funktionär"
        tok = toks[i]
        truncated = _truncated_name(d, i)
        if truncated:
            hits.append(truncated)
        elif "/" in tok.text:
            pos = tok.start
            for part in tok.text.split("/"):
                entries = t.phrases.get((part.lower(),))
                if entries and part[:1].isupper():
                    hits.append(Hit(i, i + 1, pos, pos + len(part), entries))
                pos += len(part) + 1
        elif "-" in tok.text:
            parts = tok.text.split("-")
            if t.role_of(tok.text):
                i += 1  # "US-Präsident", "Kreml-Sprecher": the role noun decides
                continue
            for k in range(len(parts) - 1, 0, -1):
                pre = "-".join(parts[:k])
                entries = t.phrases.get((pre.lower(),))
                if entries and _surface_ok(d, [Tok(tok.start, tok.start + len(pre), pre, tok.sent)], entries):
                    hits.append(Hit(i, i + 1, tok.start, tok.start + len(pre), entries))
                    break
        i += 1
    return hits


def _surname_of_a_person(d: _Doc, i: int, entries: list[Entry]) -> bool:
    """An organisation's name right after a given name, with or without a particle, or
    after a particle that is no German word, is a person's family name ("Hussein al Huthi",
    "al Huthi" are no mentions of the Huthis)."""
    if any(e.kind != "organization" for e in entries):
        return False
    k = i - 1
    if k >= 0 and d.toks[k].low in _NAME_PARTICLES and d.toks[k].text.islower() and d.same_sent(k, i):
        if d.toks[k].text in _FOREIGN_PARTICLES:
            return True
        k -= 1
    return k >= 0 and d.same_sent(k, i) and d.toks[k].text in d.t.given_names and d.gap(k, k + 1) == " "


def _truncated_name(d: _Doc, i: int) -> Optional[Hit]:
    """The first half of a truncated coordination: "Nord-" in "Nord- und Südkorea" is
    Nordkorea, completed with the head the two share ("korea"), when that makes a name."""
    toks = d.toks
    tok = toks[i]
    # the word view cuts the hyphen off ("Nord-" → "Nord"): it is the character after the word
    if not (d.text[tok.end:tok.end + 2] in ("- ", "-\n") and len(tok.text) > 1 and tok.cap and i + 2 < len(toks)):
        return None
    if toks[i + 1].low not in _COORDINATORS or toks[i + 2].sent != tok.sent:
        return None
    second = toks[i + 2].text
    for k in range(1, len(second) - 2):
        head = second[k:]
        if head[:1].islower():
            entries = d.t.phrases.get(((tok.text + head).lower(),))
            if entries:
                return Hit(i, i + 1, tok.start, tok.end, entries)
    return None


# between the halves of a truncated coordination ("Nord- und Südkorea")
_COORDINATORS = set(WORDS["coordinators"])


def _surface_ok(d: _Doc, span: list[Tok], entries: list[Entry]) -> bool:
    """Names are capitalised: a lower-case word is not a name (die linke Seite), an
    acronym must be written in capitals (IS, AU)."""
    first = span[0].text
    if d.t.caps_only.get(tuple(x.low for x in span)) and not first.rstrip("s").isupper():
        return False
    if not first[:1].isupper():
        # "das auswärtige Amt", "al-Arabiya"
        if not (len(span) >= 2 and span[-1].text[:1].isupper()) and not _PARTICLE_PREFIX.match(first):
            return False
    if len(span) == 1 and len(first) <= 5:
        # short one-word names: acronyms must be upper case, others title case
        forms_upper = any(e.name.isupper() or e.key.split(":", 1)[1].isupper() for e in entries)
        if first.rstrip("s").isupper() or first.isupper():
            return True
        if forms_upper and len(first) <= 3:
            return False
    return True


def _context_countries(d: _Doc, hits: list[Hit]) -> None:
    weights: Counter = Counter()
    heads = d.title_sentences()
    for h in hits:
        for e in h.entries:
            if e.kind == "country" and e.country and e.key.startswith("C:"):
                si = d.toks[h.i].sent
                d.sent_countries[si][e.country] += 1
                weights[e.country] += 3 if si in heads else 1
                break
            if e.kind == "person" and e.country and not e.single_alias and e.country not in ("IGO", "IMG"):
                weights[e.country] += 1
                break
            if e.kind == "organization" and e.country and len(e.country) == 3 and e.country not in (
                    "IGO", "NGO", "IMG", "MNC"):
                weights[e.country] += 0.5  # "SPD", "Hamas": a hint, weaker than a country's name
                break
    for i, tok in enumerate(d.toks):
        code = d.t.adjectives.get(tok.low) if not tok.cap or tok.low.endswith("er") else None
        if "-" in tok.text and not code:
            pre = tok.text.split("-")[0].lower()
            e = d.t.prefixes.get(pre)
            if e is not None and e.kind == "country":
                code = e.country
        if code:
            d.sent_countries[tok.sent][code] += 1
            weights[code] += 3 if tok.sent in heads else 1
    for ent in d.doc.entities:
        if ent.label == "LOC":
            pass  # countries are in the gazetteer already
    if weights:
        d.main = weights.most_common(1)[0][0]
    d.seen = set(weights) | {"IGO", "IMG", "NGO"}


def _country_near(d: _Doc, i: int) -> tuple[Optional[str], int]:
    """The country a role at token i most likely belongs to when nothing in its noun
    phrase says: the only country of its sentence, else the article's."""
    si = d.toks[i].sent
    c = d.sent_countries.get(si)
    if c:
        top = c.most_common()
        if len(top) == 1 or top[0][1] > top[1][1]:
            return top[0][0], 2
        if d.main in c:
            return d.main, 2
    return d.main, 1


def _holder_entries(d: _Doc, entries: list[Entry], strict: bool = False) -> list[Entry]:
    """Among person entries for one name, the one in office on the article's date, else
    (unless strict) those in office within some years of it."""
    people = [e for e in entries if e.kind == "person"]
    if not people:
        return entries
    keep = []
    for e in people:
        hs = [h for h in d.t.holders if h.name == e.name and h.country == e.country]
        if any(h.holds_on(d.day) for h in hs):
            return [e]
        if not strict and any(h.near(d.day) for h in hs):
            keep.append(e)
    return keep


def _in_office(d: _Doc, e: Entry) -> bool:
    return any(h.name == e.name and h.country == e.country and h.holds_on(d.day) for h in d.t.holders)


def _inside_other_name(d: _Doc, h: "Hit") -> bool:
    """A table surname right after a given name or before another capitalised name word
    belongs to a longer name the table does not know."""
    i, j = h.i, h.j
    if i > 0 and d.same_sent(i - 1, i) and d.gap(i - 1, i) == " " and d.toks[i - 1].text in d.t.given_names \
            and (i - 1) not in d.used:
        return True
    if j < len(d.toks) and d.same_sent(j - 1, j) and d.gap(j - 1, j) == " " and _is_name_tok(d, j) \
            and d.toks[j].cap and not d.t.role_of(d.toks[j].text) and d.toks[j].text not in d.t.common_nouns \
            and (d.toks[j].low,) not in d.t.phrases:
        return True
    return False


def _table_mentions(d: _Doc, hits: list[Hit]) -> None:
    full_names = set()
    for h in hits:
        if any(e.kind == "person" and not e.single_alias for e in h.entries):
            full_names.update(e.key for e in h.entries if e.kind == "person")
    for h in hits:
        entries = h.entries
        if any(e.kind == "person" for e in entries):
            persons = [e for e in entries if e.kind == "person"]
            single = all(e.single_alias for e in persons)
            if single:
                # a bare surname: the full name in the article, else the holder of the day
                # (or of some years around it, for a name that is no ordinary word), and not
                # the surname of someone else ("Hans Fischer", "Ban Ki Moon")
                sure = [e for e in persons if e.key in full_names]
                if not sure:
                    if _inside_other_name(d, h):
                        continue
                    word = d.text[h.start:h.end]
                    strict = len(word) < 5 or word in d.t.common_nouns or word.rstrip("s") in d.t.common_nouns
                    persons = _holder_entries(d, persons, strict)
                    # out of office on the day: only where the article speaks of that country
                    persons = [e for e in persons if _in_office(d, e) or e.country in d.seen]
                if len(persons) != 1 or (not sure and not _name_position(d, h.i)):
                    continue
            if len(persons) > 1:
                persons = _holder_entries(d, persons) or persons
            e = persons[0]
        else:
            e = entries[0]
        # a capital after a locative preposition is a place, not the government, and so
        # is one that stands alone as a dateline ("Brüssel." before the lead)
        if e.is_seat and h.i > 0 and d.toks[h.i - 1].low in _LOC_PREPS and d.same_sent(h.i - 1, h.i):
            continue
        if e.is_seat and _dateline_like(d, h):
            continue
        d.entry_actor(e, _table_strength(d, e))
        d.mention(e.key, h.start, h.end, range(h.i, h.j))


def _table_strength(d: _Doc, e: Entry) -> int:
    """How sure the table's country is: an office holder out of office on the article's
    day held it only then (Jens Stoltenberg is NATO's in 2015, Norway's prime minister in
    2009), so what the text says of him wins ("der norwegische Ministerpräsident")."""
    if e.kind != "person" or d.day is None or _in_office(d, e):
        return 3
    if any(h.name == e.name and h.country == e.country for h in d.t.holders):
        return 1
    return 3


def _dateline_like(d: _Doc, h: Hit) -> bool:
    s, e = d.sents[d.toks[h.i].sent]
    rest = d.text[s:e].replace(d.text[h.start:h.end], "", 1)
    return not re.search(r"[^\W\d_]", rest.replace("dpa", "").replace("AFP", "").replace("Reuters", ""))


def _name_position(d: _Doc, i: int) -> bool:
    """A capitalised word that can be a name here (not the first word of a sentence
    that is also an ordinary word)."""
    tok = d.toks[i]
    if i == 0 or d.toks[i - 1].sent != tok.sent:
        nxt = d.toks[i + 1] if i + 1 < len(d.toks) else None
        return tok.low not in _FUNCTION and bool(nxt and d.same_sent(i, i + 1))
    return True


def _bundes_country(d: _Doc) -> str:
    """Whose a "Bundes-" word is: Germany's, unless the article is Austria's or Switzerland's."""
    return d.main if d.main in ("AUT", "CHE") else "DEU"


def _table_offices(d: _Doc) -> None:
    """The offices that the table's persons named in the article hold on its date."""
    for key, a in d.drafts.items():
        if a.kind == "person":
            for h in d.t.holders:
                if h.name == a.name and h.office and h.holds_on(d.day):
                    d.offices[key].add((h.office, h.country))


def _adjective_countries(d: _Doc) -> None:
    """A country named only by its adjective ("britische Hilfsgüter", "auf pakistanischem
    Gebiet") is an actor of the article too: the adjective is a mention of the country.
    Adjectives that are part of another actor's mention ("der russische Präsident") stay
    with that actor; capitalised ones are names or begin them ("Deutsche Bank")."""
    mentions = SpanIndex((s, e, None) for s, e in d.owner)
    for i, tok in enumerate(d.toks):
        if i in d.used or tok.cap:
            continue
        code = d.t.adjectives.get(tok.low)
        if not code or any(s <= tok.start and tok.end <= e for s, e, _ in mentions.overlapping(tok.start, tok.end)):
            continue
        a = d.actor(f"C:{code}", d.t.country_names.get(code, code), "country", code, "GOV",
                    d.t.country_qids.get(code))
        d.mention(a.key, tok.start, tok.end, range(i, i + 1))
