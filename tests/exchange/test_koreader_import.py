"""Reading KOReader's statistics database: page turns become daily pages and minutes."""

from __future__ import annotations

import sqlite3
from datetime import date, time

import koreader_stats
import pytest

from compound.domain.errors import InputError
from compound.domain.imports import ReadOptions
from compound.domain.records import BookStatus
from compound.exchange.koreader import read

BERLIN_NIGHT_OWL = ReadOptions(day_starts_at=time(3), timezone="Europe/Berlin")
MD5 = "5a1f0c7e3b9d4e8f8a6b2c1d0e9f8a7b"


@pytest.fixture
def stats(tmp_path):
    return koreader_stats.write(tmp_path / "statistics.sqlite3")


def logs(batch):
    return [(log.book_ref, log.day, log.pages, log.minutes) for log in batch.logs]


def test_page_turns_become_pages_and_minutes_per_logical_day(stats):
    before = stats.read_bytes()
    batch = read(stats, BERLIN_NIGHT_OWL)
    assert logs(batch) == [
        ("book 1", date(2026, 11, 18), 20, 30),
        # 01:30 on the 20th, before the 03:00 day start: still the 19th.
        ("book 1", date(2026, 11, 19), 15, 20),
        # 42 turns in a 420-page layout are pages 51-80 of 302, plus page 200 read twice;
        # 1,950 seconds.
        ("book 1", date(2026, 11, 21), 31, 32),
        ("book 2", date(2026, 11, 21), 12, 24),
    ]
    assert [
        (b.ref, b.title, b.author, b.total_pages, b.status, b.started_on, b.link_key)
        for b in batch.books
    ] == [
        (
            "book 1",
            "三体",
            "刘慈欣",
            302,
            BookStatus.READING,
            date(2026, 11, 18),
            f"koreader:{MD5}",
        ),
        (
            "book 2",
            "The Pragmatic Programmer",
            "Andrew Hunt, David Thomas",
            352,
            BookStatus.READING,
            date(2026, 11, 21),
            "koreader:0b7e9d2c4a6f8e1d3c5b7a9f0e2d4c6b",
        ),
    ]
    assert batch.logs[0].import_key == f"koreader:{MD5}:2026-11-18"
    assert batch.skipped == (
        ("page_stat_data", "2 page reads of no time at all"),
        ("book 3 (notes-2026-11)", "no page reads"),
    )
    assert stats.read_bytes() == before  # the person's file is only read


def test_the_day_follows_the_day_start_and_the_time_zone(stats):
    midnight = read(stats, ReadOptions(day_starts_at=time(0), timezone="Europe/Berlin"))
    assert [day for _, day, _, _ in logs(midnight)][:2] == [date(2026, 11, 18), date(2026, 11, 20)]
    # 21:00 in Berlin is 05:00 the next morning in Tokyo.
    tokyo = read(stats, ReadOptions(day_starts_at=time(3), timezone="Asia/Tokyo"))
    assert [day for _, day, _, _ in logs(tokyo)][:2] == [date(2026, 11, 19), date(2026, 11, 20)]


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "statistics.sqlite3"
    path.write_text("not a database\n" * 50)
    with pytest.raises(InputError, match="^statistics.sqlite3 is not a SQLite database"):
        read(path, BERLIN_NIGHT_OWL)


def test_a_database_without_koreaders_tables_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE book (id INTEGER, name TEXT)")
    with pytest.raises(
        InputError,
        match="^other.sqlite3 is not a KOReader statistics "
        "database: table book lacks authors, md5, pages, title",
    ):
        read(path, BERLIN_NIGHT_OWL)


def test_a_book_without_a_current_page_count_counts_pages_as_turned(tmp_path):
    path = koreader_stats.write(
        tmp_path / "s.sqlite3",
        books=[(7, "", "N/A", None, None)],
        rows=koreader_stats.turns(7, 1, 5, "2026-11-21 10:00", total_pages=300),
    )
    batch = read(path, BERLIN_NIGHT_OWL)
    (book,) = batch.books
    assert (book.title, book.author, book.total_pages, book.link_key) == (
        "KOReader book 7",
        None,
        None,
        "koreader:book-7",
    )
    assert logs(batch) == [("book 7", date(2026, 11, 21), 5, 5)]
