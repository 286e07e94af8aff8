"""The batch flow against a real store: SQLite and a real PostgreSQL server, same tests."""

from __future__ import annotations

import json
import shutil

import pytest
from batches import make_batch
from sqlalchemy import event, func, inspect, select
from sqlalchemy.exc import IntegrityError

from pipeline.export.jsonl import documents_records, findings_records
from pipeline.model import Decision
from pipeline.runner import batch_key, run_batch
from pipeline.store import reads, writes
from pipeline.store.migrations import MIGRATIONS, applied_versions, migrate
from pipeline.store.schema import documents, findings, metadata, passages


@pytest.fixture
def engine(store_engine):
    """The store on SQLite and on a real PostgreSQL server (see conftest.store_engine)."""
    return store_engine


def test_migrations_create_every_declared_table_and_column_once(engine):
    assert applied_versions(engine) == {v for v, _, _ in MIGRATIONS}
    assert migrate(engine) == []  # nothing left to apply
    inspector = inspect(engine)
    for table in metadata.sorted_tables:
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        assert columns == {c.name for c in table.columns}, table.name


def test_run_stores_documents_passages_and_findings(engine, tmp_path):
    batch = make_batch(tmp_path)
    summary = run_batch(batch, engine)
    assert summary.failures == []
    assert summary.documents == 4 and summary.checked == 4
    assert summary.findings > 0 and summary.queued > 0
    docs = {s.document.path: s.document for s in reads.load_documents(engine)}
    assert docs["rice.ko.txt"].encoding == "cp949" and docs["rice.ko.txt"].lang == "ko"
    assert docs["rice.en.txt"].original == "rice.ko.txt"
    assert docs["news-2025-12-14-kim-kursk-casualties.en.txt"].trusted
    checked = {f.document for f in reads.load_findings(engine)}
    assert "news-2025-12-14-kim-kursk-casualties.en.txt" not in checked  # trusted: not reviewed
    assert "rice.ko.txt" not in checked
    assert "rice.en.txt" in checked


def test_second_run_of_unchanged_batch_does_no_check_work(engine, tmp_path):
    batch = make_batch(tmp_path)
    run_batch(batch, engine)
    before = list(findings_records(engine))
    again = run_batch(batch, engine)
    assert again.checked == 0 and again.unchanged == 4
    assert list(findings_records(engine)) == before
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(documents)) == 4


def test_rerun_of_unchanged_batch_commits_as_often_whatever_the_batch_size(engine, tmp_path):
    """Unchanged documents are marked as seen in one transaction, not one per document
    (a commit per document made a re-run of 2,000 unchanged files take seconds)."""

    def rerun(batch):
        run_batch(batch, engine)
        commits = []

        def count(conn):
            commits.append(conn)

        event.listen(engine, "commit", count)
        try:
            again = run_batch(batch, engine)
        finally:
            event.remove(engine, "commit", count)
        assert again.checked == 0 and again.unchanged > 0
        with engine.connect() as conn:
            seen = conn.scalars(
                select(documents.c.last_run_id).where(documents.c.batch == batch_key(batch))
            )
            assert set(seen) == {again.run_id}
        return len(commits)

    (tmp_path / "small").mkdir()
    (tmp_path / "large").mkdir()
    small = make_batch(tmp_path / "small")
    large = make_batch(tmp_path / "large")
    for i in range(8):
        shutil.copy(large / "rice.en.txt", large / f"rice-{i}.en.txt")
    assert rerun(large) == rerun(small)


def test_changed_file_is_rechecked_and_only_it(engine, tmp_path):
    batch = make_batch(tmp_path)
    run_batch(batch, engine)
    path = batch / "rice.en.txt"
    path.write_text(path.read_text("utf-8").replace("The the", "The"), encoding="utf-8")
    again = run_batch(batch, engine)
    assert again.checked == 1 and again.unchanged == 3
    checks = {f.check for f in reads.load_findings(engine) if f.document == "rice.en.txt"}
    assert "fluency.doubled_word" not in checks


def test_removed_file_leaves_the_store(engine, tmp_path):
    batch = make_batch(tmp_path)
    run_batch(batch, engine)
    (batch / "rice.en.txt").unlink()
    run_batch(batch, engine)
    assert "rice.en.txt" not in {s.document.path for s in reads.load_documents(engine)}


