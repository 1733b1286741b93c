"""The app's tables have fixed column widths (widgets/table.py): every cell must fit
its column whole, free text clipped with an ellipsis. Cut by the column instead,
"05 Dec 2025" read as "05 Dec", this year's, and r1461361 as another entry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable

from compound.domain.records import BookStatus, GoalKind

from .conftest import TODAY, settle

pytestmark = pytest.mark.asyncio

LONG = "ノルウェイの森 上・下, and a subtitle far too long for any column of a table"


def _cut_cells(table: DataTable) -> list[str]:
    """Every cell wider than its column."""
    return [
        f"{column.label}: {text!r} in {column.width}"
        for key, column in table.columns.items()
        for row in table.rows
        if cell_len(text := str(table.get_cell(row, key))) > column.width
    ]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_no_cell_is_cut_by_its_column(empty_store, make_app, size):
    last_year = TODAY - timedelta(days=350)
    book = empty_store.add_book(
        LONG, author=LONG, total_pages=796, status=BookStatus.READING, day=last_year
    )
    empty_store.log_pages(day=last_year, pages=796, book=str(book.id), minutes=125, note=LONG)
    empty_store.add_book("War and Peace", total_pages=1225, status=BookStatus.READING, day=TODAY)
    empty_store.log_pages(day=TODAY, pages=1, book="War and Peace")  # finishes in 2030
    empty_store.log_session(day=TODAY, minutes=150, topic=LONG, note=LONG)
    empty_store.set_goal(
        GoalKind.DAILY_PAGES, 25, since=last_year, schedule="FREQ=WEEKLY;BYDAY=MO,WE,FR"
    )
    empty_store.set_goal(
        GoalKind.DAILY_MINUTES,
        30,
        since=last_year,
        schedule="FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,WE,TH",
    )
    empty_store.add_skips(TODAY + timedelta(days=3), TODAY + timedelta(days=4), LONG)
    async with make_app(empty_store).run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # past the welcome
        for key in ("2", "3", "5"):
            await pilot.press(key)
            await settle(pilot)
            tables = list(pilot.app.screen.query(DataTable))
            assert tables and tables[0].row_count >= 2, key
            assert [cut for table in tables for cut in _cut_cells(table)] == [], key
