"""How long drawing each chart takes, against plotext drawing as many bars alone.

For every kind `compound chart` draws (cli/charts.py's KINDS), in one process, on
the harness's one-year database (benchmarks/_harness.py), each against a floor
timed in the same rounds:

  subject  what `compound chart KIND` does once it has read its data (the tracker's
           chart view, the same path): the kind's builder in compound.charts.BUILDERS
           drawn on plotext at 140×40 and built to text, or, for a kind laid out as
           text without plotext (the calendar), compound.charts.KIND(data, width,
           height) and its lines; daily, weekday and calendar over 365 days, the
           others over their own default days (cumulative and the year ahead show
           this year);
  floor    plotext alone at the same size: plt.bar(range(365), pages), the
           pages of the same 365 days, built to text.

What is timed starts from the chart's data already read (reading it is the
store's work, timed by insight.py): for the year ahead that includes its
1,000 simulated futures. Each kind's ratio of medians is printed against its
target (TARGETS; a kind added later is held to DEFAULT_TARGET until it has one).

    .venv/bin/python benchmarks/charts.py [--rounds 20] [--warmup 3] [--check]
    .venv/bin/python benchmarks/charts.py --size 80x24
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import _harness as h

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.charts import ChartData

# The highest acceptable ratio of medians for each kind: about 1.5 times the highest
# ratio measured on 2026-12-04 (README.md), so that a change making a chart markedly
# slower shows and the machine's noise does not. plotext's 365 bars are slow (its bar
# filling), so every chart comes in well under them.
TARGETS = {
    "daily": 0.15,
    "cumulative": 0.15,
    "projection": 0.6,  # half of it the 1,000 simulated futures
    "weekday": 0.2,
    "sessions": 0.35,
    "calendar": 0.03,  # text laid out without plotext
}
DEFAULT_TARGET = 1.0  # a kind without its own: no slower than plotext's bars
# The days each kind looks back over here; the others keep the command line's default.
A_YEAR = {"daily": 365, "weekday": 365, "calendar": 365}
DAYS = 365


def chart_data(db: Path) -> dict[str, ChartData]:
    """What each chart kind draws, read as `compound chart KIND` reads it."""
    from compound.cli.charts import KINDS
    from compound.config import Settings
    from compound.tracker.core import Tracker

    settings = Settings()
    tracker = Tracker.open(f"sqlite:///{db}", settings.profile, settings, lambda: h.TODAY)
    try:
        return {kind: tracker.views.chart(kind, A_YEAR.get(kind)) for kind in KINDS}
    finally:
        tracker.close()


def drawers(
    data: dict[str, ChartData], width: int, height: int
) -> tuple[dict[str, Callable[[], None]], Callable[[], None]]:
    """A function drawing each kind, and the floor's: plotext's bars for the year."""
    import plotext as plt

    from compound import charts

    def fresh() -> None:
        # As `compound chart` sets plotext up.
        plt.clear_figure()
        plt.limit_size(False, False)
        plt.theme("clear")
        plt.plotsize(width, height)

    def chart(kind: str) -> Callable[[], None]:
        def draw() -> None:
            fresh()
            message = charts.BUILDERS[kind](plt, data[kind])
            if message is not None:
                sys.exit(f"the {kind} chart drew nothing: {message}")
            plt.build()

        def lay_out() -> None:
            laid = getattr(charts, kind)(data[kind], width, height)
            if isinstance(laid, str):
                sys.exit(f"the {kind} chart drew nothing: {laid}")
            laid.text()

        if kind in charts.BUILDERS:
            return draw
        if callable(getattr(charts, kind, None)):
            return lay_out
        sys.exit(f"no way to draw the {kind} chart: not in compound.charts.BUILDERS")

    history = next(iter(data.values())).history
    pages = [
        history.totals.pages.get(h.TODAY - timedelta(days=n), 0) for n in range(DAYS - 1, -1, -1)
    ]

    def bars() -> None:
        fresh()
        plt.bar(range(DAYS), pages)
        plt.build()

    return {kind: chart(kind) for kind in data}, bars


def interleave(
    subject: Callable[[], None], floor: Callable[[], None], *, warmup: int, rounds: int
) -> tuple[list[float], list[float]]:
    """Both functions timed `rounds` times each, alternating which goes first, after
    `warmup` untimed pairs (as _harness.interleave does for commands)."""
    for _ in range(warmup):
        subject()
        floor()
    times: tuple[list[float], list[float]] = ([], [])
    for index in range(rounds):
        order = ((0, subject), (1, floor)) if index % 2 == 0 else ((1, floor), (0, subject))
        for slot, call in order:
            gc.collect()  # the garbage one drawing left is not the next one's to collect
            started = time.perf_counter()
            call()
            times[slot].append(time.perf_counter() - started)
    return times


def main() -> int:
    options = h.parser(__doc__, DEFAULT_TARGET)
    options.set_defaults(target=None)
    for action in options._actions:
        if action.dest == "target":
            action.help = "the highest acceptable ratio of medians, for every kind "
            action.help += "(default: each kind's own, TARGETS)"
    options.add_argument(
        "--size", default="140x40", help="the chart's columns x lines (default 140x40)"
    )
    args = h.parse(options)
    from compound.charts import DEFAULT_DAYS

    try:
        width, height = (int(part) for part in args.size.lower().split("x"))
    except ValueError:
        options.error("--size is columns x lines, e.g. 140x40")
    with tempfile.TemporaryDirectory(prefix="compound-bench-") as tmp:
        db = Path(tmp) / "compound.db"
        history = h.build_history(db)
        data = chart_data(db)
    print(f"Database: {h.describe(history)}.")
    charts_drawn, bars = drawers(data, width, height)
    print(
        f"Each chart at {width}×{height} against plotext's {DAYS} bars alone; "
        f"Python {sys.version.split()[0]}; {args.warmup} warm-up pairs, "
        f"then {args.rounds} rounds each ...",
        flush=True,
    )
    status = 0
    for kind, draw in charts_drawn.items():
        # As the command line would ask for it (the year's charts take no --days).
        days = data[kind].days
        command = f"chart {kind} --days {days}" if kind in DEFAULT_DAYS else f"chart {kind}"
        subject, floor = interleave(draw, bars, warmup=args.warmup, rounds=args.rounds)
        target = args.target if args.target is not None else TARGETS.get(kind, DEFAULT_TARGET)
        status |= h.report(
            f"{command} / {DAYS} plotext bars",
            command,
            f"{DAYS} bars",
            subject,
            floor,
            target=target,
            check=args.check,
        )
    return status


if __name__ == "__main__":
    sys.exit(main())
