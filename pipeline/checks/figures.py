"""Figures and dates that contradict trusted press, or the document itself."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from pipeline.checks.entities import analyse
from pipeline.checks.registry import CheckContext, Hit, check, closely_related_trusted
from pipeline.lexicon.dates import english_dates
from pipeline.lexicon.frequency import zipf
from pipeline.lexicon.quantities import Quantity, english_quantities
from pipeline.model import Document, Passage
from pipeline.segment import passage_sentences, segment_document

_ORDINALS = {
    w: i
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(),
        1,
    )
}
_ORDINAL = re.compile(
    rf"\b(?:(?P<word>{'|'.join(_ORDINALS)})|(?P<num>\d+)(?:st|nd|rd|th))\b", re.IGNORECASE
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
#: words between a number and its noun that do not name what is counted
_NOT_HEADS = frozenset(
    "of to and or in on at by for from with than more less about per percent a an the its their "
    "his her our such some new old other straight consecutive straight-line year-old".split()
)


@dataclass(frozen=True)
class Figure:
    """A number with what it counts, in one sentence."""

    value: float
    head: str  # the counted noun, singular ("prisoner", "attempt"), or the currency unit
    kind: str  # "count", "ordinal" or "money"
    unit: str | None
    start: int
    end: int
    text: str
    sentence: str
    #: for a measure, the country named last before it in its sentence ("Finland's
    #: 1,340-kilometer border"): whose length, area or weight it is
    owner: str | None = None


def _singular(word: str) -> str:
    word = word.lower().strip("'’")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _head_after(sentence: str, end: int) -> str | None:
    """The counted noun: the first lower-case content word within three words after ``end``."""
    for i, match in enumerate(_WORD.finditer(sentence, end)):
        if i >= 3:
            return None
        word = match.group()
        if word.lower() in _NOT_HEADS:
            continue
        if word[0].islower():
            return _singular(word)
    return None


#: a span of years: "from 2026 to 2030", "between 2026 and 2030", "2026-2030"
_YEAR_RANGE = re.compile(
    r"\b(?:from[ ](?P<a>(?:19|20)\d\d)[ ](?:to|until|through|till)[ ](?P<b>(?:19|20)\d\d)"
    r"|between[ ](?P<c>(?:19|20)\d\d)[ ]and[ ](?P<d>(?:19|20)\d\d)"
    r"|(?P<e>(?:19|20)\d\d)[-–](?P<f>(?:19|20)\d\d))\b"
)


def _year_ranges(sentence: str, offset: int) -> Iterator[Figure]:
    """Each end of a span of years, keyed by the other end ("from 2026" → 2030)."""
    for match in _YEAR_RANGE.finditer(sentence):
        first, last = [name for name in "abcdef" if match[name]]
        for key, value in ((first, last), (last, first)):
            side = "from" if key == first else "to"
            yield Figure(
                float(match[value]),
                f"{side} {match[key]}",
                "range",
                None,
                offset + match.start(value),
                offset + match.end(value),
                match[value],
                sentence,
            )


def _dates(sentence: str, offset: int) -> Iterator[Figure]:
    """Calendar days of a sentence ("November 10", "Nov. 10, 2025"), as month * 31 + day."""
    for d in english_dates(sentence):
        if d.month is None or d.day is None or d.relative:
            continue
        yield Figure(
            float(d.month * 31 + d.day),
            "date",
            "date",
            None,
            offset + d.start,
            offset + d.end,
            d.text,
            sentence,
        )


#: a rate after the number ("14 billion pesos per ship"), and "237 of the" before one: such
#: figures are not the totals the press gives
_RATE_AFTER = re.compile(
    r"(?:[ ][a-z]+)?[ ](?:per|each[ ]|a[ ](?=(?:day|week|month|year|head|piece|unit|ship|"
    r"vessel|kilogram|ton|barrel)\b))"
)
_PART_BEFORE = re.compile(r"\d[ ](?:out[ ])?of[ ](?:the[ ])?$")
_SCORE = re.compile(r"[-–]\d")
_SCORE_BEFORE = re.compile(r"\d[-–]$")


def _figures(sentence: str, offset: int) -> list[Figure]:
    found = list(_year_ranges(sentence, offset)) if "20" in sentence or "19" in sentence else []
    found += _dates(sentence, offset)
    for q in english_quantities(sentence):
        if _SCORE.match(sentence, q.end) or _SCORE_BEFORE.search(sentence, 0, q.start):
            continue  # one side of a score ("a 2-2 draw", "won 3-1"): no count of anything
        if _RATE_AFTER.match(sentence, q.end) or _PART_BEFORE.search(sentence, 0, q.start):
            continue  # "14 billion pesos per ship", "237 of the 465 votes": not the total
        found.extend(_figure_of(q, sentence, offset))
    for match in _ORDINAL.finditer(sentence):
        value = _ORDINALS[match["word"].lower()] if match["word"] else int(match["num"])
        head = _head_after(sentence, match.end())
        if head:
            found.append(
                Figure(
                    value,
                    head,
                    "ordinal",
                    None,
                    offset + match.start(),
                    offset + match.end(),
                    match.group(),
                    sentence,
                )
            )
    return found


def _figure_of(q: Quantity, sentence: str, offset: int) -> Iterator[Figure]:
    start, end = offset + q.start, offset + q.end
    if q.unit in ("dollar", "won", "yen", "euro", "yuan"):
        yield Figure(q.value, q.unit, "money", q.unit, start, end, q.text, sentence)
        return
    if q.unit == "percent":  # a share: compared by two shared topic words
        yield Figure(q.value, "percent", "share", q.unit, start, end, q.text, sentence)
        return
    if q.unit in _MEASURES:  # "32 kilometers long", "a 43-kilometer route"
        owner = _owner(sentence, q.start)
        yield Figure(q.value, q.unit, "measure", q.unit, start, end, q.text, sentence, owner)
        return
    head = q.unit if q.unit in _COUNTED_UNITS else _head_after(sentence, q.end)
    if head:
        yield Figure(q.value, head, "count", q.unit, start, end, q.text, sentence)


#: units of length, area, weight and volume: compared like money, by a shared topic word
_MEASURES = frozenset({"km", "m", "km2", "m2", "hectare", "acre", "kg", "mile", "barrel", "liter"})
#: units that already say what is counted
_COUNTED_UNITS = frozenset({"person", "household", "country", "case", "share", "ton"})


def passage_figures(passage: Passage) -> tuple[Figure, ...]:
    """Figures of one passage, offsets relative to its text."""
    return _sentence_figures(tuple((s.start, s.text) for s in passage_sentences(passage)))


@lru_cache(maxsize=1024)
def _sentence_figures(sentences: tuple[tuple[int, str], ...]) -> tuple[Figure, ...]:
    """Figures of a passage's sentences (where each starts in the passage, its text)."""
    return tuple(f for start, text in sentences for f in _figures(text, start))


