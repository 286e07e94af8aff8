"""Writing to the store. Each function is one transaction: all of it lands, or none."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from datetime import UTC, datetime

from sqlalchemy import Engine, bindparam, delete, insert, select, update

from pipeline.checks.registry import CheckError
from pipeline.model import Decision, Document, Finding, Passage, QueueItem
from pipeline.store.schema import (
    check_errors,
    decisions,
    documents,
    failures,
    findings,
    passages,
    queue,
    runs,
    segments,
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def start_run(engine: Engine, batch: str, signature: str) -> int:
    with engine.begin() as conn:
        result = conn.execute(
            insert(runs).values(
                batch=batch, signature=signature, status="running", started_at=now()
            )
        )
        return result.inserted_primary_key[0]


def finish_run(engine: Engine, run_id: int, status: str, **counts: float) -> None:
    with engine.begin() as conn:
        conn.execute(
            update(runs)
            .where(runs.c.id == run_id)
            .values(status=status, finished_at=now(), **counts)
        )


def save_document(
    engine: Engine,
    batch: str,
    doc: Document,
    *,
    input_hash: str,
    signature: str | None,
    file_stat: str | None = None,
    doc_passages: list[Passage],
    doc_findings: list[Finding],
    errors: list[CheckError],
    run_id: int,
) -> None:
    """Replace everything stored for ``doc`` (its row, passages, findings) in one transaction."""
    provenance = json.dumps(asdict(doc.provenance), ensure_ascii=False) if doc.provenance else None
    with engine.begin() as conn:
        conn.execute(
            delete(documents).where(documents.c.batch == batch, documents.c.path == doc.path)
        )
        doc_id = conn.execute(
            insert(documents).values(
                batch=batch,
                path=doc.path,
                content_hash=doc.content_hash,
                input_hash=input_hash,
                check_signature=signature,
                file_stat=file_stat,
                text=doc.text,
                lang=doc.lang,
                encoding=doc.encoding,
                format=doc.format,
                title=doc.title,
                byline=doc.byline,
                date=doc.date,
                url=doc.url,
                provenance=provenance,
                trusted=doc.trusted,
                original=doc.original,
                regions=json.dumps([[r.start, r.end, r.kind] for r in doc.regions]),
                last_run_id=run_id,
                updated_at=now(),
            )
        ).inserted_primary_key[0]
        for passage in doc_passages:
            passage_pk = conn.execute(
                insert(passages).values(
                    document_id=doc_id,
                    passage_id=passage.passage_id,
                    idx=passage.index,
                    start=passage.start,
                    end=passage.end,
                    lang=passage.lang,
                    kind=passage.kind,
                )
            ).inserted_primary_key[0]
            if passage.segments:
                conn.execute(
                    insert(segments),
                    [
                        {"passage_pk": passage_pk, "idx": s.index, "start": s.start, "end": s.end}
                        for s in passage.segments
                    ],
                )
        if doc_findings:
            conn.execute(
                insert(findings),
                [
                    {
                        "document_id": doc_id,
                        "passage_id": f.passage_id,
                        "finding_key": f.key,
                        "check_id": f.check,
                        "category": f.category,
                        "severity": f.severity,
                        "start": f.start,
                        "end": f.end,
                        "message": f.message,
                        "suggestion": f.suggestion,
                        "source_text": f.source_text,
                        "run_id": run_id,
                    }
                    for f in doc_findings
                ],
            )
        if errors:
            conn.execute(
                insert(check_errors),
                [
                    {
                        "run_id": run_id,
                        "document": e.document,
                        "passage_id": e.passage_id,
                        "check_id": e.check_id,
                        "error": e.error,
                    }
                    for e in errors
                ],
            )


def mark_seen(engine: Engine, batch: str, run_id: int, new_stats: dict[str, str | None]) -> None:
    """Mark the stored documents of ``batch`` as seen by this run and record the new stat
    of files whose stat changed (``path -> stat``), in one transaction (one commit per
    document made a re-run of 1,000 unchanged files spend most of its time in commits).

    Documents this run did not find or could not read are marked too: the run deletes them
    afterwards (:func:`delete_missing`)."""
    with engine.begin() as conn:
        conn.execute(
            update(documents)
            .where(documents.c.batch == batch, documents.c.last_run_id.is_distinct_from(run_id))
            .values(last_run_id=run_id)
        )
        if new_stats:
            conn.execute(
                update(documents)
                .where(documents.c.batch == batch, documents.c.path == bindparam("b_path"))
                .values(file_stat=bindparam("b_stat")),
                [{"b_path": path, "b_stat": stat} for path, stat in new_stats.items()],
            )


def delete_missing(engine: Engine, batch: str, present: Iterable[str]) -> list[str]:
    """Forget documents of ``batch`` whose files are gone; decisions on them are kept."""
    present = set(present)
    with engine.begin() as conn:
        stored = conn.execute(
            select(documents.c.id, documents.c.path).where(documents.c.batch == batch)
        )
        gone = [(doc_id, path) for doc_id, path in stored if path not in present]
        for doc_id, _ in gone:
            conn.execute(delete(documents).where(documents.c.id == doc_id))
    return [path for _, path in gone]


def record_failure(engine: Engine, run_id: int, path: str, reason: str) -> None:
    with engine.begin() as conn:
        conn.execute(insert(failures).values(run_id=run_id, path=path, reason=reason))


def replace_queue(
    engine: Engine,
    batch: str,
    items: list[QueueItem],
    budget: int,
    run_id: int | None,
    stored_scores: dict[tuple[str, str], float | None] | None = None,
) -> None:
    """Store the ranked passages of ``batch`` and their findings' scores.

    The first ``budget`` passages are queued for review. Only what differs from the stored
    queue and scores is written, so re-ranking after a small change writes little.
    ``stored_scores`` (``(document path, finding key) -> score``), when the caller has
    just read them, spares reading the findings' scores again.
    """
    with engine.begin() as conn:
        rows = conn.execute(
            select(documents.c.path, documents.c.id).where(documents.c.batch == batch)
        ).all()
        ids = {path: doc_id for path, doc_id in rows}
        in_batch = select(documents.c.id).where(documents.c.batch == batch)
        if stored_scores is None:
            stored = conn.execute(
                select(documents.c.path, findings.c.finding_key, findings.c.score)
                .join(documents, findings.c.document_id == documents.c.id)
                .where(documents.c.batch == batch)
            ).all()
            stored_scores = {(path, key): score for path, key, score in stored}
        _write_scores(conn, ids, stored_scores, items)
        _write_queue(conn, ids, in_batch, items, budget, run_id)


def _write_scores(
    conn, ids: dict[str, int], old: dict[tuple[str, str], float | None], items: list[QueueItem]
) -> None:
    """Set the findings' scores that differ from the stored ones (``old``)."""
    scored = [
        {"b_doc": ids[item.document], "b_key": f.key, "b_score": f.score}
        for item in items
        for f in item.findings
        if old.get((item.document, f.key)) != f.score
    ]
    if scored:
        conn.execute(
            update(findings)
            .where(findings.c.document_id == bindparam("b_doc"))
            .where(findings.c.finding_key == bindparam("b_key"))
            .values(score=bindparam("b_score")),
            scored,
        )


