"""What the command line says about goals, due days and the day's standing, and a few
smaller promises: names that pick the right book, refusals that point the way."""

from __future__ import annotations

import json
from datetime import date, timedelta

from compound.domain.records import DEFAULT_SESSION_KIND

TODAY = date(2026, 11, 22)  # a Sunday (COMPOUND_TODAY in tests/conftest.py)
WEEKDAYS = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"


def goals_json(ok) -> list[dict]:
    return json.loads(ok("goal", "list", "--json").out)


def test_a_new_target_keeps_the_schedule_unless_told_otherwise(db, ok, run):
    ok("goal", "set", "daily-pages", "20", "--schedule", WEEKDAYS)
    assert ok("goal", "set", "daily-pages", "25").lines == [
        "Goal set: 25 pages a day on weekdays, from 2026-11-22 (its days kept; --every-day "
        "drops them)."
    ]
    assert [(g["target"], g["schedule"]) for g in goals_json(ok)] == [(25, WEEKDAYS)]
    ok("goal", "set", "daily-pages", "30", "--every-day")
    assert [(g["target"], g["schedule"]) for g in goals_json(ok)] == [(30, None)]
    both = run("goal", "set", "daily-pages", "30", "--every-day", "--schedule", WEEKDAYS)
    assert (both.code, both.err) == (
        2,
        "compound: give --schedule or --every-day, not both\n",
    )


def test_status_on_a_day_the_schedule_does_not_require(db_path, ok, monkeypatch):
    monkeypatch.setenv("COMPOUND_TODAY", "2026-11-20")
    ok("goal", "set", "daily-pages", "20", "--schedule", WEEKDAYS)  # from a Friday
    ok("log", "20")
    monkeypatch.setenv("COMPOUND_TODAY", "2026-11-22")
    ok("log", "10")  # on Sunday, which the goal does not ask for
    lines = ok("status").lines
    assert lines[1] == "  Reading  10 of 20 pages · today is not due (weekdays)"  # no bar, no %
    assert lines[3] == "  Streak   🔥 1 day (best 1 day) · today is not due (weekdays)"
    assert json.loads(ok("status", "--json").out)["due_today"] is False


def test_a_minutes_goal_decides_the_learning_days_of_the_week_line(db_path, ok, monkeypatch):
    monkeypatch.setenv("COMPOUND_TODAY", "2026-11-16")
    ok("goal", "set", "daily-minutes", "30")
    monkeypatch.setenv("COMPOUND_TODAY", "2026-11-22")
    for day, spent in (("2026-11-16", "5m"), ("2026-11-17", "40m"), ("2026-11-18", "10m")):
        ok("learn", spent, "--date", day)
    stats = json.loads(ok("stats", "--json").out)
    # Three days with a session, one of them met: one learning day, as the streak counts.
    assert stats["period"]["learning_days"] == 1
    assert stats["habits"]["learning-day"]["longest"] == 1
    assert "1 learning day" in ok("stats").out


def test_a_pace_from_few_days_says_it_is_a_rough_guess(db_path, ok):
    ok("log", "30", "--date", "yesterday")
    ok("log", "20")
    stats = ok("stats").out
    assert "a rough guess from 2 days" in stats
    assert json.loads(ok("project", "--json").out)["rough"] is True


def test_status_lines_up_several_books(db_path, ok):
    ok("book", "add", "Dune", "--pages", "412", "--start")
    ok(
        "book",
        "add",
        "The Left Hand of Darkness",
        "--author",
        "Ursula K. Le Guin",
        "--pages",
        "304",
        "--start",
    )
    ok("log", "40", "--book", "Dune")
    lines = ok("status").lines
    books = lines[lines.index("Being read") + 1 :]
    assert len(books) == 2
    # Titles start in one column, figures end in one column, and the bars start in one.
    assert books[0].index("Dune") == books[1].index("The Left Hand")
    assert len({line.index("%") for line in books}) == 1
    assert len({line.index("█") if "█" in line else line.index("░") for line in books}) == 1


def test_a_name_that_matches_a_finished_copy_and_the_one_being_read_picks_the_latter(db_path, ok):
    ok("book", "add", "The Fellowship of the Ring", "--pages", "400", "--start")
    ok("book", "finish", "The Fellowship of the Ring")
    ok("book", "add", "The Fellowship of the Ring", "--pages", "400", "--start")
    logged = ok("log", "30", "--book", "Fellowship")
    assert logged.lines[0].startswith("Logged 30 pages of The Fellowship of the Ring (p. 30 of")


def test_restoring_an_export_points_at_importing_it(db_path, ok, run, tmp_path):
    ok("log", "5")
    export = tmp_path / "backup.json"
    ok("export", "-o", str(export))
    refused = run("restore", str(export))
    assert refused.code == 2
    assert refused.err.count("\n") == 1
    assert f"`compound import compound {export}` reads it" in refused.err


def test_a_session_without_a_kind_is_of_the_usual_kind(db_path, ok):
    assert ok("learn", "20m").lines[0] == f"Logged 20m {DEFAULT_SESSION_KIND.value}, today  [s1]"


def test_a_single_skip_day_is_said_in_the_singular(db_path, ok):
    assert ok("skip", "tomorrow").lines == [
        f"Skipping {(TODAY + timedelta(days=1)).isoformat()}: 1 day that neither breaks nor "
        "lengthens a streak."
    ]


def test_status_shows_this_weeks_weekly_goals(db_path, ok, monkeypatch):
    monkeypatch.setenv("COMPOUND_TODAY", "2026-11-16")  # set on the week's Monday
    ok("goal", "set", "weekly-sessions", "3")
    monkeypatch.setenv("COMPOUND_TODAY", "2026-11-22")
    ok("learn", "30m")
    assert "  Week     1 of 3 sessions this week" in ok("status").lines
    assert json.loads(ok("status", "--json").out)["weekly"] == [
        {"kind": "weekly-sessions", "done": 1, "target": 3}
    ]
