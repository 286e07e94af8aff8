"""Dates read from Korean and English, and compared across them."""

import pytest

from pipeline.lexicon.dates import (
    DateMention,
    compare_dates,
    english_dates,
    folded,
    hint_pattern,
    korean_dates,
    may_match,
)


def fields(found: list[DateMention]) -> list[tuple]:
    return [(d.year, d.month, d.day, d.relative, d.weekday) for d in found]


def assert_offsets_true(text: str, found: list[DateMention]) -> None:
    for d in found:
        assert text[d.start : d.end] == d.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("정부는 2025년 4월 28일 대책을 발표했다.", [(2025, 4, 28, None, None)]),
        ("회담은 4월 28일 열린다.", [(None, 4, 28, None, None)]),
        ("2025년 경제성장률은 2%로 전망된다.", [(2025, None, None, None, None)]),
        ("2025.4.28 기준 집계다.", [(2025, 4, 28, None, None)]),
        ("축제는 오는 25일 개막한다.", [(None, None, 25, None, None)]),
        ("지난해 수출이 늘었다.", [(None, None, None, "last-year", None)]),
        ("작년보다 적다.", [(None, None, None, "last-year", None)]),
        ("올해 예산은 크다.", [(None, None, None, "this-year", None)]),
        ("금년 목표를 세웠다.", [(None, None, None, "this-year", None)]),
        ("내년 총선을 앞두고", [(None, None, None, "next-year", None)]),
        ("지난달 물가가 올랐다.", [(None, None, None, "last-month", None)]),
        ("이번 달 말 발표한다.", [(None, None, None, "this-month", None)]),
        ("다음 달 초 방한한다.", [(None, None, None, "next-month", None)]),
        ("어제 비가 왔다.", [(None, None, None, "yesterday", None)]),
        ("오늘 개막한다.", [(None, None, None, "today", None)]),
        ("내일 발표한다.", [(None, None, None, "tomorrow", None)]),
        ("지난주 회의에서", [(None, None, None, "last-week", None)]),
        ("월요일에 출국한다.", [(None, None, None, None, 0)]),
        ("지난해 4월 28일 사고가 났다.", [(None, 4, 28, "last-year", None)]),
        ("지난달 28일 개장했다.", [(None, None, 28, "last-month", None)]),
        ("28일(월) 열린 회의", [(None, None, 28, None, 0)]),
        ("지난주 금요일 발표", [(None, None, None, "last-week", 4)]),
        ("올 4월 현재", [(None, 4, None, "this-year", None)]),
        ("1년 전보다 늘었다.", [(None, None, None, "last-year", None)]),
        ("2026 북중미 월드컵 예선", [(2026, None, None, None, None)]),
        ("1~3월 수출", [(None, 1, None, None, None), (None, 3, None, None, None)]),
        (
            "4월 28~30일 열린다",
            [
                (None, 4, None, None, None),
                (None, None, 28, None, None),
                (None, None, 30, None, None),
            ],
        ),
        # a year and month before a headline (koen-news-park2016)
        ("후세인 측근의 변호사 피살     2005.12 버락 오바마는", [(2005, 12, None, None, None)]),
    ],
)
def test_korean_dates(text, expected):
    found = korean_dates(text)
    assert_offsets_true(text, found)
    assert fields(found) == expected


