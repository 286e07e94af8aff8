"""Figures in one sentence that do not add up: a currency conversion off by a power of ten,
a percentage change that does not follow from the two figures it compares.

Korean counts money in units of 만 (10^4) and 억 (10^8); MT that misreads them shifts an
amount by one or more powers of ten, which shows when the column gives the amount in two
currencies side by side ("$2.4 billion (about 330 billion won)"). A percentage rewritten
from another sentence, or miscalculated, shows against the figures it claims to compare.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from datetime import date

from pipeline.checks.registry import CheckContext, Hit, check
from pipeline.lexicon.dates import english_dates
from pipeline.lexicon.quantities import english_quantities
from pipeline.model import AlignedPair
from pipeline.segment import passage_sentences

#: won per unit of each currency: a range wide enough for every rate since 1998
WON_PER = {
    "dollar": (900.0, 1_700.0),
    "euro": (1_000.0, 1_800.0),
    "pound": (1_300.0, 2_200.0),
    "yen": (7.0, 14.0),
    "yuan": (130.0, 240.0),
}
#: what may stand between two amounts that give one sum in two currencies
_SAME_SUM = re.compile(
    r"^\s*(?:\(|,|—|–|-)\s*(?:or\s+|which\s+is\s+|equivalent\s+to\s+)?"
    r"(?:about|approximately|around|roughly|some|nearly|almost|over|more\s+than|close\s+to)?\s*$",
    re.IGNORECASE,
)


@check(id="figure.currency_conversion", category="accuracy/mistranslation", severity="major")
def currency_conversion(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """An amount given in two currencies side by side whose rate is impossible.

    "$2.4 billion (about 330 billion won)", "€1.2 billion, or about 1.8 trillion won": the
    won amount divided by the other must fall within the exchange rates since 1998 (dollar
    900–1,700 won, euro 1,000–1,800, pound 1,300–2,200, yen 7–14, yuan 130–240), with a
    quarter's margin either way. Outside, one of the two amounts is wrong, usually by a
    power of ten (a misread 만 or 억); the finding is on the won amount and its message says
    by what factor. False positives: a rate from before 1998 in a historical text.
    """
    text = pair.target.text
    if "won" not in text:
        return
    found = english_quantities(text)
    for first, second in zip(found, found[1:], strict=False):
        units = {first.unit, second.unit}
        if (
            "won" not in units
            or len(units) != 2
            or not _SAME_SUM.match(text[first.end : second.start])
        ):
            continue
        won, other = (first, second) if first.unit == "won" else (second, first)
        rates = WON_PER.get(other.unit or "")
        if rates is None or other.value <= 0:
            continue
        rate = won.value / other.value
        low, high = rates
        if low / 1.25 <= rate <= high * 1.25:
            continue
        yield Hit(
            won.start,
            won.end,
            f"{won.text!r} is {rate:,.1f} won per {other.unit} for {other.text!r}; "
            f"the rate has been {low:,.0f}–{high:,.0f} since 1998: one amount is off by "
            f"about {_power_of_ten(rate, low, high)}",
            suggestion=None,
        )


def _power_of_ten(rate: float, low: float, high: float) -> str:
    """How far ``rate`` is from the middle of the range, in powers of ten."""
    factor = (low * high) ** 0.5 / rate
    power = round(math.log10(factor))
    return f"a factor of {10 ** abs(power):,}" if power else "a factor of two or more"


#: the change in apposition after the second figure: ", a reduction of about 45 percent"
_CHANGE = re.compile(
    r",\s*(?:an?\s+)?(?P<word>reduction|decrease|decline|drop|fall|cut|saving|"
    r"increase|rise|jump|gain|growth)\s+of\s+"
    r"(?:about|approximately|around|roughly|some|nearly|almost|over|more\s+than)?\s*$",
    re.IGNORECASE,
)
_DOWN = frozenset("reduction decrease decline drop fall cut saving".split())


@check(id="figure.percent_change", category="accuracy/mistranslation", severity="major")
def percent_change(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A percentage change that does not follow from the two figures it compares.

    In a sentence with exactly two figures of one unit and then one percentage given as
    their change ("22,000 km by the Suez Canal but 15,000 km by the northern route, a
    reduction of about 45 percent"), the change is recomputed: a fall from the larger
    figure, a rise from the smaller. A difference of more than two points and a tenth of
    the figure is flagged, with the computed percentage as the suggestion. False
    positives: a change measured against a third figure the sentence does not give.
    """
    text = pair.target.text
    if "percent" not in text and "%" not in text:
        return
    for part in passage_sentences(pair.target):
        offset, sentence = part.start, part.text
        found = english_quantities(sentence)
        percents = [q for q in found if q.unit == "percent"]
        others = [q for q in found if q.unit != "percent"]
        if len(percents) != 1 or len(others) != 2:
            continue
        (share,), (a, b) = percents, others
        if a.unit != b.unit or a.value <= 0 or b.value <= 0 or share.start < b.end:
            continue
        change = _CHANGE.search(sentence[b.end : share.start])
        if change is None:
            continue
        word = change.group("word").lower()
        base = max(a.value, b.value) if word in _DOWN else min(a.value, b.value)
        expected = abs(a.value - b.value) / base * 100
        if abs(share.value - expected) <= max(2.0, 0.1 * expected):
            continue
        yield Hit(
            offset + share.start,
            offset + share.end,
            f"{share.text!r}: from {a.text} to {b.text} is a change of "
            f"{expected:.0f} percent, not {share.value:g}",
            suggestion=f"{expected:.0f} percent",
        )


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(rf"\b({'|'.join(_WEEKDAYS)})\b", re.IGNORECASE)


