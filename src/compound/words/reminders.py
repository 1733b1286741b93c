"""How a reminder speaks: the notification, and what `compound remind status` says."""

from __future__ import annotations

from datetime import date, datetime

from compound.domain.reminders import DAY_CODES, EVERY_DAY, NAMED_DAYS
from compound.domain.today import TodayFigures
from compound.words.figures import left_today

TITLE = "compound: today is not done yet"


def reminder_text(figures: TodayFigures, profile: str | None = None) -> str:
    """What is left and what is at stake: "12 more pages or any learning session will
    keep your 9-day streak", "30 pages or any learning session will start a streak"."""
    streak = figures.streak
    stake = (
        f"will keep your {streak.current:,}-day streak"
        if streak.current and streak.at_risk
        else "will start a streak"
    )
    whose = f"{profile}: " if profile else ""
    return f"{whose}{left_today(figures)} {stake}"


def days_name(days: tuple[int, ...]) -> str:
    """The days a reminder fires on: "every day", "weekdays", "Mon, Wed, Fri"."""
    if days == EVERY_DAY:
        return "every day"
    for name, named in NAMED_DAYS.items():
        if days == named:
            return name
    return ", ".join(DAY_CODES[day].capitalize() for day in days)


def next_firing(moment: datetime, now: datetime) -> str:
    """When a reminder fires next: "today at 20:30", "tomorrow at 20:30", "Mon 23 Nov at
    20:30"."""
    ahead = (moment.date() - now.date()).days
    day = "today" if ahead == 0 else "tomorrow" if ahead == 1 else _day(moment.date())
    return f"{day} at {moment:%H:%M}"


def _day(day: date) -> str:
    return f"{DAY_CODES[day.weekday()].capitalize()} {day.day} {day:%b}"
