"""Imports, exports and profiles through the store, on a tmp SQLite file and on PostgreSQL."""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import text

from compound.domain.errors import InputError, NotFoundError
from compound.domain.imports import ImportBatch, ImportedBook, ImportedLog, ReadOptions
from compound.domain.records import BookStatus, GoalKind, SessionKind
from compound.exchange import compound_json, goodreads, koreader, storygraph
from compound.store.repository import Store
from compound.words.records import profile_contents

SAMPLES = Path(__file__).parent.parent / "fixtures" / "exchange"
sys.path.insert(0, str(SAMPLES))
import koreader_stats  # noqa: E402
from sample_data import without_ids  # noqa: E402

TODAY = date(2026, 11, 22)
NIGHT_OWL = ReadOptions(day_starts_at=time(3), timezone="Europe/Berlin")
TABLES = ("profile", "book", "reading_log", "learning_session", "goal", "skip")


@pytest.fixture
def store(database_url):
    opened = Store.open(database_url)
    yield opened
    opened.close()


def rows(store: Store) -> dict[str, list[tuple]]:
    with store.engine.connect() as connection:
        return {
            table: connection.execute(text(f"SELECT * FROM {table} ORDER BY id")).all()
            for table in TABLES
        }


def tallies(summary) -> dict[str, tuple[int, int, int]]:
    return {
        name: (t.added, t.updated, t.unchanged)
        for name, t in (
            ("books", summary.books),
            ("logs", summary.reading_logs),
            ("sessions", summary.sessions),
            ("goals", summary.goals),
            ("skips", summary.skips),
        )
    }


def test_each_kind_of_import_twice_adds_nothing_the_second_time(store):
    batches = [
        goodreads.read(SAMPLES / "goodreads_library_export_2024.csv", NIGHT_OWL),
        storygraph.read(SAMPLES / "storygraph_export.csv", NIGHT_OWL),
    ]
    first = [store.import_batch(batch) for batch in batches]
    assert [tallies(s)["books"] for s in first] == [(10, 0, 0), (9, 0, 0)]
    stored = rows(store)
    again = [store.import_batch(batch) for batch in batches]
    assert [tallies(s)["books"] for s in again] == [(0, 0, 10), (0, 0, 9)]
    assert not any(s.changed for s in again)
    assert rows(store) == stored
    # The 2026 layout of the same library is the same library.
    newer = store.import_batch(
        goodreads.read(SAMPLES / "goodreads_library_export_2026.csv", NIGHT_OWL)
    )
    assert tallies(newer)["books"] == (0, 0, 10)
    assert rows(store) == stored


def test_a_dry_run_says_what_an_import_would_do_and_writes_nothing(store):
    store.add_book("Dune", status=BookStatus.TO_READ)
    before = rows(store)
    batch = goodreads.read(SAMPLES / "goodreads_library_export_2025.csv", NIGHT_OWL)
    rehearsal = store.import_batch(batch, dry_run=True)
    assert rehearsal.dry_run and tallies(rehearsal)["books"] == (10, 0, 0)
    assert rows(store) == before
    real = store.import_batch(batch)
    assert not real.dry_run and tallies(real) == tallies(rehearsal)


def test_an_import_that_fails_half_way_leaves_nothing(store):
    store.log_pages(day=TODAY, pages=5)
    before = rows(store)
    broken = ImportBatch(
        kind="test",
        source="broken.json",
        books=(ImportedBook(ref="1", where="books[0]", title="Dune"),),
        logs=(
            ImportedLog(where="reading_logs[0]", day=TODAY, pages=10, book_ref="1"),
            ImportedLog(where="reading_logs[1]", day=TODAY, pages=10, book_ref="7"),
        ),
    )
    with pytest.raises(InputError, match=r"reading_logs\[1\]: names a book the file does not"):
        store.import_batch(broken)
    assert rows(store) == before

    def interrupt(_n):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.import_batch(
            goodreads.read(SAMPLES / "goodreads_library_export_2024.csv", NIGHT_OWL),
            progress=interrupt,
        )
    assert rows(store) == before


