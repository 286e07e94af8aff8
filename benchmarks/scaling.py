"""Cost per document at 1x, 10x and 100x a base batch size, against a segmenting peer.

Each batch is built anew in a fresh store and checked cold by ``mtreview run`` in its own
process. Per 10 English documents a batch holds:

* 8 columns of ../shared/data (20 consecutive line pairs of the Park et al. 2016 ko-en news
  test split, in paragraphs of three sentences, each from a different start line): 3 with
  their Korean original named after them, 1 with its Korean original under an unrelated
  name (paired by content), 4 without an original;
* 2 copies of the development set's tune columns and press reports (cycled in a fixed
  order, names varied so every copy is a distinct document), with their Korean originals,
  manifest entries (title, date, trusted press) and the tune termbase.

So the share of originals, content pairs and trusted press stays about the same at every
size (trusted press: 1 in 10, 6 in 100, 50 in 1,000). Printed for every size: process
seconds (interpreter start, imports, models and the run), seconds per document, documents
per second, seconds per document inside the run, the cost per document net of start-up
(the process time of a one-document batch is taken off), the marginal cost per document
since the next smaller batch, peak resident memory, and these costs relative to the 1x
batch ("flat" means within about 1.3x). The peer, measured in the same run on the same
files: pysbd (English rules) reading and segmenting every file of the batch, the floor any
review pipeline pays. The runs import a copy of ``pipeline/`` taken at the start (see
incremental.py).

The mtreview runs are repeated on PostgreSQL (one new database per batch, dropped after):
on the server named by ``MTREVIEW_BENCH_PG`` (a URL whose user may create databases), else
on a throwaway server started for the benchmark (tests/realparts.py); without PostgreSQL
installed that backend is reported as skipped.

    .venv/bin/python benchmarks/scaling.py                # 10, 100, 1,000 documents
    .venv/bin/python benchmarks/scaling.py --base 5 --scales 1 10
    .venv/bin/python benchmarks/scaling.py --backends postgresql
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from incremental import (
    Measured,
    code_snapshot,
    corpus_lines,
    machine,
    measure,
    mtreview_run,
    window,
)
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

DEVSET = Path(__file__).resolve().parent / "data" / "devset" / "tune"
#: development-set English documents in the order copies are taken (press early, so even
#: the smallest batch holds a trusted report)
DEV_ORDER = (
    "nk-satellite-column",
    "nk-satellite-press",
    "gaza-ceasefire-column",
    "gaza-ceasefire-press",
    "japan-trade-column",
    "wildfire-column",
    "football-diplomacy-column",
    "chip-controls-column",
)
#: per 10 English documents: shared-data columns by kind, and development-set copies
UNIT = ("name", "name", "name", "content", "alone", "alone", "alone", "alone", "dev", "dev")
FLAT = 1.3
#: tries of batches of up to SMALL documents and of the peer; the least CPU time counts
START_TRIES = 5
PEER_TRIES = 3
SMALL = 100
#: trusted press documents of each batch size built so far
trusted_of: dict[int, int] = {}

PEER = r"""
import sys, time
from pathlib import Path
import pysbd
segmenter = pysbd.Segmenter(language="en", clean=False)
start = time.process_time()
files = sentences = 0
for path in sorted(Path(sys.argv[1]).rglob("*.txt")):
    for paragraph in path.read_text("utf-8").split("\n\n"):
        if paragraph.strip():
            sentences += len(segmenter.segment(paragraph))
    files += 1
