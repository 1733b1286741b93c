"""Check-ins and their history: log, learn, history, undo, edit, delete."""

from __future__ import annotations

from compound.cli.context import Context
from compound.cli.parser import DATE_HELP
from compound.cli.render import entry_json, to_json
from compound.cli.tables import Table, show
from compound.domain.errors import InputError
from compound.domain.quantities import parse_whole
from compound.domain.records import DEFAULT_SESSION_KIND, SessionKind
from compound.domain.today import TodayFigures
from compound.words.dates import day_label
from compound.words.figures import learning_today, reading_today, streak_sentence
from compound.words.numbers import pages, plural
from compound.words.records import (
    amount,
    book_length,
    book_moves,
    describe,
    log_amount,
    phrase,
    subject,
    time_read,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.tracker.outcomes import EntryRemoved


def _day_lines(ctx: Context, figures: TodayFigures, line: str) -> list[str]:
    """After a check-in: the day's standing (`line`: its reading or learning), and for
    today the streak."""
    label = day_label(figures.today, ctx.today)
    when = label[:1].upper() + label[1:]
    shown = [f"{when}: {line}"]
    if figures.today == ctx.today:
        shown.append(f"Streak: {streak_sentence(figures)}")
    return shown


def _date(text: str | None) -> str | None:
    """--date as given; given empty, it is a mistake rather than today."""
    if text is not None and not text.strip():
        raise InputError("an empty date was given")
    return text


def log(ctx: Context, args) -> int:
    if args.pages is None and args.to_page is None and args.to is None and args.minutes is None:
        raise InputError("say how many pages you read, e.g. `compound log 25`")
    done = ctx.tracker().entries.log_pages(
        args.pages,
        to_page=args.to_page,
        to=args.to,
        book=args.book,
        day=_date(args.date),
        minutes=args.minutes,
        note=args.note,
    )
    entry, book = done.log, done.book
    what = log_amount(entry)
    where = ""
    if book is not None:
        where = f" of {book.title}"
        if book.total_pages and book.progress is not None:
            where += f" (p. {book.pages_read} of {book.total_pages}, {round(100 * book.progress)}%)"
        elif book.by_time and book.progress is not None:
            where += (
                f" ({time_read(book.minutes_read)} of {book_length(book)}, "
                f"{round(100 * book.progress)}%)"
            )
    ctx.print(f"Logged {what}{where}, {day_label(entry.day, ctx.today)}  [{entry.ref}]")
    if done.started_book and book is not None:
        ctx.print(f"Started {book.title}.")
    if done.finished_book and book is not None:
        begun = f", begun {book.started_on.isoformat()}" if book.started_on else ""
        length = book_length(book) or pages(entry.pages)
        ctx.print(f"🎉 Finished {book.title}: {length}{begun}.")
    ctx.print(*_day_lines(ctx, done.day, f"reading {reading_today(done.day)}"))
    return 0


def learn(ctx: Context, args) -> int:
    done = ctx.tracker().entries.log_session(
        args.duration, kind=args.kind, topic=args.topic, note=args.note, day=_date(args.date)
    )
    session = done.session
    ctx.print(f"Logged {phrase(session, ctx.today)}  [{session.ref}]")
    ctx.print(*_day_lines(ctx, done.day, f"learning {learning_today(done.day)}"))
    return 0


def history(ctx: Context, args) -> int:
    days = parse_whole(args.days, "--days", high=36_600)
    found = ctx.tracker().views.entries(days).entries
    if args.json:
        ctx.print(to_json([entry_json(e) for e in found]))
        return 0
    if not found:
        ctx.print(
            f"No entries in the last {plural(days, 'day')}. "
            "Log some with `compound log 25` or `compound learn 45m`."
        )
        return 0
    rows = [
        [e.ref, day_label(e.day, ctx.today), amount(e), subject(e), e.note or ""] for e in found
    ]
    show(ctx.out, Table(["ID", "DAY", "AMOUNT", "BOOK / TOPIC", "NOTE"], rows, free=(3, 4)))
    return 0


def _report_removal(ctx: Context, verb: str, removed: EntryRemoved) -> None:
    ctx.print(f"{verb} {describe(removed.entry, ctx.today)}")
    ctx.print(*(f"{moved}." for moved in book_moves(removed)))


def undo(ctx: Context, args) -> int:
    _report_removal(ctx, "Undid", ctx.tracker().entries.undo_last())
    return 0


def delete(ctx: Context, args) -> int:
    _report_removal(ctx, "Deleted", ctx.tracker().entries.delete(args.entry))
    return 0


def edit(ctx: Context, args) -> int:
    from compound.domain.records import UNSET

    entry = ctx.tracker().entries.edit(
        args.entry,
        day=_date(args.date),
        pages=args.pages,
        minutes=UNSET if args.minutes is None else args.minutes,
        book=args.book,
        kind=args.kind,
        topic=UNSET if args.topic is None else args.topic,
        note=UNSET if args.note is None else args.note,
    )
    ctx.print(f"Updated {describe(entry, ctx.today)}")
    return 0


def register(commands) -> None:
    p = commands.add(
        "log", log, "log pages read (or time read: --minutes alone, or --to a time reached)"
    )
    p.add_argument("pages", nargs="?", metavar="PAGES", help="pages read")
    p.add_argument(
        "--book",
        "-b",
        metavar="TITLE_OR_ID",
        help="the book (default: the one being read, if there is one)",
    )
    p.add_argument("--to-page", metavar="N", help="log the pages from where you were up to page N")
    p.add_argument(
        "--to",
        metavar="POSITION",
        help="log up to where you got: a page (148), a percent of the book (45%%), or a time "
        "into an audiobook (3:20 is 3 h 20 min, logged as minutes)",
    )
    p.add_argument("--date", "-d", metavar="D", help=DATE_HELP)
    p.add_argument(
        "--minutes",
        "-m",
        metavar="M",
        help="time spent reading: 30, 45m, 1h15m; alone, reading measured by time",
    )
    p.add_argument("--note", "-n", metavar="T", help="a note")

    p = commands.add("learn", learn, "log a learning session (course, talk, podcast, ...)")
    p.add_argument("duration", metavar="DURATION", help="45, 45m, 90min, 1h30m, 1:30 or 1.5h")
    p.add_argument(
        "--kind",
        "-k",
        choices=[k.value for k in SessionKind],
        default=DEFAULT_SESSION_KIND.value,
        help=f"what kind of session (default: {DEFAULT_SESSION_KIND.value})",
    )
    p.add_argument("--topic", "-t", metavar="T", help="what it was about")
    p.add_argument("--note", "-n", metavar="T", help="a note")
    p.add_argument("--date", "-d", metavar="D", help=DATE_HELP)

    p = commands.add("history", history, "recent entries, newest first")
    p.add_argument("--days", metavar="N", default="7", help="how many days back (default 7)")
    p.add_argument("--json", action="store_true", help="JSON for scripts")

    commands.add("undo", undo, "remove the entry made last")

    p = commands.add("edit", edit, "change an entry (ids as in history: r12, s7)")
    p.add_argument("entry", metavar="ID", help="the entry to change")
    p.add_argument("--pages", metavar="N", help="pages read (a reading log)")
    p.add_argument(
        "--minutes",
        "-m",
        metavar="M",
        help="time spent: 30, 45m, 1h15m; '' clears a reading log's minutes",
    )
    p.add_argument("--book", "-b", metavar="TITLE_OR_ID", help="the book read (a reading log)")
    p.add_argument(
        "--kind",
        "-k",
        choices=[k.value for k in SessionKind],
        help="what kind of session (a learning session)",
    )
    p.add_argument(
        "--topic", "-t", metavar="T", help="what it was about (a learning session); '' clears it"
    )
    p.add_argument("--note", "-n", metavar="T", help="'' clears it")
    p.add_argument("--date", "-d", metavar="D", help=DATE_HELP)

    p = commands.add("delete", delete, "delete an entry (ids as in history: r12, s7)")
    p.add_argument("entry", metavar="ID", help="the entry to delete")
