"""What the review queue reads from the store, in one connection.

Four reads: the queued passages in queue order (their text cut in the database), their
findings (spans cut from the passage text in Python), the decisions on them with the live
claims, and, for the few findings that reach outside their passage, those spans.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, func, select

from pipeline.review import decisions as dec
from pipeline.review.claims import live_claims_in
from pipeline.review.state import FindingState, missed_from_rows, newest_states
from pipeline.store.schema import decisions, documents, findings, passages, queue

#: queued passages whose findings one query reads (bound parameters stay few)
_CHUNK = 400


@dataclass
class QueuedPassage:
    """A queued passage as read from the store, with its findings' rows in text order."""

    document_id: int
    batch: str
    path: str
    title: str | None
    provenance: str | None
    passage_id: str
    index: int
    start: int
    end: int
    text: str
    score: float
    findings: list = field(default_factory=list)

    @property
    def ref(self) -> dec.PassageRef:
        return dec.PassageRef(self.batch, self.path, self.passage_id)


@dataclass
class Review:
    """What the decisions say about the queued passages."""

    states: dict[tuple[str, str], FindingState]  # (batch, finding key) -> newest decision
    missed: dict[dec.PassageRef, list[dec.MissedError]]
    reviewers: dict[tuple[str, str], set[str]]  # (batch, finding key) -> who decided on it
    claims: dict[dec.PassageRef, dec.Claim]


def _queue_order():
    return (queue.c.score.desc(), documents.c.batch, documents.c.path, passages.c.start)


def _joined(query):
    """``query`` over the queued passages joined with their documents and passage rows."""
    return (
        query.join(documents, queue.c.document_id == documents.c.id)
        .join(
            passages,
            (passages.c.document_id == queue.c.document_id)
            & (passages.c.passage_id == queue.c.passage_id),
        )
        .where(queue.c.queued.is_(True))
    )


def read_passages(conn: Connection) -> list[QueuedPassage]:
    """Queued passages in queue order, each with its text cut in the database."""
    text = func.substr(documents.c.text, passages.c.start + 1, passages.c.end - passages.c.start)
    query = _joined(
        select(
            queue.c.document_id,
            documents.c.batch,
            documents.c.path,
            documents.c.title,
            documents.c.provenance,
            queue.c.passage_id,
            passages.c.idx,
            passages.c.start,
            passages.c.end,
            text.label("text"),
            queue.c.score,
        ).select_from(queue)
    ).order_by(*_queue_order())
    return [QueuedPassage(*row) for row in conn.execute(query)]


def read_findings(conn: Connection, rows: list[QueuedPassage]) -> None:
    """Attach to each queued passage the rows of its findings, in text order.

    The findings are looked up by document and passage id, a few hundred passages a query
    (the index on the document id does the work). The span of a finding is cut from its
    passage's text in Python (``span_text``), so the database does not unpack the
    document text once per finding.
    """
    by_passage = {(p.document_id, p.passage_id): p for p in rows}
    columns = [c for c in findings.c if c.name != "run_id"]
    for i in range(0, len(rows), _CHUNK):
        chunk = rows[i : i + _CHUNK]
        query = select(*columns).where(
            findings.c.document_id.in_({p.document_id for p in chunk}),
            findings.c.passage_id.in_({p.passage_id for p in chunk}),
        )
        for row in conn.execute(query):
            passage = by_passage.get((row.document_id, row.passage_id))
            if passage is not None:  # the two lists also pair ids of different passages
                passage.findings.append(row)
    for passage in rows:
        passage.findings.sort(key=lambda f: (f.start, f.check_id))


def read_review(conn: Connection, now: datetime | None) -> Review:
    """States, added errors and reviewers of the queued passages' decisions; live claims."""
    query = (
        select(decisions)
        .select_from(
            decisions.join(
                documents,
                (documents.c.batch == decisions.c.batch)
                & (documents.c.path == decisions.c.document),
            ).join(
                queue,
                (queue.c.document_id == documents.c.id)
                & (queue.c.passage_id == decisions.c.passage_id),
            )
        )
        .where(queue.c.queued.is_(True))
        .order_by(decisions.c.id)
    )
    by_batch: dict[str, list] = defaultdict(list)
    for row in conn.execute(query):
        by_batch[row.batch].append(row)
    review = Review({}, defaultdict(list), defaultdict(set), live_claims_in(conn, now))
    for batch, rows in by_batch.items():
        for key, state in newest_states(rows).items():
            review.states[(batch, key)] = state
        for row in rows:
            review.reviewers[(batch, row.finding_key)].add(row.reviewer)
        for m in missed_from_rows(rows):
            review.missed[dec.PassageRef(m.batch, m.document, m.passage_id)].append(m)
    return review


def span_text(passage: QueuedPassage, row) -> str | None:
    """The text of a finding, cut from its passage (None if it reaches outside it)."""
    if passage.start <= row.start <= row.end <= passage.end:
        return passage.text[row.start - passage.start : row.end - passage.start]
    return None


def spans_outside(conn: Connection, rows: list) -> dict[int, str]:
    """``finding id -> text`` for findings that reach outside their passage (rare)."""
    if not rows:
        return {}
    span = func.substr(documents.c.text, findings.c.start + 1, findings.c.end - findings.c.start)
    query = (
        select(findings.c.id, span)
        .join(documents, findings.c.document_id == documents.c.id)
        .where(findings.c.id.in_([r.id for r in rows]))
    )
    return dict(conn.execute(query).all())


def queued_keys(conn: Connection) -> list[tuple[int, str]]:
    """``(document id, passage id)`` of the queued passages, in queue order."""
    query = _joined(select(queue.c.document_id, queue.c.passage_id).select_from(queue))
    return [tuple(r) for r in conn.execute(query.order_by(*_queue_order()))]
