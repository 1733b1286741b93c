"""The year in review in words: its heading, its figures' sentences, its books named.

The command line's text and Markdown and the HTML page say the year the same way.
Titles and authors come back as stored: each surface makes them safe for itself.
"""

from __future__ import annotations

from compound.domain.review import BestWeek, FinishedBook, PagesGoal, YearReview
from compound.domain.streaks import Run
from compound.words.dates import short_date, span
from compound.words.figures import goal_pace_sentence
from compound.words.numbers import duration, percent, plural
from compound.words.records import length_of

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def heading(review: YearReview) -> str:
    """ "2025 in review", or this year's "2026 so far (to 22 Nov)"."""
    if review.final:
        return f"{review.year} in review"
    return f"{review.year} so far (to {short_date(review.last, review.last)})"


def nothing(review: YearReview) -> str:
    """What a year without anything says."""
    return f"Nothing in {review.year}: no book finished and nothing logged."


def pages_line(review: YearReview) -> str:
    """ "12,345 pages on 210 reading days"."""
    return f"{plural(review.pages, 'page')} on {plural(review.reading_days, 'reading day')}"


def hours_line(review: YearReview) -> str:
    """ "reading by time 3h20m; learning 12h in 40 sessions", or "none logged"."""
    if not (review.reading_minutes or review.sessions):
        return "none logged"
    parts = []
    if review.reading_minutes:
        parts.append(f"reading by time {duration(review.reading_minutes)}")
    learning = duration(review.learning_minutes) if review.learning_minutes else "0h"
    parts.append(f"learning {learning} in {plural(review.sessions, 'session')}")
    return "; ".join(parts)


def length(book: FinishedBook) -> str:
    """A book's length, as every surface says it: "612 pages", "11 h 40 min", or ""."""
    return length_of(book.pages, book.minutes)


def finished_day(book: FinishedBook) -> str:
    return short_date(book.finished_on, book.finished_on)


def book_figures(book: FinishedBook) -> str:
    """What follows a book's title: "(612 pages, finished 03 Mar)"."""
    shown = length(book)
    return f" ({shown + ', ' if shown else ''}finished {finished_day(book)})"


def byline(book: FinishedBook) -> str:
    """ "Title by Author", or the title alone."""
    return f"{book.title} by {book.author}" if book.author else book.title


def streak_line(run: Run | None) -> str:
    """ "34 days (02 Mar – 04 Apr)", or "none" without a met day."""
    if run is None:
        return "none"
    # Within one year: its days are said without it.
    return f"{plural(run.length, 'day')} ({span(run.first, run.last, run.last)})"


def week_line(week: BestWeek | None) -> str:
    """ "612 pages (10 Mar – 16 Mar)", or "none" without a page read."""
    if week is None:
        return "none"
    return f"{plural(week.pages, 'page')} ({span(week.first, week.last, week.last)})"


def _pages_goal(goal: PagesGoal, final: bool) -> str:
    read = f"{goal.read:,} of {plural(goal.asked, 'page')}"
    if final:
        return f"{read} the daily pages goal asked ({percent(goal.share)})"
    return (
        f"{read} the daily pages goal asked so far ({percent(goal.share)}); "
        f"{goal.asked_in_year:,} in the whole year at {goal.target:,} a day"
    )


def goal_line(review: YearReview) -> str:
    """The year against its goal: the yearly books goal, else the daily pages goals,
    else "no goal"."""
    books = review.books_goal
    if books is not None:
        if not review.final:
            return goal_pace_sentence(books)
        made = books.finished >= books.year_goal - 1e-9
        short = max(round(books.year_goal) - books.finished, 1)
        verdict = "made it" if made else f"{plural(short, 'book')} short"
        share = books.finished / books.year_goal if books.year_goal else None
        return (
            f"{books.finished:,} of {plural(round(books.year_goal), 'book')} "
            f"({percent(share)}): {verdict}"
        )
    if review.pages_goal is not None:
        return _pages_goal(review.pages_goal, review.final)
    return "no goal"


def month_name(month: int) -> str:
    return MONTHS[month - 1]


def summary_lines(review: YearReview) -> list[tuple[str, str]]:
    """(label, figures) of the year's lines, in the order every surface shows them."""
    lines = [
        ("Books finished", f"{len(review.books):,}"),
        ("Pages", pages_line(review)),
        ("Time", hours_line(review)),
        ("Best streak", streak_line(review.best_streak)),
        ("Best week", week_line(review.best_week)),
        ("Goal", goal_line(review)),
    ]
    return lines


def authors_line(review: YearReview) -> str:
    """ "Ursula K. Le Guin (3), Terry Pratchett (2)"."""
    return ", ".join(f"{name} ({count:,})" for name, count in review.authors)


def extremes(review: YearReview) -> list[tuple[str, FinishedBook]]:
    """(label, book) of the longest and shortest books, and audiobooks, when known."""
    found: list[tuple[str, FinishedBook]] = []
    for label, book in (
        ("Longest", review.longest),
        ("Shortest", review.shortest),
        ("Longest listen", review.longest_listen),
        ("Shortest listen", review.shortest_listen),
    ):
        if book is not None and not (label.startswith("Shortest") and _same(found, book)):
            found.append((label, book))
    return found


def _same(found: list[tuple[str, FinishedBook]], book: FinishedBook) -> bool:
    """One book is not both the longest and the shortest."""
    return bool(found) and found[-1][1] is book
