"""`compound status`: today at a glance, light enough for a shell prompt."""

from __future__ import annotations

from compound.cli.context import Context
from compound.cli.render import bar, book_json, pad, to_json, width_of
from compound.domain.today import TodayFigures
from compound.words.dates import long_date
from compound.words.figures import (
    goal_pace_sentence,
    learning_today,
    reading_today,
    short_line,
    streak_sentence,
    week_progress,
)
from compound.words.records import book_progress


def read_status(ctx: Context, *, short: bool = False) -> TodayFigures:
    """Today's figures, from the SQLite file directly when it is up to date.

    `short` spares the prompt line the yearly books goal it does not show.
    """
    if ctx.database.path is not None:
        from compound.tracker.glance import today_from_file

        found = today_from_file(
            ctx.database.path,
            ctx.profile,
            ctx.today,
            week_starts_on=ctx.settings.week_starts_on,
            short=short,
        )
        if found is not None:
            return found
    return ctx.tracker().views.status(with_goal_pace=not short)


def as_json(figures: TodayFigures) -> dict:
    streak = figures.streak
    data = {
        "today": figures.today,
        "pages_today": figures.pages,
        "minutes_today": figures.minutes,
        "minutes_read_by_time_today": figures.timed,
        "sessions_today": figures.sessions,
        "daily_pages_goal": figures.pages_goal,
        "daily_minutes_goal": figures.minutes_goal,
        "due_today": figures.due,
        "skip_day": figures.skipped,
        "pages_left": figures.left.pages,
        "minutes_left": figures.left.minutes,
        "current_streak": streak.current,
        "longest_streak": streak.longest,
        "streak_at_risk": streak.at_risk,
        "met_today": streak.met_today,
        "weekly": [
            {"kind": w.kind.value, "done": w.done, "target": w.target} for w in figures.weekly
        ],
        "reading": [book_json(b) for b in figures.reading],
    }
    if figures.goal_pace is not None:
        goal = figures.goal_pace
        data["books_ahead"] = round(goal.ahead, 2)
        data["goal_pace"] = {
            "goal": goal.goal,
            "since": goal.since,
            "year_goal": round(goal.year_goal, 2),
            "expected": round(goal.expected, 2),
            "finished": goal.finished,
            "pages_per_day_needed": round(goal.pages_per_day_needed, 2),
            "buffer_days": goal.buffer_days,
        }
    return data


def _meter(done: int, goal: int | None, due: bool) -> str:
    if not goal or not due:
        return ""
    return f"  {bar(done / goal)}  {round(100 * done / goal)}%"


def long_text(figures: TodayFigures) -> list[str]:
    lines = [
        long_date(figures.today),
        f"  {'Reading':<9}{reading_today(figures)}"
        f"{_meter(figures.pages, figures.pages_goal, figures.due)}",
        f"  {'Learning':<9}{learning_today(figures)}"
        f"{_meter(figures.minutes, figures.minutes_goal, figures.due)}",
    ]
    streak = streak_sentence(figures)
    lines.append(f"  {'Streak':<9}{'🔥 ' if figures.streak.current else ''}{streak}")
    for progress in figures.weekly:
        lines.append(f"  {'Week':<9}{week_progress(progress)}")
    if figures.goal_pace is not None:
        lines.append(f"  {'Books':<9}{goal_pace_sentence(figures.goal_pace)}")
    if figures.reading:
        lines.append("Being read")
        # One column each for the ids, the titles and the figures, so that several
        # books line up whatever their titles' lengths (and scripts).
        ids = [f"#{book.id}" for book in figures.reading]
        labels = [book.label() for book in figures.reading]
        shown = [book_progress(book) for book in figures.reading]
        id_width = max(map(width_of, ids))
        label_width = min(max(map(width_of, labels)), 48)
        shown_width = max(map(width_of, shown))
        from compound.cli.render import clip

        for book, number, label, figure in zip(figures.reading, ids, labels, shown, strict=True):
            meter = f"  {bar(book.progress, 12)}" if book.progress is not None else ""
            lines.append(
                f"  {pad(number, id_width)} {pad(clip(label, label_width), label_width)}"
                f"  {pad(figure, shown_width, right=True)}{meter}".rstrip()
            )
    return lines


def show(ctx: Context, args) -> int:
    figures = read_status(ctx, short=args.short)
    if args.json:
        ctx.print(to_json(as_json(figures)))
    elif args.short:
        ctx.print(short_line(figures))
    else:
        ctx.print(*long_text(figures))
    return 0


def register(commands) -> None:
    p = commands.add("status", show, "today's pages and minutes, the streak, books in hand")
    p.add_argument(
        "--short", action="store_true", help="one line for a shell prompt or a status bar"
    )
    p.add_argument("--json", action="store_true", help="JSON for scripts")
