"""Eight reviewers at once through HTTP: 8 × 1,000 decisions against one batch.

The full-size run of ``tests/test_concurrency.py`` (which runs 8 × 60 to stay fast). The store
is the one ``review_latency.py`` builds (2,000 documents, 100,000 findings), ranked with a
budget large enough that every decision falls on a finding still open (1,700 passages,
8,500 findings queued). ``mtreview serve`` runs as a subprocess on 127.0.0.1; each reviewer
is a thread with its own session that takes the next passage (``POST /claim`` with
``next_passage``: ``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL) and decides on each of
its findings (``POST /decide`` with a request id) until it has 1,000 answered decisions.

At the end the clients' tallies are reconciled with the store and the queue page: decisions
answered but not stored (lost), stored but never answered, passages handed to a second
reviewer while the first held it, passages with decisions by two reviewers.

    .venv/bin/python benchmarks/concurrency.py [--reviewers 8] [--decisions 1000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent / "tests"))

from review_latency import BATCH, build_rows, load_store  # noqa: E402
from test_concurrency import (  # noqa: E402
    reconcile,
    run_reviewers,
    served,
    server_log_problems,
)

from pipeline.runner import rescore_batch  # noqa: E402
from pipeline.store.engine import open_store  # noqa: E402


def run_backend(name: str, url: str, rows, reviewers: int, quota: int, tmp: Path) -> dict:
    engine = open_store(url)
    try:
        load_store(engine, rows)
        per_passage = len(rows[2]) // len(rows[1])
        budget = -(-reviewers * quota // per_passage) + 100
        rescore_batch(engine, BATCH, budget)
        log = tmp / f"serve-{name.split()[0]}.log"
        with served(url, log) as server:
            tallies, seconds = run_reviewers(server.base, reviewers, quota)
            result = reconcile(engine, server.base, tallies)
        latencies = sorted(x * 1000 for t in tallies for x in t.latencies)
        return {
            "backend": name,
            "seconds": seconds,
            "result": result,
            "rate": result.answered / seconds,
            "p50": statistics.median(latencies),
            "p95": statistics.quantiles(latencies, n=100, method="inclusive")[94],
            "requests": sum(t.requests for t in tallies),
            "short": [t.reviewer for t in tallies if len(t.stored) < quota],
            "log": server_log_problems(log),
        }
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviewers", type=int, default=8)
    parser.add_argument("--decisions", type=int, default=1000, help="decisions per reviewer")
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--backends", default="postgresql,sqlite")
    args = parser.parse_args()
    t0 = time.perf_counter()
    rows = build_rows(args.documents)
    print(f"synthetic batch: {len(rows[2]):,} findings", flush=True)
    table: list[dict] = []
    skipped: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        try:
            if "postgresql" not in args.backends:
                raise RuntimeError("not asked for (--backends)")
            import realparts

            with realparts.benchmark_database("mtreview_concurrency") as (name, url):
                table.append(
                    run_backend(name, url, rows, args.reviewers, args.decisions, Path(tmp))
                )
                print(f"[{name}] done", flush=True)
        except (ImportError, OSError, KeyError, RuntimeError) as exc:
            skipped.append(f"postgresql: skipped ({type(exc).__name__}: {exc})")
        if "sqlite" in args.backends:
            url = f"sqlite:///{Path(tmp) / 'concurrency.sqlite3'}"
            table.append(
                run_backend("SQLite", url, rows, args.reviewers, args.decisions, Path(tmp))
            )
    print(
        f"\n{args.reviewers} reviewers × {args.decisions} decisions through HTTP "
        "(mtreview serve on 127.0.0.1, one thread and session per reviewer)"
    )
    print(
        f"{'backend':<16}{'decisions':>10}{'seconds':>9}{'dec/s':>8}{'p50 ms':>8}{'p95 ms':>8}"
        f"{'lost':>6}{'unanswered':>11}{'double claims':>15}{'shared':>8}{'refused':>9}"
        f"{'queue page':>12}"
    )
    for row in table:
        r = row["result"]
        print(
            f"{row['backend']:<16}{r.stored:>10}{row['seconds']:>9.1f}{row['rate']:>8.1f}"
            f"{row['p50']:>8.1f}{row['p95']:>8.1f}{r.lost:>6}{r.unanswered:>11}"
            f"{r.double_handouts:>15}{r.shared_passages:>8}{r.refused:>9}{r.queue_decided:>12}"
        )
        if row["short"]:
            print(f"  reviewers short of their quota: {', '.join(row['short'])}")
        if row["log"]:
            print(f"  server log: {len(row['log'])} problem lines, first: {row['log'][0]}")
    for line in skipped:
        print(line)
    print(f"total {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
