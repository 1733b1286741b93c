"""Applying an import batch (store/imports.py, store/bulk.py): what a second import
finds of the first, and the text SQLite is handed, on a tmp SQLite file and on
PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlalchemy.dialects import sqlite

from compound.db import tables as t
from compound.domain.errors import InputError
from compound.domain.imports import ImportBatch, ImportedLog, ImportedSession, ImportedSkip
from compound.domain.records import SessionKind
from compound.store import bulk
from compound.store.repository import Store

DAY = date(2026, 3, 15)


@pytest.fixture
def store(database_url):
    opened = Store.open(database_url)
    yield opened
    opened.close()


def _log(n: int, pages: int, key: str | None = None, **fields) -> ImportedLog:
    return ImportedLog(
        where=f"row {n}", day=DAY - timedelta(n), pages=pages, import_key=key, **fields
    )


def _batch(*logs: ImportedLog, sessions=(), skips=()) -> ImportBatch:
    return ImportBatch(
        kind="test", source="test", logs=tuple(logs), sessions=tuple(sessions), skips=tuple(skips)
    )


def test_a_second_import_updates_keyed_logs_and_counts_the_others(store):
    # Entries without an import key are known again by every field, their moment of
    # creation included.
    moment = datetime(2026, 3, 15, 21, 30, tzinfo=UTC)
    session = ImportedSession(
        where="row 9",
        day=DAY,
        minutes=30,
        kind=SessionKind.COURSE,
        topic="Lectures",
        created_at=moment,
    )
    first = _batch(
        _log(1, 20, "test:1"),
        _log(2, 30, "test:2"),
        _log(3, 10, created_at=moment),
        _log(3, 10, created_at=moment),  # two identical entries stay two
        sessions=[session],
        skips=[ImportedSkip(where="row 10", day=DAY - timedelta(5))],
    )
    summary = store.import_batch(first)
    assert (summary.reading_logs.added, summary.sessions.added, summary.skips.added) == (4, 1, 1)

    second = _batch(
        _log(1, 25, "test:1", minutes=40),  # the source now says more
        _log(2, 30, "test:2"),
        _log(3, 10, created_at=moment),
        _log(3, 10, created_at=moment),
        _log(3, 10, created_at=moment),  # a third one is new
        sessions=[session],
        skips=[ImportedSkip(where="row 10", day=DAY - timedelta(5))],
    )
    summary = store.import_batch(second)
    logs = summary.reading_logs
    assert (logs.added, logs.updated, logs.unchanged) == (1, 1, 3)
    assert (summary.sessions.added, summary.sessions.unchanged) == (0, 1)
    assert (summary.skips.added, summary.skips.unchanged) == (0, 1)
    with store.engine.connect() as connection:
        keyed = connection.execute(
            text("SELECT import_key, pages, minutes FROM reading_log WHERE import_key IS NOT NULL")
        ).all()
        plain = connection.execute(
            text("SELECT COUNT(*) FROM reading_log WHERE import_key IS NULL")
        ).scalar()
    assert sorted(map(tuple, keyed)) == [("test:1", 25, 40), ("test:2", 30, None)]
    assert plain == 3
    assert store.import_batch(second).reading_logs.added == 0


def test_another_profiles_records_are_not_this_ones(store):
    batch = _batch(_log(1, 20, "test:1"), _log(2, 30, created_at=datetime(2026, 3, 1, tzinfo=UTC)))
    store.add_profile("ana")
    other = store.for_profile("ana")
    assert store.import_batch(batch).reading_logs.added == 2
    assert other.import_batch(batch).reading_logs.added == 2
    assert other.import_batch(batch).reading_logs.unchanged == 2


def test_a_key_given_twice_to_new_logs_is_refused_and_nothing_is_stored(store):
    with pytest.raises(InputError, match="row 2: import key 'test:1'"):
        store.import_batch(_batch(_log(1, 20, "test:1"), _log(2, 30, "test:1")))
    assert store.history(DAY - timedelta(10), DAY) == []


def test_columns_given_in_any_order_land_in_their_own(store):
    columns = ("created_at", "title", "total_minutes", "profile_id", "status", "started_on")
    made = datetime(2026, 1, 2, 3, 4, 5, 6)
    rows = [(made, f"Book {n}", 60 + n, store.profile.id, "reading", DAY) for n in range(3)]
    with store.engine.begin() as connection:
        ids = bulk.insert_rows(connection, t.Book.__table__, columns, rows, new_ids=True)
    books = {book.id: book for book in store.books()}
    assert [(books[i].title, books[i].total_minutes, books[i].started_on) for i in ids] == [
        (f"Book {n}", 60 + n, DAY) for n in range(3)
    ]


MOMENTS = [
    datetime(2026, 3, 15, 7, 30),
    datetime(2026, 3, 15, 7, 30, 0, 1),
    datetime(1, 1, 1),
    datetime(999, 12, 31, 23, 59, 59, 999999),
    datetime(9999, 12, 31, 23, 59, 59, 999999),
    datetime(2026, 3, 15, 7, 30, tzinfo=UTC),
    datetime(2026, 3, 15, 7, 30, 5, 250, tzinfo=timezone(timedelta(hours=-9, minutes=-30))),
    datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=ZoneInfo("Europe/Berlin")),
    None,
]
DAYS = [date(2026, 3, 15), date(1, 1, 1), date(999, 1, 2), date(9999, 12, 31), None]


@pytest.mark.parametrize(
    ("column", "values"),
    [
        (t.Book.__table__.c.created_at, MOMENTS),
        (t.Book.__table__.c.started_on, DAYS + [datetime(2026, 3, 15, 23, 59)]),
        (t.ReadingLog.__table__.c.started_book, [True, False, True, None, 1, 0]),
    ],
    ids=["moments", "days", "flags"],
)
def test_sqlite_is_handed_the_text_sqlalchemy_would_hand_it(column, values):
    dialect = sqlite.dialect()
    own = column.type.dialect_impl(dialect).bind_processor(dialect)
    convert = bulk._converter(column, dialect)
    assert convert is not None
    # Each value alone, then all of them twice over, so that repeats are met.
    for value in values:
        assert convert([value]) == [own(value)]
    assert convert(values * 2) == [own(value) for value in values * 2]
