"""Figures in one sentence that do not add up: minimal pairs."""

import pytest
from checking import check_text


@pytest.mark.parametrize(
    ("faulty", "fixed", "flagged"),
    [
        (
            "Hanwha signed a $1.8 billion (about 250 billion won) deal with Poland.",
            "Hanwha signed a $1.8 billion (about 2.5 trillion won) deal with Poland.",
            "250 billion won",
        ),
        (
            "The subsidy is 300 million yen, or about 28 billion won, a year.",
            "The subsidy is 300 million yen, or about 2.8 billion won, a year.",
            "28 billion won",
        ),
        (
            "Siemens won a €900 million (about 13 trillion won) order.",
            "Siemens won a €900 million (about 1.3 trillion won) order.",
            "13 trillion won",
        ),
    ],
)
def test_currency_conversion_minimal_pairs(faulty, fixed, flagged):
    (found,) = check_text("figure.currency_conversion", faulty)
    assert found.text == flagged and "factor of 10" in found.message
    assert check_text("figure.currency_conversion", fixed) == []


def test_amounts_that_are_not_one_sum_pass():
    text = "Exports reached $50 billion and the budget 300 billion won."
    assert check_text("figure.currency_conversion", text) == []


def test_percent_change_minimal_pair():
    faulty = (
        "The trip takes 40 days around the Cape but 25 days through the canal, "
        "a saving of about 60 percent."
    )
    (found,) = check_text("figure.percent_change", faulty)
    assert (found.text, found.suggestion) == ("60 percent", "38 percent")
    assert check_text("figure.percent_change", faulty.replace("60 percent", "38 percent")) == []
    rise = "Enrolment grew from 120 pupils to 150 pupils, an increase of 25 percent."
    assert check_text("figure.percent_change", rise) == []


@pytest.mark.parametrize(
    "sentence",
    [
        # the percentage is not the change between the two figures
        "Exports rose to $50 billion in March while imports fell to $45 billion, up 5 percent.",
        "Of 300 members, 120 members voted, a turnout of 40 percent.",
        "Prices rose 3 percent in May and 4 percent in June.",
    ],
)
def test_other_percentages_pass(sentence):
    assert check_text("figure.percent_change", sentence) == []


def test_weekday_against_the_calendar():
    faulty = "The court ruled on the morning of Thursday, June 4, and the deal was signed."
    (found,) = check_text("figure.weekday", faulty, date="2025-06-12")
    assert found.text == "Thursday, June 4"
    assert found.message.endswith("June 4 is a Wednesday in 2025")
    assert (
        check_text("figure.weekday", faulty.replace("Thursday", "Wednesday"), date="2025-06-12")
        == []
    )
    # the year is the one nearest the document's date: eight days before it, not last year
    assert [
        f.text
        for f in check_text(
            "figure.weekday", faulty.replace("Thursday", "Tuesday"), date="2025-06-12"
        )
    ] == ["Tuesday, June 4"]
    # across new year: a column of January 5 means the December 20 just past
    december = "Voters went to the polls on {day}, December 20, and the result was close."
    assert check_text("figure.weekday", december.format(day="Saturday"), date="2026-01-05") == []
    assert check_text("figure.weekday", december.format(day="Friday"), date="2026-01-05") != []
    # a date with its year is checked in that year only
    dated = "On Tuesday, March 3, 2025, the assembly met."
    assert [f.text for f in check_text("figure.weekday", dated)] == ["Tuesday, March 3, 2025"]
    assert check_text("figure.weekday", dated.replace("Tuesday", "Monday")) == []
    # without a year or a document date nothing can be said
    assert check_text("figure.weekday", faulty) == []
