"""Numbers, amounts and percentages in Korean and English sentences, normalised for comparison.

:class:`Quantity` holds the value as a float (1만 5천 → 15000.0, "$200 million" → 2e8), a
normalised unit or None, ``approx`` (the text hedges it) and exact offsets into the input.
Units: percent, percent-point (also "25 basis points" → 0.25), point, won, dollar, yen, euro,
yuan, person, household, country, case, share, ton, barrel, km, m, mm, cm, kg, degree, age,
times, year-/month-/week-/day-/hour-/minute-/second-count, decade (20대/20s, 1990년대/1990s).

Korean: digits with commas/decimals mixed with 십/백/천/만/억/조 (1만 5천, 3천여 명, 1조 2천억 원,
백만; a number with no digit needs a counter and ends its word: 삼천 명, not 천주교), native
numerals before a counter (두 달, 세 번, 석 달, 열 명; 이틀…보름), N분의 M and 1/3, 3할 (30
percent) / 3할 2푼 5리 (0.325), 영하 (minus), "3주 연속" / "2년째" as counts, 13초04 (13.04
seconds). 만 before an age (만 14세) means "full", not 10,000; 만 without a coefficient after
억 (2조3100억만) adds nothing. English: digits, "1.5 million", "$2 billion", "₩3 trillion",
"2bn", "$3m", number words ("two hundred", "a dozen"), "two-thirds", "1/3", minus / "below
zero", "the third straight week" (a count). Approximators: 약 대략 거의 최소 최대 적어도, 여
(3천여), 가량 안팎 정도 쯤 남짓 이상 이하 미만 초과 넘게 내외 전후; about around some nearly
almost more/less/fewer than over under at least roughly approximately up to (an) estimated
close to as many as, "or so", "or more", "-plus".

Left out on purpose: dates and years (spans from :mod:`pipeline.lexicon.dates`), clock times
(오후 3시 30분, 후반 23분, 3 p.m., 15:30), named days (3·1절, 6·25); ordinals (first, 21st, 3위,
제3회, 세 번째, 1분기, 75주년, No. 3, round of 16, Article 3); vague amounts (수천, 수십만, 한두,
두세, thousands, dozens, a scale word alone: "million-dollar babies"); 1 or 0 as a word (한 명,
"one", "once", "zero-sum": English says "a"); names (코로나19, COVID-19, G20, 5G).

:func:`compare_quantities` pairs quantities whose units are compatible (equal, either None,
or percent-point with point) and whose values are equal (1e-9 relative) or, when both the
Korean and the English hedge, within ±10 % of the Korean value. Unpaired ones are
``missing_in_en`` / ``extra_in_en``, except a lone 1 of a count unit (1명 vs "a worker").
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from pipeline.lexicon.dates import (
    _before,
    english_dates,
    folded,
    hint_pattern,
    hinted_finditer,
    korean_dates,
)


@dataclass(frozen=True)
class Quantity:
    """A number in a sentence; offsets index the input string."""

    value: float
    unit: str | None  # normalised unit, see the module docstring; None when unknown
    approx: bool  # hedged: 약, 여, 가량, 이상, about, more than, nearly, some…
    start: int
    end: int
    text: str


@dataclass
class QuantityDiff:
    """What :func:`compare_quantities` found; ``matched`` lists the (Korean, English) pairs."""

    missing_in_en: list[Quantity] = field(default_factory=list)
    extra_in_en: list[Quantity] = field(default_factory=list)
    matched: list[tuple[Quantity, Quantity]] = field(default_factory=list)


_DURATION = {u: f"{u}-count" for u in ("year", "month", "week", "day")}
_COUNT_UNITS = {*_DURATION.values(), "person", "household", "country", "case", "times"}
_COMPATIBLE = {frozenset({"percent-point", "point"})}

_D = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SINO = {c: i for i, c in enumerate("일이삼사오육칠팔구", start=1)}
_SMALL_UNIT = {"십": 10, "백": 100, "천": 1000}
_LARGE_UNIT = {"만": 1e4, "억": 1e8, "조": 1e12}
_KO_SMALL = rf"(?:(?:(?:{_D}|[일이삼사오육칠팔구])?[십백천])+|{_D})"
_KO_LARGE = rf"(?:{_KO_SMALL}?[만억조])"
#: Korean counters after a number, in the order tried (longer first), with their unit
_KO_UNITS = [
    (r"퍼센트\s?포인트|%\s?포인트|%[pP]", "percent-point"),
    (r"퍼센트|%|프로", "percent"),
    (r"달러", "dollar"), (r"원", "won"), (r"엔", "yen"), (r"유로", "euro"), (r"위안", "yuan"),
    (r"명", "person"), (r"가구", "household"), (r"개국", "country"), (r"건", "case"),
    (r"톤", "ton"), (r"배럴", "barrel"), (r"킬로미터|km|㎞", "km"), (r"밀리미터|mm|㎜", "mm"),
    (r"센티미터|cm|㎝", "cm"), (r"킬로그램|kg|㎏", "kg"), (r"미터|m(?![A-Za-z])", "m"),
    (r"℃|°C|도", "degree"), (r"개월", "month-count"), (r"년대", "decade"),
    (r"년", "year-count"), (r"달(?!러)", "month-count"),
    (r"주(?=간|일|\s?동안|\s?만에|\s?[뒤후전]|\s?연속)", "week-count"), (r"주(?!년)", "share"),
    (r"일", "day-count"), (r"시간", "hour-count"), (r"분(?![의기])", "minute-count"),
    (r"초(?![가-힣])", "second-count"), (r"배(?!럴)|번(?!째)|차례|회(?!째)", "times"),
    (r"살|세(?![대기계금율수])", "age"), (r"대", "decade"),
]  # fmt: skip
#: _KO_NUM, _KO_NATIVE and _KO_TIME open with a lookahead for the first character any of
#: their matches has: it fails fast where the lookbehinds after it are slow to try
_KO_NUM = re.compile(
    r"(?=[\d일이삼사오육칠팔구십백천])"  # not a bare 만/억/조: 만 14세 is "aged 14", 조건 a word
    r"(?:(?<=약)|(?<=총)|(?<=영하)|(?<![A-Za-z가-힣\d.,])(?<![A-Za-z]-))"
    rf"(?P<num>{_KO_LARGE}(?:\s?{_KO_LARGE})*(?:\s?{_KO_SMALL})?|{_KO_SMALL})(?P<yeo>여)?"
    rf"(?:\s?(?:{'|'.join(f'(?P<u{i}>{p})' for i, (p, _) in enumerate(_KO_UNITS))}))?"
)
_KO_ORDINAL = re.compile(r"(?:주년|째|번째|위|차(?!례)|호|등|분기|세대|학년|층|강|선|기)")
_NATIVE_TENS = {"열": 10, "스물": 20, "스무": 20, "서른": 30, "마흔": 40, "쉰": 50, "예순": 60}
_NATIVE_ONES = {"한": 1, "두": 2, "세": 3, "석": 3, "네": 4, "넉": 4, "다섯": 5, "여섯": 6,
                "일곱": 7, "여덟": 8, "아홉": 9}  # fmt: skip
_NATIVE_DAYS = {"이틀": 2, "사흘": 3, "나흘": 4, "닷새": 5, "엿새": 6, "이레": 7, "여드레": 8,
                "아흐레": 9, "열흘": 10, "보름": 15}  # fmt: skip
_NATIVE_COUNTERS = {
    "명": "person", "사람": "person", "번": "times", "차례": "times", "달": "month-count",
    "해": "year-count", "시간": "hour-count", "살": "age", "주": "week-count", "가구": "household",
    "개국": "country", "나라": "country", "건": "case", "개": None, "가지": None, "곳": None,
    "마리": None, "척": None, "채": None, "권": None,
}  # fmt: skip
_PARTICLE = (
    r"(?:(?:에게서|에서|에게|으로|부터|까지|이나|이며|이고|이다|였다|으며|보다|밖에|만에|만큼|동안"
    r"|가량|정도|남짓|이상|이하|이내|이|가|을|를|은|는|의|에|도|만|씩|과|와|로|나|간|여|쯤|뿐|께)?"
    r"(?![가-힣]))"
)


def _keys(d: dict[str, object]) -> str:
    return "|".join(sorted(d, key=len, reverse=True))


#: first syllables of the native numerals and day counts
_KO_NATIVE_START = "".join(sorted({w[0] for w in (*_NATIVE_TENS, *_NATIVE_ONES, *_NATIVE_DAYS)}))
_KO_NATIVE = re.compile(
    rf"(?=[{_KO_NATIVE_START}])(?<![가-힣])"
    rf"(?:(?:(?P<tens>{_keys(_NATIVE_TENS)})\s?(?P<ones>{_keys(_NATIVE_ONES)})?"
    rf"|(?P<one>{_keys(_NATIVE_ONES)}))\s?(?P<c>{_keys(_NATIVE_COUNTERS)})(?={_PARTICLE})"
    rf"|(?P<days>{_keys(_NATIVE_DAYS)})(?={_PARTICLE}))"
)
_KO_FRACTION = re.compile(r"(?<![\d.])(?P<den>[1-9]\d*)\s?분의\s?(?P<num>\d+)(?!\d)")
#: 1/3, 2/3, 3/4 (Korean and English): a fraction below one, denominator up to ten
_SLASH_FRACTION = re.compile(r"(?<![\d./])(?P<num>[1-9])/(?P<den>[2-9]|10)(?![\d/])")
_SLASH_HINTS = hint_pattern("/")
#: 13초04: a time in seconds with hundredths (a race)
_KO_SECONDS = re.compile(r"(?<![\d.])(?P<s>\d{1,3})초(?P<f>\d{2})(?!\d)")
_KO_SECONDS_HINTS = hint_pattern("초")
_KO_HAL = re.compile(r"(?<!\d)(?P<h>\d)할(?![인당])(?:\s?(?P<p>\d)푼)?(?:\s?(?P<r>\d)리)?")
_KO_TIME = re.compile(
    r"(?=[\d오새밤낮저아전후연])(?:(?:(?:오전|오후|새벽|밤|낮|저녁|아침)\s*)?\d{1,2}\s*시"
    r"(?=$|[\s\d에부까쯤께반경을이의,.)])(?:\s*\d{1,2}\s*분)?(?:\s*\d{1,2}\s*초)?|\d{1,2}:\d{2}"
    r"|(?:전반|후반|연장)\s*\d{1,3}\s*분"
    r"|(?<!\d)\d{1,2}\s?[·ㆍ]\s?\d{1,2}(?!\d))"  # 3·1절, 6·25 전쟁, 4·10 총선: named days
)
_KO_TIME_HINTS = hint_pattern("시", ":", "분", "·", "ㆍ")  # one is in every _KO_TIME match
_KO_FRACTION_HINTS = hint_pattern("분의")
_KO_HAL_HINTS = hint_pattern("할")
_KO_WORD_END = re.compile(_PARTICLE)
_KO_APPROX_BEFORE = re.compile(r"(?:약|대략|거의|최소한?|최대|적어도|얼추|줄잡아)\s*$")
_KO_APPROX_AFTER = re.compile(
    r"\s?(?:가량|안팎|정도|쯤|남짓|이상|이하|미만|초과|넘게|넘는|넘어|내외|전후)|여(?![가-힣])"
)

_EN_ONES = "one two three four five six seven eight nine ten eleven twelve thirteen"
_EN_ONES += " fourteen fifteen sixteen seventeen eighteen nineteen"
_EN_WORDS = {w: i for i, w in enumerate(_EN_ONES.split(), 1)}
_EN_WORDS |= {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy".split(), 2)}
_EN_WORDS |= {"eighty": 80, "ninety": 90}
_EN_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_EN_ABBR = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}


def _by_first_letter(words: list[str]) -> str:
    """An alternation of ``words`` grouped by first letter, ``(?:t(?:hree|wo|…)|f(?:…)|…)``:
    where a word starts, the regex engine tries one group instead of every word."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        groups.setdefault(word[0], []).append(word[1:])
    return "(?:" + "|".join(f"{c}(?:{'|'.join(rest)})" for c, rest in groups.items()) + ")"


