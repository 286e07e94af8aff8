"""Ingest: a corpus folder and its files to ``Document`` objects.

``discover_batch`` lists a batch folder and reads its manifest, ``read_document`` reads one
document's bytes (the only file-system access);
``build_document`` turns one file's bytes into a Document: it decodes the bytes
(``decode_bytes``), extracts the visible text of HTML (``html_to_text``), labels page
furniture (``find_boilerplate``), the title, byline, dateline and a machine-translation note
(``find_provenance``), and fills metadata, manifest values first.
"""

from pipeline.ingest.boilerplate import find_boilerplate
from pipeline.ingest.decode import DecodeError, decode_bytes
from pipeline.ingest.discover import (
    MAX_FILE_BYTES,
    Batch,
    BatchError,
    BatchFile,
    IngestError,
    ManifestEntry,
    discover_batch,
    read_document,
)
from pipeline.ingest.document import build_document
from pipeline.ingest.html import HtmlPage, html_to_text
from pipeline.ingest.metadata import find_byline, find_dateline, find_provenance, find_title

__all__ = [
    "MAX_FILE_BYTES",
    "Batch",
    "BatchError",
    "BatchFile",
    "DecodeError",
    "HtmlPage",
    "IngestError",
    "ManifestEntry",
    "build_document",
    "decode_bytes",
    "discover_batch",
    "find_boilerplate",
    "find_byline",
    "find_dateline",
    "find_provenance",
    "find_title",
    "html_to_text",
    "read_document",
]
