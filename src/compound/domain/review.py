"""A year in review: what one year held, from the books finished to the best week.

Every figure comes from the rules that already hold elsewhere: books finished are the
finished books with their day in the year, whatever brought them in (a check-in, an
import); pages are the reading logs' (the per-day totals every figure reads); the best
streak is the one streak engine's (domain/streaks.py) over the year's met days
(domain/met.py); the goal is the yearly books goal's pace (domain/projection.py) or,
without one, what the daily pages goals asked of the year's due days (the goal
timeline). A past year's figures are final; this year's run to today.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from compound.domain.errors import InputError
from compound.domain.goals import DAILY_KINDS
from compound.domain.met import met_days
from compound.domain.projection import GoalPace, goal_pace
from compound.domain.records import Book, BookStatus, GoalKind, ReadingLog
from compound.domain.streaks import Run, best_runs, daily_runs, week_start
from compound.domain.totals import History

# The earliest year a review is asked for: dates before it are typing mistakes.
FIRST_YEAR = 1000
# The authors a review names, most books first.
TOP_AUTHORS = 5


@dataclass(frozen=True, slots=True)
class FinishedBook:
    """A book finished in the year, as the review names it."""

    title: str
    author: str | None
    pages: int | None  # its length in pages, when known
    minutes: int | None  # an audiobook's length, when known
    finished_on: date
    source: str


@dataclass(frozen=True, slots=True)
class Month:
    month: int  # 1 to 12
    books: int  # finished in it
    pages: int  # read in it
    reading_days: int  # days with reading logged (pages, or minutes by time)


@dataclass(frozen=True, slots=True)
class BestWeek:
    """The week with the most pages: its days within the year, and their pages."""

    first: date
    last: date
    pages: int


@dataclass(frozen=True, slots=True)
class PagesGoal:
    """What the daily pages goals asked of the year: their targets on its due days
    (skip days and days a schedule gives off ask nothing)."""

    asked: int  # over the days counted (to today, this year)
    asked_in_year: int  # over the whole year; the days ahead at today's target
    read: int  # pages read on the days counted
    due_days: int  # due days counted under a goal
    target: int  # the daily target in force on the last day counted

    @property
    def share(self) -> float:
        return self.read / self.asked if self.asked else 0.0


@dataclass(frozen=True, slots=True)
class YearReview:
    year: int
    today: date
    last: date  # the last day counted: 31 December, or today for this year
    books: tuple[FinishedBook, ...]  # finished in the year, in the order finished
    pages: int
    reading_minutes: int  # reading logged by time (audiobooks, e-readers)
    learning_minutes: int
    sessions: int
    reading_days: int
    learning_days: int  # met days, as the streak counts them
    longest: FinishedBook | None  # by pages
    shortest: FinishedBook | None
    longest_listen: FinishedBook | None  # audiobooks without pages, by minutes
    shortest_listen: FinishedBook | None
    authors: tuple[tuple[str, int], ...]  # (author, books), most first
    months: tuple[Month, ...]  # January to the last month counted
    best_streak: Run | None  # the longest run of met days within the year
    best_week: BestWeek | None
    books_goal: GoalPace | None  # the yearly books goal in force on the last day counted
    pages_goal: PagesGoal | None  # without a yearly books goal: the daily pages goals
    earlier_books: int = 0  # books finished in the years before

    @property
    def final(self) -> bool:
        """A past year: its figures will not change (this year's are "so far")."""
        return self.year < self.today.year

    @property
    def empty(self) -> bool:
        """Nothing in the year: no book finished, nothing logged."""
        return not (self.books or self.pages or self.reading_minutes or self.sessions)

    @property
    def goal(self) -> str | None:
        """Which goal the year is held against: "books", "pages", or None."""
        if self.books_goal is not None:
            return "books"
        return "pages" if self.pages_goal is not None else None


def check_year(value: int | str | None, today: date) -> int:
    """The year asked for (default: this one), from the first year on to this one."""
    if value is None:
        return today.year
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 4:
        shown = text if len(text) <= 20 else f"{text[:17]}..."
        raise InputError(f"{shown!r} is not a year; e.g. {today.year - 1}")
    year = int(text)
    if year < FIRST_YEAR:
        raise InputError(f"{year} is too early for a year in review; e.g. {today.year - 1}")
    if year > today.year:
        raise InputError(f"{year} has not begun yet; the latest year to review is {today.year}")
    return year


def finished_in(books: Iterable[Book], year: int) -> list[FinishedBook]:
    """The finished books whose day falls in `year`, in the order they were finished."""
    found = [
        FinishedBook(
            title=book.title,
            author=book.author,
            pages=book.total_pages,
            minutes=book.total_minutes,
            finished_on=book.finished_on,
            source=book.source,
        )
        for book in books
        if book.status == BookStatus.FINISHED
        and book.finished_on is not None
        and book.finished_on.year == year
    ]
    return sorted(found, key=lambda b: (b.finished_on, b.title))


def earlier_years(books: Iterable[date], year: int) -> tuple[int, int | None]:
    """Books finished before `year` (by their days), and the latest year holding any."""
    before = [day.year for day in books if day.year < year]
    return len(before), max(before, default=None)


def _extremes(
    books: Sequence[FinishedBook], length: str
) -> tuple[FinishedBook | None, FinishedBook | None]:
    """The longest and shortest of `books` by `length` ("pages" or "minutes"); of equal
    ones the first finished."""
    known = [b for b in books if getattr(b, length)]
    if not known:
        return None, None
    longest = min(known, key=lambda b: (-getattr(b, length), b.finished_on))
    shortest = min(known, key=lambda b: (getattr(b, length), b.finished_on))
    return longest, shortest


def _authors(books: Sequence[FinishedBook]) -> tuple[tuple[str, int], ...]:
    counted = Counter(b.author.strip() for b in books if b.author and b.author.strip())
    ranked = sorted(counted.items(), key=lambda item: (-item[1], item[0].casefold()))
    return tuple(ranked[:TOP_AUTHORS])


def _best_week(
    pages: dict[date, int], first: date, last: date, week_starts_on: int
) -> BestWeek | None:
    """The week (from `week_starts_on`) with the most pages between `first` and `last`;
    of equal ones the earliest. Only the year's days count toward a week that crosses
    into another year."""
    weeks: Counter[date] = Counter()
    for day, read in pages.items():
        if first <= day <= last and read:
            weeks[week_start(day, week_starts_on)] += read
    if not weeks:
        return None
    start, most = min(weeks.items(), key=lambda item: (-item[1], item[0]))
    return BestWeek(max(start, first), min(start + timedelta(days=6), last), most)


def _pages_goal(history: History, year: int, last: date) -> PagesGoal | None:
    """What the daily pages goals asked of `year`'s due days, up to `last` and in all."""
    goals = history.goals
    if not goals.history(GoalKind.DAILY_PAGES):
        return None
    first, end = date(year, 1, 1), date(year, 12, 31)
    due = goals.due(end, (GoalKind.DAILY_PAGES,))
    target = goals.targets(GoalKind.DAILY_PAGES)
    now = target(last)
    asked = asked_in_year = read = due_days = 0
    for n in range((end - first).days + 1):
        day = first + timedelta(days=n)
        if day in history.skips or (due is not None and not due(day)):
            continue
        wanted = target(day) if day <= last else now
        if not wanted:
            continue
        asked_in_year += wanted
        if day <= last:
            asked += wanted
            due_days += 1
            read += history.totals.pages.get(day, 0)
    if not asked_in_year:
        return None  # no goal in force in the year
    return PagesGoal(asked, asked_in_year, read, due_days, now or 0)


def year_review(
    year: int,
    history: History,
    books: Iterable[Book],
    logs: Iterable[ReadingLog],
    *,
    week_starts_on: int = 0,
) -> YearReview:
    """The review of `year` from a History as of today, the books (any shelf: the
    finished ones in the year are picked) and the year's reading logs (for their
    minutes)."""
    today = history.today
    first, last = date(year, 1, 1), min(date(year, 12, 31), today)
    totals = history.totals

    def inside(day: date) -> bool:
        return first <= day <= last

    finished = finished_in(books, year)
    year_logs = [log for log in logs if inside(log.day)]
    read_days = totals.reading_days(first, last)
    pages = {day: read for day, read in totals.pages.items() if inside(day)}

    rows = [row for row in totals.rows() if inside(row[0])]
    met = met_days(rows, history.goals).learning_days
    finished_runs, current = daily_runs(
        met,
        {day for day in history.skips if inside(day)},
        last,
        history.goals.due(last, DAILY_KINDS),
    )
    best = best_runs(finished_runs, current, 1)

    months = []
    for month in range(1, last.month + 1):
        months.append(
            Month(
                month=month,
                books=sum(1 for b in finished if b.finished_on.month == month),
                pages=sum(read for day, read in pages.items() if day.month == month),
                reading_days=sum(1 for day in read_days if day.month == month),
            )
        )
    longest, shortest = _extremes(finished, "pages")
    unpaged = [b for b in finished if not b.pages]
    longest_listen, shortest_listen = _extremes(unpaged, "minutes")
    books_goal = goal_pace(history.goals, history.finished_days, last)
    return YearReview(
        year=year,
        today=today,
        last=last,
        books=tuple(finished),
        pages=sum(pages.values()),
        reading_minutes=sum(log.minutes or 0 for log in year_logs),
        learning_minutes=sum(m for day, m in totals.session_minutes.items() if inside(day)),
        sessions=sum(n for day, n in totals.sessions.items() if inside(day)),
        reading_days=len(read_days),
        learning_days=len(met),
        longest=longest,
        shortest=shortest,
        longest_listen=longest_listen,
        shortest_listen=shortest_listen,
        authors=_authors(finished),
        months=tuple(months),
        best_streak=best[0] if best else None,
        best_week=_best_week(pages, first, last, week_starts_on),
        books_goal=books_goal,
        pages_goal=None if books_goal is not None else _pages_goal(history, year, last),
        earlier_books=earlier_years(history.finished_days, year)[0],
    )
