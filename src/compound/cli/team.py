"""`compound team export|merge`: one report of everyone's streaks and pages.

Every profile in the database is a member (the default one only when it holds
something). Without a shared database, each member writes their own file with
`team export --me --format json -o FILE` and anyone merges the files.
"""

from __future__ import annotations

from pathlib import Path

from compound.cli.context import Context
from compound.domain.errors import InputError
from compound.domain.profiles import DEFAULT_PROFILE
from compound.words.numbers import plural

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.domain.team import TeamReport

FORMATS = ("csv", "json", "md", "html")
DEFAULT_FORMAT = "md"


def _write(ctx: Context, target: Path | None, write, what: str) -> None:
    """Hand `write(out)` a private file (0600) at `target`, or standard output (where
    members' names and titles are shown safely)."""
    from compound.cli.terminal import export_stream
    from compound.exchange.output import private_file

    if target is None:
        with export_stream(ctx.out) as out:
            write(out)
        return
    with private_file(target) as out:
        write(out)
    if what:
        ctx.print(f"Wrote {what} to {target}.")


def _report(ctx: Context, target: Path | None, form: str | None, report) -> int:
    from compound.cli.tables import terminal
    from compound.exchange.team_report import writer

    if form is None and target is None and terminal(ctx.out).width is not None:
        _draw(ctx, report)  # a person at a terminal, who asked for no format
        return 0
    form = form or DEFAULT_FORMAT
    chosen = writer(form)
    _write(
        ctx,
        target,
        lambda out: chosen(report, out),
        f"the team report ({plural(len(report.members), 'member')}, {form})",
    )
    return 0


def _draw(ctx: Context, report: TeamReport) -> None:
    """The team report for a terminal: the Markdown report's figures in two tables that
    fit it (one would not, at 80 columns), members' names and titles shortened."""
    from compound.cli.stats import fitted
    from compound.cli.tables import Table, show, terminal
    from compound.exchange.team_report import member_cells, streak_sentence
    from compound.words.dates import day_label

    ctx.print(f"Team report, {report.today.isoformat()}", "")
    ctx.print(*fitted([streak_sentence(report) + "."], terminal(ctx.out).width))
    if not report.members:
        ctx.print(
            "No members yet: each profile in the database is one (`compound profile add NAME`)."
        )
        return
    rows = [*((m, m.member) for m in report.members), (report.totals, "Team")]
    # The report's cells, the last check-in said as a day ("today") rather than a date.
    cells = [
        [
            *member_cells(row, name)[:-1],
            day_label(row.last_check_in, report.today) if row.last_check_in else "never",
        ]
        for row, name in rows
    ]
    ctx.print("", "Streaks (⚠: today is due and not yet met)")
    streaks = [[c[0], c[1], c[2], c[9]] for c in cells]
    show(
        ctx.out,
        Table(["MEMBER", "STREAK", "LONGEST", "LAST CHECK-IN"], streaks, right=(1, 2), free=(0,)),
    )
    ctx.print("", "Pages read, and this year's books and learning")
    show(
        ctx.out,
        Table(
            ["MEMBER", "7 DAYS", "30 DAYS", "A DAY", "THIS YEAR", "BOOKS", "LEARNING"],
            [[c[0], *c[3:9]] for c in cells],
            right=(1, 2, 3, 4, 5, 6),
            free=(0,),
        ),
    )
    if report.include_books:
        ctx.print("", "Books finished this year")
        listed = [[m.member, "; ".join(m.books)] for m in report.members if m.books]
        if listed:
            show(ctx.out, Table(["MEMBER", "BOOKS"], listed, free=(0, 1), header=False))
        else:
            ctx.print("None yet.")


def export(ctx: Context, args) -> int:
    if args.me:
        if args.format != "json":
            raise InputError(
                "--me writes a member's file for `compound team merge`, "
                "which is JSON: add --format json"
            )
        if args.at_least is not None:
            raise InputError("--at-least applies to the team report, not to --me")
        return _export_me(ctx, args)
    target = ctx.output_file(args.output)
    report = ctx.tracker(DEFAULT_PROFILE).team.report(
        at_least=args.at_least, include_books=args.include_books
    )
    return _report(ctx, target, args.format, report)


def _export_me(ctx: Context, args) -> int:
    target = ctx.output_file(args.output)
    team = ctx.tracker().team
    written = []
    _write(
        ctx,
        target,
        lambda out: written.append(team.write_member_file(out, include_books=args.include_books)),
        "",
    )
    if target is not None:
        member = written[0]
        ctx.print(
            f"Wrote {member.name}'s member file ({plural(len(member.days), 'day')}) to {target}."
        )
    return 0


def merge(ctx: Context, args) -> int:
    from compound.tracker.team import merge as merge_files

    target = ctx.output_file(args.output)
    report = merge_files(
        (Path(name).expanduser() for name in args.files),
        ctx.today,
        latest=args.latest,
        at_least=args.at_least,
        include_books=args.include_books,
    )
    return _report(ctx, target, args.format, report)


def _common_options(p) -> None:
    p.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        help="md, csv, json or html (one self-contained page); default: md, or on a "
        "terminal with no -o, tables that fit it",
    )
    p.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write to FILE, readable by you only (default: standard output)",
    )
    p.add_argument(
        "--include-books",
        action="store_true",
        help="list the books each member finished this year (titles stay out "
        "otherwise; notes always do)",
    )
    p.add_argument(
        "--at-least",
        type=int,
        metavar="K",
        help="members who must learn on a day for the team streak to hold "
        "(default: half the team, rounded up)",
    )


def register(commands) -> None:
    group = commands.group("team", "a report of every member's streaks and pages")
    p = group.add(
        "export",
        export,
        "the team report from this database, or --me: your file",
        description="One row per member (each profile is a member): streaks, "
        "pages in the last 7 and 30 days and this year, books "
        "finished, learning hours, last check-in; then team totals "
        "and the team streak.",
        epilog="A learning day: the daily-pages goal reached, or any learning "
        "session. Skip days, and days a goal's schedule does not require, "
        "count as neither. Without a shared database: "
        "each member runs `compound team export --me --format json -o "
        "NAME.json`, and anyone runs `compound team merge *.json`.",
    )
    _common_options(p)
    p.add_argument(
        "--me",
        action="store_true",
        help="write only your profile's file, for `compound team merge`",
    )
    p = group.add(
        "merge",
        merge,
        "the team report from members' files",
        epilog="Each file comes from `compound team export --me --format json`. "
        "Two files of one member are refused unless --latest.",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    _common_options(p)
    p.add_argument(
        "--latest",
        action="store_true",
        help="when a member has several files, keep the most recently written",
    )
