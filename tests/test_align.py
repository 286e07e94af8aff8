"""Sentence/paragraph alignment of Korean with English (pipeline.pair.align).

The Korean/English texts below were written for these tests (news-style, invented events).
The real-data tests read the koen-news-park2016 test split from shared/data at test time
(CC BY-SA 3.0, Park et al. 2016/2017), held-out lines 1001-2000 only.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest
import realparts

from pipeline.pair.align import DEFAULT_PARAMS, Link, _Aligner, align, en_anchors, ko_anchors
from pipeline.pair.anchors import en_names, en_skeleton, ko_names, ko_skeleton
from pipeline.pair.length_model import length_cost, load_model, model_document
from pipeline.pair.lexicon import WordMatches, en_words, ko_words, load_lexicon, load_word_model

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "koen-news-park2016"

# e1 has no Korean (addition); k2 + k3 are merged into e3; k4 has no English (omission).
KO = [
    "부산시는 2024년 3월 15일 해운대와 기장을 잇는 새 지하철 노선을 개통했다.",
    "시 관계자는 하루 평균 4만 5천 명이 이 노선을 이용할 것으로 내다봤다.",
    "총 공사비는 1조 2천억 원이 들었다.",
    "노선의 길이는 12.5킬로미터다.",
    "개통식에는 시장과 주민 300여 명이 참석해 첫 열차 운행을 축하했다.",
    "부산시는 2030년까지 도시철도 노선 두 개를 더 건설할 계획이다.",
]
EN = [
    "Busan opened a new subway line linking Haeundae and Gijang on March 15, 2024.",
    "Construction had been delayed for years by disputes with landowners.",
    "A city official said about 45,000 passengers a day are expected to ride the line.",
    "The 12.5-kilometer line cost 1.2 trillion won to build.",
    "The city plans to build two more urban rail lines by 2030.",
]

KO_PARAGRAPHS = [
    "기상청은 22일 서울의 낮 최고기온이 36도까지 올라 올여름 들어 가장 더웠다고 밝혔다. "
    "전력 수요도 사상 최고치를 기록했다.",
    "정부는 노약자에게 한낮 외출을 자제해 달라고 당부했다. "
    "일부 지방자치단체는 무더위 쉼터 운영 시간을 밤 9시까지 늘렸다.",
    "전문가들은 기후 변화로 폭염이 더 잦아질 것이라고 경고했다. "
    "이들은 도시에 녹지를 늘려야 한다고 강조했다.",
]
EN_PARAGRAPHS = [
    "The weather agency said the temperature in Seoul rose to 36 degrees Celsius on the "
    "22nd, the hottest day of the summer so far. Power demand also hit a record high. "
    "The government urged elderly people to stay indoors at midday, and some local "
    "governments extended the hours of heat shelters to 9 p.m.",
    "Experts warned that climate change will make heat waves more frequent. "
    "They stressed that cities need more green space.",
]


def pairs(links: list[Link]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(link.ko, link.en) for link in links]


def test_merge_omission_and_addition_in_sentences():
    links = align(KO, EN)
    assert pairs(links) == [
        ((0,), (0,)),
        ((), (1,)),  # addition
        ((1,), (2,)),
        ((2, 3), (3,)),  # merge
        ((4,), ()),  # omission
        ((5,), (4,)),
    ]
    assert all(0.0 <= link.score <= 1.0 for link in links)
    assert links[-1].score > 0.5  # a clear 1-1 link
    assert links[4].score > 0.5  # a clear omission


def test_paragraphs_with_two_korean_paragraphs_in_one_english():
    assert pairs(align(KO_PARAGRAPHS, EN_PARAGRAPHS)) == [((0, 1), (0,)), ((2,), (1,))]


def test_faithful_translation_stays_one_to_one():
    ko = [KO[0], KO[1], KO[5]]
    en = [EN[0], EN[2], EN[4]]
    links = align(ko, en)
    assert pairs(links) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert min(link.score for link in links) > 0.5


def test_links_cover_every_unit_once_in_order():
    links = align(KO, EN)
    assert [i for link in links for i in link.ko] == list(range(len(KO)))
    assert [j for link in links for j in link.en] == list(range(len(EN)))
    assert {(len(link.ko), len(link.en)) for link in links} <= {
        (1, 1),
        (1, 0),
        (0, 1),
        (1, 2),
        (2, 1),
        (2, 2),
    }


def test_empty_sides():
    assert align([], []) == []
    assert pairs(align(["첫 문장이다.", "둘째 문장이다."], [])) == [((0,), ()), ((1,), ())]
    assert pairs(align([], ["Only English."])) == [((), (0,))]


def test_link_is_frozen():
    link = Link((0,), (0,), 1.0)
    with pytest.raises(AttributeError):
        link.score = 0.5  # type: ignore[misc]


def test_numbers_dates_and_latin_tokens_are_normalised():
    ko_num, ko_latin, *_ = ko_anchors(
        "2025년 4월 28일 1만 5천 명과 3천여 명, 30억 달러, 1,500명이 NSS와 ICBM을 언급했다."
    )
    en_num, en_tokens, en_acronyms, *_ = en_anchors(
        "On April 28, 2025, 15,000 people and more than 3,000 others, $3 billion, "
        "1,500 people mentioned the NSS and an ICBM."
    )
    for key in ("2025", "m4", "28", "15000", "3000", "3e+09", "1500"):
        assert key in ko_num and key in en_num
    assert {"nss", "icbm"} <= ko_latin & en_tokens
    assert {"nss", "icbm"} <= en_acronyms


def test_number_words_and_look_alike_letters():
    numbers = en_anchors("Two thousand people, twelve days; sixty ſix more, 3 mİllion won")[0]
    # "ſix" and "mİllion" match the case-insensitive patterns but are no English words: they
    # are passed over (the number 3 stays, without a scale).
    assert {"2000", "12", "3"} <= numbers and "6" not in numbers and "3e+06" not in numbers


def test_name_skeletons_ignore_spacing_and_other_scripts():
    # 클린턴 = K L + L N + T N: the repeated L collapses, as in Clinton.
    assert ko_skeleton("클린턴") == en_skeleton("Clinton")
    assert en_names("Clinton") <= ko_names("클린턴")
    # Any whitespace separates words; other characters inside a word are skipped.
    spaced = "오바마\u3000(클린턴)은\xa0 트럼프와\t만났다 \U0001f600"
    assert ko_skeleton(spaced).split() == [
        ko_skeleton(w) for w in ("오바마", "클린턴은", "트럼프와", "만났다")
    ]
    assert ko_names(spaced) == ko_names("오바마 클린턴은 트럼프와 만났다")
    assert ko_names("오 바") == frozenset()  # fewer than three classes: no key


def test_band_widening_keeps_the_bead_costs_exact():
    # The costs of the beads a narrow band computed are kept for the wider one: the wider
    # run must give exactly what a fresh problem gives at that width.
    ko, en = KO + KO_PARAGRAPHS, EN[:2] + EN_PARAGRAPHS + EN[2:]
    reused = _Aligner(ko, en, DEFAULT_PARAMS)
    assert reused.run(1) is None and reused.run(2) is None  # the path touches the band's edge
    for width in (4, 8):
        assert reused.run(width) == _Aligner(ko, en, DEFAULT_PARAMS).run(width) is not None


def test_length_model_is_packaged_with_provenance():
    doc = model_document()
    assert doc["provenance"]["lines"] == "1-1000"
    assert doc["provenance"]["script"] == "benchmarks/fit_length_model.py"
    model = load_model()
    typical = round(model.expected_en(50))
    assert 80 < typical < 140  # about two English characters per Korean one
    assert length_cost(50, typical) < 0.01
    assert length_cost(50, typical) < length_cost(50, 2 * typical) < length_cost(50, 5 * typical)
    assert math.isfinite(length_cost(0, 0)) and math.isfinite(length_cost(40, 0))


def _heldout_docs() -> list[dict]:
    path = DATA / "docs.jsonl"
    realparts.require_part(path.is_file(), f"shared data missing: {path}")
    with path.open(encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    return [d for d in docs if d["first_line"] >= 1001]


def _exact_one_to_one(doc: dict) -> tuple[int, int]:
    links = align(doc["ko"], doc["en"])
    exact = sum(1 for link in links if len(link.ko) == 1 and link.ko == link.en)
    return exact, len(doc["ko"])


def test_real_unperturbed_pseudo_document_is_mostly_one_to_one():
    # test-pseudo-053 = lines 1061-1080 (held out; no listed outlier line).
    (doc,) = [d for d in _heldout_docs() if d["id"] == "test-pseudo-053"]
    exact, total = _exact_one_to_one(doc)
    assert exact / total >= 0.9


def test_real_held_out_part_is_mostly_one_to_one():
    # The corpus' own pairing is loose in places (summarising translations, fragments), so
    # over the whole held-out part fewer links match it exactly than on a clean document.
    counts = [_exact_one_to_one(doc) for doc in _heldout_docs()]
    exact = sum(e for e, _ in counts)
    total = sum(t for _, t in counts)
    assert exact / total >= 0.85


# ----------------------------------------------------------------------------- word evidence

# k1 is about something else (an unrelated sentence in the Korean); the English of k0 is long
# enough for k0 + k1 to fit it by length, so only the words tell that k1 has no translation.
KO_FOREIGN = [
    "경찰은 21일 해변에서 술을 마시고 소란을 피운 관광객 17명을 체포했다고 밝혔다.",
    "국립박물관은 다음 달부터 입장료를 받지 않기로 결정했다고 발표했다.",
    "체포된 관광객들은 벌금을 내고 풀려났다.",
]
EN_FOREIGN = [
    "Police said they arrested 17 tourists on the 21st for drinking and causing a "
    "disturbance on the beach, a spokesman for the city told reporters.",
    "The tourists who were arrested were released after paying fines.",
]


def test_dictionary_words_are_found_on_both_sides():
    ko = ko_words(KO_FOREIGN[0])
    en = en_words(EN_FOREIGN[0])
    translated = [stems for stems in ko if stems & en]
    assert len(translated) >= 4  # 경찰 police, 해변 beach, 관광객 tourist, 체포 arrest …
    assert not any(stems & en for stems in ko_words(KO_FOREIGN[1]))
    assert "the" not in en  # function words are no evidence


def test_word_evidence_favours_a_translation_over_an_unrelated_sentence():
    words = WordMatches(
        [ko_words(s) for s in KO_FOREIGN],
        [en_words(s) for s in EN_FOREIGN],
        load_word_model(),
        1.0,
    )
    assert words.cost(1, 1, 1, 1) < 0 < words.cost(2, 1, 1, 1)  # k0-e0 vs k1-e0
    assert words.cost(3, 1, 2, 1) < 0  # k2-e1
    assert words.cost(2, 2, 1, 1) > words.cost(1, 1, 1, 1)  # k0 + k1 with e0: k1 unmatched


def test_unrelated_sentence_is_an_omission_not_a_merge():
    links = pairs(align(KO_FOREIGN, EN_FOREIGN))
    assert links == [((0,), (0,)), ((1,), ()), ((2,), (1,))]
    # Without the word evidence, length alone merges it into the first link.
    blind = replace(DEFAULT_PARAMS, words=0.0)
    assert pairs(align(KO_FOREIGN, EN_FOREIGN, params=blind))[0] == ((0, 1), (0,))


def test_inserted_english_sentence_is_an_addition():
    en = [EN_FOREIGN[0], "The museum will stop charging for admission next month.", EN_FOREIGN[1]]
    ko = [KO_FOREIGN[0], KO_FOREIGN[2]]
    assert pairs(align(ko, en)) == [((0,), (0,)), ((), (1,)), ((1,), (2,))]


def test_word_list_is_packaged_with_its_licence():
    lexicon = load_lexicon()
    assert len(lexicon.table) > 40000
    assert "polic" in lexicon.table["경찰"] and "beach" in lexicon.table["해변"]
    readme = resources.files("pipeline.pair").joinpath("data/README.md").read_text("utf-8")
    assert "CC BY-SA 2.0 KR" in readme and "ko_en_lexicon.tsv.gz" in readme


def test_word_list_from_the_lexicon_cache_is_the_packaged_one():
    from pipeline.pair.lexicon import _read_lexicon, load_lexicon

    cached, parsed = load_lexicon(), _read_lexicon()
    assert cached.table == parsed.table and cached.lengths == parsed.lengths
    assert cached.vocabulary == parsed.vocabulary
    assert len(cached.table) > 40_000


def test_word_list_makes_sets_of_the_keys_a_text_meets():
    import pickle

    from pipeline.pair.lexicon import _read_lexicon

    lexicon = pickle.loads(pickle.dumps(_read_lexicon()))  # as the lexicon cache holds it
    assert lexicon.stems("경찰") == frozenset(lexicon.words["경찰"].split())
    assert lexicon.stems("경찰") is lexicon.stems("경찰")
    assert lexicon.stems("없는열쇠") is None
    assert ko_words("경찰이 해변에서", lexicon) == (lexicon.stems("경찰"), lexicon.stems("해변"))
