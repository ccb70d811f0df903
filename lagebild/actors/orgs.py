"""Organisations the tables do not know (a quoted name after its kind, a name after a media
or party noun, hyphenated names with an organisation head), demonyms as citizen groups,
and the country a person takes from the organisation he is named with."""
from __future__ import annotations

import re
from typing import Optional

from .gazetteer import _country_near
from .role_nouns import _np_country, _np_start, _resolve_role
from .state import Draft, _Doc, _PARTICLE_PREFIX, _is_name_tok
from .tables import WORDS


def _demonyms(d: _Doc) -> None:
    for i, tok in enumerate(d.toks):
        if i in d.used or not tok.cap:
            continue
        code = d.t.demonyms.get(tok.low)
        if not code:
            continue
        # "Deutsche Bank": an adjective-shaped demonym before a noun is an adjective
        if i + 1 < len(d.toks) and d.same_sent(i, i + 1) and d.toks[i + 1].cap and d.gap(i, i + 1) == " " \
                and tok.low.endswith(("e", "en", "er")) and tok.low.startswith("deutsch"):
            continue
        name = d.t.country_names.get(code, code)
        a = d.actor(f"D:{code}", f"Bürger ({name})", "group", code, "CVL")
        d.mention(a.key, tok.start, tok.end, range(i, i + 1))


def _quoted_orgs(d: _Doc) -> None:
    text = d.text
    # an organisation role followed by a quoted name: Oppositionspartei „Koalition für ...“
    for i, tok in enumerate(d.toks):
        if not tok.cap:
            continue
        r = d.t.role_of(tok.text)
        if not r or r[0].kind not in ("organization",):
            continue
        m = re.match(r"(?<!\s)\s*[„“\"»]([A-ZÄÖÜ][^„“”\"«»\n]{2,80})[“”\"«]", text[tok.end:tok.end + 90])
        if not m:
            continue
        s = tok.end + m.start(1)
        e = tok.end + m.end(1)
        name = m.group(1)
        j0, j1 = d.tok_index(s), d.tok_index(e)
        if any(k in d.used for k in range(j0, j1)):
            # a country inside the quoted name is part of the name (Zeitung „Neues Deutschland“)
            if not all(d.drafts[d.tok_actor[k]].kind == "country" for k in range(j0, j1) if k in d.used):
                continue
            d.release(s, e)
        country, sector, strength = _resolve_role(d, i, r)
        key = "O:" + name
        d.actor(key, name, "organization", country, r[0].sector, None, strength)
        d.mention(key, s, e, range(j0, j1))
        # the role noun before it names it too ("die größte Oppositionspartei")
        d.mention(key, d.toks[_np_start(d, i)].start, tok.end, range(i, i + 1))
    # an article before a quoted name that says what it is: der „Arbeitskreis Vorratsdatenspeicherung“
    for m in re.finditer(r"\b(?:der|die|das|des|dem|den)\s+[„“\"»]([A-ZÄÖÜ][\w-]+(?:\s+[\w-]+){0,5})[“”\"«]", text):
        head = m.group(1).split()[0].lower()
        if any(head.endswith(h) for h in _QUOTED_NAME_HEADS):
            _add_unlisted_org(d, m.start(1), m.end(1), m.group(1), _NAMED_HEADS.get(head))
    # a kind of association and its one-word name, unquoted: "des Arbeitskreises Vorratsdatenspeicherung"
    for m in re.finditer(r"\b(?:der|die|das|des|dem|den)\s+((Arbeitskreis|Aktionsbündnis|Komitee)(?:es|s)?\s+"
                         r"([A-ZÄÖÜ][\w-]{3,}))(?=[\s,.;:)])", text):
        _add_unlisted_org(d, m.start(1), m.end(1), m.group(2) + " " + m.group(3), "SOC")


def _add_unlisted_org(d: _Doc, s: int, e: int, name: str, sector: Optional[str]) -> None:
    """An organisation the tables do not know, named at [s, e), unless its tokens are taken."""
    j0, j1 = d.tok_range(s, e)
    if not any(k in d.used for k in range(j0, j1)):
        d.actor("O:" + name, name, "organization", None, sector, None, 2)
        d.mention("O:" + name, s, e, range(j0, j1))


# first words of a quoted name that make it an organisation ("der „Arbeitskreis …“")
_QUOTED_NAME_HEADS = tuple(WORDS["quoted_name_heads"])     # data/words.yaml, in order


