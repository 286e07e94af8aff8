"""Sentence units of reviewed documents: the common ground of the XLIFF, TMX and MQM exports.

A unit is one alignment link: Korean sentences and the English sentences that translate
them (either side may be empty: an omission or an addition). A document without a Korean
original gets one unit per English sentence, with no source. Each unit carries the findings
and reviewer-added errors whose span starts inside it, their review status, and the English
text as reviewers corrected it.

Reviewers correct whole passages; the corrected text of a sentence is cut out of the
corrected passage by mapping the sentence's offsets through a character diff
(``map_offsets``), so an edit stays with the sentence it was made in.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from sqlalchemy import Engine

from pipeline.model import Document, Finding, Passage, Segment
from pipeline.pair.passages import align_passages
from pipeline.review import state as review_state
from pipeline.segment import segment_document
from pipeline.store import reads


@dataclass(frozen=True)
class UnitError:
    """A finding or a reviewer-added error, with its review status."""

    key: str
    check: str  # check id, or "missed" for a reviewer-added error
    start: int  # offsets into the English document text
    end: int
    text: str
    category: str  # the reviewer's category when they set one, else the check's
    severity: str
    message: str
    status: str  # open | accepted | corrected | dismissed | missed
    reviewer: str | None = None
    comment: str | None = None

    @property
    def is_error(self) -> bool:
        """Confirmed by a reviewer (accepted, corrected or added)."""
        return self.status in review_state.ERROR_STATUSES


@dataclass
class Unit:
    """One alignment link of a document, with what review made of it."""

    id: str  # unique in the document: "u1", "u2", ...
    source: str  # the Korean sentences ("" when there is no original or for an addition)
    target: str  # the English sentences as the machine translated them
    corrected: str  # the English after the reviewers' corrections (== target when none)
    start: int | None  # English span in the document text (None for an omission)
    end: int | None
    passage_ids: tuple[str, ...] = ()
    sentences: tuple[tuple[int, int], ...] = ()  # spans of the English sentences
    errors: list[UnitError] = field(default_factory=list)

    @property
    def was_corrected(self) -> bool:
        return self.corrected != self.target

    @property
    def reviewed(self) -> bool:
        """Every finding on the unit has a decision (and there is at least one)."""
        return bool(self.errors) and all(e.status != "open" for e in self.errors)

    def target_offset(self, position: int) -> int:
        """The offset in ``target`` of a document offset inside the unit's sentences."""
        base = 0
        for start, end in self.sentences:
            if position <= end:
                return base + max(0, position - start)
            base += end - start + 1  # sentences are joined with one space
        return len(self.target)

    @property
    def uncorrected_error(self) -> bool:
        """A confirmed error stands in a text nobody corrected."""
        return not self.was_corrected and any(e.is_error for e in self.errors)


@dataclass
class DocumentUnits:
    batch: str
    document: Document
    original: Document | None
    units: list[Unit]


# ------------------------------------------------------------------------ offsets


def map_offsets(before: str, after: str, offsets: list[int]) -> list[int]:
    """Map positions in ``before`` to positions in ``after`` through a character diff.

    A position inside unchanged text moves with it; a position at the start of a changed
    stretch maps to the start of its replacement, one inside it to the end, so an edit
    belongs to the text before the position. The result is non-decreasing for
    non-decreasing ``offsets``.
    """
    opcodes = SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    mapped = []
    for pos in offsets:
        result = len(after)
        for tag, i1, i2, j1, j2 in opcodes:
            if pos < i1:
                break
            if tag == "equal" and i1 <= pos < i2:
                result = j1 + (pos - i1)
                break
            if pos == i1:
                result = j1
                break
            if i1 < pos < i2:
                result = j2
                break
        mapped.append(result)
    return mapped


def corrected_segments(passage: Passage, corrected: str | None) -> dict[int, str]:
    """``segment index -> corrected sentence`` for one passage (its own text when uncorrected)."""
    if corrected is None or corrected == passage.text:
        return {s.index: s.text for s in passage.segments}
    bounds = []
    for s in passage.segments:
        bounds += [s.start - passage.start, s.end - passage.start]
    mapped = map_offsets(passage.text, corrected, bounds)
    return {
        s.index: corrected[mapped[2 * i] : mapped[2 * i + 1]].strip()
        for i, s in enumerate(passage.segments)
    }