print(files, sentences, time.process_time() - start)
"""


def build_batch(batch: Path, n: int) -> int:
    """Write ``n`` English documents (and their originals, manifest, termbase) into
    ``batch``; return how many of them are trusted press."""
    en, ko = corpus_lines()
    batch.mkdir(parents=True)
    tune = tomllib.loads((DEVSET / "manifest.toml").read_text("utf-8"))["documents"]
    manifest: dict[str, dict] = {}
    shared = dev = 0
    for i in range(n):
        kind = UNIT[i % len(UNIT)]
        if kind == "dev":
            name = DEV_ORDER[dev % len(DEV_ORDER)]
            stem = f"dev-{dev:04d}-{name}"
            shutil.copyfile(DEVSET / f"{name}.en.txt", batch / f"{stem}.en.txt")
            entry = dict(tune.get(f"{name}.en.txt", {}))
            if "original" in entry:
                shutil.copyfile(DEVSET / entry["original"], batch / f"{stem}.ko.txt")
                entry["original"] = f"{stem}.ko.txt"
            if "date" in entry:
                entry["date"] = entry["date"].isoformat()
            manifest[f"{stem}.en.txt"] = entry
            dev += 1
            continue
        stem = f"column-{shared:05d}"
        (batch / f"{stem}.en.txt").write_text(window(en, shared), encoding="utf-8")
        if kind == "name":
            (batch / f"{stem}.ko.txt").write_text(window(ko, shared), encoding="utf-8")
        elif kind == "content":
            (batch / f"wonmun-{shared:05d}.txt").write_text(window(ko, shared), encoding="utf-8")
        shared += 1
    if manifest:
        (batch / "manifest.json").write_text(
            json.dumps({"documents": manifest}, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        shutil.copyfile(DEVSET / "termbase.csv", batch / "termbase.csv")
    return sum(1 for entry in manifest.values() if entry.get("trusted"))


@dataclass
class Row:
    docs: int  # English documents
    files: int  # document files (English and Korean)
    trusted: int  # trusted press among the English documents
    wall: float  # mtreview process seconds
    cpu: float  # mtreview process CPU seconds
    rss: float  # mtreview peak RSS, MiB
    peer: float  # pysbd CPU seconds reading and segmenting every file
    peer_rss: float


def peer_run(batch: Path, log: Path) -> tuple[float, float]:
    """The peer over ``batch``, fastest of ``PEER_TRIES``: (CPU seconds reading and
    segmenting, after the import; peak RSS in MiB)."""
    best = (float("inf"), 0.0)
    for _ in range(PEER_TRIES):
        u = measure([sys.executable, "-c", PEER, str(batch)], log)
        output = log.read_text("utf-8", errors="replace")
        if u.returncode != 0:
            raise RuntimeError(f"peer exited {u.returncode}: {output}")
        best = min(best, (float(output.split()[-1]), u.rss_mib))
    return best


class PostgresStores:
    """A new database per batch on the PostgreSQL server at ``url``."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        if self.url.drivername == "postgresql":
            self.url = self.url.set(drivername="postgresql+psycopg")
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT")

    def create(self, name: str) -> str:
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        return self.url.set(database=name).render_as_string(hide_password=False)

    def drop(self, name: str) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))


@contextlib.contextmanager
def postgres_server() -> Iterator[tuple[str, str]]:
    """``(label, URL)`` of the server named by ``MTREVIEW_BENCH_PG``, else of a throwaway
    server started for the benchmark and stopped after it."""
    if url := os.environ.get("MTREVIEW_BENCH_PG"):
        yield "PostgreSQL", url
        return
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    import realparts

    with realparts.benchmark_database("mtreview_scaling") as (label, server_url):
        yield label, server_url


def run_sizes(sizes: list[int], root: Path, store, label: str, env, peers: dict) -> list[Row]:
    """Cold runs of every size in a fresh store each. Batches of up to ``SMALL`` documents
    run ``START_TRIES`` times, in rounds that alternate the sizes so each sees the same
    load, and the try with the least CPU time counts: the smallest gives the start-up cost,
    and noise on a shared machine would otherwise swamp their per-document cost. The peer
    runs once per batch; ``peers`` keeps its figures for the next backend."""
    for n in sizes:
        if n not in trusted_of:
            trusted_of[n] = build_batch(root / f"batch-{n}", n)
    best: dict[int, Measured] = {}
    small = [n for n in sizes if n <= SMALL]
    plan = [(n, t) for t in range(START_TRIES) for n in small]
    plan += [(n, 0) for n in sizes if n > SMALL]
    for n, t in plan:
        log = root / f"{label}-{n}.log"
        m = mtreview_run(root / f"batch-{n}", store(f"{n}_{t}"), log, env)
        print(f"  {label} {n:>6} documents: {m.wall:.2f} s, CPU {m.cpu:.2f} s", flush=True)
        if n not in best or m.cpu < best[n].cpu:
            best[n] = m
    rows = []
    for n in sizes:
        batch, m = root / f"batch-{n}", best[n]
        files = sum(1 for _ in batch.glob("*.txt"))
        if m.checked != files:
            print(f"  note: {m.checked} of {files} files checked", flush=True)
        if n not in peers:
            peers[n] = peer_run(batch, root / f"peer-{n}.log")
        peer, peer_rss = peers[n]
        rows.append(Row(n, files, trusted_of[n], m.wall, m.cpu, m.rss_mib, peer, peer_rss))
        print(
            f"  {label} {n:>6} documents ({files} files): {m.wall:8.2f} s, CPU {m.cpu:.2f} s "
            f"({m.run:.2f} s in the run), peak RSS {m.rss_mib:.0f} MiB; pysbd CPU {peer:.3f} s",
            flush=True,
        )
    return rows


