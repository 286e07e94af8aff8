"""Versioned schema migrations.

Each step runs once, in its own transaction, and is recorded in ``schema_migrations``.
Step 1 creates the version-1 tables of ``schema.py`` (listed by name in ``VERSION_1_TABLES``),
step 2 the review ``claims``, step 3 the decisions' ``request_id``, step 4 the documents'
``file_stat`` (columns step 1 already creates in a new store, so these steps add only what
is missing). A later change to the schema
is a new step here (``ALTER TABLE …`` or a new table) together with the matching edit of
``schema.py``. The test ``test_migrations_create_every_declared_table_and_column_once``
checks that a database migrated step by step has every table and column ``schema.py``
declares.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, inspect, select, text

from pipeline.store import schema

#: the tables that existed at version 1 (frozen: a new table is a new step)
VERSION_1_TABLES = (
    "runs",
    "documents",
    "passages",
    "segments",
    "findings",
    "queue",
    "decisions",
    "failures",
    "check_errors",
)


def _initial(conn: Connection) -> None:
    tables = [t for t in schema.metadata.sorted_tables if t.name in VERSION_1_TABLES]
    schema.metadata.create_all(conn, tables=tables)


def _claims(conn: Connection) -> None:
    schema.claims.create(conn)


def _request_ids(conn: Connection) -> None:
    inspector = inspect(conn)
    if "request_id" not in {c["name"] for c in inspector.get_columns("decisions")}:
        conn.execute(text("ALTER TABLE decisions ADD COLUMN request_id VARCHAR(64)"))
    if "uq_decisions_request" not in {i["name"] for i in inspector.get_indexes("decisions")}:
        conn.execute(text("CREATE UNIQUE INDEX uq_decisions_request ON decisions (request_id)"))


def _file_stats(conn: Connection) -> None:
    if "file_stat" not in {c["name"] for c in inspect(conn).get_columns("documents")}:
        conn.execute(text("ALTER TABLE documents ADD COLUMN file_stat VARCHAR(120)"))


#: (version, description, step) in order
MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "documents, passages, segments, findings, queue, decisions, runs", _initial),
    (2, "claims: a reviewer holds a passage for a while", _claims),
    (3, "decisions.request_id: a retried request is stored once", _request_ids),
    (4, "documents.file_stat: an unchanged file is not read again", _file_stats),
]

LATEST = MIGRATIONS[-1][0]


def applied_versions(engine: Engine) -> set[int]:
    if not inspect(engine).has_table("schema_migrations"):
        return set()
    with engine.connect() as conn:
        return set(conn.scalars(select(schema.schema_migrations.c.version)))


def migrate(engine: Engine) -> list[int]:
    """Bring the database up to the latest version; return the versions applied now."""
    schema.schema_migrations.create(engine, checkfirst=True)
    done = applied_versions(engine)
    applied = []
    for version, description, step in MIGRATIONS:
        if version in done:
            continue
        with engine.begin() as conn:
            step(conn)
            conn.execute(
                schema.schema_migrations.insert().values(
                    version=version,
                    description=description,
                    applied_at=datetime.now(UTC).isoformat(timespec="seconds"),
                )
            )
        applied.append(version)
    return applied
