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
