"""Bad input never aborts a batch and never leaves half-written data in the store.

Every file of tests/data/nasty becomes a document or is refused with a named reason; so do
the cases made here (a 50 MB file, a 1 MB line, 10,000 nested elements, symbolic links, a
FIFO, a file name that is not UTF-8). A batch holding all of them beside a good column
exits 1, names each bad file, stores the good documents and nothing of the bad ones.
"""

from __future__ import annotations

import os
import shutil
from itertools import pairwise
from pathlib import Path

import pytest
from batches import COLUMN_EN, COLUMN_KO
from click.testing import CliRunner
from sqlalchemy import func, select
from test_fuzz_ingest import check_document

import pipeline.segment as segment
from pipeline.cli import main
from pipeline.ingest import (
    MAX_FILE_BYTES,
    BatchError,
    DecodeError,
    IngestError,
    build_document,
    decode_bytes,
    discover_batch,
    html_to_text,
    read_document,
)
from pipeline.ingest.document import document_from_text
from pipeline.ingest.html import HtmlError
from pipeline.runner import batch_key, run_batch
from pipeline.store import reads
from pipeline.store.engine import open_store
from pipeline.store.schema import documents, findings, passages, queue, segments

NASTY = Path(__file__).parent / "data" / "nasty"

#: every nasty file: the reason it is refused with (a part of it), or None for a document
REFUSED = {
    "binary_controls.en.txt": "binary data (control bytes), not text",
    "binary_named.en.html": "binary data",
    "bom_only.en.txt": "empty file",
    "broken.en.html": None,
    "cesu8_lone_surrogate.en.txt": "invalid text: a lone UTF-16 surrogate (U+D800)",
    "cesu8_pair.en.txt": None,
    "control_chars.en.txt": None,
    "cp1252_smart_quotes.en.txt": None,
    "cp949_corrupt_middle.ko.txt": "cannot decode as UTF-8, UTF-16 or CP949/EUC-KR",
    "cp949_truncated.ko.txt": None,
    "cr_only_newlines.en.txt": None,
    "deep_nesting.en.html": "the HTML parser gave up: elements nested deeper than 2048 levels",
    "empty.en.txt": "empty file",
    "gzip_named.txt": "binary data (NUL bytes), not text",
    "meta_charset_lies.en.html": None,
    "mixed_scripts.en.txt": None,
    "nested_ok.en.html": None,
    "nul_after_bom.en.txt": "binary data (NUL bytes), not text",
    "only_scripts.en.html": "no visible text in the HTML page",
    "png_named.en.txt": "binary data (NUL bytes), not text",
    "scripts_and_styles.en.html": None,
    "unknown_charset.ko.html": None,
    "utf16_lone_surrogate.en.txt": "cannot decode as UTF-8, UTF-16 or CP949/EUC-KR (the file"
    " starts with a utf-16 byte-order mark)",
    "utf16be_no_bom.ko.txt": None,
    "utf16le_no_bom.en.txt": None,
    "utf8_truncated.en.txt": None,
    "whitespace_only.en.txt": "no text (the file holds only whitespace)",
}


def nasty_document(name: str):
    fmt = "html" if name.endswith(".html") else "text"
    lang = "ko" if ".ko." in name else "en"
    return build_document(name, (NASTY / name).read_bytes(), fmt, lang, None)


def test_every_nasty_file_has_an_expected_outcome():
    assert sorted(p.name for p in NASTY.iterdir() if p.name != "README.md") == sorted(REFUSED)
    readme = (NASTY / "README.md").read_text("utf-8")
    assert all(f"`{name}`" in readme for name in REFUSED)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_nasty_file_is_a_document_with_true_offsets_or_refused_by_name(name):
    if REFUSED[name] is None:
        check_document(nasty_document(name))
    else:
        with pytest.raises(IngestError) as info:
            nasty_document(name)
        assert info.value.path == name and REFUSED[name] in info.value.reason


def test_text_files_keep_their_decoded_text_unchanged():
    for name in ("mixed_scripts.en.txt", "control_chars.en.txt", "cr_only_newlines.en.txt"):
        assert nasty_document(name).text == (NASTY / name).read_bytes().decode("utf-8")


