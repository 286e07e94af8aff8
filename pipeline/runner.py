"""``mtreview run``: a batch folder in, stored findings and a ranked queue out.

The stages are pure functions (ingest → segment → checks → score); this module reads the
files, calls the stages and writes each document to the store in its own transaction, so a
crash loses at most the document in hand and a new run resumes where the last one stopped.
A document whose bytes, manifest entry, original and checks are unchanged since it was
stored is skipped without any check work.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from time import perf_counter

from sqlalchemy import Engine

from pipeline import __version__
from pipeline.checks.registry import all_checks
from pipeline.cluster import client_for, run_stages, store_url
from pipeline.ingest import (
    Batch,
    BatchFile,
    IngestError,
    build_document,
    discover_batch,
    read_document,
)
from pipeline.jobs import STAGES, DocumentJob, TrustedPress, process_job
from pipeline.lexicon.termbase import Termbase, TermbaseError, load_termbase
from pipeline.model import RunSummary
from pipeline.pair.by_content import pair_by_content
from pipeline.pair.by_name import originals_by_name
from pipeline.score import DEFAULT_BUDGET, rank_passages, score_findings
from pipeline.segment import SEGMENTERS
from pipeline.store import reads, writes

SEED = 0
_PACKAGE = Path(__file__).resolve().parent
#: source that decides what findings a document gets: a change here re-checks documents
_CHECK_SOURCES = (
    "checks",
    "lexicon",
    "ingest",
    "pair",
    "segment.py",
    "langid.py",
    "model.py",
    "jobs.py",
)


def checks_hash() -> str:
    """Hash of the code and data the findings depend on."""
    digest = hashlib.sha256()
    for name in _CHECK_SOURCES:
        root = _PACKAGE / name
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(_PACKAGE).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def run_signature(profile: str = "default") -> str:
    """``version|profile-hash|checks-hash|segmenters|seed`` of the settings behind a run."""
    profile_hash = hashlib.sha256(profile.encode()).hexdigest()[:8]
    parts = [f"mtreview-{__version__}", f"profile:{profile_hash}", f"checks:{checks_hash()}"]
    return "|".join([*parts, SEGMENTERS, f"seed:{SEED}"])


def batch_key(corpus_dir: Path | str) -> str:
    """How the store names a batch: its folder's resolved path."""
    return str(Path(corpus_dir).resolve())


def run_batch(
    corpus_dir: Path | str,
    engine: Engine,
    *,
    budget: int = DEFAULT_BUDGET,
    progress: Callable[[str, int], None] | None = None,
    scheduler: str | None = None,
    workers: int = 1,
) -> RunSummary:
    """Ingest, check and rank one batch folder. Raises ``BatchError`` for an unusable folder.

    Documents are processed here, or on the Dask cluster at ``scheduler``, or on a local
    cluster of ``workers`` processes when ``workers`` > 1 (see :mod:`pipeline.cluster`).
    """
    started = perf_counter()
    url = store_url(engine, scheduler) if scheduler or workers > 1 else None
    batch = discover_batch(Path(corpus_dir))
    key = batch_key(batch.root)
    signature = run_signature()
    run_id = writes.start_run(engine, key, signature)
    summary = RunSummary(run_id=run_id, signature=signature, unknown_files=list(batch.unknown))
    summary.documents = len(batch.files)
    try:
        _BatchRun(engine, batch, key, signature, summary).process(
            progress, url=url, scheduler=scheduler, workers=workers
        )
        # a failed document keeps nothing in the store, not even an earlier version
        failed = {path for path, _ in summary.failures}
        writes.delete_missing(engine, key, [f.path for f in batch.files if f.path not in failed])
        summary.queued = rescore_batch(engine, key, budget, run_id)
    except BaseException:
        writes.finish_run(engine, run_id, "failed", seconds=perf_counter() - started)
        raise
    stored = reads.load_passages(engine, key)
    summary.passages = len(stored)
    summary.findings = len(reads.load_findings(engine, key))
    summary.seconds = perf_counter() - started
    writes.finish_run(
        engine,
        run_id,
        "done",
        documents=summary.documents,
        checked=summary.checked,
        passages=summary.passages,
        findings=summary.findings,
        queued=summary.queued,
        failures=len(summary.failures),
        seconds=summary.seconds,
    )
    return summary


