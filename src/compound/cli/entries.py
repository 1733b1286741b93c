"""Check-ins and their history: log, learn, history, undo, edit, delete."""

from __future__ import annotations

from datetime import timedelta

from compound.cli.context import Context
from compound.cli.parser import DATE_HELP
from compound.cli.render import day_label, describe, entry_json, table, to_json
from compound.domain.days import format_duration, parse_duration
from compound.domain.errors import InputError
from compound.domain.quantities import parse_book_pages, parse_pages, parse_whole
from compound.domain.records import ReadingLog, RemovedEntry, SessionKind


def _pages(count: int) -> str:
    return f"{count} page{'s' if count != 1 else ''}"


def log(ctx: Context, args) -> int:
    # Everything typed is checked before the database is opened.
    if args.pages is not None and args.to_page is not None:
        raise InputError("give PAGES or --to-page, not both")
    if args.pages is None and args.to_page is None:
        raise InputError("say how many pages you read, e.g. `compound log 25`")
    pages = parse_pages(args.pages) if args.pages is not None else None
    to_page = parse_book_pages(args.to_page) if args.to_page is not None else None
    day = ctx.date(args.date)
    minutes = parse_duration(args.minutes) if args.minutes is not None else None

    done = ctx.store().log_pages(day=day, pages=pages, to_page=to_page, book=args.book,
                           minutes=minutes, note=args.note)
    entry, book = done.log, done.book
    where = ""
    if book is not None:
        where = f" of {book.title}"
        if book.total_pages:
            where += f" (p. {book.pages_read} of {book.total_pages}, {round(100 * book.progress)}%)"
    ctx.print(f"Logged {_pages(entry.pages)}{where}, {day_label(day, ctx.today)}  [{entry.ref}]")
    if done.started_book:
        ctx.print(f"Started {book.title}.")
    if done.finished_book:
        ctx.print(f"🎉 Finished {book.title}: {book.total_pages} pages, "
                  f"begun {book.started_on.isoformat()}.")
    if done.pages_goal:
        mark = " ✓" if done.pages_that_day >= done.pages_goal else ""
        total = f"{done.pages_that_day} / {_pages(done.pages_goal)}{mark}"
    else:
        total = _pages(done.pages_that_day)
    ctx.print(f"{day_label(day, ctx.today).capitalize()}: {total}")
    return 0


def learn(ctx: Context, args) -> int:
    minutes = parse_duration(args.duration)
    day = ctx.date(args.date)
    session = ctx.store().log_session(day=day, minutes=minutes, kind=SessionKind(args.kind),
                                      topic=args.topic, note=args.note)
    topic = f" · {session.topic}" if session.topic else ""
    ctx.print(f"Logged {format_duration(minutes)} {session.kind}{topic}, "
              f"{day_label(day, ctx.today)}  [{session.ref}]")
    if day == ctx.today:
        status = ctx.store().status(ctx.today)
        goal = f" / {format_duration(status.minutes_goal)}" if status.minutes_goal else ""
        ctx.print(f"Today: {format_duration(status.minutes)}{goal} of learning")
    return 0


def history(ctx: Context, args) -> int:
    days = parse_whole(args.days, "--days", high=36_600)
    until = ctx.today
    found = ctx.store().history(until - timedelta(days=days - 1), until)
    if args.json:
        ctx.print(to_json([entry_json(e) for e in found]))
        return 0
    if not found:
        ctx.print(f"No entries in the last {days} day{'s' if days != 1 else ''}. "
                  "Log some with `compound log 25` or `compound learn 45m`.")
        return 0
    rows = []
    for e in found:
        if isinstance(e, ReadingLog):
            amount = f"{e.pages} p" + (f" in {format_duration(e.minutes)}" if e.minutes else "")
            subject = e.book_title or ""
        else:
            amount = f"{format_duration(e.minutes)} {e.kind}"
            subject = e.topic or ""
        rows.append([e.ref, day_label(e.day, ctx.today), amount, subject, e.note or ""])
    ctx.print(table(["ID", "DAY", "AMOUNT", "BOOK / TOPIC", "NOTE"], rows))
    return 0


def _report_removal(ctx: Context, verb: str, removed: RemovedEntry) -> None:
    ctx.print(f"{verb} {describe(removed.entry, ctx.today)}")
    if removed.reopened_book is not None:
        ctx.print(f"{removed.reopened_book.title} is back to being read.")
    if removed.reshelved_book is not None:
        ctx.print(f"{removed.reshelved_book.title} is back on the to-read shelf.")


def undo(ctx: Context, args) -> int:
    _report_removal(ctx, "Undid", ctx.store().undo())
    return 0


def delete(ctx: Context, args) -> int:
    _report_removal(ctx, "Deleted", ctx.store().delete_entry(args.entry))
    return 0


def edit(ctx: Context, args) -> int:
    changes: dict = {}  # only what was given: the store leaves the rest as it is
    if args.pages is not None:
        changes["pages"] = parse_pages(args.pages)
    if args.minutes is not None:
        # '' clears a reading log's minutes; a session always has some.
        changes["minutes"] = parse_duration(args.minutes) if args.minutes.strip() else None
    if args.date is not None:
        changes["day"] = ctx.date(args.date)
    if args.book is not None:
        changes["book"] = args.book
    if args.kind is not None:
        changes["kind"] = SessionKind(args.kind)
    if args.topic is not None:
        changes["topic"] = args.topic
    if args.note is not None:
        changes["note"] = args.note
    if not changes:
        raise InputError("say what to change: --pages, --minutes, --date, --book, --kind, "
                         "--topic or --note")
    entry = ctx.store().edit_entry(args.entry, **changes)
    ctx.print(f"Updated {describe(entry, ctx.today)}")
    return 0


def register(commands) -> None:
    p = commands.add("log", log, "log pages read")
    p.add_argument("pages", nargs="?", metavar="PAGES", help="pages read")
    p.add_argument("--book", "-b", metavar="TITLE_OR_ID",
                   help="the book (default: the one being read, if there is one)")
    p.add_argument("--to-page", metavar="N", help="log the pages from where you were up to page N")
    p.add_argument("--date", "-d", metavar="D", help=DATE_HELP)
    p.add_argument("--minutes", "-m", metavar="M", help="time spent reading: 30, 45m, 1h15m")
    p.add_argument("--note", "-n", metavar="T", help="a note")

    p = commands.add("learn", learn, "log a learning session (course, talk, podcast, ...)")
    p.add_argument("duration", metavar="DURATION", help="45, 45m, 90min, 1h30m, 1:30 or 1.5h")
    p.add_argument("--kind", "-k", choices=[k.value for k in SessionKind], default="other",
                   help="what kind of session (default: other)")
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
    p.add_argument("--minutes", "-m", metavar="M",
                   help="time spent: 30, 45m, 1h15m; '' clears a reading log's minutes")
    p.add_argument("--book", "-b", metavar="TITLE_OR_ID", help="the book read (a reading log)")
    p.add_argument("--kind", "-k", choices=[k.value for k in SessionKind],
                   help="what kind of session (a learning session)")
    p.add_argument("--topic", "-t", metavar="T",
                   help="what it was about (a learning session); '' clears it")
    p.add_argument("--note", "-n", metavar="T", help="'' clears it")
    p.add_argument("--date", "-d", metavar="D", help=DATE_HELP)

    p = commands.add("delete", delete, "delete an entry (ids as in history: r12, s7)")
    p.add_argument("entry", metavar="ID", help="the entry to delete")
