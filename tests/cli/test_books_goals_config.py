"""Books, goals, settings and status from the command line, plus help and version."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import datetime, time

import pytest

import compound
from compound.domain.days import logical_day

TODAY = "2026-11-22"


def books_json(ok, *extra: str) -> list[dict]:
    return json.loads(ok("book", "list", "--json", *extra).out)


def by_title(ok) -> dict[str, dict]:
    return {b["title"]: b for b in books_json(ok)}


# -- books -----------------------------------------------------------------------------


def test_book_add(db, ok):
    assert ok(
        "book",
        "add",
        "Deep Work",
        "--author",
        "Cal Newport",
        "--pages",
        "296",
        "--isbn",
        "978-1-4555-8669-1",
        "--start",
    ).lines == ["Added #1 Deep Work (Cal Newport), 296 pages: now being read."]
    assert ok(
        "book", "add", "  Range  ", "-a", "David Epstein", "--isbn", "0-8044-2957-X"
    ).lines == ["Added #2 Range (David Epstein): on the to-read shelf."]
    shelf = by_title(ok)
    assert shelf["Deep Work"] | {} == {
        "id": 1,
        "title": "Deep Work",
        "author": "Cal Newport",
        "total_pages": 296,
        "isbn": "9781455586691",
        "status": "reading",
        "started_on": TODAY,
        "finished_on": None,
        "source": "manual",
        "pages_read": 0,
        "progress": 0.0,
    }
    assert (
        shelf["Range"]["isbn"],
        shelf["Range"]["status"],
        shelf["Range"]["started_on"],
        shelf["Range"]["total_pages"],
        shelf["Range"]["progress"],
    ) == ("080442957X", "to-read", None, None, None)


def test_book_list_table_orders_by_shelf(db_path, ok):
    assert ok("book", "list").lines == [
        'No books yet. Add one with `compound book add "Deep Work" --pages 296`.'
    ]
    assert ok("book", "list", "--json").out.strip() == "[]"
    ok("book", "add", "Abandoned One")
    ok("book", "abandon", "Abandoned One")
    ok("book", "add", "Done Early", "--pages", "100")
    ok("book", "finish", "Done Early", "--date", "2026-10-01")
    ok("book", "add", "Done Late", "--pages", "100")
    ok("book", "finish", "Done Late", "--date", "2026-11-01")
    ok("book", "add", "Next Up", "--pages", "352")
    ok("book", "add", "Deep Work", "--author", "Cal Newport", "--pages", "296", "--start")
    ok("log", "30")
    lines = ok("book", "list").lines
    assert lines[0].split() == ["ID", "STATUS", "TITLE", "AUTHOR", "PROGRESS", "DONE"]
    assert [re.split(r"\s{2,}", line.strip()) for line in lines[1:]] == [
        # 266 pages left at the pace of 30 a day: nine days, from tomorrow.
        ["#5", "reading", "Deep Work", "Cal Newport", "30/296 · 10%", "~01 Dec"],
        ["#4", "to-read", "Next Up", "352 p"],
        ["#3", "finished", "Done Late", "done · 100 p", "01 Nov"],  # the latest first
        ["#2", "finished", "Done Early", "done · 100 p", "01 Oct"],
        ["#1", "abandoned", "Abandoned One"],
    ]
    assert [b["id"] for b in books_json(ok, "--status", "finished")] == [3, 2]
    assert [b["title"] for b in books_json(ok, "-s", "to-read")] == ["Next Up"]


def test_book_start_finish_abandon(db, ok, run):
    ok("book", "add", "Range", "--pages", "352")
    assert ok("book", "start", "Range", "--date", "2026-11-20").lines == [
        "Started #1 Range, 2026-11-20."
    ]
    assert by_title(ok)["Range"]["started_on"] == "2026-11-20"
    assert ok("book", "abandon", "1").lines == ["Abandoned #1 Range, 2026-11-22."]
    assert by_title(ok)["Range"]["status"] == "abandoned"
    ok("book", "start", "#1")
    assert ok("book", "finish", "range", "--date", "yesterday").lines == [
        "Finished #1 Range, 2026-11-21."
    ]
    book = by_title(ok)["Range"]
    assert (book["status"], book["started_on"], book["finished_on"]) == (
        "finished",
        "2026-11-20",
        "2026-11-21",
    )
    again = run("book", "finish", "Range")
    assert (again.code, again.err) == (2, "compound: Range is already finished\n")


def test_book_edit(db, ok):
    ok(
        "book",
        "add",
        "Deep Wrok",
        "--author",
        "Newport",
        "--pages",
        "290",
        "--isbn",
        "9781455586691",
    )
    assert ok(
        "book",
        "edit",
        "Deep Wrok",
        "--title",
        "Deep Work",
        "--author",
        "Cal Newport",
        "--pages",
        "296",
    ).lines == ["Updated #1 Deep Work (Cal Newport)."]
    ok("book", "edit", "1", "--author", "", "--isbn", "")  # '' clears them
    book = by_title(ok)["Deep Work"]
    assert (book["author"], book["isbn"], book["total_pages"]) == (None, None, 296)
    ok("book", "edit", "deep work", "--isbn", "1-4555-8669-2")
    assert by_title(ok)["Deep Work"]["isbn"] == "1455586692"


def test_book_remove_keeps_the_logs(db, ok):
    ok("book", "add", "Deep Work", "--pages", "296", "--start")
    ok("log", "10", "--date", "yesterday")
    ok("log", "15")
    ok("book", "add", "Unread")
    assert ok("book", "remove", "Deep Work").lines == [
        "Removed #1 Deep Work.",
        "Its 2 reading logs stay in your history, without a book.",
    ]
    assert ok("book", "remove", "Unread").lines == ["Removed #2 Unread."]
    assert books_json(ok) == []
    logs = json.loads(ok("history", "--json").out)
    assert [(e["pages"], e["book_id"], e["book"]) for e in logs] == [
        (15, None, None),
        (10, None, None),
    ]
    status = json.loads(ok("status", "--json").out)
    assert (status["pages_today"], status["current_streak"], status["reading"]) == (15, 2, [])


# -- goals -----------------------------------------------------------------------------


def test_goal_set_list_remove(db, ok, run):
    assert ok("goal", "list").lines == ["No goals yet. Try `compound goal set daily-pages 25`."]
    assert ok("goal", "set", "daily-pages", "25").lines == [
        "Goal set: 25 pages a day, from 2026-11-22."
    ]
    assert ok("goal", "set", "daily-pages", "30").lines == [  # same day: replaces it
        "Goal set: 30 pages a day, from 2026-11-22."
    ]
    assert ok("goal", "set", "weekly-sessions", "3").lines == [
        "Goal set: 3 sessions a week, from 2026-11-22."
    ]
    lines = ok("goal", "list").lines
    assert [re.split(r"\s{2,}", line.strip()) for line in lines] == [
        ["KIND", "TARGET", "DAYS", "SINCE"],
        ["daily-pages", "30 pages a day", "every day", "today"],
        ["weekly-sessions", "3 sessions a week", "each week", "today"],
    ]
    assert json.loads(ok("goal", "list", "--json").out) == [
        {"kind": "daily-pages", "target": 30, "since": TODAY, "schedule": None},
        {"kind": "weekly-sessions", "target": 3, "since": TODAY, "schedule": None},
    ]
    assert ok("goal", "remove", "daily-pages").lines == ["Removed the daily-pages goal."]
    assert [g["kind"] for g in json.loads(ok("goal", "list", "--json").out)] == ["weekly-sessions"]
    again = run("goal", "remove", "daily-pages")
    assert (again.code, again.err) == (2, "compound: there is no daily-pages goal\n")


@pytest.mark.parametrize(
    "kind, top",
    [
        ("daily-pages", 2000),
        ("weekly-pages", 10000),
        ("yearly-books", 1000),
        ("daily-minutes", 1440),
        ("weekly-sessions", 100),
    ],
)
def test_goal_targets_up_to_their_limit(db_path, ok, run, kind, top):
    ok("goal", "set", kind, str(top))
    over = run("goal", "set", kind, str(top + 1))
    assert over.code == 2 and "is more than" in over.err
    assert json.loads(ok("goal", "list", "--json").out)[0]["target"] == top


# -- config ----------------------------------------------------------------------------


def config_file(home):
    return home / ".config" / "compound" / "config.toml"


def test_config_show_defaults(db_path, ok, isolated_home):
    assert ok("config", "show").lines == [
        "day_starts_at = 00:00    # default; when a new day begins; with 03:00, reading at "
        "01:30 counts for yesterday",
        "timezone = local    # default; IANA time zone for the logical day (default: the system's)",
        "week_starts_on = monday    # default; first day of the week for weekly goals",
        "profile = default    # default; whose records commands use (see `compound profile`); "
        "--profile overrides it",
        "daily_backups = 7    # default; automatic daily backups to keep beside the database; "
        "0 turns them off",
        "welcome = on    # default; the app offers its first-run welcome while nothing is "
        "stored; closing it turns this off",
        "lock_timeout = 5s    # default; on PostgreSQL, how long to wait for a lock another "
        "connection holds (0: for ever)",
        "statement_timeout = 30s    # default; on PostgreSQL, how long one query may take "
        "before it is cancelled (0: no limit)",
        f"# settings file: {config_file(isolated_home)}",
        f"# database: {db_path}  (from COMPOUND_DB)",
    ]
    assert not db_path.exists()  # showing settings opens no database


def test_config_set_show_unset_round_trip(db_path, ok, isolated_home):
    path = config_file(isolated_home)
    assert ok("config", "set", "day_starts_at", "3").lines == [
        f"day_starts_at = 03:00  (saved in {path})"
    ]
    assert ok("config", "set", "timezone", "Europe/Berlin").lines == [
        f"timezone = Europe/Berlin  (saved in {path})"
    ]
    import tomllib

    assert tomllib.loads(path.read_text()) == {
        "day_starts_at": "03:00",
        "timezone": "Europe/Berlin",
    }
    assert path.stat().st_mode & 0o777 == 0o600
    shown = ok("config", "show").lines
    assert shown[0].startswith(f"day_starts_at = 03:00    # {path};")
    assert shown[1].startswith(f"timezone = Europe/Berlin    # {path};")
    assert ok("config", "unset", "day_starts_at").lines == [
        "day_starts_at is back to its default, 00:00."
    ]
    assert ok("config", "unset", "timezone").lines == ["timezone is back to its default, local."]
    assert tomllib.loads(path.read_text()) == {}
    assert ok("config", "show").lines[0].startswith("day_starts_at = 00:00    # default;")


def test_config_environment_overrides_are_shown(db_path, ok, monkeypatch, isolated_home):
    ok("config", "set", "day_starts_at", "02:00")
    monkeypatch.setenv("COMPOUND_DAY_STARTS_AT", "4:30")
    monkeypatch.setenv("COMPOUND_TIMEZONE", "Asia/Tokyo")
    shown = ok("config", "show").lines
    assert shown[0].startswith("day_starts_at = 04:30    # COMPOUND_DAY_STARTS_AT;")
    assert shown[1].startswith("timezone = Asia/Tokyo    # COMPOUND_TIMEZONE;")
    assert ok("config", "set", "day_starts_at", "1").lines == [
        f"day_starts_at = 01:00  (saved in {config_file(isolated_home)})",
        "Note: $COMPOUND_DAY_STARTS_AT is set and overrides it.",
    ]


def test_config_show_names_the_database_and_hides_passwords(ok, monkeypatch, tmp_path):
    monkeypatch.setenv("COMPOUND_DATABASE_URL", "postgresql+psycopg://bob:s3cret@db.example/club")
    assert ok("config", "show").lines[-1] == (
        "# database: postgresql+psycopg://bob:***@db.example/club  (from COMPOUND_DATABASE_URL)"
    )
    assert "s3cret" not in ok("config", "show").out
    monkeypatch.setenv("COMPOUND_DB", str(tmp_path / "env.db"))
    assert (
        ok("config", "show").lines[-1] == f"# database: {tmp_path / 'env.db'}  (from COMPOUND_DB)"
    )
    assert ok("--db", str(tmp_path / "opt.db"), "config", "show").lines[-1] == (
        f"# database: {tmp_path / 'opt.db'}  (from --db)"
    )
    assert ok("config", "show", "--db", str(tmp_path / "after.db")).lines[-1] == (
        f"# database: {tmp_path / 'after.db'}  (from --db)"
    )


def test_day_starts_at_from_the_environment_sets_the_logical_today(db_path, ok, run, monkeypatch):
    monkeypatch.delenv("COMPOUND_TODAY")
    monkeypatch.setenv("COMPOUND_DAY_STARTS_AT", "03:00")
    assert (
        ok("config", "show")
        .lines[0]
        .startswith("day_starts_at = 03:00    # COMPOUND_DAY_STARTS_AT;")
    )
    before = logical_day(datetime.now(), time(3))
    long_text = ok("status").lines
    status = json.loads(ok("status", "--json").out)
    after = logical_day(datetime.now(), time(3))
    assert status["today"] in {before.isoformat(), after.isoformat()}
    shown = datetime.strptime(long_text[0], "%A %d %B %Y").date()
    assert shown in {before, after}
    # With the day starting at 03:00, the logical today is never after the calendar one.
    assert shown <= datetime.now().date()
    # A check-in counts for that logical today.
    assert ok("log", "3").lines[0].endswith(", today  [r1]")
    assert json.loads(ok("history", "--json").out)[0]["day"] in {
        before.isoformat(),
        after.isoformat(),
    }


@pytest.mark.parametrize("value", ["bad", "25:00", "12:00", "3:60", "-1", ""])
def test_day_starts_at_parse_errors_are_refused(db_path, run, monkeypatch, value):
    monkeypatch.delenv("COMPOUND_TODAY")
    monkeypatch.setenv("COMPOUND_DAY_STARTS_AT", value)
    for argv in (["status"], ["log", "1"], ["config", "show"]):
        result = run(*argv)
        assert result.code == 2, argv
        assert result.out == ""
        assert result.err.startswith("compound: COMPOUND_DAY_STARTS_AT: day_starts_at: day start")
        assert result.err.count("\n") == 1
    assert not db_path.exists()


def test_bad_settings_file_is_refused(db_path, run, isolated_home):
    path = config_file(isolated_home)
    path.parent.mkdir(parents=True)
    path.write_text('day_starts_at = "13:00"\n')
    result = run("status")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith(f"compound: {path}: day_starts_at: day start '13:00' must be")
    path.write_text("day_starts_at = [unclosed\n")
    result = run("log", "1")
    assert result.code == 2
    assert result.err.startswith(f"compound: {path} is not valid TOML")
    assert not db_path.exists()


def test_bad_compound_today_is_refused(db_path, run, monkeypatch):
    monkeypatch.setenv("COMPOUND_TODAY", "2026-13-01")
    result = run("status")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("compound: COMPOUND_TODAY: 2026-13-01 is not a real date")


# -- status ----------------------------------------------------------------------------


def _reading_day(ok) -> None:
    ok("book", "add", "Deep Work", "--author", "Cal Newport", "--pages", "296", "--start")
    ok("goal", "set", "daily-pages", "30")
    ok("log", "5", "--date", "yesterday")
    ok("log", "25")


def test_status_with_no_streak_says_a_check_in_starts_one(db, ok):
    assert ok("status").lines[3] == "  Streak   none yet today: a check-in will start one"
    ok("log", "20", "--date", "2026-11-01")
    assert ok("status").lines[3] == (
        "  Streak   none yet today: a check-in will start one (best 1 day)"
    )


def test_status_long(db, ok):
    _reading_day(ok)
    assert ok("status").lines == [
        "Sunday 22 November 2026",
        "  Reading  25 of 30 pages  █████████████████░░░  83%",
        "  Learning 0m (no daily goal)",
        # Yesterday's 5 pages came before the goal, when one page met a day.
        "  Streak   🔥 1 day (best 1 day) · at risk: 5 more pages or any learning session "
        "will keep it",
        "Being read",
        "  #1 Deep Work (Cal Newport)  30/296 · 10%  █░░░░░░░░░░░",
    ]
    ok("goal", "set", "daily-minutes", "60")
    ok("learn", "45m")
    # 45 minutes are short of an hour: the day is not met yet, and status says what is left.
    assert ok("status").lines[1:4] == [
        "  Reading  25 of 30 pages  █████████████████░░░  83%",
        "  Learning 45m of 1h  ███████████████░░░░░  75%",
        "  Streak   🔥 1 day (best 1 day) · at risk: 5 more pages or 15m more of learning "
        "will keep it",
    ]
    ok("log", "5")
    assert ok("status").lines[1] == "  Reading  30 of 30 pages ✓  ████████████████████  100%"
    assert ok("status").lines[3] == "  Streak   🔥 2 days (best 2 days) · today is done"


def test_status_short_formats(db, ok):
    assert ok("status", "--short").out == "📚 0 p · 🔥 0\n"
    ok("log", "25")
    assert ok("status", "--short").out == "📚 25 p · 🔥 1\n"
    ok("goal", "set", "daily-pages", "30")
    ok("log", "5", "--date", "yesterday")
    assert ok("status", "--short").out == "📚 25/30 p · ⏳ 1\n"  # today not yet met
    ok("goal", "set", "daily-minutes", "60")
    assert ok("status", "--short").out == "📚 25/30 p · 🎓 0m/1h · ⏳ 1\n"
    ok("learn", "45m")  # short of the minutes goal: the day is not met
    assert ok("status", "--short").out == "📚 25/30 p · 🎓 45m/1h · ⏳ 1\n"
    ok("learn", "15m")  # an hour in all meets it
    assert ok("status", "--short").out == "📚 25/30 p · 🎓 1h/1h · 🔥 2\n"


def test_status_short_on_a_rest_day(db_path, ok):
    ok("goal", "set", "daily-pages", "30")
    ok("log", "5", "--date", "yesterday")
    ok("log", "25")
    con = sqlite3.connect(db_path)
    with con:
        con.execute("INSERT INTO skip (profile_id, day, reason) VALUES (1, ?, 'rest')", (TODAY,))
    con.close()
    # A skipped today neither breaks the streak nor puts it at risk.
    assert ok("status", "--short").out == "📚 25/30 p · 🔥 1\n"


def test_status_json(db, ok):
    _reading_day(ok)
    status = json.loads(ok("status", "--json").out)
    assert {
        "today",
        "pages_today",
        "minutes_today",
        "current_streak",
        "longest_streak",
        "streak_at_risk",
        "reading",
    } <= set(status)
    assert {
        k: status[k]
        for k in (
            "today",
            "pages_today",
            "minutes_today",
            "sessions_today",
            "daily_pages_goal",
            "daily_minutes_goal",
            "current_streak",
            "longest_streak",
            "streak_at_risk",
            "met_today",
        )
    } == {
        "today": TODAY,
        "pages_today": 25,
        "minutes_today": 0,
        "sessions_today": 0,
        "daily_pages_goal": 30,
        "daily_minutes_goal": None,
        "current_streak": 1,
        "longest_streak": 1,
        "streak_at_risk": True,
        "met_today": False,
    }
    [book] = status["reading"]
    assert (book["title"], book["pages_read"], book["total_pages"], book["progress"]) == (
        "Deep Work",
        30,
        296,
        round(30 / 296, 4),
    )


def test_bare_compound_shows_status_and_a_hint(db_path, ok):
    first = ok()
    assert first.lines[0] == "Sunday 22 November 2026"
    assert first.lines[-1] == (
        "Log with `compound log 25` or `compound learn 45m`; `compound --help` lists every command."
    )
    ok("log", "12")
    again = ok().lines
    assert again[1] == "  Reading  12 pages (no daily goal)"
    assert again[:-2] == ok("status").lines


# -- help and version ------------------------------------------------------------------

COMMANDS = [
    [],
    ["log"],
    ["learn"],
    ["book"],
    ["book", "add"],
    ["book", "list"],
    ["book", "start"],
    ["book", "finish"],
    ["book", "abandon"],
    ["book", "edit"],
    ["book", "remove"],
    ["status"],
    ["history"],
    ["undo"],
    ["edit"],
    ["delete"],
    ["goal"],
    ["goal", "set"],
    ["goal", "list"],
    ["goal", "remove"],
    ["config"],
    ["config", "show"],
    ["config", "set"],
    ["config", "unset"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "compound")
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_on_every_command(db_path, run, command, flag):
    result = run(*command, flag)
    assert result.code == 0
    assert result.err == ""
    assert result.out.startswith(f"usage: {' '.join(['compound', *command])} ")
    assert "--db PATH" in result.out
    assert not db_path.exists()  # help opens no database


def test_top_level_help_lists_every_command(run):
    out = run("--help").out
    for name in (
        "log",
        "learn",
        "book",
        "status",
        "history",
        "undo",
        "edit",
        "delete",
        "goal",
        "config",
    ):
        assert re.search(rf"^\s+{name}\s", out, re.M), name


def test_version(run):
    result = run("--version")
    assert (result.code, result.out, result.err) == (0, f"compound {compound.__version__}\n", "")


# -- books at their edges ----------------------------------------------------------------


def test_shortening_a_book_to_the_pages_read_finishes_it(db_path, ok):
    ok("book", "add", "Deep Work", "--pages", "296", "--start")
    ok("log", "30")
    ok("book", "edit", "Deep Work", "--pages", "30")
    assert by_title(ok)["Deep Work"]["status"] == "finished"


def test_a_title_with_a_newline_does_not_split_output_lines(db_path, run, ok):
    result = run("book", "add", "Two\nLines", "--start")
    assert (result.code, result.err) == (
        2,
        "compound: a book's title contains control characters\n",
    )
