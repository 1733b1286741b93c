"""Days as people read them: "today", "yesterday", "Fri 04 Dec", "04 Dec 2025"."""

from __future__ import annotations

from datetime import date


def day_label(day: date, today: date) -> str:
    """A day relative to today; a day of another year carries its year."""
    if day == today:
        return "today"
    if (today - day).days == 1:
        return "yesterday"
    if day.year == today.year:
        return day.strftime("%a %d %b")
    return day.strftime("%d %b %Y")


def short_date(day: date | None, today: date) -> str:
    """A date, short: "04 Dec" this year, "04 Dec 2025" another; "" for no day."""
    if day is None:
        return ""
    return day.strftime("%d %b") if day.year == today.year else day.strftime("%d %b %Y")


def long_date(day: date) -> str:
    """The heading of a day's figures: "Friday 04 December 2026"."""
    return day.strftime("%A %d %B %Y")


def full_date(day: date) -> str:
    """A day named where the year matters: "Fri 04 Dec 2026"."""
    return day.strftime("%a %d %b %Y")


def span(first: date, last: date, today: date) -> str:
    """A run of days: "04 Dec", "01 Dec – 04 Dec", "28 Dec 2025 – 04 Jan"."""
    if first == last:
        return short_date(first, today)
    return f"{short_date(first, today)} – {short_date(last, today)}"
