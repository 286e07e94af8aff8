"""The figures of the batch report, read from the store into plain dataclasses.

Nothing here writes HTML (``report.py`` renders these). What counts:

* **MQM**: errors are findings reviewers accepted or corrected (with the category and
  severity they gave) and errors they added; open and dismissed findings are not errors.
  The *estimate* also counts every open finding at its own severity. Points per 1,000 words
  of the reviewable text (title and body) of the English documents under review.
* **Trusted press** documents are references: listed, never scored. Korean originals are
  listed with the English text they translate into.
* **HTER** (``hter.py``): TER of the machine translation (the passage as ingested) against
  the reviewer's corrected passage, for every corrected passage.
* **Precision** per check from the newest decision on each of this batch's findings.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from sqlalchemy import Engine

from pipeline.checks.registry import all_checks
from pipeline.export.hter import Correction, Hter, corrections_of, hter
from pipeline.mqm import SEVERITIES
from pipeline.review import decisions as dec
from pipeline.review.records import count_words, finding_dict, missed_dict
from pipeline.review.views import mqm_score
from pipeline.score import check_precision
from pipeline.store import reads

CONFIRMED = ("accepted", "corrected")


# --------------------------------------------------------------------------- batches


def batches_in(engine: Engine) -> list[str]:
    """Every batch the store holds (the resolved folder paths the runner stored)."""
    return reads.batches(engine)


def resolve_batch(engine: Engine, batch: str | None) -> str:
    """The stored batch meant by ``batch``: its stored key, its folder path, or its folder
    name. ``None`` is fine when the store holds exactly one batch. Raises ``ValueError``
    naming the batches otherwise."""
    known = batches_in(engine)
    listing = ", ".join(known)
    if not known:
        raise ValueError("the store holds no batch yet: run `mtreview run CORPUS_DIR` first")
    if batch is None:
        if len(known) == 1:
            return known[0]
        raise ValueError(
            f"the store holds {len(known)} batches; name the one to report on "
            f"(mtreview export report --batch FOLDER): {listing}"
        )
    if batch in known:
        return batch
    resolved = str(Path(batch).resolve())  # as pipeline.runner.batch_key names a folder
    if resolved in known:
        return resolved
    by_name = [k for k in known if PurePath(k).name == batch]
    if len(by_name) == 1:
        return by_name[0]
    raise ValueError(f"no batch {batch!r} in the store; it holds: {listing}")


# --------------------------------------------------------------------------- figures


@dataclass(frozen=True)
class Mqm:
    """An MQM score: penalty points of the errors per 1,000 words."""

    errors: int
    penalty: int
    words: int
    per_1000_words: float | None  # None when there are no words
    by_severity: dict[str, int]

    @classmethod
    def of(cls, items: list[dict], words: int) -> Mqm:
        """From finding dicts as the review pages build them (``mqm_score``'s input)."""
        score = mqm_score(items, words)
        return cls(
            score["errors"],
            score["penalty"],
            words,
            score["per_1000_words"],
            score["by_severity"],
        )


@dataclass
class DocumentFigures:
    """One English document under review."""

    path: str
    title: str | None
    date: str | None
    mt_engine: str | None
    original: str | None
    words: int
    statuses: dict[str, int]  # open, accepted, corrected, dismissed, missed
    mqm: Mqm
    estimated: Mqm
    corrections: list[Correction] = field(default_factory=list)
    hter: Hter | None = None

    @property
    def findings(self) -> int:
        return sum(v for k, v in self.statuses.items() if k != "missed")


@dataclass(frozen=True)
class ListedDocument:
    """A document that is not reviewed: trusted press, or a Korean original."""

    path: str
    title: str | None
    date: str | None
    lang: str
    words: int
    translated_by: str | None = None  # for an original: the English document paired with it


@dataclass(frozen=True)
class CountRow:
    """Findings (and reviewer-added errors) with one label, by what reviewers made of them."""

    label: str
    confirmed: int
    open: int
    dismissed: int
    missed: int

    @property
    def total(self) -> int:
        return self.confirmed + self.open + self.dismissed + self.missed


@dataclass(frozen=True)
class Progress:
    """The review queue of the batch: passages queued, decided and still open."""

    queued: int
    decided: int  # every finding of the passage has a decision
    partly: int  # some findings decided, not all
    findings: int  # findings in queued passages
    findings_decided: int

    @property
    def open(self) -> int:
        return self.queued - self.decided


@dataclass(frozen=True)
class CheckPrecision:
    """How often a check was right in this batch, and its precision as a Beta posterior."""

    check: str
    severity: str  # the check's default severity: it sets the prior
    findings: int
    hits: int  # accepted or corrected
    false_alarms: int  # dismissed
    prior: float
    posterior: float


@dataclass
class BatchFigures:
    batch: str
    batch_name: str
    documents: list[DocumentFigures]
    trusted: list[ListedDocument]
    others: list[ListedDocument]
    mqm: Mqm
    estimated: Mqm
    by_check: list[CountRow]
    by_category: list[CountRow]
    by_severity: list[CountRow]
    progress: Progress
    precision: list[CheckPrecision]
    corrections: list[Correction]
    hter: Hter | None
    decided: int  # findings with a standing decision, plus errors reviewers added

    @property
    def words(self) -> int:
        return sum(d.words for d in self.documents)

    @property
    def statuses(self) -> dict[str, int]:
        """Findings by status over the documents, and errors reviewers added (``missed``)."""
        total: Counter = Counter()
        for d in self.documents:
            total.update(d.statuses)
        return {
            s: total.get(s, 0) for s in ("open", "accepted", "corrected", "dismissed", "missed")
        }

    @property
    def findings(self) -> int:
        return sum(d.findings for d in self.documents)


# --------------------------------------------------------------------------- helpers


def _effective(item: dict, key: str) -> str:
    """The reviewer's category or severity when they set one, else the finding's."""
    return (item["decision"] or {}).get(key) or item[key]


def _count_rows(
    items: list[dict], label: Callable[[dict], str], order: list[str] | None = None
) -> list[CountRow]:
    """Rows of counts by ``label``, largest first (or in ``order``, zero rows included)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for item in items:
        status = item["status"]
        counts[label(item)]["confirmed" if status in CONFIRMED else status] += 1
    labels = order if order is not None else sorted(counts, key=lambda k: (-counts[k].total(), k))
    return [
        CountRow(
            label,
            counts[label]["confirmed"],
            counts[label]["open"],
            counts[label]["dismissed"],
            counts[label]["missed"],
        )
        for label in labels
    ]


# --------------------------------------------------------------------------- gathering


def gather(engine: Engine, batch: str) -> BatchFigures:
    """Every figure of the report for the stored batch ``batch`` (a key of batches_in)."""
    stored = [s.document for s in reads.load_documents(engine, batch)]
    passages = reads.load_passages(engine, batch)
    by_doc_passages = defaultdict(list)
    for p in passages.values():
        by_doc_passages[p.document].append(p)
    findings = defaultdict(list)
    for f in reads.load_findings(engine, batch):
        findings[f.document].append(f)
    states = dec.states(engine, batch)
    missed = defaultdict(list)
    for m in dec.missed_errors(engine, batch):
        missed[m.document].append(m)

    def words_of(path: str) -> int:
        return sum(count_words(p.text) for p in by_doc_passages[path] if p.reviewable)

    reviewed = [d for d in stored if d.lang == "en" and not d.trusted]
    reviewed_paths = {d.path for d in reviewed}
    translations = {d.original: d.path for d in reviewed if d.original}
    trusted = [
        ListedDocument(d.path, d.title, d.date, d.lang, words_of(d.path))
        for d in stored
        if d.trusted
    ]
    others = [
        ListedDocument(d.path, d.title, d.date, d.lang, words_of(d.path), translations.get(d.path))
        for d in stored
        if not d.trusted and d.path not in reviewed_paths
    ]

    documents, all_items, all_corrections = [], [], []
    for d in reviewed:
        items = [finding_dict(f, states.get(f.key), 0) for f in findings[d.path]]
        items += [missed_dict(m, states[m.finding_key], 0) for m in missed[d.path]]
        errors = [i for i in items if i["status"] in dec.ERROR_STATUSES]
        still_open = [i for i in items if i["status"] == "open"]
        words = words_of(d.path)
        corrections = corrections_of(engine, batch, d.path, passages)
        documents.append(
            DocumentFigures(
                path=d.path,
                title=d.title,
                date=d.date,
                mt_engine=d.provenance.engine if d.provenance else None,
                original=d.original,
                words=words,
                statuses=dict(Counter(i["status"] for i in items)),
                mqm=Mqm.of(errors, words),
                estimated=Mqm.of(errors + still_open, words),
                corrections=corrections,
                hter=hter(corrections),
            )
        )
        all_items += items
        all_corrections += corrections

    words = sum(d.words for d in documents)
    errors = [i for i in all_items if i["status"] in dec.ERROR_STATUSES]
    still_open = [i for i in all_items if i["status"] == "open"]
    reported = [i for i in all_items if not i["missed"]]
    return BatchFigures(
        batch=batch,
        batch_name=PurePath(batch).name or batch,
        documents=documents,
        trusted=trusted,
        others=others,
        mqm=Mqm.of(errors, words),
        estimated=Mqm.of(errors + still_open, words),
        by_check=_count_rows(reported, lambda i: i["check"]),
        by_category=_count_rows(all_items, lambda i: _effective(i, "category")),
        by_severity=_count_rows(all_items, lambda i: _effective(i, "severity"), list(SEVERITIES)),
        progress=_progress(engine, batch, reported),
        precision=_precision(reported),
        corrections=all_corrections,
        hter=hter(all_corrections),
        decided=sum(1 for i in all_items if i["status"] != "open"),
    )


def _progress(engine: Engine, batch: str, reported: list[dict]) -> Progress:
    queued = {pid for (b, pid), q in reads.queued_passages(engine).items() if b == batch and q}
    by_passage: dict[str, list[str]] = defaultdict(list)
    for item in reported:
        if item["passage_id"] in queued:
            by_passage[item["passage_id"]].append(item["status"])
    decided = partly = 0
    for pid in queued:
        statuses = by_passage.get(pid, [])
        done = sum(1 for s in statuses if s != "open")
        if statuses and done == len(statuses):
            decided += 1
        elif done:
            partly += 1
    return Progress(
        queued=len(queued),
        decided=decided,
        partly=partly,
        findings=sum(len(s) for s in by_passage.values()),
        findings_decided=sum(1 for s in by_passage.values() for x in s if x != "open"),
    )


def _precision(reported: list[dict]) -> list[CheckPrecision]:
    defaults = {spec.id: spec.severity for spec in all_checks()}
    counts: dict[str, Counter] = defaultdict(Counter)
    severity: dict[str, str] = {}
    for item in reported:
        counts[item["check"]][item["status"]] += 1
        severity.setdefault(item["check"], defaults.get(item["check"], item["severity"]))
    rows = []
    for check, c in counts.items():
        hits = c["accepted"] + c["corrected"]
        prior = check_precision(severity[check])
        rows.append(
            CheckPrecision(
                check=check,
                severity=severity[check],
                findings=sum(c.values()),
                hits=hits,
                false_alarms=c["dismissed"],
                prior=prior.mean,
                posterior=check_precision(severity[check], hits, c["dismissed"]).mean,
            )
        )
    rows.sort(key=lambda r: (-(r.hits + r.false_alarms), r.posterior, r.check))
    return rows
