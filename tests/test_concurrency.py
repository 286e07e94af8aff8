"""Concurrency: reviewers working at once through HTTP against a live ``mtreview serve``.

PostgreSQL: reviewer threads, each with its own session, take the next passage
(``POST /claim`` with ``next_passage``) and decide on its findings; every answered decision
is in the store once, no passage is handed to two reviewers, and the counts of the store,
the queue page and the clients agree. SQLite: many concurrent reads, claims and decisions,
and never a "database is locked" or a server error. ``benchmarks/concurrency.py`` runs the
same reviewers at full size (8 × 1,000 decisions) and prints the rates.
"""

from __future__ import annotations

import contextlib
import hashlib
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
import realparts
from sqlalchemy import func, select

from pipeline.checks.registry import all_checks
from pipeline.model import Document, Finding, Passage
from pipeline.review import decisions as dec
from pipeline.runner import rescore_batch
from pipeline.store import writes
from pipeline.store.engine import open_store
from pipeline.store.schema import claims, decisions

MTREVIEW = str(Path(sys.executable).with_name("mtreview"))
BATCH = "/reviews/synthetic-columns"
SENTENCES = [
    "The government announced on Tuesday that it would expand the budget for regional "
    "hospitals by 12 percent next year.",
    "Opposition lawmakers criticized the plan, saying it ignored the shortage of doctors.",
    "Exports of semiconductors rose for the fifth consecutive month, the ministry said.",
    "Analysts in Seoul warned that the recovery could stall if demand from China weakens.",
    "The Bank of Korea kept its benchmark interest rate unchanged at 3.5 percent.",
    "Residents of the coastal town said the typhoon had destroyed more than 300 boats.",
    "Teachers' unions demanded a review of the new curriculum before it takes effect.",
    "It is like adding frost on top of snow for households struggling with high prices.",
    "The court sentenced the former chairman to four years in prison for embezzlement.",
    "Officials said the talks would resume after the Lunar New Year holiday.",
]


# --------------------------------------------------------------------------- a store


def build_store(
    engine,
    documents: int,
    paragraphs: int = 6,
    per_passage: int = 5,
    budget: int = 150,
    batch: str = BATCH,
) -> int:
    """A synthetic batch written through the store's own writes and ranked by the runner's
    rescoring: ``documents`` × ``paragraphs`` passages with ``per_passage`` findings each (real
    check ids, distinct spans). Returns how many passages are queued."""
    rng = random.Random(7)
    specs = all_checks()
    run_id = writes.start_run(engine, batch, "synthetic")
    for d in range(documents):
        path = f"columns/column-{d:04d}.en.txt"
        paras = [" ".join(rng.sample(SENTENCES, 3)) for _ in range(paragraphs)]
        text = "\n\n".join(paras)
        passages, found, pos = [], [], 0
        for i, para in enumerate(paras):
            pid = f"c{d:04d}-p{i:03d}"
            passages.append(Passage(pid, path, i, pos, pos + len(para), para, "en"))
            words = [m.span() for m in re.finditer(r"[A-Za-z]{4,}", para)]
            for a, b in sorted(rng.sample(words, per_passage)):
                spec = rng.choice(specs)
                found.append(
                    Finding(
                        path,
                        pid,
                        pos + a,
                        pos + b,
                        para[a:b],
                        spec.id,
                        spec.category,
                        spec.severity,
                        f"“{para[a:b]}” looks suspicious ({spec.id}).",
                    )
                )
            pos += len(para) + 2
        digest = hashlib.sha256(text.encode()).hexdigest()
        writes.save_document(
            engine,
            batch,
            Document(path, text, "en", digest, "utf-8", title=f"Column {d}"),
            input_hash=digest,
            signature="synthetic",
            doc_passages=passages,
            doc_findings=found,
            errors=[],
            run_id=run_id,
        )
    queued = rescore_batch(engine, batch, budget, run_id)
    writes.finish_run(engine, run_id, "done", documents=documents, queued=queued)
    return queued


def count_decisions(engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(decisions))


# --------------------------------------------------------------------------- a live server


