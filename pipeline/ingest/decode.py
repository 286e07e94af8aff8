"""Bytes of a document file to text, in the encodings Korean and English sites use.

Order of trust: a byte-order mark; the NUL-byte pattern of BOM-less UTF-16; strict UTF-8;
a charset the file declares (HTML ``<meta charset>``, passed in by the caller); strict CP949
(a superset of EUC-KR); charset-normalizer as a last resort, limited to the other encodings
of English and Korean pages (Windows-1252, Latin-1, Johab, ISO-2022-KR) so that it cannot
settle on a look-alike code page and garble the text. The text is otherwise returned
exactly as decoded: newlines and every other character are left alone, because document
offsets refer to this text.

Damage is named rather than guessed around: NUL characters, control bytes, lone UTF-16
surrogates and undecodable bytes raise ``DecodeError``. One exception: a file cut in the
middle of its last character (a truncated download or copy) keeps its text, with U+FFFD
for the incomplete bytes. UTF-8 that spells supplementary characters as surrogate pairs
(CESU-8, written by some Java and JavaScript tools) is read as the characters it means.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

_SAMPLE = 8192
_KOREAN_CODECS = {"cp949", "euc_kr", "johab", "iso2022_kr"}
#: what charset-normalizer may choose from when nothing else decodes the bytes
_GUESSABLE = ["cp1252", "latin_1", "johab", "iso2022_kr"]
#: what a codec says when the bytes end in the middle of a character
_TRUNCATED = {"unexpected end of data", "truncated data", "incomplete multibyte sequence"}
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class DecodeError(ValueError):
    """The bytes are not text this tool can read; ``reason`` says why in plain words."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


EMPTY = "empty file"
BINARY_NUL = "binary data (NUL bytes), not text"
BINARY_CONTROL = "binary data (control bytes), not text"
UNDECODABLE = "cannot decode as UTF-8, UTF-16 or CP949/EUC-KR"
LONE_SURROGATE = "invalid text: a lone UTF-16 surrogate (U+{code:04X}) at character {pos}"


def decode_bytes(raw: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``raw`` and return ``(text, encoding)``; raise DecodeError when it is not text.

    ``encoding`` is the Python codec name used: "utf-8", "utf-8-sig", "utf-16" (with BOM),
    "utf-16-le"/"utf-16-be" (without), "utf-32", "cp949", a declared charset, or whatever
    charset-normalizer settled on. ``declared`` is a charset named by the file itself; it is
    tried after UTF-8, since pages often keep a stale declaration after being re-saved.
    """
    if not raw:
        raise DecodeError(EMPTY)
    result = _decode_with_bom(raw) or _decode_utf16_without_bom(raw)
    if result is None:
        if b"\x00" in raw:
            raise DecodeError(BINARY_NUL)
        result = _decode_plain(raw, declared)
    text, encoding = result
    if _looks_binary(text):
        raise DecodeError(BINARY_CONTROL)
    if problem := unstorable(text):
        raise DecodeError(problem)
    return text, encoding


def unstorable(text: str) -> str | None:
    """Why ``text`` cannot be a document's text, or None: the stores and every export keep
    text as UTF-8, which has no lone surrogates, and PostgreSQL text holds no NUL."""
    if "\x00" in text:
        return BINARY_NUL
    if lone := _SURROGATE.search(text):
        return LONE_SURROGATE.format(code=ord(lone.group()), pos=lone.start())
    return None


def _strict(raw: bytes, codec: str) -> str | None:
    """``raw`` decoded with ``codec``, or None when it is not that codec.

    Bytes that end in the middle of a character decode, with U+FFFD for the incomplete tail.
    """
    try:
        return raw.decode(codec)
    except LookupError:
        return None
    except UnicodeDecodeError as exc:
        if exc.end < len(raw) or exc.reason not in _TRUNCATED:
            return None
        try:
            return raw[: exc.start].decode(codec) + "\ufffd"
        except UnicodeDecodeError:
            return None


def _decode_with_bom(raw: bytes) -> tuple[str, str] | None:
    boms = [
        (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts with FF FE
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ]
    for bom, codec in boms:
        if raw.startswith(bom):
            text = _strict(raw, codec)
            if text is None:
                raise DecodeError(f"{UNDECODABLE} (the file starts with a {codec} byte-order mark)")
            if not text:
                raise DecodeError(EMPTY)
            return text, codec
    return None


def _decode_utf16_without_bom(raw: bytes) -> tuple[str, str] | None:
    """UTF-16 without BOM: ASCII characters leave NUL bytes at every other position.

    Little-endian text has them at odd offsets, big-endian at even ones. Hangul syllables
    whose low byte is 0 (가 U+AC00) put a few on the other side, so one side must dominate
    four to one. The decoded text must also look like text, not like a binary file.
    """
    sample = raw[:_SAMPLE]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd >= 2 and odd >= 4 * even:
        codec = "utf-16-le"
    elif even >= 2 and even >= 4 * odd:
        codec = "utf-16-be"
    else:
        return None
    text = _strict(raw, codec)
    if text is None or _looks_binary(text) or "\x00" in text:
        return None
    return text, codec


def _decode_plain(raw: bytes, declared: str | None) -> tuple[str, str]:
    text = _strict(raw, "utf-8")
    if text is not None:
        return text, "utf-8"
    text = _cesu8(raw)
    if text is not None:
        return text, "utf-8"
    if declared:
        codec = _codec_name(declared)
        if codec and codec not in _KOREAN_CODECS and codec != "utf-8":
            text = _strict(raw, codec)
            if text is not None:
                return text, codec
    text = _strict(raw, "cp949")
    if text is not None:
        return text, "cp949"
    return _decode_guess(raw)


def _cesu8(raw: bytes) -> str | None:
    """UTF-8 whose supplementary characters are written as encoded surrogate pairs.

    The pairs become the characters they stand for; a surrogate left without its partner
    stays in the text and is refused by the caller.
    """
    try:
        text = raw.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return None
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def _codec_name(label: str) -> str | None:
    try:
        return codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None


def _decode_guess(raw: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=_GUESSABLE).best()
    if best is None or best.encoding is None:
        raise DecodeError(UNDECODABLE)
    text = str(best)
    if not text or "\ufffd" in text or best.chaos > 0.2:
        raise DecodeError(UNDECODABLE)
    return text, best.encoding


def _looks_binary(text: str) -> bool:
    """More than 1% control characters (other than tab, newlines, form feed) is not text."""
    sample = text[:_SAMPLE]
    if not sample:
        return False
    controls = sum(
        1 for ch in sample if ch not in "\t\n\r\f\v" and unicodedata.category(ch) == "Cc"
    )
    return controls > max(2, len(sample) // 100)
