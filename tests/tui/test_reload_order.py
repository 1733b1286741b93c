"""Only the newest load of a screen shows what it read: an older one, overtaken by a
refresh or a saved change, may have read before the change and must not hide it."""

from __future__ import annotations

import threading

import pytest

from compound.tui.screens.base import DataScreen

from .conftest import tracker_of

pytestmark = pytest.mark.asyncio


async def _until(pilot, condition) -> None:
    for _ in range(1000):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("timed out")


async def test_a_load_overtaken_by_a_newer_one_shows_nothing(store, make_app):
    loaded: list[DataScreen.Loaded] = []
    opened = threading.Event()

    def hook(message) -> None:
        if isinstance(message, DataScreen.Loaded):
            loaded.append(message)

    def open_tracker():  # the store opens when the test says: loads wait at the gate
        opened.wait(timeout=10)
        return tracker_of(store)

    async with make_app(open_tracker).run_test(message_hook=hook) as pilot:
        workers = pilot.app.workers
        # Today's first load is running, waiting for the store, when a refresh
        # replaces it; then both read.
        await _until(pilot, lambda: any(w.group == "load" and w.is_running for w in workers))
        pilot.app.screen.reload()
        opened.set()
        await _until(pilot, lambda: not any(w.is_running for w in workers))
        await pilot.pause()
        assert len(loaded) == 1
        assert pilot.app.screen.has_class("loaded")
