"""Language of passages: script ratio first, restricted detectors for the unclear rest."""

from pipeline.langid import detect_language, hangul_ratio


def test_korean_paragraph_is_korean():
    assert detect_language("북한은 지난해 4월 파병 사실을 공식 인정했다.") == "ko"


def test_english_paragraph_is_english():
    text = "The regiment had been dispatched for mine clearance and returned home."
    assert detect_language(text) == "en"


def test_english_with_a_korean_word_stays_english():
    text = "The ceremony honoured the 영웅 of the engineering regiment in the capital city."
    assert hangul_ratio(text) < 0.1
    assert detect_language(text) == "en"


def test_korean_with_latin_acronyms_stays_korean():
    assert detect_language("국가정보원(NIS)은 ICBM 재진입 기술 이전 가능성을 언급했다.") == "ko"


def test_no_letters_is_undetermined():
    assert detect_language("2025 — 12 / 14") == "und"
    assert detect_language("") == "und"


def test_detection_is_repeatable_for_ambiguous_text():
    text = "Seoul 서울 Busan 부산 Incheon"
    assert len({detect_language(text) for _ in range(5)}) == 1
