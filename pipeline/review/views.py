"""What the review pages show, as plain data (the HTML pages and their JSON twins).

No web code here: each ``*_view`` function reads the store and returns a dict that the
templates render and the ``.json`` routes return as it is. The queue is in ``queue.py``,
the shared shapes of findings and documents in ``records.py``.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import Engine, select

from pipeline.mqm import SEVERITIES, categories, severity_weights
from pipeline.review import decisions as dec
from pipeline.review.queue import QueueFilters, QueuePage, queue_neighbours, queue_view
from pipeline.review.records import (
    StoredDoc,
    count_words,
    document_header,
    excerpt,
    finding_dict,
    findings_of,
    korean_for,
    load_document_by_id,
    missed_dict,
    passage_status,
    passages_of,
)
from pipeline.store.schema import queue

__all__ = [
    "QueueFilters",
    "claim_dict",
    "QueuePage",
    "StoredDoc",
    "document_view",
    "findings_of",
    "load_document_by_id",
    "mqm_score",
    "passage_view",
    "queue_view",
    "taxonomy",
]


def passage_view(engine: Engine, document_id: int, passage_id: str, reviewer: str | None) -> dict:
    """One passage with its findings, the aligned Korean or the neighbouring paragraphs."""
    doc = load_document_by_id(engine, document_id)
    if doc is None:
        raise dec.NotFound(f"document {document_id} is not in the store (was it re-run?)")
    rows = passages_of(engine, doc.id)
    index = next((i for i, r in enumerate(rows) if r.passage_id == passage_id), None)
    if index is None:
        raise dec.NotFound(f"passage {passage_id} is not in document {doc.document.path}")
    row = rows[index]
    text = doc.document.text
    ref = dec.PassageRef(doc.batch, doc.document.path, passage_id)
    state = dec.states(engine, doc.batch, doc.document.path)
    items = [
        finding_dict(f, state.get(f.key), row.start)
        for f in findings_of(engine, doc)
        if f.passage_id == passage_id
    ]
    items += [
        missed_dict(m, state[m.finding_key], row.start)
        for m in dec.missed_errors(engine, doc.batch, doc.document.path)
        if m.passage_id == passage_id
    ]
    items.sort(key=lambda f: (f["start"], f["end"], f["missed"]))
    for number, item in enumerate(items, 1):
        item["number"] = number
        decision = item["decision"]
        item["can_undo"] = bool(
            decision
            and decision["action"] != "reopen"
            and reviewer
            and decision["reviewer"] == reviewer
        )
    original = text[row.start : row.end]
    current = dec.passage_text(engine, ref)
    korean = None
    korean_map = korean_for(engine, doc)
    if korean_map is not None:
        korean = korean_map.get(passage_id)
        if korean is None:
            korean = next((f["source_text"] for f in items if f["source_text"]), None)

    def neighbour(i: int, tail: bool) -> dict | None:
        if 0 <= i < len(rows):
            r = rows[i]
            whole = text[r.start : r.end]
            return {
                "passage_id": r.passage_id,
                "paragraph": i + 1,
                "kind": r.kind,
                "text": whole,
                "excerpt": excerpt(whole, tail),
            }
        return None

    claim = dec.claim_of(engine, ref)
    numbers = {f["key"]: f["number"] for f in items}
    history = [
        {
            "id": h["id"],
            "finding": numbers.get(h["finding_key"]),
            "finding_key": h["finding_key"],
            "action": h["action"],
            "reviewer": h["reviewer"],
            "at": h["created_at"],
            "category": h["category"],
            "severity": h["severity"],
            "comment": h["comment"],
            "changed_text": h["after_text"] is not None,
        }
        for h in dec.passage_history(engine, ref)
    ]
    return {
        "document": document_header(engine, doc),
        "passage": {
            "batch": doc.batch,
            "document": doc.document.path,
            "passage_id": passage_id,
            "paragraph": index + 1,
            "paragraphs": len(rows),
            "kind": row.kind,
            "start": row.start,
            "end": row.end,
            "text": original,
            "current_text": current,
            "corrected": current != original,
            "version": dec.text_version(current),
            "status": passage_status(items),
        },
        "korean": korean,
        "has_original": doc.document.original is not None,
        "context": {"previous": neighbour(index - 1, True), "next": neighbour(index + 1, False)},
        "findings": items,
        "claim": claim_dict(claim) if claim else None,
        "queue": queue_neighbours(engine, doc.id, passage_id),
        "history": history,
    }


def claim_dict(claim: dec.Claim) -> dict:
    """Who holds a passage until when, and since when (the stamp a page releases it by)."""
    return {"reviewer": claim.reviewer, "until": claim.expires_at, "since": claim.claimed_at}


# --------------------------------------------------------------------------- MQM


def mqm_score(errors: list[dict], words: int) -> dict:
    """Penalty points (severity weights) of the errors, per 1,000 words."""
    weights = severity_weights()
    by_severity: Counter = Counter()
    by_dimension: Counter = Counter()
    points = 0
    for e in errors:
        severity = (e["decision"] or {}).get("severity") or e["severity"]
        category = (e["decision"] or {}).get("category") or e["category"]
        by_severity[severity] += 1
        by_dimension[category.split("/")[0]] += weights.get(severity, 0)
        points += weights.get(severity, 0)
    return {
        "errors": len(errors),
        "penalty": points,
        "words": words,
        "per_1000_words": round(points * 1000 / words, 2) if words else None,
        "by_severity": {s: by_severity.get(s, 0) for s in SEVERITIES},
        "by_dimension": dict(sorted(by_dimension.items())),
        "weights": weights,
    }


def document_view(engine: Engine, document_id: int) -> dict:
    """The document with the corrections so far, its errors and its MQM score."""
    doc = load_document_by_id(engine, document_id)
    if doc is None:
        raise dec.NotFound(f"document {document_id} is not in the store (was it re-run?)")
    d = doc.document
    rows = passages_of(engine, doc.id)
    corrected = dec.corrected_texts(engine, doc.batch, d.path)
    state = dec.states(engine, doc.batch, d.path)
    with engine.connect() as conn:
        queued = {
            pid
            for pid, q in conn.execute(
                select(queue.c.passage_id, queue.c.queued).where(queue.c.document_id == doc.id)
            )
            if q
        }
    starts = {r.passage_id: r.start for r in rows}
    all_findings = [
        finding_dict(f, state.get(f.key), starts.get(f.passage_id, 0))
        for f in findings_of(engine, doc)
    ]
    all_findings += [
        missed_dict(m, state[m.finding_key], starts.get(m.passage_id, 0))
        for m in dec.missed_errors(engine, doc.batch, d.path)
    ]
    all_findings.sort(key=lambda f: (f["start"], f["end"]))
    by_passage: dict[str, list[dict]] = defaultdict(list)
    for f in all_findings:
        by_passage[f["passage_id"]].append(f)
    out_passages, words, parts = [], 0, []
    for i, r in enumerate(rows):
        original = d.text[r.start : r.end]
        current = corrected.get(r.passage_id, original)
        reviewable = r.kind in ("title", "body")
        if reviewable:
            words += count_words(original)
        parts.append(current)
        fs = by_passage.get(r.passage_id, [])
        out_passages.append(
            {
                "passage_id": r.passage_id,
                "paragraph": i + 1,
                "kind": r.kind,
                "text": original,
                "corrected_text": current if current != original else None,
                "queued": r.passage_id in queued,
                "findings": len([f for f in fs if not f["missed"]]),
                "open": len([f for f in fs if f["status"] == "open"]),
                "errors": len([f for f in fs if f["status"] in dec.ERROR_STATUSES]),
                "url": f"/passage/{doc.id}/{r.passage_id}",
            }
        )
    errors = [f for f in all_findings if f["status"] in dec.ERROR_STATUSES]
    statuses = Counter(f["status"] for f in all_findings)
    return {
        "document": document_header(engine, doc),
        "passages": out_passages,
        "corrected_text": "\n\n".join(parts),
        "corrected_passages": len(corrected),
        "findings": {
            s: statuses.get(s, 0) for s in ("open", "accepted", "corrected", "dismissed", "missed")
        },
        "errors": errors,
        "mqm": mqm_score(errors, words),
    }


# --------------------------------------------------------------------------- taxonomy


def taxonomy() -> dict:
    """The MQM categories with the definitions shown to reviewers, and the severities."""
    weights = severity_weights()
    dims: dict[str, dict] = {}
    for c in categories().values():
        dim = dims.setdefault(c.dimension, {"name": c.dimension, "subtypes": []})
        if c.subtype is None:
            dim["definition"] = c.definition
        else:
            dim["subtypes"].append(
                {"name": c.name, "subtype": c.subtype, "definition": c.definition}
            )
    return {
        "dimensions": list(dims.values()),
        "severities": [{"name": s, "weight": weights.get(s, 0)} for s in SEVERITIES],
    }
