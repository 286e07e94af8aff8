"""Dates in Korean and English sentences, normalised so a bilingual check can compare them.

A :class:`DateMention` holds what the text says, with exact offsets: year, month, day,
weekday (Monday = 0) and at most one ``relative`` word ("last-year", "this-month",
"yesterday", "next-week"…; see ``_KO_REL``). "지난해 4월 28일" is one mention.

Korean: 2025년 4월 28일, 4월 28일, 2025년(도), 2025 시즌, 2025.4.28, 2005.12 (a year and
month), 28일, 지난/오는 28일, 28일(월), 월요일, 1~3월 and 28~30일 (the range start is a mention
too), 지난해/작년/전년/1년 전, 재작년, 올해/금년/올 4월, 내년, 지난달/전월, 이달/이번 달, 다음
달/내달, 지난주/이번 주/다음 주, 그제, 어제, 오늘, 내일, 모레. "N일" is a duration, not a
date, after 약/총/최소/최대/박 or before 간/동안/만에/째/이내/연속/내내/가량 (quantities counts
it as day-count); 1990년대 is a decade, not a date.
English: April 28, 2025 / 28 April 2025 / Monday, April 28 / April 28th / Apr. 28 / the 28th
of April / April 28-30 / 2025-04-28 / April 2025 / April of last year / in 1592 / a bare year
1900-2099 not followed by a unit noun / last|this|next year|month|week / the previous year /
a year earlier / year-on-year / yesterday / today / tomorrow / (last) Monday / the 28th. A
lone "May", "June", "July" or abbreviation needs a preposition ("in May"): "may", "Jan Kim".

Comparison rule (:func:`compare_dates`): a mention becomes fields by grain (year, month,
day, week, weekday); a relative word fills its grain and equals only the same word. A
relative and an absolute value at one grain are *compatible*, since the document date is
unknown: "지난해 4월" matches "April of last year" and "April 2025". With ``reference_year``
relative years resolve to numbers (last-year → reference_year - 1) and compare as numbers.
Two mentions *agree* when they share a grain and no shared grain differs. Greedy pairing in
text order: agreeing pairs of the same shape, then agreeing overlapping pairs (the English
may drop or add a part: 2025년 4월 28일 vs April 28), then the same for disagreeing pairs,
which are ``conflicts`` (4월 28일 vs April 21). A leftover that agrees with, and says no more
than, an already paired mention is covered by it (올해 … 3월 vs "March this year"). The rest
is ``missing_in_en`` / ``extra_in_en``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class DateMention:
    """A date or relative date word in a sentence; offsets index the input string."""

    year: int | None
    month: int | None
    day: int | None
    relative: str | None  # "last-year", "this-month", "yesterday", "next-week"… (see _KO_REL)
    weekday: int | None  # Monday = 0 … Sunday = 6
    start: int
    end: int
    text: str


@dataclass
class DateDiff:
    """What :func:`compare_dates` found; ``matched`` lists the (Korean, English) pairs."""

    missing_in_en: list[DateMention] = field(default_factory=list)
    extra_in_en: list[DateMention] = field(default_factory=list)
    conflicts: list[tuple[DateMention, DateMention]] = field(default_factory=list)
    matched: list[tuple[DateMention, DateMention]] = field(default_factory=list)


_YEAR_OFFSET = {"year-before-last": -2, "last-year": -1, "this-year": 0, "next-year": 1}

_KO_REL = {
    "재작년": "year-before-last", "지난해": "last-year", "작년": "last-year", "전년": "last-year",
    "1년전": "last-year", "올해": "this-year", "금년": "this-year", "올": "this-year",
    "내년": "next-year", "지난달": "last-month", "전월": "last-month", "이달": "this-month",
    "이번달": "this-month", "다음달": "next-month", "내달": "next-month", "지난주": "last-week",
    "이번주": "this-week", "다음주": "next-week", "그저께": "day-before-yesterday",
    "그제": "day-before-yesterday", "어제": "yesterday", "오늘": "today", "내일": "tomorrow",
    "모레": "day-after-tomorrow",
}  # fmt: skip
_KO_WEEKDAYS = "월화수목금토일"

_KO_Y = (
    r"(?:(?P<y>\d{4})\s*년(?!대|간|\s*동안|\s*만에|째)(?:도)?"
    r"|(?P<ry>재작년|지난해|작년|전년|올해|금년|내년|올(?=\s\d{1,2}\s*월)"
    r"|1년\s?전(?=보다|에|의|과|와|부터|까지|\s|$|[.,])))"
)
_KO_M = (
    r"(?:(?P<m>\d{1,2})\s*월(?!간)"
    r"|(?P<rm>지난달|전월|이달|이번\s?달(?!러)|다음\s?달(?!러)|내달(?!리|려)))"
)
_KO_W = r"(?P<rw>지난주|이번\s?주|다음\s?주)"
_KO_D = (
    r"(?:(?P<dp>(?:(?:지난|오는)\s*)?(?P<d>\d{1,2})\s*일)"
    r"|(?P<rd>그저께|그제(?!야|서)|어제|오늘(?!날)|내일|모레))"
)
_KO_WD = (
    rf"(?:\((?P<wdp>[{_KO_WEEKDAYS}])\)"
    rf"|(?:(?:지난|오는|이번)\s*)?(?P<wd>[{_KO_WEEKDAYS}])요일)"
)
#: every component above starts with one of these: the all-optional pattern below is only
#: tried where a date can begin (otherwise it matches the empty string at every word start)
_KO_DATE_START = (
    rf"(?=\d{{1,4}}\s*[년월일]|\([{_KO_WEEKDAYS}]\)|재작|지난|작년|전년|전월|올|금년|내년|내달|내일"
    rf"|이달|이번|다음|그저|그제|어제|오늘|오는|모레|[{_KO_WEEKDAYS}]요)"
)
_KO_DATE = re.compile(
    rf"(?<![가-힣\d.,])(?!\s){_KO_DATE_START}(?:{_KO_Y})?(?:\s{{0,3}}{_KO_M})?(?:\s{{0,3}}{_KO_W})?"
    rf"(?:\s{{0,3}}{_KO_D})?(?:\s{{0,3}}{_KO_WD})?"
)
#: where a spelled date (no digit) can start, as _KO_DATE sees it: every alternative opens
#: with a literal syllable (a date starts a word: what precedes it is checked behind it),
#: so the regex engine skips to those syllables
_KO_SPELLED_START = re.compile(
    "|".join(
        f"{re.escape(w[0])}(?<![가-힣\\d.,].){re.escape(w[1:])}"
        for w in (
            *(f"({d})" for d in _KO_WEEKDAYS), "재작", "지난", "작년", "전년", "전월", "올", "금년",
            "내년", "내달", "내일", "이달", "이번", "다음", "그저", "그제", "어제", "오늘", "오는",
            "모레", *(f"{d}요" for d in _KO_WEEKDAYS),
        )
    )
)  # fmt: skip
#: the patterns below open with a digit (what precedes it checked behind it), so the regex
#: engine skips straight to digits; they are only tried in a text that has one
_KO_NUMERIC = re.compile(
    r"(?P<y>\d(?<![\d.]\d)\d{3})\s*([.\-/])\s*(?P<m>\d{1,2})\s*\2\s*(?P<d>\d{1,2})(?:\.(?!\d))?(?!\d)"
)
#: "2005.12": a year and month (not a decimal: nothing attached after it, as in 2005.12포인트)
_KO_YEAR_MONTH = re.compile(
    r"(?P<y>(?:1(?<![\d.]1)9|2(?<![\d.]2)0)\d{2})\.(?P<m>0[1-9]|1[0-2])(?![\d.가-힣%])"
)
#: "2026 북중미 월드컵", "2025 시즌": a bare year before a word (counts carry a counter or comma)
_KO_BARE_YEAR = re.compile(
    r"(?P<y>(?:1(?<![\d.,~∼-]1)9|2(?<![\d.,~∼-]2)0)\d{2})(?=\s+[가-힣A-Za-z]|\s*[)\]]|$)"
)
#: "1~3월", "28~30일": the first number of a range, a mention if the second one is
_KO_RANGE = re.compile(
    r"(?P<n>\d(?<![\d.]\d)\d?)\s*[~∼〜–-]\s*(?=(?P<next>\d{1,2})\s*(?P<u>[월일]))"
)
_RANGE_MARKS = "~∼〜–-"  # _KO_RANGE needs one
_EN_RANGE_END = re.compile(
    r"\s*(?:-|–|to|through|and)\s*(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?!,?\s*\d{4})"
)
_SPACE = re.compile(r"\s")
_KO_DURATION_AFTER = re.compile(r"\s*(?:간|동안|만에|째|이내|연속|내내|가량)")
_KO_DURATION_BEFORE = re.compile(r"(?:약|총|최소|최대|박|불과)\s*$")

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_EN_REL = {
    "last year": "last-year", "this year": "this-year", "next year": "next-year",
    "the previous year": "last-year", "the following year": "next-year",
    "last month": "last-month", "this month": "this-month", "next month": "next-month",
    "the previous month": "last-month", "the following month": "next-month",
    "last week": "last-week", "this week": "this-week", "next week": "next-week",
    "the previous week": "last-week", "the following week": "next-week",
    "yesterday": "yesterday", "today": "today", "tonight": "today", "tomorrow": "tomorrow",
    "the day before yesterday": "day-before-yesterday",
    "the day after tomorrow": "day-after-tomorrow",
    "year-on-year": "last-year", "on-year": "last-year", "month-on-month": "last-month",
}  # fmt: skip
_EN_REL |= {
    f"a {g} {w}": f"last-{g}"
    for g in ("year", "month", "week")
    for w in ("earlier", "ago", "before")
}

_MON = (
    r"(?P<mon>(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
_WDAY = r"(?:(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_YR = r"(?:,?\s+(?P<y>\d{4})(?!\d|,\d)|,?\s+(?:of\s+)?(?P<ry>(?i:last|this|next))\s+(?i:year)\b)?"
_EN_ISO = re.compile(r"(?P<y>\d(?<!\w\d)\d{3})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_EN_MDY = re.compile(rf"\b{_WDAY}{_MON}\s+{_DAY}{_YR}")
_EN_DMY = re.compile(rf"\b{_WDAY}(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MON}{_YR}")
_EN_MY = re.compile(rf"\b{_MON}{_YR}")
#: "not inside a word": after a pattern's first letter, that no word character precedes it
_WORD_START = r"(?<!\w.)"
#: read in folded lower case (see :func:`folded`); every alternative opens with a literal
#: letter, so the regex engine skips to the letters that can begin a match
_EN_RELATIVE = re.compile(
    rf"(?P<rel>l{_WORD_START}ast\s+(?:year|month|week)|n{_WORD_START}ext\s+(?:year|month|week)"
    rf"|t{_WORD_START}(?:his\s+(?:year|month|week)|oday|onight|omorrow"
    r"|he\s+(?:previous|following)\s+(?:year|month|week)"
    r"|he\s+day\s+(?:before\s+yesterday|after\s+tomorrow))"
    rf"|y{_WORD_START}(?:esterday|ear-on-year)|m{_WORD_START}onth-on-month"
    rf"|a{_WORD_START}\s+(?:year|month|week)\s+(?:earlier|ago|before)|o{_WORD_START}n-year)\b"
)
_EN_WEEKDAY = re.compile(
    r"\b(?:(?i:last|next|this)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_EN_THE_DAY = re.compile(
    rf"t{_WORD_START}he\s+(?P<d>3[01]|[12]\d|[1-9])(?:st|nd|rd|th)\b(?!\s+(?:century|anniversary|birthday"
    r"|floor|place|round|time|edition|generation|amendment|president|session|straight"
    r"|consecutive|annual|minute|day|week|month|year|season|game|match|hole|inning|pick"
    r"|largest|biggest|highest|lowest|most|best|worst)\b)"
)
_EN_YEAR = re.compile(
    r"(?P<y>\d(?<![\w$₩€£¥.,#-]\d)\d{3})(?![\w%]|[.,]\d|\s*(?:%|(?i:percent|per\s+cent|people"
    r"|persons|won|dollars|yen|euros|tons?|tonnes|km|kilometers|times|units|cases|households"
    r"|shares|troops|soldiers|workers|students|residents|votes|seats|points|meters|feet|miles"
    r"|cars|vehicles|homes|jobs)\b))"
)
_YEAR_PREP = re.compile(r"(?i)\b(?:in|since|by|until|from|through|during|before|after|of)\s+$")
_MAY_PREP = re.compile(
    r"(?i)\b(?:in|of|since|until|by|from|through|during|early|late|mid|last|next|this|on"
    r"|before|after)[\s-]+$"
)


#: characters a case-insensitive pattern reads as an ASCII letter that ``str.lower`` keeps
#: apart (ı and İ read as i, ſ as s)
_ODD_CASE = str.maketrans({"ı": "i", "İ": "i", "ſ": "s"})


def folded(text: str) -> str:
    """``text`` in lower case as a case-insensitive pattern reads it, for substring pre-tests:
    a word such a pattern matches is then a plain substring of the result."""
    if not text.isascii() and ("ı" in text or "İ" in text or "ſ" in text):
        text = text.translate(_ODD_CASE)
    return text.lower()


def hint_pattern(*hints: str) -> re.Pattern[str]:
    """A pattern that finds any of ``hints`` (plain substrings): faster than testing them
    one by one with ``in``."""
    return re.compile("|".join(re.escape(h) for h in hints))


def may_match(hints: re.Pattern[str], text: str) -> bool:
    """Whether ``text`` holds one of the :func:`hint_pattern` substrings: a pattern every
    match of which contains one needs no search in a text that holds none."""
    return hints.search(text) is not None


def hinted_finditer(
    pattern: re.Pattern[str], hints: re.Pattern[str], hinted: str, text: str | None = None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, skipped when ``hinted`` holds none of ``hints`` (substrings
    one of which every match contains). ``hinted`` is the text itself, its :func:`folded`
    form for a case-insensitive pattern, or a text the searched one is a masked copy of."""
    found = may_match(hints, hinted)
    return pattern.finditer(hinted if text is None else text) if found else iter(())


