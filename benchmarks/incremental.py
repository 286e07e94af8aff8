"""Cold run vs re-run of an unchanged batch vs re-run with one changed document.

Builds a batch of N English documents, each with its Korean original, from ../shared/data
(the Park et al. 2016 ko-en news test split: 20 consecutive line pairs per document,
grouped into paragraphs of three sentences, each document starting at a different line so
no two are the same text), then runs ``mtreview run`` three times on one fresh SQLite
store, each run a separate process as a user would start it: cold, again with nothing
changed, and again after one English file gained a sentence (each re-run three times, a
different file changed each time; the try with the least CPU time counts, as the machine
may be shared). For each run it prints the wall-clock seconds of the process (interpreter
start, imports, models and the run), its CPU seconds, the seconds inside the run as the
store records them, how many documents were checked, the peak resident memory of the
process (CPU and memory from its ``wait4`` rusage), and the ratios to the cold run (the
peer here is the cold run of the same tool, same machine). CPU time is the steadier figure
when others share the machine. Target: a re-run with one changed document at least 50x
faster than the cold run.

The runs import a copy of ``pipeline/`` taken at the start, so an edit to the work tree
while the benchmark runs cannot change the run signature (which would re-check everything).

The runs use the user's lexicon cache (:mod:`pipeline.lexicon.cache`) as they find it: the
benchmark prints which cache files were there before the cold run; a cold run on a machine
without them builds them (``--fresh-cache`` gives the runs an empty cache folder of their
own, as on a fresh machine).

    .venv/bin/python benchmarks/incremental.py --docs 1000
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from time import perf_counter

from sqlalchemy import create_engine, select

from pipeline.store.schema import runs

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "koen-news-park2016"
#: sentences per document and per paragraph of the built documents
DOC_LINES = 20
PARAGRAPH_LINES = 3
#: ``mtreview`` as its console script runs it, with this interpreter
MTREVIEW = [sys.executable, "-c", "from pipeline.cli import main; main()"]
TARGET = 50.0
#: tries of each re-run; the fastest counts
RERUN_TRIES = 3


def corpus_lines() -> tuple[list[str], list[str]]:
    """The English and Korean lines of the shared test split (line N of one is the pair of
    line N of the other)."""
    en = (DATA / "test.en").read_text("utf-8").splitlines()
    ko = (DATA / "test.ko").read_text("utf-8").splitlines()
    assert len(en) == len(ko), "test.en and test.ko must be line-aligned"
    return en, ko


def window(lines: list[str], k: int) -> str:
    """Document ``k``: ``DOC_LINES`` consecutive lines from a start that differs for every
    ``k`` up to ten passes over the corpus, wrapping at the end, in paragraphs."""
    n = len(lines)
    start = (k * DOC_LINES + (k * DOC_LINES // n) * 7) % n
    chosen = [lines[(start + i) % n] for i in range(DOC_LINES)]
    paragraphs = [
        " ".join(chosen[i : i + PARAGRAPH_LINES]) for i in range(0, DOC_LINES, PARAGRAPH_LINES)
    ]
    return "\n\n".join(paragraphs) + "\n"


def build_batch(root: Path, n: int) -> Path:
    """``n`` English documents with their Korean originals (paired by file name)."""
    en, ko = corpus_lines()
    batch = root / "batch"
    batch.mkdir()
    for k in range(n):
        stem = f"news-{k:05d}"
        (batch / f"{stem}.en.txt").write_text(window(en, k), encoding="utf-8")
        (batch / f"{stem}.ko.txt").write_text(window(ko, k), encoding="utf-8")
    return batch


@dataclass
class Usage:
    """What one child process took."""

    wall: float  # seconds
    cpu: float  # CPU seconds, user + system: steadier than wall time on a shared machine
    rss_mib: float  # peak resident set size
    returncode: int


@dataclass
class Measured:
    """One ``mtreview run`` process."""

    wall: float  # seconds of the whole process
    cpu: float  # CPU seconds of the process (user + system)
    run: float  # seconds inside the run (``runs.seconds`` in the store)
    rss_mib: float  # peak resident set size of the process
    checked: int
    unchanged: int
    returncode: int
    output: str


_COUNTS = re.compile(r"(\d+) checked, (\d+) unchanged")


def code_snapshot(root: Path) -> dict[str, str]:
    """Copy the ``pipeline`` package (compiled) under ``root`` and return the environment
    that makes a child process import that copy: every run of one benchmark then runs the
    same code, even when the work tree is edited meanwhile (an edit to the checks would
    otherwise change the run signature and make a re-run check everything again)."""
    code = root / "code"
    source = Path(__file__).resolve().parents[1] / "pipeline"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(source, code / "pipeline", ignore=ignore)
    compileall.compile_dir(code, quiet=1)
    path = os.pathsep.join(p for p in (str(code), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path}


def measure(argv: list[str], log: Path, env: dict[str, str] | None = None) -> Usage:
    """Run ``argv`` to completion with its output in ``log``. Its CPU time and memory peak
    come from the child's own rusage (``wait4``), so runs do not mix. The
    child runs in ``log``'s folder: ``python -c`` puts its working directory first on the
    module path, and the work tree's ``pipeline`` must not shadow the snapshot."""
    with log.open("wb") as out:
        start = perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=log.parent)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return Usage(wall, cpu, usage.ru_maxrss / 1024, proc.returncode)  # ru_maxrss: KiB


