"""Persons: names found without NER (a given name, a name after a role noun or set off
by an apposition), their country from the role around them, later surname mentions,
age descriptions ("der 49-Jährige"), regnal numbers, and persons merged across
spellings, transliterations and family names written first."""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from .gazetteer import _country_near, _holder_entries
from .role_nouns import _POSSESSIVE, _resolve_role
from .spelling import name_keys, same_word
from .state import (Draft, _DEFINITE, _DETS, _Doc, _FOREIGN_PARTICLES, _GEN_DETS, _NAME_PARTICLES, _PARTICLE_PREFIX,
                    _is_name_tok, _word_before)


# particles inside a name ("Ursula von der Leyen", "Osama bin Laden"): data/words.yaml


_AGE_NOUN = re.compile(r"(\d{1,3})-Jährige[nrm]?\b")
_AGE_ATTRIBUTE = re.compile(r"(\d{1,3})-jährige[nrm]?\b")
# how far back (in sentences) a "der 49-Jährige" may point without an age to match
AGE_WINDOW = 3


def _age_descriptions(d: _Doc) -> None:
    """"Der 49-Jährige" is the person the article gives that age ("der 49-jährige Thomas
    Berger", "Berger (49)"), else the one person named in the sentences just before."""
    persons = [a for a in d.drafts.values() if a.kind == "person" and a.mentions]
    ages: dict[str, str] = {}
    for a in persons:
        for s, e in a.mentions:
            m = _AGE_ATTRIBUTE.search(d.text[max(0, s - 15):s]) or re.match(r" \((\d{1,3})\)", d.text[e:e + 6])
            if m:
                ages.setdefault(m.group(1), a.key)
    for m in _AGE_NOUN.finditer(d.text):
        span = (m.start(), m.end())
        if span in d.owner or _word_before(d, m.start()) not in _DEFINITE:
            continue
        key = ages.get(m.group(1)) or _only_person_before(d, persons, m.start())
        if key is not None:
            d.mention(key, *span)


def _only_person_before(d: _Doc, persons: list[Draft], offset: int) -> Optional[str]:
    here = d.doc.sentence_of(offset)
    if here is None:
        return None
    k = d.doc.sentences.index(here)
    lo = d.doc.sentences[max(0, k - AGE_WINDOW)].start
    near = {a.key for a in persons if any(lo <= s < offset for s, _ in a.mentions)}
    return near.pop() if len(near) == 1 else None


def _fold_name(name: str) -> str:
    """A name without apostrophes, hyphens and accents, lowercased: spellings of one name."""
    plain = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in plain if ch.isalnum() or ch == " ").lower()


def _merge_spellings(d: _Doc) -> None:
    """Two persons whose full names differ only in apostrophes, hyphens or accents ("Ali
    Chamene'i", the table's "Ali Chamenei") are one; the better-known entry keeps the mentions."""
    by_name: dict[str, list[str]] = {}
    for k, a in d.drafts.items():
        if a.kind == "person" and " " in a.name.strip():
            by_name.setdefault(_fold_name(a.name), []).append(k)
    for keys in by_name.values():
        if len(keys) < 2:
            continue
        keep = max(keys, key=lambda k: (not k.startswith("P:"), d.drafts[k].wikidata is not None,
                                        d.drafts[k].sector is not None, len(d.drafts[k].mentions)))
        for k in keys:
            if k != keep:
                for span in list(d.drafts[k].mentions):
                    d.move(span, keep)


def _person_key(d: _Doc, name: str) -> str:
    """An existing person this name is a form of (same last word), or a new key."""
    last = name.split()[-1]
    for k, a in d.drafts.items():
        if a.kind == "person" and k.startswith("P:"):
            if a.name == name or a.name.split()[-1] in (last, last.rstrip("s")) and " " not in name:
                return k
    return "P:" + name


def _name_run(d: _Doc, i: int, max_len: int = 4) -> int:
    """The end (exclusive) of a run of name tokens starting at i, or i when none."""
    j = i
    while j < len(d.toks) and j - i < max_len and d.same_sent(i, j):
        tok = d.toks[j]
        if j > i and d.gap(j - 1, j) not in (" ",):
            break
        if _is_name_tok(d, j):
            j += 1
            continue
        if j > i and tok.low in _NAME_PARTICLES and _is_name_tok(d, j + 1) and d.same_sent(j, j + 1):
            j += 1
            continue
        if j > i and tok.text in _FOREIGN_PARTICLES and j + 1 < len(d.toks) and d.same_sent(j, j + 1) \
                and d.toks[j + 1].cap and j + 1 not in d.used:
            j += 2      # "Hussein al Huthi": after "al" a name's part, even an organisation's name
            continue
        break
    # a name does not end in a particle or an initial
    while j > i and (d.toks[j - 1].low in _NAME_PARTICLES or d.toks[j - 1].text.endswith(".")):
        j -= 1
    return j


