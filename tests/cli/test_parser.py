"""The command line's shape: the command map in cli/parser.py agrees with what the
command modules register, a mistyped command gets a suggestion, and every option and
setting is explained in --help."""

from __future__ import annotations

import argparse
import re

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


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["status", "--short"], ["status"]),
        (["log", "5", "--book", "status"], ["entries", "status"]),  # a title that is a command
        ([], None),
        (["--help"], None),
        (["stauts"], None),
    ],
)
def test_modules_for_loads_what_the_words_name_or_everything(argv, expected):
    everything = list(dict.fromkeys(COMMAND_MODULES.values()))
    assert modules_for(argv) == (expected or everything)


# -- a mistyped command ------------------------------------------------------------------


def assert_one_line_refusal(result, line: str) -> None:
    assert (result.code, result.out) == (2, ""), result
    assert result.err == f"compound: {line}\n"


@pytest.mark.parametrize(
    "argv, line",
    [
        (["lgo", "5"], "unknown command 'lgo'; did you mean `log`? (see `compound --help`)"),
        (
            ["stat"],
            "unknown command 'stat'; did you mean `stats` or `status`? (see `compound --help`)",
        ),
        (["Lgo"], "unknown command 'Lgo'; did you mean `log`? (see `compound --help`)"),
        (
            ["--db", "x.db", "lgo"],
            "unknown command 'lgo'; did you mean `log`? (see `compound --help`)",
        ),
        (
            ["lgo", "5", "--book", "status"],  # a word that names a command loads only its module
            "unknown command 'lgo'; did you mean `log`? (see `compound --help`)",
        ),
        (
            ["book", "lsit"],
            "unknown book action 'lsit'; did you mean `list`? (see `compound book --help`)",
        ),
        (
            ["goal", "lsit"],
            "unknown goal action 'lsit'; did you mean `list`? (see `compound goal --help`)",
        ),
        (
            ["config", "shwo"],
            "unknown config action 'shwo'; did you mean `show`? (see `compound config --help`)",
        ),
        (
            ["config", "sett", "timezone", "UTC"],
            "unknown config action 'sett'; did you mean "
            "`set` or `unset`? (see `compound config --help`)",
        ),
    ],
)
def test_a_mistyped_command_suggests_the_closest(db_path, run, argv, line):
    assert_one_line_refusal(run(*argv), line)
    assert not db_path.exists()


def test_a_command_like_no_other_points_to_the_list(db_path, run):
    assert_one_line_refusal(
        run("xyzzy"), "unknown command 'xyzzy'; `compound --help` lists every command"
    )
    assert_one_line_refusal(
        run("book", "frob"),
        "unknown book action 'frob'; the actions are add, list, start, "
        "finish, abandon, shelve, edit, remove (see `compound book --help`)",
    )
    assert not db_path.exists()


def test_a_mistyped_word_stays_on_one_line(run):
    result = run("lo\ng")
    assert result.code == 2
    assert result.err.count("\n") == 1 and "'lo\\ng'" in result.err


@pytest.mark.parametrize("argv", [["log", "--help"], ["book", "list", "--help"], ["--help"]])
def test_help_still_works_beside_the_suggestions(db_path, run, argv):
    result = run(*argv)
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("usage: compound")
    assert not db_path.exists()


def test_other_mistakes_keep_their_wording(run):
    result = run("stats", "--period", "yr")
    assert result.code == 2
    assert "invalid choice: 'yr'" in result.err and "did you mean" not in result.err


# -- config set/unset --help: the settings, from compound.config.KEYS -----------------------


@pytest.mark.parametrize("action", ["set", "unset"])
def test_config_help_lists_every_setting_with_its_meaning_and_default(db_path, run, action):
    from compound.config import KEYS

    result = run("config", action, "--help")
    assert (result.code, result.err) == (0, "")
    text = " ".join(result.out.split())  # the meanings may wrap
    for name, key in KEYS.items():
        assert f"{name} = {key.show(key.default)}" in result.out, name
        assert " ".join(key.help.split()) in text, name
    assert not db_path.exists()


def test_config_help_follows_the_settings_themselves(db_path, run, monkeypatch):
    from compound import config

    monkeypatch.setitem(
        config.KEYS, "reading_light", config.Key(str, str, "warm", "the colour of the lamp")
    )
    out = run("config", "set", "--help").out
    assert "reading_light = warm" in out and "the colour of the lamp" in out


def test_config_set_still_refuses_an_unknown_setting(db_path, run):
    result = run("config", "set", "colour", "red")
    assert result.code == 2
    assert result.err.startswith("compound: unknown setting 'colour'; settings are: ")


# -- every option explains itself ----------------------------------------------------------


def _every_parser(parser: argparse.ArgumentParser, name: str = "compound"):
    """(name, parser) for `parser` and every command and action below it."""
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for word, child in action.choices.items():
                yield from _every_parser(child, f"{name} {word}")


def test_every_option_of_every_command_has_help():
    parsers = dict(_every_parser(build_parser()))
    assert {
        "compound log",
        "compound edit",
        "compound book add",
        "compound config set",
        "compound team merge",
    } <= set(parsers)
    missing = [
        f"{name} {action.option_strings[0]}"
        for name, parser in parsers.items()
        for action in parser._actions
        if action.option_strings
        and (not action.help or not action.help.strip() or action.help == argparse.SUPPRESS)
    ]
    assert missing == []


def test_edit_help_explains_pages(db_path, run):
    out = run("edit", "--help").out
    assert re.search(r"^\s+--pages N\s+pages read\b", out, re.M), out
