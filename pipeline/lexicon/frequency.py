"""How common an English word is: wordfreq's Zipf frequency, looked up fast.

Importing wordfreq and loading its English list takes about half a second. A word of ASCII
letters, or of such words joined by hyphens ("Ji-won", "state-of-the-art"), is answered
from a table of the frequencies of wordfreq's list kept in the lexicon cache
(:mod:`pipeline.lexicon.cache`), with wordfreq's own arithmetic: it lower-cases the word,
cuts it at the hyphens, combines the parts' frequencies (1/f = 1/f1 + 1/f2 …, a part not in
the list making the whole unknown), keeps three significant digits and rounds the Zipf value
to hundredths. Building the table checks that this gives wordfreq's answer for every word of
the list and for combinations of them; if it ever did not (another wordfreq), every word is
asked of wordfreq. Anything else (digits, apostrophes, other scripts) is asked of wordfreq.
"""

from __future__ import annotations

import math
import random
import re
import warnings
from functools import lru_cache
from importlib import resources

from pipeline.lexicon.cache import WordTable, cached_words

#: words the table answers: ASCII letters, or such words joined by single hyphens
_WORDS = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
#: the table's entry holding wordfreq's floor frequency (Zipf 0); its absence means the
#: table could not reproduce wordfreq's answers
_FLOOR = ""


#: a word with one apostrophe ("korea's", "don't"), which wordfreq lists as one word; a
#: curly apostrophe is read as a straight one, as wordfreq does
_APOSTROPHE_WORD = re.compile(r"[A-Za-z]+['’][A-Za-z]+")


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """wordfreq's ``zipf_frequency(word, "en")``."""
    if _APOSTROPHE_WORD.fullmatch(word):
        table = _table()
        floor = table.get(_FLOOR)
        if floor is not None:
            return combined_zipf([table.get(word.lower().replace("’", "'"))], floor)
    if _WORDS.fullmatch(word):
        table = _table()
        floor = table.get(_FLOOR)
        if floor is not None:
            return combined_zipf([table.get(part) for part in word.lower().split("-")], floor)
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def combined_zipf(frequencies: list[float | None], floor: float) -> float:
    """The Zipf frequency wordfreq gives a word made of parts with these frequencies (None:
    a part not in its list), with ``floor`` the frequency of Zipf 0."""
    if any(f is None for f in frequencies):
        frequency = floor
    else:
        one_over = 0.0
        for f in frequencies:
            one_over += 1.0 / f
        unrounded = max(1.0 / one_over, floor)
        frequency = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
    return round(math.log(frequency, 10) + 9, 2)


@lru_cache(maxsize=1)
def _table() -> WordTable:
    source = resources.files("pipeline.lexicon").joinpath("frequency.py")
    return cached_words("zipf-en", build_table, [source], packages=("wordfreq",))


def build_table() -> dict[str, float]:
    """The frequency of every word of letters a-z (or two such parts joined by an apostrophe)
    in wordfreq's English list, and the floor frequency; only the words when the arithmetic
    above does not give wordfreq's answers."""
    from wordfreq import get_frequency_dict, zipf_frequency, zipf_to_freq

    table = {
        w: f
        for w, f in get_frequency_dict("en").items()
        if re.fullmatch("[a-z]+", w) or re.fullmatch("[a-z]+'[a-z]+", w)
    }
    floor = zipf_to_freq(0.0)
    words = sorted(w for w in table if "'" not in w)
    rng = random.Random(0)
    samples = [[w] for w in sorted(table)] + [[w, "qxzvbn"] for w in words[:50]]
    samples += [rng.sample(words, rng.choice((2, 3))) for _ in range(5000)]
    samples += [["qxzvbn's"]]  # an apostrophe word wordfreq does not list
    for parts in samples:
        word = "-".join(parts)
        mine = combined_zipf([table.get(p) for p in parts], floor)
        if mine != zipf_frequency(word, "en"):
            warnings.warn(
                f"mtreview: wordfreq's Zipf frequency of {word!r} is not reproduced; "
                "every frequency is asked of wordfreq (slower)",
                stacklevel=2,
            )
            return table
    table[_FLOOR] = floor
    return table
