"""An e-reader's page reads kept through the store: two devices' statistics of the same
books add up to one file holding all their page reads, and a new day start or time
zone places the same reads on their new days without counting any twice."""

from __future__ import annotations

import sys
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import text

from compound.domain.imports import ReadOptions
from compound.exchange import koreader
from compound.store.repository import Store

sys.path.insert(0, str(Path(__file__).parent.parent / "fixtures" / "exchange"))
import koreader_stats  # noqa: E402

NIGHT_OWL = ReadOptions(day_starts_at=time(3), timezone="Europe/Berlin")
MD5_1 = "5a1f0c7e3b9d4e8f8a6b2c1d0e9f8a7b"  # 三体


@pytest.fixture
def open_store(database_url):
    first = Store.open(database_url)
    opened = [first]

    def make() -> Store:
        # Each a profile of its own, so several share the test's database.
        name = f"reader{len(opened)}"
        first.add_profile(name)
        opened.append(first.for_profile(name))
        return opened[-1]

    yield make
    first.close()


def days(store: Store) -> dict[str, tuple[date, int, int | None]]:
    """The profile's KOReader logs by import key: (day, pages, minutes)."""
    with store.engine.connect() as connection:
        found = connection.execute(
            text(
                "SELECT import_key, day, pages, minutes FROM reading_log "
                "WHERE profile_id = :profile AND import_key LIKE 'koreader:%'"
            ),
            {"profile": store.profile.id},
        ).all()
    return {
        key: (date.fromisoformat(str(day)[:10]), pages, minutes)
        for key, day, pages, minutes in found
    }


def totals(logged: dict) -> tuple[int, int]:
    return sum(p for _, p, _ in logged.values()), sum(m or 0 for _, _, m in logged.values())