def test_encodings_are_told_apart():
    encodings = {
        "cp1252_smart_quotes.en.txt": "cp1252",
        "utf16le_no_bom.en.txt": "utf-16-le",
        "utf16be_no_bom.ko.txt": "utf-16-be",
        "meta_charset_lies.en.html": "utf-8",
        "unknown_charset.ko.html": "cp949",
    }
    assert {name: nasty_document(name).encoding for name in encodings} == encodings


# --- decoding: regressions ----------------------------------------------------------------


def test_windows_1252_english_is_not_read_as_a_look_alike_code_page():
    # charset-normalizer alone picks cp1250 here and turns è into č
    doc = nasty_document("cp1252_smart_quotes.en.txt")
    assert "“The café owners’ union,” he said" in doc.text
    assert "naïvely accept the plan — not now." in doc.text
    text, encoding = decode_bytes("café crème brûlée".encode("latin-1"))
    assert (text, encoding) == ("café crème brûlée", "cp1252")


def test_nul_behind_a_byte_order_mark_is_binary():
    # a NUL once passed as text after a BOM, and PostgreSQL cannot store it
    for raw in (b"\xef\xbb\xbfhello\x00world", "\ufeffab\x00cd".encode("utf-16")):
        with pytest.raises(DecodeError, match=r"binary data \(NUL bytes\)"):
            decode_bytes(raw)


def test_encoded_surrogate_pair_is_read_as_its_character_and_a_lone_one_is_named():
    assert decode_bytes(b"ok \xed\xa0\xbd\xed\xb8\x80 ok") == ("ok \U0001f600 ok", "utf-8")
    with pytest.raises(DecodeError, match=r"lone UTF-16 surrogate \(U\+DC00\) at character 3"):
        decode_bytes(b"ok \xed\xb0\x80 ok")  # used to come out as cp1125 mojibake


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("abc 가나다".encode()[:-1], ("abc 가나\ufffd", "utf-8")),  # was cp949 mojibake
        (
            "한국어 기사입니다".encode("cp949")[:-1],
            ("한국어 기사입니\ufffd", "cp949"),
        ),  # was refused
        ("\ufeffhello world".encode("utf-16-le")[:-1], ("hello worl\ufffd", "utf-16")),
        ("hello world text".encode("utf-16-le")[:-1], ("hello world tex\ufffd", "utf-16-le")),
    ],
)
def test_file_cut_in_its_last_character_keeps_its_text(raw, expected):
    assert decode_bytes(raw) == expected


def test_text_that_no_store_can_keep_is_refused_by_name():
    with pytest.raises(IngestError, match=r"lone UTF-16 surrogate \(U\+D800\) at character 2"):
        document_from_text("x.en.txt", "ab\ud800 text", "text", "en", None, "0", "utf-8")
    with pytest.raises(IngestError, match=r"NUL bytes"):
        document_from_text("x.en.txt", "ab\x00 text", "text", "en", None, "0", "utf-8")


# --- HTML ---------------------------------------------------------------------------------


def test_text_after_the_end_of_the_page_is_visible_as_in_a_browser():
    # libxml2 dropped everything after </html>
    page = html_to_text("<html><body><p>Body.</p></BODY ></html>\n<p>After the end.</p>")
    assert page.text == "Body.\n\nAfter the end."
    assert "After the end." in nasty_document("broken.en.html").text


def test_ten_thousand_nested_elements_are_a_named_error_not_an_empty_page():
    # the parser gives up past depth 2048 and used to leave an empty page ("no visible text")
    markup = "<html><body>" + "<div>" * 10_000 + "<p>Deep text.</p>" + "</div>" * 10_000
    with pytest.raises(HtmlError, match="nested deeper than 2048 levels"):
        html_to_text(markup)
    with pytest.raises(IngestError, match="nested deeper than 2048 levels"):
        build_document("deep.en.html", markup.encode(), "html", "en", None)


def test_nesting_under_the_parser_limit_keeps_all_text():
    doc = nasty_document("nested_ok.en.html")
    assert doc.text == "Rice prices rose for the third month in a row.\n\nAfter the nest."


def test_huge_scripts_and_styles_are_left_out_of_the_text():
    assert nasty_document("scripts_and_styles.en.html").text == (
        "Rice prices rose for the third month in a row.\n\nThe harvest comes soon."
    )
    script = "var html = '<p>not text</p>'; // </div>\n" * 120_000  # 5 MB
    markup = f"<p>Before.</p><script>{script}</script><style>{'p{}' * 500_000}</style><p>After.</p>"
    assert html_to_text(markup).text == "Before.\n\nAfter."


