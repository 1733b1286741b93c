"""`compound profile …` and `--profile`: records kept apart, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import sys
import tomllib

import pytest


def settings_file(home):
    return home / ".config" / "compound" / "config.toml"


class Terminal(io.StringIO):
    """Standard input as a person at a terminal would type it."""

    def isatty(self) -> bool:
        return True


def test_profiles_keep_records_apart(db, ok, run, isolated_home):
    ok("log", "5")
    assert ok("profile", "add", "ana").lines == [
        "Added profile ana. Use it with `compound --profile ana …`, or for every command "
        "with `compound profile use ana`."
    ]
    assert ok("--profile", "ana", "log", "12").lines[0] == "Logged 12 pages, today  [r2]"
    ok("learn", "30m", "--profile", "ana")
    assert ok("status", "--short").out == "📚 5 p · 🔥 1\n"
    assert ok("--profile", "ana", "status", "--short").out == "📚 12 p · 🎓 30m · 🔥 1\n"

    listed = ok("profile", "list").lines
    assert listed[0].split() == ["PROFILE", "BOOKS", "LOGS", "SESSIONS", "GOALS", "SKIPS"]
    assert [line.split() for line in listed[1:]] == [
        ["ana", "0", "1", "1", "0", "0"],
        ["*", "default", "0", "1", "0", "0", "0"],
    ]

    used = ok("profile", "use", "ana")
    assert used.lines == [f"Now using profile ana  (saved in {settings_file(isolated_home)})"]
    assert tomllib.loads(settings_file(isolated_home).read_text())["profile"] == "ana"
    assert ok("status", "--short").out == "📚 12 p · 🎓 30m · 🔥 1\n"
    assert ok("--profile", "default", "status", "--short").out == "📚 5 p · 🔥 1\n"
    assert ok("profile", "list").lines[1].split()[:2] == ["*", "ana"]

    removed = ok("profile", "remove", "ana", "--yes")
    assert removed.lines == [
        "Removed profile ana and 0 books, 1 reading log, 1 learning "
        "session, 0 goals and 0 skip days.",
        "Commands use the default profile again.",
    ]
    assert "profile" not in tomllib.loads(settings_file(isolated_home).read_text())
    assert ok("status", "--short").out == "📚 5 p · 🔥 1\n"
    gone = run("--profile", "ana", "log", "1")
    assert (gone.code, gone.err) == (
        2,
        "compound: there is no profile named 'ana'; `compound profile add ana` makes it\n",
    )


def older_profile(url: str, name: str) -> None:
    """Store a profile name as an older compound could, before new names were checked."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO profile (name, created_at) VALUES (:name, CURRENT_TIMESTAMP)"),
                {"name": name},
            )
    finally:
        engine.dispose()


def test_removing_asks_first(db, ok, run, monkeypatch, snapshot_rows):
    db_url = db  # a SQLite file or a PostgreSQL schema
    ok("log", "1")  # makes the database
    older_profile(db_url, "Zoë ✨")  # a name new profiles may no longer have
    ok("--profile", "Zoë ✨", "book", "add", "Dune")
    before = snapshot_rows(db_url)

    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal: only --yes removes
    refused = run("profile", "remove", "Zoë ✨")
    assert (refused.code, refused.out) == (2, "")
    assert refused.err == (
        "compound: removing profile 'Zoë ✨' deletes 1 book, 0 reading logs, "
        "0 learning sessions, 0 goals and 0 skip days; run again with --yes "
        "to confirm\n"
    )

    monkeypatch.setattr(sys, "stdin", Terminal("zoe\n"))  # the wrong answer
    wrong = run("profile", "remove", "Zoë ✨")
    assert wrong.code == 2 and wrong.err.endswith("compound: profile 'Zoë ✨' was not removed\n")
    assert "Type its name to confirm: " in wrong.err
    assert snapshot_rows(db_url) == before

    monkeypatch.setattr(sys, "stdin", Terminal("Zoë ✨\n"))
    confirmed = run("profile", "remove", "Zoë ✨")
    assert confirmed.code == 0
    assert confirmed.out == (
        "Removed profile Zoë ✨ and 1 book, 0 reading logs, 0 learning "
        "sessions, 0 goals and 0 skip days.\n"
    )
    assert [row[1] for row in snapshot_rows(db_url)["profile"]] == ["default"]


def test_profiles_named_before_the_rule_keep_working(db_path, db_url, ok, run, isolated_home):
    ok("log", "1")
    older_profile(db_url, "Ana María 📚")
    assert run("profile", "add", "Ana María 📚").code == 2
    assert ok("--profile", "Ana María 📚", "log", "7").lines[0].endswith("[r2]")
    assert (
        ok("profile", "use", "Ana María 📚")
        .lines[0]
        .startswith("Now using profile Ana María 📚  (saved in ")
    )
    assert ok("status", "--short").out == "📚 7 p · 🔥 1\n"
    assert ok("profile", "remove", "Ana María 📚", "--yes").lines[0] == (
        "Removed profile Ana María 📚 and 0 books, 1 reading log, 0 learning sessions, "
        "0 goals and 0 skip days."
    )


