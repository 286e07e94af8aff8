"""Paragraphs and sentences with exact character offsets.

A document's text is cut into passages: each labelled region from ingest (title, byline,
page furniture, provenance note…) is one passage, and the text between regions is cut into
paragraphs. Paragraphs are separated by blank lines; in text that is not hard-wrapped every
line is a paragraph (scraped pages put one paragraph on a line). Sentences come from pysbd
for English; Korean sentences are cut by
final punctuation, with kiwipiepy for long stretches the rule cannot cut. Neither splitter
sees more than ``SPLITTER_WINDOW`` characters at once, so a page saved as one long line
costs time in proportion to its length.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from itertools import pairwise

from pipeline.langid import detect_language
from pipeline.model import Document, Passage, Segment

SEGMENTERS = "pysbd-0.3|ko-rules+kiwipiepy"

_BLANK_LINE = re.compile(r"\n[ \t\u00a0\u3000\r]*\n")
_LINE = re.compile(r"[^\n]+")


def document_key(path: str) -> str:
    """Short stable key of a document path, used in passage ids."""
    return hashlib.sha1(path.encode("utf-8")).hexdigest()[:8]


def segment_document(doc: Document) -> list[Passage]:
    """Cut ``doc`` into passages (with sentences), in text order."""
    key = document_key(doc.path)
    hard_wrapped = is_hard_wrapped(doc.text)
    spans: list[tuple[int, int, str]] = []
    cursor = 0
    for region in sorted(doc.regions, key=lambda r: r.start):
        if region.start < cursor:  # overlapping regions: keep the first
            continue
        spans.extend(_paragraphs(doc.text, cursor, region.start, hard_wrapped))
        spans.append((region.start, region.end, region.kind))
        cursor = region.end
    spans.extend(_paragraphs(doc.text, cursor, len(doc.text), hard_wrapped))

    passages = []
    for start, end, kind in spans:
        start, end = _strip(doc.text, start, end)
        if start >= end:
            continue
        text = doc.text[start:end]
        lang = detect_language(text)
        if lang == "und":
            lang = doc.lang
        passage = Passage(
            passage_id=f"{key}-p{len(passages):03d}",
            document=doc.path,
            index=len(passages),
            start=start,
            end=end,
            text=text,
            lang=lang,
            kind=kind,
        )
        passage.segments = split_sentences(text, lang, offset=start)
        passages.append(passage)
    return passages


def is_hard_wrapped(text: str) -> bool:
    """True when lines were wrapped at a fixed width (paragraphs are blank-line blocks).

    Wrapped text has lines of similar length (40–100 characters) and most of them end in
    the middle of a sentence; one-paragraph-per-line text ends its lines with punctuation.
    """
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    if len(lines) < 4:
        return False
    wrapped = sum(1 for line in lines if 40 <= len(line) <= 100)
    open_ended = sum(1 for line in lines if not line.endswith(_SENTENCE_END))
    return (
        max(len(line) for line in lines) <= 110
        and wrapped / len(lines) >= 0.7
        and open_ended / len(lines) >= 0.5
    )


_SENTENCE_END = tuple('.!?:"”’)。')


def _paragraphs(text: str, start: int, end: int, hard_wrapped: bool) -> list[tuple[int, int, str]]:
    chunk = text[start:end]
    if hard_wrapped:
        bounds, pos = [], 0
        for gap in _BLANK_LINE.finditer(chunk):
            bounds.append((pos, gap.start()))
            pos = gap.end()
        bounds.append((pos, len(chunk)))
    else:
        bounds = [(m.start(), m.end()) for m in _LINE.finditer(chunk)]
    return [(start + a, start + b, "body") for a, b in bounds if chunk[a:b].strip()]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def passage_sentences(passage: Passage) -> list[Segment]:
    """The passage's sentences with offsets relative to its text: the segments segmentation
    gave it (the split of :func:`split_sentences`), else a split made now."""
    if not passage.segments:
        return split_sentences(passage.text, passage.lang)
    shift = passage.start
    return [Segment(s.index, s.start - shift, s.end - shift, s.text) for s in passage.segments]


def split_sentences(text: str, lang: str, offset: int = 0) -> list[Segment]:
    """Sentences of ``text`` with offsets shifted by ``offset`` (whitespace trimmed).

    Every character of ``text`` belongs to one sentence: each sentence runs from where the
    segmenter starts it to where the next one starts. Line breaks inside a paragraph (hard
    wrapping) are shown to the segmenters as spaces, which keeps every offset.
    """
    flat = text.replace("\r", " ").replace("\n", " ")
    if lang == "ko":
        starts = korean_sentence_starts(flat)
    else:
        starts = english_sentence_starts(flat)
    bounds = sorted({0, *starts, len(text)})
    segments = []
    for a, b in pairwise(bounds):
        a, b = _strip(text, a, b)
        if a < b:
            segments.append(Segment(len(segments), offset + a, offset + b, text[a:b]))
    return segments


#: Sentence splitters are given at most this many characters at a time. pysbd's work grows
#: with the square of its input (its abbreviation pass rescans the whole text for each
#: candidate) and kiwipiepy's memory with its input, so a longer paragraph (a page saved as
#: one line) is split in windows; see ``windows``.
SPLITTER_WINDOW = 2000
#: a likely English sentence end: a lowercase word of 3+ letters (no abbreviation), a final
#: mark, closing quotes, space, then what starts a sentence
_EN_END = re.compile(r"(?<=[a-z]{3}[.!?])[\"”’')\]]*\s+(?=[\"“‘(A-Z0-9])")
_ANY_END = re.compile(r"(?<=[.!?。…])[\"”’')\]」』]*\s+")
_SPACE = re.compile(r"\s+")


def windows(
    text: str, start: int, end: int, cuts: tuple[re.Pattern, ...], size: int = SPLITTER_WINDOW
) -> list[tuple[int, int]]:
    """Consecutive stretches of ``text[start:end]``, each at most ``size`` characters long.

    A stretch up to ``size`` characters is left whole (nearly every paragraph). A longer one
    is cut in the second half of each window: at the end of the last match of the first
    pattern of ``cuts`` that has one there (a likely sentence end), else at a space, else
    ``size`` characters in. Each cut starts a sentence, so at most one boundary per window is
    the window's rather than the splitter's, and the work grows linearly with the length.
    """
    found, pos = [], start
    while end - pos > size:
        low, high = pos + size // 2, pos + size
        cut = high
        for pattern in (*cuts, _SPACE):
            ends = [m.end() for m in pattern.finditer(text, low, high) if m.end() < high]
            if ends:
                cut = ends[-1]
                break
        found.append((pos, cut))
        pos = cut
    found.append((pos, end))
    return found


def english_sentence_starts(text: str) -> list[int]:
    """Where pysbd starts sentences in ``text`` (window starts included)."""
    starts = []
    for a, b in windows(text, 0, len(text), (_EN_END, _ANY_END)):
        starts.append(a)
        starts += [a + s for s, _ in _locate(text[a:b], _pysbd().segment(text[a:b]))]
    return starts


_KO_END = re.compile(r"(?<=[.!?。…])[\"”’')\]」』]*\s+")
#: a stretch this long, with a sentence ending (…다, …요) inside it but no final mark after it,
#: is handed to kiwipiepy
_KO_LONG = 150
_KO_BARE_ENDING = re.compile(r"[다요]\s+(?=\S)")


def korean_sentence_starts(text: str) -> list[int]:
    """Where Korean sentences start: after . ! ? (and closing quotes) followed by a space.

    Korean prose ends sentences with punctuation far more regularly than English has
    abbreviations, so the rule agrees with kiwipiepy on news text at a thousandth of its
    cost; kiwipiepy's morphological splitter is used only on long stretches that look like
    sentences run together without final punctuation.
    """
    starts = [0] + [m.end() for m in _KO_END.finditer(text) if m.end() < len(text)]
    refined = []
    for a, b in pairwise([*starts, len(text)]):
        refined.append(a)
        if b - a > _KO_LONG and _KO_BARE_ENDING.search(text, a, b):
            for wa, wb in windows(text, a, b, (_KO_BARE_ENDING,)):
                if wa > a:
                    refined.append(wa)
                sents = _kiwi().split_into_sents(text[wa:wb])
                refined.extend(wa + s.start for s in sents if s.start)
    return refined


def _locate(text: str, sentences: list[str]) -> list[tuple[int, int]]:
    """Offsets of each sentence string, searched in order from the previous one's end.

    pysbd's own character spans go wrong when a sentence occurs twice, so they are not used.
    """
    spans, cursor = [], 0
    for sentence in sentences:
        sentence = sentence.strip()
        if not sentence:
            continue
        found = text.find(sentence, cursor)
        if found < 0:  # pysbd altered the text: give up on this sentence boundary
            continue
        spans.append((found, found + len(sentence)))
        cursor = found + len(sentence)
    return spans


@lru_cache(maxsize=1)
def _kiwi():
    from kiwipiepy import Kiwi

    return Kiwi()  # about a second to load: once per process


@lru_cache(maxsize=1)
def _pysbd():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)