_EN_WORD = rf"{_by_first_letter([*_EN_WORDS, *_EN_SCALES, 'dozen'])}\b"
_EN_CUR = r"(?P<cur>US\$|\$|₩|€|¥|£|KRW\s|USD\s)?\s?"
#: a number in digits, and one in words: see _en_numbers for how they are read together;
#: the lookahead is the first character a match in digits can have (currency, space, digit)
_EN_DIGITS = re.compile(
    rf"(?=[\s\d.$₩€¥£UK]){_EN_CUR}(?<![\w.,])(?<![A-Za-z]-)"
    rf"(?P<dig>{_D}|\.\d+)(?:\s?(?P<abbr>bn|tn|trn|mn|[kmb])\b|\s(?P<sc>{_keys(_EN_SCALES)})\b)?",
    re.IGNORECASE,
)
_EN_NUMBER_WORDS = re.compile(
    rf"{_EN_CUR}\b(?P<words>(?:an?\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b))?"
    rf"{_EN_WORD}(?:[\s-]+(?:and\s+)?{_EN_WORD})*)",
    re.IGNORECASE,
)
_EN_NUMBER_WORD_SET = frozenset((*_EN_WORDS, *_EN_SCALES, "dozen"))
_LETTERS = re.compile("[a-z]+")
_EN_UNITS = [
    (r"%\s?p\b|%[\s-]?points?|per\s?cent(?:age)?[\s-]points?|pp\b", "percent-point"),
    (r"%|per\s?cent\b|pct\b", "percent"), (r"basis\s+points?\b|bps?\b", "bp"),
    (r"points?\b|pts?\b", "point"),
    (r"(?:U\.?S\.?\s)?dollars?\b|USD\b", "dollar"), (r"(?:Korean\s)?won\b|KRW\b", "won"),
    (r"yen\b", "yen"), (r"euros?\b", "euro"), (r"yuan\b", "yuan"),
    (r"(?:people|persons|residents|workers|soldiers|troops|students|passengers|victims|patients"
     r"|employees|civilians|refugees|children|visitors|tourists|spectators|fans|members)\b",
     "person"),
    (r"households?\b", "household"), (r"countries\b|nations\b", "country"),
    (r"cases\b", "case"), (r"shares\b", "share"), (r"tons?\b|tonnes?\b", "ton"),
    (r"km\b|kilomet(?:er|re)s?\b", "km"), (r"mm\b|millimet(?:er|re)s?\b", "mm"),
    (r"cm\b|centimet(?:er|re)s?\b", "cm"), (r"kg\b|kilograms?\b", "kg"),
    (r"met(?:er|re)s?\b|m\b", "m"),
    (r"°\s?C\b|℃|degrees?(?:\s(?:Celsius|C)\b)?|C\b", "degree"),
    (r"years?[\s-]old\b", "age"), (r"years?\b", "year-count"), (r"months?\b", "month-count"),
    (r"weeks?\b", "week-count"), (r"days?\b", "day-count"), (r"hours?\b", "hour-count"),
    (r"minutes?\b", "minute-count"), (r"seconds?\b", "second-count"),
    (r"times\b|-?fold\b", "times"), (r"s\b", "decade"),
]  # fmt: skip
_EN_UNIT = re.compile(
    rf"[\s-]?(?:{'|'.join(f'(?P<u{i}>{p})' for i, (p, _) in enumerate(_EN_UNITS))})",
    re.IGNORECASE,
)
_EN_CURRENCY = {"$": "dollar", "US$": "dollar", "USD": "dollar", "₩": "won", "KRW": "won"}
_EN_CURRENCY |= {"€": "euro", "¥": "yen", "£": "pound"}
_EN_FRACTION = re.compile(
    r"(?i)\b(?P<n>one|a|two|three|four)[\s-](?P<d>half|thirds?|quarters?|fifths?|tenths?)\b"
    r"(?!\s+(?:time|straight|consecutive|year|term|round|place|quarter|day|week|month)\b)"
)
_EN_FRACTION_DEN = {"ha": 2, "th": 3, "qu": 4, "fi": 5, "te": 10}
_EN_TIME = re.compile(
    r"(?i)\b\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock)|\b\d{1,2}:\d{2}\b"
    r"|\b(?:below|above)\s+zero\b"
)
_EN_ORDINAL_NEXT = re.compile(
    r"(?i)[\s-]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b|(?:st|nd|rd|th)\b"
)
#: the patterns searched just before a number (see _before) open with a lookahead for the
#: first character of their matches: most of the 40 positions they are tried at fail there
_EN_SKIP_BEFORE = re.compile(
    r"(?i)(?=[n#rapc])(?:\bNo\.|\bnumber|#|\bround\s+of|\bArticle|\bParagraph|\bClause)\s*$"
)
_EN_ORDINALS = "second third fourth fifth sixth seventh eighth ninth tenth".split()
#: "for the third straight week" counts like 3주 연속 / 3주째
_EN_ORDINAL_COUNT = re.compile(
    rf"(?i)\b(?P<o>{'|'.join(_EN_ORDINALS)}|\d+(?:st|nd|rd|th))\s+(?:consecutive|straight"
    r"|successive|running)\s+(?P<u>year|month|week|day|time|win|victory|game|loss|defeat)s?\b"
)
_ORDINAL_COUNT_UNITS = {**_DURATION, "time": "times"}
_EN_APPROX_BEFORE = re.compile(
    r"(?i)(?=[asnmoruelcfij])\b(?:about|around|some|nearly|almost|more\s+than|over|at\s+least"
    r"|roughly|approximately|up\s+to|(?:an\s+)?estimated|close\s+to|less\s+than|fewer\s+than"
    r"|under|as\s+(?:many|much)\s+as|upwards\s+of|in\s+excess\s+of|just\s+(?:over|under))\s+$"
)
_EN_APPROX_AFTER = re.compile(r"(?i)\s*(?:or\s+so\b|or\s+more\b|-?plus\b|\+)")
_BELOW_ZERO = re.compile(r"(?i)\s+below\s+zero\b")
_NEGATIVE = re.compile(r"(?i)(?=[영마m\-−])(?:(?:영하|마이너스|\bminus)\s*$|(?:^|(?<=[\s(]))[-−]$)")


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank the spans out (same length, so offsets stay true)."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = "\x00" * (end - start)
    return "".join(chars)


