"""Reading KOReader's statistics database: page turns become daily pages and minutes."""

from __future__ import annotations

import sqlite3
from array import array
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


# -- Readest, which keeps its statistics in KOReader's schema -----------------------------

# KOReader's two tables, with columns of Readest's own beside them and a table KOReader
# does not have; no `numbers` table and no `page_stat` view.
READEST_DDL = """
CREATE TABLE book (
    id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT, authors TEXT, notes INTEGER,
    last_open INTEGER, highlights INTEGER, pages INTEGER, series TEXT, language TEXT,
    md5 TEXT, total_read_time INTEGER, total_read_pages INTEGER, book_hash TEXT,
    format TEXT
);
CREATE TABLE page_stat_data (
    id_book INTEGER, page INTEGER NOT NULL DEFAULT 0, start_time INTEGER NOT NULL DEFAULT 0,
    duration INTEGER NOT NULL DEFAULT 0, total_pages INTEGER NOT NULL DEFAULT 0,
    progress REAL,
    UNIQUE (id_book, page, start_time), FOREIGN KEY(id_book) REFERENCES book(id)
);
CREATE TABLE reading_session (id INTEGER PRIMARY KEY, id_book INTEGER, started INTEGER);
"""


def write_readest(path):
    con = sqlite3.connect(path)
    with con:
        con.executescript(READEST_DDL)
        con.execute(
            "INSERT INTO book (id, title, authors, pages, md5, book_hash, format) "
            "VALUES (1, 'Piranesi', 'Susanna Clarke', 272, ?, 'c0ffee', 'EPUB')",
            (MD5,),
        )
        con.executemany(
            "INSERT INTO page_stat_data VALUES (?, ?, ?, ?, ?, ?)",
            [
                (*row, row[1] / 272)
                for row in koreader_stats.turns(1, 1, 9, "2026-11-21 22:00", 70, 272)
            ],
        )
        con.execute("INSERT INTO reading_session VALUES (1, 1, 0)")
    con.close()
    return path


def test_readest_statistics_import_under_either_name(tmp_path):
    from compound.exchange.registry import importer

    path = write_readest(tmp_path / "statistics.sqlite3")
    readest = importer("readest").read(path, BERLIN_NIGHT_OWL)
    assert readest.kind == "readest"
    assert logs(readest) == [("book 1", date(2026, 11, 21), 9, 10)]
    (book,) = readest.books
    assert (book.title, book.author, book.source, book.link_key) == (
        "Piranesi",
        "Susanna Clarke",
        "readest",
        f"koreader:{MD5}",
    )
    # The same reads, kept under the same link: a KOReader device's file adds to them.
    assert readest.page_reads == importer("koreader").read(path, BERLIN_NIGHT_OWL).page_reads


def test_a_readest_file_without_the_page_reads_is_refused_by_its_name(tmp_path):
    from compound.exchange.registry import importer

    path = tmp_path / "statistics.sqlite3"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE book (id INTEGER, title TEXT, authors TEXT, pages, md5)")
    with pytest.raises(
        InputError, match="^statistics.sqlite3 is not a Readest statistics database: it has no"
    ):
        importer("readest").read(path, BERLIN_NIGHT_OWL)


# -- salvage and strict --------------------------------------------------------------------


def test_strict_refuses_the_file_at_its_first_impossible_page_read(stats):
    # Salvaged: the two reads of no time at all are left out and listed.
    assert read(stats, BERLIN_NIGHT_OWL).skipped[0] == (
        "page_stat_data",
        "2 page reads of no time at all",
    )
    strict = ReadOptions(time(3), "Europe/Berlin", strict=True)
    # Row 92 of the sample is the first of them (page 13 of the second book).
    with pytest.raises(
        InputError, match=r"^statistics.sqlite3, page_stat_data row 92: a page read of no time"
    ):
        read(stats, strict)


def test_strict_takes_a_file_without_problems(tmp_path):
    path = koreader_stats.write(
        tmp_path / "s.sqlite3", rows=koreader_stats.turns(1, 1, 5, "2026-11-21 10:00")
    )
    strict = ReadOptions(time(3), "Europe/Berlin", strict=True)
    assert logs(read(path, strict)) == [("book 1", date(2026, 11, 21), 5, 5)]


