"""Counts, shares, sums, rates and spans that disagree with what the text itself states.

"The three Baltic states, Estonia, Latvia, Lithuania and Poland" announces three and names
four; "30,000 homes, only about 13 percent of the 100,000 planned" gives a share its own two
figures do not make; "$18.4 billion, $9.3 billion and $5.2 billion, for a total of $37.1
billion" does not add up; "$6 billion within 18 months, or about $500 million a month" is
not that rate; "54 days, from September 27 to November 10" is not that span. MT produces
these when it misreads a Korean number (세 → "three", 3만 → "30,000") or copies a figure
from the wrong clause; the text's own figures are the evidence, so no source is needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.checks.figures import Figure, passage_figures
from pipeline.checks.registry import CheckContext, Hit, check
from pipeline.lexicon.dates import english_dates
from pipeline.lexicon.quantities import english_quantities
from pipeline.model import AlignedPair
from pipeline.segment import passage_sentences

#: number words a count may be written in, and the ones that announce a list of names
_COUNT_WORDS = {
    word: value
    for value, word in enumerate(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen".split(),
        1,
    )
} | {"twenty": 20}
_NUMBER_WORDS = {word: value for word, value in _COUNT_WORDS.items() if 2 <= value <= 10}
#: one listed name: capitalised words, "of" or "the" inside ("the Democratic Republic of
#: the Congo", "Bosnia and Herzegovina" is read as two)
_ITEM = r"(?:the[ ])?[A-Z][\w'’.&-]*(?:[ ](?:of[ ](?:the[ ])?)?[A-Z0-9][\w'’.&-]*){0,4}"
#: "the three countries, A, B and C", "two companies — A and B", "four ministries: A, B…"
_ANNOUNCED_LIST = re.compile(
    rf"\b(?P<n>(?i:{'|'.join(_NUMBER_WORDS)})|[2-9])[ ]"
    r"(?P<noun>(?:[A-Za-z-]+[ ]){0,3}?[a-z]+s)[ ]?(?:,|:|—|–|\()[ ]?"
    rf"(?P<list>{_ITEM}(?:,[ ]{_ITEM})*,?[ ]and[ ]{_ITEM})"
    r"(?=[ ]?[,.;:)—–]|[ ](?:and|to|have|had|has|were|are|will|would|signed|agreed|met)\b)"
)
#: plural nouns a count of which is no list of names: time and measures
_NOT_LISTED = frozenset(
    "years months weeks days hours minutes seconds decades centuries times points percent "
    "rounds terms seasons games matches goals votes seats kilometers miles meters tons".split()
)
_LIST_SPLIT = re.compile(r",[ ]and[ ]|,[ ]|[ ]and[ ]")
#: what every match of _ANNOUNCED_LIST holds after the number: a cheap test
_NUMERALS = (*_NUMBER_WORDS, *(w.title() for w in _NUMBER_WORDS), *"23456789")


@check(id="figure.list_count", category="accuracy/mistranslation", severity="major")
def list_count(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A count that announces a list of names and the list that follows has another length.

    "the three Baltic states, Estonia, Latvia and Lithuania" passes; "the two companies,
    Hanwha Ocean, HD Hyundai and Samsung Heavy Industries" is flagged on "two", with the
    names counted in the message. The number (two to ten, in words or digits) must be
    followed by its plural noun and at once by a comma, colon, dash or bracket and a list of
    capitalised names ending "… and X". A count followed by a colon and counted parts
    ("twelve warships: two frigates, two corvettes and six patrol vessels") must be their
    sum. False positives: a name that itself contains "and"
    ("Bosnia and Herzegovina", "Trinidad and Tobago") counts as two; a list of examples after
    a count ("two allies, Japan and Australia among them") is mostly caught by the word after
    the list, but not always.
    """
    text = pair.target.text
    if " and " not in text or not any(n in text for n in _NUMERALS):
        return
    if ": " in text:
        yield from _counted_parts(text)
    for match in _ANNOUNCED_LIST.finditer(text):
        if match["noun"].rsplit(" ", 1)[-1] in _NOT_LISTED:
            continue  # "for seven years, the Ministry of … and …"
        word = match["n"].lower()
        announced = _NUMBER_WORDS.get(word) or int(word)
        items = [item for item in _LIST_SPLIT.split(match["list"]) if item]
        if len(items) == announced or len(items) < 2:
            continue
        listed = ", ".join(items)
        yield Hit(
            match.start("n"),
            match.end("n"),
            f"{match['n']} {match['noun']} are announced, but {len(items)} are named ({listed})",
            suggestion=_in_words(len(items)) if word.isalpha() else str(len(items)),
        )