def _q(text: str, value: float, unit: str | None, approx: bool, start: int, end: int):
    return Quantity(float(value), unit, approx, start, end, text[start:end])


_KO_NUMBER_PARTS = re.compile(rf"({_D}|[일이삼사오육칠팔구])?([십백천만억조]?)")
_LATIN = re.compile("[A-Za-z]")
_EN_SCALE_WORD = re.compile(r"(?i)hundred|thousand|[mbtr]illion|dozen")


def _ko_value(num: str) -> float:
    """1조 2천억 → 1.2e12; 3천5백 → 3500; 15,000 → 15000; 백만 → 1e6."""
    total = section = 0.0
    for coef, unit in _KO_NUMBER_PARTS.findall(num):
        if not coef and not unit:
            continue
        c = float(_SINO.get(coef) or coef.replace(",", "")) if coef else None
        if unit in _SMALL_UNIT:
            section += (c or 1) * _SMALL_UNIT[unit]
        elif unit in _LARGE_UNIT:  # a large unit without a coefficient (억만) adds nothing
            total += (section + (c or 0)) * _LARGE_UNIT[unit]
            section = 0.0
        else:
            section += c or 0
    return total + section


def _unit_of(m: re.Match[str], table: list[tuple[str, str]]) -> str | None:
    name = m.lastgroup or ""
    return table[int(name[1:])][1] if name.startswith("u") and name[1:].isdigit() else None


