"""Property tests: no input makes ingest, segmentation or the checks fail in an unnamed way.

Bytes either decode to text or raise ``DecodeError``; a file either becomes a document or
raises ``IngestError``; any text (control characters, lone surrogates, mixed scripts, tag
soup) becomes a document whose regions, passages, sentences and findings all lie inside its
text, with every finding's ``text`` equal to the text at its offsets, and no check crashes.

Runs are derandomized, so the suite sees the same examples every time. To explore, set
``MTREVIEW_FUZZ_RANDOM=1`` (and ``MTREVIEW_FUZZ_EXAMPLES=2000`` for more examples).
"""

from __future__ import annotations

import codecs
import os

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from pipeline.checks.registry import CheckContext, run_checks
from pipeline.ingest import DecodeError, IngestError, build_document, decode_bytes, html_to_text
from pipeline.ingest.decode import unstorable
from pipeline.ingest.document import document_from_text
from pipeline.ingest.html import HtmlError
from pipeline.lexicon.termbase import Termbase
from pipeline.model import AlignedPair, Document, Finding, Passage
from pipeline.pair.passages import align_passages
from pipeline.segment import segment_document

RANDOM = os.environ.get("MTREVIEW_FUZZ_RANDOM") == "1"


def fuzz_settings(examples: int):
    return settings(
        max_examples=int(os.environ.get("MTREVIEW_FUZZ_EXAMPLES", examples)),
        deadline=None,
        derandomize=not RANDOM,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# --- alphabets and words ------------------------------------------------------------------

MIXED = (
    "abcXYZ 가나다한국어북한 쿠르스크 ПутинРоссия مرحبا שלום 日本語中文 ไทย ñéüß "
    "0123456789 .,;:!?…·-–—“”‘’\"'()[]«»「」『』%$€₩ \u200b\u200d\u200e\u200f\u202e\u2066"
    "\u00a0\u3000\ufeff\ufffd\u0301\u0308 😀👍🏽🇰🇷 \t\n\n\r\x0b\x0c\x85\u2028\u2029"
)
CHARACTERS = st.one_of(
    st.sampled_from(MIXED),
    st.characters(),  # any code point but a surrogate
    st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Mn"]),
)
WITH_SURROGATES = st.one_of(CHARACTERS, st.characters(categories=["Cs"]))
WORDS = st.sampled_from(
    [
        "The", "the", "Kim", "Jong-un", "Kursk", "Peninsula", "North", "Korea", "Korean",
        "war", "Russo-Japanese", "War", "said", "on", "Monday", "12", "2025", "Dec.",
        "3,000", "troops", "50,000", "tons", "Google", "Translate", "translated", "(", ")",
        "“", "”", '"', ".", ",", "?", "!", "\n", "\n\n", "원문", "쿠르스크", "파병", "1만",
        "5천", "명", "4월", "28일", "않았다", "했다.", "Park", "Ji-won", "Professor", "of",
        "Seoul", "Pyongyang", "Korean War", "a drop in the bucket", "no", "not", "never",
        "Copyright", "©", "All rights reserved", "Recent Posts", "top of page", "By", "Vol.",
        "$1.5 bn.", "Mr.", "percent", "%", "million", "billion", "Jan. 3", "2025-12-14",
    ]
)  # fmt: skip
PROSE = st.lists(WORDS, max_size=60).map(" ".join)
TEXT = st.one_of(
    st.text(CHARACTERS, max_size=200),
    st.text(WITH_SURROGATES, max_size=50),
    PROSE,
    st.lists(st.one_of(PROSE, st.text(CHARACTERS, max_size=20)), max_size=6).map("".join),
)

TAGS = [
    "div", "p", "span", "b", "br", "script", "style", "nav", "header", "footer", "aside",
    "article", "main", "h1", "title", "table", "tr", "td", "pre", "li", "ul", "svg",
    "noscript", "template", "a", "meta", "time", "iframe", "html", "body", "head", "!--",
]  # fmt: skip
ATTRIBUTES = st.sampled_from(
    [
        "", ' class="nav"', ' class="article-body"', ' id="footer"', " hidden",
        ' style="display:none"', ' aria-hidden="true"', ' role="navigation"', ' lang="ko"',
        ' name="author" content="Park"', ' property="og:title" content="T"',
        ' datetime="2025-12-14"', ' charset="euc-kr"', ' rel="canonical" href="/x"',
        " class='unclosed", ' a="<p>"',
    ]
)  # fmt: skip
TAG_SOUP = st.lists(
    st.one_of(
        st.builds(lambda t, a: f"<{t}{a}>", st.sampled_from(TAGS), ATTRIBUTES),
        st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
        st.sampled_from(["&amp;", "&nbsp;", "&#0;", "&#xD800;", "&#99999999;", "&bogus", "<", ">"]),
        st.sampled_from(["<!--", "-->", "<![CDATA[", "]]>", "<?xml version='1.0'?>", "<!DOCTYPE"]),
        TEXT,
    ),
    max_size=40,
).map("".join)


# --- invariants ---------------------------------------------------------------------------


def assert_document_consistent(doc: Document) -> None:
    text = doc.text
    previous_end = 0
    for region in doc.regions:
        assert previous_end <= region.start < region.end <= len(text), region
        previous_end = region.end
    if doc.provenance is not None:
        p = doc.provenance
        assert 0 <= p.start < p.end <= len(text) and text[p.start : p.end] == p.note


def check_document(
    doc: Document, source: Document | None = None, passages: list[Passage] | None = None
) -> list[Finding]:
    """Segment ``doc`` (unless its ``passages`` are given) and run every check on it the way
    the runner does (as English, with ``source`` as its Korean original); assert that every
    offset is true."""
    assert_document_consistent(doc)
    passages = segment_document(doc) if passages is None else passages
    previous_end = 0
    for passage in passages:
        assert previous_end <= passage.start < passage.end <= len(doc.text)
        assert doc.text[passage.start : passage.end] == passage.text
        previous_end = passage.end
        for segment in passage.segments:
            assert passage.start <= segment.start < segment.end <= passage.end
            assert doc.text[segment.start : segment.end] == segment.text
    doc.lang = "en"  # checks run on English documents only: run them on any text
    pairs, links = [AlignedPair(target=p) for p in passages], []
    if source is not None:
        assert_document_consistent(source)
        pairs, links = align_passages(passages, segment_document(source))
    ctx = CheckContext(
        document=doc,
        passages=passages,
        pairs=pairs,
        trusted=[],
        source=source,
        resources={"termbase": Termbase(), "sentence_links": links},
    )
    found, errors = run_checks(pairs, ctx)
    assert errors == []
    for finding in found:
        assert 0 <= finding.start <= finding.end <= len(doc.text), finding
        assert finding.text == doc.text[finding.start : finding.end], finding
    return found


def text_document(text: str, path: str = "fuzz.en.txt", lang: str | None = None) -> Document:
    return document_from_text(path, text, "text", lang, None, "0", "utf-8")


# --- bytes --------------------------------------------------------------------------------

CODECS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp949"]


@st.composite
def damaged_encodings(draw) -> bytes:
    """Text in an encoding Korean sites use, then truncated, spliced or corrupted."""
    text = draw(st.one_of(PROSE, st.text(st.sampled_from(MIXED), max_size=80)))
    raw = text.encode(draw(st.sampled_from(CODECS)), "ignore")
    cut = draw(st.integers(0, len(raw)))
    damage = draw(st.sampled_from(["none", "truncate", "splice", "flip", "prefix"]))
    if damage == "truncate":
        raw = raw[:cut]
    elif damage == "splice":
        raw = raw[:cut] + draw(st.binary(max_size=8)) + raw[cut:]
    elif damage == "flip" and raw:
        i = cut % len(raw)
        raw = raw[:i] + bytes([raw[i] ^ draw(st.integers(1, 255))]) + raw[i + 1 :]
    elif damage == "prefix":
        boms = [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]
        raw = draw(st.sampled_from(boms)) + raw
    return raw


BYTES = st.one_of(st.binary(max_size=300), damaged_encodings())


@fuzz_settings(400)
@given(raw=BYTES)
@example(raw=b"hello \xed\xa0\x80 world")  # an encoded lone surrogate (CESU-8)
@example(raw=b"\xef\xbb\xbfhello\x00world")  # a NUL behind a byte-order mark
@example(raw="\ufeffab".encode("utf-16-le")[:-1])  # UTF-16 cut in a character
def test_any_bytes_decode_to_text_or_a_named_decode_error(raw):
    try:
        text, encoding = decode_bytes(raw)
    except DecodeError as exc:
        assert exc.reason
        return
    assert text and encoding
    assert "\x00" not in text
    assert not any("\ud800" <= ch <= "\udfff" for ch in text)
    text.encode("utf-8")  # storable as it is


@fuzz_settings(200)
@given(raw=BYTES, fmt=st.sampled_from(["text", "html"]), lang=st.sampled_from([None, "en"]))
def test_any_file_becomes_a_document_or_a_named_ingest_error(raw, fmt, lang):
    try:
        doc = build_document("fuzz.en.txt", raw, fmt, lang, None)
    except IngestError as exc:
        assert exc.path == "fuzz.en.txt" and exc.reason
        return
    assert doc.text.strip()
    assert_document_consistent(doc)


# --- text ---------------------------------------------------------------------------------


@fuzz_settings(200)
@given(text=TEXT, lang=st.sampled_from([None, "en", "ko"]))
@example(text="\ud800 lone \udfff surrogates\x00\x07 and 한국어 mixed", lang=None)
def test_any_text_is_segmented_and_checked_with_true_offsets(text, lang):
    try:
        doc = text_document(text, lang=lang)
    except IngestError as exc:
        if text.strip():
            assert exc.reason == unstorable(text)
        else:
            assert "no text" in exc.reason
        return
    event("findings" if check_document(doc) else "no findings")


@fuzz_settings(100)
@given(english=TEXT, korean=TEXT)
def test_any_text_with_any_korean_original_is_checked_with_true_offsets(english, korean):
    try:
        doc = text_document(english)
        source = text_document(korean, "fuzz.ko.txt", "ko")
    except IngestError:
        return
    event("findings" if check_document(doc, source) else "no findings")


@fuzz_settings(200)
@given(markup=TAG_SOUP)
@example(markup="<div>" * 3000 + "<p>Deep text.</p>")
def test_tag_soup_gives_visible_text_with_true_offsets_or_a_named_error(markup):
    try:
        page = html_to_text(markup)
    except HtmlError as exc:  # the only page the parser gives up on: one nested too deeply
        assert exc.reason.startswith("the HTML parser gave up: elements nested deeper than")
        return
    assert page.text == page.text.strip()
    assert "\x00" not in page.text
    previous_end = 0
    for region in page.regions:
        assert previous_end <= region.start < region.end <= len(page.text)
        previous_end = region.end
    try:
        doc = document_from_text("fuzz.en.html", markup, "html", None, None, "0", "utf-8")
    except IngestError as exc:
        assert exc.reason == "no visible text in the HTML page"
        return
    event("findings" if check_document(doc) else "no findings")


def test_the_offset_checks_above_see_findings():
    """The properties above are not vacuous: text like theirs does produce findings."""
    doc = text_document("The the troops reached the Kursk Peninsula on Monday.\n\n원문 쿠르스크")
    found = check_document(doc)
    assert {"fluency.doubled_word", "geo.feature_mismatch"} <= {f.check for f in found}
