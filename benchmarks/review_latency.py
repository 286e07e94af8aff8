"""Review server latency on a large store: 100,000 findings, SQLite and PostgreSQL.

Builds a synthetic batch (2,000 documents x 10 passages x 5 findings = 100,000 findings,
news-like English text, findings from the real check ids) with SQLAlchemy Core bulk inserts
into the real schema, ranks it with ``rescore_batch`` (the default budget of 150 queued
passages), then serves ``create_app`` with uvicorn in a thread on a free 127.0.0.1 port and
times real HTTP requests over loopback (httpx, one keep-alive connection, sequential):

* queue page ``GET /`` (HTML: the first 50 of the 150 queued passages with their findings,
  progress and counts over all of them), and its third page ``GET /?page=3``;
* passage page ``GET /passage/{document_id}/{passage_id}`` (HTML; with a reviewer set, so
  each view also takes the reviewer's claim on the passage: a write);
* decision ``POST /decide`` (JSON body, CSRF token from the ``X-CSRF-Token`` header, session
  cookie kept by the client), accept/dismiss on a distinct finding of a queued passage.

The same on a throwaway PostgreSQL server (tests/realparts.py: started on 127.0.0.1, stopped
at the end); when it cannot start, that row is skipped with the reason. The load average of
the machine is printed before and after: other work on it shows in the tail latencies.

    .venv/bin/python benchmarks/review_latency.py [--requests 200] [--documents 2000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import Engine, insert, text

from pipeline.checks.registry import all_checks
from pipeline.runner import rescore_batch
from pipeline.score import DEFAULT_BUDGET
from pipeline.store.engine import open_store
from pipeline.store.schema import documents, findings, passages, queue

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent / "tests"))

BATCH = "/bench/synthetic-columns"
PASSAGES_PER_DOC = 10
FINDINGS_PER_PASSAGE = 5
TARGET_MS = 100.0
WARMUP = 5

SENTENCES = [
    "The government announced on Tuesday that it would expand the budget for regional "
    "hospitals by 12 percent next year.",
    "Opposition lawmakers criticized the plan, saying it ignored the shortage of doctors in "
    "rural provinces.",
    "According to the Ministry of Economy and Finance, exports of semiconductors rose for the "
    "fifth consecutive month.",
    "Analysts in Seoul warned that the recovery could stall if demand from China weakens further.",
    "The ruling party's floor leader met with the president at the Blue House on Monday evening.",
    "Residents of the coastal town said the typhoon had destroyed more than 300 fishing boats.",
    "The Bank of Korea kept its benchmark interest rate unchanged at 3.5 percent.",
    "Critics argue that the reform will hit small businesses hardest, as they cannot absorb "
    "higher labor costs.",
    "North Korea fired two short-range ballistic missiles into the East Sea early Thursday.",
    "The Joint Chiefs of Staff said the missiles flew about 600 kilometers before landing.",
    "Foreign Minister Park said Seoul would seek closer cooperation with Tokyo and Washington.",
    "In a column last week, the professor compared the situation to a frog in slowly boiling "
    "water.",
    "The number of newborns fell to a record low of 230,000 last year, Statistics Korea said.",
    "Teachers' unions have demanded a review of the new curriculum before it takes effect in "
    "March.",
    "It is like adding frost on top of snow for households already struggling with high prices.",
    "The court sentenced the former chairman to four years in prison for embezzlement.",
    "Several civic groups held a rally in Gwanghwamun Square, calling for stronger safety rules.",
    "The company plans to invest 20 trillion won in a new battery plant in North Chungcheong "
    "Province.",
    "Officials said the talks would resume after the Lunar New Year holiday.",
    "Experts say the housing market will not stabilize until supply catches up with demand.",
]

WORD_SPANS_CACHE: dict[str, list[tuple[int, int]]] = {}


def _word_spans(sentence: str) -> list[tuple[int, int]]:
    if sentence not in WORD_SPANS_CACHE:
        spans, pos = [], 0
        for word in sentence.split(" "):
            bare = word.rstrip(".,")
            if len(bare) > 3:
                spans.append((pos, pos + len(bare)))
            pos += len(word) + 1
        WORD_SPANS_CACHE[sentence] = spans
    return WORD_SPANS_CACHE[sentence]


def build_rows(n_docs: int, seed: int = 0) -> tuple[list[dict], list[dict], list[dict]]:
    """Documents, passages and findings rows (explicit ids) of the synthetic batch."""
    rng = random.Random(seed)
    specs = all_checks()
    stamp = "2025-01-01T00:00:00.000+00:00"
    doc_rows, passage_rows, finding_rows = [], [], []
    passage_pk = finding_pk = 0
    for d in range(1, n_docs + 1):
        path = f"columns/column-{d:05d}.en.txt"
        slug = f"c{d:05d}"
        paragraphs, offsets, pos = [], [], 0
        for _ in range(PASSAGES_PER_DOC):
            chosen = rng.sample(SENTENCES, 4)
            para = " ".join(chosen)
            starts, p = [], pos
            for s in chosen:
                starts.append((p, s))
                p += len(s) + 1
            paragraphs.append(para)
            offsets.append((pos, pos + len(para), starts))
            pos += len(para) + 2
        body = "\n\n".join(paragraphs)
        doc_rows.append(
            {
                "id": d,
                "batch": BATCH,
                "path": path,
                "content_hash": hashlib.sha256(body.encode()).hexdigest(),
                "input_hash": hashlib.sha256(path.encode()).hexdigest(),
                "check_signature": "bench",
                "text": body,
                "lang": "en",
                "encoding": "utf-8",
                "format": "txt",
                "title": f"Column {d}: {paragraphs[0][:40]}",
                "trusted": False,
                "regions": "[]",
                "updated_at": stamp,
            }
        )
        for idx, (start, end, sentence_starts) in enumerate(offsets):
            passage_pk += 1
            passage_id = f"{slug}-p{idx:03d}"
            passage_rows.append(
                {
                    "id": passage_pk,
                    "document_id": d,
                    "passage_id": passage_id,
                    "idx": idx,
                    "start": start,
                    "end": end,
                    "lang": "en",
                    "kind": "paragraph",
                }
            )
            candidates = [(s0 + a, s0 + b) for s0, s in sentence_starts for a, b in _word_spans(s)]
            for a, b in rng.sample(candidates, FINDINGS_PER_PASSAGE):
                spec = rng.choice(specs)
                span = body[a:b]
                key_raw = f"{path}|{spec.id}|{a}|{b}|{span}"
                finding_pk += 1
                finding_rows.append(
                    {
                        "id": finding_pk,
                        "document_id": d,
                        "passage_id": passage_id,
                        "finding_key": hashlib.sha1(key_raw.encode()).hexdigest()[:16],
                        "check_id": spec.id,
                        "category": spec.category,
                        "severity": spec.severity,
                        "start": a,
                        "end": b,
                        "message": f"“{span}” looks suspicious ({spec.id}).",
                        "suggestion": None,
                        "source_text": None,
                        "score": 0.0,
                    }
                )
    return doc_rows, passage_rows, finding_rows


def load_store(engine: Engine, rows: tuple[list[dict], list[dict], list[dict]]) -> float:
    """Bulk-insert the rows and rank the batch; return the seconds taken.

    On PostgreSQL the tables are then vacuumed and analysed, as autovacuum does within a
    minute or two of a run: ranking rewrites the score of every finding, and timing the
    pages while autovacuum works through 100,000 dead rows measures autovacuum.
    """
    started = time.perf_counter()
    with engine.begin() as conn:
        for table, table_rows in zip((documents, passages, findings), rows, strict=True):
            for i in range(0, len(table_rows), 5000):
                conn.execute(insert(table), table_rows[i : i + 5000])
        if engine.dialect.name == "postgresql":  # explicit ids: move the sequences past them
            for name in ("documents", "passages", "findings"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), MAX(id)) "
                        f"FROM {name}"
                    )
                )
            conn.execute(text("ANALYZE"))
    rescore_batch(engine, BATCH, DEFAULT_BUDGET)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """uvicorn serving the review app in a daemon thread on 127.0.0.1."""

    def __init__(self, engine: Engine) -> None:
        import uvicorn

        from pipeline.review.web import create_app

        self.port = free_port()
        app = create_app(engine, reviewer="bench-reviewer")
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", access_log=False
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


def _timed(call, n: int) -> list[float]:
    for i in range(WARMUP):
        call(-1 - i)
    times = []
    for i in range(n):
        t0 = time.perf_counter()
        call(i)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def measure(engine: Engine, n: int) -> dict[str, list[float]]:
    """Latencies (ms) of n requests per endpoint against a live server."""
    import httpx

    with engine.connect() as conn:
        queued = conn.execute(
            text(
                "SELECT q.document_id, q.passage_id FROM queue q WHERE q.queued ORDER BY q.rank"
                if engine.dialect.name == "postgresql"
                else "SELECT q.document_id, q.passage_id FROM queue q "
                "WHERE q.queued = 1 ORDER BY q.rank"
            )
        ).all()
        found = conn.execute(
            text(
                "SELECT f.document_id, f.passage_id, f.finding_key FROM findings f "
                "JOIN queue q ON q.document_id = f.document_id AND q.passage_id = f.passage_id "
                "WHERE q.rank <= :r ORDER BY q.rank, f.start"
            ),
            {"r": DEFAULT_BUDGET},
        ).all()
    assert len(found) >= n + WARMUP, "not enough queued findings for distinct decisions"
    results: dict[str, list[float]] = {}
    with Server(engine) as base, httpx.Client(base_url=base, timeout=30) as client:
        first = client.get("/")
        first.raise_for_status()
        csrf = first.headers["x-csrf-token"]
        assert queue.name  # the queue table is what the page shows

        def queue_page(_i: int) -> None:
            r = client.get("/")
            assert r.status_code == 200, r.status_code

        def queue_page_3(_i: int) -> None:
            r = client.get("/?page=3")
            assert r.status_code == 200 and "Passages <strong>101–150</strong>" in r.text

        def passage_page(i: int) -> None:
            doc_id, pid = queued[i % len(queued)]
            r = client.get(f"/passage/{doc_id}/{pid}")
            assert r.status_code == 200, (r.status_code, r.text[:200])

        def decide(i: int) -> None:
            doc_id, pid, key = found[i + WARMUP]
            r = client.post(
                "/decide",
                headers={"X-CSRF-Token": csrf, "Content-Type": "application/json"},
                content=json.dumps(
                    {
                        "document_id": doc_id,
                        "passage_id": pid,
                        "finding_key": key,
                        "action": "accept" if i % 3 else "dismiss",
                    }
                ),
            )
            assert r.status_code == 200 and r.json().get("ok"), (r.status_code, r.text[:300])

        results["queue page  GET /"] = _timed(queue_page, n)
        results["queue page  GET /?page=3"] = _timed(queue_page_3, n)
        results["passage     GET /passage/…"] = _timed(passage_page, n)
        results["decision    POST /decide"] = _timed(decide, n)
    return results


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def run_backend(name: str, url: str, rows, n: int) -> list[tuple]:
    engine = open_store(url)
    try:
        seconds = load_store(engine, rows)
        print(f"[{name}] store built and ranked in {seconds:.1f} s", flush=True)
        out = []
        for endpoint, times in measure(engine, n).items():
            out.append((name, endpoint, p(times, 50), p(times, 95), max(times)))
        return out
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="timed requests per endpoint")
    parser.add_argument("--documents", type=int, default=2000)
    args = parser.parse_args()
    t0 = time.perf_counter()
    print("load average (1, 5, 15 min) at the start: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    rows = build_rows(args.documents)
    print(
        f"synthetic batch: {len(rows[0]):,} documents, {len(rows[1]):,} passages, "
        f"{len(rows[2]):,} findings (generated in {time.perf_counter() - t0:.1f} s)",
        flush=True,
    )
    table: list[tuple] = []
    skipped: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        table += run_backend(
            "sqlite", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", rows, args.requests
        )
    try:
        import realparts

        with realparts.benchmark_database("mtreview_bench") as (name, url):
            table += run_backend(name.lower(), url, rows, args.requests)
    except (ImportError, OSError, KeyError, RuntimeError) as exc:
        skipped.append(f"postgresql: skipped ({type(exc).__name__}: {exc})")

    print(
        f"\nLatency over {args.requests} sequential requests per endpoint after {WARMUP} warm-up "
        "(uvicorn in a thread, httpx over 127.0.0.1, ms)"
    )
    print(f"{'backend':<16}{'endpoint':<30}{'p50':>8}{'p95':>8}{'max':>8}  target p95<100ms")
    for backend, endpoint, p50, p95, worst in table:
        verdict = "met" if p95 < TARGET_MS else "NOT met"
        print(f"{backend:<16}{endpoint:<30}{p50:>8.1f}{p95:>8.1f}{worst:>8.1f}  {verdict}")
    for line in skipped:
        print(line)
    print("load average (1, 5, 15 min) at the end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print(f"total {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