_KO_RANGE_HINTS = hint_pattern(*_RANGE_MARKS)
_KO_BARE_YEAR_HINTS = hint_pattern("19", "20")


#: for a pattern :func:`_before` searches: words one of which ends the text before the
#: position, white space stripped off (in folded case), whenever the pattern matches there
_BEFORE_ENDINGS: dict[re.Pattern[str], tuple[str, ...]] = {}


def before_endings(pattern: re.Pattern[str], *endings: str) -> re.Pattern[str]:
    """Register ``endings`` for ``pattern`` (a word, then only white space up to ``$``), so
    that :func:`_before` searches only where the text ends with one of them."""
    _BEFORE_ENDINGS[pattern] = endings
    return pattern


def _before(pattern: re.Pattern[str], text: str, pos: int) -> re.Match[str] | None:
    """``pattern`` (anchored with ``$``) matching just before ``pos``; looks back 40 chars."""
    start = max(0, pos - 40)
    endings = _BEFORE_ENDINGS.get(pattern)
    if endings is not None and not folded(text[start:pos].rstrip()).endswith(endings):
        return None
    return pattern.search(text, start, pos)


before_endings(_KO_DURATION_BEFORE, "약", "총", "최소", "최대", "박", "불과")
before_endings(
    _YEAR_PREP, "in", "since", "by", "until", "from", "through", "during", "before", "after", "of"
)


