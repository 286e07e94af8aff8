"""find_boilerplate: general rules for page furniture in scraped text."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import find_boilerplate

DATA = Path(__file__).parent / "data" / "ingest"
BODY = (
    "Seoul will open six new late-night bus routes next month to cover neighbourhoods that "
    "lost service when subway operating hours were cut back, the city government said.\n\n"
    "The routes will run between midnight and 5 a.m. and link outlying districts to central "
    "transfer points at Seoul Station and Gangnam Station, officials said on Monday.\n"
)


def marked(text):
    return [text[r.start : r.end] for r in find_boilerplate(text)]


def assert_regions_valid(text, regions):
    previous_end = 0
    for region in regions:
        assert region.kind == "boilerplate"
        assert 0 <= region.start < region.end <= len(text)
        assert region.start >= previous_end
        previous_end = region.end


@pytest.mark.parametrize(
    "line",
    [
        "top of page", "Bottom of Page", "Skip to main content", "Log In", "Menu", "Share",
        "Print", "See All", "Back to top ↑ ", "Write a comment", "Subscribe", "12 comments",
        "1,024 views", "Facebook Twitter LinkedIn", "Home > World > Asia",
        "© 2025 The Seoul Ledger", "Copyright 2024 Example Media Inc.",
        "Example News. All Rights Reserved.", "Contact Us: desk@example.org",
        "공유하기", "목록", "맨 위로", "댓글 3", "[관련기사]",
        "저작권자 © 한빛일보 무단전재 및 재배포 금지", "박서연 기자 sypark@hanbitilbo.example",
        "카카오톡 페이스북 트위터", "\u00a0 \u00a0", "Tags: North Korea, Russia", "Posted in Food",
        "태그: 북한, 러시아",
    ],
)  # fmt: skip
def test_furniture_line_is_marked_whole(line):
    text = BODY + line + "\n" + BODY
    regions = find_boilerplate(text)
    start = len(BODY)
    if line.strip():  # a furniture line is marked without surrounding spaces
        start, line = start + len(line) - len(line.lstrip()), line.strip()
    assert [(r.start, r.end) for r in regions] == [(start, start + len(line))]


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell sharply on Monday.",
        "Comments from the ministry were not immediately available.",
        "The menu at the state banquet included cold noodles.",
        "Copyright law reform stalled in the National Assembly.",
        "댓글 조작 의혹에 대한 수사가 시작됐다.",
        "목록에 오른 기업은 모두 12곳이다.",
    ],
)
def test_body_sentences_that_mention_furniture_words_are_not_marked(line):
    text = BODY + line + "\n" + BODY
    assert find_boilerplate(text) == []


def test_empty_lines_are_not_regions_but_nbsp_lines_are():
    text = "Body line one.\n\n\u00a0\n\nBody line two."
    assert marked(text) == ["\u00a0"]


def test_everything_after_a_trailing_furniture_heading_is_boilerplate():
    tail = "Recent Posts\n\nSee All\nA teaser title\n\nTeaser body cut off mid wo"
    text = BODY + "\n" + tail
    assert marked(text) == [tail]


def test_korean_related_articles_heading_ends_the_body():
    body = (
        "전남 고흥과 완도 일대 김 양식장에서 고수온으로 인한 황백화 피해가 잇따르면서 올해 첫 물김 "
        "생산량이 지난해보다 30% 이상 줄어들 것이라는 전망이 나왔다.\n"
        "전남도는 다음 달 초까지 피해 실태를 조사한 뒤 해양수산부에 특별재난지역 지정을 건의할 "
        "계획이다. 도 관계자는 수온 관측 부표를 추가로 설치하겠다고 밝혔다.\n"
    )
    tail = "관련기사\n고수온에 전복 폐사 잇따라\n해수부, 보상 기준 개선 검토"
    assert marked(body + tail) == [tail]


def test_furniture_heading_before_the_body_does_not_swallow_the_article():
    text = "Comments\n" + BODY + BODY
    assert marked(text) == ["Comments"]


def test_sidebar_heading_in_the_middle_of_a_long_article_only_marks_itself():
    text = BODY + "Related Articles\n" + BODY * 3
    assert marked(text) == ["Related Articles"]


def test_text_is_never_changed_and_regions_are_valid_on_a_scraped_page():
    raw = (DATA / "scraped_news.txt").read_text(encoding="utf-8")
    copy = str(raw)
    regions = find_boilerplate(raw)
    assert raw == copy
    assert_regions_valid(raw, regions)
    furniture = "\n".join(raw[r.start : r.end] for r in regions)
    assert "Skip to main content" in furniture and "Back to top" in furniture
    assert "Metro fares to rise 150 won in October" in furniture  # teaser after Related Articles
    assert "Owl" not in furniture and "Fares will be 2,500 won" not in furniture
