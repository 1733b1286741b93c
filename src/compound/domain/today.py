"""Today at a glance: the day's amounts against the goals in force, whether the day
is due, what is left to meet it, the streak, this week's weekly goals, the yearly
books goal, and the books in hand.

Built once from a History, for `compound status` (and its one-line form in a shell
prompt), the app's Today screen and `compound stats` alike. On the prompt path it
must stay light: no `typing`, no dateutil unless a goal has a schedule, and the
yearly goal's projection code only when asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from compound.domain.goals import DAILY_KINDS, WEEKLY_KINDS
from compound.domain.met import Left, MetDays, left_to_meet, met_days
from compound.domain.records import Book, GoalKind
from compound.domain.streaks import Streak, daily_streak, week_start, week_target
from compound.domain.totals import History

TYPE_CHECKING = False  # not typing's: importing typing costs the prompt path ~2 ms
if TYPE_CHECKING:
    from compound.domain.projection import GoalPace


@dataclass(frozen=True, slots=True)
class WeekProgress:
    """A weekly goal this week: done so far against this week's share of the target."""

    kind: GoalKind
    done: int
    target: int  # less than the goal's for skip days (and a goal set mid-week)
    first: date  # the week's first day


@dataclass(frozen=True, slots=True)
class TodayFigures:
    today: date
    pages: int
    minutes: int  # learning minutes
    sessions: int
    pages_goal: int | None  # the daily goals in force today
    minutes_goal: int | None
    due: bool  # the schedules require today (and it is not a skip day)
    skipped: bool  # today is a planned skip day
    left: Left  # what would still meet today
    streak: Streak  # the learning-day streak
    weekly: tuple[WeekProgress, ...]
    goal_pace: GoalPace | None  # with a yearly books goal (and when asked for)
    reading: tuple[Book, ...]
    schedule: str | None = None  # the schedule of today's daily goals (pages first), if any
    # Minutes read today where the pages are unknown (an audiobook, a session timed
    # without pages): reading, but no pages towards a pages goal.
    timed: int = 0


def today_figures(
    history: History,
    *,
    week_starts_on: int = 0,
    with_goal_pace: bool = True,
    met: MetDays | None = None,
    streak: Streak | None = None,
) -> TodayFigures:
    """Today's figures from `history` (see the module docstring). A caller that has
    judged the days (`met`) or counted the streak already (domain/insight.py) passes
    them, rather than have them worked out twice."""
    today, totals, goals = history.today, history.totals, history.goals
    due = goals.due(today, DAILY_KINDS)
    if streak is None:
        if met is None:
            met = met_days([row for row in totals.rows() if row[0] <= today], goals)
        learning_days = [day for day in met.learning_days if day <= today]
        streak = daily_streak(learning_days, history.skips, today, due)
    pages = totals.pages.get(today, 0)
    minutes = totals.session_minutes.get(today, 0)
    sessions = totals.sessions.get(today, 0)
    pages_goal = goals.target_on(GoalKind.DAILY_PAGES, today)
    minutes_goal = goals.target_on(GoalKind.DAILY_MINUTES, today)
    pace = None
    if with_goal_pace and goals.target_on(GoalKind.YEARLY_BOOKS, today):
        from compound.domain.projection import book_length, goal_pace

        pace = goal_pace(goals, history.finished_days, today, book_length(history.finished_pages))
    in_force = [goals.change_on(kind, today) for kind in DAILY_KINDS]
    schedule = next((c.schedule for c in in_force if c is not None and c.schedule), None)
    return TodayFigures(
        today=today,
        pages=pages,
        minutes=minutes,
        sessions=sessions,
        pages_goal=pages_goal,
        minutes_goal=minutes_goal,
        due=today not in history.skips and (due is None or due(today)),
        skipped=today in history.skips,
        left=left_to_meet(pages, minutes, pages_goal, minutes_goal),
        streak=streak,
        weekly=week_progress(history, week_starts_on),
        goal_pace=pace,
        reading=history.reading,
        schedule=schedule,
        timed=totals.timed_minutes.get(today, 0),
    )


def week_progress(history: History, week_starts_on: int = 0) -> tuple[WeekProgress, ...]:
    """Each weekly goal in force today: this week's total against this week's target."""
    today, totals, goals = history.today, history.totals, history.goals
    first = week_start(today, week_starts_on)
    days = [first + timedelta(days=n) for n in range(7)]
    amounts = {GoalKind.WEEKLY_PAGES: totals.pages, GoalKind.WEEKLY_SESSIONS: totals.sessions}
    found = []
    for kind in WEEKLY_KINDS:
        target = goals.target_on(kind, today)
        since = goals.first_since(kind)
        if not target or since is None:
            continue
        by_day = amounts[kind]
        found.append(
            WeekProgress(
                kind=kind,
                done=sum(by_day.get(day, 0) for day in days if day <= today),
                target=week_target(target, days, history.skips, since),
                first=first,
            )
        )
    return tuple(found)
