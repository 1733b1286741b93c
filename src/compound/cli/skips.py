"""`compound skip …`: planned rest and travel days."""

from __future__ import annotations

from compound.cli.context import Context
from compound.cli.render import table
from compound.domain.days import parse_day_range
from compound.domain.errors import InputError


def _span(first, last) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()}..{last.isoformat()}"


def run(ctx: Context, args) -> int:
    action, *rest = args.words
    if action == "list":
        if rest:
            raise InputError("`compound skip list` takes no dates")
        return _list(ctx, args)
    if action == "remove":
        if not rest:
            raise InputError("say which day or span to remove, e.g. `compound skip remove fri`")
        first, last = parse_day_range(" ".join(rest), ctx.today)
        removed = ctx.store().remove_skips(first, last)
        ctx.print(f"Removed {len(removed)} skip day{'s' if len(removed) != 1 else ''} "
                  f"({_span(first, last)}).")
        return 0
    # Unquoted forms like `skip dec 24..dec 31` arrive as several words.
    first, last = parse_day_range(" ".join(args.words), ctx.today)
    added, existing = ctx.store().add_skips(first, last, args.reason)
    if not added:
        ctx.print(f"{_span(first, last)} {'was' if first == last else 'were'} skipped already.")
        return 0
    why = f" ({added[0].reason})" if added and added[0].reason else ""
    ctx.print(f"Skipping {_span(first, last)}{why}: {len(added)} day{'s' if len(added) != 1 else ''}"
              " that neither break nor lengthen a streak.")
    if existing:
        ctx.print(f"{existing} of them {'was' if existing == 1 else 'were'} skipped already.")
    return 0


def _list(ctx: Context, args) -> int:
    found = ctx.store().skips(None if args.all else ctx.today)
    if not found:
        ctx.print("No skip days planned." + ("" if args.all else " (`--all` shows past ones.)"))
        return 0
    ctx.print(table(["DAY", "REASON"], [[s.day.strftime("%a %Y-%m-%d"), s.reason or ""]
                                        for s in found]))
    return 0


def register(commands) -> None:
    p = commands.add("skip", run, "plan rest or travel days that do not break a streak",
                     usage="compound skip DATE[..DATE] [--reason R] | skip list [--all] | "
                           "skip remove DATE[..DATE]",
                     epilog="DATE: today, tomorrow, fri (the coming one), 2026-12-24, 'Dec 24'.")
    p.add_argument("words", nargs="+", metavar="DATE[..DATE] | list | remove DATE[..DATE]",
                   help="a day or span to skip; `list` to see them; `remove` to take them back")
    p.add_argument("--reason", "-r", metavar="R", help="why, e.g. travel")
    p.add_argument("--all", action="store_true", help="with list: past skips too")
