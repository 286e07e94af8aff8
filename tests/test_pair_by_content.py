"""Pairing English documents with their Korean originals by content (pipeline.pair.by_content).

The real-data tests read the koen-news-park2016 pseudo-documents from shared/data at test time
(CC BY-SA 3.0, Park et al. 2016/2017) and use only the held-out half, documents 50-99: the
weights and the threshold of by_content were fitted on documents 0-49. The short Korean and
English texts of the unit tests were written for these tests (invented events).
"""

from __future__ import annotations

import hashlib
import json
import random
from functools import lru_cache
from pathlib import Path

import pytest
import realparts

from pipeline.model import Document
from pipeline.pair.by_content import (
    THRESHOLD,
    ContentPair,
    ContentPairing,
    pair_by_content,
    pair_scores,
)

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "koen-news-park2016"
HELD_OUT = range(50, 100)


def _doc(path: str, sentences: list[str], lang: str) -> Document:
    text = "\n\n".join(sentences) + "\n"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(path=path, text=text, lang=lang, content_hash=digest, encoding="utf-8")


@lru_cache(maxsize=1)
def _records() -> tuple[dict, ...]:
    path = DATA / "docs.jsonl"
    realparts.require_part(path.is_file(), f"shared data missing: {path}")
    with path.open(encoding="utf-8") as f:
        return tuple(json.loads(line) for line in f)


def _batch(indices: list[int], seed: int) -> tuple[list[Document], list[Document], dict[str, str]]:
    """English and Korean documents of ``indices`` under unrelated, shuffled names.

    Returns (english, korean, gold) with gold = english path -> korean path.
    """
    records = _records()
    rng = random.Random(seed)
    en_names = [f"col-{rng.randrange(10**6):06d}.en.txt" for _ in indices]
    ko_names = [f"src/{rng.randrange(10**6):06d}-orig.ko.txt" for _ in indices]
    english = [_doc(n, records[i]["en"], "en") for n, i in zip(en_names, indices, strict=True)]
    korean = [_doc(n, records[i]["ko"], "ko") for n, i in zip(ko_names, indices, strict=True)]
    gold = {e.path: k.path for e, k in zip(english, korean, strict=True)}
    rng.shuffle(english)
    rng.shuffle(korean)
    return english, korean, gold


def _check_consistent(result: ContentPairing, english, korean) -> None:
    """Every English document is exactly once in pairs, ambiguous or unpaired; same for Korean."""
    en_seen = [p.english_path for p in result.pairs] + result.unpaired_english
    en_seen += [a[0] for a in result.ambiguous]
    assert sorted(en_seen) == sorted(d.path for d in english)
    paired_ko = [p.korean_path for p in result.pairs]
    assert len(paired_ko) == len(set(paired_ko))
    named = {k for a in result.ambiguous for k in a[1]}
    assert set(paired_ko).isdisjoint(result.unpaired_korean)
    assert named.isdisjoint(result.unpaired_korean)
    assert set(paired_ko) | named | set(result.unpaired_korean) == {d.path for d in korean}


# ----------------------------------------------------------------------------- real data


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_shuffled_batch_of_20_is_paired(seed: int):
    indices = random.Random(seed).sample(list(HELD_OUT), 20)
    english, korean, gold = _batch(indices, seed)
    result = pair_by_content(english, korean)
    _check_consistent(result, english, korean)
    right = [p for p in result.pairs if gold[p.english_path] == p.korean_path]
    wrong = [p for p in result.pairs if gold[p.english_path] != p.korean_path]
    print(
        f"seed {seed}: {len(right)}/20 right, {len(wrong)} wrong, "
        f"lowest confidence {min(p.confidence for p in result.pairs):.3f}"
    )
    assert len(right) >= 19
    assert not wrong  # every pair in result.pairs is above the threshold
    for p in result.pairs:
        assert p.confidence >= THRESHOLD
        assert any(e.startswith("length ratio") for e in p.evidence)
        assert len(p.evidence) >= 2


def test_all_held_out_documents_at_once():
    english, korean, gold = _batch(list(HELD_OUT), seed=7)
    result = pair_by_content(english, korean)
    _check_consistent(result, english, korean)
    right = sum(gold[p.english_path] == p.korean_path for p in result.pairs)
    wrong = len(result.pairs) - right
    print(
        f"50 x 50 held out: {right}/50 right, {wrong} wrong, "
        f"{len(result.ambiguous)} ambiguous, {len(result.unpaired_english)} unpaired"
    )
    assert right >= 48
    assert wrong == 0


def test_english_whose_original_is_missing_stays_unpaired():
    indices = random.Random(11).sample(list(HELD_OUT), 20)
    english, korean, gold = _batch(indices, seed=11)
    orphans = []
    # Drop each of five originals in turn: the orphan must not be paired with anything.
    for victim in english[:5]:
        rest = [k for k in korean if k.path != gold[victim.path]]
        result = pair_by_content(english, rest)
        _check_consistent(result, english, rest)
        assert victim.path in result.unpaired_english
        assert all(p.english_path != victim.path for p in result.pairs)
        assert all(gold[p.english_path] == p.korean_path for p in result.pairs)
        assert len(result.pairs) >= 18
        orphans.append(victim.path)
    assert len(orphans) == 5


