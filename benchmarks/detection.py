"""Detection quality on the development set: mtreview against pofilter, in one run.

Runs mtreview on each part of benchmarks/data/devset (tune, heldout) in a fresh SQLite
store and scores the findings with ``pipeline.evaluate``; the clean texts of
benchmarks/data/clean plus the trusted news report of ../shared/seeds are the false-alarm
base (every finding on them is a false alarm). The same texts go through translate-toolkit's
pofilter StandardChecker as the peer: sentence pairs where a Korean original exists
(aligned by mtreview's aligner, so both tools see the same pairs), and the English alone
otherwise (pofilter compares each sentence with itself, so only its target-side checks can
fire). A pofilter failure counts as a finding on the whole sentence.

    .venv/bin/python benchmarks/detection.py [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

from pipeline.evaluate import evaluate, load_gold
from pipeline.export.jsonl import findings_records
from pipeline.runner import run_batch
from pipeline.segment import split_sentences
from pipeline.store import reads
from pipeline.store.engine import open_store

ROOT = Path(__file__).resolve().parent
DEVSET = ROOT / "data" / "devset"
CLEAN = ROOT / "data" / "clean"
SEED_NEWS = ROOT.parents[1] / "shared" / "seeds" / "001_47540a53c01c72d8.txt"


def run_mtreview(batch: Path, workdir: Path) -> tuple[list[dict], dict[str, str], list]:
    engine = open_store(f"sqlite:///{workdir / (batch.name + '.sqlite3')}")
    run_batch(batch, engine)
    stored = [s.document for s in reads.load_documents(engine)]
    texts = {d.path: d.text for d in stored if not d.trusted and d.lang == "en"}
    findings = list(findings_records(engine))
    engine.dispose()
    return findings, texts, stored


def pofilter_findings(stored: list, texts: dict[str, str]) -> list[dict]:
    """pofilter's standard checks on the same sentences, as findings with sentence spans."""
    from translate.filters import checks
    from translate.storage import pypo

    from pipeline.pair.passages import align_passages
    from pipeline.segment import segment_document

    checker = checks.StandardChecker()
    by_path = {d.path: d for d in stored}
    found = []
    for path, text in texts.items():
        doc = by_path[path]
        original = by_path.get(doc.original) if doc.original else None
        pairs: list[tuple[int, int, str, str]] = []
        if original is not None:
            _, links = align_passages(segment_document(doc), segment_document(original))
            for link in links:
                if link.en:
                    korean = " ".join(s.text for s in link.ko)
                    pairs += [(s.start, s.end, korean, s.text) for s in link.en]
        else:
            pairs = [(s.start, s.end, s.text, s.text) for s in split_sentences(text, "en")]
        for start, end, source, target in pairs:
            unit = pypo.pounit(source)
            unit.target = target
            for name in checker.run_filters(unit):
                found.append(
                    {
                        "document": path,
                        "start": start,
                        "end": end,
                        "text": text[start:end],
                        "check": f"pofilter.{name}",
                        "severity": "minor",
                    }
                )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the reports as JSON")
    args = parser.parse_args()
    rows, reports = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        clean_batch = work / "clean"
        shutil.copytree(CLEAN, clean_batch)
        if SEED_NEWS.exists():
            shutil.copy(SEED_NEWS, clean_batch / "seed-news-report.en.txt")
        clean_found, clean_texts, clean_stored = run_mtreview(clean_batch, work)
        clean_pofilter = pofilter_findings(clean_stored, clean_texts)
        for part in ("tune", "heldout"):
            found, texts, stored = run_mtreview(DEVSET / part, work)
            gold = load_gold(DEVSET / part / "gold.jsonl")
            all_texts = {**texts, **clean_texts}
            for tool, findings in (
                ("mtreview", found + clean_found),
                ("pofilter", pofilter_findings(stored, texts) + clean_pofilter),
            ):
                report = evaluate(gold, findings, all_texts, set(clean_texts))
                reports[f"{tool}/{part}"] = report.to_json()
                rows.append((tool, part, report))
    if args.json:
        print(json.dumps(reports, indent=2))
        return
    print("Detection on the development set (+ clean texts and the seed news report)")
    print(
        f"{'tool':<10}{'part':<9}{'recall':>8}{'major+':>8}{'mono':>7}{'source':>8}"
        f"{'findings':>10}{'precision':>11}{'FA/1k':>7}{'major FA':>10}"
    )
    for tool, part, r in rows:
        by_source = {k: v.recall for k, v in r.by_needs_source.items()}
        precision = 1 - len(r.false_alarms) / r.findings if r.findings else None
        print(
            f"{tool:<10}{part:<9}{_pct(r.recall):>8}{_pct(r.major_and_above.recall):>8}"
            f"{_pct(by_source.get(False)):>7}{_pct(by_source.get(True)):>8}"
            f"{r.findings:>10}{_pct(precision):>11}"
            f"{r.false_alarms_per_1k_words or 0:>7.2f}{r.major_false_alarms:>10}"
        )
    clean_words = sum(len(t.split()) for t in clean_texts.values())
    clean_major = [f for f in clean_found if f["severity"] in ("major", "critical")]
    print(
        f"\nclean texts alone: {len(clean_found)} findings in {clean_words} words "
        f"({1000 * len(clean_found) / clean_words:.2f} per 1,000), {len(clean_major)} major"
    )
    print(
        "targets (heldout): major recall >= 0.80, overall >= 0.65; clean: <= 2 per 1,000, no major"
    )


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


if __name__ == "__main__":
    main()
