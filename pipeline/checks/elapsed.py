"""Elapsed time that contradicts the years the text itself gives.

"Granted in October 2023 … only four years ago" in a column dated 2025, "the war, which
began in 2022, will mark its sixth anniversary next month" in 2026, "signed in 2015 … Two
years later, in 2019": the number of years a phrase states is compared with the explicit
years around it and with the document's date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.checks.registry import CheckContext, Hit, check
from pipeline.lexicon.dates import english_dates
from pipeline.model import Passage

_NUMBERS = {
    w: i
    for i, w in enumerate(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split(),
        1,
    )
}
_ORDINALS = {
    w: i
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split(),
        1,
    )
}
_COUNT = rf"(?P<n>\d{{1,2}}|a|an|{'|'.join(_NUMBERS)})"
_AGO = re.compile(rf"\b{_COUNT}\s+(?P<u>years?|decades?)\s+(?:ago|earlier|before)\b", re.I)
_LATER = re.compile(rf"\b{_COUNT}\s+(?P<u>years?|decades?)\s+(?:later|after(?:wards?)?)\b", re.I)
#: "ten years since the 2015 agreement", "30 years since it was founded in 1994"
_SINCE = re.compile(
    rf"\b{_COUNT}\s+(?P<u>years?|decades?)\s+since\b[^.;:!?]{{0,60}}?\b(?P<y>(?:19|20)\d\d)\b",
    re.I,
)
#: "after five years of suspension": a state that began with an event the text dates
_YEARS_OF = re.compile(
    rf"\b(?:after|following|ending)\s+{_COUNT}\s+(?P<u>years?|decades?)\s+of\s+(?P<w>[a-z]{{5,}})\b",
    re.I,
)
_ANNIVERSARY = re.compile(
    rf"\b(?P<o>\d{{1,3}}(?:st|nd|rd|th)|{'|'.join(_ORDINALS)})\s+anniversary\b", re.I
)


@dataclass(frozen=True)
class _Year:
    year: int
    month: int | None
    start: int  # offsets into the document text
    end: int
    text: str


def _count(m: re.Match) -> int:
    word = m["n"].lower()
    n = int(word) if word.isdigit() else _NUMBERS.get(word, 1)
    return n * (10 if m["u"].lower().startswith("decade") else 1)


def _ordinal(m: re.Match) -> int:
    word = m["o"].lower()
    return int(word[:-2]) if word[0].isdigit() else _ORDINALS[word]


def _years(text: str, offset: int) -> list[_Year]:
    """Explicit years (with their month when given) in ``text``, offsets shifted."""
    found = []
    for d in english_dates(text):
        if d.year is not None and 1900 <= d.year <= 2099 and d.relative is None:
            found.append(_Year(d.year, d.month, offset + d.start, offset + d.end, d.text))
    return found


def _plausible(years: int, start: _Year, end: tuple[int, int | None]) -> bool:
    """Could ``years`` years have passed from ``start`` to ``end`` (year, month)? Within a
    year either way when a month is unknown; with months, more than N-1 and less than N+1
    years."""
    end_year, end_month = end
    if start.month is None or end_month is None:
        return abs(end_year - start.year - years) <= 1
    months = (end_year * 12 + end_month) - (start.year * 12 + start.month)
    return (years - 1) * 12 < months < (years + 1) * 12


def _reference(ctx: CheckContext) -> tuple[int, int | None] | None:
    """The document's own date as (year, month), when known."""
    d = ctx.document.date
    if not d or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", d):
        return None
    return int(d[:4]), int(d[5:7])


def _sentence_years(passage: Passage, text: str, phrase_start: int) -> list[_Year]:
    """Years of the phrase's sentence that come before the phrase."""
    for s in passage.segments:
        if s.start <= phrase_start < s.end:
            return _years(text[s.start : phrase_start], s.start)
    return []


def _sentence_start(passage: Passage, position: int) -> int:
    return next((s.start for s in passage.segments if s.start <= position < s.end), position)


def _only(years: list[_Year]) -> _Year | None:
    distinct = {y.year for y in years}
    return years[-1] if len(distinct) == 1 else None


