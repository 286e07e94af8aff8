"""A run on a Dask cluster (a LocalCluster of 2 worker processes) stores what a local run
stores, into PostgreSQL; SQLite is refused for a remote scheduler."""

from __future__ import annotations

import pytest
from batches import make_batch
from click.testing import CliRunner
from sqlalchemy import select

from pipeline.cli import main
from pipeline.cluster import ClusterError
from pipeline.runner import run_batch
from pipeline.store.engine import open_store
from pipeline.store.schema import documents, findings, passages, queue


def _stored(engine) -> dict[str, set]:
    with engine.connect() as conn:
        docs = {(r.path, r.content_hash, r.lang) for r in conn.execute(select(documents))}
        found = {
            (r.path, r.finding_key, r.check_id, r.start, r.end, r.message)
            for r in conn.execute(
                select(findings, documents.c.path).join(
                    documents, findings.c.document_id == documents.c.id
                )
            )
        }
        paras = {
            (r.path, r.passage_id, r.start, r.end)
            for r in conn.execute(
                select(passages, documents.c.path).join(
                    documents, passages.c.document_id == documents.c.id
                )
            )
        }
        ranked = {
            (r.path, r.passage_id, r.rank, r.queued)
            for r in conn.execute(
                select(queue, documents.c.path).join(
                    documents, queue.c.document_id == documents.c.id
                )
            )
        }
    return {"documents": docs, "findings": found, "passages": paras, "queue": ranked}


@pytest.fixture(scope="module")
def cluster():
    """A local Dask cluster of two worker processes, shared by the module's tests."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


@pytest.mark.postgres
def test_cluster_run_stores_what_a_local_run_stores(
    cluster, tmp_path, postgres_server, fresh_postgres_url
):
    batch = make_batch(tmp_path)
    local = open_store(fresh_postgres_url)
    local_summary = run_batch(batch, local)
    name = "mtreview_cluster_run"
    postgres_server.admin(f"DROP DATABASE IF EXISTS {name}")
    postgres_server.admin(f"CREATE DATABASE {name}")
    try:
        remote = open_store(postgres_server.url(name))
        summary = run_batch(batch, remote, scheduler=cluster.scheduler_address)
        assert summary.checked == local_summary.checked == summary.documents
        assert summary.failures == local_summary.failures == []
        assert _stored(remote) == _stored(local)
        assert _stored(remote)["findings"]
        again = run_batch(batch, remote, scheduler=cluster.scheduler_address)
        assert again.checked == 0 and again.unchanged == summary.documents
        remote.dispose()
    finally:
        postgres_server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    local.dispose()


def test_a_remote_scheduler_needs_a_server_store(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 's.sqlite3'}")
    with pytest.raises(ClusterError, match="PostgreSQL"):
        run_batch(make_batch(tmp_path), engine, scheduler="tcp://127.0.0.1:1")
    result = CliRunner().invoke(
        main,
        [
            "run",
            str(tmp_path / "batch"),
            "--db",
            f"sqlite:///{tmp_path / 's.sqlite3'}",
            "--scheduler",
            "tcp://127.0.0.1:1",
        ],
    )
    assert result.exit_code == 2 and "PostgreSQL" in result.output


def test_jobs_runs_a_local_cluster_on_sqlite(tmp_path):
    batch = make_batch(tmp_path)
    plain = open_store(f"sqlite:///{tmp_path / 'plain.sqlite3'}")
    run_batch(batch, plain)
    url = f"sqlite:///{tmp_path / 'parallel.sqlite3'}"
    result = CliRunner().invoke(main, ["run", str(batch), "--db", url, "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert _stored(open_store(url)) == _stored(plain)


def test_a_worker_with_other_checks_refuses_the_job(tmp_path):
    from pipeline import cluster
    from pipeline.jobs import DocumentJob
    from pipeline.lexicon.termbase import Termbase

    job = DocumentJob(
        batch=str(tmp_path),
        path="a.en.txt",
        raw=b"Text.",
        format="text",
        lang_hint="en",
        entry=None,
        original=None,
        input_hash="x",
        signature="mtreview-0.0.0|other",
        run_id=1,
    )
    result = cluster._remote(job, f"sqlite:///{tmp_path / 's.sqlite3'}", Termbase())
    assert result.failure and "install the same mtreview on every worker" in result.failure
