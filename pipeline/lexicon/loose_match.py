"""Finding a literal rendering written in other words: its content words, stemmed, in order.

MT renders a Korean idiom word for word, but not always in the same words: "fire fell on
the top of one's foot" comes out as "as if fire had fallen on the tops of their feet". The
calque lexicon cannot list every tense, article and preposition, so a rendering is also
found by its content words (not function words), reduced to a stem that ignores tense and
number ("fallen" and "fell" -> "fall", "feet" -> "foot"), appearing in the same order
within a short window. A signature needs three content words: two are too common a pair.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[A-Za-z]+")
#: irregular forms, to the form their regular relatives stem to
_IRREGULAR = {
    **dict.fromkeys(["fell", "fallen"], "fall"),
    **dict.fromkeys(["caught"], "catch"),
    **dict.fromkeys(["took", "taken"], "take"),
    **dict.fromkeys(["went", "gone"], "go"),
    **dict.fromkeys(["saw", "seen"], "see"),
    **dict.fromkeys(["ate", "eaten"], "eat"),
    **dict.fromkeys(["stood"], "stand"),
    **dict.fromkeys(["felt"], "feel"),
    **dict.fromkeys(["held"], "hold"),
    **dict.fromkeys(["broke", "broken"], "break"),
    **dict.fromkeys(["struck"], "strike"),
    **dict.fromkeys(["drew", "drawn"], "draw"),
    **dict.fromkeys(["threw", "thrown"], "throw"),
    **dict.fromkeys(["hid", "hidden"], "hide"),
    **dict.fromkeys(["bit", "bitten"], "bite"),
    **dict.fromkeys(["shook", "shaken"], "shake"),
    **dict.fromkeys(["rose", "risen"], "rise"),
    **dict.fromkeys(["fed"], "feed"),
    **dict.fromkeys(["led"], "lead"),
    **dict.fromkeys(["lost"], "lose"),
    **dict.fromkeys(["kept"], "keep"),
    **dict.fromkeys(["dug"], "dig"),
    **dict.fromkeys(["ran"], "run"),
    **dict.fromkeys(["wore", "worn"], "wear"),
    **dict.fromkeys(["tore", "torn"], "tear"),
    **dict.fromkeys(["hung"], "hang"),
    **dict.fromkeys(["laid"], "lay"),
    **dict.fromkeys(["sank", "sunk"], "sink"),
    **dict.fromkeys(["stuck"], "stick"),
    **dict.fromkeys(["told"], "tell"),
    **dict.fromkeys(["sold"], "sell"),
    **dict.fromkeys(["bought"], "buy"),
    **dict.fromkeys(["brought"], "bring"),
    **dict.fromkeys(["thought"], "think"),
    **dict.fromkeys(["sought"], "seek"),
    **dict.fromkeys(["taught"], "teach"),
    **dict.fromkeys(["became"], "become"),
    **dict.fromkeys(["came"], "come"),
    **dict.fromkeys(["gave", "given"], "give"),
    **dict.fromkeys(["got", "gotten"], "get"),
    **dict.fromkeys(["made"], "make"),
    **dict.fromkeys(["knew", "known"], "know"),
    **dict.fromkeys(["grew", "grown"], "grow"),
    **dict.fromkeys(["blew", "blown"], "blow"),
    **dict.fromkeys(["flew", "flown"], "fly"),
    **dict.fromkeys(["froze", "frozen"], "freeze"),
    **dict.fromkeys(["slept"], "sleep"),
    **dict.fromkeys(["spent"], "spend"),
    **dict.fromkeys(["sent"], "send"),
    **dict.fromkeys(["built"], "build"),
    **dict.fromkeys(["burnt"], "burn"),
    **dict.fromkeys(["wept"], "weep"),
    **dict.fromkeys(["feet"], "foot"),
    **dict.fromkeys(["teeth"], "tooth"),
    **dict.fromkeys(["mice"], "mouse"),
    **dict.fromkeys(["geese"], "goose"),
    **dict.fromkeys(["men"], "man"),
    **dict.fromkeys(["women"], "woman"),
    **dict.fromkeys(["children"], "child"),
    **dict.fromkeys(["leaves"], "leaf"),
    **dict.fromkeys(["wolves"], "wolf"),
    **dict.fromkeys(["knives"], "knife"),
    **dict.fromkeys(["lives"], "life"),
}
_SUFFIXES = (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
#: words that carry no content in a rendering (articles, prepositions, pronouns…)
FUNCTION_WORDS = frozenset(
    "a an the of on in into onto to and or but with without for from by at as is are was "
    "were be been being it its one one's his her their our my your i you we he she they "
    "them him us me if not no so than then when while even just only also up out off over "
    "under before after has have had do does did will would can could that this these those "
    "s poss there here".split()
)
#: content words a signature needs, and how many extra words may stand between them
MIN_CONTENT = 3
SLACK = 4
#: words :meth:`LooseMatcher.possible` remembers the stem of (a vocabulary, not texts)
_MAX_READ = 200_000


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A stem that ignores tense, number and a final e: "fallen"/"fell"/"falls" -> "fall",
    "placed"/"place"/"placing" -> "plac", "getting" -> "get", "feet" -> "foot"."""
    word = word.lower()
    word = _IRREGULAR.get(word, word)
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + replacement
            break
    if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "aeiousl":
        word = word[:-1]  # gett -> get, stopp -> stop
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def content_stems(phrase: str) -> tuple[str, ...]:
    """The stems of a phrase's content words, in order ("{poss}" placeholders dropped)."""
    phrase = re.sub(r"\{\w+\}", " ", phrase)
    return tuple(stem(w) for w in _WORD.findall(phrase) if w.lower() not in FUNCTION_WORDS)


