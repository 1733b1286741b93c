"""Time read where the pages are unknown (an audiobook, `log --minutes 45` alone) on every
surface that shows reading: today's status (long, --short, --json, the check-in's own
line), the team report whether built from a shared database or from members' files,
and the projection."""

from __future__ import annotations

import json
from datetime import date

import pytest

from compound.config import Settings
from compound.domain.records import BookStatus
from compound.store.repository import Store
from compound.tracker.core import Tracker

TODAY = date(2026, 11, 22)  # COMPOUND_TODAY in tests/conftest.py


@pytest.fixture
def listening(ok, db_path):
    """An audiobook being read, 45 minutes of it logged today (no pages)."""
    ok("book", "add", "Project Hail Mary", "--hours", "16:10", "--start")
    logged = ok("log", "--minutes", "45")
    return logged


# -- today -------------------------------------------------------------------------------


def test_status_says_the_time_read_today_without_a_goal(ok, listening):
    assert "Today: reading 45 min by time (no daily goal)" in listening.out
    status = ok("status").out
    assert "Reading  45 min by time (no daily goal)" in status
    assert "0 pages" not in status
    assert ok("status", "--short").out.strip() == "📚 45m · 🔥 1"
    data = json.loads(ok("status", "--json").out)
    assert (data["pages_today"], data["minutes_read_by_time_today"]) == (0, 45)
    assert data["met_today"] is True


def test_against_a_pages_goal_status_says_the_pages_and_the_time_beside_them(ok, listening):
    ok("goal", "set", "daily-pages", "30")
    status = ok("status").out
    assert "Reading  0 of 30 pages, 45 min by time" in status
    # Time read meets no pages goal: the pages are still to read.
    assert "30 pages or any learning session will start one" in status
    assert ok("status", "--short").out.startswith("📚 0/30 p +45m · ")
    assert "Today: reading 0 of 30 pages, 1 h 5 min by time" in ok("log", "-m", "20").out


def test_the_tracker_path_gives_what_the_light_path_gives(ok, listening, db_path):
    """status reads an up-to-date SQLite file without the ORM (tracker/glance.py); the
    tracker's own view (PostgreSQL, a file to upgrade) must say the same."""
    from compound.tracker.glance import today_from_file

    light = today_from_file(db_path, "default", TODAY)
    tracker = Tracker(Store.open(f"sqlite:///{db_path}"), Settings(), lambda: TODAY)
    try:
        full = tracker.views.status()
    finally:
        tracker.store.close()
    assert light is not None
    assert (light.pages, light.timed) == (full.pages, full.timed) == (0, 45)


# -- the team report ---------------------------------------------------------------------


@pytest.fixture
def listener(db):
    """One member who listens on most days (minutes, no pages) and reads paper on some."""
    Store.open(db).close()
    setup = Store.open(db)
    setup.add_profile("ana")
    setup.close()
    ana = Store.open(db, "ana")
    audio = ana.add_book(
        "Project Hail Mary", total_minutes=970, status=BookStatus.READING, day=date(2026, 11, 1)
    )
    paper = ana.add_book(
        "Stoner", total_pages=320, status=BookStatus.READING, day=date(2026, 11, 1)
    )
    for day in range(15, 23):
        if day % 4 == 0:
            ana.log_pages(day=date(2026, 11, day), pages=20, book=str(paper.id))
        else:
            ana.log_pages(day=date(2026, 11, day), minutes=30, book=str(audio.id))
    ana.close()
    return db


def test_a_members_file_counts_days_read_by_time_as_the_shared_database_does(
    listener, ok, tmp_path
):
    path = tmp_path / "ana.json"
    ok("--profile", "ana", "team", "export", "--me", "--format", "json", "-o", str(path))
    shared = json.loads(ok("team", "export", "--format", "json").out)
    merged = json.loads(ok("team", "merge", str(path), "--format", "json").out)
    row = next(m for m in shared["members"] if m["member"] == "ana")
    # Eight days, each a reading day (no goal): by time on six of them.
    assert (row["current_streak"], row["longest_streak"]) == (8, 8)
    stats = json.loads(ok("--profile", "ana", "stats", "--json").out)
    assert row["current_streak"] == stats["current_streak"]
    assert merged["members"] == [row]
    assert merged["team_streak"] == shared["team_streak"]
    assert json.loads(path.read_text(encoding="utf-8"))["days"][0] == ["2026-11-15", 0, 0, 0, 30]