def _name_heuristics(d: _Doc) -> None:
    t = d.t
    i = 0
    while i < len(d.toks):
        tok = d.toks[i]
        if i in d.used:
            i += 1
            continue
        # given name + surname: "Kemal Bedri", "Dima Jakowlew", "Anwar as-Sadat"
        if tok.text in t.given_names:
            j = _name_run(d, i)
            if j - i >= 2:
                _add_person(d, i, j)
                i = j
                continue
        # a role noun followed by a name: "Anwalt Sergej Magnitski", "Präsident Putin"
        role = t.role_of(tok.text) if tok.cap else None
        if role and role[0].kind == "person" and d.gap(i, i + 1) == " " if i + 1 < len(d.toks) else False:
            j = _name_run(d, i + 1)
            if j > i + 1 and _plausible_after_role(d, i + 1, j):
                _add_person(d, i + 1, j)
                i = j
                continue
        # a role with its body, then the name: "Sprecher der CDU/CSU-Fraktion Friedbert Pflüger"
        if role and role[0].kind == "person":
            k = _after_genitive(d, i)
            if k is not None:
                j = _name_run(d, k)
                if j - k >= 2:
                    _add_person(d, k, j)
                    i = j
                    continue
        # a surname of Slavic shape after a capitalised word: "Dima Jakowlew"
        if tok.cap and _is_name_tok(d, i) and i + 1 < len(d.toks) and d.gap(i, i + 1) == " " \
                and _SURNAME_SHAPE.search(d.toks[i + 1].text) and _is_name_tok(d, i + 1) \
                and d.same_sent(i, i + 1) and (i == 0 or not d.same_sent(i - 1, i) or not d.toks[i - 1].cap):
            _add_person(d, i, i + 2)
            i += 2
            continue
        # apposition: "Kemal Bedri, Vorsitzender der Wahlkommission"
        if tok.cap and _is_name_tok(d, i):
            j = _name_run(d, i)
            if j - i >= 2 and j + 1 < len(d.toks) and d.gap(j - 1, j).strip() == "," and d.same_sent(i, j + 1):
                k = j
                while k < len(d.toks) and d.toks[k].low in _DETS | {"ein", "einem"}:
                    k += 1
                while k < len(d.toks) and not d.toks[k].cap and d.same_sent(j, k):
                    k += 1
                if k < len(d.toks) and t.role_of(d.toks[k].text) and t.role_of(d.toks[k].text)[0].kind == "person":
                    _add_person(d, i, j)
                    i = j
                    continue
        i += 1


_SURNAME_SHAPE = re.compile(r"(?:[^aeiouäöü\W](?:ow|ew|jew|owa|ewa|ski|skij|sky|ska|enko|tschuk|witsch|"
                            r"owitsch|ewitsch|ić|ic|escu|oglu|oğlu|zadeh|jan|ian|shvili|schwili))$")


def _after_genitive(d: _Doc, i: int) -> Optional[int]:
    """The token after the genitive body of a role at i ("Sprecher [der CDU/CSU-Fraktion] X"),
    or None when there is no genitive."""
    j = i + 1
    if j >= len(d.toks) or not d.same_sent(i, j) or d.gap(i, j) != " " or d.toks[j].low not in _GEN_DETS:
        return None
    j += 1
    while j < len(d.toks) and d.same_sent(i, j) and not d.toks[j].cap and j - i < 5:
        j += 1
    if j >= len(d.toks) or not d.same_sent(i, j):
        return None
    key = d.tok_actor.get(j)
    if key:
        while j in d.tok_actor and d.tok_actor[j] == key and d.same_sent(i, j):
            j += 1
    else:
        j += 1  # one body noun: "Sprecher der Wahlkommission X"
    if j < len(d.toks) and d.same_sent(i, j) and d.gap(j - 1, j) == " ":
        return j
    return None


def _plausible_after_role(d: _Doc, i: int, j: int) -> bool:
    """A run after a role noun is a name unless it is one ordinary capitalised word at a
    clause start (Präsident Wahlen ...): one-word runs must look like surnames."""
    if j - i >= 2:
        return True
    w = d.toks[i].text
    if (w.lower(),) in d.t.phrases:
        return True
    # a lone capitalised word followed by a verb-ish lower-case word or punctuation
    if w.endswith(("en", "ern")) and len(w) > 7:
        return False  # a plural noun (Steuererleichterungen), not a surname
    return len(w) >= 4 and not w.endswith(("ung", "heit", "keit", "schaft", "tion", "ismus", "ment"))


