"""The units ``mtreview align`` aligns: reviewable paragraphs or sentences of a file."""

from __future__ import annotations

from pathlib import Path

from pipeline.ingest import build_document
from pipeline.pair.align import align
from pipeline.segment import segment_document


def read_units(path: Path, lang: str, level: str) -> list[str]:
    """Paragraphs (title and body) or their sentences; raises ``IngestError`` on bad input."""
    fmt = "html" if path.suffix.lower() in (".html", ".htm") else "text"
    doc = build_document(path.name, path.read_bytes(), fmt, lang, None)
    passages = [p for p in segment_document(doc) if p.reviewable]
    if level == "paragraph":
        return [p.text for p in passages]
    return [s.text for p in passages for s in p.segments]


def align_units(ko: list[str], en: list[str]) -> list[dict]:
    """Links as ``{"ko": [indices], "en": [indices], "ko_text", "en_text", "score"}``."""
    return [
        {
            "ko": list(link.ko),
            "en": list(link.en),
            "ko_text": " ".join(ko[i] for i in link.ko),
            "en_text": " ".join(en[j] for j in link.en),
            "score": link.score,
        }
        for link in align(ko, en)
    ]
