"""Incremental runs: a re-run after changes stores what a cold run of the changed batch
stores, and unchanged files are known by their stat without being read (SQLite and a real
PostgreSQL server)."""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
from batches import make_batch
from sqlalchemy import select

from pipeline import runner
from pipeline.runner import batch_key, run_batch
from pipeline.store.schema import documents, findings, passages, queue, segments

DOCS = Path(__file__).resolve().parents[2] / "shared" / "data" / "koen-news-park2016" / "docs.jsonl"


@pytest.fixture
def engine(store_engine):
    return store_engine


@pytest.fixture
def trusted_stats(monkeypatch):
    """Stats are recorded however recently a file changed (the tests write files right
    before running; by default such files are read again by the next run)."""
    monkeypatch.setattr(runner, "RACY_SECONDS", 0)


def build(root: Path) -> Path:
    """The seed batch (a column, its trusted press, a CP949 pair) plus six English texts
    from the shared news data: three with originals named after them, one with an original
    under another name (paired by content), two without."""
    batch = make_batch(root)
    records = [json.loads(line) for line in DOCS.read_text("utf-8").splitlines()][20:26]
    for i, rec in enumerate(records):
        en = list(rec["en"])
        en[0] = "The the " + en[0]  # findings to rank
        (batch / f"news-{i}.en.txt").write_text("\n\n".join(en) + "\n", "utf-8")
        if i < 3:
            (batch / f"news-{i}.ko.txt").write_text("\n\n".join(rec["ko"]) + "\n", "utf-8")
        elif i == 3:
            (batch / "original.txt").write_text("\n\n".join(rec["ko"]) + "\n", "utf-8")
    return batch


def stored(engine, key: str) -> dict[str, Counter]:
    """What the store holds for a batch, as multisets, without ids and run numbers."""
    path = documents.c.path
    in_batch = documents.c.batch == key
    queries = {
        "documents": select(
            path,
            documents.c.content_hash,
            documents.c.input_hash,
            documents.c.text,
            documents.c.lang,
            documents.c.trusted,
            documents.c.original,
            documents.c.regions,
        ),
        "passages": select(
            path, passages.c.passage_id, passages.c.idx, passages.c.start, passages.c.end
        ).select_from(passages.join(documents)),
        "segments": select(
            path, passages.c.passage_id, segments.c.start, segments.c.end
        ).select_from(segments.join(passages).join(documents)),
        "findings": select(
            path,
            findings.c.finding_key,
            findings.c.check_id,
            findings.c.severity,
            findings.c.start,
            findings.c.end,
            findings.c.message,
            findings.c.score,
        ).select_from(findings.join(documents)),
        "queue": select(
            path, queue.c.passage_id, queue.c.rank, queue.c.score, queue.c.queued
        ).select_from(queue.join(documents)),
    }
    with engine.connect() as conn:
        return {name: Counter(conn.execute(q.where(in_batch)).all()) for name, q in queries.items()}


def test_rerun_after_changes_stores_what_a_cold_run_stores(engine, tmp_path, trusted_stats):
    (tmp_path / "incremental").mkdir()
    batch = build(tmp_path / "incremental")
    run_batch(batch, engine)
    edited = batch / "news-1.en.txt"
    edited.write_text("The the talks went on.\n\n" + edited.read_text("utf-8"), "utf-8")
    korean = batch / "news-2.ko.txt"  # a changed original re-checks its English text
    korean.write_text(korean.read_text("utf-8") + "\n추가 문장입니다.\n", "utf-8")
    (batch / "news-5.en.txt").unlink()
    shutil.copy(batch / "news-4.en.txt", batch / "news-6.en.txt")
    again = run_batch(batch, engine)
    assert again.checked == 4  # news-1, news-2 in both languages, news-6
    assert again.failures == []

    cold_batch = tmp_path / "cold" / "batch"
    shutil.copytree(batch, cold_batch)
    cold = run_batch(cold_batch, engine)
    assert cold.checked == cold.documents
    rerun, fresh = stored(engine, batch_key(batch)), stored(engine, batch_key(cold_batch))
    assert rerun["findings"] and rerun["queue"]
    assert rerun == fresh
    assert (again.passages, again.findings, again.queued) == (
        cold.passages,
        cold.findings,
        cold.queued,
    )


def test_unchanged_files_are_not_read_again(engine, tmp_path, trusted_stats, monkeypatch):
    batch = build(tmp_path)
    run_batch(batch, engine)
    edited = batch / "news-0.en.txt"
    edited.write_text(edited.read_text("utf-8") + "\nOne more sentence.\n", "utf-8")
    reads = []
    read_document = runner.read_document

    def counted(f):
        reads.append(f.path)
        return read_document(f)

    monkeypatch.setattr(runner, "read_document", counted)
    again = run_batch(batch, engine)
    assert again.checked == 1 and again.unchanged == again.documents - 1
    # the changed file, and the files no name pairs, which pairing by content reads again
    unpaired = {"kursk-blood-pact-column.en.txt", "original.txt"}
    unpaired |= {f"news-{i}.en.txt" for i in (3, 4, 5)}
    assert sorted(reads) == sorted({"news-0.en.txt"} | unpaired)


def test_same_size_rewrite_with_old_mtime_is_still_seen(engine, tmp_path, trusted_stats):
    """A rewrite that keeps the size and puts the modification time back changes the
    file's change time (ctime), which the stat includes."""
    batch = build(tmp_path)
    run_batch(batch, engine)
    path = batch / "news-0.en.txt"
    before = os.stat(path)
    text = path.read_text("utf-8")
    path.write_text(text.replace("The the", "Tho the", 1), "utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    again = run_batch(batch, engine)
    assert again.checked == 1


def test_recently_changed_file_gets_no_stat_and_is_read_again(engine, tmp_path):
    batch = build(tmp_path)
    run_batch(batch, engine)  # every file was written just now: inside the racy window
    with engine.connect() as conn:
        stats = set(conn.scalars(select(documents.c.file_stat)))
    assert stats == {None}
    again = run_batch(batch, engine)
    assert again.checked == 0  # read and hashed again, found unchanged


def test_touched_file_is_unchanged_and_its_new_stat_is_kept(engine, tmp_path, trusted_stats):
    batch = build(tmp_path)
    run_batch(batch, engine)
    path = batch / "news-3.en.txt"
    os.utime(path, ns=(0, 10**18))
    again = run_batch(batch, engine)
    assert again.checked == 0
    with engine.connect() as conn:
        stat = conn.scalar(select(documents.c.file_stat).where(documents.c.path == "news-3.en.txt"))
    assert stat == runner.file_stat(path) and stat.split(":")[1] == str(10**18)


def test_a_store_from_before_file_stats_gains_them(tmp_path):
    from sqlalchemy import create_engine, inspect, text

    from pipeline.store.migrations import MIGRATIONS, migrate
    from pipeline.store.schema import schema_migrations

    engine = create_engine(f"sqlite:///{tmp_path / 'v3.sqlite3'}")
    schema_migrations.create(engine)
    for version, description, step in MIGRATIONS[:3]:
        with engine.begin() as conn:
            step(conn)
            conn.execute(
                schema_migrations.insert().values(
                    version=version, description=description, applied_at="2026-01-01T00:00:00"
                )
            )
    with engine.begin() as conn:  # as version 3 made it
        conn.execute(text("ALTER TABLE documents DROP COLUMN file_stat"))
    assert migrate(engine) == [4]
    assert "file_stat" in {c["name"] for c in inspect(engine).get_columns("documents")}
    assert run_batch(make_batch(tmp_path), engine).checked == 4
    engine.dispose()