def _add_person(d: _Doc, i: int, j: int) -> None:
    s, e = d.toks[i].start, d.toks[j - 1].end
    name = d.text[s:e]
    if (d.toks[j - 1].low,) in d.t.phrases and j - i == 1:
        entries = [x for x in d.t.phrases[(d.toks[j - 1].low,)] if x.kind == "person"]
        entries = _holder_entries(d, entries) or (entries if len(entries) == 1 else [])
        if len(entries) == 1:
            d.entry_actor(entries[0])
            d.mention(entries[0].key, s, e, range(i, j))
            return
    # a genitive form of a known name ("Putins") is that name
    key = _person_key(d, name)
    country, sector, strength = _role_country_for_name(d, i, j)
    d.actor(key, name, "person", country, sector, None, strength)
    d.mention(key, s, e, range(i, j))


def _role_country_for_name(d: _Doc, i: int, j: int) -> tuple[Optional[str], Optional[str], int]:
    """Country and sector of a person named at tokens [i, j) from the role around it:
    before ("der russische Außenminister Sergei Lawrow") or after as apposition."""
    k = i - 1
    if k >= 0 and d.same_sent(k, i) and d.toks[k].cap and d.t.demonyms.get(d.toks[k].low) \
            and d.gap(k, i) == " ":
        return d.t.demonyms[d.toks[k].low], None, 3  # "der Spanier Oscar Pereiro"
    if k >= 0 and d.same_sent(k, i):
        r = d.t.role_of(d.toks[k].text) if d.toks[k].cap else None
        if r:
            c, sec, strength = _resolve_role(d, k, r)
            if c:
                return c, sec, strength
    # apposition after: ", Vorsitzender der Wahlkommission", ", einem Sprecher der PMF"
    # (not ", deren Anwältin": a role of someone else)
    if j < len(d.toks) and d.gap(j - 1, j).strip() == ",":
        k = j
        while k < len(d.toks) and d.same_sent(j, k) and not d.toks[k].cap and k - j < 4 \
                and d.toks[k].low not in _POSSESSIVE:
            k += 1
        if k < len(d.toks) and d.same_sent(j, k):
            r = d.t.role_of(d.toks[k].text)
            if r and r[0].kind == "person":
                c, sec, strength = _resolve_role(d, k, r)
                return c, sec, strength
    c, strength = _country_near(d, i)
    return c, None, min(strength, 1)


def _surnames(d: _Doc) -> None:
    """Later mentions of a person by surname ("Kim", "Putins", "Soleimanis")."""
    forms: dict[str, str] = {}
    for key, a in d.drafts.items():
        if a.kind != "person":
            continue
        for (s, e), txt in list(a.mentions.items()):
            words = [w for w in txt.split() if w[:1].isupper() or _PARTICLE_PREFIX.match(w)]
            if len(words) < 2 or d.t.role_of(words[-1]):
                continue
            last = words[-1]
            forms.setdefault(last, key)
            forms.setdefault(last + "s", key)
            if _family_name_first(d, words):
                forms.setdefault(words[0], key)  # "Kim Jong-un" ... "Kim", "Xi Jinping" ... "Xi"
            if _PARTICLE_PREFIX.match(last):
                bare = last.split("-", 1)[1]
                forms.setdefault(bare, key)
                forms.setdefault(bare + "s", key)
                forms.setdefault(last[0].upper() + last[1:], key)
    for i, tok in enumerate(d.toks):
        if i in d.used:
            continue
        w = tok.text
        key = forms.get(w) or forms.get(w[0].lower() + w[1:] if w[:1].isupper() else w)
        if key:
            d.mention(key, tok.start, tok.end, range(i, i + 1))
            continue
        if "-" in w:  # "Mubarak-Gegner": handled by roles; "Soleimani-Anhänger"
            pre = w.split("-")[0]
            key = forms.get(pre)
            if key and not d.t.role_of(w):
                d.mention(key, tok.start, tok.start + len(pre), ())


def _family_name_first(d: _Doc, words: list[str]) -> bool:
    """Whether a person's name may be written family name first ("Kim Jong-un", "Xi
    Jinping"): its first word is in the table of such family names."""
    return len(words) >= 2 and words[0] in d.t.family_names_first