def _write_queue(
    conn, ids: dict[str, int], in_batch, items: list[QueueItem], budget: int, run_id: int | None
) -> None:
    """Make the stored queue rows of the batch's documents those of ``items``: rows that
    no longer rank are deleted, rows whose rank, score or place in the budget changed are
    updated, new ones inserted."""
    wanted = {
        (ids[item.document], item.passage_id): (item.rank, item.score, item.rank <= budget)
        for item in items
    }
    stored = conn.execute(
        select(queue.c.id, queue.c.document_id, queue.c.passage_id, queue.c.rank)
        .add_columns(queue.c.score, queue.c.queued)
        .where(queue.c.document_id.in_(in_batch))
    ).all()
    gone, changed, present = [], [], set()
    for row_id, doc_id, passage_id, rank, score, queued in stored:
        key = (doc_id, passage_id)
        if key not in wanted or key in present:
            gone.append(row_id)
            continue
        present.add(key)
        if wanted[key] != (rank, score, bool(queued)):
            new_rank, new_score, new_queued = wanted[key]
            changed.append(
                {"b_id": row_id, "b_rank": new_rank, "b_score": new_score, "b_queued": new_queued}
            )
    if gone:
        conn.execute(delete(queue).where(queue.c.id.in_(gone)))
    if changed:
        conn.execute(
            update(queue)
            .where(queue.c.id == bindparam("b_id"))
            .values(
                rank=bindparam("b_rank"),
                score=bindparam("b_score"),
                queued=bindparam("b_queued"),
                run_id=run_id,
            ),
            changed,
        )
    added = [
        {
            "document_id": doc_id,
            "passage_id": passage_id,
            "rank": rank,
            "score": score,
            "queued": queued,
            "run_id": run_id,
        }
        for (doc_id, passage_id), (rank, score, queued) in wanted.items()
        if (doc_id, passage_id) not in present
    ]
    if added:
        conn.execute(insert(queue), added)


def append_decision(engine: Engine, batch: str, decision: Decision, check_id: str | None) -> int:
    """Append one reviewer decision (never updates or deletes earlier ones)."""
    values = asdict(decision)
    values["created_at"] = decision.created_at or now()
    with engine.begin() as conn:
        result = conn.execute(insert(decisions).values(batch=batch, check_id=check_id, **values))
        return result.inserted_primary_key[0]