# --- long lines ---------------------------------------------------------------------------


class SplitterSpy:
    """Wraps a sentence splitter and records the length of every text it is given."""

    def __init__(self, splitter, method: str):
        self.splitter, self.method, self.lengths = splitter, method, []

    def __getattr__(self, name):
        if name != self.method:
            return getattr(self.splitter, name)

        def call(text, *args, **kwargs):
            self.lengths.append(len(text))
            return getattr(self.splitter, name)(text, *args, **kwargs)

        return call


def test_a_one_megabyte_line_is_segmented_and_checked_in_bounded_windows(monkeypatch):
    # pysbd's time grows with the square of its input: a 1 MB line once took minutes
    spy = SplitterSpy(segment._pysbd(), "segment")
    monkeypatch.setattr(segment, "_pysbd", lambda: spy)
    sentence = "Rice prices rose for the third month in a row, the office said on Monday. "
    line = (sentence * (1_000_000 // len(sentence) + 1))[:1_000_000].encode()
    doc = build_document("line.en.txt", line, "text", "en", None)
    [passage] = segment.segment_document(doc)
    check_document(doc, passages=[passage])
    assert len(passage.segments) == line.count(b". ") + 1
    assert spy.lengths and max(spy.lengths) <= segment.SPLITTER_WINDOW <= 10_000
    assert sum(spy.lengths) == len(line)


def test_a_long_korean_line_without_final_marks_reaches_kiwi_in_windows(monkeypatch):
    spy = SplitterSpy(segment._kiwi(), "split_into_sents")
    monkeypatch.setattr(segment, "_kiwi", lambda: spy)
    clause = "쌀값이 석 달 연속 올랐다고 통계청이 월요일 밝혔다 "
    text = clause * 700  # 21,000 characters, no final punctuation
    starts = segment.korean_sentence_starts(text)
    assert len(spy.lengths) > 1 and max(spy.lengths) <= segment.SPLITTER_WINDOW <= 10_000
    assert starts == sorted(set(starts)) and starts[0] == 0
    assert len(starts) == 700  # kiwipiepy still finds every 다 ending


def test_windows_cut_after_sentence_ends_and_cover_the_text():
    sentence = "The minister spoke. Dr. Kim said 3.5 percent. "
    text = sentence * 400
    cuts = segment.windows(text, 0, len(text), (segment._EN_END,), size=500)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a < b <= a + 500 for a, b in cuts)
    assert all(prev[1] == nxt[0] for prev, nxt in pairwise(cuts))
    assert all(text[b - 2 : b] == ". " and text[b - 4 : b - 2] != "Dr" for _, b in cuts[:-1])
    assert segment.windows("short", 0, 5, (segment._EN_END,)) == [(0, 5)]
    assert segment.windows("x" * 25, 0, 25, (), size=10) == [(0, 10), (10, 20), (20, 25)]


# --- the file system ----------------------------------------------------------------------


def make_file(path: Path, content: bytes | str = "Rice prices rose on Monday.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def big_sparse_file(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)  # no disk space, and nothing to read into memory by mistake
    return path


def test_file_over_the_size_limit_is_refused_with_its_size_and_the_limit(tmp_path):
    make_file(tmp_path / "good.en.txt")
    big_sparse_file(tmp_path / "huge.en.txt", 50_000_000)
    batch = discover_batch(tmp_path)
    assert [f.path for f in batch.files] == ["good.en.txt"]
    [(path, reason)] = batch.refused
    assert path == "huge.en.txt"
    assert "50,000,000 bytes (50.0 MB)" in reason
    assert f"the limit is {MAX_FILE_BYTES:,} bytes ({MAX_FILE_BYTES / 1e6:g} MB) per file" in reason


def test_reading_stops_at_the_limit_even_if_the_file_grew(tmp_path, monkeypatch):
    path = make_file(tmp_path / "a.en.txt", b"x" * 5000)
    [f] = discover_batch(tmp_path).files
    assert read_document(f, limit=5000) == b"x" * 5000
    with pytest.raises(IngestError, match=r"file too large: 5,000 bytes .* limit is 1,000"):
        read_document(f, limit=1000)
    real_fstat = os.fstat

    class Shrunk:  # what fstat says when the file grows after it was looked at
        def __init__(self, info):
            self.st_mode, self.st_size = info.st_mode, 10

    monkeypatch.setattr(os, "fstat", lambda fd: Shrunk(real_fstat(fd)))
    with pytest.raises(IngestError, match="grew past the limit while it was read"):
        read_document(f, limit=1000)
    assert path.stat().st_size == 5000


def test_symlinks_inside_are_read_and_those_leading_out_are_refused(tmp_path):
    outside = make_file(tmp_path / "secret" / "passwords.txt", "root:hunter2\n")
    batch_dir = tmp_path / "batch"
    make_file(batch_dir / "good.en.txt")
    make_file(batch_dir / "sub" / "real.en.txt")
    (batch_dir / "inside.en.txt").symlink_to(batch_dir / "sub" / "real.en.txt")
    (batch_dir / "relative.en.txt").symlink_to("sub/real.en.txt")
    (batch_dir / "leak.en.txt").symlink_to(outside)
    (batch_dir / "sneaky.en.txt").symlink_to("../secret/passwords.txt")
    (batch_dir / "dangling.en.txt").symlink_to(batch_dir / "gone.txt")
    (batch_dir / "linked-folder").symlink_to(outside.parent, target_is_directory=True)
    (batch_dir / "termbase.csv").symlink_to(outside)
    (batch_dir / "photo.jpg").symlink_to(outside)  # unknown: never read, only reported
    batch = discover_batch(batch_dir)
    assert [f.path for f in batch.files] == [
        "good.en.txt", "inside.en.txt", "relative.en.txt", "sub/real.en.txt",
    ]  # fmt: skip
    assert dict(batch.refused) == {
        "dangling.en.txt": "symbolic link to a file that does not exist",
        "leak.en.txt": "symbolic link to a file outside the batch folder, not read",
        "linked-folder": "symbolic link to a folder outside the batch folder",
        "sneaky.en.txt": "symbolic link to a file outside the batch folder, not read",
        "termbase.csv": "symbolic link to a file outside the batch folder, not read",
    }
    assert batch.termbases == [] and batch.unknown == ["photo.jpg"]


def test_a_batch_reached_through_a_symlink_reads_its_own_files(tmp_path):
    make_file(tmp_path / "real" / "a.en.txt")
    (tmp_path / "real" / "b.en.txt").symlink_to(tmp_path / "real" / "a.en.txt")
    (tmp_path / "alias").symlink_to(tmp_path / "real", target_is_directory=True)
    batch = discover_batch(tmp_path / "alias")
    assert [f.path for f in batch.files] == ["a.en.txt", "b.en.txt"] and batch.refused == []


def test_manifest_leading_out_of_the_batch_is_refused(tmp_path):
    outside = make_file(tmp_path / "elsewhere" / "manifest.toml", "[documents]\n")
    make_file(tmp_path / "batch" / "a.en.txt")
    (tmp_path / "batch" / "manifest.toml").symlink_to(outside)
    with pytest.raises(BatchError, match="manifest.toml: symbolic link to a file outside"):
        discover_batch(tmp_path / "batch")


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("../outside.en.txt", "points outside the batch folder"),
        ("sub/../../outside.en.txt", "points outside the batch folder"),
        ("/etc/passwd", "must be a path relative to the batch folder"),
        ("C:/Windows/win.ini", "must be a path relative to the batch folder"),
        ("..\\\\outside.en.txt", "points outside the batch folder"),
    ],
)
def test_manifest_paths_leaving_the_batch_stay_refused(tmp_path, key, message):
    make_file(tmp_path / "outside.en.txt")
    make_file(tmp_path / "batch" / "a.en.txt")
    make_file(tmp_path / "batch" / "sub" / "b.en.txt")
    entry = f'[documents."a.en.txt"]\noriginal = "{key}"\n'
    make_file(tmp_path / "batch" / "manifest.toml", entry)
    batch = discover_batch(tmp_path / "batch")  # the batch goes on without that document
    ((path, reason),) = batch.refused
    assert path == "a.en.txt" and message in reason
    assert [f.path for f in batch.files] == ["sub/b.en.txt"]


