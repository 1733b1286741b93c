"""What every chart builder shares: the data it reads, the size it draws at, its
colours, and the frame (titles, date and number ticks) laid out for that size."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from math import ceil

from compound.domain.days import format_duration
from compound.domain.projection import RANGE_WINDOW_DAYS
from compound.domain.totals import History

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Literal, Protocol

    class Plt(Protocol):
        """What the builders draw with: the `plotext` module, or a textual-plotext `Plot`."""

        def plotsize(
            self, width: int | None = None, height: int | None = None, /
        ) -> tuple[int | None, int | None]: ...
        def title(self, label: str, /) -> None: ...
        def xlabel(self, label: str, /) -> None: ...
        def xlim(self, left: float, right: float, /) -> None: ...
        def ylim(self, lower: float, upper: float, /) -> None: ...
        def xticks(self, ticks: Sequence[float], labels: Sequence[str], /) -> None: ...
        def yticks(self, ticks: Sequence[float], labels: Sequence[str], /) -> None: ...
        def bar(
            self,
            *args: Sequence[float] | Sequence[str],
            color: str | None = None,
            width: float | None = None,
            orientation: Literal["horizontal", "vertical"] | None = None,
        ) -> None: ...
        def plot(
            self,
            *args: Sequence[float],
            color: str | None = None,
            label: str | None = None,
            marker: str | None = None,
        ) -> None: ...
        def scatter(
            self,
            *args: Sequence[float],
            color: str | None = None,
            label: str | None = None,
            marker: str | None = None,
        ) -> None: ...
        def text(
            self,
            label: str,
            x: float,
            y: float,
            /,
            *,
            alignment: Literal["left", "center", "right"] | None = None,
        ) -> None: ...


DEFAULT_SIZE = (80, 20)
# The days each kind looks back by default; kinds missing here are about this year.
DEFAULT_DAYS = {
    "daily": 30,
    "weekday": 90,
    "sessions": 30,
    "calendar": 365,
    "projection": RANGE_WINDOW_DAYS,
}
READ, UNDER, GOAL, FAINT, RANGE = "green", "orange", "red", "gray", "cyan"
TITLE_MARGIN = 1
SHADES = ("·", "░", "▒", "▓", "█")  # calendar levels 0-4: readable without colour too


@dataclass(frozen=True, slots=True)
class ChartData:
    """What every builder reads: one person's history, and the window to look at."""

    history: History
    days: int = 30
    minutes_by_kind: Mapping[str, int] = field(default_factory=dict)  # over the window


def size(plt: Plt) -> tuple[int, int]:
    width, height = plt.plotsize()
    return width or DEFAULT_SIZE[0], height or DEFAULT_SIZE[1]


def title(plt: Plt, label_width: int, *choices: str) -> None:
    """The first title that fits, clipped if none does. plotext centres a title over
    the canvas (right of the y labels) and drops one that would overflow."""
    width, _ = size(plt)
    room = width - label_width - TITLE_MARGIN
    fitting = next((text for text in choices if len(text) <= room), None)
    plt.title(fitting or choices[-1][: room - 1] + "…")


def last(days: int) -> str:
    return "today" if days == 1 else f"last {days} days"


def in_last(days: int) -> str:
    return "today" if days == 1 else f"in the last {days} days"


def short(day: date) -> str:
    return f"{day:%b} {day.day}"


def date_ticks(plt: Plt, days: tuple[date, ...], y_label_width: int) -> None:
    """Label every k-th day, counted back from the last, so the labels do not collide."""
    width, _ = size(plt)
    canvas = max(width - y_label_width - 2, 10)
    per_day = canvas / len(days)
    needed = len(short(days[-1])) + 3
    step = next((s for s in (1, 2, 7, 14) if s * per_day >= needed), None)
    if step is None:  # a long span: name the months instead, every one that fits
        every = next((m for m in (1, 2, 3, 6) if m * 30 * per_day >= len("Sep") + 3), 12)
        ticks = [
            n
            for n, day in enumerate(days, start=1)
            if day.day == 1 and (day.month - 1) % every == 0
        ]
        if ticks:
            plt.xticks(ticks, [f"{days[t - 1]:%b}" for t in ticks])
            return
        step = len(days)
    ticks = list(range(len(days), 0, -step))[::-1]
    plt.xticks(ticks, [short(days[t - 1]) for t in ticks])


def number_ticks(plt: Plt, top: float) -> tuple[int, int]:
    """Whole-number y ticks from 0 (plotext's own are decimals); returns the labels'
    width and the axis top."""
    _, height = size(plt)
    count = max(min((height - 5) // 3, 6), 2)
    raw = max(top, 1) / count
    magnitude = 10 ** (len(str(int(raw))) - 1)
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    ticks = list(range(0, int(step * ceil(max(top, 1) / step)) + 1, step))
    labels = [f"{t:,}" for t in ticks]
    plt.yticks(ticks, labels)
    plt.ylim(0, ticks[-1])
    return max(len(label) for label in labels), ticks[-1]


def duration_ticks(plt: Plt, most: int, label_width: int) -> None:
    """Minutes along the x axis as durations (1h30m), at round steps that fit."""
    width, _ = size(plt)
    room = max((width - label_width - 2) // 10, 2)  # a label every ten columns at most
    step = next(
        (m for m in (5, 10, 15, 30, 60, 120, 180, 300, 600, 1200, 3000, 6000) if m * room >= most),
        60 * ceil(most / room / 60),
    )
    ticks = list(range(0, most + step, step))
    plt.xticks(ticks, [format_duration(t) if t else "0" for t in ticks])
    plt.xlim(0, ticks[-1])
