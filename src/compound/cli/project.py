"""`compound project`: where a daily pace leads in a year, and beyond."""

from __future__ import annotations

import re

from compound.cli.context import Context
from compound.cli.render import to_json
from compound.cli.stats import fitted, projection_json
from compound.cli.tables import terminal
from compound.domain.errors import InputError
from compound.words.figures import time_not_projected, year_ahead_lines
from compound.words.numbers import books_range, pages_a_day

MAX_PAGES_PER_DAY = 2_000
YEARS = (1, 5, 10)


def parse_pages_per_day(text: str) -> float:
    raw = text.strip()
    if not re.fullmatch(r"\d{1,6}(\.\d{1,3})?", raw, re.ASCII):
        raise InputError(f"--pages-per-day must be a number like 25 or 12.5, not {text!r}")
    value = float(raw)
    if not 0 < value <= MAX_PAGES_PER_DAY:
        raise InputError(f"--pages-per-day must be more than 0 and at most {MAX_PAGES_PER_DAY:,}")
    return value


def parse_book_length(text: str) -> tuple[int, int]:
    found = re.fullmatch(r"\s*(\d{1,5})\s*(?:-|–|\.\.)\s*(\d{1,5})\s*", text, re.ASCII)
    if not found or not 0 < int(found[1]) <= int(found[2]) <= 50_000:
        raise InputError(f"--book-length must be a page range like 225-300, not {text!r}")
    return int(found[1]), int(found[2])


def parse_growth_option(text: str) -> float:
    from compound.domain.projection import parse_growth

    try:
        return parse_growth(text)
    except ValueError as exc:
        raise InputError(f"--growth: {exc}") from None


SOURCES = {
    "measured": "your last 30 days",
    "given": "given",
    "example-new": "an example: log some reading to see your own",
    "example-idle": "an example: nothing read in the last 30 days",
}


def run(ctx: Context, args) -> int:
    growth = parse_growth_option(args.growth) if args.growth is not None else None
    length = parse_book_length(args.book_length) if args.book_length is not None else None
    given = parse_pages_per_day(args.pages_per_day) if args.pages_per_day is not None else None
    view = ctx.tracker().views.projection(pages_per_day=given, growth=growth, book_length=length)
    projection, source = view.projection, SOURCES[view.source]
    if view.source == "example-idle" and view.timed_this_year:
        # Time read by time may fill those days: it is the pages that are missing.
        source = "an example: no pages read in the last 30 days"
    if args.json:
        data = projection_json(projection)
        data["source"] = source
        data["years"] = {str(n): n * projection.pages_per_year for n in YEARS}
        data["minutes_read_by_time_this_year"] = view.timed_this_year
        ctx.print(to_json(data))
        return 0
    lines = [
        f"At {pages_a_day(projection.pages_per_day)} ({source}):",
        *(f"  {line}" for line in year_ahead_lines(projection)),
    ]
    low, high = projection.book_length
    for years in YEARS[1:]:
        pages = years * projection.pages_per_year
        lines.append(
            f"  In {years} years: about {pages:,} pages, {books_range(pages // high, pages // low)}"
        )
    if view.timed_this_year:
        # The pace counts pages: time read where they are unknown is said, not guessed at.
        lines.append(f"  {time_not_projected(view.timed_this_year)}")
    ctx.print(*fitted(lines, terminal(ctx.out).width))
    return 0


def register(commands) -> None:
    p = commands.add(
        "project",
        run,
        "where a daily pace leads: pages and books a year",
        description="Project a year (and 5 and 10) at your pace of the last 30 "
        "days, or at a pace you give; with no history, at 25 pages a "
        "day.",
    )
    p.add_argument("--pages-per-day", metavar="N", help="project this pace instead of yours")
    p.add_argument(
        "--growth", metavar="G", help="what if the pace grows, e.g. 1%%/week or 5%%/month"
    )
    p.add_argument(
        "--book-length",
        metavar="LOW-HIGH",
        help="pages a book has, e.g. 225-300 (default: the middle half of your "
        "finished books once there are 5, else 225-300)",
    )
    p.add_argument("--json", action="store_true", help="JSON for scripts")