@dataclass(frozen=True)
class LooseMatch:
    start: int
    end: int
    key: object  # what the signature was registered with


class LooseMatcher:
    """Signatures (content stems in order) indexed by their first stem."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], int, object]]] = defaultdict(list)
        #: first stem -> the second stems of its signatures (a quick pre-test)
        self._seconds: dict[str, set[str]] = defaultdict(set)
        #: (first stem, second stem) -> the stems of each signature that opens with them
        self._by_pair: dict[tuple[str, str], list[frozenset[str]]] = defaultdict(list)
        #: every stem of a signature
        self._stems: set[str] = set()
        #: words :meth:`possible` has stemmed, and those whose stem is a signature's, with it
        self._read: set[bytes] = set()
        self._telling: dict[bytes, str] = {}
        self._telling_words: set[bytes] = set()

    def add(self, phrase: str, key: object) -> None:
        stems = content_stems(phrase)
        if len(stems) >= MIN_CONTENT:
            words = len(_WORD.findall(re.sub(r"\{\w+\}", " x ", phrase)))
            self._by_first[stems[0]].append((stems, words + SLACK, key))
            self._seconds[stems[0]].add(stems[1])
            self._by_pair[stems[0], stems[1]].append(frozenset(stems))
            self._stems.update(stems)

    def find(self, text: str) -> list[LooseMatch]:
        """Every signature found in ``text``: its stems in order, the whole within the
        phrase's length plus a few words."""
        if not self._possible(set(map(stem, _WORD.findall(text)))):
            return []
        words = list(_WORD.finditer(text))
        stems = [stem(w.group()) for w in words]
        found = []
        for i, first in enumerate(stems):
            for signature, window, key in self._by_first.get(first, ()):
                end = _in_order(stems, i, signature, min(len(stems), i + window))
                if end is not None:
                    found.append(LooseMatch(words[i].start(), words[end].end(), key))
        return found

    def possible(self, words: set[bytes]) -> bool:
        """Whether a text whose words (runs of letters a-z, lower case, as ASCII bytes) are
        ``words`` may hold a signature: :meth:`find` reads no further in a text for which
        this is false."""
        # only stems of signatures decide, so each word is stemmed once, the first time it
        # is seen, and a text's words are then sorted with set operations
        if len(self._read) > _MAX_READ:
            self._read.clear()
            self._telling.clear()
            self._telling_words.clear()
        for word in words.difference(self._read):
            found = stem(word.decode("ascii"))
            if found in self._stems:
                self._telling[word] = found
                self._telling_words.add(word)
            self._read.add(word)
        telling = words & self._telling_words
        return bool(telling) and self._possible({self._telling[word] for word in telling})

    def _possible(self, stems: set[str]) -> bool:
        """Whether every stem of some signature is among ``stems`` (a pre-test: most texts
        hold none)."""
        # a few stems against many signatures: only signatures whose first two stems are
        # both among ``stems`` are compared
        for first in self._by_first.keys() & stems:
            for second in self._seconds[first] & stems:
                for needed in self._by_pair[first, second]:
                    if needed <= stems:
                        return True
        return False


def _in_order(stems: list[str], start: int, signature: tuple[str, ...], limit: int) -> int | None:
    """Index of the word that completes ``signature`` from ``start`` (its first stem) in
    order before ``limit``, or None."""
    at = start
    for wanted in signature[1:]:
        at += 1
        while at < limit and stems[at] != wanted:
            at += 1
        if at >= limit:
            return None
    return at
