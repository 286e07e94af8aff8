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
    (  # five words between the country and the company noun
        "Doosan signed a contract with the Emirati private power and water company ACWA Power.",
        "Doosan signed a contract with the Saudi private power and water company ACWA Power.",
        "Emirati",
        "Saudi Arabian",
    ),
]


#: companies added with the wider list, one or two per country, most of them the usual
#: Korean sound-alike confusions (스웨덴/스위스, 오스트리아/오스트레일리아, 이란/이라크…)
MORE_PAIRS = [
    (
        "The Swedish shipping company MSC ordered ten LNG-powered container ships.",
        "The Swiss shipping company MSC ordered ten LNG-powered container ships.",
        "Swedish",
        "Swiss",
    ),
    (
        "Austrian miner Fortescue shipped its first green iron ore.",
        "Australian miner Fortescue shipped its first green iron ore.",
        "Austrian",
        "Australian",
    ),
    (
        "The Swiss steelmaker SSAB sells fossil-free steel to Volvo.",
        "The Swedish steelmaker SSAB sells fossil-free steel to Volvo.",
        "Swiss",
        "Swedish",
    ),
    (
        "The Slovenian utility Slovenské elektrárne runs the Mochovce plant.",
        "The Slovak utility Slovenské elektrárne runs the Mochovce plant.",
        "Slovenian",
        "Slovak",
    ),
    (
        "Iraqi state oil company NIOC cut exports to Asia.",
        "Iranian state oil company NIOC cut exports to Asia.",
        "Iraqi",
        "Iranian",
    ),
    (
        "Danish dredging company Boskalis will build the island.",
        "Dutch dredging company Boskalis will build the island.",
        "Danish",
        "Dutch",
    ),
    (
        "Japanese chipmaker UMC posted lower quarterly profit.",
        "Taiwanese chipmaker UMC posted lower quarterly profit.",
        "Japanese",
        "Taiwanese",
    ),
    (
        "Chinese steelmaker China Steel Corporation raised its prices.",
        "Taiwanese steelmaker China Steel Corporation raised its prices.",
        "Chinese",
        "Taiwanese",
    ),
    (
        "Hapag-Lloyd, the Dutch shipping company, joined the new alliance.",
        "Hapag-Lloyd, the German shipping company, joined the new alliance.",
        "Dutch",
        "German",
    ),
    (
        "The Slovak utility ČEZ picked KHNP for Dukovany.",
        "The Czech utility ČEZ picked KHNP for Dukovany.",
        "Slovak",
        "Czech",
    ),
    (
        "Kuwaiti oil company ADNOC signed a supply deal with GS Caltex.",
        "Emirati oil company ADNOC signed a supply deal with GS Caltex.",
        "Kuwaiti",
        "Emirati",
    ),
    (
        "Brazilian copper miner Codelco lowered its output forecast.",
        "Chilean copper miner Codelco lowered its output forecast.",
        "Brazilian",
        "Chilean",
    ),
    (
        "The contract went to the Czech defence group PGZ.",
        "The contract went to the Polish defence group PGZ.",
        "Czech",
        "Polish",
    ),
    (
        "Mercedes-Benz, the Austrian carmaker, cut its forecast.",
        "Mercedes-Benz, the German carmaker, cut its forecast.",
        "Austrian",
        "German",
    ),
    (
        "Japan's carrier Korean Air completed its merger with Asiana.",
        "South Korea's carrier Korean Air completed its merger with Asiana.",
        "Japan's",
        "South Korea's",
    ),
    (  # a name at the end of a sentence
        "The lithography machines come from the Danish company ASML.",
        "The lithography machines come from the Dutch company ASML.",
        "Danish",
        "Dutch",
    ),
]


@pytest.mark.parametrize(("faulty", "fixed", "flagged", "suggestion"), PAIRS + MORE_PAIRS)
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
        "Turkish Airlines and Korean Air signed a code-share deal.",  # a country in the name
        "Polish K2 tanks were delivered by Hyundai Rotem.",  # no company noun
    ],
)
def test_right_or_unrelated_country_words_pass(sentence):
    assert check_text(CHECK, sentence) == []


def test_football_club_given_another_country():
    (found,) = check_text("entity.company_country", "He moved to the Dutch club Bayer Leverkusen.")
    assert (found.text, found.suggestion) == ("Dutch", "German")
    assert (
        check_text("entity.company_country", "He moved to the German club Bayer Leverkusen.") == []
    )


def test_city_in_a_club_name_is_no_known_spelling():
    # "Inter Miami" must not make "Miami" a name that the typhoon "Maemi" misspells
    text = "Typhoon Maemi struck Busan in 2003, the strongest since records began."
    assert check_text("variant.known_name", text) == []