class ServeProcess:
    """``mtreview serve`` in a subprocess on a free 127.0.0.1 port; its stderr in a file."""

    def __init__(self, db: str, log: Path) -> None:
        self.db, self.log = db, log
        self.proc: subprocess.Popen | None = None
        self.base = ""
        self.port = 0

    def start(self, port: int | None = None) -> str:
        """Start on ``port`` (a restart keeps the clients' address), else on a free one."""
        for _ in range(3):  # a free port may be taken between the probe and the bind
            listen = port or realparts.free_port()
            with self.log.open("ab") as err:
                self.proc = subprocess.Popen(
                    [MTREVIEW, "serve", "--db", self.db, "--port", str(listen)],
                    stdout=subprocess.DEVNULL,
                    stderr=err,
                )
            self.base, self.port = f"http://127.0.0.1:{listen}", listen
            deadline = time.monotonic() + 60
            while self.proc.poll() is None and time.monotonic() < deadline:
                with contextlib.suppress(httpx.TransportError):
                    if httpx.get(self.base + "/taxonomy.json", timeout=5).status_code == 200:
                        return self.base
                time.sleep(0.05)
            self.stop()
        raise RuntimeError(f"mtreview serve did not start: {self.log.read_text()[-2000:]}")

    def kill(self) -> None:
        """SIGKILL: no shutdown handler, no flushing, as when the machine dies."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


@contextlib.contextmanager
def served(db: str, log: Path) -> Iterator[ServeProcess]:
    server = ServeProcess(db, log)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def server_log_problems(log: Path) -> list[str]:
    """Lines of the server's stderr that tell of a crash or a locked database."""
    text = log.read_text(errors="replace") if log.exists() else ""
    return [
        line
        for line in text.splitlines()
        if re.search(r"locked|Traceback|Exception|Error", line) and "Started" not in line
    ]


# --------------------------------------------------------------------------- reviewers


class Client:
    """One reviewer's browser-like session: cookies, CSRF token, JSON requests."""

    def __init__(self, base: str, name: str) -> None:
        self.name = name
        self.http = httpx.Client(base_url=base, timeout=120)
        self.refresh()
        self.post("/reviewer", {"reviewer": name}).raise_for_status()

    def refresh(self) -> None:
        """A fresh CSRF token (a restarted server signs them with a new key)."""
        self.csrf = self.http.get("/taxonomy.json").headers["x-csrf-token"]

    def post(self, path: str, body: dict) -> httpx.Response:
        return self.http.post(path, json=body, headers={"X-CSRF-Token": self.csrf})

    def close(self) -> None:
        self.http.close()


@dataclass
class Hold:
    """A passage a reviewer was handed, from the answer to the claim until it moved on."""

    passage: tuple[int, str]
    reviewer: str
    start: float
    end: float = 0.0


@dataclass
class Tally:
    """What one reviewer's client saw."""

    reviewer: str
    stored: dict[str, int] = field(default_factory=dict)  # request id -> decision id
    keys: list[str] = field(default_factory=list)  # finding keys decided
    refused: list[tuple[int, str]] = field(default_factory=list)  # status, body
    holds: list[Hold] = field(default_factory=list)
    requests: int = 0
    latencies: list[float] = field(default_factory=list)  # seconds per decision
    exhausted: bool = False


def review(base: str, name: str, quota: int, findings_of: dict) -> Tally:
    """Take the next passage and decide every open finding on it until ``quota`` decisions
    are answered (or nothing is left). ``findings_of``: passage -> finding keys, from the
    queue page read once."""
    tally = Tally(name)
    client = Client(base, name)
    try:
        while len(tally.stored) < quota:
            r = client.post("/claim", {"next_passage": True})
            tally.requests += 1
            if r.status_code != 200:
                tally.refused.append((r.status_code, r.text[:300]))
                break
            if tally.holds:
                tally.holds[-1].end = time.monotonic()  # released by this claim
            passage = r.json()["passage"]
            if passage is None:
                tally.exhausted = True
                break
            here = (passage["document_id"], passage["passage_id"])
            tally.holds.append(Hold(here, name, time.monotonic()))
            for key in findings_of[here]:
                if len(tally.stored) >= quota:
                    break
                request_id = f"{name}-{len(tally.stored) + len(tally.refused)}"
                t0 = time.perf_counter()
                r = client.post(
                    "/decide",
                    {
                        "document_id": here[0],
                        "passage_id": here[1],
                        "finding_key": key,
                        "action": "accept" if len(tally.stored) % 3 else "dismiss",
                        "request_id": request_id,
                    },
                )
                tally.latencies.append(time.perf_counter() - t0)
                tally.requests += 1
                if r.status_code == 200 and r.json().get("ok"):
                    tally.stored[request_id] = r.json()["id"]
                    tally.keys.append(key)
                else:
                    tally.refused.append((r.status_code, r.text[:300]))
        if tally.holds and not tally.holds[-1].end:
            last = tally.holds[-1]
            client.post("/release", {"document_id": last.passage[0], "passage_id": last.passage[1]})
            tally.holds[-1].end = time.monotonic()
    finally:
        client.close()
    return tally


