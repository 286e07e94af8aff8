"""build_document: bytes of one file to a Document with regions and metadata."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pipeline.ingest import IngestError, ManifestEntry, build_document
from pipeline.model import REGION_KINDS

SEEDS = Path("/work/shared/seeds")
DATA = Path(__file__).parent / "data" / "ingest"


def assert_regions_valid(doc):
    previous_end = 0
    for region in doc.regions:
        assert region.kind in REGION_KINDS
        assert 0 <= region.start < region.end <= len(doc.text), region
        assert region.start >= previous_end, f"overlap or unsorted at {region}"
        previous_end = region.end
    if doc.provenance:
        assert doc.text[doc.provenance.start : doc.provenance.end] == doc.provenance.note


def texts(doc, kind):
    return [doc.text[r.start : r.end] for r in doc.regions if r.kind == kind]


def covered(doc, needle, kind="boilerplate"):
    """Whether the whole of ``needle`` lies inside one region of ``kind``."""
    at = doc.text.index(needle)
    return any(r.kind == kind and r.start <= at and at + len(needle) <= r.end for r in doc.regions)


def touched(doc, needle):
    at = doc.text.index(needle)
    return any(r.start < at + len(needle) and at < r.end for r in doc.regions)


@pytest.fixture(scope="module")
def column():
    raw = (SEEDS / "000_13818d9f3b864ae4.txt").read_bytes()
    return raw, build_document("column.en.txt", raw, "text", None, None)


def test_seed_column_text_is_the_file_unchanged(column):
    raw, doc = column
    assert doc.text == raw.decode("utf-8")
    assert doc.content_hash == hashlib.sha256(raw).hexdigest()
    assert (doc.encoding, doc.format, doc.lang) == ("utf-8", "text", "en")
    assert_regions_valid(doc)


def test_seed_column_title_byline_and_google_translate_provenance(column):
    _, doc = column
    assert doc.title == '[Kiho Han\'s Column] Tears of Kursk and the "Blood Pact" Bill'
    assert texts(doc, "title") == [doc.title]
    assert doc.byline.startswith("Dr. Kiho Han, Director (Associate Professor)")
    assert texts(doc, "byline") == [doc.byline]
    assert doc.provenance.engine == "Google Translate"
    assert texts(doc, "provenance") == [doc.provenance.note]
    assert "translated into English with the help of Google Translate" in doc.provenance.note


def test_seed_column_furniture_is_marked_and_body_paragraphs_are_not(column):
    _, doc = column
    for furniture in (
        "top of page",
        "Recent Posts",
        "See All",
        "A Chinese path to peace on the Korean Peninsula",
        "Comments",
        "All Rights Reserved. Contact Us: brianahn@cukpe.org",
        "bottom of page",
    ):
        assert covered(doc, furniture), furniture
    for body in (
        "The international community has been in turmoil since the beginning of the year",
        ". The ouster of Venezuelan President Maduro",
        'Looking back, without this "almighty sword,"',
        "First, there is the contradiction and persistence",
        'Kursk has become a "mass graveyard" for North Korean youth',
        "Who would want to die? Who would take their life so lightly?",
    ):
        assert not touched(doc, body), body


def test_seed_news_report_dateline_and_date():
    raw = (SEEDS / "001_47540a53c01c72d8.txt").read_bytes()
    doc = build_document("news.en.txt", raw, "text", "en", ManifestEntry(trusted=True))
    assert_regions_valid(doc)
    assert doc.date == "2025-12-14"
    assert texts(doc, "dateline") == [
        "date 2025-12-14",
        "Published: 14 Dec. 2025, 16:30 Updated: 14 Dec. 2025, 16:52",
    ]
    assert doc.title.startswith("North's Kim makes rare acknowledgement")
    assert doc.trusted is True and doc.provenance is None
    assert not any(r.kind == "boilerplate" for r in doc.regions)


def test_korean_news_html_page():
    raw = (DATA / "korean_news.html").read_bytes()
    doc = build_document("news/gim.ko.html", raw, "html", None, None)
    assert_regions_valid(doc)
    assert (doc.lang, doc.format, doc.date) == ("ko", "html", "2025-11-27")
    assert doc.title == '남해안 김 양식장 고수온 피해 확산…어민들 "정부 대책 시급"'
    assert doc.url == "https://www.hanbitilbo.example/news/articleView.html?idxno=48213"
    assert texts(doc, "byline") == ["박서연 기자"]
    assert texts(doc, "dateline") == ["입력 2025.11.27 09:41 | 수정 2025.11.27 14:05"]
    for furniture in (
        "본문 바로가기",
        "홈 > 지역 > 전남",
        "박서연 기자 sypark@hanbitilbo.example",
        "저작권자 © 한빛일보 무단전재 및 재배포 금지",
        "관련기사",
        "고수온에 전복 폐사 잇따라…완도 어가 피해 눈덩이",
        "첫 번째 댓글을 남겨주세요.",
        "많이 본 뉴스",
        "Copyright © 2025 한빛일보. All rights reserved.",
    ):
        assert covered(doc, furniture), furniture
    for body in (
        "전남 고흥과 완도 일대 김 양식장에서",
        "완도군 노화읍에서 30년째",
        "전남도는 다음 달 초까지 피해 실태를 조사한 뒤",
    ):
        assert not touched(doc, body), body


def test_korean_news_html_in_euc_kr_uses_the_declared_page():
    # EUC-KR has no ©, so such pages write the entity
    markup = (DATA / "korean_news.html").read_text(encoding="utf-8").replace("©", "&copy;")
    utf8 = build_document("a.html", markup.encode("utf-8"), "html", None, None)
    euc = markup.replace('<meta charset="utf-8">', '<meta charset="euc-kr">').encode("euc-kr")
    doc = build_document("a.html", euc, "html", None, None)
    assert doc.encoding == "cp949"
    assert (doc.text, doc.regions) == (utf8.text, utf8.regions)


def test_wordpress_blog_page_with_deepl_note():
    raw = (DATA / "wordpress_blog.html").read_bytes()
    doc = build_document("harbour.en.html", raw, "html", None, None)
    assert_regions_valid(doc)
    assert doc.lang == "en"
    assert doc.title == "Why Busan’s Fish Market Auctions Start Before Dawn"
    assert (doc.byline, doc.date) == ("Mina Cho", "2025-10-08")
    assert doc.url == "https://harbournotes.example/2025/10/busan-fish-market-auctions/"
    assert texts(doc, "dateline") == ["Posted on October 8, 2025"]
    assert texts(doc, "byline") == ["by Mina Cho"]
    assert doc.provenance.engine == "DeepL"
    assert doc.provenance.note == (
        "This post was translated from Korean with DeepL and edited by the author."
    )
    for furniture in (
        "Skip to content",
        "Menu",
        "Share this:",
        "Related",
        "2 thoughts on",
        "Great tip about the yellow line!",
        "Leave a Reply",
        "Recent Posts",
        "Tongyeong by Ferry",
        "Proudly powered by WordPress",
    ):
        assert covered(doc, furniture), furniture
    for body in (
        "At four in the morning the concrete floor",
        "What visitors should know",
        "Photographs are allowed, but flash is not.",
        "Buyers signal their bids with hand gestures",
    ):
        assert not touched(doc, body), body
    assert "_wpemojiSettings" not in doc.text and "wp-block-image" not in doc.text


def test_scraped_english_news_text_page():
    raw = (DATA / "scraped_news.txt").read_bytes()
    doc = build_document("owl.en.txt", raw, "text", None, None)
    assert_regions_valid(doc)
    assert doc.title == "Seoul to add six late-night bus routes as subway hours stay short"
    assert doc.byline == "By Hyejin Park, Staff Reporter"
    assert doc.date == "2025-11-03"
    for furniture in (
        "Skip to main content",
        "Log In",
        "Home > National > Transport",
        "Facebook Twitter LinkedIn Email",
        "Related Articles",
        "Late-night taxi surcharge to widen to 40 percent",
        "3 Comments",
        "Contact us: newsdesk@seoulledger.example",
        "Back to top",
    ):
        assert covered(doc, furniture), furniture
    assert not touched(doc, "Fares will be 2,500 won")


def test_manifest_values_win_over_detected_ones():
    raw = (SEEDS / "001_47540a53c01c72d8.txt").read_bytes()
    entry = ManifestEntry(
        trusted=True,
        original="orig/news.ko.txt",
        title="Given title",
        date="2025-12-13",
        url="https://example.org/n",
    )
    doc = build_document("news.en.txt", raw, "text", None, entry)
    assert (doc.title, doc.date, doc.url) == ("Given title", "2025-12-13", "https://example.org/n")
    assert (doc.trusted, doc.original) == (True, "orig/news.ko.txt")


def test_cp949_korean_text_file_keeps_its_text_and_is_korean():
    text = (
        "남해안 김 양식장 피해 확산\r\n\r\n"
        "전남 고흥과 완도 일대 김 양식장에서 고수온 피해가 잇따랐다.\r\n"
    )
    doc = build_document("gim.txt", text.encode("cp949"), "text", None, None)
    assert (doc.text, doc.encoding, doc.lang) == (text, "cp949", "ko")
    assert texts(doc, "title") == ["남해안 김 양식장 피해 확산"]


def test_utf16_text_file_offsets_refer_to_decoded_text():
    text = (
        "top of page\nA Title for the Test\n\nBody sentence that is long enough to be prose here."
    )
    doc = build_document("t.en.txt", text.encode("utf-16"), "text", None, None)
    assert doc.text == text and doc.encoding == "utf-16"
    assert texts(doc, "boilerplate") == ["top of page"]


@pytest.mark.parametrize(
    ("raw", "fmt", "reason"),
    [
        (b"", "text", "empty file"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
            "text",
            "binary data (NUL bytes), not text",
        ),
        (b"  \n\t\n", "text", "no text (the file holds only whitespace)"),
        (
            b"<html><head><title>x</title><script>a()</script></head><body></body></html>",
            "html",
            "no visible text in the HTML page",
        ),
    ],
)
def test_unusable_files_raise_ingest_error_naming_path_and_reason(raw, fmt, reason):
    with pytest.raises(IngestError) as info:
        build_document("batch/bad.en.txt", raw, fmt, None, None)
    assert info.value.path == "batch/bad.en.txt"
    assert info.value.reason == reason
    assert str(info.value) == f"batch/bad.en.txt: {reason}"
