"""`compound book …`: the shelves."""

from __future__ import annotations

from compound.cli.context import Context
from compound.cli.parser import DATE_HELP
from compound.cli.render import book_json, to_json
from compound.cli.tables import Table, show
from compound.domain.records import BookStatus
from compound.words.numbers import plural
from compound.words.records import book_length, book_progress, done_by

_HOURS_HELP = "an audiobook's length in hours and minutes: 11:30 (or 11h30m); 11 is 11 hours"

_VERBS = {
    "start": (BookStatus.READING, "Started"),
    "finish": (BookStatus.FINISHED, "Finished"),
    "abandon": (BookStatus.ABANDONED, "Abandoned"),
    "shelve": (BookStatus.TO_READ, "Put back on the to-read shelf:"),
}


def add(ctx: Context, args) -> int:
    book = ctx.tracker().books.add(
        args.title,
        author=args.author,
        pages=args.pages,
        isbn=args.isbn,
        reading=args.start,
        hours=args.hours,
    )
    length = f", {book_length(book)}" if book_length(book) else ""
    shelf = "now being read" if args.start else "on the to-read shelf"
    ctx.print(f"Added #{book.id} {book.label()}{length}: {shelf}.")
    return 0


def listing(ctx: Context, args) -> int:
    view = ctx.tracker().views.books(BookStatus(args.status) if args.status else None)
    if args.json:
        ctx.print(to_json([book_json(b) for b in view.books]))
        return 0
    if not view.books:
        ctx.print('No books yet. Add one with `compound book add "Deep Work" --pages 296`.')
        return 0
    rows = [
        [
            f"#{b.id}",
            b.status.value,
            b.title,
            b.author or "",
            book_progress(b),
            done_by(b, view.etas.get(b.id), ctx.today),
        ]
        for b in view.books
    ]
    show(
        ctx.out,
        Table(
            ["ID", "STATUS", "TITLE", "AUTHOR", "PROGRESS", "DONE"], rows, right=(4,), free=(2, 3)
        ),
    )
    return 0


def change_status(ctx: Context, args) -> int:
    status, verb = _VERBS[args.book_command]
    moved = ctx.tracker().books.move(args.book, status, day=args.date)
    book = moved.book
    if status == BookStatus.READING and moved.resumed and book.started_on:
        ctx.print(
            f"Picked up #{book.id} {book.title} again (first started "
            f"{book.started_on.isoformat()})."
        )
    elif status == BookStatus.TO_READ:
        ctx.print(f"{verb} #{book.id} {book.title}.")
    else:
        ctx.print(f"{verb} #{book.id} {book.title}, {moved.day.isoformat()}.")
    return 0


def edit(ctx: Context, args) -> int:
    book = ctx.tracker().books.edit(
        args.book,
        title=args.title,
        author=args.author,
        pages=args.pages,
        isbn=args.isbn,
        hours=args.hours,
    )
    ctx.print(f"Updated #{book.id} {book.label()}.")
    return 0


def remove(ctx: Context, args) -> int:
    book, kept = ctx.tracker().books.remove(args.book)
    ctx.print(f"Removed #{book.id} {book.title}.")
    if kept:
        ctx.print(f"Its {plural(kept, 'reading log')} stay in your history, without a book.")
    return 0


def register(commands) -> None:
    book = commands.group("book", "add, list, start, finish, abandon, edit or remove books")
    p = book.add("add", add, "add a book")
    p.add_argument("title", metavar="TITLE")
    p.add_argument("--author", "-a", metavar="A", help="who wrote it")
    p.add_argument("--pages", "-p", metavar="N", help="total pages")
    p.add_argument("--hours", metavar="H:MM", help=_HOURS_HELP)
    p.add_argument("--isbn", metavar="I", help="its ISBN, 10 or 13 digits")
    p.add_argument("--start", action="store_true", help="start reading it now")
    p = book.add("list", listing, "list books, the ones being read first")
    p.add_argument(
        "--status",
        "-s",
        choices=[s.value for s in BookStatus],
        help="only the books with this status",
    )
    p.add_argument("--json", action="store_true", help="JSON for scripts")
    for name, help in (
        ("start", "start (or pick up again) reading a book"),
        ("finish", "mark a book finished"),
        ("abandon", "stop reading a book without finishing it"),
        ("shelve", "put a book back on the to-read shelf"),
    ):
        p = book.add(name, change_status, help)
        p.add_argument("book", metavar="TITLE_OR_ID")
        p.add_argument("--date", "-d", metavar="D", help=DATE_HELP)
    p = book.add("edit", edit, "change a book's title, author, pages, hours or ISBN")
    p.add_argument("book", metavar="TITLE_OR_ID")
    p.add_argument("--title", metavar="T", help="the new title")
    p.add_argument("--author", "-a", metavar="A", help="'' clears it")
    p.add_argument("--pages", "-p", metavar="N", help="total pages")
    p.add_argument("--hours", metavar="H:MM", help=_HOURS_HELP)
    p.add_argument("--isbn", metavar="I", help="'' clears it")
    p = book.add("remove", remove, "remove a book (its reading logs are kept)")
    p.add_argument("book", metavar="TITLE_OR_ID")
