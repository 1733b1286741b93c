"""Reading Amazon's Kindle session files: minutes read per book and logical day."""

from __future__ import annotations

import csv
from datetime import date, time

import kindle_files
import pytest
from kindle_files import CATCHER, GLIMPSE, HAIL_MARY, device_row
from sqlalchemy import text

from compound.domain.errors import InputError
from compound.domain.imports import ReadOptions
from compound.domain.records import BookStatus
from compound.exchange.kindle import read
from compound.store.repository import Store

BERLIN_NIGHT_OWL = ReadOptions(day_starts_at=time(3), timezone="Europe/Berlin")

EXPECTED_LOGS = [
    (HAIL_MARY, date(2026, 11, 18), 0, 45),
    # Started at 00:40 on the 20th, before the 03:00 day start, and ran past 01:00.
    (HAIL_MARY, date(2026, 11, 19), 0, 40),
    # Two glances of 20 seconds: one minute together.
    (HAIL_MARY, date(2026, 11, 20), 0, 1),
    (CATCHER, date(2026, 11, 21), 0, 20),
]


def logs(batch):
    return [(log.book_ref, log.day, log.pages, log.minutes) for log in batch.logs]


def test_insights_sessions_become_minutes_per_logical_day(tmp_path):
    path = kindle_files.write_insights(tmp_path / kindle_files.INSIGHTS)
    batch = read(path, BERLIN_NIGHT_OWL)
    assert logs(batch) == EXPECTED_LOGS
    assert [log.import_key for log in batch.logs][:2] == [
        f"kindle:{HAIL_MARY}:2026-11-18",
        f"kindle:{HAIL_MARY}:2026-11-19",
    ]
    assert [
        (b.ref, b.title, b.isbn, b.status, b.started_on, b.link_key, b.source) for b in batch.books
    ] == [
        (
            HAIL_MARY,
            "Project Hail Mary",
            None,
            BookStatus.READING,
            date(2026, 11, 18),
            f"kindle:{HAIL_MARY}",
            "kindle",
        ),
        # "Not Available" is no name; the ASIN of an older book is its ISBN-10.
        (
            CATCHER,
            f"Kindle book {CATCHER}",
            CATCHER,
            BookStatus.READING,
            date(2026, 11, 21),
            f"kindle:{CATCHER}",
            "kindle",
        ),
    ]
    # Ten seconds in a whole day is no minute: the day, and so the book, is left out.
    assert batch.skipped == ((f"ASIN {GLIMPSE}", "1 day of less than half a minute of reading"),)
    assert batch.repaired == ()


def test_the_devices_file_reads_alike(tmp_path):
    path = kindle_files.write_devices(tmp_path / kindle_files.DEVICES)
    batch = read(path, BERLIN_NIGHT_OWL)
    assert logs(batch) == EXPECTED_LOGS
    # This file names no book: the ASIN does.
    assert batch.books[0].title == f"Kindle book {HAIL_MARY}"


def test_the_day_follows_the_time_zone_and_the_day_start(tmp_path):
    path = kindle_files.write_insights(tmp_path / kindle_files.INSIGHTS)
    tokyo = read(path, ReadOptions(day_starts_at=time(0), timezone="Asia/Tokyo"))
    # 23:40 UTC on the 19th is 08:40 on the 20th in Tokyo, with the two glances (16:00).
    assert logs(tokyo)[1:3] == [
        (HAIL_MARY, date(2026, 11, 20), 0, 41),
        (CATCHER, date(2026, 11, 22), 0, 20),
    ]
    midnight = read(path, ReadOptions(day_starts_at=time(0), timezone="Europe/Berlin"))
    # With the day starting at midnight, 00:40 on the 20th is the 20th.
    assert logs(midnight) == [
        (HAIL_MARY, date(2026, 11, 18), 0, 45),
        (HAIL_MARY, date(2026, 11, 20), 0, 41),
        (CATCHER, date(2026, 11, 21), 0, 20),
    ]


