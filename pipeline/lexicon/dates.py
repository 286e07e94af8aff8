"""Dates in Korean and English sentences, normalised so a bilingual check can compare them.

``korean_dates`` and ``english_dates`` return :class:`DateMention` objects with exact offsets
into the input. A mention holds whatever the text says: absolute fields (year, month, day,
weekday, Monday = 0) and at most one ``relative`` word (``"last-year"``, ``"this-month"``,
``"yesterday"``, ``"last-week"``…). "지난해 4월 28일" is one mention: relative last-year,
month 4, day 28.

Korean: 2025년 4월 28일, 4월 28일, 2025년(도), 2025.4.28 / 2025-04-28, 28일, 지난 28일,
28일(월), 월요일, 지난해/작년/전년, 재작년, 올해/금년/"올 4월", 내년, 지난달/전월, 이달/이번 달,
다음 달/내달, 지난주/이번 주/다음 주, 그제/그저께, 어제, 오늘, 내일, 모레. A bare "N일" is a
duration, not a date, when followed by 간/동안/만에/째/이내/연속/내내 or after 약/총/최소/최대/박
("3박 4일"); ``quantities`` counts those as day-count. "1990년대" (a decade) is not a date.

English: April 28, 2025 / 28 April 2025 / Monday, April 28 / April 28th / Apr. 28 / the 28th
of April / 2025-04-28 / April 2025 / April of last year / in 2025 / a bare year 1900-2099
(not followed by a unit noun) / last|this|next year|month|week / the previous year /
yesterday / today / tomorrow / (last|next) Monday / "the 28th". A lone "May" needs a
preposition before it ("in May") so the verb is not read as a month.

Comparison (:func:`compare_dates`). Each mention is reduced to *fields* at four grains,
year, month, day, week, plus weekday. A relative word fills its grain ("last-month" fills
month) and compares equal only to the same word. A relative and an absolute value at the same
grain are *compatible* (neither agrees nor disagrees) because the document date is unknown,
so "지난해 4월" matches both "April of last year" and "April 2025". Passing
``reference_year`` resolves relative years (last-year → reference_year - 1) and then compares
them as numbers, so "지난해" vs "2025" with reference_year=2025 is a conflict. Two mentions
are comparable when they share a grain; a pair agrees when no shared grain disagrees. Pairing
is greedy in text order: agreeing pairs of the same shape, then agreeing pairs that merely
overlap ("2025년 4월 28일" vs "April 28": the English dropped the year, accepted), then
disagreeing pairs of the same shape, then disagreeing overlapping pairs, which are
``conflicts``. Whatever is left is ``missing_in_en`` / ``extra_in_en``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DateMention:
    """A date or relative date word in a sentence; offsets index the input string."""

    year: int | None
    month: int | None
    day: int | None
    relative: str | None  # "last-year", "this-month", "yesterday", "next-week"… (see _GRAIN)
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


#: grain of every relative word
_GRAIN = {
    **dict.fromkeys(("year-before-last", "last-year", "this-year", "next-year"), "year"),
    **dict.fromkeys(("last-month", "this-month", "next-month"), "month"),
    **dict.fromkeys(("last-week", "this-week", "next-week"), "week"),
    **dict.fromkeys(
        ("day-before-yesterday", "yesterday", "today", "tomorrow", "day-after-tomorrow"), "day"
    ),
}
_YEAR_OFFSET = {"year-before-last": -2, "last-year": -1, "this-year": 0, "next-year": 1}

_KO_REL = {
    "재작년": "year-before-last",
    "지난해": "last-year",
    "작년": "last-year",
    "전년": "last-year",
    "올해": "this-year",
    "금년": "this-year",
    "올": "this-year",
    "내년": "next-year",
    "지난달": "last-month",
    "전월": "last-month",
    "이달": "this-month",
    "이번달": "this-month",
    "다음달": "next-month",
    "내달": "next-month",
    "지난주": "last-week",
    "이번주": "this-week",
    "다음주": "next-week",
    "그저께": "day-before-yesterday",
    "그제": "day-before-yesterday",
    "어제": "yesterday",
    "오늘": "today",
    "내일": "tomorrow",
    "모레": "day-after-tomorrow",
}
_KO_WEEKDAYS = "월화수목금토일"

_KO_Y = (
    r"(?:(?P<y>\d{4})\s*년(?!대|간|\s*동안|\s*만에|째)(?:도)?"
    r"|(?P<ry>재작년|지난해|작년|전년|올해|금년|내년|올(?=\s\d{1,2}\s*월)))"
)
_KO_M = r"(?:(?P<m>\d{1,2})\s*월(?!간)|(?P<rm>지난달|전월|이달|이번\s?달(?!러)|다음\s?달(?!러)|내달(?!리|려)))"
_KO_W = r"(?P<rw>지난주|이번\s?주|다음\s?주)"
_KO_D = (
    r"(?:(?P<dp>(?:(?:지난|오는)\s*)?(?P<d>\d{1,2})\s*일)"
    r"|(?P<rd>그저께|그제(?!야|서)|어제|오늘(?!날)|내일|모레))"
)
_KO_WD = rf"(?:\((?P<wdp>[{_KO_WEEKDAYS}])\)|(?:(?:지난|오는|이번)\s*)?(?P<wd>[{_KO_WEEKDAYS}])요일)"
_KO_DATE = re.compile(
    rf"(?<![가-힣\d.,])(?:{_KO_Y})?(?:\s*{_KO_M})?(?:\s*{_KO_W})?(?:\s*{_KO_D})?(?:\s*{_KO_WD})?"
)
_KO_NUMERIC = re.compile(
    r"(?<![\d.])(?P<y>\d{4})\s*([.\-/])\s*(?P<m>\d{1,2})\s*\2\s*(?P<d>\d{1,2})(?:\.(?!\d))?(?!\d)"
)
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
}  # fmt: skip

_MON = (
    r"(?P<mon>(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
_WDAY = r"(?:(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_YR = r"(?:,?\s+(?P<y>\d{4})(?![\d,])|,?\s+(?:of\s+)?(?P<ry>(?i:last|this|next))\s+(?i:year)\b)?"
_EN_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_EN_MDY = re.compile(rf"\b{_WDAY}{_MON}\s+{_DAY}{_YR}")
_EN_DMY = re.compile(rf"\b{_WDAY}(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MON}{_YR}")
_EN_MY = re.compile(rf"\b{_MON}{_YR}")
_EN_RELATIVE = re.compile(
    r"(?i)\b(?P<rel>(?:last|this|next)\s+(?:year|month|week)|yesterday|today|tonight|tomorrow"
    r"|the\s+(?:previous|following)\s+(?:year|month|week)"
    r"|the\s+day\s+(?:before\s+yesterday|after\s+tomorrow))\b"
)
_EN_WEEKDAY = re.compile(
    r"\b(?:(?i:last|next|this)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_EN_THE_DAY = re.compile(
    r"\bthe\s+(?P<d>3[01]|[12]\d|[1-9])(?:st|nd|rd|th)\b(?!\s+(?:century|anniversary|birthday"
    r"|floor|place|round|time|edition|generation|amendment|president|session|straight"
    r"|consecutive|annual|minute|day|week|month|year|season|game|match|hole|inning|pick"
    r"|largest|biggest|highest|lowest|most|best|worst)\b)"
)
_EN_YEAR = re.compile(
    r"(?<![\w$₩€£¥.,#-])(?P<y>\d{4})(?![\w%]|[.,]\d|\s*(?:%|(?i:percent|per\s+cent|people"
    r"|persons|won|dollars|yen|euros|tons?|tonnes|km|kilometers|times|units|cases|households"
    r"|shares|troops|soldiers|workers|students|residents|votes|seats|points|meters|feet|miles"
    r"|cars|vehicles|homes|jobs)\b))"
)
_YEAR_PREP = re.compile(r"(?i)\b(?:in|since|by|until|from|through|during|before|after|of)\s+$")
_MAY_PREP = re.compile(
    r"(?i)\b(?:in|of|since|until|by|from|through|during|early|late|mid|last|next|this|on"
    r"|before|after)[\s-]+$"
)


def _mention(text: str, start: int, end: int, **fields: object) -> DateMention:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    values = {k: fields.get(k) for k in ("year", "month", "day", "relative", "weekday")}
    return DateMention(**values, start=start, end=end, text=text[start:end])  # type: ignore[arg-type]


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _korean_match(text: str, m: re.Match[str]) -> DateMention | None:
    if m.end() == m.start():
        return None
    g = m.groupdict()
    year, month, day, end = _int(g["y"]), _int(g["m"]), _int(g["d"]), m.end()
    if month is not None and not 1 <= month <= 12:
        return None
    wd = g["wd"] or g["wdp"]
    if day is not None:
        bad_day = not 1 <= day <= 31
        bad_day = bad_day or _KO_DURATION_AFTER.match(text, m.end("dp"))
        bad_day = bad_day or _KO_DURATION_BEFORE.search(text, 0, m.start("dp"))
        if bad_day:
            day, wd, end = None, None, m.start("dp")
    elif g["wdp"]:
        wd, end = None, m.start("wdp") - 1
    rel_text = next((g[k] for k in ("ry", "rm", "rw", "rd") if g[k]), None)
    relative = _KO_REL[re.sub(r"\s", "", rel_text)] if rel_text else None
    if year is None and month is None and day is None and relative is None and wd is None:
        return None
    weekday = _KO_WEEKDAYS.index(wd) if wd else None
    return _mention(
        text, m.start(), end, year=year, month=month, day=day, relative=relative, weekday=weekday
    )


def _non_overlapping(found: Iterable[DateMention | None]) -> list[DateMention]:
    """Keep mentions in the order found (patterns run most specific first), drop overlaps."""
    kept: list[DateMention] = []
    for d in found:
        if d is not None and d.end > d.start:
            if all(d.end <= k.start or d.start >= k.end for k in kept):
                kept.append(d)
    return sorted(kept, key=lambda d: d.start)


def korean_dates(text: str) -> list[DateMention]:
    """Dates and relative date words in a Korean sentence, in text order."""
    numeric = (
        _mention(text, m.start(), m.end(), year=int(m["y"]), month=int(m["m"]), day=int(m["d"]))
        for m in _KO_NUMERIC.finditer(text)
        if 1 <= int(m["m"]) <= 12 and 1 <= int(m["d"]) <= 31
    )
    spelled = (_korean_match(text, m) for m in _KO_DATE.finditer(text))
    return _non_overlapping([*numeric, *spelled])


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
        fields["relative"] = g["ry"].lower() + "-year"
    if g.get("rel"):
        fields["relative"] = _EN_REL[" ".join(g["rel"].lower().split())]
    return fields


def english_dates(text: str) -> list[DateMention]:
    """Dates and relative date words in an English sentence, in text order."""
    found: list[DateMention | None] = []
    for pattern in (_EN_ISO, _EN_MDY, _EN_DMY, _EN_MY, _EN_RELATIVE, _EN_WEEKDAY, _EN_THE_DAY):
        for m in pattern.finditer(text):
            fields = _en_fields(m)
            if fields.get("month", 1) not in range(1, 13) or fields.get("day", 1) == 0:
                continue
            if m.groupdict().get("mon") == "May" and len(fields) == 1:
                if not _MAY_PREP.search(text, 0, m.start()):
                    continue  # the verb "may"
            found.append(_mention(text, m.start(), m.end(), **fields))
    for m in _EN_YEAR.finditer(text):
        year = int(m["y"])
        if 1900 <= year <= 2099 or (1000 <= year <= 2999 and _YEAR_PREP.search(text, 0, m.start())):
            found.append(_mention(text, m.start(), m.end(), year=year))
    return _non_overlapping(found)


def _fields(d: DateMention, reference_year: int | None) -> dict[str, int | str]:
    """The mention's values by grain; relative words fill their grain (see module doc)."""
    out: dict[str, int | str] = {}
    for name in ("year", "month", "day", "weekday"):
        value = getattr(d, name)
        if value is not None:
            out[name] = value
    if d.relative:
        grain = _GRAIN.get(d.relative, d.relative)
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
    diff = DateDiff()
    same = lambda i, j: kf[i].keys() == ef[j].keys()  # noqa: E731
    overlap = lambda i, j: bool(kf[i].keys() & ef[j].keys())  # noqa: E731
    agree = lambda i, j: _agree(kf[i], ef[j])  # noqa: E731
    passes: list[tuple[Callable[[int, int], bool], list[tuple[DateMention, DateMention]]]] = [
        (lambda i, j: same(i, j) and agree(i, j), diff.matched),
        (lambda i, j: overlap(i, j) and agree(i, j), diff.matched),
        (same, diff.conflicts),
        (overlap, diff.conflicts),
    ]
    for accept, into in passes:
        for i in list(ko_left):
            j = next((j for j in en_left if accept(i, j)), None)
            if j is not None:
                into.append((ko[i], en[j]))
                ko_left.remove(i)
                en_left.remove(j)
    diff.missing_in_en = [ko[i] for i in ko_left]
    diff.extra_in_en = [en[j] for j in en_left]
    return diff