@check(
    id="figure.weekday",
    category="accuracy/mistranslation",
    severity="minor",
    scope="document",
)
def weekday_mismatch(ctx: CheckContext) -> Iterator[Hit]:
    """A weekday that does not fall on the date it is given with ("Thursday, June 4").

    A date written with its weekday is checked against the calendar: in its own year when
    it gives one, else in the year that puts it nearest the document's date (a column
    dated December 22 means the November 16 just past, one dated January 5 the December
    20 before). MT and hurried editing change one of the two. False positives: a date
    given without its year that lies more than half a year from the document's date.
    """
    reference = ctx.document.date
    for passage in ctx.passages:
        if not passage.reviewable or "day" not in passage.text.lower():
            continue  # every weekday name ends in "day": a cheap test before the pattern
        if not _WEEKDAY.search(passage.text):
            continue
        for d in english_dates(passage.text):
            weekday = _WEEKDAY.match(d.text)
            if weekday is None or d.month is None or d.day is None or d.relative:
                continue
            years = [d.year] if d.year else _nearest_year(reference, d.month, d.day)
            named = _WEEKDAYS.index(weekday.group(1).lower())
            days = []
            for year in years:
                try:
                    days.append(date(year, d.month, d.day).weekday())
                except ValueError:
                    break  # no such day: another check's business
            if len(days) != len(years) or not days or named in days:
                continue
            month = date(2000, d.month, 1).strftime("%B")
            falls = [
                f"a {_WEEKDAYS[day].title()} in {year}"
                for day, year in zip(days, years, strict=True)
            ]
            yield Hit(
                passage.start + d.start,
                passage.start + d.end,
                f"{d.text!r}: {month} {d.day} is {' and '.join(falls)}",
                suggestion=None,
            )


def _nearest_year(reference: str | None, month: int, day: int) -> list[int]:
    """The year that puts month/day nearest the ISO date ``reference`` ([] without one)."""
    try:
        today = date.fromisoformat(reference or "")
    except ValueError:
        return []
    best = None
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            gap = abs((date(year, month, day) - today).days)
        except ValueError:
            continue  # February 29 of a common year
        if best is None or gap < best[0]:
            best = (gap, year)
    return [best[1]] if best else []
