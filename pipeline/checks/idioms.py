"""Korean idioms rendered word for word: literal renderings the lexicon knows, and quoted
phrases whose words never go together in English.

The lexicon (``pipeline/lexicon/data/calques.toml``) decides the category: an entry whose
literal rendering misleads is an accuracy error (``calque.literal_idiom``), one that is
merely unidiomatic a style error (``calque.unidiomatic_idiom``). Both read the aligned
Korean when there is one, and the whole Korean original when the passage has no aligned
Korean, to confirm or weaken the finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

from pipeline.checks.registry import CheckContext, Hit, check
from pipeline.lexicon.calques import (
    Calque,
    EnglishMatch,
    KoreanMatch,
    established_english,
    find_literals,
    korean_forms,
)
from pipeline.lexicon.frequency import zipf
from pipeline.model import AlignedPair


def _korean_text(pair: AlignedPair, ctx: CheckContext) -> tuple[str | None, str]:
    """The Korean to check against and what to call it in a message."""
    if pair.source is not None:
        return pair.source.text, "the aligned Korean"
    if ctx.source is not None:
        return ctx.source.text, "the Korean original"
    return None, ""


def _quote(text: str) -> str:
    return f"“{text}”"


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _literal_hits(pair: AlignedPair, ctx: CheckContext, severity: str) -> Iterator[Hit]:
    """Hits for the lexicon entries of one severity (the check's category)."""
    matches = [m for m in find_literals(pair.target.text) if m.calque.severity == severity]
    if not matches:
        return
    korean, where = _korean_text(pair, ctx)
    present = korean_forms(korean) if korean is not None else None
    for match in matches:
        yield _literal_hit(match, present, where)


def _literal_hit(match: EnglishMatch, present: dict[str, KoreanMatch] | None, where: str) -> Hit:
    calque: Calque = match.calque
    ko = calque.korean
    severity = calque.severity
    if present is None:
        evidence = ""
    elif calque.id in present:
        found = present[calque.id].text
        if calque.ambiguous:
            evidence = (
                f" {_sentence_case(where)} has {found}, so this is its rendering; the English "
                "words also have an ordinary sense, so check which one is meant."
            )
        else:
            severity = "major"
            evidence = f" Confirmed: {where} has {found}."
    else:
        severity = "minor"
        evidence = f" {_sentence_case(where)} has no {ko}, so the English may be meant as written."
    suggestion = calque.suggestion
    if match.text[:1].isupper():
        suggestion = _sentence_case(suggestion)
    others = [_quote(i) for i in calque.idiomatic[1:]]
    alternatives = f" (or {', '.join(others)})" if others else ""
    message = (
        f"{_quote(match.text)} reads as a word-for-word rendering of the Korean {ko}, which "
        f"means {calque.meaning}; idiomatic English: {_quote(calque.suggestion)}{alternatives}."
        f"{evidence} Source: {calque.cite}."
    )
    return Hit(match.start, match.end, message, suggestion=suggestion, severity=severity)


@check(id="calque.literal_idiom", category="accuracy/mistranslation", severity="major")
def literal_idiom(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A Korean idiom rendered word for word, so that the English misleads.

    The English is matched against the literal renderings of the calque lexicon's "major"
    entries (idioms, proverbs, four-character idioms, Konglish and homonyms whose literal
    English hides or changes the meaning: 벼랑 끝 전술 as "cliff-edge tactics" for "brinkmanship").
    Matching ignores case, hyphens, quotation marks and a plural -s. The message names the
    Korean expression, its sense, the idiomatic English and the lexicon's source. Works
    without the original; when the aligned Korean (or, failing that, the Korean document)
    contains the expression the finding is confirmed, when it does not the finding drops to
    minor.

    False positives: a literal rendering that is meant literally ("a mountain rabbit" in a
    nature story); entries whose English is also ordinary English in another sense are
    marked ambiguous in the lexicon and are not raised by the Korean, only lowered by it.
    """
    return _literal_hits(pair, ctx, "major")


@check(id="calque.unidiomatic_idiom", category="style/unidiomatic style", severity="minor")
def unidiomatic_idiom(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A Korean idiom rendered word for word: the meaning survives, the English is not idiomatic.

    The lexicon's "minor" entries: the reader can work out "fix the barn after losing the
    cow" or "cliff-edge tactics", but a native writer says "close the stable door after the
    horse has bolted" or "brinkmanship". The message names the Korean expression and the
    idiomatic English. When the aligned Korean (or the Korean document) contains the
    expression, the rendering is confirmed and the finding becomes major, as for
    calque.literal_idiom; without it, it stays minor.

    False positives: a writer quoting a Korean proverb on purpose, word for word and glossed
    ("as Koreans say, even monkeys fall from trees"); the finding is then a prompt to check
    the gloss, not an error.
    """
    return _literal_hits(pair, ctx, "minor")


# --------------------------------------------------------------------------- rare collocation

#: a short phrase in quotation marks: straight or curly, double or single; the opening mark
#: must start a word and the closing one end it (so apostrophes are not taken for quotes)
_QUOTED = re.compile(
    r"(?:^|(?<=[\s(\[—–/]))(?P<open>[\"“‘'])"
    r"(?P<body>[A-Za-z][A-Za-z'’-]*(?:[ \u00a0][A-Za-z][A-Za-z'’-]*){1,2})"
    r"[,.]?(?P<close>[\"”’'])(?![A-Za-z])"
)
_CLOSE = {'"': '"', "“": "”", "‘": "’", "'": "'"}
#: English function words: a scare-quoted compound is built of content words only
_FUNCTION = frozenset(
    "a an the this that these those of in on at to for with by from into onto over under about "
    "and or but nor so yet not no is are was were be been being am do does did has have had will "
    "would can could should may might must shall it its he she they we you i me him her them us "
    "my your his our their who whom whose which what when where why how all any some each every "
    "such own than then too very just only also more most less least as if there here".split()
)
#: a word below this Zipf frequency (wordfreq, English) is too rare to be "common English"
_COMMON_ZIPF = 3.0
#: a closed compound ("firefighter") this frequent means the spaced form is known English
_COMPOUND_ZIPF = 2.5
_KOREAN_QUOTES = re.compile(r"[‘’“”\"'「」『』《》〈〉<>]")
#: a verb of saying or naming before the quotation in the same sentence: the quoted words
#: are someone's (a direct quotation or a label they used), not the writer's own metaphor.
#: Only forms that are rarely nouns ("called", not "call")
_ATTRIBUTION = re.compile(
    r"\b(?:say|says|said|saying|tell|tells|told|calls|called|calling|dub|dubs|dubbed|"
    r"termed|labeled|labelled|branded|describe|describes|described|describing|warn|warns|"
    r"warned|vow|vowed|insist|insists|insisted|add|adds|added|noted|write|writes|wrote|"
    r"written|stated|declare|declares|declared|announce|announces|announced|argue|argues|"
    r"argued|claimed|praised|urge|urges|urged|quoted|quoting|according|ask|asks|asked|"
    r"replied|answered|promised|pledged|known as|refer to|refers to|referred to|put it|"
    r"in (?:his|her|their) words)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+")


def _attributed(text: str, quote_start: int) -> bool:
    """Is the quotation at ``quote_start`` introduced by a verb of saying or naming (or a
    colon) earlier in its sentence?"""
    before = text[:quote_start]
    ends = list(_SENTENCE_END.finditer(before))
    sentence = before[ends[-1].end() :] if ends else before
    return sentence.rstrip().endswith(":") or bool(_ATTRIBUTION.search(sentence))


@lru_cache(maxsize=1)
def frequent_bigrams() -> frozenset[str]:
    """The ~250,000 most frequent English word pairs of the Google Web Trillion Word Corpus
    (Peter Norvig's count_2w list, as shipped by the ``wordsegment`` package), lower case."""
    text = resources.files("wordsegment").joinpath("bigrams.txt").read_text("utf-8")
    return frozenset(line.split("\t", 1)[0].lower() for line in text.splitlines())


def _parts(token: str) -> list[str]:
    return [p for p in re.split(r"[-'’]", token.lower()) if p]


def _unusual(tokens: list[str]) -> str | None:
    """Why a 2-3 word quoted phrase is an unusual English combination, or None if it is not."""
    lowered = [t.lower().replace("’", "'") for t in tokens]
    if any(t in _FUNCTION for t in lowered) or not all(t[:1].islower() for t in tokens):
        return None
    if any("-" in t for t in lowered):
        return None  # "combat-trained", "billion-dollar": productive English compounding
    zipfs = [zipf(part) for t in lowered for part in _parts(t)]
    if not zipfs or min(zipfs) < _COMMON_ZIPF:
        return None  # a rare or unknown word: a different problem (romanised Korean, a name)
    phrase = " ".join(lowered)
    if established_english(phrase):
        return None
    bigrams = frequent_bigrams()
    for left, right in zip(lowered, lowered[1:], strict=False):
        pair = f"{left} {right}"
        if pair in bigrams or (pair.endswith("s") and pair[:-1] in bigrams):
            return None
        if zipf(left + right) >= _COMPOUND_ZIPF:
            return None  # "fire fighter" for "firefighter"
    return f"Zipf frequencies {', '.join(f'{z:.1f}' for z in zipfs)}"


@check(id="calque.rare_collocation", category="style/unidiomatic style", severity="minor")
def rare_collocation(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A quoted two- or three-word phrase whose words are common but never go together in English.

    Korean columnists put metaphors in quotation marks (‘만능의 보검’), and MT keeps the
    marks around a word-for-word rendering. A phrase in quotation marks is flagged when it is
    two or three lower-case content words without hyphens (hyphenated compounds such as
    "billion-dollar" are productive English), each common English (wordfreq Zipf frequency
    at least 3), and yet the combination is not known English: not in the calque lexicon's list
    of established English compounds and idioms nor among its idiomatic suggestions, no
    adjacent pair among the ~250,000 most frequent English word pairs of the web (Norvig's
    Google Web Trillion Word list, shipped with wordsegment), and not a closed compound
    ("fire fighter"). A quotation introduced by a verb of saying or naming in the same
    sentence ("said", "called it", "dubbed") is someone's words, not the writer's metaphor,
    and is skipped, as are phrases that calque.literal_idiom or calque.unidiomatic_idiom
    already report. When the Korean passage is known and has no quotation marks, the
    quoted English did not come from a quoted Korean metaphor and is not flagged.

    False positives: a short quotation whose speaker is named in another sentence, and a
    newly coined term or an established compound missing from both lists ("dwarf planet"),
    look the same as a calque. Misses: a calque introduced by "called it" or "labelled it".
    """
    text = pair.target.text
    if not any(mark in text for mark in _CLOSE):
        return
    candidates = [m for m in _QUOTED.finditer(text) if _CLOSE[m["open"]] == m["close"]]
    if not candidates:
        return
    if pair.source is not None and not _KOREAN_QUOTES.search(pair.source.text):
        return
    known = [(m.start, m.end) for m in find_literals(text)]
    for match in candidates:
        start, end = match.span("body")
        if any(s < end and start < e for s, e in known):
            continue
        if _attributed(text, match.start()):
            continue
        tokens = match["body"].split()
        why = _unusual(tokens)
        if why is None:
            continue
        yield Hit(
            start,
            end,
            f"the quoted phrase {_quote(match['body'])} is an unusual English combination: "
            f"each word is common ({why}) but the phrase is not a known English compound "
            "or idiom and its words are not a frequent pair. MT often keeps the quotation "
            "marks around a word-for-word rendering of a Korean idiom or metaphor: check the "
            "original and use the English idiom if there is one.",
        )
