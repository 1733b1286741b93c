"""`compound review [YEAR]`: a year in review, as text, Markdown, JSON or one HTML page."""

from __future__ import annotations

from datetime import date

from compound.cli.context import Context
from compound.cli.tables import PLAIN, Table, Terminal, fit_line, terminal
from compound.words.numbers import plural

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TextIO

    from compound.domain.review import FinishedBook, YearReview

FORMATS = ("text", "md", "html", "json")
# The widest a month's bar of pages is drawn, in cells.
BAR_CELLS = 24


def earlier_note(finished_days: tuple[date, ...], this_year: int, today: date) -> str:
    """For `stats` when this year has no finished book yet (`this_year` is its count):
    " (358 in earlier years: compound review 2025)", else ""."""
    from compound.domain.review import earlier_years

    count, latest = earlier_years(finished_days, today.year)
    if not count or this_year:
        return ""
    return f" ({count:,} in earlier years: compound review {latest})"


# -- text -----------------------------------------------------------------------------


def _book_line(label: str, book: FinishedBook, width: int | None) -> str:
    from compound.words.review import book_figures, byline

    # In line with the figures above, whose labels and gap take 16 cells.
    return fit_line(f"{label:<16}", byline(book), book_figures(book), width)


def text(review: YearReview, width: int | None) -> list[str | Table]:
    """The review for a terminal `width` cells wide (None: not a terminal)."""
    from compound.cli.render import bar
    from compound.words.review import extremes, heading, month_name, nothing, summary_lines

    if review.empty:
        lines: list[str | Table] = [heading(review), nothing(review)]
        if review.earlier_books:
            lines.append(f"{plural(review.earlier_books, 'book')} finished in earlier years.")
        return lines
    lines = [heading(review), ""]
    lines.append(
        Table(
            ["", ""],
            [[label, figures] for label, figures in summary_lines(review)],
            sentences=(1,),
            header=False,
        )
    )
    books = extremes(review)
    if books:
        lines.append("")
        lines += [_book_line(label, book, width) for label, book in books]
    if review.authors:
        lines += ["", Table(["MOST-READ AUTHORS", "BOOKS"], _author_rows(review), (1,), (0,))]
    top = max((m.pages for m in review.months), default=0)
    rows = [
        [
            month_name(m.month),
            f"{m.books:,}",
            f"{m.pages:,}",
            f"{m.reading_days:,}",
            bar(m.pages / top, BAR_CELLS).rstrip("░") if top else "",
        ]
        for m in review.months
    ]
    lines += ["", Table(["MONTH", "BOOKS", "PAGES", "READING DAYS", ""], rows, right=(1, 2, 3))]
    return lines


def _author_rows(review: YearReview) -> list[list[str]]:
    return [[name, f"{count:,}"] for name, count in review.authors]


def _write_text(review: YearReview, out: TextIO, where: Terminal) -> None:
    for item in text(review, where.width):
        out.write((item.render(where) if isinstance(item, Table) else item) + "\n")


# -- for scripts ----------------------------------------------------------------------


def _book_json(book: FinishedBook | None) -> dict[str, Any] | None:
    if book is None:
        return None
    return {
        "title": book.title,
        "author": book.author,
        "pages": book.pages,
        "minutes": book.minutes,
        "finished_on": book.finished_on,
        "source": book.source,
    }


def as_json(review: YearReview) -> dict[str, Any]:
    """The review's figures under stable keys."""
    goal: dict[str, Any] | None = None
    if review.books_goal is not None:
        pace = review.books_goal
        goal = {
            "kind": "books",
            "goal": pace.goal,
            "since": pace.since,
            "year_goal": round(pace.year_goal, 2),
            "expected": round(pace.expected, 2),
            "finished": pace.finished,
            "ahead": round(pace.ahead, 2),
        }
    elif review.pages_goal is not None:
        pages = review.pages_goal
        goal = {
            "kind": "pages",
            "target": pages.target,
            "asked": pages.asked,
            "asked_in_year": pages.asked_in_year,
            "read": pages.read,
            "due_days": pages.due_days,
        }
    streak, week = review.best_streak, review.best_week
    return {
        "year": review.year,
        "final": review.final,
        "first": date(review.year, 1, 1),
        "last": review.last,
        "empty": review.empty,
        "books_finished": len(review.books),
        "books_finished_earlier": review.earlier_books,
        "pages": review.pages,
        "reading_days": review.reading_days,
        "reading_minutes": review.reading_minutes,
        "learning_minutes": review.learning_minutes,
        "sessions": review.sessions,
        "learning_days": review.learning_days,
        "longest": _book_json(review.longest),
        "shortest": _book_json(review.shortest),
        "longest_listen": _book_json(review.longest_listen),
        "shortest_listen": _book_json(review.shortest_listen),
        "authors": [{"author": name, "books": count} for name, count in review.authors],
        "months": [
            {"month": m.month, "books": m.books, "pages": m.pages, "reading_days": m.reading_days}
            for m in review.months
        ],
        "best_streak": None
        if streak is None
        else {"first": streak.first, "last": streak.last, "length": streak.length},
        "best_week": None
        if week is None
        else {"first": week.first, "last": week.last, "pages": week.pages},
        "goal": goal,
        "books": [_book_json(book) for book in review.books],
    }


# -- the command ----------------------------------------------------------------------


def _writer(form: str):
    from compound.cli.render import to_json

    if form == "md":
        from compound.exchange.review_markdown import write as write_md

        return write_md
    if form == "html":
        from compound.exchange.review_html import write as write_html

        return write_html
    return lambda review, out: out.write(to_json(as_json(review)) + "\n")


def show(ctx: Context, args) -> int:
    target = ctx.output_file(args.output)  # refused before anything is read
    review = ctx.tracker().views.review(args.year)
    form = args.format
    if form == "text" and target is None:
        from compound.cli.tables import show_all

        width = terminal(ctx.out).width
        show_all(ctx.out, text(review, width), ctx.print)
        return 0

    def write(out: TextIO) -> None:
        if form == "text":
            _write_text(review, out, PLAIN)
        else:
            _writer(form)(review, out)

    if target is None:
        from compound.cli.terminal import export_stream

        with export_stream(ctx.out) as out:
            write(out)
        return 0
    from compound.exchange.output import private_file

    with private_file(target) as out:
        write(out)
    ctx.print(f"Wrote the review of {review.year} ({form}) to {target}.")
    return 0


def register(commands) -> None:
    p = commands.add(
        "review",
        show,
        "a year in review: books, pages, hours, the best streak and week, the goal",
        description="A year in review: the books finished (imported ones too), pages and "
        "hours, the longest and shortest book, the most-read authors, each month, the "
        "best streak and the best week, and the year against its goal. A past year's "
        "figures are final; this year's are so far.",
    )
    p.add_argument("year", nargs="?", metavar="YEAR", help="the year (default: this year)")
    p.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        default="text",
        help="text (default), md (a report), html (one self-contained page) or json",
    )
    p.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write to FILE, readable by you only (default: standard output)",
    )
