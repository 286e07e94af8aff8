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


def _press(text):
    from pipeline.model import Document

    return Document("p.en.txt", text, "en", "1", "utf-8", trusted=True)


@pytest.mark.parametrize(
    ("faulty", "trusted", "flagged", "evidence"),
    [
        (  # the document itself names the planted town
            "The latest lesson is Kadhimiya New City. A Korean builder won a contract to "
            "build 40,000 homes on Kadhimiya Island, south of the capital.",
            (),
            "Kadhimiya Island",
            "Kadhimiya New City",
        ),
        (  # the trusted press does
            "A Korean builder won a contract to build homes on Tarmiya Island.",
            ("Work resumed at Tarmiya New City, a housing project north of Baghdad.",),
            "Tarmiya Island",
            "Tarmiya New City",
        ),
        (  # a river (no peninsula is named after an inland river alone)
            "Water is drawn from the Ondava River. Farms on the Ondava Peninsula are dry.",
            (),
            "Ondava Peninsula",
            "Ondava River",
        ),
        (  # a front line
            "Shelling along the Zaliznyi front reached the Zaliznyi Peninsula by dawn.",
            (),
            "Zaliznyi Peninsula",
            "Zaliznyi front",
        ),
    ],
)
def test_unknown_place_called_an_island_or_peninsula_against_its_other_name(
    faulty, trusted, flagged, evidence
):
    (found,) = check_text("geo.feature_mismatch", faulty, trusted=[_press(t) for t in trusted])
    assert found.text == flagged and found.severity == "major"
    assert repr(evidence) in found.message


@pytest.mark.parametrize(
    "text",
    [
        # an island named like its town is common: a plain "X City" is no evidence
        "Ferries leave Tarqa City for Tarqa Island twice a day.",
        # a river names islands in it
        "The Ondava River floods Ondava Island every spring.",
        # the same feature twice is consistent
        "Fishermen live on Tarqa Island. The Tarqa Island ferry runs daily.",
    ],
)
def test_unknown_island_with_a_town_or_river_of_its_name_passes(text):
    assert check_text("geo.feature_mismatch", text) == []


@pytest.mark.parametrize(
    ("faulty", "flagged", "evidence"),
    [
        (
            "The road will link the mainland with Nakhchivan Island, the Azerbaijani exclave "
            "bordered by Armenia, Iran and Turkey.",
            "Nakhchivan Island",
            "exclave",
        ),
        (  # a small town: the apposition is strong evidence
            "Planners worry most about the Suwałki Peninsula, the narrow strip of land of about "
            "65 kilometers along the Polish-Lithuanian border.",
            "Suwałki Peninsula",
            "strip of land",
        ),
    ],
)
def test_island_or_peninsula_that_its_apposition_calls_land(faulty, flagged, evidence):
    (found,) = check_text("geo.feature_mismatch", faulty)
    assert found.text == flagged and found.severity == "major" and evidence in found.message


@pytest.mark.parametrize(
    "sentence",
    [
        "The Gallipoli Peninsula, the narrow strip of land along the Dardanelles, saw fighting.",
        "Tourists love Jeju Island, the resort island south of the Korean Peninsula.",
        "The Hel Peninsula, a narrow strip of land on the Baltic coast, draws tourists.",
    ],
)
def test_real_peninsulas_described_as_strips_of_land_pass(sentence):
    assert check_text("geo.feature_mismatch", sentence) == []


@pytest.mark.parametrize(
    ("faulty", "flagged", "suggestion"),
    [
        ("Floods hit Gyeonggi State for a second day.", "Gyeonggi State", "Gyeonggi Province"),
        ("The K2PL will be built in Gliwice, Silesia State.", "Silesia State", "Silesia"),
        ("The road crosses the southern Syunik Prefecture.", "Syunik Prefecture", "Syunik"),
    ],
)
def test_region_of_a_country_without_states_or_prefectures(faulty, flagged, suggestion):
    (found,) = check_text(CHECK, faulty)
    assert (found.text, found.suggestion, found.severity) == (flagged, suggestion, "minor")


@pytest.mark.parametrize(
    "sentence",
    [
        "Voters in Lagos State and Kaduna State queued for hours.",  # Nigeria has states
        "Fighting in Shan State spilled over the border.",  # so has Myanmar
        "Snow closed roads in Ishikawa Prefecture.",
        "Vientiane Prefecture grew fastest.",  # Laos has prefectures
        "Kherson State University reopened.",  # a proper name
    ],
)
def test_states_and_prefectures_where_the_country_has_them_pass(sentence):
    assert check_text(CHECK, sentence) == []


def test_official_state_names_of_korean_provinces_pass():
    # Gangwon and Jeonbuk are "special self-governing provinces" whose English names are
    # "Gangwon State" (2023) and "Jeonbuk State" (2024)
    for sentence in ("Chuncheon, the capital of Gangwon State, cheered.", "Jeonbuk State won."):
        assert check_text(CHECK, sentence) == []


def test_inland_historical_regions_called_a_peninsula():
    found = check_text("geo.feature_mismatch", "Most cobalt comes from the Katanga Peninsula.")
    assert [f.text for f in found] == ["Katanga Peninsula"]
    assert check_text("geo.feature_mismatch", "Most cobalt comes from Katanga.") == []


def test_second_level_province_called_a_prefecture():
    faulty = "The base in Subic Bay, Zambales Prefecture, hosted the ceremony."
    (found,) = check_text(CHECK, faulty)
    assert found.text == "Zambales Prefecture" and "no prefectures" in found.message
    assert check_text(CHECK, faulty.replace("Prefecture", "Province")) == []
