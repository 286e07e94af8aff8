"""The batch report: one static HTML file, readable offline, with the review figures.

``write_report`` gathers the figures (``report_data.py``), draws the charts (``svg.py``)
and renders ``templates/report.html.j2`` with autoescaping on: titles, paths, messages and
texts come from the corpus and are never markup. The page loads nothing (inline CSS, inline
SVG, no script) and says so to the browser with a Content-Security-Policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from sqlalchemy import Engine

from pipeline.export.report_data import (
    BatchFigures,
    CountRow,
    batches_in,
    gather,
    resolve_batch,
)
from pipeline.export.svg import Bar, Series, bar_chart
from pipeline.mqm import SEVERITIES, severity_weights
from pipeline.review.render import diff_html

__all__ = ["ReportSummary", "batches_in", "render_report", "write_report"]

CONFIRMED = Series("confirmed errors", "#d55e00")
OPEN = Series("open", "#56b4e9")
DISMISSED = Series("false alarms", "#b4b4b4")
ADDED = Series("added by reviewers", "#cc79a7")


@dataclass(frozen=True)
class ReportSummary:
    """What a written report holds, for the command line to print."""

    path: Path
    batch: str
    documents: int  # English documents under review
    references: int  # trusted-press documents (listed, not scored)
    words: int
    findings: int
    errors: int  # confirmed and reviewer-added errors
    open: int  # findings nobody has decided yet
    corrections: int  # corrected passages
    mqm_per_1000_words: float | None
    estimated_per_1000_words: float | None


def tool_version() -> str:
    try:
        from pipeline import __version__

        return __version__
    except ImportError:  # pragma: no cover - the package always sets it today
        return metadata.version("mtreview")


def _number(value: float | int | None, digits: int = 2) -> str:
    if value is None:
        return "—"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.{digits}f}"


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "—"


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("pipeline.export", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["number"] = _number
    env.filters["percent"] = _percent
    env.globals["diff"] = diff_html  # escapes both texts; only <del>/<ins> are markup
    return env


def _chart(chart_id: str, title: str, rows: list[CountRow], with_added: bool) -> Markup:
    series = [CONFIRMED, OPEN, DISMISSED] + ([ADDED] if with_added else [])
    bars = [
        Bar(
            r.label,
            (r.confirmed, r.open, r.dismissed) + ((r.missed,) if with_added else ()),
        )
        for r in rows
    ]
    return bar_chart(chart_id, title, bars, series)


def render_report(figures: BatchFigures, generated: datetime | None = None) -> str:
    """The report page for ``figures`` as an HTML string."""
    generated = generated or datetime.now(UTC)
    severity_rows = [r for r in figures.by_severity if r.total] or figures.by_severity
    charts = {
        "check": _chart(
            "chart-check",
            "Findings by check, by what reviewers made of them",
            figures.by_check,
            with_added=False,
        ),
        "category": _chart(
            "chart-category",
            "Findings and added errors by MQM category",
            figures.by_category,
            with_added=True,
        ),
        "severity": _chart(
            "chart-severity",
            "Findings and added errors by severity",
            severity_rows,
            with_added=True,
        ),
    }
    weights = severity_weights()
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            f=figures,
            charts=charts,
            weights=[(s, weights.get(s, 0)) for s in SEVERITIES],
            generated=generated.strftime("%Y-%m-%d %H:%M UTC"),
            version=tool_version(),
        )
    )


def write_report(engine: Engine, path: Path, batch: str | None = None) -> ReportSummary:
    """Write the HTML report of one batch to ``path`` and return what it holds.

    ``batch`` is the stored batch (its folder path, as given to ``mtreview run``, or the
    folder's name); it may be left out when the store holds a single batch. Raises
    ``ValueError`` naming the stored batches when it is missing or unknown.
    """
    key = resolve_batch(engine, batch)
    figures = gather(engine, key)
    html = render_report(figures)
    path = Path(path)
    tmp = path.with_name(path.name + ".partial")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)
    return ReportSummary(
        path=path,
        batch=key,
        documents=len(figures.documents),
        references=len(figures.trusted),
        words=figures.words,
        findings=figures.findings,
        errors=figures.mqm.errors,
        open=figures.statuses["open"],
        corrections=len(figures.corrections),
        mqm_per_1000_words=figures.mqm.per_1000_words,
        estimated_per_1000_words=figures.estimated.per_1000_words,
    )
