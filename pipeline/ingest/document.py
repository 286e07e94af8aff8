"""One file's bytes to a ``Document``: decoded text, labelled regions and metadata.

The document text is the decoded file unchanged (plain text) or the page's visible text
(HTML); every region and the provenance span are offsets into it. Metadata precedence: the
manifest entry, then what the HTML declares, then what the text itself shows.
"""

from __future__ import annotations

import hashlib
import re

from pipeline.ingest.boilerplate import find_boilerplate
from pipeline.ingest.decode import DecodeError, decode_bytes, unstorable
from pipeline.ingest.discover import IngestError, ManifestEntry
from pipeline.ingest.html import HtmlError, html_to_text
from pipeline.ingest.lines import merge_spans, strip_span, uncovered
from pipeline.ingest.metadata import find_byline, find_datelines, find_provenance, find_title
from pipeline.model import Document, Region

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def build_document(
    rel_path: str,
    raw: bytes,
    fmt: str,
    lang_hint: str | None,
    entry: ManifestEntry | None,
) -> Document:
    """Decode ``raw`` (a file of format "text" or "html"), label its regions, fill metadata.

    Raises IngestError for empty, binary or undecodable bytes and for a file with no text.
    """
    if fmt not in ("text", "html"):
        raise IngestError(rel_path, f"unknown format {fmt!r} (expected 'text' or 'html')")
    declared = None
    if fmt == "html" and (found := _META_CHARSET.search(raw[:4096])):
        declared = found.group(1).decode("ascii", "replace")
    try:
        decoded, encoding = decode_bytes(raw, declared)
    except DecodeError as exc:
        raise IngestError(rel_path, exc.reason) from exc
    content_hash = hashlib.sha256(raw).hexdigest()
    return document_from_text(rel_path, decoded, fmt, lang_hint, entry, content_hash, encoding)


def document_from_text(
    rel_path: str,
    decoded: str,
    fmt: str,
    lang_hint: str | None,
    entry: ManifestEntry | None,
    content_hash: str,
    encoding: str,
) -> Document:
    """The Document of a decoded file: ``build_document`` after the bytes are decoded.

    Raises IngestError for a file with no text, text no store can keep (NUL characters, lone
    surrogates), or a page the HTML parser cannot read.
    """
    if fmt not in ("text", "html"):
        raise IngestError(rel_path, f"unknown format {fmt!r} (expected 'text' or 'html')")
    meta_title = meta_byline = meta_date = meta_url = None
    if fmt == "html":
        try:
            page = html_to_text(decoded)
        except HtmlError as exc:
            raise IngestError(rel_path, exc.reason) from exc
        text = page.text
        if not text.strip():
            raise IngestError(rel_path, "no visible text in the HTML page")
        spans = [(r.start, r.end) for r in page.regions]
        meta_title, meta_byline, meta_date, meta_url = page.title, page.byline, page.date, page.url
    else:
        text = decoded
        if not text.strip():
            raise IngestError(rel_path, "no text (the file holds only whitespace)")
        if problem := unstorable(text):
            raise IngestError(rel_path, problem)
        spans = []
    spans += [(r.start, r.end) for r in find_boilerplate(text)]
    boilerplate = [Region(a, b, "boilerplate") for a, b in merge_spans(spans)]

    provenance = find_provenance(text, boilerplate)
    labelled: list[Region] = []
    if provenance:
        labelled.append(Region(provenance.start, provenance.end, "provenance"))
    datelines = find_datelines(text, boilerplate + labelled)
    labelled += [region for region, _ in datelines]
    title = find_title(text, boilerplate + labelled)
    if title:
        labelled.append(title)
    byline = find_byline(text, boilerplate + labelled)
    if byline:
        labelled.append(byline)
    regions = _resolve(text, boilerplate, labelled)

    entry = entry or ManifestEntry()
    return Document(
        path=rel_path,
        text=text,
        lang=lang_hint or _detect_language(text, boilerplate),
        content_hash=content_hash,
        encoding=encoding,
        format=fmt,
        title=entry.title or meta_title or (text[title.start : title.end] if title else None),
        byline=meta_byline or (text[byline.start : byline.end] if byline else None),
        date=entry.date or meta_date or (datelines[0][1] if datelines else None),
        url=entry.url or meta_url,
        provenance=provenance,
        trusted=entry.trusted,
        original=entry.original,
        regions=regions,
    )


def _resolve(text: str, boilerplate: list[Region], labelled: list[Region]) -> list[Region]:
    """Non-overlapping, sorted regions: labelled ones win over boilerplate they overlap."""
    regions: list[Region] = []
    for region in sorted(labelled, key=lambda r: (r.start, r.end)):
        if all(region.end <= r.start or region.start >= r.end for r in regions):
            regions.append(region)
    kept = list(regions)
    for bp in boilerplate:
        pieces = uncovered(bp.start, bp.end, kept)
        if pieces != [(bp.start, bp.end)]:  # carved: drop the blank edges left behind
            pieces = [strip_span(text, a, b) for a, b in pieces]
        regions += [Region(a, b, "boilerplate") for a, b in pieces if b > a]
    return sorted(regions, key=lambda r: (r.start, r.end))


def _detect_language(text: str, boilerplate: list[Region]) -> str:
    from pipeline.langid import detect_language

    parts, pos = [], 0
    for region in boilerplate:
        parts.append(text[pos : region.start])
        pos = region.end
    parts.append(text[pos:])
    body = "\n".join(p for p in parts if p.strip())
    return detect_language(body or text)