_COUNT = rf"(?:{'|'.join(_COUNT_WORDS)}|\d{{1,3}})"
#: "twelve warships from Manila: two frigates, two corvettes and six patrol vessels"
_COUNTED_PARTS = re.compile(
    rf"\b(?P<n>(?i:{_COUNT}))[ ](?P<noun>[a-z]+s)\b[^.:;\d]{{0,40}}:[ ]"
    rf"(?P<list>{_COUNT}[ ][a-z][a-z -]*?(?:,[ ]{_COUNT}[ ][a-z][a-z -]*?)*"
    rf",?[ ]and[ ]{_COUNT}[ ][a-z][a-z -]*?)"
    r"(?=[.;)]|$)"
)
_PART_COUNT = re.compile(rf"(?:^|,[ ]|[ ]and[ ])({_COUNT})[ ]")


def _value(word: str) -> int:
    return _COUNT_WORDS.get(word.lower()) or int(word)


def _counted_parts(text: str) -> Iterator[Hit]:
    """A count followed by a colon and counted parts that add up to another number."""
    for match in _COUNTED_PARTS.finditer(text):
        parts = [_value(m.group(1)) for m in _PART_COUNT.finditer(match["list"])]
        announced = _value(match["n"])
        if len(parts) < 2 or sum(parts) == announced:
            continue
        yield Hit(
            match.start("n"),
            match.end("n"),
            f"{match['n']} {match['noun']} are announced, but the parts listed add up to "
            f"{sum(parts)} ({' + '.join(map(str, parts))})",
            suggestion=_in_words(sum(parts)) if match["n"].isalpha() else str(sum(parts)),
        )


def _in_words(n: int) -> str:
    return next((w for w, v in _COUNT_WORDS.items() if v == n), str(n))


# -- shares of a stated total ----------------------------------------------------------------

#: a cheap test for a document with a share of a whole: "13 percent of the plan"
_SHARE_OF_WHOLE = re.compile(
    r"\d(?:[ ]?percent|%)[ ]of[ ](?:the[ ]|its[ ]|their[ ])?(?:plan|target|goal|total|planned)\b"
)
#: "… percent of the plan": the whole the share is of, when it is not a number itself
_WHOLE_AFTER = re.compile(r"[ ]of[ ](?:the[ ]|its[ ]|their[ ])?(plan|target|goal|total|planned)\b")
#: how far a stated share may be from the one its figures make (percentage points), at least
_POINTS = 2.0


@check(
    id="figure.share_of_total",
    category="accuracy/mistranslation",
    severity="major",
    scope="document",
)
def share_of_total(ctx: CheckContext) -> Iterator[Hit]:
    """A percentage that the text's own part and total do not make.

    "So far 30,000 homes have been handed over, about 13 percent of the plan" after "a
    contract to build 100,000 homes": a share of a plan, target, goal or total is checked
    against the count in the same sentence (30,000 homes) and the larger counts of the same
    thing given earlier in the document (100,000 homes). It is flagged when no earlier total
    makes the stated share within two percentage points (or a tenth of it), and the message
    gives the share the figures make. False positives: a share of another total than the
    one counted earlier (a plan revised between the two sentences).
    """
    if not any(
        _SHARE_OF_WHOLE.search(p.text)
        for p in ctx.passages
        if p.reviewable and ("percent of" in p.text or "% of" in p.text)
    ):
        return  # the common case: no share of a plan or total, no figures read
    earlier: list[tuple[int, Figure]] = []  # counts seen so far, with their passage start
    for passage in ctx.passages:
        if not passage.reviewable:
            continue
        figures = passage_figures(passage)
        for k, share in enumerate(figures):
            whole = _WHOLE_AFTER.match(passage.text, share.end)
            if share.unit != "percent" or whole is None:
                continue
            part = _part_before(figures, k, share)
            if part is None:
                continue
            before = [f for _, f in earlier] + [
                f for f in figures[:k] if f.sentence != share.sentence
            ]
            totals = [
                f
                for f in before
                if f.head == part.head and f.kind == "count" and f.value > part.value
            ]
            if not totals:
                continue
            made = [100.0 * part.value / t.value for t in totals]
            if any(abs(m - share.value) <= max(_POINTS, 0.1 * share.value) for m in made):
                continue
            total = totals[-1]
            yield Hit(
                passage.start + share.start,
                passage.start + share.end,
                f"{share.text!r} of the {whole.group(1)}: {part.text} {part.head}s of the "
                f"{total.text} stated earlier ({_excerpt(total.sentence)!r}) make about "
                f"{made[-1]:.0f} percent",
                suggestion=f"{made[-1]:.0f} percent",
            )
        earlier.extend((passage.start, f) for f in figures)


