"""Checks that compare the English with its Korean original, sentence by sentence.

The sentence pairs come from the document's sentence alignment
(``ctx.resources["sentence_links"]``, made once per document by the run); when a caller
gives no links, the passage pair (an English paragraph and its aligned Korean) is aligned
again at the sentence level. Numbers, dates and negation are compared per aligned sentence
pair, so a finding points at the English sentence or expression that differs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from pipeline import segment
from pipeline.checks.entities import analyse
from pipeline.checks.registry import CheckContext, Hit, check
from pipeline.lexicon.dates import (
    compare_dates,
    english_dates,
    folded,
    korean_dates,
)
from pipeline.lexicon.frequency import zipf
from pipeline.lexicon.gazetteer import Mention, gazetteer
from pipeline.lexicon.korean_countries import (
    confused_pairs,
    korean_countries,
    korean_countries_loosely,
    may_name,
)
from pipeline.lexicon.quantities import compare_quantities, english_quantities, korean_quantities
from pipeline.model import AlignedPair, Passage
from pipeline.pair.align import align
from pipeline.pair.passages import SentenceLink


@dataclass(frozen=True)
class SentencePair:
    start: int  # offsets of the English side, relative to the passage text
    end: int
    english: str
    korean: str


Sentences = tuple[tuple[int, int, str], ...]


def sentence_spans(passage: Passage) -> Sentences:
    """The passage's sentences as (start, end, text) relative to its text."""
    return tuple((s.start, s.end, s.text) for s in segment.passage_sentences(passage))


@lru_cache(maxsize=4096)
def sentence_pairs(english: str, en: Sentences, ko: Sentences) -> tuple[SentencePair, ...]:
    """Aligned sentence pairs of a paragraph pair (only links with both sides); cached, as
    every bilingual check asks for the same pairs."""
    if not en or not ko:
        return ()
    if len(en) == 1 and len(ko) == 1:  # nothing to align
        return (SentencePair(en[0][0], en[0][1], en[0][2], ko[0][2]),)
    pairs = []
    for link in align([k[2] for k in ko], [e[2] for e in en]):
        if not link.en or not link.ko:
            continue
        start, end = en[link.en[0]][0], en[link.en[-1]][1]
        korean = " ".join(ko[i][2] for i in link.ko)
        pairs.append(SentencePair(start, end, english[start:end], korean))
    return tuple(pairs)


def pairs_from_links(
    passages: list[Passage], links: list[SentenceLink]
) -> dict[str, tuple[SentencePair, ...]]:
    """``passage_id -> sentence pairs`` from document-wide links (links with both sides).

    A link whose English sentences fall in two passages gives each passage its own part of
    the English with the whole Korean side.
    """
    spans = sorted((p.start, p.end, p) for p in passages if p.reviewable)
    starts = [start for start, _end, _p in spans]
    found: dict[str, list[SentencePair]] = {}
    for link in links:
        if not link.en or not link.ko:
            continue
        korean = " ".join(s.text for s in link.ko)
        by_passage: dict[str, tuple[Passage, int, int]] = {}
        for s in link.en:
            i = bisect_right(starts, s.start) - 1
            if i < 0 or s.end > spans[i][1]:
                continue
            passage = spans[i][2]
            lo, hi = s.start - passage.start, s.end - passage.start
            if passage.passage_id in by_passage:
                _, lo0, hi0 = by_passage[passage.passage_id]
                lo, hi = min(lo, lo0), max(hi, hi0)
            by_passage[passage.passage_id] = (passage, lo, hi)
        for pid, (passage, lo, hi) in by_passage.items():
            found.setdefault(pid, []).append(SentencePair(lo, hi, passage.text[lo:hi], korean))
    return {pid: tuple(sorted(v, key=lambda sp: sp.start)) for pid, v in found.items()}


def _pairs(pair: AlignedPair, ctx: CheckContext) -> tuple[SentencePair, ...]:
    """The pair's aligned sentences, computed once per document run for all bilingual checks."""
    if pair.source is None:
        return ()
    links = ctx.resources.get("sentence_links")
    if links:
        if "sentence_pairs" not in ctx.resources:
            ctx.resources["sentence_pairs"] = pairs_from_links(ctx.passages, links)
        return ctx.resources["sentence_pairs"].get(pair.target.passage_id, ())
    known = ctx.resources.setdefault("sentence_pairs", {})
    key = pair.target.passage_id
    if key not in known:
        known[key] = sentence_pairs(
            pair.target.text, sentence_spans(pair.target), sentence_spans(pair.source)
        )
    return known[key]