def _mention(text: str, start: int, end: int, **fields: object) -> DateMention:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    values = {k: fields.get(k) for k in ("year", "month", "day", "relative", "weekday")}
    return DateMention(**values, start=start, end=end, text=text[start:end])


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _korean_match(text: str, m: re.Match[str]) -> DateMention | None:
    if m.end() == m.start():
        return None
    g = m.groupdict()
    year, month, day, end = _int(g["y"]), _int(g["m"]), _int(g["d"]), m.end()
    if month is not None and not 1 <= month <= 12 or year is not None and not 1000 <= year < 3000:
        return None  # 13월, 5000년 (역사): not a date
    wd = g["wd"] or g["wdp"]
    if day is not None:
        bad_day = not 1 <= day <= 31
        bad_day = bad_day or _KO_DURATION_AFTER.match(text, m.end("dp"))
        bad_day = bad_day or _before(_KO_DURATION_BEFORE, text, m.start("dp"))
        if bad_day:
            day, wd, end = None, None, m.start("dp")
    elif g["wdp"]:
        wd, end = None, m.start("wdp") - 1
    rel_text = next((g[k] for k in ("ry", "rm", "rw", "rd") if g[k]), None)
    relative = _KO_REL[_SPACE.sub("", rel_text)] if rel_text else None
    if year is None and month is None and day is None and relative is None and wd is None:
        return None
    weekday = _KO_WEEKDAYS.index(wd) if wd else None
    return _mention(
        text, m.start(), end, year=year, month=month, day=day, relative=relative, weekday=weekday
    )


