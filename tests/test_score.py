"""Suspicion scores: Beta posteriors per check, noisy-OR per passage, ranking."""

from pipeline.model import Finding, Passage
from pipeline.score import check_precision, noisy_or, rank_passages, score_findings


def finding(pid: str, check: str, severity: str, start: int = 0) -> Finding:
    return Finding(
        document="a.en.txt",
        passage_id=pid,
        start=start,
        end=start + 3,
        text="abc",
        check=check,
        category="accuracy/mistranslation",
        severity=severity,
        message="m",
    )


def test_prior_mean_grows_with_severity():
    means = [check_precision(s).mean for s in ("neutral", "minor", "major", "critical")]
    assert means == sorted(means) and len(set(means)) == 4


def test_dismissals_lower_and_accepts_raise_precision():
    prior = check_precision("major").mean
    assert check_precision("major", hits=0, false_alarms=10).mean < prior
    assert check_precision("major", hits=10, false_alarms=0).mean > prior


def test_noisy_or_of_two_findings_exceeds_either():
    assert abs(noisy_or([0.5, 0.5]) - 0.75) < 1e-9
    assert noisy_or([]) == 0.0


def test_passages_rank_by_suspicion_and_learn_from_verdicts():
    passages = {
        pid: Passage(pid, "a.en.txt", i, i * 10, i * 10 + 5, "text.", "en")
        for i, pid in enumerate(["p1", "p2", "p3"])
    }
    found = [
        finding("p1", "c.minor", "minor"),
        finding("p2", "c.major", "major"),
        finding("p3", "c.minor", "minor"),
        finding("p3", "c.minor2", "minor", start=5),
    ]
    severity = {"c.minor": "minor", "c.major": "major", "c.minor2": "minor"}
    score_findings(found, severity)
    ranked = rank_passages(found, passages)
    assert [q.passage_id for q in ranked] == ["p3", "p2", "p1"]
    assert [q.rank for q in ranked] == [1, 2, 3]
    # reviewers keep dismissing c.major: p2 drops below the single minor finding
    score_findings(found, severity, {"c.major": (0, 20)})
    ranked = rank_passages(found, passages)
    assert [q.passage_id for q in ranked][-1] == "p2"