def _trusted_figures(ctx: CheckContext) -> list[Figure]:
    return [f for doc in closely_related_trusted(ctx) for f in _document_figures(doc)]


#: figures of trusted press by document: each report is analysed once per run, not
#: once for every document it is compared with
_DOCUMENT_FIGURES: dict[tuple, list[Figure]] = {}


def _document_figures(doc: Document) -> list[Figure]:
    key = (doc.path, doc.text, doc.title, repr(doc.regions))
    if key not in _DOCUMENT_FIGURES:
        if len(_DOCUMENT_FIGURES) >= 256:
            _DOCUMENT_FIGURES.clear()
        _DOCUMENT_FIGURES[key] = [
            f
            for p in segment_document(doc)
            if p.kind in ("title", "body")
            for f in passage_figures(p)
        ]
    return _DOCUMENT_FIGURES[key]


def _topic_words(sentence: str) -> set[str]:
    """Distinctive lower-case words of a sentence (for telling two amounts of money apart)."""
    words = {_singular(w) for w in _WORD.findall(sentence) if w[0].islower() and len(w) > 4}
    return {w for w in words if zipf(w) < 5.0}


#: kinds of figure a column gives several of for different things (deals, units of a
#: plant), so that a press figure it also gives says nothing of its others; a count the
#: press gives ("100,000 homes") stays evidence against the column's other count of it
_ACCOUNTED_KINDS = frozenset({"money", "ordinal"})


