"""Refusals in the app: the reason, then where in the app to put it right; never a
command-line flag."""

from __future__ import annotations

import pytest

from compound.domain.errors import (
    BookClosed,
    BookNotFound,
    CompoundError,
    EntryNotFound,
    InputError,
    NeedsBook,
    NoRoomInBook,
    NothingToUndo,
    ProfileNotFound,
    WhichBook,
)
from compound.tui.hints import refusal
from compound.tui.screens.logging import LogPagesDialog

from .conftest import settle

REFUSALS = [
    WhichBook([(1, "Dune"), (2, "Emma")]),
    NeedsBook(),
    BookNotFound("dnue"),
    BookClosed(3, "Dune", "finished"),
    BookClosed(3, "Dune", "abandoned"),
    NoRoomInBook(3, "Dune", 10, 600),
    EntryNotFound("r14"),
    ProfileNotFound("sam"),
    NothingToUndo(),
    InputError("a plain refusal"),
]


@pytest.mark.parametrize("error", REFUSALS, ids=lambda e: type(e).__name__)
def test_each_refusal_keeps_its_reason_and_names_no_flag(error: CompoundError):
    said = refusal(error)
    assert said.startswith(str(error))
    assert "--" not in said and "compound " not in said


def test_the_app_says_where_to_put_it_right():
    assert "choose the book in the book field" in refusal(REFUSALS[0]).lower()
    assert "correct its length on the Books screen (e)" in refusal(REFUSALS[5])
    assert "on the Books screen (s)" in refusal(REFUSALS[4])


@pytest.mark.asyncio
async def test_a_refused_check_in_shows_the_hint_in_the_dialog(store, make_app):
    async with make_app(store).run_test() as pilot:
        await settle(pilot)
        await pilot.press("p", *"1000", "enter")  # more than the book has left
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, LogPagesDialog)
        shown = str(dialog.query_one(".dialog-error").render())
        assert "pages left" in shown and "on the Books screen (e)" in shown
