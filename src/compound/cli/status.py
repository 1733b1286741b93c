"""`compound status`: today at a glance, light enough for a shell prompt."""

from __future__ import annotations

from compound.cli.context import Context
from compound.cli.render import bar, book_json, progress, to_json
from compound.domain.days import format_duration
from compound.domain.status import TodayStatus


def read_status(ctx: Context, *, goal_pace: bool = True) -> TodayStatus:
    """Today's status, from the SQLite file directly when it is up to date.

    `goal_pace=False` spares the prompt line the yearly books goal it does not show.
    """
    if ctx.database.path is not None:
        from compound.store.snapshot import read_sqlite_status

        found = read_sqlite_status(ctx.database.path, ctx.profile, ctx.today,
                                   goal_pace=goal_pace)
        if found is not None:
            return found
    return ctx.store().status(ctx.today)


def short_line(status: TodayStatus) -> str:
    """E.g. `📚 25/30 p · 🎓 45m · 🔥 12`; ⏳ replaces 🔥 while today is still to do."""
    pages = f"{status.pages}/{status.pages_goal}" if status.pages_goal else f"{status.pages}"
    parts = [f"📚 {pages} p"]
    if status.minutes or status.minutes_goal:
        goal = f"/{format_duration(status.minutes_goal)}" if status.minutes_goal else ""
        parts.append(f"🎓 {format_duration(status.minutes)}{goal}")
    parts.append(f"{'⏳' if status.streak.at_risk else '🔥'} {status.streak.current}")
    return " · ".join(parts)


def as_json(status: TodayStatus) -> dict:
    streak = status.streak
    data = {
        "today": status.today,
        "pages_today": status.pages,
        "minutes_today": status.minutes,
        "sessions_today": status.sessions,
        "daily_pages_goal": status.pages_goal,
        "daily_minutes_goal": status.minutes_goal,
        "current_streak": streak.current,
        "longest_streak": streak.longest,
        "streak_at_risk": streak.at_risk,
        "met_today": streak.met_today,
        "reading": [book_json(b) for b in status.reading],
    }
    if status.goal_pace is not None:
        goal = status.goal_pace
        data["books_ahead"] = round(goal.ahead, 2)
        data["goal_pace"] = {"goal": goal.goal, "expected": round(goal.expected, 2),
                             "finished": goal.finished,
                             "pages_per_day_needed": round(goal.pages_per_day_needed, 2),
                             "buffer_days": goal.buffer_days}
    return data


def _goal_line(label: str, done: int, goal: int | None, unit) -> str:
    if not goal:
        return f"  {label:<9}{unit(done)}"
    mark = " ✓" if done >= goal else ""
    return f"  {label:<9}{unit(done)} / {unit(goal)}  {bar(done / goal)}  {round(100 * done / goal)}%{mark}"


def long_text(status: TodayStatus) -> list[str]:
    streak = status.streak
    lines = [status.today.strftime("%A %d %B %Y"),
             _goal_line("Reading", status.pages, status.pages_goal, lambda n: f"{n} pages"),
             _goal_line("Learning", status.minutes, status.minutes_goal, format_duration)]
    if not streak.current:
        # As the app says it: "0 days" reads like a streak lost, not one to start.
        best = f" (best {streak.longest})" if streak.longest else ""
        lines.append(f"  {'Streak':<9}none yet today: a check-in starts one{best}")
    else:
        days = f"{streak.current} day{'s' if streak.current != 1 else ''}"
        state = ""
        if streak.at_risk:
            state = " · at risk: check in today to keep it"
        elif streak.met_today:
            state = " · today is done"
        lines.append(f"  {'Streak':<9}🔥 {days} (best {streak.longest}){state}")
    if status.goal_pace is not None:
        from compound.cli.stats import goal_line

        lines.append(f"  {'Books':<9}{goal_line(status.goal_pace)}")
    if status.reading:
        lines.append("Being read")
        for book in status.reading:
            shown = progress(book)
            meter = f"  {bar(book.progress, 12)}" if book.progress is not None else ""
            lines.append(f"  #{book.id} {book.label()}  {shown}{meter}")
    return lines


def show(ctx: Context, args) -> int:
    status = read_status(ctx, goal_pace=False) if args.short else read_status(ctx)
    if args.json:
        ctx.print(to_json(as_json(status)))
    elif args.short:
        ctx.print(short_line(status))
    else:
        ctx.print(*long_text(status))
    return 0


def register(commands) -> None:
    p = commands.add("status", show, "today's pages and minutes, the streak, books in hand")
    p.add_argument("--short", action="store_true",
                   help="one line for a shell prompt or a status bar")
    p.add_argument("--json", action="store_true", help="JSON for scripts")
