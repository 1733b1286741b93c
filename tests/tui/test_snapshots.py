"""How each screen looks, empty and populated, at 80×24 and 120×40, with today frozen.

An update (`pytest --snapshot-update`) must be looked at before it is committed:
the SVGs are in tests/tui/__snapshots__/.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from .conftest import settle

SCREENS = {"today": "1", "history": "2", "books": "3", "stats": "4", "goals": "5"}


def _after(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        pilot.app.clear_notifications()
        # A blinking cursor would be caught on or off at random.
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_populated(screen, size, snap_compare, store, make_app):
    assert snap_compare(make_app(store), terminal_size=size, run_before=_after(SCREENS[screen]))


@pytest.mark.parametrize("screen", list(SCREENS))
def test_empty(screen, snap_compare, empty_store, make_app):
    # Today on an empty database is the welcome; the other screens are seen behind it.
    keys = () if screen == "today" else ("escape", SCREENS[screen])
    assert snap_compare(make_app(empty_store), terminal_size=(80, 24), run_before=_after(*keys))


@pytest.mark.parametrize("keys", [("p",), ("question_mark",)], ids=["log-pages", "help"])
def test_dialogs(keys, snap_compare, store, make_app):
    assert snap_compare(make_app(store), terminal_size=(80, 24), run_before=_after(*keys))


def test_light_theme(snap_compare, store, make_app):
    app = make_app(store)

    async def light(pilot) -> None:
        pilot.app.theme = "textual-light"
        await _after()(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=light)


@pytest.fixture
def weekday_reader(empty_store):
    """Sunday for a weekday reader with a weekly sessions goal: nothing is due today."""
    from datetime import timedelta

    from compound.domain.records import BookStatus, GoalKind

    from .conftest import TODAY

    since = TODAY - timedelta(days=30)
    empty_store.set_goal(
        GoalKind.DAILY_PAGES, 20, since=since, schedule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    )
    empty_store.set_goal(GoalKind.WEEKLY_SESSIONS, 3, since=since)
    empty_store.add_book(
        "Middlemarch", author="George Eliot", total_pages=880, status=BookStatus.READING, day=since
    )
    for ago in range(1, 6):  # Tuesday to Saturday
        empty_store.log_pages(day=TODAY - timedelta(days=ago), pages=20 + ago, book="Middlemarch")
    empty_store.log_session(day=TODAY - timedelta(days=3), minutes=40, topic="Spanish")
    empty_store.log_pages(day=TODAY, pages=10, book="Middlemarch")
    return empty_store


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_today_not_due_with_a_weekly_goal(size, snap_compare, weekday_reader, make_app):
    assert snap_compare(make_app(weekday_reader), terminal_size=size, run_before=_after())


def test_books_after_a_move(snap_compare, store, make_app):
    # Deep Work (the second row) finished: sorted among the finished, still highlighted.
    assert snap_compare(
        make_app(store), terminal_size=(80, 24), run_before=_after("3", "down", "f")
    )
