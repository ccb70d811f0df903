"""The roles pass: a role noun goes to the person named with it ("Außenminister Sergei
Lawrow", "Soleimani, den Führer der ..."), to the person the article names in that role of
that body ("der GdP-Vorsitzende"), to the office holder of the day ("der Kremlchef"), or
to a role actor; later links of generic organisation roles ("die Nachrichtenagentur") and
of the bodies inside source compounds ("nach Polizeiangaben")."""
from __future__ import annotations

from typing import Optional

from .gender import gender_of, mention_words, word_gender
from .role_nouns import _POSSESSIVE, _genitive_after, _np_start, _plural, _resolve_role, _role_actor
from .state import Draft, _DEFINITE, _Doc, _GEN_DETS, _word_before
from .tables import WORDS, Role


def _role_class(d: _Doc, role: Role) -> str:
    """Role nouns that say the same: the chair of a body is its Vorsitzende, Chef or Leiter;
    a compound says what its head says (Regierungs|sprecher, Armee|sprecher → Sprecher)."""
    low = role.lemma.lower()
    for n in range(3, len(low) - 3):
        if low[n:] in d.t.roles:
            low = d.t.roles[low[n:]].lemma.lower()
            break
    return "chair" if low in _CHAIR_ROLES else low


def _body_class(d: _Doc, role: Role, body: str) -> str:
    """The role class within a body: of a country each office is its own ("Präsident Irans"
    is not "der oberste Führer Irans"); of an organisation its chair has many names."""
    draft = d.drafts.get(body)
    if draft is not None and draft.kind == "country":
        return role.lemma.lower()
    return _role_class(d, role)


# role nouns that all name the chair of a body (Vorsitzende, Chef, Leiter): data/words.yaml
_CHAIR_ROLES = set(WORDS["chair_roles"])


def _role_body(d: _Doc, i: int, r: tuple[Role, Optional[str]]) -> Optional[str]:
    """The organisation a person role at token i belongs to: its compound modifier
    ("GdP-Vorsitzende", "Gewerkschafts|chef") or a genitive ("Chef der GdP")."""
    mod = (r[1] or "").rstrip("-")
    if mod:
        if mod in d.acronyms:
            return d.acronyms[mod]
        orgs = [e for e in d.t.phrases.get((mod,), []) if e.kind == "organization"]
        if orgs and orgs[0].key in d.drafts:
            return orgs[0].key
        mr = d.t.role_of(mod) or (d.t.role_of(mod[:-1]) if mod.endswith("s") else None)
        if mr and mr[0].lemma in d.defined_heads:
            return d.defined_heads[mr[0].lemma]
        return None
    after = _genitive_after(d, i)
    if after is not None and after.kind in ("organization", "country"):
        # "der oberste Führer Irans" is not the "Chef der Garden" named before
        return after.key
    return None


def _definite(d: _Doc, i: int) -> bool:
    """A role noun after a definite article ("der Sprecher", "des Vorsitzenden") refers back."""
    k = _np_start(d, i) - 1
    return k >= 0 and d.same_sent(k, i) and d.toks[k].low in ("der", "die", "des", "dem", "den", "beim", "vom",
                                                                 "zum", "zur")


# role nouns that only stand for a named organisation of these sectors: data/words.yaml
_GENERIC_ORG_ROLES = {role: set(sectors) for role, sectors in WORDS["generic_org_roles"].items()}


def _link_org_roles(d: _Doc) -> None:
    """"die Organisation", "die Nachrichtenagentur", "das Magazin" with a definite article
    are the one organisation of that kind the article has named before ("Amnesty
    International … die Organisation", "Xinhua … die Nachrichtenagentur")."""
    named = [a for a in d.drafts.values() if a.kind == "organization" and not a.key.startswith("R:")
             and a.mentions]
    for role_actor in [a for a in d.drafts.values() if a.key.startswith("R:") and a.kind == "organization"]:
        wanted = _GENERIC_ORG_ROLES.get(role_actor.key.split(":")[1])
        if wanted is None:
            continue
        for span in sorted(role_actor.mentions):
            if _word_before(d, span[0]) not in _DEFINITE or " " in d.text[span[0]:span[1]]:
                continue
            fits = [a for a in named if min(a.mentions)[0] < span[0] and a.sector in wanted]
            if len(fits) == 1:
                d.move(span, fits[0].key)


