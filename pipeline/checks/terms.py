"""Termbase checks: forbidden renderings, and Korean terms whose English rendering is missing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from pipeline.checks.registry import CheckContext, Hit, check
from pipeline.lexicon.termbase import Term, Termbase
from pipeline.model import AlignedPair


@lru_cache(maxsize=4096)
def term_pattern(term: str) -> re.Pattern[str]:
    """``term`` as a whole-word, case-insensitive pattern; spaces and hyphens interchangeable."""
    words = re.split(r"[\s\-]+", term.strip())
    body = r"[\s\-]+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w-]){body}(?:s|es)?(?![\w-])", re.IGNORECASE)


def _termbase(ctx: CheckContext) -> Termbase:
    return ctx.resources.get("termbase") or Termbase()


def _describe(term: Term) -> str:
    parts = [f"termbase {term.origin}" if term.origin else "the termbase"]
    if term.source:
        parts.append(f"for {term.source!r}")
    return " ".join(parts)


@check(id="term.forbidden", category="terminology/inconsistent with termbase", severity="major")
def forbidden_term(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A rendering the batch termbase forbids (deprecated or superseded).

    Every forbidden English rendering of the termbase is searched as a whole word, in any
    case, plural or not, with spaces and hyphens interchangeable; the preferred rendering
    is suggested. False positives: a forbidden rendering quoted on purpose ("once called
    X"), which the reviewer dismisses.
    """
    for term in _termbase(ctx).terms:
        for bad in term.forbidden:
            for match in term_pattern(bad).finditer(pair.target.text):
                yield Hit(
                    match.start(),
                    match.end(),
                    f"{match.group()!r} is a forbidden rendering in {_describe(term)}"
                    + (f"; use {term.target!r}" if term.target else ""),
                    suggestion=term.target,
                )


@check(
    id="term.missing_target",
    category="terminology/inconsistent with termbase",
    severity="minor",
    needs_source=True,
)
def missing_term(pair: AlignedPair, ctx: CheckContext) -> Iterator[Hit]:
    """A Korean termbase term in the original whose English rendering is absent.

    When the aligned Korean contains a termbase term and the English passage contains
    neither its preferred rendering, nor an admitted alias, nor a forbidden rendering (that
    one is reported by term.forbidden), the English passage is flagged. False positives:
    a pronoun or a shortened reference ("the ministry") standing for the term; alignment
    errors that pair the wrong passages.
    """
    source = pair.source_text or ""
    text = pair.target.text
    for term in _termbase(ctx).terms:
        if not term.source or not term.accepted or term.source not in source:
            continue
        named = (*term.accepted, *term.forbidden)
        if any(term_pattern(t).search(text) for t in named):
            continue
        yield Hit(
            0,
            len(text),
            f"the Korean has {term.source!r} but the English has no {term.target!r} "
            f"({_describe(term)})",
            suggestion=term.target,
        )
