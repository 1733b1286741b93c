"""Fixtures for the app's tests: a real SQLite file per test (copied from a template
built once), a frozen today, and `settle` to wait until the workers have answered."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from compound.config import Settings
from compound.domain.records import BookStatus, GoalKind, SessionKind

TODAY = date(2026, 11, 22)  # a Sunday, as COMPOUND_TODAY in tests/conftest.py
MONTE = "The Count of Monte Cristo"  # the book being read longest, logged every day


def _fill(store) -> None:
    """Ten months of a reader's record: goals, shelves, logs, sessions, skips."""
    start = date(2026, 1, 5)
    store.set_goal(GoalKind.DAILY_PAGES, 20, since=start)
    store.set_goal(GoalKind.DAILY_PAGES, 25, since=date(2026, 6, 1))
    store.set_goal(GoalKind.DAILY_MINUTES, 30, since=start)
    store.set_goal(GoalKind.YEARLY_BOOKS, 24, since=start)
    finished = [
        ("Thinking, Fast and Slow", "Daniel Kahneman", 499),
        ("The Pragmatic Programmer", "Hunt & Thomas", 352),
        ("Atomic Habits", "James Clear", 320),
        ("Sapiens", "Yuval Noah Harari", 443),
        ("The Hobbit", "J. R. R. Tolkien", 310),
        ("Educated", "Tara Westover", 334),
    ]
    day = start
    for title, author, pages in finished:
        book = store.add_book(title, author=author, total_pages=pages)
        left = pages
        while left > 0:
            chunk = min(left, 8 + (day.toordinal() * 7) % 13)
            if day.toordinal() % 3:  # two days in three
                store.log_pages(day=day, pages=chunk, book=str(book.id))
                left -= chunk
            day += timedelta(days=1)
    store.add_book(
        "Gödel, Escher, Bach",
        author="Douglas Hofstadter",
        total_pages=777,
        status=BookStatus.ABANDONED,
    )
    monte = store.add_book(MONTE, author="Alexandre Dumas", total_pages=1276)
    deep = store.add_book("Deep Work", author="Cal Newport", total_pages=296)
    store.add_book("The Name of the Wind", author="Patrick Rothfuss", total_pages=662)
    day = TODAY - timedelta(days=40)
    while day < TODAY:
        store.log_pages(day=day, pages=22 + (day.toordinal() * 5) % 13, book=str(monte.id))
        if day.weekday() in (1, 3):
            store.log_pages(day=day, pages=9, book=str(deep.id), note="morning train")
        if day.weekday() in (0, 2, 4):
            store.log_session(
                day=day,
                minutes=25 + (day.day % 4) * 10,
                kind=(SessionKind.COURSE, SessionKind.PODCAST)[day.day % 2],
                topic=("Rust ownership", "History of Rome")[day.day % 2],
            )
        day += timedelta(days=1)
    store.log_pages(day=TODAY, pages=14, book=str(monte.id))
    store.add_skips(TODAY + timedelta(days=31), TODAY + timedelta(days=33), "family visit")


# A reader's earlier years, brought in from another tool: books finished, no logs.
EARLIER_YEARS = {2019: 14, 2020: 22, 2021: 9, 2023: 31, 2024: 26, 2025: 18}  # 2022: none


def _fill_with_earlier_years(store) -> None:
    """The populated record, after a library of earlier years came in: books only."""
    _fill(store)
    for year, count in EARLIER_YEARS.items():
        for n in range(count):
            store.add_book(
                f"{year} book {n + 1}",
                total_pages=180 + (n * 37) % 300,
                status=BookStatus.FINISHED,
                day=date(year, 1 + n % 12, 1 + (n * 5) % 28),
                source="goodreads",
            )


def _template(tmp_path_factory, name: str, fill) -> Path:
    from compound.store.repository import Store

    path = tmp_path_factory.mktemp("templates") / f"{name}.db"
    store = Store.open(f"sqlite:///{path}")
    if fill:
        fill(store)
    store.close()
    return path


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory) -> Path:
    return _template(tmp_path_factory, "empty", None)


@pytest.fixture(scope="session")
def populated_template(tmp_path_factory) -> Path:
    return _template(tmp_path_factory, "populated", _fill)


@pytest.fixture(scope="session")
def years_template(tmp_path_factory) -> Path:
    return _template(tmp_path_factory, "years", _fill_with_earlier_years)


def _open(template: Path, tmp_path: Path):
    from compound.store.repository import Store

    path = tmp_path / "compound.db"
    shutil.copy(template, path)
    store = Store.open(f"sqlite:///{path}")
    yield store
    store.close()


@pytest.fixture
def empty_store(empty_template, tmp_path):
    yield from _open(empty_template, tmp_path)


@pytest.fixture
def store(populated_template, tmp_path):
    yield from _open(populated_template, tmp_path)


@pytest.fixture
def years_store(years_template, tmp_path):
    """The populated record with books finished in the years before it (none in 2022)."""
    yield from _open(years_template, tmp_path)


@pytest.fixture
def weekday_reader(empty_store):
    """Sunday for a weekday reader with a weekly sessions goal: nothing is due today."""
    since = TODAY - timedelta(days=30)
    empty_store.set_goal(
        GoalKind.DAILY_PAGES, 20, since=since, schedule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    )
    empty_store.set_goal(GoalKind.WEEKLY_SESSIONS, 3, since=since)
    empty_store.add_book(
        "Middlemarch", author="George Eliot", total_pages=880, status=BookStatus.READING, day=since
    )
    for ago in range(1, 6):  # Tuesday to Saturday
        empty_store.log_pages(day=TODAY - timedelta(days=ago), pages=20 + ago, book="Middlemarch")
    empty_store.log_session(day=TODAY - timedelta(days=3), minutes=40, topic="Spanish")
    empty_store.log_pages(day=TODAY, pages=10, book="Middlemarch")
    return empty_store


def tracker_of(store, settings: Settings | None = None):
    """The Tracker over `store`, with today frozen."""
    from compound.tracker.core import Tracker

    return Tracker(store, settings or Settings(), lambda: TODAY)


@pytest.fixture
def make_app(tmp_path):
    """`make_app(store)`: the app as the command line builds it, with today frozen.
    `store` may instead be a function opening a Tracker (the app opens it in a worker)."""
    from compound.tui.app import CompoundApp

    def make(store, **settings):
        chosen = Settings(**settings)
        tracker = store if callable(store) else tracker_of(store, chosen)
        return CompoundApp(tracker, chosen, today=TODAY, settings_file=tmp_path / "config.toml")

    return make


async def settle(pilot) -> None:
    """Wait until every worker has answered and its message has been handled."""
    from textual.worker import WorkerCancelled

    app = pilot.app
    for _ in range(50):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:  # the app is exiting and cancelled what was still running
            return
        await pilot.pause()
        if not any(w.is_running for w in app.workers):
            break
    await pilot.wait_for_scheduled_animations()  # e.g. the underline of a tab moving
    await pilot.pause()


@pytest.fixture(autouse=True)
def plotext_in_a_fixed_order(monkeypatch):
    """plotext drops duplicate points through a set (`_utility.no_duplicates`), so where
    two of a chart's characters overlap, which one wins depends on the process's string
    hash seed: the same chart came out a column different from run to run. Keeping the
    points in their first-seen order (what plotext's own comment offers) makes the
    snapshots of the Stats screen repeatable."""
    from plotext import _utility

    monkeypatch.setattr(_utility, "no_duplicates", lambda data: list(dict.fromkeys(data)))
