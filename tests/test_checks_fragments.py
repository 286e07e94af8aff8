"""Sentences without a main verb: minimal pairs, and professional news left alone."""

from pathlib import Path

import pytest
from checking import check_text

from pipeline.checks.fragments import is_fragment, main_clause_words

NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "koen-news-park2016" / "test.en"


@pytest.mark.parametrize(
    "fragment,sentence",
    [
        (
            "Also the long nights when the ferries could not sail because of the storm.",
            "Also the long nights were hard when the ferries could not sail because of the storm.",
        ),
        (
            "Hyundai Motor, which is the largest carmaker in Korea but which has lost its lead "
            "in electric models.",
            "Hyundai Motor, which is the largest carmaker in Korea, has lost its lead in "
            "electric models.",
        ),
        (
            "In the end, the decision to shut the mine after the protests.",
            "In the end, the company decided to shut the mine after the protests.",
        ),
        (  # a name, an apposition and its relative clause, no main verb
            "Latvia, a country of 1.9 million people that borders Russia and has feared its "
            "neighbour for decades.",
            "Latvia, a country of 1.9 million people, borders Russia and has feared its "
            "neighbour for decades.",
        ),
    ],
)
def test_minimal_pairs(fragment, sentence):
    text = f"Title of the column\n\n{fragment} The rest followed.\n"
    (finding,) = check_text("structure.fragment", text, title="Title of the column")
    assert finding.text == fragment
    fixed = f"Title of the column\n\n{sentence} The rest followed.\n"
    assert check_text("structure.fragment", fixed, title="Title of the column") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Analysts expect exports to recover in the second half of the year.",
        "The corridor that Ukraine opened on its own carried more cargo than the old one.",
        "But those who work in the industry say that its future depends on exports.",
        "If the water is too hot for your hand, it's too hot for the rest of you.",
        "Police urge anyone who was overcharged to file a complaint with the city.",
        "The Democratic Party accused the opposition of holding the budget hostage.",
        "Russia still holds two important positions on the Baltic coast.",
        "Target the guilty and their allies before the vote next week.",
        # an adverb, not a name, before the relative clause that hides the main verb
        "Meanwhile, the talks that resumed in Geneva stalled again over the weekend.",
    ],
)
def test_sentences_with_a_main_verb(sentence):
    assert not is_fragment(sentence), main_clause_words(sentence)


def test_short_sentences_questions_and_quotations_are_left_alone():
    assert not is_fragment("Not anymore, though.")
    assert not is_fragment("And the long hours when nothing moved on the roads?")
    assert not is_fragment('"The long hours when nothing moved," he recalled in the interview.')


def test_rare_on_professional_news():
    """Real news sentences (Park et al. 2016): at most 1 % flagged, and most of those are
    lines the corpus cut mid-sentence."""
    lines = [line for line in NEWS.read_text(encoding="utf-8").splitlines() if line.strip()]
    flagged = [line for line in lines if is_fragment(line)]
    assert len(flagged) <= len(lines) // 100, flagged


@pytest.mark.parametrize(
    "sentence",
    [
        "Because of the fear that they may lose their deposits.",
        "Whether the subsidies will be enough to keep them here.",
    ],
)
def test_a_lone_subordinate_clause_is_a_fragment(sentence):
    assert [f.text for f in check_text("structure.fragment", sentence)] == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Because they may lose their deposits, renters hesitate to sign.",
        # the main verb follows the clause without a comma
        "Whether the yard is remembered as a partner or a seller depends on the next years.",
        # "fishermen" is a plural subject for "argue"
        "Our fishermen, on the other hand, argue that the seizures have been exaggerated.",
    ],
)
def test_subordinate_clause_with_its_main_clause_passes(sentence):
    assert check_text("structure.fragment", sentence) == []
