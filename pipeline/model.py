"""Data classes passed between the stages of the pipeline.

Every stage is a function from some of these to others; none of them does I/O.
Offsets are always Python string indices into ``Document.text``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

#: Kinds of text region inside a document. Only ``title`` and ``body`` are reviewed.
REVIEWABLE_KINDS = frozenset({"title", "body"})
REGION_KINDS = frozenset({"boilerplate", "title", "byline", "dateline", "provenance"})


@dataclass(frozen=True)
class Region:
    """A stretch of a document's text that is not ordinary body text.

    ``kind`` is one of REGION_KINDS: page furniture (``boilerplate``), the ``title``, the
    ``byline``, a ``dateline`` ("Published: 14 Dec. 2025") or a machine-translation
    ``provenance`` note. The text stays in ``Document.text``; regions only label it.
    """

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Provenance:
    """A note saying the text was machine translated, and by which engine."""

    engine: str  # e.g. "Google Translate", "Papago", "DeepL", or "unknown"
    note: str  # the sentence that says so, exactly as in the text
    start: int
    end: int


@dataclass
class Document:
    """One input file, decoded, with what ingest learnt about it."""

    path: str  # POSIX path relative to the batch folder
    text: str  # the text every offset refers to (decoded file, or visible text of HTML)
    lang: str  # "en", "ko" or "und"
    content_hash: str  # sha256 hex of the raw file bytes
    encoding: str  # codec the bytes were decoded with, e.g. "utf-8", "cp949", "utf-16"
    format: str = "text"  # "text" or "html"
    title: str | None = None
    byline: str | None = None
    date: str | None = None  # ISO 8601 date "YYYY-MM-DD" when known
    url: str | None = None
    provenance: Provenance | None = None
    trusted: bool = False  # trusted press: a reference, never queued
    original: str | None = None  # path of the Korean original, when paired
    regions: list[Region] = field(default_factory=list)


@dataclass(frozen=True)
class Segment:
    """A sentence inside a passage; offsets into the document text."""

    index: int
    start: int
    end: int
    text: str


@dataclass
class Passage:
    """A paragraph of a document (the unit that is queued and reviewed)."""

    passage_id: str
    document: str
    index: int
    start: int
    end: int
    text: str
    lang: str
    kind: str = "body"  # "body", "title", or a non-reviewable region kind
    segments: list[Segment] = field(default_factory=list)

    @property
    def reviewable(self) -> bool:
        return self.kind in REVIEWABLE_KINDS


@dataclass
class AlignedPair:
    """An English passage and, when the original is known, its Korean counterpart."""

    target: Passage
    source: Passage | None = None

    @property
    def source_text(self) -> str | None:
        return self.source.text if self.source else None


@dataclass
class Finding:
    """One suspected error: an exact span of the English text and the evidence for it."""

    document: str
    passage_id: str
    start: int
    end: int
    text: str
    check: str
    category: str
    severity: str
    message: str
    suggestion: str | None = None
    source_text: str | None = None
    score: float = 0.0  # probability that the check is right here

    @property
    def key(self) -> str:
        """Stable identity of the finding across runs (decisions refer to it)."""
        raw = f"{self.document}|{self.check}|{self.start}|{self.end}|{self.text}"
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


@dataclass
class QueueItem:
    rank: int
    document: str
    passage_id: str
    start: int
    end: int
    text: str
    score: float
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Decision:
    """A reviewer's verdict on a finding. Decisions are only ever appended."""

    finding_key: str
    document: str
    passage_id: str
    action: str  # "accept" | "correct" | "dismiss" | "reopen"
    reviewer: str
    category: str | None = None
    severity: str | None = None
    comment: str | None = None
    before_text: str | None = None
    after_text: str | None = None
    created_at: str | None = None


@dataclass
class RunSummary:
    """What one ``mtreview run`` did, for the one-screen summary."""

    run_id: int
    signature: str
    documents: int = 0
    checked: int = 0  # documents whose checks ran in this run
    unchanged: int = 0  # documents skipped because nothing changed
    passages: int = 0
    findings: int = 0
    queued: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    unknown_files: list[str] = field(default_factory=list)
    content_pairs: list[tuple[str, str, float]] = field(default_factory=list)  # en, ko, conf.
    unpaired: list[str] = field(default_factory=list)  # English with no original found
    ambiguous: list[tuple[str, list[str], str]] = field(default_factory=list)  # en, kos, why
    check_errors: int = 0
    seconds: float = 0.0
