"""Horizontal stacked bar charts as inline SVG, for the HTML report (no plotting library).

A chart is a ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` (what a screen reader
says), a legend, one row per bar with its label and total written as text, and a ``<title>``
on every bar segment (shown as a tooltip). Every label is escaped: they come from the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markupsafe import Markup

ROW = 24  # height of one bar row
BAR = 15  # height of a bar inside its row
FONT = 12  # font size of labels, px
CHAR = 6.8  # rough advance of one character at FONT px in a sans-serif face
LEGEND = 26  # height of the legend band above the bars
MAX_LABEL_CHARS = 44


@dataclass(frozen=True)
class Series:
    """One stacked part of every bar, e.g. "open findings", with its fill colour."""

    name: str
    color: str


@dataclass(frozen=True)
class Bar:
    """One row: a label and one value per series (in the chart's series order)."""

    label: str
    values: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.values)


def _shorten(label: str, limit: int = MAX_LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _text_width(text: str) -> float:
    return len(text) * CHAR


def bar_chart(
    chart_id: str,
    title: str,
    bars: list[Bar],
    series: list[Series],
    *,
    width: int = 720,
) -> Markup:
    """An SVG chart of ``bars`` (one row each) stacked by ``series``, ``width`` px wide.

    ``chart_id`` makes the ids of ``<title>``/``<desc>`` unique in the page. Bars keep the
    order given; a chart with no bars says so in a text line instead of drawing nothing.
    """
    for bar in bars:
        if len(bar.values) != len(series):
            raise ValueError(f"bar {bar.label!r} has {len(bar.values)} values for {len(series)}")
    labels = [_shorten(b.label) for b in bars]
    label_w = max([_text_width(s) for s in labels] + [60.0]) + 12
    value_w = _text_width(str(max([b.total for b in bars] + [0]))) + 14
    legend_w = sum(34 + _text_width(s.name) for s in series)
    plot_w = max(width - label_w - value_w, 120.0)
    width = int(max(label_w + plot_w + value_w, legend_w + 8))
    height = LEGEND + ROW * max(len(bars), 1) + 4
    top = max([b.total for b in bars] + [0])
    summary = "; ".join(
        f"{b.label}: {b.total} ("
        + ", ".join(f"{v} {s.name}" for v, s in zip(b.values, series, strict=True) if v)
        + ")"
        for b in bars
    )
    desc = summary if bars else "nothing to show"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="system-ui, sans-serif" font-size="{FONT}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    x = 4.0
    for s in series:  # legend
        out.append(
            f'<rect x="{x:.1f}" y="5" width="12" height="12" fill="{escape(s.color)}" '
            'stroke="#555" stroke-width="0.5"/>'
        )
        out.append(f'<text x="{x + 16:.1f}" y="15">{escape(s.name)}</text>')
        x += 16 + _text_width(s.name) + 18
    if not bars:
        out.append(f'<text x="{label_w:.1f}" y="{LEGEND + 14}" fill="#555">nothing to show</text>')
    for i, (bar, label) in enumerate(zip(bars, labels, strict=True)):
        y = LEGEND + i * ROW
        mid = y + ROW / 2 + FONT * 0.35
        out.append('<g class="bar">')
        out.append(f"<title>{escape(bar.label)}: {bar.total}</title>")
        out.append(
            f'<text x="{label_w - 8:.1f}" y="{mid:.1f}" text-anchor="end">{escape(label)}</text>'
        )
        x = label_w
        for value, s in zip(bar.values, series, strict=True):
            if not value:
                continue
            w = plot_w * value / top
            out.append(
                f'<rect x="{x:.1f}" y="{y + (ROW - BAR) / 2:.1f}" width="{w:.1f}" '
                f'height="{BAR}" fill="{escape(s.color)}">'
                f"<title>{escape(bar.label)}: {value} {escape(s.name)}</title></rect>"
            )
            x += w
        out.append(f'<text x="{x + 5:.1f}" y="{mid:.1f}" font-weight="600">{bar.total}</text>')
        out.append("</g>")
    out.append(
        f'<line x1="{label_w:.1f}" y1="{LEGEND - 2}" x2="{label_w:.1f}" y2="{height - 2}" '
        'stroke="#777" stroke-width="1"/>'
    )
    out.append("</svg>")
    return Markup("\n".join(out))