@pytest.mark.parametrize(
    "text",
    [
        "파업이 3일간 이어졌다.",  # durations are quantities, not dates
        "사고 5일 만에 재개됐다.",
        "3박 4일 일정이다.",
        "약 10일 동안 머물렀다.",
        "30일 이내에 답해야 한다.",
        "1990년대 이후 처음이다.",  # a decade
        "그제야 알았다.",
        "다음 달러화 강세",
        "5000년 역사를 자랑한다.",  # a span of years
        "코스피는 2005.12포인트로 마감했다.",  # an index level, not December 2005
    ],
)
def test_korean_non_dates(text):
    assert korean_dates(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministry said on April 28, 2025, that", [(2025, 4, 28, None, None)]),
        ("It opened on 28 April 2025.", [(2025, 4, 28, None, None)]),
        ("Talks resume on April 28th.", [(None, 4, 28, None, None)]),
        ("Talks resume Apr. 28 in Geneva.", [(None, 4, 28, None, None)]),
        ("Data as of 2025-04-28.", [(2025, 4, 28, None, None)]),
        ("Growth is expected to slow in 2025.", [(2025, None, None, None, None)]),
        ("Exports rose last year.", [(None, None, None, "last-year", None)]),
        ("This year, the budget grew.", [(None, None, None, "this-year", None)]),
        ("The election is next year.", [(None, None, None, "next-year", None)]),
        ("Prices rose last month.", [(None, None, None, "last-month", None)]),
        ("It rained yesterday.", [(None, None, None, "yesterday", None)]),
        ("He leaves on Monday.", [(None, None, None, None, 0)]),
        ("It opened on the 28th.", [(None, None, 28, None, None)]),
        ("The accident happened in April of last year.", [(None, 4, None, "last-year", None)]),
        ("The summit, held Monday, April 28, ended.", [(None, 4, 28, None, 0)]),
        ("Exports fell in May.", [(None, 5, None, None, None)]),
        ("The 2026 budget passed.", [(2026, None, None, None, None)]),
        ("Prices rose from a year earlier.", [(None, None, None, "last-year", None)]),
        ("Sales rose 5% year-on-year.", [(None, None, None, "last-year", None)]),
        ("It runs April 28-30.", [(None, 4, 28, None, None), (None, None, 30, None, None)]),
    ],
)
def test_english_dates(text, expected):
    found = english_dates(text)
    assert_offsets_true(text, found)
    assert fields(found) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Prices may rise.",
        "May I ask?",
        "The 21st century began.",
        "Mark the Markets.",
        "Some 2,025 people came.",
        "He hired 2000 workers.",
        "Budget of $2025.",
        "Jan Kowalski and June Lee met.",
    ],
)
def test_english_non_dates(text):
    assert english_dates(text) == []


def compare(ko: str, en: str, reference_year: int | None = None):
    return compare_dates(korean_dates(ko), english_dates(en), reference_year)


def test_full_date_matches_and_a_wrong_day_is_a_conflict():
    ko = "정부는 2025년 4월 28일 부동산 대책을 발표했다."
    good = compare(ko, "The government announced property measures on April 28, 2025.")
    assert good.conflicts == good.missing_in_en == good.extra_in_en == []
    bad = compare(ko, "The government announced property measures on April 18, 2025.")
    assert [(k.text, e.text) for k, e in bad.conflicts] == [("2025년 4월 28일", "April 18, 2025")]
    assert bad.missing_in_en == bad.extra_in_en == []


def test_month_and_day_match_ordinal_and_abbreviated_english():
    ko = "양국은 4월 28일 서울에서 회담을 연다."
    assert compare(ko, "The two countries will hold talks in Seoul on April 28th.").matched
    assert compare(ko, "The two countries will hold talks in Seoul on Apr. 28.").matched
    assert compare(ko, "The two countries will hold talks in Seoul on April 21.").conflicts


def test_relative_years():
    ko = "지난해 수출이 8% 늘었다."
    assert compare(ko, "Exports rose 8 percent last year.").matched
    assert compare(ko, "Exports rose 8 percent this year.").conflicts
    assert compare(ko, "Exports rose 8 percent in 2024.").matched  # document year unknown
    assert compare(ko, "Exports rose 8 percent in 2024.", reference_year=2025).matched
    assert compare(ko, "Exports rose 8 percent in 2025.", reference_year=2025).conflicts


