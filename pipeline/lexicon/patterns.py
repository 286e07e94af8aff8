"""Building blocks for the lexicons' large alternations of literal words."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable


def by_first_character(
    words: Iterable[str],
    behind: str = "",
    rest: Callable[[str], str] = lambda word: re.escape(word[1:]),
) -> str:
    """An alternation of ``words``, longest first, grouped by their first character:
    ``c{behind}(?:rest|rest…)|…``. Each group opens with a literal character, so the regex
    engine skips straight to the characters that can begin a word, where a pattern opening
    with a lookbehind or ``\\b`` is tried at every position; ``behind`` (a lookbehind of
    two characters, the first one's neighbour and itself) checks what precedes the word.
    ``rest`` gives the pattern of a word after its first character."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        groups.setdefault(word[0], []).append(rest(word))
    return "|".join(f"{re.escape(c)}{behind}(?:{'|'.join(r)})" for c, r in groups.items())
