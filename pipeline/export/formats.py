"""Every export the ``mtreview export`` command offers, behind one function.

Formats that write one file take a file path (``-`` for standard output where the format is
text); ``corrected`` takes a folder. ``--batch`` narrows an export to one batch; the
formats that describe a single batch (``corrected``, ``report``) need it when the store holds
several.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from pipeline.export import corrected, jsonl, mqm_tsv, review_log, tmx, xliff
from pipeline.export.units import document_units
from pipeline.store import reads

FORMATS = (
    "findings",
    "documents",
    "decisions",
    "missed",
    "corrected",
    "xliff",
    "tmx",
    "mqm",
    "report",
)
#: formats written as JSON Lines (and the only ones that can go to standard output)
JSONL_FORMATS = ("findings", "documents", "decisions", "missed")
#: formats that describe one batch
SINGLE_BATCH = ("corrected", "report")


class ExportError(ValueError):
    """The export cannot be made as asked (the message says why and what to do)."""


@dataclass(frozen=True)
class Exported:
    what: str
    count: int
    unit: str  # what ``count`` counts: "findings", "units", "documents", ...
    output: str
    note: str | None = None

    def message(self) -> str:
        unit = self.unit[:-1] if self.count == 1 and self.unit.endswith("s") else self.unit
        text = f"wrote {self.count} {unit} to {self.output}"
        return f"{text} ({self.note})" if self.note else text


def select_batch(engine: Engine, batch: str | None, required: bool) -> str | None:
    """The stored batch key ``batch`` names (its folder path or folder name), or None for all."""
    known = reads.batches(engine)
    if batch is None:
        if required and len(known) > 1:
            names = ", ".join(Path(k).name for k in known)
            raise ExportError(
                f"the store holds {len(known)} batches ({names}): choose one with --batch"
            )
        if required and not known:
            raise ExportError("the store holds no batch yet: run `mtreview run CORPUS_DIR` first")
        return known[0] if required else None
    resolved = str(Path(batch).resolve())
    matches = [k for k in known if k in (batch, resolved) or Path(k).name == batch]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        names = ", ".join(Path(k).name for k in known) or "none"
        raise ExportError(f"no batch {batch!r} in the store (batches: {names})")
    raise ExportError(f"{batch!r} names several batches: {', '.join(matches)}; give the full path")


def _jsonl_records(engine: Engine, what: str, batch: str | None):
    if what == "findings":
        return jsonl.findings_records(engine, batch)
    if what == "documents":
        return jsonl.documents_records(engine, batch)
    if what == "decisions":
        return review_log.decision_records(engine, batch)
    return review_log.missed_records(engine, batch)


def run_export(
    engine: Engine,
    what: str,
    output: Path,
    batch: str | None = None,
    *,
    include_unpaired: bool = False,
    include_open: bool = False,
) -> Exported:
    """Write export ``what`` to ``output``; raises ExportError when it cannot."""
    if what not in FORMATS:
        raise ExportError(f"unknown export {what!r} (choose from {', '.join(FORMATS)})")
    key = select_batch(engine, batch, required=what in SINGLE_BATCH)
    to_stdout = str(output) == "-"
    if to_stdout and what not in JSONL_FORMATS:
        raise ExportError(f"export {what} writes files: give -o PATH, not -")
    if what in JSONL_FORMATS:
        records = _jsonl_records(engine, what, key)
        if to_stdout:
            return Exported(what, jsonl.write_jsonl(records, sys.stdout), what, "standard output")
        return Exported(what, jsonl.export_jsonl(records, output), what, str(output))
    if what == "corrected":
        if output.exists() and not output.is_dir():
            raise ExportError(f"{output}: corrected texts go into a folder, and this is a file")
        output.mkdir(parents=True, exist_ok=True)
        written = corrected.export_corrected(engine, output, key)
        edited = sum(1 for w in written if w.passages_corrected)
        return Exported(what, len(written), "documents", str(output), f"{edited} with corrections")
    _refuse_folder(output)
    if what == "xliff":
        count, skipped = xliff.write_xliff(document_units(engine, key), output, include_unpaired)
        note = (
            f"{skipped} documents without a Korean original left out; --include-unpaired adds them"
            if skipped
            else None
        )
        return Exported(what, count, "units", str(output), note)
    if what == "tmx":
        return Exported(
            what, tmx.write_tmx(document_units(engine, key), output), "pairs", str(output)
        )
    if what == "mqm":
        rows = mqm_tsv.write_mqm(document_units(engine, key), output, include_open)
        return Exported(what, rows, "rows", str(output))
    from pipeline.export import report

    summary = report.write_report(engine, output, key)
    score = summary.mqm_per_1000_words
    note = (
        f"MQM {score:.1f} penalty points per 1,000 words from reviewers' decisions"
        if score is not None
        else "no words to score"
    )
    return Exported(what, summary.documents, "documents", str(output), note)


def _refuse_folder(output: Path) -> None:
    if output.is_dir():
        raise ExportError(f"{output} is a folder: give a file name")
