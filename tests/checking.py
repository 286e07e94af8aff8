"""Running one check on an English text the way the runner does, for check tests."""

from __future__ import annotations

from pipeline.checks.registry import REGISTRY, CheckContext, all_checks, run_checks
from pipeline.model import AlignedPair, Document, Finding, Region
from pipeline.segment import segment_document


def check_text(
    check_id: str,
    text: str,
    trusted=(),
    title: str | None = None,
    path: str = "col.en.txt",
    date: str | None = None,
) -> list[Finding]:
    """Findings of ``check_id`` on ``text`` (segmented as the runner does), asserting that
    the check did not crash and that every finding's text is the text at its offsets."""
    regions = [Region(0, len(title), "title")] if title and text.startswith(title) else []
    doc = Document(
        path=path,
        text=text,
        lang="en",
        content_hash="0",
        encoding="utf-8",
        title=title,
        date=date,
        regions=regions,
    )
    passages = segment_document(doc)
    pairs = [AlignedPair(p) for p in passages]
    all_checks()
    ctx = CheckContext(document=doc, passages=passages, pairs=pairs, trusted=list(trusted))
    found, errors = run_checks(pairs, ctx, [REGISTRY[check_id]])
    assert errors == []
    for f in found:
        assert text[f.start : f.end] == f.text
    return found
