"""Machine-translation provenance: a note saying the text was machine translated, and by what.

Examples it finds: "(This article was … translated into English with the help of Google
Translate …)", "Translated by Papago.", "This column was machine-translated from Korean.",
"※ 이 기사는 구글 번역을 이용해 영어로 옮겼습니다." The engine is normalised to "Google
Translate", "Papago", "DeepL", "ChatGPT", "Microsoft Translator" or "unknown".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.ingest.lines import Line, iter_lines, strip_span
from pipeline.model import Provenance, Region

_ENGINES = [
    ("Google Translate", re.compile(r"google|구글", re.IGNORECASE)),
    ("Papago", re.compile(r"papago|파파고", re.IGNORECASE)),
    ("DeepL", re.compile(r"deep\s?l\b|딥엘", re.IGNORECASE)),
    ("ChatGPT", re.compile(r"chat\s?gpt|\bgpt-?\d|openai|챗\s?gpt|챗지피티", re.IGNORECASE)),
    ("Microsoft Translator", re.compile(r"\bbing\b|microsoft|마이크로소프트|빙\s*번역", re.I)),
]
_TOOLS = (
    r"google|papago|deep\s?l\b|chat\s?gpt|gpt|openai|bing|microsoft|ai\b|a\.i\.|"
    r"artificial intelligence|machine|automatic|automated|software|translation (?:tool|program|"
    r"engine|software|service)|an? (?:translation|translating) (?:tool|program|app)"
)
# a statement that the text was translated by a machine ("translated by Papago")
_MT_STRONG = re.compile(
    r"machine[-\s]translated|auto(?:matic(?:ally)?)?[-\s]translated|ai[-\s]translated|"
    r"\btranslat\w*\s+(?:[\w'’-]+\s+){0,8}?(?:by|using|with|via|through|in)\s+(?:the\s+)?"
    r"(?:help|use|assistance|aid)?\s*(?:of\s+)?(?:an?\s+)?(?:" + _TOOLS + r")|"
    r"\b(?:google translate|papago|deepl)\b[^.\n]{0,40}\btranslat\w*|"
    r"번역기\s*(?:를|로|을)?\s*(?:이용|사용|활용|통해|돌려)|"
    r"(?:구글|파파고|딥엘|챗\s?gpt|챗지피티|ai|인공지능)\s*(?:번역)?\s*(?:을|를|로|으로)?\s*"
    r"(?:이용|사용|활용|통해)[^.。\n]{0,20}(?:번역|옮겼|옮긴)",
    re.IGNORECASE,
)
# the name of the practice, which articles about translation also use ("machine translation")
_MT_WEAK = re.compile(
    r"machine[-\s]translat\w*|auto(?:matic(?:ally)?)?[-\s]translat\w*|ai[-\s]translat\w*|"
    r"(?:구글|파파고|딥엘|챗\s?gpt|챗지피티|빙|마이크로소프트|ai|인공지능|기계|자동)\s*번역",
    re.IGNORECASE,
)
_NOTE_START = re.compile(
    r"^\s*(?:[(\[【※*†]|note\b|editor'?s note|translator'?s note|disclaimer|translated|"
    r"machine[-\s]translated|this\s+(?:article|column|text|post|piece|page|story|op-?ed|"
    r"essay|report|interview|translation)\b|이\s|본\s)",
    re.IGNORECASE,
)
_SELF_REFERENCE = re.compile(
    r"\b(?:this|the)\s+(?:article|column|text|post|piece|page|story|op-?ed|content|essay|"
    r"report|document|interview|blog|english version)\b|"
    r"(?:이|본|해당)\s*(?:글|기사|칼럼|원고|콘텐츠|게시물)",
    re.IGNORECASE,
)
_WEAK_SELF_REFERENCE = re.compile(r"\boriginal(?:ly)?\b|원문|영문", re.IGNORECASE)
_NOTE_MAX = 600
_STANDALONE_MAX = 120


def find_provenance(text: str, furniture: Iterable[Region] = ()) -> Provenance | None:
    """The first note saying ``text`` was machine translated, with the engine it names.

    A mention counts only when it is about this text. A statement that something was
    translated by a machine ("translated into English with the help of Google Translate",
    "machine-translated", 번역기를 이용해) counts when its note opens like one ("(", "※",
    "Note:", "This article …"), refers to the text ("this column", "originally", 이 기사,
    원문) or stands alone on a short line. The bare name of the practice ("machine
    translation", AI 번역) counts only in a note that opens like one or names this text, so
    articles *about* machine translation, and body sentences that mention a translated
    remark, do not count.

    The span is the whole note: the enclosing parentheses when the mention is inside
    some, else the paragraph (line) when the note opens it and it is not too long, else the
    sentence. Notes outside ``furniture`` (boilerplate regions, say a reader's comment) are
    preferred; a note inside it (a site-wide footer notice) is taken when there is no other.
    """
    furniture = list(furniture)
    notes = _notes(text)
    outside = (
        note
        for note in notes
        if not any(r.start <= note.start and note.end <= r.end for r in furniture)
    )
    return next(outside, None) or (notes[0] if notes else None)


def _notes(text: str) -> list[Provenance]:
    notes = []
    for line in iter_lines(text):
        found = [(m, True) for m in _MT_STRONG.finditer(line.text)]
        found += [(m, False) for m in _MT_WEAK.finditer(line.text)]
        for match, strong in sorted(found, key=lambda f: f[0].start()):
            start, end = _note_span(
                text, line, line.start + match.start(), line.start + match.end()
            )
            note = text[start:end]
            note_like = bool(_NOTE_START.match(note) or _SELF_REFERENCE.search(note))
            if strong and not note_like:
                standalone = len(line.stripped) <= _STANDALONE_MAX
                note_like = standalone or bool(_WEAK_SELF_REFERENCE.search(note))
            if note_like:
                notes.append(Provenance(engine=_engine(note), note=note, start=start, end=end))
                break  # one note per line
    return notes


def _note_span(text: str, line: Line, m_start: int, m_end: int) -> tuple[int, int]:
    a, b = line.span_stripped()
    parens = _enclosing_parens(text, a, b, m_start)
    if parens and parens[1] - parens[0] <= _NOTE_MAX:
        return parens
    starts = [m.end() for m in re.finditer(r"[.!?。](?:[\"'”’)])?\s+", text[a:m_start])]
    s = a + starts[-1] if starts else a
    if s == a and b - a <= _NOTE_MAX:
        return a, b  # the note opens the paragraph: the whole paragraph is the note
    stop = re.search(r"[.!?。](?:[\"'”’)])?(?=\s|$)", text[m_end:b])
    e = m_end + stop.end() if stop else b
    return strip_span(text, s, e)


def _enclosing_parens(text: str, a: int, b: int, pos: int) -> tuple[int, int] | None:
    """The balanced ``( … )`` within ``text[a:b]`` that contains ``pos``, if any."""
    depth, open_at = 0, -1
    for i in range(pos - 1, a - 1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            if depth == 0:
                open_at = i
                break
            depth -= 1
    if open_at < 0:
        return None
    depth = 0
    for i in range(pos, b):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            if depth == 0:
                return open_at, i + 1
            depth -= 1
    return None


def _engine(note: str) -> str:
    hits = [(m.start(), name) for name, rx in _ENGINES for m in [rx.search(note)] if m]
    return min(hits)[1] if hits else "unknown"
