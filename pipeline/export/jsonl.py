"""The JSONL exports of findings and documents (the contract in DESIGN.md §3).

Offsets are Python string indices into the document text that ``documents`` exports, and
every finding's ``text`` is exactly ``document_text[start:end]``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import IO

from sqlalchemy import Engine

from pipeline.model import Finding
from pipeline.store import reads


def finding_record(finding: Finding, queued: bool, status: str) -> dict:
    return {
        "document": finding.document,
        "passage_id": finding.passage_id,
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "check": finding.check,
        "category": finding.category,
        "severity": finding.severity,
        "score": finding.score,
        "message": finding.message,
        "suggestion": finding.suggestion,
        "source_text": finding.source_text,
        "queued": queued,
        "status": status,
    }


def findings_records(engine: Engine, batch: str | None = None) -> Iterator[dict]:
    """One record per stored finding (of one batch, or all), in batch, document and text order."""
    queued = reads.queued_passages(engine)
    decided = reads.latest_decisions(engine)
    for batch_key, finding in _findings_with_batch(engine, batch):
        action = decided.get(finding.key, (None, None))[0]
        yield finding_record(
            finding,
            queued.get((batch_key, finding.passage_id), False),
            reads.finding_status(action),
        )


def _findings_with_batch(engine: Engine, batch: str | None) -> Iterator[tuple[str, Finding]]:
    for key in [batch] if batch is not None else reads.batches(engine):
        for finding in reads.load_findings(engine, key):
            yield key, finding


def documents_records(engine: Engine, batch: str | None = None) -> Iterator[dict]:
    """One record per stored document: the text every finding's offsets refer to."""
    for stored in reads.load_documents(engine, batch):
        doc = stored.document
        yield {
            "document": doc.path,
            "text": doc.text,
            "title": doc.title,
            "paired_with": doc.original,
            "provenance": asdict(doc.provenance) if doc.provenance else None,
            "trusted": doc.trusted,
        }


def write_jsonl(records: Iterable[dict], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def export_jsonl(records: Iterable[dict], path: Path) -> int:
    """Write ``records`` to ``path`` atomically (a temp file renamed into place)."""
    tmp = path.with_name(path.name + ".partial")
    with tmp.open("w", encoding="utf-8") as out:
        count = write_jsonl(records, out)
    tmp.replace(path)
    return count
