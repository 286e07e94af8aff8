"""Passage suspicion from findings, and the ranked review queue.

Each check's precision (the chance that one of its findings is a real error) is a Beta
posterior: the prior comes from the check's severity and reviewers' decisions update it
(accept or correct = hit, dismiss = false alarm). A passage's suspicion is the noisy-OR of
its findings' precisions: the chance that at least one of them is right.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from pipeline.model import Finding, Passage, QueueItem

#: Beta(alpha, beta) prior of a check's precision by its default severity
SEVERITY_PRIORS = {
    "neutral": (1.0, 4.0),
    "minor": (2.0, 3.0),
    "major": (3.0, 2.0),
    "critical": (4.0, 1.0),
}

#: passages a reviewer gets through in a working day: the default review budget
DEFAULT_BUDGET = 150


@dataclass(frozen=True)
class Precision:
    alpha: float
    beta: float

    @property
    def mean(self) -> float:
        return self.alpha / (self.alpha + self.beta)

    def updated(self, hits: int, false_alarms: int) -> Precision:
        return Precision(self.alpha + hits, self.beta + false_alarms)


def check_precision(severity: str, hits: int = 0, false_alarms: int = 0) -> Precision:
    """Posterior precision of a check with default ``severity`` after reviewers' verdicts."""
    alpha, beta = SEVERITY_PRIORS.get(severity, SEVERITY_PRIORS["minor"])
    return Precision(alpha, beta).updated(hits, false_alarms)


def noisy_or(probabilities: list[float]) -> float:
    """Chance that at least one of independent events with these probabilities happens."""
    miss = 1.0
    for p in probabilities:
        miss *= 1.0 - p
    return 1.0 - miss


def score_findings(
    findings: list[Finding],
    default_severity: dict[str, str],
    verdicts: dict[str, tuple[int, int]] | None = None,
) -> None:
    """Set ``finding.score`` to the posterior precision of its check (in place).

    ``default_severity`` maps check id to its default severity (the prior);
    ``verdicts`` maps check id to (hits, false alarms) counted from decisions. A finding
    whose severity is raised above its check's default (e.g. critical) keeps the larger
    of the two priors.
    """
    verdicts = verdicts or {}
    scores: dict[tuple[str, str], float] = {}  # one computation per check and severity
    for finding in findings:
        kind = (finding.check, finding.severity)
        score = scores.get(kind)
        if score is None:
            hits, false_alarms = verdicts.get(finding.check, (0, 0))
            base = check_precision(
                default_severity.get(finding.check, finding.severity), hits, false_alarms
            )
            own = check_precision(finding.severity, hits, false_alarms)
            score = scores[kind] = round(max(base.mean, own.mean), 6)
        finding.score = score


def rank_passages(findings: list[Finding], passages: dict[str, Passage]) -> list[QueueItem]:
    """Passages with findings, most suspicious first (ties: document, then text order)."""
    by_passage: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_passage[finding.passage_id].append(finding)
    items = []
    for passage_id, found in by_passage.items():
        passage = passages[passage_id]
        found.sort(key=lambda f: (-f.score, f.start))
        items.append(
            QueueItem(
                rank=0,
                document=passage.document,
                passage_id=passage_id,
                start=passage.start,
                end=passage.end,
                text=passage.text,
                score=round(noisy_or([f.score for f in found]), 6),
                findings=found,
            )
        )
    items.sort(key=lambda q: (-q.score, q.document, q.start))
    for rank, item in enumerate(items, 1):
        item.rank = rank
    return items