def test_unreadable_file_is_named_and_the_rest_is_stored(engine, tmp_path):
    batch = make_batch(tmp_path)
    (batch / "broken.en.txt").write_bytes(b"\x00\x01\x02binary\x00\xff" * 50)
    summary = run_batch(batch, engine)
    assert [path for path, _ in summary.failures] == ["broken.en.txt"]
    assert "binary" in summary.failures[0][1]
    stored = {s.document.path for s in reads.load_documents(engine)}
    assert "broken.en.txt" not in stored and "rice.en.txt" in stored


def test_export_offsets_are_true_for_every_finding(engine, tmp_path):
    run_batch(make_batch(tmp_path), engine)
    texts = {d["document"]: d["text"] for d in documents_records(engine)}
    records = list(findings_records(engine))
    assert records
    for r in records:
        assert texts[r["document"]][r["start"] : r["end"]] == r["text"]
        assert r["status"] == "open" and isinstance(r["queued"], bool)
    json.dumps(records)  # plain JSON types only


def test_decisions_are_appended_and_the_latest_one_counts(engine, tmp_path):
    batch = make_batch(tmp_path)
    run_batch(batch, engine)
    [target] = [f for f in reads.load_findings(engine) if f.check == "fluency.doubled_word"]
    for action in ("dismiss", "accept"):
        writes.append_decision(
            engine,
            batch_key(batch),
            Decision(target.key, target.document, target.passage_id, action, "mina"),
            target.check,
        )
    [record] = [r for r in findings_records(engine) if r["check"] == "fluency.doubled_word"]
    assert record["status"] == "accepted"
    assert reads.check_verdicts(engine)["fluency.doubled_word"] == (1, 0)
    run_batch(batch, engine)  # decisions survive a re-run
    assert reads.latest_decisions(engine)[target.key][0] == "accept"


def test_failed_write_leaves_nothing_half_written(engine, tmp_path):
    run_batch(make_batch(tmp_path), engine)
    [stored] = [s for s in reads.load_documents(engine) if s.document.path == "rice.en.txt"]
    doc = stored.document
    doc.path = "half.en.txt"
    bad = reads.load_findings(engine)[0]
    bad.message = None  # NOT NULL: the insert of findings fails after passages went in
    with pytest.raises(IntegrityError):
        writes.save_document(
            engine,
            stored.batch,
            doc,
            input_hash="x",
            signature="s",
            doc_passages=list(reads.load_passages(engine).values())[:3],
            doc_findings=[bad],
            errors=[],
            run_id=1,
        )
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).where(documents.c.path == "half.en.txt")) == 0
        orphan = (
            select(func.count())
            .select_from(passages)
            .where(~passages.c.document_id.in_(select(documents.c.id)))
        )
        assert conn.scalar(orphan) == 0
        assert conn.scalar(select(func.count()).select_from(findings)) > 0


def test_queue_is_ranked_and_holds_only_reviewable_passages(engine, tmp_path):
    run_batch(make_batch(tmp_path), engine)
    items = reads.queue_items(engine)
    assert items and [i.rank for i in items] == list(range(1, len(items) + 1))
    assert [i.score for i in items] == sorted((i.score for i in items), reverse=True)
    kinds = {p.passage_id: p.kind for p in reads.load_passages(engine).values()}
    assert {kinds[i.passage_id] for i in items} <= {"title", "body"}


def test_a_small_run_gives_the_garbage_collector_back_as_it_found_it(engine, tmp_path):
    """A run that checks few documents pauses the collector while it checks them and
    freezes what they loaded; the collector is on again afterwards, or still off when the
    caller had turned it off."""
    import gc

    batch = make_batch(tmp_path)
    assert gc.isenabled()
    assert run_batch(batch, engine).checked > 0
    assert gc.isenabled()
    gc.disable()
    try:
        (batch / "rice.en.txt").write_text("The the rice.\n", encoding="utf-8")
        assert run_batch(batch, engine).checked == 1
        assert not gc.isenabled()
    finally:
        gc.enable()
