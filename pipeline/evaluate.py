"""Score exported findings against a gold file of planted errors.

A gold file is JSON Lines, one planted error a line::

    {"doc": "NAME.en.txt", "text": "Gaza Peninsula", "occurrence": 1,
     "family": "geo", "severity": "major", "needs_source": false}

``text`` is the erroneous span exactly as it appears in the document and ``occurrence`` says
which of its matches is meant (1-based; matches are counted left to right without overlap,
as ``str.count`` counts them). ``doc`` is the document's path relative to the batch folder.

Findings are the records of ``mtreview export findings`` (``document``, ``start``, ``end``,
``severity``, ``check``...); their offsets are indices into the document texts given to
``evaluate`` (``mtreview export documents`` or the decoded files). A gold error is *caught*
when a finding on the same document overlaps its span. A finding on an evaluated document
that overlaps no gold span is a *false alarm*. Evaluated documents are those with gold
entries plus ``clean_documents`` (texts with no errors: every finding on them is a false
alarm); findings on other documents (trusted press, Korean originals) are ignored. False
alarms are reported per 1,000 words of the evaluated documents (whitespace tokens).

Overlap: spans are half-open ``[start, end)`` and overlap when ``f.start < g.end and
g.start < f.end``. A zero-width finding (an insertion point, e.g. for an omission) at ``p``
overlaps a gold span when ``g.start <= p <= g.end``.

This module is a library: no click, no store. ``load_findings``/``load_documents`` read the
JSONL exports; ``evaluate`` is a pure function of its arguments.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

#: error families of the development set (benchmarks/data/devset/README.md)
FAMILIES = (
    "entity", "geo", "calque", "structure", "variant", "figure", "untranslated",
    "number", "date", "negation", "omission", "addition", "term",
)  # fmt: skip
#: families that are only defined against a Korean original
SOURCE_FAMILIES = frozenset({"number", "date", "negation", "omission", "addition", "term"})
SEVERITIES = ("minor", "major", "critical")
MAJOR_AND_ABOVE = frozenset({"major", "critical"})

_GOLD_KEYS = {"doc", "text", "occurrence", "family", "severity", "needs_source"}
_OPTIONAL_KEYS = {"note"}


class GoldFileError(ValueError):
    """A gold line is malformed; the message names the file, the line number and the problem."""


class GoldSpanError(ValueError):
    """A gold span is not in its document (or not that many times), or its document is absent."""


@dataclass(frozen=True)
class GoldError:
    """One planted error: the ``occurrence``-th match of ``text`` in document ``doc``."""

    doc: str
    text: str
    occurrence: int
    family: str
    severity: str
    needs_source: bool
    note: str | None = field(default=None, compare=False)

    def label(self) -> str:
        return f"{self.doc}: {self.text!r} (occurrence {self.occurrence})"


# --------------------------------------------------------------------------- gold file


def parse_gold_line(line: str, lineno: int = 1, source: str = "gold") -> GoldError:
    """One JSON line to a GoldError; a GoldFileError names ``source:lineno`` and the problem."""

    def fail(problem: str) -> GoldFileError:
        return GoldFileError(f"{source}:{lineno}: {problem}")

    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise fail(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise fail(f"expected a JSON object, got {type(record).__name__}")
    missing = sorted(_GOLD_KEYS - record.keys())
    if missing:
        raise fail(f"missing key(s) {', '.join(missing)}")
    unknown = sorted(record.keys() - _GOLD_KEYS - _OPTIONAL_KEYS)
    if unknown:
        raise fail(
            f"unknown key(s) {', '.join(unknown)} (expected {', '.join(sorted(_GOLD_KEYS))})"
        )
    for key in ("doc", "text"):
        if not isinstance(record[key], str) or not record[key]:
            raise fail(f"{key!r} must be a non-empty string")
    if record["text"] != record["text"].strip():
        raise fail("'text' has leading or trailing whitespace; give the span itself")
    occurrence = record["occurrence"]
    if isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 1:
        raise fail(f"'occurrence' must be an integer >= 1, got {occurrence!r}")
    if record["family"] not in FAMILIES:
        raise fail(f"unknown family {record['family']!r} (expected one of {', '.join(FAMILIES)})")
    if record["severity"] not in SEVERITIES:
        raise fail(
            f"unknown severity {record['severity']!r} (expected one of {', '.join(SEVERITIES)})"
        )
    if not isinstance(record["needs_source"], bool):
        raise fail(f"'needs_source' must be true or false, got {record['needs_source']!r}")
    note = record.get("note")
    if note is not None and not isinstance(note, str):
        raise fail("'note' must be a string")
    return GoldError(**{key: record[key] for key in _GOLD_KEYS}, note=note)


def parse_gold(lines: Iterable[str], source: str = "gold") -> list[GoldError]:
    """Gold errors from JSON lines (blank lines skipped); duplicates are an error."""
    gold: list[GoldError] = []
    seen: dict[tuple[str, str, int], int] = {}
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        entry = parse_gold_line(line, lineno, source)
        key = (entry.doc, entry.text, entry.occurrence)
        if key in seen:
            raise GoldFileError(
                f"{source}:{lineno}: duplicate of line {seen[key]} ({entry.label()})"
            )
        seen[key] = lineno
        gold.append(entry)
    return gold


def load_gold(path: str | Path) -> list[GoldError]:
    """Read a gold JSONL file (UTF-8); raise GoldFileError naming the line and the problem."""
    path = Path(path)
    with path.open(encoding="utf-8-sig") as handle:
        return parse_gold(handle, source=str(path))


def locate(gold: GoldError, document_text: str) -> tuple[int, int]:
    """``(start, end)`` of the ``gold.occurrence``-th match of ``gold.text`` in the text.

    Matches are counted left to right without overlap. Raise GoldSpanError naming the
    document and the span when there are fewer matches than that.
    """
    found = 0
    pos = document_text.find(gold.text)
    while pos != -1:
        found += 1
        if found == gold.occurrence:
            return pos, pos + len(gold.text)
        pos = document_text.find(gold.text, pos + len(gold.text))
    where = "is not in the document" if found == 0 else f"occurs only {found} time(s)"
    raise GoldSpanError(f"{gold.label()}: the span {where}")


# --------------------------------------------------------------------------- exports


def load_findings(path: str | Path) -> list[dict]:
    """The records of a findings export (JSON Lines)."""
    return _read_jsonl(Path(path))


def load_documents(path: str | Path) -> dict[str, str]:
    """``{document: text}`` from a documents export (JSON Lines)."""
    return {record["document"]: record["text"] for record in _read_jsonl(Path(path))}


def _read_jsonl(path: Path) -> list[dict]:
    records = []
    with path.open(encoding="utf-8-sig") as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from None
            if not isinstance(record, dict):
                raise ValueError(f"{path}:{lineno}: expected a JSON object")
            records.append(record)
    return records


# --------------------------------------------------------------------------- scoring


@dataclass
class Tally:
    caught: int = 0
    total: int = 0

    @property
    def recall(self) -> float | None:
        return self.caught / self.total if self.total else None

    def add(self, caught: bool) -> None:
        self.total += 1
        self.caught += int(caught)

    def to_json(self) -> dict:
        return {"caught": self.caught, "total": self.total, "recall": self.recall}


@dataclass
class CheckTally:
    """What one check's findings did on the evaluated documents."""

    hits: int = 0  # findings overlapping some gold span
    false_alarms: int = 0

    @property
    def precision(self) -> float | None:
        n = self.hits + self.false_alarms
        return self.hits / n if n else None

    def to_json(self) -> dict:
        return {"hits": self.hits, "false_alarms": self.false_alarms, "precision": self.precision}


