"""Each flow of the app driven by keys (Textual's Pilot) on a real SQLite file."""

from __future__ import annotations

from datetime import date

import pytest
from textual.events import AppFocus
from textual.widgets import DataTable

from compound.config import load
from compound.domain.records import (
    DEFAULT_SESSION_KIND,
    BookStatus,
    GoalKind,
    LearningSession,
    ReadingLog,
)
from compound.tui.screens.book_form import BookDialog
from compound.tui.screens.logging import LogPagesDialog
from compound.tui.screens.welcome import WelcomeDialog
from compound.tui.widgets.meter import Meter

from .conftest import MONTE, TODAY, settle

pytestmark = pytest.mark.asyncio


def _today_logs(store) -> list:
    return [e for e in store.history(TODAY, TODAY) if isinstance(e, ReadingLog)]


def _book(store, title):
    return next(b for b in store.books() if b.title == title)


def _goals(store) -> dict[GoalKind, int]:
    return {g.kind: g.target for g in store.goal_timeline().in_force(TODAY)}


async def test_p_2_5_enter_logs_25_pages_of_the_book_being_read(store, make_app):
    before = _book(store, MONTE).pages_read
    async with make_app(store).run_test() as pilot:
        await settle(pilot)
        await pilot.press("p", "2", "5", "enter")
        await settle(pilot)
        newest = max(_today_logs(store), key=lambda e: e.id)
        assert (newest.pages, newest.book_title) == (25, MONTE)
        assert _book(store, MONTE).pages_read == before + 25
        assert "39 of 25 pages ✓" in pilot.app.screen.query_one("#pages", Meter).figure
        assert not isinstance(pilot.app.screen, LogPagesDialog)


async def test_to_page_and_the_fuzzy_picker(store, make_app):
    monte, deep = _book(store, MONTE).pages_read, _book(store, "Deep Work").pages_read
    async with make_app(store).run_test() as pilot:
        await settle(pilot)
        await pilot.press("p", "tab", *str(monte + 40), "enter")  # "or to page"
        await settle(pilot)
        assert _book(store, MONTE).pages_read == monte + 40
        await pilot.press("p", "1", "0", "tab", "tab", *"dpwk", "enter")  # another book
        await settle(pilot)
        assert _book(store, "Deep Work").pages_read == deep + 10


async def test_a_refused_log_keeps_the_dialog_open_and_stores_nothing(store, make_app):
    count = len(store.history(date(2026, 1, 1), TODAY))
    async with make_app(store).run_test() as pilot:
        await settle(pilot)
        await pilot.press("p", *"1000", "enter")  # more than the book has left
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, LogPagesDialog)
        assert "pages left" in str(dialog.query_one(".dialog-error").render())
    assert len(store.history(date(2026, 1, 1), TODAY)) == count


async def test_l_logs_a_learning_session_of_the_usual_kind(store, make_app):
    async with make_app(store).run_test() as pilot:
        await settle(pilot)
        await pilot.press("l", *"1h15m", "tab", "tab", *"Rust", "enter")
        await settle(pilot)
    sessions = [e for e in store.history(TODAY, TODAY) if isinstance(e, LearningSession)]
    # The kind the command line gives a session when none is said.
    assert [(s.minutes, s.kind, s.topic) for s in sessions] == [(75, DEFAULT_SESSION_KIND, "Rust")]


async def test_u_undoes_the_last_entry_and_says_what(store, make_app):
    async with make_app(store).run_test() as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        said = [n.message for n in pilot.app._notifications]
        assert any(
            m.startswith("Undid r") and f": 14 pages of {MONTE}, today" in m for m in said
        ), said
    assert _today_logs(store) == []


async def test_books_add_start_and_finish(store, make_app):
    async with make_app(store).run_test() as pilot:
        await settle(pilot)
        await pilot.press("3", "a")
        await settle(pilot)
        assert isinstance(pilot.app.screen, BookDialog)
        await pilot.press(*"Middlemarch", "tab", *"George Eliot", "tab", *"880", "enter")
        await settle(pilot)
        added = _book(store, "Middlemarch")
        assert (added.author, added.total_pages, added.status) == (
            "George Eliot",
            880,
            BookStatus.READING,
        )
        table = pilot.app.screen.query_one("#books", DataTable)
        rows = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        # Start the one on the to-read shelf, then finish Deep Work.
        table.move_cursor(row=rows.index("The Name of the Wind"))
        await pilot.press("s")
        await settle(pilot)
        assert _book(store, "The Name of the Wind").status == BookStatus.READING
        rows = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        table.move_cursor(row=rows.index("Deep Work"))
        await pilot.press("f")
        await settle(pilot)
        finished = _book(store, "Deep Work")
        assert (finished.status, finished.finished_on) == (BookStatus.FINISHED, TODAY)


