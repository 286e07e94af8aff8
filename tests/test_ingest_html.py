"""html_to_text: the visible text of a page as a browser shows it, furniture labelled."""

from __future__ import annotations

from pathlib import Path

from pipeline.ingest import html_to_text
from pipeline.model import REGION_KINDS

DATA = Path(__file__).parent / "data" / "ingest"


def assert_regions_valid(text, regions):
    previous_end = 0
    for region in regions:
        assert region.kind in REGION_KINDS
        assert 0 <= region.start < region.end <= len(text), region
        assert region.start >= previous_end, "regions overlap or are unsorted"
        previous_end = region.end


def boilerplate_text(page):
    return "\n".join(page.text[r.start : r.end] for r in page.regions if r.kind == "boilerplate")


def test_paragraphs_come_out_one_per_line_with_blank_lines_between():
    page = html_to_text("<body><p>첫 번째   문단\n입니다.</p><p>Second <b>bold</b> one.</p></body>")
    assert page.text == "첫 번째 문단 입니다.\n\nSecond bold one."


def test_script_style_noscript_template_and_svg_are_not_visible():
    page = html_to_text(
        "<html><head><style>p{color:red}</style><script>var a = '<p>no</p>';</script></head>"
        "<body><p>Visible</p><noscript>Enable JS</noscript><template><p>tpl</p></template>"
        "<svg><text>chart label</text></svg><script>track()</script>after</body></html>"
    )
    assert page.text == "Visible\n\nafter"


def test_hidden_elements_are_not_visible_but_their_tail_is():
    page = html_to_text(
        '<p>one <span hidden>secret</span>two <span aria-hidden="true">icon</span>three '
        '<em style="color: red; display : none">gone</em>four</p>'
    )
    assert page.text == "one two three four"


def test_br_breaks_lines_and_list_items_are_lines():
    page = html_to_text("<div>line<br>next<br><br>after gap</div><ul><li>a</li><li>b</li></ul>")
    assert page.text == "line\nnext\n\nafter gap\n\na\nb"


def test_entities_are_decoded_and_nbsp_kept():
    page = html_to_text("<p>Kim&#8217;s &ldquo;blood&rdquo; pact&nbsp;&amp; 북&middot;러</p>")
    assert page.text == "Kim’s “blood” pact\u00a0& 북·러"


def test_pre_keeps_its_whitespace():
    page = html_to_text("<p>x</p><pre>a  b\n   c</pre>")
    assert page.text == "x\n\na  b\n   c"


def test_nav_header_footer_aside_are_boilerplate_regions():
    page = html_to_text(
        "<body><header><a>Logo</a></header><nav><a>Home</a> <a>World</a></nav>"
        "<main><article><header><h1>Real title</h1></header><p>Body text here.</p></article>"
        "</main><aside>Most read</aside><footer>© 2025 Example</footer></body>"
    )
    assert_regions_valid(page.text, page.regions)
    furniture = boilerplate_text(page)
    assert "Logo" in furniture and "Home World" in furniture
    assert "Most read" in furniture and "© 2025 Example" in furniture
    # a header inside the article is the article's own header, not page furniture
    assert "Real title" not in furniture and "Body text here." not in furniture


def test_class_id_and_role_names_mark_furniture_but_not_a_wrapper_holding_the_article():
    page = html_to_text(
        '<div class="share-buttons">Share Tweet</div><div id="cookie-banner">We use cookies</div>'
        '<div role="navigation">Prev Next</div><div class="jp-relatedposts">Other post</div>'
        '<div class="content-with-sidebar"><article><h1>Kept</h1><p>Article body.</p></article>'
        "</div>"
    )
    furniture = boilerplate_text(page)
    for text in ("Share Tweet", "We use cookies", "Prev Next", "Other post"):
        assert text in furniture
    assert "Article body." not in furniture


def test_metadata_from_meta_tags():
    page = html_to_text(
        '<html lang="ko-KR"><head><title>Site | Headline</title>'
        '<meta property="og:title" content="Headline">'
        '<meta name="author" content="홍길동 기자">'
        '<meta property="article:published_time" content="2025-12-14T16:30:00+09:00">'
        '<link rel="canonical" href="https://news.example/a/1"></head><body><p>x</p></body></html>'
    )
    assert (page.title, page.byline, page.date, page.url, page.lang) == (
        "Headline",
        "홍길동 기자",
        "2025-12-14",
        "https://news.example/a/1",
        "ko",
    )


def test_metadata_falls_back_to_h1_time_and_og_url():
    page = html_to_text(
        '<head><meta property="og:url" content="https://blog.example/p"></head>'
        '<body><h1>Visible Title</h1><time datetime="2024-03-05">March 5</time></body>'
    )
    assert (page.title, page.date, page.url, page.lang) == (
        "Visible Title",
        "2024-03-05",
        "https://blog.example/p",
        None,
    )


def test_broken_and_empty_markup_does_not_crash():
    assert html_to_text("").text == ""
    assert html_to_text("   ").text == ""
    page = html_to_text("<div><p>unclosed <b>bold <i>both</div><td>stray cell</p></span>")
    assert "unclosed bold both" in page.text and "stray cell" in page.text
    assert html_to_text("<?xml version='1.0' encoding='utf-8'?><html><p>x</p></html>").text == "x"
    assert html_to_text("<p>nul\x00 byte</p>").text == "nul byte"


def test_korean_news_page_visible_text_and_furniture():
    page = html_to_text((DATA / "korean_news.html").read_text(encoding="utf-8"))
    assert_regions_valid(page.text, page.regions)
    assert "gtag" not in page.text and ".gnb" not in page.text  # script and style
    assert "전남 고흥과 완도 일대 김 양식장에서" in page.text
    furniture = boilerplate_text(page)
    for text in ("정치\n경제", "로그인", "홈 > 지역 > 전남", "많이 본 뉴스", "관련기사", "댓글"):
        assert text in furniture, text
    assert "Copyright © 2025 한빛일보" in furniture
    assert "고수온으로 인한 황백화 피해" not in furniture
    assert page.title == '남해안 김 양식장 고수온 피해 확산…어민들 "정부 대책 시급"'
    assert page.date == "2025-11-27" and page.lang == "ko"


def test_deeply_nested_page_builder_markup_keeps_its_text():
    # Wix-style builders nest hundreds of divs; recursion or libxml2's default cap (255) lose text
    depth = 1500
    page = html_to_text(
        "<p>a</p>" + "<div>" * depth + "deep text" + "</div>" * depth + "<nav>n</nav>"
    )
    assert page.text == "a\n\ndeep text\nn"
    assert [page.text[r.start : r.end] for r in page.regions] == ["n"]
