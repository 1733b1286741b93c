"""`compound book …`: the shelves."""

from __future__ import annotations

from compound.cli.context import Context
from compound.cli.parser import DATE_HELP
from compound.cli.render import book_json, progress, table, to_json
from compound.domain.errors import InputError
from compound.domain.quantities import parse_book_pages
from compound.domain.records import BookStatus
from compound.domain.text import clean_text, normalise_isbn

_VERBS = {"start": (BookStatus.READING, "Started"), "finish": (BookStatus.FINISHED, "Finished"),
          "abandon": (BookStatus.ABANDONED, "Abandoned")}


def add(ctx: Context, args) -> int:
    title = clean_text(args.title, "a book's title", required=True)
    pages = parse_book_pages(args.pages) if args.pages is not None else None
    isbn = normalise_isbn(args.isbn)
    status = BookStatus.READING if args.start else BookStatus.TO_READ
    book = ctx.store().add_book(title, author=args.author, total_pages=pages, isbn=isbn,
                                status=status, day=ctx.today if args.start else None)
    length = f", {book.total_pages} pages" if book.total_pages else ""
    shelf = "now being read" if args.start else "on the to-read shelf"
    ctx.print(f"Added #{book.id} {book.label()}{length}: {shelf}.")
    return 0


def listing(ctx: Context, args) -> int:
    found = ctx.store().books(BookStatus(args.status) if args.status else None)
    if args.json:
        ctx.print(to_json([book_json(b) for b in found]))
        return 0
    if not found:
        ctx.print("No books yet. Add one with `compound book add \"Deep Work\" --pages 296`.")
        return 0
    rows = [[f"#{b.id}", b.status.value, b.title, b.author or "", progress(b)] for b in found]
    ctx.print(table(["ID", "STATUS", "TITLE", "AUTHOR", "PROGRESS"], rows, right=(4,)))
    return 0


def change_status(ctx: Context, args) -> int:
    status, verb = _VERBS[args.book_command]
    day = ctx.date(args.date)
    book = ctx.store().set_book_status(args.book, status, day)
    if status == BookStatus.READING and book.started_on and book.started_on != day:
        ctx.print(f"Picked up #{book.id} {book.title} again (first started "
                  f"{book.started_on.isoformat()}).")
    else:
        ctx.print(f"{verb} #{book.id} {book.title}, {day.isoformat()}.")
    return 0


def edit(ctx: Context, args) -> int:
    changes = {}
    if args.title is not None:
        changes["title"] = clean_text(args.title, "a book's title", required=True)
    if args.author is not None:
        changes["author"] = args.author
    if args.pages is not None:
        changes["total_pages"] = parse_book_pages(args.pages)
    if args.isbn is not None:
        changes["isbn"] = args.isbn
        normalise_isbn(args.isbn)
    if not changes:
        raise InputError("say what to change: --title, --author, --pages or --isbn")
    book = ctx.store().edit_book(args.book, **changes)
    ctx.print(f"Updated #{book.id} {book.label()}.")
    return 0


def remove(ctx: Context, args) -> int:
    book, kept = ctx.store().remove_book(args.book)
    ctx.print(f"Removed #{book.id} {book.title}.")
    if kept:
        ctx.print(f"Its {kept} reading log{'s' if kept != 1 else ''} stay in your history, "
                  "without a book.")
    return 0


def register(commands) -> None:
    book = commands.group("book", "add, list, start, finish, abandon, edit or remove books")
    p = book.add("add", add, "add a book")
    p.add_argument("title", metavar="TITLE")
    p.add_argument("--author", "-a", metavar="A", help="who wrote it")
    p.add_argument("--pages", "-p", metavar="N", help="total pages")
    p.add_argument("--isbn", metavar="I", help="its ISBN, 10 or 13 digits")
    p.add_argument("--start", action="store_true", help="start reading it now")
    p = book.add("list", listing, "list books, the ones being read first")
    p.add_argument("--status", "-s", choices=[s.value for s in BookStatus],
                   help="only the books with this status")
    p.add_argument("--json", action="store_true", help="JSON for scripts")
    for name, help in (("start", "start (or pick up again) reading a book"),
                       ("finish", "mark a book finished"),
                       ("abandon", "stop reading a book without finishing it")):
        p = book.add(name, change_status, help)
        p.add_argument("book", metavar="TITLE_OR_ID")
        p.add_argument("--date", "-d", metavar="D", help=DATE_HELP)
    p = book.add("edit", edit, "change a book's title, author, pages or ISBN")
    p.add_argument("book", metavar="TITLE_OR_ID")
    p.add_argument("--title", metavar="T", help="the new title")
    p.add_argument("--author", "-a", metavar="A", help="'' clears it")
    p.add_argument("--pages", "-p", metavar="N", help="total pages")
    p.add_argument("--isbn", metavar="I", help="'' clears it")
    p = book.add("remove", remove, "remove a book (its reading logs are kept)")
    p.add_argument("book", metavar="TITLE_OR_ID")
