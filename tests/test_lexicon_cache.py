"""The lexicon cache: built once, read back, rebuilt when what it was built from changes,
safe when several runs build it at once; and the cached lexicons answer as the packages
they come from."""

from __future__ import annotations

import os
import random
import string
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from pipeline.lexicon import cache
from pipeline.lexicon.cache import cached_object, cached_words


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("MTREVIEW_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


class Builds:
    """A build function that counts its calls."""

    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_object_is_built_once_and_read_back(folder, tmp_path):
    source = tmp_path / "data.toml"
    source.write_text("a = 1\n")
    build = Builds({"cities": [("Seoul", "KR", 9_000_000)]})
    assert cached_object("places", build, [source]) == build.value
    assert cached_object("places", build, [source]) == build.value
    assert build.calls == 1
    assert [p.name.split("-")[0] for p in folder.iterdir()] == ["places"]


def test_stale_cache_is_rebuilt(folder, tmp_path):
    source = tmp_path / "data.toml"
    source.write_text("a = 1\n")
    assert cached_object("places", Builds("old"), [source]) == "old"
    source.write_text("a = 2\n")  # the data changed: the cache no longer holds it
    build = Builds("new")
    assert cached_object("places", build, [source]) == "new"
    assert build.calls == 1
    assert cached_object("places", Builds("unused"), [source]) == "new"


def test_stale_word_table_is_rebuilt(folder, tmp_path):
    source = tmp_path / "words.py"
    source.write_text("# version 1\n")
    assert cached_words("words", Builds({"talks": 1}), [source]).get("talks") == 1
    source.write_text("# version 2\n")
    table = cached_words("words", Builds({"talks": 2, "summit": 3}), [source])
    assert (table.get("talks"), table.get("summit"), table.get("missing", 0)) == (2, 3, 0)


def test_versions_in_use_are_kept_and_unused_ones_removed(folder, tmp_path):
    """Two versions of a lexicon used in turn (a checkout and an installed copy) are
    each built once; a version unused for KEEP_DAYS goes when another is written."""
    source = tmp_path / "data.toml"
    first, second = Builds("first"), Builds("second")
    for _ in range(3):
        source.write_text("a = 1\n")
        cached_object("places", first, [source])
        source.write_text("a = 2\n")
        cached_object("places", second, [source])
    assert (first.calls, second.calls) == (1, 1)
    files = sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime_ns)
    assert len(files) == 2
    old = time.time() - (cache.KEEP_DAYS + 1) * 86400
    os.utime(files[0], (old, old))  # unused for longer than KEEP_DAYS
    source.write_text("a = 3\n")
    cached_object("places", Builds("third"), [source])
    left = set(folder.iterdir())
    assert files[0] not in left and files[1] in left and len(left) == 2


def test_package_version_is_part_of_the_key(tmp_path):
    source = tmp_path / "data.toml"
    source.write_text("a = 1\n")
    assert cache.cache_key([source], ["wordfreq"]) != cache.cache_key([source], ["pycountry"])
    assert cache.cache_key([source], ["wordfreq"]) == cache.cache_key([source], ["wordfreq"])


def test_damaged_cache_file_is_rebuilt_with_a_warning(folder, tmp_path):
    source = tmp_path / "data.toml"
    source.write_text("a = 1\n")
    cached_object("places", Builds("value"), [source])
    [path] = folder.iterdir()
    path.write_bytes(path.read_bytes()[:5])
    build = Builds("value")
    with pytest.warns(UserWarning, match="rebuilding the places cache"):
        assert cached_object("places", build, [source]) == "value"
    assert build.calls == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cached_object("places", build, [source]) == "value"


