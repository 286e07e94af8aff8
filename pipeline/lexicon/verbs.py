"""Parts of speech and finite verb forms of English words, from lemminflect's tables.

lemminflect (MIT licence) ships a lemma table and an inflection table; reading them takes
about a second. This module asks lemminflect once about every word of its lemma table and
keeps the answers in the lexicon cache (:mod:`pipeline.lexicon.cache`), so a run looks up
only the words it meets. The answers are lemminflect's own: a word outside its table has
no part of speech and is no verb form.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from pipeline.lexicon.cache import WordTable, cached_words

#: parts of speech lemminflect's lemma table knows, and the finite verb tags asked about
PARTS_OF_SPEECH = ("NOUN", "PROPN", "VERB", "ADJ", "ADV", "AUX")
FINITE_TAGS = ("VBD", "VBZ", "VBP")
#: a word's code: one bit per part of speech, then one per finite tag
_BITS = PARTS_OF_SPEECH + FINITE_TAGS


def parts_of_speech(word: str) -> frozenset[str]:
    """The parts of speech lemminflect has lemmas of ``word`` for (its ``getAllLemmas``)."""
    return _decode(_table().get(word.lower(), 0)) & frozenset(PARTS_OF_SPEECH)


def finite_tags(word: str) -> frozenset[str]:
    """Which of the past (VBD), third-person (VBZ) and present (VBP) forms of one of its
    verb lemmas ``word`` is."""
    return _decode(_table().get(word.lower(), 0)) & frozenset(FINITE_TAGS)


@lru_cache(maxsize=512)
def _decode(code: int) -> frozenset[str]:
    return frozenset(name for bit, name in enumerate(_BITS) if code >> bit & 1)


@lru_cache(maxsize=1)
def _table() -> WordTable:
    source = resources.files("pipeline.lexicon").joinpath("verbs.py")
    return cached_words("verb-forms", build_codes, [source], packages=("lemminflect",))


def build_codes() -> dict[str, int]:
    """The code of every lower-case word of lemminflect's lemma table that has one."""
    from lemminflect import getAllInflections, getAllLemmas
    from lemminflect.core.Lemmatizer import Lemmatizer

    lemmatizer = Lemmatizer()
    words = {w.lower() for w in (*lemmatizer._getLemmaDict(), *lemmatizer._getOverridesDict())}
    codes = {}
    for word in words:
        lemmas = getAllLemmas(word)
        names = set(lemmas)
        if names - set(PARTS_OF_SPEECH):
            raise ValueError(f"lemminflect: unexpected parts of speech {names} of {word!r}")
        for lemma in lemmas.get("VERB", ()):
            forms = getAllInflections(lemma, upos="VERB")
            names.update(tag for tag in FINITE_TAGS if word in forms.get(tag, ()))
        code = sum(1 << bit for bit, name in enumerate(_BITS) if name in names)
        if code:
            codes[word] = code
    return codes
