"""Passage and finding texts are cut from the document text in the database: the same
characters as Python's slicing, with Hangul and characters outside the BMP before them."""

from __future__ import annotations

from pipeline.runner import batch_key, run_batch
from pipeline.store import reads

TEXT = (
    "Seoul 🌏 notes 🇰🇷 and 한국어 text\n\n"
    "The the ministry said prices rose , again 😀 on Monday.\n\n"
    "Farmers called the plan “a drop in the bucket.\n"
)


def test_spans_match_python_slices(store_engine, tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "emoji.en.txt").write_text(TEXT, encoding="utf-8")
    run_batch(batch, store_engine)
    key = batch_key(batch)
    doc = reads.load_document(store_engine, key, "emoji.en.txt")
    found = reads.load_findings(store_engine, key)
    assert {f.check for f in found} >= {"fluency.doubled_word", "punctuation.space_before"}
    for f in found:
        assert f.text == doc.text[f.start : f.end]
    for p in reads.load_passages(store_engine, key).values():
        assert p.text == doc.text[p.start : p.end]
    rows, by_passage = reads.queued_rows(store_engine)
    assert rows
    for row in rows:
        assert row.text == doc.text[row.start : row.end]
        for f in by_passage[(row.document_id, row.passage_id)]:
            assert f.text == doc.text[f.start : f.end]