def test_relative_year_with_month():
    ko = "지난해 4월 경주에서 지진이 발생했다."
    assert compare(ko, "An earthquake struck Gyeongju in April of last year.").matched
    assert compare(ko, "An earthquake struck Gyeongju last April.").matched  # dropped year: ok
    no_year_known = compare(ko, "An earthquake struck Gyeongju in April 2025.")
    assert no_year_known.matched and not no_year_known.conflicts
    resolved = compare(ko, "An earthquake struck Gyeongju in April 2025.", reference_year=2025)
    assert resolved.conflicts
    assert compare(ko, "An earthquake struck Gyeongju in May of last year.").conflicts


def test_weekday_and_missing_or_extra_mentions():
    ko = "대통령은 28일(월) 출국한다."
    assert compare(ko, "The president leaves on Monday, April 28.").matched
    assert compare(ko, "The president leaves on Tuesday, April 28.").conflicts
    result = compare("대통령은 지난달 28일 귀국했다.", "The president returned home last week.")
    assert [d.text for d in result.missing_in_en] == ["지난달 28일"]
    assert [d.text for d in result.extra_in_en] == ["last week"]
    # a relative day against a day of the month is compatible: the document date is unknown
    assert compare("대통령은 28일 귀국했다.", "The president returned yesterday.").matched


def test_several_dates_pair_in_order():
    ko = "경기는 5월 3일과 5월 10일 열리며, 결승은 내년 6월이다."
    en = "Matches are on May 3 and May 10, and the final is in June next year."
    result = compare(ko, en)
    assert [(k.text, e.text) for k, e in result.matched] == [
        ("5월 3일", "May 3"),
        ("5월 10일", "May 10"),
        ("내년 6월", "June next year"),
    ]
    assert not (result.conflicts or result.missing_in_en or result.extra_in_en)


def test_split_mentions_are_covered_by_one_on_the_other_side():
    ko = "올해 1~3월 출생아 수는 1년 전보다 6.2% 줄었다."
    en = "Births from January to March this year fell 6.2 percent from a year earlier."
    result = compare(ko, en)
    assert not (result.conflicts or result.missing_in_en or result.extra_in_en), result
    wrong = compare(ko, "Births from January to May this year fell 6.2 percent.")
    assert [(k.text, e.text) for k, e in wrong.conflicts] == [("3월", "May this year")]
    assert [d.text for d in wrong.missing_in_en] == ["1년 전"]


def test_folded_reads_case_like_a_case_insensitive_pattern():
    # the three letters str.lower keeps apart from i and s, which re.IGNORECASE does not
    assert folded("LAST YEAR") == "last year"
    assert folded("Tonıght, İn ſeoul") == "tonight, in seoul"
    assert may_match(hint_pattern("tonight", "a.m."), folded("TONİGHT"))
    assert may_match(hint_pattern("tonight", "a.m."), folded("at 3 A.M."))
    assert not may_match(hint_pattern("tonight", "a.m."), folded("all night, 3 am"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # relative words in any case, with letters only a case-insensitive pattern folds
        ("Sales rose YEAR-ON-YEAR.", [(None, None, None, "last-year", None)]),
        ("They met tonıght.", [(None, None, None, "today", None)]),
        ("They met LAST WEEK.", [(None, None, None, "last-week", None)]),
        # month and weekday names are case-sensitive: no pre-test may widen them
        ("the monday of april 28", []),
        ("Sept. 3, 2024", [(2024, 9, 3, None, None)]),
        ("2025-04-28", [(2025, 4, 28, None, None)]),
    ],
)
def test_english_date_pre_tests_keep_every_match(text, expected):
    found = english_dates(text)
    assert_offsets_true(text, found)
    assert fields(found) == expected


def test_korean_range_and_bare_year_pre_tests():
    months = [(None, 7, None, None, None), (None, 9, None, None, None)]
    assert fields(korean_dates("7∼9월 실적")) == months
    assert fields(korean_dates("1998 외환위기")) == [(1998, None, None, None, None)]
    assert korean_dates("1800 명이 모였다") == []
