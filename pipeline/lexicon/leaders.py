"""Names tied to one country: leaders (data/leaders.toml) and companies
(data/companies.toml); sources are noted in each file."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

#: a capitalised word; its word boundary is checked behind the capital, so that the regex
#: engine skips to capitals
_CAPITALISED = re.compile(r"[A-ZÀ-Þ](?<=\b[A-ZÀ-Þ])[\w.]*")


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
        self._first_words = frozenset(name.split()[0] for name in forms)
        alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        # names are matched case-sensitively and as whole words ("Xi", not "Xinjiang")
        self._pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")

    @property
    def forms(self) -> frozenset[str]:
        """Every name form of the table, as written."""
        return frozenset(self._by_form)

    def mentions(self, text: str) -> list[NameMention]:
        if self._first_words.isdisjoint(_CAPITALISED.findall(text)):
            return []  # the first word of every name is capitalised: none here
        found = []
        for m in self._pattern.finditer(text):
            key = self._by_form[m.group()]
            found.append(NameMention(key, self.country[key], m.start(), m.end(), m.group()))
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
