"""Length model for Korean→English sentence alignment (Gale–Church style, in log space).

How long is the English translation of a Korean text of ``k`` characters? Gale and Church
(1993) model the English length ``e`` as normal with mean ``c·k`` and variance ``s²·k``. On
Korean–English news the spread of ``e/k`` does not grow like that: it is a roughly constant
*factor* for long sentences and wider for short ones. So the fitted model works on logs:

    log e ~ Normal(alpha + beta·log k,  var_a + var_b / k)

``alpha``/``beta`` give the ratio (about 2 English characters per Korean one, a little less
for long sentences), ``var_a`` is the multiplicative spread and ``var_b / k`` the extra
spread of short texts. The classic linear parameters (``c``, ``s²``) are fitted too and kept
for comparison (the benchmark gives them to NLTK's ``gale_church``).

Characters are counted by :func:`char_count`: every character that is not whitespace
(Korean spacing is irregular, so spaces carry little signal).

The parameters live in ``pipeline/pair/data/length_model.json`` with their provenance
(data file, lines, date, method); ``benchmarks/fit_length_model.py`` writes that file. It is
read once, through :mod:`importlib.resources`. Everything else here is pure.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

MODEL_RESOURCE = ("pipeline.pair", "data/length_model.json")

_SQRT1_2 = math.sqrt(0.5)
_LOG_SQRT_PI = 0.5 * math.log(math.pi)


def char_count(text: str) -> int:
    """Characters the length model counts: all but whitespace."""
    return len("".join(text.split()))


def two_sided_tail_cost(z: float) -> float:
    """``-log P(|Z| >= |z|)`` for a standard normal ``Z`` (0 at ``z = 0``, grows like z²/2).

    Computed with ``erfc`` and, where ``erfc`` underflows, its asymptotic expansion.
    """
    x = abs(z) * _SQRT1_2
    if x < 20.0:
        return -math.log(math.erfc(x))
    # log erfc(x) ≈ -x² - log(x·√π) + log(1 - 1/(2x²))
    return x * x + math.log(x) + _LOG_SQRT_PI - math.log1p(-0.5 / (x * x))


@dataclass(frozen=True)
class LengthModel:
    """``log e ~ Normal(alpha + beta·log k, var_a + var_b/k)``.

    ``k``: Korean characters, ``e``: English characters (both as :func:`char_count` counts).
    """

    alpha: float
    beta: float
    var_a: float
    var_b: float

    def mean_log_en(self, ko_chars: int) -> float:
        """Expected ``log`` English length for ``ko_chars`` Korean characters."""
        return self.alpha + self.beta * math.log(max(ko_chars, 1))

    def expected_en(self, ko_chars: int) -> float:
        """Median English length (characters) for ``ko_chars`` Korean characters."""
        return math.exp(self.mean_log_en(ko_chars))

    def z(self, ko_chars: int, en_chars: int) -> float:
        """Standardised deviation of ``log en_chars`` from its expectation (0 = typical)."""
        k = max(ko_chars, 1)
        e = max(en_chars, 1)
        return (math.log(e) - self.alpha - self.beta * math.log(k)) / math.sqrt(
            self.var_a + self.var_b / k
        )

    def cost(self, ko_chars: int, en_chars: int) -> float:
        """Negative log probability of a deviation at least this large (two-sided)."""
        return two_sided_tail_cost(self.z(ko_chars, en_chars))


@lru_cache(maxsize=1)
def model_document() -> dict:
    """The whole JSON document (parameters and provenance), read once."""
    package, name = MODEL_RESOURCE
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def load_model() -> LengthModel:
    """The fitted :class:`LengthModel` (cached)."""
    p = model_document()["log_model"]
    return LengthModel(
        alpha=float(p["alpha"]),
        beta=float(p["beta"]),
        var_a=float(p["var_a"]),
        var_b=float(p["var_b"]),
    )


def length_cost(ko_chars: int, en_chars: int) -> float:
    """Negative log probability that ``en_chars`` English characters translate ``ko_chars``
    Korean ones: ``-log P(|Z| >= |z|)`` under the fitted model (0 for the typical length).

    Counts below 1 are treated as 1, so an empty side gets a large but finite cost.
    """
    return load_model().cost(ko_chars, en_chars)
