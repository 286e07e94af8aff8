"""The batch HTML report on a real run: MQM, HTER and precision from reviewers' decisions.

Each test runs the pipeline on a real batch (tests/batches.py), records decisions through
the review library, writes the report and reads the figures back out of the HTML. Expected
figures are computed here from the decisions made, the stored words and the severity weights.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from batches import make_batch
from lxml import html as lxml_html
from sacrebleu.metrics import TER

from pipeline.checks.registry import all_checks
from pipeline.export.report import write_report
from pipeline.export.report_data import batches_in
from pipeline.model import REVIEWABLE_KINDS, Finding
from pipeline.mqm import SEVERITIES, severity_weights
from pipeline.review import decisions as dec
from pipeline.review.records import count_words
from pipeline.runner import batch_key, run_batch
from pipeline.score import check_precision
from pipeline.store import reads
from pipeline.store.engine import open_store

RICE = "rice.en.txt"
KURSK = "kursk-blood-pact-column.en.txt"
NEWS = "news-2025-12-14-kim-kursk-casualties.en.txt"
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def sqlite_engine(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'report.sqlite3'}")
    yield engine
    engine.dispose()


def run(engine, root: Path) -> str:
    root.mkdir(exist_ok=True)
    batch = make_batch(root)
    assert run_batch(batch, engine).failures == []
    return batch_key(batch)


def read(path: Path):
    return lxml_html.fromstring(path.read_text("utf-8"))


def number(text: str) -> float:
    return float(text.strip().replace(",", ""))


def cell(tree, xpath: str) -> str:
    found = tree.xpath(xpath)
    assert len(found) == 1, f"{xpath} matched {len(found)} elements"
    return found[0].text_content().strip()


@dataclass
class Review:
    """The decisions a test made, and what they make of the batch's findings."""

    key: str
    findings: list[Finding]
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (document, severity, check)
    dismissed: list[Finding] = field(default_factory=list)
    corrections: list[tuple[str, str, str]] = field(default_factory=list)  # (document, mt, pe)
    decided: set[str] = field(default_factory=set)  # finding keys

    def open_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.key not in self.decided]


def review_batch(engine, key: str) -> Review:
    """Accept (raising the severity), correct twice, dismiss, add a missed error, correct in
    a second document and dismiss there too."""
    found = reads.load_findings(engine, key)
    passages = reads.load_passages(engine, key)
    r = Review(key, found)

    def pick(document: str, check: str) -> Finding:
        hits = [f for f in found if f.document == document and f.check == check]
        assert hits, f"{check} found nothing in {document}: the batch no longer exercises it"
        return hits[0]

    def correct(f: Finding, old: str, new: str) -> None:
        mt = passages[f.passage_id].text
        pe = mt.replace(old, new, 1)
        dec.record_decision(engine, key, f, "correct", "mina", after_text=pe)
        r.corrections.append((f.document, mt, pe))
        r.errors.append((f.document, f.severity, f.check))
        r.decided.add(f.key)

    hangul = pick(RICE, "untranslated.hangul")
    dec.record_decision(
        engine, key, hangul, "accept", "mina", severity="critical", category="accuracy/omission"
    )
    r.errors.append((RICE, "critical", hangul.check))
    r.decided.add(hangul.key)

    correct(pick(RICE, "fluency.doubled_word"), "The the", "The")
    quote = pick(RICE, "punctuation.unbalanced")
    correct(quote, "the bucket and", "the bucket” and")

    space = pick(RICE, "punctuation.space_before")
    dec.record_decision(engine, key, space, "dismiss", "mina", comment="house style")
    r.dismissed.append(space)
    r.decided.add(space.key)

    passage = passages[quote.passage_id]
    start = passage.start + passage.text.index("direct payments")
    dec.add_missed(
        engine,
        key,
        RICE,
        quote.passage_id,
        start,
        start + len("direct payments"),
        "mina",
        "accuracy/mistranslation",
        "major",
    )
    r.errors.append((RICE, "major", "missed"))

    correct(pick(KURSK, "geo.feature_mismatch"), "Kursk Peninsula", "Kursk region")
    collocation = pick(KURSK, "calque.rare_collocation")
    dec.record_decision(engine, key, collocation, "dismiss", "mina")
    r.dismissed.append(collocation)
    r.decided.add(collocation.key)
    return r


