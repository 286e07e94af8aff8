"""Rendering helpers: the Jinja2 environment, highlighted passages, corrections as diffs.

Every piece of corpus text goes through ``markupsafe.escape`` (or Jinja2's autoescape); the
only markup is the tags written here.
"""

from __future__ import annotations

import difflib
import re
from datetime import datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

from pipeline.mqm import SEVERITIES, categories
from pipeline.review import decisions as dec

KEYS = {
    "queue": [
        ("j / k", "next / previous passage (on to the next or previous page at either end)"),
        ("Enter or o", "open the selected passage"),
        ("?", "this help"),
    ],
    "passage": [
        ("j / k", "next / previous finding"),
        ("a", "accept the selected finding (it is an error)"),
        ("d", "dismiss it (false alarm)"),
        ("e", "edit: correct the passage text (Ctrl+Enter saves, Esc cancels)"),
        ("1 2 3 4", "severity: neutral, minor, major, critical"),
        ("u", "undo your last decision on the finding"),
        ("m", "add a missed error (select its words in the English first)"),
        ("n / p", "next / previous passage in the queue"),
        ("q", "back to the queue"),
        ("?", "this help"),
    ],
}


#: how a status reads to a reviewer ("accepted" could be taken for "translation accepted")
STATUS_LABELS = {
    "open": "to decide",
    "accepted": "error confirmed",
    "corrected": "corrected",
    "dismissed": "false alarm",
    "missed": "missed error",
    "in progress": "in progress",
    "done": "done",
}


#: the CSS class of a status ("in progress" -> "in-progress"), looked up instead of a filter
CSS_CLASS = {status: status.replace(" ", "-") for status in STATUS_LABELS}


def highlight(text: str, spans: list[dict]) -> Markup:
    """``text`` with each span (``offset``, ``length``, ``number``, ``status``) in a <mark>.

    Overlapping spans are cut into pieces covered by the same findings. Every piece of text
    is escaped; only the tags written here are markup.
    """
    n = len(text)
    cuts = {0, n}
    marks = []
    for s in spans:
        a = max(0, min(n, s["offset"]))
        b = max(a, min(n, s["offset"] + s["length"]))
        if a < b:
            marks.append((a, b, s))
            cuts.update((a, b))
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:], strict=False):
        covering = [s for (x, y, s) in marks if x <= a and b <= y]
        piece = escape(text[a:b])
        if not covering:
            out.append(piece)
            continue
        numbers = " ".join(str(s["number"]) for s in covering)
        ending = ",".join(str(s["number"]) for (x, y, s) in marks if y == b and x <= a)
        classes = " ".join(
            ["hl", f"st-{covering[0]['status']}"]
            + (["missed"] if any(s["missed"] for s in covering) else [])
            + (["overlap"] if len(covering) > 1 else [])
        )
        titles = "; ".join(f"[{s['number']}] {s['check']}: {s['category']}" for s in covering)
        if ending:
            out.append(
                Markup('<mark class="{}" data-f="{}" data-label="{}" title="{}">{}</mark>').format(
                    classes, numbers, ending, titles, piece
                )
            )
        else:
            out.append(
                Markup('<mark class="{}" data-f="{}" title="{}">{}</mark>').format(
                    classes, numbers, titles, piece
                )
            )
    return Markup("").join(out)


_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


def diff_html(before: str, after: str) -> Markup:
    """``after`` with the words removed from ``before`` in <del> and the new ones in <ins>."""
    a, b = _TOKENS.findall(before), _TOKENS.findall(after)
    out = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(b[j1:j2])))
            continue
        if i2 > i1:
            out.append(Markup("<del>{}</del>").format("".join(a[i1:i2])))
        if j2 > j1:
            out.append(Markup("<ins>{}</ins>").format("".join(b[j1:j2])))
    return Markup("").join(out)


def clock(iso: str | None) -> str:
    if not iso:
        return ""
    moment = datetime.fromisoformat(iso).astimezone()
    return f"{moment:%Y-%m-%d %H:%M}"


def plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def environment(templates: Path, taxonomy: dict) -> Environment:
    """The Jinja2 environment of the review pages (autoescape on)."""
    env = Environment(loader=FileSystemLoader(templates), autoescape=True, trim_blocks=True)
    env.filters["clock"] = clock
    env.filters["hhmm"] = dec.clock
    env.filters["plural"] = plural
    env.globals.update(
        SEVERITIES=SEVERITIES,
        taxonomy=taxonomy,
        keys=KEYS,
        STATUS=STATUS_LABELS,
        CSS_CLASS=CSS_CLASS,
        definitions={name: c.definition for name, c in categories().items()},
    )
    return env
