"""Today's figures: totals, the goals in force, and a streak judged by each day's goal;
the goal timeline they read."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compound.domain.goals import GoalChange, GoalTimeline
from compound.domain.records import Book, BookStatus, GoalKind
from compound.domain.streaks import Streak
from compound.domain.today import today_figures
from compound.domain.totals import DailyTotals, History

PROPERTY = settings(max_examples=200, deadline=None)
TODAY = date(2026, 11, 22)
PAGES, MINUTES = GoalKind.DAILY_PAGES, GoalKind.DAILY_MINUTES


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def status(pages=None, sessions=None, skips=(), goals=(), reading=()):
    sessions = sessions or {}
    totals = DailyTotals(
        pages=pages or {},
        sessions={day: count for day, (count, _m) in sessions.items()},
        session_minutes={day: m for day, (_count, m) in sessions.items()},
    )
    return today_figures(
        History(
            today=TODAY,
            totals=totals,
            goals=GoalTimeline(goals),
            skips=frozenset(skips),
            reading=tuple(reading),
        )
    )


def target_on(changes, kind, day):
    return GoalTimeline(changes).target_on(kind, day)


# -- target_on --------------------------------------------------------------------------

HISTORY = [
    GoalChange(PAGES, 10, date(2026, 11, 1)),
    GoalChange(PAGES, 30, TODAY),
    GoalChange(PAGES, 20, date(2026, 11, 10)),  # order of the list does not matter
    GoalChange(MINUTES, 25, date(2026, 11, 5)),
]


@pytest.mark.parametrize(
    ("kind", "day", "expected"),
    [
        (PAGES, date(2026, 10, 31), None),  # before any goal
        (PAGES, date(2026, 11, 1), 10),  # from `since` on, inclusive
        (PAGES, date(2026, 11, 9), 10),
        (PAGES, date(2026, 11, 10), 20),
        (PAGES, ago(1), 20),
        (PAGES, TODAY, 30),
        (PAGES, TODAY + timedelta(days=100), 30),
        (MINUTES, date(2026, 11, 4), None),
        (MINUTES, date(2026, 11, 5), 25),
        (MINUTES, TODAY, 25),
        (GoalKind.WEEKLY_SESSIONS, TODAY, None),  # kinds never set
    ],
)
def test_target_on_is_the_latest_change_on_or_before_the_day(kind, day, expected):
    assert target_on(HISTORY, kind, day) == expected


def test_target_on_without_any_goals():
    assert target_on([], PAGES, TODAY) is None


@given(
    st.lists(
        st.tuples(
            st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 1, 1)),
            st.integers(min_value=1, max_value=500),
        ),
        unique_by=lambda change: change[0],
        max_size=8,
    ),
    st.dates(min_value=date(2024, 12, 1), max_value=date(2027, 2, 1)),
)
@PROPERTY
def test_target_on_matches_a_linear_scan(changes, day):
    history = [GoalChange(PAGES, target, since) for since, target in changes]
    in_force = [(since, target) for since, target in changes if since <= day]
    expected = max(in_force)[1] if in_force else None
    assert target_on(history, PAGES, day) == expected
    assert target_on(list(reversed(history)), PAGES, day) == expected


# -- build_status: today's numbers ------------------------------------------------------


def test_empty_status():
    result = status()
    assert result.today == TODAY
    assert (result.pages, result.minutes, result.sessions) == (0, 0, 0)
    assert result.pages_goal is None and result.minutes_goal is None
    assert result.streak == Streak(current=0, longest=0, at_risk=False, met_today=False)
    assert result.reading == ()


def test_today_totals_and_goals_in_force_today():
    result = status(
        pages={TODAY: 12, ago(1): 40},
        sessions={TODAY: (2, 75), ago(1): (1, 30)},
        goals=HISTORY,
    )
    assert result.pages == 12
    assert result.sessions == 2
    assert result.minutes == 75
    assert result.pages_goal == 30
    assert result.minutes_goal == 25


def test_goals_set_after_today_are_not_in_force():
    result = status(goals=[GoalChange(PAGES, 50, ago(-1)), GoalChange(MINUTES, 10, ago(-3))])
    assert result.pages_goal is None and result.minutes_goal is None


def test_books_being_read_are_passed_through_in_order():
    books = [
        Book(
            id=2,
            title="Dune",
            author="Frank Herbert",
            total_pages=412,
            isbn=None,
            status=BookStatus.READING,
            started_on=ago(10),
            finished_on=None,
            source="manual",
            pages_read=100,
        ),
        Book(
            id=1,
            title="SICP",
            author=None,
            total_pages=None,
            isbn=None,
            status=BookStatus.READING,
            started_on=ago(3),
            finished_on=None,
            source="manual",
        ),
    ]
    result = status(reading=iter(books))
    assert result.reading == tuple(books)


# -- build_status: which days are met ----------------------------------------------------


def test_before_any_goal_one_page_meets_the_day():
    result = status(pages={TODAY: 1, ago(1): 1, ago(2): 1})
    assert result.streak == Streak(current=3, longest=3, at_risk=False, met_today=True)


def test_zero_pages_do_not_meet_the_day():
    result = status(pages={TODAY: 0, ago(1): 0})
    assert result.streak.current == 0
    assert not result.streak.met_today


def test_a_day_short_of_its_pages_goal_is_not_met():
    goals = [GoalChange(PAGES, 20, ago(30))]
    result = status(pages={TODAY: 19, ago(1): 20, ago(2): 25}, goals=goals)
    assert result.streak == Streak(current=2, longest=2, at_risk=True, met_today=False)


def test_any_learning_session_meets_the_day():
    goals = [GoalChange(PAGES, 20, ago(30))]
    result = status(pages={ago(1): 3}, sessions={TODAY: (1, 5), ago(1): (1, 10)}, goals=goals)
    assert result.streak.current == 2
    assert result.streak.met_today


def test_raising_the_goal_today_does_not_break_earlier_days():
    pages = {ago(3): 12, ago(2): 12, ago(1): 12, TODAY: 12}
    goals = [GoalChange(PAGES, 10, ago(30)), GoalChange(PAGES, 30, TODAY)]
    result = status(pages=pages, goals=goals)
    # The three earlier days met the 10-page goal; today's 12 pages fall short of 30.
    assert result.pages_goal == 30
    assert result.streak == Streak(current=3, longest=3, at_risk=True, met_today=False)


def test_lowering_the_goal_does_not_mend_earlier_days():
    pages = {ago(2): 5, ago(1): 5, TODAY: 5}
    goals = [GoalChange(PAGES, 10, ago(30)), GoalChange(PAGES, 5, TODAY)]
    result = status(pages=pages, goals=goals)
    assert result.streak.current == 1
    assert result.streak.longest == 1


def test_days_before_the_first_goal_need_one_page():
    pages = {ago(3): 1, ago(2): 1, ago(1): 10, TODAY: 10}
    goals = [GoalChange(PAGES, 10, ago(1))]
    assert status(pages=pages, goals=goals).streak.current == 4


def test_a_minutes_goal_is_met_only_when_the_minutes_reach_it():
    goals = [GoalChange(MINUTES, 30, ago(30))]
    # Five minutes a day for three days do not make a learning streak under a 30m goal.
    short = status(sessions={TODAY: (1, 5), ago(1): (1, 5), ago(2): (1, 5)}, goals=goals)
    assert short.streak.current == 0 and not short.streak.met_today
    assert short.left.minutes == 25
    enough = status(sessions={TODAY: (2, 30), ago(1): (1, 45)}, goals=goals)
    assert enough.streak.current == 2 and enough.streak.met_today
    assert enough.left.minutes == 0
    # Without a pages goal, any page still meets the day's reading.
    assert status(pages={TODAY: 1}, goals=goals).streak.met_today


def test_skip_days_bridge_the_streak():
    result = status(pages={ago(3): 5, ago(1): 5}, skips=[ago(2)])
    assert result.streak.current == 2
    assert result.streak.at_risk
