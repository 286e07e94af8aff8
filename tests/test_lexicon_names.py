"""Name phrases of two words or more are found by a pattern of their own (one that never
stops at a lone capitalised word); it must find what the one-word reading finds."""

from __future__ import annotations

import random
from pathlib import Path

from pipeline.lexicon.names import _has_words, _name_phrases, name_phrases

NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "koen-news-park2016" / "test.en"


def from_one_word_reading(text: str):
    return tuple(p for p in _name_phrases(text, 1) if _has_words(p.text, 2))


def test_names_of_news_sentences_as_the_one_word_reading_finds_them():
    lines = NEWS.read_text("utf-8").splitlines()
    found = 0
    for line in lines:
        names = _name_phrases(line, 2)
        assert names == from_one_word_reading(line), line
        found += len(names)
    assert found > 500  # news is full of names: the comparison is not vacuous


def test_awkward_names_as_the_one_word_reading_finds_them():
    pieces = ["Kim", "U.S.", "U.S", "the", "The", "of", "Korea", "3", "32-year-old", "Kim's"]
    pieces += ["Kims'", "O'Neil", "’s", "Jong-un", "de", "A.", "B", "x", "(", '"', "“", "—", "-"]
    pieces += ["17th", "April 25", "House", "of Culture"]
    rng = random.Random(5)
    for _ in range(5000):
        parts = [rng.choice(pieces) + rng.choice(["", " ", " ", "\u00a0", ", ", ". "])]
        parts += [
            rng.choice(pieces) + rng.choice(["", " ", ". "]) for _ in range(rng.randint(0, 7))
        ]
        text = "".join(parts)
        assert _name_phrases(text, 2) == from_one_word_reading(text), text


def test_a_lone_word_is_no_name_phrase_but_a_dotted_one_is():
    assert [p.text for p in name_phrases("Kim met the U.S. envoy in Seoul.")] == ["U.S"]
    assert [p.text for p in name_phrases("He saw the April 25 House of Culture.")] == [
        "April 25 House of Culture"
    ]
