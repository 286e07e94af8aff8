"""A batch without manifest or shared file names: originals are found by content."""

import json
from pathlib import Path

from pipeline.runner import run_batch
from pipeline.store import reads
from pipeline.store.engine import open_store

DOCS = Path(__file__).resolve().parents[2] / "shared" / "data" / "koen-news-park2016" / "docs.jsonl"


def test_shuffled_batch_is_paired_by_content_and_the_rest_reported(tmp_path):
    records = [json.loads(line) for line in DOCS.read_text("utf-8").splitlines()][60:64]
    batch = tmp_path / "batch"
    batch.mkdir()
    names = ["harbour", "election", "budget", "storm"]
    for i, rec in enumerate(records[:3]):
        (batch / f"{names[i]}.en.txt").write_text("\n\n".join(rec["en"]) + "\n", "utf-8")
        # originals under unrelated names and without a language marker
        (batch / f"original-{2 - i}.txt").write_text("\n\n".join(rec["ko"]) + "\n", "utf-8")
    (batch / "storm.en.txt").write_text("\n\n".join(records[3]["en"]) + "\n", "utf-8")

    engine = open_store(f"sqlite:///{tmp_path / 's.sqlite3'}")
    summary = run_batch(batch, engine)
    paired = {en: ko for en, ko, _ in summary.content_pairs}
    assert paired == {
        "harbour.en.txt": "original-2.txt",
        "election.en.txt": "original-1.txt",
        "budget.en.txt": "original-0.txt",
    }
    assert summary.unpaired == ["storm.en.txt"]
    stored = {s.document.path: s.document for s in reads.load_documents(engine)}
    assert stored["harbour.en.txt"].original == "original-2.txt"
    assert stored["original-2.txt"].lang == "ko"
    assert stored["storm.en.txt"].original is None