def _ko_hedged(masked: str, m: re.Match[str]) -> bool:
    before = _before(_KO_APPROX_BEFORE, masked, m.start())
    return bool(before or _KO_APPROX_AFTER.match(masked, m.end()))


def korean_quantities(text: str) -> list[Quantity]:
    """Quantities in a Korean sentence, in text order (see the module docstring)."""
    spans = [(d.start, d.end) for d in korean_dates(text)]
    spans += [m.span() for m in hinted_finditer(_KO_TIME, _KO_TIME_HINTS, text)]
    out: list[Quantity] = []
    masked = _mask(text, spans)
    for m in hinted_finditer(_KO_FRACTION, _KO_FRACTION_HINTS, text, masked):
        out.append(_q(text, int(m["num"]) / int(m["den"]), None, False, *m.span()))
    for m in hinted_finditer(_SLASH_FRACTION, _SLASH_HINTS, text, masked):
        if int(m["num"]) < int(m["den"]):
            out.append(_q(text, int(m["num"]) / int(m["den"]), None, False, *m.span()))
    for m in hinted_finditer(_KO_SECONDS, _KO_SECONDS_HINTS, text, masked):
        out.append(_q(text, float(f"{m['s']}.{m['f']}"), "second-count", False, *m.span()))
    for m in hinted_finditer(_KO_HAL, _KO_HAL_HINTS, text, masked):
        h, p, r = int(m["h"]), int(m["p"] or 0), int(m["r"] or 0)  # 3할 2푼 5리 → .325
        ratio = (h / 10 + p / 100 + r / 1000, None) if p or r else (h * 10, "percent")
        out.append(_q(text, *ratio, False, *m.span()))
    spans += [(q.start, q.end) for q in out]
    masked = _mask(text, spans)
    for m in _KO_NUM.finditer(masked):
        unit = _unit_of(m, _KO_UNITS)
        value = _ko_value(m["num"].replace(" ", ""))
        has_digit = any(c.isdigit() for c in m["num"])
        if not has_digit and not _KO_WORD_END.match(masked, m.end()):
            continue  # 천주교, 백년대계: a number in letters ends its word (삼천 명이)
        if unit is None and (not has_digit or _KO_ORDINAL.match(masked, m.end("num"))):
            continue  # 수천 (vague), 3위, 제3회 (ordinal)
        if _LATIN.match(masked, m.end()):
            continue  # 5G, 3D: a name
        if unit == "decade" and (value % 10 or value > 90 and not m[0].endswith("년대")):
            unit = None  # 3대 1 (a score), 차량 3대, 여객기 100대 (vehicles)
        if _before(_NEGATIVE, masked, m.start()):
            value = -value
        approx = bool(m["yeo"]) or _ko_hedged(masked, m)
        out.append(_q(text, value, unit, approx, m.start(), m.end()))
    for m in _KO_NATIVE.finditer(masked):
        if m["days"]:
            value, unit = _NATIVE_DAYS[m["days"]], "day-count"
        else:
            value = _NATIVE_TENS.get(m["tens"] or "", 0) + _NATIVE_ONES.get(m["ones"] or "", 0)
            value += _NATIVE_ONES.get(m["one"] or "", 0)
            unit = _NATIVE_COUNTERS[m["c"]]
            if value == 1 or m["one"] in ("석", "넉") and m["c"] != "달":
                continue
        out.append(_q(text, value, unit, _ko_hedged(masked, m), m.start(), m.end()))
    return sorted(out, key=lambda q: q.start)


