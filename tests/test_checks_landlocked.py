"""A landlocked country given a navy, a coast or warships: minimal pairs."""

import pytest
from checking import check_text

CHECK = "entity.landlocked_sea"


@pytest.mark.parametrize(
    ("faulty", "fixed", "flagged", "suggestion"),
    [
        (
            "By comparison, Austria commissioned the 160-meter icebreaker Nuyina in 2021.",
            "By comparison, Australia commissioned the 160-meter icebreaker Nuyina in 2021.",
            "Austria",
            "Australia",
        ),
        (
            "The Swiss navy will lease two submarines from a Korean shipyard.",
            "The Swedish navy will lease two submarines from a Korean shipyard.",
            "Swiss",
            "Swedish",
        ),
        (
            "Slovakia's coastline on the Adriatic is only 47 kilometers long.",
            "Slovenia's coastline on the Adriatic is only 47 kilometers long.",
            "Slovakia's",
            "Slovenia's",
        ),
        (
            "Niger's coast guard seized a tanker off Lagos.",
            "Nigeria's coast guard seized a tanker off Lagos.",
            "Niger's",
            "Nigeria's",
        ),
    ],
)
def test_landlocked_country_with_a_sea(faulty, fixed, flagged, suggestion):
    (found,) = check_text(CHECK, faulty)
    assert (found.text, found.suggestion, found.severity) == (flagged, suggestion, "major")
    assert "no sea coast" in found.message
    assert check_text(CHECK, fixed) == []


def test_landlocked_country_without_a_usual_confusion_gets_no_suggestion():
    (found,) = check_text(CHECK, "The Czech Republic will buy three frigates from Korea.")
    assert found.text == "Czech Republic" and found.suggestion is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Austria, which is landlocked, has no navy.",
        "Switzerland hosted the talks, and Sweden sent two warships.",  # another country
        "Austria and Australia both want submarines.",
        "Bolivia's navy patrols Lake Titicaca.",  # a lake navy (geo_features.toml)
        "Kazakhstan's navy has bases on the Caspian.",
        "Austria-Hungary's navy was based at Pola.",
        "The Swiss shipping company MSC owns more than 800 vessels.",
        "Austria's ministers met in Vienna. The navy of Italy sent a frigate.",  # next sentence
    ],
)
def test_lake_navies_other_countries_and_other_sentences_pass(sentence):
    assert check_text(CHECK, sentence) == []
