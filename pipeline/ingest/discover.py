"""A corpus folder to a ``Batch``: its documents, manifest, termbases and unknown files.

This is the only ingest module that touches the file system: it lists the folder and reads
the manifest. Documents are ``*.txt``, ``*.html``, ``*.htm`` anywhere below the folder
(``NAME.en.*``/``NAME.ko.*`` carry a language hint); ``manifest.toml``/``manifest.json`` at the
top is the manifest; ``termbase.tbx``/``termbase.csv`` anywhere are termbases; hidden files and
folders are skipped; everything else is reported in ``unknown``. The walk is sorted, so the
same folder always gives the same batch.

Files the batch would read are refused, each with a reason in ``refused``, when they cannot
be read safely: a symbolic link that leads out of the batch folder (or nowhere), something
that is not a regular file (a FIFO would block the run), a file larger than
``MAX_FILE_BYTES``, a file name that is not valid UTF-8. Symbolic links to files inside the
folder are read like the files; linked folders are not followed (their files are read where
they are), and a linked folder outside the batch is refused. ``read_document`` reads a
document's bytes under the same size limit.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pipeline.ingest.dates import parse_date

DOCUMENT_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html"}
LANG_MARKERS = {"en", "ko"}
MANIFEST_NAMES = ("manifest.toml", "manifest.json")
TERMBASE_NAMES = {"termbase.tbx", "termbase.csv"}
ENTRY_KEYS = {"trusted", "original", "title", "date", "url"}
#: Files larger than this are refused before they are read (a column is tens of kilobytes,
#: a saved page with inline scripts a few megabytes); every byte of a text is segmented and
#: checked, so a larger one would hold a run for many minutes.
MAX_FILE_BYTES = 20_000_000


class BatchError(Exception):
    """The corpus folder or its manifest cannot be used; the message names the problem."""


class IngestError(Exception):
    """A file that cannot become a document; ``str()`` is ``"PATH: reason"``."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class ManifestEntry:
    """What the manifest says about one document."""

    trusted: bool = False
    original: str | None = None  # POSIX path of the Korean original, relative to the batch
    title: str | None = None
    date: str | None = None  # ISO "YYYY-MM-DD"
    url: str | None = None


@dataclass
class BatchFile:
    """One document file of the batch."""

    path: str  # POSIX path relative to root
    abs_path: Path
    lang_hint: str | None  # "en"/"ko" from NAME.en.* / NAME.ko.*, or an original's "ko"
    format: str  # "text" or "html"
    stem: str  # NAME without the .en.txt etc.
    #: the file's stat when the folder was listed (symbolic links followed), before any
    #: of its bytes were read
    stat: os.stat_result | None = field(default=None, repr=False, compare=False)


@dataclass
class Batch:
    """What a corpus folder holds; paths in ``files``, ``manifest`` and ``unknown`` are
    POSIX paths relative to ``root``."""

    root: Path
    files: list[BatchFile] = field(default_factory=list)
    manifest: dict[str, ManifestEntry] = field(default_factory=dict)
    termbases: list[Path] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # POSIX paths relative to root
    refused: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)


def discover_batch(corpus_dir: Path) -> Batch:
    """List ``corpus_dir`` and read its manifest; raise BatchError when it is unusable."""
    root = Path(corpus_dir)
    if not root.exists():
        raise BatchError(f"corpus folder {root} does not exist")
    if not root.is_dir():
        raise BatchError(f"{root} is not a folder (a batch is a folder of documents)")
    batch = Batch(root=root)
    real_root = root.resolve()
    manifest_paths: list[Path] = []
    for rel, entry, is_dir in _walk(root):
        name = entry.name.lower()
        shown = _shown(rel)
        if is_dir:
            if not _inside(real_root, root / rel):
                batch.refused.append((shown, "symbolic link to a folder outside the batch folder"))
            continue
        if "/" not in rel and name in MANIFEST_NAMES:
            if problem := _problem(real_root, root / rel):
                raise BatchError(f"{root / rel}: {problem}")
            manifest_paths.append(root / rel)
            continue
        document = _as_document(root, rel) if name not in TERMBASE_NAMES else None
        if name not in TERMBASE_NAMES and document is None:
            batch.unknown.append(shown)
        elif shown != rel:
            batch.refused.append((shown, "the file name is not valid UTF-8; rename the file"))
        elif problem := _entry_problem(real_root, entry, document):
            batch.refused.append((shown, problem))
        elif document is not None:
            batch.files.append(document)
        else:
            batch.termbases.append(root / rel)
    if not batch.files and not batch.refused:
        raise BatchError(f"corpus folder {root} contains no documents (*.txt, *.html, *.htm)")
    if len(manifest_paths) > 1:
        raise BatchError(f"{root} has both manifest.toml and manifest.json; keep one")
    if manifest_paths:
        by_path = {f.path: f for f in batch.files}
        refused = {path for path, _ in batch.refused if _as_document(root, path)}
        problems: list[tuple[str, str]] = []
        batch.manifest = _read_manifest(manifest_paths[0], root, by_path, refused, problems)
        batch.refused.extend(problems)
        bad = {p for p, _ in problems}
        batch.files = [f for f in batch.files if f.path not in bad]
        by_path = {f.path: f for f in batch.files}
        for entry in batch.manifest.values():
            original = by_path.get(entry.original or "")
            if original is not None and original.lang_hint is None:
                original.lang_hint = "ko"
    return batch