def test_unwritable_folder_only_costs_the_build(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("MTREVIEW_CACHE_DIR", str(blocker / "cache"))
    source = tmp_path / "data.toml"
    source.write_text("a = 1\n")
    with pytest.warns(UserWarning, match="cannot write the words cache"):
        table = cached_words("words", Builds({"talks": 4}), [source])
    assert table.get("talks") == 4


def _build_slowly(source: str) -> int:
    """One process building the same cache as others at the same moment."""

    def build():
        return {f"word{i}": i for i in range(20_000)}

    table = cached_words("words", build, [Path(source)])
    return sum(table.get(f"word{i}") for i in range(0, 20_000, 997))


def test_runs_building_the_same_cache_at_once_all_get_it_whole(folder, tmp_path):
    source = tmp_path / "data.toml"
    source.write_text("a = 1\n")
    with ProcessPoolExecutor(4) as pool:
        results = list(pool.map(_build_slowly, [str(source)] * 8))
    assert results == [sum(range(0, 20_000, 997))] * 8
    assert [p.suffix for p in folder.iterdir()] == [".sqlite3"]  # no temporary left


# --------------------------------------------------------------------------- the lexicons


def test_cached_frequencies_are_wordfreqs():
    from wordfreq import get_frequency_dict, zipf_frequency

    from pipeline.lexicon.frequency import zipf

    rng = random.Random(7)
    known = rng.sample(sorted(get_frequency_dict("en")), 3000)
    letters = string.ascii_lowercase
    made_up = ["".join(rng.choices(letters, k=rng.randint(1, 12))) for _ in range(500)]
    joined = ["-".join(rng.sample(known, rng.choice((2, 3)))) for _ in range(500)]
    odd = ["Seoul", "KOREA", "Ji-won", "Park-Geun-hye", "ji--won", "-abc", "g7", "it's", "서울"]
    # possessives and contractions come from the table too, curly apostrophes included
    odd += ["korea's", "Korea’s", "yoon's", "qxzvbn's", "o'clock", "don’t", "rock'n'roll"]
    possessives = [f"{w}'s" for w in rng.sample(sorted(get_frequency_dict("en")), 300)]
    for word in [*known, *made_up, *joined, *odd, *possessives, ""]:
        assert zipf(word) == zipf_frequency(word, "en"), word


def test_frequencies_wordfreq_gives_otherwise_are_asked_of_wordfreq(folder, monkeypatch):
    """Should the table's arithmetic not reproduce wordfreq (another version), building it
    says so and every word goes to wordfreq."""
    from wordfreq import zipf_frequency

    from pipeline.lexicon import frequency

    real = frequency.combined_zipf
    monkeypatch.setattr(frequency, "combined_zipf", lambda parts, floor: real(parts, floor) + 1)
    frequency._table.cache_clear()
    frequency.zipf.cache_clear()
    try:
        with pytest.warns(UserWarning, match="is not reproduced"):
            assert frequency.zipf("summit") == zipf_frequency("summit", "en")
        assert frequency.zipf("ji-won") == zipf_frequency("ji-won", "en")
    finally:
        frequency._table.cache_clear()
        frequency.zipf.cache_clear()


def test_cached_verb_forms_are_lemminflects():
    from lemminflect import getAllInflections, getAllLemmas
    from lemminflect.core.Lemmatizer import Lemmatizer

    from pipeline.lexicon.verbs import finite_tags, parts_of_speech

    rng = random.Random(7)
    words = rng.sample(sorted(Lemmatizer()._getLemmaDict()), 3000) + ["xyzzy", "talks", "Malta"]
    for word in words:
        w = word.lower()
        lemmas = getAllLemmas(w)
        tags = {
            tag
            for lemma in lemmas.get("VERB", ())
            for tag in ("VBD", "VBZ", "VBP")
            if w in getAllInflections(lemma, upos="VERB").get(tag, ())
        }
        assert parts_of_speech(word) == frozenset(lemmas), word
        assert finite_tags(word) == frozenset(tags), word


def test_cached_gazetteer_is_the_built_one():
    from pipeline.lexicon import gazetteer as module

    module.gazetteer()  # built and cached, unless an earlier run cached it
    module.gazetteer.cache_clear()
    cached, built = module.gazetteer(), module._build()  # read back, and built afresh
    for name in ("Kursk", "Seoul", "Springfield", "Gyeonggi", "Crimea", "Jeju", "Gaza", "Nowhere"):
        assert cached.cities_named(name) == built.cities_named(name)
        assert cached.regions_named(name) == built.regions_named(name)
        assert cached.feature_families(name) == built.feature_families(name)
    text = "The Russo-Ukrainian war and the Korean Peninsula; Sino-Japanese talks in Beijing."
    assert cached.mentions(text) == built.mentions(text)
    assert cached.wars == built.wars and cached.entities == built.entities
