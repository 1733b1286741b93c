"""`u`: the changes of this session taken back newest first; a deleted entry comes
back under its own id, and a new entry is what `u` takes back first."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from compound.domain.records import ReadingLog

from .conftest import MONTE, TODAY, settle

pytestmark = pytest.mark.asyncio


def _today_logs(store) -> list[ReadingLog]:
    return [e for e in store.history(TODAY, TODAY) if isinstance(e, ReadingLog)]


async def test_a_deleted_entry_comes_back_under_its_own_id(store, make_app):
    (todays,) = _today_logs(store)
    async with make_app(store).run_test() as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        table = pilot.app.screen.query_one("#entries", DataTable)
        assert table.get_row_at(0)[0] == todays.ref
        await pilot.press("d")
        await settle(pilot)
        assert _today_logs(store) == []
        await pilot.press("u")
        await settle(pilot)
        assert [(e.ref, e.pages, e.book_title) for e in _today_logs(store)] == [
            (todays.ref, 14, MONTE)
        ]
        assert table.get_row_at(0)[0] == todays.ref
        said = [n.message for n in pilot.app._notifications]
        assert any(todays.ref in m and "is back" in m for m in said), said


async def test_two_deletions_come_back_newest_first(store, make_app):
    async with make_app(store).run_test() as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        table = pilot.app.screen.query_one("#entries", DataTable)
        first, second = table.get_row_at(0)[0], table.get_row_at(1)[0]
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("u", "u")
        await settle(pilot)
        assert [table.get_row_at(0)[0], table.get_row_at(1)[0]] == [first, second]


async def test_a_new_entry_is_taken_back_before_an_earlier_deletion(store, make_app):
    (todays,) = _today_logs(store)
    async with make_app(store).run_test() as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("p", "7", "enter")
        await settle(pilot)
        assert [e.pages for e in _today_logs(store)] == [7]
        await pilot.press("u")
        await settle(pilot)
    # The new entry went; the deleted one stayed deleted.
    assert _today_logs(store) == []
    assert todays.ref not in {e.ref for e in store.history(TODAY, TODAY)}
