"""The ``mtreview`` command: a thin click layer over the library.

Exit codes: 0 ok, 1 some documents failed (named on stderr, the rest processed and stored),
2 usage error (bad folder, bad option, store that cannot be opened).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from pipeline import __version__
from pipeline.cluster import ClusterError
from pipeline.ingest import BatchError
from pipeline.model import RunSummary
from pipeline.runner import batch_key, rescore_batch, run_batch
from pipeline.score import DEFAULT_BUDGET, check_precision
from pipeline.store import reads
from pipeline.store.engine import DEFAULT_DB, StoreError, open_store

# The export modules (and the review modules they use) are imported by the commands that
# need them: ``mtreview run`` starts without them.

EXIT_FAILURES = 1
EXIT_USAGE = 2

db_option = click.option(
    "--db",
    metavar="URL",
    envvar="MTREVIEW_DB",
    default=None,
    help=f"Store URL (default: $MTREVIEW_DB, else {DEFAULT_DB}). "
    "PostgreSQL: postgresql+psycopg://user:pw@host:port/db",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


def _open(db: str | None):
    """The store, closed when the command ends: closing the last connection to an SQLite
    store folds its write-ahead log into the database file, so no ``-wal`` file is left
    beside it (one that a copy of the file alone would miss)."""
    try:
        engine = open_store(db)
    except StoreError as exc:
        raise click.UsageError(str(exc)) from exc
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.call_on_close(engine.dispose)
    return engine


class _ExportChoice(click.Choice):
    """``click.Choice`` of the export formats, read from :mod:`pipeline.export.formats`
    the first time click asks for them (to check a value or write the help)."""

    def __init__(self) -> None:
        super().__init__(())

    @property
    def choices(self) -> tuple[str, ...]:
        from pipeline.export.formats import FORMATS

        return FORMATS

    @choices.setter
    def choices(self, _value) -> None:
        pass


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="mtreview")
def main() -> None:
    """Review Korean-to-English machine translation: find the passages most likely wrong.

    \b
    Typical day:
      mtreview run corpus/              ingest, check and rank a batch of columns
      mtreview queue                    the passages to review, most suspicious first
      mtreview export findings -o f.jsonl
    """


@main.command()
@click.argument("corpus_dir", type=click.Path(path_type=Path))
@db_option
@click.option(
    "--budget",
    type=click.IntRange(min=1),
    default=DEFAULT_BUDGET,
    show_default=True,
    help="Passages queued for review (what a reviewer does in a day).",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes on this machine (a local Dask cluster when more than 1).",
)
@click.option(
    "--scheduler",
    metavar="ADDR",
    help="Dask scheduler (tcp://HOST:8786) whose workers ingest and check the documents; "
    "needs a PostgreSQL --db they can reach.",
)
def run(corpus_dir: Path, db: str | None, budget: int, jobs: int, scheduler: str | None) -> None:
    """Ingest, check and rank the batch folder CORPUS_DIR.

    Unchanged documents are not checked again. A file that cannot be read is named on
    stderr and the rest of the batch is processed (exit code 1).

    \b
    Example:
      mtreview run corpus/ --db sqlite:///review.sqlite3
      mtreview run big-batch/ --jobs 2
      mtreview run big-batch/ --db postgresql+psycopg://mt@db/mt --scheduler tcp://sched:8786
    """
    engine = _open(db)
    bar = _Progress()
    try:
        summary = run_batch(
            corpus_dir,
            engine,
            budget=budget,
            progress=bar.step,
            scheduler=scheduler,
            workers=jobs,
        )
    except (BatchError, ClusterError) as exc:
        bar.close()
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    bar.close()
    _print_summary(corpus_dir, summary, budget, engine)
    for path, reason in summary.failures:
        click.echo(f"error: {corpus_dir / path}: {reason}", err=True)
    if summary.failures:
        sys.exit(EXIT_FAILURES)


class _Progress:
    """A progress bar on stderr, shown only when stderr is a terminal."""

    def __init__(self) -> None:
        self._bar = None

    def step(self, path: str, total: int) -> None:
        if not sys.stderr.isatty():
            return
        if self._bar is None:
            self._bar = click.progressbar(
                length=total,
                label="checking",
                file=sys.stderr,
                item_show_func=lambda p: p,
                show_pos=True,
            )
            self._bar.__enter__()
        self._bar.update(1, path)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def _print_summary(corpus_dir: Path, s: RunSummary, budget: int, engine) -> None:
    docs = reads.document_notes(engine, batch_key(corpus_dir))
    trusted = sum(1 for _, is_trusted, _ in docs if is_trusted)
    lines = [
        f"mtreview run {corpus_dir}  (run {s.run_id})",
        f"  documents  {s.documents:>6}   {s.checked} checked, {s.unchanged} unchanged, "
        f"{trusted} trusted press",
        f"  passages   {s.passages:>6}",
        f"  findings   {s.findings:>6}",
        f"  queued     {s.queued:>6}   passages (budget {budget})",
        f"  failures   {len(s.failures):>6}",
        f"  time       {s.seconds:>6.1f} s",
    ]
    if s.check_errors:
        lines.append(
            f"  check errors {s.check_errors} (a check crashed on a passage; see the store)"
        )
    for path in s.unknown_files:
        lines.append(f"  skipped unknown file: {path}")
    for en, ko, confidence in s.content_pairs:
        lines.append(f"  paired by content: {en} <- {ko} (confidence {confidence:.2f})")
    for en, candidates, why in s.ambiguous:
        lines.append(f"  not paired, ambiguous: {en} could be {' or '.join(candidates)} ({why})")
    if s.unpaired:
        listed = ", ".join(s.unpaired[:5]) + (" …" if len(s.unpaired) > 5 else "")
        lines.append(f"  no Korean original found (English-only checks): {listed}")
    for path, _, provenance in docs:
        if provenance:
            lines.append(f"  machine translated: {path} ({provenance.engine})")
    lines.append(f"  signature  {s.signature}")
    click.echo("\n".join(lines))


@main.command()
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most N passages.")
@json_option
def queue(db: str | None, limit: int | None, as_json: bool) -> None:
    """Print the review queue: passages ranked by suspicion, with their findings.

    \b
    Example:
      mtreview queue --limit 20
      mtreview queue --json > queue.json
    """
    from pipeline.export import jsonl

    engine = _open(db)
    items = reads.queue_items(engine, limit)
    decided = reads.latest_decisions(engine)
    if as_json:
        payload = [
            {
                "rank": item.rank,
                "document": item.document,
                "passage_id": item.passage_id,
                "start": item.start,
                "end": item.end,
                "text": item.text,
                "score": item.score,
                "findings": [
                    jsonl.finding_record(
                        f, True, reads.finding_status(decided.get(f.key, (None,))[0])
                    )
                    for f in item.findings
                ],
            }
            for item in items
        ]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if not items:
        click.echo("The queue is empty: run `mtreview run CORPUS_DIR` first, or nothing was found.")
        return
    docs = {s.document.path: s.document for s in reads.load_documents(engine)}
    click.echo(f"{'rank':>4}  {'score':>5}  document, line / finding")
    for item in items:
        doc = docs[item.document]
        badge = f"  [MT: {doc.provenance.engine}]" if doc.provenance else ""
        line = doc.text.count("\n", 0, item.start) + 1
        click.echo(f"{item.rank:>4}  {item.score:>5.2f}  {item.document}, line {line}{badge}")
        click.echo(f"{'':>13}{_excerpt(item.text)}")
        for f in item.findings:
            click.echo(f"{'':>13}- {f.check} ({f.severity}, {f.category}): {f.message}")


def _excerpt(text: str, width: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


@main.command()
@click.argument("what", type=_ExportChoice())
@db_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, allow_dash=True),
    required=True,
    help="File to write, or - for standard output (JSON Lines exports); a folder for corrected.",
)
@click.option("--batch", metavar="NAME", help="Only this batch (its folder name or path).")
@click.option(
    "--include-unpaired",
    is_flag=True,
    help="xliff: also documents without a Korean original (empty source).",
)
@click.option(
    "--include-open",
    is_flag=True,
    help="mqm: also findings nobody decided yet (rater mtreview).",
)
def export(
    what: str,
    db: str | None,
    output: Path,
    batch: str | None,
    include_unpaired: bool,
    include_open: bool,
) -> None:
    """Export findings, review work, corrected texts and reports.

    \b
    WHAT is one of:
      findings    JSON Lines, one finding per line (text == document text at its offsets)
      documents   JSON Lines, the document texts the offsets refer to
      decisions   JSON Lines, the append-only log of reviewers' decisions
      missed      JSON Lines, errors reviewers added
      corrected   a folder: each English document with the corrections applied (UTF-8)
      xliff       XLIFF 2.1: one unit per aligned sentence pair, findings as notes
      tmx         TMX 1.4: the sentence pairs reviewers corrected or passed
      mqm         MQM TSV in the WMT layout (system doc doc_id seg_id rater source
                  target category severity)
      report      one static HTML page for a batch: MQM scores, findings, precision, HTER

    \b
    Example:
      mtreview export findings -o findings.jsonl
      mtreview export corrected -o corrected/ --batch corpus
      mtreview export report -o report.html
    """
    from pipeline.export import formats

    engine = _open(db)
    try:
        result = formats.run_export(
            engine,
            what,
            output,
            batch,
            include_unpaired=include_unpaired,
            include_open=include_open,
        )
    except formats.ExportError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(result.message(), err=True)


@main.command()
@db_option
@click.option(
    "--reviewer",
    envvar="MTREVIEW_REVIEWER",
    default=lambda: os.environ.get("USER") or "reviewer",
    show_default="$USER",
    help="Your name, stored with every decision ($MTREVIEW_REVIEWER).",
)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Stop after N passages.")
def review(db: str | None, reviewer: str, limit: int | None) -> None:
    """Review the queue in the terminal (for reviewers on a server over SSH).

    Shows each queued passage with its findings marked [n] and the Korean original when
    there is one. Keys: a accept, d dismiss, c correct (your $EDITOR, or a prompt), u undo,
    s skip the passage, n/j next and p/k previous finding, ? help, q quit. Decisions and
    claims are the same as in the web pages.

    \b
    Example:
      mtreview review --reviewer mina
    """
    from pipeline.review.terminal import run_terminal_review

    run_terminal_review(_open(db), reviewer, limit=limit)  # prints its summary at the end


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--reviewer", default=None, help="Reviewer name to start with (changeable later).")
@click.option(
    "--token",
    envvar="MTREVIEW_TOKEN",
    default=None,
    help="Access token for scripts and links ($MTREVIEW_TOKEN).",
)
@click.option(
    "--password-file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="File whose first line is the password reviewers log in with "
    "(else $MTREVIEW_PASSWORD). A host other than loopback needs a password or a token.",
)
def serve(
    db: str | None,
    host: str,
    port: int,
    reviewer: str | None,
    token: str | None,
    password_file: Path | None,
) -> None:
    """Serve the review pages: the queue, each passage with its findings, decisions.

    Keys on a passage: j/k next and previous finding, a accept, d dismiss, e edit,
    1-4 severity, ? help. Binds 127.0.0.1 unless told otherwise; any other address needs
    a password (reviewers log in on a form) or a token. A password is never given on the
    command line.

    \b
    Example:
      mtreview serve --reviewer mina
      mtreview serve --host 0.0.0.0 --password-file ~/.config/mtreview/password
      mtreview serve --host 0.0.0.0 --token s3cret
    """
    from pipeline.review.security import read_password
    from pipeline.review.web import serve as run_server

    try:
        password = read_password(password_file)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    engine = _open(db)
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    link = f"http://{shown}:{port}/" + (f"?token={token}" if token and not password else "")
    click.echo(f"mtreview review pages at {link}  (Ctrl+C to stop)", err=True)
    try:
        run_server(engine, host=host, port=port, token=token, reviewer=reviewer, password=password)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc


@main.command()
@click.argument("en_file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.argument("ko_file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--level",
    type=click.Choice(["paragraph", "sentence"]),
    default="sentence",
    show_default=True,
    help="Align paragraphs, or sentences.",
)
@json_option
def align(en_file: Path, ko_file: Path, level: str, as_json: bool) -> None:
    """Align an English text with its Korean original and print the links.

    Each link joins Korean units with the English units that translate them; a link with
    one side empty is an omission (Korean only) or an addition (English only). Page
    furniture and bylines are left out on both sides.

    \b
    Example:
      mtreview align column.en.txt column.ko.txt --level paragraph --json
    """
    from pipeline.ingest import IngestError
    from pipeline.pair.units import align_units, read_units

    try:
        en_units = read_units(en_file, "en", level)
        ko_units = read_units(ko_file, "ko", level)
    except IngestError as exc:
        raise click.UsageError(str(exc)) from exc
    links = align_units(ko_units, en_units)
    if as_json:
        click.echo(json.dumps(links, ensure_ascii=False, indent=2))
        return
    for link in links:
        ko = ",".join(str(i) for i in link["ko"]) or "-"
        en = ",".join(str(i) for i in link["en"]) or "-"
        click.echo(f"ko {ko:<7} en {en:<7} {link['score']:.2f}")
        click.echo(f"    {_excerpt(link['ko_text']) or '(nothing in Korean)'}")
        click.echo(f"    {_excerpt(link['en_text']) or '(nothing in English)'}")


@main.command()
@click.option(
    "--gold",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    required=True,
    help="Gold errors, JSON Lines: doc, text, occurrence, family, severity, needs_source.",
)
@db_option
@json_option
def evaluate(gold: Path, db: str | None, as_json: bool) -> None:
    """Score the stored findings against a gold file of known errors.

    A gold error is caught when a finding on its document overlaps its span. Every
    untrusted English document in the store is evaluated; those without gold errors count
    as clean text, where every finding is a false alarm. Prints recall overall, by family,
    by severity and by whether the Korean is needed, and false alarms per 1,000 words.

    \b
    Example:
      mtreview run benchmarks/data/devset/tune --db sqlite:///tune.sqlite3
      mtreview evaluate --gold benchmarks/data/devset/tune/gold.jsonl --db sqlite:///tune.sqlite3
    """
    from pipeline.evaluate import GoldFileError, GoldSpanError, load_gold
    from pipeline.evaluate import evaluate as score
    from pipeline.export import jsonl

    engine = _open(db)
    try:
        errors = load_gold(gold)
    except GoldFileError as exc:
        raise click.UsageError(str(exc)) from exc
    reviewed = [s.document for s in reads.load_documents(engine, trusted=False)]
    texts = {doc.path: doc.text for doc in reviewed if doc.lang == "en"}
    gold_docs = {g.doc for g in errors}
    clean = {path for path in texts if not any(path.endswith(d) for d in gold_docs)}
    try:
        report = score(errors, list(jsonl.findings_records(engine)), texts, clean)
    except GoldSpanError as exc:
        raise click.UsageError(f"{gold}: {exc}") from exc
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(report.format())


@main.command()
@db_option
@click.option(
    "--budget",
    type=click.IntRange(min=1),
    default=DEFAULT_BUDGET,
    show_default=True,
    help="Passages queued for review per batch.",
)
def rescore(db: str | None, budget: int) -> None:
    """Re-rank every batch's queue with what reviewers' decisions taught.

    Each check's precision is a Beta posterior: its severity gives the prior, confirmed
    errors count as hits and dismissals as false alarms. No check is run again.

    \b
    Example:
      mtreview rescore --db sqlite:///review.sqlite3
    """
    engine = _open(db)
    for batch in reads.batches(engine):
        queued = rescore_batch(engine, batch, budget)
        click.echo(f"{batch}: {queued} passages queued")


@main.command(name="checks")
@json_option
@click.option("--stats", is_flag=True, help="Add precision learnt from reviewers' decisions.")
@db_option
def checks_command(as_json: bool, stats: bool, db: str | None) -> None:
    """List every check: id, MQM category, severity, whether it needs the Korean original.

    With --stats, also how often reviewers confirmed or dismissed its findings and the
    precision the ranking now gives it (the prior from its severity, updated by them).

    \b
    Example:
      mtreview checks --json
      mtreview checks --stats --db sqlite:///review.sqlite3
    """
    from pipeline.checks.registry import all_checks

    verdicts = reads.check_verdicts(_open(db)) if stats else {}
    rows = []
    for s in all_checks():
        row = {
            "id": s.id,
            "category": s.category,
            "severity": s.severity,
            "needs_source": s.needs_source,
            "title": s.title,
            "false_positives": s.false_positives,
        }
        if stats:
            hits, false_alarms = verdicts.get(s.id, (0, 0))
            precision = check_precision(s.severity, hits, false_alarms).mean
            row |= {"hits": hits, "false_alarms": false_alarms, "precision": round(precision, 3)}
        rows.append(row)
    if as_json:
        click.echo(json.dumps(rows, indent=2))
    elif stats:
        click.echo(f"{'check':<32} {'confirmed':>9} {'dismissed':>9} {'precision':>9}")
        for r in rows:
            click.echo(
                f"{r['id']:<32} {r['hits']:>9} {r['false_alarms']:>9} {r['precision']:>9.2f}"
            )
    else:
        for r in rows:
            source = "needs the original" if r["needs_source"] else "English only"
            click.echo(f"{r['id']:<32} {r['severity']:<8} {r['category']}  ({source})")
            click.echo(f"{'':<33}{r['title']}")