def run_reviewers(base: str, reviewers: int, quota: int) -> tuple[list[Tally], float]:
    """``reviewers`` threads reviewing at once; returns their tallies and the wall time."""
    queue = httpx.get(base + "/queue.json?per_page=all", timeout=120).json()
    findings_of = {
        (item["document_id"], item["passage_id"]): [f["key"] for f in item["findings"]]
        for item in queue["items"]
    }
    tallies: list[Tally | BaseException] = [None] * reviewers  # type: ignore[list-item]
    barrier = threading.Barrier(reviewers)

    def work(i: int) -> None:
        try:
            barrier.wait()
            tallies[i] = review(base, f"reviewer-{i + 1}", quota, findings_of)
        except BaseException as exc:  # reported by the caller
            tallies[i] = exc

    threads = [threading.Thread(target=work, args=(i,)) for i in range(reviewers)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    for t in tallies:
        if isinstance(t, BaseException):
            raise t
    return tallies, seconds  # type: ignore[return-value]


@dataclass
class Reconciled:
    answered: int  # decisions the clients got a 2xx for
    stored: int  # rows in the decisions table
    lost: int  # answered but not stored
    unanswered: int  # stored but never answered
    double_handouts: int  # passages handed to a second reviewer while the first held it
    shared_passages: int  # passages with decisions by more than one reviewer
    shared_detail: list  # for those: (passage, decisions (id, reviewer, request id), holds)
    refused: int  # non-2xx answers
    queue_decided: int  # what the queue page counts as decided
    live_claims: int


def reconcile(engine, base: str, tallies: list[Tally]) -> Reconciled:
    """Compare what the clients were told with the store and with the queue page."""
    answered = {rid: row for t in tallies for rid, row in t.stored.items()}
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                decisions.c.id,
                decisions.c.request_id,
                decisions.c.reviewer,
                decisions.c.document,
                decisions.c.passage_id,
            )
        ).all()
        live = conn.scalar(select(func.count()).select_from(claims))
    stored = {r.request_id: r.id for r in rows}
    lost = sum(1 for rid, row in answered.items() if stored.get(rid) != row)
    unanswered = sum(1 for rid in stored if rid not in answered)
    by_passage: dict[tuple, set] = defaultdict(set)
    for r in rows:
        by_passage[(r.document, r.passage_id)].add(r.reviewer)
    holds: dict[tuple, list[Hold]] = defaultdict(list)
    for t in tallies:
        for h in t.holds:
            holds[h.passage].append(h)
    double = 0
    for spans in holds.values():
        spans.sort(key=lambda h: h.start)
        double += sum(
            1
            for a, b in zip(spans, spans[1:], strict=False)
            if a.reviewer != b.reviewer and b.start < a.end
        )
    shared = [key for key, who in by_passage.items() if len(who) > 1]
    detail = [
        (
            key,
            [(r.id, r.reviewer, r.request_id) for r in rows if (r.document, r.passage_id) == key],
            [
                (h.reviewer, h.start, h.end)
                for spans in holds.values()
                for h in spans
                if h.passage[1] == key[1]
            ],
        )
        for key in shared
    ]
    page = httpx.get(base + "/queue.json", timeout=120).json()
    return Reconciled(
        answered=len(answered),
        stored=len(rows),
        lost=lost,
        unanswered=unanswered,
        double_handouts=double,
        shared_passages=len(shared),
        shared_detail=detail,
        refused=sum(len(t.refused) for t in tallies),
        queue_decided=sum(b["decided"] for b in page["batches"]),
        live_claims=live,
    )


# --------------------------------------------------------------------------- tests