def _link_body_roles(d: _Doc) -> None:
    """An unnamed role of a body ("der GdP-Vorsitzende") is the person the article names
    in that role of that body ("GdP-Vorsitzende Konrad Freiberg", "Gewerkschaftschef ...")."""
    for start, end, draft, body, cls in d.pending:
        person = d.body_heads.get((body, cls))
        if person and (start, end) in d.drafts[draft].mentions:
            d.move((start, end), person)


_SOURCE_KINDS = ("organization", "group", "government")


def _source_compounds(d: _Doc) -> None:
    """The informing body inside a compound source noun: "nach Polizeiangaben" is the
    police, "aus Regierungskreisen" the government; its mention is the first part."""
    for i, tok in enumerate(d.toks):
        if i in d.used or not tok.cap or "-" in tok.text:
            continue
        low = tok.low
        ending = next((e for e in d.t.source_compound_endings if low.endswith(e) and len(low) > len(e) + 3), None)
        if ending is None:
            continue
        prefix = tok.text[:len(tok.text) - len(ending)]
        for part in (prefix, prefix[:-1] if prefix.endswith("s") else None):
            r = d.t.role_of(part) if part else None
            if r is not None and r[0].kind in _SOURCE_KINDS and r[1] is None:
                a = _role_actor(d, i, r)
                if a is not None:
                    d.mention(a.key, tok.start, tok.start + len(part), range(i, i + 1))
                break


def _roles(d: _Doc) -> None:
    t = d.t
    for i, tok in enumerate(d.toks):
        if i in d.used or not tok.cap:
            continue
        r = t.role_of(tok.text)
        if r is None:
            continue
        role = r[0]
        # mention span: the role word with the adjectives before it ("der russische
        # Präsident", "demonstrierende Studenten"), and for relational groups the
        # genitive after it ("Gegner des Gesetzes", "Unterstützer der Regierung")
        start = d.toks[_np_start(d, i)].start
        end = tok.end
        if role.lemma in _RELATIONAL:
            end = _genitive_end(d, i) or end
        if role.kind == "group" and i + 1 < len(d.toks) and d.gap(i, i + 1) == " " \
                and d.drafts.get(d.tok_actor.get(i + 1, ""), None) is not None \
                and d.drafts[d.tok_actor[i + 1]].kind == "person" and _singular_group_word(d, i):
            # one of a group named right away: "die Bürgerrechtlerin Anna Weiß"
            a = d.drafts[d.tok_actor[i + 1]]
            if not a.sector and role.sector:
                a.sector = role.sector
            d.mention(a.key, start, end, range(i, i + 1))
            continue
        if role.kind == "person":
            # followed by a name (also after a genitive: "Sprecher der CDU/CSU-Fraktion
            # Friedbert Pflüger"), or set off after a name ("Soleimani, den Führer der ...")
            key = _name_after_role(d, i) or _apposition_person(d, i)
            body = _role_body(d, i, r)
            if key and body:
                d.body_heads.setdefault((body, _body_class(d, role, body)), key)
            if key:
                d.body_heads.setdefault(("", _role_class(d, role)), key)
                if d.body_heads[("", _role_class(d, role))] != key:
                    d.body_heads[("", _role_class(d, role))] = ""  # two people in that role: no guess
            if key:
                a = d.drafts[key]
                c, sec, strength = _resolve_role(d, i, r)
                if c and strength > a.strength:
                    a.country, a.strength = c, strength
                if sec and not a.sector:
                    a.sector = sec
                if role.office:
                    d.offices[key].add((role.office, c or a.country))
                d.mention(key, start, end, range(i, i + 1))
                continue
            if _predicative(d, i):
                continue
            holder = None if _plural(d, i, r) else _office_holder(d, i, r)
            if holder is not None:
                d.mention(holder.key, start, tok.end, range(i, i + 1))
                continue
            if (body or _definite(d, i)) and not _plural(d, i, r):
                # "der GdP-Vorsitzende", "der Sprecher": the person named in that role, if
                # the article names one (decided once all roles are read)
                a = _role_actor(d, i, r)
                if a is not None and d.mention(a.key, start, end, range(i, i + 1)):
                    d.pending.append((start, end, a.key, body or "",
                                      _body_class(d, role, body) if body else _role_class(d, role)))
                continue
        # the head noun of a name defined with its acronym: "die Gewerkschaft der Polizei
        # (GdP) ... in einer Erklärung der Gewerkschaft"
        if role.kind == "organization" and not r[1] and role.lemma in d.defined_heads \
                and tok.low in (role.lemma.lower(), role.lemma.lower() + "s"):
            d.mention(d.defined_heads[role.lemma], start, tok.end, range(i, i + 1))
            continue
        # an organisation named right after its role: "Tageszeitung Haaretz", "Rundfunksender IRIB"
        if role.kind == "organization" and i + 1 < len(d.toks) and (i + 1) in d.tok_actor and d.gap(i, i + 1) == " ":
            a = d.drafts[d.tok_actor[i + 1]]
            if a.kind == "organization":
                if not a.sector and role.sector:
                    a.sector = role.sector
                d.mention(a.key, start, tok.end, range(i, i + 1))
                continue
        if _predicative(d, i):
            continue
        a = _role_actor(d, i, r)
        if a is not None:
            d.mention(a.key, start, end, range(i, i + 1))


