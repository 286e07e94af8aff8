"""Numbers, amounts and percentages in Korean and English sentences, normalised for comparison.

:class:`Quantity` holds the value as a float (1만 5천 → 15000.0, "$200 million" → 2e8), a
normalised unit or None, ``approx`` (the text hedges it) and exact offsets into the input.
Units: percent, percent-point (also "25 basis points" → 0.25), point, won, dollar, yen, euro,
yuan, pound, rupee, ruble, person, household, country, case, share, times, age, floor
("52-story"); lengths km m cm mm mile (also mph) yard foot inch, areas km2 m2 hectare acre
sqft sqmile, masses ton kg gram pound ounce, volumes liter gallon barrel; degree (Celsius or
unstated) and fahrenheit (°F, 화씨); year-/month-/week-/day-/hour-/minute-/second-count,
decade-count ("three decades"), decade (20대/20s, 1990년대/1990s). A range's first end
takes the unit written after its second ("72 to 78 degrees", "22~25도"); an amount given again
in brackets ("$100 (10,000 yen)", "500유로(약 80만원)") is marked ``alias``.

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
point with percent or percent-point, share with week-count for 주, age with year-count for a
"five-year-old" firm) and whose values are equal (1e-9 relative) or, when both the Korean and
the English hedge, within ±10 % of the Korean value; then a Korean amount with an English one
in another unit of its measure, converted and rounded as translators do (64km for "40 miles",
22도 for "72 degrees" Fahrenheit). Unpaired ones are ``missing_in_en`` / ``extra_in_en``,
except a lone 1 with no unit or a count unit (1명 vs "a worker", 1라운드), 10대 ("teenagers"),
and an amount whose bracketed alias, or the amount it repeats, was paired.
:meth:`QuantityDiff.conflicts` keeps the English ones that contradict a Korean one left over
(:func:`comparable`): an amount in another currency is a conversion, not a contradiction.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from pipeline.lexicon.dates import (
    _before,
    before_endings,
    english_dates,
    folded,
    hint_pattern,
    hinted_finditer,
    korean_dates,
)
from pipeline.lexicon.patterns import by_first_character


@dataclass(frozen=True)
class Quantity:
    """A number in a sentence; offsets index the input string."""

    value: float
    unit: str | None  # normalised unit, see the module docstring; None when unknown
    approx: bool  # hedged: 약, 여, 가량, 이상, about, more than, nearly, some…
    start: int
    end: int
    text: str
    #: the amount before it again, in brackets: "$100 (10,000 yen)", "500유로(약 80만원)"
    alias: bool = False


@dataclass
class QuantityDiff:
    """What :func:`compare_quantities` found; ``matched`` lists the (Korean, English) pairs."""

    missing_in_en: list[Quantity] = field(default_factory=list)
    extra_in_en: list[Quantity] = field(default_factory=list)
    matched: list[tuple[Quantity, Quantity]] = field(default_factory=list)

    def conflicts(self) -> list[tuple[Quantity, list[Quantity]]]:
        """Each English quantity left over, with the Korean ones left over that it could
        stand for (see :func:`comparable`); English quantities that could stand for none
        are left out."""
        found = []
        for e in self.extra_in_en:
            korean = [k for k in self.missing_in_en if comparable(k, e)]
            if korean:
                found.append((e, korean))
        return found


_DURATION = {u: f"{u}-count" for u in ("year", "month", "week", "day")}
_COUNT_UNITS = {*_DURATION.values(), "person", "household", "country", "case", "times"}
#: units that say the same: 13 points of a poll lead for 13%; 2주 (2 weeks, or 2 shares);
#: a "five-year-old" airline for 설립 5년째
_COMPATIBLE = {
    frozenset(pair)
    for pair in (
        ("percent-point", "point"), ("percent", "point"), ("share", "week-count"),
        ("age", "year-count"),
    )
}  # fmt: skip
#: units of one measure with their size in its first unit: the English may give the Korean
#: amount converted (40 miles for 64km, 60,000 square feet for 5574평방미터); speeds are
#: read as distances (mph as miles, km/h as km)
_MEASURES = {
    "length": {"m": 1, "km": 1000, "cm": 0.01, "mm": 0.001, "mile": 1609.344, "yard": 0.9144,
               "foot": 0.3048, "inch": 0.0254},
    "area": {"m2": 1, "km2": 1e6, "hectare": 1e4, "acre": 4046.856, "sqft": 0.09290304,
             "sqmile": 2.589988e6},
    "mass": {"kg": 1, "ton": 1000, "gram": 0.001, "pound": 0.45359237, "ounce": 0.028349523},
    "volume": {"liter": 1, "gallon": 3.785411784, "barrel": 158.987295},
    "time": {"day-count": 1, "week-count": 7, "month-count": 30.4375, "year-count": 365.25,
             "decade-count": 3652.5, "hour-count": 1 / 24, "minute-count": 1 / 1440,
             "second-count": 1 / 86400},
}  # fmt: skip
_SIZE = {
    unit: (measure, size) for measure, units in _MEASURES.items() for unit, size in units.items()
}
_TEMPERATURE = ("degree", "fahrenheit")

_D = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SINO = {c: i for i, c in enumerate("일이삼사오육칠팔구", start=1)}
_SMALL_UNIT = {"십": 10, "백": 100, "천": 1000}
_LARGE_UNIT = {"만": 1e4, "억": 1e8, "조": 1e12}
#: a number below 10,000: digits, or units (천, 백, 십) each with its coefficient, the last
#: ones in digits ("7천500" = 7,500; "1천300조" = 1,300 trillion)
_KO_SMALL = rf"(?:(?:(?:{_D}|[일이삼사오육칠팔구])?[십백천])+(?:\d+(?![\d.,]))?|{_D})"
_KO_LARGE = rf"(?:{_KO_SMALL}?[만억조])"
#: Korean counters after a number, in the order tried (longer first), with their unit
_KO_UNITS = [
    (r"퍼센트\s?포인트|%\s?포인트|%[pP]", "percent-point"),
    (r"퍼센트|%|프로", "percent"), (r"포인트", "point"),
    (r"달러", "dollar"), (r"원", "won"), (r"엔", "yen"), (r"유로", "euro"), (r"위안", "yuan"),
    (r"파운드", "pound"), (r"루피", "rupee"), (r"루블", "ruble"),
    (r"명", "person"), (r"가구", "household"), (r"개국", "country"), (r"건", "case"),
    (r"톤", "ton"), (r"배럴", "barrel"), (r"리터|ℓ", "liter"), (r"갤런", "gallon"),
    (r"(?:평방|제곱)킬로미터|㎢|km²|km2", "km2"), (r"(?:평방|제곱)미터|㎡|m²|m2", "m2"),
    (r"헥타르", "hectare"), (r"에이커", "acre"),
    (r"(?:킬로미터|km|㎞)(?:/h)?", "km"), (r"밀리미터|mm|㎜", "mm"), (r"센티미터|cm|㎝", "cm"),
    (r"킬로그램|kg|㎏", "kg"), (r"그램", "gram"), (r"온스", "ounce"), (r"미터|m(?![A-Za-z])", "m"),
    (r"마일", "mile"), (r"피트|ft", "foot"), (r"인치", "inch"), (r"야드", "yard"),
    (r"℉|°F", "fahrenheit"), (r"℃|°C|도", "degree"), (r"개월", "month-count"), (r"년대", "decade"),
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
_KO_SECONDS_HINTS = re.compile(r"\d초\d")  # in every _KO_SECONDS match
_KO_HAL = re.compile(r"(?<!\d)(?P<h>\d)할(?![인당])(?:\s?(?P<p>\d)푼)?(?:\s?(?P<r>\d)리)?")
_KO_TIME = re.compile(
    r"(?=[\d오새밤낮저아전후연])(?:(?:(?:오전|오후|새벽|밤|낮|저녁|아침)\s*)?\d{1,2}\s*시"
    r"(?=$|[\s\d에부까쯤께반경을이의,.)])(?:\s*\d{1,2}\s*분)?(?:\s*\d{1,2}\s*초)?|\d{1,2}:\d{2}"
    r"|(?:전반|후반|연장)\s*\d{1,3}\s*분"
    r"|(?<!\d)\d{1,2}\s?[·ㆍ]\s?\d{1,2}(?!\d))"  # 3·1절, 6·25 전쟁, 4·10 총선: named days
)
#: in every _KO_TIME match: a digit before 시, 분, a colon or a middle dot
_KO_TIME_HINTS = re.compile(r"\d\s*[시분:·ㆍ]")
_KO_FRACTION_HINTS = hint_pattern("분의")
_KO_HAL_HINTS = re.compile(r"\d할")  # in every _KO_HAL match
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


def _whole_words(words: frozenset[str]) -> re.Pattern[str]:
    """Finds one of ``words`` as a whole run of a-z letters (a word of ``_LETTERS``) in lower
    case text; each alternative opens with its letter, so the engine skips to those letters."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        groups.setdefault(word[0], []).append(word[1:])
    return re.compile(
        "|".join(f"{c}(?<![a-z]{c})(?:{'|'.join(rest)})(?![a-z])" for c, rest in groups.items())
    )


