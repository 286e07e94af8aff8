"""Terminal review: the review queue one key at a time, for reviewers on a server over SSH.

The same decisions and claims as the web review (``decisions.py``), the same queue order
(``queue.py``: most suspicious first) and the same passage data (``views.passage_view``:
findings with their state, the aligned Korean from ``records.korean_for``). Nothing here
writes to the store except through ``decisions``.

API
---

``review_loop(engine, reviewer, *, read_key, write, editor=None, prompt=None, limit=None,
color=False) -> ReviewStats``
    Walks the queue. ``read_key()`` returns one key (``""``, ``EOFError`` or
    ``KeyboardInterrupt`` mean quit); ``write(line)`` prints one line; ``editor(text)``
    returns the edited passage text or None (no change), and is used for ``c`` when given,
    otherwise ``prompt(label, default)`` asks for the corrected text on one line (default
    ``click.prompt`` with the current text as default). ``limit`` is how many passages to
    show at most. ``color`` styles spans with ``click.style`` (current finding in reverse
    video, the others bold and underlined); without it spans are written as ``[n]{span}``.
    Returns the counts; the last line written is :meth:`ReviewStats.summary`.

``run_terminal_review(engine, reviewer, *, limit=None) -> ReviewStats``
    The same on the real terminal: ``click.getchar``, ``click.echo``, ``click.edit`` when
    ``$VISUAL``/``$EDITOR`` is set (else ``click.prompt``), colour only on a terminal.

Each passage shown is claimed for the reviewer and released on leaving it (or on quit); a
passage someone else holds is skipped with the :class:`~decisions.ClaimConflict` message, a
passage whose findings are all decided is skipped silently.

Keys: ``a`` accept, ``d`` dismiss, ``c`` correct (the whole passage), ``u`` undo (the
current finding's decision when it is yours, else your newest decision of this session,
going back to its passage), ``s`` skip the passage, ``n``/``j`` next finding, ``p``/``k``
previous finding (arrow keys too), ``q`` quit, ``?`` help.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

import click
from sqlalchemy import Engine

from pipeline.model import Finding
from pipeline.review import decisions as dec
from pipeline.review.queue import QueueFilters, QueuePage, queue_view
from pipeline.review.records import findings_of, load_document_by_id
from pipeline.review.views import passage_view

__all__ = ["HELP", "ReviewStats", "review_loop", "run_terminal_review"]

HELP = (
    "keys: a accept · d dismiss · c correct the passage · u undo · s skip passage · "
    "n/j next finding · p/k previous finding · q quit · ? help"
)

QUIT_KEYS = {"q", "Q", "\x03", "\x04"}
NEXT_KEYS = {"n", "j", "\x1b[B", "\x1b[C"}  # arrow down / right
PREVIOUS_KEYS = {"p", "k", "\x1b[A", "\x1b[D"}  # arrow up / left
DONE_WORDS = {"accept": "accepted", "dismiss": "dismissed", "correct": "corrected"}


@dataclass
class ReviewStats:
    """What one terminal session did."""

    decided: int = 0  # findings decided in this session (and not undone)
    undone: int = 0
    skipped: int = 0  # passages left with open findings (``s``, or held by someone else)
    conflicts: int = 0  # of those, held by another reviewer
    passages: int = 0  # passages shown
    standing: dict[str, str] = field(default_factory=dict, repr=False)  # key -> action

    def summary(self) -> str:
        held = f" ({self.conflicts} held by another reviewer)" if self.conflicts else ""
        undone = f", {self.undone} undone" if self.undone else ""
        return (
            f"{self.decided} decided, {self.skipped} skipped{held}{undone} "
            f"in {self.passages} passage{'s' if self.passages != 1 else ''}"
        )


@dataclass
class _Here:
    """The passage on screen."""

    pos: int
    ref: dec.PassageRef
    view: dict
    by_key: dict[str, Finding]
    current: int = 0  # index into ``items``

    @property
    def items(self) -> list[dict]:
        """The checks' findings (reviewer-added errors are shown, not navigated)."""
        return [f for f in self.view["findings"] if not f["missed"]]

    @property
    def finding(self) -> dict | None:
        items = self.items
        return items[self.current] if 0 <= self.current < len(items) else None

    def open_after(self, index: int) -> int | None:
        """The next open finding after ``index`` (wrapping round), or None."""
        items = self.items
        for step in range(1, len(items) + 1):
            i = (index + step) % len(items)
            if items[i]["status"] == "open":
                return i
        return None


