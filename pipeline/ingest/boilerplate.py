"""Page furniture in scraped text: lines a reader would not count as the article.

The rules are general to the way blog builders (Wix, WordPress, Blogger) and Korean news sites
render their pages, not tuned to one page:

* whole lines that are a navigation or widget label ("top of page", "Skip to main content",
  "Log In", "Menu", "Share", "Print", "See All", "Back to top", 공유하기, 목록, 맨 위로 …),
  optionally with a count ("3 comments", "댓글 0", "120 views");
* copyright lines (©, "All rights reserved", 저작권자, 무단전재 및 재배포 금지), contact lines
  with an e-mail address, a Korean reporter's "홍길동 기자 hong@…" sign-off line, rows of
  social network names, breadcrumb trails ("Home > World > Asia");
* lines made only of whitespace, no-break or zero-width spaces;
* trailing furniture: after a strong section heading that ends articles ("Recent Posts",
  "Related Articles", "Comments", 관련기사, 많이 본 뉴스 …), everything to the end of the text,
  provided the heading follows a real body and what follows is shorter than that body (so a
  sidebar scraped into the middle of an article does not swallow the rest of it).

The text is never changed; the result is a sorted list of non-overlapping regions.
"""

from __future__ import annotations

import re

from pipeline.ingest.lines import BLANK_CHARS, iter_lines, merge_spans, strip_span
from pipeline.model import Region

_LABELS = {
    # page structure and navigation (Wix, WordPress, Blogger, news sites)
    "top of page", "bottom of page", "skip to main content", "skip to content",
    "skip to navigation", "skip to footer", "back to top", "go to top", "top", "menu",
    "main menu", "open menu", "close menu", "toggle navigation", "navigation", "search",
    "home", "log in", "login", "sign in", "sign up", "register", "log in / sign up",
    "log out", "my account", "all posts", "more", "see all", "view all", "see more",
    "read more", "continue reading", "load more", "previous post", "next post",
    "older posts", "newer posts", "previous", "next", "categories", "tags", "archives",
    "advertisement", "sponsored", "ad",
    # sharing and reactions
    "share", "share this", "share this post", "share this article", "share this story",
    "share on facebook", "share on twitter", "share on x", "share on linkedin",
    "tweet", "print", "email", "e-mail", "copy link", "link copied", "like", "likes",
    "follow us", "follow", "subscribe", "subscribe now", "subscribe to our newsletter",
    "sign up for our newsletter", "newsletter", "font size", "text size",
    # end-of-article sections
    "recent posts", "related posts", "related articles", "related stories", "related",
    "you may also like", "you might also like", "more stories", "more from this author",
    "most read", "most popular", "popular posts", "trending", "read next", "latest news",
    "comments", "comment", "leave a comment", "leave a reply", "write a comment",
    "post comment", "add a comment", "no comments yet", "be the first to comment",
    "cancel reply",
    # Korean equivalents
    "관련기사", "관련 기사", "관련뉴스", "관련 뉴스", "많이 본 뉴스", "많이 본 기사",
    "많이본뉴스", "많이본 뉴스", "인기기사", "인기 기사", "최신기사", "최신 기사", "주요뉴스",
    "주요 뉴스", "추천기사", "추천 기사", "댓글", "댓글쓰기", "댓글 쓰기", "댓글달기",
    "댓글 달기", "댓글 보기", "공유", "공유하기", "기사 공유", "기사공유", "목록", "목록보기",
    "맨 위로", "맨위로", "위로", "top으로", "인쇄", "인쇄하기", "스크랩", "구독", "구독하기",
    "본문 바로가기", "본문바로가기", "바로가기", "로그인", "로그아웃", "회원가입", "검색",
    "메뉴", "전체메뉴", "전체 메뉴", "홈", "이전글",
    "다음글", "이전 글", "다음 글", "글자크기", "글자 크기", "기사제보", "제보하기", "광고",
    "좋아요", "추천", "url복사", "url 복사", "링크 복사",
}  # fmt: skip

_STRONG_HEADINGS = {
    "recent posts", "related posts", "related articles", "related stories",
    "you may also like", "you might also like", "more stories", "most read", "most popular",
    "popular posts", "read next", "comments", "leave a comment", "leave a reply",
    "write a comment", "관련기사", "관련 기사", "관련뉴스", "관련 뉴스", "많이 본 뉴스",
    "많이 본 기사", "많이본뉴스", "많이본 뉴스", "인기기사", "인기 기사", "추천기사",
    "추천 기사", "댓글", "댓글쓰기", "댓글 쓰기",
}  # fmt: skip

