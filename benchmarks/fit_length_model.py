"""Fit the aligner's models: ``pipeline/pair/data/length_model.json`` and ``word_model.json``.

Data: the koen-news-park2016 test split in ``shared/data`` (CC BY-SA 3.0, Park et al. 2016/2017;
see its SOURCE.md), read in place, never copied. The fit uses lines 1-1000 only (the tuning
part); lines 1001-2000 are kept for the alignment benchmark. The lines that the data README
lists as outliers (extreme length ratio: headers, glossary lines, fragments) are left out.

Two models are fitted, both by maximum likelihood:

* ``log_model`` (the one ``pipeline.pair.length_model`` uses):
  ``log e ~ Normal(alpha + beta·log k, var_a + var_b/k)``. For fixed ``(var_a, var_b)`` the
  best ``alpha, beta`` is a weighted least-squares solution; ``(var_a, var_b)`` are found by a
  grid search refined three times around the best point.
* ``gale_church``: the classic ``e ~ Normal(c·k, s²·k)`` (``c = Σe/Σk``, ``s²`` its MLE).

Both are compared by 5-fold cross-validated negative log-likelihood of the English length
(nats per pair), stored with the parameters.

The word model (:class:`pipeline.pair.lexicon.WordModel`): how many dictionary words of a
sentence find their translation on the other side (:func:`pipeline.pair.lexicon.ko_words`,
:func:`~pipeline.pair.lexicon.en_words`). For the corpus pairs, a beta-binomial fitted by the
method of moments (units of three words or more); for unrelated pairs (each line against five
random other lines, seed 0), the chance ``q`` that one word is matched per stem on the other
side (matched words / (words × other side's stems)).

Run: ``python benchmarks/fit_length_model.py [--data DIR]``. Pure Python, no extra packages.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import math
import random
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from pipeline.pair.length_model import char_count  # noqa: E402

DATA_DIR = REPO_ROOT.parent / "shared" / "data" / "koen-news-park2016"
OUT_PATH = REPO_ROOT / "pipeline" / "pair" / "data" / "length_model.json"
WORD_OUT_PATH = REPO_ROOT / "pipeline" / "pair" / "data" / "word_model.json"
FIT_LINES = (1, 1000)

# The outlier lines listed in shared/data/README.md (extreme English/Korean length ratio).
OUTLIER_LINES = frozenset(
    """29 105 120 174 267 396 526 582 596 661 681 824 921 925 1046 1082 1085 1109 1133 1135
    1155 1157 1227 1268 1323 1348 1357 1368 1498 1553 1554 1625 1647 1664 1786 1836 1847 1851
    1865 1883 1903 1934 1991""".split()
)
OUTLIER_LINES = frozenset(int(x) for x in OUTLIER_LINES)


def read_lines(path: Path) -> list[str]:
    """The lines of a UTF-8 text file, without their newlines."""
    return path.read_text(encoding="utf-8").split("\n")[:-1]


def read_pairs(data_dir: Path = DATA_DIR) -> tuple[list[str], list[str]]:
    """``(ko, en)``: the line-aligned test split (index ``i`` is line ``i + 1``)."""
    ko = read_lines(data_dir / "test.ko")
    en = read_lines(data_dir / "test.en")
    if len(ko) != len(en):
        raise SystemExit(f"{data_dir}: test.ko has {len(ko)} lines, test.en {len(en)}")
    return ko, en


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ----------------------------------------------------------------------------- log model


def _wls(lk: list[float], y: list[float], w: list[float]) -> tuple[float, float]:
    """Weighted least squares ``y ≈ alpha + beta·lk``."""
    sw = sum(w)
    sx = sum(wi * x for wi, x in zip(w, lk, strict=True))
    sy = sum(wi * v for wi, v in zip(w, y, strict=True))
    sxx = sum(wi * x * x for wi, x in zip(w, lk, strict=True))
    sxy = sum(wi * x * v for wi, x, v in zip(w, lk, y, strict=True))
    det = sw * sxx - sx * sx
    beta = (sw * sxy - sx * sy) / det
    alpha = (sy - beta * sx) / sw
    return alpha, beta


def _log_nll(k: list[int], e: list[int], a: float, b: float) -> tuple[float, float, float]:
    """Profile NLL of the log model at variance parameters ``(a, b)``; returns (nll, α, β)."""
    lk = [math.log(x) for x in k]
    y = [math.log(x) for x in e]
    var = [a + b / x for x in k]
    alpha, beta = _wls(lk, y, [1 / v for v in var])
    nll = 0.0
    for x, v, vv in zip(lk, y, var, strict=True):
        r = v - alpha - beta * x
        nll += 0.5 * math.log(2 * math.pi * vv) + r * r / (2 * vv)
    return nll, alpha, beta


def fit_log_model(k: list[int], e: list[int]) -> dict[str, float]:
    """MLE of ``log e ~ N(alpha + beta log k, var_a + var_b / k)`` (grid search, refined)."""
    a_lo, a_hi, b_lo, b_hi = 0.005, 0.2, 0.0, 5.0
    best = None
    for _ in range(4):
        for ia in range(17):
            a = a_lo + (a_hi - a_lo) * ia / 16
            for ib in range(17):
                b = b_lo + (b_hi - b_lo) * ib / 16
                if a + b / max(k) <= 0:
                    continue
                nll, alpha, beta = _log_nll(k, e, a, b)
                if best is None or nll < best[0]:
                    best = (nll, a, b, alpha, beta)
        _, a, b, _, _ = best
        da, db = (a_hi - a_lo) / 8, (b_hi - b_lo) / 8
        a_lo, a_hi = max(1e-4, a - da), a + da
        b_lo, b_hi = max(0.0, b - db), b + db
    _, a, b, alpha, beta = best
    return {"alpha": alpha, "beta": beta, "var_a": a, "var_b": b}


def log_model_nll(p: dict[str, float], k: int, e: int) -> float:
    """NLL of English length ``e`` (density in ``e``, not ``log e``) under the log model."""
    v = p["var_a"] + p["var_b"] / k
    r = math.log(e) - p["alpha"] - p["beta"] * math.log(k)
    return 0.5 * math.log(2 * math.pi * v) + r * r / (2 * v) + math.log(e)


# ----------------------------------------------------------------------------- word model


def _beta_binomial_moments(rows: list[tuple[int, int]]) -> tuple[float, float]:
    """``(a, b)`` of a beta-binomial matching the mean and variance of ``h / n``."""
    shares = [h / n for h, n in rows]
    mean = sum(shares) / len(shares)
    var = sum((x - mean) ** 2 for x in shares) / len(shares)
    n_bar = sum(n for _, n in rows) / len(rows)
    rho = (var / (mean * (1 - mean)) - 1 / n_bar) / (1 - 1 / n_bar)
    size = (1 - rho) / rho
    return mean * size, (1 - mean) * size


def fit_word_model(ko: list[str], en: list[str], lines: list[int]) -> dict[str, float]:
    """The parameters of :class:`pipeline.pair.lexicon.WordModel` from the pairs ``lines``."""
    from pipeline.pair.lexicon import WordMatches, WordModel, en_words, ko_words

    kw = {n: ko_words(ko[n - 1]) for n in lines}
    ew = {n: en_words(en[n - 1]) for n in lines}
    neutral = WordModel(1.0, 1.0, 0.01, 1.0, 1.0, 0.01)

    def counts(a: int, b: int) -> tuple[int, int, int, int, int, int]:
        """Korean hits, words, English stems; English hits, stems, Korean stems."""
        words = WordMatches([kw[a]], [ew[b]], neutral, 1.0)
        ko_mask, en_found = words.masks(0, 0)
        ko_stems = len(words.ko_stems[0])
        return ko_mask.bit_count(), len(kw[a]), len(ew[b]), len(en_found), len(ew[b]), ko_stems

    paired = [counts(n, n) for n in lines]
    rng = random.Random(0)
    chance = [counts(n, rng.choice(lines)) for n in lines for _ in range(5)]
    a_ko, b_ko = _beta_binomial_moments([(r[0], r[1]) for r in paired if r[1] >= 3])
    a_en, b_en = _beta_binomial_moments([(r[3], r[4]) for r in paired if r[4] >= 3])
    q_ko = sum(r[0] for r in chance) / sum(r[1] * r[2] for r in chance)
    q_en = sum(r[3] for r in chance) / sum(r[4] * r[5] for r in chance)
    return {
        "a_ko": round(a_ko, 4),
        "b_ko": round(b_ko, 4),
        "q_ko": round(q_ko, 7),
        "a_en": round(a_en, 4),
        "b_en": round(b_en, 4),
        "q_en": round(q_en, 7),
    }


# ----------------------------------------------------------------------------- Gale–Church


def fit_gale_church(k: list[int], e: list[int]) -> dict[str, float]:
    """MLE of ``e ~ N(c k, s2 k)`` with ``c = Σe / Σk``."""
    c = sum(e) / sum(k)
    s2 = sum((y - c * x) ** 2 / x for x, y in zip(k, e, strict=True)) / len(k)
    return {"c": c, "s2": s2}


def gale_church_nll(p: dict[str, float], k: int, e: int) -> float:
    v = p["s2"] * k
    return 0.5 * math.log(2 * math.pi * v) + (e - p["c"] * k) ** 2 / (2 * v)


def cross_validate(k: list[int], e: list[int], folds: int = 5, seed: int = 0) -> dict[str, float]:
    """Mean held-out NLL per pair (nats) of both models, ``folds``-fold."""
    order = list(range(len(k)))
    random.Random(seed).shuffle(order)
    totals = {"log_model": 0.0, "gale_church": 0.0}
    for f in range(folds):
        held = set(order[f::folds])
        tk = [x for i, x in enumerate(k) if i not in held]
        te = [x for i, x in enumerate(e) if i not in held]
        lp, gp = fit_log_model(tk, te), fit_gale_church(tk, te)
        for i in held:
            totals["log_model"] += log_model_nll(lp, k[i], e[i])
            totals["gale_church"] += gale_church_nll(gp, k[i], e[i])
    return {name: round(v / len(k), 4) for name, v in totals.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="koen-news-park2016 folder")
    parser.add_argument("--out", type=Path, default=OUT_PATH)
    args = parser.parse_args()

    ko, en = read_pairs(args.data)
    first, last = FIT_LINES
    lines = [n for n in range(first, last + 1) if n not in OUTLIER_LINES]
    k = [char_count(ko[n - 1]) for n in lines]
    e = [char_count(en[n - 1]) for n in lines]

    log_p = fit_log_model(k, e)
    gc_p = fit_gale_church(k, e)
    cv = cross_validate(k, e)
    doc = {
        "description": (
            "Korean->English length model: log(en_chars) ~ Normal(alpha + beta*log(ko_chars), "
            "var_a + var_b/ko_chars); chars = non-whitespace characters. Used by "
            "pipeline.pair.length_model; gale_church = classic en ~ N(c*ko, s2*ko) for comparison."
        ),
        "char_count": "non-whitespace characters (pipeline.pair.length_model.char_count)",
        "log_model": {name: round(v, 6) for name, v in log_p.items()},
        "gale_church": {name: round(v, 6) for name, v in gc_p.items()},
        "cv_nll_per_pair": cv,
        "provenance": {
            "data": "shared/data/koen-news-park2016/test.ko + test.en (CC BY-SA 3.0, "
            "Park et al. 2016/2017, News Korean-English parallel corpus v1, test split)",
            "sha256": {
                "test.ko": sha256(args.data / "test.ko"),
                "test.en": sha256(args.data / "test.en"),
            },
            "lines": f"{first}-{last}",
            "excluded_lines": sorted(n for n in OUTLIER_LINES if first <= n <= last),
            "excluded_reason": "outlier lines listed in shared/data/README.md",
            "pairs_used": len(lines),
            "date": datetime.date.today().isoformat(),
            "fit_method": (
                "maximum likelihood: weighted least squares for alpha, beta profiled over a "
                "17x17 grid of (var_a, var_b), refined 3 times; gale_church: c = sum(en)/sum(ko), "
                "s2 = mean((en - c*ko)^2/ko); cv_nll_per_pair: 5-fold CV, seed 0, NLL of en_chars"
            ),
            "script": "benchmarks/fit_length_model.py",
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    word_doc = {
        "description": (
            "Word evidence of the aligner (pipeline.pair.lexicon.WordModel): number h of the n "
            "dictionary words of a unit translated on the other side of a bead; paired: "
            "beta-binomial(n, a, b); unrelated: binomial(n, 1 - (1 - q)^M), M = stems on the "
            "other side. *_ko: Korean units, *_en: English units."
        ),
        "word_model": fit_word_model(ko, en, lines),
        "provenance": {
            **doc["provenance"],
            "fit_method": (
                "paired: method of moments on h/n over the corpus pairs with n >= 3; "
                "unrelated: each line against 5 random other lines of the same part (seed 0), "
                "q = matched words / (words * stems on the other side); word list "
                "pipeline/pair/data/ko_en_lexicon.tsv.gz"
            ),
        },
    }
    WORD_OUT_PATH.write_text(
        json.dumps(word_doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"wrote {WORD_OUT_PATH}: {word_doc['word_model']}")
    print(f"  log model   {doc['log_model']}")
    print(f"  Gale-Church {doc['gale_church']}")
    print(f"  CV NLL/pair {cv}  ({len(lines)} pairs, lines {first}-{last})")


if __name__ == "__main__":
    main()
