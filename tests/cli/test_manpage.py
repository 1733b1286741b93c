"""compound(1): generated from the parser, committed as man/compound.1, installed by the
wheel. Regenerate with `python -m compound.cli.manpage > man/compound.1`."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from compound.cli.manpage import GLOBAL, commands, escape, page
from compound.cli.parser import COMMAND_MODULES, build_parser

COMMITTED = Path(__file__).resolve().parents[2] / "man" / "compound.1"


def test_the_committed_page_is_what_the_parser_makes_now():
    assert COMMITTED.read_text(encoding="utf-8") == page(), (
        "man/compound.1 is out of date: run `python -m compound.cli.manpage > man/compound.1`"
    )


def test_regenerating_from_the_command_line_gives_the_same_bytes(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "compound.cli.manpage"], capture_output=True, timeout=60
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout == COMMITTED.read_bytes()


def _section(text: str, words: tuple[str, ...]) -> str:
    """One command's part of the page: from its heading to the next."""
    start = text.index(f'.SS "{" ".join(words)}"\n')
    end = text.find(".SS ", start + 1)
    return text[start : end if end != -1 else text.index(".SH ENVIRONMENT")]


def test_every_command_and_every_option_is_there_with_its_help():
    parser = build_parser()
    text = page()
    listed = list(commands(parser))
    assert {words[0] for words, _ in listed} == set(COMMAND_MODULES)
    options = text[text.index(".SH OPTIONS") : text.index(".SH COMMANDS")]
    for action in parser._actions:
        if action.option_strings:
            assert all(escape(name) in options for name in action.option_strings)
    formatter = parser._get_formatter()
    for words, sub in listed:
        section = _section(text, words)
        assert escape(sub.description or "") in section, words
        for action in sub._actions:
            if action.help == argparse.SUPPRESS or GLOBAL.intersection(action.option_strings):
                continue
            for name in action.option_strings or [str(action.metavar or action.dest)]:
                assert escape(name) in section, (words, name)
            if action.help:
                assert escape(formatter._expand_help(action)) in section, (words, action.dest)


def test_the_page_reads_cleanly_in_man(tmp_path):
    if shutil.which("man") is None or shutil.which("groff") is None:
        pytest.skip("man and groff are not installed")
    done = subprocess.run(
        ["man", "--warnings", "-l", str(COMMITTED)],
        capture_output=True,
        text=True,
        env={"MANWIDTH": "100", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert "compound log [OPTIONS] [PAGES]" in done.stdout
    assert "--book, -b TITLE_OR_ID" in done.stdout