def test_page_reads_of_every_kind_of_impossible_are_left_out_and_listed(tmp_path):
    rows = koreader_stats.turns(1, 1, 3, "2026-11-21 10:00") + [
        (99, 1, koreader_stats.at("2026-11-21 11:00"), 60, 302),  # no such book
        (1, 0, koreader_stats.at("2026-11-21 11:01"), 60, 302),  # no page
        (1, "seven", koreader_stats.at("2026-11-21 11:02"), 60, 302),  # a page as text
        (1, 8, koreader_stats.at("2026-11-21 11:03"), -5, 302),  # negative time
        (1, 2_000_000, koreader_stats.at("2026-11-21 11:04"), 60, 302),  # past any book
        (1, 9, koreader_stats.at("2026-11-21 11:05"), 90_000, 302),  # more than a day
        (1, 10, 2**40, 60, 302),  # the year 36812
        (1, 11, koreader_stats.at("2026-11-21 11:06"), 60, "many"),  # layout: as turned
    ]
    batch = read(koreader_stats.write(tmp_path / "s.sqlite3", rows=rows), BERLIN_NIGHT_OWL)
    assert batch.skipped[:6] == (
        ("page_stat_data", "1 page read of a book the file does not list"),
        ("page_stat_data", "2 page reads without a page or a time"),
        ("page_stat_data", "1 page read of no time at all"),
        ("page_stat_data", "1 page read beyond the last page of any book"),
        ("page_stat_data", "1 page read of more than a day on one page"),
        ("page_stat_data", "1 page read at a time no calendar holds"),
    )
    assert logs(batch) == [("book 1", date(2026, 11, 21), 4, 4)]


# -- the pure counting --------------------------------------------------------------------


def test_days_are_placed_as_each_reads_own_local_time_would_place_them():
    """Days found at their edges agree with converting every read, across the clocks'
    changes (Berlin's hour back on 2026-10-25 at 03:00, forward on 2026-03-29)."""
    import random
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from compound.domain.days import logical_day
    from compound.domain.page_reads import PageReads, days

    rng = random.Random(7)
    base = koreader_stats.at("2026-03-27 00:00")
    starts = sorted({base + rng.randrange(0, 240 * 86_400) for _ in range(3000)})
    starts += [koreader_stats.at("2026-10-25 01:00") + 60 * n for n in range(240)]
    starts = sorted(set(starts))
    reads = PageReads(
        array("q", starts),
        array("q", [1 + n % 300 for n in range(len(starts))]),
        array("q", [30] * len(starts)),
        array("q", [302] * len(starts)),
    )
    for zone, start in (
        ("Europe/Berlin", time(3)),
        ("Europe/Berlin", time(2, 30)),
        ("America/St_Johns", time(0)),
    ):
        counted, outside = days(reads, 302, start, zone)
        expected: dict = {}
        for moment, page in zip(reads.starts, reads.pages, strict=True):
            local = datetime.fromtimestamp(moment, ZoneInfo(zone)).replace(tzinfo=None)
            expected.setdefault(logical_day(local, start), set()).add(page)
        assert outside == 0
        assert [(d.day, d.pages) for d in counted] == [
            (day, len(pages)) for day, pages in sorted(expected.items())
        ]
        assert sum(d.seconds for d in counted) == 30 * len(starts)


def test_page_reads_pack_and_merge_as_one_read_per_page_and_moment():
    from compound.domain.page_reads import PageReads, merge, pack, unpack

    one = PageReads(
        array("q", [10, 20, 30]),
        array("q", [1, 2, 3]),
        array("q", [5, 5, 5]),
        array("q", [300, 300, 0]),
    )
    other = PageReads(
        array("q", [20, 25]), array("q", [2, 9]), array("q", [8, 4]), array("q", [300, 310])
    )
    merged = merge(one, other)
    assert [tuple(c) for c in merged] == [
        (10, 20, 25, 30),
        (1, 2, 9, 3),
        (5, 8, 4, 5),  # the read on both kept once, with the longer time
        (300, 300, 310, 0),
    ]
    assert unpack(pack(merged)) == merged
    assert merge(merged, one) == merged and merge(other, merged) == merged
    with pytest.raises(ValueError):
        unpack(pack(merged)[:-8])
