"""What a role noun says: its country, sector and certainty (a prefix, an adjective or
genitive in its noun phrase, a genitive after it, the sentence's or the article's
country), whether it is plural, and the role actor it makes ("R:Präsident:RUS:GOV:person",
a country's government, a group)."""
from __future__ import annotations

import re
from typing import Optional

from ..lang import de
from .coref import COUNTRY_NOUNS
from .gazetteer import _bundes_country, _country_near
from .state import Draft, _DETS, _Doc, _FUNCTION, _GEN_DETS
from .tables import WORDS, Role, Tables


def _plural_noun_kinds(t: Tables, word: str) -> Optional[tuple[str, ...]]:
    """The actor kinds "die beiden <word>" may stand for: countries for Länder, Staaten,
    Regierungen; persons for a person role (Staatschefs, Präsidenten) or Männer, Frauen;
    organisations for an organisation role (Parteien)."""
    low = word.lower()
    if low in COUNTRY_NOUNS:
        return ("country",)
    if low in ("männer", "frauen", "politiker", "kontrahenten", "rivalen"):
        return ("person",)
    role = t.role_of(word)
    if role is None:
        return None
    return {"person": ("person",), "organization": ("organization",),
            "government": ("country",)}.get(role[0].kind)


def _np_country(d: _Doc, i: int) -> tuple[Optional[str], int]:
    """A nationality said inside the noun phrase before token i: an adjective
    ("der russische", "US-amerikanischer") or a genitive country ("Russlands")."""
    k = i - 1
    steps = 0
    while k >= 0 and d.same_sent(k, i) and steps < 4:
        tok = d.toks[k]
        gap = d.gap(k, k + 1)
        if gap.strip() not in ("",):
            break
        code = d.t.adjectives.get(tok.low)
        if code:
            return code, 3
        if tok.cap:
            # a genitive country or organisation right before: "Russlands Präsident"
            key = d.tok_actor.get(k)
            if key and tok.low.endswith("s") and steps == 0:
                a = d.drafts[key]
                if a.kind in ("country", "organization", "person") and a.country:
                    return a.country, 3
            break
        if tok.low in _DETS or tok.low.endswith(("e", "en", "er", "es", "em")):
            k -= 1
            steps += 1
            continue
        break
    return None, 0


def _genitive_after(d: _Doc, i: int) -> Optional[Draft]:
    """An actor in a genitive after token i: "Regierung Österreichs", "Sprecher des Weißen
    Hauses", "Außenminister der Russischen Föderation", "Vorsitzender der Wahlkommission"."""
    j = i + 1
    if j >= len(d.toks) or not d.same_sent(i, j):
        return None
    if d.gap(i, j).strip():
        return None
    if d.toks[j].low in _GEN_DETS:
        j += 1
        while j < len(d.toks) and d.same_sent(i, j) and not d.toks[j].cap:
            j += 1
    if j < len(d.toks) and d.same_sent(i, j):
        key = d.tok_actor.get(j)
        if key:
            a = d.drafts[key]
            if a.country:
                return a
        # an unresolved role body after it: "Vorsitzender der Wahlkommission"
        if d.toks[j].cap and j != i + 1:
            r = d.t.role_of(d.toks[j].text)
            if r and r[0].kind in ("organization", "government"):
                return _role_actor(d, j, r)
    return None


