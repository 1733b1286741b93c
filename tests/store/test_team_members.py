"""The team report read from the store, on a tmp SQLite file and on the real PostgreSQL."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest

from compound.domain.records import BookStatus, GoalKind, SessionKind
from compound.domain.team import FinishedBook, build_report
from compound.store.repository import Store

TODAY = date(2026, 11, 22)


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


@pytest.fixture
def stores(database_url):
    """The default profile's store and, by name, ana's, bob's and an empty cy's."""
    main = Store.open(database_url)
    opened = {"default": main}
    for name in ("ana", "bob", "cy"):
        main.add_profile(name)
        opened[name] = Store.open(database_url, name)
    yield opened
    for store in opened.values():
        store.close()


def test_each_profile_is_a_member_with_its_own_days(stores):
    ana, bob = stores["ana"], stores["bob"]
    ana.set_goal(GoalKind.DAILY_PAGES, 30, since=ago(40))
    for n in range(5):
        ana.log_pages(day=ago(n), pages=20)
        ana.log_pages(day=ago(n), pages=15, note="a second sitting")  # 35 a day
    ana.log_pages(day=ago(-1), pages=99)  # tomorrow's: not in a report of today
    ana.add_book("Dune", total_pages=600, status=BookStatus.FINISHED, day=ago(3))
    bob.log_session(day=ago(1), minutes=45, kind=SessionKind.COURSE)
    bob.log_session(day=ago(1), minutes=15)
    bob.log_pages(day=ago(1), pages=3)
    bob.add_skips(ago(2), ago(2))

    report = stores["default"].team_report(TODAY)
    assert [m.member for m in report.members] == ["ana", "bob", "cy"]  # default is empty
    a, b, c = report.members
    assert (a.current_streak, a.pages_7d, a.books_finished_this_year, a.last_check_in) == (
        5,
        175,
        1,
        TODAY,
    )
    assert (b.current_streak, b.at_risk, b.pages_7d, b.learning_minutes_this_year) == (
        1,
        True,
        3,
        60,
    )
    assert (c.current_streak, c.pages_this_year, c.last_check_in) == (0, 0, None)
    assert report.at_least == 2 and report.team_streak.current == 1  # only yesterday has 2

    # The one grouped query over every profile gives what each member's own reading gives.
    histories = [stores[name].member_history(TODAY) for name in ("ana", "bob", "cy")]
    # (day, pages, sessions, learning minutes, minutes read by time)
    assert histories[0].days == [(ago(n), 35, 0, 0, 0) for n in range(4, -1, -1)]
    assert histories[1].days == [(ago(1), 3, 2, 60, 0)]
    assert histories[1].skips == {ago(2)}
    assert build_report(histories, TODAY) == report


def test_titles_are_read_only_when_asked_for(stores):
    stores["ana"].add_book("ノルウェイの森", status=BookStatus.FINISHED, day=ago(1))
    stores["ana"].add_book("Unfinished", status=BookStatus.READING, day=ago(1))
    assert stores["ana"].member_history(TODAY).finished == (FinishedBook(ago(1), None),)
    with_titles = stores["ana"].member_history(TODAY, include_books=True)
    assert with_titles.finished == (FinishedBook(ago(1), "ノルウェイの森"),)
    report = stores["default"].team_report(TODAY, include_books=True)
    assert report.members[0].books == ("ノルウェイの森",)


def test_the_default_profile_is_a_member_once_it_holds_something(stores):
    stores["default"].log_pages(day=TODAY, pages=1)
    names = [m.member for m in stores["default"].team_report(TODAY).members]
    assert names == ["ana", "bob", "cy", "default"]


def test_a_team_report_leaves_check_ins_free_to_write(tmp_path):
    """The report only reads: on SQLite it must not hold the write lock while it does."""
    url = f"sqlite:///{tmp_path / 'team.db'}"
    reader, writer = Store.open(url), Store.open(url)
    try:
        with reader._unit(read_only=True) as session:  # the unit team_report reads in
            session.connection().exec_driver_sql("SELECT COUNT(*) FROM reading_log").all()
            started = time.monotonic()
            writer.log_pages(day=TODAY, pages=5)  # would wait out the 15 s busy timeout
            assert time.monotonic() - started < 5
        assert reader.team_report(TODAY).members[0].pages_7d == 5
    finally:
        reader.close(), writer.close()
