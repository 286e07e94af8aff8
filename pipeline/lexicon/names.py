"""Proper-name phrases in English text, and what kind of thing they name.

A name phrase is a run of capitalised words, numbers and a few lower-case connectors
("of", "the", "for", "and"), such as "April 25 House of Culture" or "Institute for Far
Eastern Studies". This is a surface rule, not a parser: it is used to compare names between
texts, where both sides are cut the same way.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pipeline.lexicon.frequency import zipf

_KEY_DROP = re.compile(r"[\s\u00a0’'-]")
_TOKEN = r"(?:[A-Z][\w’'-]*(?:\.[A-Z][\w’'-]*)*|\d[\w-]*)"
#: the first token opens with its capital or digit, what precedes it checked behind it, so
#: that the regex engine skips straight to capitals and digits
_FIRST_TOKEN = r"(?:[A-Z\d](?<![\w’'-].)(?:(?<=[A-Z])[\w’'-]*(?:\.[A-Z][\w’'-]*)*|(?<=\d)[\w-]*))"
_CONNECTOR = r"(?:of|the|for|de|du|la|al|el|bin|van|von)"
_NEXT_TOKEN = rf"[ \u00a0](?:{_CONNECTOR}[ \u00a0])*{_TOKEN}"
_NAME = re.compile(rf"{_FIRST_TOKEN}(?:{_NEXT_TOKEN})*(?![\w’'])")
#: the _NAME matches of two words or more: two tokens or more, or one with a dot inside
#: ("U.S"); where _NAME finds one word, this finds nothing (the word is no start of another)
_NAME_OF_WORDS = re.compile(
    rf"(?:[A-Z](?<![\w’'-].)[\w’'-]*(?:(?:\.[A-Z][\w’'-]*)+(?:{_NEXT_TOKEN})*|(?:{_NEXT_TOKEN})+)"
    rf"|\d(?<![\w’'-].)[\w-]*(?:{_NEXT_TOKEN})+)(?![\w’'])"
)
_WORDS = re.compile(r"[\w’'-]+")
FUNCTION_WORDS = frozenset(
    "of the for and on de du la al el bin van von a an in at to by with from".split()
)
#: sentence-initial words that are capitalised only because they start a sentence
_SENTENCE_STARTERS = frozenset(
    "the a an this that these those it its he she they we i in on at as if but and or so "
    "for after before when while although however meanwhile last first second third".split()
)


@dataclass(frozen=True)
class NamePhrase:
    text: str
    start: int
    end: int

    @property
    def words(self) -> list[str]:
        return _WORDS.findall(self.text)

    @property
    def key(self) -> str:
        """Case-, hyphen- and space-insensitive form for comparing spellings."""
        return _KEY_DROP.sub("", self.text.lower())


def name_phrases(text: str, min_words: int = 2) -> list[NamePhrase]:
    """Name phrases of at least ``min_words`` words, leading sentence-starters trimmed."""
    return list(_name_phrases(text, min_words))


#: what may stand between a name and the word before it (quotation marks, a bracket)
_OPENING = frozenset(" \u00a0\"“'‘(")
#: a character that ends a word or clause before a name: the name is not a sentence's start
_MID_SENTENCE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,;:")


@lru_cache(maxsize=4096)
def _name_phrases(text: str, min_words: int) -> tuple[NamePhrase, ...]:
    found = []
    for match in (_NAME_OF_WORDS if min_words == 2 else _NAME).finditer(text):
        start, phrase = match.start(), match.group()
        before = start - 1  # the last character before the name but opening marks
        while before >= 0 and text[before] in _OPENING:
            before -= 1
        at_sentence_start = before < 0 or text[before] not in _MID_SENTENCE
        while " " in phrase:
            first = phrase.split(None, 1)[0]
            if not (
                first.lower() in _SENTENCE_STARTERS
                or first in FUNCTION_WORDS
                or (at_sentence_start and _common_word(first))
            ):
                break
            cut = phrase.index(" ") + 1
            start, phrase = start + cut, phrase[cut:]
        if phrase[-1] in "’'":  # a possessive: Kim's, the Kims'
            phrase = phrase[:-1]
        elif phrase[-1] == "s" and phrase[-2:-1] in ("’", "'"):
            phrase = phrase[:-2]
        if _has_words(phrase, min_words):
            found.append(NamePhrase(phrase, start, start + len(phrase)))
    return tuple(found)


def _has_words(phrase: str, least: int) -> bool:
    """Whether ``phrase`` (cut from a _NAME match) has ``least`` words of ``_WORDS`` or more.
    Its parts, each holding a word, are parted by single spaces and its words inside a
    part by dots ("U.S."), so two words are a space or a dot: no need to count."""
    if least == 2:
        return " " in phrase or "\u00a0" in phrase or "." in phrase
    return len(_WORDS.findall(phrase)) >= least


_ORDINAL_WORD = re.compile(r"\d+(?:st|nd|rd|th)")


def _common_word(word: str) -> bool:
    """A frequent English word that is capitalised only because it opens the sentence; a
    number opening it ("57 North Korean soldiers", "32-year-old") is no part of a name
    either, an ordinal ("17th Mechanized Infantry Division") is."""
    if word[:1].isdigit():
        return not _ORDINAL_WORD.fullmatch(word)
    low = word.lower()
    return low not in class_groups() and zipf(low) >= 4.5


@lru_cache(maxsize=1)
def class_groups() -> dict[str, str]:
    """Head word → group ("house" → "venue"), from data/name_classes.toml."""
    data = resources.files("pipeline.lexicon").joinpath("data/name_classes.toml").read_text("utf-8")
    groups = tomllib.loads(data)["groups"]
    return {word: group for group, words in groups.items() for word in words}


@lru_cache(maxsize=1)
def head_synonyms() -> dict[str, int]:
    """Head word → its set of synonyms ("path" and "road" share one), from
    data/name_classes.toml [synonyms]."""
    data = resources.files("pipeline.lexicon").joinpath("data/name_classes.toml").read_text("utf-8")
    sets = tomllib.loads(data).get("synonyms", {}).get("sets", [])
    return {word: k for k, words in enumerate(sets) for word in words}


def name_class(words: list[str]) -> str | None:
    """The group of the first class word in the name ("House of Culture" → "venue")."""
    groups = class_groups()
    lowered = [w.lower() for w in words]
    for i in range(len(lowered)):
        pair = " ".join(lowered[i : i + 2])
        if pair in groups:
            return groups[pair]
        if lowered[i] in groups:
            return groups[lowered[i]]
    return None
