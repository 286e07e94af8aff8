"""Bounded load test of ``mtreview serve`` on 127.0.0.1: 1, 8 and 32 concurrent users.

The store is the one ``review_latency.py`` builds (2,000 documents × 10 passages × 5
findings = 100,000 findings, ranked with the default budget of 150 queued passages), on
SQLite and on a throwaway PostgreSQL server (tests/realparts.py). ``mtreview serve`` runs
as a subprocess (one uvicorn process, as a team would start it); each user is a thread with
its own session (cookies, CSRF token, reviewer name) and an httpx client, and repeats:

* every third round the queue page ``GET /`` (HTML);
* a passage page ``GET /passage/{document_id}/{passage_id}`` of a random queued passage
  (HTML; it claims the passage for the user, a write);
* two decisions ``POST /decide`` (JSON) on findings of that passage, accept or dismiss.

A decision on a passage another user holds is refused with 409 (that is the claim doing its
job); it counts as an answered request and is reported apart. Each level runs for a fixed
time after a short warm-up; requests per second are all answered requests over that time.

    .venv/bin/python benchmarks/load.py [--seconds 15] [--users 1,8,32] [--documents 2000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent / "tests"))

from review_latency import build_rows, load_store  # noqa: E402
from test_concurrency import Client, ServeProcess, server_log_problems  # noqa: E402

from pipeline.store.engine import open_store  # noqa: E402

WARMUP_SECONDS = 2.0
ENDPOINTS = ("queue page", "passage page", "decision POST")


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[94]


def user(
    base: str, name: str, items: list[dict], stop: float, measure_from: float, out: dict
) -> None:
    """One user's rounds until ``stop``; latencies of requests that start after
    ``measure_from`` go to ``out``."""
    rng = random.Random(name)
    client = Client(base, name)
    times: dict[str, list[float]] = defaultdict(list)
    codes: Counter = Counter()
    rounds = 0

    def timed(endpoint: str, call) -> httpx.Response:
        started = time.monotonic()
        response = call()
        if started >= measure_from and time.monotonic() <= stop:
            times[endpoint].append((time.monotonic() - started) * 1000)
            codes[(endpoint, response.status_code)] += 1
        return response

    try:
        while time.monotonic() < stop:
            if rounds % 3 == 0:
                timed("queue page", lambda: client.http.get("/"))
            item = rng.choice(items)
            timed("passage page", lambda item=item: client.http.get(item["url"]))
            for finding in rng.sample(item["findings"], min(2, len(item["findings"]))):
                body = {
                    "document_id": item["document_id"],
                    "passage_id": item["passage_id"],
                    "finding_key": finding["key"],
                    "action": rng.choice(("accept", "dismiss")),
                }
                timed("decision POST", lambda body=body: client.post("/decide", body))
            rounds += 1
    finally:
        client.close()
    out[name] = (times, codes)


def level(base: str, users: int, seconds: float, items: list[dict]) -> dict:
    """``users`` concurrent users for ``seconds`` (after the warm-up); the figures."""
    out: dict = {}
    start = time.monotonic()
    measure_from = start + WARMUP_SECONDS
    stop = measure_from + seconds
    threads = [
        threading.Thread(
            target=user, args=(base, f"user-{users}-{i}", items, stop, measure_from, out)
        )
        for i in range(users)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    times: dict[str, list[float]] = defaultdict(list)
    codes: Counter = Counter()
    for t, c in out.values():
        for endpoint, values in t.items():
            times[endpoint] += values
        codes.update(c)
    every = [v for values in times.values() for v in values]
    return {
        "users": users,
        "requests": len(every),
        "rps": len(every) / seconds,
        "p50": statistics.median(every) if every else float("nan"),
        "p95": p95(every),
        "by_endpoint": {e: (len(times[e]), p95(times[e])) for e in ENDPOINTS},
        "conflicts": sum(n for (e, code), n in codes.items() if code == 409),
        "errors": sum(n for (e, code), n in codes.items() if code >= 500 or code in (400, 403)),
    }


def run_backend(name: str, url: str, rows, users: list[int], seconds: float, tmp: Path) -> list:
    engine = open_store(url)
    try:
        built = load_store(engine, rows)
        print(f"[{name}] store built and ranked in {built:.1f} s", flush=True)
        log = tmp / f"serve-{name.split()[0]}.log"
        server = ServeProcess(url, log)
        base = server.start()
        try:
            items = httpx.get(base + "/queue.json?per_page=all", timeout=120).json()["items"]
            results = []
            for n in users:
                result = level(base, n, seconds, items)
                result["backend"] = name
                results.append(result)
                print(
                    f"[{name}] {n:>2} users: {result['rps']:.1f} req/s, p95 {result['p95']:.0f} ms",
                    flush=True,
                )
        finally:
            server.stop()
        problems = server_log_problems(log)
        if problems:
            print(f"[{name}] server log: {len(problems)} problem lines, first: {problems[0]}")
        return results
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0, help="measured seconds per level")
    parser.add_argument("--users", default="1,8,32", help="concurrent users per level")
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--backends", default="sqlite,postgresql", help="which stores to load")
    args = parser.parse_args()
    users = [int(u) for u in args.users.split(",")]
    t0 = time.perf_counter()
    rows = build_rows(args.documents)
    print(
        f"synthetic batch: {len(rows[0]):,} documents, {len(rows[1]):,} passages, "
        f"{len(rows[2]):,} findings",
        flush=True,
    )
    table: list[dict] = []
    skipped: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        if "sqlite" in args.backends:
            table += run_backend(
                "SQLite",
                f"sqlite:///{Path(tmp) / 'load.sqlite3'}",
                rows,
                users,
                args.seconds,
                Path(tmp),
            )
        try:
            if "postgresql" not in args.backends:
                raise RuntimeError("not asked for (--backends)")
            import realparts

            with realparts.benchmark_database("mtreview_load") as (name, url):
                table += run_backend(name, url, rows, users, args.seconds, Path(tmp))
        except (ImportError, OSError, KeyError, RuntimeError) as exc:
            skipped.append(f"postgresql: skipped ({type(exc).__name__}: {exc})")

    print(
        f"\nmtreview serve on 127.0.0.1, {args.seconds:.0f} s per level after "
        f"{WARMUP_SECONDS:.0f} s warm-up; rounds of queue page (every third), passage page, "
        "two decision POSTs; latency in ms"
    )
    header = (
        f"{'backend':<16}{'users':>6}{'req/s':>8}{'p50':>8}{'p95':>8}"
        f"{'queue p95':>11}{'passage p95':>13}{'decide p95':>12}{'409':>6}{'errors':>8}"
    )
    print(header)
    for r in table:
        e = r["by_endpoint"]
        print(
            f"{r['backend']:<16}{r['users']:>6}{r['rps']:>8.1f}{r['p50']:>8.0f}{r['p95']:>8.0f}"
            f"{e['queue page'][1]:>11.0f}{e['passage page'][1]:>13.0f}"
            f"{e['decision POST'][1]:>12.0f}{r['conflicts']:>6}{r['errors']:>8}"
        )
    for line in skipped:
        print(line)
    print(f"total {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