@pytest.mark.postgres
def test_eight_reviewers_over_http_lose_no_decision_and_never_share_a_passage(
    fresh_postgres_url, tmp_path
):
    reviewers, quota = 8, 60  # benchmarks/concurrency.py: 8 × 1,000
    engine = open_store(fresh_postgres_url)
    try:
        queued = build_store(engine, documents=30, budget=120)
        assert queued == 120  # 600 open findings for 480 decisions
        log = tmp_path / "serve.log"
        with served(fresh_postgres_url, log) as server:
            tallies, _ = run_reviewers(server.base, reviewers, quota)
            result = reconcile(engine, server.base, tallies)
        assert [t.refused for t in tallies] == [[]] * reviewers
        assert [len(t.stored) for t in tallies] == [quota] * reviewers
        assert result.answered == result.stored == reviewers * quota
        assert (result.lost, result.unanswered) == (0, 0)
        # never two reviewers on one passage at once; a passage may pass from one reviewer
        # to the next only after the first let it go (seen once in CI under heavy load, see
        # shared_detail), and then no finding is decided twice
        assert result.double_handouts == 0, result.shared_detail
        assert result.shared_passages <= 1, result.shared_detail
        keys = [k for t in tallies for k in t.keys]
        assert len(keys) == len(set(keys))  # no finding decided twice
        assert result.queue_decided == result.stored and result.live_claims == 0
        assert server_log_problems(log) == []
    finally:
        engine.dispose()


