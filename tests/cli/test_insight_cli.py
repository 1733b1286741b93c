"""`compound stats`, `compound project` and the streak in `compound status`, on real files."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from compound.domain.records import BookStatus, GoalKind
from compound.store.repository import Store

TODAY = date(2026, 11, 22)  # a Sunday (tests/conftest.py pins it)
WEEKDAYS = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"


@pytest.fixture
def store(db_url):
    """The test's SQLite file through the store, to lay down a history quickly."""
    opened = Store.open(db_url)
    yield opened
    opened.close()


@pytest.fixture
def any_store(db):
    """The same on each backend: the SQLite file, then the real PostgreSQL."""
    opened = Store.open(db)
    yield opened
    opened.close()


def read_every_day(
    store: Store, pages: int, days: int, *, skip_today: bool = False, weekdays_only: bool = False
) -> None:
    for n in range(1 if skip_today else 0, days):
        day = TODAY - timedelta(days=n)
        if not weekdays_only or day.weekday() < 5:
            store.log_pages(day=day, pages=pages)


def stats_json(ok, *extra: str) -> dict:
    return json.loads(ok("stats", "--json", *extra).out)


# -- project ---------------------------------------------------------------------------


def test_project_with_no_history_shows_the_25_pages_example(db_path, ok):
    lines = ok("project").lines
    assert lines[0] == "At 25 pages a day (an example: log some reading to see your own):"
    assert lines[1] == (
        "  A year at this pace: about 9,125 pages, 30–40 books (books of 225–300 pages)"
    )
    data = json.loads(ok("project", "--json").out)
    assert (data["pages_per_year"], data["books_low"], data["books_high"]) == (9125, 30, 40)


def test_project_a_given_pace_with_growth_and_book_length(db_path, ok):
    data = json.loads(
        ok(
            "project",
            "--pages-per-day",
            "10",
            "--book-length",
            "200-250",
            "--growth",
            "1%/week",
            "--json",
        ).out
    )
    assert (data["pages_per_year"], data["books_low"], data["books_high"]) == (3650, 14, 18)
    assert data["growth"]["per_week"] == pytest.approx(0.01)
    assert data["growth"]["pages_per_year"] > 3650
    text = ok("project", "--pages-per-day", "12.5").lines
    assert text[0] == "At 12.5 pages a day (given):"
    assert "about 4,562 pages" in text[1]  # 12.5 · 365 = 4,562.5, rounded half to even


def test_project_from_history_has_a_range_and_says_how(db_path, store, ok):
    for n in range(60):
        store.log_pages(day=TODAY - timedelta(days=n), pages=10 if n % 2 else 40)
    data = json.loads(ok("project", "--json").out)
    assert data["pages_per_day"] == 25
    assert data["range_low"] < 9125 < data["range_high"]
    assert data["source"] == "your last 30 days"
    # The range resamples the days the pace is measured on.
    assert "drawn at random from your last 30 days" in data["method"]
    assert ok("project", "--json").out == ok("project", "--json").out  # seeded


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pages-per-day", "0"], "--pages-per-day must be more than 0"),
        (["--pages-per-day", "lots"], "--pages-per-day must be a number like 25"),
        (["--growth", "fast"], "--growth: growth 'fast' is not a rate like 1%/week"),
        (["--growth", "90%/week"], "is more than 50% a week"),
        (["--book-length", "300-200"], "--book-length must be a page range like 225-300"),
        (["--book-length", "0-200"], "--book-length must be a page range"),
    ],
)
def test_project_refusals(db_path, store, run, snapshot_rows, db_url, args, message):
    store.log_pages(day=TODAY, pages=5)
    before = snapshot_rows(db_url)
    result = run("project", *args)
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("compound: ") and message in result.err
    assert result.err.count("\n") == 1
    assert snapshot_rows(db_url) == before


# -- stats -----------------------------------------------------------------------------


def test_stats_json_has_the_promised_keys(any_store, ok):
    store = any_store
    read_every_day(store, 25, 40, skip_today=True)
    store.log_session(day=TODAY, minutes=30)
    data = stats_json(ok)
    assert {
        "today",
        "pages_today",
        "minutes_today",
        "current_streak",
        "longest_streak",
        "streak_at_risk",
        "pace_pages_per_day",
        "projection",
        "books_finished_this_year",
    } <= set(data)
    assert "books_ahead" not in data  # no yearly-books goal
    assert (data["today"], data["pages_today"], data["minutes_today"]) == ("2026-11-22", 0, 30)
    assert (data["current_streak"], data["longest_streak"], data["streak_at_risk"]) == (
        40,
        40,
        False,
    )
    assert data["pace_pages_per_day"] == 25
    assert data["projection"]["pages_per_year"] == 9125
    assert data["habits"]["reading"]["at_risk"] is True
    assert data["habits"]["learning"]["current"] == 1


