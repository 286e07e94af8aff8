"""Claims: a reviewer working on a passage holds it for a while, so two never decide on it.

A claim is one row of ``claims`` per passage (batch folder, document path, passage id) with its
reviewer and expiry. Taking one is a single atomic upsert (``INSERT … ON CONFLICT DO UPDATE …
WHERE`` the holder is the same reviewer or the claim expired), inside a write transaction that
on SQLite starts with ``BEGIN IMMEDIATE``; on PostgreSQL the row lock makes a concurrent
claimer wait and then see the winner. Decisions take the claim in their own transaction
(see ``decisions.py``). :func:`claim_next` hands a reviewer the next queued passage that
nobody holds and that still has open findings; on PostgreSQL concurrent callers skip each
other's candidates (``SELECT … FOR UPDATE SKIP LOCKED`` on the queue rows), and the claim
upsert stays the arbiter. This module also holds what all review writes share: the errors,
``PassageRef`` and the stored time format.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from sqlalchemy import Connection, Engine, and_, delete, exists, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from pipeline.store.schema import claims, decisions, documents, findings, passages, queue

DEFAULT_TTL = timedelta(minutes=15)


class ReviewError(ValueError):
    """A decision or claim that cannot be stored; the message says why, for the reviewer."""


class InvalidDecision(ReviewError):
    """Bad input: unknown action, category or severity, an empty span, nothing to undo…"""


class NotFound(ReviewError):
    """The passage or finding is not (or no longer) in the store."""


class StaleWrite(ReviewError):
    """The passage changed since the reviewer opened it."""


class ClaimConflict(ReviewError):
    """Someone else is reviewing the passage."""

    def __init__(
        self, passage: PassageRef, holder: str, expires_at: str, writing: bool = False
    ) -> None:
        self.passage = passage
        self.holder = holder
        self.expires_at = expires_at
        note = "; your decision was not saved" if writing else ""
        super().__init__(
            f"passage {passage.passage_id} of {passage.document} is being reviewed by {holder} "
            f"until {clock(expires_at)}{note}"
        )


class PassageRef(NamedTuple):
    """What identifies a passage across runs: batch folder, document path, passage id."""

    batch: str
    document: str
    passage_id: str


@dataclass(frozen=True)
class Claim:
    passage: PassageRef
    reviewer: str
    claimed_at: str
    expires_at: str


# --------------------------------------------------------------------------- time


def _now() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime) -> str:
    """ISO 8601 in UTC with milliseconds: sorts as text, as the store keeps times."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def clock(iso: str) -> str:
    """``HH:MM`` (local time of the server, with its zone) of a stored time."""
    moment = datetime.fromisoformat(iso).astimezone()
    return f"{moment:%H:%M} {moment.tzname()}".strip()


# --------------------------------------------------------------------------- transactions


def _reviewer(name: str | None) -> str:
    name = (name or "").strip()
    if not name:
        raise InvalidDecision("say who you are first: a decision needs a reviewer name")
    if len(name) > 120:
        raise InvalidDecision("the reviewer name is longer than 120 characters")
    return name


_WRITERS: dict[str, threading.Lock] = {}
_WRITERS_GUARD = threading.Lock()


def _one_writer(engine: Engine):
    """SQLite has one writer: the threads of this process (the review server's requests)
    wait for it on this lock instead of polling the database lock until its timeout; other
    processes are still kept out by the lock of the database. PostgreSQL needs no queue."""
    if engine.dialect.name != "sqlite":
        return nullcontext()
    with _WRITERS_GUARD:
        return _WRITERS.setdefault(str(engine.url), threading.Lock())


@contextmanager
def _write(engine: Engine) -> Iterator[Connection]:
    """One write transaction; on SQLite it takes the write lock at once (BEGIN IMMEDIATE)."""
    with _one_writer(engine), engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        yield conn


def _take_claim(
    conn: Connection,
    passage: PassageRef,
    reviewer: str,
    moment: datetime,
    ttl: timedelta,
    writing: bool = True,
) -> Claim:
    """Claim or renew ``passage`` for ``reviewer`` in ``conn``'s transaction (atomic upsert).

    Raises :class:`ClaimConflict` when someone else holds a live claim.
    """
    now, until = stamp(moment), stamp(moment + ttl)
    insert_ = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    stmt = insert_(claims).values(
        batch=passage.batch,
        document=passage.document,
        passage_id=passage.passage_id,
        reviewer=reviewer,
        claimed_at=now,
        expires_at=until,
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=["batch", "document", "passage_id"],
        set_={"reviewer": reviewer, "claimed_at": now, "expires_at": until},
        where=or_(claims.c.reviewer == reviewer, claims.c.expires_at <= now),
    ).returning(claims.c.reviewer)
    if conn.execute(stmt).first() is None:
        holder = conn.execute(select(claims).where(_claim_where(passage))).one()
        raise ClaimConflict(passage, holder.reviewer, holder.expires_at, writing)
    return Claim(passage, reviewer, now, until)


def _claim_where(passage: PassageRef):
    return and_(
        claims.c.batch == passage.batch,
        claims.c.document == passage.document,
        claims.c.passage_id == passage.passage_id,
    )


# --------------------------------------------------------------------------- claims


