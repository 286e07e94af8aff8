"""discover_batch: classify a corpus folder's files and read its manifest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.ingest import BatchError, ManifestEntry, discover_batch


def make(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def test_files_are_classified_sorted_and_unknown_ones_reported(tmp_path):
    make(tmp_path, {
        "column.en.html": "<p>x</p>",
        "column.ko.txt": "가",
        "news-2025-12-14.en.txt": "x",
        "notes.txt": "x",
        "Archive/old.HTM": "<p>x</p>",
        "archive/deep/report.fr.txt": "x",
        "termbase.csv": "term",
        "glossary/termbase.tbx": "<tbx/>",
        "photo.jpg": b"\xff\xd8\xff",
        "README.md": "read me",
        "sub/manifest.toml": "",
        ".hidden.en.txt": "x",
        ".git/config": "x",
    })  # fmt: skip
    batch = discover_batch(tmp_path)
    assert batch.root == tmp_path
    summary = [(f.path, f.lang_hint, f.format, f.stem) for f in batch.files]
    assert summary == [
        ("Archive/old.HTM", None, "html", "old"),
        ("archive/deep/report.fr.txt", None, "text", "report.fr"),
        ("column.en.html", "en", "html", "column"),
        ("column.ko.txt", "ko", "text", "column"),
        ("news-2025-12-14.en.txt", "en", "text", "news-2025-12-14"),
        ("notes.txt", None, "text", "notes"),
    ]
    assert all(f.abs_path == tmp_path / f.path for f in batch.files)
    assert batch.termbases == [tmp_path / "glossary/termbase.tbx", tmp_path / "termbase.csv"]
    assert batch.unknown == ["README.md", "photo.jpg", "sub/manifest.toml"]
    assert batch.manifest == {}


def test_files_carry_the_stat_the_listing_took(tmp_path):
    """A run compares each file's stat with the stored one; the listing's own stat serves
    (one system call a file), and it is the file's, not the link's, for a linked file."""
    import os

    make(tmp_path, {"a.en.txt": "x", "sub/b.ko.txt": "가나"})
    (tmp_path / "link.en.txt").symlink_to(tmp_path / "sub" / "b.ko.txt")
    batch = discover_batch(tmp_path)
    assert [f.path for f in batch.files] == ["a.en.txt", "link.en.txt", "sub/b.ko.txt"]
    for f in batch.files:
        assert f.stat is None or f.stat == os.stat(f.abs_path)
    assert batch.files[0].stat is not None and batch.files[2].stat is not None


def test_toml_manifest_is_read_and_normalised(tmp_path):
    make(tmp_path, {
        "news.en.txt": "x",
        "column.en.html": "<p>x</p>",
        "originals/column.txt": "가",
        "manifest.toml": (
            '[documents."news.en.txt"]\ntrusted = true\n\n'
            '[documents."./column.en.html"]\noriginal = "originals/../originals/column.txt"\n'
            'title = "Tears of Kursk"\ndate = 2025-12-14\nurl = "https://example.org/c"\n'
        ),
    })  # fmt: skip
    batch = discover_batch(tmp_path)
    assert batch.manifest == {
        "news.en.txt": ManifestEntry(trusted=True),
        "column.en.html": ManifestEntry(
            original="originals/column.txt",
            title="Tears of Kursk",
            date="2025-12-14",
            url="https://example.org/c",
        ),
    }
    hints = {f.path: f.lang_hint for f in batch.files}
    assert hints["originals/column.txt"] == "ko"  # a named original is Korean


def test_json_manifest_and_string_dates(tmp_path):
    manifest = {"documents": {"a.en.txt": {"date": "14 Dec. 2025", "trusted": False}}}
    make(tmp_path, {"a.en.txt": "x", "manifest.json": json.dumps(manifest)})
    assert discover_batch(tmp_path).manifest == {"a.en.txt": ManifestEntry(date="2025-12-14")}


def error_for(tmp_path, files) -> str:
    make(tmp_path, files)
    with pytest.raises(BatchError) as info:
        discover_batch(tmp_path)
    return str(info.value)


def refused_entry(tmp_path, files) -> tuple[str, str]:
    """A wrong manifest entry does not stop the batch: it is refused by name (with the
    document it describes, if any) and every other document is still found."""
    make(tmp_path, {**files, "other.en.txt": "y"})
    batch = discover_batch(tmp_path)
    assert "other.en.txt" in [f.path for f in batch.files]
    (problem,) = batch.refused
    assert problem[0] not in [f.path for f in batch.files]
    return problem


def test_missing_folder_is_named(tmp_path):
    with pytest.raises(BatchError, match=r"corpus folder .*nowhere does not exist"):
        discover_batch(tmp_path / "nowhere")


def test_a_file_is_not_a_batch_folder(tmp_path):
    path = make(tmp_path, {"a.en.txt": "x"}) / "a.en.txt"
    with pytest.raises(BatchError, match="is not a folder"):
        discover_batch(path)


def test_folder_without_documents_is_refused(tmp_path):
    message = error_for(tmp_path, {"photo.jpg": b"\xff", "termbase.csv": "t"})
    assert "contains no documents" in message and str(tmp_path) in message


def test_invalid_toml_names_the_file_and_line(tmp_path):
    message = error_for(tmp_path, {
        "a.en.txt": "x", "manifest.toml": '[documents."a.en.txt"]\ntrusted = yes\n',
    })  # fmt: skip
    assert "manifest.toml: invalid TOML" in message
    assert "line 2" in message


def test_invalid_json_names_the_file_and_line(tmp_path):
    message = error_for(tmp_path, {"a.en.txt": "x", "manifest.json": '{"documents": {\n  "a"\n'})
    assert "manifest.json: invalid JSON at line 3, column 1" in message


def test_key_escaping_the_folder_is_refused(tmp_path):
    path, message = refused_entry(tmp_path / "batch", {
        "a.en.txt": "x", "manifest.toml": '[documents."../secret.txt"]\ntrusted = true\n',
    })  # fmt: skip
    assert path == "manifest.toml" and '[documents."../secret.txt"]' in message
    assert "points outside the batch folder" in message


def test_absolute_key_is_refused(tmp_path):
    path, message = refused_entry(tmp_path, {
        "a.en.txt": "x", "manifest.toml": '[documents."/etc/passwd"]\ntrusted = true\n',
    })  # fmt: skip
    assert path == "manifest.toml" and "must be a path relative to the batch folder" in message


def test_missing_original_names_the_entry_and_the_path(tmp_path):
    path, message = refused_entry(tmp_path, {
        "a.en.txt": "x", "manifest.toml": '[documents."a.en.txt"]\noriginal = "a.ko.txt"\n',
    })  # fmt: skip
    assert path == "a.en.txt" and '[documents."a.en.txt"]' in message
    assert "'original' 'a.ko.txt' names a file that does not exist" in message


def test_key_naming_a_missing_document_is_refused(tmp_path):
    path, message = refused_entry(tmp_path, {
        "a.en.txt": "x", "manifest.toml": '[documents."b.en.txt"]\ntrusted = true\n',
    })  # fmt: skip
    assert "'b.en.txt' names a file that does not exist" in message


def test_unknown_entry_key_is_named(tmp_path):
    path, message = refused_entry(tmp_path, {
        "a.en.txt": "x", "manifest.toml": '[documents."a.en.txt"]\ntrsuted = true\n',
    })  # fmt: skip
    assert "unknown key 'trsuted'" in message and '[documents."a.en.txt"]' in message


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ('trusted = "yes"', "'trusted' must be true or false"),
        ('date = "someday"', "'date' 'someday' is not a date"),
        ("title = 3", "'title' must be a string"),
    ],
)
def test_wrong_value_types_are_named(tmp_path, entry, expected):
    path, message = refused_entry(tmp_path, {
        "a.en.txt": "x", "manifest.toml": f'[documents."a.en.txt"]\n{entry}\n',
    })  # fmt: skip
    assert path == "a.en.txt" and expected in message


def test_two_manifests_are_ambiguous(tmp_path):
    message = error_for(tmp_path, {
        "a.en.txt": "x", "manifest.toml": "", "manifest.json": "{}",
    })  # fmt: skip
    assert "both manifest.toml and manifest.json" in message
