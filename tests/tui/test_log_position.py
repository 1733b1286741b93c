"""The log dialog takes a position as the command line does: "45%" of a book, "3:20"
into an audiobook, typed in the pages field or the position field."""

from __future__ import annotations

import pytest

from compound.domain.records import BookStatus
from compound.tui.screens.logging import LogPagesDialog

from .conftest import TODAY, settle

pytestmark = pytest.mark.asyncio


def _audiobook(store):
    return store.add_book(
        "Project Hail Mary", total_minutes=970, status=BookStatus.READING, day=TODAY
    )


async def test_a_time_reached_logs_the_minutes_listened(empty_store, make_app):
    book = _audiobook(empty_store)
    async with make_app(empty_store).run_test() as pilot:
        await settle(pilot)
        await pilot.press("p", *"3:20", "enter")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, LogPagesDialog)
    logged = empty_store.book(str(book.id))
    assert (logged.pages_read, logged.minutes_read) == (0, 200)


async def test_a_percent_in_the_position_field_logs_the_difference(empty_store, make_app):
    book = _audiobook(empty_store)
    empty_store.log_pages(day=TODAY, minutes=100, book=str(book.id))
    async with make_app(empty_store).run_test() as pilot:
        await settle(pilot)
        await pilot.press("p", "tab", *"50%", "enter")
        await settle(pilot)
    assert empty_store.book(str(book.id)).minutes_read == 485  # half of 970


async def test_a_time_past_the_end_is_refused_and_nothing_stored(empty_store, make_app):
    book = _audiobook(empty_store)
    async with make_app(empty_store).run_test() as pilot:
        await settle(pilot)
        await pilot.press("p", *"17:00", "enter")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, LogPagesDialog)
        assert "past its end" in str(dialog.query_one(".dialog-error").render())
    assert empty_store.book(str(book.id)).minutes_read == 0


async def test_the_book_list_says_where_an_audiobook_is_in_time(empty_store, make_app):
    from textual.widgets import OptionList

    book = _audiobook(empty_store)
    empty_store.log_pages(day=TODAY, minutes=100, book=str(book.id))
    async with make_app(empty_store).run_test() as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        options = pilot.app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
    assert labels == ["Project Hail Mary  1 h 40 min/16 h 10 min  (being read)"]
