"""Anchors: things a Korean sentence and its English translation both show, found per unit.

The aligner (:mod:`pipeline.pair.align`) compares the anchors of the two sides of a bead:
shared anchors lower its cost, anchors on one side only raise it. Found here:

* numbers, compared by value: ``15,000`` = ``1만 5천``, ``$3 billion`` = ``30억 달러``,
  ``3천여 명`` = 3000, ``two`` … ``twelve`` in English words;
* months: ``4월`` = ``April`` (``Apr.``; ``May`` only next to a number);
* Latin-script tokens kept verbatim in the Korean (``NSS``, ``ICBM``, ``G20``, names), and
  English acronyms (``U.S.`` → ``us``), which the Korean then should contain too;
* double quotation marks;
* transliterated names, by sound: a consonant skeleton (클린턴 ~ Clinton);
* frequent news concepts (대통령 ~ president, 토요일 ~ Saturday) from the hand-written list
  ``pipeline/pair/data/concepts.tsv``, read once through :mod:`importlib.resources`.

:func:`ko_anchors` and :func:`en_anchors` return them as tuples of frozensets (see there);
:data:`NO_KO_ANCHORS` / :data:`NO_EN_ANCHORS` are the empty tuples of the same shapes.
Everything here is pure apart from reading the concept list once (cached).
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = [
    "CONCEPTS_RESOURCE",
    "NO_EN_ANCHORS",
    "NO_KO_ANCHORS",
    "Concepts",
    "en_anchors",
    "en_names",
    "en_skeleton",
    "en_terms",
    "english_words",
    "ko_anchors",
    "ko_names",
    "ko_skeleton",
    "ko_terms",
    "load_concepts",
    "parse_concepts",
]

# ----------------------------------------------------------------------------- numbers

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
    word: float(value)
    for value, word in enumerate(
        "two three four five six seven eight nine ten eleven twelve".split(), start=2
    )
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
# Substrings every match of _EN_MONTH contains: a text without any of them is not searched
# (the pattern is slow to run over a whole sentence). _EN_WORD_NUMBER is only run over a text
# one of whose words is a number word.
_DIGIT = re.compile(r"\d")
_EN_MONTH_HINTS = tuple("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split())


def _key(value: float) -> str:
    """The anchor key of a number (``15000.0`` → ``"15000"``), equal for equal values."""
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


def _scale(word: str) -> float:
    """The factor of a scale word (``"Million"`` → 1e6), 1 without one. Also 1 for a look-alike
    with a non-ASCII letter that the case-insensitive patterns match too (``"mİllion"``)."""
    return _EN_SCALES.get(word.lower(), 1.0) if word else 1.0


def _month_name(token: str) -> int:
    """Month number of an English month name or abbreviation (``"Sept."`` → 9)."""
    token = token.lower().rstrip(".")
    for number, name in enumerate(_MONTHS, start=1):
        if name.startswith(token):
            return number
    raise ValueError(token)


# ----------------------------------------------------------------------------- concepts

CONCEPTS_RESOURCE = ("pipeline.pair", "data/concepts.tsv")
# A word can only begin with a listed prefix if its first letters begin one (prefixes shorter
# than this are checked for every word).
_PREFIX_START = 3
_CONCEPT_COLUMNS = ["ko", "en", "note"]


@dataclass(frozen=True)
class Concepts:
    """The concept list, indexed for matching; a concept is its row number in the file.

    ``ko_by_start``: Korean stems (spaces restored) by first character, with their concept;
    ``en_phrases``: lowercase English phrases, in file order; ``en_acronyms``: acronyms
    (``"US"``, ``"$"``); ``en_exact``: whole lowercase words; ``en_prefixes``: lowercase
    word beginnings, with ``en_prefix_lengths`` their distinct lengths, ascending, and
    ``en_prefix_starts`` their first ``_PREFIX_START`` letters (None if one is shorter).
    """

    ko_by_start: dict[str, list[tuple[str, int]]]
    ko_starts: frozenset[str]
    en_phrases: list[tuple[str, int]]
    en_acronyms: dict[str, int]
    en_exact: dict[str, int]
    en_prefixes: dict[str, int]
    en_prefix_lengths: tuple[int, ...]
    en_prefix_starts: frozenset[str] | None = None


def parse_concepts(text: str) -> Concepts:
    """Index the rows of a concept list in the format of ``data/concepts.tsv``.

    Lines starting with ``#`` and blank lines are skipped; the first other line must name the
    columns ``ko``, ``en`` and ``note``. English forms other than acronyms are lowercased.
    """
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not rows or rows[0].split("\t") != _CONCEPT_COLUMNS:
        raise ValueError(f"concept list: the first row must be {'<TAB>'.join(_CONCEPT_COLUMNS)}")
    ko_by_start: dict[str, list[tuple[str, int]]] = {}
    phrases: list[tuple[str, int]] = []
    acronyms: dict[str, int] = {}
    exact: dict[str, int] = {}
    prefixes: dict[str, int] = {}
    for concept, row in enumerate(rows[1:]):
        cells = row.split("\t")
        if len(cells) != len(_CONCEPT_COLUMNS) or not cells[0].split() or not cells[1].split():
            raise ValueError(f"concept list, data row {concept}: {row!r}")
        for stem in cells[0].split():
            stem = stem.replace("_", " ")
            ko_by_start.setdefault(stem[0], []).append((stem, concept))
        for form in cells[1].split():
            if form.startswith("="):
                acronyms[form[1:]] = concept
                continue
            form = form.lower()
            if "_" in form or "." in form:
                phrases.append((form.rstrip("*").replace("_", " "), concept))
            elif form.endswith("*"):
                prefixes[form[:-1]] = concept
            else:
                exact[form] = concept
    return Concepts(
        ko_by_start=ko_by_start,
        ko_starts=frozenset(ko_by_start),
        en_phrases=phrases,
        en_acronyms=acronyms,
        en_exact=exact,
        en_prefixes=prefixes,
        en_prefix_lengths=tuple(sorted({len(x) for x in prefixes})),
        en_prefix_starts=(
            frozenset(x[:_PREFIX_START] for x in prefixes)
            if all(len(x) >= _PREFIX_START for x in prefixes)
            else None
        ),
    )


@lru_cache(maxsize=1)
def load_concepts() -> Concepts:
    """The packaged concept list (``data/concepts.tsv``), read and indexed once."""
    package, name = CONCEPTS_RESOURCE
    return parse_concepts(resources.files(package).joinpath(name).read_text(encoding="utf-8"))


_EN_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=64)
def english_words(low: str) -> frozenset[str]:
    """The distinct words (runs of ``a-z``) of a lowercased English text.

    Kept for the last few texts: the concepts (:func:`en_terms`) and the word evidence
    (:func:`pipeline.pair.lexicon.en_words`) of a unit read the same words one after the other.
    """
    return frozenset(_EN_WORD.findall(low))


def ko_terms(text: str) -> frozenset[int]:
    """Concepts of the concept list named in a Korean text (a stem anywhere in it)."""
    concepts = load_concepts()
    by_start = concepts.ko_by_start
    found = set()
    for ch in concepts.ko_starts.intersection(text):
        for stem, concept in by_start[ch]:
            if stem in text:
                found.add(concept)
    return frozenset(found)


def en_terms(text: str, acronyms: frozenset[str] = frozenset()) -> frozenset[int]:
    """Concepts of the concept list named in an English text.

    ``acronyms``: the text's acronyms, upper case without dots, as :func:`en_anchors` finds
    them. Phrases are matched (case-insensitively) and blanked out first, then acronyms and
    the dollar sign, then each distinct lowercase word as a whole word or by its beginning.
    """
    concepts = load_concepts()
    found = set()
    low = text.lower()
    for phrase, concept in concepts.en_phrases:
        if phrase in low:
            found.add(concept)
            low = low.replace(phrase, " ")
    for acronym in acronyms:
        concept = concepts.en_acronyms.get(acronym)
        if concept is not None:
            found.add(concept)
    dollar = concepts.en_acronyms.get("$")
    if dollar is not None and "$" in text:
        found.add(dollar)
    exact, prefixes = concepts.en_exact, concepts.en_prefixes
    prefix_lengths, short = concepts.en_prefix_lengths, concepts.en_prefix_starts
    for word in english_words(low):
        concept = exact.get(word)
        if concept is not None:
            found.add(concept)
        if short is not None and word[:_PREFIX_START] not in short:
            continue  # no listed beginning starts so (most words)
        size_max = len(word)
        for size in prefix_lengths:
            if size > size_max:
                break
            concept = prefixes.get(word[:size])
            if concept is not None:
                found.add(concept)
    return frozenset(found)


# ----------------------------------------------------------------------------- names

# Transliterated names: a consonant skeleton of 7 classes, vowels and h/w/y dropped, repeats
# collapsed (오바마 ~ Obama = "PM", 클린턴 ~ Clinton = "KLNTN"). A name matches a Korean word
# whose skeleton starts with the same first three classes.
# Classes are written with private-use characters so that no letter of the text can pass
# for one.
_CLASSES = dict(zip("KNTLMPS", "\ue001\ue002\ue003\ue004\ue005\ue006\ue007", strict=True))
_INITIAL_CLASS = "K K N T T L M P P S S - S S S K T P -".split()
_FINAL_CLASS = "- K K K N N N T L L L L L L L L M P P T T N T T K T P -".split()


def _skeleton_table() -> list[str | None]:
    """A :meth:`str.translate` table for :func:`ko_skeleton`, up to the last Hangul syllable:
    every syllable (U+AC00..U+D7A3) → its consonant classes, initial then final; whitespace →
    a space; every other character deleted. (Characters beyond the table, the class characters
    among them, are kept by ``translate``.)"""
    table: list[str | None] = [" " if chr(c).isspace() else None for c in range(0xAC00)]
    shared: dict[str, str] = {}  # one string per skeleton (50 of them): a smaller table to read
    # syllable = 0xAC00 + (initial * 21 + vowel) * 28 + final; the vowel adds no class, so
    # each initial's 28 skeletons repeat for its 21 vowels
    finals = ["".join(_CLASSES[c] for c in final.replace("-", "")) for final in _FINAL_CLASS]
    for initial in _INITIAL_CLASS:
        head = "".join(_CLASSES[c] for c in initial.replace("-", ""))
        table += [shared.setdefault(head + tail, head + tail) for tail in finals] * 21
    return table


_KO_SKELETON = _skeleton_table()
_NOT_CLASS = re.compile("[^\ue001-\ue007 ]+")
_EN_CLASS = str.maketrans(
    "pbfvtdkgcszjmnlr",
    "".join(_CLASSES[c] for c in "PPPPTTKKKSSSMNLL"),
    "aeiouyhwx'-.",
)
_EN_REWRITES = (
    ("ph", "f"),
    ("th", "t"),
    ("sh", "s"),
    ("ch", "s"),
    ("ck", "k"),
    ("dz", "s"),
    ("dj", "s"),
    ("ts", "s"),
    ("tz", "s"),
    ("x", "ks"),
    ("q", "k"),
)
_EN_SOFT = re.compile(r"[cg](?=[eiy])")
_EN_NG = re.compile(r"ng(?![aeiou])")
_EN_R = re.compile(r"r(?![aeiouy])")
# A character followed by the same one: removing these collapses repeats ("KLLN" → "KLN")
# without the slow group-reference template of ``sub(r"\1", …)``.
_REPEATED = re.compile(r"(.)(?=\1)")
# Patterns that would start with ``\b`` have it after their first letter (``(?<!\w[A-Z])``),
# so that the search can skip from capital to capital.
_NAME = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]+(?:[-'][A-Za-z]+)*")
_KEY = 3


# The name key of a skeleton word: its first classes, if it has that many.
_NAME_KEY = re.compile(f"(?<![^ ])[^ ]{{{_KEY}}}")


def ko_skeleton(text: str) -> str:
    """Consonant skeletons of the Hangul words of ``text`` (separated by spaces)."""
    return _REPEATED.sub("", _NOT_CLASS.sub("", text.translate(_KO_SKELETON)))


@lru_cache(maxsize=16384)
def en_skeleton(word: str) -> str:
    """Consonant skeleton of a Latin-script name, in the classes of :func:`ko_skeleton`.

    Kept per word (names recur in a text): a pure function of the word."""
    w = word.lower()
    for old, new in _EN_REWRITES:
        w = w.replace(old, new)
    w = _EN_SOFT.sub("s", w)
    w = _EN_NG.sub("n", w)
    w = _EN_R.sub("", w)
    return _REPEATED.sub("", w.translate(_EN_CLASS))


def ko_names(text: str) -> frozenset[str]:
    """Name keys (first three skeleton classes) of the words of a Korean text."""
    return frozenset(_NAME_KEY.findall(ko_skeleton(text)))


def clear_caches() -> None:
    """Forget the per-word skeletons and the last texts' words (for timing a cold start)."""
    en_skeleton.cache_clear()
    english_words.cache_clear()