@pytest.mark.parametrize(
    "name", ["José", "ana_2", "work.2026", "A-team", "x", "é" * 64, "Zoë", "3"]
)
def test_new_profile_names_a_shell_passes_unquoted(db_path, ok, name):
    assert ok("profile", "add", name).lines[0].startswith(f"Added profile {name}. ")
    assert name in [line.split()[-6] for line in ok("profile", "list").lines[1:]]


ONLY = "a profile name may hold only letters, digits, '-', '_' and '.': "


@pytest.mark.parametrize(
    "argv, message",
    [
        (["profile", "add", "bad name!"], ONLY + "'bad name!'"),
        (["profile", "add", "Zoë ✨"], ONLY + "'Zoë ✨'"),
        (["profile", "add", "a/b"], ONLY + "'a/b'"),
        (["profile", "add", "$HOME"], ONLY + "'$HOME'"),
        (["profile", "add", "it's"], ONLY + '"it\'s"'),
        (["profile", "add", ".hidden"], "a profile name cannot start with '.': '.hidden'"),
        (["profile", "add", "--", "-x"], "a profile name cannot start with '-': '-x'"),
        (["profile", "add", "a" * 65], "a profile name is 65 characters long; the limit is 64"),
        (["profile", "add", "Ana"], "there is already a profile named 'ana'"),
        (["profile", "add", "ANA"], "there is already a profile named 'ana'"),
        (["profile", "add", "DEFAULT"], "there is already a profile named 'default'"),
    ],
)
def test_new_profile_names_are_refused_in_one_line(
    db_path, db_url, ok, run, snapshot_rows, argv, message
):
    ok("profile", "add", "ana")
    before = snapshot_rows(db_url)
    result = run(*argv)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"compound: {message}\n"
    assert snapshot_rows(db_url) == before


def test_the_store_enforces_the_rule_for_every_caller(db_url, snapshot_rows):
    from compound.domain.errors import InputError
    from compound.store.repository import Store

    store = Store.open(db_url)
    try:
        store.add_profile("Łucja")
        before = snapshot_rows(db_url)
        with pytest.raises(InputError) as refused:
            store.add_profile("two words")
        assert str(refused.value) == (
            "a profile name may hold only letters, digits, '-', '_' and '.': 'two words'"
        )
        with pytest.raises(InputError) as refused:
            store.add_profile("ŁUCJA")
        assert str(refused.value) == "there is already a profile named 'Łucja'"
        with pytest.raises(InputError) as refused:
            store.remove_profile("nobody")
        assert str(refused.value) == "there is no profile named 'nobody'"
        assert snapshot_rows(db_url) == before
    finally:
        store.close()


@pytest.mark.parametrize(
    "argv, message",
    [
        (["profile", "add", "default"], "there is already a profile named 'default'"),
        (["profile", "add", "  "], "a profile name cannot be empty"),
        (["profile", "use", "nobody"], "there is no profile named 'nobody'"),
        (["profile", "remove", "default", "--yes"], "the 'default' profile cannot be removed"),
        (["profile", "remove", "nobody", "--yes"], "there is no profile named 'nobody'"),
        (["--profile", "-x", "log", "1"], "argument --profile: expected one argument"),
        (["--profile", "a\tb", "log", "1"], "a profile name contains control characters"),
    ],
)
def test_profile_refusals_change_nothing(db, ok, run, snapshot_rows, isolated_home, argv, message):
    db_url = db  # a SQLite file or a PostgreSQL schema
    ok("log", "3")
    before = snapshot_rows(db_url)
    result = run(*argv)
    assert (result.code, result.out) == (2, "")
    assert message in result.err and result.err.count("\n") == 1, result.err
    assert snapshot_rows(db_url) == before
    assert not settings_file(isolated_home).exists()


def test_the_environment_overrides_the_chosen_profile(db_path, ok, monkeypatch):
    ok("profile", "add", "work")
    ok("profile", "add", "home")
    ok("profile", "use", "home")
    monkeypatch.setenv("COMPOUND_PROFILE", "work")
    assert ok("log", "4").lines[0].endswith("[r1]")
    assert ok("--profile", "home", "status", "--short").out == "📚 0 p · 🔥 0\n"
    assert ok("profile", "use", "home").lines[-1] == (
        "Note: $COMPOUND_PROFILE is set and overrides it."
    )
    assert [line.split()[:2] for line in ok("profile", "list").lines[1:]] == [
        ["default", "0"],
        ["home", "0"],
        ["*", "work"],
    ]
