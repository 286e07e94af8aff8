"""Opening the store: SQLite by default, PostgreSQL for teams."""

from __future__ import annotations

import os

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from pipeline.store.migrations import migrate

DEFAULT_DB = "sqlite:///mtreview.sqlite3"


class StoreError(Exception):
    """The store cannot be opened or used (bad URL, server down, locked file…)."""


def resolve_db_url(db: str | None) -> str:
    """``--db`` if given, else ``$MTREVIEW_DB``, else SQLite in the current directory."""
    return db or os.environ.get("MTREVIEW_DB") or DEFAULT_DB


def open_store(db: str | None = None) -> Engine:
    """Create an engine for ``db`` and migrate the schema to the latest version."""
    url_text = resolve_db_url(db)
    try:
        url = make_url(url_text)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url_text!r} ({exc})") from exc
    if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(
            f"unsupported database {url.get_backend_name()!r}: use sqlite or postgresql"
        )
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    try:
        migrate(engine)
    except OperationalError as exc:
        raise StoreError(
            f"cannot open {url.render_as_string(hide_password=True)}: {exc.orig}"
        ) from exc
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
