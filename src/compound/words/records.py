"""Records as people read them: entries, books and their progress, goals and their days.

Stored free text (titles, topics, a rule as written) is shown safely (`words.safe`)."""

from __future__ import annotations

from datetime import date

from compound.domain.records import Book, BookStatus, Entry, GoalKind, ReadingLog, RemovedEntry
from compound.words.dates import day_label, short_date
from compound.words.numbers import duration, listing, pages, plural
from compound.words.safe import shown

TYPE_CHECKING = False  # not typing's: importing typing costs the prompt path ~2 ms
if TYPE_CHECKING:
    from compound.domain.exports import ExportData
    from compound.domain.profiles import ProfileContents

SHELVES = {
    BookStatus.READING: "being read",
    BookStatus.TO_READ: "to read",
    BookStatus.FINISHED: "finished",
    BookStatus.ABANDONED: "abandoned",
}


def time_read(minutes: int) -> str:
    """A length of time read or listened to: "11 h 30 min", "45 min", "11 h"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours:,} h {rest} min" if rest else f"{hours:,} h"


def book_length(book: Book) -> str:
    """How long a book is: "320 pages", an audiobook's "11 h 30 min" ("" unknown)."""
    return length_of(book.total_pages, book.total_minutes)


def length_of(total_pages: int | None, total_minutes: int | None) -> str:
    """A length in pages where known, else in time: "320 pages", "11 h 30 min", ""."""
    if total_pages:
        return pages(total_pages)
    return time_read(total_minutes) if total_minutes else ""


def amount(entry: Entry) -> str:
    """What an entry holds: "30 p in 45m", "45m read" (by time, no pages), "45m course"."""
    if isinstance(entry, ReadingLog):
        if entry.by_time:
            return f"{duration(entry.minutes or 0)} read"
        spent = f" in {duration(entry.minutes)}" if entry.minutes else ""
        return f"{entry.pages} p{spent}"
    return f"{duration(entry.minutes)} {entry.kind}"


def subject(entry: Entry) -> str:
    """The book of a reading log, the topic of a session ("" when none), shown safely."""
    return shown((entry.book_title if isinstance(entry, ReadingLog) else entry.topic) or "")


def log_amount(log: ReadingLog) -> str:
    """What a reading log holds: "30 pages", or by time "45 min"."""
    return time_read(log.minutes or 0) if log.by_time else pages(log.pages)


def phrase(entry: Entry, today: date) -> str:
    """What an entry was and when: "30 pages of Deep Work, today", "45m course · SQL, yesterday"."""
    when = day_label(entry.day, today)
    if isinstance(entry, ReadingLog):
        what = log_amount(entry)
        if entry.book_title:
            what += f" of {shown(entry.book_title)}"
        return f"{what}, {when}"
    topic = f" · {shown(entry.topic)}" if entry.topic else ""
    return f"{duration(entry.minutes)} {entry.kind}{topic}, {when}"


def describe(entry: Entry, today: date) -> str:
    """One phrase for an entry, with its id: "r12: 30 pages of Deep Work, today"."""
    return f"{entry.ref}: {phrase(entry, today)}"


def book_moves(removed: RemovedEntry) -> list[str]:
    """What removing an entry did to its book: "Dune is back to being read", "Dune is
    back on the to-read shelf"; nothing when it left the book alone."""
    moved = []
    if removed.reopened_book is not None:
        moved.append(f"{shown(removed.reopened_book.title)} is back to being read")
    if removed.reshelved_book is not None:
        moved.append(f"{shown(removed.reshelved_book.title)} is back on the to-read shelf")
    return moved


def book_progress(book: Book) -> str:
    """How far a book is: "120/296 · 41%", "296 p" (to read), "done · 296 p".

    A finished book is done whatever was logged: imported and back-filled books
    often have no reading logs at all, and "0/296 · 0%" would misstate them.
    """
    if book.by_time:
        return _time_progress(book)
    if book.status == BookStatus.FINISHED:
        return f"done · {book.total_pages:,} p" if book.total_pages else "done"
    if book.status == BookStatus.TO_READ and not book.pages_read:
        return f"{book.total_pages:,} p" if book.total_pages else ""
    if book.total_pages and book.progress is not None:
        return f"{book.pages_read:,}/{book.total_pages:,} · {round(100 * book.progress)}%"
    return f"{book.pages_read:,} p" if book.pages_read else ""