# --------------------------------------------------------------------------- rendering


def highlight(text: str, items: list[dict], current_key: str | None, color: bool) -> str:
    """``text`` with a ``[n]`` marker before each finding's span and the span highlighted.

    Offsets are the findings' ``offset`` into the passage text. With ``color`` the spans are
    bold and underlined (the current one in reverse video); without, wrapped in ``{…}``.
    """
    spans = []
    for f in items:
        start = max(0, min(len(text), f["offset"]))
        end = max(start, min(len(text), f["offset"] + (f["end"] - f["start"])))
        spans.append((start, end, f["number"], f["key"] == current_key))
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out: list[str] = []
    inside = False
    for i, a in enumerate(cuts):
        b = cuts[i + 1] if i + 1 < len(cuts) else None
        covering = [s for s in spans if s[0] <= a < s[1]] if b is not None else []
        if inside and not covering and not color:
            out.append("}")
        for start, _end, number, is_current in spans:
            if start == a:
                marker = f"[{number}]"
                if color:
                    marker = click.style(marker, fg="yellow", bold=True, reverse=is_current)
                out.append(marker)
        if b is None:
            break
        chunk = text[a:b]
        if covering and color:
            if any(s[3] for s in covering):
                chunk = click.style(chunk, reverse=True, bold=True)
            else:
                chunk = click.style(chunk, bold=True, underline=True)
        elif covering and not inside:
            out.append("{")
        inside = bool(covering)
        out.append(chunk)
    return "".join(out)


def _status(f: dict) -> str:
    decision = f["decision"]
    if f["status"] == "open" or not decision:
        return "open"
    return f"{f['status']} by {decision['reviewer']}"


def _finding_lines(f: dict, current: bool, color: bool) -> list[str]:
    mark = ">" if current else " "
    head = f"{mark} [{f['number']}] {f['check']} · {f['category']} · {f['severity']} · {_status(f)}"
    if color and current:
        head = click.style(head, bold=True)
    lines = [head, f"      {f['message']}"]
    if f.get("suggestion"):
        lines.append(f"      suggestion: {f['suggestion']}")
    if f["missed"]:
        lines[0] = f"  [{f['number']}] added by {f['decision']['reviewer']} · {f['category']}"
    return lines


# --------------------------------------------------------------------------- the loop


