"""Leaders named with another country's adjective: minimal pairs."""

import pytest
from checking import check_text

from pipeline.lexicon.leaders import leaders

CHECK = "entity.leader_country"


def flagged(text: str) -> list[str]:
    return [f.text for f in check_text(CHECK, text)]


@pytest.mark.parametrize(
    "faulty,fixed,expected",
    [
        (
            "Turkish President Macron called for a ceasefire on Sunday.",
            "French President Macron called for a ceasefire on Sunday.",
            "Turkish",
        ),
        (
            "Germany's Chancellor Netanyahu rejected the proposal.",
            "Israel's Prime Minister Netanyahu rejected the proposal.",
            "Germany's",
        ),
        (
            "Modi, the former Pakistani prime minister, flew to Washington.",
            "Modi, the Indian prime minister, flew to Washington.",
            "Pakistani",
        ),
        (
            "Chinese Foreign Minister Takeshi Iwaya arrived in Seoul on Sunday.",
            "Japanese Foreign Minister Takeshi Iwaya arrived in Seoul on Sunday.",
            "Chinese",
        ),
        (
            "Slovenian Prime Minister Robert Fico survived the shooting.",
            "Slovak Prime Minister Robert Fico survived the shooting.",
            "Slovenian",
        ),
        (
            "South Korean leader Kim Jong-un watched the test from a bunker.",
            "North Korean leader Kim Jong-un watched the test from a bunker.",
            "South Korean",
        ),
    ],
)
def test_minimal_pairs(faulty, fixed, expected):
    assert flagged(faulty) == [expected]
    assert flagged(fixed) == []


def test_what_is_left_alone():
    # an envoy, not a title of the leader; a country merely near the name
    assert flagged("The Russian envoy met Zelensky in Kyiv.") == []
    assert flagged("In Russia, Zelensky is called a puppet of the West.") == []
    # "Korean" alone is read as either Korea; a former state counts for its successor
    assert flagged("Korean leader Kim Jong-un watched the test.") == []
    assert flagged("Soviet leader Putin is how his critics describe him.") == []


def test_names_match_whole_words_and_case():
    found = [m.text for m in leaders().mentions("Xinjiang and Xi; putin and Putin; Modi's plan")]
    assert found == ["Xi", "Putin", "Modi"]
