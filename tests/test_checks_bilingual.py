"""Bilingual checks on aligned Korean–English paragraphs: minimal pairs on real sentences."""

import pytest

from pipeline.checks.registry import REGISTRY, CheckContext, all_checks, run_checks
from pipeline.model import AlignedPair, Document, Passage
from pipeline.pair.passages import align_passages
from pipeline.segment import segment_document

KOREAN = (
    "정부는 올해 쌀 1만 5천 톤을 비축하기로 했다. "
    "농림축산식품부는 2025년 4월 28일 이 계획을 발표했다. "
    "농민 단체는 정부의 대책이 충분하지 않다고 비판했다."
)
CORRECT = (
    "The government decided to stockpile 15,000 tons of rice this year. "
    "The agriculture ministry announced the plan on April 28, 2025. "
    "Farmers' groups criticized the measures as insufficient and said they were not enough."
)


def passage(text: str, lang: str, pid: str) -> Passage:
    return Passage(pid, f"doc.{lang}.txt", 0, 0, len(text), text, lang)


def run(check_id: str, english: str, korean: str = KOREAN):
    target, source = passage(english, "en", "e1"), passage(korean, "ko", "k1")
    doc = Document(path="doc.en.txt", text=english, lang="en", content_hash="0", encoding="utf-8")
    all_checks()
    pairs = [AlignedPair(target, source)]
    ctx = CheckContext(document=doc, passages=[target], pairs=pairs)
    found, errors = run_checks(pairs, ctx, [REGISTRY[check_id]])
    assert errors == []
    for f in found:
        assert english[f.start : f.end] == f.text
    return found


@pytest.mark.parametrize(
    "check_id,faulty,expected_text",
    [
        ("number.mismatch", CORRECT.replace("15,000 tons", "1,500 tons"), "1,500 tons"),
        ("date.mismatch", CORRECT.replace("April 28", "April 18"), "April 18, 2025"),
        (
            "negation.polarity",
            CORRECT.replace(
                "criticized the measures as insufficient and said they were not enough",
                "praised the measures as sufficient",
            ),
            "Farmers' groups praised the measures as sufficient.",
        ),
    ],
)
def test_faulty_translation_fires_and_correct_one_does_not(check_id, faulty, expected_text):
    found = run(check_id, faulty)
    assert [f.text for f in found] == [expected_text]
    assert run(check_id, CORRECT) == []


def test_number_message_quotes_both_sides():
    [f] = run("number.mismatch", CORRECT.replace("15,000", "150,000"))
    assert "150,000" in f.message and "1만 5천" in f.message


def test_approximate_korean_number_accepts_more_than():
    korean = "집회에는 3천여 명이 참가했다."
    assert run("number.mismatch", "More than 3,000 people joined the rally.", korean) == []
    assert run("number.mismatch", "About 300 people joined the rally.", korean)


def document(path: str, text: str, lang: str) -> Document:
    return Document(path=path, text=text, lang=lang, content_hash="0", encoding="utf-8")


KO_DOC = (
    "부산시는 내년부터 시내버스 요금을 200원 올린다고 밝혔다.\n\n"
    "시는 연료비와 인건비 상승으로 적자가 커졌다고 설명했다.\n\n"
    "시민단체는 요금 인상 전에 노선 개편이 먼저라고 주장했다. 이들은 적자 노선을 정리하고 "
    "환승 체계를 손보면 요금을 올리지 않고도 재정을 개선할 수 있다고 강조했다.\n\n"
    "시의회는 12월 3일 공청회를 열 예정이다.\n"
)
EN_FULL = (
    "Busan City said it will raise city bus fares by 200 won from next year.\n\n"
    "The city explained that deficits grew because of rising fuel and labor costs.\n\n"
    "Civic groups argued that route reform should come before any fare increase. They "
    "stressed that cutting loss-making routes and fixing transfers could improve finances "
    "without raising fares.\n\n"
    "The city council plans to hold a public hearing on December 3.\n"
)


def run_document(check_id: str, english: str, korean: str = KO_DOC):
    en_doc, ko_doc = document("bus.en.txt", english, "en"), document("bus.ko.txt", korean, "ko")
    en_passages, ko_passages = segment_document(en_doc), segment_document(ko_doc)
    pairs, links = align_passages(en_passages, ko_passages)
    all_checks()
    ctx = CheckContext(
        document=en_doc,
        passages=en_passages,
        pairs=pairs,
        source=ko_doc,
        resources={"sentence_links": links},
    )
    found, errors = run_checks(pairs, ctx, [REGISTRY[check_id]])
    assert errors == []
    return found