def _resolve_role(d: _Doc, i: int, r: tuple[Role, Optional[str]]) -> tuple[Optional[str], Optional[str], int]:
    """Country, sector and certainty of the role noun at token i."""
    role, mod = r
    sector = role.sector
    country = role.country
    strength = 3 if country else 0
    if mod:
        m = mod.rstrip("-")
        pre = d.t.prefixes.get(m) or d.t.prefixes.get(m.rstrip("s"))
        body = d.drafts.get(d.acronyms.get(m, ""))
        if body is not None:  # "GdP-Vorsitzende": the body the article defined
            if body.country:
                country, strength = country or body.country, max(body.strength, 2)
            sector = sector or body.sector
        elif pre is not None:
            country = country or pre.country
            strength = 3
            if pre.sector and not sector and pre.kind != "country":
                sector = pre.sector
        else:
            entries = d.t.phrases.get((m,)) or []
            persons = [e for e in entries if e.kind == "person"]
            if persons and not country:
                country, strength = persons[0].country, 3
            mr = d.t.role_of(m) or d.t.role_of(m.rstrip("s"))
            if mr and mr[0].sector and not role.sector:
                sector = mr[0].sector  # Armee|sprecherin → MIL (but Regierungs|truppen stay MIL)
            if mod.rstrip("s") in ("kreml",):
                country, strength = "RUS", 3
    if not country and any(d.toks[k].low.rstrip("nrsm") in _OTHER_QUALIFIERS for k in range(_np_start(d, i), i)):
        # "westliche Regierungen", "ausländische Journalisten": not the country the article is about
        return None, sector, 3
    if not country:
        country, strength = _np_country(d, i)
    if not country and (role.lemma.lower().startswith("bundes") or (mod or "").startswith("bundes")):
        # Bundeskanzler, Bundesaußenministerin: Germany's, unless the article is Austria's or
        # Switzerland's
        country, strength = _bundes_country(d), 2
    after = None
    if not country or not sector:
        after = _genitive_after(d, i)
        if after is not None and role.lemma in _OPPOSING:
            after = None  # "Gegner der Europäischen Union" are not the EU
        if after is not None:
            if not country:
                country, strength = after.country, max(after.strength, 2)
            if not sector and after.sector and after.kind != "country":
                sector = after.sector
            elif not sector and after.kind == "country":
                sector = "GOV"
    if not country and role.lemma.lower() not in ("botschafter", "botschafterin", "botschaft"):
        # "Demonstranten im Iran", "Polizei in Kairo"
        j = i + 1
        if j + 1 < len(d.toks) and d.same_sent(i, j + 1) and d.toks[j].low in ("in", "im") and not d.gap(i, j).strip():
            key = d.tok_actor.get(j + 1)
            if key and d.drafts[key].kind == "country":
                country, strength = d.drafts[key].country, 3
    if not country:
        # the same body named with its country before: "die israelische Armee ... die Armee",
        # "Armee|sprecherin"
        lemmas = [role.lemma]
        low = d.toks[i].low
        if not mod:  # listed compounds too: Armee|sprecherin
            mod = next((low[:n] for n in range(3, len(low) - 3) if low[n:] in d.t.suffix_index), None)
        if mod:
            mr = d.t.role_of(mod.rstrip("-")) or d.t.role_of(mod.rstrip("-s"))
            if mr:
                lemmas.insert(0, mr[0].lemma)
        for lemma in lemmas:
            known = [a for k, a in d.drafts.items() if k.startswith(f"R:{lemma}:") and a.strength >= 3
                     and a.country]
            if known:
                best = max(known, key=lambda a: len(a.mentions))
                country, strength = best.country, 2
                break
    if not country:
        country, strength = _country_near(d, i)
    return country, sector, strength


def _role_actor(d: _Doc, i: int, r: tuple[Role, Optional[str]]) -> Optional[Draft]:
    role = r[0]
    country, sector, strength = _resolve_role(d, i, r)
    if role.explicit and strength < 3:
        return None
    if role.kind == "government":
        if not country:
            return None
        name = d.t.country_names.get(country, country)
        if country in ("IGO", "NGO", "IMG"):
            return None
        return d.actor(f"C:{country}", name, "country", country, "GOV", d.t.country_qids.get(country), strength=3)
    if role.kind == "observer":  # witnesses and experts: a country only when the phrase says one
        c = country if strength >= 3 else None
        return d.actor(f"G:{role.lemma}:{c}", role.lemma, "group", c, role.sector)
    kind = {"person": "person", "organization": "organization", "group": "group"}[role.kind]
    if kind == "person" and _plural(d, i, r):
        kind = "group"  # "die beiden Staatschefs", "Staats- und Regierungschefs"
    # a body named by a compound ("Nobelkomitee") is one body wherever the article names it
    # ("des Nobelkomitees"), whatever country the words around each use suggest; and its head
    # alone ("das Komitee") refers back to it, as to a name defined with its acronym
    compound = (role.lemma, r[1]) if kind == "organization" and r[1] else None
    if compound in d.compound_bodies:
        return d.drafts[d.compound_bodies[compound]]
    key = f"R:{role.lemma}:{country}:{sector}:{kind}"
    a = d.actor(key, _role_name(d, i, r), kind, country, sector or role.sector, None, strength)
    if compound is not None:
        d.compound_bodies[compound] = key
        d.defined_heads.setdefault(role.lemma, key)
    return a


def _role_name(d: _Doc, i: int, r: tuple[Role, Optional[str]]) -> str:
    """The name of a role actor: the role's base form, for a compound the whole compound
    with that base form ("Sicherheitsschutzunternehmen", "GdP-Vorsitzende"), never the
    compound's head alone."""
    role, mod = r
    w, lemma = d.toks[i].text, role.lemma
    if "-" in w:
        return w.rsplit("-", 1)[0] + "-" + lemma
    stem = lemma.lower()[:max(3, len(lemma) - 3)]
    if w.lower().startswith(stem):
        return lemma
    if mod and w.lower().startswith(mod):
        return w[:len(mod)] + lemma.lower()
    return w


