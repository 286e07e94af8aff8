"""Tables of the store (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Documents are keyed by their batch folder and path; everything derived from a document
(passages, segments, findings) is replaced together when the document changes. Decisions
are never updated or deleted: they refer to findings by ``finding_key``, which is stable
across runs, so re-checking a document never orphans a reviewer's work.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("description", String(200), nullable=False),
    Column("applied_at", String(40), nullable=False),
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("batch", Text, nullable=False),
    Column("signature", Text, nullable=False),
    Column("status", String(20), nullable=False),  # running | done | failed
    Column("started_at", String(40), nullable=False),
    Column("finished_at", String(40)),
    Column("documents", Integer, nullable=False, default=0),
    Column("checked", Integer, nullable=False, default=0),
    Column("passages", Integer, nullable=False, default=0),
    Column("findings", Integer, nullable=False, default=0),
    Column("queued", Integer, nullable=False, default=0),
    Column("failures", Integer, nullable=False, default=0),
    Column("seconds", Float),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("batch", Text, nullable=False),  # resolved batch folder
    Column("path", Text, nullable=False),  # POSIX path relative to the batch folder
    Column("content_hash", String(64), nullable=False),  # sha256 of the file bytes
    Column("input_hash", String(64), nullable=False),  # bytes + manifest entry + original
    # "size:mtime_ns:ctime_ns:inode" of the file when its bytes were read, or NULL when it
    # had changed too recently to vouch for them (migration step 4)
    Column("file_stat", String(120)),
    Column("check_signature", Text),  # checks that produced the stored findings
    Column("text", Text, nullable=False),
    Column("lang", String(8), nullable=False),
    Column("encoding", String(40), nullable=False),
    Column("format", String(10), nullable=False),
    Column("title", Text),
    Column("byline", Text),
    Column("date", String(10)),
    Column("url", Text),
    Column("provenance", Text),  # JSON object or NULL
    Column("trusted", Boolean, nullable=False, default=False),
    Column("original", Text),  # path of the Korean original in the same batch
    Column("regions", Text, nullable=False),  # JSON list of [start, end, kind]
    Column("last_run_id", Integer),
    Column("updated_at", String(40), nullable=False),
    UniqueConstraint("batch", "path", name="uq_documents_batch_path"),
)

passages = Table(
    "passages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("passage_id", String(40), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("lang", String(8), nullable=False),
    Column("kind", String(20), nullable=False),
    UniqueConstraint("document_id", "passage_id", name="uq_passages_doc_pid"),
)

segments = Table(
    "segments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("passage_pk", Integer, ForeignKey("passages.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

findings = Table(
    "findings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("passage_id", String(40), nullable=False),
    Column("finding_key", String(32), nullable=False),
    Column("check_id", String(80), nullable=False),
    Column("category", String(120), nullable=False),
    Column("severity", String(10), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("message", Text, nullable=False),
    Column("suggestion", Text),
    Column("source_text", Text),
    Column("score", Float, nullable=False, default=0.0),  # set when the queue is ranked
    Column("run_id", Integer),
    Index("ix_findings_document", "document_id"),
    Index("ix_findings_key", "finding_key"),
)

queue = Table(
    "queue",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("passage_id", String(40), nullable=False),
    Column("rank", Integer, nullable=False),
    Column("score", Float, nullable=False),
    Column("queued", Boolean, nullable=False),  # inside the review budget
    Column("run_id", Integer),
    Index("ix_queue_rank", "rank"),
)

decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("finding_key", String(32), nullable=False),
    Column("batch", Text, nullable=False),
    Column("document", Text, nullable=False),
    Column("passage_id", String(40), nullable=False),
    Column("check_id", String(80)),
    # accept | correct | dismiss | reopen (undo) | missed (a reviewer-added error; its
    # check_id is "missed:START-END", the span's offsets into the document text)
    Column("action", String(20), nullable=False),
    Column("reviewer", String(120), nullable=False),
    Column("category", String(120)),
    Column("severity", String(10)),
    Column("comment", Text),
    Column("before_text", Text),
    Column("after_text", Text),
    Column("created_at", String(40), nullable=False),
    # the client's id for the request that stored the decision: a retry with the same id
    # (say after the server died before answering) returns this row instead of a second one
    Column("request_id", String(64)),
    Index("ix_decisions_key", "finding_key"),
    Index("uq_decisions_request", "request_id", unique=True),
)

claims = Table(
    "claims",
    metadata,
    # A reviewer working on a passage holds it until ``expires_at`` (ISO 8601, UTC), so two
    # reviewers never decide on the same passage at once. One row per passage: taking over an
    # expired claim updates the row (migration step 2).
    Column("id", Integer, primary_key=True),
    Column("batch", Text, nullable=False),
    Column("document", Text, nullable=False),
    Column("passage_id", String(40), nullable=False),
    Column("reviewer", String(120), nullable=False),
    Column("claimed_at", String(40), nullable=False),
    Column("expires_at", String(40), nullable=False),
    UniqueConstraint("batch", "document", "passage_id", name="uq_claims_passage"),
)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, nullable=False),
    Column("path", Text, nullable=False),
    Column("reason", Text, nullable=False),
)

check_errors = Table(
    "check_errors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, nullable=False),
    Column("document", Text, nullable=False),
    Column("passage_id", String(40)),
    Column("check_id", String(80), nullable=False),
    Column("error", Text, nullable=False),
)