def _singular_group_word(d: _Doc, i: int) -> bool:
    """One member of a group role: a feminine singular ("Bürgerrechtlerin", not "-innen") or a
    masculine singular article before it ("der Aktivist", "des Bürgerrechtlers")."""
    low = d.toks[i].low
    if low.endswith("in") and not low.endswith("innen"):
        return True
    k = _np_start(d, i) - 1
    return k >= 0 and d.same_sent(k, i) and d.toks[k].low in ("der", "des", "dem", "ein", "eines", "einem")


def _predicative(d: _Doc, i: int) -> bool:
    """A role noun after "als", "zum", "zur" says what someone is, it names no actor
    ("erklärte ihn zum Terroristen", "als Präsident")."""
    k = _np_start(d, i) - 1
    return k >= 0 and d.same_sent(k, i) and d.toks[k].low in ("als", "zum", "zur")


# group roles whose mention takes the genitive after them ("Gegner des Gesetzes"): data/words.yaml
_RELATIONAL = set(WORDS["relational_roles"])


def _genitive_end(d: _Doc, i: int) -> Optional[int]:
    j = i + 1
    if j < len(d.toks) and d.same_sent(i, j) and d.gap(i, j) == " " and d.toks[j].low in _GEN_DETS:
        j += 1
        while j < len(d.toks) and d.same_sent(i, j) and not d.toks[j].cap and j - i < 5:
            j += 1
        if j < len(d.toks) and d.same_sent(i, j) and d.toks[j].cap:
            key = d.tok_actor.get(j)
            while key and j + 1 < len(d.toks) and d.tok_actor.get(j + 1) == key and d.same_sent(i, j + 1):
                j += 1  # the whole name: "Vertreter der Vereinten Nationen"
            return d.toks[j].end
    return None


def _name_after_role(d: _Doc, i: int) -> Optional[str]:
    """A person named right after a role noun, or after the role's genitive, also set off
    by commas ("Der Innenminister Frankreichs, Nicolas Sarkozy, ...")."""
    j = i + 1
    if j >= len(d.toks) or not d.same_sent(i, j) or d.gap(i, j) not in (" ", ", "):
        return None
    if j in d.tok_actor and d.drafts[d.tok_actor[j]].kind == "person":
        return d.tok_actor[j]
    if d.gap(i, j) != " ":
        return None
    key = d.tok_actor.get(j)
    if key and d.toks[j].text.endswith("s") and d.drafts[key].kind in ("country", "organization"):
        # a bare genitive: "Der Innenminister Frankreichs, Nicolas Sarkozy"
        return _person_after_genitive(d, i, j, key)
    if d.toks[j].low in _GEN_DETS:
        j += 1
        while j < len(d.toks) and d.same_sent(i, j) and not d.toks[j].cap and j - i < 5:
            j += 1
        if j in d.tok_actor:
            return _person_after_genitive(d, i, j, d.tok_actor[j])
        # "Der Präsident der autonomen Region Tibet, Qiangba Puncog, …": a genitive phrase
        # without an actor of its own, then the name set off by commas
        k = j
        while k < len(d.toks) and d.same_sent(i, k) and k - i < 8 and "," not in d.gap(k - 1, k) \
                and k not in d.tok_actor:
            k += 1
        if k < len(d.toks) and k - i < 8 and d.same_sent(i, k):
            return _person_set_off(d, k)
    return None


