"""The review queue: queued passages, most suspicious first, with filters, pages and progress.

The counts (progress per batch, how many passages match the filters, the filter options)
always cover the whole queue; only the passages of the requested page are built in full
(their findings with text, message and decision), so a page costs the same however long
the queue is. The reads are in ``queue_reads.py``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from sqlalchemy import Engine

from pipeline.model import Finding
from pipeline.mqm import SEVERITIES
from pipeline.review.queue_reads import (
    QueuedPassage,
    Review,
    queued_keys,
    read_findings,
    read_passages,
    read_review,
    span_text,
    spans_outside,
)
from pipeline.review.records import (
    batch_name,
    finding_dict,
    missed_dict,
    passage_status,
    provenance_engine,
)

PASSAGE_STATUSES = ("open", "in progress", "done")

#: queued passages on one page of the queue
PER_PAGE = 50

#: the most passages one page may be asked for (``per_page``); ``all`` shows every one
MAX_PER_PAGE = 1000


@dataclass
class QueueFilters:
    batch: str | None = None
    document: str | None = None
    check: str | None = None
    category: str | None = None
    severity: str | None = None
    status: str | None = None  # open | in progress | done
    reviewer: str | None = None

    def active(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


@dataclass(frozen=True)
class QueuePage:
    """Which page of the (filtered) queue to show: ``number`` from 1, ``size`` passages
    per page (None: all of them on one page)."""

    number: int = 1
    size: int | None = PER_PAGE

    @classmethod
    def parse(cls, page: str | None, per_page: str | None) -> QueuePage:
        """The page asked for in the address (``?page=2&per_page=100``); ValueError with a
        message for the reviewer when a value is not a number in range."""
        number = _whole_number(page, "page", 1, None) if page else 1
        if not per_page:
            return cls(number)
        if per_page == "all":
            return cls(number, None)
        return cls(number, _whole_number(per_page, "per_page", 1, MAX_PER_PAGE))


def _whole_number(value: str, name: str, low: int, high: int | None) -> int:
    top = f" and {high}" if high else ""
    message = f"{name} must be a whole number {'between' if high else 'from'} {low}{top}"
    if not value.isdigit() or int(value) < low or (high is not None and int(value) > high):
        raise ValueError(f"{message}, not {value!r}" + (" (or all)" if name == "per_page" else ""))
    return int(value)


# --------------------------------------------------------------------------- the view


def queue_view(
    engine: Engine,
    filters: QueueFilters,
    page: QueuePage | None = None,
    now: datetime | None = None,
) -> dict:
    """One page of the queued passages, most suspicious first, filtered; progress per
    batch, counts and filter options over the whole queue; links to the other pages."""
    page = page or QueuePage()
    with engine.connect() as conn:
        rows = read_passages(conn)
        read_findings(conn, rows)
        review = read_review(conn, now)
        summaries = [_summary(row, review) for row in rows]
        matching = [
            (rank, row, s)
            for rank, (row, s) in enumerate(zip(rows, summaries, strict=True), 1)
            if _matches(s, filters)
        ]
        pages = _pages(len(matching), page, filters)
        shown = matching[pages["first"] - 1 : pages["last"]] if matching else []
        outside = spans_outside(
            conn,
            [f for _, row, _ in shown for f in row.findings if span_text(row, f) is None],
        )
    return {
        "filters": filters.active(),
        "batches": _progress(rows, summaries),
        "total": len(rows),
        "shown": len(matching),
        "page": pages,
        "items": [_item(rank, row, s, review, outside) for rank, row, s in shown],
        "options": _options(rows, summaries),
    }


def _summary(row: QueuedPassage, review: Review) -> dict:
    """What the filters, counts and options need of a passage: its findings' check,
    category, severity and status (added errors included), the passage status and who
    decided on it."""
    fs = []
    who: set[str] = set()
    for f in row.findings:
        state = review.states.get((row.batch, f.finding_key))
        fs.append(
            {
                "check": f.check_id,
                "category": f.category,
                "severity": f.severity,
                "status": state.status if state else "open",
                "missed": False,
            }
        )
        who |= review.reviewers.get((row.batch, f.finding_key), set())
    for m in review.missed.get(row.ref, []):
        fs.append(
            {
                "check": "missed",
                "category": m.category,
                "severity": m.severity,
                "status": "missed",
                "missed": True,
            }
        )
        who |= review.reviewers.get((row.batch, m.finding_key), set())
    return {
        "batch": row.batch,
        "batch_name": batch_name(row.batch),
        "document": row.path,
        "findings": fs,
        "status": passage_status(fs),
        "reviewers": sorted(who),
    }


def _item(rank: int, row: QueuedPassage, summary: dict, review: Review, outside: dict) -> dict:
    """A passage of the page as the queue shows it, with its findings in full."""
    fs = []
    for f in row.findings:
        text = span_text(row, f)
        finding = Finding(
            document=row.path,
            passage_id=row.passage_id,
            start=f.start,
            end=f.end,
            text=text if text is not None else outside.get(f.id, ""),
            check=f.check_id,
            category=f.category,
            severity=f.severity,
            message=f.message,
            suggestion=f.suggestion,
            source_text=f.source_text,
            score=f.score,
        )
        fs.append(finding_dict(finding, review.states.get((row.batch, f.finding_key)), row.start))
    for m in review.missed.get(row.ref, []):
        fs.append(missed_dict(m, review.states[(row.batch, m.finding_key)], row.start))
    claim = review.claims.get(row.ref)
    return {
        "rank": rank,
        "batch": row.batch,
        "batch_name": summary["batch_name"],
        "document_id": row.document_id,
        "document": row.path,
        "title": row.title,
        "mt_engine": provenance_engine(row.provenance),
        "passage_id": row.passage_id,
        "paragraph": row.index + 1,
        "start": row.start,
        "end": row.end,
        "text": row.text,
        "score": round(row.score, 4),
        "status": summary["status"],
        "findings": fs,
        "reviewers": summary["reviewers"],
        "claim": {"reviewer": claim.reviewer, "until": claim.expires_at} if claim else None,
        "url": f"/passage/{row.document_id}/{row.passage_id}",
    }


def _pages(matching: int, page: QueuePage, filters: QueueFilters) -> dict:
    """Where the page is in the filtered queue, and links to its neighbours (filters kept).

    A page past the end shows the last one (after decisions, fewer passages may match).
    """
    size = page.size or max(matching, 1)
    count = max(1, -(-matching // size))
    number = min(page.number, count)
    first = (number - 1) * size + 1
    last = min(matching, number * size)

    def link(n: int) -> str:
        query = dict(filters.active())
        if n > 1:
            query["page"] = str(n)
        if page.size != PER_PAGE:
            query["per_page"] = str(page.size or "all")
        return "/" + (f"?{urlencode(query)}" if query else "")

    return {
        "number": number,
        "pages": count,
        "per_page": page.size,
        "first": first if matching else 0,
        "last": last,
        "previous": link(number - 1) if number > 1 else None,
        "next": link(number + 1) if number < count else None,
    }


def _progress(rows: list[QueuedPassage], summaries: list[dict]) -> list[dict]:
    """Decided findings and passage statuses per batch, over the whole queue."""
    progress: dict[str, Counter] = defaultdict(Counter)
    for row, s in zip(rows, summaries, strict=True):
        p = progress[row.batch]
        p["passages"] += 1
        p[s["status"]] += 1
        for f in s["findings"]:
            if f["missed"]:
                p["missed"] += 1
            else:
                p["findings"] += 1
                p["decided"] += f["status"] != "open"
    return [
        {
            "batch": b,
            "name": batch_name(b),
            "passages": c["passages"],
            "open": c["open"],
            "in_progress": c["in progress"],
            "done": c["done"],
            "findings": c["findings"],
            "decided": c["decided"],
            "missed": c["missed"],
            "percent": round(100 * c["decided"] / c["findings"]) if c["findings"] else 100,
        }
        for b, c in sorted(progress.items())
    ]


def _options(rows: list[QueuedPassage], summaries: list[dict]) -> dict:
    """The values each filter can take in the whole queue."""
    options: dict[str, set] = defaultdict(set)
    for row, s in zip(rows, summaries, strict=True):
        options["batch"].add(row.batch)
        options["document"].add(row.path)
        options["reviewer"].update(s["reviewers"])
        for f in s["findings"]:
            if not f["missed"]:
                options["check"].add(f["check"])
            options["category"].add(f["category"])
    return {
        "batch": sorted(options["batch"]),
        "document": sorted(options["document"]),
        "check": sorted(options["check"]),
        "category": sorted(options["category"]),
        "severity": list(SEVERITIES),
        "status": list(PASSAGE_STATUSES),
        "reviewer": sorted(options["reviewer"]),
    }


def _matches(item: dict, f: QueueFilters) -> bool:
    fs = item["findings"]
    if f.batch and item["batch"] != f.batch and item["batch_name"] != f.batch:
        return False
    if f.document and item["document"] != f.document:
        return False
    if f.check and not any(x["check"] == f.check for x in fs):
        return False
    if f.category and not any(
        x["category"] == f.category or x["category"].startswith(f.category + "/") for x in fs
    ):
        return False
    if f.severity and not any(x["severity"] == f.severity for x in fs):
        return False
    if f.status and item["status"] != f.status:
        return False
    return not (f.reviewer and f.reviewer not in item["reviewers"])


# --------------------------------------------------------------------------- neighbours


def queue_neighbours(engine: Engine, document_id: int, passage_id: str) -> dict:
    """URLs of the previous and next passage in queue order (None at either end), and of
    the queue page that lists this passage."""
    with engine.connect() as conn:
        keys = queued_keys(conn)
    here = (document_id, passage_id)
    if here not in keys:
        return {"previous": None, "next": None, "position": None, "total": len(keys), "page": "/"}
    i = keys.index(here)
    url = "/passage/{}/{}".format
    return {
        "previous": url(*keys[i - 1]) if i > 0 else None,
        "next": url(*keys[i + 1]) if i + 1 < len(keys) else None,
        "position": i + 1,
        "total": len(keys),
        "page": f"/?page={i // PER_PAGE + 1}" if i >= PER_PAGE else "/",
    }