async def test_history_edits_deletes_and_brings_back_an_entry(store, make_app):
    async with make_app(store).run_test() as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("enter")  # the newest entry: today's 14 pages
        await settle(pilot)
        await pilot.press(*["backspace"] * 3, "2", "0", "enter")
        await settle(pilot)
        assert [e.pages for e in _today_logs(store)] == [20]
        await pilot.press("d")
        await settle(pilot)
        assert _today_logs(store) == []
        await pilot.press("u")
        await settle(pilot)
        back = _today_logs(store)
        assert [(e.pages, e.book_title) for e in back] == [(20, MONTE)]
        table = pilot.app.screen.query_one("#entries", DataTable)
        assert table.get_row_at(0)[0] == back[0].ref
        await pilot.press("slash", *"rome")
        await settle(pilot)
        subjects = {str(table.get_row_at(i)[3]) for i in range(table.row_count)}
        assert subjects == {"History of Rome"}


async def test_goals_a_goal_a_skip_day_and_the_day_start(store, make_app, tmp_path):
    async with make_app(store).run_test() as pilot:
        await settle(pilot)
        await pilot.press("5", "g", "3", "0", "enter")
        await settle(pilot)
        assert _goals(store)[GoalKind.DAILY_PAGES] == 30
        await pilot.press("k", *"2026-12-30", "tab", "tab", *"Xmas", "enter")
        await settle(pilot)
        skips = {s.day: s.reason for s in store.skips(TODAY)}
        assert skips[date(2026, 12, 30)] == "Xmas"
        table = pilot.app.screen.query_one("#skips", DataTable)
        assert "Wed 30 Dec 2026" in {table.get_row_at(i)[0] for i in range(table.row_count)}
        await pilot.press("tab", "delete")  # the first skip day, 23 Dec: asks first
        await settle(pilot)
        assert date(2026, 12, 23) in {s.day for s in store.skips(TODAY)}
        await pilot.press("delete")
        await settle(pilot)
        assert date(2026, 12, 23) not in {s.day for s in store.skips(TODAY)}
        await pilot.press("h", *["backspace"] * 5, *"03:30", "enter")
        await settle(pilot)
    assert load(tmp_path / "config.toml").day_starts_at.strftime("%H:%M") == "03:30"


async def test_first_run_welcome_sets_the_goal_and_the_book(empty_store, make_app):
    async with make_app(empty_store).run_test() as pilot:
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, WelcomeDialog)
        await pilot.press("backspace", "backspace", "3", "0")
        assert "10,950 pages a year" in str(dialog.query_one("#compounds").render())
        await pilot.press("tab", *"Dune", "tab", "tab", *"612", "enter")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, WelcomeDialog)
    assert _goals(empty_store) == {GoalKind.DAILY_PAGES: 30}
    assert [(b.title, b.status) for b in empty_store.books()] == [("Dune", BookStatus.READING)]


async def test_changes_from_elsewhere_show_on_focus_and_on_r(store, make_app):
    async with make_app(store).run_test() as pilot:
        await settle(pilot)
        store.log_pages(day=TODAY, pages=6, book=MONTE)  # as `compound log` would
        pilot.app.post_message(AppFocus())  # the terminal gives the app focus back
        await settle(pilot)
        assert "20 of 25 pages" in pilot.app.screen.query_one("#pages", Meter).figure
        store.log_pages(day=TODAY, pages=5, book=MONTE)
        await pilot.press("r")
        await settle(pilot)
        assert "25 of 25 pages ✓" in pilot.app.screen.query_one("#pages", Meter).figure


async def test_palette_adds_a_book_and_switches_profile(store, make_app):
    store.add_profile("sam")
    async with make_app(store).run_test() as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"add a")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, BookDialog)
        await pilot.press("escape", "ctrl+p", *"switch", "enter")
        await settle(pilot)
        assert "default, sam" in str(pilot.app.screen.query_one("#profiles").render())
        await pilot.press(*"sam", "enter")
        await settle(pilot)
        # sam has nothing yet: the welcome asks for a goal, and Today shows sam's zero.
        assert pilot.app.gate.tracker().profile == "sam"
        await pilot.press("escape")
        await settle(pilot)
        assert "0 pages" in pilot.app.screen.query_one("#pages", Meter).figure


async def test_editing_a_note_keeps_its_line_breaks(store, make_app):
    """The note field is one line, so it shows a stored line break as "␊"; adding a word
    to the note must not turn the break into that picture."""
    store.log_pages(day=TODAY, pages=3, book="Deep Work", note="chapter 2\nre-read\tlater")
    async with make_app(store).run_test() as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("enter")  # the newest entry: the 3 pages just stored
        await settle(pilot)
        note = pilot.app.screen.query_one("#note")
        assert note.value == "chapter 2␊re-read␉later"
        note.focus()
        await pilot.press("end", *" twice", "enter")
        await settle(pilot)
    edited = next(e for e in _today_logs(store) if e.pages == 3)
    assert edited.note == "chapter 2\nre-read\tlater twice"