def _part_before(figures: tuple[Figure, ...], k: int, share: Figure) -> Figure | None:
    """The count a share is of: the nearest count before it in the same sentence."""
    for f in reversed(figures[:k]):
        if f.sentence != share.sentence:
            return None
        if f.kind == "count" and f.unit != "percent":
            return f
    return None


def _excerpt(sentence: str, width: int = 90) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= width else sentence[: width - 1] + "…"


# -- a part of a total, in one sentence ------------------------------------------------------

#: what stands between a part and its total: "100,000 of the roughly 120,000", "3 out of 10"
_PART_OF = re.compile(
    r"^[ ](?:out[ ])?of[ ](?:the[ ]|its[ ]|their[ ]|all[ ])?"
    r"(?:(?:roughly|about|around|some|nearly|almost|over|more[ ]than|approximately)[ ])?$"
)
#: what stands between the total and the share: "ethnic Armenians of the region, or nearly"
_THEN_SHARE = re.compile(
    r"^[^.;:!?\d]{0,60}?(?:,[ ]|[ ]\()"
    r"(?:(?:or|about|roughly|some|nearly|almost|just|over|more[ ]than|around|only)[ ])*$"
)


@check(id="figure.part_of_total", category="accuracy/mistranslation", severity="major")
def part_of_total(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A share that the part and the total just before it do not make.

    "more than 100,000 of the roughly 120,000 ethnic Armenians, or nearly 60 percent": a
    count, "of" or "out of" and a larger count, then within the same clause ", or P
    percent" or "(P%)". The share the two counts make must be within two percentage points
    (or a tenth of it) of P; "more than", "nearly" and the like are allowed for by that
    margin only. False positives: a share of another total named in between.
    """
    text = pair.target.text
    if " of " not in text or ("percent" not in text and "%" not in text):
        return
    found = english_quantities(text)
    for part, total, share in zip(found, found[1:], found[2:], strict=False):
        if share.unit != "percent" or "percent" in (part.unit, total.unit):
            continue
        if part.unit not in (None, total.unit):  # "100,000 of the 120,000 residents"
            continue
        if not (0 < part.value < total.value):
            continue
        if not _PART_OF.match(text[part.end : total.start]):
            continue
        if not _THEN_SHARE.match(text[total.end : share.start]):
            continue
        made = 100.0 * part.value / total.value
        if abs(made - share.value) <= max(_POINTS, 0.1 * share.value):
            continue
        yield Hit(
            share.start,
            share.end,
            f"{share.text!r}: {part.text} of {total.text} is about {made:.0f} percent",
            suggestion=f"{made:.0f} percent",
        )


# -- shares of one vote ---------------------------------------------------------------------

#: words that make two percentages of a sentence belong to different counts
_NOT_ONE_VOTE = re.compile(
    r"\b(?:from|up|down|rose|fell|points?|turnout|compared|previous|last|earlier|round|"
    r"polls?|survey|approval|respondents)\b",
    re.IGNORECASE,
)


@check(id="figure.vote_shares", category="accuracy/mistranslation", severity="major")
def vote_shares(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """Shares of one vote that add up to more than 100 percent.

    A sentence that gives two or more percentages "of the vote" (or "of the votes") and
    nothing that sets them apart (a change "from"/"up", points, turnout, an earlier round, a
    poll) reports one count: "Kast won 58.2 percent of the vote and Jara 48.8 percent"
    cannot be right. The last share is flagged. False positives: shares of two different
    votes in one sentence without any of those words.
    """
    text = pair.target.text
    if "of the vote" not in text:
        return
    for sentence in passage_sentences(pair.target):
        if "of the vote" not in sentence.text or _NOT_ONE_VOTE.search(sentence.text):
            continue
        shares = [q for q in english_quantities(sentence.text) if q.unit == "percent"]
        total = sum(q.value for q in shares)
        if len(shares) < 2 or total <= 100.5:
            continue
        last = shares[-1]
        listed = " + ".join(q.text for q in shares)
        yield Hit(
            sentence.start + last.start,
            sentence.start + last.end,
            f"shares of one vote add up to {total:g} percent ({listed})",
            suggestion=None,
        )


# -- parts and their sum ----------------------------------------------------------------------

#: the words that announce the sum of the amounts before them
_TOTAL = re.compile(
    r"(?:for|with|to|in|of)?[ ]?(?:a[ ]total[ ]of|a[ ]combined|totall?ing|altogether|in[ ]all)"
    r"[ ](?:(?:about|roughly|around|some|nearly|almost|just[ ]over|more[ ]than|over)[ ])?$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_MONEY = frozenset({"dollar", "won", "yen", "euro", "yuan", "pound"})
#: a cheap test for a stated total: the words, then a number soon after
_TOTAL_HINT = re.compile(
    r"(?i:total|altogether|in[ ]all)\b[^.\d]{0,25}\d|\d[^.]{0,30}\b(?i:altogether|in[ ]all)\b"
)
#: words that say the parts are not all of the total
_NOT_ALL_PARTS = re.compile(r"\b(?:including|among|of[ ]which|such[ ]as|besides)\b", re.I)


@check(id="figure.sum_total", category="accuracy/mistranslation", severity="major")
def sum_total(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A total that the amounts listed before it in the sentence do not add up to.

    "the Middle East accounted for $18.4 billion, Asia for $9.3 billion and other regions
    for $5.2 billion, for a total of $37.1 billion": two or more amounts of one unit, then
    "a total of", "totaling", "altogether" or "in all" and the total. The parts must add
    up to it within rounding (half a unit of the last digit given, per part); the finding
    spans the parts and the total, since either may be wrong. Sentences that
    say the parts are not all of it ("including", "among", "of which") are left alone.
    False positives: parts given in another unit than they are summed in.
    """
    text = pair.target.text
    lowered = text.lower()
    if "total" not in lowered and "altogether" not in lowered and "in all" not in lowered:
        return
    if not _TOTAL_HINT.search(text):
        return
    for sentence in passage_sentences(pair.target):
        if _NOT_ALL_PARTS.search(sentence.text):
            continue
        found = [
            q
            for q in english_quantities(sentence.text)
            if q.unit != "percent" and not _YEAR.fullmatch(q.text)
        ]
        for k, total in enumerate(found):
            if k < 2 or not _TOTAL.search(sentence.text[max(0, total.start - 40) : total.start]):
                continue
            parts = found[:k]
            units = {q.unit for q in parts}
            if len(units) != 1 or units - {None, total.unit}:
                continue  # another unit among the parts: not one sum
            if total.unit in _MONEY and None in units:
                continue
            added = sum(q.value for q in parts)
            slack = sum(_rounding(q) for q in parts) + _rounding(total)
            if abs(added - total.value) <= slack:
                continue
            listed = " + ".join(q.text for q in parts)
            yield Hit(  # from the first part to the total: either may be the wrong one
                sentence.start + parts[0].start,
                sentence.start + total.end,
                f"{total.text!r}: the amounts before it add up to {_number(added, total)} "
                f"({listed})",
                suggestion=None,
            )


def _rounding(q) -> float:
    """Half a unit of the last digit ``q`` is written with ("9.3 billion" → 0.05 billion)."""
    digits = re.search(r"\d[\d,]*(?:\.(\d+))?", q.text)
    if digits is None:
        return 0.0
    decimals = len(digits.group(1) or "")
    written = float(digits.group().replace(",", ""))
    scale = q.value / written if written else 1.0
    return 0.5 * 10 ** (-decimals) * scale


def _number(value: float, like) -> str:
    digits = re.search(r"\d[\d,]*(?:\.(\d+))?", like.text)
    written = float(digits.group().replace(",", "")) if digits else 0
    scale = like.value / written if written else 1.0
    decimals = len(digits.group(1) or "") if digits else 0
    shown = f"{value / scale:,.{decimals}f}"
    return like.text.replace(digits.group(), shown) if digits else f"{value:g}"


# -- a total spread over a period -------------------------------------------------------------

#: months in each period a rate may be given per
_MONTHS_IN = {"day": 12 / 365, "week": 12 / 52, "month": 1.0, "year": 12.0}
_DURATION_UNITS = {
    "day-count": "day",
    "week-count": "week",
    "month-count": "month",
    "year-count": "year",
}
#: "$6 billion within 18 months": the amount, then the period it is spread over
_OVER = re.compile(
    r"^(?:[ ][a-z]+)?[ ](?:within|over|in|across|during)[ ](?:the[ ]next[ ]|the[ ])?$"
)
#: a cheap test for a passage with a rate: "a month", "per year"
_RATE_HINT = re.compile(
    r"\d(?:[\d,.]*)(?:[ ][a-z]+){0,2}[ ](?:a|per|each|every)[ ](?:day|week|month|year)\b"
)
#: a cheap test for the period a total is spread over: "within 18 months", "over five years"
_PERIOD_HINT = re.compile(
    r"\b(?:within|over|in|across|during)[ ](?:the[ ]next[ ]|the[ ])?[\w-]+[ ]"
    r"(?:day|week|month|year)s?\b"
)
#: "…, or about $500 million a month": what says the rate restates the total
_RESTATED = re.compile(
    r"^[^.;:\d]{0,20}?(?:,[ ]or|[ ]or|[ ]\(|,[ ]that[ ]is|,[ ]i\.e\.|averaging|an[ ]average[ ]of)"
    r"(?:[ ](?:about|roughly|around|some|nearly|almost|over|just[ ]over|more[ ]than))?[ ]?$"
)
#: "…, or about $500 million a month": the rate after the period
_RATE_AFTER = re.compile(r"(?:[ ][a-z]+)?[ ](?:a|per|each|every)[ ](day|week|month|year)\b")


@check(id="figure.rate", category="accuracy/mistranslation", severity="major")
def rate(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A rate that does not follow from the total and the period it is spread over.

    "cut spending by $6 billion within 18 months, or about $500 million a month": an amount
    or count, "within/over/in" a number of days, weeks, months or years, and later in the
    same sentence, as a restatement (", or", "(", "that is", "averaging"), an amount of the
    same unit "a/per/each" day, week, month or year. The rate must be the total divided by
    the period within a tenth (plus rounding).
    False positives: a rate of something else given in the same sentence.
    """
    text = pair.target.text
    if not _RATE_HINT.search(text) or not _PERIOD_HINT.search(text):
        return
    for sentence in passage_sentences(pair.target):
        found = english_quantities(sentence.text)
        for total, period, each in zip(found, found[1:], found[2:], strict=False):
            unit = _DURATION_UNITS.get(period.unit or "")
            if unit is None or total.unit != each.unit or total.unit in _DURATION_UNITS:
                continue
            if not _OVER.match(sentence.text[total.end : period.start]):
                continue
            if not _RESTATED.match(sentence.text[period.end : each.start]):
                continue  # "with 300,000 a month at the peak" is no average
            per = _RATE_AFTER.match(sentence.text, each.end)
            if per is None or period.value <= 0:
                continue
            months = period.value * _MONTHS_IN[unit]
            made = total.value / months * _MONTHS_IN[per.group(1)]
            if abs(made - each.value) <= 0.1 * made + _rounding(each):
                continue
            yield Hit(
                sentence.start + each.start,
                sentence.start + each.end,
                f"{each.text!r} a {per.group(1)}: {total.text} over {period.text} is "
                f"{_number(made, each)} a {per.group(1)}",
                suggestion=_number(made, each),
            )


# -- a duration between two dates ----------------------------------------------------------

_SPAN_DAYS = re.compile(r"^,?[ ](?:from|between)[ ]$")
_SPAN_END = re.compile(r"^[ ](?:to|until|through|and)[ ]$")


@check(id="figure.date_span", category="accuracy/mistranslation", severity="major")
def date_span(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A number of days that the two dates after it do not span ("in 44 days, from
    September 27 to November 10").

    "N days, from DATE to DATE" and "N days between DATE and DATE": the dates without a
    year take the other date's year (or the document's); the count may include both ends
    or neither, so N, N-1 and N+1 pass. False positives: working days or nights counted.
    """
    text = pair.target.text
    if " days" not in text:
        return
    dates = english_dates(text)
    for q in english_quantities(text):
        if q.unit != "day-count":
            continue
        first = next((d for d in dates if d.start > q.end), None)
        if first is None or not _SPAN_DAYS.match(text[q.end : first.start]):
            continue
        second = next((d for d in dates if d.start > first.end), None)
        if second is None or not _SPAN_END.match(text[first.end : second.start]):
            continue
        span = _days_between(first, second, ctx.document.date)
        if span is None or abs(span - q.value) <= 1:
            continue
        yield Hit(
            q.start,
            q.end,
            f"{q.text!r}: from {first.text} to {second.text} is {span} days",
            suggestion=f"{span} days",
        )


def _days_between(first, second, reference: str | None) -> int | None:
    from datetime import date

    if None in (first.month, first.day, second.month, second.day):
        return None
    year = second.year or first.year or (int(reference[:4]) if reference else None)
    if year is None:
        return None
    first_year = first.year or (
        year if (first.month, first.day) <= (second.month, second.day) else year - 1
    )
    try:
        return (
            date(year, second.month, second.day) - date(first_year, first.month, first.day)
        ).days
    except ValueError:
        return None
