"""Elapsed years and anniversaries against the years a text gives: minimal pairs."""

import pytest
from checking import check_text

CHECK = "figure.elapsed_years"


def flagged(text: str, date: str | None) -> list[str]:
    return [f.text for f in check_text(CHECK, text, date=date)]


@pytest.mark.parametrize(
    "faulty,fixed,date,expected",
    [
        (
            "The licence was granted in March 2021, when the rules were eased. Officials "
            "praised it at the time. Yet the licence issued only five years ago is gone.",
            "The licence was granted in March 2021, when the rules were eased. Officials "
            "praised it at the time. Yet the licence issued only three years ago is gone.",
            "2024-11-02",
            "five years ago",
        ),
        (
            "The flood that hit the delta in August 2017, two years ago, left 300 dead.",
            "The flood that hit the delta in August 2017, eight years ago, left 300 dead.",
            "2025-08-30",
            "two years ago",
        ),
        (
            "The strike, which began in May 2023, marks its third anniversary this month.",
            "The strike, which began in May 2023, marks its second anniversary this month.",
            "2025-05-10",
            "third anniversary",
        ),
        (
            "The dam was finished in 2011. That was four years ago, and the river has changed.",
            "The dam was finished in 2011. That was fourteen years ago, and the river has changed.",
            "2025-03-01",
            "four years ago",
        ),
        (
            "Warsaw chose the design on May 3 last year, and the deal was signed two years later.",
            "Warsaw chose the design on May 3 last year, and the deal was signed ten months later.",
            "2025-04-20",
            "two years later",
        ),
        (
            "The alliance, founded in October 1999, will mark its 30th anniversary next month.",
            "The alliance, founded in October 1999, will mark its 25th anniversary next month.",
            "2024-09-15",
            "30th anniversary",
        ),
    ],
)
def test_minimal_pairs(faulty, fixed, date, expected):
    assert flagged(faulty, date) == [expected]
    assert flagged(fixed, date) == []


def test_years_later_needs_no_document_date():
    faulty = "The port opened in 2008. Three years later, in 2015, it handled a million boxes."
    fixed = "The port opened in 2008. Seven years later, in 2015, it handled a million boxes."
    (finding,) = check_text(CHECK, faulty)
    assert finding.text == "Three years later" and finding.suggestion == "seven years later"
    assert flagged(fixed, None) == []


def test_what_is_left_alone():
    # a new time frame, not a reference back to the year named before
    assert (
        flagged("In 2010 the firm was founded. Ten years ago, it had three staff.", "2025-01-01")
        == []
    )
    # two different years before the phrase: which one it counts from is unknown
    assert (
        flagged(
            "Talks in 2019 and 2021 failed; the deal struck only two years ago held.", "2025-03-01"
        )
        == []
    )
    # no document date: "ago" and anniversaries cannot be checked
    assert flagged("The treaty signed in 2001, seven years ago, still holds.", None) == []
    # a year's slack when months are unknown
    assert flagged("The law passed in 2022, three years ago, still stands.", "2024-12-31") == []


def test_a_year_that_dates_the_anniversary_itself_is_not_its_start():
    text = "In 2024, the orchestra celebrated its 70th anniversary with a tour of Asia."
    assert flagged(text, "2024-10-01") == []


def test_an_anniversary_not_pinned_to_a_month_gets_a_year_of_slack():
    text = "The war that began in February 2022 is nearing its fourth anniversary."
    assert flagged(text, "2025-11-20") == []
    pinned = "The war that began in February 2022 marks its fourth anniversary this month."
    assert flagged(pinned, "2025-02-24") == ["fourth anniversary"]


def test_future_and_dated_later_phrases_are_left_alone():
    planned = "Warsaw chose the design on May 3 last year, and the plant will open two years later."
    assert flagged(planned, "2025-04-20") == []
    dated = "The plant opened in March 2015, and it was sold two years later."
    assert flagged(dated, "2025-04-20") == []


def test_years_since_a_year_counted_to_the_text_date():
    faulty = "It has been seven years since the 2015 nuclear agreement was signed."
    (found,) = check_text("figure.elapsed_years", faulty, date="2025-11-15")
    assert (found.text, found.suggestion) == ("seven years since", "ten years since")
    right = "It has been ten years since the 2015 nuclear agreement was signed."
    assert check_text("figure.elapsed_years", right, date="2025-11-15") == []


def test_years_of_a_state_that_the_paragraph_dates():
    text = (
        "Payments were delayed, and in 2022 the builder suspended most of the work. This "
        "month the ministry agreed to pay, and work should resume after {n} years of suspension."
    )
    (found,) = check_text("figure.elapsed_years", text.format(n="five"), date="2025-11-15")
    assert found.text == "after five years of suspension" and "2022" in found.message
    assert check_text("figure.elapsed_years", text.format(n="three"), date="2025-11-15") == []
    # a state the paragraph does not date is left alone
    undated = "Work should resume after five years of suspension."
    assert check_text("figure.elapsed_years", undated, date="2025-11-15") == []
