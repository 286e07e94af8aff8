"""Gazetteer.mentions tokenises only where a name's first word is written; it must find
what a reading of every token from left to right finds (the reference below), on real news
and on names run together with every kind of separator."""

from __future__ import annotations

import random
from itertools import pairwise
from pathlib import Path

import pytest

from pipeline.lexicon.gazetteer import _POSSESSIVE, Mention, gazetteer, tokens

NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "koen-news-park2016" / "test.en"


def reference_mentions(text: str) -> list[Mention]:
    """Every token read in turn: the longest name opening at it wins and its tokens are
    passed over; a name's words are separated by nothing or one space."""
    g = gazetteer()
    longest = max(len(key) for key in g._forms)
    toks = tokens(text)
    found, i = [], 0
    while i < len(toks):
        match = None
        for size in range(min(longest, len(toks) - i), 0, -1):
            span = toks[i : i + size]
            if any(text[a[2] : b[1]] not in ("", " ") for a, b in pairwise(span)):
                continue
            words = [t[0] for t in span]
            hit = g._forms.get(tuple(words))
            if hit is None and _POSSESSIVE.search(words[-1]):
                hit = g._forms.get((*words[:-1], _POSSESSIVE.sub("", words[-1])))
            if hit is not None:
                match = (size, hit)
                break
        if match is None:
            i += 1
            continue
        (size, (entity, role)), start, end = match, toks[i][1], toks[i + match[0] - 1][2]
        i += size
        hyphen_after = end < len(text) and text[end] in "-–—"
        if role == "blocker" or (role == "combining" and not hyphen_after):
            continue
        found.append(Mention(entity, role, start, end, text[start:end]))
    return found


@pytest.mark.parametrize(
    "text",
    [
        "U.S.Army and the U.S.S.R.'s fleet",  # an abbreviation token ends at its last stop
        "3Korea, G7Korea, x_Korea, O'Korea and Korea_",  # inside or beside longer tokens
        "Korea's, Korea’s and Korea' but not Koreans",
        "the Russo-Japanese War, Sino- and Russo — Indo-Pacific",
        "North  Korea and South\nKorea, North Korean, North-Korea",
        "Guinea-Bissau, Papua New Guinea and New Guinea",
    ],
)
def test_awkward_tokens_as_a_full_reading_finds_them(text):
    assert gazetteer().mentions(text) == reference_mentions(text)


def test_news_sentences_as_a_full_reading_finds_them():
    lines = NEWS.read_text("utf-8").splitlines()
    assert len(lines) >= 1000
    g = gazetteer()
    found = 0
    for line in lines:
        mentions = g.mentions(line)
        assert mentions == reference_mentions(line), line
        found += len(mentions)
    assert found > 300  # the news names countries often: the comparison is not vacuous


def test_names_run_together_as_a_full_reading_finds_them():
    g = gazetteer()
    forms = sorted(" ".join(key) for key in g._forms)
    separators = ["", " ", "  ", "-", "'s ", "’s", "s ", "3", "_", "x", ".", "U.S.", "'", "—"]
    separators += [",", "\n", "é", "/"]
    rng = random.Random(7)
    for _ in range(3000):
        parts = [rng.choice(forms) + rng.choice(separators) for _ in range(rng.randint(1, 5))]
        text = "".join(parts)
        assert g.mentions(text) == reference_mentions(text), text