def test_a_24_book_goal_with_2_finished_on_2_july_is_about_10_behind(db, ok, monkeypatch):
    monkeypatch.setenv("COMPOUND_TODAY", "2026-01-01")
    ok("goal", "set", "yearly-books", "24")  # in force all year
    monkeypatch.setenv("COMPOUND_TODAY", "2026-07-02")
    for title in ("One", "Two"):
        ok("book", "add", title, "--pages", "250")
        ok("book", "finish", title, "--date", "2026-05-01")
    data = stats_json(ok)
    assert data["books_finished_this_year"] == 2
    assert round(data["books_ahead"]) == -10
    status = json.loads(ok("status", "--json").out)
    assert status["books_ahead"] == data["books_ahead"]
    assert "2 of 24 books, 12 expected by today: 10 books behind" in ok("status").out


def test_a_goal_set_in_november_is_judged_from_that_day(db, ok, monkeypatch):
    for title in ("One", "Two"):  # read before the goal was set
        ok("book", "add", title, "--pages", "250")
        ok("book", "finish", title, "--date", "2026-05-01")
    monkeypatch.setenv("COMPOUND_TODAY", "2026-11-09")
    ok("goal", "set", "yearly-books", "24")
    monkeypatch.setenv("COMPOUND_TODAY", "2026-11-22")
    ok("book", "add", "Three", "--pages", "250")
    ok("book", "finish", "Three", "--date", "2026-11-20")
    data = stats_json(ok)
    # 24 a year from 9 November asks 24 · 53/365 ≈ 3.5 books of this year, 0.9 by today;
    # the one book finished since counts, the two from May do not.
    assert data["goal_pace"]["since"] == "2026-11-09"
    assert data["goal_pace"]["year_goal"] == round(24 * 53 / 365, 2)
    assert data["books_ahead"] == round(1 - 24 * 14 / 365, 2)
    line = next(line for line in ok("status").lines if "Books" in line)
    assert "1 of 3.5 books (24 a year from 09 Nov), 0.9 expected by today: 0.1 books ahead" in line


def test_stats_for_people(db_path, store, ok):
    read_every_day(store, 30, 20)
    ok("goal", "set", "weekly-pages", "100")
    lines = ok("stats", "--period", "month").lines
    assert lines[0] == "Sun 22 Nov 2026"
    assert lines[1] == ("Today: reading 30 pages (no daily goal); learning 0m (no daily goal)")
    assert lines[2] == "Streak: 20 days (best 20 days) · today is done"
    assert lines[3].startswith("This month (01 Nov – 22 Nov): 600 pages on 20 days")
    table = "\n".join(lines)
    assert "weekly pages" in table and "learning day" in table
    assert "A year at this pace: about 10,950 pages, 36–48 books" in table
    # Every day alike: no spread to give a range of.
    assert not any("Likely range" in line for line in lines)
    store.log_pages(day=TODAY - timedelta(days=2), pages=45)
    lines = ok("stats", "--period", "month").lines
    assert any(
        line.startswith("  Likely range: ")
        and "(8 years in 10, drawn from your last 20 days)" in line
        for line in lines
    )
    assert not any("P10" in line or "seed" in line for line in lines)  # no jargon


def test_stats_periods_and_the_week_start(db_path, store, ok, monkeypatch):
    read_every_day(store, 10, 14)
    assert stats_json(ok, "--period", "week")["period"]["pages"] == 70  # Mon 16 to Sun 22
    assert stats_json(ok, "--period", "all")["period"]["pages"] == 140
    monkeypatch.setenv("COMPOUND_WEEK_STARTS_ON", "sunday")
    assert stats_json(ok, "--period", "week")["period"]["pages"] == 10  # Sunday 22 alone