def _same_kind(a: Figure, b: Figure) -> bool:
    return a.kind == b.kind and a.head == b.head and a.unit == b.unit


def _owner(sentence: str, at: int) -> str | None:
    """The country (or actor) named last before offset ``at`` of ``sentence``."""
    before = [m.entity for m in analyse(sentence)[0] if m.end <= at and m.role != "combining"]
    return before[-1] if before else None


def _same_thing(a: Figure, b: Figure) -> bool:
    if not _same_kind(a, b):
        return False
    if a.owner and b.owner and a.owner != b.owner:
        return False  # Finland's border and Estonia's: two things
    if a.kind in ("money", "measure", "range"):  # these need a shared topic: "route"…
        return bool(_topic_words(a.sentence) & _topic_words(b.sentence))
    if a.kind in ("share", "date"):  # a sentence holds several: two shared topic words
        return len(_topic_words(a.sentence) & _topic_words(b.sentence)) >= 2
    return True


def _likeness(a: Figure, b: Figure) -> tuple[int, float]:
    """How likely ``b`` gives the same thing as ``a``: shared topic words, then the nearer
    value (for choosing the press figure quoted as evidence)."""
    shared = len(_topic_words(a.sentence) & _topic_words(b.sentence))
    ratio = abs(math.log(a.value / b.value)) if a.value > 0 and b.value > 0 else math.inf
    return shared, -ratio


def _agree(a: Figure, b: Figure) -> bool:
    """The same figure as far as rounding goes (a year exactly)."""
    return a.value == b.value if a.kind in ("range", "date") else _close(a.value, b.value)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.1 * max(abs(a), abs(b))


@check(
    id="figure.trusted_contradiction",
    category="accuracy/mistranslation",
    severity="major",
    scope="document",
)
def trusted_contradiction(ctx: CheckContext) -> Iterator[Hit]:
    """A figure that contradicts the trusted press of the batch about the same thing.

    A number is paired with what it counts ("200 Palestinian prisoners" → prisoner, "the
    sixth attempt" → attempt, "$35 billion" → dollars plus a shared topic word such as
    "reconstruction"). When trusted press gives the same kind of figure for the same thing
    and none of its values is within 10% of the document's, the document's figure is
    flagged with the trusted sentence as evidence. Lengths, areas and weights ("32 kilometers",
    "a 43-kilometer route") are compared like money, by unit and a shared topic word, unless
    the two sentences give them to different countries ("Finland's 1,340-kilometer border"
    against "Estonia, which shares a border of about 300 kilometres"), and so are spans of
    years ("from 2026 to 2032" against the press's "from 2026 to 2030": the
    differing end). Percentages and calendar days are compared when the two sentences share
    two topic words, a date exactly ("landfall on Jeju on September 14" against the press's
    September 4). An amount or an ordinal of the press that the document itself gives
    somewhere is accounted for and is no evidence against the document's other ones ("$2.4
    billion" beside "$18.4 billion", "the first unit" beside "the second unit"); a count
    stays evidence ("100,000 homes" against a later "10,000 homes"). A rate ("14 billion
    pesos per ship") and the whole a part is of ("237 of the 465 votes") are not compared.
    Only the press closest to the document is read: sharing five rare names or more and at
    least 60 % of what the closest report shares (a report on a neighbouring story gives
    figures of other things under the same nouns).
    False positives: two different events counted with the same noun (prisoners freed in
    two rounds); kept down by requiring that trusted press never gives the document's value
    for that noun.
    """
    trusted = _trusted_figures(ctx)
    if not trusted:
        return
    passages = [p for p in ctx.passages if p.reviewable]
    own = [f for p in passages for f in passage_figures(p)]
    # a press figure the document also gives is accounted for: it is no evidence against
    # the document's other figures of that kind ("$2.4 billion" beside "$18.4 billion";
    # "the first unit" beside "the second unit")
    unused = [
        t
        for t in trusted
        if t.kind not in _ACCOUNTED_KINDS or not any(_same_kind(f, t) and _agree(f, t) for f in own)
    ]
    for passage in passages:
        for figure in passage_figures(passage):
            same = [t for t in trusted if _same_thing(figure, t)]
            if any(_agree(figure, t) for t in same):
                continue
            against = [t for t in same if t in unused]
            if not against:
                continue
            evidence = max(against, key=lambda t: _likeness(figure, t))
            yield Hit(
                passage.start + figure.start,
                passage.start + figure.end,
                f"{figure.text!r} ({figure.head}) contradicts trusted press: "
                f"{_excerpt(evidence.sentence)!r}",
                suggestion=evidence.text,
            )


