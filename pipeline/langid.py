"""Language of a passage: Hangul ratio first, lingua and langdetect behind it.

Korean–English review only ever expects a few languages, so the statistical detectors are
restricted to them; they are consulted only when the script ratio does not decide.
"""

from __future__ import annotations

import re
from functools import lru_cache

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CJK = re.compile(r"[\u4e00-\u9fff\u3040-\u30ff]")

#: languages the detectors may answer, as ISO 639-1 codes
EXPECTED = ("en", "ko")


def hangul_ratio(text: str) -> float:
    """Share of Hangul among the letters of ``text`` (0.0 when it has no letters)."""
    hangul = len(_HANGUL.findall(text))
    letters = hangul + len(_LATIN.findall(text)) + len(_CJK.findall(text))
    return hangul / letters if letters else 0.0


def detect_language(text: str, expected: tuple[str, ...] = EXPECTED) -> str:
    """Return "en", "ko", another expected code, or "und" when there is too little text.

    Clear cases are settled by script alone (cheap and exact): mostly Hangul is Korean,
    Latin with no Hangul is English when English is expected. Mixed or short text goes to
    lingua restricted to ``expected``, and langdetect (seeded) breaks a lingua abstention.
    """
    letters = len(_HANGUL.findall(text)) + len(_LATIN.findall(text)) + len(_CJK.findall(text))
    if letters < 2:
        return "und"
    ratio = hangul_ratio(text)
    if ratio >= 0.5 and "ko" in expected:
        return "ko"
    only_latin_is_english = "en" in expected and set(expected) <= {"en", "ko", "ja", "zh"}
    if ratio == 0.0 and not _CJK.search(text) and only_latin_is_english:
        return "en"
    found = _lingua(expected, text)
    if found:
        return found
    return _langdetect(expected, text) or "und"


@lru_cache(maxsize=4)
def _lingua_detector(expected: tuple[str, ...]):
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [
        Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in expected
    ]
    if len(languages) < 2:  # lingua needs at least two candidates
        languages.append(Language.ENGLISH if Language.ENGLISH not in languages else Language.KOREAN)
    return LanguageDetectorBuilder.from_languages(*languages).build()


def _lingua(expected: tuple[str, ...], text: str) -> str | None:
    language = _lingua_detector(tuple(expected)).detect_language_of(text)
    if language is None:
        return None
    code = language.iso_code_639_1.name.lower()
    return code if code in expected else None


def _langdetect(expected: tuple[str, ...], text: str) -> str | None:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0  # unseeded, langdetect answers differently from run to run
    try:
        for guess in detect_langs(text):
            if guess.lang in expected:
                return guess.lang
    except LangDetectException:
        return None
    return None