def words_of(engine, key: str, document: str) -> int:
    return sum(
        count_words(p.text)
        for p in reads.load_passages(engine, key).values()
        if p.document == document and p.kind in REVIEWABLE_KINDS
    )


# --------------------------------------------------------------------------- figures


def test_mqm_per_document_and_batch_counts_confirmed_and_added_errors_only(store_engine, tmp_path):
    engine = store_engine
    key = run(engine, tmp_path / "corpus")
    r = review_batch(engine, key)
    summary = write_report(engine, tmp_path / "report.html")
    tree = read(tmp_path / "report.html")
    weights = severity_weights()

    words = {doc: words_of(engine, key, doc) for doc in (RICE, KURSK)}
    assert words[RICE] < count_words(reads.load_document(engine, key, RICE).text)  # no byline
    for doc in (RICE, KURSK):
        points = sum(weights[sev] for d, sev, _ in r.errors if d == doc)
        open_points = sum(weights[f.severity] for f in r.open_findings() if f.document == doc)
        row = f'//tr[@class="doc"][@data-document="{doc}"]'
        assert number(cell(tree, row + '/td[contains(@class,"words")]')) == words[doc]
        assert number(cell(tree, row + '/td[contains(@class,"points")]')) == points
        assert number(cell(tree, row + '/td[contains(@class,"mqm")]')) == pytest.approx(
            points * 1000 / words[doc], abs=0.005
        )
        assert number(cell(tree, row + '/td[contains(@class,"est")]')) == pytest.approx(
            (points + open_points) * 1000 / words[doc], abs=0.005
        )

    total_words = words[RICE] + words[KURSK]
    points = sum(weights[sev] for _, sev, _ in r.errors)
    open_points = sum(weights[f.severity] for f in r.open_findings())
    assert number(cell(tree, '//*[@id="mqm-value"]')) == pytest.approx(
        points * 1000 / total_words, abs=0.005
    )
    assert number(cell(tree, '//*[@id="estimate-value"]')) == pytest.approx(
        (points + open_points) * 1000 / total_words, abs=0.005
    )
    assert summary.words == total_words  # the trusted news report is not counted
    assert summary.errors == len(r.errors) == 5
    assert summary.open == len(r.open_findings())
    assert summary.corrections == 3
    assert summary.mqm_per_1000_words == round(points * 1000 / total_words, 2)

    # the reviewer's severity counts: the accepted Hangul finding is critical now
    for severity in SEVERITIES:
        row = f'//table[@id="table-severity"]//tr[@data-label="{severity}"]'
        confirmed = sum(1 for _, sev, check in r.errors if sev == severity and check != "missed")
        added = sum(1 for _, sev, check in r.errors if sev == severity and check == "missed")
        still_open = sum(1 for f in r.open_findings() if f.severity == severity)
        assert number(cell(tree, row + '/td[contains(@class,"confirmed")]')) == confirmed
        assert number(cell(tree, row + '/td[contains(@class,"added")]')) == added
        assert number(cell(tree, row + '/td[contains(@class,"open")]')) == still_open
    omission = '//table[@id="table-category"]//tr[@data-label="accuracy/omission"]'
    assert number(cell(tree, omission + '/td[contains(@class,"confirmed")]')) == 1

    # trusted press is listed as a reference, not scored
    assert tree.xpath(f'//tr[@class="trusted"][@data-document="{NEWS}"]')
    assert not tree.xpath(f'//tr[@class="doc"][@data-document="{NEWS}"]')