_RELATIVE_DAY = re.compile(
    r"\b(?:(?P<next>the next day|the following day|a day later|the day after)"
    r"|(?P<prev>the previous day|the day before)"
    r"|(?P<n>two|three|four|five|six|seven|\d+) days (?P<dir>later|after|earlier|before))\b",
    re.IGNORECASE,
)
#: substrings (lower case) of every match of _RELATIVE_DAY: a cheap test before the regex
_RELATIVE_DAY_HINTS = (
    "next day",
    "following day",
    "day later",
    "day after",
    "previous day",
    "day before",
    "days later",
    "days after",
    "days earlier",
    "days before",
)
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


@check(
    id="figure.date_arithmetic",
    category="accuracy/mistranslation",
    severity="major",
    scope="document",
)
def date_arithmetic(ctx: CheckContext) -> Iterator[Hit]:
    """A date that does not follow from the date before it ("on January 9 … The next day,
    January 11").

    A relative phrase (the next day, the following day, the previous day, three days
    later…) right before or after a full month-and-day date is checked against the last
    month-and-day date mentioned before it in the document. False positives: the earlier
    date belongs to another event than the one the phrase refers to.
    """
    text = ctx.document.text
    lower = text.lower()
    if not any(h in lower for h in _RELATIVE_DAY_HINTS) or not _RELATIVE_DAY.search(text):
        return
    mentions = [d for d in english_dates(text) if d.month and d.day]
    for rel in _RELATIVE_DAY.finditer(text):
        target = next((d for d in mentions if 0 <= d.start - rel.end() <= 4), None)
        if target is None:
            target = next((d for d in mentions if 0 <= rel.start() - d.end <= 4), None)
        if target is None:
            continue
        earlier = [d for d in mentions if d.end <= min(rel.start(), target.start)]
        if not earlier:
            continue
        base = earlier[-1]
        days = _offset_days(rel)
        year = base.year or 2001  # any non-leap year: only month and day are compared
        expected = date(year, base.month, base.day) + timedelta(days=days)
        if (expected.month, expected.day) == (target.month, target.day):
            continue
        if _pair_at(ctx, target.start, target.end):
            yield Hit(
                target.start,
                target.end,
                f"{rel.group()!r} after {base.text!r} is {expected:%B} {expected.day}, "
                f"not {target.text!r}",
                suggestion=f"{expected:%B} {expected.day}",
            )


def _offset_days(rel: re.Match) -> int:
    if rel["next"]:
        return 1
    if rel["prev"]:
        return -1
    n = _SMALL.get(rel["n"].lower()) or int(rel["n"])
    return n if rel["dir"].lower() in ("later", "after") else -n


def _pair_at(ctx: CheckContext, start: int, end: int) -> bool:
    return any(p.reviewable and p.start <= start and end <= p.end for p in ctx.passages)


def _excerpt(text: str, width: int = 110) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
