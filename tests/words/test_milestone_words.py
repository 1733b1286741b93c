"""How the next milestone and this week so far are said."""

from __future__ import annotations

from datetime import date, timedelta

from compound.domain.insight import period_totals
from compound.domain.milestones import Milestone
from compound.domain.records import Book, BookStatus
from compound.domain.totals import DailyTotals, History
from compound.words.figures import milestone_sentence, week_so_far

SUNDAY = date(2026, 11, 22)
DUNE = Book(1, "Dune", None, 600, None, BookStatus.READING, SUNDAY, None, "manual", 500)


def test_a_book_finishing_is_said_with_its_day():
    soon = Milestone(days=7, book=DUNE, finish=SUNDAY + timedelta(days=7))
    assert milestone_sentence(soon, SUNDAY) == "Dune done in 7 days (~29 Nov) at your pace"
    tomorrow = Milestone(days=1, book=DUNE, finish=SUNDAY + timedelta(days=1))
    assert milestone_sentence(tomorrow, SUNDAY) == "Dune done tomorrow (~23 Nov) at your pace"
    today = Milestone(days=0, book=DUNE, finish=SUNDAY)
    assert milestone_sentence(today, SUNDAY) == "Dune done today at your pace"


def test_the_record_within_reach_agrees_in_number():
    assert milestone_sentence(Milestone(days=4, record=21), SUNDAY) == (
        "4 more days beat your record of 21 days"
    )
    assert milestone_sentence(Milestone(days=1, record=1), SUNDAY) == (
        "1 more day beats your record of 1 day"
    )


def test_the_week_so_far():
    monday = SUNDAY - timedelta(days=6)
    totals = DailyTotals(
        pages={monday: 30, SUNDAY - timedelta(days=1): 12, monday - timedelta(days=1): 99},
        sessions={monday: 1},
        session_minutes={monday: 95},
    )
    week = period_totals(History(today=SUNDAY, totals=totals), "week")
    # Two days read (one page meets a day without a goal), one of them with learning.
    assert week_so_far(week) == "42 pages · 1h35m of learning · 2 of 7 days met"
