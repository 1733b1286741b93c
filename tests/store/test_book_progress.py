"""A check-in counts its book's logs once, and a book follows the length that decides."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event

from compound.domain.records import BookStatus, Position
from compound.store.repository import Store

DAY = date(2026, 3, 2)


@pytest.fixture
def store(tmp_path):
    opened = Store.open(f"sqlite:///{tmp_path / 'compound.db'}")
    yield opened
    opened.close()


@pytest.fixture
def sums(store):
    """The statements that sum a book's reading logs, as they run."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        if "sum(reading_log" in statement.lower():
            seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    yield seen
    event.remove(store.engine, "before_cursor_execute", record)


def test_a_time_reached_in_an_audiobook_counts_its_logs_once(store, sums):
    store.add_book("Dune", total_minutes=600, status=BookStatus.READING, day=DAY)
    store.log_pages(day=DAY, book="Dune", minutes=100)
    sums.clear()
    logged = store.log_pages(day=DAY, book="Dune", to=Position(minute=200))
    assert logged.book is not None
    assert (logged.log.minutes, logged.book.minutes_read) == (100, 200)
    assert len(sums) == 1


def test_the_last_minute_finishes_an_audiobook_and_removing_it_reopens_it(store):
    store.add_book("Dune", total_minutes=600, status=BookStatus.READING, day=DAY)
    store.log_pages(day=DAY, book="Dune", minutes=500)
    last = store.log_pages(day=DAY, book="Dune", to=Position(minute=600))
    assert last.finished_book and last.book is not None
    assert (last.book.status, last.book.minutes_read) == (BookStatus.FINISHED, 600)
    removed = store.delete_entry(last.log.ref)
    assert removed.reopened_book is not None
    assert (removed.reopened_book.status, removed.reopened_book.minutes_read) == (
        BookStatus.READING,
        500,
    )


def test_pages_decide_for_a_book_with_both_lengths(store):
    store.add_book("Both", total_pages=100, total_minutes=600, status=BookStatus.READING, day=DAY)
    timed = store.log_pages(day=DAY, book="Both", minutes=600)  # all its minutes, no pages
    assert not timed.finished_book
    paged = store.log_pages(day=DAY, book="Both", pages=100)
    assert paged.finished_book and paged.book is not None
    assert (paged.book.pages_read, paged.book.minutes_read) == (100, 600)
