"""compound(1), written from the parser, so the manual says what --help says.

`python -m compound.cli.manpage > man/compound.1` regenerates the page the wheel
installs as share/man/man1/compound.1; tests/cli/test_manpage.py fails when the two
differ. Nothing in it depends on the day or the terminal, so the bytes are stable.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from compound import __version__

# The options every command takes (cli.parser._common), and those only the top has:
# listed once under OPTIONS, not under each command.
GLOBAL = {"--db", "--profile", "--help", "--version"}


def escape(text: str) -> str:
    """`text` as roff shows it: backslashes and hyphens kept, no line read as a request."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    lines = [("\\&" + line if line.startswith((".", "'")) else line) for line in text.split("\n")]
    return "\n".join(lines)


def _help(parser: argparse.ArgumentParser, action: argparse.Action) -> str:
    # argparse's own expansion: %(default)s and %% come out as --help shows them.
    return parser._get_formatter()._expand_help(action) if action.help else ""


def _flags(action: argparse.Action) -> str:
    names = ", ".join(f"\\fB{escape(name)}\\fR" for name in action.option_strings)
    if action.nargs == 0:
        return names
    return f"{names} \\fI{escape(_metavar(action))}\\fR"


def _metavar(action: argparse.Action) -> str:
    if action.metavar is not None:
        return str(action.metavar)
    if action.choices:
        return "{" + ",".join(map(str, action.choices)) + "}"
    return action.dest.upper()


def _positional(action: argparse.Action) -> str:
    name = _metavar(action)
    if action.nargs == "?":
        return f"[{name}]"
    if action.nargs in ("+", "*"):
        return f"{name}..." if action.nargs == "+" else f"[{name}...]"
    return name


def _visible(actions: list[argparse.Action]) -> list[argparse.Action]:
    return [a for a in actions if a.help != argparse.SUPPRESS]


def commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every command and action that runs something, as (its words, its parser), in
    the order `--help` lists them."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            shown = {choice.dest for choice in action._choices_actions}
            for name, sub in action.choices.items():
                if name not in shown:
                    continue
                words = (*path, name)
                if any(isinstance(a, argparse._SubParsersAction) for a in sub._actions):
                    yield from commands(sub, words)
                else:
                    yield words, sub


def render(parser: argparse.ArgumentParser) -> str:
    """The manual page of `parser` (the whole command line), in roff."""
    out = [
        f'.TH COMPOUND 1 "" "compound {__version__}" "User Commands"',
        ".SH NAME",
        "compound \\- " + escape("a continuous-learning habit tracker for the terminal"),
        ".SH SYNOPSIS",
        "\\fBcompound\\fR [\\fIOPTIONS\\fR] [\\fICOMMAND\\fR [\\fIARGUMENTS\\fR]]",
        ".SH DESCRIPTION",
        escape(parser.description or ""),
        ".PP",
        escape(parser.epilog or ""),
        ".SH OPTIONS",
    ]
    for action in _visible(parser._get_optional_actions()):
        out += [".TP", _flags(action), escape(_help(parser, action))]
    out.append(".SH COMMANDS")
    for words, sub in commands(parser):
        own = [
            a
            for a in _visible(sub._get_optional_actions())
            if not GLOBAL.intersection(a.option_strings)
        ]
        positionals = _visible(sub._get_positional_actions())
        usage = " ".join(
            ["\\fBcompound " + escape(" ".join(words)) + "\\fR"]
            + (["[\\fIOPTIONS\\fR]"] if own else [])
            + [f"\\fI{escape(_positional(a))}\\fR" for a in positionals]
        )
        out += [f'.SS "{" ".join(words)}"', usage, ".br", escape(sub.description or "")]
        for action in positionals + own:
            flags = (
                _flags(action) if action.option_strings else f"\\fI{escape(_metavar(action))}\\fR"
            )
            out += [".TP", flags, escape(_help(sub, action))]
        if sub.epilog:
            out += [".PP", escape(sub.epilog)]
    out += [
        ".SH ENVIRONMENT",
        ".TP",
        "\\fBCOMPOUND_DB\\fR",
        escape("the SQLite file to use, when --db is not given"),
        ".TP",
        "\\fBCOMPOUND_DATABASE_URL\\fR",
        escape("any SQLAlchemy URL (a shared PostgreSQL database), when neither is given"),
        ".TP",
        "\\fBCOMPOUND_PROFILE\\fR",
        escape("whose records to use, when --profile is not given"),
        ".SH SEE ALSO",
        escape("`compound COMMAND --help`; `compound completion bash|zsh|fish` for completion."),
    ]
    return "\n".join(out) + "\n"


def page() -> str:
    """compound(1) for every command."""
    from compound.cli.parser import build_parser

    return render(build_parser())


if __name__ == "__main__":
    import sys

    sys.stdout.write(page())
