"""Running a batch's document jobs on a Dask distributed cluster.

``mtreview run CORPUS --scheduler tcp://HOST:8786`` sends each changed document to a worker
(:func:`pipeline.jobs.process_job`: ingest, segment, align, check, store); the workers
write to the shared store themselves, so it must be a PostgreSQL server they can reach.
``--jobs N`` starts a local cluster of N worker processes for one run instead. Stages run
one after the other (trusted press, then Korean originals, then English texts), documents
of a stage in parallel. The machine that starts the run discovers the batch, pairs
documents and ranks the queue at the end.

Workers need mtreview installed (the same version: the run signature is checked) and the
store URL; nothing else is shared.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import Engine

from pipeline.jobs import DocumentJob, JobResult, TrustedPress, process_job
from pipeline.lexicon.termbase import Termbase


class ClusterError(Exception):
    """The cluster cannot be used (no scheduler there, unsuitable store…)."""


def store_url(engine: Engine, scheduler: str | None) -> str:
    """The URL workers open; a remote cluster needs a server, not a local SQLite file."""
    url = engine.url
    if scheduler and url.get_backend_name() == "sqlite":
        raise ClusterError(
            "--scheduler needs a PostgreSQL store that the workers can reach "
            "(--db postgresql+psycopg://user:pw@host:port/db); a SQLite file is local"
        )
    return url.render_as_string(hide_password=False)


@lru_cache(maxsize=4)
def _worker_engine(url: str) -> Engine:
    from pipeline.store.engine import open_store

    return open_store(url)


_TRUSTED: dict[tuple[str, int], TrustedPress] = {}


@lru_cache(maxsize=1)
def _worker_signature() -> str:
    from pipeline.runner import run_signature

    return run_signature()


def _remote(job: DocumentJob, url: str, termbase: Termbase) -> JobResult:
    """A job as a worker does it: its own engine and trusted-press cache per process. A
    worker whose mtreview differs from the runner's (another run signature) refuses the job
    rather than store findings of other checks."""
    if job.signature != _worker_signature():
        return JobResult(
            job.path,
            failure=f"the worker runs {_worker_signature()}, the run {job.signature}: "
            "install the same mtreview on every worker",
        )
    engine = _worker_engine(url)
    key = (job.batch, job.run_id)
    if key not in _TRUSTED:
        _TRUSTED.clear()
        _TRUSTED[key] = TrustedPress(engine, job.batch)
    return process_job(engine, job, termbase, _TRUSTED[key])


@contextmanager
def client_for(scheduler: str | None, workers: int):
    """A Dask client: of the scheduler at ``scheduler``, or of a local cluster of
    ``workers`` processes (one thread each) that lives as long as the context."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except OSError as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        with client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=True,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def run_stages(
    stages: list[list[DocumentJob]], url: str, termbase: Termbase, client
) -> Iterator[JobResult]:
    """Results of every job, stage after stage, in the order they finish."""
    from distributed import as_completed

    for jobs in stages:
        if not jobs:
            continue
        futures = client.map(_remote, jobs, url=url, termbase=termbase, pure=False)
        for future in as_completed(futures):
            yield future.result()
