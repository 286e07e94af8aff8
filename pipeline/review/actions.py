"""What a decision request asks for, carried out: the form or JSON fields of ``POST /decide``
turned into a stored decision and the message the reviewer sees.

``decide`` answers a retried request (same ``request_id``) from the stored decision, then
dispatches on ``action``: accept, correct or dismiss a finding, undo, or add a missed error.
Errors are :class:`decisions.ReviewError` subclasses whose message is for the reviewer.
"""

from __future__ import annotations

from sqlalchemy import Engine

from pipeline.review import decisions as dec
from pipeline.review import views
from pipeline.review.render import short

VERBS = {
    "accept": "Confirmed as an error:",
    "correct": "Saved your correction for",
    "dismiss": "Dismissed as a false alarm:",
}


def passage_ref(engine: Engine, data: dict) -> tuple[views.StoredDoc, dec.PassageRef]:
    """The stored document and the passage a request names (``document_id``,
    ``passage_id``); NotFound when the document is not in the store."""
    document_id = str(data.get("document_id", ""))
    if not document_id.isdigit():
        raise dec.NotFound("the request names no document_id")
    doc = views.load_document_by_id(engine, int(document_id))
    if doc is None:
        raise dec.NotFound(f"document {document_id} is not in the store (was it re-run?)")
    passage_id = str(data.get("passage_id") or "")
    return doc, dec.PassageRef(doc.batch, doc.document.path, passage_id)


def _field(data: dict, name: str) -> str | None:
    return str(data[name]) if data.get(name) not in (None, "") else None


def decide(engine: Engine, data: dict, name: str | None) -> tuple[dict, str]:
    """Store the decision ``data`` asks for by reviewer ``name``; returns the JSON answer
    and the message for the page."""
    request_id = _field(data, "request_id")
    if request_id is not None:
        stored = dec.stored_request(engine, request_id)
        if stored is not None and stored["reviewer"] == (name or "").strip():
            answer = {k: stored[k] for k in ("id", "finding_key", "action")}
            return {**answer, "replayed": True}, "This decision was saved already."
    doc, ref = passage_ref(engine, data)
    action = str(data.get("action") or "")
    if action in dec.FINDING_ACTIONS:
        return _on_finding(engine, data, name or "", doc, ref, action)
    if action in ("undo", "reopen"):
        key = str(data.get("finding_key") or "")
        row_id = dec.undo(engine, doc.batch, key, name or "", request_id=request_id)
        answer = {"id": row_id, "finding_key": key, "action": "reopen"}
        return answer, "Undone: the finding is open again."
    if action == "missed":
        return _missed(engine, data, name or "", doc, ref)
    raise dec.InvalidDecision(
        f"unknown action {action!r}: use accept, correct, dismiss, undo or missed"
    )


def _on_finding(
    engine: Engine,
    data: dict,
    name: str,
    doc: views.StoredDoc,
    ref: dec.PassageRef,
    action: str,
) -> tuple[dict, str]:
    """Accept, correct or dismiss the finding ``finding_key`` of the passage."""
    key = str(data.get("finding_key") or "")
    finding = next(
        (
            f
            for f in views.findings_of(engine, doc)
            if f.key == key and f.passage_id == ref.passage_id
        ),
        None,
    )
    if finding is None:
        raise dec.NotFound(f"finding {key} is not in passage {ref.passage_id} (was it re-run?)")
    row_id = dec.record_decision(
        engine,
        doc.batch,
        finding,
        action,
        name,
        category=_field(data, "category"),
        severity=_field(data, "severity"),
        comment=_field(data, "comment"),
        after_text=_field(data, "after_text") if action == "correct" else None,
        expected_version=_field(data, "version"),
        request_id=_field(data, "request_id"),
    )
    message = f"{VERBS[action]} “{short(finding.text)}”. Press u to undo."
    return {"id": row_id, "finding_key": key, "action": action}, message


def _missed(
    engine: Engine, data: dict, name: str, doc: views.StoredDoc, ref: dec.PassageRef
) -> tuple[dict, str]:
    """Add an error the checks missed on the span ``start``–``end`` of the document."""
    try:
        start, end = int(data.get("start", "")), int(data.get("end", ""))
    except (TypeError, ValueError):
        raise dec.InvalidDecision(
            "select the words of the missed error in the English passage first"
        ) from None
    row_id = dec.add_missed(
        engine,
        doc.batch,
        ref.document,
        ref.passage_id,
        start,
        end,
        name,
        _field(data, "category") or "",
        _field(data, "severity") or "",
        comment=_field(data, "comment"),
        after_text=_field(data, "after_text"),
        request_id=_field(data, "request_id"),
    )
    span = doc.document.text[start:end]
    key = dec.missed_key(ref.document, start, end, span)
    return {"id": row_id, "finding_key": key, "action": "missed"}, (
        f"Added a missed error on “{short(span)}”."
    )
