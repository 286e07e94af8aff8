"""The state of review, derived from the append-only ``decisions`` table.

The state of a finding is its newest decision (``reopen`` makes it open again). The text
of a passage is the ``after_text`` of the newest post-edit that stands: a correction pushes
its text, undoing it removes it (see ``_text_stack``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, select

from pipeline.review.claims import NotFound, PassageRef
from pipeline.store.schema import decisions, documents, passages

#: the status a finding has after its newest decision
STATUS_BY_ACTION = {
    "accept": "accepted",
    "correct": "corrected",
    "dismiss": "dismissed",
    "reopen": "open",
    "missed": "missed",
}

#: statuses that count as errors in the MQM score
ERROR_STATUSES = ("accepted", "corrected", "missed")

MISSED_PREFIX = "missed:"


@dataclass(frozen=True)
class FindingState:
    """The newest decision on a finding (or on a reviewer-added error)."""

    finding_key: str
    status: str  # open | accepted | corrected | dismissed | missed
    action: str
    reviewer: str
    created_at: str
    decision_id: int
    category: str | None = None
    severity: str | None = None
    comment: str | None = None


@dataclass(frozen=True)
class MissedError:
    """An error a reviewer added on a span the checks did not flag."""

    finding_key: str
    batch: str
    document: str
    passage_id: str
    start: int
    end: int
    text: str
    category: str
    severity: str
    comment: str | None
    reviewer: str
    created_at: str
    decision_id: int


def missed_span(check_id: str | None) -> tuple[int, int] | None:
    """``(start, end)`` stored in the check id of a ``missed`` decision."""
    if not check_id or not check_id.startswith(MISSED_PREFIX):
        return None
    start, _, end = check_id[len(MISSED_PREFIX) :].partition("-")
    return int(start), int(end)


# --------------------------------------------------------------------------- passage text


def _original_text(conn: Connection, passage: PassageRef) -> str:
    row = conn.execute(
        select(documents.c.text, passages.c.start, passages.c.end)
        .join(passages, passages.c.document_id == documents.c.id)
        .where(
            documents.c.batch == passage.batch,
            documents.c.path == passage.document,
            passages.c.passage_id == passage.passage_id,
        )
    ).first()
    if row is None:
        raise NotFound(f"passage {passage.passage_id} of {passage.document} is not in the store")
    return row.text[row.start : row.end]


def _passage_rows(conn: Connection, passage: PassageRef) -> list:
    return list(
        conn.execute(
            select(decisions)
            .where(
                decisions.c.batch == passage.batch,
                decisions.c.document == passage.document,
                decisions.c.passage_id == passage.passage_id,
            )
            .order_by(decisions.c.id)
        )
    )


def _text_stack(rows: list) -> list:
    """The decisions whose post-edits make the passage text now, oldest first.

    A correction (or a missed error with a correction) pushes its text; undoing it removes
    it, and the text falls back to the one before only when the undone edit was the newest.
    ``rows`` are the passage's decisions in id order.
    """
    stack: list = []
    newest: dict[str, object] = {}
    for row in rows:
        if row.action == "reopen":
            undone = newest.get(row.finding_key)
            stack = [r for r in stack if undone is None or r.id != undone.id]
        elif row.action in ("correct", "missed") and row.after_text is not None:
            stack.append(row)
        newest[row.finding_key] = row
    return stack


def _current_text(conn: Connection, passage: PassageRef, rows: list | None = None) -> str:
    stack = _text_stack(_passage_rows(conn, passage) if rows is None else rows)
    return stack[-1].after_text if stack else _original_text(conn, passage)


def passage_text(engine: Engine, passage: PassageRef) -> str:
    """The passage text with the reviewers' corrections so far."""
    with engine.connect() as conn:
        return _current_text(conn, PassageRef(*passage))


def corrected_texts(engine: Engine, batch: str, document: str) -> dict[str, str]:
    """``passage_id -> corrected text`` for the passages of one document that were corrected."""
    query = (
        select(decisions)
        .where(decisions.c.batch == batch, decisions.c.document == document)
        .order_by(decisions.c.id)
    )
    by_passage: dict[str, list] = {}
    with engine.connect() as conn:
        for row in conn.execute(query):
            by_passage.setdefault(row.passage_id, []).append(row)
    found = {}
    for passage_id, rows in by_passage.items():
        stack = _text_stack(rows)
        if stack:
            found[passage_id] = stack[-1].after_text
    return found


# --------------------------------------------------------------------------- findings


def _state(row) -> FindingState:
    return FindingState(
        finding_key=row.finding_key,
        status=STATUS_BY_ACTION.get(row.action, "open"),
        action=row.action,
        reviewer=row.reviewer,
        created_at=row.created_at,
        decision_id=row.id,
        category=row.category,
        severity=row.severity,
        comment=row.comment,
    )


def newest_states(rows) -> dict[str, FindingState]:
    """``finding_key -> FindingState`` from decision rows in id order (the newest wins)."""
    return {row.finding_key: _state(row) for row in rows}


def states(
    engine: Engine, batch: str | None = None, document: str | None = None
) -> dict[str, FindingState]:
    """``finding_key -> FindingState`` from the newest decision on each finding."""
    query = select(decisions).order_by(decisions.c.id)
    if batch is not None:
        query = query.where(decisions.c.batch == batch)
    if document is not None:
        query = query.where(decisions.c.document == document)
    with engine.connect() as conn:
        return newest_states(conn.execute(query))


def history(engine: Engine, finding_key: str) -> list[dict]:
    """Every decision on a finding, oldest first, as plain dicts."""
    query = select(decisions).where(decisions.c.finding_key == finding_key).order_by(decisions.c.id)
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def passage_history(engine: Engine, passage: PassageRef) -> list[dict]:
    """Every decision on a passage (its findings and added errors), oldest first."""
    with engine.connect() as conn:
        return [dict(row._mapping) for row in _passage_rows(conn, PassageRef(*passage))]


def missed_errors(
    engine: Engine, batch: str | None = None, document: str | None = None
) -> list[MissedError]:
    """Reviewer-added errors that stand (not undone), in text order."""
    query = select(decisions).order_by(decisions.c.id)
    if batch is not None:
        query = query.where(decisions.c.batch == batch)
    if document is not None:
        query = query.where(decisions.c.document == document)
    with engine.connect() as conn:
        return missed_from_rows(conn.execute(query))


def missed_from_rows(rows) -> list[MissedError]:
    """The reviewer-added errors that stand (not undone) among decision rows in id order,
    in text order."""
    newest: dict[str, object] = {}
    added: dict[str, object] = {}
    for row in rows:
        newest[row.finding_key] = row
        if row.action == "missed":
            added[row.finding_key] = row
    found = []
    for key, row in added.items():
        if newest[key].action != "missed":
            continue
        start, end = missed_span(row.check_id) or (0, 0)
        found.append(
            MissedError(
                finding_key=key,
                batch=row.batch,
                document=row.document,
                passage_id=row.passage_id,
                start=start,
                end=end,
                text=row.before_text or "",  # the span's text
                category=row.category,
                severity=row.severity,
                comment=row.comment,
                reviewer=row.reviewer,
                created_at=row.created_at,
                decision_id=row.id,
            )
        )
    found.sort(key=lambda m: (m.document, m.start, m.end))
    return found