#: whether a folded text holds a whole number word (as ``_LETTERS`` reads its words)
_EN_NUMBER_WORD_IN = _whole_words(_EN_NUMBER_WORD_SET)
_EN_UNITS = [
    (r"%\s?p\b|%[\s-]?points?|per\s?cent(?:age)?[\s-]points?|pp\b", "percent-point"),
    (r"%|per\s?cent\b|pct\b", "percent"), (r"basis\s+points?\b|bps?\b", "bp"),
    (r"points?\b|pts?\b", "point"),
    (r"(?:U\.?S\.?\s)?dollars?\b|USD\b", "dollar"), (r"(?:Korean\s)?won\b|KRW\b", "won"),
    (r"yen\b", "yen"), (r"euros?\b", "euro"), (r"yuan\b", "yuan"),
    (r"pounds?\b|lbs?\b", "pound"), (r"rupees?\b", "rupee"), (r"r[ou]ubles?\b", "ruble"),
    (r"(?:people|persons|residents|workers|soldiers|troops|students|passengers|victims|patients"
     r"|employees|civilians|refugees|children|visitors|tourists|spectators|fans|members)\b",
     "person"),
    (r"households?\b", "household"), (r"countries\b|nations\b", "country"),
    (r"cases\b", "case"), (r"shares\b", "share"), (r"(?:metric\s)?(?:tons?|tonnes?)\b", "ton"),
    (r"barrels?\b", "barrel"), (r"lit(?:er|re)s?\b", "liter"), (r"gallons?\b", "gallon"),
    (r"square[\s-]kilomet(?:er|re)s?\b|sq\.?\s?km\b|km2\b|km²", "km2"),
    (r"square[\s-]met(?:er|re)s?\b|sq\.?\s?m\b|m2\b|m²", "m2"),
    (r"square[\s-](?:feet|foot)\b|sq\.?\s?ft\b", "sqft"), (r"square[\s-]miles?\b", "sqmile"),
    (r"hectares?\b", "hectare"), (r"acres?\b", "acre"),
    (r"km(?:/h)?\b|kph\b|kilomet(?:er|re)s?\b", "km"), (r"mm\b|millimet(?:er|re)s?\b", "mm"),
    (r"cm\b|centimet(?:er|re)s?\b", "cm"), (r"kg\b|kilograms?\b", "kg"), (r"grams?\b", "gram"),
    (r"ounces?\b|oz\b", "ounce"), (r"mph\b|miles?\b", "mile"), (r"feet\b|foot\b|ft\b", "foot"),
    (r"inch(?:es)?\b", "inch"), (r"yards?\b", "yard"), (r"met(?:er|re)s?\b|m\b", "m"),
    (r"stor(?:e?ys?|ies)\b", "floor"),
    (r"°\s?F\b|℉|degrees?\s(?:Fahrenheit|F)\b", "fahrenheit"),
    (r"°\s?C\b|℃|degrees?(?:\s(?:Celsius|C)\b)?|C\b", "degree"),
    (r"years?[\s-]olds?\b", "age"), (r"decades?\b", "decade-count"), (r"years?\b", "year-count"),
    (r"months?\b", "month-count"),
    (r"weeks?\b", "week-count"), (r"days?\b", "day-count"), (r"hours?\b", "hour-count"),
    (r"minutes?\b", "minute-count"), (r"seconds?\b", "second-count"),
    (r"times\b|-?fold\b", "times"), (r"s\b", "decade"),
]  # fmt: skip
_EN_UNIT = re.compile(
    rf"[\s-]?(?:{'|'.join(f'(?P<u{i}>{p})' for i, (p, _) in enumerate(_EN_UNITS))})",
    re.IGNORECASE,
)
#: the characters an _EN_UNITS unit can start with, in either case (with the letters a
#: case-insensitive pattern also reads as k, s and i): after a number that is followed by
#: none of them (past a space or hyphen), _EN_UNIT is not tried
_UNIT_FIRST = frozenset(
    "%-°℃℉\u212a\u017f\u0130\u0131" + "abcdefghiklmnoprstuvwy" + "abcdefghiklmnoprstuvwy".upper()
)


