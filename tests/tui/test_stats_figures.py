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
    history = History(
        today=today,
        totals=DailyTotals(
            pages={day: 55 + day.toordinal() % 11 for day in days},
            sessions={day: 1 for day in days},
            session_minutes={day: 95 for day in days},
        ),
        finished_pages=(300,) * 150,
        finished_days=(today,) * 128,
    )
    lines = Text.from_markup(_figures(analyse(history, samples=50))).plain.splitlines()
    assert any("books read" in line for line in lines)
    assert max(cell_len(line) for line in lines) <= 31, max(lines, key=cell_len)


def _figures_of(pages: dict[date, int], today: date, goals=()) -> list[str]:
    from compound.domain.goals import GoalTimeline

    history = History(today=today, totals=DailyTotals(pages=pages), goals=GoalTimeline(goals))
    return Text.from_markup(_figures(analyse(history, samples=50))).plain.splitlines()


def test_the_pace_keeps_one_decimal_and_the_range_speaks_plainly():
    today = date(2026, 11, 22)
    lines = _figures_of({today - timedelta(days=n): 20 + n % 6 for n in range(60)}, today)
    text = "\n".join(lines)
    assert "22.1 over 7 d" in text, text
    assert "P10" not in text and "P90" not in text and "seed" not in text
    assert "8 years in 10" in text
    assert "rough" not in text


def test_a_short_history_is_a_rough_guess():
    today = date(2026, 11, 22)
    lines = _figures_of({today: 25, today - timedelta(days=1): 20}, today)
    assert any("a rough guess from 2 days" in line for line in lines), lines
    assert max(cell_len(line) for line in lines) <= 31, max(lines, key=cell_len)


def test_a_yearly_goal_set_mid_year_is_judged_from_that_day():
    from compound.domain.goals import GoalChange
    from compound.domain.records import GoalKind

    today = date(2026, 11, 22)
    lines = _figures_of(
        {today: 25}, today, [GoalChange(GoalKind.YEARLY_BOOKS, 24, date(2026, 11, 9))]
    )
    assert "  goal 3.5 books: 0.9 behind" in lines, lines