def _person_after_genitive(d: _Doc, i: int, j: int, key: str) -> Optional[str]:
    """The person named right after the genitive actor `key` that starts at token j."""
    while j in d.tok_actor and d.tok_actor[j] == key and d.same_sent(i, j):
        j += 1
    if j in d.tok_actor and d.same_sent(i, j) and d.gap(j - 1, j) in (" ", ", ") \
            and d.drafts[d.tok_actor[j]].kind == "person":
        return d.tok_actor[j]
    # "der frühere Präsident Irans zwischen 1997 und 2005, Mohammad Chatami, …": a short
    # time phrase between the genitive and the name set off by commas
    k = j
    while k < len(d.toks) and k - j < 5 and d.same_sent(i, k) and k not in d.tok_actor \
            and (not d.toks[k].cap or d.toks[k].text.isdigit()) and "," not in d.gap(k - 1, k):
        k += 1
    if k > j and d.same_sent(i, k) and d.toks[j].low in ("zwischen", "von", "seit", "bis", "im", "in"):
        return _person_set_off(d, k)
    return None


def _person_set_off(d: _Doc, k: int) -> Optional[str]:
    """The person whose name starts at token k, set off by commas (", Qiangba Puncog,")."""
    if k not in d.tok_actor or d.gap(k - 1, k) != ", " or d.drafts[d.tok_actor[k]].kind != "person":
        return None
    end = k
    while end in d.tok_actor and d.tok_actor[end] == d.tok_actor[k]:
        end += 1
    return d.tok_actor[k] if end >= len(d.toks) or d.gap(end - 1, end).startswith(",") else None


def _apposition_person(d: _Doc, i: int) -> Optional[str]:
    """A person named before ", (der|ein ...) [Adjektiv] <role>"."""
    j = i
    while j - 1 >= 0 and d.same_sent(j - 1, i) and i - j < 4 and not d.toks[j - 1].cap \
            and "," not in d.gap(j - 1, j):
        j -= 1
    k = j - 1
    if k < 0 or not d.same_sent(k, i) or d.gap(k, j).strip() != ",":
        return None
    if any(d.toks[x].low in _POSSESSIVE for x in range(j, i)):
        return None  # "Maria Schulz, deren Anwältin ...": someone else, related to her
    key = d.tok_actor.get(k)
    if key and d.drafts[key].kind == "person":
        return key
    return None


# an office not held now ("Interims-", "ehemalige", "designierte"): data/words.yaml
_NOT_CURRENT = set(WORDS["not_current"])


def _draft_gender(d: _Doc, a: Draft) -> Optional[str]:
    return gender_of(d.t, (w for (s, e) in a.mentions for w in mention_words(d.text, s, e)))


def _office_holder(d: _Doc, i: int, r: tuple[Role, Optional[str]]) -> Optional[Draft]:
    """The person a bare role ("der Kremlchef", "des Präsidenten") refers to: a person
    of the article with that role and country, else the office holder of the day."""
    role = r[0]
    if not role.office:
        return None
    # "Interims-Ministerpräsident", "der ehemalige Präsident", "der designierte Kanzler": not
    # the holder of the day
    mod = (r[1] or "").rstrip("-s")
    if mod in _NOT_CURRENT or (r[1] or "").rstrip("-") in _NOT_CURRENT or any(
            d.toks[k].low in _NOT_CURRENT for k in range(max(0, i - 3), i) if d.same_sent(k, i)):
        return None
    country, sector, strength = _resolve_role(d, i, r)
    offices = [role.office] + (["head_of_state"] if role.office == "leader" else [])
    # someone in the article named with this role before ("Bundeskanzler Olaf Scholz ...
    # dem Kanzler"); the country must agree only where the phrase names one
    here = [k for k, offs in d.offices.items()
            if any(o in offices and (strength < 3 or c == country) for o, c in offs)]
    # "die Bundeskanzlerin" is not the "Bundeskanzler Willy Brandt" named before
    said = word_gender(d.t, d.toks[i].text)
    if said:
        here = [k for k in here if _draft_gender(d, d.drafts[k]) in (None, said)]
    if len(here) == 1:
        return d.drafts[here[0]]
    if country is None:
        return None  # "der Präsident" of no known country is nobody in particular
    body = _genitive_after(d, i)
    if body is not None and body.kind != "country" and body.country != "IGO":
        return None  # "der Präsident des Verfassungsschutzes" heads that body, not the state
    if country in ("IGO", "NGO", "IMG") and role.country != country:
        return None  # "Nato-Außenminister": the table's offices belong to one organisation
    if country == "DEU" and role.lemma.startswith("Ministerpräsident"):
        return None  # in Germany the premier of a Land, not the chancellor
    for office in offices:
        hs = d.t.holders_for(office, country, d.day)
        if len(hs) >= 1:
            h = hs[0]
            return d.actor(f"P:{h.name}", h.name, "person", h.country, h.sector, h.wikidata)
    return None