def _en_words_value(words: str) -> float:
    total = current = 0.0
    for w in _LETTERS.findall(folded(words)):
        if w in _EN_WORDS:
            current += _EN_WORDS[w]
        elif w in ("hundred", "dozen"):
            current = (current or 1) * (100 if w == "hundred" else 12)
        elif w in _EN_SCALES:
            total += (current or 1) * _EN_SCALES[w]
            current = 0.0
    return total + current


def _en_numbers(text: str, words: bool) -> Iterator[re.Match[str]]:
    """Numbers in digits and (when ``words``) in words, in text order: the leftmost match of
    either pattern, then the leftmost one after its end, as ``finditer`` of one pattern with
    both alternatives finds them (no position can start a match of both)."""
    patterns = (_EN_DIGITS, _EN_NUMBER_WORDS) if words else (_EN_DIGITS,)
    ahead = [pattern.search(text) for pattern in patterns]
    while any(ahead):
        m = min((m for m in ahead if m), key=lambda m: m.start())
        yield m
        for i, pattern in enumerate(patterns):
            if ahead[i] and ahead[i].start() < m.end():  # overlapped: search on after m
                ahead[i] = pattern.search(text, m.end())


#: substrings (folded case) one of which every match of the pattern holds
_EN_TIME_HINTS = hint_pattern(":", "am", "pm", "a.m.", "p.m.", "o'clock", "zero")
_EN_FRACTION_HINTS = hint_pattern("half", "third", "quarter", "fifth", "tenth")
_EN_ORDINAL_COUNT_HINTS = hint_pattern("consecutive", "straight", "successive", "running")


