"""Counts and shares that disagree with the text's own lists and figures: minimal pairs."""

import pytest
from checking import check_text


@pytest.mark.parametrize(
    ("faulty", "fixed", "flagged", "suggestion"),
    [
        (
            "The three Baltic states, Estonia, Latvia, Lithuania and Poland, signed the pact.",
            "The four states, Estonia, Latvia, Lithuania and Poland, signed the pact.",
            "three",
            "four",
        ),
        (
            "Two Korean shipbuilders, Hanwha Ocean, HD Hyundai and Samsung Heavy Industries, "
            "will compete.",
            "Three Korean shipbuilders, Hanwha Ocean, HD Hyundai and Samsung Heavy Industries, "
            "will compete.",
            "Two",
            "three",
        ),
        (
            "Leaders of the 4 Central Asian countries: Kazakhstan, Uzbekistan, Kyrgyzstan, "
            "Tajikistan and Turkmenistan.",
            "Leaders of the 5 Central Asian countries: Kazakhstan, Uzbekistan, Kyrgyzstan, "
            "Tajikistan and Turkmenistan.",
            "4",
            "5",
        ),
    ],
)
def test_announced_count_differs_from_the_list(faulty, fixed, flagged, suggestion):
    (found,) = check_text("figure.list_count", faulty)
    assert (found.text, found.suggestion, found.severity) == (flagged, suggestion, "major")
    assert check_text("figure.list_count", fixed) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Five countries, including Japan and Korea, joined the pact.",  # examples, not a list
        "Talks were held in two cities, Seoul and Busan, and later in Daegu.",
        "After nearly seven years, the Ministry of Oceans and Fisheries has changed course.",
    ],
)
def test_examples_other_clauses_and_durations_pass(sentence):
    assert check_text("figure.list_count", sentence) == []


PLAN = (
    "In 2012 the builder won a contract for 100,000 homes south of the capital. "
    "Payments were delayed for years.\n\n"
    "So far about 30,000 homes have been handed over, only about {share} of the plan."
)


def test_share_that_its_part_and_total_do_not_make():
    (found,) = check_text("figure.share_of_total", PLAN.format(share="13 percent"))
    assert found.text == "13 percent" and found.suggestion == "30 percent"
    assert "100,000" in found.message and "30,000 homes" in found.message
    assert check_text("figure.share_of_total", PLAN.format(share="30 percent")) == []
    assert check_text("figure.share_of_total", PLAN.format(share="31%")) == []


def test_share_without_an_earlier_total_of_the_same_thing_passes():
    text = "The firm built 400 schools.\n\nSo far 30,000 homes are done, 13 percent of the plan."
    assert check_text("figure.share_of_total", text) == []


@pytest.mark.parametrize(
    ("faulty", "fixed", "flagged", "suggestion"),
    [
        (
            "More than 100,000 of the roughly 120,000 residents, or nearly 60 percent, fled.",
            "More than 100,000 of the roughly 120,000 residents, or over 80 percent, fled.",
            "60 percent",
            "83 percent",
        ),
        (
            "Only 3 out of 10 firms (50%) answered the survey.",
            "Only 3 out of 10 firms (30%) answered the survey.",
            "50%",
            "30 percent",
        ),
    ],
)
def test_share_that_the_part_and_total_before_it_do_not_make(faulty, fixed, flagged, suggestion):
    (found,) = check_text("figure.part_of_total", faulty)
    assert (found.text, found.suggestion, found.severity) == (flagged, suggestion, "major")
    assert check_text("figure.part_of_total", fixed) == []


def test_vote_shares_over_100_percent():
    faulty = "Kast won 58.2 percent of the vote and Jara 48.8 percent."
    (found,) = check_text("figure.vote_shares", faulty)
    assert found.text == "48.8 percent" and "107" in found.message
    assert check_text("figure.vote_shares", faulty.replace("48.8", "41.8")) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Kast won 58.2 percent of the vote, up from 23.9 percent in the first round.",
        "The party took 45 percent of the vote in 2020 and 62 percent in the previous election.",
        "Turnout was 85 percent and the winner took 55 percent of the vote.",
    ],
)
def test_shares_of_different_counts_pass(sentence):
    assert check_text("figure.vote_shares", sentence) == []


