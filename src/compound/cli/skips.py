"""`compound skip …`: planned rest and travel days."""

from __future__ import annotations

from compound.cli.context import Context
from compound.cli.tables import Table, show
from compound.domain.errors import InputError
from compound.words.dates import full_date
from compound.words.figures import skip_days_added
from compound.words.numbers import plural


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
        removed = ctx.tracker().goals.unskip(" ".join(rest))
        ctx.print(
            f"Removed {plural(len(removed.removed), 'skip day')} "
            f"({_span(removed.first, removed.last)})."
        )
        return 0
    # Unquoted forms like `skip dec 24..dec 31` arrive as several words.
    done = ctx.tracker().goals.skip(" ".join(args.words), reason=args.reason)
    span = _span(done.first, done.last)
    if not done.added:
        ctx.print(f"{span} {'was' if done.first == done.last else 'were'} skipped already.")
        return 0
    why = f" ({done.added[0].reason})" if done.added[0].reason else ""
    ctx.print(f"Skipping {span}{why}: {skip_days_added(len(done.added))}.")
    if done.already:
        ctx.print(
            f"{done.already} of them {'was' if done.already == 1 else 'were'} skipped already."
        )
    return 0


def _list(ctx: Context, args) -> int:
    found = ctx.tracker().views.goals(skips_since=None if args.all else ctx.today).skips
    if not found:
        ctx.print("No skip days planned." + ("" if args.all else " (`--all` shows past ones.)"))
        return 0
    rows = [[full_date(s.day), s.reason or ""] for s in found]
    show(ctx.out, Table(["DAY", "REASON"], rows, free=(1,)))
    return 0


def register(commands) -> None:
    p = commands.add(
        "skip",
        run,
        "plan rest or travel days that do not break a streak",
        usage="compound skip DATE[..DATE] [--reason R] | skip list [--all] | "
        "skip remove DATE[..DATE]",
        epilog="DATE: today, tomorrow, fri (the coming one), 2026-12-24, 'Dec 24'.",
    )
    p.add_argument(
        "words",
        nargs="+",
        metavar="DATE[..DATE] | list | remove DATE[..DATE]",
        help="a day or span to skip; `list` to see them; `remove` to take them back",
    )
    p.add_argument("--reason", "-r", metavar="R", help="why, e.g. travel")
    p.add_argument("--all", action="store_true", help="with list: past skips too")
