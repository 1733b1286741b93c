"""YearHeatmap: one cell a day for a year, Monday at the top, shaded by pages read."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from rich.text import Text
from textual.widget import Widget

_DAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


class YearHeatmap(Widget):
    DEFAULT_CSS = """
    YearHeatmap { height: 9; width: auto; }
    YearHeatmap > .heatmap--none { color: $foreground 12%; }
    YearHeatmap > .heatmap--1 { color: $success 40%; }
    YearHeatmap > .heatmap--2 { color: $success 65%; }
    YearHeatmap > .heatmap--3 { color: $success 85%; }
    YearHeatmap > .heatmap--4 { color: $success; }
    YearHeatmap > .heatmap--future { color: $foreground 4%; }
    YearHeatmap > .heatmap--axis { color: $text-muted; }
    """
    COMPONENT_CLASSES = {
        "heatmap--none",
        "heatmap--1",
        "heatmap--2",
        "heatmap--3",
        "heatmap--4",
        "heatmap--future",
        "heatmap--axis",
    }

    def __init__(self, today: date, *, id: str | None = None):
        super().__init__(id=id)
        self.today = today
        self.pages: Mapping[date, int] = {}
        self.goal: int | None = None

    def show(self, today: date, pages: Mapping[date, int], goal: int | None) -> None:
        self.today, self.pages, self.goal = today, pages, goal
        self.refresh()

    def get_content_width(self, container, viewport) -> int:
        return 4 + 54

    def _level(self, pages: int) -> str:
        if pages <= 0:
            return "heatmap--none"
        # Shade against the daily goal when there is one, else against the best day.
        top = self.goal or max(self.pages.values(), default=1) or 1
        share = pages / top
        return (
            "heatmap--1"
            if share < 0.34
            else "heatmap--2"
            if share < 0.67
            else "heatmap--3"
            if share < 1
            else "heatmap--4"
        )

    def render(self) -> Text:
        style = self.get_component_rich_style
        first = date(self.today.year, 1, 1)
        start = first - timedelta(days=first.weekday())
        weeks = (date(self.today.year, 12, 31) - start).days // 7 + 1
        months = [" "] * weeks
        for month in range(1, 13):
            week = (date(self.today.year, month, 1) - start).days // 7
            for offset, letter in enumerate(date(2000, month, 1).strftime("%b")):
                if week + offset < weeks and month_room(months, week, offset):
                    months[week + offset] = letter
        out = Text("    " + "".join(months) + "\n", style=style("heatmap--axis"))
        for weekday in range(7):
            out.append(f"{_DAYS[weekday]:<4}", style=style("heatmap--axis"))
            for week in range(weeks):
                day = start + timedelta(days=7 * week + weekday)
                if day.year != self.today.year:
                    out.append(" ")
                elif day > self.today:
                    out.append("■", style=style("heatmap--future"))
                else:
                    out.append("■", style=style(self._level(self.pages.get(day, 0))))
            out.append("\n")
        total = sum(p for d, p in self.pages.items() if d.year == self.today.year)
        days = sum(1 for d, p in self.pages.items() if d.year == self.today.year and p > 0)
        out.append(
            f"    {total:,} pages on {days} days in {self.today.year}", style=style("heatmap--axis")
        )
        return out


def month_room(months: list[str], week: int, offset: int) -> bool:
    # A month's name is written only where the previous one has left room.
    return offset > 0 or (week == 0 or months[week - 1] == " ")