def test_books_already_on_the_shelf_are_recognised_and_moved_forward(store):
    # Added by hand before the import: no author, no ISBN, to read.
    store.add_book("Surely You're Joking, Mr. Feynman!: Adventures of a Curious Character")
    store.add_book(
        "Norwegian Wood",
        author="Haruki Murakami",
        total_pages=296,
        isbn="0375704027",
        status=BookStatus.READING,
        day=date(2024, 1, 20),
    )
    summary = store.import_batch(
        goodreads.read(SAMPLES / "goodreads_library_export_2024.csv", NIGHT_OWL)
    )
    assert tallies(summary)["books"] == (8, 2, 0)
    feynman = store.book("Surely")
    assert (
        feynman.status,
        feynman.finished_on,
        feynman.author,
        feynman.total_pages,
        feynman.isbn,
        feynman.source,
    ) == (
        BookStatus.FINISHED,
        date(2023, 11, 5),
        "Richard P. Feynman",
        391,
        "9780393316049",
        "manual",
    )
    # Matched by its ISBN-10 (the import carries the ISBN-13 too, the book keeps its own).
    wood = store.book("Norwegian Wood")
    assert (wood.status, wood.started_on, wood.finished_on) == (
        BookStatus.FINISHED,
        date(2024, 1, 20),
        date(2024, 2, 11),
    )
    assert len(store.books()) == 10


def test_a_newer_koreader_file_updates_its_days_and_keeps_its_book(store, tmp_path):
    first = koreader_stats.write(tmp_path / "first.sqlite3")
    summary = store.import_batch(koreader.read(first, NIGHT_OWL))
    assert tallies(summary)["books"] == (2, 0, 0) and tallies(summary)["logs"] == (4, 0, 0)
    store.edit_book("三体", title="The Three-Body Problem")  # renamed here since
    later = (
        koreader_stats.reading()
        + koreader_stats.turns(1, 81, 10, "2026-11-21 22:00")
        + koreader_stats.turns(1, 91, 8, "2026-11-22 07:00")
    )
    newer = koreader_stats.write(tmp_path / "newer.sqlite3", rows=later)
    summary = store.import_batch(koreader.read(newer, NIGHT_OWL))
    assert tallies(summary)["books"] == (0, 0, 2)
    assert tallies(summary)["logs"] == (1, 1, 3)  # Nov 22 added, Nov 21 grew
    books = store.books()
    assert sorted(b.title for b in books) == ["The Pragmatic Programmer", "The Three-Body Problem"]
    three_body = next(b for b in books if b.title == "The Three-Body Problem")
    assert three_body.pages_read == 20 + 15 + (31 + 10) + 8
    logs = store.history(date(2026, 11, 21), TODAY)
    assert sorted((e.day, e.pages, e.minutes) for e in logs if e.book_id == three_body.id) == [
        (date(2026, 11, 21), 41, 42),
        (TODAY, 8, 8),
    ]
    assert store.import_batch(koreader.read(newer, NIGHT_OWL)).changed is False


def _populate(store: Store) -> None:
    first = store.add_book(
        "Dune",
        author="Frank Herbert",
        total_pages=40,
        isbn="9780441013593",
        status=BookStatus.READING,
        day=date(2026, 9, 1),
    )
    store.log_pages(
        day=date(2026, 9, 1),
        pages=20,
        book=str(first.id),
        minutes=30,
        note='first night 🏜️\n"spice" must flow',
    )
    store.log_pages(day=date(2026, 9, 2), pages=20, book=str(first.id))  # finishes it
    reread = store.add_book("Dune", author="Frank Herbert", total_pages=40, isbn="9780441013593")
    store.log_pages(day=date(2026, 11, 20), pages=7, book=str(reread.id))  # starts the reread
    store.add_book("ノルウェイの森", author="村上春樹")
    store.add_book("ノルウェイの森", author="村上春樹")  # the same book twice, on purpose
    store.log_pages(day=date(2026, 11, 21), pages=5, book=f"#{reread.id}")
    store.log_pages(day=date(2026, 11, 21), pages=5, book=f"#{reread.id}")
    store.log_session(
        day=date(2026, 11, 21), minutes=45, kind=SessionKind.PODCAST, topic="Ἀρχιμήδης 🎧"
    )
    store.set_goal(GoalKind.DAILY_PAGES, 10, since=date(2026, 9, 1))
    store.set_goal(
        GoalKind.DAILY_PAGES,
        15,
        since=date(2026, 11, 1),
        schedule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    )
    store.add_skips(date(2026, 12, 24), date(2026, 12, 26), "family 🎄")


