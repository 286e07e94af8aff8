"""XLIFF 2.1 export: one ``<file>`` per English document, one ``<unit>`` per alignment link.

Korean source, English target as the machine translated it; when a reviewer corrected the
sentence, the target is the corrected text and the machine translation is kept in a note
(category ``mt``). Findings and reviewer-added errors are notes on their unit (category
``mtreview:<check>``, with status, MQM category and severity), so a CAT tool shows them beside
the segment. Documents without a Korean original are exported with an empty source only when
``include_unpaired`` is set: XLIFF is a bilingual format, and most tools expect a source.

``read_xliff`` reads the files this module writes (and plain XLIFF 2 core); the tests use it
for a round trip.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipeline.export.units import DocumentUnits, Unit
from pipeline.export.xmltext import xml_safe

NS = "urn:oasis:names:tc:xliff:document:2.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
VERSION = "2.1"
SOURCE_LANG = "ko"
TARGET_LANG = "en"


def _el(parent, tag: str, text: str | None = None, **attrib) -> etree._Element:
    node = etree.SubElement(parent, f"{{{NS}}}{tag}", {k: v for k, v in attrib.items() if v})
    if text is not None:
        node.text = xml_safe(text)
    return node


def _unit(file_el, unit: Unit) -> None:
    unit_el = _el(file_el, "unit", id=unit.id)
    notes = []
    if unit.was_corrected:
        notes.append(("mt", unit.target))
    for e in unit.errors:
        label = f"{e.status}; {e.category}; {e.severity}"
        if e.reviewer:
            label += f"; {e.reviewer}"
        notes.append((f"mtreview:{e.check}", f"[{label}] «{e.text}» {e.message}"))
    if notes:
        notes_el = _el(unit_el, "notes")
        for n, (category, text) in enumerate(notes, 1):
            _el(notes_el, "note", text, id=f"n{n}", category=category)
    reviewed = unit.was_corrected or (unit.reviewed and not unit.uncorrected_error)
    segment = _el(unit_el, "segment", state="reviewed" if reviewed else "translated")
    _el(segment, "source", unit.source)
    target = _el(segment, "target", unit.corrected)
    target.set(f"{{{XML_NS}}}space", "preserve")


def build_xliff(documents: Iterable[DocumentUnits], include_unpaired: bool = False):
    """The XLIFF 2.1 tree and the number of units and of documents left out."""
    root = etree.Element(
        f"{{{NS}}}xliff",
        {"version": VERSION, "srcLang": SOURCE_LANG, "trgLang": TARGET_LANG},
        nsmap={None: NS},
    )
    units = skipped = files = 0
    for doc in documents:
        if doc.original is None and not include_unpaired:
            skipped += 1
            continue
        files += 1
        file_el = _el(root, "file", id=f"f{files}", original=doc.document.path)
        if doc.document.title:
            notes_el = _el(file_el, "notes")
            _el(notes_el, "note", doc.document.title, id="title", category="title")
        for unit in doc.units:
            _unit(file_el, unit)
            units += 1
    return etree.ElementTree(root), units, skipped


def write_xliff(
    documents: Iterable[DocumentUnits], path: Path, include_unpaired: bool = False
) -> tuple[int, int]:
    """Write the XLIFF file atomically; returns (units written, documents left out)."""
    tree, units, skipped = build_xliff(documents, include_unpaired)
    tmp = path.with_name(path.name + ".partial")
    tree.write(str(tmp), xml_declaration=True, encoding="UTF-8", pretty_print=True)
    tmp.replace(path)
    return units, skipped


# ------------------------------------------------------------------------ reading


@dataclass
class XliffUnit:
    id: str
    source: str
    target: str | None
    state: str | None
    notes: list[tuple[str | None, str]] = field(default_factory=list)


@dataclass
class XliffFile:
    id: str
    original: str | None
    units: list[XliffUnit]


class XliffError(ValueError):
    """The file is not XLIFF 2 as this module reads it."""


def _text(node) -> str:
    return "".join(node.itertext()) if node is not None else ""


def read_xliff(path: Path) -> tuple[dict, list[XliffFile]]:
    """The root attributes and files of an XLIFF 2.x document (inline markup read as text)."""
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    root = tree.getroot()
    if root.tag != f"{{{NS}}}xliff":
        raise XliffError(f"{path}: root element is {root.tag}, expected xliff in {NS}")
    files = []
    for file_el in root.iterfind(f"{{{NS}}}file"):
        units = []
        for unit_el in file_el.iter(f"{{{NS}}}unit"):
            notes = [
                (n.get("category"), _text(n))
                for n in unit_el.iterfind(f"{{{NS}}}notes/{{{NS}}}note")
            ]
            segment = unit_el.find(f"{{{NS}}}segment")
            if segment is None:
                raise XliffError(f"{path}: unit {unit_el.get('id')} has no segment")
            target = segment.find(f"{{{NS}}}target")
            units.append(
                XliffUnit(
                    id=unit_el.get("id"),
                    source=_text(segment.find(f"{{{NS}}}source")),
                    target=_text(target) if target is not None else None,
                    state=segment.get("state"),
                    notes=notes,
                )
            )
        files.append(XliffFile(file_el.get("id"), file_el.get("original"), units))
    return dict(root.attrib), files