@dataclass
class EvalReport:
    """Recall of planted errors and false alarms of the findings, with what was missed."""

    overall: Tally
    major_and_above: Tally
    by_family: dict[str, Tally]
    by_severity: dict[str, Tally]
    by_needs_source: dict[bool, Tally]
    by_check: dict[str, CheckTally]
    documents: int  # evaluated documents (with gold, or clean)
    words: int  # whitespace tokens of the evaluated documents
    findings: int  # findings on evaluated documents
    false_alarms: list[dict]
    missed: list[GoldError]
    ignored_findings: int = 0  # findings on documents that are not evaluated
    offset_mismatches: int = 0  # findings whose ``text`` differs from the document slice

    @property
    def recall(self) -> float | None:
        return self.overall.recall

    @property
    def false_alarms_per_1k_words(self) -> float | None:
        return 1000.0 * len(self.false_alarms) / self.words if self.words else None

    @property
    def major_false_alarms(self) -> int:
        """False alarms whose finding severity is major or critical."""
        return sum(1 for f in self.false_alarms if f.get("severity") in MAJOR_AND_ABOVE)

    def to_json(self) -> dict:
        return {
            "recall": self.recall,
            "caught": self.overall.caught,
            "gold": self.overall.total,
            "major_and_above": self.major_and_above.to_json(),
            "by_family": {k: v.to_json() for k, v in self.by_family.items()},
            "by_severity": {k: v.to_json() for k, v in self.by_severity.items()},
            "by_needs_source": {
                ("needs_source" if k else "monolingual"): v.to_json()
                for k, v in self.by_needs_source.items()
            },
            "by_check": {k: v.to_json() for k, v in sorted(self.by_check.items())},
            "documents": self.documents,
            "words": self.words,
            "findings": self.findings,
            "false_alarm_count": len(self.false_alarms),
            "false_alarms_per_1k_words": self.false_alarms_per_1k_words,
            "major_false_alarms": self.major_false_alarms,
            "ignored_findings": self.ignored_findings,
            "offset_mismatches": self.offset_mismatches,
            "missed": [_gold_json(g) for g in self.missed],
            "false_alarms": [_finding_json(f) for f in self.false_alarms],
        }

    def format(self, listing_limit: int | None = 50) -> str:
        """A plain-text report: recall tables, false-alarm rates, then missed errors and
        false alarms (at most ``listing_limit`` of each; None lists all)."""
        rows: list[tuple[str, Tally]] = [("all", self.overall), ("major+", self.major_and_above)]
        lines = ["Recall (gold errors caught by at least one overlapping finding)"]
        lines += _tally_table(rows)
        lines += ["", "By family"] + _tally_table(list(self.by_family.items()))
        lines += ["", "By severity"] + _tally_table(list(self.by_severity.items()))
        source_rows = [
            ("needs source" if k else "monolingual", v) for k, v in self.by_needs_source.items()
        ]
        lines += ["", "By source need"] + _tally_table(source_rows)
        rate = self.false_alarms_per_1k_words
        lines += [
            "",
            f"Documents evaluated: {self.documents} ({self.words:,} words); "
            f"findings on them: {self.findings}",
            f"False alarms: {len(self.false_alarms)}"
            + (f" = {rate:.2f} per 1,000 words" if rate is not None else "")
            + f"; major or critical: {self.major_false_alarms}",
        ]
        if self.ignored_findings:
            lines.append(f"Findings on documents not evaluated (ignored): {self.ignored_findings}")
        if self.offset_mismatches:
            lines.append(
                f"WARNING: {self.offset_mismatches} finding(s) whose text differs from the "
                "document at their offsets (were the documents exported by the same run?)"
            )
        if self.by_check:
            lines += ["", f"{'By check':<32} {'hits':>5} {'false':>6} {'precision':>10}"]
            for check, t in sorted(self.by_check.items()):
                lines.append(
                    f"  {check:<30} {t.hits:>5} {t.false_alarms:>6} {_pct(t.precision):>10}"
                )
        lines += _listing(
            f"Missed ({len(self.missed)})",
            [f"  {g.doc}  {g.family}/{g.severity}  {g.text!r}" for g in self.missed],
            listing_limit,
        )
        lines += _listing(
            f"False alarms ({len(self.false_alarms)})",
            [
                f"  {f.get('document')} [{f.get('start')}:{f.get('end')}]  "
                f"{f.get('check', '?')}/{f.get('severity', '?')}  {f.get('text', '')!r}"
                for f in self.false_alarms
            ],
            listing_limit,
        )
        return "\n".join(lines) + "\n"