def test_hter_is_sacrebleu_ter_of_the_mt_against_the_corrected_passages(sqlite_engine, tmp_path):
    key = run(sqlite_engine, tmp_path / "corpus")
    r = review_batch(sqlite_engine, key)
    write_report(sqlite_engine, tmp_path / "report.html", batch=key)
    tree = read(tmp_path / "report.html")

    def ter(pairs: list[tuple[str, str, str]]) -> float:
        metric = TER(case_sensitive=True)
        return metric.corpus_score([mt for _, mt, _ in pairs], [[pe for _, _, pe in pairs]]).score

    assert len({doc for doc, _, _ in r.corrections}) == 2
    assert number(cell(tree, '//*[@id="hter-score"]')) == pytest.approx(
        ter(r.corrections), abs=0.005
    )
    for doc in (RICE, KURSK):
        mine = [c for c in r.corrections if c[0] == doc]
        row = f'//tr[@class="doc-hter"][@data-document="{doc}"]/td[contains(@class,"hter")]'
        assert number(cell(tree, row)) == pytest.approx(ter(mine), abs=0.005)
    metric = TER(case_sensitive=True)
    metric.corpus_score(["a b c"], [["a b d"]])  # a signature needs one evaluation
    signature = str(metric.get_signature())
    assert "case:mixed" in signature
    assert cell(tree, '//*[@id="hter-signature"]') == signature
    shown = [div.text_content() for div in tree.xpath('//div[@class="pe"]')]
    assert any("the bucket” and demanded" in text for text in shown)  # beside the MT
    assert tree.xpath('//div[@class="pe"]//ins[text()="”"]')  # the change is marked


def test_precision_per_check_counts_hits_and_false_alarms(sqlite_engine, tmp_path):
    key = run(sqlite_engine, tmp_path / "corpus")
    r = review_batch(sqlite_engine, key)
    write_report(sqlite_engine, tmp_path / "report.html")
    tree = read(tmp_path / "report.html")
    defaults = {spec.id: spec.severity for spec in all_checks()}
    hits = Counter(check for _, _, check in r.errors if check != "missed")
    false_alarms = Counter(f.check for f in r.dismissed)
    assert hits and false_alarms
    for check in {f.check for f in r.findings}:
        row = f'//tr[@class="check"][@data-check="{check}"]'
        assert number(cell(tree, row + '/td[contains(@class,"hits")]')) == hits[check]
        assert (
            number(cell(tree, row + '/td[contains(@class,"false-alarms")]'))
            == (false_alarms[check])
        )
        expected = check_precision(defaults[check], hits[check], false_alarms[check]).mean
        assert cell(tree, row + '/td[contains(@class,"posterior")]') == f"{expected:.3f}"
    for f in r.dismissed:  # a check reviewers dismissed sinks below its prior
        row = f'//tr[@class="check"][@data-check="{f.check}"]'
        prior = number(cell(tree, row + '/td[contains(@class,"prior")]'))
        assert number(cell(tree, row + '/td[contains(@class,"posterior")]')) < prior


def test_queue_progress_counts_passages_whose_findings_are_all_decided(sqlite_engine, tmp_path):
    key = run(sqlite_engine, tmp_path / "corpus")
    r = review_batch(sqlite_engine, key)
    write_report(sqlite_engine, tmp_path / "report.html")
    tree = read(tmp_path / "report.html")
    queued = {pid for (b, pid), q in reads.queued_passages(sqlite_engine).items() if q and b == key}
    decided = {
        pid for pid in queued if all(f.key in r.decided for f in r.findings if f.passage_id == pid)
    }
    assert 0 < len(decided) < len(queued)
    assert number(cell(tree, '//*[@id="queued"]')) == len(queued)
    assert number(cell(tree, '//*[@id="decided"]')) == len(decided)
    assert number(cell(tree, '//*[@id="open"]')) == len(queued) - len(decided)


