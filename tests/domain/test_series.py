"""The numbers behind the charts, from per-day totals: exact figures, no plotting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from compound.domain import series
from compound.domain.goals import GoalChange, GoalTimeline
from compound.domain.records import GoalKind
from compound.domain.totals import DailyTotals, History

TODAY = date(2026, 11, 22)  # a Sunday
PAGES, BOOKS = GoalKind.DAILY_PAGES, GoalKind.YEARLY_BOOKS


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def history(pages=None, goals=(), finished=(), today=TODAY) -> History:
    return History(
        today=today,
        totals=DailyTotals(pages=pages or {}),
        goals=GoalTimeline(goals),
        skips=frozenset(),
        finished_pages=tuple(finished),
        reading=(),
        to_read=(),
    )


def test_window_ends_today_and_counts_today():
    assert series.window(TODAY, 1) == (TODAY, TODAY)
    assert series.window(TODAY, 7) == (date(2026, 11, 16), TODAY)


def test_daily_pages_fills_missing_days_with_zero_and_carries_the_goal_in_force():
    h = history(
        {ago(4): 10, ago(2): 30, TODAY: 5, ago(10): 99},
        goals=[GoalChange(PAGES, 20, ago(3)), GoalChange(PAGES, 25, ago(1))],
    )
    s = series.daily_pages(h, 5)
    assert s.days == tuple(ago(n) for n in (4, 3, 2, 1, 0))
    assert s.pages == (10, 0, 30, 0, 5)  # ago(10) is outside the window
    assert s.goals == (None, 20, 20, 25, 25)
    assert s.any_reading


def test_daily_pages_without_reading_in_the_window():
    assert not series.daily_pages(history({ago(40): 12}), 30).any_reading


def test_year_to_date_adds_up_from_the_first_of_january():
    h = history(
        {date(2025, 12, 31): 50, date(2026, 1, 1): 10, date(2026, 1, 3): 5}, today=date(2026, 1, 4)
    )
    s = series.year_to_date(h)
    assert s.days == tuple(date(2026, 1, d) for d in (1, 2, 3, 4))
    assert s.pages == (10, 10, 15, 15)
    assert (s.goal, s.goal_for_year, s.basis) == (None, None, None)


def test_yearly_books_goal_is_a_straight_line_to_books_times_the_default_length():
    h = history(
        {date(2026, 1, 2): 100},
        today=date(2026, 1, 3),
        goals=[GoalChange(BOOKS, 24, date(2026, 1, 1))],
    )
    s = series.year_to_date(h)
    assert s.goal_for_year == 24 * 262 == 6288
    assert s.basis == "24 books × 262 pages"
    assert s.goal == pytest.approx([6288 / 365, 2 * 6288 / 365, 3 * 6288 / 365])


def test_book_length_is_the_middle_of_the_persons_own_p25_to_p75_after_five_books():
    assert series.book_length((100, 200, 300, 400)) == 262  # four: not yet their own (225–300)
    # The projection's P25–P75 of 100…800 is 275–625.
    assert series.book_length((800, 100, 200, 300, 400, 500, 600, 700)) == 450
    assert series.book_length((150, 150, 150, 150, 150)) == 150


def test_daily_pages_goal_line_adds_each_days_goal_and_ends_the_year_at_todays_rate():
    h = history(
        {date(2026, 1, 1): 10},
        today=date(2026, 1, 5),
        goals=[GoalChange(PAGES, 10, date(2026, 1, 2)), GoalChange(PAGES, 20, date(2026, 1, 4))],
    )
    s = series.year_to_date(h)
    assert s.goal == (0.0, 10.0, 20.0, 40.0, 60.0)  # no goal on 1 January
    assert s.goal_for_year == 60 + 20 * (365 - 5)
    assert s.basis == "20 pages a day"


def test_yearly_books_wins_over_daily_pages():
    h = history(
        {},
        today=date(2026, 1, 1),
        goals=[GoalChange(PAGES, 10, date(2025, 6, 1)), GoalChange(BOOKS, 12, date(2025, 6, 1))],
        finished=(300, 300, 300, 300, 300),
    )
    assert series.year_to_date(h).basis == "12 books × 300 pages"


def test_weekday_averages_count_unread_days_as_zero_from_the_first_entry():
    # Two full weeks: Mon 16 & 9 Nov... The history starts on Monday 9 November.
    h = history(
        {
            date(2026, 11, 9): 10,
            date(2026, 11, 16): 30,  # Mondays
            date(2026, 11, 14): 7,  # one Saturday of two
            TODAY: 4,
        }
    )  # Sunday
    s = series.weekday_averages(h, 90)
    assert (s.first, s.last, s.day_count) == (date(2026, 11, 9), TODAY, 14)
    assert s.averages == (20.0, 0.0, 0.0, 0.0, 0.0, 3.5, 2.0)
    assert s.whole_week


def test_weekday_averages_within_a_short_window():
    h = history({ago(n): n for n in range(30)})
    s = series.weekday_averages(h, 7)
    assert (s.first, s.day_count) == (ago(6), 7)
    # Sunday is today (0 pages), Monday 6 days ago.
    assert s.averages == (6.0, 5.0, 4.0, 3.0, 2.0, 1.0, 0.0)


def test_weekday_averages_need_a_whole_week():
    assert not series.weekday_averages(history({ago(2): 5}), 90).whole_week
    assert series.weekday_averages(history({}), 90).day_count == 0


def test_minutes_by_kind_most_first_without_empty_kinds():
    found = series.minutes_by_kind({"podcast": 90, "course": 90, "talk": 0, "article": 200})
    assert found == [("article", 200), ("course", 90), ("podcast", 90)]
    assert series.minutes_by_kind({}) == []


def test_calendar_is_whole_weeks_from_monday_to_today_with_quartile_shades():
    pages = {ago(n): p for n, p in enumerate([40, 30, 20, 10, 8, 6, 4, 2])}
    s = series.calendar(history(pages), 14)
    assert s.first == date(2026, 11, 9) and s.first.weekday() == 0
    assert s.last == TODAY and s.weeks == 2 and len(s.cells) == 14
    # Nearest-rank quartiles of (2, 4, 6, 8, 10, 20, 30, 40).
    assert s.limits == (4, 8, 20)
    levels = {cell.day: cell.level for cell in s.cells}
    assert [levels[ago(n)] for n in range(9)] == [4, 4, 3, 3, 2, 2, 1, 1, 0]
    assert s.cells[0] == series.CalendarCell(date(2026, 11, 9), 0, 0, series.DayMark.NOTHING)


def test_calendar_of_a_single_reading_day():
    s = series.calendar(history({TODAY: 12}), 365)
    assert s.limits == (12, 12, 12)
    assert s.cells[-1].level == 1 and s.weeks == 53
    assert not series.calendar(history({}), 365).any_reading


# -- the year ahead ---------------------------------------------------------------------


def test_year_ahead_joins_the_year_so_far_to_the_projections_own_range():
    from compound.domain import projection

    pages = {
        date(2026, 1, 1) + timedelta(days=n): 10 + n % 9 * 5 for n in range(0, 326, 1) if n % 4
    }
    h = history(pages)
    s = series.year_ahead(h, 90)
    read = sum(pages.values())
    assert s.days[0] == date(2026, 1, 1) and s.days[-1] == date(2026, 12, 31)
    assert len(s.read) == 326 and s.read[-1] == read  # today (22 Nov) has an entry
    assert len(s.fan) == 39  # 23 November to 31 December
    assert (s.recent_days, s.samples, s.seed) == (90, 1000, 0)
    assert all(lo <= mid <= hi for lo, mid, hi in s.fan) and s.fan[0][0] >= read
    # The range on 31 December is the one the projection reports for this year.
    expected = projection.project(
        0.0,
        recent=projection.window(pages, TODAY, 90, min(pages)),
        read_this_year=read,
        days_left_this_year=39,
    )
    assert (round(s.fan[-1][0]), round(s.fan[-1][2])) == (
        expected.this_year_low,
        expected.this_year_high,
    )
    assert s.enough


def test_year_ahead_counts_today_only_once_it_has_an_entry():
    s = series.year_ahead(history({ago(n): 10 for n in range(1, 20)}), 90)
    assert len(s.read) == 325 and s.read[-1] == 190  # to yesterday
    assert len(s.fan) == 40 and s.recent_days == 19
    assert s.fan[0] == pytest.approx((200, 200, 200))  # every recent day was 10


def test_year_ahead_needs_a_week_with_some_reading():
    assert not series.year_ahead(history({ago(n): 10 for n in range(1, 6)}), 90).enough
    assert not series.year_ahead(history({}), 90).enough
    assert series.year_ahead(history({ago(n): 10 for n in range(1, 8)}), 90).enough


WEEKDAYS_ONLY = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"


def test_a_weekday_goal_asks_nothing_of_the_weekend_on_the_daily_chart():
    # TODAY is a Sunday: the window holds Wed 18 … Sun 22 November.
    h = history({ago(1): 5}, goals=[GoalChange(PAGES, 20, ago(30), WEEKDAYS_ONLY)])
    s = series.daily_pages(h, 5)
    assert s.goals == (20, 20, 20, None, None)


def test_a_weekday_goal_adds_to_the_year_line_on_weekdays_only():
    # Thu 1 to Sun 4 January 2026, the goal in force from the first: Thu and Fri count.
    h = history(
        {}, today=date(2026, 1, 4), goals=[GoalChange(PAGES, 20, date(2026, 1, 1), WEEKDAYS_ONLY)]
    )
    s = series.year_to_date(h)
    assert s.goal == (20.0, 40.0, 40.0, 40.0)
    # 2026 has 261 weekdays; 5 January to 31 December holds 259 of them.
    assert s.goal_for_year == 40 + 20 * 259


# -- the calendar's one shading rule -------------------------------------------------------


def test_calendar_shades_each_day_against_the_goal_in_force_that_day():
    # No goal until 20 days ago, then 21 pages a day, then 30 from 6 days ago.
    goals = [GoalChange(PAGES, 21, ago(20)), GoalChange(PAGES, 30, ago(6))]
    pages = {
        ago(30): 3,  # before any goal: by the quartiles of such days
        ago(28): 40,
        ago(15): 6,  # under a third of 21
        ago(14): 7,  # a third
        ago(13): 13,  # under two thirds
        ago(12): 14,  # two thirds
        ago(11): 20,  # under the goal
        ago(10): 21,  # met
        ago(3): 21,  # met before, now under 30: under the goal
        ago(2): 9,  # under a third of 30
        ago(1): 30,  # met
    }
    s = series.calendar(history(pages, goals), 35)
    levels = {cell.day: cell.level for cell in s.cells}
    days = (15, 14, 13, 12, 11, 10, 3, 2, 1)
    assert [levels[ago(n)] for n in days] == [1, 2, 2, 3, 3, 4, 3, 1, 4]
    assert s.goals == (21, 30)
    # The quartiles are those of the days without a goal alone: 3 and 40.
    assert s.limits == (3, 3, 40)
    assert (levels[ago(30)], levels[ago(28)]) == (1, 3)
    assert series.goal_limits(25) == (8, 16, 24) and series.goal_limits(1) == (0, 0, 0)


def test_calendar_reaches_its_top_level_on_the_met_days_and_no_others():
    from compound.domain.met import day_rows, met_days

    goals = [GoalChange(PAGES, 17, ago(80)), GoalChange(PAGES, 25, ago(33))]
    pages = {ago(n): (n * 7) % 31 for n in range(90) if (n * 7) % 31}
    h = history(pages, goals)
    s = series.calendar(h, 80)
    met = set(met_days(day_rows(h.totals.pages, {}, {}), h.goals).reading)
    top = {cell.day for cell in s.cells if cell.level == 4}
    in_window = {cell.day for cell in s.cells if cell.mark is not series.DayMark.OUTSIDE}
    assert top == met & in_window and top


def test_calendar_marks_skip_days_days_not_due_and_the_days_outside_the_window():
    from dataclasses import replace

    # Today is Wednesday 18 November; reading is asked for on weekdays only.
    today = date(2026, 11, 18)
    goals = [GoalChange(PAGES, 20, date(2026, 10, 1), WEEKDAYS_ONLY)]
    pages = {date(2026, 11, 15): 25, date(2026, 11, 12): 5}  # a Sunday, a Thursday
    skips = frozenset({date(2026, 11, 13), date(2026, 11, 12), date(2026, 11, 10)})
    h = replace(history(pages, goals, today=today), skips=skips)
    s = series.calendar(h, 10)  # Mon 9 … Wed 18 November
    marks = {cell.day: (cell.mark, cell.level) for cell in s.cells}
    M = series.DayMark
    assert marks[date(2026, 11, 13)] == (M.SKIP, 0)  # a skip day, nothing read
    assert marks[date(2026, 11, 12)] == (M.READ, 1)  # a skip day with reading is shaded
    assert marks[date(2026, 11, 14)] == (M.NOT_DUE, 0)  # a Saturday off
    assert marks[date(2026, 11, 15)] == (M.READ, 4)  # read on a day off: met all the same
    assert marks[date(2026, 11, 11)] == (M.NOTHING, 0)
    assert s.first == date(2026, 11, 9) and s.start == date(2026, 11, 9)
    assert [marks[date(2026, 11, d)][0] for d in (19, 20, 21, 22)] == [M.OUTSIDE] * 4
    assert s.weeks == 2 and len(s.cells) == 14
    assert [c.mark for c in series.calendar(h, 9).cells[:1]] == [M.OUTSIDE]  # Mon 9th


# -- daily pages: met days, the goal's date; weekly pages ------------------------------


def test_daily_pages_judges_each_day_by_the_goal_it_was_due_to_meet():
    # Wed 18 … Sun 22 November; 20 pages on weekdays from the 19th, none asked before.
    h = history(
        {ago(4): 3, ago(3): 20, ago(2): 19, ago(1): 2},
        goals=[GoalChange(PAGES, 20, ago(3), WEEKDAYS_ONLY)],
    )
    s = series.daily_pages(h, 5)
    assert s.goals == (None, 20, 20, None, None)
    # No goal: any page meets the day; a goal: its pages; nothing read never meets. The
    # weekend has the weekday goal in force without being asked for: judged by it (as
    # the streak's rule does, which excuses such days rather than counting them), and
    # marked as a day off.
    assert s.met == (True, True, False, False, False)
    assert s.off == (False, False, False, True, True)
    assert s.goal_since == ago(3)


def test_daily_pages_dates_todays_target_only_when_it_began_within_the_days():
    goals = [
        GoalChange(PAGES, 20, ago(40)),
        GoalChange(PAGES, 25, ago(10)),
        GoalChange(PAGES, 25, ago(5), WEEKDAYS_ONLY),  # a new schedule, the same target
    ]
    h = history({TODAY: 5}, goals=goals)
    assert series.daily_pages(h, 30).goal_since == ago(10)
    assert series.daily_pages(h, 10).goal_since is None  # in force since before the window
    assert series.daily_pages(history({TODAY: 5}), 30).goal_since is None


def test_weekly_pages_are_the_whole_weeks_holding_the_days():
    # Fri 13 … Sun 22 November: the weeks of Monday 9 and Monday 16, whole.
    goals = [
        GoalChange(PAGES, 10, date(2026, 11, 12), WEEKDAYS_ONLY),  # from Thursday 12
        GoalChange(PAGES, 20, date(2026, 11, 19)),  # every day from Thursday 19
    ]
    pages = {date(2026, 11, 10): 30, date(2026, 11, 13): 5, date(2026, 11, 18): 40, ago(20): 9}
    w = series.weekly_pages(history(pages, goals), 10)
    assert w.weeks == (date(2026, 11, 9), date(2026, 11, 16))
    assert w.pages == (35, 40)
    # Thu and Fri at 10; Mon to Wed at 10, then four days at 20.
    assert w.goals == (20, 30 + 80)
    assert w.met == (True, False)


def test_weekly_pages_without_a_goal_and_in_the_week_under_way():
    today = date(2026, 11, 18)  # a Wednesday
    h = history({today: 4}, today=today)
    w = series.weekly_pages(h, 7)
    assert w.weeks == (date(2026, 11, 9), date(2026, 11, 16))
    assert w.pages == (0, 4) and w.goals == (None, None) and w.met == (False, True)
    # The week under way asks for its days so far.
    h = history({today: 4}, goals=[GoalChange(PAGES, 10, ago(100))], today=today)
    assert series.weekly_pages(h, 7).goals == (70, 30)


def test_weekly_pages_begin_on_the_day_weeks_begin_on():
    w = series.weekly_pages(history({TODAY: 1}), 10, week_starts_on=6)  # Sundays
    assert w.weeks == (date(2026, 11, 8), date(2026, 11, 15), date(2026, 11, 22))


def test_the_goal_line_runs_on_to_31_december_from_the_line_so_far():
    h = history(
        {date(2026, 1, 2): 100},
        today=date(2026, 1, 3),
        goals=[GoalChange(BOOKS, 24, date(2026, 1, 1))],
    )
    s = series.year_to_date(h)
    line = s.goal_through_year
    assert len(line) == 365 and line[: len(s.days)] == s.goal
    assert line[-1] == pytest.approx(s.goal_for_year) == pytest.approx(6288)
    steps = {round(b - a, 9) for a, b in zip(line, line[1:])}
    assert steps == {round(6288 / 365, 9)}  # one straight line, the days ahead included


def test_the_goal_line_ahead_asks_todays_goal_on_its_due_days_only():
    # Thu 1 to Sun 4 January 2026 so far, at 20 pages a weekday; 10 before, on Thursday.
    h = history(
        {},
        today=date(2026, 1, 4),
        goals=[
            GoalChange(PAGES, 10, date(2026, 1, 1), WEEKDAYS_ONLY),
            GoalChange(PAGES, 20, date(2026, 1, 2), WEEKDAYS_ONLY),
        ],
    )
    s = series.year_to_date(h)
    line = s.goal_through_year
    assert line[:4] == s.goal == (10.0, 30.0, 30.0, 30.0)
    # Mon 5 to Sun 11 January: five weekdays of 20, the weekend flat.
    assert line[4:11] == (50.0, 70.0, 90.0, 110.0, 130.0, 130.0, 130.0)
    assert line[-1] == s.goal_for_year == 30 + 20 * 259


def test_the_goal_line_covers_a_leap_year_and_is_absent_without_a_goal():
    leap = date(2028, 3, 1)
    h = history({}, today=leap, goals=[GoalChange(PAGES, 5, date(2028, 1, 1))])
    assert len(series.year_to_date(h).goal_through_year) == 366
    assert series.year_to_date(history({leap: 5}, today=leap)).goal_through_year is None


def test_a_skip_day_asks_nothing_of_the_daily_chart_either():
    # Every day 20 pages asked; Fri 20 November is a skip day with 5 pages read.
    h = history({ago(2): 5, ago(1): 30}, goals=[GoalChange(PAGES, 20, ago(10))])
    h = History(
        today=h.today,
        totals=h.totals,
        goals=h.goals,
        skips=frozenset({ago(2)}),
        finished_pages=(),
        reading=(),
        to_read=(),
    )
    s = series.daily_pages(h, 3)
    assert s.goals == (None, 20, 20)  # no goal line over the skip day
    assert s.off == (True, False, False)  # a day off, neither met nor missed
    assert s.met == (False, True, False)


# -- years -----------------------------------------------------------------------------


def test_years_run_from_the_first_year_with_anything_to_this_year_with_zeros_between():
    finished = (date(2019, 3, 1), date(2019, 12, 31), date(2021, 1, 1), date(2026, 2, 2))
    pages = {date(2020, 6, 1): 40, date(2020, 6, 2): 10, date(2026, 11, 22): 7}
    h = replace(history(pages), finished_days=finished)
    years = series.years(h)
    assert years.years == (2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026)
    assert years.books == (2, 0, 1, 0, 0, 0, 0, 1)
    assert years.pages == (0, 50, 0, 0, 0, 0, 0, 7)
    assert years.minutes == (0,) * 8
    assert years.any_reading


def test_years_count_minutes_read_by_time_and_start_with_the_first_of_any_measure():
    minutes = {date(2017, 5, 5): 90, date(2017, 5, 6): 30, date(2026, 1, 1): 45}
    h = history({date(2024, 1, 1): 12})
    years = series.years(replace(h, totals=DailyTotals(h.totals.pages, timed_minutes=minutes)))
    assert years.years[0] == 2017 and years.years[-1] == 2026
    assert years.minutes[0] == 120 and years.minutes[-1] == 45
    assert years.pages[years.years.index(2024)] == 12


def test_years_leave_out_days_after_today_and_are_empty_without_anything():
    ahead = replace(history(), finished_days=(date(2027, 1, 1), TODAY + timedelta(days=1)))
    assert series.years(ahead).years == ()
    assert not series.years(history()).any_reading
    # A finish dated ahead does not stretch the years past this one.
    h = replace(history({ago(1): 5}), finished_days=(date(2030, 1, 1),))
    assert series.years(h).years == (2026,) and series.years(h).books == (0,)


def test_years_hold_a_whole_imported_library():
    # A library of 358 books finished over 12 years, brought in without a single log.
    finished = tuple(date(2015 + n % 12, 1 + n // 12 % 10, 1 + n % 28) for n in range(358))
    years = series.years(replace(history(), finished_days=tuple(sorted(finished))))
    assert years.years == tuple(range(2015, 2027))
    assert sum(years.books) == 358 and all(years.books)
    assert not any(years.pages)
