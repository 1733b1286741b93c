"""Today says the time read where the pages are unknown (an audiobook logged in minutes
only), as `compound status` does: never "0 pages" and "nothing logged today yet"."""

from __future__ import annotations

from datetime import timedelta

import pytest

from compound.domain.records import BookStatus, GoalKind
from compound.tui.widgets.meter import Meter

from .conftest import TODAY, settle

pytestmark = pytest.mark.asyncio


def _listened(store, minutes: int) -> None:
    book = store.add_book(
        "Project Hail Mary",
        total_minutes=970,
        status=BookStatus.READING,
        day=TODAY - timedelta(days=3),
    )
    store.log_pages(day=TODAY, minutes=minutes, book=str(book.id))


async def _shown(store, make_app) -> tuple[str, float | None, bool]:
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        pages = screen.query_one("#pages", Meter)
        return pages.figure, pages.fraction, screen.query_one("#hint").display


async def test_time_read_today_is_the_days_reading_without_a_goal(empty_store, make_app):
    _listened(empty_store, 45)
    figure, fraction, hint = await _shown(empty_store, make_app)
    assert figure == "45 min by time (no daily goal)"
    assert fraction is None
    assert not hint  # something was logged today


async def test_against_a_pages_goal_the_bar_counts_pages_only(empty_store, make_app):
    empty_store.set_goal(GoalKind.DAILY_PAGES, 30, since=TODAY - timedelta(days=3))
    _listened(empty_store, 45)
    figure, fraction, hint = await _shown(empty_store, make_app)
    assert figure == "0 of 30 pages, 45 min by time"
    assert fraction == 0 and not hint
