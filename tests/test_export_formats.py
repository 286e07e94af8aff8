"""Exports of reviewed work on a real batch: corrected texts, decisions, missed errors,
XLIFF 2.1, TMX 1.4 and MQM TSV, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from batches import make_batch
from click.testing import CliRunner
from lxml import etree

from pipeline.cli import main
from pipeline.export import formats, mqm_tsv, tmx, xliff
from pipeline.export.corrected import ExportPathError, apply_corrections, output_path
from pipeline.export.units import corrected_segments, document_units, map_offsets
from pipeline.model import Passage, Segment
from pipeline.review import decisions as dec
from pipeline.runner import batch_key, run_batch
from pipeline.store import reads

TESTS = Path(__file__).resolve().parent
REVIEWER = "mina"


def _finding(engine, document: str, check: str):
    return next(
        f for f in reads.load_findings(engine) if f.document == document and f.check == check
    )


@pytest.fixture
def reviewed(store_engine, tmp_path):
    """The test batch run into a store, then reviewed: a correction, an accepted error left
    uncorrected, a dismissal and an added missed error on the Korean-paired column."""
    engine = store_engine
    batch = make_batch(tmp_path)
    run_batch(batch, engine)
    key = batch_key(batch)
    doubled = _finding(engine, "rice.en.txt", "fluency.doubled_word")
    passage = reads.load_passages(engine, key)[doubled.passage_id]
    fixed = passage.text.replace("The the", "The")
    dec.record_decision(engine, key, doubled, "correct", REVIEWER, after_text=fixed)
    space = _finding(engine, "rice.en.txt", "punctuation.space_before")
    dec.record_decision(engine, key, space, "accept", REVIEWER, severity="minor")
    hangul = _finding(engine, "rice.en.txt", "untranslated.hangul")
    dec.record_decision(engine, key, hangul, "dismiss", REVIEWER)
    quote = _finding(engine, "rice.en.txt", "punctuation.unbalanced")
    doc = reads.load_document(engine, key, "rice.en.txt")
    start = doc.text.index("direct payments")
    dec.add_missed(
        engine,
        key,
        "rice.en.txt",
        quote.passage_id,
        start,
        start + len("direct payments"),
        REVIEWER,
        "accuracy/mistranslation",
        "major",
        comment="직접 지불 is 'direct payment' in the singular",
    )
    return engine, key, batch, {"doubled": doubled, "space": space, "fixed": fixed}


def test_corrected_documents_apply_the_correction_and_nothing_else(reviewed, tmp_path):
    engine, key, _batch, info = reviewed
    out = tmp_path / "corrected"
    result = formats.run_export(engine, "corrected", out)
    original = reads.load_document(engine, key, "rice.en.txt").text
    written = (out / "rice.en.txt").read_text(encoding="utf-8")
    assert written == original.replace("The the government", "The government")
    assert result.count == len(list(out.rglob("*.txt")))
    # trusted press and the Korean original are not written; the untouched column is verbatim
    assert not (out / "rice.ko.txt").exists()
    for stored in reads.load_documents(engine, key, trusted=True):
        assert not (out / stored.document.path).exists()
    column = next(p for p in out.iterdir() if p.name != "rice.en.txt")
    assert column.read_text(encoding="utf-8") == reads.load_document(engine, key, column.name).text


def test_decisions_log_and_missed_errors(reviewed, tmp_path):
    engine, key, _batch, info = reviewed
    formats.run_export(engine, "decisions", tmp_path / "d.jsonl")
    log = [json.loads(line) for line in (tmp_path / "d.jsonl").read_text().splitlines()]
    assert [r["action"] for r in log] == ["correct", "accept", "dismiss", "missed"]
    assert log[0]["before_text"].replace("The the", "The") == log[0]["after_text"]
    assert log[0]["finding_key"] == info["doubled"].key
    assert log[3]["check"] == "missed" and log[3]["end"] - log[3]["start"] == len("direct payments")

    formats.run_export(engine, "missed", tmp_path / "m.jsonl")
    (missed,) = [json.loads(line) for line in (tmp_path / "m.jsonl").read_text().splitlines()]
    text = reads.load_document(engine, key, "rice.en.txt").text
    assert text[missed["start"] : missed["end"]] == missed["text"] == "direct payments"
    assert missed["occurrence"] == 1 and missed["severity"] == "major"


def test_xliff_round_trip(reviewed, tmp_path):
    engine, key, _batch, info = reviewed
    path = tmp_path / "batch.xlf"
    result = formats.run_export(engine, "xliff", path)
    assert "without a Korean original left out" in result.note
    attrs, files = xliff.read_xliff(path)
    assert attrs == {"version": "2.1", "srcLang": "ko", "trgLang": "en"}
    (rice,) = files  # only the column with a Korean original
    assert rice.original == "rice.en.txt"
    assert len(rice.units) == result.count
    assert len({u.id for u in rice.units}) == len(rice.units)
    by_source = {u.source: u for u in rice.units}
    corrected = by_source["정부는 수확 전에 비축미 5만 톤을 방출하겠다고 약속했다."]
    assert corrected.target.startswith("The government promised to release 50,000 tons")
    assert corrected.state == "reviewed"
    assert any(n.startswith("The the government") for c, n in corrected.notes if c == "mt")
    assert any(c == "mtreview:fluency.doubled_word" for c, _ in corrected.notes)
    # every unit's target is the corrected English, in document order
    rice_units = [d for d in document_units(engine, key) if d.document.path == "rice.en.txt"][0]
    assert [u.target for u in rice.units] == [u.corrected for u in rice_units.units]
    # well-formed XML in the XLIFF 2 namespace, notes before the segment in each unit
    root = etree.parse(str(path)).getroot()
    for unit in root.iter(f"{{{xliff.NS}}}unit"):
        tags = [etree.QName(c).localname for c in unit]
        assert tags in (["segment"], ["notes", "segment"])


def test_xliff_can_include_unpaired_documents(reviewed, tmp_path):
    engine, *_ = reviewed
    path = tmp_path / "all.xlf"
    formats.run_export(engine, "xliff", path, include_unpaired=True)
    _attrs, files = xliff.read_xliff(path)
    assert len(files) == 2
    unpaired = next(f for f in files if f.original != "rice.en.txt")
    assert unpaired.units and all(u.source == "" for u in unpaired.units)


def test_tmx_holds_only_pairs_reviewers_stand_behind(reviewed, tmp_path):
    engine, key, _batch, info = reviewed
    path = tmp_path / "memory.tmx"
    count = formats.run_export(engine, "tmx", path).count
    pairs = tmx.read_tmx(path)
    assert len(pairs) == count >= 1
    targets = [p.target for p in pairs]
    assert any(t.startswith("The government promised") for t in targets)
    # the sentence with an accepted but uncorrected error is not in the memory
    assert not any("in a row ," in t for t in targets)
    corrected = next(p for p in pairs if p.target.startswith("The government"))
    assert corrected.props["x-status"] == "corrected"
    assert corrected.props["x-mt"].startswith("The the government")
    # valid against the structure of the TMX 1.4b DTD
    dtd = etree.DTD(str(TESTS / "data" / "export" / "tmx14-structure.dtd"))
    assert dtd.validate(etree.parse(str(path))), dtd.error_log.filter_from_errors()


def test_mqm_tsv_in_the_wmt_layout(reviewed, tmp_path):
    engine, key, _batch, info = reviewed
    path = tmp_path / "mqm.tsv"
    formats.run_export(engine, "mqm", path)
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header.split("\t") == list(mqm_tsv.COLUMNS)
    rows = mqm_tsv.read_mqm(path)
    # the segment whose only finding was dismissed is rated clean
    (clean,) = [r for r in rows if r["category"] == mqm_tsv.NO_ERROR]
    assert "농협" in clean["target"] and clean["severity"] == mqm_tsv.NO_ERROR
    rows.remove(clean)
    # errors: the correction, the accepted error, the added one
    assert sorted(r["category"] for r in rows) == sorted(
        [
            mqm_tsv.wmt_category(info["doubled"].category),
            mqm_tsv.wmt_category(info["space"].category),
            "Accuracy/Mistranslation",
        ]
    )
    marked = {r["target"][r["target"].index("<v>") + 3 : r["target"].index("</v>")] for r in rows}
    assert marked == {"The the", " ,", "direct payments"}
    assert {r["rater"] for r in rows} == {REVIEWER}
    assert {r["severity"] for r in rows} <= {"Minor", "Major"}
    assert all(r["doc"] == "rice.en.txt" and r["system"] for r in rows)
    assert [int(r["seg_id"]) for r in rows] == sorted(int(r["seg_id"]) for r in rows)

    with_open = tmp_path / "mqm-open.tsv"
    formats.run_export(engine, "mqm", with_open, include_open=True)
    extra = [r for r in mqm_tsv.read_mqm(with_open) if r["rater"] == mqm_tsv.AUTOMATIC_RATER]
    assert extra and all(r["doc"] != "rice.en.txt" or "“" in r["target"] for r in extra)


def test_cli_export_every_format(reviewed, tmp_path):
    engine, key, batch, _info = reviewed
    url = engine.url.render_as_string(hide_password=False)
    runner = CliRunner()
    for what in ("findings", "documents", "decisions", "missed", "xliff", "tmx", "mqm"):
        out = tmp_path / f"out.{what}"
        result = runner.invoke(main, ["export", what, "--db", url, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0 and "wrote" in result.output
    result = runner.invoke(main, ["export", "tmx", "--db", url, "-o", str(tmp_path)])
    assert result.exit_code == 2 and "is a folder" in result.output
    result = runner.invoke(main, ["export", "xliff", "--db", url, "-o", "-"])
    assert result.exit_code == 2 and "writes files" in result.output
    result = runner.invoke(
        main, ["export", "corrected", "--db", url, "--batch", "nosuch", "-o", str(tmp_path / "c")]
    )
    assert result.exit_code == 2 and "no batch 'nosuch'" in result.output
    result = runner.invoke(
        main, ["export", "corrected", "--db", url, "--batch", batch.name, "-o", str(tmp_path / "c")]
    )
    assert result.exit_code == 0 and "1 with corrections" in result.output


def test_single_batch_exports_ask_which_batch(tmp_path):
    from pipeline.store.engine import open_store

    engine = open_store(f"sqlite:///{tmp_path / 's.sqlite3'}")
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        run_batch(make_batch(tmp_path / name, with_seeds=False), engine)
    with pytest.raises(formats.ExportError, match="2 batches .*--batch"):
        formats.run_export(engine, "corrected", tmp_path / "c")
    assert formats.select_batch(engine, str(tmp_path / "one" / "batch"), True).endswith("batch")


# ------------------------------------------------------------------------ units


def test_map_offsets_keeps_edits_with_their_sentence():
    before = "Rice rose , they said. The the plan failed."
    after = "Rice rose, they said. The plan failed badly."
    bounds = [0, 22, 23, 43]
    a, b, c, d = map_offsets(before, after, bounds)
    assert after[a:b] == "Rice rose, they said."
    assert after[c:d].strip() == "The plan failed badly."


def test_corrected_segments_of_a_passage():
    text = "First one. Second one here. Third."
    segs, pos = [], 0
    for i, s in enumerate(["First one.", "Second one here.", "Third."]):
        start = text.index(s, pos)
        segs.append(Segment(i, 100 + start, 100 + start + len(s), s))
        pos = start + len(s)
    p = Passage("d-p001", "d", 1, 100, 100 + len(text), text, "en", segments=segs)
    assert corrected_segments(p, None) == {0: "First one.", 1: "Second one here.", 2: "Third."}
    fixed = corrected_segments(p, "First one. The second one is here. Third.")
    assert fixed == {0: "First one.", 1: "The second one is here.", 2: "Third."}
    deleted = corrected_segments(p, "First one. Third.")
    assert deleted[0] == "First one." and deleted[2] == "Third." and deleted[1] == ""


def test_apply_corrections_and_safe_output_paths(tmp_path):
    text = "Title\n\nOne two.\n\nThree."
    spans = {"p0": (0, 5), "p1": (7, 15), "p2": (17, 23)}
    assert apply_corrections(text, spans, {"p1": "One, two."}) == "Title\n\nOne, two.\n\nThree."
    assert output_path(tmp_path, "sub/a.en.html", "html") == tmp_path / "sub" / "a.en.html.txt"
    for bad in ("../evil.txt", "/etc/passwd", "a/../../b.txt"):
        with pytest.raises(ExportPathError):
            output_path(tmp_path, bad, "text")


def test_cli_export_report(reviewed, tmp_path):
    engine, _key, batch, _info = reviewed
    url = engine.url.render_as_string(hide_password=False)
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["export", "report", "--db", url, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "MQM" in result.output and "penalty points per 1,000 words" in result.output
    html = out.read_text(encoding="utf-8")
    assert "<svg" in html and "rice.en.txt" in html
