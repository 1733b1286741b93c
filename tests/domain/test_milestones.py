"""The next milestone: the book finished next or the streak record within reach,
whichever is nearer."""

from __future__ import annotations

from datetime import date, timedelta

from compound.domain.milestones import RECORD_REACH_DAYS, next_milestone, previous_record
from compound.domain.projection import BookEta
from compound.domain.records import Book, BookStatus
from compound.domain.streaks import best_runs, daily_runs

TODAY = date(2026, 11, 22)


def book(id: int, title: str) -> Book:
    return Book(id, title, None, 300, None, BookStatus.READING, TODAY, None, "manual", 100)


def eta(id: int, title: str, days: int | None) -> BookEta:
    finish = TODAY + timedelta(days=days) if days is not None else None
    return BookEta(book(id, title), 200, finish, days)


def runs_of(*spans: tuple[int, int]) -> tuple[list, int]:
    """The longest runs (as the habits give them) and the current streak, for met days
    given as (days ago of the first, days ago of the last) spans."""
    met = [
        TODAY - timedelta(days=ago) for first, last in spans for ago in range(first, last - 1, -1)
    ]
    finished, current = daily_runs(met, (), TODAY)
    return best_runs(finished, current), current.length if current else 0


def test_the_book_that_finishes_first_is_the_milestone():
    found = next_milestone(TODAY, [eta(1, "Dune", 9), eta(2, "Emma", 4), eta(3, "Odd", None)], 0, 0)
    assert found is not None and found.book is not None
    assert found.book.title == "Emma" and found.days == 4
    assert found.finish == TODAY + timedelta(days=4)


def test_a_record_within_reach_beats_a_book_further_off():
    # A streak of 18 against a record of 21: four more days beat it.
    found = next_milestone(TODAY, [eta(1, "Dune", 9)], 18, 21)
    assert found is not None and found.book is None
    assert (found.days, found.record) == (4, 21)


def test_a_book_nearer_than_the_record_wins():
    found = next_milestone(TODAY, [eta(1, "Dune", 2)], 18, 21)
    assert found is not None and found.book is not None and found.days == 2


def test_a_streak_at_its_record_needs_one_more_day():
    found = next_milestone(TODAY, [], 21, 21)
    assert found is not None and (found.days, found.record) == (1, 21)


def test_no_record_milestone_without_a_streak_past_it_or_out_of_reach():
    assert next_milestone(TODAY, [], 0, 21) is None  # no streak going
    assert next_milestone(TODAY, [], 25, 21) is None  # the record is this streak already
    far = 21 - RECORD_REACH_DAYS  # beating it takes one day more than the reach
    assert next_milestone(TODAY, [], far, 21) is None
    assert next_milestone(TODAY, [], far + 1, 21) is not None


def test_nothing_in_sight():
    assert next_milestone(TODAY, [eta(1, "Dune", None)], 0, 0) is None


def test_the_previous_record_leaves_the_current_run_out():
    # Runs of 5 (long ago), 3, and the current 5: the record before it is 5.
    best, current = runs_of((40, 36), (20, 18), (5, 1))
    assert current == 5 and previous_record(best, current) == 5
    # The current run the longest: the record before it is the 3 days.
    best, current = runs_of((20, 18), (8, 1))
    assert current == 8 and previous_record(best, current) == 3
    # No streak going: the longest run is the record.
    best, current = runs_of((20, 14), (10, 9))
    assert current == 0 and previous_record(best, current) == 7
    # The current run not among the five longest: the longest is the record.
    best, current = runs_of(*((60 - 5 * n, 57 - 5 * n) for n in range(6)), (1, 0))
    assert current == 2 and previous_record(best, current) == 4
