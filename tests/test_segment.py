"""Paragraphs and sentences keep exact offsets into the document text."""

from pathlib import Path

from pipeline.model import Document, Region
from pipeline.segment import is_hard_wrapped, segment_document, split_sentences

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def make_doc(text: str, regions=(), lang="en") -> Document:
    return Document(
        path="x.en.txt",
        text=text,
        lang=lang,
        content_hash="0",
        encoding="utf-8",
        regions=list(regions),
    )


def assert_offsets_true(doc, passages):
    for p in passages:
        assert doc.text[p.start : p.end] == p.text
        for s in p.segments:
            assert p.start <= s.start < s.end <= p.end
            assert doc.text[s.start : s.end] == s.text


def test_scraped_page_has_one_paragraph_per_line():
    text = (SEEDS / "001_47540a53c01c72d8.txt").read_text("utf-8")
    doc = make_doc(text)
    passages = segment_document(doc)
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(passages) == len(lines)
    assert_offsets_true(doc, passages)


def test_hard_wrapped_text_joins_lines_into_blank_line_paragraphs():
    para = (
        "The minister said on Tuesday that the new budget would raise spending on\n"
        "public hospitals by twelve percent over the next three years. It would cut\n"
        "subsidies for fossil fuels that had been in place since the early nineties.\n"
    )
    text = para + "\n" + para + "\n" + para
    assert is_hard_wrapped(text)
    doc = make_doc(text)
    passages = segment_document(doc)
    assert len(passages) == 3
    assert all(len(p.segments) == 2 for p in passages)
    assert_offsets_true(doc, passages)


def test_regions_become_their_own_passages_with_their_kind():
    text = (
        "top of page\nA Title Without a Period\nThe body starts here. It goes on.\n© 2025 Someone"
    )
    regions = [Region(0, 11, "boilerplate"), Region(12, 36, "title"), Region(71, 85, "boilerplate")]
    doc = make_doc(text, regions)
    passages = segment_document(doc)
    assert [p.kind for p in passages] == ["boilerplate", "title", "body", "boilerplate"]
    assert [p.reviewable for p in passages] == [False, True, True, False]
    assert passages[2].text == "The body starts here. It goes on."
    assert_offsets_true(doc, passages)


def test_korean_sentences_are_split_by_kiwi():
    text = (
        "북한은 지난해 4월 28일 파병을 공식 인정했다. "
        "두 달 뒤인 7월 5일 추모시를 실었다. 누가 죽고 싶겠나?"
    )
    segments = split_sentences(text, "ko", offset=100)
    assert [s.text for s in segments] == [
        "북한은 지난해 4월 28일 파병을 공식 인정했다.",
        "두 달 뒤인 7월 5일 추모시를 실었다.",
        "누가 죽고 싶겠나?",
    ]
    assert segments[1].start == 100 + text.index("두 달")


def test_english_abbreviations_do_not_split_sentences():
    text = "Dr. Lee met U.S. officials on Monday. They spoke for an hour."
    assert [s.text for s in split_sentences(text, "en")] == [
        "Dr. Lee met U.S. officials on Monday.",
        "They spoke for an hour.",
    ]


def test_repeated_sentence_gets_its_own_offsets():
    text = "We will not forget. We will not forget. They said so."
    segments = split_sentences(text, "en")
    assert [s.start for s in segments] == [0, 20, 40]


def test_korean_run_on_sentences_without_punctuation_go_to_kiwi():
    text = (
        "정부는 내년 예산안을 발표했다 국회는 다음 달 심의를 시작한다 "
        "야당은 복지 예산 삭감에 반대하고 있으며 여당은 재정 건전성을 강조하고 있다 "
        "전문가들은 경기 둔화 우려가 커지는 상황에서 긴축 기조가 적절한지 따져봐야 한다고 말했다 "
        "한편 지방자치단체들은 교부금 축소에 대비해 자체 사업을 재검토하고 있다고 밝혔다 "
        "정부 관계자는 필요하면 추경을 검토하겠다고 덧붙였다"
    )
    assert len(split_sentences(text, "ko")) >= 3


def test_korean_quotes_and_decimals_do_not_cut_sentences():
    text = '그는 "물가가 3.5% 올랐다."라고 말했다. 정부는 대책을 내놓았다.'
    assert [s.text for s in split_sentences(text, "ko")] == [
        '그는 "물가가 3.5% 올랐다."라고 말했다.',
        "정부는 대책을 내놓았다.",
    ]
