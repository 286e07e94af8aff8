"""Minimal pairs for the English-only checks: the faulty sentence fires, the fixed one not."""

import pytest
from checking import check_text

from pipeline.checks.registry import REGISTRY, CheckContext, all_checks, run_checks
from pipeline.model import AlignedPair, Document, Passage


def passage(text: str, kind: str = "body", lang: str = "en") -> Passage:
    return Passage(
        passage_id="d-p001",
        document="op-ed.en.txt",
        index=1,
        start=10,
        end=10 + len(text),
        text=text,
        lang=lang,
        kind=kind,
    )


def findings_of(check_id: str, text: str, **kw):
    p = passage(text, **kw)
    doc = Document(
        path="op-ed.en.txt", text=" " * 10 + text, lang="en", content_hash="0", encoding="utf-8"
    )
    all_checks()
    found, errors = run_checks([AlignedPair(p)], CheckContext(doc, [p]), [REGISTRY[check_id]])
    assert errors == []
    for f in found:
        assert doc.text[f.start : f.end] == f.text
    return found


MINIMAL_PAIRS = [
    (
        "untranslated.hangul",
        "The governor praised the 새마을 spirit of the volunteers in the flooded county.",
        "The governor praised the community spirit of the volunteers in the flooded county.",
    ),
    (
        "fluency.doubled_word",
        "Prices rose sharply after the the central bank raised its benchmark rate.",
        "Prices rose sharply after the central bank raised its benchmark rate.",
    ),
    (
        "punctuation.unbalanced",
        "The spokesman called the strike “an act of sabotage and left the podium.",
        "The spokesman called the strike “an act of sabotage” and left the podium.",
    ),
    (
        "punctuation.unbalanced",
        "The ministry (which oversees fisheries said nothing.",
        "The ministry (which oversees fisheries) said nothing.",
    ),
    (
        "punctuation.space_before",
        "Inflation has eased since the spring , according to the statistics office.",
        "Inflation has eased since the spring, according to the statistics office.",
    ),
    (
        "untranslated.romanized",
        "Lawmakers vowed to root out gapjil in the civil service by next year.",
        "Lawmakers vowed to root out abuse of power in the civil service by next year.",
    ),
    (
        "structure.leading_punctuation",
        ". The merger of the two shipyards was announced on Monday.",
        "The merger of the two shipyards was announced on Monday.",
    ),
]


@pytest.mark.parametrize("check_id,faulty,fixed", MINIMAL_PAIRS)
def test_faulty_sentence_fires_and_fixed_one_does_not(check_id, faulty, fixed):
    assert findings_of(check_id, faulty), f"{check_id} missed: {faulty}"
    assert findings_of(check_id, fixed) == [], f"{check_id} false alarm: {fixed}"


def test_every_check_has_a_minimal_pair():
    covered = {check_id for check_id, _, _ in MINIMAL_PAIRS}
    own = {s.id for s in all_checks() if s.func.__module__ == "pipeline.checks.monolingual"}
    assert own <= covered


def test_hangul_finding_quotes_the_korean_and_spans_it_exactly():
    [f] = findings_of("untranslated.hangul", "Officials cited the 국가안보전략 report twice.")
    assert f.text == "국가안보전략"
    assert "국가안보전략" in f.message
    assert f.severity == "major"


def test_glossed_korean_is_only_minor():
    [f] = findings_of("untranslated.hangul", "The notion of jeong (정, affection) runs deep.")
    assert f.severity == "minor"


def test_legitimate_doubles_are_not_flagged():
    assert findings_of("fluency.doubled_word", "She had had enough of the delays.") == []


def test_ellipsis_and_decimals_are_not_spacing_errors():
    text = "He paused ... then said the rate was .5 percent."
    assert findings_of("punctuation.space_before", text) == []


def test_loanwords_and_english_words_are_not_romanized_korean():
    text = (
        "The chaebol reform and the hallyu boom fed a banana republic debate in Gangnam, "
        "where chipmaking and shipbuilding jobs pay well."
    )
    assert findings_of("untranslated.romanized", text) == []


def test_explained_romanised_term_is_not_flagged():
    text = "Many tenants rent under jeonse, a system in which a renter pays a lump sum."
    assert findings_of("untranslated.romanized", text) == []


def test_checks_skip_boilerplate_passages():
    assert findings_of("fluency.doubled_word", "See All All posts", kind="boilerplate") == []


def test_a_crashing_check_is_reported_not_counted_as_a_pass():
    from pipeline.checks.registry import CheckSpec

    def explode(pair, ctx):
        """Always fails."""
        raise RuntimeError("boom")

    spec = CheckSpec("test.explode", "accuracy", "minor", False, explode)
    p = passage("Any text at all.")
    doc = Document(
        path="op-ed.en.txt", text="x" * 30, lang="en", content_hash="0", encoding="utf-8"
    )
    found, errors = run_checks([AlignedPair(p)], CheckContext(doc, [p]), [spec])
    assert found == []
    assert len(errors) == 1 and "boom" in errors[0].error and errors[0].check_id == "test.explode"


def test_every_check_documents_itself():
    for spec in all_checks():
        assert spec.title, spec.id
        assert spec.false_positives.startswith("False positives"), spec.id


def test_a_phrase_given_twice_in_a_row_fires():
    text = "Prices rose in the region in the region of Busan last year."
    (found,) = findings_of("fluency.doubled_word", text)
    assert (found.text, found.suggestion) == ("in the region in the region", "in the region")
    assert findings_of("fluency.doubled_word", "Prices rose in the region of Busan.") == []


def test_names_made_of_a_doubled_word_pass():
    assert findings_of("fluency.doubled_word", "Tourists returned to Bora Bora in May.") == []


def test_quotation_running_over_paragraphs_by_the_convention_passes():
    text = (
        "“We will not sign a deal that hurts our farmers,” the minister said. “Nor will we "
        "walk away.\n\n"
        "“The talks go on next week,” he added.\n\n"
        "He left without questions. “This is over,” an aide said, “and yet"
    )
    found = check_text("punctuation.unbalanced", text)
    # the first paragraph's open quotation goes on in the next one; the last one is cut
    assert [f.text for f in found] == ["“"]
    assert found[0].start == text.rindex("“")
    straight = 'The minister said: "We will not sign.\n\n"Nor will we walk away," he added.'
    assert check_text("punctuation.unbalanced", straight) == []


def test_romanised_word_in_single_quotes_and_after_an_english_prefix():
    text = (
        "Jeonse, a lump-sum deposit lease, is dying. Semi-jeonse grows. He called them 'kkondae'."
    )
    assert [f.text for f in check_text("untranslated.romanized", text)] == ["kkondae"]
    # an apostrophe inside a word starts no word; a word cut by an HTML entity is none
    assert check_text("untranslated.romanized", "I don't know. Add jalape&ntilde;o peppers.") == []


def test_romanised_word_whose_halves_are_names_is_no_english_compound():
    # "yong" and "don" are frequent in English text as names; 용돈 is no English compound
    text = 'Many said it would be no more than a "yongdon pension" by the time they retire.'
    assert [f.text for f in check_text("untranslated.romanized", text)] == ["yongdon"]


@pytest.mark.parametrize("mark", [")", "·", "ㆍ", "」"])
def test_paragraph_starting_with_a_closing_bracket_or_a_list_dot(mark):
    text = f"The first paragraph ends here.\n\n{mark} Koreatown welcomed him."
    assert [f.text for f in check_text("structure.leading_punctuation", text)] == [mark]