def test_manifest_may_name_a_refused_file_which_is_reported_not_fatal(tmp_path):
    make_file(tmp_path / "outside.en.txt")
    make_file(tmp_path / "batch" / "a.en.txt")
    (tmp_path / "batch" / "leak.en.txt").symlink_to(tmp_path / "outside.en.txt")
    make_file(tmp_path / "batch" / "manifest.toml", '[documents."leak.en.txt"]\ntrusted = true\n')
    batch = discover_batch(tmp_path / "batch")
    assert [path for path, _ in batch.refused] == ["leak.en.txt"]
    assert batch.manifest["leak.en.txt"].trusted


def test_fifo_is_refused_instead_of_blocking_the_run(tmp_path):
    make_file(tmp_path / "good.en.txt")
    os.mkfifo(tmp_path / "pipe.en.txt")
    batch = discover_batch(tmp_path)
    assert batch.refused == [
        ("pipe.en.txt", "not a regular file (a FIFO, socket or device), not read")
    ]


def test_file_name_that_is_not_utf8_is_refused_with_a_printable_name(tmp_path):
    make_file(tmp_path / "good.en.txt")
    make_file(Path(os.fsdecode(bytes(tmp_path) + b"/bad\xff\xfename.en.txt")))
    make_file(Path(os.fsdecode(bytes(tmp_path) + b"/photo\xff.jpg")), b"\xff\xd8")
    batch = discover_batch(tmp_path)
    assert batch.refused == [
        ("bad\\xff\\xfename.en.txt", "the file name is not valid UTF-8; rename the file")
    ]
    assert batch.unknown == ["photo\\xff.jpg"]