@pytest.mark.parametrize(
    ("faulty", "fixed", "flagged"),
    [
        (
            "The Middle East accounted for $18.4 billion, Asia for $9.3 billion and other "
            "regions for $5.2 billion, for a total of $37.1 billion.",
            "The Middle East accounted for $18.4 billion, Asia for $9.3 billion and other "
            "regions for $5.2 billion, for a total of $32.9 billion.",
            "$37.1 billion",
        ),
        (
            "The yard hired 120 engineers and 80 technicians, a total of 250 workers.",
            "The yard hired 120 engineers and 80 technicians, a total of 200 workers.",
            "250 workers",
        ),
    ],
)
def test_total_that_its_parts_do_not_add_up_to(faulty, fixed, flagged):
    (found,) = check_text("figure.sum_total", faulty)
    # the finding spans the parts and the total: either may be the wrong one
    assert found.text.endswith(flagged) and "add up to" in found.message
    assert check_text("figure.sum_total", fixed) == []


@pytest.mark.parametrize(
    "sentence",
    [
        # rounding: 9.44 + 5.24 = 14.68 is written 9.4 + 5.2 and 14.7
        "Asia took $9.4 billion and Africa $5.2 billion, a total of $14.7 billion.",
        "In 2019 and 2020 the yard built 12 and 15 ships, a total of 27.",  # years are no parts
        "Exports of $5 billion and $3 billion, including $1 billion of chips, a total of $9 "
        "billion, were recorded.",  # "including": the parts are not all of it
    ],
)
def test_totals_within_rounding_years_and_partial_lists_pass(sentence):
    assert check_text("figure.sum_total", sentence) == []


@pytest.mark.parametrize(
    ("faulty", "fixed", "flagged", "suggestion"),
    [
        (
            "He promised to cut spending by $6 billion within 18 months, or about $500 "
            "million a month.",
            "He promised to cut spending by $6 billion within 18 months, or about $330 "
            "million a month.",
            "$500 million",
            "$333 million",
        ),
        (
            "The plan adds 120,000 homes over five years (42,000 homes a year).",
            "The plan adds 120,000 homes over five years (24,000 homes a year).",
            "42,000",
            "24,000",
        ),
    ],
)
def test_rate_that_the_total_and_its_period_do_not_make(faulty, fixed, flagged, suggestion):
    (found,) = check_text("figure.rate", faulty)
    assert (found.text, found.suggestion) == (flagged, suggestion)
    assert check_text("figure.rate", fixed) == []


def test_a_peak_rate_is_no_average():
    text = "It sold 1.2 million cars in 12 months, with 300,000 cars a month at the peak."
    assert check_text("figure.rate", text) == []


def test_days_that_the_two_dates_do_not_span():
    faulty = "Azerbaijan retook the territory in 54 days, from September 27 to November 10."
    (found,) = check_text("figure.date_span", faulty, date="2021-03-01")
    assert (found.text, found.suggestion) == ("54 days", "44 days")
    for right in (
        faulty.replace("54", "44"),  # 44 days between the two dates
        "The strike lasted 12 days, from December 25 to January 5.",  # across new year
    ):
        assert check_text("figure.date_span", right, date="2021-03-01") == []


def test_count_whose_counted_parts_add_up_to_another_number():
    text = (
        "It has orders for {n} warships from Manila: two frigates, two corvettes and six "
        "patrol vessels."
    )
    (found,) = check_text("figure.list_count", text.format(n="twelve"))
    assert (found.text, found.suggestion) == ("twelve", "ten") and "2 + 2 + 6" in found.message
    assert check_text("figure.list_count", text.format(n="ten")) == []
