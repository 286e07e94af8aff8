"""Calendar dates written the ways English and Korean pages write them, as ISO strings.

Recognised: ``2025-12-14`` (also with ``.`` or ``/``, and ISO timestamps), ``2025. 12. 14.``,
``2025년 12월 14일``, ``14 Dec. 2025``, ``Dec. 14, 2025``, ``December 14 2025`` and
``14/12/2025`` or ``12/14/2025`` when the day is unambiguous (> 12). Impossible dates
(``2025-02-30``) are not dates.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ORD = r"(?:st|nd|rd|th)?"

_PATTERNS = [
    # 2025-12-14, 2025.12.14, 2025/12/14, 2025. 12. 14., 2025-12-14T16:30:00+09:00
    re.compile(
        r"(?<!\d)(?P<y>(?:19|20)\d\d)\s?[-./]\s?(?P<m>\d{1,2})\s?[-./]\s?(?P<d>\d{1,2})(?!\d)"
    ),
    # 2025년 12월 14일
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*년\s*(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일"),
    # 14 Dec. 2025, 14th December, 2025
    re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?{_MONTH},?\s+(?P<y>(?:19|20)\d\d)(?!\d)",
        re.IGNORECASE,
    ),
    # Dec. 14, 2025, December 14 2025
    re.compile(
        rf"\b{_MONTH}\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.IGNORECASE
    ),
    # 14/12/2025 or 12/14/2025 (only when unambiguous)
    re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d\d)(?!\d)"),
]


def _to_iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if groups.get("a"):
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            month, day = a, b
        else:
            return None  # 03/04/2025: March 4th or 3 April? Do not guess.
    elif groups.get("mon"):
        month = _MONTHS[groups["mon"].lower().rstrip(".")]
        day = int(groups["d"])
    else:
        month, day = int(groups["m"]), int(groups["d"])
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Every date in ``text`` as ``(start, end, iso)``, in order, non-overlapping."""
    found: list[tuple[int, int, str]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            iso = _to_iso(match)
            if iso is None:
                continue
            start, end = match.span()
            if any(start < e and s < end for s, e, _ in found):
                continue
            found.append((start, end, iso))
    return sorted(found)


def parse_date(value: str) -> str | None:
    """The first date written in ``value`` as ``YYYY-MM-DD``, or None."""
    dates = find_dates(value)
    return dates[0][2] if dates else None
