"""Companies named with another country's adjective: minimal pairs.

The sentences are written for these tests (chips, cars, energy, shipping); the check must
fire on a company given a country it does not belong to and stay quiet on the right one
and on country words that do not describe the company.
"""

import pytest
from checking import check_text

CHECK = "entity.company_country"

PAIRS = [
    # (faulty, corrected, flagged, suggestion)
    (
        "The Danish company ASML makes the only machines that print the finest chips.",
        "The Dutch company ASML makes the only machines that print the finest chips.",
        "Danish",
        "Dutch",
    ),
    (
        "Chinese chipmaker TSMC will open a second plant in Kumamoto next year.",
        "Taiwanese chipmaker TSMC will open a second plant in Kumamoto next year.",
        "Chinese",
        "Taiwanese",
    ),
    (
        "Maersk, the Norwegian shipping group, rerouted its vessels around the Cape.",
        "Maersk, the Danish shipping group, rerouted its vessels around the Cape.",
        "Norwegian",
        "Danish",
    ),
    (
        "US carmaker Toyota recalled 300,000 vehicles over a faulty airbag.",
        "Japanese carmaker Toyota recalled 300,000 vehicles over a faulty airbag.",
        "US",
        "Japanese",
    ),
    (
        "The Swiss state utility Vattenfall plans two reactors at Ringhals.",
        "The Swedish state utility Vattenfall plans two reactors at Ringhals.",
        "Swiss",
        "Swedish",
    ),
    (
        "Sweden's telecom equipment maker Nokia cut 14,000 jobs.",
        "Finland's telecom equipment maker Nokia cut 14,000 jobs.",
        "Sweden's",
        "Finland's",
    ),
]


@pytest.mark.parametrize(("faulty", "fixed", "flagged", "suggestion"), PAIRS)
def test_company_country_minimal_pairs(faulty, fixed, flagged, suggestion):
    (found,) = check_text(CHECK, faulty)
    assert (found.text, found.suggestion, found.severity) == (flagged, suggestion, "major")
    assert "headquarters, companies.toml" in found.message
    assert check_text(CHECK, fixed) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "A Chinese Tesla factory in Shanghai built half the cars.",  # a plant, not the company
        "Japan's Sony fans queued overnight.",  # no company noun
        "Korean chipmaker SK Hynix and American rival Micron both gained.",
        "The Dutch government asked ASML to stop shipping to China.",
        "German engineering group Siemens and Danish wind-turbine maker Vestas signed.",
        "Samsung, the South Korean electronics giant, reported record profit.",
    ],
)
def test_right_or_unrelated_country_words_pass(sentence):
    assert check_text(CHECK, sentence) == []
