"""Acronyms: names defined with their acronym ("die Gewerkschaft der Polizei (GdP)") and
their later uses, an acronym in brackets after a name as its alias, and unknown acronyms
as organisations."""
from __future__ import annotations

import re

from .entities import _is_event_name
from .gazetteer import _country_near
from .role_nouns import _np_country, _role_before
from .state import _DETS, _Doc, _FUNCTION
from .tables import WORDS


# capital words that are no unknown organisation (TV, LKW, CO2, single letters): data/words.yaml
_STOP_ACRONYMS = set(WORDS["stop_acronyms"])


# lower-case words a name may contain without giving a letter to its acronym
_ACR_FUNCTION = set(WORDS["acronym_function_words"])
# a name in quotation marks before its acronym: „United Front for Democracy against Dictatorship“ (UDD)
_CLOSING_QUOTES = {"“", "”", "\"", "«", "»", "‘", "’"}
_ACR_SHAPE = re.compile(r"[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{1,9}")


def _acronym_letters_match(words: list[str], acronym: str) -> bool:
    """The acronym spells the words' initials, in order: every capitalised word gives its
    initial (and maybe more letters of itself: Bundes|kriminal|amt → BKA), a function word
    gives its initial or nothing (Gewerkschaft der Polizei → GdP)."""
    letters = acronym.lower()
    parts: list[tuple[str, bool]] = []
    for w in words:
        if w.lower() in _ACR_FUNCTION:
            parts.append((w.lower(), True))
        else:
            parts.extend((p.lower(), False) for p in w.split("-") if p)

    def go(wi: int, ai: int) -> bool:
        if wi == len(parts):
            return ai == len(letters)
        w, optional = parts[wi]
        if optional and go(wi + 1, ai):
            return True
        if ai >= len(letters) or w[0] != letters[ai]:
            return False
        options, pos, a = [ai + 1], 1, ai + 1
        while a < len(letters) and not optional:
            p = w.find(letters[a], pos)
            if p < 0:
                break
            pos, a = p + 1, a + 1
            options.append(a)
        return any(go(wi + 1, x) for x in reversed(options))

    return go(0, 0)


