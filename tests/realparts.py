"""Real parts for the test suite: a throwaway PostgreSQL server, Debian Chromium
driven by Playwright, and a tiny local HTTP server.

The Debian packages come from ``scripts/install-system-deps.sh`` (``make test``
runs it).  A part that is missing or fails to start is reported through
:func:`require_part`: a skip on a developer's machine, a failure in CI.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import glob
import http.server
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# -A trust: tests connect as superuser "postgres" without a password.
INITDB_ARGS = ("-A", "trust", "-U", "postgres", "--encoding=UTF8", "--locale=C")
INSTALL_HINT = "run `make system-deps` (scripts/install-system-deps.sh)"


def require_part(ok: bool, reason: str) -> None:
    """Go on when ``ok``; otherwise skip the test, or fail it when ``CI=true``.

    A missing part must never be a silent skip in CI.
    """
    if ok:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"test part unavailable (CI=true): {reason}", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------- PostgreSQL


def pg_bindir() -> Path | None:
    """The newest /usr/lib/postgresql/<major>/bin holding initdb and pg_ctl."""
    dirs = [
        Path(d)
        for d in glob.glob("/usr/lib/postgresql/*/bin")
        if os.access(f"{d}/initdb", os.X_OK) and os.access(f"{d}/pg_ctl", os.X_OK)
    ]
    dirs.sort(key=lambda d: int(d.parent.name) if d.parent.name.isdigit() else 0)
    return dirs[-1] if dirs else None


class PostgresServer:
    """One PostgreSQL cluster in a temp dir, listening on 127.0.0.1 only.

    As root the server runs as user ``postgres`` (initdb refuses root);
    otherwise as the current user.  The superuser is ``postgres`` with trust
    auth.  :meth:`stop` is idempotent and also registered with atexit.
    """

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0
        # /tmp explicitly as root: a root-private TMPDIR would be unreadable for postgres.
        self.datadir = Path(
            tempfile.mkdtemp(prefix="mtreview-pg-", dir="/tmp" if self.as_postgres else None)
        )
        self.started = False
        atexit.register(self.stop)

    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.as_postgres:
            if shutil.which("runuser"):
                cmd = ["runuser", "-u", "postgres", "--", *cmd]
            else:
                cmd = ["su", "-s", "/bin/sh", "postgres", "-c", shlex.join(cmd)]
        # cwd=datadir: the postgres user may not be allowed into our cwd.
        return subprocess.run(
            cmd, check=False, cwd=self.datadir, capture_output=True, text=True, timeout=timeout
        )

    def _check(self, proc: subprocess.CompletedProcess, what: str) -> None:
        if proc.returncode != 0:
            log = self.datadir / "server.log"
            tail = log.read_text(errors="replace")[-1500:] if log.exists() else ""
            raise RuntimeError(f"{what} failed ({proc.returncode}): {proc.stderr.strip()}\n{tail}")

    def start(self) -> None:
        if self.as_postgres:
            pw = pwd.getpwnam("postgres")  # KeyError when the user does not exist
            os.chown(self.datadir, pw.pw_uid, pw.pw_gid)
        pgdata = str(self.datadir / "data")
        self._check(self._run("initdb", "-D", pgdata, *INITDB_ARGS), "initdb")
        opts = f"-h 127.0.0.1 -p {self.port} -k {self.datadir} -F"
        log = str(self.datadir / "server.log")
        self.started = True  # from here on the server may be running: stop() must try
        # -l: the postmaster must not inherit our stdout pipe (capture would hang).
        proc = self._run("pg_ctl", "-D", pgdata, "-o", opts, "-l", log, "-w", "start", timeout=90)
        self._check(proc, "pg_ctl start")

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{dbname}"

    def admin(self, sql: str) -> None:
        """Run one statement (CREATE/DROP DATABASE ...) on the ``postgres`` database."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            user="postgres",
            dbname="postgres",
            autocommit=True,
            connect_timeout=10,
        ) as conn:
            conn.execute(sql)

    def stop(self) -> None:
        if self.started:
            self.started = False
            pgdata = str(self.datadir / "data")
            try:
                self._run("pg_ctl", "-D", pgdata, "-m", "fast", "-w", "stop", timeout=60)
            except subprocess.TimeoutExpired:
                self._run("pg_ctl", "-D", pgdata, "-m", "immediate", "-w", "stop", timeout=60)
        shutil.rmtree(self.datadir, ignore_errors=True)


@contextlib.contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """A started :class:`PostgresServer`, stopped and removed on exit (also on failure)."""
    bindir = pg_bindir()
    require_part(
        bindir is not None,
        f"no PostgreSQL initdb/pg_ctl under /usr/lib/postgresql/*/bin; {INSTALL_HINT}",
    )
    server = PostgresServer(bindir)
    try:
        try:
            server.start()
        except (OSError, KeyError, RuntimeError, subprocess.SubprocessError) as exc:
            require_part(False, f"PostgreSQL server did not start: {type(exc).__name__}: {exc}")
        yield server
    finally:
        server.stop()


# --------------------------------------------------------------------------- Chromium


@contextlib.contextmanager
def benchmark_database(name: str) -> Iterator[tuple[str, str]]:
    """``(label, URL)`` of database ``name`` on a PostgreSQL server started for a benchmark
    and stopped after it. Raises RuntimeError (or OSError) when PostgreSQL cannot run here:
    a benchmark reports that backend as skipped."""
    bindir = pg_bindir()
    if bindir is None:
        raise RuntimeError("no initdb/pg_ctl under /usr/lib/postgresql/*/bin")
    server = PostgresServer(bindir)
    try:
        server.start()
        server.admin(f"CREATE DATABASE {name}")
        yield f"PostgreSQL {server.bindir.parent.name}", server.url(name)
    finally:
        server.stop()


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """A headless Debian Chromium (a Playwright ``Browser``); never downloads a browser."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        require_part(False, f"playwright is not importable: {exc}")
    require_part(os.access(CHROMIUM, os.X_OK), f"{CHROMIUM} not found; {INSTALL_HINT}")
    pw = sync_playwright().start()
    try:
        try:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
        except PlaywrightError as exc:
            require_part(False, f"Chromium did not launch: {exc}")
        try:
            yield browser
        finally:
            browser.close()
    finally:
        pw.stop()


# --------------------------------------------------------------------------- HTTP


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def http_server(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (free port) from a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
