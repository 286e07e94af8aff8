"""The command line, through click's CliRunner, on a real SQLite store."""

from __future__ import annotations

import io
import json
import sys

import pytest
from batches import make_batch
from click.testing import CliRunner

from pipeline.cli import main


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.setenv("MTREVIEW_DB", f"sqlite:///{tmp_path / 'cli.sqlite3'}")

    def invoke(*args):
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke


def test_run_prints_a_one_screen_summary(cli, tmp_path):
    result = cli("run", make_batch(tmp_path))
    assert result.exit_code == 0, result.output
    for word in ("documents", "passages", "findings", "queued", "failures", "time", "signature"):
        assert word in result.output
    assert "machine translated: kursk-blood-pact-column.en.txt (Google Translate)" in result.output


def test_queue_lists_ranked_passages_with_their_top_finding(cli, tmp_path):
    cli("run", make_batch(tmp_path))
    result = cli("queue", "--limit", 3)
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if line[:4].strip().isdigit()]
    assert [line.split()[0] for line in lines] == ["1", "2", "3"]
    assert "[MT: Google Translate]" in result.output


def test_queue_json_follows_the_contract(cli, tmp_path):
    cli("run", make_batch(tmp_path))
    items = json.loads(cli("queue", "--json").output)
    assert items and items[0]["rank"] == 1
    keys = {"rank", "document", "passage_id", "start", "end", "text", "score", "findings"}
    assert all(set(item) == keys for item in items)
    assert all(item["findings"] for item in items)
    assert items[0]["score"] >= items[-1]["score"]


def test_export_findings_and_documents_agree_on_offsets(cli, tmp_path):
    cli("run", make_batch(tmp_path))
    f_path, d_path = tmp_path / "f.jsonl", tmp_path / "d.jsonl"
    assert cli("export", "findings", "-o", f_path).exit_code == 0
    assert cli("export", "documents", "-o", d_path).exit_code == 0
    texts = {}
    for line in d_path.read_text("utf-8").splitlines():
        record = json.loads(line)
        assert set(record) == {"document", "text", "title", "paired_with", "provenance", "trusted"}
        texts[record["document"]] = record["text"]
    findings = [json.loads(line) for line in f_path.read_text("utf-8").splitlines()]
    assert findings
    for f in findings:
        assert texts[f["document"]][f["start"] : f["end"]] == f["text"]
    assert any(f["check"] == "untranslated.hangul" and f["text"] == "농협" for f in findings)


def test_text_file_document_text_is_the_decoded_file_unchanged(cli, tmp_path):
    batch = make_batch(tmp_path)
    cli("run", batch)
    out = tmp_path / "d.jsonl"
    cli("export", "documents", "-o", out)
    records = {
        json.loads(line)["document"]: json.loads(line)
        for line in out.read_text("utf-8").splitlines()
    }
    assert records["rice.en.txt"]["text"] == (batch / "rice.en.txt").read_text("utf-8")
    assert records["rice.ko.txt"]["text"] == (batch / "rice.ko.txt").read_bytes().decode("cp949")
    assert records["rice.en.txt"]["paired_with"] == "rice.ko.txt"


