"""Reading days and this year's minutes read by time, read from one History."""

from __future__ import annotations

from datetime import date

from compound.domain.insight import period_totals
from compound.domain.totals import DailyTotals, History

TODAY = date(2026, 3, 10)


def test_a_day_of_pages_or_of_minutes_read_by_time_is_a_reading_day():
    totals = DailyTotals(
        pages={date(2026, 3, 1): 20, date(2026, 3, 2): 0, date(2026, 2, 27): 5},
        timed_minutes={date(2026, 3, 1): 30, date(2026, 3, 3): 45},
        sessions={date(2026, 3, 4): 1},
        session_minutes={date(2026, 3, 4): 25},
    )
    assert totals.reading_days(date(2026, 3, 1), TODAY) == {date(2026, 3, 1), date(2026, 3, 3)}
    history = History(today=TODAY, totals=totals)
    assert period_totals(history, "month").reading_days == 2


def test_minutes_read_by_time_this_year_stop_at_today_and_start_on_the_first():
    totals = DailyTotals(
        timed_minutes={date(2025, 12, 31): 60, date(2026, 1, 1): 30, TODAY: 15, date(2026, 4, 1): 9}
    )
    assert History(today=TODAY, totals=totals).timed_this_year == 45