def _acronym_definitions(d: _Doc) -> None:
    """A capitalised noun phrase directly followed by a bracketed acronym of its initials
    defines one organisation: the phrase, the acronym and every later use of either (also
    in the title line) are its mentions; "die Gewerkschaft" later refers back to it."""
    text = d.text
    done: set[tuple[str, str]] = set()   # (name, acronym): its uses are found once, in the whole text
    for i, tok in enumerate(d.toks):
        acr = tok.text
        if not _ACR_SHAPE.fullmatch(acr) or sum(c.isupper() for c in acr) < 2 or i == 0:
            continue
        if text[tok.start - 1:tok.start] != "(" or text[tok.end:tok.end + 1] != ")":
            continue
        gap = text[d.toks[i - 1].end:tok.start]
        if not d.same_sent(i - 1, i) or (gap != " (" and not (gap[:1] in _CLOSING_QUOTES and gap[1:] == " (")):
            continue
        end = i        # the phrase's words end before the acronym (words only: no quotation marks)
        # the phrase: capitalised words and function words right before the bracket
        k = end - 1
        while k - 1 >= 0 and d.same_sent(k - 1, i) and end - k < 9 and d.gap(k - 1, k) == " " \
                and (d.toks[k - 1].cap or d.toks[k - 1].low in _ACR_FUNCTION):
            k -= 1
        if not d.toks[end - 1].cap or d.toks[end - 1].low in _FUNCTION:
            continue
        start = None
        for s0 in range(k, end):  # the longest phrase that spells the acronym
            w0 = d.toks[s0]
            if not w0.cap or w0.low in _FUNCTION or w0.low in _DETS:
                continue
            if _acronym_letters_match([t.text for t in d.toks[s0:end]], acr):
                start = s0
                break
        if start is None:
            continue
        if any(d.tok_actor.get(t) and d.drafts[d.tok_actor[t]].kind == "person" for t in range(start, end)):
            continue  # a person's initials ("Recep Tayyip Erdoğan (RTE)") name no organisation
        head = d.t.role_of(d.toks[start].text)
        if (head and head[0].kind == "person") or d.toks[start].text in d.t.given_names:
            continue
        name = text[d.toks[start].start:d.toks[end - 1].end]
        if len(name.split()) < 2 and "-" not in name and len(acr) > len(name) / 2:
            continue
        if (name, acr) in done:
            continue     # defined again further on (a page of many articles): its uses are all found
        done.add((name, acr))
        # the acronym a table already knows: the phrase is another name of it
        key = d.tok_actor.get(i)
        if key is None or d.drafts[key].kind != "organization":
            head = d.t.role_of(d.toks[start].text)
            country, strength = _np_country(d, start)
            if not country:
                country, strength = _country_near(d, start)
            sector = head[0].sector if head and head[0].sector else None
            key = "O:" + name
            d.actor(key, name, "organization", country, sector, None, strength)
            if head:
                d.defined_heads.setdefault(head[0].lemma, key)
        d.acronyms[acr.lower()] = key
        # the name with its head noun in the genitive too: "des Verbandes der Milchbauern"
        first, _, rest = name.partition(" ")
        variants = re.escape(first) + "(?:e?s)?" + (re.escape(" " + rest) if rest else "")
        pattern = re.compile(r"(?<![\w-])(?:%s|%ss?)(?![\w-])" % (variants, re.escape(acr)))
        for m in pattern.finditer(text):
            j0, j1 = d.tok_range(m.start(), m.end())
            if len(m.group()) <= len(acr) + 1 and any(t in d.used and d.tok_actor.get(t) != key
                                                       for t in range(j0, j1)):
                continue
            for t in range(j0, j1):  # the phrase wins over its parts ("Polizei", a country)
                other = d.tok_actor.get(t)
                if other and other != key:
                    od = d.drafts[other]
                    for span in [sp for sp in od.mentions if sp[0] < m.end() and sp[1] > m.start()]:
                        del od.mentions[span]
                        d.owner.pop(span, None)
            d.mention(key, m.start(), m.end(), range(j0, j1))
        # its head noun after a definite article refers back to it: "der Verband", "des Bundesamtes"
        if " " in name:
            heads = {first.lower() + e for e in ("", "s", "es")}
            for t, w in enumerate(d.toks):
                if t in d.used or w.low not in heads or not w.cap or t == 0 or not d.same_sent(t - 1, t):
                    continue
                if d.toks[t - 1].low in ("der", "die", "das", "des", "dem", "den", "beim", "vom", "zum",
                                         "zur", "im") and d.gap(t - 1, t) == " ":
                    # not the start of another name ("der Verband der Milchbauern" is matched above;
                    # "der Verband Deutscher Reeder" is another body)
                    nxt = t + 1
                    if nxt < len(d.toks) and d.same_sent(t, nxt) and d.gap(t, nxt) == " " and d.toks[nxt].cap:
                        continue
                    d.mention(key, w.start, w.end, range(t, t + 1))


def _acronym_orgs(d: _Doc) -> None:
    """Acronyms: "(CUD)" after a name is its alias; an unknown one alone is an organisation."""
    text = d.text
    known: dict[str, str] = {}
    for i, tok in enumerate(d.toks):
        w = tok.text
        if i in d.used or not re.fullmatch(r"[A-ZÄÖÜ][A-ZÄÖÜ0-9]{1,6}", w) or w in _STOP_ACRONYMS \
                or re.fullmatch(r"[IVXLCDM]+", w):
            continue
        before = text[max(0, tok.start - 3):tok.start]
        if before.endswith("(") and i > 0 and (i - 1) in d.tok_actor:
            key = d.tok_actor[i - 1]
            if d.drafts[key].kind in ("organization",):
                d.mention(key, tok.start, tok.end, range(i, i + 1))
                known[w] = key
                continue
        if w in known:  # the acronym introduced in brackets earlier
            d.mention(known[w], tok.start, tok.end, range(i, i + 1))
            continue
        if len(w) < 3 or _is_event_name([w]):
            continue
        country, strength = _np_country(d, i)
        if not country:
            country, strength = _country_near(d, i)
            if strength < 2:
                country = None  # an unknown acronym: no guess from the article alone
        role = _role_before(d, i)
        key = "O:" + w
        d.actor(key, w, "organization", country, role.sector if role else None, None, strength)
        d.mention(key, tok.start, tok.end, range(i, i + 1))