def _non_overlapping(text: str, found: Iterable[DateMention | None]) -> list[DateMention]:
    """Keep mentions in the order found (patterns run most specific first), drop overlaps."""
    kept, taken = [], bytearray(len(text))
    for d in found:
        if d is not None and d.end > d.start and not any(taken[d.start : d.end]):
            taken[d.start : d.end] = b"\x01" * (d.end - d.start)
            kept.append(d)
    return sorted(kept, key=lambda d: d.start)


def korean_dates(text: str) -> list[DateMention]:
    """Date mentions in Korean text, in text order (see ``_korean_dates``)."""
    return list(_korean_dates(text))


def english_dates(text: str) -> list[DateMention]:
    """Date mentions in English text, in text order (see ``_english_dates``)."""
    return list(_english_dates(text))


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=2048)
def _korean_dates(text: str) -> tuple[DateMention, ...]:
    """Dates and relative date words in a Korean sentence, in text order."""
    if _DIGIT.search(text) is None:  # only spelled dates (지난해, 오늘, 월요일…)
        first = _KO_SPELLED_START.search(text)  # no _KO_DATE match starts before it
        spelled = _spelled_korean(text, first.start()) if first else []
        return tuple(_non_overlapping(text, spelled)) if spelled else ()
    numeric = (
        _mention(text, m.start(), m.end(), year=int(m["y"]), month=int(m["m"]), day=int(m["d"]))
        for m in _KO_NUMERIC.finditer(text)
        if 1 <= int(m["m"]) <= 12 and 1 <= int(m["d"]) <= 31
    )
    year_month = (
        _mention(text, *m.span(), year=int(m["y"]), month=int(m["m"]))
        for m in hinted_finditer(_KO_YEAR_MONTH, _KO_BARE_YEAR_HINTS, text)
    )
    spelled = _spelled_korean(text)
    ranges, by_start = [], {d.start: d for d in spelled}
    for m in hinted_finditer(_KO_RANGE, _KO_RANGE_HINTS, text):
        second = by_start.get(m.start("next"))
        unit = "month" if m["u"] == "월" else "day"
        if second is not None and getattr(second, unit) is not None:
            ranges.append(_mention(text, m.start(), m.end("n"), **{unit: int(m["n"])}))
    bare = (
        _mention(text, *m.span(), year=int(m["y"]))
        for m in hinted_finditer(_KO_BARE_YEAR, _KO_BARE_YEAR_HINTS, text)
    )
    return tuple(_non_overlapping(text, [*numeric, *year_month, *spelled, *ranges, *bare]))