def _time_progress(book: Book) -> str:
    """An audiobook's progress: "3 h 20 min/11 h 30 min · 29%", "11 h 30 min" (to read)."""
    length = time_read(book.total_minutes or 0)
    if book.status == BookStatus.FINISHED:
        return f"done · {length}"
    if book.status == BookStatus.TO_READ and not book.minutes_read:
        return length
    return f"{time_read(book.minutes_read)}/{length} · {round(100 * (book.progress or 0))}%"


def done_by(book: Book, eta: date | None, today: date) -> str:
    """When a book was finished ("05 Dec 2025"), or is expected to be at the pace ("~08 Jan")."""
    if book.status == BookStatus.FINISHED:
        return short_date(book.finished_on, today)
    return f"~{short_date(eta, today)}" if eta else ""


_WEEKDAYS = {
    "MO": "Mon",
    "TU": "Tue",
    "WE": "Wed",
    "TH": "Thu",
    "FR": "Fri",
    "SA": "Sat",
    "SU": "Sun",
}
NAMED_SCHEDULES = {
    "every day": None,
    "weekdays": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    "weekends": "FREQ=WEEKLY;BYDAY=SA,SU",
}


def schedule_name(rule: str | None) -> str:
    """A schedule as said: "every day", "weekdays", "Mon, Wed, Fri" for a weekly rule of
    plain days; any other rule as written."""
    for name, known in NAMED_SCHEDULES.items():
        if known == rule:
            return name
    assert rule is not None
    parts = dict(part.partition("=")[::2] for part in rule.upper().split(";"))
    days = parts.get("BYDAY", "").split(",")
    if (
        parts.keys() == {"FREQ", "BYDAY"}
        and parts["FREQ"] == "WEEKLY"
        and all(day in _WEEKDAYS for day in days)
    ):
        return ", ".join(name for code, name in _WEEKDAYS.items() if code in days)
    return shown(rule)


def goal_days(kind: GoalKind, rule: str | None) -> str:
    """The days a goal judges: its schedule for a daily goal, else its period."""
    if kind == GoalKind.YEARLY_BOOKS:
        return "the year"
    if kind in (GoalKind.WEEKLY_PAGES, GoalKind.WEEKLY_SESSIONS):
        return "each week"
    return schedule_name(rule)


def goal_target(kind: GoalKind, target: int) -> str:
    """A goal as a phrase: "25 pages a day", "30m a day", "24 books a year"."""
    if kind == GoalKind.DAILY_PAGES:
        return f"{pages(target)} a day"
    if kind == GoalKind.DAILY_MINUTES:
        return f"{duration(target)} of learning a day"
    if kind == GoalKind.WEEKLY_PAGES:
        return f"{pages(target)} a week"
    if kind == GoalKind.WEEKLY_SESSIONS:
        return f"{plural(target, 'session')} a week"
    return f"{plural(target, 'book')} a year"


_NOUNS = {
    "books": "book",
    "reading_logs": "reading log",
    "sessions": "learning session",
    "goals": "goal",
    "skips": "skip day",
}


def counts(**how_many: int) -> str:
    """E.g. counts(books=4, reading_logs=60) -> "4 books and 60 reading logs"."""
    return listing([plural(n, _NOUNS[key]) for key, n in how_many.items()])


def profile_contents(held: ProfileContents) -> str:
    """What a profile holds: "4 books, 60 reading logs, 20 learning sessions, 2 goals and
    1 skip day"."""
    return counts(
        books=held.books,
        reading_logs=held.reading_logs,
        sessions=held.sessions,
        goals=held.goals,
        skips=held.skips,
    )


def export_contents(data: ExportData) -> str:
    """What an export holds, in the same words."""
    return counts(
        books=len(data.books),
        reading_logs=len(data.reading_logs),
        sessions=len(data.sessions),
        goals=len(data.goals),
        skips=len(data.skips),
    )
