"""Reading measured by time: the met rule for minutes-only days, and what reaching a
position in a book adds."""

from __future__ import annotations

from datetime import date

import pytest

from compound.domain.errors import InputError
from compound.domain.goals import GoalChange, GoalTimeline
from compound.domain.met import met_days
from compound.domain.records import Book, BookStatus, GoalKind, Position, amount_to
from compound.domain.totals import DailyTotals

DAY = date(2026, 11, 20)


def _goals(*changes: tuple[GoalKind, int]) -> GoalTimeline:
    return GoalTimeline(GoalChange(kind, target, date(2026, 1, 1)) for kind, target in changes)


def test_a_minutes_only_day_is_a_reading_day_without_a_goal():
    met = met_days([(DAY, 0, 0, 0, 45)], GoalTimeline())
    assert met.reading == met.learning_days == (DAY,)


def test_a_minutes_only_day_meets_no_pages_goal():
    met = met_days([(DAY, 0, 0, 0, 45)], _goals((GoalKind.DAILY_PAGES, 20)))
    assert met.learning_days == ()


def test_a_minutes_goal_alone_leaves_any_reading_meeting_the_day():
    met = met_days([(DAY, 0, 0, 0, 45)], _goals((GoalKind.DAILY_MINUTES, 30)))
    assert met.learning_days == (DAY,)


def test_rows_carry_the_time_read_and_four_long_rows_still_count():
    totals = DailyTotals(timed_minutes={DAY: 45})
    assert totals.rows() == [(DAY, 0, 0, 0, 45)]
    assert totals.first_day == DAY
    assert met_days([(DAY, 3, 0, 0)], GoalTimeline()).reading == (DAY,)


def _book(pages=None, minutes=None, pages_read=0, minutes_read=0) -> Book:
    return Book(
        id=1,
        title="B",
        author=None,
        total_pages=pages,
        isbn=None,
        status=BookStatus.READING,
        started_on=DAY,
        finished_on=None,
        source="manual",
        pages_read=pages_read,
        total_minutes=minutes,
        minutes_read=minutes_read,
    )


def test_positions_give_the_difference_from_where_the_book_is():
    assert amount_to(_book(pages=320, pages_read=40), Position(share=0.45)) == (104, None)
    assert amount_to(_book(minutes=600, minutes_read=100), Position(share=0.5)) == (0, 200)
    assert amount_to(_book(minutes=600, minutes_read=100), Position(minute=200)) == (0, 100)
    assert amount_to(_book(pages=320, pages_read=40), Position(page=50)) == (10, None)


@pytest.mark.parametrize(
    ("book", "position", "said"),
    [
        (_book(minutes=600, minutes_read=300), Position(minute=200), "already at 5:00"),
        (_book(minutes=600), Position(minute=601), "past its end"),
        (_book(pages=320), Position(share=1.2), "past the end"),
        (_book(), Position(share=0.4), "has no length"),
        (_book(pages=320), Position(minute=30), "measured in pages"),
        (_book(minutes=600), Position(page=30), "read by time"),
    ],
)
def test_nonsense_positions_are_refused(book, position, said):
    with pytest.raises(InputError, match=said):
        amount_to(book, position)


def test_a_share_past_the_end_names_the_book():
    with pytest.raises(InputError) as refused:
        amount_to(_book(minutes=600), Position(share=1.5))
    assert str(refused.value) == "150% is past the end of B (100% is the end)"