#: "not at a word end": after a pattern's first letter, that no word character precedes it
_WORD_START = r"(?<!\w.)"


def _at_word_start(*alternatives: str) -> str:
    """``\b(?:alternatives)``, for text in :func:`folded` lower case, grouped by first letter
    (each alternative opens with a literal letter): the regex engine then skips straight to
    the letters that can begin a match, where a leading ``\b`` is tried at every position."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "|".join(f"{c}{_WORD_START}(?:{'|'.join(rest)})" for c, rest in groups.items())


_GRAIN = "(?:day|week|month|year|decade)"
#: cheap tests that an English sentence without a digit can hold a number or a date at all
#: (words starting with these, in folded lower case)
_EN_MAY_COUNT = re.compile(
    _at_word_start(
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        "hundred", "thousand", "million", "billion", "trillion", "dozen", "half", "quarter",
        "third", "fifteen", "thirteen", "fourteen", "sixteen", "seventeen", "eighteen",
        "nineteen",
    )
)  # fmt: skip
_EN_MAY_DATE = re.compile(
    _at_word_start(
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", "yesterday", "today", "tomorrow",
        *(f"{w} {_GRAIN}" for w in ("last", "next", "this", "previous", "following", "same")),
        *(f"{w}s? (?:before|after|later|earlier|ago)" for w in ("day", "week", "month", "year")),
    )
)  # fmt: skip
_DIGIT = re.compile(r"\d")


def _may_hold(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``text`` has a digit or a word ``pattern`` finds in its folded lower case."""
    if _DIGIT.search(text):
        return True
    return pattern.search(folded(text)) is not None


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,g}"


