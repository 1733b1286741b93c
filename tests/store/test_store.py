"""Store round trips, on a tmp SQLite file and on the real PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from compound.domain.errors import InputError, NotFoundError
from compound.domain.records import BookStatus, GoalKind, LearningSession, ReadingLog, SessionKind
from compound.domain.today import today_figures
from compound.store.repository import Store

TODAY = date(2026, 11, 22)
YESTERDAY = TODAY - timedelta(days=1)


@pytest.fixture
def store(database_url):
    opened = Store.open(database_url)
    yield opened
    opened.close()


def all_rows(store: Store) -> dict[str, list[tuple]]:
    with store.engine.connect() as connection:
        return {
            table: connection.execute(text(f"SELECT * FROM {table} ORDER BY id")).all()
            for table in ("profile", "book", "reading_log", "learning_session", "goal", "skip")
        }


def test_first_open_makes_the_default_profile_once(database_url):
    first = Store.open(database_url)
    second = Store.open(database_url)
    assert first.profile == second.profile
    assert first.profile.name == "default"
    assert len(all_rows(first)["profile"]) == 1
    first.close(), second.close()


def test_a_profile_that_does_not_exist_is_not_invented(database_url):
    Store.open(database_url).close()
    with pytest.raises(NotFoundError, match="no profile named 'ana'"):
        Store.open(database_url, profile="ana")


def test_books_round_trip_with_unicode(store):
    added = store.add_book(
        "ノルウェイの森 🌲", author="村上春樹", total_pages=400, isbn="978-0-306-40615-7"
    )
    found = store.book("ノルウェイ")
    assert found == added
    assert (found.title, found.author, found.isbn, found.status) == (
        "ノルウェイの森 🌲",
        "村上春樹",
        "9780306406157",
        BookStatus.TO_READ,
    )
    assert store.book(str(added.id)) == added


def test_logging_moves_a_book_from_start_to_finish(store):
    book = store.add_book("Deep Work", total_pages=100)
    first = store.log_pages(day=YESTERDAY, pages=40, book="deep")
    assert first.started_book and first.book.status == BookStatus.READING
    assert first.book.started_on == YESTERDAY
    # With exactly one book being read, it is the default.
    second = store.log_pages(day=TODAY, to_page=100)
    assert second.log.pages == 60 and second.finished_book
    assert store.book(str(book.id)).finished_on == TODAY


def test_undo_of_the_finishing_log_reopens_the_book(store):
    store.add_book("Short", total_pages=10, status=BookStatus.READING, day=TODAY)
    store.log_pages(day=TODAY, pages=4)
    store.log_pages(day=TODAY, pages=6)
    removed = store.undo()
    assert isinstance(removed.entry, ReadingLog) and removed.entry.pages == 6
    assert removed.reopened_book is not None
    assert store.book("Short").status == BookStatus.READING
    assert store.book("Short").pages_read == 4


def test_undo_takes_the_latest_entry_of_either_kind(store):
    store.log_pages(day=TODAY, pages=5)
    session = store.log_session(day=TODAY, minutes=45, kind=SessionKind.COURSE, topic="SQL")
    assert store.undo().entry == session
    assert isinstance(store.undo().entry, ReadingLog)
    with pytest.raises(NotFoundError, match="nothing to undo"):
        store.undo()


def test_refusals_change_nothing(store):
    store.add_book("Deep Work", total_pages=50, status=BookStatus.READING, day=TODAY)
    store.log_pages(day=TODAY, pages=45)
    before = all_rows(store)
    with pytest.raises(InputError, match="5 pages left"):
        store.log_pages(day=TODAY, pages=6)
    with pytest.raises(InputError, match="already at page 45"):
        store.log_pages(day=TODAY, to_page=45)
    store.add_book("Deep Learning", status=BookStatus.READING, day=TODAY)
    with pytest.raises(InputError, match="2 books are being read"):
        store.log_pages(day=TODAY, pages=1)
    with pytest.raises(InputError, match="matches 2 books"):
        store.log_pages(day=TODAY, pages=1, book="deep")
    with pytest.raises(NotFoundError):
        store.log_pages(day=TODAY, pages=1, book="Nonexistent")
    with pytest.raises(InputError, match="cannot be empty"):
        store.add_book("   ")
    assert {k: v for k, v in all_rows(store).items() if k != "book"} == {
        k: v for k, v in before.items() if k != "book"
    }


def test_history_is_newest_first_and_bounded(store):
    store.log_pages(day=TODAY - timedelta(days=10), pages=1)
    old = store.log_pages(day=YESTERDAY, pages=2).log
    new = store.log_session(day=TODAY, minutes=30, kind=SessionKind.PODCAST)
    assert store.history(YESTERDAY, TODAY) == [new, old]


def test_edit_and_delete_entries(store):
    store.add_book("A", total_pages=100, status=BookStatus.READING, day=YESTERDAY)
    log = store.log_pages(day=TODAY, pages=10).log
    edited = store.edit_entry(log.ref, pages=12, day=YESTERDAY, note="morning ☕")
    assert (edited.pages, edited.day, edited.note, edited.book_title) == (
        12,
        YESTERDAY,
        "morning ☕",
        "A",
    )
    session = store.log_session(day=TODAY, minutes=20)
    changed = store.edit_entry(session.ref, minutes=25, kind=SessionKind.TALK, topic="DDD")
    assert isinstance(changed, LearningSession)
    assert (changed.minutes, changed.kind, changed.topic) == (25, SessionKind.TALK, "DDD")
    with pytest.raises(InputError, match="no pages or book"):
        store.edit_entry(session.ref, pages=3)
    assert store.delete_entry(session.ref).entry == changed
    with pytest.raises(NotFoundError):
        store.entry(session.ref)


def test_removing_a_book_keeps_its_pages(store):
    store.add_book("Gone", status=BookStatus.READING, day=TODAY)
    store.log_pages(day=TODAY, pages=30)
    book, kept = store.remove_book("Gone")
    assert (book.title, kept) == ("Gone", 1)
    [entry] = store.history(TODAY, TODAY)
    assert (entry.pages, entry.book_id) == (30, None)


def test_goals_keep_their_history(store):
    store.set_goal(GoalKind.DAILY_PAGES, 20, since=YESTERDAY)
    store.set_goal(GoalKind.DAILY_PAGES, 30, since=TODAY)
    store.set_goal(GoalKind.DAILY_PAGES, 35, since=TODAY)  # same day: replaces
    goals = store.goal_timeline()
    assert [(g.kind, g.target) for g in goals.in_force(TODAY)] == [(GoalKind.DAILY_PAGES, 35)]
    assert [(g.kind, g.target) for g in goals.in_force(YESTERDAY)] == [(GoalKind.DAILY_PAGES, 20)]
    # Yesterday's 25 pages met yesterday's goal of 20 though today's is 35.
    store.log_pages(day=YESTERDAY, pages=25)
    status = today_figures(store.history_until(TODAY))
    assert (status.streak.current, status.streak.at_risk, status.pages_goal) == (1, True, 35)
    assert store.remove_goal(GoalKind.DAILY_PAGES) == 2
    with pytest.raises(NotFoundError):
        store.remove_goal(GoalKind.DAILY_PAGES)


def test_status_counts_today_and_the_streak(store):
    store.add_book("Deep Work", total_pages=296, status=BookStatus.READING, day=TODAY)
    for days_ago in range(1, 5):
        store.log_pages(day=TODAY - timedelta(days=days_ago), pages=10)
    store.log_pages(day=TODAY, pages=25)
    store.log_session(day=TODAY, minutes=45)
    status = today_figures(store.history_until(TODAY))
    assert (status.pages, status.minutes, status.sessions) == (25, 45, 1)
    assert (status.streak.current, status.streak.longest, status.streak.met_today) == (5, 5, True)
    assert [(b.title, b.pages_read) for b in status.reading] == [("Deep Work", 65)]


def test_the_light_status_path_agrees_with_the_store(sqlite_url, tmp_path):
    from compound.store.history import read_sqlite_history

    store = Store.open(sqlite_url)
    store.add_book("Deep Work", total_pages=296, status=BookStatus.READING, day=TODAY)
    store.set_goal(GoalKind.DAILY_PAGES, 20, since=TODAY - timedelta(days=30))
    for days_ago in (0, 1, 2, 4):
        store.log_pages(day=TODAY - timedelta(days=days_ago), pages=20 + days_ago)
    store.log_session(day=TODAY - timedelta(days=3), minutes=30)
    store.add_book("Dune", total_pages=412)
    finished = store.add_book(
        "SICP", total_pages=600, status=BookStatus.READING, day=TODAY - timedelta(days=9)
    )
    store.set_book_status(str(finished.id), BookStatus.FINISHED, TODAY - timedelta(days=1))
    store.add_skips(TODAY - timedelta(days=20), TODAY - timedelta(days=19))
    expected = store.history_until(TODAY)
    store.close()
    light = read_sqlite_history(tmp_path / "compound.db", "default", TODAY)
    assert light == expected
    assert expected.finished_days == (TODAY - timedelta(days=1),)
    assert [b.title for b in expected.to_read] == ["Dune"]


def test_the_database_itself_refuses_bad_rows(database_url):
    """CHECK and FOREIGN KEY constraints hold for any client, not just the store."""
    Store.open(database_url).close()
    engine = create_engine(database_url)
    if engine.dialect.name == "sqlite":
        from compound.db.engine import make_engine

        engine.dispose()
        engine = make_engine(database_url)
    at = "'2026-11-22 10:00:00'"
    bad = [
        "INSERT INTO reading_log (profile_id, day, pages, created_at) "
        "VALUES (1, '2026-11-22', 0, " + at + ")",
        "INSERT INTO reading_log (profile_id, day, pages, minutes, created_at) "
        "VALUES (1, '2026-11-22', 5, -1, " + at + ")",
        "INSERT INTO reading_log (profile_id, day, pages, created_at) "
        "VALUES (999, '2026-11-22', 5, " + at + ")",
        "INSERT INTO learning_session (profile_id, day, minutes, kind, created_at) "
        "VALUES (1, '2026-11-22', 0, 'course', " + at + ")",
        "INSERT INTO learning_session (profile_id, day, minutes, kind, created_at) "
        "VALUES (1, '2026-11-22', 5, 'nap', " + at + ")",
        "INSERT INTO book (profile_id, title, status, source, created_at) "
        "VALUES (1, 'x', 'lost', 'manual', " + at + ")",
        "INSERT INTO book (profile_id, title, total_pages, status, source, created_at) "
        "VALUES (1, 'x', -3, 'to-read', 'manual', " + at + ")",
        "INSERT INTO goal (profile_id, kind, target, since) "
        "VALUES (1, 'daily-pages', 0, '2026-11-22')",
    ]
    for statement in bad:
        with pytest.raises(IntegrityError):
            with engine.begin() as connection:
                connection.execute(text(statement))
    engine.dispose()


def test_a_deleted_log_comes_back_with_its_own_book_or_none(store):
    loose = store.log_pages(day=YESTERDAY, pages=7, note="a magazine").log
    store.add_book("A", total_pages=100, status=BookStatus.READING, day=YESTERDAY)
    store.add_book("B", total_pages=100, status=BookStatus.READING, day=TODAY)
    of_a = store.log_pages(day=TODAY, pages=10, book="A").log
    for log in (loose, of_a):
        store.delete_entry(log.ref)
    back_loose = store.restore_entry(loose)
    back_a = store.restore_entry(of_a)
    # Each comes back under its own id and creation time: r14 stays r14.
    assert (back_loose.ref, back_a.ref) == (loose.ref, of_a.ref)
    assert (back_loose.created_at, back_a.created_at) == (loose.created_at, of_a.created_at)
    # Logging anew would have given the loose log to the book being read now.
    assert (back_loose.book_id, back_loose.pages, back_loose.day, back_loose.note) == (
        None,
        7,
        YESTERDAY,
        "a magazine",
    )
    assert (back_a.book_title, back_a.pages, back_a.day) == ("A", 10, TODAY)
    assert store.book("A").pages_read == 10 and store.book("B").pages_read == 0
