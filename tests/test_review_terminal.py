"""The terminal review loop driven by scripted keys against a real SQLite store."""

from __future__ import annotations

import shutil

import click
import pytest
from batches import make_batch
from click.testing import CliRunner

from pipeline.review import decisions as dec
from pipeline.review.terminal import ReviewStats, highlight, review_loop, run_terminal_review
from pipeline.runner import run_batch
from pipeline.store import reads
from pipeline.store.engine import open_store

FIXED = "The government promised to release 50,000 tons from its reserves before the harvest."


def _build(root, with_seeds: bool):
    root.mkdir()
    engine = open_store(f"sqlite:///{root / 'store.sqlite3'}")
    run_batch(make_batch(root, with_seeds=with_seeds), engine)
    engine.dispose()
    return root / "store.sqlite3"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The rice batch (no seeds) run once; each test works on a copy of the store."""
    return _build(tmp_path_factory.mktemp("terminal") / "rice", with_seeds=False)


@pytest.fixture
def engine(built, tmp_path):
    path = tmp_path / "store.sqlite3"
    shutil.copy(built, path)
    engine = open_store(f"sqlite:///{path}")
    yield engine
    engine.dispose()


def by_paragraph(engine) -> dict[str, object]:
    """``p000``… -> the queue item (rice.en.txt: one finding per queued paragraph)."""
    return {item.passage_id.rsplit("-", 1)[1]: item for item in reads.queue_items(engine)}


def drive(engine, keys: str, reviewer: str = "mina", **kwargs) -> tuple[ReviewStats, str]:
    script = iter(keys)
    lines: list[str] = []
    stats = review_loop(
        engine,
        reviewer,
        read_key=lambda: next(script, ""),
        write=lines.append,
        **kwargs,
    )
    return stats, "\n".join(lines)


def test_scripted_session_stores_the_decisions(engine):
    items = by_paragraph(engine)
    assert [len(items[p].findings) for p in ("p000", "p002", "p003", "p004")] == [1, 1, 1, 1]
    edited: list[str] = []

    def editor(text: str) -> str:
        edited.append(text)
        return text.replace("The the", "The")

    # accept (p000), dismiss (p002), correct (p003), undo the correction (back to p003), quit
    stats, out = drive(engine, "adcuq", editor=editor)

    latest = reads.latest_decisions(engine)
    first, second, third = (items[p].findings[0] for p in ("p000", "p002", "p003"))
    assert latest[first.key][0] == "accept"
    assert latest[second.key][0] == "dismiss"
    assert latest[third.key][0] == "reopen"
    assert items["p004"].findings[0].key not in latest
    states = dec.states(engine)
    assert states[first.key].reviewer == "mina"
    assert states[third.key].status == "open"
    assert [h["action"] for h in dec.history(engine, third.key)] == ["correct", "reopen"]
    assert dec.history(engine, third.key)[0]["after_text"] == FIXED
    batch = reads.batches(engine)[0]
    third_ref = dec.PassageRef(batch, "rice.en.txt", items["p003"].passage_id)
    assert dec.passage_text(engine, third_ref).startswith("The the government")
    assert edited == [items["p003"].text]

    # highlighted spans with their markers, the Korean of the paired document, the MT badge
    assert "[1]{농협}" in out
    assert "[1]{The the} government" in out
    assert "ko: [오피니언] 쌀값과 농협 개혁" in out
    assert "ko: 정부는 수확 전에 비축미 5만 톤을 방출하겠다고 약속했다." in out
    assert "MT: Google Translate" in out
    assert "untranslated.hangul · accuracy/untranslated · major" in out
    assert "suggestion: The" in out
    assert "\x1b[" not in out  # plain text unless asked for colour
    # the undo went back to the corrected passage, and the summary is the last line
    assert out.count("paragraph 4/6") == 2
    assert out.splitlines()[-1] == "2 decided, 0 skipped, 1 undone in 4 passages"
    assert (stats.decided, stats.undone, stats.skipped, stats.passages) == (2, 1, 0, 4)
    assert dec.live_claims(engine) == {}  # every claim released

    # a second session skips the passages already fully decided
    _, again = drive(engine, "q")
    assert "3/4" in again.split("\n")[1] and "1/4" not in again and "2/4" not in again


def test_passage_claimed_by_someone_else_is_skipped(engine):
    items = by_paragraph(engine)
    batch = reads.batches(engine)[0]
    held = dec.PassageRef(batch, "rice.en.txt", items["p000"].passage_id)
    dec.claim(engine, held, "jun")

    stats, out = drive(engine, "aq")

    assert f"skipped: passage {held.passage_id} of rice.en.txt is being reviewed by jun" in out
    latest = reads.latest_decisions(engine)
    assert items["p000"].findings[0].key not in latest
    assert latest[items["p002"].findings[0].key][0] == "accept"
    assert (stats.skipped, stats.conflicts) == (1, 1)
    assert out.splitlines()[-1] == (
        "1 decided, 1 skipped (1 held by another reviewer) in 2 passages"
    )
    claims = dec.live_claims(engine)
    assert list(claims) == [held] and claims[held].reviewer == "jun"  # theirs stays


def test_keys_help_unknown_skip_and_limit(engine):
    stats, out = drive(engine, "?xnpucs", limit=1, editor=lambda text: None)
    assert "keys: a accept" in out
    assert "unknown key 'x'" in out
    assert "last finding of this passage" in out
    assert "first finding of this passage" in out
    assert "nothing to undo" in out
    assert "unchanged: nothing saved" in out
    assert "shown 1 passages (the limit)" in out
    assert out.splitlines()[-1] == "0 decided, 1 skipped in 1 passage"
    assert reads.latest_decisions(engine) == {}
    assert dec.live_claims(engine) == {}


def test_the_loop_goes_through_the_whole_queue_not_one_page_of_it(tmp_path):
    from test_review_web import long_store

    engine = open_store(f"sqlite:///{tmp_path / 'long.sqlite3'}")
    try:
        long_store(engine, passages=60)
        _, out = drive(engine, "s" * 61)
        assert "end of the queue" in out
        assert out.splitlines()[-1] == "0 decided, 60 skipped in 60 passages"
    finally:
        engine.dispose()


def test_colour_marks_the_current_span_in_reverse_video(engine):
    _, out = drive(engine, "q", color=True)
    assert click.style("농협", reverse=True, bold=True) in out
    assert "[1]" in out and "{농협}" not in out


def test_highlight_plain_and_overlapping_spans():
    items = [
        {"key": "a", "number": 1, "offset": 0, "start": 10, "end": 17},
        {"key": "b", "number": 2, "offset": 4, "start": 14, "end": 17},
        {"key": "c", "number": 3, "offset": 11, "start": 21, "end": 21},  # empty span
    ]
    assert highlight("The the government", items, "a", False) == "[1]{The [2]the} gov[3]ernment"
    styled = highlight("The the government", items, "b", True)
    assert click.style("the", reverse=True, bold=True) in styled
    assert click.unstyle(styled) == "[1]The [2]the gov[3]ernment"


def test_inline_prompt_and_undo_in_place_on_a_multi_finding_passage(tmp_path):
    store = _build(tmp_path / "seeded", with_seeds=True)
    engine = open_store(f"sqlite:///{store}")
    try:
        first = reads.queue_items(engine)[0]
        assert len(first.findings) >= 3
        answers: list[tuple[str, str]] = []

        def prompt(label: str, default: str) -> str:
            answers.append((label, default))
            return default  # Enter: keep the text

        # next, accept [2] (moves on to [3]), back to [2], undo it, dismiss it, quit
        stats, out = drive(engine, "napudcq", prompt=prompt)
        by_start = sorted(first.findings, key=lambda f: (f.start, f.check))
        states = dec.states(engine)
        assert states[by_start[1].key].status == "dismissed"
        assert by_start[0].key not in states
        assert [h["action"] for h in dec.history(engine, by_start[1].key)] == [
            "accept",
            "reopen",
            "dismiss",
        ]
        assert "[2] accepted" in out and "undone" in out and "[2] dismissed" in out
        assert answers and answers[0][1] == first.text
        assert "unchanged: nothing saved" in out
        assert (stats.decided, stats.undone) == (1, 1)
    finally:
        engine.dispose()


def test_run_terminal_review_under_click(engine, monkeypatch):
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    items = by_paragraph(engine)

    @click.command()
    def review():
        run_terminal_review(engine, "mina")

    # skip p000, skip p002, correct p003 on the inline prompt (moves on to p004), quit
    result = CliRunner().invoke(review, input=f"ssc{FIXED}\nq")
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.output  # not a terminal: plain text
    assert "[1]{The the}" in result.output
    assert result.output.rstrip().splitlines()[-1] == "1 decided, 2 skipped in 4 passages"
    latest = reads.latest_decisions(engine)
    assert latest[items["p003"].findings[0].key][0] == "correct"
    batch = reads.batches(engine)[0]
    ref = dec.PassageRef(batch, "rice.en.txt", items["p003"].passage_id)
    assert dec.passage_text(engine, ref) == FIXED