def test_a_day_when_the_clocks_change_is_counted_by_the_clock_of_the_moment(tmp_path):
    # Berlin left summer time at 01:00 UTC on 25 October 2026 (03:00 became 02:00).
    sessions = [
        (HAIL_MARY, "2026-10-25T00:30:00", "2026-10-25T00:40:00", 600_000),  # 02:30 CEST
        (HAIL_MARY, "2026-10-25T01:30:00", "2026-10-25T01:40:00", 600_000),  # 02:30 CET
        (HAIL_MARY, "2026-10-25T02:30:00", "2026-10-25T02:40:00", 600_000),  # 03:30 CET
    ]
    path = kindle_files.write_insights(tmp_path / kindle_files.INSIGHTS, sessions)
    assert logs(read(path, BERLIN_NIGHT_OWL)) == [
        (HAIL_MARY, date(2026, 10, 24), 0, 20),
        (HAIL_MARY, date(2026, 10, 25), 0, 10),
    ]


BROKEN_ROWS = [
    device_row("Not Available", "2026-11-22T09:00:00", "2026-11-22T09:30:00", 1_800_000),
    device_row(HAIL_MARY, "Not Available", "2026-11-22T09:30:00", 1_800_000),
    # No reading time, but its start and end: counted from them (30 minutes).
    device_row(HAIL_MARY, "2026-11-22T10:00:00", "2026-11-22T10:30:00", "Not Available"),
    device_row(HAIL_MARY, "2026-11-22T11:00:00", "2026-11-22T11:30:00", "12e3x"),
    device_row(HAIL_MARY, "yesterday", "2026-11-22T11:30:00", 60_000),
    # The first session again, word for word.
    device_row(HAIL_MARY, "2026-11-18T19:00:00", "2026-11-18T19:30:05", 1_805_000),
]


def test_rows_with_missing_or_malformed_cells_are_left_out_and_listed(tmp_path):
    path = kindle_files.write_devices(tmp_path / kindle_files.DEVICES, extra_rows=BROKEN_ROWS)
    batch = read(path, BERLIN_NIGHT_OWL)
    assert logs(batch) == [
        *EXPECTED_LOGS[:3],
        (HAIL_MARY, date(2026, 11, 22), 0, 30),
        EXPECTED_LOGS[3],
    ]
    assert batch.repaired == (
        ("row 11", "no total_reading_millis (Not Available); counted from its start and end"),
    )
    assert batch.skipped[:5] == (
        ("row 9", "no ASIN (Not Available)"),
        ("row 10", "no start_timestamp (Not Available)"),
        ("row 12", "total_reading_millis '12e3x' is not a number of milliseconds"),
        ("row 13", "start_timestamp 'yesterday' is not a time like 2023-01-14T21:03:45.000Z"),
        ("row 14", "the same session as row 2"),
    )


def test_strict_refuses_the_file_at_its_first_problem(tmp_path):
    path = kindle_files.write_devices(tmp_path / kindle_files.DEVICES, extra_rows=BROKEN_ROWS)
    with pytest.raises(InputError) as refused:
        read(path, ReadOptions(timezone="Europe/Berlin", strict=True))
    assert str(refused.value) == f"{kindle_files.DEVICES}, row 9: no ASIN (Not Available)"


@pytest.mark.parametrize(
    ("content", "refusal"),
    [
        ("", "is empty"),
        ("Book Id,Title,Author\n1,Dune,Frank Herbert\n", "its header lacks ASIN"),
        (
            "ASIN,Product Name,Order Date\nB08FHBV4ZX,Project Hail Mary,2026-01-01\n",
            "is not a Kindle reading sessions file: expected the columns of",
        ),
    ],
)
def test_a_file_of_another_kind_is_refused_in_one_line(tmp_path, content, refusal):
    path = tmp_path / "sessions.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read(path, BERLIN_NIGHT_OWL)
    assert refusal in str(refused.value)
    assert "\n" not in str(refused.value)


