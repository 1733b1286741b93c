"""The insight engine on whole histories: what `compound stats` and the charts read."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from compound.domain.goals import GoalChange, GoalTimeline
from compound.domain.insight import analyse, period_bounds, period_totals
from compound.domain.records import Book, BookStatus, GoalKind
from compound.domain.totals import DailyTotals, History
from compound.words.figures import range_method

TODAY = date(2026, 7, 2)  # a Thursday


def book(book_id, total, read=0, status=BookStatus.READING):
    return Book(
        id=book_id,
        title=f"Book {book_id}",
        author=None,
        total_pages=total,
        isbn=None,
        status=status,
        started_on=None,
        finished_on=None,
        source="manual",
        pages_read=read,
    )


def history(
    pages=None,
    sessions=None,
    minutes=None,
    goals=(),
    skips=(),
    finished_pages=(),
    finished_days=(),
    reading=(),
    to_read=(),
    today=TODAY,
) -> History:
    return History(
        today=today,
        totals=DailyTotals(
            pages=pages or {}, sessions=sessions or {}, session_minutes=minutes or {}
        ),
        goals=GoalTimeline(goals),
        skips=frozenset(skips),
        finished_pages=tuple(finished_pages),
        finished_days=tuple(finished_days),
        reading=tuple(reading),
        to_read=tuple(to_read),
    )


def every_day(amount, days, today=TODAY, from_offset=0) -> dict[date, int]:
    return {today - timedelta(days=n): amount for n in range(from_offset, days)}


def test_an_empty_history():
    result = analyse(history(), samples=50)
    figures = result.today_figures
    assert (figures.pages, figures.minutes, result.streak.current) == (0, 0, 0)
    assert result.pace.d30 == 0
    assert result.projection.pages_per_year == 0
    assert result.projection.book_length == (225, 300)
    assert result.goal_pace is None and result.queue_days is None and result.books == ()


def test_twenty_five_pages_a_day_for_a_quarter():
    result = analyse(history(pages=every_day(25, 120)), samples=100)
    assert (result.pace.d7, result.pace.d30, result.pace.d90) == (25, 25, 25)
    projection = result.projection
    assert (projection.pages_per_year, projection.books_low, projection.books_high) == (
        9125,
        30,
        40,
    )
    assert (projection.range_low, projection.range_high) == (9125, 9125)
    # 1 Jan to 2 July read (120 days of 25), then 25 a day for the 182 days after today.
    assert projection.this_year_read == 120 * 25
    assert projection.this_year_expected == 120 * 25 + 182 * 25
    assert result.streak.current == 120 and result.streak.met_today
    assert result.streak.strength > 99


def test_a_reader_who_sped_up_sees_the_projection_inside_its_range():
    # Two months of 15 pages a day, then a month of 30 on alternate days (0, 60, …).
    pages = {day: 15 for day in every_day(15, 90, from_offset=30)}
    pages.update({TODAY - timedelta(days=n): 60 * ((n + 1) % 2) for n in range(30)})
    projection = analyse(history(pages=pages), samples=300).projection
    assert projection.pages_per_day == 30
    # The range is the spread of the same days the pace is measured on: it holds
    # the point (a range from older, slower days sat wholly below it).
    assert projection.range_low < projection.pages_per_year < projection.range_high
    assert "last 30 days" in range_method(projection)


def test_an_unlogged_today_waits_rather_than_dragging_the_pace():
    result = analyse(history(pages=every_day(20, 60, from_offset=1)), samples=50)
    assert result.pace.d30 == 20
    assert result.streak.at_risk and result.streak.current == 59
    # Today is still to read, so it counts among the days left.
    assert result.projection.this_year_expected == 59 * 20 + 183 * 20


def test_own_book_length_and_an_override():
    own = analyse(history(finished_pages=[100, 200, 300, 400, 500]), samples=10)
    assert own.projection.book_length == (200, 400)
    given = analyse(history(finished_pages=[100] * 5), book_length=(150, 180), samples=10)
    assert given.projection.book_length == (150, 180)


def test_goal_pace_with_a_yearly_books_goal():
    goals = [GoalChange(GoalKind.YEARLY_BOOKS, 24, date(2026, 1, 1))]
    result = analyse(
        history(goals=goals, finished_days=[date(2026, 2, 1), date(2026, 3, 1), date(2025, 12, 1)]),
        samples=10,
    )
    assert round(result.goal_pace.ahead) == -10
    assert result.books_finished_this_year == 2


def test_books_in_hand_and_the_queue_at_the_pace():
    result = analyse(
        history(
            pages=every_day(20, 30),
            reading=[book(1, 300, 100)],
            to_read=[book(2, 400, status=BookStatus.TO_READ)],
        ),
        samples=10,
    )
    (eta,) = result.books
    assert (eta.pages_left, eta.days_left, eta.eta) == (200, 10, TODAY + timedelta(days=10))
    assert result.queue_days == 20


def test_growth_is_a_what_if_beside_the_plain_projection():
    result = analyse(history(pages=every_day(25, 40)), growth=0.01, samples=10)
    assert result.projection.pages_per_year == 9125
    assert result.projection.growth.pages_per_year > 9125


def test_habits_include_weekly_goals():
    goals = [GoalChange(GoalKind.WEEKLY_SESSIONS, 2, date(2026, 6, 1))]
    sessions = {TODAY - timedelta(days=n): 1 for n in (0, 1, 7, 8, 14, 15)}
    result = analyse(
        history(sessions=sessions, minutes=dict.fromkeys(sessions, 30), goals=goals), samples=10
    )
    assert result.habits["weekly-sessions"].current == 3
    assert result.today_figures.minutes == 30
    assert result.pace.minutes_per_day == pytest.approx(6 * 30 / 16)  # since the first entry


def test_periods():
    assert period_bounds("week", TODAY, None) == (date(2026, 6, 29), TODAY)
    assert period_bounds("week", TODAY, None, week_starts_on=6) == (date(2026, 6, 28), TODAY)
    assert period_bounds("month", TODAY, None) == (date(2026, 7, 1), TODAY)
    assert period_bounds("all", TODAY, date(2020, 5, 5)) == (date(2020, 5, 5), TODAY)
    found = period_totals(
        history(pages=every_day(10, 5), sessions={TODAY: 2}, minutes={TODAY: 50}), "month"
    )
    assert (found.pages, found.reading_days, found.sessions, found.minutes) == (20, 2, 2, 50)
    with pytest.raises(ValueError):
        period_bounds("decade", TODAY, None)


def test_an_empty_history_says_why_there_is_no_range():
    assert range_method(analyse(history(), samples=10).projection) == (
        "No range yet: nothing logged to measure how your days vary."
    )


def test_the_charts_range_to_31_december_is_the_one_stats_reports():
    from compound.domain.series import year_ahead

    pages = {TODAY - timedelta(days=n): (n * 7) % 41 for n in range(1, 200)}
    found = analyse(history(pages=pages), samples=200)
    low, _middle, high = year_ahead(history(pages=pages), samples=200).fan[-1]
    assert (round(low), round(high)) == (
        found.projection.this_year_low,
        found.projection.this_year_high,
    )
