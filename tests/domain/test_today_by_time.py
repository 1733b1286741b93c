"""Today's figures carry the minutes read by time (no pages known: an audiobook), and
say them: against a pages goal beside the pages (time meets none), without one as the
day's reading; the prompt line too."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from compound.domain.goals import GoalChange, GoalTimeline
from compound.domain.records import GoalKind
from compound.domain.today import today_figures
from compound.domain.totals import DailyTotals, History
from compound.words.figures import reading_today, short_line

TODAY = date(2026, 11, 22)  # a Sunday
SINCE = TODAY - timedelta(days=30)
WEEKDAYS = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"


def figures(pages: int = 0, timed: int = 0, goals=(), skips=()):
    totals = DailyTotals(
        pages={TODAY: pages} if pages else {},
        timed_minutes={TODAY: timed} if timed else {},
    )
    history = History(today=TODAY, totals=totals, goals=GoalTimeline(goals), skips=frozenset(skips))
    return today_figures(history)


def test_todays_figures_carry_the_minutes_read_by_time():
    found = figures(timed=45)
    assert (found.pages, found.timed, found.minutes) == (0, 45, 0)
    assert found.streak.met_today  # no goal: reading by time is a reading day


def test_against_a_pages_goal_the_time_is_said_beside_the_pages_and_meets_nothing():
    found = figures(timed=45, goals=[GoalChange(GoalKind.DAILY_PAGES, 30, SINCE)])
    assert reading_today(found) == "0 of 30 pages, 45 min by time"
    assert found.left.pages == 30 and not found.streak.met_today
    assert short_line(found) == "📚 0/30 p +45m · 🔥 0"


@pytest.mark.parametrize(
    ("pages", "timed", "said", "prompt"),
    [
        (0, 45, "45 min by time (no daily goal)", "📚 45m"),
        (12, 135, "12 pages and 2 h 15 min by time (no daily goal)", "📚 12 p +2h15m"),
        (12, 0, "12 pages (no daily goal)", "📚 12 p"),  # as before
    ],
)
def test_without_a_pages_goal_the_time_is_the_days_reading(pages, timed, said, prompt):
    found = figures(pages, timed)
    assert reading_today(found) == said
    assert short_line(found).startswith(prompt + " · ")


def test_a_minutes_goal_alone_leaves_the_time_as_the_days_reading():
    found = figures(timed=45, goals=[GoalChange(GoalKind.DAILY_MINUTES, 30, SINCE)])
    assert reading_today(found) == "45 min by time (no daily goal)"
    assert found.streak.met_today


def test_a_day_not_due_still_says_the_time_read():
    goals = [GoalChange(GoalKind.DAILY_PAGES, 20, SINCE, WEEKDAYS)]
    assert reading_today(figures(timed=45, goals=goals)) == (
        "0 of 20 pages, 45 min by time · today is not due (weekdays)"
    )
    assert reading_today(figures(timed=45, skips=[TODAY])) == (
        "45 min by time · today is a skip day"
    )