@check(
    id="figure.elapsed_years",
    category="accuracy/mistranslation",
    severity="major",
    scope="document",
)
def elapsed_years(ctx: CheckContext) -> Iterator[Hit]:
    """Years that have passed, or an anniversary, contradict the years the text gives.

    "N years ago" is compared with the document's date and the one explicit year named
    before it in its sentence ("the summit of June 2018, five years ago"), or, after "only",
    "just" or "barely", in its paragraph ("granted in October 2023 … given only four years
    ago"); "Nth anniversary" with the one explicit year of its sentence and the date it
    falls on (this month, next month, next year), unless that year is about when the
    anniversary is ("in 2024 it marked its 70th anniversary"); "N years later, in 2019"
    with the last year named before it in the paragraph. "That was N years ago" counts from
    the one year of the sentence before; a past "N years later" with no year after it must
    not fall after the text's own date ("on July 17 last year … signed two years later" in
    a text dated the next June). "N years since 2015" counts to the document's date, and so
    does "after N years of suspension" when the paragraph dates the verb of that noun ("in
    2022 the builder suspended the work"). A year's difference is tolerated
    when months are unknown (2023 → 2025 can be "a year ago"); with months, the stated
    years must be within a year of the months that passed, and an anniversary pinned to
    this or next month must fall in exactly its year. Nothing is checked when the
    document's date is unknown (ago, anniversaries) or the context names two different
    years. False positives: the year near the phrase belongs to another event than the one
    the phrase counts from ("founded in 2010, it hired its first engineer five years ago").
    """
    text = ctx.document.text
    if not re.search(r"(?i)\b(?:ago|earlier|before|later|after|anniversary|since)\b", text):
        return
    reference = _reference(ctx)
    for passage in ctx.passages:
        if not passage.reviewable:
            continue
        lower = passage.text.lower()
        if "year" not in lower and "decade" not in lower and "anniversar" not in lower:
            continue  # every phrase read here has one of these words
        if reference is not None:
            if "ago" in lower or "earlier" in lower or "before" in lower:
                yield from _ago(passage, text, reference)
            if " since " in lower:
                yield from _since(passage, reference)
            if " of " in lower:
                yield from _years_of(passage, reference)
            if "anniversar" in lower:
                yield from _anniversaries(passage, text, reference)
        if "later" not in lower and "after" not in lower:
            continue
        for m in _LATER.finditer(passage.text):
            start = passage.start + m.start()
            after = _years(text[passage.start + m.end() : passage.start + m.end() + 20], 0)
            earlier = _years(text[passage.start : start], passage.start)
            if not after and reference is not None:
                hit = _later_than_the_text(passage, text, m, reference)
                if hit:
                    yield hit
                continue
            if not after or not earlier or after[0].start > 8:
                continue
            base, then = earlier[-1], after[0]
            n = _count(m)
            if not _plausible(n, base, (then.year, then.month)):
                yield Hit(
                    start,
                    passage.start + m.end(),
                    f"{m.group()!r} after {base.text!r} would be {base.year + n}, "
                    f"but the text says {then.text!r}",
                    suggestion=f"{_words(then.year - base.year)} years later"
                    if then.year > base.year
                    else None,
                )


def _since(passage: Passage, reference) -> Iterator[Hit]:
    """ "ten years since the 2015 agreement": the years since a year of the same sentence
    up to the text's own date (the present perfect speaks of now)."""
    for m in _SINCE.finditer(passage.text):
        n, year = _count(m), int(m["y"])
        if year > reference[0] or abs(reference[0] - year - n) <= 1:
            continue
        elapsed = reference[0] - year
        phrase = m.group()[: m.end("u") - m.start()] + " since"
        yield Hit(
            passage.start + m.start(),
            passage.start + m.end("u") + len(" since"),
            f"{phrase!r} {m['y']} does not fit a text dated {reference[0]}: that is "
            f"{elapsed} years",
            suggestion=f"{_words(elapsed)} years since" if elapsed > 1 else None,
        )


def _years_of(passage: Passage, reference) -> Iterator[Hit]:
    """ "in 2022 the builder suspended the work … after five years of suspension": a
    state named by a noun whose verb the paragraph dates earlier, counted to the text's
    own date."""
    for m in _YEARS_OF.finditer(passage.text):
        stem = m["w"].lower()[:6]
        before = passage.text[: m.start()]
        dated = [
            y
            for y in _years(before, 0)
            if re.search(rf"\b{stem}\w*", before[y.end : y.end + 80], re.I)
        ]
        if len({y.year for y in dated}) != 1:
            continue
        year = dated[-1].year
        n = _count(m)
        if year > reference[0] or abs(reference[0] - year - n) <= 1:
            continue
        elapsed = reference[0] - year
        yield Hit(
            passage.start + m.start(),
            passage.start + m.end(),
            f"{m.group()!r}: the text dates it to {year}, {elapsed} years before its own "
            f"date ({reference[0]})",
            suggestion=None,
        )


#: a sentence that opens by pointing back at the one before: "That was seven years ago"
_BACK_REFERENCE = re.compile(r"\s*(?:That|This|It|Which)\s+(?:was|happened|came)\b")
#: a sentence about the future: "N years later" need not have passed yet
_FUTURE = re.compile(
    r"\b(?:will|would|shall|is\s+expected|are\s+expected|plans?|scheduled)\b", re.I
)


def _previous_sentence_years(passage: Passage, text: str, position: int) -> list[_Year]:
    before = [s for s in passage.segments if s.end <= _sentence_start(passage, position)]
    return _years(text[before[-1].start : before[-1].end], before[-1].start) if before else []


