"""``mtreview run``: a batch folder in, stored findings and a ranked queue out.

The stages are pure functions (ingest → segment → checks → score); this module reads the
files, calls the stages and writes each document to the store in its own transaction, so a
crash loses at most the document in hand and a new run resumes where the last one stopped.
A document whose bytes, manifest entry, original and checks are unchanged since it was
stored is skipped without any check work.

Like git's index, the store keeps each file's stat (size, modification and change times,
inode) from when its bytes were read: a file whose stat is the same is not read or hashed
again. A file changed within ``RACY_SECONDS`` of being read gets no stat recorded (it could
change again within the same timestamp tick without its stat showing it), so the next run
reads and hashes it.

A run with few documents to check pauses Python's cyclic garbage collector while it checks
them (see ``_collector_paused``): the checks load their lexicons and patterns on first use,
hundreds of thousands of objects, and each full collection walks all of them again.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
from pipeline.pair.by_name import originals_by_name
from pipeline.score import DEFAULT_BUDGET, rank_passages, score_findings
from pipeline.segment import SEGMENTERS
from pipeline.store import reads, writes

SEED = 0
#: a file modified less than this many seconds before it is read has no stat recorded
RACY_SECONDS = 2
#: a run that checks at most this many documents checks them with the collector paused
PAUSE_COLLECTOR_UP_TO = 50
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


def file_stat(path: Path, info: os.stat_result | None = None) -> str | None:
    """``size:mtime_ns:ctime_ns:inode`` of ``path`` (from ``info`` when the folder listing
    took it), taken before its bytes are read; None when it cannot be taken or the file
    changed too recently to vouch for them later."""
    if info is None:
        try:
            info = os.stat(path)
        except OSError:
            return None
    if max(info.st_mtime_ns, info.st_ctime_ns) > time.time_ns() - RACY_SECONDS * 10**9:
        return None
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}"


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
    summary.passages, summary.findings = reads.batch_counts(engine, key)
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
    """One run over one batch: finds what changed, checks it, marks the rest as seen."""

    def __init__(self, engine: Engine, batch: Batch, key: str, signature: str, summary) -> None:
        self.engine, self.batch, self.key = engine, batch, key
        self.signature, self.summary = signature, summary
        self.originals = originals_by_name(batch.files, batch.manifest)
        self.states = reads.document_states(engine, key)
        self.content: dict[str, str] = {}  # sha256 of the bytes of every readable file
        self.stats: dict[str, str | None] = {}  # each file's stat, taken before reading it
        self.raw: dict[str, bytes] = {}  # the bytes this run read
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
            self._take_stock(f)
        for path in self.batch.termbases:
            try:
                self.termbase.extend(load_termbase(path))
            except TermbaseError as exc:
                relative = path.relative_to(self.batch.root).as_posix()
                self.summary.failures.append((relative, str(exc).split(": ", 1)[-1]))
        self._pair_by_content()
        stages, unchanged = self._jobs()
        total, done = len(self.content), len(unchanged)
        if url is None:
            trusted = TrustedPress(self.engine, self.key)
            results = (
                process_job(self.engine, job, self.termbase, trusted)
                for jobs in stages
                for job in jobs
            )
            with _collector_paused(sum(map(len, stages))):
                self._collect(results, progress, total, done)
        else:
            with client_for(scheduler, workers) as client:
                self._collect(run_stages(stages, url, self.termbase, client), progress, total, done)
        new_stats = {
            path: self.stats[path]
            for path in unchanged
            if self.stats[path] != self.states[path].file_stat
        }
        writes.mark_seen(self.engine, self.key, self.summary.run_id, new_stats)
        for path, reason in self.summary.failures:
            writes.record_failure(self.engine, self.summary.run_id, path, reason)

    def _take_stock(self, f: BatchFile) -> None:
        """Note the hash of ``f``'s bytes: the stored one when the file's stat is the one
        stored with them, else by reading the file."""
        stat = file_stat(f.abs_path, f.stat)
        known = self.states.get(f.path)
        self.stats[f.path] = stat
        if stat is not None and known is not None and known.file_stat == stat:
            self.content[f.path] = known.content_hash
        else:
            self._read(f)

    def _read(self, f: BatchFile) -> bytes | None:
        """The bytes of ``f``, read once; None (the failure recorded) when it cannot be read."""
        if f.path in self.raw:
            return self.raw[f.path]
        try:
            raw = read_document(f)
        except IngestError as exc:
            self.summary.failures.append((f.path, exc.reason))
            self.content.pop(f.path, None)
            return None
        self.raw[f.path] = raw
        self.content[f.path] = hashlib.sha256(raw).hexdigest()
        return raw

    def _jobs(self) -> tuple[list[list[DocumentJob]], list[str]]:
        """Jobs of the changed documents by stage, and the paths of the unchanged ones."""
        shared = self._shared_inputs_hash()
        stages: list[list[DocumentJob]] = [[] for _ in STAGES]
        unchanged: list[str] = []
        for f in sorted(self.batch.files, key=self._processing_order):
            if f.path not in self.content:
                continue
            input_hash = self._input_hash(f, shared)
            known = self.states.get(f.path)
            if known is not None and (known.input_hash, known.signature) == (
                input_hash,
                self.signature,
            ):
                self.summary.unchanged += 1
                unchanged.append(f.path)
                continue
            raw = self._read(f)
            if raw is None:
                continue
            stage = self._processing_order(f)[0]
            stages[stage].append(
                DocumentJob(
                    batch=self.key,
                    path=f.path,
                    raw=raw,
                    format=f.format,
                    lang_hint=f.lang_hint,
                    entry=self.batch.manifest.get(f.path),
                    original=self.originals.get(f.path),
                    input_hash=input_hash,
                    signature=self.signature,
                    run_id=self.summary.run_id,
                    file_stat=self.stats[f.path],
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
            if f.path in taken or f.path not in self.content or (entry and entry.trusted):
                continue
            raw = self._read(f)
            if raw is None:
                continue
            try:
                doc = build_document(f.path, raw, f.format, f.lang_hint, entry)
            except Exception:  # reported when the document itself is processed
                continue
            self.languages[f.path] = doc.lang
            (english if doc.lang == "en" else korean if doc.lang == "ko" else []).append(doc)
        if not english:
            return
        if not korean:
            self.summary.unpaired = sorted(d.path for d in english)
            return
        from pipeline.pair.by_content import pair_by_content  # only a batch like this needs it

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
            if entry and entry.trusted and f.path in self.content:
                digest.update(f.path.encode() + bytes.fromhex(self.content[f.path]))
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
        digest = hashlib.sha256(self.content[f.path].encode())
        entry_json = json.dumps(asdict(entry) if entry else None, sort_keys=True, default=str)
        digest.update(entry_json.encode())
        digest.update(self.content.get(original, "-").encode() if original else b"-")
        if not (entry and entry.trusted):
            digest.update(shared.encode())
        return digest.hexdigest()


@contextmanager
def _collector_paused(jobs: int) -> Iterator[None]:
    """Check ``jobs`` documents with the cyclic garbage collector paused when they are few
    (``PAUSE_COLLECTOR_UP_TO``), then freeze what is alive (``gc.freeze``) before turning
    it back on. What the checks load on first use (lexicons, word tables, compiled
    patterns) stays for the life of the process; frozen, no later collection walks it
    again, the one at interpreter exit included (with no document to check, what is
    frozen is the imported modules). Cyclic garbage of those few documents that is alive
    at the freeze is never collected: about 40 objects, 0.2 MB for 50 documents of news,
    which bounds what this can cost.
    A run with many documents keeps the collector on: what it loads is walked a few
    times over a run of minutes, and garbage of every document is collected as usual."""
    if jobs > PAUSE_COLLECTOR_UP_TO or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def rescore_batch(engine: Engine, key: str, budget: int, run_id: int | None = None) -> int:
    """Score the batch's findings with what decisions taught and store the ranked queue.

    Returns how many passages are queued (within ``budget``).
    """
    findings, passages = reads.ranked_findings(engine, key)
    stored_scores = {(f.document, f.key): f.score for f in findings}
    default_severity = {spec.id: spec.severity for spec in all_checks()}
    score_findings(findings, default_severity, reads.check_verdicts(engine))
    items = rank_passages(findings, passages)
    writes.replace_queue(engine, key, items, budget, run_id, stored_scores)
    return min(len(items), budget)
