"""Lexicons built once and kept on disk, so that a run checking one document does not spend
seconds rebuilding tables from package data (the gazetteer from GeoNames and ISO 3166,
lemminflect's verb forms, wordfreq's frequencies).

Two kinds of cache file:

* :func:`cached_object` keeps one pickled object (the gazetteer, the calques lexicon);
* :func:`cached_words` keeps a table from words to numbers in a SQLite file that is
  queried word by word, so a run reads only the words it looks up instead of loading
  hundreds of thousands of entries.

A cache file is named after what it was built from: the lexicon's name and a key hashing
the source of the modules that build it, the data files they read, the versions of the
packages they read and the Python version. Anything that changes the key makes a new
file, so a stale cache is never read: the lexicon is rebuilt. Reading a file marks it as
used (its modification time); files of the same lexicon unused for ``KEEP_DAYS`` are
removed when a new one is written (two versions of mtreview in use at once, such as a
checkout and an installed copy, each keep theirs). Files are written under a temporary
name and renamed, so a concurrent run never reads half a file (two runs building the
same lexicon at once write the same content). A cache file that cannot be read is
rebuilt; a folder that cannot be written costs the build time on every run, with a warning.

The folder is ``$MTREVIEW_CACHE_DIR``, else ``$XDG_CACHE_HOME/mtreview``, else
``~/.cache/mtreview``. Its files are trusted like the user's other files (pickle).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import secrets
import sqlite3
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

#: bump when the layout of the cache files changes
FORMAT = 2
#: cache files of another version of a lexicon unused for this long are removed
KEEP_DAYS = 7


def cache_dir() -> Path:
    """Where lexicon caches live."""
    if folder := os.environ.get("MTREVIEW_CACHE_DIR"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mtreview"


def cache_key(sources: Iterable[Path], packages: Iterable[str] = ()) -> str:
    """Hash of the files a lexicon is built from (``sources``: its modules and data files),
    the versions of the ``packages`` it reads, the Python version and the cache format."""
    digest = hashlib.sha256(f"{FORMAT}|{sys.version}".encode())
    for path in sources:
        digest.update(Path(path).name.encode() + b"\0" + Path(path).read_bytes())
    for package in packages:
        digest.update(f"{package}={metadata.version(package)}".encode())
    return digest.hexdigest()[:20]


def cached_object(
    name: str, build: Callable[[], T], sources: Iterable[Path], packages: Iterable[str] = ()
) -> T:
    """The object ``build()`` returns, read from the cache when it holds this version."""
    path = cache_dir() / f"{name}-{cache_key(sources, packages)}.pickle"
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)
        _mark_used(path)
        return value
    except FileNotFoundError:
        pass
    except Exception as exc:  # a damaged file: build again
        warnings.warn(f"mtreview: rebuilding the {name} cache ({path}: {exc})", stacklevel=2)
    value = build()
    _write(path, name, ".pickle", lambda target: target.write_bytes(pickle.dumps(value, 5)))
    return value


class WordTable:
    """A read-only table from words to numbers, looked up one word at a time."""

    def __init__(self, path: Path | None = None, words: Mapping[str, float] | None = None):
        """Open the SQLite table at ``path``, or hold ``words`` in memory (no cache)."""
        self._words = words
        self._db = None
        if path is not None:
            uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
            self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)

    def get(self, word: str, default: float | None = None) -> float | None:
        if self._words is not None:
            return self._words.get(word, default)
        row = self._db.execute("SELECT value FROM words WHERE word = ?", (word,)).fetchone()
        return row[0] if row else default


def cached_words(
    name: str,
    build: Callable[[], Mapping[str, float]],
    sources: Iterable[Path],
    packages: Iterable[str] = (),
) -> WordTable:
    """The word table ``build()`` returns, from the cache when it holds this version."""
    path = cache_dir() / f"{name}-{cache_key(sources, packages)}.sqlite3"
    if path.exists():
        try:
            table = WordTable(path)
            table.get("")  # fails on a damaged file
            _mark_used(path)
            return table
        except sqlite3.Error as exc:
            warnings.warn(f"mtreview: rebuilding the {name} cache ({path}: {exc})", stacklevel=2)
    words = build()
    if _write(path, name, ".sqlite3", lambda target: _write_words(target, words)):
        return WordTable(path)
    return WordTable(words=words)


def _write_words(target: Path, words: Mapping[str, float]) -> None:
    db = sqlite3.connect(target)
    try:  # a column without a type keeps each number as it is (int or float)
        db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, value) WITHOUT ROWID")
        db.executemany("INSERT INTO words VALUES (?, ?)", words.items())
        db.commit()
    finally:
        db.close()


def _write(path: Path, name: str, suffix: str, write: Callable[[Path], None]) -> bool:
    """Write a cache file under a temporary name, rename it to ``path`` and remove older
    files of ``name``; False (with a warning) when the folder cannot be written."""
    temporary = path.with_name(f".{path.stem}-{os.getpid()}-{secrets.token_hex(4)}{suffix}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            write(temporary)
            os.replace(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
    except OSError as exc:
        warnings.warn(
            f"mtreview: cannot write the {name} cache in {path.parent} ({exc}); "
            "it is rebuilt on every run",
            stacklevel=3,
        )
        return False
    _remove_unused(path, name, suffix)
    return True


def _mark_used(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass  # a read-only cache folder: nothing to mark


def _remove_unused(path: Path, name: str, suffix: str) -> None:
    """Remove the cache files of other versions of ``name`` unused for ``KEEP_DAYS``."""
    own = re.compile(rf"{re.escape(name)}-[0-9a-f]{{20}}{re.escape(suffix)}")
    limit = time.time() - KEEP_DAYS * 86400
    for old in path.parent.iterdir():
        if old == path or not own.fullmatch(old.name):
            continue
        try:
            if old.stat().st_mtime < limit:
                old.unlink()
        except OSError:
            pass  # another run removed it first