def test_a_batch_of_refused_files_is_processed_not_a_usage_error(tmp_path):
    big_sparse_file(tmp_path / "huge.en.txt", MAX_FILE_BYTES + 1)
    assert [path for path, _ in discover_batch(tmp_path).refused] == ["huge.en.txt"]


# --- whole batches ------------------------------------------------------------------------


def nasty_batch(root: Path) -> tuple[Path, dict[str, str]]:
    """Every nasty file, the file-system cases, and one good column with its original;
    returns the folder and the reason expected for each refused path."""
    batch = root / "batch"
    shutil.copytree(NASTY, batch)
    make_file(batch / "rice.en.txt", COLUMN_EN)
    make_file(batch / "rice.ko.txt", COLUMN_KO.encode("cp949"))
    make_file(root / "outside.en.txt")
    (batch / "leak.en.txt").symlink_to(root / "outside.en.txt")
    (batch / "alias.en.txt").symlink_to(batch / "rice.en.txt")
    os.mkfifo(batch / "pipe.en.txt")
    big_sparse_file(batch / "huge.en.txt", 50_000_000)
    make_file(Path(os.fsdecode(bytes(batch) + b"/bad\xffname.en.txt")))
    make_file(batch / "termbase.csv", "source,target\n농협,Nonghyup\n")
    make_file(batch / "broken" / "termbase.csv", "no columns here\n")
    expected = {name: reason for name, reason in REFUSED.items() if reason}
    expected.update({
        "leak.en.txt": "symbolic link to a file outside the batch folder",
        "pipe.en.txt": "not a regular file",
        "huge.en.txt": "file too large: 50,000,000 bytes",
        "bad\\xffname.en.txt": "the file name is not valid UTF-8",
        "broken/termbase.csv": "a CSV termbase needs the columns source and target",
    })  # fmt: skip
    return batch, expected


def good_paths(batch: Path, expected: dict[str, str]) -> set[str]:
    return {f.path for f in discover_batch(batch).files} - set(expected)


def stored_counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            table.name: conn.scalar(select(func.count()).select_from(table))
            for table in (documents, passages, segments, findings, queue)
        }


def test_nasty_batch_stores_the_good_documents_and_nothing_of_the_bad(store_engine, tmp_path):
    batch, expected = nasty_batch(tmp_path)
    summary = run_batch(batch, store_engine)
    failures = dict(summary.failures)
    assert set(failures) == set(expected)
    for path, reason in expected.items():
        assert reason in failures[path], path
    stored = {s.document.path: s.document for s in reads.load_documents(store_engine)}
    assert set(stored) == good_paths(batch, expected)
    assert stored["alias.en.txt"].text == stored["rice.en.txt"].text == COLUMN_EN
    assert stored["rice.en.txt"].original == "rice.ko.txt"
    assert {f.document for f in reads.load_findings(store_engine)} >= {"rice.en.txt"}
    with store_engine.connect() as conn:
        ids = select(documents.c.id)
        for table in (passages, findings, queue):
            orphans = select(func.count()).select_from(table).where(~table.c.document_id.in_(ids))
            assert conn.scalar(orphans) == 0, table.name
        orphan_segments = select(func.count()).where(
            ~segments.c.passage_pk.in_(select(passages.c.id))
        )
        assert conn.scalar(orphan_segments) == 0
    before = stored_counts(store_engine)
    again = run_batch(batch, store_engine)
    assert dict(again.failures) == failures
    assert again.checked == 0 and again.unchanged == len(stored)
    assert stored_counts(store_engine) == before