def test_original_without_english_is_reported_unpaired():
    english, korean, gold = _batch(list(range(60, 70)), seed=3)
    result = pair_by_content(english[1:], korean)
    assert result.unpaired_korean == [gold[english[0].path]]


def test_near_duplicate_originals_are_ambiguous():
    records = _records()
    indices = list(range(70, 80))
    english, korean, gold = _batch(indices, seed=5)
    target = english[0]
    original = next(k for k in korean if k.path == gold[target.path])
    # A second copy of the original with one sentence left out (e.g. an earlier draft).
    record = next(r for r in records if "\n\n".join(r["ko"]) + "\n" == original.text)
    draft = _doc("drafts/old-version.ko.txt", record["ko"][:7] + record["ko"][8:], "ko")
    result = pair_by_content(english, [*korean, draft])
    _check_consistent(result, english, [*korean, draft])
    entry = next(a for a in result.ambiguous if a[0] == target.path)
    assert set(entry[1]) == {original.path, draft.path}
    assert entry[2]
    assert all(p.english_path != target.path for p in result.pairs)
    assert all(gold[p.english_path] == p.korean_path for p in result.pairs)
    assert len(result.pairs) == 9


# ----------------------------------------------------------------------------- unit


KO = [
    "부산시는 2024년 3월 15일 해운대와 기장을 잇는 새 지하철 노선을 개통했다.",
    "시 관계자는 하루 평균 4만 5천 명이 이 노선을 이용할 것으로 내다봤다.",
    "총 공사비는 1조 2천억 원이 들었고, 클린턴 재단의 대표단도 개통식을 찾았다.",
]
EN = [
    "Busan opened a new subway line linking Haeundae and Gijang on March 15, 2024.",
    "A city official said about 45,000 passengers a day are expected to ride the line.",
    "It cost 1.2 trillion won, and a delegation of the Clinton Foundation attended.",
]
KO_OTHER = [
    "기상청은 22일 서울의 낮 최고기온이 36도까지 올라 올여름 들어 가장 더웠다고 밝혔다.",
    "정부는 노약자에게 한낮 외출을 자제해 달라고 당부했다.",
]


def test_evidence_is_readable():
    result = pair_by_content(
        [_doc("a.en.txt", EN, "en")],
        [_doc("x.ko.txt", KO_OTHER, "ko"), _doc("y.ko.txt", KO, "ko")],
    )
    assert [(p.english_path, p.korean_path) for p in result.pairs] == [("a.en.txt", "y.ko.txt")]
    pair = result.pairs[0]
    assert isinstance(pair, ContentPair)
    text = " | ".join(pair.evidence)
    assert "shared numbers" in text and "45,000" in text and "1.2 trillion" in text
    assert "shared years: 2024" in text
    assert "March" in text
    assert "Clinton ~ 클린턴" in text
    assert "length ratio" in text and "expected" in text
    assert result.unpaired_korean == ["x.ko.txt"]


def test_empty_inputs():
    assert pair_by_content([], []) == ContentPairing()
    lone = pair_by_content([_doc("a.en.txt", EN, "en")], [])
    assert lone.unpaired_english == ["a.en.txt"] and not lone.pairs
    only_ko = pair_by_content([], [_doc("y.ko.txt", KO, "ko")])
    assert only_ko.unpaired_korean == ["y.ko.txt"]


def test_unrelated_documents_are_not_paired():
    result = pair_by_content([_doc("a.en.txt", EN, "en")], [_doc("x.ko.txt", KO_OTHER, "ko")])
    assert not result.pairs
    assert result.unpaired_english == ["a.en.txt"]
    assert result.unpaired_korean == ["x.ko.txt"]


def test_pair_scores_matrix_shape_and_order():
    scores = pair_scores(
        [_doc("a.en.txt", EN, "en")],
        [_doc("x.ko.txt", KO_OTHER, "ko"), _doc("y.ko.txt", KO, "ko")],
    )
    assert len(scores) == 1 and len(scores[0]) == 2
    assert scores[0][1] > THRESHOLD > scores[0][0]


def test_two_near_duplicate_english_documents_are_ambiguous():
    records = _records()
    english, korean, gold = _batch(list(range(80, 90)), seed=6)
    target = english[0]
    record = next(r for r in records if "\n\n".join(r["en"]) + "\n" == target.text)
    copy = _doc("copy/other-column.en.txt", record["en"][:5] + record["en"][6:], "en")
    result = pair_by_content([*english, copy], korean)
    _check_consistent(result, [*english, copy], korean)
    flagged = {a[0]: a[1] for a in result.ambiguous}
    assert flagged == {target.path: [gold[target.path]], copy.path: [gold[target.path]]}
    assert len(result.pairs) == 9
    assert all(gold[p.english_path] == p.korean_path for p in result.pairs)
