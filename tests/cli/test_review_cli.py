"""`compound review [YEAR]` on an imported Goodreads library and two years of logs.

The library is written here in Goodreads' export layout (the 2026 header of the
sample file): 358 finished books dated 2019 to 2025, as a long-time Goodreads reader
brings them, and none this year. The logs come in through compound's own JSON export:
every day from 1 January 2025 to today but for a gap each month, with an audiobook's
minutes-only days and learning sessions.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from rich.cells import cell_len
from tests.fixtures.exchange.sample_files import FILES, header_of, write_csv

from compound.domain.exports import ExportData
from compound.domain.records import Goal, GoalKind, LearningSession, ReadingLog, SessionKind
from compound.exchange import compound_json

TODAY = date(2026, 11, 22)
LIBRARY_BOOKS = 358
AUTHORS = ("Ursula K. Le Guin", "Terry Pratchett", "Octavia E. Butler", "Haruki Murakami")


def finished_on(n: int) -> date:
    return date(2019 + n % 7, 1 + n % 12, 1 + n % 28)


def write_library(path: Path) -> Path:
    rows = []
    for n in range(LIBRARY_BOOKS):
        day = finished_on(n)
        author = AUTHORS[n % len(AUTHORS)] if n % 3 else f"Author {n}"
        rows.append(
            {
                "Book Id": str(100_000 + n),
                "Title": f"Book number {n}: a long subtitle that a terminal must shorten well",
                "Author": author,
                "Author l-f": author,
                "ISBN": '=""',
                "ISBN13": '=""',
                "My Rating": str(n % 6),
                "Binding": "Paperback",
                "Number of Pages": str(120 + (n * 37) % 700),
                "Date Read": day.strftime("%Y/%m/%d"),
                "Date Added": (day - timedelta(days=30)).strftime("%Y/%m/%d"),
                "Exclusive Shelf": "read",
                "Read Count": "1",
                "Owned Copies": "0",
            }
        )
    return write_csv(path, header_of("goodreads_library_export_2026.csv"), rows)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 21, tzinfo=UTC)


def write_logs(path: Path) -> Path:
    """Two years of reading: 20 pages a day, 45 on Sundays, nothing on each month's
    13th, an audiobook's 50 minutes on each month's 20th; a talk each Wednesday."""
    logs, sessions = [], []
    day = date(2025, 1, 1)
    while day <= TODAY:
        if day.day == 20:
            pages, minutes = 0, 50
        elif day.day != 13:
            pages, minutes = (45 if day.weekday() == 6 else 20), None
        else:
            pages = minutes = 0
        if pages or minutes:
            logs.append(ReadingLog(len(logs) + 1, day, pages, None, None, minutes, None, at(day)))
        if day.weekday() == 2:
            sessions.append(
                LearningSession(
                    len(sessions) + 1, day, 30, SessionKind.TALK, "a talk", None, at(day)
                )
            )
        day += timedelta(days=1)
    data = ExportData(
        profile="default",
        exported_at=at(TODAY),
        today=TODAY,
        since=None,
        until=None,
        reading_logs=tuple(logs),
        sessions=tuple(sessions),
        goals=(Goal(1, GoalKind.DAILY_PAGES, 15, None, date(2025, 1, 1)),),
    )
    with path.open("w", encoding="utf-8") as out:
        compound_json.write(data, out)
    return path


@pytest.fixture
def library(ok, db_path, tmp_path):
    ok("import", "goodreads", str(write_library(tmp_path / "goodreads_library_export.csv")))
    ok("import", "compound", str(write_logs(tmp_path / "logs.json")))
    return db_path


def expected_2025_books() -> int:
    return sum(1 for n in range(LIBRARY_BOOKS) if finished_on(n).year == 2025)


def test_a_past_year_as_text_fits_80_columns(library, ok, at_terminal):
    at_terminal(80)
    out = ok("review", "2025").out
    lines = out.splitlines()
    assert lines[0] == "2025 in review"
    assert max(cell_len(line) for line in lines) <= 80
    assert f"Books finished  {expected_2025_books()}" in out
    # 2025: 365 days less twelve 13ths; the 20ths are minutes only.
    assert "pages on 353 reading days" in out
    assert "reading by time 10h" in out  # twelve 20ths of 50 minutes
    assert "8,020 pages on 353 reading days" in out
    assert "learning 26h30m in 53 sessions" in out  # 2025 has 53 Wednesdays
    # A 13th or a 20th (minutes only, under the goal) breaks the streak, unless it is a
    # Wednesday and its talk makes it a learning day: 13 and 20 August 2025 were.
    assert "Best streak     54 days (21 Jul – 12 Sep)" in out
    assert "Best week       165 pages (06 Jan – 12 Jan)" in out
    assert "8,020 of 5,475 pages the daily pages goal asked (146%)" in out
    assert "so far" not in out
    assert "MOST-READ AUTHORS" in out and "Ursula K. Le Guin" in out
    months = [line for line in lines if line[:3] in ("Jan", "Feb", "Dec")]
    assert len(months) == 3 and "█" in out
    assert "…" in out  # the longest book's long title was shortened, its figures kept
    longest = next(line for line in lines if line.startswith("Longest "))
    assert longest.startswith("Longest         Book number 132: ")
    assert longest.endswith(" (804 pages, finished 21 Jan)")


def test_this_year_is_so_far_and_stats_points_to_the_earlier_years(library, ok):
    out = ok("review").out
    assert out.startswith("2026 so far (to 22 Nov)")
    assert "Books finished  0" in out
    assert "asked so far" in out
    stats = ok("stats").out
    assert (
        f"Books finished this year: 0 ({LIBRARY_BOOKS} in earlier years: compound review 2025)"
        in stats.splitlines()
    )


def test_stats_says_nothing_more_when_this_year_has_books(ok, db_path, tmp_path):
    ok("import", "goodreads", str(FILES / "goodreads_library_export_2026.csv"))
    ok("book", "add", "A short one", "--pages", "10")
    ok("log", "10", "--book", "A short one")
    assert "Books finished this year: 1\n" in ok("stats").out


def test_the_sample_goodreads_export(ok, db_path):
    ok("import", "goodreads", str(FILES / "goodreads_library_export_2026.csv"))
    out = ok("review", "2024").out
    assert "Norwegian Wood by Haruki Murakami (296 pages, finished 11 Feb)" in out
    assert "Books finished  1" in out
    assert "Pages           none logged" not in out  # pages are a figure, never "none"
    assert "0 pages on 0 reading days" in out  # Goodreads brings books, not logs
    assert "Goal            no goal" in out


def test_markdown_is_a_report(library, ok):
    out = ok("review", "2025", "--format", "md").out
    lines = out.splitlines()
    assert lines[0] == "# 2025 in review"
    assert f"- **Books finished:** {expected_2025_books()}" in lines
    assert "## Each month" in lines and "## Most-read authors" in lines
    month_rows = [line for line in lines if line.startswith(("| Jan ", "| Dec "))]
    assert len(month_rows) == 2
    assert sum(1 for line in lines if line.startswith("| ") and "pages |" in line) == (
        expected_2025_books()
    )


JSON_KEYS = {
    "year",
    "final",
    "first",
    "last",
    "empty",
    "books_finished",
    "books_finished_earlier",
    "pages",
    "reading_days",
    "reading_minutes",
    "learning_minutes",
    "sessions",
    "learning_days",
    "longest",
    "shortest",
    "longest_listen",
    "shortest_listen",
    "authors",
    "months",
    "best_streak",
    "best_week",
    "goal",
    "books",
}


def test_json_has_stable_keys_and_the_figures(library, ok, tmp_path):
    data = json.loads(ok("review", "2025", "-f", "json").out)
    assert set(data) == JSON_KEYS
    assert data["year"] == 2025 and data["final"] is True and data["last"] == "2025-12-31"
    assert data["books_finished"] == len(data["books"]) == expected_2025_books()
    assert data["books_finished_earlier"] == sum(
        1 for n in range(LIBRARY_BOOKS) if finished_on(n).year < 2025
    )
    assert [m["month"] for m in data["months"]] == list(range(1, 13))
    assert set(data["months"][0]) == {"month", "books", "pages", "reading_days"}
    assert sum(m["pages"] for m in data["months"]) == data["pages"]
    assert data["best_streak"] == {"first": "2025-07-21", "last": "2025-09-12", "length": 54}
    assert set(data["best_week"]) == {"first", "last", "pages"}
    assert data["goal"]["kind"] == "pages" and data["goal"]["target"] == 15
    assert set(data["longest"]) == {"title", "author", "pages", "minutes", "finished_on", "source"}
    assert data["longest"]["source"] == "goodreads"

    target = tmp_path / "review.json"
    wrote = ok("review", "2025", "-f", "json", "-o", str(target))
    assert wrote.out == f"Wrote the review of 2025 (json) to {target}.\n"
    assert json.loads(target.read_text(encoding="utf-8")) == data
    assert target.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("year", "says"),
    [
        ("twenty", "'twenty' is not a year"),
        ("2027", "2027 has not begun yet"),
        ("999", "999 is too early"),
        ("2025-01", "is not a year"),
    ],
)
def test_a_bad_year_is_one_line_and_creates_nothing(run, db_url, snapshot_rows, year, says):
    result = run("review", year)
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1 and says in result.err
    assert snapshot_rows(db_url) is None  # refused before the database was opened


def test_a_year_with_nothing_says_so(library, ok):
    for form in ("text", "md"):
        out = ok("review", "2012", "-f", form).out
        assert "Nothing in 2012: no book finished and nothing logged." in out
    data = json.loads(ok("review", "2012", "-f", "json").out)
    assert data["empty"] is True and data["books"] == [] and data["goal"] is None


def test_stored_text_is_shown_safely(ok, db_path):
    ok("book", "add", "Plain", "--pages", "10")
    ok("log", "10", "--book", "Plain")
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{db_path}")
    with engine.begin() as connection:
        connection.execute(text("UPDATE book SET title = 'Evil \x1b[31m\u202e title'"))
    engine.dispose()
    out = ok("review").out
    assert "\x1b" not in out and "\u202e" not in out
    assert "Evil ␛[31m\\u202e title" in out