@check(
    id="number.mismatch",
    category="accuracy/mistranslation",
    severity="major",
    needs_source=True,
)
def number_mismatch(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """Numbers, amounts and percentages differ between the Korean and the English.

    Korean numerals are normalised first (1만 5천 = 15,000; 2억 달러 = $200 million; 3천여
    명 = more than 3,000 people; 두 달 = two months) and compared with the numbers of the
    aligned English sentence, units included; an amount the translator converted is
    accepted when the conversion holds within rounding (64km for "40 miles", 22도 for "72
    degrees" Fahrenheit, 5574평방미터 for "60,000 square feet", 30년 for "three decades"),
    and an amount repeated in brackets in another currency goes with the one before it. An
    English number with no Korean counterpart is flagged when the Korean sentence has a
    number it could stand for that the English lacks: the same or a compatible unit, a unit
    of the same measure, or the same value in another unit (2억 달러 as "200 million won").
    False positives: approximations written differently are accepted within 10% only when
    both sides hedge (약, 여, about, more than); a number split across two sentences or
    paired with the wrong sentence by the alignment; a figure one of the translations got
    wrong (professional translations hold some). An amount in another currency than the
    Korean one (US$146,000 for 1억5000만원) is never compared: its rate is not given.
    """
    for sp in _pairs(pair, ctx):
        if not _may_hold(_EN_MAY_COUNT, sp.english):  # no English number
            continue
        korean = korean_quantities(sp.korean)
        if not korean:  # nothing the English could contradict
            continue
        diff = compare_quantities(korean, english_quantities(sp.english))
        for q, missing in diff.conflicts():
            expected = ", ".join(f"{k.text} (= {_fmt(k.value)})" for k in missing)
            yield Hit(
                sp.start + q.start,
                sp.start + q.end,
                f"the English says {q.text!r} where the Korean says {expected}",
                suggestion=_fmt(missing[0].value) if len(missing) == 1 else None,
            )


@check(id="date.mismatch", category="accuracy/mistranslation", severity="major", needs_source=True)
def date_mismatch(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A date in the English disagrees with the date in the aligned Korean sentence.

    Korean dates (2025년 4월 28일, 지난해 4월, 지난달) and English ones (April 28, 2025; last
    year) are compared field by field: a different day, month or year is a conflict. A
    relative year (지난해) is compatible with any absolute year, since the column's own date
    may be unknown. False positives: a date the translator resolved on purpose ("last
    month" → "in March") when the resolution is wrong only by the alignment.
    """
    for sp in _pairs(pair, ctx):
        # the Korean first: a Korean sentence without a digit is read at once, and
        # number.mismatch reads the same dates (cached)
        korean = korean_dates(sp.korean)
        if not korean:  # nothing the English could contradict
            continue
        if not _may_hold(_EN_MAY_DATE, sp.english):  # no English date
            continue
        diff = compare_dates(korean, english_dates(sp.english))
        for ko_date, en_date in diff.conflicts:
            yield Hit(
                sp.start + en_date.start,
                sp.start + en_date.end,
                f"the English date {en_date.text!r} disagrees with the Korean {ko_date.text!r}",
            )


#: every alternative opens with a literal syllable (a lookbehind after it where a word must
#: start there), so the regex engine skips straight to the syllables that can begin a match
_KO_NEGATION = re.compile(
    r"지(?:는|도|만)?\s*(?:않|못|말)|진\s*않|않[았는고다을으아]|못(?:[했한하할해]|(?<![가-힣]못)\s)"
    r"|안(?<![가-힣]안)\s+[가-힣]|없[다었는이어고으음]|아니[다라며고었야]|불가능|금지"
)
#: English negation words, read in folded lower case (see ``_english_negated``): every
#: alternative opens with a literal letter, so the regex engine skips to those letters
_EN_NEGATION = re.compile(
    rf"n(?:{_WORD_START}(?:ot|o|ever|one|obody|othing|either|or)\b|['’]t\b)"  # n't inside a word
    rf"|w{_WORD_START}ithout\b|c{_WORD_START}annot\b|u{_WORD_START}nable\b"
    rf"|f{_WORD_START}(?:ail(?:s|ed)?|ree of)\b|r{_WORD_START}(?:efus(?:e|es|ed)|arely)\b"
    rf"|d{_WORD_START}en(?:y|ies|ied)\b|l{_WORD_START}ack(?:s|ed)?\b|a{_WORD_START}bsence\b"
    rf"|i{_WORD_START}mpossible\b|b{_WORD_START}(?:an(?:s|ned)?|arely)\b"
    rf"|p{_WORD_START}rohibit(?:s|ed)?\b|h{_WORD_START}ardly\b|s{_WORD_START}eldom\b"
)


#: two negations that cancel: 없지 않다 (not without), 않을 수 없다 (cannot but), 아니지 않다
_KO_DOUBLE_NEGATION = re.compile(r"(?:없|않|못하|아니)(?:지|을 수|ㄹ 수)\s*(?:않|없|못)")
#: English phrases whose "no"/"not" does not flip the sentence's polarity (folded lower case)
_EN_NOT_POLARITY = re.compile(
    rf"n{_WORD_START}(?:o (?:different|less|more|doubt|wonder|exception|longer|sooner|small)"
    r"|ot only|ot least|one other|othing but|o matter)\b"
    rf"|w{_WORD_START}hat not to\b"
)
#: a negated Korean condition (-지 않으면, 않는 한, 없으면…), which English says with "unless"
_KO_NEGATED_CONDITION = re.compile(r"(?:않|없|못하)(?:으면|는다면|는\s*한|다면)")
_EN_UNLESS = re.compile(r"\bunless\b", re.IGNORECASE)


def _english_negated(text: str) -> bool:
    """A negation word outside the phrases whose "no"/"not" keeps the polarity. The text is
    read in :func:`folded` lower case, which the patterns match as case-insensitive ones
    match the text (same offsets); removing those phrases creates no negation word, so a
    text without one is settled by the first search."""
    lower = folded(text)
    if _EN_NEGATION.search(lower) is None:
        return False
    return _EN_NEGATION.search(_EN_NOT_POLARITY.sub(" ", lower)) is not None


#: English words that carry a negation in their meaning, which Korean usually says with
#: 없다/않다/못하다 (거의 없다 "few", 밝혀지지 않았다 "unclear", 끝없는 "endless",
#: 피할 수 없는 "inevitable"): a few words, "un-" on an English word, "-less" adjectives
_EN_LEXICAL_NEGATION = re.compile(
    r"\b(?:few|fewer|hardly|lacking|absent|missing|nowhere|rather than|instead of|"
    r"inevitabl[ey]|indispensable|"
    r"innumerable|incapable|invisible|illegal(?:ly)?|irrelevant|insufficient|inability|"
    r"dis(?:agree|approve|satisfied|honest)\w*)\b"
    r"|\bun-?(?!less\b)([a-z]{4,})\b"
    r"|\b(?!(?:unless|nevertheless|bless)\b)[a-z]{3,}less(?:ly|ness)?\b",
    re.IGNORECASE,
)
#: Korean negative forms that say something affirmative: 수밖에 없다 "must", 뿐만 아니라
#: "not only… but also", 끊임없이 "constantly", 틀림없이 "surely", 상관없이 "regardless"
_KO_NOT_POLARITY = re.compile(
    r"밖에\s*(?:없|않|못)|뿐(?:만)?\s*아니라|끊임\s*없|어김\s*없|빠짐\s*없|틀림\s*없|거침\s*없"
    r"|하염\s*없|상관\s*없|여지\s*없|의심\s*없|변함\s*없"
)
#: Korean words with a negation in their meaning, which English often says with "not"/"no":
#: a Sino-Korean prefix (불분명 "unclear", 무관 "unrelated", 비공개 "closed", 미확인
#: "unconfirmed") and 모르다 "not know"
_KO_LEXICAL_NEGATION = re.compile(r"(?<![가-힣])(?:불|부|무|비|미)[가-힣]{2}|모르|모른|몰라|몰랐")


def _english_lexically_negated(text: str) -> bool:
    """A word with a negation in its meaning: "few", "endless", "inevitable", or "un-" on an
    English word ("unclear", "unprecedented")."""
    for match in _EN_LEXICAL_NEGATION.finditer(text):
        stem = match.group(1)
        if stem is None or any(
            _is_english_word(s) for s in (stem, stem.removesuffix("ed"), stem.removesuffix("ly"))
        ):
            return True
    return False


@lru_cache(maxsize=8192)
def _is_english_word(word: str) -> bool:
    return len(word) >= 4 and zipf(word) >= 3.5


@check(
    id="negation.polarity",
    category="accuracy/mistranslation",
    severity="major",
    needs_source=True,
)
def negation_polarity(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """The English sentence is affirmative where the Korean is negated, or the reverse.

    Korean negation (-지 않다, 못, 안, 없다, 아니다, 불가능, 금지) and English negation (not,
    n't, no, never, without, fail, refuse, deny, lack…) are counted per aligned sentence
    pair; a sentence pair where exactly one side has any is flagged, unless the other side
    says it with a word: English "unclear", "unprecedented", "endless", "inevitable", "few"
    ("un-" on an English word, wordfreq; "-less" adjectives) for Korean 밝혀지지 않았다,
    전례 없는, 끝없는, 피할 수 없는, 거의 없다, and "rather than" for -이 아니라; Korean 불-,
    무-, 비-, 미- words (불분명, 무관) and 모르다 for English "not"/"no". Korean negative
    forms that mean something affirmative (수밖에 없다 "must", 뿐만 아니라, 끊임없이
    "constantly", 틀림없이) are not negation. English phrases whose "no"/"not" keeps the
    polarity ("no different", "not only", "what not to do") are not negation against an
    affirmative Korean sentence, but they answer a negated one (다르지 않다 "no
    different"), and "unless" answers a negated condition (-지 않으면). False positives:
    negation expressed by other words on one side only ("문제가 없다" → "it is fine"), and
    sentences the aligner paired wrongly; the severity is tempered by reviewers' dismissals.
    """
    for sp in _pairs(pair, ctx):
        korean = _KO_NOT_POLARITY.sub(" ", _KO_DOUBLE_NEGATION.sub(" ", sp.korean))
        ko_neg = bool(_KO_NEGATION.search(korean))
        en_neg = _english_negated(sp.english)
        if ko_neg == en_neg:
            continue
        if ko_neg and _english_lexically_negated(sp.english):
            continue
        if ko_neg and _EN_NEGATION.search(folded(sp.english)):
            continue  # "no different" for 다르지 않다: a negation word all the same
        if ko_neg and _EN_UNLESS.search(sp.english) and _KO_NEGATED_CONDITION.search(korean):
            continue  # "unless it is fixed" for 해결되지 않으면
        if en_neg and _KO_LEXICAL_NEGATION.search(sp.korean):
            continue
        if ko_neg:
            message = "the Korean sentence is negated but the English is affirmative"
        else:
            message = "the English sentence is negated but the Korean is affirmative"
        yield Hit(sp.start, sp.end, message)


#: "the North" and "the South", which English news writes for the two Koreas
_KOREAS_SHORT = {
    "KP": re.compile(r"\b[Tt]he North(?:['’]s)?\b(?![ ]of\b)"),
    "KR": re.compile(r"\b[Tt]he South(?:['’]s)?\b(?![ ]of\b)"),
}
#: English forms that may stand for either Korea ("the Korean People's Army" is North Korea's)
_EITHER_KOREA = frozenset({"Korea", "Korean", "Korea's", "Korea’s", "Koreans"})


def _english_countries(
    mentions: tuple[Mention, ...], start: int, end: int
) -> dict[str, list[Mention]]:
    """The countries (names and adjectives) of ``mentions`` between ``start`` and ``end``."""
    g = gazetteer()
    found: dict[str, list[Mention]] = {}
    for m in mentions:
        if start <= m.start and m.end <= end and m.role in ("name", "adj"):
            if g.entities[m.entity].kind in ("country", "territory"):
                found.setdefault(m.entity, []).append(m)
    return found


@check(
    id="entity.country_swap",
    category="accuracy/mistranslation",
    severity="major",
    needs_source=True,
)
def country_swap(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A country of the Korean sentence is another country in the English one.

    Korean country names (ko_countries.tsv: every country, with the forms newspapers use,
    such as 호주 and 오스트레일리아) are read in the Korean sentence and the country names
    and adjectives of the aligned English sentence (the gazetteer) are compared. When
    exactly one Korean country is missing from the English and exactly one English country
    is missing from the Korean, and the two are easily confused, the English one stands
    where the Korean one should be: names alike in English (Austria / Australia, Iran /
    Iraq, Slovakia / Slovenia, Niger / Nigeria) or a known confusion of their Korean names
    (ko_country_confusions.tsv: 스웨덴 Sweden / 스위스 Switzerland, 라트비아 Latvia /
    리투아니아 Lithuania). Other pairs are left alone: on real news they are mostly loose
    translations or misaligned sentences. "Korea" alone may stand for either Korea, "the
    North" and "the South" for North and South Korea. False positives: a translator who
    names a country the Korean calls by its capital or a region, while leaving out another
    country the Korean names; Korean forms that are also ordinary words (인도, 이란 as a
    particle) are not read.
    """
    g = gazetteer()
    mentions = analyse(pair.target.text)[0]  # the passage's, the entity checks' too (cached)
    if not mentions:
        return
    for sp in _pairs(pair, ctx):
        english = _english_countries(mentions, sp.start, sp.end)
        if not english:
            continue  # no English country to be a wrong one
        partners = set().union(*(_confusable_with(code) for code in english)) - set(english)
        if not any(may_name(sp.korean, code) for code in partners):
            continue  # no Korean country an English one could have been taken for
        korean = {c.code for c in korean_countries(sp.korean)}
        if not korean:
            continue
        either = {m.text for ms in english.values() for m in ms} & _EITHER_KOREA
        koreas = {"KR", "KP"} if either else set()
        named = set(english) | koreas
        named |= {code for code, short in _KOREAS_SHORT.items() if short.search(sp.english)}
        missing = korean - named
        extra = set(english) - korean - koreas
        if len(missing) != 1 or not extra:
            continue
        extra -= korean_countries_loosely(sp.korean)  # 이란, 인도: the Korean may name it
        if len(extra) != 1:
            continue
        (wanted,), (wrong,) = missing, extra
        if wanted not in _confusable_with(wrong):
            continue  # more often a sentence translated loosely or aligned wrongly
        for m in english[wrong]:
            yield Hit(
                m.start,
                m.end,
                f"the English says {m.text!r} ({g.name(wrong)}) where the Korean sentence "
                f"names {g.name(wanted)}: {_korean_form(sp.korean, wanted)!r}",
                suggestion=g.adjective(wanted) if m.role == "adj" else g.name(wanted),
            )


#: how alike (rapidfuzz ratio) two English country names must be to be taken for each other
_ALIKE_NAMES = 70


@lru_cache(maxsize=512)
def _confusable_with(code: str) -> frozenset[str]:
    """The countries a translation takes ``code`` for: alike in English ("Austria",
    "Australia"), or a known confusion of their Korean names (스웨덴 Sweden, 스위스
    Switzerland)."""
    from rapidfuzz.fuzz import ratio

    g = gazetteer()
    known = {other for pair in confused_pairs() if code in pair for other in pair} - {code}
    countries = [e for e, entity in g.entities.items() if entity.kind in ("country", "territory")]
    alike = {e for e in countries if e != code and ratio(g.name(code), g.name(e)) >= _ALIKE_NAMES}
    return frozenset(known | alike)


def _korean_form(korean: str, code: str) -> str:
    return next(c.text for c in korean_countries(korean) if c.code == code)
