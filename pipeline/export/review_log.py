"""JSONL exports of review work: the append-only decision log and reviewer-added errors.

``decisions`` is the log exactly as stored, oldest first (undo is a ``reopen`` entry, never a
deletion). ``missed`` lists the errors reviewers added that still stand; each record says
where the span is (``start``/``end`` into the exported document text, and ``occurrence``:
the how-many-th match of ``text`` in the document it is), so it can serve as gold for
``mtreview evaluate`` after a family is assigned.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Engine, select

from pipeline.review import state as review_state
from pipeline.review.state import missed_span
from pipeline.store import reads
from pipeline.store.schema import decisions


def decision_records(engine: Engine, batch: str | None = None) -> Iterator[dict]:
    query = select(decisions).order_by(decisions.c.id)
    if batch is not None:
        query = query.where(decisions.c.batch == batch)
    with engine.connect() as conn:
        rows = list(conn.execute(query))
    for row in rows:
        span = missed_span(row.check_id) if row.action == "missed" else None
        yield {
            "id": row.id,
            "batch": row.batch,
            "document": row.document,
            "passage_id": row.passage_id,
            "finding_key": row.finding_key,
            "check": "missed" if span else row.check_id,
            "action": row.action,
            "reviewer": row.reviewer,
            "category": row.category,
            "severity": row.severity,
            "comment": row.comment,
            "before_text": row.before_text,
            "after_text": row.after_text,
            "start": span[0] if span else None,
            "end": span[1] if span else None,
            "created_at": row.created_at,
        }


def _occurrence(text: str, span: str, start: int) -> int:
    """1 + how many times ``span`` occurs in ``text`` before ``start`` (non-overlapping)."""
    count, at = 0, text.find(span)
    while span and 0 <= at < start:
        count += 1
        at = text.find(span, at + len(span))
    return count + 1


def missed_records(engine: Engine, batch: str | None = None) -> Iterator[dict]:
    texts: dict[tuple[str, str], str] = {}
    for m in review_state.missed_errors(engine, batch):
        key = (m.batch, m.document)
        if key not in texts:
            doc = reads.load_document(engine, m.batch, m.document)
            texts[key] = doc.text if doc else ""
        yield {
            "document": m.document,
            "passage_id": m.passage_id,
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "occurrence": _occurrence(texts[key], m.text, m.start),
            "category": m.category,
            "severity": m.severity,
            "comment": m.comment,
            "reviewer": m.reviewer,
            "created_at": m.created_at,
        }
