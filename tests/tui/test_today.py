"""Today says what the day asks for: whether it is due, what is left to keep the
streak, the weekly goals, the pace with its precision, and the yearly goal's pace."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from compound.domain.records import BookStatus, GoalKind
from compound.tui.widgets.meter import Meter

from .conftest import TODAY, settle

pytestmark = pytest.mark.asyncio

WEEKDAYS = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"  # TODAY is a Sunday
SINCE = TODAY - timedelta(days=30)


def _reading(store, pages_today: int, *, earlier: dict[int, int] | None = None) -> None:
    """A book being read, with `pages_today` logged today and {days ago: pages} before."""
    store.add_book("Dune", total_pages=900, status=BookStatus.READING, day=SINCE)
    for ago, pages in (earlier or {}).items():
        store.log_pages(day=TODAY - timedelta(days=ago), pages=pages, book="Dune")
    if pages_today:
        store.log_pages(day=TODAY, pages=pages_today, book="Dune")


async def _shown(store, make_app) -> dict[str, object]:
    """What Today shows, once the store has answered."""
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        return {
            "pages": screen.query_one("#pages", Meter).figure,
            "pages_bar": screen.query_one("#pages", Meter).fraction,
            "minutes": screen.query_one("#minutes", Meter).figure,
            "streak": str(screen.query_one("#streak").render()),
            "weekly": [m.figure for m in screen.query("#weekly Meter")],
            "projection": str(screen.query_one("#projection").render()),
            "goal": str(screen.query_one("#goal-pace").render()),
        }


async def test_a_day_the_schedule_does_not_ask_for_says_so(empty_store, make_app):
    empty_store.set_goal(GoalKind.DAILY_PAGES, 20, since=SINCE, schedule=WEEKDAYS)
    _reading(empty_store, 10)
    shown = await _shown(empty_store, make_app)
    assert shown["pages"] == "10 of 20 pages · today is not due (weekdays)"
    assert "%" not in shown["pages"] and shown["pages_bar"] is None
    assert shown["streak"].count("not due") == 1


async def test_a_skip_day_says_so(empty_store, make_app):
    empty_store.set_goal(GoalKind.DAILY_PAGES, 20, since=SINCE)
    empty_store.add_skips(TODAY, TODAY, "flu")
    _reading(empty_store, 10)
    assert "a skip day" in (await _shown(empty_store, make_app))["pages"]


async def test_the_streak_says_what_is_left_to_keep_it(empty_store, make_app):
    empty_store.set_goal(GoalKind.DAILY_PAGES, 30, since=SINCE)
    _reading(empty_store, 25, earlier={1: 30, 2: 30})
    streak = (await _shown(empty_store, make_app))["streak"]
    assert "5 more pages or any learning session will keep it" in streak
    assert "check in today" not in streak


async def test_with_no_streak_it_says_what_would_start_one(empty_store, make_app):
    empty_store.set_goal(GoalKind.DAILY_PAGES, 30, since=SINCE)
    _reading(empty_store, 25)
    streak = (await _shown(empty_store, make_app))["streak"]
    assert "5 more pages or any learning session will start one" in streak


async def test_weekly_goals_show_this_weeks_progress(empty_store, make_app):
    empty_store.set_goal(GoalKind.WEEKLY_SESSIONS, 3, since=SINCE)
    empty_store.log_session(day=TODAY - timedelta(days=2), minutes=30)
    _reading(empty_store, 10)
    assert (await _shown(empty_store, make_app))["weekly"] == ["1 of 3 sessions this week"]


async def test_the_pace_keeps_its_decimal_and_a_short_history_is_a_rough_guess(
    empty_store, make_app
):
    _reading(empty_store, 25, earlier={1: 20})
    projection = (await _shown(empty_store, make_app))["projection"]
    assert projection.startswith("At 22.5 pages a day: about 8,212 pages, ")
    assert "a rough guess from 2 days" in projection


async def test_a_yearly_goal_set_mid_year_is_judged_from_that_day(empty_store, make_app):
    empty_store.set_goal(GoalKind.YEARLY_BOOKS, 24, since=date(2026, 11, 9))
    _reading(empty_store, 25)
    goal = (await _shown(empty_store, make_app))["goal"]
    assert goal.startswith("0 of 3.5 books (24 a year from 09 Nov)")
    assert "pages a day would make it" in goal
