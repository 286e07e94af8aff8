"""Sentence (or paragraph) alignment of a Korean text with its English translation.

:func:`align` pairs the units of two texts, in order, with links of type 1-1, 1-0, 0-1,
1-2, 2-1 and 2-2. It is a Gale–Church style dynamic programme whose bead cost is

* the fitted length model (:mod:`pipeline.pair.length_model`: English length given Korean
  length, in log space) for beads with text on both sides, or a calibrated skip penalty for
  1-0 / 0-1 beads (an omission or an addition);
* a prior cost per link type (1-1 is free; merges and skips cost);
* anchor evidence: numbers compared by value (``15,000`` = ``1만 5천``, ``$3 billion`` =
  ``30억 달러``, ``3천여 명`` = 3000), months (``4월`` = ``April``), Latin-script tokens kept
  verbatim in the Korean (``NSS``, ``ICBM``, ``G20``, names) and English acronyms, and double
  quotation marks. Shared anchors lower the cost, anchors present on one side only raise it.

The programme runs in a band around the diagonal given by cumulative lengths and widens the
band when the best path touches its edge, so it costs about ``O(n·w)`` rather than ``O(n·m)``.
Each link's ``score`` is its posterior probability under the same costs (forward–backward
over the band): near 1 for a clear link, lower where another segmentation is nearly as good.

Everything here is pure; the only I/O is reading the length model once (cached).
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass

from pipeline.pair.length_model import char_count, load_model, two_sided_tail_cost

__all__ = ["AlignParams", "Link", "align", "en_anchors", "ko_anchors"]


@dataclass(frozen=True)
class Link:
    """Korean units ``ko`` are translated by English units ``en`` (indices, ascending).

    One side is empty for an omission (``en == ()``) or an addition (``ko == ()``).
    ``score`` in [0, 1]: the posterior probability of this link, higher = more confident.
    """

    ko: tuple[int, ...]
    en: tuple[int, ...]
    score: float


@dataclass(frozen=True)
class AlignParams:
    """Costs (in nats) of the alignment programme; the defaults were tuned on lines 1-1000 of
    the koen-news-park2016 test split (see ``benchmarks/alignment.py``)."""

    merge: float = 2.4  # 2-1 and 1-2 beads
    merge22: float = 4.5  # 2-2 beads
    skip: float = 5.5  # 1-0 and 0-1 beads (omission / addition), instead of a length cost
    anchor_match: float = 1.0  # per anchor found on both sides of a bead (subtracted)
    anchor_miss: float = 0.5  # per anchor found on one side only
    quote_match: float = 0.5  # both sides quote (subtracted)
    quote_miss: float = 0.5  # one side quotes, the other does not
    band: int = 6  # initial half-width of the band, in units


DEFAULT_PARAMS = AlignParams()

# (Korean units, English units) per bead type; order matters only for ties.
_TYPES = ((1, 1), (2, 1), (1, 2), (1, 0), (0, 1), (2, 2))

# ----------------------------------------------------------------------------- anchors

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_KO_UNITS = {"백": 100.0, "천": 1000.0}
_KO_BIG_UNITS = {"만": 1e4, "억": 1e8, "조": 1e12}
_KO_MONTH = re.compile(r"(?<![\d.,])(1[0-2]|0?[1-9])\s?월")
_KO_NUMBER = re.compile(rf"(?<![\d.,])(?:{_NUM}[조억만천백]+\s?)*{_NUM}[조억만천백]*")
_KO_PIECE = re.compile(rf"({_NUM})([조억만천백]*)")

_EN_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_EN_NUMBER = re.compile(
    rf"(?<![\d.,])({_NUM})(?:\s?(thousand|million|billion|trillion)\b)?", re.IGNORECASE
)
_EN_WORDS = {
    "two": 2.0,
    "three": 3.0,
    "four": 4.0,
    "five": 5.0,
    "six": 6.0,
    "seven": 7.0,
    "eight": 8.0,
    "nine": 9.0,
    "ten": 10.0,
    "eleven": 11.0,
    "twelve": 12.0,
}
_EN_WORD_NUMBER = re.compile(
    r"\b(" + "|".join(_EN_WORDS) + r")(?:\s(thousand|million|billion|trillion))?\b",
    re.IGNORECASE,
)
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_EN_MONTH = re.compile(
    r"\b(January|February|March|April|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?"
    r"|\bMay(?=\s+\d)|(?<=\d\s)May\b"
)
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[.&'-][A-Za-z0-9]+)*")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]*[A-Z0-9]\b")
_KO_QUOTES = frozenset("\"“”「」『』")
_EN_QUOTES = frozenset("\"“”")


def _key(value: float) -> str:
    return f"{value:.6g}"


def _ko_values(expr: str) -> list[float]:
    """``1만 5천`` → [15000], ``2조 5천억`` → [2.5e12], ``1,500`` → [1500].

    A piece whose big unit (만/억/조) is not smaller than the previous one starts a new number,
    so ``3만 2만`` is two numbers.
    """
    values: list[float] = []
    total = 0.0
    last_big = math.inf
    for digits, units in _KO_PIECE.findall(expr):
        big = max((_KO_BIG_UNITS[u] for u in units if u in _KO_BIG_UNITS), default=0.0)
        if big and big >= last_big:
            values.append(total)
            total, last_big = 0.0, math.inf
        section = float(digits.replace(",", ""))
        for unit in units:
            if unit in _KO_UNITS:
                section *= _KO_UNITS[unit]
            else:
                total += section * _KO_BIG_UNITS[unit]
                last_big = _KO_BIG_UNITS[unit]
                section = 0.0
        total += section
    values.append(total)
    return values


def _month_name(token: str) -> int:
    token = token.lower().rstrip(".")
    for number, name in enumerate(_MONTHS, start=1):
        if name.startswith(token):
            return number
    raise ValueError(token)


def ko_anchors(text: str) -> tuple[frozenset[str], frozenset[str], bool]:
    """Anchors of a Korean text: (numbers and months as keys, Latin tokens lowercased, quotes)."""
    numbers = {f"m{int(m)}" for m in _KO_MONTH.findall(text)}
    rest = _KO_MONTH.sub(" ", text)
    for expr in _KO_NUMBER.findall(rest):
        numbers.update(_key(v) for v in _ko_values(expr))
    latin = frozenset(t.lower() for t in _LATIN.findall(text) if len(t) > 1)
    return frozenset(numbers), latin, any(ch in _KO_QUOTES for ch in text)


def en_anchors(text: str) -> tuple[frozenset[str], frozenset[str], frozenset[str], bool]:
    """Anchors of an English text: (numbers and months, all Latin tokens lowercased,
    acronyms lowercased, quotes). HTML entities are decoded first."""
    if "&" in text:
        text = html.unescape(text)
    numbers = {f"m{_month_name(m.group(0))}" for m in _EN_MONTH.finditer(text)}
    for digits, scale in _EN_NUMBER.findall(text):
        value = float(digits.replace(",", ""))
        numbers.add(_key(value * _EN_SCALES[scale.lower()] if scale else value))
    for word, scale in _EN_WORD_NUMBER.findall(text):
        value = _EN_WORDS[word.lower()]
        numbers.add(_key(value * _EN_SCALES[scale.lower()] if scale else value))
    tokens = frozenset(t.lower() for t in _LATIN.findall(text))
    acronyms = frozenset(t.lower() for t in _ACRONYM.findall(text))
    return frozenset(numbers), tokens, acronyms, any(ch in _EN_QUOTES for ch in text)


_NO_KO = (frozenset(), frozenset(), False)
_NO_EN = (frozenset(), frozenset(), frozenset(), False)


def _join_ko(a, b):
    return (a[0] | b[0], a[1] | b[1], a[2] or b[2])


def _join_en(a, b):
    return (a[0] | b[0], a[1] | b[1], a[2] | b[2], a[3] or b[3])


def _anchor_cost(kf, ef, p: AlignParams) -> float:
    """Anchor evidence of one bead: shared anchors lower the cost, one-sided ones raise it."""
    k_num, k_lat, k_quote = kf
    e_num, e_tok, e_acr, e_quote = ef
    shared = missing = 0
    if k_num or e_num:
        both = len(k_num & e_num)
        shared += both
        missing += len(k_num) + len(e_num) - 2 * both
    if k_lat:
        found = len(k_lat & e_tok)
        shared += found
        missing += len(k_lat) - found
    if e_acr:
        missing += len(e_acr - k_lat)
    cost = p.anchor_miss * missing - p.anchor_match * shared
    if k_quote != e_quote:
        cost += p.quote_miss
    elif k_quote:
        cost -= p.quote_match
    return cost


# ----------------------------------------------------------------------------- programme

_INF = math.inf


def _band(klen: list[int], elen: list[int], width: int) -> tuple[list[int], list[int]]:
    """Per Korean position ``i`` (0..n), the range ``lo[i]..hi[i]`` of English positions kept.

    The centre follows cumulative length: position ``i`` covers the same share of the Korean
    characters as the centre covers of the English ones.
    """
    n, m = len(klen), len(elen)
    ktot = sum(klen) or 1
    etot = sum(elen) or 1
    lo, hi = [], []
    j = 0
    ecum = 0.0
    kcum = 0
    for i in range(n + 1):
        if i:
            kcum += klen[i - 1]
        share = kcum / ktot * etot
        while j < m and ecum + elen[j] / 2 < share:
            ecum += elen[j]
            j += 1
        centre = m if i == n else (0 if i == 0 else j)
        lo.append(max(0, centre - width))
        hi.append(min(m, centre + width))
    # Monotone and connected.
    for i in range(1, n + 1):
        lo[i] = max(lo[i], lo[i - 1])
    for i in range(n - 1, -1, -1):
        hi[i] = min(hi[i], hi[i + 1])
    return lo, hi


def _logsumexp_cost(values: list[float]) -> float:
    """``-log Σ exp(-v)``: the cost of the union of alternatives with costs ``values``."""
    best = min(values)
    if best == _INF:
        return _INF
    return best - math.log(sum(math.exp(best - v) for v in values))


class _Aligner:
    """One alignment problem: unit features, span statistics and the banded programme."""

    def __init__(self, ko: list[str], en: list[str], p: AlignParams) -> None:
        model = load_model()
        self.p = p
        self.n, self.m = len(ko), len(en)
        self.klen = [char_count(s) for s in ko]
        self.elen = [char_count(s) for s in en]
        kf = [ko_anchors(s) for s in ko]
        ef = [en_anchors(s) for s in en]
        # Span statistics for spans of 1 and 2 units ending at position i (exclusive end).
        self.k_mu: list[dict[int, float]] = [{} for _ in range(self.n + 1)]
        self.k_sd: list[dict[int, float]] = [{} for _ in range(self.n + 1)]
        self.k_feat: list[dict[int, tuple]] = [{0: _NO_KO} for _ in range(self.n + 1)]
        for i in range(1, self.n + 1):
            for size in (1, 2):
                if i - size < 0:
                    continue
                k = max(1, sum(self.klen[i - size : i]))
                self.k_mu[i][size] = model.alpha + model.beta * math.log(k)
                self.k_sd[i][size] = math.sqrt(model.var_a + model.var_b / k)
                self.k_feat[i][size] = (
                    kf[i - 1] if size == 1 else _join_ko(kf[i - 2], kf[i - 1])
                )
        self.e_log: list[dict[int, float]] = [{} for _ in range(self.m + 1)]
        self.e_feat: list[dict[int, tuple]] = [{0: _NO_EN} for _ in range(self.m + 1)]
        for j in range(1, self.m + 1):
            for size in (1, 2):
                if j - size < 0:
                    continue
                self.e_log[j][size] = math.log(max(1, sum(self.elen[j - size : j])))
                self.e_feat[j][size] = (
                    ef[j - 1] if size == 1 else _join_en(ef[j - 2], ef[j - 1])
                )
        self.k_has = [
            {s: bool(f[0] or f[1] or f[2]) for s, f in d.items()} for d in self.k_feat
        ]
        self.e_has = [{s: bool(f[0] or f[2] or f[3]) for s, f in d.items()} for d in self.e_feat]
        self.prior = {
            (1, 1): 0.0,
            (2, 1): p.merge,
            (1, 2): p.merge,
            (2, 2): p.merge22,
            (1, 0): p.skip,
            (0, 1): p.skip,
        }

    def bead_cost(self, i: int, j: int, di: int, dj: int) -> float:
        """Cost of the bead ending at ``(i, j)`` covering ``di`` Korean and ``dj`` English units."""
        cost = self.prior[(di, dj)]
        if di and dj:
            z = (self.e_log[j][dj] - self.k_mu[i][di]) / self.k_sd[i][di]
            cost += two_sided_tail_cost(z)
        if self.k_has[i][di] or self.e_has[j][dj]:
            cost += _anchor_cost(self.k_feat[i][di], self.e_feat[j][dj], self.p)
        return cost

    def run(self, width: int):
        """Viterbi and forward pass over the band; ``None`` if the best path hits its edge."""
        n, m = self.n, self.m
        lo, hi = _band(self.klen, self.elen, width)
        vit: list[list[float]] = []
        fwd: list[list[float]] = []
        back: list[list[int]] = []
        costs: list[list[tuple[float, ...]]] = []
        for i in range(n + 1):
            l_i, h_i = lo[i], hi[i]
            v_row, f_row, b_row, c_row = [], [], [], []
            for j in range(l_i, h_i + 1):
                if i == 0 and j == 0:
                    v_row.append(0.0)
                    f_row.append(0.0)
                    b_row.append(-1)
                    c_row.append(())
                    continue
                best, best_t = _INF, -1
                bead = []
                alts = []
                for t, (di, dj) in enumerate(_TYPES):
                    pi, pj = i - di, j - dj
                    if pi < 0 or pj < lo[pi] or pj > hi[pi]:
                        bead.append(_INF)
                        continue
                    c = self.bead_cost(i, j, di, dj)
                    bead.append(c)
                    v = vit[pi][pj - lo[pi]] if pi < i else v_row[pj - l_i]
                    f = fwd[pi][pj - lo[pi]] if pi < i else f_row[pj - l_i]
                    if v + c < best:
                        best, best_t = v + c, t
                    alts.append(f + c)
                v_row.append(best)
                f_row.append(_logsumexp_cost(alts) if alts else _INF)
                b_row.append(best_t)
                c_row.append(tuple(bead))
            vit.append(v_row)
            fwd.append(f_row)
            back.append(b_row)
            costs.append(c_row)

        # Trace back.
        path = []
        i, j = n, m
        touches = False
        while i or j:
            t = back[i][j - lo[i]]
            if t < 0:
                return None  # unreachable corner: widen
            if (j == lo[i] and lo[i] > 0) or (j == hi[i] and hi[i] < m):
                touches = True
            di, dj = _TYPES[t]
            path.append((i - di, j - dj, i, j, t))
            i, j = i - di, j - dj
        if touches and width < max(n, m):
            return None
        path.reverse()

        # Backward pass (cost of completing the alignment from each cell).
        bwd: list[list[float]] = [[_INF] * (hi[i] - lo[i] + 1) for i in range(n + 1)]
        bwd[n][m - lo[n]] = 0.0
        for i in range(n, -1, -1):
            for j in range(hi[i], lo[i] - 1, -1):
                if i == n and j == m:
                    continue
                alts = []
                for t, (di, dj) in enumerate(_TYPES):
                    ni, nj = i + di, j + dj
                    if ni > n or nj < lo[ni] or nj > hi[ni]:
                        continue
                    rest = bwd[ni][nj - lo[ni]]
                    if rest < _INF:
                        alts.append(costs[ni][nj - lo[ni]][t] + rest)
                if alts:
                    bwd[i][j - lo[i]] = _logsumexp_cost(alts)
        total = fwd[n][m - lo[n]]
        links = []
        for i0, j0, i1, j1, t in path:
            post = fwd[i0][j0 - lo[i0]] + costs[i1][j1 - lo[i1]][t] + bwd[i1][j1 - lo[i1]]
            score = min(1.0, max(0.0, math.exp(total - post)))
            links.append(Link(tuple(range(i0, i1)), tuple(range(j0, j1)), round(score, 4)))
        return links


def align(ko: list[str], en: list[str], *, params: AlignParams = DEFAULT_PARAMS) -> list[Link]:
    """Align Korean units ``ko`` with English units ``en`` (sentences or paragraphs), in order.

    Returns links covering every unit exactly once, in text order. Link types: 1-1, 1-0, 0-1,
    1-2, 2-1, 2-2. Pure function (the length model is loaded once and cached).
    """
    if not ko and not en:
        return []
    problem = _Aligner(ko, en, params)
    width = max(1, params.band)
    while True:
        links = problem.run(width)
        if links is not None:
            return links
        width *= 2