def _spelled_korean(text: str, start: int = 0) -> list[DateMention]:
    found = map(lambda m: _korean_match(text, m), _KO_DATE.finditer(text, start))
    return [d for d in found if d]


def _en_fields(m: re.Match[str]) -> dict[str, object]:
    g = m.groupdict()
    fields: dict[str, object] = {}
    if g.get("y"):
        fields["year"] = int(g["y"])
    if g.get("m"):
        fields["month"] = int(g["m"])
    if g.get("mon"):
        fields["month"] = _MONTHS[g["mon"][:3].lower()]
    if g.get("d"):
        fields["day"] = int(g["d"])
    if g.get("wd"):
        fields["weekday"] = _WEEKDAYS.index(g["wd"].lower())
    if g.get("ry"):
        fields["relative"] = folded(g["ry"]) + "-year"
    if g.get("rel"):
        fields["relative"] = _EN_REL[" ".join(folded(g["rel"]).split())]
    return fields


#: the English date patterns, most specific first, each with substrings one of which every
#: match holds (or None), whether it reads the text in folded lower case (relative words:
#: month and weekday names are case-sensitive), and whether every match holds a digit
_MONTH_HINTS = hint_pattern(*(m.title() for m in _MONTHS))
_RELATIVE_HINTS = hint_pattern("year", "month", "week", "day", "tonight", "tomorrow")
_EN_DATE_PATTERNS = (
    (_EN_ISO, None, False, True),
    (_EN_MDY, _MONTH_HINTS, False, True),
    (_EN_DMY, _MONTH_HINTS, False, True),
    (_EN_MY, _MONTH_HINTS, False, False),
    (_EN_RELATIVE, _RELATIVE_HINTS, True, False),
    (_EN_WEEKDAY, hint_pattern(*(w.title() for w in _WEEKDAYS)), False, False),
    (_EN_THE_DAY, None, False, True),
)


