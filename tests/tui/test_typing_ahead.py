"""Keys typed faster than the app draws — pasted, or sent by a script in one burst — all
arrive where a person typing slowly would have put them."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input, OptionList

from compound.domain.records import GoalKind, LearningSession, ReadingLog
from compound.tui.screens.logging import LogPagesDialog

from .conftest import MONTE, TODAY, settle

pytestmark = pytest.mark.asyncio

# Key names as the terminal driver gives them for these characters.
_NAMED = {"\t": "tab", "\r": "enter", " ": "space", "/": "slash"}


def burst(app, text: str) -> None:
    """Queue every key at once, as the terminal driver does with one read of input."""
    for character in text:
        app.post_message(events.Key(_NAMED.get(character, character), character))


async def type_in(store, make_app, *bursts: str) -> None:
    """Run the app and type each of `bursts` in one go, letting the app settle between."""
    async with make_app(store).run_test() as pilot:
        await settle(pilot)
        for text in bursts:
            burst(pilot.app, text)
            await settle(pilot)


async def newest_after_burst(store, make_app, text: str, kind: type):
    """Type `text` in one burst into the app, then the newest entry of `kind` today."""
    await type_in(store, make_app, text)
    return max((e for e in store.history(TODAY, TODAY) if isinstance(e, kind)), key=lambda e: e.id)


async def test_a_check_in_typed_in_one_burst_loses_no_key(store, make_app):
    # Five tabs to the note: past "or to page", the book picker's two parts, the day.
    newest = await newest_after_burst(store, make_app, "p25\t\t\t\t\tfast\r", ReadingLog)
    assert (newest.pages, newest.note) == (25, "fast")


async def test_a_learning_session_typed_in_one_burst(store, make_app):
    # The duration, past the kind, the topic.
    newest = await newest_after_burst(store, make_app, "l45m\t\tplotext\r", LearningSession)
    assert (newest.minutes, newest.topic) == (45, "plotext")


async def test_p_and_l_inside_a_dialog_are_the_dialogs_keys(store, make_app):
    async with make_app(store).run_test() as pilot:
        await settle(pilot)
        burst(pilot.app, "p")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, LogPagesDialog)
        # In a text field they are letters; on the book list they open nothing more.
        burst(pilot.app, "3\t\t\t\t\tplan lp")
        await settle(pilot)
        assert dialog.query_one("#note", Input).value == "plan lp"
        dialog.query_one(OptionList).focus()
        await settle(pilot)
        burst(pilot.app, "pl")
        await settle(pilot)
        assert pilot.app.screen is dialog and len(pilot.app.screen_stack) == 2


async def test_p_in_the_history_filter_is_a_letter(store, make_app):
    async with make_app(store).run_test() as pilot:
        await settle(pilot)
        burst(pilot.app, "2")
        await settle(pilot)
        burst(pilot.app, "/pl")
        await settle(pilot)
        assert type(pilot.app.screen).__name__ == "HistoryScreen"
        assert pilot.app.screen.query_one("#filter", Input).value == "pl"


async def test_a_book_added_in_one_burst(store, make_app):
    await type_in(store, make_app, "3", "aStoner\tJohn Williams\t288\r")
    added = next(b for b in store.books() if b.title == "Stoner")
    assert (added.author, added.total_pages) == ("John Williams", 288)


async def test_a_goal_set_in_one_burst(store, make_app):
    await type_in(store, make_app, "5", "g40\r")  # the first goal in the table: daily pages
    in_force = {g.kind: g.target for g in store.goal_timeline().in_force(TODAY)}
    assert in_force[GoalKind.DAILY_PAGES] == 40


async def test_saved_before_the_books_arrive_it_goes_to_the_book_offered_first(
    store, make_app, monkeypatch
):
    # Two books are being read; the list of books comes from a worker, here never.
    monkeypatch.setattr(LogPagesDialog, "_load_books", lambda self, gate: None)
    newest = await newest_after_burst(store, make_app, "p25\r", ReadingLog)
    assert (newest.pages, newest.book_title) == (25, MONTE)  # as the list offers it