def _family_names(d: _Doc, words: list[str]) -> tuple[str, ...]:
    """The words of a name that a later bare mention may use: the last, and the first
    where it is a family name written first (a "Kim" after "Kim Jong-un")."""
    return (words[-1], words[0]) if _family_name_first(d, words) else (words[-1],)


def _merge_surname_persons(d: _Doc) -> None:
    """A person known only by a surname ("Magnitski", before "Sergej Magnitski" is named)
    is the one person of the article with that surname."""
    persons = [a for a in d.drafts.values() if a.kind == "person" and a.mentions]
    for a in persons:
        words = a.name.split()
        while len(words) > 1 and words[0] in _NAME_PARTICLES:
            words = words[1:]       # "al Huthi", "bin Laden": the family name with its particle
        if len(words) > 1:
            continue
        name = words[0]
        bare = name[:-1] if name.endswith("s") else name
        full = [b for b in persons if b is not a and " " in b.name
                and {name, bare} & set(_family_names(d, b.name.split()))]
        if not full and name == a.name and a.name not in d.t.given_names and bare not in d.t.given_names:
            # a person called by the first word of the name, where that is no given name of
            # the tables: Thai usage ("Abhisit Vejjajiva" … "Abhisit"), "Dalai" for "Dalai Lama"
            full = [b for b in persons if b is not a and " " in b.name and b.name.split()[0] in (a.name, bare)]
        if len(full) == 1:
            full[0].mentions.update(a.mentions)
            a.mentions.clear()


_REGNAL = re.compile(r" ([IVXLC]{1,6})\.")


def _regnal_numbers(d: _Doc) -> None:
    """A ruler's or pope's number belongs to the name: "Benedikt XVI.", "Elisabeth II."."""
    for a in d.drafts.values():
        if a.kind != "person":
            continue
        for (start, end), text in list(a.mentions.items()):
            m = _REGNAL.match(d.text, end)
            if m is None or (start, m.end()) in d.owner:
                continue
            del a.mentions[(start, end)]
            a.mentions[(start, m.end())] = d.text[start:m.end()]
            d.owner.pop((start, end), None)
            d.owner[(start, m.end())] = a.key
            if a.name == text or a.name.endswith(" " + text) or a.name == text.split()[-1]:
                a.name = f"{a.name} {m.group(1)}."


def _transliterated(a: Draft, b: Draft) -> bool:
    """b is a's name in another transliteration: family names agree (spelling.same_word),
    and given names too where both have one ("Alexej Nawalny", "Navalny"; "Jewgeni
    Prigoschin", "Yevgeny Prigozhin")."""
    wa, wb = a.name.split(), b.name.split()
    if not wa or not wb or a.name == b.name:
        return False
    last_b = wb[-1][:-1] if len(wb) == 1 and wb[-1].endswith("s") and not same_word(wa[-1], wb[-1]) else wb[-1]
    if not same_word(wa[-1], last_b):
        return False
    return len(wa) == 1 or len(wb) == 1 or same_word(wa[0], wb[0])


def _merge_transliterations(d: _Doc) -> None:
    """Persons of one article named in two transliterations are one; the table's entry, else
    the one with more mentions, keeps them."""
    persons = [a for a in d.drafts.values() if a.kind == "person" and a.mentions]
    # persons by the keys of their family name: only those sharing one can be transliterations
    # (a page of thousands of names must not compare every pair)
    by_key: dict[str, list[Draft]] = {}
    for a in persons:
        if a.name.split():
            for k in name_keys(a.name.split()[-1]):
                by_key.setdefault(k, []).append(a)
    for b in sorted(persons, key=lambda a: len(a.name.split())):
        wb = b.name.split()
        if not b.mentions or not wb:
            continue
        keys = name_keys(wb[-1]) | (name_keys(wb[-1][:-1]) if len(wb) == 1 and len(wb[-1]) > 1 else frozenset())
        candidates = {id(a): a for k in keys for a in by_key.get(k, ())}
        others = [a for a in candidates.values() if a is not b and a.mentions and _transliterated(a, b)
                  and not (a.wikidata and b.wikidata and a.wikidata != b.wikidata)]
        if len(others) != 1:
            continue
        a = others[0]
        # the table's entry, a full name, more mentions; else the shorter form ("Thaksin", not
        # the genitive "Thaksins")
        keep, drop = sorted((a, b), key=lambda x: (not x.key.startswith("P:"), x.wikidata is not None,
                                                   len(x.name.split()), len(x.mentions), -len(x.name)),
                            reverse=True)
        for span in list(drop.mentions):
            d.move(span, keep.key)
        if not keep.country and drop.country:
            keep.country, keep.strength = drop.country, drop.strength
