"""Reminders: whether a firing speaks (due, not met, the day started), and when one fires."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from compound.domain.errors import InputError
from compound.domain.goals import GoalChange, GoalTimeline
from compound.domain.records import GoalKind
from compound.domain.reminders import (
    EVERY_DAY,
    ReminderTime,
    check_reminder_time,
    days_spec,
    needs_reminder,
    parse_days,
    parse_time,
)
from compound.domain.today import today_figures
from compound.domain.totals import DailyTotals, History

SATURDAY = date(2026, 11, 21)
MONDAY = date(2026, 11, 23)
WEEKDAYS = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
EVENING = time(20, 30)


def figures(today: date, pages=None, *, goal=30, schedule=None, skips=()):
    """Today's figures with a daily pages goal (set a month ago) and `pages` per day."""
    goals = [GoalChange(GoalKind.DAILY_PAGES, goal, today - timedelta(days=30), schedule)]
    return today_figures(
        History(
            today=today,
            totals=DailyTotals(pages=pages or {}, sessions={}, session_minutes={}),
            goals=GoalTimeline(goals),
            skips=frozenset(skips),
        )
    )


def test_an_unmet_due_day_is_reminded_of():
    assert needs_reminder(figures(MONDAY, {MONDAY: 12}), EVENING)


def test_a_met_day_is_not():
    assert not needs_reminder(figures(MONDAY, {MONDAY: 30}), EVENING)


def test_a_weekday_schedule_on_saturday_asks_for_nothing():
    saturday = figures(SATURDAY, schedule=WEEKDAYS)
    assert not saturday.due
    assert not needs_reminder(saturday, EVENING)
    # The same schedule on a Monday does ask.
    assert needs_reminder(figures(MONDAY, schedule=WEEKDAYS), EVENING)


def test_a_skip_day_asks_for_nothing():
    assert not needs_reminder(figures(MONDAY, skips={MONDAY}), EVENING)
    assert needs_reminder(figures(MONDAY, skips={MONDAY - timedelta(days=1)}), EVENING)


def test_before_the_day_starts_it_is_still_yesterday():
    unmet = figures(MONDAY)
    assert not needs_reminder(unmet, time(1, 30), day_starts_at=time(3))
    assert needs_reminder(unmet, time(3), day_starts_at=time(3))
    assert needs_reminder(unmet, time(1, 30), day_starts_at=time(0))


def test_each_profile_is_judged_by_its_own_figures():
    ana = figures(MONDAY, {MONDAY: 40})
    ben = figures(MONDAY, {MONDAY: 10}, goal=20)
    cleo = figures(MONDAY, {MONDAY: 10}, goal=20, skips={MONDAY})
    spoken = [
        name
        for name, them in (("ana", ana), ("ben", ben), ("cleo", cleo))
        if needs_reminder(them, EVENING)
    ]
    assert spoken == ["ben"]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        (None, EVERY_DAY),
        ("mon-fri", (0, 1, 2, 3, 4)),
        ("sat,sun", (5, 6)),
        ("Monday,wed-FRI", (0, 2, 3, 4)),
        ("fri-mon", (0, 4, 5, 6)),  # a range may wrap the week's end
        ("weekends", (5, 6)),
        ("daily", EVERY_DAY),
    ],
)
def test_days_as_typed(text, days):
    assert parse_days(text) == days
    assert parse_days(days_spec(days)) == days


@pytest.mark.parametrize("text", ["", "mo", "mon-", "funday", "mon,,tue", "mon-xyz"])
def test_days_that_are_not_weekdays_are_refused(text):
    if text == "":
        assert parse_days(text) == EVERY_DAY  # nothing said: every day
        return
    with pytest.raises(InputError, match="weekday"):
        parse_days(text)


def test_days_spec_reads_back():
    assert days_spec((0, 1, 2, 3, 4)) == "mon-fri"
    assert days_spec((0, 2, 4)) == "mon,wed,fri"
    assert days_spec(EVERY_DAY) == "daily"


@pytest.mark.parametrize(
    ("text", "at"), [("20:30", time(20, 30)), ("8:05", time(8, 5)), ("21", time(21))]
)
def test_times_as_typed(text, at):
    assert parse_time(text) == at


@pytest.mark.parametrize("text", ["24:00", "20:60", "8pm", "", "20:3"])
def test_times_that_are_not_times_are_refused(text):
    with pytest.raises(InputError, match="time of day"):
        parse_time(text)


def test_a_reminder_before_the_day_starts_is_refused():
    with pytest.raises(InputError, match="before the day starts"):
        check_reminder_time(time(2, 30), time(3))
    check_reminder_time(time(3), time(3))


def test_the_next_firing_skips_days_it_is_not_set_for():
    weekdays = ReminderTime(EVENING, (0, 1, 2, 3, 4))
    friday_night = datetime(2026, 11, 27, 21, 0)
    assert weekdays.next_after(friday_night) == datetime(2026, 11, 30, 20, 30)
    friday_noon = datetime(2026, 11, 27, 12, 0)
    assert weekdays.next_after(friday_noon) == datetime(2026, 11, 27, 20, 30)
    # At the very minute it fires, the next one is the following day's.
    assert weekdays.next_after(datetime(2026, 11, 23, 20, 30)) == datetime(2026, 11, 24, 20, 30)
