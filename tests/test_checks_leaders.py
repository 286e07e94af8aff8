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


@pytest.mark.parametrize(
    "faulty,fixed,expected",
    [
        (
            "Swiss Prime Minister Stefan Löfven applied for NATO membership.",
            "Swedish Prime Minister Stefan Löfven applied for NATO membership.",
            "Swiss",
        ),
        (
            "Australian Chancellor Karl Nehammer visited Moscow in April 2022.",
            "Austrian Chancellor Karl Nehammer visited Moscow in April 2022.",
            "Australian",
        ),
        (
            "Iraqi President Hassan Rouhani defended the nuclear deal.",
            "Iranian President Hassan Rouhani defended the nuclear deal.",
            "Iraqi",
        ),
        (
            "Slovenian President Zuzana Čaputová condemned the attack.",
            "Slovak President Zuzana Čaputová condemned the attack.",
            "Slovenian",
        ),
        (
            "Danish Prime Minister Mark Rutte resigned in July 2023.",
            "Dutch Prime Minister Mark Rutte resigned in July 2023.",
            "Danish",
        ),
        (
            "Japanese Defense Minister Shoigu inspected the troops.",
            "Russian Defense Minister Shoigu inspected the troops.",
            "Japanese",
        ),
        (
            "Kallas, the Latvian prime minister, called for more ammunition.",
            "Kallas, the Estonian prime minister, called for more ammunition.",
            "Latvian",
        ),
        (
            "Argentine President Gabriel Boric rewrote the pension system.",
            "Chilean President Gabriel Boric rewrote the pension system.",
            "Argentine",
        ),
        (
            "Kazakh President Ukhnaagiin Khurelsukh visited Seoul.",
            "Mongolian President Ukhnaagiin Khurelsukh visited Seoul.",
            "Kazakh",
        ),
        (
            "Malaysian Prime Minister Srettha Thavisin was removed by the court.",
            "Thai Prime Minister Srettha Thavisin was removed by the court.",
            "Malaysian",
        ),
        (
            "Austrian Defence Minister Richard Marles signed the AUKUS deal.",
            "Australian Defence Minister Richard Marles signed the AUKUS deal.",
            "Austrian",
        ),
        (
            "Polish President Petr Pavel welcomed the tank deal.",
            "Czech President Petr Pavel welcomed the tank deal.",
            "Polish",
        ),
    ],
)
def test_minimal_pairs_wider_list(faulty, fixed, expected):
    assert flagged(faulty) == [expected]
    assert flagged(fixed) == []


def test_what_is_left_alone():
    # an envoy, not a title of the leader; a country merely near the name
    assert flagged("The Russian envoy met Zelensky in Kyiv.") == []
    assert flagged("In Russia, Zelensky is called a puppet of the West.") == []
    # "Korean" alone is read as either Korea; a former state counts for its successor
    assert flagged("Korean leader Kim Jong-un watched the test.") == []
    assert flagged("Soviet leader Putin is how his critics describe him.") == []
    # an organisation or a movement is not a country
    assert flagged("NATO leader Mark Rutte opened the summit.") == []
    assert flagged("Arab leader Mohammed bin Salman hosted the talks.") == []
    # two leaders with their own titles side by side
    assert (
        flagged(
            "South Korean Defense Minister Lee Jong-sup met Japanese Defense Minister "
            "Yasukazu Hamada."
        )
        == []
    )


def test_names_match_whole_words_and_case():
    found = [m.text for m in leaders().mentions("Xinjiang and Xi; putin and Putin; Modi's plan")]
    assert found == ["Xi", "Putin", "Modi"]


@pytest.mark.parametrize(
    ("faulty", "fixed", "flagged"),
    [
        (
            "Moroccan President Mohamed Ould Ghazouani spoke first.",
            "Mauritanian President Mohamed Ould Ghazouani spoke first.",
            "Moroccan",
        ),
        (
            "Brazilian Prime Minister Lula da Silva arrived in Seoul.",
            "Brazilian President Lula da Silva arrived in Seoul.",
            "Brazilian",
        ),
        ("Japan's President Ishiba met Lee.", "Japan's Prime Minister Ishiba met Lee.", "Japan's"),
    ],
)
def test_office_the_country_does_not_have(faulty, fixed, flagged):
    (found,) = check_text("entity.office_country", faulty)
    assert found.text == flagged and found.severity == "major"
    assert check_text("entity.office_country", fixed) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Swiss President Karin Keller-Sutter opened the forum.",  # Switzerland has one
        "The British president of the chamber spoke.",  # no office title
        "Canada's Prime Minister Mark Carney agreed.",
    ],
)
def test_offices_the_country_has_pass(sentence):
    assert check_text("entity.office_country", sentence) == []