class _Session:
    def __init__(
        self,
        engine: Engine,
        reviewer: str,
        read_key: Callable[[], str],
        write: Callable[[str], object],
        editor: Callable[[str], str | None] | None,
        prompt: Callable[[str, str], str] | None,
        limit: int | None,
        color: bool,
    ) -> None:
        self.engine = engine
        self.reviewer = reviewer
        self._read_key = read_key
        self.write = write
        self.editor = editor
        self.prompt = prompt or _click_prompt
        self.limit = limit
        self.color = color
        self.stats = ReviewStats()
        self.items: list[dict] = []
        self.here: _Here | None = None
        self.shown: set[int] = set()
        self.undo_stack: list[tuple[int, str]] = []  # (queue position, finding key)

    # ------------------------------------------------------------------ driving

    def run(self) -> ReviewStats:
        self.items = queue_view(self.engine, QueueFilters(), QueuePage(size=None))["items"]
        if not self.items:
            self.write("the review queue is empty")
        pos: int | None = 0
        try:
            while pos is not None:
                if pos >= len(self.items):
                    if self.items:
                        self.write("end of the queue")
                    break
                if self.limit is not None and pos not in self.shown:
                    if len(self.shown) >= self.limit:
                        self.write(f"shown {self.limit} passages (the limit)")
                        break
                if not self.enter(pos):
                    pos += 1
                    continue
                pos = self.keys()
        finally:
            self.leave()
        self.stats.decided = len(self.stats.standing)
        self.stats.passages = len(self.shown)
        self.write(self.stats.summary())
        return self.stats

    def read_key(self) -> str:
        try:
            return self._read_key() or "q"
        except (EOFError, KeyboardInterrupt):
            return "q"

    def keys(self) -> int | None:
        """Handle keys on the passage on screen; the queue position to go to next, or None."""
        last = self.here.pos
        while True:
            here = self.here
            if here is None:  # an undo could neither go back nor stay: go on
                return last + 1
            last = here.pos
            key = self.read_key()
            if key in QUIT_KEYS:
                return None
            if key in ("a", "d"):
                moved = self.decide("accept" if key == "a" else "dismiss")
            elif key == "c":
                moved = self.correct()
            elif key == "u":
                moved = self.undo()
            elif key == "s":
                if self.here.open_after(-1) is not None:
                    self.stats.skipped += 1
                self.write("skipped")
                return here.pos + 1
            elif key in NEXT_KEYS:
                moved = self.move(+1)
            elif key in PREVIOUS_KEYS:
                moved = self.move(-1)
            elif key == "?":
                self.write(HELP)
                moved = False
            else:
                self.write(f"unknown key {key!r} (? for help)")
                moved = False
            if moved == "leave":
                return self.here.pos + 1

    # ------------------------------------------------------------------ passages

    def load(self, pos: int) -> tuple[dict, dict[str, Finding]]:
        item = self.items[pos]
        view = passage_view(self.engine, item["document_id"], item["passage_id"], self.reviewer)
        doc = load_document_by_id(self.engine, item["document_id"])
        by_key = {f.key: f for f in findings_of(self.engine, doc)} if doc else {}
        return view, by_key

    def enter(self, pos: int, force: bool = False, focus: str | None = None) -> bool:
        """Show the passage at ``pos`` and claim it; False when it is skipped."""
        self.leave()
        item = self.items[pos]
        try:
            view, by_key = self.load(pos)
        except dec.NotFound as e:
            self.write(f"skipped: {e}")
            return False
        if view["passage"]["status"] == "done" and not force:
            return False
        ref = dec.PassageRef(item["batch"], item["document"], item["passage_id"])
        try:
            dec.claim(self.engine, ref, self.reviewer)
        except dec.ClaimConflict as e:
            self.write(f"skipped: {e}")
            self.stats.skipped += 1
            self.stats.conflicts += 1
            return False
        self.here = _Here(pos, ref, view, by_key)
        self.shown.add(pos)
        keys = [f["key"] for f in self.here.items]
        if focus in keys:
            self.here.current = keys.index(focus)
        else:
            self.here.current = self.here.open_after(-1) or 0
        self.render()
        return True

    def leave(self) -> None:
        if self.here is not None:
            dec.release(self.engine, self.here.ref, self.reviewer)
            self.here = None

    def refresh(self) -> None:
        here = self.here
        here.view, here.by_key = self.load(here.pos)

    def render(self) -> None:
        here, color, w = self.here, self.color, self.write
        view = here.view
        doc, passage = view["document"], view["passage"]
        badge = f"MT: {doc['mt_engine']}" if doc["mt_engine"] else "no MT note"
        if color:
            badge = click.style(f" {badge} ", fg="black", bg="yellow")
        w("")
        w(
            f"── {here.pos + 1}/{len(self.items)} · {doc['batch_name']}/{doc['document']} · "
            f"paragraph {passage['paragraph']}/{passage['paragraphs']} · {badge} · "
            f"score {self.items[here.pos]['score']}"
        )
        if doc["title"]:
            w(f"   {doc['title']}")
        if view["has_original"]:
            w(f"ko: {view['korean'] or '(no aligned Korean paragraph)'}")
        current = here.finding
        w(
            "en: "
            + highlight(
                passage["text"], view["findings"], current["key"] if current else None, color
            )
        )
        if passage["corrected"]:
            w(f"now: {passage['current_text']}")
        if not view["findings"]:
            w("   (no findings: s to skip)")
        for f in view["findings"]:
            for line in _finding_lines(f, f is current, color):
                w(line)
        w("   a accept · d dismiss · c correct · u undo · s skip · n/p finding · q quit · ?")

    def focus(self) -> None:
        f = self.here.finding
        if f is None:
            return
        text = self.here.view["passage"]["text"]
        self.write("en: " + highlight(text, self.here.view["findings"], f["key"], self.color))
        for line in _finding_lines(f, True, self.color):
            self.write(line)

    def move(self, step: int) -> bool:
        here = self.here
        target = here.current + step
        if not here.items:
            self.write("no findings in this passage (s to skip)")
        elif target >= len(here.items):
            self.write("last finding of this passage (s to go on to the next passage)")
        elif target < 0:
            self.write("first finding of this passage")
        else:
            here.current = target
            self.focus()
        return False

    # ------------------------------------------------------------------ decisions

    def decide(self, action: str, after_text: str | None = None) -> bool | str:
        here = self.here
        f = here.finding
        if f is None:
            self.write("no finding to decide here (s to skip)")
            return False
        finding = here.by_key.get(f["key"])
        if finding is None:
            self.write(f"finding [{f['number']}] is no longer in the store")
            return False
        try:
            dec.record_decision(
                self.engine,
                here.ref.batch,
                finding,
                action,
                self.reviewer,
                after_text=after_text,
                expected_version=here.view["passage"]["version"],
            )
        except dec.ClaimConflict as e:
            self.write(str(e))
            self.stats.skipped += 1
            self.stats.conflicts += 1
            return "leave"
        except dec.StaleWrite as e:
            self.write(str(e))
            self.refresh()
            self.render()
            return False
        except dec.ReviewError as e:
            self.write(str(e))
            return False
        self.stats.standing[f["key"]] = action
        self.undo_stack.append((here.pos, f["key"]))
        self.write(f"[{f['number']}] {DONE_WORDS[action]}")
        index = here.current
        self.refresh()
        following = here.open_after(index)
        if following is None:
            self.write("passage done")
            return "leave"
        here.current = following
        if action == "correct":
            self.render()
        else:
            self.focus()
        return False

    def correct(self) -> bool | str:
        here = self.here
        if here.finding is None:
            self.write("no finding to correct here (s to skip)")
            return False
        current = here.view["passage"]["current_text"]
        if self.editor is not None:
            new = self.editor(current)
        else:
            new = self.prompt("Corrected passage (Enter keeps it)", current)
        if new is None or new.strip() == current.strip() or not new.strip():
            self.write("unchanged: nothing saved")
            return False
        return self.decide("correct", after_text=new.strip("\n"))

    def undo(self) -> bool:
        here = self.here
        f = here.finding
        if f is not None and f["can_undo"]:
            target, key = here.pos, f["key"]
        else:
            if not self.undo_stack:
                self.write("nothing to undo")
                return False
            target, key = self.undo_stack[-1]
        batch = self.items[target]["batch"]
        try:
            dec.undo(self.engine, batch, key, self.reviewer)
        except dec.ReviewError as e:
            self.write(str(e))
            if self.undo_stack and self.undo_stack[-1][1] == key:
                self.undo_stack.pop()
            return False
        self.undo_stack = [(p, k) for p, k in self.undo_stack if k != key]
        self.stats.standing.pop(key, None)
        self.stats.undone += 1
        self.write("undone")
        if target == here.pos:
            self.refresh()
            keys = [x["key"] for x in here.items]
            if key in keys:
                here.current = keys.index(key)
            self.render()
        elif not self.enter(target, force=True, focus=key):
            # could not go back (someone took it): stay where we were
            self.enter(here.pos, force=True)
        return False


def _click_prompt(label: str, default: str) -> str:
    return click.prompt(label, default=default, show_default=False)


def review_loop(
    engine: Engine,
    reviewer: str,
    *,
    read_key: Callable[[], str],
    write: Callable[[str], object],
    editor: Callable[[str], str | None] | None = None,
    prompt: Callable[[str, str], str] | None = None,
    limit: int | None = None,
    color: bool = False,
) -> ReviewStats:
    """Review the queue with keys; see the module docstring. Returns the session's counts."""
    return _Session(engine, reviewer, read_key, write, editor, prompt, limit, color).run()


def run_terminal_review(engine: Engine, reviewer: str, *, limit: int | None = None) -> ReviewStats:
    """:func:`review_loop` on the real terminal (click.getchar / click.echo / click.edit)."""
    has_editor = bool(os.environ.get("VISUAL") or os.environ.get("EDITOR"))

    def edit(text: str) -> str | None:
        return click.edit(text + "\n", require_save=True)

    return review_loop(
        engine,
        reviewer,
        read_key=lambda: click.getchar(echo=False),
        write=click.echo,
        editor=edit if has_editor else None,
        limit=limit,
        color=sys.stdout.isatty(),
    )