def english_quantities(text: str) -> list[Quantity]:
    """Quantities in an English sentence, in text order (see the module docstring)."""
    lower = folded(text)
    spans = [(d.start, d.end) for d in english_dates(text)]
    spans += [m.span() for m in hinted_finditer(_EN_TIME, _EN_TIME_HINTS, lower, text)]
    out: list[Quantity] = []
    masked = _mask(text, spans)
    for m in hinted_finditer(_EN_FRACTION, _EN_FRACTION_HINTS, lower, masked):
        value = (_EN_WORDS.get(folded(m["n"])) or 1) / _EN_FRACTION_DEN[folded(m["d"])[:2]]
        out.append(_q(text, value, None, False, *m.span()))
    for m in hinted_finditer(_SLASH_FRACTION, _SLASH_HINTS, text, masked):
        if int(m["num"]) < int(m["den"]):
            out.append(_q(text, int(m["num"]) / int(m["den"]), None, False, *m.span()))
    for m in hinted_finditer(_EN_ORDINAL_COUNT, _EN_ORDINAL_COUNT_HINTS, lower, masked):
        o, unit = folded(m["o"]), _ORDINAL_COUNT_UNITS.get(folded(m["u"]))
        value = _EN_ORDINALS.index(o) + 2 if o in _EN_ORDINALS else int(o[:-2])
        out.append(_q(text, value, unit, False, *m.span()))
    spans += [(q.start, q.end) for q in out]
    masked = _mask(text, spans)
    words = not _EN_NUMBER_WORD_SET.isdisjoint(_LETTERS.findall(lower))  # a whole number word
    for m in _en_numbers(masked, words):
        if _before(_EN_SKIP_BEFORE, masked, m.start()):
            continue
        end = m.end()
        if m.re is _EN_DIGITS:
            abbr = (m["abbr"] or "").lower()
            if abbr in ("m", "b", "k") and not m["cur"]:
                end = m.end("dig")  # "100m" is metres, "5k" a race: no scale without currency
                abbr = ""
            scale = _EN_SCALES.get(folded(m["sc"] or "")) or _EN_ABBR.get(abbr, 1)
            value = float(m["dig"].replace(",", "")) * scale
        else:
            value = _en_words_value(m["words"])
            if value == 1 and not _EN_SCALE_WORD.search(m[0]):
                continue
            if folded(m["words"]) in _EN_NUMBER_WORD_SET and value >= 100:
                continue  # "million-dollar babies", "hundred": a scale word alone is vague
        if _EN_ORDINAL_NEXT.match(masked, end):
            continue  # twenty-first, 21st
        unit = _EN_CURRENCY.get((m["cur"] or "").strip())
        unit_m = _EN_UNIT.match(masked, end)
        if unit_m:
            found = _unit_of(unit_m, _EN_UNITS)
            if found == "decade" and (unit_m[0] != "s" or value % 10):
                unit_m = None  # only "20s", "1990s"
            else:
                unit, end = found or unit, unit_m.end()
                if unit == "bp":
                    value, unit = value / 100, "percent-point"
        if unit_m is None and masked[end : end + 1].isalpha():
            continue  # 5G, 3D, 737MAX: a name, not a number
        start = m.start() + (len(m[0]) - len(m[0].lstrip()))
        sign = _before(_NEGATIVE, masked, start)
        if sign and m.re is _EN_NUMBER_WORDS and sign[0] in "-−":
            sign = None  # "(CNN) -Fifteen Africans died": a dash, not a minus
        if sign or _BELOW_ZERO.match(text, end):
            value = -value
        approx = bool(_before(_EN_APPROX_BEFORE, masked, start))
        approx = approx or bool(_EN_APPROX_AFTER.match(masked, end))
        out.append(_q(text, value, unit, approx, start, end))
    return sorted(out, key=lambda q: q.start)