def evaluate(
    gold: list[GoldError],
    findings: list[dict],
    documents: Mapping[str, str],
    clean_documents: set[str] | None = None,
) -> EvalReport:
    """Score ``findings`` against ``gold`` over ``documents`` (``{path: text}``).

    Document names are matched exactly, or else by path suffix when exactly one name ends
    with ``/`` + the other (a gold ``x.en.txt`` matches an exported ``tune/x.en.txt``).
    Raise GoldSpanError when a gold or clean document is missing or a gold span is not found.
    """
    names = list(documents)
    spans: dict[str, list[tuple[int, int, int]]] = {}  # doc -> (start, end, gold index)
    for index, entry in enumerate(gold):
        doc = _resolve(entry.doc, names)
        if doc is None:
            raise GoldSpanError(f"{entry.label()}: no document named {entry.doc!r}")
        start, end = locate(entry, documents[doc])
        spans.setdefault(doc, []).append((start, end, index))
    evaluated = set(spans)
    for name in clean_documents or ():
        doc = _resolve(name, names)
        if doc is None:
            raise GoldSpanError(f"clean document {name!r} is not among the documents")
        evaluated.add(doc)

    caught = [False] * len(gold)
    false_alarms: list[dict] = []
    by_check: dict[str, CheckTally] = {}
    on_evaluated = ignored = mismatches = 0
    for finding in findings:
        doc = _resolve(str(finding.get("document", "")), names)
        if doc is None or doc not in evaluated:
            ignored += 1
            continue
        start, end = _offsets(finding)
        on_evaluated += 1
        text = documents[doc]
        if "text" in finding and finding["text"] != text[start:end]:
            mismatches += 1
        hit = False
        for g_start, g_end, index in spans.get(doc, ()):
            if _overlaps(start, end, g_start, g_end):
                caught[index] = True
                hit = True
        tally = by_check.setdefault(str(finding.get("check", "?")), CheckTally())
        if hit:
            tally.hits += 1
        else:
            tally.false_alarms += 1
            false_alarms.append(finding)

    overall, major = Tally(), Tally()
    by_family = {f: Tally() for f in FAMILIES if any(g.family == f for g in gold)}
    by_severity = {s: Tally() for s in SEVERITIES if any(g.severity == s for g in gold)}
    by_source = {k: Tally() for k in (False, True) if any(g.needs_source == k for g in gold)}
    for entry, was_caught in zip(gold, caught, strict=True):
        overall.add(was_caught)
        by_family[entry.family].add(was_caught)
        by_severity[entry.severity].add(was_caught)
        by_source[entry.needs_source].add(was_caught)
        if entry.severity in MAJOR_AND_ABOVE:
            major.add(was_caught)
    return EvalReport(
        overall=overall,
        major_and_above=major,
        by_family=by_family,
        by_severity=by_severity,
        by_needs_source=by_source,
        by_check=by_check,
        documents=len(evaluated),
        words=sum(len(documents[d].split()) for d in evaluated),
        findings=on_evaluated,
        false_alarms=false_alarms,
        missed=[g for g, c in zip(gold, caught, strict=True) if not c],
        ignored_findings=ignored,
        offset_mismatches=mismatches,
    )


