"""Hostile input: whatever is typed, compound answers or refuses in one line.

Property-based (hypothesis, derandomized so every run tries the same inputs): the
date, duration and settings parsers given mutated and random text; the command
line given random arguments and environment values. A refusal is exit status 2,
one `compound: …` line on stderr, nothing on stdout, and every stored row (and the
settings file) exactly as before. Never a traceback, never exit 1.
"""

from __future__ import annotations

import shutil
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reliability_kit import cli, dump, hostile_examples

from compound import config
from compound.domain.days import (
    MAX_DURATION_MINUTES,
    parse_date,
    parse_day_range,
    parse_day_start,
    parse_duration,
)
from compound.domain.errors import InputError
from compound.domain.quantities import parse_whole

TODAY = date(2026, 11, 22)


# Characters that have broken parsers: other digits, invisible and odd spaces, bidi
# controls, combining marks, escape and control codes, surrogate escapes (the bytes
# of a non-UTF-8 argument), emoji. NUL is left out: no argv or environment holds it.
NASTY = [
    "٣",
    "５",
    "߃",
    "\u00a0",
    "\u2007",
    "\u3000",
    "\u200b",
    "\u200d",
    "\u202e",
    "\u0301",
    "\x1b[31m",
    "\x07",
    "\x7f",
    "\x9b",
    "\t",
    "\n",
    "\r",
    "\udcff",
    "\ud800",
    "🙂",
    "ß",
    "İ",
    "ﬀ",
    "-",
    "+",
    ".",
    ":",
    "..",
    "/",
    "e",
    "E",
    "9" * 40,
    "0" * 12,
    "'",
    '"',
    "%s",
    "{}",
    "\\",
    ";",
    "--",
    "1e309",
    "nan",
    "inf",
]

SEEDS = {
    "date": [
        "today",
        "yesterday",
        "tomorrow",
        "monday",
        "sun",
        "2026-03-08",
        "2026-11-22",
        "Mar 8",
        "8 March 2026",
        "Dec 25 2026",
        "31 Feb",
        "29 Feb",
        "2024-02-29",
    ],
    "duration": ["45", "45m", "90min", "1h30m", "1:30", "1.5h", "2 hours", "0:59", "24h"],
    "day_start": ["03:00", "3", "4:30", "11:59", "00:00"],
    "number": ["25", "+5", "0", "5000", "1_000", "12345678901234567890"],
}


@st.composite
def mutated(draw, seeds: list[str]) -> str:
    """A valid-looking value with a few characters inserted, replaced or removed."""
    text = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "replace", "delete", "repeat"]))
        piece = draw(st.sampled_from(NASTY) | st.characters(exclude_characters="\x00"))
        if action == "insert":
            text = text[:where] + piece + text[where:]
        elif action == "replace":
            text = text[:where] + piece + text[where + 1 :]
        elif action == "delete":
            text = text[:where] + text[where + 1 :]
        else:
            text = text * draw(st.integers(2, 50))
    return text


def anything(seeds: list[str]):
    return (
        mutated(seeds)
        | st.text(st.characters(exclude_characters="\x00"), max_size=40)
        | st.lists(st.sampled_from(NASTY), max_size=6).map("".join)
    )


# -- the parsers -------------------------------------------------------------------------


@given(text=anything(SEEDS["date"]), ahead=st.booleans())
@hostile_examples(300)
def test_dates_parse_to_a_plausible_day_or_an_input_error(text, ahead, figures):
    figures.add("hostile inputs tried: parsers")
    try:
        day = parse_date(text, TODAY, ahead=ahead)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert day <= TODAY + timedelta(days=366) if ahead else day <= TODAY


@given(
    text=anything(SEEDS["date"])
    | st.builds("{}..{}".format, anything(SEEDS["date"]), anything(SEEDS["date"]))
)
@hostile_examples(200)
def test_day_ranges_are_ordered_or_an_input_error(text, figures):
    figures.add("hostile inputs tried: parsers")
    try:
        first, last = parse_day_range(text, TODAY)
    except InputError:
        return
    assert first <= last


@given(text=anything(SEEDS["duration"]))
@hostile_examples(300)
def test_durations_are_minutes_within_a_day_or_an_input_error(text, figures):
    figures.add("hostile inputs tried: parsers")
    try:
        minutes = parse_duration(text)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(minutes, int) and 1 <= minutes <= MAX_DURATION_MINUTES


@given(text=anything(SEEDS["day_start"]))
@hostile_examples(150)
def test_day_starts_are_morning_times_or_an_input_error(text, figures):
    figures.add("hostile inputs tried: parsers")
    try:
        start = parse_day_start(text)
    except InputError:
        return
    assert time(0) <= start <= time(11, 59)


@given(
    key=st.sampled_from(sorted(config.KEYS)),
    text=anything(SEEDS["number"] + SEEDS["day_start"] + ["Europe/Berlin", "sunday"]),
)
@hostile_examples(200)
def test_every_setting_parses_or_refuses(key, text, figures):
    figures.add("hostile inputs tried: parsers")
    try:
        config.KEYS[key].parse(text)
    except InputError:
        pass


@given(text=anything(SEEDS["number"]))
@hostile_examples(150)
def test_whole_numbers_stay_in_range_or_refuse(text, figures):
    figures.add("hostile inputs tried: parsers")
    try:
        value = parse_whole(text, "pages", high=5_000)
    except InputError:
        return
    assert 1 <= value <= 5_000


# -- the command line ---------------------------------------------------------------------

