"""The Korean country names table: every code real, the forms read as words."""

import pycountry

from pipeline.lexicon.korean_countries import (
    confused_pairs,
    korean_countries,
    korean_countries_loosely,
)


def test_forms_name_real_countries_and_start_a_word():
    text = "스웨덴과 스위스, 오스트리아와 호주, 볼리비아는 북한산 등산로를 닫았다."
    found = korean_countries(text)
    assert [(c.text, c.code) for c in found] == [
        ("스웨덴", "SE"),
        ("스위스", "CH"),
        ("오스트리아", "AT"),
        ("호주", "AU"),
        ("볼리비아", "BO"),
    ]  # 리비아 inside 볼리비아 and 북한 of 북한산 (a mountain) are not read


def test_ambiguous_forms_and_abbreviations_are_only_read_loosely():
    text = "한미 정상은 이란과 인도를 논의했다."
    assert korean_countries(text) == []
    assert {"US", "KR", "IR", "IN"} <= korean_countries_loosely(text)


def test_codes_are_iso_codes():
    codes = {code for pair in confused_pairs() for code in pair}
    codes |= korean_countries_loosely("".join(["스웨덴 ", "베트남 ", "코소보 "]))
    for code in codes - {"XK"}:
        assert pycountry.countries.get(alpha_2=code) is not None, code
