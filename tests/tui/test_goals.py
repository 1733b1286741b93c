"""Goals: the dialog starts at the days of the goal in force and keeps them when only
the target changes; the Days column names a weekly or yearly goal's period."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import DataTable, Select

from compound.domain.records import GoalKind
from compound.tui.screens.goal_forms import GoalDialog

from .conftest import TODAY, settle

pytestmark = pytest.mark.asyncio

WEEKDAYS = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
SINCE = TODAY - timedelta(days=30)


def _in_force(store) -> dict[GoalKind, tuple[int, str | None]]:
    return {g.kind: (g.target, g.schedule) for g in store.goal_timeline().in_force(TODAY)}


async def test_a_new_target_keeps_the_days_of_the_goal_in_force(empty_store, make_app):
    empty_store.set_goal(GoalKind.DAILY_PAGES, 20, since=SINCE, schedule=WEEKDAYS)
    async with make_app(empty_store).run_test() as pilot:
        await settle(pilot)
        await pilot.press("5", "g")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, GoalDialog)
        assert dialog.query_one("#days", Select).value == "weekdays"
        await pilot.press("3", "0", "enter")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, GoalDialog)
    assert _in_force(empty_store)[GoalKind.DAILY_PAGES] == (30, WEEKDAYS)


async def test_every_day_chosen_is_every_day(empty_store, make_app):
    empty_store.set_goal(GoalKind.DAILY_PAGES, 20, since=SINCE, schedule=WEEKDAYS)
    async with make_app(empty_store).run_test() as pilot:
        await settle(pilot)
        await pilot.press("5", "g")
        await settle(pilot)
        pilot.app.screen.query_one("#days", Select).value = "every day"
        await pilot.press("3", "0", "enter")
        await settle(pilot)
    assert _in_force(empty_store)[GoalKind.DAILY_PAGES] == (30, None)


async def test_the_dialog_follows_the_kind_chosen(empty_store, make_app):
    empty_store.set_goal(GoalKind.DAILY_PAGES, 20, since=SINCE)
    empty_store.set_goal(
        GoalKind.DAILY_MINUTES, 30, since=SINCE, schedule="FREQ=WEEKLY;BYDAY=MO,WE,FR"
    )
    async with make_app(empty_store).run_test() as pilot:
        await settle(pilot)
        await pilot.press("5", "g")
        await settle(pilot)
        dialog = pilot.app.screen
        assert dialog.query_one("#days", Select).value == "every day"
        dialog.query_one("#kind", Select).value = GoalKind.DAILY_MINUTES
        await settle(pilot)
        assert dialog.query_one("#days", Select).value == "custom (RRULE)"
        assert dialog.query_one("#rule").value == "FREQ=WEEKLY;BYDAY=MO,WE,FR"


async def test_weekly_and_yearly_goals_name_their_period(empty_store, make_app):
    empty_store.set_goal(GoalKind.DAILY_PAGES, 20, since=SINCE, schedule=WEEKDAYS)
    empty_store.set_goal(GoalKind.WEEKLY_SESSIONS, 3, since=SINCE)
    empty_store.set_goal(GoalKind.YEARLY_BOOKS, 24, since=SINCE)
    async with make_app(empty_store).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        table = pilot.app.screen.query_one("#goals", DataTable)
        days = {
            row[0]: str(row[2]) for row in (table.get_row_at(i) for i in range(table.row_count))
        }
    assert days == {
        "daily-pages": "weekdays",
        "weekly-sessions": "each week",
        "yearly-books": "the year",
    }