COMMANDS = [
    ["log"],
    ["learn"],
    ["history"],
    ["undo"],
    ["edit", "r1"],
    ["delete"],
    ["status"],
    ["book", "add"],
    ["book", "list"],
    ["book", "start"],
    ["book", "finish"],
    ["book", "edit"],
    ["book", "remove"],
    ["goal", "set"],
    ["goal", "list"],
    ["goal", "remove"],
    ["skip"],
    ["skip", "list"],
    ["config", "set"],
    ["config", "unset"],
    ["backup"],
    ["restore"],
    ["doctor"],
    [],
]
OPTIONS = [
    "--date",
    "--to-page",
    "--book",
    "--minutes",
    "--note",
    "--kind",
    "--topic",
    "--pages",
    "--author",
    "--isbn",
    "--days",
    "--json",
    "--short",
    "--db",
    "--replace",
    "--start",
    "--title",
    "-d",
    "-m",
    "-b",
    "--help",
    "--version",
    "--",
    "-",
]
TOKENS = (
    anything(sum(SEEDS.values(), []))
    | st.sampled_from(OPTIONS)
    | st.sampled_from(sum(SEEDS.values(), []))
    | st.sampled_from(
        [
            "r1",
            "s1",
            "r999",
            "#1",
            "1",
            "Deep Work",
            "daily-pages",
            "course",
            "day_starts_at",
            "timezone",
            "daily_backups",
            "week_starts_on",
            "compound.db",
            "data",
            ".",
            "",
        ]
    )
)
SOUP = st.builds(
    lambda head, tail: head + tail, st.sampled_from(COMMANDS), st.lists(TOKENS, max_size=5)
)
# Well-formed commands with one hostile value, so that input gets past argparse to
# the parsers, the text checks and the store.
V = "\0"  # where the value goes
SHAPES = [
    ["log", V],
    ["log", "5", "--date", V],
    ["log", "5", "--minutes", V],
    ["log", "5", "--book", V],
    ["log", "--to-page", V],
    ["log", "5", "--note", V],
    ["learn", V],
    ["learn", "30m", "--topic", V],
    ["learn", "30m", "--date", V],
    ["book", "add", V],
    ["book", "add", "Dune", "--pages", V],
    ["book", "add", "Dune", "--isbn", V],
    ["book", "add", "Dune", "--author", V],
    ["book", "finish", V],
    ["book", "edit", "1", "--title", V],
    ["edit", "r1", "--note", V],
    ["edit", "r1", "--pages", V],
    ["edit", V, "--pages", "3"],
    ["delete", V],
    ["history", "--days", V],
    ["skip", V],
    ["goal", "set", "daily-pages", V],
    ["config", "set", "daily_backups", V],
    ["config", "set", "timezone", V],
    ["config", "set", "day_starts_at", V],
    ["backup", V],
    ["restore", V],
]
SHAPED = st.builds(
    lambda shape, value: [value if part == V else part for part in shape],
    st.sampled_from(SHAPES),
    TOKENS,
)
ARGV = SHAPED | SOUP


@pytest.fixture
def pristine(seeded, tmp_path, monkeypatch):
    """The seeded database, a copy to put back before each example, and a safe cwd."""
    copy = tmp_path / "pristine.db"
    shutil.copy(seeded, copy)
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)  # any relative path an example names lands in tmp
    return seeded, copy, dump(copy)


def fresh(seeded: Path, copy: Path, home: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{seeded}{suffix}").unlink(missing_ok=True)
    shutil.copy(copy, seeded)
    (home / ".config" / "compound" / "config.toml").unlink(missing_ok=True)


def check(result, seeded: Path, stored: list[str], argv) -> None:
    assert "Traceback" not in result.err, (argv, result)
    if result.code == 2:
        assert result.refused_in_one_line(), (argv, result)
        assert dump(seeded) == stored, argv  # a refusal changes nothing stored
    elif result.code == 1:  # only the doctor's "found a problem", reported on stdout
        assert "doctor" in argv and "problem" in result.out and result.err == "", (argv, result)
    else:
        assert result.code == 0, (argv, result)
        assert len(result.err.splitlines()) <= 1, (argv, result)


@given(argv=ARGV)
@hostile_examples(150)
def test_any_arguments_run_or_are_refused_in_one_line(pristine, isolated_home, argv, figures):
    seeded, copy, stored = pristine
    fresh(seeded, copy, isolated_home)
    figures.add("hostile inputs tried: command lines")
    result = cli(*argv)
    check(result, seeded, stored, argv)
    figures.add(f"command lines that exited {result.code}")


ENVIRONMENT = [
    "COMPOUND_TODAY",
    "COMPOUND_DAY_STARTS_AT",
    "COMPOUND_TIMEZONE",
    "COMPOUND_WEEK_STARTS_ON",
    "COMPOUND_DAILY_BACKUPS",
]


def _fits_the_environment(value: str) -> bool:
    """An environment value is bytes: only surrogate escapes of bytes can be in one."""
    try:
        value.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return False
    return True


@given(
    name=st.sampled_from(ENVIRONMENT),
    value=TOKENS.filter(_fits_the_environment),
    argv=st.sampled_from([["log", "5"], ["status"], ["learn", "20m"], ["history"]]),
)
@hostile_examples(60)
def test_any_environment_value_runs_or_is_refused_in_one_line(
    pristine, isolated_home, monkeypatch, name, value, argv, figures
):
    seeded, copy, stored = pristine
    fresh(seeded, copy, isolated_home)
    figures.add("hostile inputs tried: command lines")
    with monkeypatch.context() as patch:
        patch.setenv(name, value)
        result = cli(*argv)
    check(result, seeded, stored, [name, value, *argv])
    figures.add(f"command lines that exited {result.code}")
