"""Books: moving a book between shelves keeps it highlighted wherever it is sorted
to, `u` puts it back, and the progress and done-by columns say where each book is."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable

from compound.domain.records import BookStatus

from .conftest import MONTE, TODAY, settle

pytestmark = pytest.mark.asyncio


def _book(store, title):
    return next(b for b in store.books() if b.title == title)


def _highlighted(table: DataTable) -> str:
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


async def _books_screen(pilot) -> DataTable:
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)
    return pilot.app.screen.query_one("#books", DataTable)


async def test_a_finished_book_stays_highlighted_where_it_is_sorted_and_u_puts_it_back(
    store, make_app
):
    deep = _book(store, "Deep Work")
    async with make_app(store).run_test(size=(120, 40)) as pilot:
        table = await _books_screen(pilot)
        before = table.get_row_index(str(deep.id))
        table.move_cursor(row=before)
        await pilot.press("f")
        await settle(pilot)
        assert _book(store, "Deep Work").status == BookStatus.FINISHED
        assert table.get_row_index(str(deep.id)) != before  # sorted among the finished
        assert _highlighted(table) == str(deep.id)
        await pilot.press("u")
        await settle(pilot)
        back = _book(store, "Deep Work")
        assert (back.status, back.started_on, back.finished_on) == (
            deep.status,
            deep.started_on,
            deep.finished_on,
        )
        assert _highlighted(table) == str(deep.id)
        said = [n.message for n in pilot.app._notifications]
        assert any("Deep Work" in m and "being read" in m for m in said[-1:]), said


async def test_t_puts_a_book_back_on_the_to_read_shelf(store, make_app):
    monte = _book(store, MONTE)
    async with make_app(store).run_test(size=(120, 40)) as pilot:
        table = await _books_screen(pilot)
        table.move_cursor(row=table.get_row_index(str(monte.id)))
        await pilot.press("t")
        await settle(pilot)
        assert _book(store, MONTE).status == BookStatus.TO_READ
        assert _highlighted(table) == str(monte.id)
        assert table.get_row(str(monte.id))[3] == "to read"


async def test_a_finished_book_without_logs_reads_done(empty_store, make_app):
    empty_store.add_book(
        "Stoner", total_pages=296, status=BookStatus.FINISHED, day=date(2026, 3, 1)
    )
    empty_store.add_book("Middlemarch", total_pages=880, status=BookStatus.READING, day=TODAY)
    empty_store.log_pages(day=TODAY, pages=100, book="Middlemarch")
    async with make_app(empty_store).run_test(size=(120, 40)) as pilot:
        table = await _books_screen(pilot)
        rows = {str(row[1]): row for row in (table.get_row_at(i) for i in range(table.row_count))}
    assert rows["Stoner"][3:6] == ["finished", "done · 296 p", "01 Mar"]
    assert rows["Middlemarch"][3:5] == ["being read", "100/880 · 11%"]