def test_a_members_file_of_the_first_version_still_merges(ok, tmp_path, db_path):
    """Written before days carried the time read by time: four values, none by time."""
    path = tmp_path / "bob.json"
    path.write_text(
        json.dumps(
            {
                "format": "compound-team-member",
                "version": 1,
                "member": "bob",
                "exported_at": "2026-11-22T08:00:00+00:00",
                "today": "2026-11-22",
                "days": [["2026-11-21", 40, 0, 0], ["2026-11-22", 10, 0, 0]],
                "goals": [],
                "skips": [],
                "books_finished": [],
            }
        ),
        encoding="utf-8",
    )
    doc = json.loads(ok("team", "merge", str(path), "--format", "json").out)
    assert (doc["members"][0]["current_streak"], doc["members"][0]["pages_7d"]) == (2, 50)


def test_a_newer_days_shape_in_a_first_version_file_is_refused(run, tmp_path, db_path):
    path = tmp_path / "bob.json"
    path.write_text(
        json.dumps(
            {
                "format": "compound-team-member",
                "version": 1,
                "member": "bob",
                "exported_at": "2026-11-22T08:00:00+00:00",
                "days": [["2026-11-21", 40, 0, 0, 30]],
            }
        ),
        encoding="utf-8",
    )
    refused = run("team", "merge", str(path))
    assert refused.code == 2
    assert "days[0]: expected [day, pages, sessions, minutes]" in refused.err


# -- the projection ----------------------------------------------------------------------


def test_project_says_the_time_read_this_year_it_leaves_out(ok, listening):
    ok("log", "--minutes", "90", "--date", "2026-11-20")
    ok("book", "add", "Stoner", "--pages", "320")
    ok("log", "25", "--book", "Stoner", "--date", "2026-11-21")
    said = "Read by time this year: 2 h, where pages are unknown (not in the pages above)"
    project = ok("project").out
    assert said in project
    assert said in ok("stats").out  # one sentence, said the same way
    data = json.loads(ok("project", "--json").out)
    assert data["minutes_read_by_time_this_year"] == 135
    # The pace counts pages alone: 25 pages over the 20th and 21st (today, without
    # pages yet, is not counted).
    assert project.startswith("At 12.5 pages a day (your last 30 days):")


def test_project_at_a_given_pace_keeps_its_arithmetic_and_says_the_time(ok, listening):
    project = ok("project", "--pages-per-day", "25").out
    assert "about 9,125 pages" in project
    assert "Read by time this year: 45 min, where pages are unknown" in project


def test_with_only_time_read_the_example_pace_says_no_pages_were_read(ok, listening):
    project = ok("project").out
    assert project.startswith("At 25 pages a day (an example: no pages read in the last 30 days)")
    assert "Read by time this year: 45 min" in project


def test_project_without_time_read_says_nothing_of_it(ok, db_path):
    ok("log", "25", "--date", "2026-11-21")
    assert "by time" not in ok("project").out
    assert json.loads(ok("project", "--json").out)["minutes_read_by_time_this_year"] == 0


def test_a_day_read_by_time_is_a_reading_day_of_the_period(ok, listening):
    period = json.loads(ok("stats", "--json", "--period", "week").out)["period"]
    assert (period["pages"], period["reading_days"]) == (0, 1)


def test_an_audiobook_is_expected_finished_at_the_pace_of_reading_by_time(ok, listening):
    """45 minutes today of 16 h 10 min: 925 minutes left at 45 a day is 21 days, from
    tomorrow (today is counted) on."""
    (book,) = json.loads(ok("stats", "--json").out)["books"]
    assert (book["pages_left"], book["minutes_left"]) == (None, 925)
    assert (book["days_left"], book["eta"]) == (21, "2026-12-13")
    assert "Project Hail Mary: 15 h 25 min left, about 13 Dec 2026 (21 days)" in ok("stats").out
