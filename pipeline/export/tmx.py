"""TMX 1.4 export of reviewed sentence pairs, for translation memories.

Only pairs a reviewer stands behind go in: a unit whose English a reviewer corrected, or
whose findings were all decided with no confirmed error left uncorrected. The English is
the corrected text. Units without a Korean source (unpaired documents, additions) and
omissions are left out: a translation memory needs both sides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from pipeline import __version__
from pipeline.export.units import DocumentUnits, Unit
from pipeline.export.xmltext import xml_safe

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'


def memory_worthy(unit: Unit) -> bool:
    """A pair a reviewer stands behind (see the module docstring)."""
    if not unit.source.strip() or not unit.corrected.strip():
        return False
    return unit.was_corrected or (unit.reviewed and not unit.uncorrected_error)


def _timestamp(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")


def _prop(parent, kind: str, value: str) -> None:
    node = etree.SubElement(parent, "prop", type=kind)
    node.text = xml_safe(value)


def _tuv(parent, lang: str, text: str) -> None:
    tuv = etree.SubElement(parent, "tuv", {XML_LANG: lang})
    seg = etree.SubElement(tuv, "seg")
    seg.text = xml_safe(text)


def build_tmx(documents: Iterable[DocumentUnits], now: datetime | None = None):
    stamp = _timestamp(now)
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        creationtool="mtreview",
        creationtoolversion=__version__,
        segtype="sentence",
        adminlang="en",
        srclang="ko",
        datatype="plaintext",
        creationdate=stamp,
        **{"o-tmf": "mtreview"},
    )
    body = etree.SubElement(root, "body")
    count = 0
    for doc in documents:
        for unit in doc.units:
            if not memory_worthy(unit):
                continue
            tu = etree.SubElement(body, "tu", tuid=f"{doc.document.path}#{unit.id}")
            tu.set("creationdate", stamp)
            _prop(tu, "x-document", doc.document.path)
            _prop(tu, "x-status", "corrected" if unit.was_corrected else "reviewed")
            if unit.was_corrected:
                _prop(tu, "x-mt", unit.target)
            _tuv(tu, "ko", unit.source)
            _tuv(tu, "en", unit.corrected)
            count += 1
    return root, count


def write_tmx(documents: Iterable[DocumentUnits], path: Path) -> int:
    """Write the TMX file atomically; returns the number of translation units."""
    root, count = build_tmx(documents)
    tmp = path.with_name(path.name + ".partial")
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=False, pretty_print=True)
    with tmp.open("wb") as out:
        out.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(DOCTYPE.encode() + b"\n")
        out.write(body)
    tmp.replace(path)
    return count


@dataclass
class TmxPair:
    tuid: str | None
    source: str
    target: str
    props: dict[str, str]


def read_tmx(path: Path, source_lang: str = "ko", target_lang: str = "en") -> list[TmxPair]:
    """The translation units of a TMX file as ``source -> target`` pairs."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.parse(str(path), parser).getroot()
    pairs = []
    for tu in root.iter("tu"):
        segs = {
            tuv.get(XML_LANG, tuv.get("lang", "")).lower(): "".join(tuv.find("seg").itertext())
            for tuv in tu.iterfind("tuv")
        }
        props = {p.get("type"): p.text or "" for p in tu.iterfind("prop")}
        pairs.append(
            TmxPair(tu.get("tuid"), segs.get(source_lang, ""), segs.get(target_lang, ""), props)
        )
    return pairs
