"""Aligning an English document with its Korean original, sentence by sentence.

Only reviewable passages (title and body) take part: page furniture, bylines and notes on
either side are left out. The sentences of the whole document are aligned at once, so the
alignment does not depend on both sides cutting paragraphs the same way (translators and
web pages often merge or split them). Each English passage then gets as its source the
Korean sentences linked to its own sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.model import AlignedPair, Passage, Segment
from pipeline.pair.align import align


@dataclass(frozen=True)
class SentenceLink:
    """Korean sentences ``ko`` are translated by English sentences ``en`` (either may be
    empty: an omission or an addition). English offsets are into the English document."""

    ko: tuple[Segment, ...]
    en: tuple[Segment, ...]
    score: float


def _sentences(passages: list[Passage]) -> list[tuple[Passage, Segment]]:
    return [(p, s) for p in passages if p.reviewable for s in p.segments]


def align_passages(
    english: list[Passage], korean: list[Passage]
) -> tuple[list[AlignedPair], list[SentenceLink]]:
    """Every English passage with its aligned Korean source (or None), and the sentence links."""
    en = _sentences(english)
    ko = _sentences(korean)
    links: list[SentenceLink] = []
    korean_of: dict[str, list[Segment]] = {}
    for link in align([s.text for _, s in ko], [s.text for _, s in en]):
        ko_side = tuple(ko[i][1] for i in link.ko)
        en_side = tuple(en[j][1] for j in link.en)
        links.append(SentenceLink(ko_side, en_side, link.score))
        for j in link.en:
            passage_id = en[j][0].passage_id
            bucket = korean_of.setdefault(passage_id, [])
            bucket.extend(s for s in ko_side if s not in bucket)
    pairs = [AlignedPair(p, _source(p, korean_of.get(p.passage_id))) for p in english]
    return pairs, links


def _source(target: Passage, sentences: list[Segment] | None) -> Passage | None:
    """The Korean sentences linked to ``target`` as one source passage."""
    if not sentences:
        return None
    text = " ".join(s.text for s in sentences)
    segments, offset = [], 0
    for s in sentences:
        segments.append(Segment(len(segments), offset, offset + len(s.text), s.text))
        offset += len(s.text) + 1
    return Passage(
        passage_id=f"{target.passage_id}:ko",
        document="",
        index=target.index,
        start=0,
        end=len(text),
        text=text,
        lang="ko",
        kind="body",
        segments=segments,
    )
