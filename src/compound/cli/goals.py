"""`compound goal …`: targets for pages, books, minutes and sessions."""

from __future__ import annotations

from compound.cli.context import Context
from compound.cli.render import to_json
from compound.cli.tables import Table, show
from compound.domain.errors import InputError
from compound.domain.records import GoalKind
from compound.words.dates import day_label
from compound.words.records import goal_days, goal_target, schedule_name


def set_goal(ctx: Context, args) -> int:
    from compound.tracker.goals import EVERY_DAY, KEEP

    if args.schedule is not None and args.every_day:
        raise InputError("give --schedule or --every-day, not both")
    schedule = EVERY_DAY if args.every_day else KEEP if args.schedule is None else args.schedule
    done = ctx.tracker().goals.set(args.kind, args.target, schedule=schedule)
    goal = done.goal
    days = f" on {schedule_name(goal.schedule)}" if goal.schedule else ""
    kept = " (its days kept; --every-day drops them)" if done.kept_schedule else ""
    ctx.print(
        f"Goal set: {goal_target(goal.kind, goal.target)}{days}, from "
        f"{goal.since.isoformat()}{kept}."
    )
    return 0


def list_goals(ctx: Context, args) -> int:
    view = ctx.tracker().views.goals(skips_since=ctx.today)
    if args.json:
        ctx.print(
            to_json(
                [
                    {
                        "kind": g.kind.value,
                        "target": g.target,
                        "since": g.since,
                        "schedule": g.schedule,
                    }
                    for g in view.goals
                ]
            )
        )
    elif not view.goals:
        ctx.print("No goals yet. Try `compound goal set daily-pages 25`.")
    else:
        show(
            ctx.out,
            Table(
                ["KIND", "TARGET", "DAYS", "SINCE"],
                [
                    [
                        g.kind.value,
                        goal_target(g.kind, g.target),
                        goal_days(g.kind, g.schedule),
                        day_label(g.since, ctx.today),
                    ]
                    for g in view.goals
                ],
                free=(2,),
            ),
        )
    return 0


def remove_goal(ctx: Context, args) -> int:
    ctx.tracker().goals.remove(args.kind)
    ctx.print(f"Removed the {args.kind} goal.")
    return 0


def register(commands) -> None:
    goal = commands.group("goal", "set, list or remove goals")
    p = goal.add(
        "set",
        set_goal,
        "set a goal from today on",
        description="Set a goal from today on; earlier days keep theirs. A new "
        "target keeps the days the goal applies to unless --schedule "
        "or --every-day says otherwise.",
    )
    p.add_argument(
        "kind",
        choices=[k.value for k in GoalKind],
        metavar="KIND",
        help=", ".join(k.value for k in GoalKind),
    )
    p.add_argument(
        "target",
        metavar="TARGET",
        help="pages a day or week, minutes a day, books a year, or sessions a week",
    )
    p.add_argument(
        "--schedule",
        metavar="RRULE",
        help="the days a daily goal applies to, as an RFC 5545 RRULE, e.g. "
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR (weekdays); other days neither "
        "break nor lengthen a streak (default: the days of the goal in force)",
    )
    p.add_argument(
        "--every-day",
        action="store_true",
        help="the goal applies to every day (drops the days of the goal in force)",
    )
    p = goal.add("list", list_goals, "the goals in force")
    p.add_argument("--json", action="store_true", help="JSON for scripts")
    p = goal.add("remove", remove_goal, "remove a goal, with its past targets")
    p.add_argument(
        "kind",
        choices=[k.value for k in GoalKind],
        metavar="KIND",
        help=", ".join(k.value for k in GoalKind),
    )
