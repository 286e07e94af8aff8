"""Shared fixtures: real PostgreSQL, real Chromium, and a place for artifacts.

Fixtures (see tests/realparts.py for the machinery):

* ``postgres_url`` (session): a PostgreSQL server started for the session with an
  empty database ``mtreview_test``; yields its SQLAlchemy URL
  ``postgresql+psycopg://postgres@127.0.0.1:PORT/mtreview_test``.
* ``fresh_postgres_url`` (function): a new, uniquely named empty database on that
  server for one test, dropped afterwards.
* ``browser`` (session): Debian Chromium (/usr/bin/chromium), headless, via Playwright.
* ``page`` (function): a new browser context and page, closed afterwards.
* ``artifacts_dir``: <repo>/test-artifacts (created if missing), for screenshots.

A missing part skips the test, or fails it when CI=true (``realparts.require_part``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import realparts  # tests/ is put on sys.path by pytest (no __init__.py)

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[realparts.PostgresServer]:
    with realparts.postgres_server() as server:
        yield server


@pytest.fixture(scope="session")
def postgres_url(postgres_server: realparts.PostgresServer) -> str:
    postgres_server.admin("CREATE DATABASE mtreview_test")
    return postgres_server.url("mtreview_test")


@pytest.fixture
def fresh_postgres_url(postgres_server: realparts.PostgresServer) -> Iterator[str]:
    name = f"mtreview_t_{uuid.uuid4().hex[:12]}"
    postgres_server.admin(f"CREATE DATABASE {name}")
    yield postgres_server.url(name)
    # FORCE: a connection pool the test forgot to dispose must not block the drop.
    postgres_server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    with realparts.chromium() as b:
        yield b


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context()
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def artifacts_dir() -> Path:
    path = REPO_ROOT / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_engine(request, tmp_path):
    """A migrated, empty store: SQLite in a temp folder, then a fresh PostgreSQL database."""
    from pipeline.store.engine import open_store

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    else:
        url = request.getfixturevalue("fresh_postgres_url")
    engine = open_store(url)
    yield engine
    engine.dispose()