def en_names(text: str) -> frozenset[str]:
    """Name keys of the capitalised words of an English text."""
    keys = set()
    for word in _NAME.findall(text):
        skeleton = en_skeleton(word)
        if len(skeleton) >= _KEY:
            keys.add(skeleton[:_KEY])
    return frozenset(keys)


# ----------------------------------------------------------------------------- anchors

_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[.&'-][A-Za-z0-9]+)*")
_ACRONYM = re.compile(r"[A-Z](?<!\w[A-Z])(?:\.(?:[A-Z]\.)+|[A-Z0-9&]*[A-Z0-9]\b)")
_KO_QUOTE = re.compile('["“”「」『』]')
_EN_QUOTE = re.compile('["“”]')


def ko_anchors(text: str) -> tuple:
    """Anchors of a Korean text: ``(numbers, latin, names, concepts, quotes)``.

    ``numbers``: number keys (:func:`_key`) and months (``"m4"``); ``latin``: Latin-script
    tokens of two or more characters, lowercased; ``names``: :func:`ko_names`; ``concepts``:
    :func:`ko_terms`; ``quotes``: whether the text has a double quotation mark or 「」『』.
    """
    numbers = set()
    if _DIGIT.search(text):  # months and numbers all have a digit
        rest = text
        if "월" in text:  # and months this
            numbers.update(f"m{int(m)}" for m in _KO_MONTH.findall(text))
            rest = _KO_MONTH.sub(" ", text)
        for expr in _KO_NUMBER.findall(rest):
            numbers.update(_key(v) for v in _ko_values(expr))
    latin = frozenset(t for t in _LATIN.findall(text.lower()) if len(t) > 1)
    return (
        frozenset(numbers),
        latin,
        ko_names(text),
        ko_terms(text),
        _KO_QUOTE.search(text) is not None,
    )


def en_anchors(text: str) -> tuple:
    """Anchors of an English text: ``(numbers, tokens, acronyms, names, concepts, quotes)``.

    ``numbers``: number keys and months, as in :func:`ko_anchors`; ``tokens``: all
    Latin-script tokens, lowercased; ``acronyms``: acronyms without dots, lowercased;
    ``names``: :func:`en_names`; ``concepts``: :func:`en_terms`; ``quotes``: whether the text
    has a double quotation mark. HTML entities are decoded first.
    """
    if "&" in text:
        text = html.unescape(text)
    numbers = set()
    if any(hint in text for hint in _EN_MONTH_HINTS):
        numbers.update(f"m{_month_name(m.group(0))}" for m in _EN_MONTH.finditer(text))
    if _DIGIT.search(text):
        for digits, scale in _EN_NUMBER.findall(text):
            numbers.add(_key(float(digits.replace(",", "")) * _scale(scale)))
    low = text.lower()
    if not english_words(low).isdisjoint(_EN_WORDS):
        for word, scale in _EN_WORD_NUMBER.findall(text):
            value = _EN_WORDS.get(word.lower())
            if value is not None:  # not a look-alike such as "ſix"
                numbers.add(_key(value * _scale(scale)))
    tokens = frozenset(_LATIN.findall(low))
    upper = frozenset(t.replace(".", "") for t in _ACRONYM.findall(text))
    return (
        frozenset(numbers),
        tokens,
        frozenset(t.lower() for t in upper),
        en_names(text),
        en_terms(text, upper),
        _EN_QUOTE.search(text) is not None,
    )


# The anchors of no unit (the missing side of a 1-0 / 0-1 bead), in the shapes above.
_EMPTY: frozenset = frozenset()
NO_KO_ANCHORS = (_EMPTY, _EMPTY, _EMPTY, _EMPTY, False)
NO_EN_ANCHORS = (_EMPTY, _EMPTY, _EMPTY, _EMPTY, _EMPTY, False)
