"""`compound export` and `compound import`: records out to other tools, and in from them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from compound.cli.context import Context
from compound.cli.tables import Table, shorten, show_all, terminal
from compound.words.numbers import plural
from compound.words.records import export_contents

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.domain.imports import ImportBatch, ImportSummary, Tally
    from compound.tracker.core import Tracker

# Reasons listed one by one before the rest are only counted.
MAX_LISTED = 20
# The import's progress bar, in cells.
BAR_CELLS = 30


def export(ctx: Context, args) -> int:
    from compound.cli.terminal import export_stream

    target = ctx.output_file(args.output)
    tracker = ctx.tracker()
    if target is None:
        with export_stream(ctx.out) as out:
            data, chosen = tracker.exchange.export(
                args.format, out=out, since=args.since, until=args.until
            )
        return 0
    data, chosen = tracker.exchange.export(
        args.format, target=target, since=args.since, until=args.until
    )
    ctx.print(f"Wrote {export_contents(data)} to {target} ({chosen.name}).")
    return 0


def import_(ctx: Context, args) -> int:
    from compound.tracker.exchange import list_file, read_file

    path = Path(args.file).expanduser()
    if args.list_only:
        for line in list_file(args.kind, path):
            ctx.print(line)
        return 0
    # Everything in the file is read and checked before the database is opened.
    batch = read_file(args.kind, path, ctx.settings, strict=args.strict, habits=args.habits)
    if args.dry_run:
        # A dry run writes nothing, not even the database file or its backups: it
        # rehearses on a copy (see tracker.exchange.rehearsal).
        from compound.tracker.exchange import rehearsal

        database, today = ctx.database, ctx.today  # today first, as for a real import
        with rehearsal(
            database.url, database.path, ctx.profile, ctx.settings, lambda: today
        ) as tracker:
            return _import(ctx, tracker, batch, dry_run=True)
    return _import(ctx, ctx.tracker(), batch, dry_run=False)


def _import(ctx: Context, tracker: Tracker, batch: ImportBatch, *, dry_run: bool) -> int:
    from compound.cli.terminal import underlying
    from compound.exchange.progress import ProgressBar

    # The bar redraws itself with a carriage return: it writes past the stream that
    # shows controls, its label (a file's name may hold anything) shown safely. A carriage
    # return goes back over one terminal line only, so the label gives way to keep the
    # bar and its counts on one.
    width = terminal(ctx.err).width
    count = f"{batch.size:,}"
    room = None if width is None else width - BAR_CELLS - len(f"   100%  {count}/{count}") - 1
    label = shorten(f"Importing {batch.source}", room)
    bar = ProgressBar(underlying(ctx.err), batch.size, label, width=BAR_CELLS)
    try:
        summary = tracker.exchange.apply(batch, dry_run=dry_run, progress=bar.advance)
    finally:
        bar.close()
    show_all(ctx.out, summary_lines(summary), ctx.print)
    return 0


def _tally(label: str, tally: Tally, dry_run: bool) -> str:
    verbs = ("to add", "to update") if dry_run else ("added", "updated")
    parts = [f"{tally.added:,} {verbs[0]}"]
    if tally.updated:
        parts.append(f"{tally.updated:,} {verbs[1]}")
    if tally.unchanged:
        parts.append(f"{tally.unchanged:,} already there")
    return f"  {label:<18}{', '.join(parts)}"


def _listed(heading: str, said: str, entries: Sequence[tuple[str, str]]) -> list[str | Table]:
    """A heading, then the first entries as a table (where, then `said`), then how many
    more there are."""
    rows = [[f"  {where}:", text] for where, text in entries[:MAX_LISTED]]
    lines: list[str | Table] = [heading]
    lines.append(Table(["WHERE", said], rows, free=(0,), sentences=(1,), header=False))
    if len(entries) > MAX_LISTED:
        lines.append(f"  … and {len(entries) - MAX_LISTED:,} more")
    return lines


def summary_lines(summary: ImportSummary) -> list[str | Table]:
    """What an import did (or would do), for people: lines, and the entries left out as
    a table (where, which may name a book, gives way to the terminal; why wraps)."""
    lines: list[str | Table]
    if summary.dry_run:
        lines = [f"Dry run of {summary.source} ({summary.kind}): nothing was written."]
    else:
        lines = [f"Imported {summary.source} ({summary.kind}):"]
    kinds = [
        ("books", summary.books),
        ("reading logs", summary.reading_logs),
        ("learning sessions", summary.sessions),
    ]
    kinds += [
        (label, tally)
        for label, tally in (("goals", summary.goals), ("skip days", summary.skips))
        if tally.added or tally.updated or tally.unchanged
    ]
    lines += [_tally(label, tally, summary.dry_run) for label, tally in kinds]
    if summary.repaired:
        count = plural(len(summary.repaired), "entry", "entries")
        lines += _listed(
            f"Repaired {count} (kept with what could be trusted):", "WHAT", summary.repaired
        )
    if summary.skipped:
        count = plural(len(summary.skipped), "entry", "entries")
        lines += _listed(f"Skipped {count}:", "WHY", summary.skipped)
    if not summary.changed and not summary.dry_run:
        lines.append("Nothing new: everything in the file was here already.")
    return lines


def register(commands) -> None:
    from compound.exchange.registry import EXPORTERS, IMPORTERS

    p = commands.add(
        "export",
        export,
        "write your records as JSON, CSV or a Markdown report",
        epilog="json imports back with `compound import compound FILE`; csv opens "
        "in any spreadsheet; md is a report to read.",
    )
    p.add_argument(
        "--format",
        "-f",
        choices=EXPORTERS.names(),
        default="json",
        help="json (default), csv or md",
    )
    p.add_argument("--from", dest="since", metavar="D", help="first day (default: the first)")
    p.add_argument("--to", dest="until", metavar="D", help="last day (default: today)")
    p.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write to FILE, readable by you only (default: standard output)",
    )

    p = commands.add(
        "import",
        import_,
        "bring in books and reading from another tool",
        epilog="goodreads: the library export CSV; storygraph: its export CSV; "
        "hardcover: its library export CSV; bookwyrm: its CSV export; "
        "koreader: statistics.sqlite3 (readest: Readest's, in KOReader's form); "
        "loop: Loop Habit Tracker's CSV zip, its folder or "
        "its .db backup (--list, then --habit NAME=KIND); kindle: Amazon's "
        "Kindle.Devices.ReadingSession.csv or Kindle.reading-insights-sessions_with_adjustments"
        ".csv, or the export's folder; openreads: its CSV export; "
        "compound: a `compound export` JSON. "
        "Importing the same file again adds nothing.",
    )
    p.add_argument(
        "kind", choices=IMPORTERS.names(), metavar="KIND", help=", ".join(IMPORTERS.names())
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--dry-run", "-n", action="store_true", help="say what would be imported, and write nothing"
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="refuse the file at its first problem (default: keep each row with what can be "
        "trusted, and list what was done)",
    )
    p.add_argument(
        "--list",
        dest="list_only",
        action="store_true",
        help="list what the file holds to choose from (Loop's habits), and import nothing",
    )
    p.add_argument(
        "--habit",
        dest="habits",
        action="append",
        default=[],
        metavar="NAME=KIND",
        help="bring the habit NAME as reading (KIND reading) or as learning sessions of KIND "
        "(Loop); repeat for each habit",
    )
