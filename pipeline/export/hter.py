"""HTER of corrected passages: TER of the machine translation against the post-edit.

The machine translation is the passage text as ingested; the post-edit is the passage text
after the reviewers' corrections (``pipeline.review.state.corrected_texts``). Scores are
sacrebleu's ``TER(case_sensitive=True)``, in percent, with the metric's signature.
"""

from __future__ import annotations

from dataclasses import dataclass

from sacrebleu.metrics import TER
from sqlalchemy import Engine

from pipeline.model import Passage
from pipeline.review import decisions as dec


@dataclass(frozen=True)
class Correction:
    """A passage a reviewer corrected: the machine translation and the post-edit."""

    document: str
    passage_id: str
    paragraph: int
    mt: str
    post_edit: str
    ter: float  # this passage's TER, in percent


@dataclass(frozen=True)
class Hter:
    """TER of machine translations against their post-edits (a corpus score)."""

    score: float  # in percent: edits per 100 words of the post-edits
    edits: float
    ref_words: float
    segments: int
    signature: str


def hter(corrections: list[Correction]) -> Hter | None:
    """Corpus TER of the MT passages against the corrected ones (None without any)."""
    if not corrections:
        return None
    metric = TER(case_sensitive=True)
    score = metric.corpus_score([c.mt for c in corrections], [[c.post_edit for c in corrections]])
    return Hter(
        score=score.score,
        edits=score.num_edits,
        ref_words=score.ref_length,
        segments=len(corrections),
        signature=str(metric.get_signature()),
    )


def _sentence_ter(mt: str, post_edit: str) -> float:
    return TER(case_sensitive=True).sentence_score(mt, [post_edit]).score


def corrections_of(
    engine: Engine, batch: str, path: str, passages: dict[str, Passage]
) -> list[Correction]:
    """The passages of document ``path`` that reviewers corrected, in text order.

    ``passages`` are the batch's stored passages by id. A passage corrected back to its
    original text is left out, and so is one the document no longer has.
    """
    found = []
    for passage_id, text in dec.corrected_texts(engine, batch, path).items():
        passage = passages.get(passage_id)
        if passage is None or passage.text == text:
            continue  # re-segmented since, or corrected back to the original
        found.append(
            Correction(
                path,
                passage_id,
                passage.index + 1,
                passage.text,
                text,
                _sentence_ter(passage.text, text),
            )
        )
    found.sort(key=lambda c: c.paragraph)
    return found
