"""Findings, documents and passages as the review pages show them (plain dicts).

Shared by the queue (``queue.py``) and the passage and document pages (``views.py``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath

from sqlalchemy import Engine, select

from pipeline.model import Document, Finding
from pipeline.review import decisions as dec
from pipeline.store import reads
from pipeline.store.schema import documents, findings, passages

WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@lru_cache(maxsize=256)
def batch_name(batch: str) -> str:
    """The batch folder's last component, as a reviewer knows it."""
    return PurePath(batch).name or batch


def provenance_engine(provenance: str | None) -> str | None:
    if not provenance:
        return None
    return json.loads(provenance).get("engine") or "unknown"


def excerpt(text: str, tail: bool, width: int = 320) -> str:
    """The end (``tail``) or the start of ``text``, cut at a word, marked with an ellipsis."""
    if len(text) <= width:
        return text
    if tail:
        cut = text[-width:]
        return "…" + cut[cut.find(" ") + 1 :] if " " in cut else "…" + cut
    cut = text[:width]
    return (cut[: cut.rfind(" ")] if " " in cut else cut) + "…"


def count_words(text: str) -> int:
    return len(WORD.findall(text))


# --------------------------------------------------------------------------- findings


def finding_dict(f: Finding, state: dec.FindingState | None, passage_start: int) -> dict:
    """A finding as the pages and JSON show it (offsets as in the findings export)."""
    return {
        "key": f.key,
        "document": f.document,
        "passage_id": f.passage_id,
        "start": f.start,
        "end": f.end,
        "offset": f.start - passage_start,  # into the passage text
        "text": f.text,
        "check": f.check,
        "category": f.category,
        "severity": f.severity,
        "score": f.score,
        "message": f.message,
        "suggestion": f.suggestion,
        "source_text": f.source_text,
        "missed": False,
        **_state_fields(state),
    }


def missed_dict(m: dec.MissedError, state: dec.FindingState, passage_start: int) -> dict:
    return {
        "key": m.finding_key,
        "document": m.document,
        "passage_id": m.passage_id,
        "start": m.start,
        "end": m.end,
        "offset": m.start - passage_start,
        "text": m.text,
        "check": "missed",
        "category": m.category,
        "severity": m.severity,
        "score": None,
        "message": m.comment or "added by a reviewer",
        "suggestion": None,
        "source_text": None,
        "missed": True,
        **_state_fields(state),
    }


def _state_fields(state: dec.FindingState | None) -> dict:
    if state is None:
        return {"status": "open", "decision": None}
    return {
        "status": state.status,
        "decision": {
            "id": state.decision_id,
            "action": state.action,
            "reviewer": state.reviewer,
            "at": state.created_at,
            "category": state.category,
            "severity": state.severity,
            "comment": state.comment,
        },
    }


def passage_status(items: list[dict]) -> str:
    """open (nothing decided), in progress, or done (every finding decided)."""
    reported = [f for f in items if not f["missed"]]
    decided = [f for f in reported if f["status"] != "open"]
    if reported and len(decided) == len(reported):
        return "done"
    if decided or any(f["missed"] for f in items):
        return "in progress"
    return "open"


# --------------------------------------------------------------------------- documents


@dataclass
class StoredDoc:
    id: int
    batch: str
    document: Document


def load_document_by_id(engine: Engine, document_id: int) -> StoredDoc | None:
    with engine.connect() as conn:
        row = conn.execute(select(documents).where(documents.c.id == document_id)).first()
    if row is None:
        return None
    return StoredDoc(row.id, row.batch, reads._document(row))


def passages_of(engine: Engine, document_id: int) -> list:
    query = select(passages).where(passages.c.document_id == document_id).order_by(passages.c.idx)
    with engine.connect() as conn:
        return list(conn.execute(query))


def findings_of(engine: Engine, doc: StoredDoc) -> list[Finding]:
    query = (
        select(findings, documents.c.path)
        .join(documents, findings.c.document_id == documents.c.id)
        .where(findings.c.document_id == doc.id)
        .order_by(findings.c.start, findings.c.check_id)
    )
    with engine.connect() as conn:
        return [reads.finding_from_row(r, doc.document.text) for r in conn.execute(query)]


def document_header(engine: Engine, doc: StoredDoc) -> dict:
    d = doc.document
    original_id = None
    if d.original:
        with engine.connect() as conn:
            original_id = conn.scalar(
                select(documents.c.id).where(
                    documents.c.batch == doc.batch, documents.c.path == d.original
                )
            )
    return {
        "id": doc.id,
        "batch": doc.batch,
        "batch_name": batch_name(doc.batch),
        "document": d.path,
        "title": d.title,
        "byline": d.byline,
        "date": d.date,
        "url": d.url,
        "lang": d.lang,
        "trusted": d.trusted,
        "mt_engine": d.provenance.engine if d.provenance else None,
        "mt_note": d.provenance.note if d.provenance else None,
        "original": d.original,
        "original_id": original_id,
        "link": f"/document/{doc.id}",
    }


_KOREAN_CACHE: dict[tuple[str, str, str, str], dict[str, str | None]] = {}


def korean_for(engine: Engine, doc: StoredDoc) -> dict[str, str | None] | None:
    """``passage_id -> aligned Korean text`` for an English document with an original."""
    d = doc.document
    if not d.original:
        return None
    ko = reads.load_document(engine, doc.batch, d.original)
    if ko is None:
        return None
    key = (doc.batch, d.path, d.content_hash, ko.content_hash)
    if key not in _KOREAN_CACHE:
        from pipeline.pair.passages import align_passages
        from pipeline.segment import segment_document

        # as the run aligned them (pipeline.runner), so the passage ids are the stored ones
        pairs, _links = align_passages(segment_document(d), segment_document(ko))
        if len(_KOREAN_CACHE) > 64:
            _KOREAN_CACHE.clear()
        _KOREAN_CACHE[key] = {p.target.passage_id: p.source_text for p in pairs}
    return _KOREAN_CACHE[key]