_SOCIAL = (
    r"facebook|twitter|x|linkedin|whatsapp|telegram|kakaotalk|kakao ?story|kakao|band|"
    r"naver|line|pinterest|reddit|email|e-mail|print|copy link|url|rss|youtube|instagram|"
    r"카카오톡|카카오스토리|카카오|페이스북|트위터|네이버|밴드|라인|이메일|인쇄|링크복사|링크 복사"
)
_RULES = [
    # counts: "3 comments", "120 views", "댓글 0", "조회수 1,024", "좋아요 5"
    re.compile(r"^\d[\d,.]*\s*(comments?|views?|likes?|shares?|replies|reply)$"),
    re.compile(r"^(comments?|views?|likes?)\s*[:(]?\s*\d[\d,.]*\)?$"),
    re.compile(r"^(댓글|조회수?|좋아요|추천|공유)\s*[:(]?\s*\d[\d,.]*\)?(\s*(건|회|개))?$"),
    # copyright and rights
    re.compile(r"^(©|ⓒ|\(c\)\s*\d{4}|copyright\s*(©|ⓒ|\(c\)|\d{4})|저작권자\s*[©ⓒ(:])"),
    re.compile(r"all rights reserved|무단\s*전재|재배포\s*금지|무단\s*복제"),
    # contact lines and Korean reporter sign-offs carrying an e-mail address
    re.compile(r"^(contact( us)?|e-?mail|email us|문의|제보|연락처)\s*[:：]?.*@[\w.-]+\.\w+"),
    re.compile(r"^\S.{0,40}\s?기자\s*[(\[<]?\s*[\w.+-]+@[\w.-]+\.\w+"),
    re.compile(r"^[\w.+-]+@[\w.-]+\.[a-z]{2,}$"),
    # rows of share buttons: "Facebook Twitter LinkedIn", "카카오톡 페이스북 트위터"
    re.compile(rf"^(?:(?:{_SOCIAL})[\s|·•/,]*){{2,}}$"),
    # taxonomy lines: "Tags: North Korea, Russia", "Posted in Food", "태그: 북한"
    re.compile(r"^(tags?|categor(y|ies)|filed under|keywords?|태그|키워드)\s*[:：]"),
    re.compile(r"^posted in\s+\S.{0,60}$"),
    # breadcrumbs: "Home > World > Asia", "홈 > 정치 > 북한"
    re.compile(r"^(home|홈|메인)\s*[>›»/]\s*\S.{0,80}$"),
]
_TRAILING_PUNCT = " \t:：|·•›»>«<↑▲△▼▽→←+-–—…*#"
_WIDE = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3\u3040-\u30ff\u4e00-\u9fff]")
_PROSE_MIN = 200  # a body must have at least this many characters of prose lines


def _normalise(line: str) -> str:
    """Lower-case, collapse spaces, drop decorations ("Share ›", "▲ Top", "[관련기사]")."""
    value = re.sub(r"[\s\u00a0\u200b\u3000]+", " ", line).strip().lower()
    value = value.strip(_TRAILING_PUNCT)
    if len(value) > 2 and value[0] in "[【〈<(" and value[-1] in "]】〉>)":
        value = value[1:-1].strip()
    return value


def is_furniture_line(line: str) -> bool:
    """Whether one line (without its newline) is page furniture by the line rules."""
    if not line.strip(BLANK_CHARS):
        return bool(line)
    if len(line) > 300:
        return False
    value = _normalise(line)
    if value in _LABELS:
        return True
    return any(rule.search(value) for rule in _RULES)


def _weight(line: str) -> int:
    """Length with Hangul/CJK counted double: Korean says in 40 characters what English
    says in about 80."""
    return len(line) + len(_WIDE.findall(line))


def _is_prose(line: str) -> bool:
    words = line.split()
    return _weight(line) >= 80 or (len(words) >= 12 and not line.endswith(":"))


def find_boilerplate(text: str) -> list[Region]:
    """Boilerplate regions of ``text``: furniture lines and any trailing furniture block."""
    spans: list[tuple[int, int]] = []
    prose_chars = 0
    tail_start: int | None = None
    for line in iter_lines(text):
        if is_furniture_line(line.text):
            a, b = (line.start, line.end)
            if line.text.strip(BLANK_CHARS):
                a, b = strip_span(text, a, b)
            spans.append((a, b))
            if (
                tail_start is None
                and _normalise(line.text) in _STRONG_HEADINGS
                and prose_chars >= _PROSE_MIN
                and _tail_is_short(text, line.end, prose_chars)
            ):
                tail_start = strip_span(text, line.start, line.end)[0]
        elif tail_start is None and _is_prose(line.stripped):
            prose_chars += _weight(line.stripped)
    if tail_start is not None:
        end = strip_span(text, tail_start, len(text))[1]
        spans = [s for s in spans if s[1] <= tail_start] + [(tail_start, end)]
    return [Region(a, b, "boilerplate") for a, b in merge_spans(spans)]


def _tail_is_short(text: str, start: int, body_chars: int) -> bool:
    """The rest of the text after a heading is smaller than the body before it."""
    rest = sum(_weight(line.stripped) for line in iter_lines(text[start:]))
    return rest < body_chars