def report(rows: list[Row], label: str) -> None:
    """The table: CPU seconds per document, and their ratios to the 1x batch and to the peer."""
    start, rows = rows[0], rows[1:]  # the one-document batch: start-up cost
    base = rows[0]

    def net(r: Row) -> float:
        """CPU seconds per document once the start-up is taken off."""
        return (r.cpu - start.cpu) / (r.docs - start.docs)

    def marginal(i: int) -> float:
        """CPU seconds per document added since the next smaller batch."""
        before = rows[i - 1] if i else start
        return (rows[i].cpu - before.cpu) / (rows[i].docs - before.docs)

    print(
        f"\n{label}: cold runs; start-up (a one-document batch) {start.wall:.2f} s, "
        f"CPU {start.cpu:.2f} s; per-document costs in CPU seconds"
    )
    print(
        f"{'docs':>6}{'files':>7}{'trusted':>9}{'process s':>11}{'docs/s':>8}{'CPU s':>9}"
        f"{'CPU/doc':>9}{'net/doc':>9}{'marginal':>10}{'peak MiB':>10}{'/doc vs 1x':>12}"
        f"{'net vs 1x':>11}{'marginal vs 1x':>16}{'pysbd ms/doc':>14}{'net vs pysbd':>14}"
    )
    for i, r in enumerate(rows):
        print(
            f"{r.docs:>6}{r.files:>7}{r.trusted:>9}{r.wall:>11.2f}{r.docs / r.wall:>8.1f}"
            f"{r.cpu:>9.2f}{r.cpu / r.docs:>9.3f}{net(r):>9.3f}{marginal(i):>10.3f}{r.rss:>10.0f}"
            f"{(r.cpu / r.docs) / (base.cpu / base.docs):>11.2f}x{net(r) / net(base):>10.2f}x"
            f"{marginal(i) / net(base):>15.2f}x{1000 * r.peer / r.docs:>14.2f}"
            f"{net(r) / (r.peer / r.docs):>13.0f}x"
        )
    last = rows[-1]
    ratio = net(last) / net(base)
    peer_ratio = (last.peer / last.docs) / (base.peer / base.docs)
    verdict = "flat" if ratio <= FLAT else "NOT flat"
    print(
        f"net CPU per document at {last.docs // base.docs}x vs 1x: mtreview {ratio:.2f}x "
        f"({verdict}; flat = within {FLAT}x), pysbd {peer_ratio:.2f}x; "
        f"pysbd peak RSS {last.peer_rss:.0f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=10, help="English documents at 1x")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument(
        "--backends", nargs="+", choices=("sqlite", "postgresql"), default=["sqlite", "postgresql"]
    )
    args = parser.parse_args()
    sizes = [1, *(args.base * s for s in args.scales)]
    print(f"machine: {machine()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="mtreview-bench-") as tmp:
        root = Path(tmp)
        env = code_snapshot(root)
        peers: dict[int, tuple[float, float]] = {}
        if "sqlite" in args.backends:
            rows = run_sizes(
                sizes,
                root,
                lambda n: f"sqlite:///{root / f'store-{n}.sqlite3'}",
                "sqlite",
                env,
                peers,
            )
            report(rows, "SQLite")
        if "postgresql" in args.backends:
            run_postgres(sizes, root, env, peers)


def run_postgres(sizes: list[int], root: Path, env, peers: dict) -> None:
    """The runs on PostgreSQL, or why they were skipped."""
    try:
        with postgres_server() as (label, url):
            stores = PostgresStores(url)
            names: list[str] = []

            def pg_store(n: str) -> str:
                names.append(f"mtreview_scaling_{os.getpid()}_{n}")
                return stores.create(names[-1])

            try:
                pg_rows = run_sizes(sizes, root, pg_store, "postgresql", env, peers)
            finally:
                for name in names:
                    stores.drop(name)
                stores.admin.dispose()
            report(pg_rows, label)
    except Exception as exc:  # a bench extra: report and go on
        print(f"\nPostgreSQL: skipped ({type(exc).__name__}: {exc})")


if __name__ == "__main__":
    main()
