"""Lines of a text with their offsets, and helpers over character ranges.

Boilerplate and metadata detection work line by line but must report exact offsets into the
unchanged text, so every line is carried with its ``start``/``end`` (end excludes the newline
and a trailing carriage return).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pipeline.model import Region

#: whitespace a browser or a scraper leaves on "empty" lines: ASCII, no-break and zero-width
#: spaces, the BOM, and the ideographic space.
BLANK_CHARS = " \t\r\n\f\v\u00a0\u200b\u200c\u200d\u2060\ufeff\u3000\u2007\u202f"


@dataclass(frozen=True)
class Line:
    """One line of a text: ``text[start:end]`` without its line break."""

    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip(BLANK_CHARS)

    def span_stripped(self) -> tuple[int, int]:
        """Offsets of the line without leading/trailing blank characters."""
        lead = len(self.text) - len(self.text.lstrip(BLANK_CHARS))
        trail = len(self.text) - len(self.text.rstrip(BLANK_CHARS))
        return self.start + lead, self.end - trail


def iter_lines(text: str) -> Iterator[Line]:
    """Yield every line of ``text`` (split on ``\\n``; a final ``\\r`` is left out)."""
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        stop = end - 1 if end > pos and text[end - 1] == "\r" else end
        yield Line(pos, stop, text[pos:stop])
        if nl < 0:
            break
        pos = nl + 1


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it neither starts nor ends with blank characters."""
    while start < end and text[start] in BLANK_CHARS:
        start += 1
    while end > start and text[end - 1] in BLANK_CHARS:
        end -= 1
    return start, end


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of half-open ranges, sorted; touching ranges are joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def uncovered(start: int, end: int, regions: Iterable[Region]) -> list[tuple[int, int]]:
    """Parts of ``[start, end)`` that no region covers, in order."""
    pieces = [(start, end)]
    for region in regions:
        next_pieces = []
        for a, b in pieces:
            if region.end <= a or region.start >= b:
                next_pieces.append((a, b))
                continue
            if region.start > a:
                next_pieces.append((a, region.start))
            if region.end < b:
                next_pieces.append((region.end, b))
        pieces = next_pieces
    return pieces


def free_lines(text: str, regions: Iterable[Region]) -> Iterator[Line]:
    """Lines, or the uncovered remainder of lines, that no region labels yet.

    A line whose start is covered (a "date 2025-12-14" prefix before a title, say) yields the
    rest; a line split in several uncovered pieces yields its largest piece. Blank pieces are
    skipped.
    """
    regions = list(regions)
    for line in iter_lines(text):
        a, b = strip_span(text, line.start, line.end)
        if a >= b:
            continue
        pieces = [strip_span(text, s, e) for s, e in uncovered(a, b, regions)]
        pieces = [(s, e) for s, e in pieces if e > s]
        if not pieces:
            continue
        s, e = max(pieces, key=lambda p: p[1] - p[0])
        yield Line(s, e, text[s:e])
