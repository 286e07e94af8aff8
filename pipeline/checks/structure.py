"""Checks on the shape of the page: title, paragraphs and quotations as published."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.checks.registry import CheckContext, Hit, check

_BRACKET_PREFIX = re.compile(r"^\s*[\[【(<〈][^\]】)>〉]{1,60}[\]】)>〉]\s*")
_QUOTES = "\"'“”‘’«»「」『』"
_WORD = re.compile(r"\w+", re.UNICODE)
#: a word of a phrase matched loosely: a number keeps its decimal point ("0.5")
_PHRASE_WORD = re.compile(r"\d+(?:[.,]\d+)*|\w+")


def title_core(title: str) -> str:
    """The title without a bracketed rubric such as "[Opinion]" or "[X's Column]"."""
    return _BRACKET_PREFIX.sub("", title).strip()


def _loose_pattern(phrase: str) -> re.Pattern[str]:
    """A regex for ``phrase`` that ignores case, quote style and runs of white space."""
    words = _PHRASE_WORD.findall(phrase)
    gap = rf"[\s{re.escape(_QUOTES)},:;\-–—]*"
    return re.compile(gap.join(re.escape(w) for w in words), re.IGNORECASE)


#: where a headline and its subtitle meet: "Headline: Subtitle", "Headline — Subtitle"
_TITLE_PARTS = re.compile(r"\s*[:—–]\s+|\s+-\s+")


@check(
    id="structure.title_spliced",
    category="linguistic conventions/textual conventions",
    severity="major",
    scope="document",
)
def title_spliced(ctx: CheckContext) -> Iterator[Hit]:
    """The title run into the first sentence of the body.

    Scraped pages and MT often glue the headline onto the opening sentence ("… since the
    beginning of the year, starting with <title>", then a paragraph that starts with ". The…").
    Fires when the opening body paragraphs repeat the title (without its bracketed rubric,
    ignoring case and quote style), or its headline without the subtitle after a colon or
    dash, of at least four words. False positives: a column whose
    first sentence quotes its own headline on purpose; kept to the first two body paragraphs
    and titles of four words or more to make that rare.
    """
    title = ctx.document.title
    if not title:
        return
    core = title_core(title)
    # the whole title, else its headline alone ("Headline: Subtitle"; a subtitle is often
    # a phrase the body uses in its own right)
    parts = [core, _TITLE_PARTS.split(core)[0]]
    parts = [part for part in dict.fromkeys(parts) if len(_WORD.findall(part)) >= 4]
    if not parts:
        return
    patterns = [_loose_pattern(part) for part in parts]
    body = [p for p in ctx.passages if p.kind == "body"][:2]
    for passage in body:
        match = next(filter(None, (pattern.search(passage.text) for pattern in patterns)), None)
        if match:
            start = passage.start + match.start()
            yield Hit(
                start,
                passage.start + match.end(),
                f"the title {match.group()!r} is repeated inside the opening paragraph: "
                "the headline was probably spliced into the first sentence",
                suggestion="remove the title from the sentence and end the sentence before it",
            )
            return


_QUOTED = re.compile(r"[“\"]([^“”\"]{20,400})[”\"]")


@check(
    id="structure.repeated_quotation",
    category="accuracy/addition",
    severity="minor",
    scope="document",
)
def repeated_quotation(ctx: CheckContext) -> Iterator[Hit]:
    """The same quotation of five words or more given twice in one document.

    MT of scraped pages repeats a quoted passage when a pull quote or caption is
    translated along with the body. The second occurrence is flagged. False positives: a
    column that repeats a slogan on purpose; quotations shorter than five words (slogans,
    names) are not compared.
    """
    seen: dict[str, int] = {}
    for passage in ctx.passages:
        if not passage.reviewable:
            continue
        for match in _QUOTED.finditer(passage.text):
            words = [w.lower() for w in _WORD.findall(match.group(1))]
            if len(words) < 5:
                continue
            key = " ".join(words)
            start = passage.start + match.start()
            if key in seen:
                yield Hit(
                    start,
                    passage.start + match.end(),
                    "this quotation already appears earlier in the document "
                    f"(at character {seen[key]})",
                )
            else:
                seen[key] = start


#: a sentence this long, given twice, is a duplication rather than a refrain
_REPEATED_MIN_WORDS = 8


@check(
    id="structure.repeated_sentence",
    category="accuracy/addition",
    severity="minor",
    scope="document",
)
def repeated_sentence(ctx: CheckContext) -> Iterator[Hit]:
    """The same sentence of eight words or more given twice in one document.

    Scraped pages and MT repeat a sentence when a summary, a caption or a paragraph split
    across page elements is translated twice. Case and punctuation are ignored; the second
    occurrence is flagged. Sentences that open with a quotation mark are left to
    structure.repeated_quotation. False positives: a refrain repeated on purpose for
    rhetorical effect.
    """
    seen: dict[str, int] = {}
    for passage in ctx.passages:
        if not passage.reviewable:
            continue
        for segment in passage.segments:
            sentence = segment.text
            words = _WORD.findall(sentence)
            if len(words) < _REPEATED_MIN_WORDS or sentence.lstrip()[:1] in "\"“‘'":
                continue
            key = " ".join(words).lower()  # the words lowered one by one, in one call
            if key in seen:
                start = segment.start + len(sentence) - len(sentence.lstrip())
                yield Hit(
                    start,
                    segment.start + len(sentence.rstrip()),
                    f"this sentence already appears earlier in the document (at character "
                    f"{seen[key]})",
                    suggestion="remove the repeated sentence",
                )
            else:
                seen[key] = segment.start
