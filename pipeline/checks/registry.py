"""The check registry: each check is a small documented function registered with ``@check``.

Two shapes of check:

* ``scope="passage"`` (the default): ``func(pair, ctx)`` receives an ``AlignedPair`` (an
  English passage and, when known, its aligned Korean) and yields ``Hit`` objects whose
  offsets are relative to ``pair.target.text``.
* ``scope="document"``: ``func(ctx)`` sees the whole document at once (for contradictions
  and variants between paragraphs, or a comparison with trusted press) and yields ``Hit``
  objects whose offsets are into ``ctx.document.text``.

The registry turns hits into ``Finding`` objects with document offsets, the check's MQM
category and severity. Hits outside reviewable passages (page furniture, bylines…) are
dropped. A check that raises is recorded as an error and the run goes on; it is never
counted as a pass.
"""

from __future__ import annotations

import importlib
import inspect
import re
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pipeline import mqm
from pipeline.lexicon.frequency import zipf
from pipeline.model import AlignedPair, Document, Finding, Passage

#: modules that define checks, imported (in this order) to fill the registry
CHECK_MODULES = (
    "pipeline.checks.monolingual",
    "pipeline.checks.structure",
    "pipeline.checks.fragments",
    "pipeline.checks.variants",
    "pipeline.checks.terms",
    "pipeline.checks.figures",
    "pipeline.checks.elapsed",
    "pipeline.checks.arithmetic",
    "pipeline.checks.counts",
    "pipeline.checks.entities",
    "pipeline.checks.leaders",
    "pipeline.checks.geography",
    "pipeline.checks.landlocked",
    "pipeline.checks.idioms",
    "pipeline.checks.bilingual",
    "pipeline.checks.alignment",
)

SCOPES = ("passage", "document")


@dataclass(frozen=True)
class Hit:
    """What a check found: a span (relative to the passage, or to the document for
    document-scope checks), a message quoting the evidence, and a suggestion if known."""

    start: int
    end: int
    message: str
    suggestion: str | None = None
    severity: str | None = None  # overrides the check's default when set


@dataclass
class CheckContext:
    """What a check may know besides its passage: the document and the batch around it.

    ``trusted`` holds the batch's trusted-press documents (references, never reviewed);
    ``source`` the Korean original when the document is paired; ``pairs`` the document's
    passages with their aligned Korean; ``resources`` shared read-only knowledge such as
    the batch termbase, keyed by name.
    """

    document: Document
    passages: list[Passage] = field(default_factory=list)
    pairs: list[AlignedPair] = field(default_factory=list)
    trusted: list[Document] = field(default_factory=list)
    source: Document | None = None
    resources: dict[str, Any] = field(default_factory=dict)

    @property
    def reviewable_text(self) -> str:
        """The document's reviewable passages joined by blank lines (for counting mentions)."""
        return "\n\n".join(p.text for p in self.passages if p.reviewable)


#: opens with the capital (what precedes it checked behind it): the engine skips to capitals
_CAPITALISED = re.compile(r"[A-Z](?<![\w’'-][A-Z])[a-z]{2,}(?:-[a-z]+)?")
#: distinct capitalised words two texts must share to be about the same events
RELATED_MIN_SHARED = 4


def related_trusted(ctx: CheckContext) -> list[Document]:
    """Trusted press about the same events as the document: sharing at least four
    distinct capitalised words that are not frequent English words (names of people,
    places, institutions). A batch may hold press on several topics; comparing a column
    with press about something else only breeds false alarms."""
    if not ctx.trusted:
        return []
    own = _distinctive_names(ctx.document.text)
    return [
        doc for doc in ctx.trusted if len(own & _distinctive_names(doc.text)) >= RELATED_MIN_SHARED
    ]


#: trusted press close enough for its figures to be evidence: this many shared names, and
#: this share of the names shared with the closest report
CLOSE_MIN_SHARED = 5
CLOSE_SHARE_OF_BEST = 0.6


def closely_related_trusted(ctx: CheckContext) -> list[Document]:
    """The trusted press closest to the document: sharing at least ``CLOSE_MIN_SHARED``
    rare names and at least ``CLOSE_SHARE_OF_BEST`` of what the closest report shares. A
    figure is only compared with reports on the very same events: a report on a
    neighbouring story (another country's tank deal, another Korean plant abroad) gives
    figures of other things under the same nouns."""
    if not ctx.trusted:
        return []
    own = _distinctive_names(ctx.document.text)
    shared = [(len(own & _distinctive_names(doc.text)), doc) for doc in ctx.trusted]
    best = max(n for n, _ in shared)
    least = max(CLOSE_MIN_SHARED, CLOSE_SHARE_OF_BEST * best)
    return [doc for n, doc in shared if n >= least]


@lru_cache(maxsize=512)
def _distinctive_names(text: str) -> frozenset[str]:
    """Capitalised words of ``text`` that are not frequent English words (cached: trusted
    press is compared with every document of a run)."""
    words = set(_CAPITALISED.findall(text))
    return frozenset(w for w in words if zipf(w.lower()) < 4.5)


