"""The Stats screen's figures panel, without starting the app."""

from __future__ import annotations

from datetime import date, timedelta

from rich.cells import cell_len
from rich.text import Text

from compound.domain.insight import analyse
from compound.domain.totals import DailyTotals, History
from compound.tui.screens.stats import _figures


def test_a_heavy_readers_figures_fit_the_panel_unwrapped():
    # The figures panel holds 31 cells (34 wide, less its border and padding); a line
    # longer than that wraps and its continuation loses the indent.
    today = date(2026, 12, 30)
    days = [today - timedelta(days=n) for n in range(400)]
    history = History(today=today, totals=DailyTotals(
        pages={day: 55 + day.toordinal() % 11 for day in days},
        sessions={day: 1 for day in days}, session_minutes={day: 95 for day in days}),
        goals=(), skips=frozenset(), finished_pages=(300,) * 150, finished_this_year=128,
        reading=(), to_read=())
    lines = Text.from_markup(_figures(analyse(history, samples=50))).plain.splitlines()
    assert any("books read" in line for line in lines)
    assert max(cell_len(line) for line in lines) <= 31, max(lines, key=cell_len)
