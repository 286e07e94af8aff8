"""Subdivision words translated from Korean where English does not use them: minimal pairs."""

import pytest
from checking import check_text

CHECK = "geo.subdivision_word"


@pytest.mark.parametrize(
    ("faulty", "fixed", "flagged", "suggestion"),
    [
        (
            "Hyundai's new battery plant in Georgia State will hire 8,500 people.",
            "Hyundai's new battery plant in Georgia will hire 8,500 people.",
            "Georgia State",
            "Georgia",
        ),
        (
            "Floods hit Gangwon-do Province for the third day.",
            "Floods hit Gangwon Province for the third day.",
            "Gangwon-do Province",
            "Gangwon Province",
        ),
        (
            "Officials of Yangpyeong-gun County approved the road.",
            "Officials of Yangpyeong County approved the road.",
            "Yangpyeong-gun County",
            "Yangpyeong County",
        ),
    ],
)
def test_subdivision_word_minimal_pairs(faulty, fixed, flagged, suggestion):
    (found,) = check_text(CHECK, faulty)
    assert (found.text, found.suggestion, found.severity) == (flagged, suggestion, "minor")
    assert check_text(CHECK, fixed) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "She teaches at Georgia State University.",
        "The Ohio State Senate passed the bill.",
        "Farmers in New York State and Washington State lost crops.",
        "Arizona State's coach resigned after the loss.",
        "Gyeonggi-do announced a new housing plan.",
    ],
)
def test_proper_names_and_usual_english_pass(sentence):
    assert check_text(CHECK, sentence) == []


@pytest.mark.parametrize(
    ("faulty", "flagged", "suggestion"),
    [
        (
            "Fishermen in Shimane Province oppose the new zone.",
            "Shimane Province",
            "Shimane Prefecture",
        ),
        ("Samsung's chip plant in Texas Province is late.", "Texas Province", "Texas"),
    ],
)
def test_prefecture_or_state_called_a_province(faulty, flagged, suggestion):
    (found,) = check_text("geo.feature_mismatch", faulty)
    assert (found.text, found.suggestion, found.severity) == (flagged, suggestion, "minor")


@pytest.mark.parametrize(
    "sentence",
    [
        "Fishermen in Shimane Prefecture oppose the new zone.",
        "Fighting spread through Anbar Province.",  # a governorate: "province" is usual
        "Floods hit Sichuan Province and Punjab Province.",
    ],
)
def test_real_provinces_and_usual_renderings_pass(sentence):
    assert check_text("geo.feature_mismatch", sentence) == []


def test_small_town_called_an_island_when_the_text_puts_it_in_a_region():
    faulty = "A fire broke out on Wajima Island in Ishikawa Prefecture, burning 200 houses."
    (found,) = check_text("geo.feature_mismatch", faulty)
    assert found.text == "Wajima Island" and found.severity == "major"
    assert "Ishikawa Prefecture" in found.message
    # real islands of the same kind of sentence pass (geo_features.toml)
    assert (
        check_text("geo.feature_mismatch", "Tourists flock to Sado Island in Niigata Prefecture.")
        == []
    )
    # without the region the small town is left alone (too little to go on)
    assert check_text("geo.feature_mismatch", "A fire broke out on Wajima Island.") == []