@dataclass(frozen=True)
class CheckSpec:
    id: str
    category: str
    severity: str
    needs_source: bool
    func: Callable[..., Iterable[Hit]]
    scope: str = "passage"

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
            flat = " ".join(paragraph.split())
            at = flat.find("False positives")
            if at >= 0:
                return flat[at:]
        return ""


@dataclass(frozen=True)
class CheckError:
    document: str
    passage_id: str | None
    check_id: str
    error: str


REGISTRY: dict[str, CheckSpec] = {}


def check(
    *, id: str, category: str, severity: str, needs_source: bool = False, scope: str = "passage"
):
    """Register a check function under ``id`` with its MQM category and default severity."""
    if not mqm.is_category(category):
        raise ValueError(f"check {id}: unknown MQM category {category!r}")
    if severity not in mqm.SEVERITIES:
        raise ValueError(f"check {id}: unknown severity {severity!r}")
    if scope not in SCOPES:
        raise ValueError(f"check {id}: unknown scope {scope!r}")

    def register(func):
        if id in REGISTRY:
            raise ValueError(f"check {id} is registered twice")
        if not inspect.getdoc(func):
            raise ValueError(f"check {id} has no docstring")
        REGISTRY[id] = CheckSpec(id, category, severity, needs_source, func, scope)
        return func

    return register


def all_checks() -> list[CheckSpec]:
    """Every registered check, sorted by id."""
    for module in CHECK_MODULES:
        importlib.import_module(module)
    return [REGISTRY[key] for key in sorted(REGISTRY)]


def run_checks(
    pairs: Iterable[AlignedPair], ctx: CheckContext, checks: list[CheckSpec] | None = None
) -> tuple[list[Finding], list[CheckError]]:
    """Run every applicable check on one document: passage checks on each reviewable
    passage, then document checks once."""
    checks = all_checks() if checks is None else checks
    pairs = list(pairs)
    if not ctx.pairs:
        ctx.pairs = pairs
    if not ctx.passages:
        ctx.passages = [pair.target for pair in pairs]
    findings: list[Finding] = []
    errors: list[CheckError] = []

    def failed(spec: CheckSpec, passage_id: str | None, exc: Exception) -> None:
        # a crashing check is reported, never a pass; its findings there are dropped
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        errors.append(CheckError(ctx.document.path, passage_id, spec.id, detail))

    reviewable = [pair for pair in pairs if pair.target.reviewable]
    with_source = [pair for pair in reviewable if pair.source is not None]
    for spec in checks:
        if spec.scope == "document":
            if spec.needs_source and ctx.source is None:
                continue
            try:
                findings.extend(list(_document_findings(spec, ctx)))
            except Exception as exc:
                failed(spec, None, exc)
            continue
        func = spec.func
        for pair in with_source if spec.needs_source else reviewable:
            try:
                hits = list(func(pair, ctx))
                if hits:
                    findings.extend(_findings(spec, pair, hits))
            except Exception as exc:
                failed(spec, pair.target.passage_id, exc)
    return findings, errors


def _findings(spec: CheckSpec, pair: AlignedPair, hits: list[Hit]) -> list[Finding]:
    """Findings of a passage check's hits on ``pair`` (all or none: a hit outside the
    passage fails the check there)."""
    passage = pair.target
    found = []
    for hit in hits:
        if not 0 <= hit.start < hit.end <= len(passage.text):
            raise ValueError(f"span {hit.start}:{hit.end} outside the passage")
        found.append(
            _finding(
                spec,
                hit,
                passage,
                passage.start + hit.start,
                passage.start + hit.end,
                pair.source_text,
            )
        )
    return found


def _document_findings(spec: CheckSpec, ctx: CheckContext) -> Iterable[Finding]:
    text = ctx.document.text
    for hit in spec.func(ctx):
        if not 0 <= hit.start < hit.end <= len(text):
            raise ValueError(f"span {hit.start}:{hit.end} outside the document")
        pair = _pair_at(ctx.pairs, hit.start, hit.end)
        if pair is None:  # furniture, byline, or across two passages: not reviewable
            continue
        yield _finding(spec, hit, pair.target, hit.start, hit.end, pair.source_text)


def _pair_at(pairs: list[AlignedPair], start: int, end: int) -> AlignedPair | None:
    for pair in pairs:
        if pair.target.start <= start and end <= pair.target.end:
            return pair if pair.target.reviewable else None
    return None


def _finding(
    spec: CheckSpec, hit: Hit, passage: Passage, start: int, end: int, source: str | None
) -> Finding:
    return Finding(
        document=passage.document,
        passage_id=passage.passage_id,
        start=start,
        end=end,
        text=passage.text[start - passage.start : end - passage.start],
        check=spec.id,
        category=spec.category,
        severity=hit.severity or spec.severity,
        message=hit.message,
        suggestion=hit.suggestion,
        source_text=source,
    )
