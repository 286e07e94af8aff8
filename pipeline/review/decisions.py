"""Reviewer decisions: the library under the web (and terminal) review.

A decision is one appended row of the ``decisions`` table: ``accept``, ``correct`` (with the
passage text before and after the post-edit), ``dismiss`` (false alarm), ``reopen`` (undo) or
``missed`` (an error the checks did not find, added by the reviewer on a span). Nothing is
ever updated or deleted: the state of a finding is its newest decision (``state.py``).

Every write is one transaction that first takes (or renews) the reviewer's claim on the
passage (``claims.py``): a decision on a passage someone else holds raises
:class:`ClaimConflict` and stores nothing. Each write returns the id of the stored row.
A write may carry the client's ``request_id``: a retry with the same id (after a lost
answer, a server that died) returns the row the first request stored instead of a second.

This module re-exports the claims and state API, so ``from pipeline.review import decisions``
is all a caller needs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import IntegrityError

from pipeline.model import Finding
from pipeline.mqm import SEVERITIES, categories
from pipeline.review.claims import (
    DEFAULT_TTL,
    Claim,
    ClaimConflict,
    InvalidDecision,
    NotFound,
    PassageRef,
    ReviewError,
    StaleWrite,
    _now,
    _reviewer,
    _take_claim,
    _write,
    claim,
    claim_next,
    claim_of,
    clock,
    live_claims,
    release,
    release_all,
    stamp,
)
from pipeline.review.state import (
    ERROR_STATUSES,
    MISSED_PREFIX,
    STATUS_BY_ACTION,
    FindingState,
    MissedError,
    _current_text,
    _original_text,
    _passage_rows,
    _text_stack,
    corrected_texts,
    history,
    missed_errors,
    missed_span,
    passage_history,
    passage_text,
    states,
)
from pipeline.store.schema import decisions, documents, passages

__all__ = [
    "ACTIONS",
    "DEFAULT_TTL",
    "ERROR_STATUSES",
    "FINDING_ACTIONS",
    "STATUS_BY_ACTION",
    "Claim",
    "ClaimConflict",
    "FindingState",
    "InvalidDecision",
    "MissedError",
    "NotFound",
    "PassageRef",
    "ReviewError",
    "StaleWrite",
    "add_missed",
    "claim",
    "claim_next",
    "claim_of",
    "clock",
    "corrected_texts",
    "history",
    "live_claims",
    "missed_check_id",
    "missed_errors",
    "missed_key",
    "missed_span",
    "passage_history",
    "passage_text",
    "record_decision",
    "release",
    "release_all",
    "stamp",
    "states",
    "stored_request",
    "text_version",
    "undo",
]

#: actions a reviewer can take on a finding the checks reported
FINDING_ACTIONS = ("accept", "correct", "dismiss")

ACTIONS = (*FINDING_ACTIONS, "reopen", "missed")

MAX_COMMENT = 4000

MAX_REQUEST_ID = 64


# --------------------------------------------------------------------------- keys


def missed_key(document: str, start: int, end: int, text: str) -> str:
    """Stable key of a reviewer-added error, derived like ``Finding.key`` from its span."""
    raw = f"{document}|missed|{start}|{end}|{text}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def missed_check_id(start: int, end: int) -> str:
    return f"{MISSED_PREFIX}{start}-{end}"


def text_version(text: str) -> str:
    """A short fingerprint of a passage text, to tell whether it changed since it was shown."""
    return hashlib.sha1(_norm(text).encode("utf-8")).hexdigest()[:12]


def _norm(text: str) -> str:
    """Text as a browser form sends it back (CRLF → LF), without trailing blanks."""
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip()


# --------------------------------------------------------------------------- validation


def _category(name: str | None, default: str | None = None) -> str | None:
    if not name:
        return default
    if name not in categories():
        raise InvalidDecision(
            f"unknown MQM category {name!r}; pick one of the taxonomy "
            "(e.g. 'accuracy/mistranslation')"
        )
    return name


def _severity(name: str | None, default: str | None = None) -> str | None:
    if not name:
        return default
    if name not in SEVERITIES:
        raise InvalidDecision(f"unknown severity {name!r}; pick one of {', '.join(SEVERITIES)}")
    return name


def _comment(text: str | None) -> str | None:
    text = (text or "").strip()
    if len(text) > MAX_COMMENT:
        raise InvalidDecision(f"the comment is longer than {MAX_COMMENT} characters")
    return text or None


def _request_id(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value or len(value) > MAX_REQUEST_ID:
        raise InvalidDecision(f"a request id has 1 to {MAX_REQUEST_ID} characters")
    return value


# --------------------------------------------------------------------------- once per request


def _stored_id(conn: Connection, request_id: str, reviewer: str) -> int | None:
    row = conn.execute(
        select(decisions.c.id, decisions.c.reviewer).where(decisions.c.request_id == request_id)
    ).first()
    if row is None:
        return None
    if row.reviewer != reviewer:
        raise InvalidDecision(f"request id {request_id!r} was already used by another reviewer")
    return row.id


def stored_request(engine: Engine, request_id: str) -> dict | None:
    """The decision a request with ``request_id`` stored, as a plain dict, or None."""
    with engine.connect() as conn:
        row = conn.execute(select(decisions).where(decisions.c.request_id == request_id)).first()
    return dict(row._mapping) if row is not None else None


def _once(
    engine: Engine, request_id: str | None, reviewer: str, write: Callable[[Connection], int]
) -> int:
    """``write`` in one write transaction, at most once per ``request_id``: when a decision
    with that id is stored already, its id is returned and nothing is written."""
    try:
        with _write(engine) as conn:
            if request_id is not None:
                done = _stored_id(conn, request_id, reviewer)
                if done is not None:
                    return done
            return write(conn)
    except IntegrityError:  # the same request, stored by a concurrent retry (unique index)
        if request_id is None:
            raise
        with engine.connect() as conn:
            done = _stored_id(conn, request_id, reviewer)
        if done is None:
            raise
        return done


# --------------------------------------------------------------------------- writing


def record_decision(
    engine: Engine,
    batch: str,
    finding: Finding,
    action: str,
    reviewer: str,
    *,
    category: str | None = None,
    severity: str | None = None,
    comment: str | None = None,
    after_text: str | None = None,
    expected_text: str | None = None,
    expected_version: str | None = None,
    ttl: timedelta = DEFAULT_TTL,
    now: datetime | None = None,
    request_id: str | None = None,
) -> int:
    """Append ``accept``, ``correct`` or ``dismiss`` for ``finding``; return the row id.

    ``category``/``severity`` default to the finding's own (they must be in the MQM taxonomy).
    ``correct`` needs ``after_text``, the whole post-edited passage; the stored
    ``before_text`` is the passage as it was. ``expected_text``, when given, is the text the
    reviewer saw (or ``expected_version`` its :func:`text_version`): if the passage changed
    since, :class:`StaleWrite` is raised.
    The decision renews the reviewer's claim, or raises :class:`ClaimConflict`.
    ``request_id``: see the module docstring (stored once per id).
    """
    if action not in FINDING_ACTIONS:
        raise InvalidDecision(
            f"unknown action {action!r}: use accept, correct or dismiss "
            "(undo() reopens, add_missed() adds an error)"
        )
    reviewer = _reviewer(reviewer)
    values = {
        "finding_key": finding.key,
        "batch": batch,
        "document": finding.document,
        "passage_id": finding.passage_id,
        "check_id": finding.check,
        "action": action,
        "reviewer": reviewer,
        "comment": _comment(comment),
        "request_id": _request_id(request_id),
    }
    if action != "dismiss":
        values["category"] = _category(category, finding.category)
        values["severity"] = _severity(severity, finding.severity)
    else:
        values["category"] = _category(category)
        values["severity"] = _severity(severity)
    if action == "correct" and (after_text is None or not after_text.strip()):
        raise InvalidDecision("a correction needs the corrected passage text")
    passage = PassageRef(batch, finding.document, finding.passage_id)
    moment = now or _now()
    if expected_text is not None and expected_version is None:
        expected_version = text_version(expected_text)

    def write(conn: Connection) -> int:
        _take_claim(conn, passage, reviewer, moment, ttl)
        rows = _passage_rows(conn, passage)
        current = _current_text(conn, passage, rows)
        if expected_version and expected_version != text_version(current):
            stack = _text_stack(rows)
            changed = stack[-1] if stack else None
            who = f" by {changed.reviewer} at {clock(changed.created_at)}" if changed else ""
            raise StaleWrite(
                f"passage {passage.passage_id} was changed{who} after you opened it; "
                "reload to see the current text (your change was not saved)"
            )
        if action == "correct":
            if _norm(after_text) == _norm(current):
                raise InvalidDecision("the corrected text is the same as the current text")
            values["before_text"] = current
            values["after_text"] = _norm(after_text)
        values["created_at"] = stamp(moment)
        return conn.execute(insert(decisions).values(**values)).inserted_primary_key[0]

    return _once(engine, values["request_id"], reviewer, write)


def add_missed(
    engine: Engine,
    batch: str,
    document: str,
    passage_id: str,
    start: int,
    end: int,
    reviewer: str,
    category: str,
    severity: str,
    *,
    comment: str | None = None,
    after_text: str | None = None,
    ttl: timedelta = DEFAULT_TTL,
    now: datetime | None = None,
    request_id: str | None = None,
) -> int:
    """Add an error the checks missed on ``document_text[start:end]``; return the row id.

    ``start``/``end`` are offsets into the document text and must lie inside the passage.
    ``after_text``, when given, is a correction of the whole passage made at the same time.
    """
    reviewer = _reviewer(reviewer)
    if not category:
        raise InvalidDecision("a missed error needs an MQM category")
    if not severity:
        raise InvalidDecision("a missed error needs a severity")
    category, severity = _category(category), _severity(severity)
    passage = PassageRef(batch, document, passage_id)
    moment = now or _now()
    request_id = _request_id(request_id)

    def write(conn: Connection) -> int:
        _take_claim(conn, passage, reviewer, moment, ttl)
        row = conn.execute(
            select(documents.c.text, passages.c.start, passages.c.end)
            .join(passages, passages.c.document_id == documents.c.id)
            .where(
                documents.c.batch == batch,
                documents.c.path == document,
                passages.c.passage_id == passage_id,
            )
        ).first()
        if row is None:
            raise NotFound(f"passage {passage_id} of {document} is not in the store")
        if not (row.start <= start < end <= row.end):
            raise InvalidDecision(
                "select the words of the error inside the passage first "
                f"(got {start}–{end}, the passage is {row.start}–{row.end})"
            )
        text = row.text[start:end]
        if not text.strip():
            raise InvalidDecision("the selected span is only white space")
        values = {
            "finding_key": missed_key(document, start, end, text),
            "batch": batch,
            "document": document,
            "passage_id": passage_id,
            "check_id": missed_check_id(start, end),
            "action": "missed",
            "reviewer": reviewer,
            "category": category,
            "severity": severity,
            "comment": _comment(comment),
            "before_text": text,  # the span; a correction goes to after_text
            "created_at": stamp(moment),
            "request_id": request_id,
        }
        if after_text is not None and after_text.strip():
            current = _current_text(conn, passage)
            if _norm(after_text) != _norm(current):
                values["after_text"] = _norm(after_text)
        return conn.execute(insert(decisions).values(**values)).inserted_primary_key[0]

    return _once(engine, request_id, reviewer, write)


def undo(
    engine: Engine,
    batch: str,
    finding_key: str,
    reviewer: str,
    *,
    ttl: timedelta = DEFAULT_TTL,
    now: datetime | None = None,
    request_id: str | None = None,
) -> int:
    """Reopen the finding: append a ``reopen`` for ``reviewer``'s newest decision on it.

    An undone correction gives the passage its text back when it was the last change of the
    text; a later correction (which includes it) stays. Returns the new row id.
    """
    reviewer = _reviewer(reviewer)
    moment = now or _now()
    request_id = _request_id(request_id)

    def write(conn: Connection) -> int:
        rows = list(
            conn.execute(
                select(decisions)
                .where(decisions.c.batch == batch, decisions.c.finding_key == finding_key)
                .order_by(decisions.c.id)
            )
        )
        if not rows or rows[-1].action == "reopen":
            raise InvalidDecision("nothing to undo: the finding is open")
        last = rows[-1]
        if last.reviewer != reviewer:
            raise InvalidDecision(
                f"the newest decision on this finding is by {last.reviewer}, not you; "
                "decide again instead of undoing"
            )
        passage = PassageRef(batch, last.document, last.passage_id)
        _take_claim(conn, passage, reviewer, moment, ttl)
        values = {
            "finding_key": finding_key,
            "batch": batch,
            "document": last.document,
            "passage_id": last.passage_id,
            "check_id": last.check_id,
            "action": "reopen",
            "reviewer": reviewer,
            "comment": f"undo of decision {last.id} ({last.action})",
            "created_at": stamp(moment),
            "request_id": request_id,
        }
        passage_rows = _passage_rows(conn, passage)
        before = _text_stack(passage_rows)
        after = [r for r in before if r.id != last.id]
        if before and before[-1].id == last.id:  # the newest edit: its text goes too
            values["before_text"] = last.after_text
            values["after_text"] = after[-1].after_text if after else _original_text(conn, passage)
        return conn.execute(insert(decisions).values(**values)).inserted_primary_key[0]

    return _once(engine, request_id, reviewer, write)
