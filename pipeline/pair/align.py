"""Sentence (or paragraph) alignment of a Korean text with its English translation.

:func:`align` pairs the units of two texts, in order, with links of type 1-1, 1-0, 0-1,
1-2, 2-1 and 2-2. It is a Gale–Church style dynamic programme whose bead cost is

* the fitted length model (:mod:`pipeline.pair.length_model`: English length given Korean
  length, in log space) for beads with text on both sides, or a calibrated skip penalty for
  1-0 / 0-1 beads (an omission or an addition);
* a prior cost per link type (1-1 is free; merges and skips cost);
* anchor evidence, found by :mod:`pipeline.pair.anchors`: numbers compared by value
  (``15,000`` = ``1만 5천``, ``$3 billion`` = ``30억 달러``, ``3천여 명`` = 3000), months
  (``4월`` = ``April``), Latin-script tokens kept verbatim in the Korean (``NSS``, ``ICBM``,
  ``G20``, names) and English acronyms, double quotation marks, transliterated names (a
  consonant skeleton: 클린턴 ~ Clinton) and about 150 frequent news concepts from a small
  hand-written list, ``data/concepts.tsv`` (대통령 ~ president, 토요일 ~ Saturday). Shared
  anchors lower the cost, anchors on one side only raise it;
* word evidence (:mod:`pipeline.pair.lexicon`): how many dictionary words of each unit find
  their translation on the other side of the bead (경찰 ~ police, 해변 ~ beach), from a
  Korean→English word list of the Basic Korean Dictionary, as a log-likelihood ratio of
  "translation" against "unrelated". A foreign sentence absorbed into a merge, or two
  unrelated sentences paired, finds almost none; this is what tells an inserted or dropped
  sentence (1-0 / 0-1) from a merge whose lengths happen to fit.

The programme runs in a band around the diagonal given by cumulative lengths and widens the
band when the best path touches its edge, so it costs about ``O(n·w)`` rather than ``O(n·m)``.
Each link's ``score`` is its posterior probability under the same costs (forward–backward
over the band): near 1 for a clear link, lower where another segmentation is nearly as good.

Everything here is pure; the only I/O is reading the length model, the word model, the concept
list and the word list once (cached). :func:`ko_anchors` and :func:`en_anchors` are re-exported from
:mod:`pipeline.pair.anchors`.
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass

from pipeline.pair.anchors import (
    NO_EN_ANCHORS,
    NO_KO_ANCHORS,
    clear_caches,
    en_anchors,
    ko_anchors,
)
from pipeline.pair.length_model import char_count, load_model, two_sided_tail_cost
from pipeline.pair.lexicon import WordMatches, en_words, ko_words, load_word_model

__all__ = [
    "DEFAULT_PARAMS",
    "AlignParams",
    "Link",
    "align",
    "clear_caches",
    "en_anchors",
    "ko_anchors",
]

_SQRT1_2 = math.sqrt(0.5)


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
    """Costs (in nats) of the alignment programme.

    The defaults were tuned (random search, then coordinate descent with the word evidence)
    for strict F1 on the perturbed documents that ``benchmarks/alignment.py --part tune``
    builds from lines 1-1000 of the koen-news-park2016 test split (with four perturbation
    seeds); never on the held-out lines. ``merge22`` was set by hand:
    that benchmark has no 2-2 gold link, so tuning it would simply forbid 2-2 links.
    """

    merge: float = 4.0  # 2-1 and 1-2 beads
    merge22: float = 8.5  # 2-2 beads
    skip: float = 4.0  # 1-0 and 0-1 beads (omission / addition), instead of a length cost
    anchor_match: float = 2.2  # per anchor found on both sides of a bead (subtracted)
    anchor_miss: float = 0.75  # per anchor found on one side only
    quote_match: float = 0.5  # both sides quote (subtracted)
    quote_miss: float = 0.5  # one side quotes, the other does not
    name_match: float = 1.0  # per transliterated name matched (subtracted)
    name_miss: float = 0.3  # per English name without a Korean match
    term_match: float = 1.7  # per concept of data/concepts.tsv on both sides (subtracted)
    term_miss: float = 0.4  # per concept on one side only
    null_anchor: float = 0.1  # weight of the anchor evidence inside 1-0 / 0-1 beads
    words: float = 0.33  # weight of the word evidence (lexicon.WordMatches)
    band: int = 2  # initial half-width of the band, in units


DEFAULT_PARAMS = AlignParams()

# (Korean units, English units) per bead type; order matters only for ties.
_TYPES = ((1, 1), (2, 1), (1, 2), (1, 0), (0, 1), (2, 2))
_STEPS = tuple((t, di, dj) for t, (di, dj) in enumerate(_TYPES))
_KO_NULL, _EN_NULL = _TYPES.index((1, 0)), _TYPES.index((0, 1))


# ----------------------------------------------------------------------------- anchor cost


def _join(a: tuple, b: tuple) -> tuple:
    """Anchors of two adjacent units together (field by field union)."""
    return tuple(map(operator.or_, a, b))


def _anchor_cost(kf: tuple, ef: tuple, p: AlignParams) -> float:
    """Anchor evidence of one bead: shared anchors lower the cost, one-sided ones raise it."""
    k_num, k_lat, k_names, k_terms, k_quote = kf
    e_num, e_tok, e_acr, e_names, e_terms, e_quote = ef
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
    if e_names:
        found = len(e_names & k_names)
        cost += p.name_miss * (len(e_names) - found) - p.name_match * found
    if k_terms or e_terms:
        both = len(k_terms & e_terms)
        cost += p.term_miss * (len(k_terms) + len(e_terms) - 2 * both) - p.term_match * both
    if k_quote != e_quote:
        cost += p.quote_miss
    elif k_quote:
        cost -= p.quote_match
    return cost


# ----------------------------------------------------------------------------- programme

_INF = math.inf
# Beads whose length deviation (|z|/√2) is beyond this cost over 17 nats on length alone; their
# word evidence is not computed.
_HOPELESS = 3.0


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


class _Aligner:
    """One alignment problem: unit features, span statistics and the banded programme.

    Span statistics are kept per span size ``d`` (0, 1, 2) and end position: ``k_mu[d][i]``
    is the expected log English length of Korean units ``i-d .. i-1``.
    """

    def __init__(self, ko: list[str], en: list[str], p: AlignParams) -> None:
        model = load_model()
        self.p = p
        self.n, self.m = n, m = len(ko), len(en)
        self.klen = klen = [char_count(s) for s in ko]
        self.elen = elen = [char_count(s) for s in en]
        kf = [ko_anchors(s) for s in ko]
        ef, ew = [], []
        for s in en:  # one after the other: both read the unit's words (anchors.english_words)
            ef.append(en_anchors(s))
            ew.append(en_words(s))
        self.words = WordMatches([ko_words(s) for s in ko], ew, load_word_model(), p.words)
        self.k_mu: list[list[float]] = [[0.0] * (n + 1) for _ in range(3)]
        self.k_sd: list[list[float]] = [[1.0] * (n + 1) for _ in range(3)]
        self.k_feat: list[list[tuple]] = [[NO_KO_ANCHORS] * (n + 1) for _ in range(3)]
        for size in (1, 2):
            for i in range(size, n + 1):
                k = max(1, sum(klen[i - size : i]))
                self.k_mu[size][i] = model.alpha + model.beta * math.log(k)
                self.k_sd[size][i] = math.sqrt(model.var_a + model.var_b / k)
                self.k_feat[size][i] = kf[i - 1] if size == 1 else _join(kf[i - 2], kf[i - 1])
        self.e_log: list[list[float]] = [[0.0] * (m + 1) for _ in range(3)]
        self.e_feat: list[list[tuple]] = [[NO_EN_ANCHORS] * (m + 1) for _ in range(3)]
        for size in (1, 2):
            for j in range(size, m + 1):
                self.e_log[size][j] = math.log(max(1, sum(elen[j - size : j])))
                self.e_feat[size][j] = ef[j - 1] if size == 1 else _join(ef[j - 2], ef[j - 1])
        # Names only count when the English side has some, so they are left out of k_has.
        self.k_has = [[any(f[:2] + f[3:]) for f in row] for row in self.k_feat]
        self.e_has = [[any(f[:1] + f[2:]) for f in row] for row in self.e_feat]
        prior = {
            (1, 1): 0.0,
            (2, 1): p.merge,
            (1, 2): p.merge,
            (2, 2): p.merge22,
            (1, 0): p.skip,
            (0, 1): p.skip,
        }
        # 1-0 bead ending at Korean position i, 0-1 bead ending at English position j.
        self.ko_null = [p.skip] + [
            p.skip + p.null_anchor * _anchor_cost(f, NO_EN_ANCHORS, p) if has else p.skip
            for f, has in zip(self.k_feat[1][1:], self.k_has[1][1:], strict=True)
        ]
        self.en_null = [p.skip] + [
            p.skip + p.null_anchor * _anchor_cost(NO_KO_ANCHORS, f, p) if has else p.skip
            for f, has in zip(self.e_feat[1][1:], self.e_has[1][1:], strict=True)
        ]
        self.prior = prior
        # Bead costs by cell (i * (m + 1) + j): a list by bead type, filled as the programme
        # first needs each bead, and kept when the band is widened.
        self.bead_costs: dict[int, list[float | None]] = {}

    def bead_cost(self, i: int, di: int, j: int, dj: int) -> float:
        """Cost of the bead of Korean units ``i-di .. i-1`` and English units ``j-dj .. j-1``
        (``di`` and ``dj`` ≥ 1; the costs of 1-0 and 0-1 beads are ``ko_null``, ``en_null``)."""
        c = self.prior[di, dj]
        x = abs(self.e_log[dj][j] - self.k_mu[di][i]) / self.k_sd[di][i] * _SQRT1_2
        if x < _HOPELESS:
            c += -math.log(math.erfc(x)) + self.words.cost(i, di, j, dj)
        else:  # lengths far apart: no word evidence can save this bead
            c += -math.log(math.erfc(x)) if x < 20.0 else two_sided_tail_cost(x / _SQRT1_2)
        if self.k_has[di][i] or self.e_has[dj][j]:
            c += _anchor_cost(self.k_feat[di][i], self.e_feat[dj][j], self.p)
        return c

    def run(self, width: int) -> list[Link] | None:
        """Viterbi, forward and backward passes over the band of half-width ``width``.

        Returns ``None`` when the best path touches the edge of the band (then it is widened).
        """
        n, m = self.n, self.m
        bead_cost, bead_costs = self.bead_cost, self.bead_costs
        ko_null, en_null = self.ko_null, self.en_null
        log, exp, inf = math.log, math.exp, _INF
        lo, hi = _band(self.klen, self.elen, width)
        vit: list[list[float]] = []
        fwd: list[list[float]] = []
        back: list[list[int]] = []
        costs: list[list[list[float | None]]] = []
        for i in range(n + 1):
            l_i, h_i = lo[i], hi[i]
            v_row: list[float] = []
            f_row: list[float] = []
            b_row: list[int] = []
            c_row: list[list[float | None]] = []
            for j in range(l_i, h_i + 1):
                best, best_t = inf, -1
                cell = i * (m + 1) + j
                bead = bead_costs.get(cell)
                if bead is None:
                    bead = bead_costs[cell] = [None] * 6
                    bead[_KO_NULL], bead[_EN_NULL] = ko_null[i], en_null[j]
                alts = []
                for t, di, dj in _STEPS:
                    pi, pj = i - di, j - dj
                    if pi < 0 or pj < lo[pi] or pj > hi[pi]:
                        continue
                    c = bead[t]
                    if c is None:
                        c = bead[t] = bead_cost(i, di, j, dj)
                    if pi == i:
                        v, f = v_row[pj - l_i], f_row[pj - l_i]
                    else:
                        v, f = vit[pi][pj - lo[pi]], fwd[pi][pj - lo[pi]]
                    if v + c < best:
                        best, best_t = v + c, t
                    alts.append(f + c)
                if i == 0 and j == 0:
                    best, f = 0.0, 0.0
                elif alts:
                    f = min(alts)
                    if f < inf:
                        f -= log(sum([exp(f - a) for a in alts]))
                else:
                    f = inf
                v_row.append(best)
                f_row.append(f)
                b_row.append(best_t)
                c_row.append(bead)
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
                return None  # the corner was not reached: widen
            if (j == lo[i] and lo[i] > 0) or (j == hi[i] and hi[i] < m):
                touches = True
            di, dj = _TYPES[t]
            path.append((i - di, j - dj, i, j, t))
            i, j = i - di, j - dj
        if touches and width < max(n, m):
            return None
        path.reverse()

        # Backward pass: cost of completing the alignment from each cell.
        bwd: list[list[float]] = [[inf] * (hi[i] - lo[i] + 1) for i in range(n + 1)]
        bwd[n][m - lo[n]] = 0.0
        for i in range(n, -1, -1):
            l_i = lo[i]
            row = bwd[i]
            for j in range(hi[i], l_i - 1, -1):
                if i == n and j == m:
                    continue
                alts = []
                for t, di, dj in _STEPS:
                    ni, nj = i + di, j + dj
                    if ni > n or nj < lo[ni] or nj > hi[ni]:
                        continue
                    rest = bwd[ni][nj - lo[ni]]
                    if rest < inf:
                        alts.append(costs[ni][nj - lo[ni]][t] + rest)
                if alts:
                    b = min(alts)
                    row[j - l_i] = b - log(sum([exp(b - a) for a in alts]))
        total = fwd[n][m - lo[n]]
        links = []
        for i0, j0, i1, j1, t in path:
            post = fwd[i0][j0 - lo[i0]] + costs[i1][j1 - lo[i1]][t] + bwd[i1][j1 - lo[i1]]
            score = min(1.0, max(0.0, exp(total - post)))
            links.append(Link(tuple(range(i0, i1)), tuple(range(j0, j1)), round(score, 4)))
        return links


def align(ko: list[str], en: list[str], *, params: AlignParams = DEFAULT_PARAMS) -> list[Link]:
    """Align Korean units ``ko`` with English units ``en`` (sentences or paragraphs), in order.

    Returns links covering every unit exactly once, in text order. Link types: 1-1, 1-0, 0-1,
    1-2, 2-1, 2-2. Pure function (the length model is loaded once and cached).
    """
    if not ko or not en:  # nothing to pair: every unit is an omission or an addition
        return [Link((i,), (), 1.0) for i in range(len(ko))] + [
            Link((), (j,), 1.0) for j in range(len(en))
        ]
    problem = _Aligner(ko, en, params)
    width = max(1, params.band)
    while True:
        links = problem.run(width)
        if links is not None:
            return links
        width *= 2
