"""Text that XML 1.0 can hold."""

from __future__ import annotations


def xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/F)."""
    return "".join(
        ch
        for ch in text
        if ch in "\t\n\r"
        or ("\x20" <= ch <= "\ud7ff")
        or ("\ue000" <= ch <= "\ufffd")
        or ch >= "\U00010000"
    )
