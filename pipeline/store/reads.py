"""Reading from the store: documents, findings, the queue, and what decisions say."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Engine, func, select

from pipeline.model import Document, Finding, Passage, Provenance, QueueItem, Region
from pipeline.store.schema import decisions, documents, findings, passages, queue

#: what the latest decision on a finding makes of it
STATUS_BY_ACTION = {"accept": "accepted", "correct": "corrected", "dismiss": "dismissed"}


@dataclass(frozen=True)
class StoredDocument:
    batch: str
    document: Document


def batches(engine: Engine) -> list[str]:
    """Every batch folder the store holds documents of."""
    with engine.connect() as conn:
        return list(conn.scalars(select(documents.c.batch).distinct().order_by(documents.c.batch)))


@dataclass(frozen=True)
class DocumentState:
    """What a run needs to know of a stored document to tell whether it changed."""

    input_hash: str
    signature: str | None
    content_hash: str  # sha256 of the file bytes
    file_stat: str | None  # the file's stat when those bytes were read (None: not trusted)


def document_states(engine: Engine, batch: str) -> dict[str, DocumentState]:
    """``path -> DocumentState`` for the stored documents of ``batch``."""
    query = select(
        documents.c.path,
        documents.c.input_hash,
        documents.c.check_signature,
        documents.c.content_hash,
        documents.c.file_stat,
    ).where(documents.c.batch == batch)
    with engine.connect() as conn:
        rows = conn.execute(query).all()  # fetched at once: far faster than row by row
    return {row[0]: DocumentState(*row[1:]) for row in rows}


def batch_counts(engine: Engine, batch: str) -> tuple[int, int]:
    """How many passages and findings the store holds for ``batch``."""
    counts = []
    with engine.connect() as conn:
        for table in (passages, findings):
            joined = table.join(documents, table.c.document_id == documents.c.id)
            query = select(func.count()).select_from(joined).where(documents.c.batch == batch)
            counts.append(conn.scalar(query))
    return counts[0], counts[1]


def document_notes(engine: Engine, batch: str) -> list[tuple[str, bool, Provenance | None]]:
    """``(path, trusted, provenance)`` of the stored documents of ``batch``, by path (what a
    run's summary lists, without reading the texts)."""
    query = (
        select(documents.c.path, documents.c.trusted, documents.c.provenance)
        .where(documents.c.batch == batch)
        .order_by(documents.c.path)
    )
    with engine.connect() as conn:
        return [
            (path, bool(trusted), Provenance(**json.loads(provenance)) if provenance else None)
            for path, trusted, provenance in conn.execute(query)
        ]


def _document(row) -> Document:
    provenance = json.loads(row.provenance) if row.provenance else None
    return Document(
        path=row.path,
        text=row.text,
        lang=row.lang,
        content_hash=row.content_hash,
        encoding=row.encoding,
        format=row.format,
        title=row.title,
        byline=row.byline,
        date=row.date,
        url=row.url,
        provenance=Provenance(**provenance) if provenance else None,
        trusted=bool(row.trusted),
        original=row.original,
        regions=[Region(a, b, kind) for a, b, kind in json.loads(row.regions)],
    )


def load_documents(
    engine: Engine, batch: str | None = None, trusted: bool | None = None
) -> list[StoredDocument]:
    """Stored documents (of one batch, or all), optionally only trusted or untrusted ones."""
    query = select(documents).order_by(documents.c.batch, documents.c.path)
    if batch is not None:
        query = query.where(documents.c.batch == batch)
    if trusted is not None:
        query = query.where(documents.c.trusted == trusted)
    with engine.connect() as conn:
        return [StoredDocument(row.batch, _document(row)) for row in conn.execute(query)]


def load_document(engine: Engine, batch: str, path: str) -> Document | None:
    """One stored document, or None."""
    query = select(documents).where(documents.c.batch == batch, documents.c.path == path)
    with engine.connect() as conn:
        row = conn.execute(query).first()
    return _document(row) if row is not None else None


def load_passages(engine: Engine, batch: str | None = None) -> dict[str, Passage]:
    """Every stored passage by passage id, its text cut from the document text."""
    query = (
        select(passages, documents.c.path, _span(passages).label("span"))
        .join(documents, passages.c.document_id == documents.c.id)
        .order_by(documents.c.path, passages.c.idx)
    )
    if batch is not None:
        query = query.where(documents.c.batch == batch)
    with engine.connect() as conn:
        return {row.passage_id: _passage(row, row.span) for row in conn.execute(query)}


def _passage(row, text: str) -> Passage:
    """A passage from a row of the passages table joined with its document's path."""
    return Passage(
        passage_id=row.passage_id,
        document=row.path,
        index=row.idx,
        start=row.start,
        end=row.end,
        text=text,
        lang=row.lang,
        kind=row.kind,
    )


@dataclass
class RankedFinding:
    """What ranking needs of a stored finding (see ``score.score_findings`` and
    ``score.rank_passages``), read without its text and message."""

    document: str
    passage_id: str
    key: str
    check: str
    severity: str
    start: int
    score: float


def ranked_findings(engine: Engine, batch: str) -> tuple[list[RankedFinding], dict[str, Passage]]:
    """The findings of ``batch`` as ranking needs them, with their stored scores, and the
    passages they are in by passage id (where they are, without their text: the queue
    stores none), read together in one query."""
    query = (
        select(
            documents.c.path,
            findings.c.passage_id,
            findings.c.finding_key,
            findings.c.check_id,
            findings.c.severity,
            findings.c.start,
            findings.c.score,
            passages.c.idx,
            passages.c.start,
            passages.c.end,
            passages.c.lang,
            passages.c.kind,
        )
        .join(documents, findings.c.document_id == documents.c.id)
        .join(
            passages,
            (passages.c.document_id == findings.c.document_id)
            & (passages.c.passage_id == findings.c.passage_id),
        )
        .where(documents.c.batch == batch)
        .order_by(documents.c.path, findings.c.start, findings.c.check_id)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()  # fetched at once: far faster than row by row
    found = [RankedFinding(*row[:7]) for row in rows]
    where: dict[str, Passage] = {}
    for path, passage_id, *_, idx, start, end, lang, kind in rows:
        if passage_id not in where:
            where[passage_id] = Passage(passage_id, path, idx, start, end, "", lang, kind)
    return found, where


def load_findings(engine: Engine, batch: str | None = None) -> list[Finding]:
    """Stored findings (of one batch, or all) in document and text order."""
    query = (
        select(findings, documents.c.path, _span(findings).label("span"))
        .join(documents, findings.c.document_id == documents.c.id)
        .order_by(documents.c.batch, documents.c.path, findings.c.start, findings.c.check_id)
    )
    if batch is not None:
        query = query.where(documents.c.batch == batch)
    with engine.connect() as conn:
        return [_finding(row) for row in conn.execute(query)]


def _span(table):
    """The text of each row's span, cut in the database (SQLite and PostgreSQL count
    characters, as Python does), so no query carries a document's whole text per row."""
    return func.substr(documents.c.text, table.c.start + 1, table.c.end - table.c.start)


def _finding(row) -> Finding:
    """A finding row whose query cut its span (``span``) from the document text."""
    return _finding_with_text(row, row.span)


def finding_from_row(row, text: str) -> Finding:
    """A stored finding row (joined with its document's path) as a Finding; ``text`` is the
    document text its offsets refer to."""
    return _finding_with_text(row, text[row.start : row.end])


def _finding_with_text(row, span: str) -> Finding:
    return Finding(
        document=row.path,
        passage_id=row.passage_id,
        start=row.start,
        end=row.end,
        text=span,
        check=row.check_id,
        category=row.category,
        severity=row.severity,
        message=row.message,
        suggestion=row.suggestion,
        source_text=row.source_text,
        score=row.score,
    )


def latest_decisions(engine: Engine) -> dict[str, tuple[str, str | None]]:
    """``finding_key -> (action, check_id)`` of the newest decision on each finding."""
    newest = (
        select(func.max(decisions.c.id).label("id")).group_by(decisions.c.finding_key).subquery()
    )
    query = select(decisions.c.finding_key, decisions.c.action, decisions.c.check_id).join(
        newest, decisions.c.id == newest.c.id
    )
    with engine.connect() as conn:
        return {key: (action, check_id) for key, action, check_id in conn.execute(query)}


def finding_status(action: str | None) -> str:
    return STATUS_BY_ACTION.get(action or "", "open")


def check_verdicts(engine: Engine) -> dict[str, tuple[int, int]]:
    """``check_id -> (hits, false alarms)`` from the newest decision on each finding."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for action, check_id in latest_decisions(engine).values():
        if check_id is None:
            continue
        if action in ("accept", "correct"):
            counts[check_id][0] += 1
        elif action == "dismiss":
            counts[check_id][1] += 1
    return {check_id: (hits, misses) for check_id, (hits, misses) in counts.items()}


def queued_passages(engine: Engine) -> dict[tuple[str, str], bool]:
    """``(batch, passage_id) -> queued`` for every ranked passage."""
    query = select(documents.c.batch, queue.c.passage_id, queue.c.queued).join(
        documents, queue.c.document_id == documents.c.id
    )
    with engine.connect() as conn:
        return {(batch, pid): bool(queued) for batch, pid, queued in conn.execute(query)}


def queued_rows(engine: Engine, limit: int | None = None) -> tuple[list, dict]:
    """Queued passages, most suspicious first, and their findings.

    Returns the rows (passage_id, score, document_id, batch, path, title, provenance, text:
    the passage's text, idx, start, end) and ``(document_id, passage_id) -> [Finding]`` in
    text order. Only the findings of the queued passages are read, and only the spans of the
    document texts.
    """
    query = (
        select(
            queue.c.passage_id,
            queue.c.score,
            documents.c.id.label("document_id"),
            documents.c.batch,
            documents.c.path,
            documents.c.title,
            documents.c.provenance,
            _span(passages).label("text"),
            passages.c.idx,
            passages.c.start,
            passages.c.end,
        )
        .join(documents, queue.c.document_id == documents.c.id)
        .join(
            passages,
            (passages.c.document_id == queue.c.document_id)
            & (passages.c.passage_id == queue.c.passage_id),
        )
        .where(queue.c.queued.is_(True))
        .order_by(queue.c.score.desc(), documents.c.batch, documents.c.path, passages.c.start)
    )
    if limit:
        query = query.limit(limit)
    found: dict[tuple[int, str], list[Finding]] = defaultdict(list)
    with engine.connect() as conn:
        rows = list(conn.execute(query))
        if rows:
            finding_rows = conn.execute(
                select(findings, documents.c.path, _span(findings).label("span"))
                .join(documents, findings.c.document_id == documents.c.id)
                .where(findings.c.document_id.in_({r.document_id for r in rows}))
                .where(findings.c.passage_id.in_({r.passage_id for r in rows}))
                .order_by(findings.c.start, findings.c.check_id)
            )
            for f in finding_rows:
                found[(f.document_id, f.passage_id)].append(_finding(f))
    return rows, found


def queue_items(engine: Engine, limit: int | None = None) -> list[QueueItem]:
    """Queued passages, most suspicious first, each with its findings (strongest first)."""
    rows, found = queued_rows(engine, limit)
    return [
        QueueItem(
            rank=position,
            document=row.path,
            passage_id=row.passage_id,
            start=row.start,
            end=row.end,
            text=row.text,
            score=row.score,
            findings=sorted(found[(row.document_id, row.passage_id)], key=lambda f: -f.score),
        )
        for position, row in enumerate(rows, 1)
    ]
