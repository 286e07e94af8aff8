"""Names tied to one country: leaders (data/leaders.toml) and companies
(data/companies.toml); sources are noted in each file."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from pipeline.lexicon.patterns import by_first_character

#: a capitalised word; its word boundary is checked behind the capital, so that the regex
#: engine skips to capitals. Latin Extended-A (Č, Š, Ł, Ż…) is taken whole, lower case
#: included: the pattern only decides which texts are searched for names at all
_CAPITALISED = re.compile(r"[A-ZÀ-ÞĀ-ſ](?<=\b[A-ZÀ-ÞĀ-ſ])[\w.]*")


#: a character that continues a word: a name must not start or end next to one
_WORD_CHAR = re.compile(r"[\w-]")


@lru_cache(maxsize=512)
def capitalised_words(text: str) -> tuple[tuple[int, str], ...]:
    """Where each capitalised word of ``text`` starts, with the word (without a final full
    stop), when no word character or hyphen is right before it: where a name of a table
    can start (cached: the leaders and the companies read the same passages)."""
    return tuple(
        (m.start(), m.group().rstrip("."))
        for m in _CAPITALISED.finditer(text)
        if not (m.start() and _WORD_CHAR.match(text, m.start() - 1))
    )


@dataclass(frozen=True)
class NameMention:
    key: str  # id in the data file
    country: str  # ISO alpha-2
    start: int
    end: int
    text: str


class CountryNames:
    """Finds the names of one table in text: full names, and short forms that can stand
    alone (a leader's surname)."""

    def __init__(self, table: dict) -> None:
        self.country: dict[str, str] = {}
        forms: dict[str, str] = {}
        for key, entry in table.items():
            self.country[key] = entry["country"]
            for name in [*entry["names"], *entry.get("short", [])]:
                forms.setdefault(name, key)
        self._by_form = forms
        # names that open with a capitalised word are looked up from the capitalised
        # words of the text ("Mercedes" of "Mercedes-Benz", "L" of "L'Oréal"; without a
        # final full stop, as "ASML." ends a sentence), longest form first; the others
        # ("thyssenkrupp Marine Systems") by one pattern
        self._by_first: dict[str, list[str]] = {}
        others = []
        for name in sorted(forms, key=len, reverse=True):
            first = _CAPITALISED.match(name)
            if first:
                self._by_first.setdefault(first.group().rstrip("."), []).append(name)
            else:
                others.append(name)
        # names are matched case-sensitively and as whole words ("Xi", not "Xinjiang"); each
        # alternative opens with a literal letter (the word start checked behind it), so the
        # regex engine skips straight to the letters that can begin a name
        alternatives = by_first_character(others, behind=r"(?<![\w-].)")
        self._others = re.compile(rf"(?:{alternatives})(?![\w-])") if others else None

    @property
    def forms(self) -> frozenset[str]:
        """Every name form of the table, as written."""
        return frozenset(self._by_form)

    def mentions(self, text: str) -> list[NameMention]:
        """The names in ``text``, leftmost first, the longest at each place, none
        overlapping, each a whole word ("Xi", not "Xinjiang")."""
        spans: list[tuple[int, int]] = []
        for start, word in capitalised_words(text):
            for form in self._by_first.get(word, ()):
                end = start + len(form)
                if text.startswith(form, start) and not _WORD_CHAR.match(text, end):
                    spans.append((start, end))
                    break
        if self._others is not None:
            spans += [m.span() for m in self._others.finditer(text)]
        found = []
        last = -1
        for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
            if start < last:
                continue  # inside a longer name found first
            form = text[start:end]
            key = self._by_form[form]
            found.append(NameMention(key, self.country[key], start, end, form))
            last = end
        return found


def _table(file: str, table: str) -> CountryNames:
    raw = files("pipeline.lexicon").joinpath("data", file).read_text("utf-8")
    return CountryNames(tomllib.loads(raw)[table])


@lru_cache(maxsize=1)
def leaders() -> CountryNames:
    """Heads of state and government and the country each leads (or led)."""
    return _table("leaders.toml", "leaders")


@lru_cache(maxsize=1)
def companies() -> CountryNames:
    """Companies and the country of their headquarters."""
    return _table("companies.toml", "companies")