def test_sqlite_serves_concurrent_reads_claims_and_decisions_without_locking(tmp_path):
    db = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    engine = open_store(db)
    build_store(engine, documents=20, budget=100)
    log = tmp_path / "serve.log"
    statuses: Counter = Counter()
    bodies: list[str] = []
    decided: list[int] = []
    lock = threading.Lock()

    def user(i: int, base: str, items: list[dict]) -> None:
        rng = random.Random(i)
        client = Client(base, f"user-{i}")
        try:
            for n in range(24):
                item = rng.choice(items)
                url = item["url"]
                kind = n % 6
                if kind == 0:
                    r = client.http.get("/queue.json")
                elif kind == 1:
                    r = client.http.get(url)  # the HTML page claims the passage: a write
                elif kind == 2:
                    r = client.http.get(url + ".json")
                elif kind == 3:
                    r = client.post("/claim", {"next_passage": True})
                    if r.status_code == 200 and r.json()["passage"]:
                        item = next(x for x in items if x["url"] == r.json()["passage"]["url"])
                    r2 = client.post(
                        "/decide",
                        {
                            "document_id": item["document_id"],
                            "passage_id": item["passage_id"],
                            "finding_key": item["findings"][n % 5]["key"],
                            "action": "dismiss",
                        },
                    )
                    with lock:
                        statuses[r2.status_code] += 1
                        if r2.status_code == 200:
                            decided.append(r2.json()["id"])
                        else:
                            bodies.append(r2.text)
                elif kind == 4:
                    r = client.http.get(f"/document/{item['document_id']}.json")
                else:
                    r = client.post(
                        "/release",
                        {"document_id": item["document_id"], "passage_id": item["passage_id"]},
                    )
                with lock:
                    statuses[r.status_code] += 1
                    if r.status_code >= 400:
                        bodies.append(r.text)
        finally:
            client.close()

    try:
        with served(db, log) as server:
            items = httpx.get(server.base + "/queue.json?per_page=all", timeout=60).json()["items"]
            threads = [
                threading.Thread(target=user, args=(i, server.base, items)) for i in range(16)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        assert all(code in (200, 409) for code in statuses), (statuses, bodies[:3])
        assert statuses[200] > 300
        assert not [b for b in bodies if "locked" in b.lower()]
        assert server_log_problems(log) == []
        assert count_decisions(engine) == len(decided) > 0
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- the library


def test_claim_next_hands_each_passage_to_one_reviewer_at_a_time(store_engine):
    engine = store_engine
    build_store(engine, documents=4, paragraphs=3, per_passage=2, budget=12)
    names = [f"reviewer-{i}" for i in range(12)]
    barrier = threading.Barrier(len(names))
    got: dict[str, object] = {}

    def take(name: str) -> None:
        barrier.wait()
        got[name] = dec.claim_next(engine, name)

    threads = [threading.Thread(target=take, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    handed = [c.passage for c, _ in got.values()]  # 12 queued passages, 12 reviewers
    assert len(handed) == len(set(handed)) == 12
    assert dec.claim_next(engine, "late") is None  # all held
    live = dec.live_claims(engine)
    assert {ref: c.reviewer for ref, c in live.items()} == {
        c.passage: name for name, (c, _) in got.items()
    }


def test_claim_next_moves_on_skips_decided_passages_and_expired_claims_return(store_engine):
    engine = store_engine
    build_store(engine, documents=1, paragraphs=3, per_passage=1, budget=3)
    first, _ = dec.claim_next(engine, "mina")
    second, _ = dec.claim_next(engine, "mina")  # moving on releases the first
    assert second.passage != first.passage
    assert set(dec.live_claims(engine)) == {second.passage}
    key = next(
        f
        for f in _findings(engine)
        if (f.document, f.passage_id) == (first.passage.document, first.passage.passage_id)
    )
    dec.record_decision(engine, BATCH, key, "accept", "joon")  # first is decided (joon holds it)
    third, _ = dec.claim_next(engine, "mina")
    assert third.passage not in (first.passage, second.passage)
    assert dec.claim_next(engine, "joon")[0].passage == second.passage  # released by mina
    assert dec.claim_next(engine, "sara") is None  # decided, or held by joon and mina
    later = dec.claim_next(engine, "sara", now=dec._now() + timedelta(hours=1))
    assert later is not None and later[0].passage in (second.passage, third.passage)


def test_claim_next_counts_only_decisions_of_the_passages_own_batch(store_engine):
    """Two batches with the same file names have the same finding keys: deciding every
    finding of one leaves the other's passages open."""
    engine = store_engine
    build_store(engine, documents=1, paragraphs=2, per_passage=2, budget=2)
    other = "/reviews/the-same-columns-again"
    build_store(engine, documents=1, paragraphs=2, per_passage=2, budget=2, batch=other)
    for f in _findings(engine):
        dec.record_decision(engine, BATCH, f, "dismiss", "mina")
    dec.release_all(engine, "mina")
    assert dec.claim_next(engine, "joon", batch=BATCH) is None
    taken, _ = dec.claim_next(engine, "joon", batch=other)
    assert taken.passage.batch == other
    assert dec.claim_next(engine, "sara")[0].passage.batch == other


def test_review_writes_in_one_process_wait_for_the_one_sqlite_writer(tmp_path):
    """Threads of one server queue for SQLite's writer instead of failing with
    "database is locked", even with no busy timeout to poll it."""
    from sqlalchemy import event

    engine = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    build_store(engine, documents=4, paragraphs=4, per_passage=3, budget=16)
    engine.dispose()
    event.listen(engine, "connect", lambda c, _: c.execute("PRAGMA busy_timeout=0"))
    found = _findings(engine)
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def work(i: int) -> None:
        barrier.wait()
        try:
            for n, f in enumerate(found[i::8]):
                ref = dec.PassageRef(BATCH, f.document, f.passage_id)
                with contextlib.suppress(dec.ClaimConflict):
                    dec.claim(engine, ref, f"r{i}")
                    dec.record_decision(engine, BATCH, f, "accept", f"r{i}", request_id=f"{i}-{n}")
                    dec.release(engine, ref, f"r{i}")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert 0 < count_decisions(engine) <= len(found)
    engine.dispose()


def _findings(engine) -> list[Finding]:
    from pipeline.store import reads

    return reads.load_findings(engine, BATCH)


def test_a_retried_decision_with_its_request_id_is_stored_once(store_engine):
    engine = store_engine
    build_store(engine, documents=1, paragraphs=2, per_passage=2, budget=2)
    f = _findings(engine)[0]
    first = dec.record_decision(engine, BATCH, f, "accept", "mina", request_id="r-1")
    assert dec.record_decision(engine, BATCH, f, "accept", "mina", request_id="r-1") == first
    assert dec.stored_request(engine, "r-1")["id"] == first
    with pytest.raises(dec.InvalidDecision, match="another reviewer"):
        dec.record_decision(engine, BATCH, f, "accept", "joon", request_id="r-1")
    again = dec.undo(engine, BATCH, f.key, "mina", request_id="r-2")
    assert dec.undo(engine, BATCH, f.key, "mina", request_id="r-2") == again
    assert count_decisions(engine) == 2