def test_a_document_that_turns_bad_leaves_the_store(store_engine, tmp_path):
    batch = tmp_path / "batch"
    make_file(batch / "rice.en.txt", COLUMN_EN)
    make_file(batch / "other.en.txt", COLUMN_EN.replace("Rice", "Wheat"))
    run_batch(batch, store_engine)
    (batch / "rice.en.txt").write_bytes(b"\x00\x01binary\x00" * 20)
    summary = run_batch(batch, store_engine)
    assert [path for path, _ in summary.failures] == ["rice.en.txt"]
    assert {s.document.path for s in reads.load_documents(store_engine)} == {"other.en.txt"}
    with store_engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(passages)) == len(
            reads.load_passages(store_engine, batch_key(batch))
        )


def test_an_unexpected_error_in_one_file_spares_the_rest_of_the_batch(tmp_path, monkeypatch):
    import pipeline.jobs as jobs
    import pipeline.runner as runner

    real = runner.build_document

    def fragile(path, *args):
        if path == "bad.en.txt":
            raise RecursionError("maximum recursion depth exceeded")
        return real(path, *args)

    monkeypatch.setattr(runner, "build_document", fragile)  # pairing by content
    monkeypatch.setattr(jobs, "build_document", fragile)  # the document's own processing
    make_file(tmp_path / "batch" / "bad.en.txt")
    make_file(tmp_path / "batch" / "rice.en.txt", COLUMN_EN)
    make_file(tmp_path / "batch" / "rice.ko.txt", COLUMN_KO)  # pairing by content runs too
    make_file(tmp_path / "batch" / "lonely.en.txt", "The ministry said on Monday.\n")
    engine = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    summary = run_batch(tmp_path / "batch", engine)
    assert summary.failures == [
        ("bad.en.txt", "unexpected error: RecursionError: maximum recursion depth exceeded")
    ]
    assert {s.document.path for s in reads.load_documents(engine)} == {
        "rice.en.txt", "rice.ko.txt", "lonely.en.txt",
    }  # fmt: skip


def test_run_command_names_every_bad_file_and_a_second_run_agrees(tmp_path, monkeypatch):
    monkeypatch.setenv("MTREVIEW_DB", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    batch, expected = nasty_batch(tmp_path)
    results = [CliRunner().invoke(main, ["run", str(batch)]) for _ in range(2)]
    for result in results:
        assert result.exit_code == 1, result.output
        errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
        assert len(errors) == len(expected)
        for path, reason in expected.items():
            assert any(f"{batch / path}: " in e and reason in e for e in errors), path
        assert "skipped unknown file: README.md" in result.stdout
    engine = open_store(f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    stored = [s.document.path for s in reads.load_documents(engine)]
    assert sorted(stored) == sorted(good_paths(batch, expected))


def test_a_manifest_path_trick_fails_its_entry_not_the_batch(tmp_path):
    """`mtreview run` on a batch whose manifest points out of the folder: exit 1, the entry
    named on stderr, every other document stored."""
    from click.testing import CliRunner

    from pipeline.cli import main

    batch = tmp_path / "batch"
    make_file(tmp_path / "secret.en.txt", "Not part of the batch.\n")
    make_file(batch / "rice.en.txt", COLUMN_EN)
    make_file(batch / "rice.ko.txt", COLUMN_KO)
    make_file(batch / "manifest.toml", '[documents."../secret.en.txt"]\ntrusted = true\n')
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    result = CliRunner().invoke(main, ["run", str(batch), "--db", url])
    assert result.exit_code == 1, result.output
    assert "manifest.toml" in result.output and "points outside the batch folder" in result.output
    stored = {s.document.path for s in reads.load_documents(open_store(url))}
    assert stored == {"rice.en.txt", "rice.ko.txt"}
