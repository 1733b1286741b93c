"""The watch for changes may fire while a screen is being taken down (the app closing):
reading the screen again then shows nothing, and raises nothing."""

from __future__ import annotations

import pytest

from compound.tui.widgets.navbar import NavBar

from .conftest import settle

pytestmark = pytest.mark.asyncio


async def test_a_reload_of_a_screen_losing_its_top_line_raises_nothing(store, make_app):
    async with make_app(store).run_test() as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        screen = pilot.app.screen
        await screen.query_one(NavBar).remove()  # as the app's closing removes it
        screen.reload()
        await settle(pilot)
        assert not screen.query(NavBar)