def devices(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The sample reading split across an e-reader and a phone, and one file holding
    all of it. A third of the page reads were synchronised to both (the phone's copy
    of one of them ran longer); the phone numbers the books the other way round."""
    # Past a 03:00 day start, before a 04:00 one: a day start moves it to the 21st.
    rows = koreader_stats.reading() + koreader_stats.turns(2, 13, 4, "2026-11-22 03:20", 60, 352)
    ereader = [row for n, row in enumerate(rows) if n % 3 != 0]
    phone = [row for n, row in enumerate(rows) if n % 3 != 1]
    longer = phone[1]
    assert phone[1] in ereader  # read on both
    phone[1] = (*longer[:3], longer[3] + 50, longer[4])
    everything = [row for n, row in enumerate(rows) if n != rows.index(longer)] + [phone[1]]
    swap = {1: 2, 2: 1, 3: 3}
    phone_books = [(swap[b[0]], *b[1:]) for b in koreader_stats.BOOKS]
    phone = [(swap[row[0]], *row[1:]) for row in phone]
    return (
        koreader_stats.write(tmp_path / "ereader.sqlite3", ereader),
        koreader_stats.write(tmp_path / "phone.sqlite3", phone, phone_books),
        koreader_stats.write(tmp_path / "all.sqlite3", everything),
    )


def test_two_devices_add_up_to_one_file_of_all_their_page_reads(open_store, tmp_path):
    ereader, phone, everything = devices(tmp_path)
    one = open_store()
    one.import_batch(koreader.read(everything, NIGHT_OWL))
    expected = days(one)
    assert totals(expected) == (82, 111)
    for order in ((ereader, phone), (phone, ereader)):
        store = open_store()
        for path in order:
            store.import_batch(koreader.read(path, NIGHT_OWL))
        assert days(store) == expected
        # Each file again: nothing new.
        for path in order:
            summary = store.import_batch(koreader.read(path, NIGHT_OWL))
            assert summary.changed is False
            assert summary.reading_logs.unchanged == len(
                [log for log in koreader.read(path, NIGHT_OWL).logs]
            )
        assert days(store) == expected
        assert len(store.books()) == 2


def test_the_second_device_says_what_it_added(open_store, tmp_path):
    ereader, phone, _everything = devices(tmp_path)
    store = open_store()
    store.import_batch(koreader.read(ereader, NIGHT_OWL))
    summary = store.import_batch(koreader.read(phone, NIGHT_OWL))
    # Every day of both books holds some page reads only the phone had.
    assert (summary.reading_logs.added, summary.reading_logs.updated) == (0, 5)
    assert (summary.books.added, summary.books.unchanged) == (0, 2)
    with store.engine.connect() as connection:
        kept = connection.execute(
            text("SELECT link_key FROM page_reads WHERE profile_id = :p ORDER BY link_key"),
            {"p": store.profile.id},
        ).all()
    assert [key for (key,) in kept] == [
        "koreader:0b7e9d2c4a6f8e1d3c5b7a9f0e2d4c6b",
        f"koreader:{MD5_1}",
    ]


@pytest.mark.parametrize(
    "moved",
    [
        ReadOptions(day_starts_at=time(4), timezone="Europe/Berlin"),
        ReadOptions(day_starts_at=time(0), timezone="Europe/Berlin"),
        ReadOptions(day_starts_at=time(3), timezone="Asia/Tokyo"),
    ],
    ids=["04:00", "midnight", "tokyo"],
)
def test_a_new_day_start_or_zone_places_the_reads_again(open_store, tmp_path, moved):
    ereader, phone, everything = devices(tmp_path)
    fresh = open_store()
    fresh.import_batch(koreader.read(everything, moved))
    store = open_store()
    for path in (ereader, phone):
        store.import_batch(koreader.read(path, NIGHT_OWL))
    before = days(store)
    summary = store.import_batch(koreader.read(ereader, moved))
    assert summary.changed
    after = days(store)
    # Placed as a first import with these settings places them: no day counted twice.
    assert after == days(fresh)
    assert after != before
    assert totals(after) == totals(before)


def test_midnight_moves_the_night_read_to_its_calendar_day(open_store, tmp_path):
    _ereader, _phone, everything = devices(tmp_path)
    store = open_store()
    store.import_batch(koreader.read(everything, NIGHT_OWL))
    nineteenth = f"koreader:{MD5_1}:2026-11-19"
    assert days(store)[nineteenth] == (date(2026, 11, 19), 15, 20)
    summary = store.import_batch(
        koreader.read(everything, ReadOptions(day_starts_at=time(0), timezone="Europe/Berlin"))
    )
    after = days(store)
    assert nineteenth not in after  # its reads were after midnight: the 20th now
    assert after[f"koreader:{MD5_1}:2026-11-20"] == (date(2026, 11, 20), 15, 20)
    # One day's log added, one removed (counted as updated); the rest as they were.
    assert (summary.reading_logs.added, summary.reading_logs.updated) == (1, 1)


def test_a_dry_run_of_the_second_device_keeps_nothing(open_store, tmp_path):
    ereader, phone, _everything = devices(tmp_path)
    store = open_store()
    store.import_batch(koreader.read(ereader, NIGHT_OWL))
    before = days(store)
    summary = store.import_batch(koreader.read(phone, NIGHT_OWL), dry_run=True)
    assert summary.reading_logs.updated == 5
    assert days(store) == before
    # And the real import afterwards still finds the phone's reads new.
    assert store.import_batch(koreader.read(phone, NIGHT_OWL)).reading_logs.updated == 5


def test_days_imported_before_page_reads_were_kept_are_never_lowered(open_store, tmp_path):
    """Logs an earlier version imported came from page reads not kept here: a second
    device's file, imported after the upgrade, adds to those days but never brings a
    day below what it held; the first device's file again then counts every day from
    all the reads, as one file of them all does."""
    rows = koreader_stats.reading()
    # The e-reader turned every other page of the sample, the phone the others.
    ereader = koreader_stats.write(tmp_path / "ereader.sqlite3", rows[::2])
    phone = koreader_stats.write(tmp_path / "phone.sqlite3", rows[1::2])
    one = open_store()
    one.import_batch(koreader.read(koreader_stats.write(tmp_path / "all.sqlite3", rows), NIGHT_OWL))
    expected = days(one)
    store = open_store()
    store.import_batch(koreader.read(ereader, NIGHT_OWL))
    before = days(store)
    assert totals(before) < totals(expected)
    with store.engine.begin() as connection:  # as an earlier version left it: no reads kept
        connection.execute(
            text("DELETE FROM page_reads WHERE profile_id = :profile"),
            {"profile": store.profile.id},
        )
    store.import_batch(koreader.read(phone, NIGHT_OWL))
    after = days(store)
    for key, (_day, pages, minutes) in before.items():
        assert after[key][1] >= pages and (after[key][2] or 0) >= (minutes or 0), key
    store.import_batch(koreader.read(ereader, NIGHT_OWL))
    assert days(store) == expected
