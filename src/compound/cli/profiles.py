"""`compound profile …`: keep several people's (or several habits') records apart.

Profiles are managed from the default profile's side of the database, so listing
or removing works whichever profile is chosen, even one that is gone.
"""

from __future__ import annotations

import os
import sys

from compound import config, locations
from compound.cli.context import Context
from compound.cli.tables import Table, show
from compound.domain.errors import InputError
from compound.domain.profiles import DEFAULT_PROFILE, check_profile_name
from compound.words.records import profile_contents

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.tracker.core import Tracker


def _tracker(ctx: Context) -> Tracker:
    return ctx.tracker(DEFAULT_PROFILE)


def add(ctx: Context, args) -> int:
    name = _tracker(ctx).profiles.add(args.name)
    ctx.print(
        f"Added profile {name}. Use it with `compound --profile {name} …`, "
        f"or for every command with `compound profile use {name}`."
    )
    return 0


def listing(ctx: Context, args) -> int:
    found = _tracker(ctx).profiles.listing()
    active = ctx.profile
    rows = [
        [
            "*" if p.name == active else "",
            p.name,
            f"{p.books:,}",
            f"{p.reading_logs:,}",
            f"{p.sessions:,}",
            f"{p.goals:,}",
            f"{p.skips:,}",
        ]
        for p in found
    ]
    show(
        ctx.out,
        Table(
            ["", "PROFILE", "BOOKS", "LOGS", "SESSIONS", "GOALS", "SKIPS"],
            rows,
            right=(2, 3, 4, 5, 6),
            free=(1,),
        ),
    )
    if active not in {p.name for p in found}:
        ctx.print(
            f"The chosen profile {active!r} does not exist; "
            f"`compound profile add {active}` makes it."
        )
    return 0


def use(ctx: Context, args) -> int:
    name = _tracker(ctx).profiles.contents(args.name).name  # refuses one that does not exist
    path = locations.config_file()
    config.save(path, "profile", name)
    ctx.print(f"Now using profile {name}  (saved in {path})")
    if "COMPOUND_PROFILE" in os.environ:
        ctx.print("Note: $COMPOUND_PROFILE is set and overrides it.")
    return 0


def _confirm(ctx: Context, name: str, what: str) -> None:
    """Ask on a terminal; anywhere else, only --yes removes."""
    if not sys.stdin.isatty():
        raise InputError(
            f"removing profile {name!r} deletes {what}; run again with --yes to confirm"
        )
    ctx.err.write(
        f"Remove profile {name!r} and everything in it: {what}?\nType its name to confirm: "
    )
    ctx.err.flush()
    answer = sys.stdin.readline().strip()
    if answer != name:
        raise InputError(f"profile {name!r} was not removed")


def remove(ctx: Context, args) -> int:
    name = check_profile_name(args.name)
    if name == DEFAULT_PROFILE:
        raise InputError(f"the {DEFAULT_PROFILE!r} profile cannot be removed")
    profiles = _tracker(ctx).profiles
    held = profiles.contents(name)
    name = held.name  # as stored: "ANA" names the profile "ana"
    what = "nothing (it is empty)" if held.empty else profile_contents(held)
    if not args.yes:
        _confirm(ctx, name, what)
    profiles.remove(name)
    ctx.print(f"Removed profile {name} and {what}.")
    path = locations.config_file()
    if config.read_file(path).get("profile") == name:
        config.save(path, "profile", None)
        ctx.print(f"Commands use the {DEFAULT_PROFILE} profile again.")
    return 0


def register(commands) -> None:
    group = commands.group("profile", "add, list, use or remove profiles")
    p = group.add("add", add, "add a profile")
    p.add_argument("name", metavar="NAME")
    group.add("list", listing, "every profile and what it holds; * marks the one in use")
    p = group.add(
        "use",
        use,
        "use a profile for every command from now on",
        description="Use a profile for every command from now on (saved in the "
        "settings file; --profile NAME overrides it for one command).",
    )
    p.add_argument("name", metavar="NAME")
    p = group.add("remove", remove, "remove a profile and everything in it")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
