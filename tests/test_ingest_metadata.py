"""Title, byline, dateline and machine-translation provenance found in the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import (
    find_boilerplate,
    find_byline,
    find_dateline,
    find_provenance,
    find_title,
)
from pipeline.ingest.dates import parse_date
from pipeline.ingest.metadata import find_datelines
from pipeline.model import Region

SEEDS = Path("/work/shared/seeds")
BODY = (
    "The ministry said on Tuesday that the new rules would take effect in March, after a "
    "three-month consultation with local governments and industry groups.\n"
)


def span(text, region):
    return text[region.start : region.end] if region else None


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2025-12-14", "2025-12-14"), ("2025.12.14 16:30", "2025-12-14"),
        ("2025. 12. 14.", "2025-12-14"), ("2025/12/14", "2025-12-14"),
        ("14 Dec. 2025", "2025-12-14"), ("Dec. 14, 2025", "2025-12-14"),
        ("December 14 2025", "2025-12-14"), ("14th December, 2025", "2025-12-14"),
        ("Sept. 3, 2024", "2024-09-03"), ("2025년 12월 14일", "2025-12-14"),
        ("2025-12-14T16:30:00+09:00", "2025-12-14"), ("14/12/2025", "2025-12-14"),
        ("03/04/2025", None), ("2025-02-30", None), ("no date here", None),
    ],
)  # fmt: skip
def test_dates_in_common_forms_parse_to_iso(written, iso):
    assert parse_date(written) == iso


def test_seed_column_gets_google_translate_provenance_with_exact_span():
    text = (SEEDS / "000_13818d9f3b864ae4.txt").read_text(encoding="utf-8")
    prov = find_provenance(text)
    assert prov is not None
    assert prov.engine == "Google Translate"
    assert text[prov.start : prov.end] == prov.note
    assert prov.note.startswith("(This article was originally published as a column")
    assert prov.note.endswith("do not represent the official stance of the center.)")


@pytest.mark.parametrize(
    ("note", "engine"),
    [
        ("(Translated by Papago.)", "Papago"),
        ("This column was machine-translated from Korean.", "unknown"),
        ("Note: this text was translated into English using DeepL.", "DeepL"),
        ("This article was translated using AI.", "unknown"),
        (
            "This post was translated from the Korean original by ChatGPT and lightly edited.",
            "ChatGPT",
        ),
        ("[Translated with Microsoft Translator]", "Microsoft Translator"),
        ("Translated by Bing Translator", "Microsoft Translator"),
        ("※ 이 기사는 구글 번역을 이용해 영어로 옮겼습니다.", "Google Translate"),
        ("※ 본 기사는 AI 번역으로 작성되었습니다.", "unknown"),
        ("이 글은 파파고 번역기를 이용해 번역했습니다.", "Papago"),
        ("(기계 번역된 글입니다)", "unknown"),
    ],
)
def test_machine_translation_notes_name_their_engine(note, engine):
    text = BODY + "\n" + note + "\n"
    prov = find_provenance(text)
    assert prov is not None, note
    assert prov.engine == engine
    assert prov.note == note and text[prov.start : prov.end] == note


def test_note_ending_a_body_paragraph_spans_only_its_sentence():
    text = BODY.strip() + " This column was machine-translated from Korean.\n"
    prov = find_provenance(text)
    assert prov.note == "This column was machine-translated from Korean."


def test_note_inside_a_long_paragraph_spans_only_its_parentheses():
    text = BODY.strip() * 5 + " (This text was machine translated.) " + BODY.strip() * 2
    prov = find_provenance(text)
    assert prov.note == "(This text was machine translated.)"
    assert text[prov.start : prov.end] == prov.note


@pytest.mark.parametrize(
    "sentence",
    [
        "Google Translate added 110 new languages last year, the company said, including "
        "Cantonese and several African languages spoken by millions of people across the region.",
        "Researchers compared machine translation systems, but they found that human "
        "translators still outperformed them on literary texts from Korean novels and poems.",
        "The translated documents were handed over to the court on Monday by the defence team.",
        "Machine translation has improved a lot.",
        "The novel was translated by a veteran translator with the help of the author.",
        "AI 번역 시장이 빠르게 커지고 있다.",
        "Kim's remarks, translated into English by AI tools at the summit, drew wide attention "
        "from diplomats who had expected a far more cautious statement from the delegation.",
        "업계는 기계 번역의 정확도가 지난해보다 크게 높아졌다고 평가했다.",
    ],
)
def test_articles_about_translation_are_not_provenance(sentence):
    assert find_provenance(BODY + sentence + "\n" + BODY) is None


def test_note_in_the_article_wins_over_one_in_furniture_before_it():
    sidebar = "Recent comments\nThis post was machine-translated, wasn't it?\n"
    note = "(Translated by Papago.)"
    furniture = [Region(0, len(sidebar) - 1, "boilerplate")]
    assert find_provenance(sidebar + BODY + note, furniture).note == note
    # with no other note, a site-wide notice in the furniture still counts
    assert find_provenance(sidebar + BODY, furniture).note.startswith("This post was machine")


def test_seed_column_title_and_byline():
    text = (SEEDS / "000_13818d9f3b864ae4.txt").read_text(encoding="utf-8")
    regions = find_boilerplate(text)
    assert span(text, find_title(text, regions)) == (
        '[Kiho Han\'s Column] Tears of Kursk and the "Blood Pact" Bill'
    )
    byline = span(text, find_byline(text, regions))
    assert byline.startswith("Dr. Kiho Han, Director (Associate Professor)")
    assert byline.endswith("Affiliated Research Fellow at CUKPE")


def test_seed_news_report_dateline_prefix_is_separate_from_title():
    text = (SEEDS / "001_47540a53c01c72d8.txt").read_text(encoding="utf-8")
    region, iso = find_dateline(text, find_boilerplate(text))
    assert span(text, region) == "date 2025-12-14"
    assert iso == "2025-12-14"
    datelines = [span(text, r) for r, _ in find_datelines(text)]
    assert datelines[1] == "Published: 14 Dec. 2025, 16:30 Updated: 14 Dec. 2025, 16:52"
    title = find_title(text)
    assert span(text, title) == (
        "North's Kim makes rare acknowledgement of country's military casualties in Kursk region"
    )
    assert title.start >= region.end
    assert find_byline(text) is None  # "Lim Eul-chul, a professor …" is body, not a byline


@pytest.mark.parametrize(
    ("line", "expected", "iso"),
    [
        (
            "입력 2025.11.27 09:41 | 수정 2025.11.27 14:05",
            "입력 2025.11.27 09:41 | 수정 2025.11.27 14:05",
            "2025-11-27",
        ),
        (
            "Updated: Nov. 3, 2025 at 9:14 a.m. KST",
            "Updated: Nov. 3, 2025 at 9:14 a.m. KST",
            "2025-11-03",
        ),
        ("December 14, 2025", "December 14, 2025", "2025-12-14"),
        ("2025년 12월 14일 (일) 09:00", "2025년 12월 14일 (일) 09:00", "2025-12-14"),
        ("Posted on October 8, 2025 by Mina Cho", "Posted on October 8, 2025", "2025-10-08"),
        ("By Jane Doe | March 2, 2024", "March 2, 2024", "2024-03-02"),
    ],
)
def test_dateline_forms(line, expected, iso):
    text = "Headline About Something\n" + line + "\n" + BODY
    region, found = find_dateline(text)
    assert (span(text, region), found) == (expected, iso)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Jane Doe", "By Jane Doe"),
        ("Hyejin Park, Staff Reporter", "Hyejin Park, Staff Reporter"),
        (
            "Prof. Lee Sang-hoon (Korea Institute for National Unification)",
            "Prof. Lee Sang-hoon (Korea Institute for National Unification)",
        ),
        ("박서연 기자", "박서연 기자"),
        ("By Jane Doe | March 2, 2024", "By Jane Doe"),
        ("Posted on October 8, 2025 by Mina Cho", "by Mina Cho"),
    ],
)
def test_byline_forms(line, expected):
    text = "Headline About Something\n" + line + "\n" + BODY
    assert span(text, find_byline(text)) == expected


@pytest.mark.parametrize(
    "line",
    [
        "President Lee Meets Japanese Prime Minister in Osaka",
        "Kim Jong-un, Putin hail 'blood alliance' as troops return",
        "The professor said the policy would fail.",
    ],
)
def test_headlines_and_sentences_are_not_bylines(line):
    text = "Headline About Something\n" + line + "\n" + BODY
    assert find_byline(text) is None


def test_title_skips_short_section_labels_and_stops_at_the_body():
    text = "Opinion\nWhy the Alliance Needs a New Playbook\n" + BODY
    assert span(text, find_title(text)) == "Why the Alliance Needs a New Playbook"
    assert find_title(BODY + BODY) is None


def test_korean_title():
    text = "남해안 김 양식장 고수온 피해 확산\n박서연 기자\n" + (
        "전남 고흥과 완도 일대 김 양식장에서 고수온으로 인한 황백화 피해가 잇따르면서 올해 첫 물김 "
        "생산량이 지난해보다 30% 이상 줄어들 것이라는 전망이 나왔다.\n"
    )
    assert span(text, find_title(text)) == "남해안 김 양식장 고수온 피해 확산"
    assert span(text, find_byline(text)) == "박서연 기자"


def test_korean_byline_with_affiliation_before_the_role():
    text = (
        "[오피니언] 쌀값과 농협 개혁\n\n박지원 충남대 농업경제학과 교수\n\n"
        "쌀값이 석 달 연속 올랐다.\n"
    )
    from pipeline.ingest.metadata import find_byline, find_title

    title = find_title(text, [])
    byline = find_byline(text, [title] if title else [])
    assert (
        byline is not None and text[byline.start : byline.end] == "박지원 충남대 농업경제학과 교수"
    )


def test_korean_headline_after_a_rubric_ending_like_a_sentence():
    # Korean op-ed headlines often end in a verb ("…봐야 한다"): the rubric marks a headline
    title = "[기고] 물가를 잡으려면 이제는 정부가 수요보다 공급을 먼저 봐야 한다"
    text = (
        f"{title}\n\n김하늘 한국경제정책연구원 선임연구위원\n\n"
        "지난달 소비자물가가 다시 3%를 넘었다. 정부는 긴급 대책을 내놓았다.\n"
    )
    assert span(text, find_title(text)) == title
    assert span(text, find_byline(text)) == "김하늘 한국경제정책연구원 선임연구위원"
