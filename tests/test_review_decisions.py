"""Reviewer decisions and passage claims against a real store: SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, inspect, select

from pipeline.model import Document, Finding, Passage, QueueItem
from pipeline.review import decisions as dec
from pipeline.store import writes
from pipeline.store.migrations import MIGRATIONS, applied_versions, migrate
from pipeline.store.schema import decisions, schema_migrations

BATCH = "/corpus/batch-1"
TEXT = (
    "Rice prices rose for the third month in a row , the office said.\n\n"
    "The the government promised to release 50,000 tons from its reserves.\n\n"
    "Farmers called the plan a drop in the bucket."
)


@pytest.fixture
def engine(store_engine):
    """The store on SQLite and on a real PostgreSQL server (see conftest.store_engine)."""
    return store_engine


def make_store(
    engine,
    batch: str = BATCH,
    path: str = "rice.en.txt",
    text: str = TEXT,
    findings: list[tuple[int, str, str]] | None = None,
    title: str | None = "Rice prices",
) -> dict[str, Finding]:
    """Store one English document cut at blank lines, with findings given as
    ``(paragraph index, exact text, check id)``; every paragraph with a finding is queued.
    Returns the findings by check id.
    """
    findings = findings or [
        (0, " ,", "punctuation.space_before"),
        (1, "The the", "fluency.doubled_word"),
        (1, "50,000 tons", "number.mismatch"),
    ]
    key = path.split(".")[0]
    passages, start = [], 0
    for i, chunk in enumerate(text.split("\n\n")):
        passages.append(Passage(f"{key}-p{i:03d}", path, i, start, start + len(chunk), chunk, "en"))
        start += len(chunk) + 2
    found = []
    for index, snippet, check in findings:
        p = passages[index]
        a = p.start + p.text.index(snippet)
        found.append(
            Finding(
                path,
                p.passage_id,
                a,
                a + len(snippet),
                snippet,
                check,
                "accuracy/mistranslation"
                if check == "number.mismatch"
                else "linguistic conventions/grammar",
                "major" if check == "number.mismatch" else "minor",
                f"{check} fired on {snippet!r}",
                suggestion="The" if check == "fluency.doubled_word" else None,
                score=0.8,
            )
        )
    doc = Document(path, text, "en", "hash-" + path, "utf-8", title=title)
    run_id = writes.start_run(engine, batch, "test-signature")
    writes.save_document(
        engine,
        batch,
        doc,
        input_hash="x",
        signature="s",
        doc_passages=passages,
        doc_findings=found,
        errors=[],
        run_id=run_id,
    )
    items = []
    for p in passages:
        mine = [f for f in found if f.passage_id == p.passage_id]
        if mine:
            items.append(
                QueueItem(len(items) + 1, path, p.passage_id, p.start, p.end, p.text, 0.9, mine)
            )
    writes.replace_queue(engine, batch, items, budget=100, run_id=run_id)
    return {f.check: f for f in found}


def ref(f: Finding, batch: str = BATCH) -> dec.PassageRef:
    return dec.PassageRef(batch, f.document, f.passage_id)


def count_decisions(engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(decisions))


# --------------------------------------------------------------------------- decisions


def test_decisions_are_appended_and_the_newest_is_the_state(engine):
    f = make_store(engine)["fluency.doubled_word"]
    first = dec.record_decision(engine, BATCH, f, "accept", "mina")
    second = dec.record_decision(engine, BATCH, f, "dismiss", "mina", comment="house style")
    assert second > first
    rows = dec.history(engine, f.key)
    assert [r["action"] for r in rows] == ["accept", "dismiss"]
    assert rows[0]["category"] == f.category and rows[0]["severity"] == f.severity
    assert rows[0]["reviewer"] == "mina" and rows[0]["created_at"]
    state = dec.states(engine, BATCH)[f.key]
    assert (state.status, state.comment, state.decision_id) == ("dismissed", "house style", second)


def test_correct_stores_the_passage_before_and_after(engine):
    f = make_store(engine)["fluency.doubled_word"]
    before = dec.passage_text(engine, ref(f))
    after = before.replace("The the", "The")
    dec.record_decision(engine, BATCH, f, "correct", "mina", after_text=after, severity="major")
    [row] = dec.history(engine, f.key)
    assert (row["before_text"], row["after_text"], row["severity"]) == (before, after, "major")
    assert dec.passage_text(engine, ref(f)) == after
    assert dec.corrected_texts(engine, BATCH, f.document) == {f.passage_id: after}


def test_correct_without_a_change_or_text_is_refused(engine):
    f = make_store(engine)["fluency.doubled_word"]
    same = dec.passage_text(engine, ref(f))
    with pytest.raises(dec.InvalidDecision, match="same as the current text"):
        dec.record_decision(engine, BATCH, f, "correct", "mina", after_text=same + "\r\n")
    with pytest.raises(dec.InvalidDecision, match="needs the corrected passage text"):
        dec.record_decision(engine, BATCH, f, "correct", "mina", after_text="  ")
    assert count_decisions(engine) == 0


def test_undo_reopens_the_finding_and_gives_the_text_back(engine):
    f = make_store(engine)["fluency.doubled_word"]
    original = dec.passage_text(engine, ref(f))
    dec.record_decision(
        engine, BATCH, f, "correct", "mina", after_text=original.replace("The the", "The")
    )
    dec.undo(engine, BATCH, f.key, "mina")
    assert dec.states(engine)[f.key].status == "open"
    assert dec.passage_text(engine, ref(f)) == original
    rows = dec.history(engine, f.key)
    assert [r["action"] for r in rows] == ["correct", "reopen"]
    assert rows[1]["after_text"] == original  # the undo says what it did to the text
    with pytest.raises(dec.InvalidDecision, match="nothing to undo"):
        dec.undo(engine, BATCH, f.key, "mina")


def test_undoing_two_corrections_in_turn_returns_to_the_machine_translation(engine):
    found = make_store(engine)
    a, b = found["fluency.doubled_word"], found["number.mismatch"]
    original = dec.passage_text(engine, ref(a))
    t1 = original.replace("The the", "The")
    t2 = t1.replace("50,000 tons", "5,000 tons")
    dec.record_decision(engine, BATCH, a, "correct", "mina", after_text=t1)
    dec.record_decision(engine, BATCH, b, "correct", "mina", after_text=t2)
    dec.undo(engine, BATCH, b.key, "mina")
    assert dec.passage_text(engine, ref(a)) == t1
    dec.undo(engine, BATCH, a.key, "mina")
    assert dec.passage_text(engine, ref(a)) == original


def test_undoing_an_earlier_correction_keeps_the_later_text(engine):
    found = make_store(engine)
    a, b = found["fluency.doubled_word"], found["number.mismatch"]
    original = dec.passage_text(engine, ref(a))
    t1 = original.replace("The the", "The")
    t2 = t1.replace("50,000 tons", "5,000 tons")
    dec.record_decision(engine, BATCH, a, "correct", "mina", after_text=t1)
    dec.record_decision(engine, BATCH, b, "correct", "mina", after_text=t2)
    dec.undo(engine, BATCH, a.key, "mina")
    assert dec.passage_text(engine, ref(a)) == t2
    assert dec.states(engine)[a.key].status == "open"
    dec.undo(engine, BATCH, b.key, "mina")  # both undone: back to the machine translation
    assert dec.passage_text(engine, ref(a)) == original


def test_undo_of_someone_elses_newest_decision_is_refused(engine):
    f = make_store(engine)["fluency.doubled_word"]
    dec.record_decision(engine, BATCH, f, "accept", "mina")
    dec.release(engine, ref(f), "mina")
    dec.record_decision(engine, BATCH, f, "dismiss", "joon")
    dec.release(engine, ref(f), "joon")
    with pytest.raises(dec.InvalidDecision, match="by joon, not you"):
        dec.undo(engine, BATCH, f.key, "mina")


def test_missed_error_is_a_decision_on_its_span(engine):
    f = make_store(engine)["fluency.doubled_word"]
    passage_start = f.start  # "The the" opens the second paragraph
    text = dec.passage_text(engine, ref(f))
    a = passage_start + text.index("reserves")
    row_id = dec.add_missed(
        engine,
        BATCH,
        f.document,
        f.passage_id,
        a,
        a + len("reserves"),
        "mina",
        "accuracy/mistranslation",
        "critical",
        comment="stockpiles, not reserves",
    )
    [m] = dec.missed_errors(engine, BATCH)
    assert (m.start, m.end, m.text, m.severity) == (a, a + 8, "reserves", "critical")
    assert m.finding_key == dec.missed_key(f.document, a, a + 8, "reserves")
    assert m.decision_id == row_id and m.comment == "stockpiles, not reserves"
    assert dec.states(engine)[m.finding_key].status == "missed"
    dec.undo(engine, BATCH, m.finding_key, "mina")
    assert dec.missed_errors(engine, BATCH) == []


def test_missed_error_outside_the_passage_or_blank_is_refused(engine):
    f = make_store(engine)["fluency.doubled_word"]
    args = (engine, BATCH, f.document, f.passage_id)
    with pytest.raises(dec.InvalidDecision, match="inside the passage"):
        dec.add_missed(*args, 0, 5, "mina", "accuracy/mistranslation", "minor")
    with pytest.raises(dec.InvalidDecision, match="white space"):
        dec.add_missed(*args, f.end, f.end + 1, "mina", "accuracy/mistranslation", "minor")
    with pytest.raises(dec.InvalidDecision, match="needs an MQM category"):
        dec.add_missed(*args, f.start, f.end, "mina", "", "minor")
    assert count_decisions(engine) == 0


def test_unknown_category_severity_action_or_reviewer_is_refused(engine):
    f = make_store(engine)["fluency.doubled_word"]
    with pytest.raises(dec.InvalidDecision, match="unknown MQM category 'accuracy/typo'"):
        dec.record_decision(engine, BATCH, f, "accept", "mina", category="accuracy/typo")
    with pytest.raises(dec.InvalidDecision, match="unknown severity 'huge'"):
        dec.record_decision(engine, BATCH, f, "accept", "mina", severity="huge")
    with pytest.raises(dec.InvalidDecision, match="unknown action"):
        dec.record_decision(engine, BATCH, f, "approve", "mina")
    with pytest.raises(dec.InvalidDecision, match="reviewer name"):
        dec.record_decision(engine, BATCH, f, "accept", "  ")
    assert count_decisions(engine) == 0


def test_stale_write_is_refused_with_who_changed_the_text(engine):
    found = make_store(engine)
    a, b = found["fluency.doubled_word"], found["number.mismatch"]
    seen = dec.passage_text(engine, ref(a))
    dec.record_decision(
        engine, BATCH, a, "correct", "mina", after_text=seen.replace("The the", "The")
    )
    with pytest.raises(dec.StaleWrite, match="changed by mina at .* after you opened it"):
        dec.record_decision(engine, BATCH, b, "accept", "mina", expected_text=seen)
    assert len(dec.history(engine, b.key)) == 0


# --------------------------------------------------------------------------- claims


def test_a_claim_keeps_others_out_until_it_expires(engine):
    f = make_store(engine)["fluency.doubled_word"]
    t0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    held = dec.claim(engine, ref(f), "mina", timedelta(minutes=15), now=t0)
    assert held.reviewer == "mina"
    with pytest.raises(dec.ClaimConflict) as err:
        dec.claim(engine, ref(f), "joon", now=t0 + timedelta(minutes=5))
    assert err.value.holder == "mina"
    assert f"being reviewed by mina until {dec.clock(held.expires_at)}" in str(err.value)
    assert dec.claim_of(engine, ref(f), now=t0 + timedelta(minutes=14)).reviewer == "mina"
    later = dec.claim(engine, ref(f), "joon", now=t0 + timedelta(minutes=16))  # expired
    assert later.reviewer == "joon"


def test_renewing_ones_own_claim_extends_it(engine):
    f = make_store(engine)["fluency.doubled_word"]
    t0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    dec.claim(engine, ref(f), "mina", now=t0)
    renewed = dec.claim(engine, ref(f), "mina", now=t0 + timedelta(minutes=10))
    assert renewed.expires_at > dec.stamp(t0 + timedelta(minutes=15))
    with pytest.raises(dec.ClaimConflict):
        dec.claim(engine, ref(f), "joon", now=t0 + timedelta(minutes=20))


def test_release_lets_the_next_reviewer_in(engine):
    f = make_store(engine)["fluency.doubled_word"]
    dec.claim(engine, ref(f), "mina")
    assert not dec.release(engine, ref(f), "joon")  # not theirs
    assert dec.release(engine, ref(f), "mina")
    assert dec.claim(engine, ref(f), "joon").reviewer == "joon"
    dec.claim(engine, ref(make_store(engine, path="other.en.txt")["number.mismatch"]), "joon")
    assert dec.release_all(engine, "joon", keep=ref(f)) == 1
    assert set(dec.live_claims(engine)) == {ref(f)}


def test_decision_on_a_passage_someone_else_holds_is_refused_and_not_stored(engine):
    f = make_store(engine)["fluency.doubled_word"]
    dec.claim(engine, ref(f), "mina")
    with pytest.raises(dec.ClaimConflict, match="being reviewed by mina until .*not saved"):
        dec.record_decision(engine, BATCH, f, "accept", "joon")
    with pytest.raises(dec.ClaimConflict):
        dec.add_missed(
            engine,
            BATCH,
            f.document,
            f.passage_id,
            f.start,
            f.end,
            "joon",
            "accuracy/mistranslation",
            "minor",
        )
    assert count_decisions(engine) == 0
    dec.record_decision(engine, BATCH, f, "accept", "mina")  # the holder may
    assert count_decisions(engine) == 1


def test_a_decision_claims_a_free_passage(engine):
    f = make_store(engine)["fluency.doubled_word"]
    dec.record_decision(engine, BATCH, f, "accept", "mina")
    assert dec.claim_of(engine, ref(f)).reviewer == "mina"


def test_concurrent_claims_exactly_one_wins(engine):
    f = make_store(engine)["fluency.doubled_word"]
    reviewers = [f"reviewer-{i}" for i in range(6)]
    barrier = threading.Barrier(len(reviewers))
    won, lost, errors = [], [], []

    def attempt(name: str) -> None:
        barrier.wait()
        try:
            dec.claim(engine, ref(f), name)
            won.append(name)
        except dec.ClaimConflict:
            lost.append(name)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=attempt, args=(r,)) for r in reviewers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert len(won) == 1 and len(lost) == len(reviewers) - 1
    assert dec.claim_of(engine, ref(f)).reviewer == won[0]


def test_concurrent_decisions_from_two_reviewers_store_only_one(engine):
    found = make_store(engine)
    barrier = threading.Barrier(2)
    outcomes = []

    def decide(name: str, f: Finding) -> None:
        barrier.wait()
        try:
            outcomes.append(("ok", dec.record_decision(engine, BATCH, f, "accept", name)))
        except dec.ClaimConflict as exc:
            outcomes.append(("conflict", exc.holder))

    a, b = found["fluency.doubled_word"], found["number.mismatch"]  # same passage
    threads = [
        threading.Thread(target=decide, args=("mina", a)),
        threading.Thread(target=decide, args=("joon", b)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(kind for kind, _ in outcomes) == ["conflict", "ok"]
    assert count_decisions(engine) == 1


# --------------------------------------------------------------------------- schema


def test_a_version_1_store_gains_the_claims_table(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    from sqlalchemy import create_engine

    engine = create_engine(url)
    schema_migrations.create(engine)
    version, description, step = MIGRATIONS[0]
    with engine.begin() as conn:
        step(conn)
        conn.execute(
            schema_migrations.insert().values(
                version=version, description=description, applied_at="2025-01-01T00:00:00"
            )
        )
    assert not inspect(engine).has_table("claims")
    assert migrate(engine) == [v for v, _, _ in MIGRATIONS[1:]]  # claims, and what came later
    assert inspect(engine).has_table("claims") and applied_versions(engine) == {
        v for v, _, _ in MIGRATIONS
    }
    engine.dispose()
