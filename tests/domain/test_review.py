"""A year in review from a History, books and logs: exact figures, no database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from compound.domain.errors import InputError
from compound.domain.goals import GoalChange, GoalTimeline
from compound.domain.records import Book, BookStatus, GoalKind, ReadingLog
from compound.domain.review import check_year, earlier_years, year_review
from compound.domain.totals import DailyTotals, History

TODAY = date(2026, 11, 22)  # a Sunday
PAGES, BOOKS = GoalKind.DAILY_PAGES, GoalKind.YEARLY_BOOKS


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def book(n, title, finished_on, pages=None, *, author="Ann Leckie", status=None, **kw) -> Book:
    return Book(
        id=n,
        title=title,
        author=author,
        total_pages=pages,
        isbn=None,
        status=status or BookStatus.FINISHED,
        started_on=None,
        finished_on=finished_on,
        source=kw.pop("source", "goodreads"),
        **kw,
    )


def log(n: int, day: date, pages: int, minutes: int | None = None) -> ReadingLog:
    return ReadingLog(
        id=n,
        day=day,
        pages=pages,
        book_id=None,
        book_title=None,
        minutes=minutes,
        note=None,
        created_at=datetime(day.year, day.month, day.day, 21, tzinfo=UTC),
    )


def history(
    pages, *, sessions=None, goals=(), skips=(), books=(), today=TODAY, timed=None
) -> History:
    sessions = sessions or {}
    return History(
        today=today,
        totals=DailyTotals(
            pages=dict(pages),
            sessions={day: 1 for day in sessions},
            session_minutes=dict(sessions),
            timed_minutes=dict(timed or {}),
        ),
        goals=GoalTimeline(goals),
        skips=frozenset(skips),
        finished_pages=tuple(b.total_pages for b in books if b.total_pages),
        finished_days=tuple(sorted(b.finished_on for b in books if b.finished_on)),
    )


def review(year, pages=None, *, books=(), logs=None, **kw):
    pages = pages or {}
    if logs is None:
        logs = [log(n, day, read) for n, (day, read) in enumerate(sorted(pages.items()))]
    # The minutes read by time per day, as the store sums them from the same logs.
    timed: dict[date, int] = {}
    for entry in logs:
        if not entry.pages and entry.minutes:
            timed[entry.day] = timed.get(entry.day, 0) + entry.minutes
    found = history(pages, books=books, timed=timed, **kw)
    return year_review(year, found, books, logs)


LIBRARY = (
    book(1, "Ancillary Justice", date(2025, 3, 2), 386),
    book(2, "Ancillary Sword", date(2025, 3, 20), 356),
    book(3, "Provenance", date(2025, 7, 9), 448, source="manual"),
    book(4, "Piranesi", date(2025, 11, 30), 272, author="Susanna Clarke"),
    book(
        5,
        "The Hobbit (audio)",
        date(2025, 8, 1),
        None,
        author="J.R.R. Tolkien",
        total_minutes=11 * 60 + 5,
    ),
    book(6, "Dune (audio)", date(2025, 9, 1), None, author="Frank Herbert", total_minutes=21 * 60),
    book(7, "Kindred", date(2024, 6, 1), 264, author="Octavia E. Butler"),
    book(8, "Gave up", None, 500, status=BookStatus.ABANDONED),
    book(9, "Being read", None, 300, status=BookStatus.READING),
    book(10, "Finished this year", date(2026, 2, 14), 120, author="Octavia E. Butler"),
)


def test_the_books_finished_in_the_year_whatever_their_source_in_order():
    found = review(2025, books=LIBRARY)
    assert [b.title for b in found.books] == [
        "Ancillary Justice",
        "Ancillary Sword",
        "Provenance",
        "The Hobbit (audio)",
        "Dune (audio)",
        "Piranesi",
    ]
    assert {b.source for b in found.books} == {"goodreads", "manual"}
    assert found.earlier_books == 1  # Kindred, 2024
    assert found.final and not found.empty


def test_longest_and_shortest_by_pages_and_audiobooks_by_minutes():
    found = review(2025, books=LIBRARY)
    assert (found.longest.title, found.longest.pages) == ("Provenance", 448)
    assert (found.shortest.title, found.shortest.pages) == ("Piranesi", 272)
    assert found.longest_listen.title == "Dune (audio)"
    assert found.shortest_listen.title == "The Hobbit (audio)"


def test_most_read_authors_by_books_finished():
    found = review(2025, books=LIBRARY)
    assert found.authors[0] == ("Ann Leckie", 3)
    assert set(found.authors[1:]) == {
        ("Susanna Clarke", 1),
        ("J.R.R. Tolkien", 1),
        ("Frank Herbert", 1),
    }


def test_pages_minutes_learning_and_each_month():
    pages = {date(2025, 1, 5): 30, date(2025, 1, 6): 20, date(2025, 3, 1): 50}
    pages[date(2024, 12, 31)] = 999  # another year: not counted
    logs = [
        log(1, date(2025, 1, 5), 30, 40),
        log(2, date(2025, 1, 6), 20),
        log(3, date(2025, 3, 1), 50),
        log(4, date(2025, 2, 10), 0, 95),  # an audiobook: minutes, no pages
    ]
    sessions = {date(2025, 2, 11): 60, date(2025, 5, 1): 30, date(2026, 1, 2): 45}
    found = review(2025, pages, books=LIBRARY, logs=logs, sessions=sessions)
    assert found.pages == 100
    assert found.reading_minutes == 135
    assert (found.learning_minutes, found.sessions) == (90, 2)
    assert found.reading_days == 4  # the audiobook's day is a reading day
    assert len(found.months) == 12
    jan, feb, mar = found.months[:3]
    assert (jan.books, jan.pages, jan.reading_days) == (0, 50, 2)
    assert (feb.books, feb.pages, feb.reading_days) == (0, 0, 1)
    assert (mar.books, mar.pages, mar.reading_days) == (2, 50, 1)
    assert sum(m.books for m in found.months) == len(found.books)


def test_this_year_is_so_far_and_its_months_stop_at_today():
    found = review(2026, {date(2026, 11, 20): 12}, books=LIBRARY)
    assert not found.final
    assert found.last == TODAY
    assert [m.month for m in found.months] == list(range(1, 12))
    assert [b.title for b in found.books] == ["Finished this year"]


def test_a_year_with_nothing_in_it_is_empty():
    found = review(2019, {date(2025, 1, 1): 5}, books=LIBRARY)
    assert found.empty
    assert found.best_streak is None and found.best_week is None
    assert found.longest is None and found.authors == ()


def test_the_best_streak_is_the_longest_run_within_the_year_skip_days_excused():
    read = days(date(2025, 12, 20), date(2026, 1, 10))  # 12 days in 2025, 10 in 2026
    read += days(date(2025, 6, 1), date(2025, 6, 3))
    may = [d for d in days(date(2026, 5, 1), date(2026, 5, 15)) if d != date(2026, 5, 8)]
    pages = dict.fromkeys(read + may, 10)
    last_year = review(2025, pages)
    assert tuple(last_year.best_streak) == (date(2025, 12, 20), date(2025, 12, 31), 12)
    this_year = review(2026, pages, skips={date(2026, 5, 8)})
    assert tuple(this_year.best_streak) == (date(2026, 5, 1), date(2026, 5, 15), 14)
    # Without the skip day, 8 May breaks May's run: January's 10 days (from 1 January,
    # not from December) are the best.
    unexcused = review(2026, pages)
    assert tuple(unexcused.best_streak) == (date(2026, 1, 1), date(2026, 1, 10), 10)


def test_the_best_streak_counts_met_days_by_the_goal_in_force():
    pages = dict.fromkeys(days(date(2025, 4, 1), date(2025, 4, 9)), 10)
    pages[date(2025, 4, 5)] = 3  # under the goal of 5: not a met day
    found = review(2025, pages, goals=[GoalChange(PAGES, 5, date(2025, 1, 1))])
    assert found.best_streak.length == 4
    assert found.learning_days == 8


def test_the_best_week_is_monday_to_sunday_with_the_most_pages():
    pages = dict.fromkeys(days(date(2026, 5, 1), date(2026, 5, 15)), 10)
    pages[date(2026, 5, 13)] = 100  # a Wednesday
    found = review(2026, pages)
    assert (found.best_week.first, found.best_week.last) == (date(2026, 5, 11), date(2026, 5, 17))
    assert found.best_week.pages == 140


def test_a_week_across_the_new_year_counts_only_the_years_days():
    pages = {date(2025, 12, 31): 50, date(2026, 1, 1): 60}  # one Monday-Sunday week
    found = review(2026, pages)
    assert (found.best_week.first, found.best_week.last, found.best_week.pages) == (
        date(2026, 1, 1),
        date(2026, 1, 4),
        60,
    )
    before = review(2025, pages).best_week
    assert (before.first, before.last, before.pages) == (date(2025, 12, 29), date(2025, 12, 31), 50)


def test_a_past_year_against_its_yearly_books_goal():
    found = review(2025, books=LIBRARY, goals=[GoalChange(BOOKS, 8, date(2024, 1, 1))])
    assert found.goal == "books"
    assert (found.books_goal.goal, found.books_goal.finished) == (8, 6)
    assert found.books_goal.expected == pytest.approx(8)
    assert found.pages_goal is None  # the yearly books goal wins


def test_the_daily_pages_goal_times_its_due_days():
    weekdays = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    goals = [GoalChange(PAGES, 10, date(2025, 7, 1)), GoalChange(PAGES, 20, date(2025, 10, 1))]
    goals.append(GoalChange(PAGES, 20, date(2025, 12, 1), weekdays))
    skips = {date(2025, 8, 4), date(2025, 8, 9)}  # a Monday, and a Saturday
    pages = {date(2025, 8, 4): 40, date(2025, 8, 5): 12, date(2025, 12, 6): 30}
    found = review(2025, pages, goals=goals, skips=skips)
    # July to September: 92 days at 10, two of them skipped; October and November:
    # 61 days at 20; December: 23 weekdays at 20. Pages read on a skip day and on a
    # Saturday off do not count toward the goal.
    asked = 90 * 10 + 61 * 20 + 23 * 20
    assert found.goal == "pages"
    assert (found.pages_goal.asked, found.pages_goal.asked_in_year) == (asked, asked)
    assert found.pages_goal.due_days == 90 + 61 + 23
    assert found.pages_goal.read == 12


def test_this_years_pages_goal_asks_the_days_ahead_at_todays_target():
    found = review(2026, {TODAY: 5}, goals=[GoalChange(PAGES, 10, date(2026, 11, 1))])
    assert found.pages_goal.asked == 22 * 10
    assert found.pages_goal.asked_in_year == 61 * 10
    assert found.pages_goal.read == 5


def test_no_goal():
    found = review(2025, {date(2025, 3, 3): 10}, goals=[GoalChange(PAGES, 10, date(2026, 1, 1))])
    assert found.goal is None


def test_the_year_asked_for():
    assert check_year(None, TODAY) == 2026
    assert check_year(" 2019 ", TODAY) == 2019
    for bad in ("abc", "20x5", "-2025", "１９９９", "12345", "", "2027", "999"):
        with pytest.raises(InputError):
            check_year(bad, TODAY)


def test_earlier_years():
    finished = [date(2019, 1, 1), date(2024, 5, 1), date(2026, 1, 1)]
    assert earlier_years(finished, 2026) == (2, 2024)
    assert earlier_years(finished, 2019) == (0, None)