def test_bad_file_is_named_on_stderr_and_exit_code_is_1(cli, tmp_path):
    batch = make_batch(tmp_path)
    (batch / "empty.en.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["run", str(batch)])
    assert result.exit_code == 1
    assert "empty.en.txt" in result.stderr and "empty" in result.stderr
    assert "findings" in result.stdout  # the rest was processed


def test_missing_or_empty_folder_is_a_usage_error(cli, tmp_path):
    missing = CliRunner().invoke(main, ["run", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "nope" in missing.stderr
    (tmp_path / "empty").mkdir()
    empty = CliRunner().invoke(main, ["run", str(tmp_path / "empty")])
    assert empty.exit_code == 2 and "empty" in empty.stderr


def test_run_in_its_own_process_leaves_the_sqlite_store_in_one_file(tmp_path):
    """The store is closed when the command ends, so its write-ahead log is folded into
    the database file: copying the file alone copies the whole store."""
    import subprocess

    store = tmp_path / "own.sqlite3"
    batch = make_batch(tmp_path)
    code = "from pipeline.cli import main; main()"
    for _ in range(2):  # a cold run, then a re-run that checks nothing
        done = subprocess.run(
            [sys.executable, "-c", code, "run", str(batch), "--db", f"sqlite:///{store}"],
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )
        assert done.returncode == 0, done.stderr
        assert sorted(p.name for p in tmp_path.glob("own.sqlite3*")) == ["own.sqlite3"]


def test_export_names_the_formats_it_knows(cli):
    result = cli("export", "nonsense", "-o", "-")
    assert result.exit_code == 2
    assert "'findings'" in result.output and "'report'" in result.output


def test_bad_database_url_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["queue", "--db", "mysql://nobody@nowhere/x"])
    assert result.exit_code == 2
    assert "unsupported database" in result.stderr


def test_checks_lists_every_check_with_category_and_severity(cli):
    data = json.loads(cli("checks", "--json").output)
    assert {"untranslated.hangul", "fluency.doubled_word"} <= {c["id"] for c in data}
    assert all(c["category"] and c["severity"] and c["false_positives"] for c in data)


def test_every_command_help_has_an_example(cli):
    for command in ("run", "queue", "export", "checks"):
        assert "Example" in cli(command, "--help").output


def test_html_column_is_reviewed_on_its_visible_text(cli, tmp_path):
    batch = tmp_path / "html-batch"
    batch.mkdir()
    (batch / "ferry.en.html").write_text(
        "<html><head><title>Ferry fares</title><style>p{color:red}</style></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<article><h1>Ferry fares to rise</h1>"
        "<p>The island's 여객선 operators will raise fares by ten percent in May.</p>"
        "<p>Residents said the the increase would hurt small shops.</p></article>"
        "<footer>© 2025 Island Times. All rights reserved.</footer></body></html>",
        encoding="utf-8",
    )
    assert cli("run", batch).exit_code == 0
    out = tmp_path / "d.jsonl"
    cli("export", "documents", "-o", out)
    [doc] = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert "p{color" not in doc["text"] and "Residents said" in doc["text"]
    f_out = tmp_path / "f.jsonl"
    cli("export", "findings", "-o", f_out)
    findings = [json.loads(line) for line in f_out.read_text("utf-8").splitlines()]
    assert {f["check"] for f in findings} >= {"untranslated.hangul", "fluency.doubled_word"}
    for f in findings:
        assert doc["text"][f["start"] : f["end"]] == f["text"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_shown_only_on_a_terminal(monkeypatch, tmp_path):
    from pipeline.cli import _Progress

    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    bar = _Progress()
    for path in ("a.en.txt", "b.en.txt"):
        bar.step(path, 2)
    bar.close()
    assert "checking" in terminal.getvalue() and "2/2" in terminal.getvalue()

    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    bar = _Progress()
    bar.step("a.en.txt", 1)
    bar.close()
    assert piped.getvalue() == ""


def test_batch_termbase_is_used_and_a_broken_one_is_named(cli, tmp_path):
    batch = make_batch(tmp_path, with_seeds=False)
    (batch / "termbase.csv").write_text(
        "source,target,forbidden\n통계청,Statistics Korea,statistics office\n", encoding="utf-8"
    )
    assert cli("run", batch).exit_code == 0
    f_out = tmp_path / "f.jsonl"
    cli("export", "findings", "-o", f_out)
    findings = [json.loads(line) for line in f_out.read_text("utf-8").splitlines()]
    [term] = [f for f in findings if f["check"] == "term.forbidden"]
    assert term["text"] == "statistics office" and term["suggestion"] == "Statistics Korea"

    (batch / "sub").mkdir()
    (batch / "sub" / "termbase.tbx").write_text("<martif><text>", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(batch)])
    assert result.exit_code == 1
    assert "sub/termbase.tbx" in result.stderr and "not well-formed" in result.stderr


def test_align_prints_links_as_the_contract_says(tmp_path):
    en = tmp_path / "bus.en.txt"
    ko = tmp_path / "bus.ko.txt"
    ko.write_text(
        "부산시는 내년부터 시내버스 요금을 200원 올린다고 밝혔다.\n\n"
        "시는 연료비와 인건비 상승으로 적자가 커졌다고 설명했다.\n\n"
        "시의회는 12월 3일 공청회를 열 예정이다.\n",
        encoding="utf-8",
    )
    en.write_text(
        "Busan City said it will raise city bus fares by 200 won from next year.\n\n"
        "The city council plans to hold a public hearing on December 3.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["align", str(en), str(ko), "--level", "paragraph", "--json"])
    assert result.exit_code == 0, result.output
    links = json.loads(result.output)
    assert all(set(link) == {"ko", "en", "ko_text", "en_text", "score"} for link in links)
    assert [(link["ko"], link["en"]) for link in links] == [([0], [0]), ([1], []), ([2], [1])]
    assert "연료비" in links[1]["ko_text"] and links[1]["en_text"] == ""


def test_dismissals_lower_a_checks_precision_and_its_passages_rank(cli, tmp_path):
    from pipeline.model import Decision
    from pipeline.runner import batch_key
    from pipeline.store import reads, writes
    from pipeline.store.engine import open_store

    batch = make_batch(tmp_path)
    cli("run", batch)
    engine = open_store(None)
    doubled = [f for f in reads.load_findings(engine) if f.check == "fluency.doubled_word"]
    assert doubled
    before = {q.passage_id: q.score for q in reads.queue_items(engine)}
    for f in doubled:
        writes.append_decision(
            engine,
            batch_key(batch),
            Decision(f.key, f.document, f.passage_id, "dismiss", "mina"),
            f.check,
        )
    stats = json.loads(cli("checks", "--stats", "--json").output)
    [row] = [r for r in stats if r["id"] == "fluency.doubled_word"]
    assert row["false_alarms"] == len(doubled) and row["precision"] < 0.4
    assert cli("rescore").exit_code == 0
    after = {q.passage_id: q.score for q in reads.queue_items(engine)}
    only_doubled = [
        f.passage_id
        for f in doubled
        if {g.check for g in reads.load_findings(engine) if g.passage_id == f.passage_id}
        == {"fluency.doubled_word"}
    ]
    assert only_doubled
    for pid in only_doubled:
        assert after[pid] < before[pid]


def test_terminal_review_records_a_decision(cli, tmp_path):
    from pipeline.store import reads
    from pipeline.store.engine import open_store

    cli("run", make_batch(tmp_path, with_seeds=False))
    result = CliRunner().invoke(main, ["review", "--reviewer", "mina"], input="aq")
    assert result.exit_code == 0, result.output
    assert "1 decided" in result.output
    actions = [a for a, _ in reads.latest_decisions(open_store(None)).values()]
    assert actions == ["accept"]