def test_a_binary_file_is_refused(tmp_path):
    path = tmp_path / "export.zip"
    path.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00\xff\xfe\x00")
    with pytest.raises(InputError, match="not UTF-8 text"):
        read(path, BERLIN_NIGHT_OWL)


@pytest.fixture
def store(tmp_path):
    opened = Store.open(f"sqlite:///{tmp_path / 'compound.db'}")
    yield opened
    opened.close()


def stored_logs(store):
    with store.engine.connect() as connection:
        return connection.execute(
            text(
                "SELECT book.title, reading_log.day, reading_log.pages, reading_log.minutes, "
                "reading_log.import_key FROM reading_log JOIN book ON book.id = book_id "
                "ORDER BY reading_log.import_key"
            )
        ).all()


def test_importing_twice_adds_nothing(tmp_path, store):
    path = kindle_files.write_insights(tmp_path / kindle_files.INSIGHTS)
    first = store.import_batch(read(path, BERLIN_NIGHT_OWL))
    assert (first.books.added, first.reading_logs.added) == (2, 4)
    before = stored_logs(store)
    again = store.import_batch(read(path, BERLIN_NIGHT_OWL))
    assert not again.changed
    assert (again.books.unchanged, again.reading_logs.unchanged) == (2, 4)
    assert stored_logs(store) == before
    assert [(title, str(day)[:10], pages, minutes) for title, day, pages, minutes, _ in before] == [
        (f"Kindle book {CATCHER}", "2026-11-21", 0, 20),
        ("Project Hail Mary", "2026-11-18", 0, 45),
        ("Project Hail Mary", "2026-11-19", 0, 40),
        ("Project Hail Mary", "2026-11-20", 0, 1),
    ]


def test_the_other_file_of_the_same_export_counts_nothing_twice(tmp_path, store):
    devices = kindle_files.write_devices(tmp_path / kindle_files.DEVICES)
    store.import_batch(read(devices, BERLIN_NIGHT_OWL))
    # The insights file adjusted the 18th's second session to 14 minutes.
    adjusted = [
        (a, s, e, ms - 60_000 if s == "2026-11-18T21:10:00" else ms)
        for a, s, e, ms in kindle_files.SESSIONS
    ]
    insights = kindle_files.write_insights(tmp_path / kindle_files.INSIGHTS, adjusted)
    second = store.import_batch(read(insights, BERLIN_NIGHT_OWL))
    # The same books (linked by ASIN) and the same days: one updated, none added.
    assert (second.books.added, second.reading_logs.added) == (0, 0)
    assert (second.reading_logs.updated, second.reading_logs.unchanged) == (1, 3)
    minutes = [row[3] for row in stored_logs(store)]
    assert sum(minutes) == 44 + 40 + 1 + 20  # not 45 + 44 + ...: nothing counted twice


def test_an_export_folder_reads_both_files_and_takes_each_days_larger_count(tmp_path):
    folder = kindle_files.write_export(tmp_path / "Kindle")
    batch = read(folder, BERLIN_NIGHT_OWL)
    assert logs(batch) == [
        (HAIL_MARY, date(2026, 11, 18), 0, 46),  # the devices file's longer session
        (HAIL_MARY, date(2026, 11, 19), 0, 40),
        (HAIL_MARY, date(2026, 11, 20), 0, 1),  # only the insights file saw the glances
        (CATCHER, date(2026, 11, 21), 0, 20),
    ]
    assert batch.books[0].title == "Project Hail Mary"


def test_a_folder_without_session_files_is_refused(tmp_path):
    (tmp_path / "Retail.OrderHistory.1").mkdir()
    with pytest.raises(InputError, match="holds neither"):
        read(tmp_path, BERLIN_NIGHT_OWL)


