"""Checks that need only the English text: what a reader of the published page can see."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from pipeline.checks.registry import CheckContext, Hit, check
from pipeline.lexicon.frequency import zipf
from pipeline.model import AlignedPair

_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+(?:[\s\d]+[\uac00-\ud7a3]+)*")


@check(id="untranslated.hangul", category="accuracy/untranslated", severity="major")
def untranslated_hangul(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """Korean (Hangul) left in the English text.

    Machine translation leaves a word in Hangul when it cannot segment or recognise it
    (a rare name, a newly coined term, a typo in the original). Each run of Hangul words is
    one finding. False positives: a text that quotes Korean on purpose and glosses it, such as
    "jeong (정, affection)"; the gloss in brackets lowers the severity to minor.
    """
    if pair.target.lang != "en":
        return
    text = pair.target.text
    for match in _HANGUL_RUN.finditer(text):
        before = text[max(0, match.start() - 2) : match.start()]
        after = text[match.end() : match.end() + 2]
        glossed = "(" in before or ")" in after or "," in after
        yield Hit(
            match.start(),
            match.end(),
            f"Korean text {match.group()!r} left untranslated in the English",
            severity="minor" if glossed else None,
        )


#: what [A-Za-z] matches when case is ignored: the ASCII letters and four others (re docs)
_LETTER = "[A-Za-z\u0130\u0131\u017f\u212a]"
#: words are atomic groups: the same matches as plain ones, without backtracking inside
#: words; the pattern opens with a letter (its word boundary checked behind it) and ignores
#: case only in the repetition, so that the regex engine skips straight to letters
_DOUBLED = re.compile(
    rf"({_LETTER}(?<=\b.)(?>{_LETTER}*)(?:[ ](?>{_LETTER}+)){{0,5}})\s+((?i:\1))\b"
)
#: pairs that English legitimately doubles ("had had", "that that")
_LEGITIMATE_DOUBLES = frozenset({"had", "that", "is", "do", "in", "bye", "no", "very", "so"})


@check(id="fluency.doubled_word", category="linguistic conventions/grammar", severity="minor")
def doubled_word(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """The same word or phrase twice in a row ("the the", "in the region in the region").

    MT produces these when two Korean words map to one English word, or when a clause is
    rendered twice. Phrases of up to six words are compared, case ignored. False
    positives: words English doubles on purpose ("had had", "that that", "very very") and
    capitalised doubles, which are names ("Bora Bora"), are not flagged.
    """
    for match in _DOUBLED.finditer(pair.target.text):
        words = match.group(1)
        if words.lower() in _LEGITIMATE_DOUBLES:
            continue
        if words[0].isupper() and match.group(2) == words:
            continue  # a name: "Bora Bora", "Walla Walla"
        what = "word" if " " not in words else "words"
        yield Hit(
            match.start(),
            match.end(),
            f"the {what} {words!r} appear{'s' if what == 'word' else ''} twice in a row",
            suggestion=words,
        )


_OPENERS = {"“": "”", "(": ")", "[": "]", "‘": "’"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}
_BRACKET_MARKS = re.compile("[“”()\\[\\]‘’]")


@check(
    id="punctuation.unbalanced",
    category="linguistic conventions/punctuation",
    severity="minor",
)
def unbalanced_punctuation(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """Quotation marks or brackets opened and never closed, or closed and never opened.

    Curly quotes and brackets are matched as pairs; straight double quotes must come in an
    even number. An unclosed quote often means a quotation was cut or garbled by the MT.
    A quotation left open at the end of a paragraph whose next paragraph opens with a
    quotation mark is the convention for a quotation running over several paragraphs, and
    passes. False positives: a quotation split over paragraphs without that convention; the
    apostrophe ’ is not treated as a closing single quote.
    """
    text = pair.target.text
    stack: list[tuple[str, int]] = []
    for mark in _BRACKET_MARKS.finditer(text):
        i, char = mark.start(), mark.group()
        if char in _OPENERS:
            stack.append((char, i))
        elif char in _CLOSERS and char != "’":
            if stack and stack[-1][0] == _CLOSERS[char]:
                stack.pop()
            else:
                yield Hit(i, i + 1, f"{char!r} closes nothing opened before it")
    continued = None  # does the next paragraph open a quotation? (asked when needed)
    for char, i in stack:
        if char == "‘":  # too often an apostrophe-like mark to call unbalanced
            continue
        if char == "“":
            continued = _next_paragraph_opens_a_quote(pair.target, ctx)
            if continued:
                continue  # a quotation running on into the next paragraph
        yield Hit(i, i + 1, f"{char!r} is opened here and never closed in the paragraph")
    straight = text.count('"')
    if straight % 2 and not (continued or _next_paragraph_opens_a_quote(pair.target, ctx)):
        last = text.rindex('"')
        yield Hit(last, last + 1, f"odd number of straight double quotes ({straight})")


def _next_paragraph_opens_a_quote(passage, ctx: CheckContext) -> bool:
    """Whether the next reviewable paragraph starts with an opening quotation mark: the
    convention for a quotation that runs over several paragraphs (each opens again, only
    the last closes)."""
    later = False
    for other in ctx.passages:
        if later and other.reviewable:
            return other.text.lstrip()[:1] in ('"', "“")
        later = later or other.passage_id == passage.passage_id
    return False


#: opens with the space (what it follows checked behind it), so the engine skips to spaces
_SPACE_BEFORE = re.compile(
    r"[ \t\u00a0](?<=[A-Za-z0-9\"”’)][ \t\u00a0])[ \t\u00a0]*+([,;:!?]|\.(?!\.|\d))(?=\s|$)"
)


@check(
    id="punctuation.space_before",
    category="linguistic conventions/punctuation",
    severity="minor",
)
def space_before_punctuation(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A space before a comma, full stop, colon, semicolon, question or exclamation mark.

    English sets these marks directly after the word; a space before one is a sign that
    the text was stitched together (for example a title or a fragment cut out before the
    mark). False positives: an ellipsis (" ...") and decimal numbers (" .5") are skipped.
    """
    for match in _SPACE_BEFORE.finditer(pair.target.text):
        mark = match.group(1)
        yield Hit(
            match.start(),
            match.end(),
            f"space before {mark!r}",
            suggestion=mark,
        )