def _overlaps(start: int, end: int, g_start: int, g_end: int) -> bool:
    if start == end:  # an insertion point
        return g_start <= start <= g_end
    return start < g_end and g_start < end


def _offsets(finding: dict) -> tuple[int, int]:
    start, end = finding.get("start"), finding.get("end")
    for value in (start, end):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"finding without integer start/end offsets: {_finding_json(finding)}")
    if not 0 <= start <= end:
        raise ValueError(f"finding with bad offsets {start}..{end}: {_finding_json(finding)}")
    return start, end


def _resolve(name: str, names: list[str]) -> str | None:
    """The document key that ``name`` means: exact, else the unique path-suffix match."""
    if name in names:
        return name
    matches = [n for n in names if n.endswith("/" + name) or name.endswith("/" + n)]
    if len(matches) > 1:
        raise GoldSpanError(f"document name {name!r} is ambiguous: {', '.join(sorted(matches))}")
    return matches[0] if matches else None


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def _tally_table(rows: list[tuple[str, Tally]]) -> list[str]:
    return [f"  {name:<16} {t.caught:>4}/{t.total:<4} {_pct(t.recall):>7}" for name, t in rows]


def _listing(title: str, items: list[str], limit: int | None) -> list[str]:
    if not items:
        return []
    shown = items if limit is None else items[:limit]
    out = ["", title, *shown]
    if len(shown) < len(items):
        out.append(f"  ... and {len(items) - len(shown)} more")
    return out


def _gold_json(g: GoldError) -> dict:
    keys = ("doc", "text", "occurrence", "family", "severity", "needs_source")
    return {key: getattr(g, key) for key in keys}


def _finding_json(f: dict) -> dict:
    keys = ("document", "start", "end", "text", "check", "severity", "message")
    return {k: f.get(k) for k in keys if k in f}
