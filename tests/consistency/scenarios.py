"""Scenario databases for the consistency test: real SQLite files, built through the store
(goals dated when they were set) and, for the imported history, through `compound import`.

Each builder fills the database at `url` and returns the profiles it holds.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from compound.domain.records import BookStatus, GoalKind, SessionKind
from compound.store.repository import Store

TODAY = date(2026, 11, 22)  # a Sunday (COMPOUND_TODAY in tests/conftest.py)
WEEKDAYS = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def _finish(store: Store, title: str, pages: int, day: date) -> None:
    book = store.add_book(title, total_pages=pages, status=BookStatus.READING, day=day)
    store.set_book_status(str(book.id), BookStatus.FINISHED, day)


def weekday_goal_with_skips(url: str, _files: Path) -> list[str]:
    """Reading on weekdays under a weekday goal, a week of holiday skipped, books in hand."""
    store = Store.open(url)
    store.set_goal(GoalKind.DAILY_PAGES, 20, since=ago(80), schedule=WEEKDAYS)
    store.set_goal(GoalKind.YEARLY_BOOKS, 12, since=date(2025, 12, 1))
    dune = store.add_book("Dune", total_pages=2000, status=BookStatus.READING, day=ago(70))
    for n in range(70, 0, -1):
        day = ago(n)
        if day.weekday() < 5 and not 30 <= n <= 36:
            store.log_pages(day=day, pages=18 + (n * 7) % 11, book=str(dune.id))
    store.add_skips(ago(36), ago(30), "holiday")
    for n, title in ((200, "Piranesi"), (120, "Klara and the Sun"), (45, "Stoner")):
        _finish(store, title, 250 + n, ago(n))
    store.close()
    return ["default"]


def minutes_goal(url: str, _files: Path) -> list[str]:
    """A learner under a 30-minute goal: short sessions do not meet a day, long ones do."""
    store = Store.open(url)
    store.set_goal(GoalKind.DAILY_MINUTES, 30, since=ago(60))
    for n in range(40, -1, -1):
        spent = 45 if n % 3 else 10
        store.log_session(day=ago(n), minutes=spent, kind=SessionKind.COURSE, topic="SQL")
        if n % 5 == 0:
            store.log_pages(day=ago(n), pages=12)
    store.close()
    return ["default"]


def goals_changed_and_set_mid_year(url: str, _files: Path) -> list[str]:
    """A pages goal raised in June, and a yearly books goal set on 9 November."""
    store = Store.open(url)
    store.set_goal(GoalKind.DAILY_PAGES, 15, since=date(2026, 1, 5))
    store.set_goal(GoalKind.DAILY_PAGES, 30, since=date(2026, 6, 1))
    store.set_goal(GoalKind.YEARLY_BOOKS, 24, since=date(2026, 11, 9))
    day = date(2026, 5, 20)
    while day <= TODAY:
        if day.toordinal() % 4:
            store.log_pages(day=day, pages=14 + day.toordinal() % 21)
        day += timedelta(days=1)
    _finish(store, "Middlemarch", 880, date(2026, 3, 2))
    _finish(store, "The Remains of the Day", 258, date(2026, 11, 15))
    store.close()
    return ["default"]


GOODREADS_HEADER = (
    "Book Id,Title,Author,Author l-f,Additional Authors,ISBN,ISBN13,My Rating,Publisher,"
    "Binding,Number of Pages,Year Published,Original Publication Year,Date Read,Date Added,"
    "Bookshelves,Bookshelves with positions,Exclusive Shelf,My Review,Spoiler,Private Notes,"
    "Read Count,Owned Copies"
)
GOODREADS_ROWS = [
    # (title, author, pages, date read, date added, shelf)
    ("Norwegian Wood", "Haruki Murakami", 296, "2026/02/11", "2025/12/30", "read"),
    ("The Left Hand of Darkness", "Ursula K. Le Guin", 304, "2026/05/02", "2026/04/01", "read"),
    ("Pachinko", "Min Jin Lee", 490, "2026/08/19", "2026/07/14", "read"),
    ("Gilead", "Marilynne Robinson", 247, "2026/10/30", "2026/10/01", "read"),
    ("Beloved", "Toni Morrison", 324, "2025/11/20", "2025/10/01", "read"),
    ("Middlemarch", "George Eliot", 880, "", "2026/11/01", "currently-reading"),
    ("The Overstory", "Richard Powers", 502, "", "2026/09/12", "to-read"),
]


def goodreads_history(url: str, files: Path) -> list[str]:
    """A Goodreads library brought in with `compound import goodreads`, then read on."""
    from compound.cli import main

    rows = [GOODREADS_HEADER]
    for n, (title, author, pages, read, added, shelf) in enumerate(GOODREADS_ROWS, start=1):
        last, first = author.rsplit(" ", 1)[1], author.rsplit(" ", 1)[0]
        rows.append(
            f'{1000 + n},{title},{author},"{last}, {first}",,"=""""","=""""",0,,Paperback,'
            f"{pages},2000,2000,{read},{added},,,{shelf},,,,{1 if read else 0},0"
        )
    export = files / "goodreads_library_export.csv"
    export.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["--db", url.removeprefix("sqlite:///"), "import", "goodreads", str(export)]) == 0
    store = Store.open(url)
    store.set_goal(GoalKind.YEARLY_BOOKS, 10, since=date(2026, 1, 1))
    for n in range(25, -1, -1):
        if n % 6 != 5:
            store.log_pages(day=ago(n), pages=20 + n % 9, book="Middlemarch")
    store.close()
    return ["default"]


def two_profiles(url: str, _files: Path) -> list[str]:
    """Two people in one database, with their own goals, skips and books."""
    Store.open(url).close()
    first = Store.open(url)
    for name in ("ana", "bob"):
        first.add_profile(name)
    first.close()
    ana, bob = Store.open(url, "ana"), Store.open(url, "bob")
    ana.set_goal(GoalKind.DAILY_PAGES, 25, since=ago(50))
    bob.set_goal(GoalKind.DAILY_MINUTES, 20, since=ago(50), schedule=WEEKDAYS)
    bob.set_goal(GoalKind.YEARLY_BOOKS, 6, since=date(2026, 1, 1))
    for n in range(30, -1, -1):
        ana.log_pages(day=ago(n), pages=20 + (n * 3) % 17)
        if ago(n).weekday() < 5:
            bob.log_session(day=ago(n), minutes=15 + n % 20, kind=SessionKind.PODCAST)
    bob.add_skips(ago(12), ago(10), "travel")
    _finish(ana, "Kindred", 264, ago(20))
    _finish(bob, "Educated", 334, ago(100))
    for store in (ana, bob):
        store.close()
    return ["ana", "bob"]


def audiobook_by_time(url: str, _files: Path) -> list[str]:
    """Reading by time: an audiobook logged in minutes only (no pages) on most days, a
    paper book on some, under no daily goal: every listening day is a reading day."""
    store = Store.open(url)
    store.set_goal(GoalKind.YEARLY_BOOKS, 6, since=date(2026, 1, 1))
    listened = store.add_book(
        "Project Hail Mary", total_minutes=970, status=BookStatus.READING, day=ago(40)
    )
    paper = store.add_book("Stoner", total_pages=320, status=BookStatus.READING, day=ago(40))
    for n in range(40, -1, -1):
        if n % 4 == 0:
            store.log_pages(day=ago(n), pages=15 + n % 7, book=str(paper.id))
        elif n % 7 != 3:
            store.log_pages(day=ago(n), minutes=20 + n % 5, book=str(listened.id))
    _finish(store, "Gilead", 247, ago(90))
    store.close()
    return ["default"]


SCENARIOS: dict[str, Callable[[str, Path], list[str]]] = {
    "weekday goal with skip days": weekday_goal_with_skips,
    "minutes goal": minutes_goal,
    "goals changed and set mid-year": goals_changed_and_set_mid_year,
    "Goodreads history": goodreads_history,
    "two profiles": two_profiles,
    "audiobook by time": audiobook_by_time,
}
