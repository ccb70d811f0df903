"""HanTa's morphological analysis of one word, the same search with the same sums, done faster.

HanTa (the word layer's tagger, `tagging.py`) analyses a word it has not seen as a chain of
morphemes: a Viterbi search over every segment word[i:j] and every morpheme tag that may
follow the state so far (`analyze_forward` for the word's candidate tags, `analyze_viterbi`
for its lemma under the chosen tag). Each segment costs a call of `lp_m_t` per tag. For 139
of HanTa's 150 morpheme tags a segment that is not one of the tag's known morphemes is
impossible (log-probability -inf, skipped by the search); only the 11 open tags (nouns,
names, verbs, adjectives, ...) guess a probability for an unknown segment from its suffix and
length. So here the closed tags try only the segments that are known morphemes of theirs,
found once per word in an index of all morphemes, and the open tags' guesses are computed
once per segment and tag. Every state is extended in the same order and every sum is made
in the same order as HanTa's, so the tables, and the tags and lemmas, are HanTa's own:
`tests/test_word_layer.py` compares them on thousands of words. On the unseen words of news
articles this is the tagger's main cost (half of the word layer's time on a fresh process).
"""
from __future__ import annotations

import math
from collections import defaultdict

from numpy import logaddexp

# HanTa's state constants (HanoverTagger.EMPTY, START, UNKNOWN, END_UNKNOWN)
_EMPTY, _START, _UNKNOWN, _END_UNKNOWN = 0, 1, 3, -3
_LOWER_BOUND = -1e6