def read_document(f: BatchFile, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``f``; raise IngestError when it cannot be read or is over ``limit``.

    The size is checked on the open file before reading, and no more than ``limit`` + 1
    bytes are ever read, so a file that grew after discovery is refused the same way.
    """
    try:
        fd = os.open(f.abs_path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise IngestError(f.path, f"cannot read file: {exc.strerror or exc}") from exc
    with os.fdopen(fd, "rb") as handle:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise IngestError(f.path, _NOT_REGULAR)
            if info.st_size > limit:
                raise IngestError(f.path, _too_large(info.st_size, limit))
            raw = handle.read(limit + 1)
        except OSError as exc:
            raise IngestError(f.path, f"cannot read file: {exc.strerror or exc}") from exc
    if len(raw) > limit:
        raise IngestError(f.path, _too_large(None, limit))
    return raw


_NOT_REGULAR = "not a regular file (a FIFO, socket or device), not read"


def _too_large(size: int | None, limit: int) -> str:
    allowed = f"the limit is {limit:,} bytes ({limit / 1e6:g} MB) per file"
    if size is None:
        return f"file too large: it grew past the limit while it was read; {allowed}"
    return f"file too large: {size:,} bytes ({size / 1e6:.1f} MB); {allowed}"


def _problem(real_root: Path, path: Path) -> str | None:
    """Why the batch must not read ``path``, or None when it may."""
    if path.is_symlink():
        if not path.exists():
            return "symbolic link to a file that does not exist"
        if not _inside(real_root, path):
            return "symbolic link to a file outside the batch folder, not read"
    try:
        info = path.stat()
    except OSError as exc:
        return f"cannot read file: {exc.strerror or exc}"
    return _stat_problem(info)


def _stat_problem(info: os.stat_result) -> str | None:
    """Why a file with this ``stat`` must not be read: not a regular file, or too large."""
    if not stat.S_ISREG(info.st_mode):
        return _NOT_REGULAR
    if info.st_size > MAX_FILE_BYTES:
        return _too_large(info.st_size, MAX_FILE_BYTES)
    return None


def _entry_problem(real_root: Path, entry: os.DirEntry, document: BatchFile | None) -> str | None:
    """``_problem`` of a file as the folder listing found it: a file that is not a symbolic
    link takes one ``stat``, kept in ``document`` (when it is one) for the run."""
    if entry.is_symlink():
        return _problem(real_root, Path(entry.path))
    try:
        info = entry.stat()
    except OSError as exc:
        return f"cannot read file: {exc.strerror or exc}"
    problem = _stat_problem(info)
    if problem is None and document is not None:
        document.stat = info
    return problem


def _inside(real_root: Path, path: Path) -> bool:
    return path.resolve().is_relative_to(real_root)


def _shown(rel: str) -> str:
    """``rel`` (a POSIX path) as a path that can be printed and stored (bytes that are not
    UTF-8 in a file name come back from the file system as surrogates: they are shown as
    \\xNN)."""
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        if any("\udc80" <= ch <= "\udcff" for ch in rel):
            return os.fsencode(rel).decode("utf-8", "backslashreplace")
    return rel


def _walk(root: Path) -> list[tuple[str, os.DirEntry, bool]]:
    """The non-hidden files below ``root`` as (POSIX path relative to ``root``, the listing's
    entry, whether it is a linked folder (not followed)), sorted by path. A folder that
    cannot be listed is skipped, as ``os.walk`` skips it."""
    found = []
    folders = [("", os.fspath(root))]
    while folders:
        prefix, folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = prefix + entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if not is_dir:
                found.append((rel, entry, False))
            elif entry.is_symlink():
                found.append((rel, entry, True))
            else:
                folders.append((rel + "/", entry.path))
    found.sort(key=lambda item: item[0])
    return found


def _suffix(name: str) -> str:
    """``PurePosixPath(name).suffix``: from the last dot, unless the name starts or ends
    with it."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _as_document(root: Path, rel: str) -> BatchFile | None:
    """The document at POSIX path ``rel`` below ``root``, or None when it is none."""
    name = rel.rpartition("/")[2]
    suffix = _suffix(name).lower()
    if suffix not in DOCUMENT_SUFFIXES:
        return None
    stem = name[: -len(suffix)]
    lang = None
    marker = _suffix(stem).lower().lstrip(".")
    if marker in LANG_MARKERS:
        lang = marker
        stem = stem[: -len(marker) - 1]
    return BatchFile(rel, root / rel, lang, DOCUMENT_SUFFIXES[suffix], stem)


def _read_manifest(
    path: Path, root: Path, documents: dict, refused: set[str], problems: list
) -> dict[str, ManifestEntry]:
    """The manifest's entries by document path. An entry may name a refused file (it is
    reported as such); any other path must be a document of the batch. An entry that is
    wrong is left out and added to ``problems`` as (path, reason): under the manifest's
    name when its key leads nowhere (outside the batch, a missing file), under the
    document's path when its values are wrong (that document is then not read at all).
    A manifest that cannot be read or parsed as a whole raises BatchError."""
    known = {**documents, **dict.fromkeys(refused)}
    try:
        source = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BatchError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise BatchError(f"{path}: cannot read the manifest ({exc.strerror})") from exc
    if path.suffix.lower() == ".toml":
        try:
            data = tomllib.loads(source)
        except tomllib.TOMLDecodeError as exc:
            raise BatchError(f"{path}: invalid TOML: {exc}") from exc
    else:
        try:
            data = json.loads(source)
        except json.JSONDecodeError as exc:
            raise BatchError(
                f"{path}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
            ) from exc
    if not isinstance(data, dict):
        raise BatchError(f"{path}: the manifest must be a table with a 'documents' table")
    extra = sorted(set(data) - {"documents"})
    if extra:
        raise BatchError(f"{path}: unknown top-level key {extra[0]!r} (expected 'documents')")
    tables = data.get("documents", {})
    if not isinstance(tables, dict):
        raise BatchError(f"{path}: 'documents' must be a table of [documents.\"PATH\"] entries")
    manifest: dict[str, ManifestEntry] = {}
    for key, values in tables.items():
        entry_name = f"[documents.{json.dumps(key, ensure_ascii=False)}]"
        where = f"{path}: {entry_name}"
        try:
            rel = _relative(key, where, "the key", root, known)
        except BatchError as exc:  # a path trick or a missing file: this entry only
            problems.append((path.name, str(exc).removeprefix(f"{path}: ")))
            continue
        if rel in manifest or any(rel == p for p, _ in problems):
            problems.append((rel, f"{path.name} {entry_name} names the same file as another entry"))
            manifest.pop(rel, None)
            continue
        try:
            manifest[rel] = _entry(values, where, root, known)
        except BatchError as exc:  # the document is not read with half its entry
            problems.append((rel, f"{path.name} {str(exc).removeprefix(f'{path}: ')}"))
    return manifest


def _entry(values, where: str, root: Path, documents: dict) -> ManifestEntry:
    if not isinstance(values, dict):
        raise BatchError(f"{where}: must be a table of keys ({', '.join(sorted(ENTRY_KEYS))})")
    unknown = sorted(set(values) - ENTRY_KEYS)
    if unknown:
        raise BatchError(
            f"{where}: unknown key {unknown[0]!r} (allowed: {', '.join(sorted(ENTRY_KEYS))})"
        )
    entry = ManifestEntry()
    if "trusted" in values:
        if not isinstance(values["trusted"], bool):
            raise BatchError(f"{where}: 'trusted' must be true or false")
        entry.trusted = values["trusted"]
    for key in ("title", "url"):
        if key in values:
            if not isinstance(values[key], str):
                raise BatchError(f"{where}: {key!r} must be a string")
            setattr(entry, key, values[key].strip() or None)
    if "original" in values:
        if not isinstance(values["original"], str):
            raise BatchError(f"{where}: 'original' must be a path string")
        entry.original = _relative(values["original"], where, "'original'", root, documents)
    if "date" in values:
        entry.date = _date(values["date"], where)
    return entry


def _date(value, where: str) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    iso = parse_date(value) if isinstance(value, str) else None
    if iso is None:
        raise BatchError(f"{where}: 'date' {value!r} is not a date (write 2025-12-14)")
    return iso


def _relative(value: str, where: str, what: str, root: Path, documents: dict) -> str:
    """Normalise a manifest path to the POSIX path used in ``Batch.files``."""
    raw = value.replace("\\", "/")
    if raw.startswith("/") or (len(raw) > 1 and raw[1] == ":") or not raw.strip():
        raise BatchError(f"{where}: {what} {value!r} must be a path relative to the batch folder")
    parts: list[str] = []
    for part in PurePosixPath(raw).parts:
        if part == "..":
            if not parts:
                raise BatchError(f"{where}: {what} {value!r} points outside the batch folder")
            parts.pop()
        elif part != ".":
            parts.append(part)
    rel = "/".join(parts)
    if rel not in documents:
        if (root / rel).is_file():
            raise BatchError(
                f"{where}: {what} {value!r} is not a document of the batch"
                " (hidden, or not *.txt, *.html, *.htm)"
            )
        raise BatchError(f"{where}: {what} {value!r} names a file that does not exist")
    return rel
