"""Cold run vs re-run of an unchanged batch vs re-run with one changed document.

Builds a batch of N English documents with Korean originals from ../shared/data (the
Park et al. 2016 ko-en news test split, 100 pseudo-documents, repeated with a suffix to
reach N), runs ``run_batch`` on a fresh SQLite store three times and prints the times and
the ratio cold / re-run (the peer here is the cold run of the same tool, same machine).

    .venv/bin/python benchmarks/incremental.py --docs 200
"""

from __future__ import annotations

import argparse
import json
import tempfile
import tracemalloc
from pathlib import Path
from time import perf_counter

from pipeline.runner import run_batch
from pipeline.store.engine import open_store

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "koen-news-park2016" / "docs.jsonl"


def build_batch(root: Path, n: int) -> Path:
    records = [json.loads(line) for line in DATA.read_text("utf-8").splitlines()]
    batch = root / "batch"
    batch.mkdir()
    for i in range(n):
        rec = records[i % len(records)]
        stem = f"{rec['id']}-{i:05d}"
        (batch / f"{stem}.en.txt").write_text("\n\n".join(rec["en"]) + "\n", encoding="utf-8")
        (batch / f"{stem}.ko.txt").write_text("\n\n".join(rec["ko"]) + "\n", encoding="utf-8")
    return batch


def timed(batch: Path, db: str) -> tuple[float, object]:
    engine = open_store(db)
    start = perf_counter()
    summary = run_batch(batch, engine)
    engine.dispose()
    return perf_counter() - start, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200, help="English documents in the batch")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        batch = build_batch(root, args.docs)
        db = f"sqlite:///{root / 'bench.sqlite3'}"
        tracemalloc.start()
        cold, s1 = timed(batch, db)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rerun, s2 = timed(batch, db)
        changed = next(batch.glob("*.en.txt"))
        changed.write_text(changed.read_text("utf-8") + "\nOne more sentence.\n", encoding="utf-8")
        one, s3 = timed(batch, db)
    print(f"batch: {args.docs} English + {args.docs} Korean documents")
    print(f"{'run':<28}{'seconds':>9}{'checked':>9}{'unchanged':>11}{'vs cold':>9}")
    for name, t, s in (
        ("cold", cold, s1),
        ("re-run, nothing changed", rerun, s2),
        ("re-run, one file changed", one, s3),
    ):
        print(f"{name:<28}{t:>9.2f}{s.checked:>9}{s.unchanged:>11}{cold / t:>8.1f}x")
    print(f"peak traced memory of the cold run: {peak / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
