"""Reading measured by time: an audiobook's length (`book add --hours`), positions
(`log --to 45%`, `log --to 3:20`), minutes-only logs as reading days, and stats."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def audiobook(ok):
    ok("book", "add", "Project Hail Mary", "--hours", "16:10", "--start")
    return "Project Hail Mary"


def test_book_add_hours_sets_the_length_and_the_list_says_it(ok, audiobook):
    ok("book", "add", "Stoner", "--pages", "320")
    listed = ok("book", "list").out
    assert "16 h 10 min" in listed
    assert "320 p" in listed
    ok("book", "edit", audiobook, "--hours", "11h30m")
    assert "11 h 30 min" in ok("book", "list").out


def test_log_to_a_time_logs_the_minutes_listened(ok, audiobook):
    first = ok("log", "--to", "3:20")
    assert "Logged 3 h 20 min of Project Hail Mary" in first.out
    second = ok("log", "--to", "45%")  # 45% of 970 minutes is 436
    assert "Logged 3 h 56 min" in second.out
    history = json.loads(ok("history", "--json").out)
    assert sorted((e["pages"], e["minutes"]) for e in history) == [(0, 200), (0, 236)]


def test_log_to_a_percent_of_a_book_with_pages_logs_pages(ok):
    ok("book", "add", "Stoner", "--pages", "320", "--start")
    ok("log", "40")
    assert "Logged 104 pages of Stoner" in ok("log", "--to", "45%").out  # to page 144


@pytest.mark.parametrize(
    ("setup", "position", "said"),
    [
        ([("log", "--to", "3:20")], "2:00", "already at 3:20"),  # behind where it is
        ([], "17:00", "past its end"),  # past the book's length
        ([], "101%", "past the end"),
        ([], "3:75", "an hour has 60"),
        ([], "soon", "not a position"),
    ],
)
def test_nonsense_positions_are_refused_and_nothing_stored(
    ok, run, db_url, snapshot_rows, audiobook, setup, position, said
):
    for argv in setup:
        ok(*argv)
    before = snapshot_rows(db_url)
    refused = run("log", "--to", position)
    assert refused.code == 2
    assert said in refused.err
    assert len(refused.err.strip().splitlines()) == 1
    assert snapshot_rows(db_url) == before


def test_a_percent_of_a_book_without_a_length_is_refused(ok, run, db_url, snapshot_rows):
    ok("book", "add", "Untitled", "--start")
    before = snapshot_rows(db_url)
    refused = run("log", "--to", "40%")
    assert (refused.code, snapshot_rows(db_url)) == (2, before)
    assert "has no length" in refused.err


def test_minutes_only_days_are_reading_days_and_stats_say_the_time(ok, audiobook):
    for day in ("2026-11-20", "2026-11-21", "2026-11-22"):
        ok("log", "--minutes", "45", "--date", day)
    ok("book", "add", "Stoner", "--pages", "320")
    ok("log", "30", "--book", "Stoner")
    stats = ok("stats").out
    assert "Streak: 3 days" in stats
    assert "Reading: 30 pages and 2 h 15 min by time" in stats
    assert "Read by time this year: 2 h" in stats
    data = json.loads(ok("stats", "--json").out)
    assert data["current_streak"] == 3
    assert data["period"]["minutes_read_by_time"] == 135


def test_minutes_only_reading_does_not_meet_a_pages_goal(ok, audiobook):
    ok("goal", "set", "daily-pages", "20")
    ok("log", "--minutes", "45")
    assert json.loads(ok("stats", "--json").out)["met_today"] is False
