"""`compound chart KIND`: one chart in the plain terminal, drawn with plotext (the
calendar is laid out as text: charts/calendar.py)."""

from __future__ import annotations

from compound.cli.context import Context
from compound.domain.errors import InputError
from compound.domain.quantities import parse_whole

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.charts.calendar import CalendarLayout

# The kinds, in the order help lists them, with what each shows. Kept here (not read
# from compound.charts) so that `compound --help` does not import plotext.
KINDS = {
    "daily": "pages a day against the daily goal, a bar a week when the days do not fit "
    "(--days, default 30)",
    "cumulative": "this year's pages added up, against the goal's line",
    "projection": "this year so far, then its likely range to 31 Dec, with the goal "
    "(--days, default 30)",
    "weekday": "average pages by weekday (--days, default 90)",
    "sessions": "learning minutes by session kind (--days, default 30)",
    "calendar": "a column a week, shaded against the daily goal (quartiles without one) "
    "(--days, default 365)",
    "years": "books finished and pages read each year, over the whole record",
}
MAX_DAYS = 3660
MIN_WIDTH, MIN_HEIGHT = 30, 8


def _size(args) -> tuple[int, int]:
    import shutil

    columns, lines = shutil.get_terminal_size()
    width = parse_whole(args.width, "--width", low=MIN_WIDTH, high=1000) if args.width else columns
    # Leave room for the prompt: a chart that fills the window pushes its title away.
    height = (
        parse_whole(args.height, "--height", low=MIN_HEIGHT, high=500)
        if args.height
        else min(max(lines - 2, MIN_HEIGHT), 25)
    )
    return max(width, MIN_WIDTH), height


def draw(ctx: Context, args) -> int:
    from compound import charts
    from compound.cli.tables import terminal

    kind = args.kind
    days = charts.DEFAULT_DAYS.get(kind)
    if args.days is not None:
        if days is None:
            shows = "every year" if kind == "years" else "this year"
            raise InputError(f"--days does not apply to the {kind} chart: it shows {shows}")
        days = parse_whole(args.days, "--days", high=MAX_DAYS)
    width, height = _size(args)
    data = ctx.tracker().views.chart(kind, days)
    if kind == "calendar":
        return _calendar(ctx, charts.calendar(data, width, height))

    import plotext as plt

    plt.clear_figure()
    plt.limit_size(False, False)  # the size below is the terminal's already
    plt.theme("clear")  # no background of its own: the terminal's, dark or light
    plt.plotsize(width, height)
    message = charts.BUILDERS[kind](plt, data)
    if message is not None:
        ctx.print(message)
        return 0
    text = plt.build()
    if not terminal(ctx.out).styled:
        # Plain text for a pipe or a file: no colour codes, no padding at line ends.
        text = "\n".join(line.rstrip() for line in plt.uncolorize(text).splitlines())
        ctx.print(text.rstrip("\n"))
        return 0
    from compound.cli.terminal import underlying

    # The colours are the chart's own, past the stream that shows escapes; a chart
    # holds numbers, days and session kinds, no stored free text.
    print(text.rstrip("\n"), file=underlying(ctx.out))
    return 0


# The calendar's styles in the 16 basic colours, which every terminal theme maps to its
# own: the shades are green and brighter for more, the excused days apart from them.
CALENDAR_COLOURS = {
    "nothing": "90",
    "level-1": "32",
    "level-2": "32",
    "level-3": "92",
    "level-4": "92",
    "skip": "36",
    "not-due": "90",
    "label": "",
    "title": "",
}


def _calendar(ctx: Context, layout: CalendarLayout | str) -> int:
    """The calendar's lines (charts/calendar.py): no plotext, no frame."""
    from compound.cli.tables import terminal

    if isinstance(layout, str):
        ctx.print(layout)
        return 0
    if not terminal(ctx.out).styled:
        ctx.print("\n".join(layout.text()))
        return 0
    from compound.cli.terminal import underlying

    lines = [
        "".join(
            f"\x1b[{CALENDAR_COLOURS[style]}m{text}\x1b[0m" if CALENDAR_COLOURS.get(style) else text
            for text, style in line
        ).rstrip()
        for line in layout.lines
    ]
    # As the other charts: days and numbers only, past the stream that shows escapes.
    print("\n".join(lines), file=underlying(ctx.out))
    return 0


def register(commands) -> None:
    from argparse import RawDescriptionHelpFormatter

    listing = "\n".join(f"  {kind + ':':<12}{what}" for kind, what in KINDS.items())
    p = commands.add(
        "chart",
        draw,
        "draw a chart in the terminal",
        description=f"Draw a chart in the terminal, as wide as the terminal.\n\nkinds:\n{listing}",
        formatter_class=RawDescriptionHelpFormatter,
    )
    p.add_argument("kind", choices=list(KINDS), metavar="KIND", help=", ".join(KINDS))
    p.add_argument(
        "--days",
        metavar="N",
        help="how many days back to look, 1-3660 (for projection: the recent "
        "days whose ups and downs it resamples)",
    )
    p.add_argument(
        "--width",
        metavar="W",
        help=f"columns to use (default: the terminal's; at least {MIN_WIDTH})",
    )
    p.add_argument(
        "--height",
        metavar="H",
        help=f"lines to use (default: the terminal's, up to 25; at least {MIN_HEIGHT})",
    )
