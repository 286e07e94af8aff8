"""Termbases: TBX (TBX v3 and the 2008 martif dialect) and CSV.

A term entry joins a Korean term with its preferred English rendering, admitted aliases,
and forbidden (deprecated) renderings. CSV columns: ``source,target`` and optionally
``forbidden``, ``aliases``, ``note``. ``forbidden`` is either a list of forbidden English
renderings separated by ``|`` or ``;``, or a yes/no flag saying that ``target`` itself is a
forbidden rendering of ``source``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TRUE = {"true", "yes", "y", "1", "forbidden", "x"}
_FALSE = {"false", "no", "n", "0", ""}
_FORBIDDEN_STATUS = ("deprecated", "superseded", "forbidden")


class TermbaseError(ValueError):
    """A termbase file that cannot be read; the message names the file and the problem."""


@dataclass(frozen=True)
class Term:
    source: str | None  # the Korean term
    target: str | None  # the preferred English rendering
    aliases: tuple[str, ...] = ()  # admitted English renderings
    forbidden: tuple[str, ...] = ()  # English renderings that must not be used
    note: str | None = None
    origin: str = ""  # file the entry came from

    @property
    def accepted(self) -> tuple[str, ...]:
        return tuple(t for t in (self.target, *self.aliases) if t)


@dataclass
class Termbase:
    terms: list[Term] = field(default_factory=list)

    def extend(self, other: Termbase) -> None:
        self.terms.extend(other.terms)

    def __len__(self) -> int:
        return len(self.terms)


def load_termbase(path: Path) -> Termbase:
    """Read a ``.tbx`` or ``.csv`` termbase; raises ``TermbaseError`` naming the problem."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TermbaseError(f"{path}: cannot read termbase: {exc.strerror or exc}") from exc
    if path.suffix.lower() == ".tbx":
        return parse_tbx(raw, origin=path.name)
    if path.suffix.lower() == ".csv":
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise TermbaseError(f"{path}: termbase is not UTF-8 ({exc.reason})") from exc
        return parse_csv(text, origin=path.name)
    raise TermbaseError(f"{path}: unknown termbase format (use .tbx or .csv)")


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in re.split(r"[|;]", value or "") if v.strip())


def parse_csv(text: str, origin: str = "termbase.csv") -> Termbase:
    reader = csv.DictReader(io.StringIO(text))
    columns = {c.strip().lower() for c in reader.fieldnames or []}
    if not {"source", "target"} <= columns:
        raise TermbaseError(f"{origin}: a CSV termbase needs the columns source and target")
    terms = []
    for line, row in enumerate(reader, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
        source, target = row.get("source") or None, row.get("target") or None
        if not source and not target:
            continue
        flag = row.get("forbidden", "").lower()
        forbidden: tuple[str, ...]
        if flag in _TRUE:
            if not target:
                raise TermbaseError(f"{origin}:{line}: forbidden=yes needs a target term")
            forbidden, target = (target,), None
        elif flag in _FALSE:
            forbidden = ()
        else:
            forbidden = _split(row.get("forbidden"))
        terms.append(
            Term(
                source,
                target,
                _split(row.get("aliases")),
                forbidden,
                row.get("note") or None,
                origin,
            )
        )
    return Termbase(terms)


def parse_tbx(raw: bytes, origin: str = "termbase.tbx") -> Termbase:
    """TBX v3 (conceptEntry/langSec/termSec) and 2008 martif (termEntry/langSet/tig)."""
    try:
        root = etree.fromstring(
            raw, parser=etree.XMLParser(resolve_entities=False, no_network=True)
        )
    except etree.XMLSyntaxError as exc:
        raise TermbaseError(f"{origin}: not well-formed TBX: {exc}") from exc
    terms = []
    for entry in root.iter("{*}conceptEntry", "{*}termEntry", "conceptEntry", "termEntry"):
        by_lang: dict[str, list[tuple[str, str]]] = {}
        for lang_block in entry.iter("{*}langSec", "{*}langSet", "langSec", "langSet"):
            lang = (lang_block.get(_XML_LANG) or lang_block.get("lang") or "").lower()[:2]
            for term_block in lang_block.iter(
                "{*}termSec", "{*}tig", "{*}ntig", "termSec", "tig", "ntig"
            ):
                term_el = next(term_block.iter("{*}term", "term"), None)
                if term_el is None or not "".join(term_el.itertext()).strip():
                    continue
                status = " ".join(
                    (n.text or "").lower()
                    for n in term_block.iter("{*}termNote", "termNote")
                    if (n.get("type") or "").lower() == "administrativestatus"
                )
                by_lang.setdefault(lang, []).append(("".join(term_el.itertext()).strip(), status))
        korean = [t for t, status in by_lang.get("ko", []) if not _is_forbidden(status)]
        english = by_lang.get("en", [])
        allowed = [t for t, status in english if not _is_forbidden(status)]
        preferred = [t for t, status in english if "preferred" in status] or allowed[:1]
        target = preferred[0] if preferred else None
        terms.append(
            Term(
                source=korean[0] if korean else None,
                target=target,
                aliases=tuple(t for t in allowed if t != target),
                forbidden=tuple(t for t, status in english if _is_forbidden(status)),
                origin=origin,
            )
        )
    if not terms:
        raise TermbaseError(f"{origin}: no conceptEntry or termEntry found")
    return Termbase(terms)


def _is_forbidden(status: str) -> bool:
    return any(word in status for word in _FORBIDDEN_STATUS)
