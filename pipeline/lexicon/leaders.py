"""Leaders and the country each leads, from data/leaders.toml (sources noted there)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

_CAPITALISED = re.compile(r"\b[A-Z][\w.]*")


@dataclass(frozen=True)
class LeaderMention:
    leader: str  # id in leaders.toml
    country: str  # ISO alpha-2
    start: int
    end: int
    text: str


class Leaders:
    """Finds leaders' names in text: full names, and surnames that can stand alone."""

    def __init__(self, data: dict) -> None:
        self.country: dict[str, str] = {}
        forms: dict[str, str] = {}
        for key, entry in data["leaders"].items():
            self.country[key] = entry["country"]
            for name in [*entry["names"], *entry.get("short", [])]:
                forms.setdefault(name, key)
        self._by_form = forms
        self._first_words = frozenset(name.split()[0] for name in forms)
        alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        # names are matched case-sensitively and as whole words ("Xi", not "Xinjiang")
        self._pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")

    def mentions(self, text: str) -> list[LeaderMention]:
        if not any(word in self._first_words for word in _CAPITALISED.findall(text)):
            return []  # the first word of every name is capitalised: none here
        found = []
        for m in self._pattern.finditer(text):
            key = self._by_form[m.group()]
            found.append(LeaderMention(key, self.country[key], m.start(), m.end(), m.group()))
        return found


@lru_cache(maxsize=1)
def leaders() -> Leaders:
    raw = files("pipeline.lexicon").joinpath("data", "leaders.toml").read_text("utf-8")
    return Leaders(tomllib.loads(raw))