def test_omitted_paragraph_is_reported_next_to_the_gap():
    # the omitted paragraph is two sentences: one finding per unlinked run, next to the gap
    omitted = EN_FULL.replace(
        "Civic groups argued that route reform should come before any fare increase. They "
        "stressed that cutting loss-making routes and fixing transfers could improve finances "
        "without raising fares.\n\n",
        "",
    )
    found = run_document("align.omission", omitted)
    assert found and "시민단체" in found[0].message
    for f in found:
        assert f.text.startswith("The city explained") or f.text.startswith("The city council")
    assert run_document("align.omission", EN_FULL) == []


def test_added_paragraph_is_reported_whole():
    added = EN_FULL.replace(
        "The city council plans",
        "Busan is South Korea's second-largest city and a major port on the southern coast.\n\n"
        "The city council plans",
    )
    [f] = run_document("align.addition", added)
    assert f.text.startswith("Busan is South Korea's second-largest city")
    assert run_document("align.addition", EN_FULL) == []


def test_double_negation_and_idiomatic_no_are_not_polarity_flips():
    assert run("negation.polarity", "There were some achievements.", "성과가 없지 않았다.") == []
    assert run("negation.polarity", "This time was no different.", "이번에도 마찬가지였다.") == []
    assert run("negation.polarity", "There were no achievements.", "성과가 있었다.")


def test_contracted_negation_counts_as_negation():
    # "n't" sits inside a word (can't, don't, isn’t): a word-boundary pattern missed it
    assert run("negation.polarity", "I can't say any more.", "더 이상은 말할 수 없다.") == []
    assert run("negation.polarity", "They don’t have to come.", "그들은 올 필요가 없다.") == []
    assert run("negation.polarity", "I can say more.", "더 이상은 말할 수 없다.")


@pytest.mark.parametrize(
    ("english", "korean"),
    [
        (
            "It is unclear what prompted the rebels to free the hostages.",
            "인질 석방의 계기는 밝혀지지 않았다.",
        ),
        ("There are few signs that the talks will resume.", "회담이 재개될 징후는 거의 없다."),
        ("The government had to raise taxes.", "정부는 세금을 올릴 수밖에 없었다."),
        ("Prices kept rising.", "물가는 끊임없이 올랐다."),
        ("The cause is still unknown.", "원인은 아직 불분명하다."),
        ("An endless queue formed outside.", "밖에는 끝없는 줄이 늘어섰다."),
        ("Fish do not know national borders.", "물고기는 국경을 모른다."),
        ("Rather than wait, the city must act.", "시는 기다릴 것이 아니라 행동해야 한다."),
    ],
)
def test_negation_said_with_a_word_is_not_a_polarity_flip(english, korean):
    assert run("negation.polarity", english, korean) == []


def test_lexical_words_do_not_hide_a_real_flip():
    # "information" and "unless" are no negation: the missing "not" is still found
    assert run("negation.polarity", "The information was released.", "그 정보는 공개되지 않았다.")
    assert run("negation.polarity", "We will go unless it rains.", "비가 오면 가지 않겠다.")


def test_bilingual_checks_use_the_document_sentence_alignment():
    """With the run's document-wide links, a Korean sentence whose English was merged into
    the previous paragraph is still compared with the right English sentence."""
    english = (
        "The government decided to stockpile 15,000 tons of rice this year.\n\n"
        "The agriculture ministry announced the plan on April 28, 2024. "
        "Farmers' groups criticized the measures as insufficient and said they were not enough."
    )
    korean = KOREAN.replace(" 농림", "\n\n농림")
    en_doc = Document("doc.en.txt", english, "en", "0", "utf-8")
    ko_doc = Document("doc.ko.txt", korean, "ko", "0", "utf-8")
    en_passages, ko_passages = segment_document(en_doc), segment_document(ko_doc)
    pairs, links = align_passages(en_passages, ko_passages)
    all_checks()
    ctx = CheckContext(
        document=en_doc,
        passages=en_passages,
        pairs=pairs,
        source=ko_doc,
        resources={"sentence_links": links},
    )
    found, errors = run_checks(pairs, ctx, [REGISTRY["date.mismatch"], REGISTRY["number.mismatch"]])
    assert errors == []
    assert [(f.check, f.text) for f in found] == [("date.mismatch", "April 28, 2024")]
    # a sentence link whose English falls in two passages gives each passage its part
    from pipeline.checks.bilingual import pairs_from_links
    from pipeline.pair.passages import SentenceLink

    two = SentenceLink(
        tuple(ko_passages[0].segments), tuple(s for p in en_passages for s in p.segments[:1]), 1.0
    )
    by_passage = pairs_from_links(en_passages, [two])
    assert {pid: [sp.english for sp in v] for pid, v in by_passage.items()} == {
        en_passages[0].passage_id: [
            "The government decided to stockpile 15,000 tons of rice this year."
        ],
        en_passages[1].passage_id: [
            "The agriculture ministry announced the plan on April 28, 2024."
        ],
    }