@lru_cache(maxsize=2048)
def _english_dates(text: str) -> tuple[DateMention, ...]:
    """Dates and relative date words in an English sentence, in text order."""
    found: list[DateMention | None] = []
    lower = folded(text)
    digit = _DIGIT.search(text) is not None
    for pattern, hints, lowered, needs_digit in _EN_DATE_PATTERNS:
        if needs_digit and not digit:
            continue
        searched = lower if lowered else text  # same offsets
        if hints is not None and not may_match(hints, searched):
            continue
        for m in pattern.finditer(searched):
            fields = _en_fields(m)
            if fields.get("month", 1) not in range(1, 13) or fields.get("day", 1) == 0:
                continue
            mon = m.groupdict().get("mon") or ""
            if len(fields) == 1 and (mon == "May" or len(mon) <= 4) and mon:
                if not _before(_MAY_PREP, text, m.start()):
                    continue  # "may" the verb, Jan or June a name: a lone month needs "in"
            found.append(_mention(text, m.start(), m.end(), **fields))
            tail = _EN_RANGE_END.match(text, m.end()) if "day" in fields else None
            if tail:  # April 28-30: the 30th too
                found.append(_mention(text, tail.start("d"), tail.end(), day=int(tail["d"])))
    for m in _EN_YEAR.finditer(text) if digit else ():
        year = int(m["y"])
        if 1900 <= year <= 2099 or (1000 <= year <= 2999 and _before(_YEAR_PREP, text, m.start())):
            found.append(_mention(text, m.start(), m.end(), year=year))
    return tuple(_non_overlapping(text, found)) if found else ()


def _fields(d: DateMention, reference_year: int | None) -> dict[str, int | str]:
    """The mention's values by grain; relative words fill their grain (see module doc)."""
    out: dict[str, int | str] = {}
    for name in ("year", "month", "day", "weekday"):
        value = getattr(d, name)
        if value is not None:
            out[name] = value
    if d.relative:
        grain = next((g for g in ("year", "month", "week") if g in d.relative), "day")
        if grain == "year" and reference_year is not None:
            out["year"] = reference_year + _YEAR_OFFSET[d.relative]
        else:
            out.setdefault(grain, d.relative)
    return out


def _agree(a: dict[str, int | str], b: dict[str, int | str]) -> bool:
    """No shared grain disagrees; a relative word against a number is compatible."""
    for grain in a.keys() & b.keys():
        x, y = a[grain], b[grain]
        if type(x) is type(y) and x != y:
            return False
    return True


def compare_dates(
    ko: list[DateMention], en: list[DateMention], reference_year: int | None = None
) -> DateDiff:
    """Pair Korean and English date mentions; see the module docstring for the rule."""
    kf = [_fields(d, reference_year) for d in ko]
    ef = [_fields(d, reference_year) for d in en]
    ko_left, en_left = list(range(len(ko))), list(range(len(en)))
    seen_k: list[set[str]] = [set() for _ in ko]  # grains already checked against the other side
    seen_e: list[set[str]] = [set() for _ in en]
    diff = DateDiff()
    # (shape must be equal, fields must agree, where accepted pairs go), in order of preference
    passes = [(True, True, diff.matched), (False, True, diff.matched)]
    passes += [(True, False, diff.conflicts), (False, False, diff.conflicts)]
    for same_shape, must_agree, into in passes:
        for i in list(ko_left):
            for j in en_left:
                a, b = kf[i], ef[j]
                if same_shape and a.keys() != b.keys() or not a.keys() & b.keys():
                    continue
                if must_agree and not _agree(a, b):
                    continue
                into.append((ko[i], en[j]))
                seen_k[i] |= a.keys() & b.keys()
                seen_e[j] |= a.keys() & b.keys()
                ko_left.remove(i)
                en_left.remove(j)
                break
    # A leftover that says no more than an already paired mention on the other side is covered
    # by it when they agree (올해 … 3월 vs "March this year"), and conflicts with it when they
    # disagree on grains nobody checked yet (올해 … 3월 vs "May this year").
    for left, mine, theirs, seen, other_left, flip in (
        (ko_left, kf, ef, seen_e, en_left, False),
        (en_left, ef, kf, seen_k, ko_left, True),
    ):
        paired = [b for b in range(len(theirs)) if b not in other_left]
        for a in list(left):
            covering = [b for b in paired if mine[a].keys() <= theirs[b].keys()]
            agree = next((b for b in covering if _agree(mine[a], theirs[b])), None)
            clash = next((b for b in covering if not mine[a].keys() & seen[b]), None)
            b = agree if agree is not None else clash
            if b is not None:
                pair = (ko[b], en[a]) if flip else (ko[a], en[b])
                (diff.matched if agree is not None else diff.conflicts).append(pair)
                left.remove(a)
    diff.missing_in_en = [ko[i] for i in ko_left]
    diff.extra_in_en = [en[j] for j in en_left]
    return diff