def test_weekly_goal_streaks(db_path, store, ok, run):
    store.set_goal(GoalKind.WEEKLY_SESSIONS, 2, since=TODAY - timedelta(weeks=4))
    for n in (0, 1, 7, 8, 14, 15):
        store.log_session(day=TODAY - timedelta(days=n), minutes=20)
    habit = stats_json(ok)["habits"]["weekly-sessions"]
    assert (habit["unit"], habit["current"], habit["met_today"]) == ("week", 3, True)
    refused = run("goal", "set", "weekly-pages", "200", "--schedule", WEEKDAYS)
    assert refused.code == 2 and "a schedule applies to daily goals" in refused.err


# -- status shows the real streak ---------------------------------------------------------


def test_status_follows_a_weekday_schedule(any_store, ok):
    store = any_store
    ok("goal", "set", "daily-pages", "10", "--schedule", WEEKDAYS)
    # Move the goal back so the schedule governs the last three weeks.
    ok("goal", "remove", "daily-pages")
    store.set_goal(GoalKind.DAILY_PAGES, 10, since=TODAY - timedelta(days=30), schedule=WEEKDAYS)
    read_every_day(store, 12, 21, weekdays_only=True)  # TODAY is a Sunday: nothing due
    assert ok("status", "--short").out == "📚 0/10 p · 🔥 15\n"
    status = json.loads(ok("status", "--json").out)
    assert (status["current_streak"], status["streak_at_risk"]) == (15, False)
    assert stats_json(ok)["current_streak"] == 15  # the same streak everywhere


def test_status_and_stats_agree_across_skips(any_store, ok):
    store = any_store
    read_every_day(store, 5, 10, skip_today=True)
    store.add_skips(TODAY - timedelta(days=12), TODAY - timedelta(days=10), "travel")
    for n in range(13, 20):
        store.log_pages(day=TODAY - timedelta(days=n), pages=5)
    status = json.loads(ok("status", "--json").out)
    stats = stats_json(ok)
    assert status["current_streak"] == stats["current_streak"] == 9 + 7
    assert status["streak_at_risk"] is stats["streak_at_risk"] is True
    assert "⏳ 16" in ok("status", "--short").out


@pytest.mark.parametrize("command", [["stats"], ["project"]])
def test_help(db_path, run, command):
    result = run(*command, "--help")
    assert result.code == 0 and result.out.startswith(f"usage: compound {command[0]} ")
    assert not db_path.exists()


def test_stats_lists_books_being_read_with_an_eta(db_path, store, ok):
    store.add_book("Deep Work", total_pages=300, status=BookStatus.READING, day=TODAY)
    read_every_day(store, 5, 30)  # into the book being read: 150 of its 300 pages
    [book] = stats_json(ok)["books"]
    assert (book["title"], book["pages_left"], book["days_left"]) == ("Deep Work", 150, 30)
    assert book["eta"] == (TODAY + timedelta(days=30)).isoformat()  # today's reading is done
    assert "#1 Deep Work: 150 pages left, about 22 Dec 2026 (30 days)" in ok("stats").out


def test_stats_on_an_empty_database_points_to_the_first_steps(db_path, ok):
    lines = ok("stats").lines
    assert lines[-1].startswith("Nothing logged yet: `compound log 25` starts it")
    assert not any("range" in line.lower() for line in lines)  # nothing to measure yet


def test_project_after_a_long_pause_shows_the_example_and_says_why(db_path, store, ok):
    store.log_pages(day=TODAY - timedelta(days=60), pages=40)
    assert ok("project").lines[0] == (
        "At 25 pages a day (an example: nothing read in the last 30 days):"
    )


def test_stats_and_project_fit_a_narrow_terminal(db_path, store, ok, at_terminal):
    from compound.cli.render import width_of

    read_every_day(store, 20, 40)
    store.log_pages(day=TODAY - timedelta(days=3), pages=35)  # days that differ: a range
    ok("goal", "set", "yearly-books", "24")
    piped = [line for line in ok("stats").lines if "Likely range" in line][0]
    at_terminal(64)
    for command in (["stats"], ["project", "--growth", "1%/week"]):
        lines = ok(*command).lines
        assert max(width_of(line) for line in lines) <= 64, command
    method = [line for line in ok("stats").lines if "Likely range" in line][0]
    assert method.startswith("  Likely range:")  # wrapped, and the rest indented under it
    # In a pipe a sentence is left whole, however narrow the terminal may be.
    assert width_of(piped) > 64 and piped.startswith(method.rstrip())
