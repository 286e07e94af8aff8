"""Names tied to one country: leaders (data/leaders.toml) and companies
(data/companies.toml); sources are noted in each file."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

#: a capitalised word; its word boundary is checked behind the capital, so that the regex
#: engine skips to capitals. Latin Extended-A (Č, Š, Ł, Ż…) is taken whole, lower case
#: included: the pattern only decides which texts are searched for names at all
_CAPITALISED = re.compile(r"[A-ZÀ-ÞĀ-ſ](?<=\b[A-ZÀ-ÞĀ-ſ])[\w.]*")


#: a character that continues a word: a name must not start or end next to one
_WORD_CHAR = re.compile(r"[\w-]")


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
        # the first capitalised word of every name, as _CAPITALISED reads it in text
        # ("Mercedes" of "Mercedes-Benz", "L" of "L'Oréal", "Marine" of "thyssenkrupp
        # Marine Systems"), without a final full stop ("ASML." ends a sentence); a name with
        # none makes every text worth searching
        firsts = [_CAPITALISED.findall(name)[:1] for name in forms]
        self._search_all = any(not first for first in firsts)
        self._first_words = frozenset(first[0].rstrip(".") for first in firsts if first)
        # names that open with their first capitalised word are looked up from the
        # capitals of the text (longest form first); the others ("thyssenkrupp Marine
        # Systems") by one pattern
        self._by_first: dict[str, list[str]] = {}
        others = []
        for name in sorted(forms, key=len, reverse=True):
            first = _CAPITALISED.match(name)
            if first:
                self._by_first.setdefault(first.group().rstrip("."), []).append(name)
            else:
                others.append(name)
        alternatives = "|".join(re.escape(f) for f in others)
        # names are matched case-sensitively and as whole words ("Xi", not "Xinjiang")
        self._others = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if others else None

    @property
    def forms(self) -> frozenset[str]:
        """Every name form of the table, as written."""
        return frozenset(self._by_form)

    def mentions(self, text: str) -> list[NameMention]:
        """The names in ``text``, leftmost first, the longest at each place, none
        overlapping, each a whole word ("Xi", not "Xinjiang")."""
        spans: list[tuple[int, int]] = []
        for m in _CAPITALISED.finditer(text):
            candidates = self._by_first.get(m.group().rstrip("."))
            if not candidates or (m.start() and _WORD_CHAR.match(text, m.start() - 1)):
                continue
            for form in candidates:
                end = m.start() + len(form)
                if text.startswith(form, m.start()) and not _WORD_CHAR.match(text, end):
                    spans.append((m.start(), end))
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