# "Gegner der Europäischen Union" are not the EU: data/words.yaml
_OPPOSING = set(WORDS["opposing_roles"])


_ADJ_FORM = re.compile(r"^(?:\w+(?:isch|lich|ig|end|iert|bar|sam|los|haft|ell|al|iv|ant|ent)"
                       r"|ge\w+t|\w+st)(?:e|en|er|es|em)$")


def _np_start(d: _Doc, i: int) -> int:
    """The first token of the adjectives right before a noun at token i: a nationality
    adjective, a word of adjective shape (politischen, demonstrierende, geförderte), or an
    inflected word right after an article ("die größte Oppositionspartei")."""
    k = i
    while k - 1 >= 0 and d.same_sent(k - 1, i) and i - k < 3 and d.gap(k - 1, k) == " ":
        prev = d.toks[k - 1]
        low = prev.low
        if low in _DETS or low in _FUNCTION or low in _NOT_ADJ:
            break
        before = d.toks[k - 2].low if k - 2 >= 0 and d.same_sent(k - 2, i) else ""
        after_article = before in _DETS or before in _ADJ_LEFT
        if low in d.t.adjectives or _attributive(d, k - 1) or (not prev.cap and (
                _ADJ_FORM.match(low) or
                (low.endswith(("e", "en", "er", "es", "em")) and after_article and d.gap(k - 2, k - 1) == " "
                 and not _pos(d, k - 1).startswith(("P", "ADV"))))):     # "vor allem": a pronoun
            k -= 1
            continue
        break
    return k


def _attributive(d: _Doc, k: int) -> bool:
    """Whether the word layer reads the word at k as an attributive adjective ("religiöse
    Führer"), lower-case or capitalised only as its sentence's first word ("Religiöse
    Führer warnten …"), and no other actor holds it ("Grüne Politiker")."""
    tok = d.toks[k]
    if k in d.used or tok.cap and k > 0 and d.toks[k - 1].sent == tok.sent:
        return False
    return _pos(d, k) == "ADJ(A)"


def _pos(d: _Doc, k: int) -> str:
    """The word layer's part of speech of the word at k ("" where no token starts there)."""
    i = d.doc.token_index(d.toks[k].start)
    return d.doc.tokens[i].pos if i is not None else ""


# the word lists here are in data/words.yaml
# words after which an inflected lower-case word begins a noun phrase ("mit verbündeten Parteien")
_ADJ_LEFT = set(WORDS["adjective_left"])
_NOT_ADJ = de.NOT_ADJECTIVES


# possessive and relative words: the role after them belongs to someone else
_POSSESSIVE = set(WORDS["possessives"])
# adjectives that put a group outside any one country ("westliche Regierungen"), in the -e
# form
_OTHER_QUALIFIERS = set(WORDS["other_qualifiers"])
_CONTRACTED = de.CONTRACTED_PREPOSITIONS
# words before a role noun that make it several people ("die beiden Staatschefs")
_PLURAL_DETS = set(WORDS["plural_determiners"])


def _plural(d: _Doc, i: int, r: tuple[Role, Optional[str]]) -> bool:
    """A plural role noun ("die beiden Staatschefs", "Staats- und Regierungschefs",
    "die EU-Außenminister") names several people, not one office holder."""
    k = _np_start(d, i) - 1
    tok = d.toks[i]
    if k >= 0 and d.same_sent(k, i):
        prev = d.toks[k]
        if prev.text.endswith("-") or d.text[prev.end:prev.end + 1] == "-":
            return True
        if prev.low in _PLURAL_DETS and prev.low != "die":
            return True
        if prev.low == "die" and not tok.low.endswith(("in", "innen")) \
                and not tok.low.rsplit("-", 1)[-1].endswith(r[0].lemma.lower()):  # die VdM-Vorsitzende
            return True
    if i >= 2 and d.toks[i - 1].low == "und" and d.text[d.toks[i - 2].end:d.toks[i - 2].end + 1] == "-":
        return True
    # an inflected form with no article at all: "an Soldaten vorbei", "Diplomaten sagten"
    lemma = r[0].lemma.lower()
    if tok.low != lemma and tok.low.startswith(lemma) and tok.low[len(lemma):] in ("en", "n", "e", "s") \
            and (k < 0 or not d.same_sent(k, i) or d.toks[k].low not in _DETS | _CONTRACTED):
        return not tok.low.endswith("s") or lemma.endswith(("chef", "ef"))
    return False


def _role_before(d: _Doc, i: int) -> Optional[Role]:
    k = i - 1
    if k >= 0 and d.same_sent(k, i) and d.toks[k].cap:
        r = d.t.role_of(d.toks[k].text)
        if r:
            return r[0]
    return None
