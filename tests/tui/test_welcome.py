"""The first-run welcome: offered while nothing is stored, until it is closed once."""

from __future__ import annotations

import pytest

from compound.config import load
from compound.tui.screens.welcome import WelcomeDialog

from .conftest import settle

pytestmark = pytest.mark.asyncio


async def test_a_welcome_closed_unsaved_is_not_offered_again(empty_store, make_app, tmp_path):
    async with make_app(empty_store).run_test() as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, WelcomeDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, WelcomeDialog)
    settings = load(tmp_path / "config.toml")
    assert settings.welcome is False
    async with make_app(empty_store, welcome=settings.welcome).run_test() as pilot:
        await settle(pilot)
        await pilot.press("2", "1")  # a screen shown again reloads: still no welcome
        await settle(pilot)
        assert not any(isinstance(s, WelcomeDialog) for s in pilot.app.screen_stack)


async def test_a_welcome_saved_leaves_the_setting_alone(empty_store, make_app, tmp_path):
    async with make_app(empty_store).run_test() as pilot:
        await settle(pilot)
        await pilot.press("enter")  # 25 pages a day, no book
        await settle(pilot)
        assert not isinstance(pilot.app.screen, WelcomeDialog)
    assert not (tmp_path / "config.toml").exists()