class Morphology:
    """The search over one word's segments for one loaded HanoverTagger (hanta==1.2.1)."""

    def __init__(self, tagger, stored: dict[str, str] | None = None):
        self.t = tagger
        # both searches' results for news words, computed once and shipped as one line per
        # word (`read_stored`): looked up instead of searched
        self.stored = stored or {}
        # morpheme → [(tag, log-probability)], and the longest morpheme
        self.known: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for tag, morphemes in tagger.LP_m_t.items():
            for m, lp in morphemes.items():
                self.known[m].append((tag, lp))
        self.known = dict(self.known)
        self.longest = max(map(len, self.known), default=0)
        self.open_tags = frozenset(t for t in tagger.LP_m_t if t in tagger.LP_hapax_t and t in tagger.LP_s_t)
        # an open tag's guess for an unknown segment without its suffix part, by length
        # (capped at 24): (Int_t + LP_hapax_t) + LP_len_t, as HanTa sums it
        self.constant = {t: [tagger.Int_t + tagger.LP_hapax_t[t] + tagger.LP_len_t[t][k] for k in range(25)]
                         for t in self.open_tags}

    # -- the two parts of a segment's score --------------------------------------------
    def _known_at(self, word: str) -> list[dict[int, list[tuple[int, float]]]]:
        """For each start i: tag → [(end, log-probability)] of the known morphemes word[i:j],
        ends ascending."""
        out = []
        wlen = len(word)
        for i in range(wlen + 1):
            here: dict[int, list] = {}
            for j in range(i + 1, min(wlen, i + self.longest) + 1):
                for tag, lp in self.known.get(word[i:j], ()):
                    here.setdefault(tag, []).append((j, lp))
            out.append(here)
        return out

    def _suffix_lp(self, m: str, t: int) -> float:
        """The log-probability of the longest known suffix (up to 4 letters) of segment m
        under open tag t: HanTa's lookup chain in `lp_m_t`."""
        LP_s = self.t.LP_s_t[t]
        mlen = len(m)
        if mlen > 4 and m[-4:] in LP_s:
            return LP_s[m[-4:]]
        if mlen > 3 and m[-3:] in LP_s:
            return LP_s[m[-3:]]
        if mlen > 2 and m[-2:] in LP_s:
            return LP_s[m[-2:]]
        if mlen > 1 and m[-1:] in LP_s:
            return LP_s[m[-1:]]
        return LP_s['']

    def _open_scores(self, word: str, i: int, t: int, memo: dict) -> list[tuple[int, float]]:
        """[(end, lp_m_t(word[i:end], t))] for every end, for an open tag t (memoised per
        word). A segment that is no known morpheme gets HanTa's guess: the tag's constant
        part, (Int_t + LP_hapax_t) + LP_len_t by length, summed in HanTa's order and kept
        per tag, plus its suffix's log-probability, which for segments over four letters
        depends on the end alone (kept per word); less 4.6 for the whole word."""
        got = memo.get((i, t))
        if got is not None:
            return got
        wlen = len(word)
        LP_m = self.t.LP_m_t[t]
        constant = self.constant[t]
        long_suffix = memo.get(t)
        if long_suffix is None:
            long_suffix = memo[t] = [self._suffix_lp(word[max(0, j - 5):j], t) for j in range(wlen + 1)]
        got = []
        for j in range(i + 1, wlen + 1):
            segment = word[i:j]
            lp = LP_m.get(segment)
            if lp is None:
                mlen = j - i
                if wlen < 4 or mlen > 2:
                    lp = constant[min(mlen, 24)] + (long_suffix[j] if mlen > 4 else self._suffix_lp(segment, t))
                    if wlen == mlen:
                        lp -= 4.6
                else:
                    lp = -math.inf
            got.append((j, lp))
        memo[(i, t)] = got
        return got

    # -- the searches -----------------------------------------------------------------
    def _fill(self, word: str, strict: bool, followers, table: list[dict], backpointer=None) -> None:
        """The table of HanTa's search over the word's segments (rows 0..len(word)); with
        `backpointer`, each new best state's predecessor as well."""
        known_at = self._known_at(word)
        open_tags = () if strict else self.open_tags
        memo: dict = {}
        for i in range(len(word) + 1):
            row = table[i]
            known_here = known_at[i]
            rowbound = sorted(row.values(), reverse=True)[3] - 1 if len(row) > 3 else _LOWER_BOUND
            for state in row:
                lp = row[state]
                if lp < rowbound:
                    continue
                prev = state[1]
                for tag1, lpt in followers(state):
                    if tag1 in open_tags:
                        scores = self._open_scores(word, i, tag1, memo)
                    else:
                        scores = known_here.get(tag1)
                        if scores is None:
                            continue
                    base = lp + lpt
                    newstate = (prev, tag1)
                    for j, lpm in scores:
                        lp1 = base + lpm
                        if lp1 > _LOWER_BOUND:
                            cell = table[j]
                            if newstate not in cell or lp1 > cell[newstate]:
                                cell[newstate] = lp1
                                if backpointer is not None:
                                    backpointer[j][newstate] = (state, i)

    def analyze_forward(self, word: str) -> list[tuple[int, float]]:
        """HanTa's `analyze_forward`: the word's possible tags with their log-probabilities."""
        line = self.stored.get(word)
        if line is not None and (stored := _stored_tags(line)) is not None:
            return stored
        t = self.t
        wlen = len(word)
        table = [{(_EMPTY, _START): 0}] + [{} for _ in range(wlen + 1)]
        nonfinal = t.LP_trans_nonfinal
        self._fill(word, t.strict, lambda state: nonfinal.get(state, []), table)
        for state in table[-2]:
            lp = table[-2][state]
            for tag1, lpt in t.LP_trans_final.get(state, []):
                lp1 = lp + lpt
                if lp1 > _LOWER_BOUND:
                    newstate = (state[1], tag1)
                    if newstate not in table[-1] or lp1 > table[-1][newstate]:
                        table[-1][newstate] = lp1
        results: dict = {}
        for state in table[-1]:
            lp = table[-1][state]
            if lp == -math.inf:
                continue
            pos = -state[1]
            results[pos] = logaddexp(results[pos], lp) if pos in results else lp
        result_list = sorted(results.items(), key=lambda x: x[1], reverse=True)
        return result_list or [(_UNKNOWN, 0)]

    def analyze_viterbi(self, word: str, targetpos: int) -> list[tuple[int, int]]:
        """HanTa's `analyze_viterbi`: the word's most likely morphemes under a tag, as
        (morpheme tag, end) pairs ending with the word's tag."""
        line = self.stored.get(word)
        if line is not None and (stored := _stored_morphemes(line, targetpos)) is not None:
            return stored
        t = self.t
        wlen = len(word)
        reachable = t.reachability.get(targetpos, frozenset())
        nonfinal = t.LP_trans_nonfinal
        for localstrict in (True, False):
            table = [{(_EMPTY, _START): 0}] + [{} for _ in range(wlen + 1)]
            backpointer = [{} for _ in range(wlen + 2)]
            self._fill(word, localstrict, lambda state: [(x, p) for (x, p) in nonfinal.get(state, []) if x in reachable],
                       table, backpointer)
            for state in table[-2]:
                lp = table[-2][state]
                for tag1, lpt in t.LP_trans_final.get(state, []):
                    if tag1 == targetpos:
                        lp1 = lp + lpt
                        if lp1 > _LOWER_BOUND:
                            newstate = (state[1], tag1)
                            if newstate not in table[-1] or lp1 > table[-1][newstate]:
                                table[-1][newstate] = lp1
                                backpointer[-1][newstate] = (state, wlen)
                        break
            if len(table[-1]) > 0:
                break
        return _best_path(table, backpointer)


