"""decode_bytes: the encodings Korean and English sites use, and clear refusals."""

from __future__ import annotations

import random

import pytest

from pipeline.ingest import DecodeError, decode_bytes

KOREAN = (
    "북한이 쿠르스크 파병 사실을 공식 인정했다.\r\n"
    "김정은 위원장은 12일 평양 4·25문화회관 앞에서 열린 환영 행사에 참석했다.\n"
)
ENGLISH = "Kim Jong-un attended a welcoming ceremony in Pyongyang on Dec. 12.\n"


def test_plain_utf8_is_returned_unchanged():
    assert decode_bytes(KOREAN.encode("utf-8")) == (KOREAN, "utf-8")


def test_utf8_bom_is_stripped_and_reported_as_utf8_sig():
    text, encoding = decode_bytes(KOREAN.encode("utf-8-sig"))
    assert text == KOREAN
    assert encoding == "utf-8-sig"
    assert not text.startswith("\ufeff")


def test_cp949_korean_decodes_as_cp949():
    # 똠 and 햏 exist only in CP949's extension of EUC-KR
    sample = KOREAN + "똠방각하가 햏햏거렸다.\n"
    assert decode_bytes(sample.encode("cp949")) == (sample, "cp949")


def test_euc_kr_korean_decodes_through_cp949_superset():
    text, encoding = decode_bytes(KOREAN.encode("euc-kr"))
    assert text == KOREAN
    assert encoding == "cp949"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom_decodes_korean(codec):
    text, encoding = decode_bytes(KOREAN.encode(codec))
    assert text == KOREAN
    assert encoding == codec


def test_utf16_without_bom_detects_english_by_nul_pattern():
    assert decode_bytes(ENGLISH.encode("utf-16-be")) == (ENGLISH, "utf-16-be")
    assert decode_bytes(ENGLISH.encode("utf-16-le")) == (ENGLISH, "utf-16-le")


def test_windows_newlines_are_not_normalised():
    text, _ = decode_bytes("첫 줄\r\n둘째 줄\r\n".encode("cp949"))
    assert text == "첫 줄\r\n둘째 줄\r\n"


def test_declared_charset_is_used_when_utf8_fails():
    raw = "Le café est très bon.".encode("cp1252")
    assert decode_bytes(raw, declared="windows-1252") == ("Le café est très bon.", "cp1252")


def test_stale_declared_charset_loses_to_valid_utf8():
    raw = KOREAN.encode("utf-8")
    assert decode_bytes(raw, declared="euc-kr") == (KOREAN, "utf-8")


def test_empty_file_is_refused_as_empty():
    with pytest.raises(DecodeError, match="^empty file$"):
        decode_bytes(b"")


def test_bom_without_content_is_an_empty_file():
    with pytest.raises(DecodeError, match="empty file"):
        decode_bytes(b"\xef\xbb\xbf")


def test_png_bytes_are_refused_as_binary():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4
    with pytest.raises(DecodeError, match=r"binary data \(NUL bytes\), not text"):
        decode_bytes(png)


def test_random_bytes_without_nul_are_refused_as_undecodable():
    rng = random.Random(7)
    raw = bytes(rng.randrange(1, 256) for _ in range(400))
    with pytest.raises(DecodeError) as info:
        decode_bytes(raw)
    assert info.value.reason == "cannot decode as UTF-8, UTF-16 or CP949/EUC-KR"


def test_cp949_with_corrupt_tail_is_refused_rather_than_garbled():
    raw = KOREAN.encode("cp949") + b"\xff\xff"
    with pytest.raises(DecodeError, match="cannot decode"):
        decode_bytes(raw)
