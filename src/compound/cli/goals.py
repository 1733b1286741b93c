"""`compound goal …`: targets for pages, books, minutes and sessions."""

from __future__ import annotations

from compound.cli.context import Context
from compound.cli.render import table, to_json
from compound.domain.errors import InputError
from compound.domain.goals import LIMITS, check_schedule
from compound.domain.quantities import parse_whole
from compound.domain.records import GoalKind

def set_goal(ctx: Context, args) -> int:
    kind = GoalKind(args.kind)
    target = parse_whole(args.target, f"a {kind.value} target", high=LIMITS[kind])
    schedule = check_schedule(args.schedule) if args.schedule is not None else None
    if schedule and kind not in (GoalKind.DAILY_PAGES, GoalKind.DAILY_MINUTES):
        raise InputError("--schedule applies to daily goals (daily-pages, daily-minutes)")
    goal = ctx.store().set_goal(kind, target, since=ctx.today, schedule=schedule)
    on = f" on {goal.schedule}" if goal.schedule else ""
    ctx.print(f"Goal set: {goal.kind.value} {goal.target}{on}, from {goal.since.isoformat()}.")
    return 0


def list_goals(ctx: Context, args) -> int:
    found = ctx.store().goals(ctx.today)
    if args.json:
        ctx.print(to_json([{"kind": g.kind.value, "target": g.target, "since": g.since,
                            "schedule": g.schedule} for g in found]))
    elif not found:
        ctx.print("No goals yet. Try `compound goal set daily-pages 25`.")
    else:
        ctx.print(table(["KIND", "TARGET", "SINCE", "DAYS"],
                        [[g.kind.value, str(g.target), g.since.isoformat(),
                          g.schedule or "every day"] for g in found], right=(1,)))
    return 0


def remove_goal(ctx: Context, args) -> int:
    ctx.store().remove_goal(GoalKind(args.kind))
    ctx.print(f"Removed the {args.kind} goal.")
    return 0


def register(commands) -> None:
    goal = commands.group("goal", "set, list or remove goals")
    p = goal.add("set", set_goal, "set a goal from today on",
                 description="Set a goal from today on; earlier days keep theirs.")
    p.add_argument("kind", choices=[k.value for k in GoalKind], metavar="KIND",
                   help=", ".join(k.value for k in GoalKind))
    p.add_argument("target", metavar="TARGET")
    p.add_argument("--schedule", metavar="RRULE",
                   help="the days a daily goal applies to, as an RFC 5545 RRULE, e.g. "
                        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR (weekdays); other days neither "
                        "break nor lengthen a streak")
    p = goal.add("list", list_goals, "the goals in force")
    p.add_argument("--json", action="store_true", help="JSON for scripts")
    p = goal.add("remove", remove_goal, "remove a goal")
    p.add_argument("kind", choices=[k.value for k in GoalKind], metavar="KIND")
