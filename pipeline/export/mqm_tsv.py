"""MQM TSV in the column layout of the WMT MQM human-evaluation data.

Columns: ``system doc doc_id seg_id rater source target category severity``, tab-separated,
no quoting. One row per error; the error's span is marked ``<v>…</v>`` in the target (the
machine translation as it was reviewed). A reviewed segment with no error gets one row with
category and severity ``No-error``. ``doc_id`` is the segment's number in its document,
``seg_id`` its number in the export (both from 1). ``system`` is the MT engine named in the
document's provenance note, else ``unknown``.

Rows come from reviewers: accepted and corrected findings (with the reviewer's category and
severity) and errors they added. With ``include_open``, findings nobody decided yet are
added with rater ``mtreview`` so MQM tooling can compare the checks with the reviewers.
Segments nobody reviewed and without open findings are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from pipeline.export.units import DocumentUnits, Unit, UnitError

COLUMNS = ("system", "doc", "doc_id", "seg_id", "rater", "source", "target", "category", "severity")
NO_ERROR = "No-error"
AUTOMATIC_RATER = "mtreview"


def _cell(text: str) -> str:
    """A TSV cell without quoting: tabs and line breaks become spaces."""
    return " ".join(text.replace("\t", " ").splitlines()) if text else ""


def wmt_category(category: str) -> str:
    """``accuracy/mistranslation`` → ``Accuracy/Mistranslation`` (the WMT spelling)."""
    return "/".join(part[:1].upper() + part[1:] for part in category.split("/"))


def wmt_severity(severity: str) -> str:
    return severity[:1].upper() + severity[1:]


def marked_target(unit: Unit, error: UnitError) -> str:
    """The unit's target with the error's span between ``<v>`` and ``</v>``."""
    start = unit.target_offset(error.start)
    end = max(start, min(unit.target_offset(error.end), len(unit.target)))
    return f"{unit.target[:start]}<v>{unit.target[start:end]}</v>{unit.target[end:]}"


def _system(doc: DocumentUnits) -> str:
    provenance = doc.document.provenance
    return (provenance.engine if provenance and provenance.engine else None) or "unknown"


def mqm_rows(documents: Iterable[DocumentUnits], include_open: bool = False) -> Iterator[dict]:
    seg_id = 0
    for doc in documents:
        system = _system(doc)
        for number, unit in enumerate(doc.units, 1):
            if unit.start is None:  # an omission: no English to rate
                continue
            errors = [e for e in unit.errors if e.is_error]
            if include_open:
                errors += [e for e in unit.errors if e.status == "open"]
            reviewed_clean = unit.reviewed and not errors
            if not errors and not reviewed_clean:
                continue
            seg_id += 1
            base = {
                "system": system,
                "doc": doc.document.path,
                "doc_id": number,
                "seg_id": seg_id,
                "source": unit.source,
            }
            if reviewed_clean:
                rater = next((e.reviewer for e in unit.errors if e.reviewer), AUTOMATIC_RATER)
                yield base | {
                    "rater": rater,
                    "target": unit.target,
                    "category": NO_ERROR,
                    "severity": NO_ERROR,
                }
                continue
            for e in errors:
                yield base | {
                    "rater": e.reviewer if e.is_error and e.reviewer else AUTOMATIC_RATER,
                    "target": marked_target(unit, e),
                    "category": wmt_category(e.category),
                    "severity": wmt_severity(e.severity),
                }


def write_rows(rows: Iterable[dict], out: IO[str]) -> int:
    out.write("\t".join(COLUMNS) + "\n")
    count = 0
    for row in rows:
        out.write("\t".join(_cell(str(row[c])) for c in COLUMNS) + "\n")
        count += 1
    return count


def write_mqm(documents: Iterable[DocumentUnits], path: Path, include_open: bool = False) -> int:
    """Write the TSV atomically; returns the number of rows (header not counted)."""
    tmp = path.with_name(path.name + ".partial")
    with tmp.open("w", encoding="utf-8", newline="\n") as out:
        count = write_rows(mqm_rows(documents, include_open), out)
    tmp.replace(path)
    return count


def read_mqm(path: Path) -> list[dict]:
    """Rows of an MQM TSV in this layout (for tests and round trips)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
