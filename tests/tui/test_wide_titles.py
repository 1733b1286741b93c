"""Titles in scripts whose characters take two terminal cells (三体, 채식주의자) line up
with Latin ones on Today, and never push their bar off the line."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from compound.domain.records import BookStatus
from compound.tui.widgets.meter import Meter

from .conftest import TODAY, settle

pytestmark = pytest.mark.asyncio


async def test_the_bars_of_books_being_read_start_in_one_column(empty_store, make_app):
    titles = ("Dune", "三体", "채식주의자", "ノルウェイの森 上・下 村上春樹の長編小説")
    for n, title in enumerate(titles):
        empty_store.add_book(title, total_pages=300 + n, status=BookStatus.READING, day=TODAY)
        empty_store.log_pages(day=TODAY, pages=10 + n, book=title)
    async with make_app(empty_store).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        meters = [m for m in pilot.app.screen.query(Meter) if m.label in titles]
        assert len(meters) == len(titles)
        starts, fits = set(), set()
        for meter in meters:
            line = meter.render().plain
            starts.add(cell_len(line[: line.index("━")]))
            fits.add(cell_len(line) <= meter.size.width)
        assert len(starts) == 1 and fits == {True}
        # The long title is cut to the column, with an ellipsis, in whole characters.
        long = next(m for m in meters if m.label == titles[-1]).render().plain
        assert "…" in long and cell_len(long[: long.index("━")]) == starts.pop()