_LEADING_PUNCT = re.compile(r"^[.,;:!?)\]·ㆍ」』》]+\s*")


@check(
    id="structure.leading_punctuation",
    category="linguistic conventions/textual conventions",
    severity="minor",
)
def leading_punctuation(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A paragraph that starts with a full stop, comma, closing bracket or other closing
    mark, or with a Korean list dot (·, ㆍ).

    The mark belongs to the end of the previous paragraph or sentence: the text before it
    was split off, often because a title or a heading was spliced into the first sentence.
    False positives: an ellipsis opening a quoted fragment ("...and then") is skipped.
    """
    text = pair.target.text
    if text.startswith("..."):
        return
    match = _LEADING_PUNCT.match(text)
    if match:
        mark = match.group().strip()
        yield Hit(0, len(mark), f"the paragraph starts with {mark!r}: text before it was cut off")


_ONSET = "(?:kk|tt|pp|ss|jj|ch|g|k|n|d|t|r|l|m|b|p|s|j|h)?"
_VOWEL = "(?:yae|wae|ae|ya|eo|yeo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|a|e|o|u|i)"
_CODA = "(?:ng|k|n|t|l|m|p)?"
_ROMANIZED = re.compile(rf"(?:{_ONSET}{_VOWEL}{_CODA}){{2,6}}")
#: a lower-case word; opens with its first letter (what precedes it checked behind it)
#: (an apostrophe inside a word, "don't", is no word start; one opening a quotation,
#: 'naeronambul', is, and so is one closing it; a word cut by an HTML entity,
#: "jalape&ntilde;o", is no word)
_LOWER_WORD = re.compile(
    r"[a-z](?<![\w-][a-z])(?<!\w['’][a-z])[a-z]*+(?:-[a-z]++)?+(?![\w-])(?!['’]\w)(?!&\w+;)"
)
#: English prefixes before a hyphen: "semi-jeonse" is the term jeonse
_PREFIXES = frozenset(
    "semi non anti post pre ex pro quasi pseudo neo mini super mega ultra".split()
)


def _glossed(word: str, text: str) -> bool:
    """The document explains the term somewhere: "jeonse, a system…", "known as jeonse"."""
    w = re.escape(word)
    explained_after = rf"\b{w}\b[\"”’']?\s*(?:,\s*(?:a|an|the|which|or|meaning|literally)\b|\(|—|–)"
    explained_before = rf"(?:known as|called|so-called|term|word)\s+[\"“‘']?{w}\b"
    return bool(re.search(explained_after, text, re.I) or re.search(explained_before, text, re.I))


def _seen_before(word: str, text: str, pair: AlignedPair, match: re.Match) -> bool:
    """Only the first use of a term in the document is reported."""
    first = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)
    return first is not None and first.start() < pair.target.start + match.start()


def _english_compound(word: str) -> bool:
    """True for a closed compound of two common English words ("chipmaking", "newsroom")."""
    return any(zipf(word[:i]) >= 3.5 and zipf(word[i:]) >= 3.5 for i in range(3, len(word) - 2))


@lru_cache(maxsize=65536)
def _unknown_romanization(word: str) -> bool:
    """Built of romanised Korean syllables, five letters or more, and not English."""
    letters = word.replace("-", "")
    if len(letters) < 5 or not _ROMANIZED.fullmatch(letters):
        return False
    if zipf(letters) >= 1.5 or zipf(word) >= 1.5:
        return False
    return not _english_compound(letters)


#: lower-case words found not to be unknown romanisations (see ``_any_romanization``)
_NOT_ROMANIZED: set[str] = set()
_MAX_NOT_ROMANIZED = 200_000


def _any_romanization(words: list[str]) -> bool:
    """Whether one of ``words`` is ``_unknown_romanization``. Each word is judged once and
    those that are not are remembered, so a text is mostly sorted with one set difference."""
    if len(_NOT_ROMANIZED) > _MAX_NOT_ROMANIZED:
        _NOT_ROMANIZED.clear()
    for word in set(words).difference(_NOT_ROMANIZED):
        if _unknown_romanization(word):
            return True
        _NOT_ROMANIZED.add(word)
    return False


@check(id="untranslated.romanized", category="accuracy/untranslated", severity="minor")
def romanized_korean(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A Korean word left in romanisation (e.g. a coined term) instead of being translated.

    A lower-case word that is built entirely of Revised Romanization syllables, is at
    least five letters long and is unknown to English (wordfreq Zipf frequency below 1.5)
    is what MT leaves when it transliterates a Korean term it cannot translate. Names are
    capitalised and so not considered; closed compounds of two common English words
    ("chipmaking") are not romanisation; established loanwords (chaebol, kimchi, hallyu…)
    are frequent enough in English to pass; a term the document explains ("jeonse, a
    system in which…", "known as jeonse") is not flagged, and an unexplained one only at
    its first use. A word in single quotes ('kkondae') is read; after an English prefix
    ("semi-jeonse") only the Korean part is. False positives: a coined term the text
    explains only in a later paragraph is still flagged at its first use.
    """
    if pair.target.lang != "en":
        return
    text = pair.target.text
    if not _any_romanization(_LOWER_WORD.findall(text)):
        return  # the common case, read without a match object a word
    for match in _LOWER_WORD.finditer(text):
        word, start = match.group(), match.start()
        prefix, _, rest = word.partition("-")
        if rest and prefix in _PREFIXES:
            word, start = rest, start + len(prefix) + 1
        if not _unknown_romanization(word):
            continue
        if _glossed(word, ctx.document.text) or _seen_before(word, ctx.document.text, pair, match):
            continue
        yield Hit(
            start,
            match.end(),
            f"{word!r} looks like romanised Korean (Revised Romanization syllables, "
            "not an English word): translate it or explain it",
        )
