"""Country names in Korean text (data/ko_countries.tsv: the Korean names of every country,
mapped to ISO 3166-1 codes; its source is noted in the file), and the pairs of countries
whose Korean names translation confuses (data/ko_country_confusions.tsv).

Only forms that name a country and nothing else are read: forms the file marks
``ambiguous`` (인도 also means extradition, 이란 is also a particle) and headline
abbreviations (미, 中) are left out. A form must start a word (no Hangul right before it:
리비아 inside 볼리비아 is not Libya); particles after it are fine (스웨덴은, 스웨덴의).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pipeline.lexicon.patterns import by_first_character

#: forms that open other nouns: 북한산 (a mountain), 북한강 (a river), 남한산성 (a fortress)
_NOT_BEFORE = {"북한": "산|강", "남한": "산성|강"}


@dataclass(frozen=True)
class KoreanCountry:
    code: str  # ISO alpha-2 (XK for Kosovo)
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Table:
    forms: dict[str, tuple[str, str]]  # form -> (code, note)
    sure: re.Pattern[str]  # the forms that name a country and nothing else, at a word start
    loose: re.Pattern[str]  # every form: ambiguous ones at a word start, abbreviations anywhere


def _alternatives(forms: list[str], word_start: bool) -> str:
    """The forms as one alternation, each at a word start when asked for."""

    def rest(form: str) -> str:
        after = _NOT_BEFORE.get(form)
        return re.escape(form[1:]) + (f"(?!{after})" if after else "")

    return by_first_character(forms, behind="(?<![가-힣].)" if word_start else "", rest=rest)


@lru_cache(maxsize=1)
def _table() -> _Table:
    text = resources.files("pipeline.lexicon").joinpath("data/ko_countries.tsv")
    lines = [line for line in text.read_text("utf-8").splitlines() if line and line[0] != "#"]
    forms: dict[str, tuple[str, str]] = {}
    for line in lines[1:]:  # after the header
        korean, code, note = (line.split("\t") + [""])[:3]
        forms[korean] = (code, note)
    words = [form for form, (_, note) in forms.items() if note != "abbr"]
    sure = [form for form, (_, note) in forms.items() if not note]
    abbreviations = [form for form, (_, note) in forms.items() if note == "abbr"]
    return _Table(
        forms,
        re.compile(_alternatives(sure, word_start=True)),
        re.compile(
            _alternatives(words, word_start=True)
            + "|"
            + _alternatives(abbreviations, word_start=False)
        ),
    )


@lru_cache(maxsize=1)
def confused_pairs() -> frozenset[frozenset[str]]:
    """Pairs of countries whose Korean names translation confuses (ko_country_confusions.tsv)."""
    text = resources.files("pipeline.lexicon").joinpath("data/ko_country_confusions.tsv")
    lines = [line for line in text.read_text("utf-8").splitlines() if line and line[0] != "#"]
    return frozenset(frozenset(line.split("\t")[:2]) for line in lines[1:])


@lru_cache(maxsize=1)
def _sure_forms() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for form, (code, note) in _table().forms.items():
        if not note:
            found.setdefault(code, []).append(form)
    return {code: tuple(forms) for code, forms in found.items()}


def may_name(text: str, code: str) -> bool:
    """Whether a Korean text holds a form of the country ``code`` at all (a quick test
    before :func:`korean_countries`)."""
    return any(form in text for form in _sure_forms().get(code, ()))


def korean_countries(text: str) -> list[KoreanCountry]:
    """The country names of a Korean text, left to right: only the forms that name a
    country and nothing else."""
    table = _table()
    return [
        KoreanCountry(table.forms[m.group()][0], m.start(), m.end(), m.group())
        for m in table.sure.finditer(text)
    ]


def korean_countries_loosely(text: str) -> set[str]:
    """The countries a Korean text may name, ambiguous forms (이란, 인도) and headline
    abbreviations (한미, 북중) included: what it may be about, never evidence of its own."""
    table = _table()
    return {table.forms[m.group()][0] for m in table.loose.finditer(text)}