# Rows as Amazon writes them, and every way a row may differ from that: each is read
# the same whether or not its ASIN cell is padded with a space (a padded cell is read
# row by row with every check; the usual one takes a quicker way).
A, B = "B00ABCDEF1", "0316769487"
VARIED_SESSIONS = [
    (A, "2026-03-28T22:30:00.000Z", "2026-03-28T22:40:00.000Z", "600000", "Dune"),
    # Berlin starts summer time at 01:00 UTC on 29 March 2026.
    (A, "2026-03-29T00:30:00.000Z", "2026-03-29T00:50:00.000Z", "1200000", "Dune"),
    (A, "2026-03-29T02:30:00Z", "2026-03-29T02:40:00Z", "600000", "Dune"),
    (A, "2026-03-28T22:30:00.000Z", "2026-03-28T22:40:00.000Z", "600000", "Dune"),
    (A, "2026-03-29T02:30:00Z", "2026-03-29T02:40:00Z ", "600000", "Dune"),
    (A, "2026-03-30 08:00:00", "2026-03-30 08:10:00", "600000", "Dune"),
    (A, "2026-03-30T09:00:00.000Z", "2026-03-30T09:20:00.000Z", "1200000.0", "Dune"),
    (A, "2026-03-30T10:00:00.000Z", "2026-03-30T10:30:00.000Z", "Not Available", "Dune"),
    (A, "2026-03-30T11:00:00.000Z", "2026-03-30T11:30:00.000Z", "90000000", "Dune"),
    (A, "2026-03-30T12:00:00.000Z", "2026-03-30T12:30:00.000Z", "０６０００００", "Dune"),
    (A, "2026-13-01T00:00:00.000Z", "2026-13-01T00:30:00.000Z", "600000", "Dune"),
    (A, "Not Available", "2026-03-30T13:30:00.000Z", "600000", "Dune"),
    (A, "2026-03-30T14:00:00.000+02:00", "2026-03-30T14:30:00.000+02:00", "600000", "Dune"),
    (A, "2026-03-30T15:00:00.000Z", "2026-03-30T15:30:00.000Z", "0001800000", "Dune"),
    (A, "20260331T101010Z", "20260331T102010Z", "600000", "Dune"),
    (A, "2026-03-31T23:59:59.999999Z", "2026-04-01T00:09:59Z", "600000", "Dune"),
    (A, " 2026-04-01T08:00:00.000Z", "2026-04-01T08:30:00.000Z", " 600000 ", "Dune"),
    (B, "2026-04-01T09:00:00.000Z", "2026-04-01T09:30:00.000Z", "1800000", "Not Available"),
    (B, "2026-04-01T10:00:00.000Z", "2026-04-01T10:30:00.000Z", "1800000", "Not Available"),
    (B, "2026-04-02T10:00:00.000Z", "2026-04-02T10:30:00.000Z", "1800000", " Franny "),
    (B, "2026-04-03T10:00:00.000Z", "2026-04-03T10:30:00.000Z", "1800000", "Zooey"),
    ("Not Available", "2026-04-03T11:00:00.000Z", "2026-04-03T11:30:00.000Z", "60000", "X"),
]


@pytest.mark.parametrize("timezone", ["Europe/Berlin", "Asia/Kathmandu"])
def test_every_row_reads_the_same_by_either_way(tmp_path, timezone):
    def write(path, pad):
        rows = [
            (f" {asin}" if pad and asin != "Not Available" else asin, end, title, "US", start, ms)
            for asin, start, end, ms, title in VARIED_SESSIONS
        ]
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(
                [
                    "ASIN",
                    "end_time",
                    "product_name",
                    "reading_marketplace",
                    "start_time",
                    "total_reading_milliseconds",
                ]
            )
            writer.writerows(rows)
        return path

    options = ReadOptions(day_starts_at=time(4, 30), timezone=timezone)
    (tmp_path / "plain").mkdir()
    (tmp_path / "padded").mkdir()
    plain = read(write(tmp_path / "plain" / kindle_files.INSIGHTS, False), options)
    padded = read(write(tmp_path / "padded" / kindle_files.INSIGHTS, True), options)
    assert plain == padded
    assert [b.title for b in plain.books] == ["Dune", "Franny"]
    assert ("row 5", "the same session as row 2") in plain.skipped
    assert ("row 6", "the same session as row 4") in plain.skipped
    assert len(plain.logs) > 5
