"""Check throughput: aligned pairs per second of mtreview's full check suite against
translate-toolkit's pofilter StandardChecker on the same pairs, measured in one run.

The pairs are the 2,000 Korean–English sentence pairs of ../shared/data (Park et al. 2016
news test split), grouped in their 100 pseudo-documents of 20 pairs. mtreview gets each
pseudo-document as an English document with its Korean original, already aligned one to
one (so this measures the checks, not the aligner), and runs every passage and document
check. pofilter runs its standard checks on each pair as a PO unit. Also printed:
monolingual sentences per second (the same English documents without the Korean).

    .venv/bin/python benchmarks/check_throughput.py [--repeat 5]

Times are CPU seconds of this process (both tools run single-threaded here), so other work on
a shared machine does not tilt the ratio; the tools take turns pass by pass and the best of
``--repeat`` passes of each is kept.

translate-toolkit is GPL: it is only a benchmark peer (the `bench` extra), never imported by
the package.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from time import process_time

from pipeline.checks.registry import CheckContext, all_checks, run_checks
from pipeline.model import AlignedPair, Document
from pipeline.pair.passages import SentenceLink
from pipeline.segment import segment_document

Timing = tuple[float, int, int]  # CPU seconds, sentence pairs, findings or failures

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "koen-news-park2016" / "docs.jsonl"


def load_documents() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text("utf-8").splitlines()]


def prepared(
    records: list[dict], with_source: bool
) -> list[tuple[list[AlignedPair], CheckContext]]:
    """Segmented documents with their 1-1 sentence pairs, ready for the checks."""
    jobs = []
    for rec in records:
        en_doc = Document(
            path=f"{rec['id']}.en.txt",
            text="\n\n".join(rec["en"]) + "\n",
            lang="en",
            content_hash="0",
            encoding="utf-8",
        )
        ko_doc = Document(
            path=f"{rec['id']}.ko.txt",
            text="\n\n".join(rec["ko"]) + "\n",
            lang="ko",
            content_hash="0",
            encoding="utf-8",
        )
        en_passages = segment_document(en_doc)
        ko_passages = segment_document(ko_doc)
        if not with_source or len(en_passages) != len(ko_passages):
            pairs = [AlignedPair(p) for p in en_passages]
            links = []
        else:
            pairs = [AlignedPair(e, k) for e, k in zip(en_passages, ko_passages, strict=True)]
            links = [
                SentenceLink(tuple(k.segments), tuple(e.segments), 1.0)
                for e, k in zip(en_passages, ko_passages, strict=True)
            ]
        ctx = CheckContext(
            document=en_doc,
            passages=en_passages,
            pairs=pairs,
            source=ko_doc if with_source else None,
            resources={"sentence_links": links},
        )
        jobs.append((pairs, ctx))
    return jobs


def clear_result_caches() -> None:
    """Forget per-text results cached by the checks, so a repeat measures real work
    (loaded knowledge such as word lists and gazetteers stays loaded, as in a real run)."""
    from pipeline.checks import bilingual, entities, figures, registry, variants
    from pipeline.lexicon import calques, dates, leaders, names

    caches = (  # everything cached per text; per-word caches stay warm, as in a long run
        bilingual.sentence_pairs,
        entities.analyse,
        figures._passage_figures,
        registry._distinctive_names,
        variants._text_tokens,
        variants._name_words,
        calques._find_literals,
        calques._find_korean,
        dates._english_dates,
        dates._korean_dates,
        leaders.capitalised_words,
        names._name_phrases,
    )
    for cached in caches:
        cached.cache_clear()


def time_mtreview(jobs) -> Timing:
    checks = all_checks()
    clear_result_caches()
    for _, ctx in jobs:  # per-document results the checks share within one run
        ctx.resources.pop("sentence_pairs", None)
    start = process_time()
    pairs = findings = 0
    for doc_pairs, ctx in jobs:
        found, _ = run_checks(doc_pairs, ctx, checks)
        pairs += len(doc_pairs)
        findings += len(found)
    return process_time() - start, pairs, findings


def time_pofilter(records: list[dict]) -> Timing:
    from translate.filters import checks
    from translate.storage import pypo

    checker = checks.StandardChecker()
    units = []
    for rec in records:
        for ko, en in zip(rec["ko"], rec["en"], strict=True):
            unit = pypo.pounit(ko)
            unit.target = en
            units.append(unit)
    start = process_time()
    failures = sum(len(checker.run_filters(unit)) for unit in units)
    return process_time() - start, len(units), failures


def best_of(runs: list[Callable[[], Timing]], repeat: int) -> list[Timing]:
    """Each run's fastest of ``repeat`` timings; the runs take turns pass by pass, so that
    load from other work on the machine falls on all of them alike."""
    timings: list[list[Timing]] = [[] for _ in runs]
    for _ in range(repeat):
        for run, done in zip(runs, timings, strict=True):
            done.append(run())
    return [min(done, key=lambda t: t[0]) for done in timings]


def main() -> None:
    parser = argparse.ArgumentParser(description="check throughput against pofilter")
    parser.add_argument("--repeat", type=int, default=5, help="best of N timings")
    args = parser.parse_args()
    records = load_documents()
    bilingual = prepared(records, with_source=True)
    monolingual = prepared(records, with_source=False)
    # one warm-up pass: gazetteers, word lists and lexicon patterns load once per process
    # (they are compiled lazily, word by word); per-text result caches are cleared before
    # every timed pass
    time_mtreview(bilingual)
    tools = {
        "mtreview, all checks, with Korean": lambda: time_mtreview(bilingual),
        "mtreview, English only": lambda: time_mtreview(monolingual),
        "pofilter StandardChecker": lambda: time_pofilter(records),
    }
    fastest = best_of(list(tools.values()), args.repeat)
    rows = [(name, *best) for name, best in zip(tools, fastest, strict=True)]
    peer = rows[-1][2] / rows[-1][1]
    print(f"{len(records)} documents, {rows[-1][2]} sentence pairs, best of {args.repeat}")
    print(f"{'tool':<36}{'seconds':>9}{'pairs/s':>10}{'findings':>10}{'vs pofilter':>13}")
    for name, seconds, pairs, findings in rows:
        rate = pairs / seconds
        print(f"{name:<36}{seconds:>9.3f}{rate:>10.0f}{findings:>10}{rate / peer:>12.2f}x")


if __name__ == "__main__":
    main()
