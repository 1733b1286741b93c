"""The next milestone: the nearest of the book that will be finished next (at the pace)
and the streak record, when the current streak is within reach of it.

Pure: it reads the books' expected finish days (projection.book_etas) and the
learning-day streak's runs (streaks.best_runs, as the habits report them), so the
milestone agrees with the finish days and the streak every other surface shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from compound.domain.projection import BookEta
from compound.domain.records import Book
from compound.domain.streaks import Run

# A record further off than this is not within reach: counting down a hundred days
# to it would be a chore rather than a spur.
RECORD_REACH_DAYS = 30


@dataclass(frozen=True, slots=True)
class Milestone:
    """What is reached, and how soon: a book finished, or a streak that beats the record."""

    days: int  # a book: days until its expected finish (0: today); a record: days to go
    book: Book | None = None  # the book that would be finished
    finish: date | None = None  # and the day it would be
    record: int = 0  # the record that the streak would beat (0: a book's milestone)


def previous_record(best: Sequence[Run], current: int) -> int:
    """The longest streak before the current one, from the longest runs as
    streaks.best_runs gives them (the current run among them when it is long enough).

    The current run is the latest of all: of runs as long as it, best_runs puts it
    first, so when one of `best` is as long as the current streak, the latest such
    run is the current one.
    """
    others = list(best)
    if current:
        same = [run for run in others if run.length == current]
        if same:
            others.remove(max(same, key=lambda run: run.first))
    return max((run.length for run in others), default=0)


def next_milestone(
    today: date,
    books: Sequence[BookEta],
    current: int,
    record: int,
    *,
    reach: int = RECORD_REACH_DAYS,
) -> Milestone | None:
    """The nearest milestone, or None when nothing is in sight.

    `books`: the books being read with their expected finish days; `current`: the
    streak going now (today counts once met, as the streak counts it); `record`: the
    longest streak before it (previous_record). A record is within reach when a
    streak is going, it is not past the record already, and beating it takes at most
    `reach` more days. Of a book and a record reached the same day, the book comes
    first.
    """
    found: list[Milestone] = []
    finishing = [eta for eta in books if eta.eta is not None]
    if finishing:
        soonest = min(finishing, key=lambda eta: (eta.eta or today, eta.book.title))
        day = max(soonest.eta or today, today)
        found.append(Milestone(days=(day - today).days, book=soonest.book, finish=day))
    if current and current <= record:
        needed = record - current + 1  # one day more than the record beats it
        if needed <= reach:
            found.append(Milestone(days=needed, record=record))
    return min(found, key=lambda m: (m.days, m.book is None), default=None)
