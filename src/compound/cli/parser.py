"""The command line's shape: the global options, and each command module's commands.

Every module in COMMAND_MODULES has `register(commands)`, which adds its commands
and their handlers. Only the modules of the commands named on the command line are
imported (all of them for `compound --help`), so the shell-prompt path of `status
--short` does not grow with the command line; still, anything heavy a module uses
is imported inside its handler.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from importlib import import_module

from compound import __version__
from compound.domain.errors import InputError

DATE_HELP = "the day it counts for: today (default), yesterday, monday, 2026-03-08, 'Mar 8'"

# Each command, and the module in compound.cli that registers it. The order here is
# the order `compound --help` lists them in.
COMMAND_MODULES = {
    "log": "entries",
    "learn": "entries",
    "history": "entries",
    "undo": "entries",
    "edit": "entries",
    "delete": "entries",
    "book": "books",
    "status": "status",
    "goal": "goals",
    "skip": "skips",
    "export": "exchange",
    "import": "exchange",
    "profile": "profiles",
    "team": "team",
    "config": "settings",
    "backup": "safekeeping",
    "restore": "safekeeping",
    "doctor": "safekeeping",
    "stats": "stats",
    "project": "project",
    "review": "review",
    "remind": "remind",
    "serve": "serve",
    "chart": "charts",
    "completion": "completion",
}


class Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one line on stderr (via InputError), not a usage dump;
    a mistyped command or action gets the closest ones suggested."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise InputError(f"{message} (see `{self.prog} --help`)")

    def _check_value(self, action, value) -> None:
        # A word that names no command (or no action of a group): suggest the closest.
        if isinstance(action, argparse._SubParsersAction) and value not in action.choices:
            raise InputError(self._unknown_command(action, value))
        super()._check_value(action, value)

    def _unknown_command(self, action, word: str) -> str:
        from difflib import get_close_matches

        top = action.dest == "command"
        # At the top, every command, even those whose modules this argv did not load.
        names = list(COMMAND_MODULES if top else action.choices)
        what = "command" if top else f"{self.prog.removeprefix('compound ')} action"
        close = get_close_matches(word.lower(), names, n=3)
        if close:
            quoted = [f"`{name}`" for name in close]
            options = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
            return f"unknown {what} {word!r}; did you mean {options}? (see `{self.prog} --help`)"
        if top:
            return f"unknown {what} {word!r}; `compound --help` lists every command"
        return (
            f"unknown {what} {word!r}; the actions are {', '.join(names)} "
            f"(see `{self.prog} --help`)"
        )


def _common() -> argparse.ArgumentParser:
    # Global options are accepted after the command too (`compound log 5 --db x.db`);
    # SUPPRESS keeps a subcommand from overwriting a value given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="SQLite file to use (else $COMPOUND_DB, $COMPOUND_DATABASE_URL, "
        "or compound.db in the user data dir)",
    )
    common.add_argument(
        "--profile",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="whose records to use (else $COMPOUND_PROFILE, the one chosen "
        "with `compound profile use`, or default)",
    )
    return common


class Commands:
    """Where command modules add their commands: `add` one, or a `group` of actions."""

    def __init__(self, sub, common: argparse.ArgumentParser):
        self._sub = sub
        self._common = common

    def add(self, name: str, handler, help: str, **kw) -> Parser:
        """A command (or a group's action) run by `handler(ctx, args)`."""
        parser = self._sub.add_parser(
            name, help=help, description=kw.pop("description", help), parents=[self._common], **kw
        )
        parser.set_defaults(handler=handler)
        return parser

    def group(self, name: str, help: str, **kw) -> Commands:
        """A command made of actions, like `compound book add|list|…`."""
        parser = self._sub.add_parser(
            name, help=help, description=help, parents=[self._common], **kw
        )
        sub = parser.add_subparsers(
            dest=f"{name}_command", metavar="ACTION", parser_class=Parser, required=True
        )
        return Commands(sub, self._common)


def modules_for(argv: Sequence[str] | None) -> list[str]:
    """The command modules to load for `argv`: those of the commands it names, or all.

    Any word that names a command counts (a --db value might too, which only loads
    one module more than needed); no such word means help or a mistake, which need
    every command listed.
    """
    everything = list(dict.fromkeys(COMMAND_MODULES.values()))
    named = {COMMAND_MODULES[word] for word in argv or () if word in COMMAND_MODULES}
    return [name for name in everything if name in named] or everything


def build_parser(argv: Sequence[str] | None = None) -> Parser:
    """The parser for `argv` (see modules_for); with no argv, for every command."""
    common = _common()
    parser = Parser(
        prog="compound",
        description="A continuous-learning habit tracker: log pages and learning sessions, "
        "keep streaks, watch small daily amounts compound.",
        epilog="Without a command, compound opens the app on a terminal (and prints "
        "today's status elsewhere). Run `compound COMMAND --help` for a command's "
        "options, `man compound` for the whole manual.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"compound {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    commands = Commands(sub, common)
    for name in modules_for(argv) if argv is not None else dict.fromkeys(COMMAND_MODULES.values()):
        import_module(f"compound.cli.{name}").register(commands)
    return parser