def test_json_round_trips_exactly_into_an_empty_profile_and_an_empty_database(
    store, database_url, tmp_path
):
    _populate(store)
    exported = compound_json.document(store.export_data(TODAY))
    path = tmp_path / "export.json"
    path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    batch = compound_json.read(path, ReadOptions())

    store.add_profile("copy")
    copy = Store.open(database_url, "copy")
    elsewhere = Store.open(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        for target in (copy, elsewhere):
            summary = target.import_batch(batch)
            assert tallies(summary) == {
                "books": (4, 0, 0),
                "logs": (5, 0, 0),
                "sessions": (1, 0, 0),
                "goals": (2, 0, 0),
                "skips": (3, 0, 0),
            }
            again = compound_json.document(target.export_data(TODAY))
            assert without_ids(again) == without_ids(exported)
            assert not target.import_batch(batch).changed  # and importing again adds nothing
    finally:
        copy.close()
        elsewhere.close()
    assert "🏜️" in path.read_text(encoding="utf-8")


def test_a_goal_that_differs_from_the_one_here_is_kept_as_it_is_here(store, tmp_path):
    store.set_goal(GoalKind.DAILY_PAGES, 25, since=date(2026, 11, 1))
    doc = compound_json.document(store.export_data(TODAY))
    doc["goals"][0]["target"] = 40
    doc["goals"].append({"kind": "yearly-books", "target": 30, "since": "2026-01-01"})
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    summary = store.import_batch(compound_json.read(path, ReadOptions()))
    assert tallies(summary)["goals"] == (1, 0, 0)
    assert summary.skipped == [
        ("goals[0]", "the daily-pages goal from 2026-11-01 is 25 here, 40 in the file; kept 25")
    ]
    assert [(g.kind, g.target) for g in store.goal_timeline().in_force(TODAY)] == [
        (GoalKind.DAILY_PAGES, 25),
        (GoalKind.YEARLY_BOOKS, 30),
    ]


def test_an_export_of_a_period_holds_its_records_and_the_books_they_need(store):
    _populate(store)
    data = store.export_data(TODAY, since=date(2026, 11, 1), until=date(2026, 11, 21))
    assert [log.day for log in data.reading_logs] == [
        date(2026, 11, 20),
        date(2026, 11, 21),
        date(2026, 11, 21),
    ]
    assert [(b.title, b.status) for b in data.books] == [("Dune", BookStatus.READING)]
    assert [s.day for s in data.sessions] == [date(2026, 11, 21)]
    assert data.skips == ()  # the planned skips are after the period
    assert [g.target for g in data.goals] == [10, 15]  # with their history
    september = store.export_data(TODAY, since=date(2026, 9, 1), until=date(2026, 9, 30))
    assert [(b.title, b.status) for b in september.books] == [("Dune", BookStatus.FINISHED)]
    assert [g.target for g in september.goals] == [10]


def test_profiles_are_added_listed_and_removed_with_everything_in_them(store, database_url):
    store.log_pages(day=TODAY, pages=3)
    ana = store.add_profile("Ana_María")
    with pytest.raises(InputError, match="there is already a profile named 'Ana_María'"):
        store.add_profile("ANA_MARÍA")
    hers = Store.open(database_url, ana.name)
    _populate(hers)
    hers.close()
    listed = {
        p.name: (p.books, p.reading_logs, p.sessions, p.goals, p.skips) for p in store.profiles()
    }
    assert listed == {"default": (0, 1, 0, 0, 0), "Ana_María": (4, 5, 1, 2, 3)}
    held = store.remove_profile("Ana_María")
    assert profile_contents(held) == (
        "4 books, 5 reading logs, 1 learning session, 2 goals and 3 skip days"
    )
    assert [p.name for p in store.profiles()] == ["default"]
    assert {t: len(r) for t, r in rows(store).items()} == {
        "profile": 1,
        "book": 0,
        "reading_log": 1,
        "learning_session": 0,
        "goal": 0,
        "skip": 0,
    }
    with pytest.raises(NotFoundError, match="there is no profile named 'Ana_María'"):
        store.remove_profile("Ana_María")
    with pytest.raises(InputError, match="the 'default' profile cannot be removed"):
        store.remove_profile("default")


def test_the_import_key_revision_keeps_ids_from_ever_being_reused(tmp_path):
    path = tmp_path / "compound.db"
    path.write_bytes((Path(__file__).parent.parent / "fixtures" / "rev-0001.sqlite").read_bytes())
    Store.open(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as con:
        schema = con.execute("SELECT sql FROM sqlite_master WHERE name = 'reading_log'").fetchone()[
            0
        ]
        indexes = {row[1]: row[2] for row in con.execute("PRAGMA index_list(reading_log)")}
        keys = con.execute("SELECT count(*) FROM reading_log WHERE import_key IS NULL").fetchone()
    assert "AUTOINCREMENT" in schema and "import_key" in schema
    assert indexes["ix_reading_log_profile_id_import_key"] == 1  # unique
    assert keys == (60,)
