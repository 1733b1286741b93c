"""`compound stats`: streaks, consistency, pace, the year ahead and goal pace."""

from __future__ import annotations

from datetime import date

from compound.cli.context import Context
from compound.cli.render import to_json, width_of
from compound.cli.tables import Table, fit_line, show_all, terminal
from compound.domain.totals import TimedReading, timed_reading
from compound.words.dates import full_date, span
from compound.words.figures import (
    goal_pace_sentence,
    learning_today,
    pace_sentence,
    range_method,
    reading_by_time,
    reading_today,
    streak_sentence,
    time_not_projected,
    week_progress,
    year_ahead_lines,
)
from compound.words.numbers import duration, percent, plural
from compound.words.records import time_read

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.domain.habits import HabitReport
    from compound.domain.insight import Insight, PeriodTotals
    from compound.domain.projection import Projection

PERIOD_NAMES = {
    "week": "this week",
    "month": "this month",
    "year": "this year",
    "all": "since the first entry",
}


# -- for people -----------------------------------------------------------------------


def habit_rows(habits: dict[str, HabitReport]) -> list[list[str]]:
    rows = []
    for name, habit in habits.items():
        unit = "week" if habit.unit == "week" else "day"
        state = " ⏳" if habit.at_risk else " ✓" if habit.met_today else ""
        if habit.unit == "week":
            state += f" ({habit.done:,}/{habit.target:,})" if habit.target else ""
        rows.append(
            [
                name.replace("-", " "),
                f"{plural(habit.current, unit)}{state}",
                plural(habit.longest, unit),
                percent(habit.consistency_30),
                percent(habit.consistency_90),
                f"{habit.strength:.0f}",
            ]
        )
    return rows


def period_line(found: PeriodTotals, today: date) -> str:
    return (
        f"{PERIOD_NAMES[found.period].capitalize()} ({span(found.first, found.last, today)}): "
        f"{plural(found.pages, 'page')} on {plural(found.reading_days, 'day')}, "
        f"{plural(found.sessions, 'session')} ({duration(found.minutes)}), "
        f"{plural(found.learning_days, 'learning day')}"
    )


class Record(str):
    """A line holding a record (a book and its figures): fitted when it was made, its
    title shortened on a terminal and whole elsewhere, never wrapped."""


def text(
    found: Insight,
    period: PeriodTotals,
    width: int | None = None,
    earlier: str = "",
    timed: TimedReading | None = None,
) -> list[str | Table]:
    """What `stats` says, for a terminal `width` cells wide (None: not a terminal, where
    no title is shortened); `earlier` follows this year's books (`review.earlier_note`);
    `timed`: reading measured by time, said when there is any."""
    figures = found.today_figures
    lines: list[str | Table] = [
        full_date(found.today),
        f"Today: reading {reading_today(figures)}; learning {learning_today(figures)}",
        f"Streak: {streak_sentence(figures)}",
        period_line(period, found.today),
        "",
    ]
    if timed is not None and timed.in_period:
        lines.insert(-1, f"Reading: {reading_by_time(period.pages, timed.in_period)}")
    lines.append(
        Table(
            ["HABIT", "STREAK", "LONGEST", "30 DAYS", "90 DAYS", "STRENGTH"],
            habit_rows(found.habits),
            right=(5,),
            free=(0,),
        )
    )
    if found.streak.best:
        lines += ["", "Best learning-day streaks"]
        lines += [
            f"  {plural(length, 'day'):>9}  {first.isoformat()} – {last.isoformat()}"
            for first, last, length in found.streak.best
        ]
    lines += ["", f"Pace: {pace_sentence(found.pace)}"]
    lines += [f"  {line}" for line in year_ahead_lines(found.projection)]
    if timed is not None and timed.this_year:
        lines.append(f"  {time_not_projected(timed.this_year)}")
    projection = found.projection
    lines.append(f"  Learning: about {projection.learning_hours_per_year:,.0f} hours a year")
    lines.append(
        f"  This year: {projection.this_year_read:,} pages read; about "
        f"{projection.this_year_expected:,} by 31 December"
        + (
            f" ({projection.this_year_low:,}–{projection.this_year_high:,})"
            if projection.this_year_low != projection.this_year_high
            else ""
        )
    )
    lines.append(f"Books finished this year: {found.books_finished_this_year}{earlier}")
    for progress in figures.weekly:
        lines.append(f"Week: {week_progress(progress)}")
    if found.goal_pace:
        lines.append(f"Goal: {goal_pace_sentence(found.goal_pace)}")
    if found.books:
        lines.append("Being read, at this pace:")
    for eta in found.books:
        when = (
            f"about {eta.eta.strftime('%d %b %Y')} ({plural(eta.days_left or 0, 'day')})"
            if eta.eta
            else "no estimate (unknown length or no pace yet)"
        )
        left = f"{plural(eta.pages_left, 'page')} left, " if eta.pages_left else ""
        if eta.minutes_left:
            left = f"{time_read(eta.minutes_left)} left, "
        # A record: its title gives way to the terminal, the figures never.
        lines.append(
            Record(fit_line(f"  #{eta.book.id} ", eta.book.label(), f": {left}{when}", width))
        )
    if found.queue_days is not None:
        lines.append(f"To-read shelf: about {plural(found.queue_days, 'day')} at this pace")
    if found.first_day is None:
        lines += [
            "",
            "Nothing logged yet: `compound log 25` starts it, and `compound project` "
            "shows where 25 pages a day lead.",
        ]
    return lines


