"""Crashes: a run killed with SIGKILL resumes, and a review server killed during decisions
never keeps half a decision. Real subprocesses (``mtreview run`` / ``mtreview serve``) on
SQLite and on a real PostgreSQL server.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest
import realparts
from batches import CORPUS
from sqlalchemy import func, select
from test_concurrency import Client, ServeProcess, build_store, server_log_problems

from pipeline.review import decisions as dec
from pipeline.runner import batch_key
from pipeline.store.engine import open_store
from pipeline.store.schema import (
    decisions,
    documents,
    findings,
    passages,
    queue,
    runs,
    segments,
)

MTREVIEW = str(Path(sys.executable).with_name("mtreview"))
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "koen-news-park2016"
#: English documents (each with its Korean original) in the crash batch
PAIRS = 30


# --------------------------------------------------------------------------- a batch


def build_batch(root: Path) -> Path:
    """A batch of a few seconds' work: the seed corpus (a column and its trusted press) and
    PAIRS English texts with their Korean originals from the shared ko-en news data."""
    docs = SHARED / "docs.jsonl"
    realparts.require_part(docs.exists(), f"{docs} is missing (the shared ko-en data)")
    batch = root / "batch"
    batch.mkdir()
    for path in CORPUS.iterdir():
        shutil.copy(path, batch / path.name)
    records = [json.loads(line) for line in docs.read_text("utf-8").splitlines()]
    for i, rec in enumerate(records[:PAIRS]):
        en = list(rec["en"])
        if i % 3 == 0:  # some planted trouble, so that there are findings to compare
            en[1] = "The the " + en[1]
        (batch / f"news-{i:03d}.en.txt").write_text("\n\n".join(en) + "\n", encoding="utf-8")
        (batch / f"news-{i:03d}.ko.txt").write_text("\n\n".join(rec["ko"]) + "\n", "utf-8")
    return batch


def snapshot(engine, key: str) -> dict[str, Counter]:
    """What a run leaves in the store, as multisets (a duplicate shows as a count of 2)."""
    doc_of = documents.c.id
    with engine.connect() as conn:
        docs = Counter(
            conn.execute(
                select(documents.c.path, documents.c.input_hash, documents.c.text).where(
                    documents.c.batch == key
                )
            ).all()
        )
        joined = passages.join(documents, passages.c.document_id == doc_of)
        pas = Counter(
            conn.execute(
                select(
                    documents.c.path,
                    passages.c.passage_id,
                    passages.c.idx,
                    passages.c.start,
                    passages.c.end,
                    passages.c.kind,
                )
                .select_from(joined)
                .where(documents.c.batch == key)
            ).all()
        )
        segs = Counter(
            conn.execute(
                select(documents.c.path, passages.c.passage_id, segments.c.start, segments.c.end)
                .select_from(
                    segments.join(passages, segments.c.passage_pk == passages.c.id).join(
                        documents, passages.c.document_id == doc_of
                    )
                )
                .where(documents.c.batch == key)
            ).all()
        )
        found = Counter(
            (path, fkey, check, start, end, round(score, 9))
            for path, fkey, check, start, end, score in conn.execute(
                select(
                    documents.c.path,
                    findings.c.finding_key,
                    findings.c.check_id,
                    findings.c.start,
                    findings.c.end,
                    findings.c.score,
                )
                .select_from(findings.join(documents, findings.c.document_id == doc_of))
                .where(documents.c.batch == key)
            )
        )
        queued = Counter(
            (path, pid, rank, bool(q), round(score, 9))
            for path, pid, rank, q, score in conn.execute(
                select(
                    documents.c.path,
                    queue.c.passage_id,
                    queue.c.rank,
                    queue.c.queued,
                    queue.c.score,
                )
                .select_from(queue.join(documents, queue.c.document_id == doc_of))
                .where(documents.c.batch == key)
            )
        )
    return {
        "documents": docs,
        "passages": pas,
        "segments": segs,
        "findings": found,
        "queue": queued,
    }


def count_documents(engine, key: str) -> int:
    with engine.connect() as conn:
        return conn.scalar(
            select(func.count()).select_from(documents).where(documents.c.batch == key)
        )


def run_to_completion(batch: Path, db: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [MTREVIEW, "run", str(batch), "--db", db],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return proc


def run_and_kill(batch: Path, db: str, engine, key: str, after_documents: int) -> int:
    """Start ``mtreview run``, SIGKILL it once ``after_documents`` more documents are stored;
    return how many documents the store held when the kill landed."""
    before = count_documents(engine, key)
    proc = subprocess.Popen(
        [MTREVIEW, "run", str(batch), "--db", db],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 240
        while count_documents(engine, key) < before + after_documents:
            assert proc.poll() is None, f"the run ended before the kill: {proc.stderr.read()!r}"
            assert time.monotonic() < deadline, "the run stored too few documents"
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    return count_documents(engine, key)


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, dict[str, Counter]]:
    """The batch and what an uninterrupted run into a fresh store leaves."""
    root = tmp_path_factory.mktemp("crash")
    batch = build_batch(root)
    db = f"sqlite:///{root / 'reference.sqlite3'}"
    run_to_completion(batch, db)
    engine = open_store(db)
    try:
        return batch, snapshot(engine, batch_key(batch))
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'crash.sqlite3'}"
    return request.getfixturevalue("fresh_postgres_url")


# --------------------------------------------------------------------------- mtreview run


def test_run_killed_mid_batch_resumes_to_the_same_store_as_an_uninterrupted_run(reference, db_url):
    batch, expected = reference
    key = batch_key(batch)
    total = len(expected["documents"])
    assert sum(len(v) for v in expected.values()) and len(expected["findings"]) > 20
    engine = open_store(db_url)  # the schema exists before the store is polled
    try:
        # killed twice: once early in a fresh store, once in the middle of the resumed run
        stored = [run_and_kill(batch, db_url, engine, key, after) for after in (8, 20)]
        assert 8 <= stored[0] < stored[1] < total
        run_to_completion(batch, db_url)
        got = snapshot(engine, key)
        for table, rows in got.items():
            duplicates = [row for row, n in rows.items() if n > 1]
            assert duplicates == [], f"{table} holds duplicate rows: {duplicates[:3]}"
            assert rows == expected[table], table
        with engine.connect() as conn:
            history = conn.execute(
                select(runs.c.status, runs.c.checked, runs.c.finished_at)
                .where(runs.c.batch == key)
                .order_by(runs.c.id)
            ).all()
        assert [status for status, _, _ in history[:2]] == ["running", "running"]  # killed
        assert history[0].finished_at is None and history[1].finished_at is None
        status, checked, finished = history[2]
        assert (status, len(history)) == ("done", 3) and finished is not None
        # the last run checked only what the killed runs had not stored
        assert checked == total - stored[1]
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- mtreview serve

#: when the server is killed, one round each: before the decisions are sent (BEFORE), so
#: long after they are sent (seconds: in flight), or once every answer is in (AFTER)
BEFORE, AFTER = -1.0, float("inf")
KILL_AT = (BEFORE, 0.01, 0.04, 0.1, AFTER)
CLIENTS = 6


def fire(client: Client, body: dict, outcomes: dict, at: threading.Event) -> None:
    """POST one decision and note what the client saw: the answer, or the transport error."""
    at.wait()
    try:
        r = client.post("/decide", body)
        outcomes[body["request_id"]] = (r.status_code, r.json())
    except httpx.TransportError as exc:
        outcomes[body["request_id"]] = (None, type(exc).__name__)


def prepare(client: Client, n: int) -> tuple[dict, dict]:
    """Take the next passage and make a decision on it (accept, dismiss, correct or missed)."""
    r = client.post("/claim", {"next_passage": True})
    assert r.status_code == 200, r.text
    here = r.json()["passage"]
    view = client.http.get(here["url"] + ".json").json()
    finding = next(f for f in view["findings"] if f["status"] == "open")
    text = view["passage"]["current_text"]
    body = {
        "document_id": here["document_id"],
        "passage_id": here["passage_id"],
        "request_id": f"{client.name}-{n}",
    }
    action = ("accept", "dismiss", "correct", "missed")[n % 4]
    if action == "missed":
        start = view["passage"]["start"]
        body |= {
            "action": "missed",
            "start": start,
            "end": start + len(text.split(" ")[0]),
            "category": "accuracy/mistranslation",
            "severity": "major",
        }
    else:
        body |= {"action": action, "finding_key": finding["key"]}
    if action == "correct":
        body |= {
            "after_text": text + f" (edited by {client.name})",
            "version": view["passage"]["version"],
        }
    return body, view


def check_whole_or_absent(engine, body: dict, view: dict, reviewer: str) -> bool:
    """True when the decision is stored with all its effects, False when none of it is;
    fails the test on anything in between."""
    stored = dec.stored_request(engine, body["request_id"])
    ref = dec.PassageRef(view["passage"]["batch"], view["passage"]["document"], body["passage_id"])
    text = dec.passage_text(engine, ref)
    states = dec.states(engine, ref.batch, ref.document)
    if body["action"] == "missed":
        span = view["passage"]["text"][: body["end"] - body["start"]]
        key = dec.missed_key(ref.document, body["start"], body["end"], span)
    else:
        key = body["finding_key"]
    if stored is None:  # nothing changed since the client opened the passage
        before = next((f["decision"] for f in view["findings"] if f["key"] == key), None)
        now = states.get(key)
        assert (now.decision_id if now else None) == (before["id"] if before else None)
        assert text == view["passage"]["current_text"]
        return False
    assert (stored["action"], stored["reviewer"], stored["finding_key"]) == (
        body["action"],
        reviewer,
        key,
    )
    assert states[key].decision_id == stored["id"]
    if body["action"] == "correct":
        assert stored["before_text"] == view["passage"]["current_text"]
        assert stored["after_text"] == text == body["after_text"]
    if body["action"] == "missed":
        assert (stored["category"], stored["severity"]) == ("accuracy/mistranslation", "major")
    return True


def test_server_killed_during_decisions_keeps_each_whole_or_not_at_all(db_url, tmp_path):
    engine = open_store(db_url)
    build_store(engine, documents=8, paragraphs=6, per_passage=2, budget=48)
    server = ServeProcess(db_url, tmp_path / "serve.log")
    server.start()
    clients = [Client(server.base, f"reviewer-{i}") for i in range(CLIENTS)]
    seen = Counter()
    attempts = 0
    try:
        for round_, delay in enumerate(KILL_AT):
            bodies = [prepare(c, round_ * CLIENTS + i) for i, c in enumerate(clients)]
            outcomes: dict = {}
            go = threading.Event()
            threads = [
                threading.Thread(target=fire, args=(c, body, outcomes, go))
                for c, (body, _) in zip(clients, bodies, strict=True)
            ]
            for t in threads:
                t.start()
            if delay == BEFORE:
                server.kill()
            go.set()
            if delay == AFTER:
                for t in threads:
                    t.join()
            elif delay > 0:
                time.sleep(delay)
            server.kill()
            for t in threads:
                t.join()
            server.start(server.port)  # the same address: the clients keep their sessions
            for client in clients:
                client.refresh()  # as a reload would
            for client, (body, view) in zip(clients, bodies, strict=True):
                attempts += 1
                status, answer = outcomes[body["request_id"]]
                stored = check_whole_or_absent(engine, body, view, client.name)
                if status == 200:
                    assert stored, f"{body['request_id']} was answered but is not stored"
                    assert answer["id"] == dec.stored_request(engine, body["request_id"])["id"]
                    seen["answered"] += 1
                else:
                    seen["stored, answer lost" if stored else "not stored"] += 1
                # the client asks again with the same request id (it may not have seen the
                # answer): told whether it was stored, and it is stored once
                again = client.post("/decide", body)
                assert again.status_code == 200, again.text
                assert again.json().get("replayed", False) is stored
                assert check_whole_or_absent(engine, body, view, client.name)
        with engine.connect() as conn:
            rows = conn.execute(select(decisions.c.request_id)).scalars().all()
        assert len(rows) == len(set(rows)) == attempts  # each decision stored exactly once
        assert seen["answered"] >= CLIENTS and seen["not stored"] >= CLIENTS, seen  # AFTER, BEFORE
        log = server_log_problems(tmp_path / "serve.log")
        assert [line for line in log if "locked" in line] == []
    finally:
        for c in clients:
            c.close()
        server.stop()
        engine.dispose()


def test_a_store_from_before_request_ids_gains_them(tmp_path):
    """Stores migrated to version 2 get the decisions' request_id column and its index."""
    from sqlalchemy import create_engine, inspect, text

    from pipeline.store.migrations import MIGRATIONS, migrate
    from pipeline.store.schema import schema_migrations

    url = f"sqlite:///{tmp_path / 'v2.sqlite3'}"
    engine = create_engine(url)
    schema_migrations.create(engine)
    for version, description, step in MIGRATIONS[:2]:
        with engine.begin() as conn:
            step(conn)
            conn.execute(
                schema_migrations.insert().values(
                    version=version, description=description, applied_at="2025-01-01T00:00:00"
                )
            )
    with engine.begin() as conn:  # as version 2 made it: no request_id yet
        conn.execute(text("DROP INDEX uq_decisions_request"))
        conn.execute(text("ALTER TABLE decisions DROP COLUMN request_id"))
    assert "request_id" not in {c["name"] for c in inspect(engine).get_columns("decisions")}
    assert migrate(engine) == [3, 4]
    indexes = {i["name"]: i for i in inspect(engine).get_indexes("decisions")}
    assert indexes["uq_decisions_request"]["unique"]
    engine.dispose()
