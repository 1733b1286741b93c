"""Short phrases the app shows: days, amounts, entries, books."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from compound.domain.days import format_duration
from compound.domain.records import Book, Entry, ReadingLog


def plural(count: float, one: str, many: str | None = None) -> str:
    shown = f"{count:,}" if isinstance(count, int) else f"{count:g}"
    return f"{shown} {one if count == 1 else (many or one + 's')}"


def day_label(day: date, today: date) -> str:
    if day == today:
        return "today"
    if (today - day).days == 1:
        return "yesterday"
    if day.year == today.year:
        return day.strftime("%a %d %b")
    return day.strftime("%d %b %Y")


def describe(entry: Entry, today: date) -> str:
    """One phrase for an entry, as undo and delete report it."""
    when = day_label(entry.day, today)
    if isinstance(entry, ReadingLog):
        what = plural(entry.pages, "page")
        if entry.book_title:
            what += f" of {entry.book_title}"
        return f"{what}, {when}"
    topic = f" · {entry.topic}" if entry.topic else ""
    return f"{format_duration(entry.minutes)} {entry.kind}{topic}, {when}"


def amount(entry: Entry) -> str:
    if isinstance(entry, ReadingLog):
        spent = f" in {format_duration(entry.minutes)}" if entry.minutes else ""
        return f"{entry.pages} p{spent}"
    return f"{format_duration(entry.minutes)} {entry.kind}"


def subject(entry: Entry) -> str:
    return (entry.book_title if isinstance(entry, ReadingLog) else entry.topic) or ""


def book_progress(book: Book) -> str:
    if book.total_pages:
        return f"{book.pages_read}/{book.total_pages} · {round(100 * book.progress)}%"
    return f"{book.pages_read} p" if book.pages_read else ""


def short_date(day: date | None, today: date) -> str:
    if day is None:
        return ""
    return day.strftime("%d %b") if day.year == today.year else day.strftime("%d %b %Y")


def clip(text: str, width: int) -> str:
    """`text` cut to `width` terminal cells, an ellipsis marking the cut: 三体 takes four."""
    cut = Text(text)
    cut.truncate(width, overflow="ellipsis")
    return cut.plain
