"""Omissions and additions seen by aligning the English with its Korean original.

The runner aligns the sentences of the whole document with the Korean original
(``ctx.resources["sentence_links"]``); a Korean sentence left without English is an
omission, an English sentence left without Korean an addition.
"""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.checks.registry import CheckContext, Hit, check
from pipeline.model import Segment
from pipeline.pair.passages import SentenceLink


def _excerpt(text: str, width: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _neighbour(links: list[SentenceLink], at: int) -> tuple[Segment, str] | None:
    """The English sentence just before link ``at``, or else the one just after it."""
    for link in reversed(links[:at]):
        if link.en:
            return link.en[-1], "after"
    for link in links[at + 1 :]:
        if link.en:
            return link.en[0], "before"
    return None


@check(
    id="align.omission",
    category="accuracy/omission",
    severity="major",
    needs_source=True,
    scope="document",
)
def omission(ctx: CheckContext) -> Iterator[Hit]:
    """A Korean sentence (or run of sentences) with no English counterpart.

    The alignment (a length model calibrated on Korean–English news, plus anchors: numbers,
    dates, Latin-script names) leaves Korean sentences unlinked; the English sentence next
    to the gap is flagged and the message quotes the Korean that is missing. False
    positives: a Korean sentence the translator condensed into its neighbour; alignment
    errors among short sentences with no numbers or names.
    """
    links: list[SentenceLink] = ctx.resources.get("sentence_links", [])
    for at, link in enumerate(links):
        if link.en or not link.ko:
            continue
        near = _neighbour(links, at)
        if near is None:
            continue
        anchor, where = near
        missing = " ".join(s.text for s in link.ko)
        yield Hit(
            anchor.start,
            anchor.end,
            f"the Korean {_excerpt(missing)!r} has no English translation {where} this sentence",
        )


@check(
    id="align.addition",
    category="accuracy/addition",
    severity="major",
    needs_source=True,
    scope="document",
)
def addition(ctx: CheckContext) -> Iterator[Hit]:
    """An English sentence with no Korean counterpart.

    The mirror of align.omission: English sentences that the alignment leaves unlinked are
    flagged whole. False positives: a translator's note or an explanatory sentence added on
    purpose for English readers.
    """
    for link in ctx.resources.get("sentence_links", []):
        if not link.ko:
            for sentence in link.en:
                yield Hit(
                    sentence.start,
                    sentence.end,
                    "this sentence has no counterpart in the Korean original",
                )
