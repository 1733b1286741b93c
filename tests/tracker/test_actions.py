"""The application layer: every action checks what it is given before the database is
opened, the same way whoever calls it; moves and deletions can be taken back."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from compound.config import Settings
from compound.domain.errors import InputError, NothingToUndo
from compound.domain.records import DEFAULT_SESSION_KIND, BookStatus, GoalKind
from compound.tracker.core import Tracker
from compound.tracker.goals import EVERY_DAY
from compound.tracker.undo import UndoStack

TODAY = date(2026, 11, 22)
WEEKDAYS = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"


@pytest.fixture
def tracker(database_url):
    opened = Tracker.open(database_url, "default", Settings(), lambda: TODAY)
    yield opened
    opened.close()


@pytest.mark.parametrize(
    "act, message",
    [
        (lambda t: t.entries.log_pages("0"), "pages must be at least 1"),
        (lambda t: t.entries.log_pages("5", to_page="30"), "not both"),
        (lambda t: t.entries.log_pages("5", day="2026-11-23"), "is after today"),
        (lambda t: t.entries.log_pages("5", book=""), "name a book"),
        (lambda t: t.entries.log_session("0m"), "at least one minute"),
        (lambda t: t.entries.log_session("45m", kind="nap"), "is not a kind of session"),
        (lambda t: t.entries.delete("x9"), "is not an entry id"),
        (lambda t: t.books.add("  "), "title cannot be empty"),
        (lambda t: t.books.add("Dune", pages="0"), "at least 1"),
        (lambda t: t.goals.set("daily-pages", "2001"), "is more than 2,000"),
        (lambda t: t.goals.set("weekly-pages", "100", schedule=WEEKDAYS), "daily goals"),
        (lambda t: t.goals.set("nightly-pages", "5"), "is not a kind of goal"),
        (lambda t: t.profiles.add("bad name!"), "may hold only letters"),
    ],
)
def test_what_cannot_be_used_is_refused_before_any_database_is_opened(tmp_path, act, message):
    path = tmp_path / "compound.db"
    tracker = Tracker.on_demand(f"sqlite:///{path}", "default", Settings(), lambda: TODAY)
    with pytest.raises(InputError, match=message):
        act(tracker)
    assert not tracker.opened and not path.exists()


def test_a_new_target_keeps_the_days_of_the_goal_in_force(tracker):
    tracker.goals.set(GoalKind.DAILY_PAGES, 20, schedule=WEEKDAYS)
    kept = tracker.goals.set(GoalKind.DAILY_PAGES, "25")
    assert (kept.goal.target, kept.goal.schedule, kept.kept_schedule) == (25, WEEKDAYS, True)
    dropped = tracker.goals.set(GoalKind.DAILY_PAGES, 25, schedule=EVERY_DAY)
    assert (dropped.goal.schedule, dropped.kept_schedule) == (None, False)


def test_undo_brings_a_deleted_entry_back_under_its_own_id_and_puts_a_book_back(tracker):
    undo = UndoStack()
    tracker.books.add("Dune", pages=412, reading=True)
    first = tracker.entries.log_pages(20, day=TODAY - timedelta(days=1)).log
    tracker.entries.log_pages(10)
    undo.push(tracker.entries.delete(first.ref))
    moved = tracker.books.move("Dune", BookStatus.ABANDONED)
    undo.push(moved)
    assert tracker.books.book("Dune").status == BookStatus.ABANDONED
    back = undo.undo(tracker)  # the newest change first: the move
    # Back on its shelf, with the start its first log gave it.
    assert back.book.status == BookStatus.READING
    assert back.book.started_on == TODAY - timedelta(days=1)
    restored = undo.undo(tracker)  # then the deletion, under its own id
    assert restored.entry.ref == first.ref and restored.entry.created_at == first.created_at
    assert tracker.books.book("Dune").pages_read == 30
    # With nothing of this session left, undo removes the entry made last.
    assert undo.undo(tracker).entry.pages == 10
    undo.undo(tracker)
    with pytest.raises(NothingToUndo):
        undo.undo(tracker)


def test_a_book_can_go_back_to_the_to_read_shelf(tracker):
    tracker.books.add("Range", pages=352, reading=True)
    moved = tracker.books.move("Range", BookStatus.TO_READ)
    assert (moved.book.status, moved.book.started_on) == (BookStatus.TO_READ, None)
    assert tracker.books.put_back(moved).book.status == BookStatus.READING


def test_a_session_without_a_kind_is_of_the_usual_kind(tracker):
    assert tracker.entries.log_session("30m").session.kind == DEFAULT_SESSION_KIND


def test_a_check_in_reports_its_days_standing(tracker):
    tracker.goals.set(GoalKind.DAILY_PAGES, 30)
    done = tracker.entries.log_pages(25)
    assert (done.day.pages, done.day.pages_goal, done.day.left.pages) == (25, 30, 5)
    assert not done.day.streak.met_today