def last_run_seconds(db: str) -> float:
    engine = create_engine(db)
    try:
        with engine.connect() as conn:
            seconds = conn.execute(select(runs.c.seconds).order_by(runs.c.id.desc())).first()
    finally:
        engine.dispose()
    return float(seconds[0]) if seconds and seconds[0] is not None else float("nan")


def mtreview_run(batch: Path, db: str, log: Path, env: dict[str, str] | None = None) -> Measured:
    """``mtreview run BATCH --db DB`` in its own process, measured."""
    u = measure([*MTREVIEW, "run", str(batch), "--db", db], log, env)
    code = u.returncode
    output = log.read_text("utf-8", errors="replace")
    if code not in (0, 1):
        raise RuntimeError(f"mtreview run exited {code}:\n{output[-2000:]}")
    counts = _COUNTS.search(output)
    checked, unchanged = (int(counts[1]), int(counts[2])) if counts else (-1, -1)
    run = last_run_seconds(db)
    return Measured(u.wall, u.cpu, run, u.rss_mib, checked, unchanged, code, output)


def cache_files(env: dict[str, str], root: Path) -> str:
    """The lexicon cache files the runs will find (see pipeline.lexicon.cache); ``root``
    is a folder without a ``pipeline`` package in it (see ``measure``)."""
    code = "from pipeline.lexicon.cache import cache_dir; print(cache_dir())"
    folder = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()
    names = sorted(p.name for p in Path(folder).glob("*")) if Path(folder).is_dir() else []
    return f"{folder}: {', '.join(names) if names else 'none'}"


def machine() -> str:
    """A one-line description of the machine the figures come from."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem_kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {mem_kib / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        mem = ""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{os.cpu_count()} cores ({cpu}){mem}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; load average at start {load:.2f}; "
        f"{date.today().isoformat()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="English documents in the batch")
    parser.add_argument(
        "--fresh-cache", action="store_true", help="start with an empty lexicon cache folder"
    )
    args = parser.parse_args()
    print(f"machine: {machine()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="mtreview-bench-") as tmp:
        root = Path(tmp)
        batch = build_batch(root, args.docs)
        db = f"sqlite:///{root / 'bench.sqlite3'}"
        env = code_snapshot(root)
        if args.fresh_cache:
            env["MTREVIEW_CACHE_DIR"] = str(root / "lexicon-cache")
        print(f"lexicon cache before the cold run: {cache_files(env, root)}", flush=True)
        results = []
        signatures: set[str] = set()
        for name in ("cold", "re-run, nothing changed", "re-run, one file changed"):
            tries = []
            for t in range(1 if name == "cold" else RERUN_TRIES):
                if name.endswith("one file changed"):
                    changed = batch / f"news-{t:05d}.en.txt"
                    text = changed.read_text("utf-8") + "\nOne more sentence about the talks.\n"
                    changed.write_text(text, encoding="utf-8")
                m = mtreview_run(batch, db, root / f"run-{len(results)}-{t}.log", env)
                print(
                    f"  {name}: {m.wall:.2f} s, CPU {m.cpu:.2f} s, peak RSS {m.rss_mib:.0f} MiB",
                    flush=True,
                )
                signatures.add(m.output.rsplit("signature", 1)[-1].strip())
                tries.append(m)
            results.append((name, min(tries, key=lambda m: m.cpu)))
    cold = results[0][1]
    print(f"\nbatch: {args.docs} English + {args.docs} Korean documents (SQLite)")
    print(
        f"{'run':<28}{'process s':>10}{'CPU s':>8}{'in-run s':>10}{'checked':>9}{'unchanged':>11}"
        f"{'peak RSS MiB':>14}{'vs cold':>9}{'CPU vs cold':>13}"
    )
    for name, m in results:
        print(
            f"{name:<28}{m.wall:>10.2f}{m.cpu:>8.2f}{m.run:>10.2f}{m.checked:>9}{m.unchanged:>11}"
            f"{m.rss_mib:>14.0f}{cold.wall / m.wall:>8.1f}x{cold.cpu / m.cpu:>12.1f}x"
        )
    if len(signatures) > 1:
        print(f"warning: the run signature changed between runs: {sorted(signatures)}")
    if results[1][1].checked or results[2][1].checked != 1:
        print("warning: a re-run checked more than it should: the store or the code changed")
    one = results[2][1]
    print(
        f"checking the one changed document in a fresh process (its checks load their "
        f"lexicons and models on first use): {one.run - results[1][1].run:.2f} s in the run"
    )
    for what, ratio in (("process time", cold.wall / one.wall), ("CPU time", cold.cpu / one.cpu)):
        verdict = "met" if ratio >= TARGET else "not met"
        print(
            f"target: one changed document >= {TARGET:.0f}x faster than cold ({what}): "
            f"{ratio:.1f}x, {verdict}"
        )


if __name__ == "__main__":
    main()