# ------------------------------------------------------------------------ units


def _errors(
    findings: list[Finding], states: dict[str, review_state.FindingState], missed: list
) -> list[UnitError]:
    found = []
    for f in findings:
        st = states.get(f.key)
        found.append(
            UnitError(
                key=f.key,
                check=f.check,
                start=f.start,
                end=f.end,
                text=f.text,
                category=(st.category if st and st.category else f.category),
                severity=(st.severity if st and st.severity else f.severity),
                message=f.message,
                status=st.status if st else "open",
                reviewer=st.reviewer if st else None,
                comment=st.comment if st else None,
            )
        )
    for m in missed:
        found.append(
            UnitError(
                key=m.finding_key,
                check="missed",
                start=m.start,
                end=m.end,
                text=m.text,
                category=m.category,
                severity=m.severity,
                message=m.comment or "added by a reviewer",
                status="missed",
                reviewer=m.reviewer,
                comment=m.comment,
            )
        )
    return sorted(found, key=lambda e: (e.start, e.end, e.check))


def _sentence_groups(
    english: list[Passage], korean: list[Passage] | None
) -> list[tuple[tuple[Segment, ...], tuple[Segment, ...]]]:
    """``(korean sentences, english sentences)`` per link, in English text order."""
    if korean is None:
        return [((), (s,)) for p in english if p.reviewable for s in p.segments]
    _pairs, links = align_passages(english, korean)
    return [(link.ko, link.en) for link in links]


def build_units(
    doc: Document,
    original: Document | None,
    errors: list[UnitError],
    corrections: dict[str, str],
) -> list[Unit]:
    """The units of one English document (see the module docstring)."""
    english = segment_document(doc)
    korean = segment_document(original) if original is not None else None
    passage_of: dict[tuple[int, int], Passage] = {}
    corrected_of: dict[tuple[int, int], str] = {}
    for p in english:
        if not p.reviewable:
            continue
        fixed = corrected_segments(p, corrections.get(p.passage_id))
        for s in p.segments:
            passage_of[(s.start, s.end)] = p
            corrected_of[(s.start, s.end)] = fixed[s.index]
    units = []
    for ko, en in _sentence_groups(english, korean):
        passages = tuple(dict.fromkeys(passage_of[(s.start, s.end)].passage_id for s in en))
        units.append(
            Unit(
                id=f"u{len(units) + 1}",
                source=" ".join(s.text for s in ko),
                target=" ".join(s.text for s in en),
                corrected=" ".join(corrected_of[(s.start, s.end)] for s in en),
                start=en[0].start if en else None,
                end=en[-1].end if en else None,
                passage_ids=passages,
                sentences=tuple((s.start, s.end) for s in en),
            )
        )
    _attach(units, errors)
    return units


def _attach(units: list[Unit], errors: list[UnitError]) -> None:
    """Give each error to the unit its span starts in (or the nearest one before it)."""
    spans = sorted((u.start, i) for i, u in enumerate(units) if u.start is not None)
    if not spans:
        return
    for e in errors:
        owner = spans[0][1]
        for start, i in spans:
            if start > e.start:
                break
            owner = i
        units[owner].errors.append(e)


def document_units(engine: Engine, batch: str | None = None) -> Iterator[DocumentUnits]:
    """Units of every reviewed (untrusted English) document, batch by batch, path order."""
    for batch_key in [batch] if batch is not None else reads.batches(engine):
        stored = reads.load_documents(engine, batch_key)
        by_path = {s.document.path: s.document for s in stored}
        findings: dict[str, list[Finding]] = {}
        for f in reads.load_findings(engine, batch_key):
            findings.setdefault(f.document, []).append(f)
        states = review_state.states(engine, batch_key)
        missed: dict[str, list] = {}
        for m in review_state.missed_errors(engine, batch_key):
            missed.setdefault(m.document, []).append(m)
        for s in stored:
            doc = s.document
            if doc.trusted or doc.lang != "en":
                continue
            original = by_path.get(doc.original) if doc.original else None
            errors = _errors(findings.get(doc.path, []), states, missed.get(doc.path, []))
            corrections = review_state.corrected_texts(engine, batch_key, doc.path)
            yield DocumentUnits(
                batch_key, doc, original, build_units(doc, original, errors, corrections)
            )
