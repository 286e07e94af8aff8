"""The corrected English documents: each reviewed document with reviewers' post-edits applied.

One UTF-8 file per English document (whatever encoding it came in), under the output
folder at the document's own relative path. The text is the document text the findings'
offsets refer to (for HTML, its visible text), so an HTML document is written as plain text
with ``.txt`` appended to its name. Trusted-press documents and Korean originals are not
written: nobody reviews them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sqlalchemy import Engine, select

from pipeline.review import state as review_state
from pipeline.store import reads
from pipeline.store.schema import documents, passages


class ExportPathError(ValueError):
    """A document path would leave the output folder."""


@dataclass(frozen=True)
class CorrectedDocument:
    document: str  # path relative to the batch folder
    output: Path
    passages_corrected: int


def apply_corrections(text: str, spans: dict[str, tuple[int, int]], fixes: dict[str, str]) -> str:
    """``text`` with each corrected passage's span replaced by its corrected text."""
    edits = sorted(
        (spans[pid][0], spans[pid][1], fixed) for pid, fixed in fixes.items() if pid in spans
    )
    out, cursor = [], 0
    for start, end, fixed in edits:
        out += [text[cursor:start], fixed]
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def output_path(folder: Path, document: str, fmt: str) -> Path:
    """Where a document's corrected text goes; refuses paths that leave ``folder``."""
    rel = PurePosixPath(document)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        raise ExportPathError(f"{document}: not a relative path inside the batch")
    name = rel.name + ".txt" if fmt == "html" else rel.name
    target = folder.joinpath(*rel.parts[:-1], name)
    root = folder.resolve()
    if not target.resolve().is_relative_to(root):
        raise ExportPathError(f"{document}: would be written outside {folder}")
    return target


def _passage_spans(engine: Engine, batch: str, path: str) -> dict[str, tuple[int, int]]:
    query = (
        select(passages.c.passage_id, passages.c.start, passages.c.end)
        .join(documents, passages.c.document_id == documents.c.id)
        .where(documents.c.batch == batch, documents.c.path == path)
    )
    with engine.connect() as conn:
        return {pid: (start, end) for pid, start, end in conn.execute(query)}


def export_corrected(engine: Engine, folder: Path, batch: str) -> list[CorrectedDocument]:
    """Write every reviewed English document of ``batch`` into ``folder``."""
    written = []
    for stored in reads.load_documents(engine, batch, trusted=False):
        doc = stored.document
        if doc.lang != "en":
            continue
        fixes = review_state.corrected_texts(engine, batch, doc.path)
        text = apply_corrections(doc.text, _passage_spans(engine, batch, doc.path), fixes)
        target = output_path(folder, doc.path, doc.format)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".partial")
        tmp.write_text(text, encoding="utf-8", newline="")
        tmp.replace(target)
        written.append(CorrectedDocument(doc.path, target, len(fixes)))
    return written
