"""What the top of a page says about the article: title, byline, dateline, MT provenance.

General heuristics over the first lines that are not boilerplate (``regions`` passed in are
treated as already labelled and skipped):

* dateline: a line, or a ``|``/``·``-separated part of one, that is only dates, times and
  labels ("Published: 14 Dec. 2025, 16:30 Updated: …", "입력 2025.12.14 16:30",
  "December 14, 2025"), or a leading "date 2025-12-14"/"Posted on …" prefix before a title
  or byline on the same line;
* title: the first substantive short line (< 200 characters, not a finished sentence)
  before the body starts; one- or two-word section labels are passed over when a longer
  candidate follows;
* byline: a short line before the body with a person's name and a role or affiliation
  (Dr., Prof., Director, Fellow, reporter, correspondent, "By …", 기자, 교수, 연구위원 …);
* provenance: a note saying the text was machine translated (``provenance.py``, re-exported
  here).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.ingest.dates import find_dates
from pipeline.ingest.lines import Line, free_lines, strip_span
from pipeline.ingest.provenance import find_provenance
from pipeline.model import Region

__all__ = ["find_byline", "find_dateline", "find_datelines", "find_provenance", "find_title"]

HEAD_LINES = 15  # metadata is looked for in this many free lines at the top

# --- datelines -----------------------------------------------------------------------------

_LABEL = (
    r"(?:\b(?:first\s+published|last\s+updated|published|posted|updated|modified|dated|date)"
    r"\b(?:\s+on\b)?|기사\s*입력|최종\s*수정|입력|수정|등록일?|발행일?|게재일?|작성일?|승인|"
    r"송고|업데이트)"
)
_TIME = (
    r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*\(?(?:kst|gmt|utc|et|est|edt|pst|pdt|cet|bst)\)?(?![\w]))?"
)
_WEEKDAY = (
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|"
    r"thur|thurs|fri|sat|sun)\b\.?|\(\s*[월화수목금토일]\s*\)|[월화수목금토일]요일"
)
_NOISE = re.compile(
    rf"{_LABEL}|{_TIME}|{_WEEKDAY}|\b(?:on|at)\b|(?:오전|오후)|"
    r"(?:조회수?|views?|hits?)\s*[:：]?\s*[\d,]+",
    re.IGNORECASE,
)
_LABEL_RX = re.compile(rf"{_LABEL}\s*[:：]?\s*", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s+[|·•]\s+|\s+[—–]\s+|\s*\|\s*")
_PUNCT = " ,.:：|·•-–—/()[]\u00a0"


def _is_date_only(segment: str) -> bool:
    dates = find_dates(segment)
    if not dates:
        return False
    rest, pos = [], 0
    for start, end, _ in dates:
        rest.append(segment[pos:start])
        pos = end
    rest.append(segment[pos:])
    leftover = _NOISE.sub(" ", " ".join(rest))
    return not leftover.strip(_PUNCT + "\t")


def _segments(line: Line) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for sep in _SEPARATOR.finditer(line.text):
        spans.append((pos, sep.start()))
        pos = sep.end()
    spans.append((pos, len(line.text)))
    return [(line.start + a, line.start + b) for a, b in spans if b > a]


def _labelled_dates(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    """ "Published: 14 Dec. 2025, 16:30", "입력 2025.11.27 09:41", "date 2025-12-14" in a part."""
    found = []
    for label in _LABEL_RX.finditer(text, a, b):
        dates = find_dates(text[label.end() : b])
        if not dates or dates[0][0] != 0:
            continue
        end = label.end() + dates[0][1]
        time = re.match(r"[,\s]*(?:at\s+)?" + _TIME, text[end:b], re.IGNORECASE)
        end += time.end() if time else 0
        found.append((label.start(), end, dates[0][2]))
    return found


def _leading_date(text: str, line: Line) -> tuple[int, int, str] | None:
    """An unlabelled date opening a line that goes on ("2025-12-14 Kim returns to …")."""
    dates = find_dates(line.text)
    if not dates or dates[0][0] != 0 or _is_body(line.text):
        return None
    end = dates[0][1]
    time = re.match(r"[,\s]*(?:at\s+)?" + _TIME, line.text[end:], re.IGNORECASE)
    end += time.end() if time else 0
    if not re.search(r"\w", line.text[end:]):
        return None
    return line.start, line.start + end, dates[0][2]


def find_datelines(text: str, regions: Iterable[Region] = ()) -> list[tuple[Region, str]]:
    """Every dateline region in the head of ``text`` with the ISO date it carries."""
    found: list[tuple[Region, str]] = []
    for i, line in enumerate(free_lines(text, regions)):
        if i >= HEAD_LINES:
            break
        if len(line.text) > 200:
            continue
        spans: list[tuple[int, int, str]] = []
        for a, b in _segments(line):
            a, b = strip_span(text, a, b)
            if b > a and _is_date_only(text[a:b]):
                spans.append((a, b, find_dates(text[a:b])[0][2]))
            elif b > a:
                spans += _labelled_dates(text, a, b)
        if not spans and (leading := _leading_date(text, line)):
            spans.append(leading)
        merged: list[tuple[int, int, str]] = []  # parts joined only by separators: one region
        for a, b, iso in spans:
            if merged and not text[merged[-1][1] : a].strip(_PUNCT + "\t"):
                merged[-1] = (merged[-1][0], b, merged[-1][2])
            else:
                merged.append((a, b, iso))
        found += [(Region(*strip_span(text, a, b), "dateline"), iso) for a, b, iso in merged]
    return found


def find_dateline(text: str, regions: Iterable[Region] = ()) -> tuple[Region | None, str | None]:
    """The first dateline in the head of ``text`` and its date as ``YYYY-MM-DD``."""
    found = find_datelines(text, regions)
    return found[0] if found else (None, None)


# --- title and byline ----------------------------------------------------------------------

_ROLE = (
    r"(?:professor|director|fellow|researcher|reporter|correspondent|columnist|editor|writer|"
    r"contributor|analyst|journalist|lecturer|scholar)"
)
_KO_ROLE = (
    r"(?:기자|교수|연구위원|특파원|논설위원|칼럼니스트|연구원|박사|편집위원|객원기자|소장|원장"
    r"|센터장|대표|위원장|전문위원|변호사|작가)"
)
_BYLINE_SHAPES = [
    re.compile(r"^(?:by|written by)\s*[:：]?\s+\S", re.IGNORECASE),  # By Jane Doe
    re.compile(r"^(?:Dr|Prof|Professor|DR|PROF)\.?\s+[A-Z][a-z]+"),  # Dr. Kiho Han, Director …
    # Jane Doe, Staff Reporter / Lee Min-ho (Research Fellow, KINU)
    re.compile(rf"^[A-Z][a-z]+(?:[- ][A-Z][a-z]+)+\s*[,(|/–—-].*\b(?i:{_ROLE})"),
    re.compile(rf"^(?:글\s*[:：]?\s*)?[가-힣]{{2,4}}\s?(?:선임\s?|수석\s?)?{_KO_ROLE}(?![가-힣])"),
    # 박지원 충남대 농업경제학과 교수: a name, an affiliation, the role last
    re.compile(rf"^[가-힣]{{2,4}}\s+[가-힣A-Za-z0-9·().\s]{{2,40}}\s?{_KO_ROLE}$"),
]
_SENTENCE_END = re.compile(r"(?:[a-z]{3,}[.。]|다[.。]?|요[.。]|니다[.。]?)[\"'”’)]?$")


#: a column's rubric in brackets before its headline: "[기고]", "[Opinion]", "[사설]"
_RUBRIC = re.compile(r"^\s*[\[【][^\]】\n]{1,20}[\]】]\s*\S")


def _is_body(line: str) -> bool:
    """A finished sentence of prose, or a line too long to be a heading; a line that opens
    with a rubric is a headline even when it ends like a sentence ("[기고] … 봐야 한다")."""
    if len(line) <= 200 and _RUBRIC.match(line):
        return False
    return len(line) > 200 or (len(line.split()) >= 8 and bool(_SENTENCE_END.search(line)))


def _is_byline(line: str) -> bool:
    """A person named with a role, shaped like a byline rather than a headline or sentence."""
    if len(line) > 300 or _SENTENCE_END.search(line):
        return False
    return any(shape.search(line) for shape in _BYLINE_SHAPES)


def _head(text: str, regions: list[Region]) -> list[Line]:
    """Free lines before the body starts (at most HEAD_LINES)."""
    head = []
    for i, line in enumerate(free_lines(text, regions)):
        if i >= HEAD_LINES or _is_body(line.text):
            break
        head.append(line)
    return head


def _labelled(text: str, regions: Iterable[Region]) -> list[Region]:
    """``regions`` plus datelines and provenance found here, unless already given."""
    regions = list(regions)
    kinds = {r.kind for r in regions}
    if "provenance" not in kinds and (prov := find_provenance(text)):
        regions.append(Region(prov.start, prov.end, "provenance"))
    if "dateline" not in kinds:
        regions += [region for region, _ in find_datelines(text, regions)]
    return regions


def find_title(text: str, regions: Iterable[Region] = ()) -> Region | None:
    """The title: the first substantive short line at the top, before the body."""
    regions = _labelled(text, regions)
    candidates = [
        line
        for line in _head(text, regions)
        if re.search(r"\w", line.text) and len(line.text) >= 2 and not _is_byline(line.text)
    ]
    for line in candidates:
        hangul = bool(re.search(r"[가-힣]", line.text))
        if len(line.text.split()) >= 3 or len(line.text) >= (8 if hangul else 15):
            return Region(line.start, line.end, "title")
    return Region(candidates[0].start, candidates[0].end, "title") if candidates else None


def find_byline(text: str, regions: Iterable[Region] = ()) -> Region | None:
    """The byline: a short line near the top naming a person and a role or affiliation."""
    regions = _labelled(text, regions)
    if not any(r.kind == "title" for r in regions) and (title := find_title(text, regions)):
        regions.append(title)
    for line in _head(text, regions):
        if _is_byline(line.text):
            a, b = strip_span(text, line.start, line.end)
            while b > a and text[b - 1] in "|·•,;-–—":
                b = strip_span(text, a, b - 1)[1]
            return Region(a, b, "byline")
    return None