class _BatchRun:
    """One run over one batch: reads the files, skips what is unchanged, checks the rest."""

    def __init__(self, engine: Engine, batch: Batch, key: str, signature: str, summary) -> None:
        self.engine, self.batch, self.key = engine, batch, key
        self.signature, self.summary = signature, summary
        self.originals = originals_by_name(batch.files, batch.manifest)
        self.raw: dict[str, bytes] = {}
        self.termbase = Termbase()
        self.languages: dict[str, str] = {}  # detected languages of files with no .en/.ko

    def process(
        self,
        progress: Callable[[str, int], None] | None,
        url: str | None = None,
        scheduler: str | None = None,
        workers: int = 1,
    ) -> None:
        self.summary.failures.extend(self.batch.refused)
        for f in self.batch.files:
            try:
                self.raw[f.path] = read_document(f)
            except IngestError as exc:
                self.summary.failures.append((f.path, exc.reason))
        for path in self.batch.termbases:
            try:
                self.termbase.extend(load_termbase(path))
            except TermbaseError as exc:
                relative = path.relative_to(self.batch.root).as_posix()
                self.summary.failures.append((relative, str(exc).split(": ", 1)[-1]))
        self._pair_by_content()
        stages, unchanged = self._jobs()
        total, done = len(self.raw), len(unchanged)
        if url is None:
            trusted = TrustedPress(self.engine, self.key)
            results = (
                process_job(self.engine, job, self.termbase, trusted)
                for jobs in stages
                for job in jobs
            )
            self._collect(results, progress, total, done)
        else:
            with client_for(scheduler, workers) as client:
                self._collect(run_stages(stages, url, self.termbase, client), progress, total, done)
        writes.touch_documents(self.engine, self.key, unchanged, self.summary.run_id)
        for path, reason in self.summary.failures:
            writes.record_failure(self.engine, self.summary.run_id, path, reason)

    def _jobs(self) -> tuple[list[list[DocumentJob]], list[str]]:
        """Jobs of the changed documents by stage, and the paths of the unchanged ones."""
        shared = self._shared_inputs_hash()
        states = reads.document_states(self.engine, self.key)
        stages: list[list[DocumentJob]] = [[] for _ in STAGES]
        unchanged: list[str] = []
        for f in sorted(self.batch.files, key=self._processing_order):
            if f.path not in self.raw:
                continue
            input_hash = self._input_hash(f, shared)
            if states.get(f.path) == (input_hash, self.signature):
                self.summary.unchanged += 1
                unchanged.append(f.path)
                continue
            stage = self._processing_order(f)[0]
            stages[stage].append(
                DocumentJob(
                    batch=self.key,
                    path=f.path,
                    raw=self.raw[f.path],
                    format=f.format,
                    lang_hint=f.lang_hint,
                    entry=self.batch.manifest.get(f.path),
                    original=self.originals.get(f.path),
                    input_hash=input_hash,
                    signature=self.signature,
                    run_id=self.summary.run_id,
                )
            )
        return stages, unchanged

    def _collect(self, results, progress, total: int, done: int) -> None:
        for result in results:
            done += 1
            if progress:
                progress(result.path, total)
            if result.failure is not None:
                self.summary.failures.append((result.path, result.failure))
                continue
            self.summary.checked += 1
            self.summary.check_errors += result.check_errors

    def _pair_by_content(self) -> None:
        """Pair the English texts and Korean originals that neither the manifest nor file
        names pair, by what they share (numbers, dates, names, length); report the rest."""
        taken = set(self.originals) | set(self.originals.values())
        english, korean = [], []
        for f in self.batch.files:
            entry = self.batch.manifest.get(f.path)
            if f.path in taken or f.path not in self.raw or (entry and entry.trusted):
                continue
            try:
                doc = build_document(f.path, self.raw[f.path], f.format, f.lang_hint, entry)
            except Exception:  # reported when the document itself is processed
                continue
            self.languages[f.path] = doc.lang
            (english if doc.lang == "en" else korean if doc.lang == "ko" else []).append(doc)
        if not english:
            return
        if not korean:
            self.summary.unpaired = sorted(d.path for d in english)
            return
        pairing = pair_by_content(english, korean)
        for pair in pairing.pairs:
            self.originals[pair.english_path] = pair.korean_path
            self.summary.content_pairs.append(
                (pair.english_path, pair.korean_path, pair.confidence)
            )
        self.summary.unpaired = sorted(pairing.unpaired_english)
        self.summary.ambiguous = [(en, list(ko), why) for en, ko, why in pairing.ambiguous]

    def _processing_order(self, f: BatchFile) -> tuple[int, str]:
        """Trusted press first (others are checked against it), then originals, then the rest."""
        entry = self.batch.manifest.get(f.path)
        if entry and entry.trusted:
            return (0, f.path)
        lang = f.lang_hint or self.languages.get(f.path)
        return (1 if lang == "ko" else 2, f.path)

    def _shared_inputs_hash(self) -> str:
        """Hash of what every untrusted document is checked against: trusted press, termbases."""
        digest = hashlib.sha256()
        for f in self.batch.files:
            entry = self.batch.manifest.get(f.path)
            if entry and entry.trusted and f.path in self.raw:
                digest.update(f.path.encode() + hashlib.sha256(self.raw[f.path]).digest())
        for path in self.batch.termbases:
            try:
                digest.update(path.name.encode() + hashlib.sha256(path.read_bytes()).digest())
            except OSError:  # reported when the termbase is loaded
                digest.update(path.name.encode() + b"unreadable")
        return digest.hexdigest()

    def _input_hash(self, f: BatchFile, shared: str) -> str:
        """Bytes, manifest entry, original's bytes and (unless trusted) the shared inputs."""
        entry = self.batch.manifest.get(f.path)
        original = self.originals.get(f.path)
        digest = hashlib.sha256(self.raw[f.path])
        entry_json = json.dumps(asdict(entry) if entry else None, sort_keys=True, default=str)
        digest.update(entry_json.encode())
        original_raw = self.raw.get(original) if original else None
        digest.update(hashlib.sha256(original_raw).digest() if original_raw is not None else b"-")
        if not (entry and entry.trusted):
            digest.update(shared.encode())
        return digest.hexdigest()


def rescore_batch(engine: Engine, key: str, budget: int, run_id: int | None = None) -> int:
    """Score the batch's findings with what decisions taught and store the ranked queue.

    Returns how many passages are queued (within ``budget``).
    """
    findings = reads.load_findings(engine, key)
    default_severity = {spec.id: spec.severity for spec in all_checks()}
    score_findings(findings, default_severity, reads.check_verdicts(engine))
    items = rank_passages(findings, reads.load_passages(engine, key))
    writes.replace_queue(engine, key, items, budget, run_id)
    return min(len(items), budget)
