"""The check registry: each check is a small documented function registered with ``@check``.

A check receives an ``AlignedPair`` (an English passage and, when known, its Korean original)
and a ``CheckContext``, and yields ``Hit`` objects: spans relative to the passage text with a
message quoting the evidence. The registry turns hits into ``Finding`` objects with document
offsets, the check's MQM category and severity. A check that raises is recorded as an error
for that passage and the run goes on; it is never counted as a pass.
"""

from __future__ import annotations

import inspect
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from pipeline import mqm
from pipeline.model import AlignedPair, Document, Finding, Passage


@dataclass(frozen=True)
class Hit:
    """What a check found, relative to the passage text."""

    start: int
    end: int
    message: str
    suggestion: str | None = None
    severity: str | None = None  # overrides the check's default when set


@dataclass
class CheckContext:
    """What a check may know besides its passage: the document and the batch around it."""

    document: Document
    passages: list[Passage] = field(default_factory=list)
    trusted: list[Document] = field(default_factory=list)


@dataclass(frozen=True)
class CheckSpec:
    id: str
    category: str
    severity: str
    needs_source: bool
    func: Callable[[AlignedPair, CheckContext], Iterable[Hit]]

    @property
    def title(self) -> str:
        return self.doc.split("\n", 1)[0].strip()

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.func) or ""

    @property
    def false_positives(self) -> str:
        """The docstring's notes from "False positives" to the end of that paragraph."""
        for paragraph in self.doc.split("\n\n"):
            at = paragraph.find("False positives")
            if at >= 0:
                return " ".join(paragraph[at:].split())
        return ""


@dataclass(frozen=True)
class CheckError:
    document: str
    passage_id: str
    check_id: str
    error: str


REGISTRY: dict[str, CheckSpec] = {}


def check(*, id: str, category: str, severity: str, needs_source: bool = False):
    """Register a check function under ``id`` with its MQM category and default severity."""
    if not mqm.is_category(category):
        raise ValueError(f"check {id}: unknown MQM category {category!r}")
    if severity not in mqm.SEVERITIES:
        raise ValueError(f"check {id}: unknown severity {severity!r}")

    def register(func):
        if id in REGISTRY:
            raise ValueError(f"check {id} is registered twice")
        if not inspect.getdoc(func):
            raise ValueError(f"check {id} has no docstring")
        REGISTRY[id] = CheckSpec(id, category, severity, needs_source, func)
        return func

    return register


def all_checks() -> list[CheckSpec]:
    """Every registered check, sorted by id (importing the check modules registers them)."""
    import pipeline.checks.monolingual  # noqa: F401  (registers its checks)

    return [REGISTRY[key] for key in sorted(REGISTRY)]


def run_checks(
    pairs: Iterable[AlignedPair], ctx: CheckContext, checks: list[CheckSpec] | None = None
) -> tuple[list[Finding], list[CheckError]]:
    """Run every applicable check on every reviewable pair of one document."""
    checks = all_checks() if checks is None else checks
    findings: list[Finding] = []
    errors: list[CheckError] = []
    for pair in pairs:
        if not pair.target.reviewable:
            continue
        for spec in checks:
            if spec.needs_source and pair.source is None:
                continue
            try:
                found = list(_findings(spec, pair, ctx))
            except Exception as exc:  # a crashing check is reported, never a pass
                detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
                target = pair.target
                errors.append(CheckError(target.document, target.passage_id, spec.id, detail))
                continue
            findings.extend(found)
    return findings, errors


def _findings(spec: CheckSpec, pair: AlignedPair, ctx: CheckContext) -> Iterator[Finding]:
    passage = pair.target
    for hit in spec.func(pair, ctx):
        if not 0 <= hit.start < hit.end <= len(passage.text):
            raise ValueError(f"span {hit.start}:{hit.end} outside the passage")
        yield Finding(
            document=passage.document,
            passage_id=passage.passage_id,
            start=passage.start + hit.start,
            end=passage.start + hit.end,
            text=passage.text[hit.start : hit.end],
            check=spec.id,
            category=spec.category,
            severity=hit.severity or spec.severity,
            message=hit.message,
            suggestion=hit.suggestion,
            source_text=pair.source_text,
        )
