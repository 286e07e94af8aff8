"""One document's share of a run: ingest, segment, align, check and store it.

A run hands out one :class:`DocumentJob` per changed document, in stages (trusted press,
then Korean originals, then the English texts checked against both); each job is done by
:func:`process_job` in this process or on a cluster worker (:mod:`pipeline.cluster`). A job
reads what it needs besides its own bytes (the Korean original, the trusted press) from the
store and writes its document there in one transaction, so jobs of one stage are
independent of each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from pipeline.checks.registry import CheckContext, run_checks
from pipeline.ingest import IngestError, build_document
from pipeline.ingest.discover import ManifestEntry
from pipeline.lexicon.termbase import Termbase
from pipeline.model import AlignedPair, Document, Finding
from pipeline.pair.passages import align_passages
from pipeline.segment import segment_document
from pipeline.store import reads, writes

#: stages of a run, in order: later stages read what earlier ones stored
STAGES = ("trusted", "originals", "texts")


@dataclass(frozen=True)
class DocumentJob:
    """Everything needed to process one document, besides the store."""

    batch: str  # the batch key (its folder's resolved path)
    path: str
    raw: bytes
    format: str
    lang_hint: str | None
    entry: ManifestEntry | None
    original: str | None  # path of the paired Korean original, when known
    input_hash: str
    signature: str
    run_id: int
    file_stat: str | None = None  # the file's stat before its bytes were read (see runner)


@dataclass(frozen=True)
class JobResult:
    path: str
    check_errors: int = 0
    failure: str | None = None  # why the document could not be processed

    @property
    def checked(self) -> bool:
        return self.failure is None


class TrustedPress:
    """The batch's trusted-press documents, read from the store once per run."""

    def __init__(self, engine: Engine, batch: str) -> None:
        self.engine, self.batch = engine, batch
        self._documents: list[Document] | None = None

    def documents(self) -> list[Document]:
        if self._documents is None:
            stored = reads.load_documents(self.engine, self.batch, trusted=True)
            self._documents = [s.document for s in stored]
        return self._documents


def process_job(
    engine: Engine, job: DocumentJob, termbase: Termbase, trusted: TrustedPress
) -> JobResult:
    """Do one job; a document that cannot be processed is a failure, never an exception."""
    try:
        return _process(engine, job, termbase, trusted)
    except IngestError as exc:
        return JobResult(job.path, failure=exc.reason)
    except Exception as exc:  # one bad document never spoils the batch
        return JobResult(job.path, failure=f"unexpected error: {type(exc).__name__}: {exc}")


def _process(
    engine: Engine, job: DocumentJob, termbase: Termbase, trusted: TrustedPress
) -> JobResult:
    doc = build_document(job.path, job.raw, job.format, job.lang_hint, job.entry)
    doc.original = doc.original or job.original
    passages = segment_document(doc)
    found: list[Finding] = []
    errors = []
    if not doc.trusted and doc.lang == "en":
        source = reads.load_document(engine, job.batch, doc.original) if doc.original else None
        pairs = [AlignedPair(target=p) for p in passages]
        links = []
        if source is not None:
            pairs, links = align_passages(passages, segment_document(source))
        ctx = CheckContext(
            document=doc,
            passages=passages,
            pairs=pairs,
            trusted=trusted.documents(),
            source=source,
            resources={"termbase": termbase, "sentence_links": links},
        )
        found, errors = run_checks(pairs, ctx)
        found = list({f.key: f for f in found}.values())
    writes.save_document(
        engine,
        job.batch,
        doc,
        input_hash=job.input_hash,
        signature=job.signature,
        file_stat=job.file_stat,
        doc_passages=passages,
        doc_findings=found,
        errors=errors,
        run_id=job.run_id,
    )
    return JobResult(job.path, check_errors=len(errors))