def _unit_may_follow(text: str, end: int) -> bool:
    """Whether an _EN_UNIT match can start at ``end`` (a pre-test of its first characters)."""
    char = text[end : end + 1]
    if char in _UNIT_FIRST:
        return True
    return (char == "-" or char.isspace()) and text[end + 1 : end + 2] in _UNIT_FIRST


_EN_CURRENCY = {"$": "dollar", "US$": "dollar", "USD": "dollar", "₩": "won", "KRW": "won"}
_EN_CURRENCY |= {"€": "euro", "¥": "yen", "£": "pound"}
_EN_FRACTION = re.compile(
    r"(?i)\b(?P<n>one|a|two|three|four)[\s-](?P<d>half|thirds?|quarters?|fifths?|tenths?)\b"
    r"(?!\s+(?:time|straight|consecutive|successive|running|year|term|round|place|quarter|day"
    r"|week|month)\b)"
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
#: between the ends of a range whose unit is written once: "72 to 78 degrees", "22~25도"
_EN_RANGE = re.compile(r"\s*(?:to|or|and|-|–)\s*", re.IGNORECASE)
_KO_RANGE = re.compile(r"\s*[~∼〜\-–]\s*")
#: between an amount and the same amount again in brackets: " (", " (about ", "(약 "
_ALIAS_GAP = re.compile(r"\s*[(（][^()（）\d]{0,12}")
_KO_FAHRENHEIT = re.compile(r"화씨\s*$")
_NEGATIVE = re.compile(r"(?i)(?=[영마m\-−])(?:(?:영하|마이너스|\bminus)\s*$|(?:^|(?<=[\s(]))[-−]$)")
# what the text before a number ends with (white space stripped) where these patterns match
before_endings(_NEGATIVE, "영하", "마이너스", "minus", "-", "−")
before_endings(_KO_FAHRENHEIT, "화씨")
before_endings(
    _KO_APPROX_BEFORE, "약", "대략", "거의", "최소", "최소한", "최대", "적어도", "얼추", "줄잡아"
)
before_endings(_EN_SKIP_BEFORE, "no.", "number", "#", "of", "article", "paragraph", "clause")
before_endings(
    _EN_APPROX_BEFORE, "about", "around", "some", "nearly", "almost", "than", "over", "least",
    "roughly", "approximately", "to", "estimated", "under", "as", "of",
)  # fmt: skip


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
_DIGIT = re.compile(r"\d")
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


def _linked(text: str, found: list[Quantity], range_gap: re.Pattern[str]) -> list[Quantity]:
    """``found`` (in text order) with the first end of a range given the unit of the second
    ("72 to 78 degrees") and an amount repeated in brackets marked as an alias."""
    out: list[Quantity] = []
    for q in found:
        before = out[-1] if out else None
        if before and before.unit is None and range_gap.fullmatch(text, before.end, q.start):
            out[-1] = replace(before, unit=q.unit)
        elif before and _ALIAS_GAP.fullmatch(text, before.end, q.start):
            q = replace(q, alias=True)
        out.append(q)
    return out


def _unit_of(m: re.Match[str], table: list[tuple[str, str]]) -> str | None:
    name = m.lastgroup or ""
    return table[int(name[1:])][1] if name.startswith("u") and name[1:].isdigit() else None


def _ko_hedged(masked: str, m: re.Match[str]) -> bool:
    before = _before(_KO_APPROX_BEFORE, masked, m.start())
    return bool(before or _KO_APPROX_AFTER.match(masked, m.end()))


def korean_quantities(text: str) -> list[Quantity]:
    """Quantities in a Korean sentence, in text order (see the module docstring)."""
    spans = [(d.start, d.end) for d in korean_dates(text)]
    # every match of the times, fractions, seconds and 할 patterns holds a digit
    hinted = text if _DIGIT.search(text) else ""
    spans += [m.span() for m in hinted_finditer(_KO_TIME, _KO_TIME_HINTS, hinted, text)]
    out: list[Quantity] = []
    masked = _mask(text, spans)
    for m in hinted_finditer(_KO_FRACTION, _KO_FRACTION_HINTS, hinted, masked):
        out.append(_q(text, int(m["num"]) / int(m["den"]), None, False, *m.span()))
    for m in hinted_finditer(_SLASH_FRACTION, _SLASH_HINTS, hinted, masked):
        if int(m["num"]) < int(m["den"]):
            out.append(_q(text, int(m["num"]) / int(m["den"]), None, False, *m.span()))
    for m in hinted_finditer(_KO_SECONDS, _KO_SECONDS_HINTS, hinted, masked):
        out.append(_q(text, float(f"{m['s']}.{m['f']}"), "second-count", False, *m.span()))
    for m in hinted_finditer(_KO_HAL, _KO_HAL_HINTS, hinted, masked):
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
        if unit == "degree" and _before(_KO_FAHRENHEIT, masked, m.start()):
            unit = "fahrenheit"  # 화씨 77도
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
    return _linked(text, sorted(out, key=lambda q: q.start), _KO_RANGE)


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


#: the most characters an _EN_DIGITS match has before its first digit ("KRW  .5")
_DIGITS_LEAD = 6


def _search_digits(text: str, pos: int = 0) -> re.Match[str] | None:
    """``_EN_DIGITS.search(text, pos)``, started a few characters before the next digit (a
    match holds one): the pattern cannot skip ahead by itself."""
    digit = _DIGIT.search(text, pos)
    if digit is None:
        return None
    return _EN_DIGITS.search(text, max(pos, digit.start() - _DIGITS_LEAD))


#: where the words of an _EN_NUMBER_WORDS match start, in folded lower case: a number word,
#: or "a"/"an" before a scale word; each alternative opens with its letter, so the regex
#: engine skips to those letters
_EN_NUMBER_WORDS_AT = re.compile(
    by_first_character(
        [*_EN_WORDS, *_EN_SCALES, "dozen"], behind=r"(?<!\w.)", rest=lambda w: w[1:] + r"\b"
    )
    + r"|a(?<!\w.)n?\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b)"
)
#: the most characters an _EN_NUMBER_WORDS match has before its words ("KRW  two")
_NUMBER_WORDS_LEAD = 5


def _number_words_search(lower: str) -> Callable[..., re.Match[str] | None]:
    """``_EN_NUMBER_WORDS.search`` on the text ``lower`` is the folded form of, started a
    few characters before the next place where its words can start."""

    def search(text: str, pos: int = 0) -> re.Match[str] | None:
        at = _EN_NUMBER_WORDS_AT.search(lower, pos)
        if at is None:
            return None
        return _EN_NUMBER_WORDS.search(text, max(pos, at.start() - _NUMBER_WORDS_LEAD))

    return search


def _en_numbers(text: str, words: bool) -> Iterator[re.Match[str]]:
    """Numbers in digits and (when ``words``) in words, in text order: the leftmost match of
    either pattern, then the leftmost one after its end, as ``finditer`` of one pattern with
    both alternatives finds them (no position can start a match of both)."""
    if words:
        searches = (_search_digits, _number_words_search(folded(text)))
    else:
        searches = (_search_digits,)
    ahead = [search(text) for search in searches]
    while any(ahead):
        m = min((m for m in ahead if m), key=lambda m: m.start())
        yield m
        for i, search in enumerate(searches):
            if ahead[i] and ahead[i].start() < m.end():  # overlapped: search on after m
                ahead[i] = search(text, m.end())


#: substrings (folded case) one of which every match of the pattern holds
#: what every _EN_TIME match without "zero" holds (folded case): a digit before the time
_EN_TIME_HINT = re.compile(r"\d(?:\s*(?:a\.m|p\.m|am|pm|o'clock)|:\d)")
_EN_FRACTION_HINTS = hint_pattern("half", "third", "quarter", "fifth", "tenth")
_EN_ORDINAL_COUNT_HINTS = hint_pattern("consecutive", "straight", "successive", "running")


def english_quantities(text: str) -> list[Quantity]:
    """Quantities in an English sentence, in text order (see the module docstring)."""
    lower = folded(text)
    spans = [(d.start, d.end) for d in english_dates(text)]
    if "zero" in lower or _EN_TIME_HINT.search(lower):
        spans += [m.span() for m in _EN_TIME.finditer(text)]
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
    words = _EN_NUMBER_WORD_IN.search(lower) is not None  # a whole number word
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
        unit_m = _EN_UNIT.match(masked, end) if _unit_may_follow(masked, end) else None
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
    return _linked(text, sorted(out, key=lambda q: q.start), _EN_RANGE)


def _units_ok(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b or frozenset({a, b}) in _COMPATIBLE


def _measure(unit: str | None) -> str | None:
    return "temperature" if unit in _TEMPERATURE else _SIZE.get(unit or "", (None,))[0]


def _equal(k: Quantity, e: Quantity) -> bool:
    return _units_ok(k.unit, e.unit) and math.isclose(k.value, e.value, rel_tol=1e-9, abs_tol=1e-12)


def _near(k: Quantity, e: Quantity) -> bool:
    hedged = k.approx and e.approx
    return hedged and _units_ok(k.unit, e.unit) and abs(k.value - e.value) <= 0.1 * abs(k.value)


def _converted(k: Quantity, e: Quantity) -> bool:
    """The English gives the Korean amount in another unit of its measure, rounded as
    translators round: within 5 % (10 % when either side hedges) or half a unit. English
    "degrees" may be Fahrenheit (72 degrees for 22도), within 0.6 °C."""
    if k.unit == "degree" and e.unit in _TEMPERATURE:
        return abs((e.value - 32) * 5 / 9 - k.value) <= 0.6
    if k.unit == "fahrenheit" and e.unit == "degree":
        return abs(e.value * 9 / 5 + 32 - k.value) <= 1
    if k.unit == e.unit or _measure(k.unit) is None or _measure(k.unit) != _measure(e.unit):
        return False
    value = e.value * _SIZE[e.unit][1] / _SIZE[k.unit][1]
    tolerance = (0.1 if k.approx or e.approx else 0.05) * abs(k.value)
    if _measure(k.unit) != "time":  # 3 feet for 1m; durations convert exactly
        tolerance = max(tolerance, 0.5)
    return abs(value - k.value) <= tolerance


def comparable(k: Quantity, e: Quantity) -> bool:
    """Whether the English quantity ``e`` could stand for the Korean ``k``, so that a
    difference between them is a contradiction: compatible units, units of one measure (40
    miles against 64km), or the same value in another unit (2억 달러 as "200 million won").
    An amount in another currency (US$146,000 for 1억5000만원) is a conversion at a rate
    the text does not give, not a contradiction."""
    if _units_ok(k.unit, e.unit) or k.value == e.value:
        return True
    return _measure(k.unit) is not None and _measure(k.unit) == _measure(e.unit)


def _silent(q: Quantity) -> bool:
    """A lone 1 of a count ("1명", "one year") is often "a"/"once" on the other side, and a
    bare 1 is most often part of a name or rank (1라운드, 1심, 1,2차 세계 대전); 10대 is
    "teenagers"."""
    if q.value == 1:
        return q.unit is None or q.unit in _COUNT_UNITS
    return q.value == 10 and q.unit == "decade"


def _with_their_aliases(found: list[Quantity], paired: list[Quantity]) -> set[Quantity]:
    """The quantities of ``found`` that are, or have in brackets, a quantity of ``paired``."""
    settled: set[Quantity] = set()
    group: list[Quantity] = []
    for q in [*found, None]:
        if q is None or not q.alias:
            if any(member in paired for member in group):
                settled.update(group)
            group = []
        if q is not None:
            group.append(q)
    return settled


def compare_quantities(ko: list[Quantity], en: list[Quantity]) -> QuantityDiff:
    """Pair Korean and English quantities; see the module docstring for the rule.

    Dates, years and clock times never reach this function when the lists come from
    :func:`korean_quantities` / :func:`english_quantities`, which leave them out.
    """
    diff = QuantityDiff()
    ko_left, en_left = list(ko), list(en)
    for close_enough in (_equal, _near, _converted):
        for k in list(ko_left):
            fits = [e for e in en_left if close_enough(k, e)]
            if fits:
                e = min(fits, key=lambda e: e.unit != k.unit)  # same unit first, then text order
                diff.matched.append((k, e))
                ko_left.remove(k)
                en_left.remove(e)
    ko_settled = _with_their_aliases(ko, [k for k, _ in diff.matched])
    en_settled = _with_their_aliases(en, [e for _, e in diff.matched])
    diff.missing_in_en = [k for k in ko_left if not _silent(k) and k not in ko_settled]
    diff.extra_in_en = [e for e in en_left if not _silent(e) and e not in en_settled]
    return diff
