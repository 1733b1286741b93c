"""DayStrip: the last days against the daily pages goal, one small bar a day.

Each due day is a column as tall as the goal in force that day (the best day shown
where there is no goal), filled as far as the day's pages went: met days in the
success colour, missed ones in the warning colour, today (not met yet) in the primary
colour; a day off (a skip day, a day the schedule does not ask for) is a dot. The
day's letter sits under its bar, and a legend names the colours. Whether a day was
met is given, never judged here: the screen passes the marks of the domain's met-day
rule. Drawn as rich Text, no plotting library: it is on Today, the app's first frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

# How a day is drawn: the domain's marks, with today while not met and the days
# before the first entry told apart.
MET, MISSED, TODAY, OFF, BEFORE = "met", "missed", "today", "off", "before"

_EIGHTHS = " ▁▂▃▄▅▆▇█"
_LETTERS = "MTWTFSS"
# Cells a day: a bar one to four cells wide, and a gap.
_CELLS = (5, 4, 3, 2)


class StripDay(NamedTuple):
    day: date
    pages: int
    goal: int | None  # the daily pages goal due that day (None: none, or not due)
    look: str  # MET, MISSED, TODAY, OFF or BEFORE


class DayStrip(Widget):
    """The bars take every row but the letters' and, when it has a row of its own, the
    legend's; with `label_width`, the first row starts with a label ("14 days")."""

    DEFAULT_CSS = """
    DayStrip { height: 2; width: 1fr; }
    DayStrip > .strip--label { text-style: bold; }
    DayStrip > .strip--met { color: $success; }
    DayStrip > .strip--missed { color: $warning; }
    DayStrip > .strip--today { color: $primary; }
    DayStrip > .strip--off { color: $foreground 45%; }
    DayStrip > .strip--track { color: $foreground 12%; }
    DayStrip > .strip--day { color: $text-muted; }
    DayStrip > .strip--legend { color: $text-muted; }
    """
    COMPONENT_CLASSES = {
        "strip--label",
        "strip--met",
        "strip--missed",
        "strip--today",
        "strip--off",
        "strip--track",
        "strip--day",
        "strip--legend",
    }

    label_width: reactive[int] = reactive(0)

    def __init__(self, *, label_width: int = 0, id: str | None = None):
        super().__init__(id=id)
        self.set_reactive(DayStrip.label_width, label_width)
        self.days: tuple[StripDay, ...] = ()

    def show(self, days: Sequence[StripDay]) -> None:
        self.days = tuple(days)
        self.refresh()

    def shape(self, width: int, height: int) -> tuple[int, int, bool]:
        """(days shown, cells a day, whether the legend is beside the bars) in `width`
        by `height` cells: fourteen days when they fit, each as wide as fits; with two
        rows or fewer, the legend goes beside the bars when it fits there."""
        room = width - self.label_width
        if height <= 2:
            legend = self._legend(short=True).cell_len
            for days in (14, 7):
                for cell in _CELLS:
                    if days * cell + 1 + legend <= room:
                        return days, cell, True
        for days in (14, 7):
            for cell in _CELLS:
                if days * cell - 1 <= room:
                    return days, cell, False
        return 7, 2, False

    def render(self) -> Text:
        out = Text(no_wrap=True, overflow="crop")
        if not self.days:
            return out
        width, height = self.content_size
        shown, cell, beside = self.shape(width, height)
        days = self.days[-shown:]
        legend_row = not beside and height >= 3
        rows = max(height - 1 - legend_row, 1)
        # With room, a row of the pages read each day tops the bars.
        figures = rows >= 4 and len(f"{max(day.pages for day in days)}") < cell
        lines: list[Text] = []
        if figures:
            rows -= 1
            line = Text()
            for day in days:
                look = "day" if day.look in (BEFORE, OFF) and not day.pages else day.look
                line.append(f"{day.pages}".ljust(cell) if day.look != BEFORE else " " * cell)
                line.stylize(self._style(look), line.cell_len - cell, line.cell_len)
            lines.append(line)
        for level in reversed(range(rows)):
            line = Text()
            for day in days:
                line.append_text(self._bar_cell(day, level, rows, cell - 1)).append(" ")
            lines.append(line)
        letters = Text()
        for day in days:
            look = "day" if day.look == BEFORE else day.look
            letters.append(_LETTERS[day.day.weekday()].ljust(cell), self._style(look))
        lines.append(letters)
        if beside:
            lines[0].append_text(self._legend(short=True))
        elif legend_row:
            lines.append(self._legend(short=False))
        for n, line in enumerate(lines):
            if n:
                out.append("\n")
            if self.label_width:
                label = Text(f"{shown} days" if n == 0 else "", self._style("label"))
                label.truncate(self.label_width - 1)
                label.pad_right(self.label_width - label.cell_len)
                out.append_text(label)
            out.append_text(line)
        return out

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"strip--{name}")

    def _bar_cell(self, day: StripDay, level: int, rows: int, wide: int) -> Text:
        """Row `level` (0: the bottom) of `day`'s bar, `wide` cells wide."""
        if day.look == BEFORE:
            return Text(" " * wide)
        if day.look == OFF:
            return Text(("·" if level == 0 else " ").center(wide), self._style("off"))
        if day.goal:
            share = min(day.pages / day.goal, 1.0)
        else:  # no goal (any page meets the day): against the best day shown
            share = day.pages / max(max(d.pages for d in self.days), 1)
        eighths = round(share * rows * 8) - level * 8
        track = self._style("track")
        if eighths >= 8:
            return Text("█" * wide, self._style(day.look))
        if eighths <= 0:
            return Text("█" * wide, track)
        # The top of the fill: its colour over the track's, so the column stays whole.
        look = self._style(day.look) + Style(bgcolor=track.color)
        return Text(_EIGHTHS[eighths] * wide, look)

    def _legend(self, *, short: bool) -> Text:
        """The colours of the days shown, named; `short` beside the bars, at 80 columns."""
        looks = {day.look for day in self.days}
        legend = Text(no_wrap=True)
        for look, name, brief in (
            (MET, "goal met", "met"),
            (MISSED, "missed", "missed"),
            (TODAY, "today so far", "today"),
            (OFF, "day off", "day off"),
        ):
            if look in looks or look in (MET, MISSED):
                if legend:
                    legend.append(" " if short else "  ")
                legend.append("·" if look == OFF else "■", self._style(look))
                legend.append(f" {brief if short else name}", self._style("legend"))
        return legend
