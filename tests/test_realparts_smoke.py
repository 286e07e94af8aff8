"""Smoke tests proving the real parts work: PostgreSQL stores Korean text, and
Chromium renders a Korean page with a real Hangul font (fonts-nanum)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
import realparts
import sqlalchemy as sa

KOREAN = "북한군 파병 1만 5천 명"
ENGLISH = "North Korea sends 15,000 troops"


@pytest.mark.postgres
def test_postgres_roundtrips_korean(fresh_postgres_url: str) -> None:
    engine = sa.create_engine(fresh_postgres_url)
    try:
        table = sa.Table(
            "segments",
            sa.MetaData(),
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("source", sa.Text, nullable=False),
        )
        with engine.begin() as conn:
            table.metadata.create_all(conn)
            conn.execute(table.insert(), [{"id": 1, "source": KOREAN}])
        with engine.connect() as conn:
            assert conn.execute(sa.select(table.c.source)).scalar_one() == KOREAN
            assert "PostgreSQL" in conn.execute(sa.text("SELECT version()")).scalar_one()
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_postgres_url_database(postgres_url: str) -> None:
    engine = sa.create_engine(postgres_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT current_database()")).scalar_one() == (
                "mtreview_test"
            )
    finally:
        engine.dispose()


PAGE = f"""<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>mtreview smoke</title>
<style>body {{ font-family: "NanumGothic", sans-serif; font-size: 24px; margin: 24px; }}</style>
</head><body><h1>{KOREAN}</h1><p>{ENGLISH}</p></body></html>
"""

# Returns facts about how Hangul renders.  With no Hangul font every syllable is
# the same .notdef box (tofu), so two different syllables draw identical pixels;
# without NanumGothic the stack '"NanumGothic", monospace' falls back to plain
# monospace and so measures exactly as wide.
FONT_PROBE = """() => {
  const c = document.createElement('canvas');
  c.width = c.height = 64;
  const g = c.getContext('2d');
  const draw = (ch) => {
    g.clearRect(0, 0, 64, 64);
    g.font = '40px sans-serif';
    g.fillText(ch, 8, 48);
    return Array.from(g.getImageData(0, 0, 64, 64).data).join(',');
  };
  const width = (font) => { g.font = font; return g.measureText('북한군 파병 Korea').width; };
  return {
    distinctGlyphs: draw('가') !== draw('힣'),
    inked: draw('가') !== draw(''),
    nanumWidth: width('16px "NanumGothic", monospace'),
    monospaceWidth: width('16px monospace'),
  };
}"""


def png_pixel_variety(data: bytes) -> tuple[int, int, int]:
    """(width, height, distinct byte values in the decompressed image data) of a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    idat, pos = b"", 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        if data[pos + 4 : pos + 8] == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += length + 12
    return width, height, len(set(zlib.decompress(idat)))


@pytest.mark.browser
def test_chromium_renders_korean(page, artifacts_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    with realparts.http_server(tmp_path) as base:
        page.goto(f"{base}/index.html")
        text = page.evaluate("document.body.innerText")
        assert KOREAN in text and ENGLISH in text

        shot = artifacts_dir / "realparts-smoke.png"
        page.screenshot(path=str(shot), full_page=True)
        probe = page.evaluate(FONT_PROBE)

    width, height, variety = png_pixel_variety(shot.read_bytes())
    assert width >= 100 and height >= 100
    assert variety > 16, "screenshot looks blank (no anti-aliased text)"

    assert probe["inked"], "Hangul draws nothing"
    assert probe["distinctGlyphs"], "Hangul renders as tofu: no Hangul font (fonts-nanum)"
    assert probe["nanumWidth"] != probe["monospaceWidth"], (
        "NanumGothic is not available to Chromium (install fonts-nanum)"
    )