# heads of hyphenated organisation names ("Kifaya-Bewegung", "Quds-Einheit") and their sector
_NAMED_HEADS = dict(WORDS["named_heads"])                  # data/words.yaml
_NAME_AFTER_SECTORS = {"JRN", "PTY", "SOC", "OPP", "LAB", "BUS", "REB", "PRM"}


def _named_orgs(d: _Doc) -> None:
    """Organisations the tables do not know: a name after its kind ("Tageszeitung
    Haaretz", "Nachrichtenportal al-Arabiya", "britische Tageszeitung The Daily Telegraph")
    and hyphenated names with an organisation head ("Kifaya-Bewegung", "Quds-Einheit")."""
    for i, tok in enumerate(d.toks):
        if i in d.used:
            continue
        w = tok.text
        if "-" in w and w[:1].isupper():
            pre, head = w.rsplit("-", 1)
            if head.lower() in _NAMED_HEADS and pre.lower() not in d.t.prefixes \
                    and pre not in d.t.common_nouns and (pre.lower(),) not in d.t.phrases \
                    and not d.t.adjectives.get(pre.lower()) and not d.t.role_of(pre):
                country, strength = _np_country(d, i)
                if not country:
                    country, strength = _country_near(d, i)
                d.actor("O:" + w, w, "organization", country, _NAMED_HEADS[head.lower()], None, strength)
                d.mention("O:" + w, tok.start, tok.end, range(i, i + 1))
                continue
        if not tok.cap:
            continue
        r = d.t.role_of(w)
        if not r or r[0].kind != "organization" or r[0].sector not in _NAME_AFTER_SECTORS:
            continue
        k = i + 1
        if k >= len(d.toks) or k in d.used or not d.same_sent(i, k) or d.gap(i, k) != " ":
            continue
        j = k
        while j < len(d.toks) and j - k < 5 and d.same_sent(i, j) and (j == k or d.gap(j - 1, j) == " ") \
                and j not in d.used and (_is_name_tok(d, j) or d.toks[j].text == "The"
                                         or re.fullmatch(r"[A-ZÄÖÜ][A-ZÄÖÜ0-9]{1,6}", d.toks[j].text)):
            j += 1
        if j == k:
            continue
        if j - k == 1 and not (d.toks[k].text.isupper() or _PARTICLE_PREFIX.match(d.toks[k].text)):
            # one capitalised word is a name only after a media noun and when no noun follows
            # ("Zeitung Haaretz berichtete"); "warf der Koalition Chaos vor" names nothing
            nxt = d.toks[j] if j < len(d.toks) else None
            if r[0].sector != "JRN" or (nxt is not None and d.same_sent(k, j) and nxt.cap):
                continue
        name = d.text[d.toks[k].start:d.toks[j - 1].end]
        country, sector, strength = _resolve_role(d, i, r)
        d.actor("O:" + name, name, "organization", country, r[0].sector, None, strength)
        d.mention("O:" + name, d.toks[k].start, d.toks[j - 1].end, range(k, j))


# "Joe Stork von HRW", "Alvarez vom Sender RTVE": data/words.yaml
_AFFILIATION = set(WORDS["affiliation_words"])
_ARTICLE_OR_ROLE_SPAN = 3


def _affiliations(d: _Doc) -> None:
    """A person the text gives no country but an organisation ("Joe Stork von HRW", "Yolanda
    Alvarez vom Sender RTVE", "Christoph Müller-Hofstede, China-Experte bei der
    Bundeszentrale für politische Bildung") belongs to that organisation's country."""
    for a in d.drafts.values():
        if a.kind != "person" or a.strength >= 2:
            continue
        for start, end in sorted(a.mentions):
            org = _affiliated_org(d, d.tok_index(end))
            if org is not None:
                a.country, a.strength = org.country, 2
                break


def _affiliated_org(d: _Doc, k: int) -> Optional[Draft]:
    """The organisation named after token k by "von/vom/bei/des …", perhaps after a comma
    and a role noun, within the sentence."""
    if k < len(d.toks) and d.toks[k].text == ",":
        k += 1
    if k < len(d.toks) and d.t.role_of(d.toks[k].text) and d.toks[k].low not in _AFFILIATION:
        k += 1
    if k >= len(d.toks) or d.toks[k].low not in _AFFILIATION:
        return None
    for n in range(k + 1, min(len(d.toks), k + 1 + _ARTICLE_OR_ROLE_SPAN)):
        if not d.same_sent(k, n):
            break
        owner = d.drafts.get(d.tok_actor.get(n, ""))
        if owner is not None:
            return owner if owner.kind == "organization" and owner.country and owner.strength >= 2 else None
    return None