def test_numbers_and_negation_in_letters_str_lower_keeps_apart():
    # ſ and ı read as s and i to the case-insensitive patterns, so the pre-tests must too
    korean = "정부는 쌀 500톤을 사들이기로 했다."
    found = run("number.mismatch", "The government will buy ſix hundred tons of rice.", korean)
    assert [f.text for f in found] == ["ſix hundred tons"]
    negated = run("negation.polarity", "The government ſeldom buys rice.", korean)
    assert [f.text for f in negated] == ["The government ſeldom buys rice."]


def test_units_converted_by_the_translator_are_not_mismatches():
    # koen-news-park2016: a professional translation gives km, 도 and 원 for miles, °F and US$
    korean = (
        "지진의 진앙은 리마 남부 721km 지점이었다. "
        "연구결과에따르면 실내온도가 22도 밑으로 내려갈 경우 생산성이 떨어진다. "
        "산시성 관계자는 2만위안(약 300만원)의 포상금을 지급했다."
    )
    english = (
        "The quake was centered about 448 miles (721 km) southeast of Lima. "
        "Studies show productivity drops when temperatures dip below 72 degrees. "
        "Officials in Shaanxi awarded him 20,000 yuan (about US$2,920)."
    )
    assert run("number.mismatch", english, korean) == []
    [f] = run("number.mismatch", english.replace("72 degrees", "62 degrees"), korean)
    assert f.text == "62 degrees" and "22도" in f.message


def test_phrases_that_keep_polarity_still_answer_a_negated_korean_sentence():
    # 다르지 않다 "no different", 만은 아니다 "not only", -지 않으면 "unless"
    assert run("negation.polarity", "We are no different.", "우리도 다르지 않다.") == []
    assert (
        run(
            "negation.polarity",
            "Higher prices are not only good news for farmers.",
            "높은 가격이 농민에게 좋은 소식만은 아니다.",
        )
        == []
    )
    assert (
        run(
            "negation.polarity",
            "Unless the structure is fixed, prices will rise again.",
            "구조가 바뀌지 않으면 가격은 다시 오를 것이다.",
        )
        == []
    )
    # against an affirmative Korean sentence they are no negation
    assert run("negation.polarity", "It is a lesson in what not to do.", "그것은 반면교사다.") == []


@pytest.mark.parametrize(
    ("korean", "faulty", "fixed", "flagged", "suggestion"),
    [
        (
            "연금 개혁에 성공한 스웨덴은 자동조정장치를 도입했다.",
            "Switzerland, which succeeded in pension reform, introduced an automatic mechanism.",
            "Sweden, which succeeded in pension reform, introduced an automatic mechanism.",
            "Switzerland",
            "Sweden",
        ),
        (
            "호주 해군은 한국산 호위함 도입을 검토하고 있다.",
            "The Austrian navy is considering Korean-built frigates.",
            "The Australian navy is considering Korean-built frigates.",
            "Austrian",
            "Australian",
        ),
        (
            "이라크 정부는 시리아와의 국경을 폐쇄했다.",
            "The Iranian government closed its border with Syria.",
            "The Iraqi government closed its border with Syria.",
            "Iranian",
            "Iraqi",
        ),
    ],
)
def test_country_swapped_for_a_confusable_one(korean, faulty, fixed, flagged, suggestion):
    (found,) = run("entity.country_swap", faulty, korean)
    assert (found.text, found.suggestion) == (flagged, suggestion)
    assert run("entity.country_swap", fixed, korean) == []


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        # another country, not a confusable one: a loose translation or a misalignment
        (
            "프랑스 연구팀이 차드 북부에서 두개골을 발견했다.",
            "The skull was found in northern Chad.",
        ),
        # "the North" for 북한; "Korea" for either Korea
        (
            "북한은 관광 중단에 대한 사과를 요구했다.",
            "The North demanded that the South apologize.",
        ),
        ("북한군은 휴전선 인근에서 훈련했다.", "The Korean People's Army drilled near the border."),
        # a form inside another word is no country: 볼리비아 holds 리비아 (Libya)
        ("볼리비아는 리튬을 수출한다.", "Bolivia exports lithium."),
        # 이란 is also a particle, so never evidence, but the sentence may well be about Iran
        (
            "이라크 정부는 이란과의 국경을 폐쇄했다.",
            "The Iraqi government closed its border with Iran.",
        ),
    ],
)
def test_loose_renderings_and_other_words_are_no_country_swap(korean, english):
    assert run("entity.country_swap", english, korean) == []
