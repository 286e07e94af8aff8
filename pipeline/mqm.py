"""The MQM-Core error typology and severity weights, loaded from data.

A category is written ``dimension/subtype`` with spaces, e.g. ``accuracy/mistranslation``
or ``linguistic conventions/punctuation``; the data file keys use underscores.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Category:
    dimension: str
    subtype: str | None
    definition: str

    @property
    def name(self) -> str:
        return f"{self.dimension}/{self.subtype}" if self.subtype else self.dimension


@lru_cache(maxsize=1)
def _data() -> dict:
    text = resources.files("pipeline.lexicon").joinpath("data/mqm_core.toml").read_text("utf-8")
    return tomllib.loads(text)


def severity_weights() -> dict[str, int]:
    """Penalty points per severity: neutral 0, minor 1, major 5, critical 25."""
    return dict(_data()["severities"])


SEVERITIES = ("neutral", "minor", "major", "critical")


@lru_cache(maxsize=1)
def categories() -> dict[str, Category]:
    """Every category by name, dimensions and their subtypes alike."""
    found = {}
    for key, dim in _data()["dimensions"].items():
        dimension = key.replace("_", " ")
        found[dimension] = Category(dimension, None, dim["definition"])
        for sub_key, definition in dim.get("subtypes", {}).items():
            category = Category(dimension, sub_key.replace("_", " "), definition)
            found[category.name] = category
    return found


def is_category(name: str) -> bool:
    return name in categories()
