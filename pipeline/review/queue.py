"""The review queue: queued passages, most suspicious first, with filters and progress."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine, select

from pipeline.mqm import SEVERITIES
from pipeline.review import decisions as dec
from pipeline.review.records import (
    batch_name,
    finding_dict,
    missed_dict,
    passage_status,
    provenance_engine,
)
from pipeline.store import reads
from pipeline.store.schema import decisions

PASSAGE_STATUSES = ("open", "in progress", "done")


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


@dataclass
class _Row:
    """A queued passage as read from the store."""

    document_id: int
    batch: str
    path: str
    title: str | None
    provenance: str | None
    passage_id: str
    index: int
    start: int
    end: int
    text: str
    score: float
    findings: list[dict] = field(default_factory=list)


def _queue_rows(engine: Engine) -> list[_Row]:
    rows, found = reads.queued_rows(engine)
    out = []
    for r in rows:
        item = _Row(
            document_id=r.document_id,
            batch=r.batch,
            path=r.path,
            title=r.title,
            provenance=r.provenance,
            passage_id=r.passage_id,
            index=r.idx,
            start=r.start,
            end=r.end,
            text=r.text,
            score=r.score,
        )
        item.findings = found[(r.document_id, r.passage_id)]  # type: ignore[assignment]
        out.append(item)
    return out


def queue_view(engine: Engine, filters: QueueFilters, now: datetime | None = None) -> dict:
    """Queued passages, most suspicious first, filtered; progress per batch; filter options."""
    rows = _queue_rows(engine)
    state = dec.states(engine)
    missed_by_passage: dict[tuple[str, str, str], list[dec.MissedError]] = defaultdict(list)
    for m in dec.missed_errors(engine):
        missed_by_passage[(m.batch, m.document, m.passage_id)].append(m)
    claimed = dec.live_claims(engine, now=now)
    reviewers_of = _reviewers_by_key(engine)

    items, options = [], defaultdict(set)
    progress: dict[str, Counter] = defaultdict(Counter)
    for position, row in enumerate(rows, 1):
        fs = [finding_dict(f, state.get(f.key), row.start) for f in row.findings]
        ref = dec.PassageRef(row.batch, row.path, row.passage_id)
        fs += [
            missed_dict(m, state[m.finding_key], row.start) for m in missed_by_passage.get(ref, [])
        ]
        status = passage_status(fs)
        who = set().union(*(reviewers_of.get(f["key"], set()) for f in fs)) if fs else set()
        claim = claimed.get(ref)
        item = {
            "rank": position,
            "batch": row.batch,
            "batch_name": batch_name(row.batch),
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
            "status": status,
            "findings": fs,
            "reviewers": sorted(who),
            "claim": {"reviewer": claim.reviewer, "until": claim.expires_at} if claim else None,
            "url": f"/passage/{row.document_id}/{row.passage_id}",
        }
        p = progress[row.batch]
        p["passages"] += 1
        p[status] += 1
        p["findings"] += sum(1 for f in fs if not f["missed"])
        p["decided"] += sum(1 for f in fs if not f["missed"] and f["status"] != "open")
        p["missed"] += sum(1 for f in fs if f["missed"])
        options["batch"].add(row.batch)
        options["document"].add(row.path)
        options["reviewer"].update(who)
        for f in fs:
            if not f["missed"]:
                options["check"].add(f["check"])
            options["category"].add(f["category"])
        if _matches(item, filters):
            items.append(item)
    batches = [
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
    return {
        "filters": filters.active(),
        "batches": batches,
        "total": len(rows),
        "shown": len(items),
        "items": items,
        "options": {
            "batch": sorted(options["batch"]),
            "document": sorted(options["document"]),
            "check": sorted(options["check"]),
            "category": sorted(options["category"]),
            "severity": list(SEVERITIES),
            "status": list(PASSAGE_STATUSES),
            "reviewer": sorted(options["reviewer"]),
        },
    }


def _reviewers_by_key(engine: Engine) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    with engine.connect() as conn:
        for key, reviewer in conn.execute(select(decisions.c.finding_key, decisions.c.reviewer)):
            found[key].add(reviewer)
    return found


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


def queue_neighbours(engine: Engine, document_id: int, passage_id: str) -> dict:
    """URLs of the previous and next passage in queue order (None at either end)."""
    rows = _queue_rows(engine)
    keys = [(r.document_id, r.passage_id) for r in rows]
    here = (document_id, passage_id)
    if here not in keys:
        return {"previous": None, "next": None, "position": None, "total": len(keys)}
    i = keys.index(here)
    url = "/passage/{}/{}".format
    return {
        "previous": url(*keys[i - 1]) if i > 0 else None,
        "next": url(*keys[i + 1]) if i + 1 < len(keys) else None,
        "position": i + 1,
        "total": len(keys),
    }
