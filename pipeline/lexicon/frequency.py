"""How common an English word is: wordfreq's Zipf frequency, looked up fast.

Importing wordfreq and loading its English list takes about half a second. A plain
lower-case word (letters a-z only, what the checks mostly ask about) is answered from a
table of wordfreq's own answers for every such word of its list, kept in the lexicon cache
(:mod:`pipeline.lexicon.cache`); a word not in the list has Zipf frequency 0, as wordfreq
says. Anything else (capitals, hyphens, digits, other scripts) is asked of wordfreq.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from pipeline.lexicon.cache import WordTable, cached_words

_PLAIN = re.compile(r"[a-z]+")


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """wordfreq's ``zipf_frequency(word, "en")``."""
    if _PLAIN.fullmatch(word):
        return _table().get(word, 0) / 100
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@lru_cache(maxsize=1)
def _table() -> WordTable:
    source = resources.files("pipeline.lexicon").joinpath("frequency.py")
    return cached_words("zipf-en", build_table, [source], packages=("wordfreq",))


def build_table() -> dict[str, int]:
    """Zipf frequency times 100 of every plain word of wordfreq's English list (wordfreq
    quantises frequencies to hundredths of a Zipf unit, so nothing is lost)."""
    from wordfreq import get_frequency_dict, zipf_frequency

    table = {}
    for word in get_frequency_dict("en"):
        if _PLAIN.fullmatch(word):
            value = zipf_frequency(word, "en")
            table[word] = round(value * 100)
            if table[word] / 100 != value:
                raise ValueError(
                    f"wordfreq: Zipf frequency {value} of {word!r} is not in hundredths"
                )
    return table