def test_a_batch_nobody_reviewed_says_so_and_still_estimates(sqlite_engine, tmp_path):
    key = run(sqlite_engine, tmp_path / "corpus")
    summary = write_report(sqlite_engine, tmp_path / "report.html")
    tree = read(tmp_path / "report.html")
    assert "No reviewer decisions yet" in cell(tree, '//*[@id="no-decisions"]')
    assert "No corrections yet" in cell(tree, '//*[@id="no-corrections"]')
    assert not tree.xpath('//*[@id="hter-score"]')
    assert number(cell(tree, '//*[@id="mqm-value"]')) == 0
    findings = reads.load_findings(sqlite_engine, key)
    words = words_of(sqlite_engine, key, RICE) + words_of(sqlite_engine, key, KURSK)
    weights = severity_weights()
    open_points = sum(weights[f.severity] for f in findings)
    assert open_points > 0
    assert number(cell(tree, '//*[@id="estimate-value"]')) == pytest.approx(
        open_points * 1000 / words, abs=0.005
    )
    assert (summary.errors, summary.open, summary.corrections) == (0, len(findings), 0)


def test_corpus_text_is_escaped_a_script_title_renders_as_text(sqlite_engine, tmp_path):
    batch = make_batch(tmp_path, with_seeds=False)
    (batch / "evil.en.txt").write_text(
        f"{SCRIPT} Rice & <b>harvest</b>\n\nRice prices rose for the third month , he said.\n",
        encoding="utf-8",
    )
    run_batch(batch, sqlite_engine)
    write_report(sqlite_engine, tmp_path / "report.html")
    page = (tmp_path / "report.html").read_text("utf-8")
    tree = lxml_html.fromstring(page)
    assert not tree.xpath("//script") and not tree.xpath("//b")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    title = cell(tree, '//tr[@class="doc"][@data-document="evil.en.txt"]//*[@class="doc-title"]')
    assert title == f"{SCRIPT} Rice & <b>harvest</b>"


def test_several_batches_need_one_named(sqlite_engine, tmp_path):
    first = run(sqlite_engine, tmp_path / "one")
    second = run(sqlite_engine, tmp_path / "two")
    assert batches_in(sqlite_engine) == sorted([first, second])
    with pytest.raises(ValueError) as err:
        write_report(sqlite_engine, tmp_path / "report.html")
    assert first in str(err.value) and second in str(err.value)
    assert not (tmp_path / "report.html").exists()
    with pytest.raises(ValueError, match="no batch"):  # both folders are named "batch"
        write_report(sqlite_engine, tmp_path / "report.html", batch="batch")
    summary = write_report(
        sqlite_engine, tmp_path / "report.html", batch=str(tmp_path / "two" / "batch")
    )
    assert summary.batch == second
    assert second in (tmp_path / "report.html").read_text("utf-8")


# --------------------------------------------------------------------------- browser


@pytest.mark.browser
def test_report_renders_offline_in_chromium_with_visible_charts(
    sqlite_engine, tmp_path, page, artifacts_dir
):
    key = run(sqlite_engine, tmp_path / "corpus")
    review_batch(sqlite_engine, key)
    out = tmp_path / "report.html"
    write_report(sqlite_engine, out)
    requests, problems = [], []
    page.on("request", lambda req: requests.append(req.url))
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(out.as_uri())
    charts = page.locator("svg.chart")
    assert charts.count() == 3
    for i in range(3):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        assert chart.is_visible()
        box = chart.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 20
        assert chart.locator("title").first.text_content()
        assert chart.locator("rect").count() > 0
    assert page.get_by_text("nrefs:1|case:mixed").is_visible()
    # nothing but the file itself was loaded, and nothing was blocked or failed
    assert requests == [out.as_uri()]
    assert problems == []
    # no horizontal scrolling of the page at a laptop width
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(artifacts_dir / "report.png"), full_page=True)