# -- stored results ----------------------------------------------------------------------
# One line per word: the word, its tags from `analyze_forward` ("tag:lp tag:lp", empty when
# not stored) and its morphemes from `analyze_viterbi` per target tag ("pos=tag:end,tag:end"
# joined by spaces), tab-separated. A process reads the lines into a dict (fast: nothing is
# parsed) and parses a word's line when the tagger first meets it.

def read_stored(text: str) -> dict[str, str]:
    """word → the rest of its line."""
    return dict(line.split("\t", 1) for line in text.splitlines() if line)


def stored_text(table: dict[str, str]) -> str:
    """The file's text from word → the rest of its line (`read_stored` reads it back)."""
    return "".join(f"{word}\t{line}\n" for word, line in table.items())


def stored_line(tags: list[tuple[int, float]] | None, morphemes: dict[int, list[tuple[int, int]]]) -> str:
    """The line's fields after the word (for `lagebild train word-analyses`); the log-
    probabilities are written as `repr` writes them, which reads back to the same float."""
    forward = "" if tags is None else " ".join(f"{t}:{float(lp)!r}" for t, lp in tags)
    lemma = " ".join(f"{pos}=" + ",".join(f"{t}:{e}" for t, e in got) for pos, got in sorted(morphemes.items()))
    return f"{forward}\t{lemma}"


def _stored_tags(line: str) -> list[tuple[int, float]] | None:
    forward = line.split("\t", 1)[0]
    if not forward:
        return None
    return [(int(t), float(lp)) for t, lp in (x.split(":") for x in forward.split(" "))]


def _stored_morphemes(line: str, targetpos: int) -> list[tuple[int, int]] | None:
    key = f"{targetpos}="
    for field in line.split("\t", 1)[1].split(" "):
        if field.startswith(key):
            return [(int(t), int(e)) for t, e in (x.split(":") for x in field[len(key):].split(","))]
    return None


def _best_path(table: list[dict], backpointer: list[dict]) -> list[tuple[int, int]]:
    """HanTa's backtrace from the best final state."""
    pmax = -math.inf
    beststate = (_EMPTY, _EMPTY)
    for state in table[-1]:
        lp = table[-1][state]
        if lp > pmax:
            pmax = lp
            beststate = state
    i = len(backpointer) - 1
    if beststate == (_EMPTY, _EMPTY):
        states = [((_UNKNOWN, _END_UNKNOWN), i), ((_START, _UNKNOWN), i - 1)]
    else:
        states = [(beststate, i)]
        state = beststate
        while i > 0:
            state, i = backpointer[i][state]
            states.append((state, i))
        states = states[:-1]
    return [(state[1], i) for (state, i) in states[::-1]]