def fitted(lines: list[str], width: int | None) -> list[str]:
    """Prose `lines` wrapped to a terminal `width` cells wide, continuations indented
    under their start; not a terminal (None), they are left whole, as tables are.
    Records are left as they are (they fit by shortening their titles), and so is a
    block of several lines (laid out already)."""
    import textwrap

    if width is None:
        return list(lines)
    columns = max(width, 20)
    out: list[str] = []
    for line in lines:
        if isinstance(line, Record) or "\n" in line or width_of(line) <= columns:
            out.append(line)
            continue
        indent = " " * (len(line) - len(line.lstrip(" ")))
        out += textwrap.wrap(
            line, width=columns, subsequent_indent=indent + "    ", break_on_hyphens=False
        )
    return out


# -- for scripts ----------------------------------------------------------------------


def _r(value: float) -> float:
    return round(value, 2)


def habit_json(habit: HabitReport) -> dict:
    return {
        "unit": habit.unit,
        "current": habit.current,
        "longest": habit.longest,
        "at_risk": habit.at_risk,
        "met_today": habit.met_today,
        "best": [
            {"first": first, "last": last, "length": length} for first, last, length in habit.best
        ],
        "consistency_30": None if habit.consistency_30 is None else _r(habit.consistency_30),
        "consistency_90": None if habit.consistency_90 is None else _r(habit.consistency_90),
        "strength": _r(habit.strength),
        "target": habit.target,
        "done": habit.done,
    }


def projection_json(projection: Projection) -> dict:
    growth = projection.growth
    return {
        "pages_per_day": _r(projection.pages_per_day),
        "pages_per_year": projection.pages_per_year,
        "books_low": projection.books_low,
        "books_high": projection.books_high,
        "book_length": list(projection.book_length),
        "range_low": projection.range_low,
        "range_high": projection.range_high,
        "method": range_method(projection),
        "learning_hours_per_year": _r(projection.learning_hours_per_year),
        "this_year_read": projection.this_year_read,
        "this_year_expected": projection.this_year_expected,
        "this_year_low": projection.this_year_low,
        "this_year_high": projection.this_year_high,
        "days_measured": projection.days_measured,
        "rough": projection.rough,
        "growth": None
        if growth is None
        else {
            "per_week": growth.per_week,
            "pages_per_year": growth.pages_per_year,
            "books_low": growth.books_low,
            "books_high": growth.books_high,
            "pages_per_day_at_end": _r(growth.pages_per_day_at_end),
        },
    }


def as_json(found: Insight, period: PeriodTotals, timed: TimedReading | None = None) -> dict:
    streak, pace, figures = found.streak, found.pace, found.today_figures
    data = {
        "today": found.today,
        "pages_today": figures.pages,
        "minutes_today": figures.minutes,
        "sessions_today": figures.sessions,
        "current_streak": streak.current,
        "longest_streak": streak.longest,
        "streak_at_risk": streak.at_risk,
        "met_today": streak.met_today,
        "pace_pages_per_day": _r(pace.d30),
        "pace": {
            "d7": _r(pace.d7),
            "d30": _r(pace.d30),
            "d90": _r(pace.d90),
            "minutes_per_day": _r(pace.minutes_per_day),
        },
        "projection": projection_json(found.projection),
        "books_finished_this_year": found.books_finished_this_year,
        "habits": {name: habit_json(habit) for name, habit in found.habits.items()},
        "period": {
            "name": period.period,
            "first": period.first,
            "last": period.last,
            "pages": period.pages,
            "minutes": period.minutes,
            "sessions": period.sessions,
            "reading_days": period.reading_days,
            "learning_days": period.learning_days,
            "minutes_read_by_time": timed.in_period if timed else 0,
        },
        "books": [
            {
                "id": eta.book.id,
                "title": eta.book.title,
                "pages_left": eta.pages_left,
                "minutes_left": eta.minutes_left,
                "eta": eta.eta,
                "days_left": eta.days_left,
            }
            for eta in found.books
        ],
        "queue_days": found.queue_days,
        "goal_pace": None,
    }
    if found.goal_pace is not None:
        goal = found.goal_pace
        data["books_ahead"] = _r(goal.ahead)
        data["goal_pace"] = {
            "goal": goal.goal,
            "since": goal.since,
            "year_goal": _r(goal.year_goal),
            "expected": _r(goal.expected),
            "finished": goal.finished,
            "ahead": _r(goal.ahead),
            "pages_per_day_needed": _r(goal.pages_per_day_needed),
            "buffer_days": goal.buffer_days,
        }
    return data


def show(ctx: Context, args) -> int:
    view = ctx.tracker().views.stats(args.period)
    timed = timed_reading(view.history, view.period.first, view.period.last)
    if args.json:
        ctx.print(to_json(as_json(view.insight, view.period, timed)))
    else:
        from compound.cli.review import earlier_note

        width = terminal(ctx.out).width
        earlier = earlier_note(
            view.history.finished_days, view.insight.books_finished_this_year, view.insight.today
        )
        items = text(view.insight, view.period, width, earlier, timed)
        show_all(ctx.out, items, lambda line: ctx.print(*fitted([line], width)))
    return 0


def register(commands) -> None:
    p = commands.add(
        "stats",
        show,
        "streaks, consistency, pace, the year ahead, goal pace",
        description="Streaks and habit strength, pace, where it leads in a year, "
        "and how a yearly books goal stands.",
    )
    p.add_argument(
        "--period",
        choices=list(PERIOD_NAMES),
        default="week",
        help="the span the totals line covers: this week (default), this month, this year, or all",
    )
    p.add_argument("--json", action="store_true", help="JSON for scripts")
