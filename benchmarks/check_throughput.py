"""Check throughput: aligned pairs per second of mtreview's full check suite against
translate-toolkit's pofilter StandardChecker on the same pairs, measured in one run.

The pairs are the 2,000 Korean–English sentence pairs of ../shared/data (Park et al. 2016
news test split), grouped in their 100 pseudo-documents of 20 pairs. mtreview gets each
pseudo-document as an English document with its Korean original, already aligned one to
one (so this measures the checks, not the aligner), and runs every passage and document
check. pofilter runs its standard checks on each pair as a PO unit. Also printed:
monolingual sentences per second (the same English documents without the Korean).

    .venv/bin/python benchmarks/check_throughput.py [--passes 11]

Times are CPU seconds of this process (both tools run single-threaded here). In each pass
every tool runs over all the pairs, one after the other, as it would in use; each pass gives
a ratio to pofilter, and the median of ``--passes`` passes is printed with the lowest (a
slow spell of a shared machine during one tool's turn moves a pass's ratio ±15 %).
mtreview forgets what it cached of a text before each pass (untimed).

translate-toolkit is GPL: it is only a benchmark peer (the `bench` extra), never imported by
the package.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from statistics import median
from time import process_time

from pipeline.checks.registry import CheckContext, all_checks, run_checks
from pipeline.model import AlignedPair, Document
from pipeline.pair.passages import SentenceLink
from pipeline.segment import segment_document

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
        figures._sentence_figures,
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


class MtreviewRun:
    """mtreview's whole check suite over the prepared documents."""

    def __init__(self, jobs: list[tuple[list[AlignedPair], CheckContext]]) -> None:
        self.jobs = jobs
        self.checks = all_checks()

    def forget(self) -> None:
        """Untimed, before each pass: no result of an earlier pass is left to reuse (loaded
        knowledge such as word lists and gazetteers stays loaded, as in a real run)."""
        clear_result_caches()
        for _, ctx in self.jobs:  # per-document results the checks share within one run
            ctx.resources.pop("sentence_pairs", None)

    def __call__(self) -> int:
        return sum(len(run_checks(pairs, ctx, self.checks)[0]) for pairs, ctx in self.jobs)


class PofilterRun:
    """pofilter's StandardChecker on every pair, each a PO unit."""

    def __init__(self, records: list[dict]) -> None:
        from translate.filters import checks
        from translate.storage import pypo

        self.checker = checks.StandardChecker()
        self.units = []
        for rec in records:
            for ko, en in zip(rec["ko"], rec["en"], strict=True):
                unit = pypo.pounit(ko)
                unit.target = en
                self.units.append(unit)

    def forget(self) -> None:
        pass

    def __call__(self) -> int:
        return sum(len(self.checker.run_filters(unit)) for unit in self.units)


def timed_pass(runs: list, turn: int) -> list[tuple[float, int]]:
    """CPU seconds and findings of each run over all the pairs, one run after the other
    (starting with run ``turn``, so that none always follows the same one)."""
    timings: list[tuple[float, int]] = [(0.0, 0)] * len(runs)
    for i in range(len(runs)):
        k = (turn + i) % len(runs)
        runs[k].forget()
        start = process_time()
        found = runs[k]()
        timings[k] = (process_time() - start, found)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description="check throughput against pofilter")
    parser.add_argument("--passes", type=int, default=11, help="timed passes over the pairs")
    args = parser.parse_args()
    records = load_documents()
    pairs = sum(len(rec["en"]) for rec in records)
    names = ["mtreview, all checks, with Korean", "mtreview, English only"]
    names.append("pofilter StandardChecker")
    runs = [
        MtreviewRun(prepared(records, with_source=True)),
        MtreviewRun(prepared(records, with_source=False)),
        PofilterRun(records),
    ]
    # one warm-up pass: gazetteers, word lists and lexicon patterns load once per process
    # (they are compiled lazily, word by word)
    timed_pass(runs, 0)
    passes = [timed_pass(runs, turn) for turn in range(args.passes)]
    print(f"{len(records)} documents, {pairs} sentence pairs, {args.passes} passes")
    print(
        f"{'tool':<36}{'seconds':>9}{'pairs/s':>10}{'findings':>10}{'vs pofilter':>13}{'lowest':>9}"
    )
    for k, name in enumerate(names):
        seconds = median(p[k][0] for p in passes)
        ratios = [p[-1][0] / p[k][0] for p in passes]  # the same pairs: a ratio of rates
        print(
            f"{name:<36}{seconds:>9.3f}{pairs / seconds:>10.0f}{passes[0][k][1]:>10}"
            f"{median(ratios):>12.2f}x{min(ratios):>8.2f}x"
        )


if __name__ == "__main__":
    main()
