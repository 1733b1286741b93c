"""The command map in cli/parser.py agrees with what the command modules register."""

from __future__ import annotations

import argparse

import pytest

from compound.cli.parser import COMMAND_MODULES, build_parser, modules_for


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(sub.choices)


def test_every_command_is_registered_by_the_module_the_map_names():
    assert _commands(build_parser()) == set(COMMAND_MODULES)
    for command, module in COMMAND_MODULES.items():
        registered = _commands(build_parser([command]))
        assert command in registered
        assert registered == {c for c, m in COMMAND_MODULES.items() if m == module}


@pytest.mark.parametrize("argv, expected", [
    (["status", "--short"], ["status"]),
    (["log", "5", "--book", "status"], ["entries", "status"]),  # a title that is a command
    ([], None),
    (["--help"], None),
    (["stauts"], None),
])
def test_modules_for_loads_what_the_words_name_or_everything(argv, expected):
    everything = list(dict.fromkeys(COMMAND_MODULES.values()))
    assert modules_for(argv) == (expected or everything)