def _units_ok(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b or frozenset({a, b}) in _COMPATIBLE


def _equal(k: Quantity, e: Quantity) -> bool:
    return math.isclose(k.value, e.value, rel_tol=1e-9, abs_tol=1e-12)


def _near(k: Quantity, e: Quantity) -> bool:
    return k.approx and e.approx and abs(k.value - e.value) <= 0.1 * abs(k.value)


def _silent(q: Quantity) -> bool:
    """A lone 1 of a count ("1명", "one year") is often "a"/"once" on the other side."""
    return q.value == 1 and q.unit in _COUNT_UNITS


def compare_quantities(ko: list[Quantity], en: list[Quantity]) -> QuantityDiff:
    """Pair Korean and English quantities; see the module docstring for the rule.

    Dates, years and clock times never reach this function when the lists come from
    :func:`korean_quantities` / :func:`english_quantities`, which leave them out.
    """
    diff = QuantityDiff()
    ko_left, en_left = list(ko), list(en)
    for close_enough in (_equal, _near):
        for k in list(ko_left):
            fits = [e for e in en_left if _units_ok(k.unit, e.unit) and close_enough(k, e)]
            if fits:
                e = min(fits, key=lambda e: e.unit != k.unit)  # same unit first, then text order
                diff.matched.append((k, e))
                ko_left.remove(k)
                en_left.remove(e)
    diff.missing_in_en = [k for k in ko_left if not _silent(k)]
    diff.extra_in_en = [e for e in en_left if not _silent(e)]
    return diff