def _sentence_dates(passage: Passage, text: str, position: int, reference) -> list[_Year]:
    """Dates of the sentence before ``position``, explicit or relative to the document's
    date ("July 17 last year")."""
    start = _sentence_start(passage, position)
    found = []
    for d in english_dates(text[start:position]):
        year = d.year
        if d.relative in ("last-year", "this-year") and year is None and reference:
            year = reference[0] - (1 if d.relative == "last-year" else 0)
        if year is not None and 1900 <= year <= 2099:
            found.append(_Year(year, d.month, start + d.start, start + d.end, d.text))
    return found


def _later_than_the_text(passage, text, m, reference) -> Hit | None:
    """ "Signed on July 17 last year … nearly two years later" in a text dated a year after:
    a past event N years after a date cannot come after the text's own date."""
    start = passage.start + m.start()
    sentence_end = next((s.end for s in passage.segments if s.start <= start < s.end), start)
    if _FUTURE.search(text, _sentence_start(passage, start), sentence_end):
        return None
    base = _only(_sentence_dates(passage, text, start, reference))
    if base is None or base.month is None or reference[1] is None:
        return None
    n = _count(m)
    months = (reference[0] * 12 + reference[1]) - (base.year * 12 + base.month)
    if months > (n - 1) * 12:
        return None
    return Hit(
        start,
        passage.start + m.end(),
        f"{m.group()!r} after {base.text!r} would fall after the text's own date "
        f"({reference[0]}-{reference[1]:02d}), yet the text tells it as past",
        suggestion=None,
    )


#: words that pin an anniversary to a month, so its year must match exactly
_PINNED = re.compile(r"\b(?:(?:this|next|last) (?:month|week)|today|yesterday|tomorrow)\b", re.I)
_EMPHASIS = re.compile(r"\b(?:only|just|barely|merely|a mere)\s+$", re.I)


def _ago(passage: Passage, text: str, reference) -> Iterator[Hit]:
    for m in _AGO.finditer(passage.text):
        start = passage.start + m.start()
        here = _sentence_years(passage, text, start)
        year = _only(here)
        if year is None and not here and _EMPHASIS.search(passage.text[: m.start()]):
            # "… only four years ago" refers back to the one year named earlier in the paragraph
            year = _only(_years(text[passage.start : start], passage.start))
        if (
            year is None
            and not here
            and _BACK_REFERENCE.match(text, _sentence_start(passage, start), start)
        ):
            # "That was seven years ago" counts from the year of the sentence before
            year = _only(_previous_sentence_years(passage, text, start))
        if year is None or year.year > reference[0]:
            continue
        n = _count(m)
        if _plausible(n, year, reference):
            continue
        elapsed = reference[0] - year.year
        yield Hit(
            start,
            passage.start + m.end(),
            f"{m.group()!r} does not fit {year.text!r} in a text dated {reference[0]}: "
            f"that is {elapsed} year{'s' if elapsed != 1 else ''} before",
            suggestion=f"{_words(elapsed)} years ago" if elapsed > 1 else None,
        )


def _due(tail: str, reference: tuple[int, int | None]) -> tuple[int, int | None]:
    """When an anniversary falls: this month, or next month / next year when the text says so."""
    year, month = reference
    m = re.search(r"\b(next|last)\s+(month|year)\b", tail, re.I)
    if m is None or month is None:
        return year, month
    step = 1 if m[1].lower() == "next" else -1
    if m[2].lower() == "year":
        return year + step, None
    total = year * 12 + (month - 1) + step
    return total // 12, total % 12 + 1


def _anniversaries(passage: Passage, text: str, reference) -> Iterator[Hit]:
    for m in _ANNIVERSARY.finditer(passage.text):
        start = passage.start + m.start()
        here = _sentence_years(passage, text, start)
        sentence_end = next((s.end for s in passage.segments if s.start <= start < s.end), start)
        tail = text[passage.start + m.end() : sentence_end]
        year = _only(here)
        if year is None or _years(tail, 0):
            continue
        n = _ordinal(m)
        due_year, due_month = _due(tail, reference)
        if abs(year.year - due_year) <= 1:
            continue  # "In 2024, the country marked its 70th anniversary": when, not since when
        sentence = text[_sentence_start(passage, start) : sentence_end]
        exact = year.month is not None and bool(_PINNED.search(sentence))
        if year.year + n == due_year or (not exact and abs(year.year + n - due_year) <= 1):
            continue
        expected = due_year - year.year
        yield Hit(
            start,
            passage.start + m.end(),
            f"an event of {year.text} has its {_ordinal_word(expected)} anniversary in "
            f"{due_year}, not its {m['o']}",
            suggestion=f"{_ordinal_word(expected)} anniversary" if expected > 0 else None,
        )


def _words(n: int) -> str:
    names = {v: k for k, v in _NUMBERS.items()}
    return names.get(n, str(n))


def _ordinal_word(n: int) -> str:
    names = {v: k for k, v in _ORDINALS.items()}
    if n in names:
        return names[n]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