def claim(
    engine: Engine,
    passage: PassageRef,
    reviewer: str,
    ttl: timedelta = DEFAULT_TTL,
    *,
    now: datetime | None = None,
) -> Claim:
    """Claim ``passage`` for ``reviewer`` for ``ttl`` (renewing their own claim).

    Raises :class:`ClaimConflict` while someone else's claim is live.
    """
    reviewer = _reviewer(reviewer)
    with _write(engine) as conn:
        return _take_claim(conn, PassageRef(*passage), reviewer, now or _now(), ttl, False)


def release(
    engine: Engine, passage: PassageRef, reviewer: str, claimed_at: str | None = None
) -> bool:
    """Give up ``reviewer``'s claim on ``passage`` (only if it was taken or last renewed at
    ``claimed_at``, when given); False when they held no such claim."""
    query = delete(claims).where(_claim_where(PassageRef(*passage)), claims.c.reviewer == reviewer)
    if claimed_at is not None:
        query = query.where(claims.c.claimed_at == claimed_at)
    with _write(engine) as conn:
        return conn.execute(query).rowcount > 0


def release_all(engine: Engine, reviewer: str, keep: PassageRef | None = None) -> int:
    """Give up every claim of ``reviewer`` (but ``keep``); returns how many were released."""
    query = delete(claims).where(claims.c.reviewer == reviewer)
    if keep is not None:
        query = query.where(~_claim_where(PassageRef(*keep)))
    with _write(engine) as conn:
        return conn.execute(query).rowcount


def live_claims(engine: Engine, *, now: datetime | None = None) -> dict[PassageRef, Claim]:
    """Every claim that has not expired, by passage."""
    with engine.connect() as conn:
        return live_claims_in(conn, now)


def live_claims_in(conn: Connection, now: datetime | None = None) -> dict[PassageRef, Claim]:
    """:func:`live_claims` read in an open connection."""
    query = select(claims).where(claims.c.expires_at > stamp(now or _now()))
    found = {}
    for row in conn.execute(query):
        ref = PassageRef(row.batch, row.document, row.passage_id)
        found[ref] = Claim(ref, row.reviewer, row.claimed_at, row.expires_at)
    return found


def claim_of(engine: Engine, passage: PassageRef, *, now: datetime | None = None) -> Claim | None:
    """The live claim on ``passage``, or None."""
    passage = PassageRef(*passage)
    query = select(claims).where(_claim_where(passage), claims.c.expires_at > stamp(now or _now()))
    with engine.connect() as conn:
        row = conn.execute(query).first()
    return Claim(passage, row.reviewer, row.claimed_at, row.expires_at) if row else None


def _has_open_finding():
    """SQL: the queue row's passage has a finding whose newest decision (in the batch of the
    queue row's document) is none or a reopen."""
    f, d, later = findings.alias("f"), decisions.alias("d"), decisions.alias("later")
    newer = (
        select(later.c.id)
        .where(
            later.c.finding_key == d.c.finding_key,
            later.c.batch == d.c.batch,
            later.c.id > d.c.id,
        )
        .exists()
    )
    decided = (
        select(d.c.id)
        .where(
            d.c.finding_key == f.c.finding_key,
            d.c.batch == documents.c.batch,
            d.c.action != "reopen",
            ~newer,
        )
        .correlate(documents, f)  # the outer query's document, two levels up
        .exists()
    )
    return (
        select(f.c.id)
        .where(
            f.c.document_id == queue.c.document_id,
            f.c.passage_id == queue.c.passage_id,
            ~decided,
        )
        .exists()
    )


def claim_next(
    engine: Engine,
    reviewer: str,
    *,
    batch: str | None = None,
    ttl: timedelta = DEFAULT_TTL,
    now: datetime | None = None,
) -> tuple[Claim, int] | None:
    """Claim the next queued passage (queue order) with open findings that nobody holds.

    The reviewer moves on: their other claims are released in the same transaction (a
    passage they hold now is not handed to them again). Returns the claim and the
    passage's document id, or None when nothing is left (of ``batch``, when given).
    """
    reviewer = _reviewer(reviewer)
    moment = now or _now()
    held = claims.alias("held")
    query = (
        select(
            queue.c.id, queue.c.document_id, queue.c.passage_id, documents.c.batch, documents.c.path
        )
        .join(documents, queue.c.document_id == documents.c.id)
        .join(
            passages,
            (passages.c.document_id == queue.c.document_id)
            & (passages.c.passage_id == queue.c.passage_id),
        )
        .where(
            queue.c.queued.is_(True),
            ~exists().where(
                held.c.batch == documents.c.batch,
                held.c.document == documents.c.path,
                held.c.passage_id == queue.c.passage_id,
                held.c.expires_at > stamp(moment),
            ),
            _has_open_finding(),
        )
        .order_by(queue.c.score.desc(), documents.c.batch, documents.c.path, passages.c.start)
        .limit(1)
        .with_for_update(of=queue, skip_locked=True)  # PostgreSQL; SQLite has one writer
    )
    if batch is not None:
        query = query.where(documents.c.batch == batch)
    passed: list[int] = []
    with _write(engine) as conn:
        while True:
            step = query.where(queue.c.id.not_in(passed)) if passed else query
            row = conn.execute(step).first()
            if row is None:
                conn.execute(delete(claims).where(claims.c.reviewer == reviewer))
                return None
            ref = PassageRef(row.batch, row.path, row.passage_id)
            try:
                taken = _take_claim(conn, ref, reviewer, moment, ttl, False)
            except ClaimConflict:  # claimed by someone who committed after this query began
                passed.append(row.id)
                continue
            conn.execute(delete(claims).where(claims.c.reviewer == reviewer, ~_claim_where(ref)))
            return taken, row.document_id
