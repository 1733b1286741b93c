"""Adding many rows at once (store/bulk.py), on a tmp SQLite file and on PostgreSQL.

An import writes its books and logs outside the ORM; what it stores must read back
exactly as what the store writes itself, and the ids it hands out must be new ones.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from sqlalchemy import text

from compound.db import tables as t
from compound.domain.imports import ImportBatch, ImportedBook, ImportedLog
from compound.domain.records import BookStatus
from compound.store import bulk
from compound.store.repository import Store

DAY = date(2026, 3, 15)


@pytest.fixture
def store(database_url):
    opened = Store.open(database_url)
    yield opened
    opened.close()


def _book(n: int, **fields) -> ImportedBook:
    return ImportedBook(
        ref=f"row {n}", where=f"row {n}", title=f"Book {n} 三体 📈", source="goodreads", **fields
    )


def test_imported_books_and_logs_are_stored_as_the_store_stores_its_own(store):
    by_hand = store.add_book(
        "Dune", author="Frank Herbert", total_pages=412, status=BookStatus.READING, day=DAY
    )
    store.log_pages(day=DAY, pages=30, book="Dune")
    batch = ImportBatch(
        kind="test",
        source="test",
        books=(
            _book(
                1,
                author="Liu Cixin",
                total_pages=400,
                isbn="9780765382030",
                status=BookStatus.FINISHED,
                started_on=date(2026, 3, 1),
                finished_on=DAY,
            ),
        ),
        logs=(
            ImportedLog(
                where="log 1",
                day=DAY,
                pages=25,
                book_ref="row 1",
                minutes=40,
                created_at=datetime(2026, 3, 15, 21, 30, 5, 123456),
            ),
        ),
    )
    store.import_batch(batch)

    with store.engine.connect() as connection:
        books = connection.execute(
            text("SELECT id, started_on, finished_on, created_at FROM book ORDER BY id")
        ).all()
        logs = connection.execute(
            text("SELECT book_id, day, created_at FROM reading_log ORDER BY id")
        ).all()
    (own_id, *own), (imported_id, *imported) = books
    # Column by column the same kind of value (on SQLite: text in the same layout);
    # the book added by hand has been started, not finished.
    own_started, _own_finished, own_created = own
    assert [_shape(value) for value in imported] == [
        _shape(own_started),
        _shape(own_started),
        _shape(own_created),
    ]
    assert [_shape(value) for value in logs[1][1:]] == [_shape(value) for value in logs[0][1:]]
    assert logs[1].book_id == imported_id != own_id == by_hand.id

    imported_book = next(b for b in store.books() if b.id == imported_id)
    assert (
        imported_book.title,
        imported_book.started_on,
        imported_book.finished_on,
        imported_book.status,
        imported_book.pages_read,
    ) == ("Book 1 三体 📈", date(2026, 3, 1), DAY, BookStatus.FINISHED, 25)
    log = next(e for e in store.history(DAY, DAY) if e.pages == 25)
    assert log.minutes == 40


def _shape(value) -> str:
    """A value's type, and for text its layout: digits as 9."""
    if isinstance(value, str):
        return "text " + re.sub(r"\d", "9", value)
    return type(value).__name__


def test_new_books_never_take_the_id_of_a_removed_one(store):
    first = store.import_batch(
        ImportBatch(kind="test", source="a", books=tuple(_book(n) for n in range(3)))
    )
    assert first.books.added == 3
    newest = max(book.id for book in store.books())
    store.remove_book(f"#{newest}")
    store.import_batch(
        ImportBatch(kind="test", source="b", books=(_book(9, author="Someone Else"),))
    )
    ids = sorted(book.id for book in store.books())
    assert len(ids) == 3 and ids[-1] > newest


def test_many_rows_each_get_their_own_id(store):
    count = 1_207
    rows = [
        (store.profile.id, f"Title {n}", "to-read", "test", datetime(2026, 1, 1))
        for n in range(count)
    ]
    with store.engine.begin() as connection:
        ids = bulk.insert_rows(
            connection,
            t.Book.__table__,
            ("profile_id", "title", "status", "source", "created_at"),
            rows,
            new_ids=True,
        )
        stored = dict(connection.execute(text("SELECT id, title FROM book")).all())
    assert len(set(ids)) == count
    assert [stored[id_] for id_ in ids] == [f"Title {n}" for n in range(count)]


def test_a_column_left_out_gets_its_default(store):
    with store.engine.begin() as connection:
        bulk.insert_rows(
            connection,
            t.Book.__table__,
            ("profile_id", "title"),
            [(store.profile.id, "Left to its defaults")],
        )
    (book,) = store.books()
    assert (book.title, book.status, book.source) == (
        "Left to its defaults",
        BookStatus.TO_READ,
        "manual",
    )


def test_nothing_to_insert_inserts_nothing(store):
    with store.engine.begin() as connection:
        assert bulk.insert_rows(connection, t.Book.__table__, ("title",), [], new_ids=True) == []
    assert store.books() == []
