"""Check-ins from the command line: log, learn, history, undo, edit, delete.

Today is pinned to Sunday 2026-11-22 (tests/conftest.py). Tests taking the `db`
fixture run on a SQLite file and on PostgreSQL.
"""

from __future__ import annotations

import json

import pytest

from compound.domain.records import SessionKind

TODAY = "2026-11-22"


def books_json(ok) -> dict[str, dict]:
    return {b["title"]: b for b in json.loads(ok("book", "list", "--json").out)}


def entries_json(ok, days: int = 400) -> list[dict]:
    return json.loads(ok("history", "--days", str(days), "--json").out)


# -- log -------------------------------------------------------------------------------


def test_log_goes_to_the_one_book_being_read(db, ok, snapshot_rows):
    ok("book", "add", "Deep Work", "--author", "Cal Newport", "--pages", "296", "--start")
    result = ok("log", "30")
    assert result.lines == [
        "Logged 30 pages of Deep Work (p. 30 of 296, 10%), today  [r1]",
        "Today: reading 30 pages (no daily goal)",
        "Streak: 1 day (best 1 day) · today is done",
    ]
    book = books_json(ok)["Deep Work"]
    assert (book["pages_read"], book["status"]) == (30, "reading")
    [entry] = entries_json(ok)
    assert entry | {"created_at": None} == {
        "type": "reading",
        "id": "r1",
        "day": TODAY,
        "note": None,
        "created_at": None,
        "pages": 30,
        "book_id": book["id"],
        "book": "Deep Work",
        "minutes": None,
    }
    assert len(snapshot_rows(db)["reading_log"]) == 1


def test_log_with_no_book_keeps_just_the_pages(db_path, ok):
    result = ok("log", "5")
    assert result.lines == [
        "Logged 5 pages, today  [r1]",
        "Today: reading 5 pages (no daily goal)",
        "Streak: 1 day (best 1 day) · today is done",
    ]
    assert ok("log", "1").lines[0] == "Logged 1 page, today  [r2]"
    assert [(e["pages"], e["book_id"]) for e in entries_json(ok)] == [(1, None), (5, None)]


def test_log_reports_the_daily_goal(db_path, ok):
    ok("goal", "set", "daily-pages", "25")
    assert ok("log", "10").lines[-2:] == [
        "Today: reading 10 of 25 pages",
        "Streak: none yet today: 15 more pages or any learning session will start one",
    ]
    assert ok("log", "15").lines[-2:] == [
        "Today: reading 25 of 25 pages ✓",
        "Streak: 1 day (best 1 day) · today is done",
    ]


@pytest.mark.parametrize(
    "ref",
    [
        "The Pragmatic Programmer",
        "the   PRAGMATIC programmer",
        "The Pragmatic P",
        "programmer",
        "1",
        "#1",
    ],
)
def test_log_names_the_book_by_title_prefix_or_id(db_path, ok, ref):
    ok("book", "add", "The Pragmatic Programmer", "--pages", "320", "--start")
    ok("book", "add", "The Pragmatic Engineer", "--pages", "200", "--start")
    result = ok("log", "12", "--book", ref)
    assert result.lines[0] == (
        "Logged 12 pages of The Pragmatic Programmer (p. 12 of 320, 4%), today  [r1]"
    )
    shelf = books_json(ok)
    assert shelf["The Pragmatic Programmer"]["pages_read"] == 12
    assert shelf["The Pragmatic Engineer"]["pages_read"] == 0


def test_log_to_page_logs_the_pages_since_the_last_one(db, ok):
    ok("book", "add", "Deep Work", "--pages", "296", "--start")
    ok("log", "20")
    result = ok("log", "--to-page", "50")
    assert result.lines[0] == "Logged 30 pages of Deep Work (p. 50 of 296, 17%), today  [r2]"
    assert books_json(ok)["Deep Work"]["pages_read"] == 50
    assert [e["pages"] for e in entries_json(ok)] == [30, 20]


@pytest.mark.parametrize("last", [["5"], ["--to-page", "30"]])
def test_reaching_the_last_page_finishes_the_book(db, ok, last):
    ok("book", "add", "Deep Work", "--pages", "30", "--start")
    ok("log", "25", "--date", "yesterday")
    result = ok("log", *last)
    assert result.lines == [
        "Logged 5 pages of Deep Work (p. 30 of 30, 100%), today  [r2]",
        "🎉 Finished Deep Work: 30 pages, begun 2026-11-21.",
        "Today: reading 5 pages (no daily goal)",
        "Streak: 2 days (best 2 days) · today is done",
    ]
    book = books_json(ok)["Deep Work"]
    assert (book["status"], book["started_on"], book["finished_on"], book["progress"]) == (
        "finished",
        "2026-11-21",
        TODAY,
        1.0,
    )


def test_logging_to_a_to_read_book_starts_it(db, ok):
    assert "on the to-read shelf" in ok("book", "add", "Deep Work", "--pages", "296").out
    result = ok("log", "10", "--book", "Deep Work")
    assert result.lines == [
        "Logged 10 pages of Deep Work (p. 10 of 296, 3%), today  [r1]",
        "Started Deep Work.",
        "Today: reading 10 pages (no daily goal)",
        "Streak: 1 day (best 1 day) · today is done",
    ]
    book = books_json(ok)["Deep Work"]
    assert (book["status"], book["started_on"]) == ("reading", TODAY)
    # Now it is the one being read, so a plain `log` goes to it.
    assert "of Deep Work" in ok("log", "1").out


@pytest.mark.parametrize(
    "given, day, label",
    [
        ("today", TODAY, "today"),
        ("yesterday", "2026-11-21", "yesterday"),
        ("friday", "2026-11-20", "Fri 20 Nov"),
        ("Mon", "2026-11-16", "Mon 16 Nov"),
        ("sunday", TODAY, "today"),  # a weekday means the most recent one, today included
        ("2026-03-08", "2026-03-08", "Sun 08 Mar"),
        ("Mar 8", "2026-03-08", "Sun 08 Mar"),
        ("8 March 2026", "2026-03-08", "Sun 08 Mar"),
        ("Dec 1", "2025-12-01", "01 Dec 2025"),  # no year: the most recent Dec 1
        ("Feb 29", "2024-02-29", "29 Feb 2024"),  # the last leap day
    ],
)
def test_log_date_forms(db_path, ok, given, day, label):
    result = ok("log", "7", "--date", given)
    assert result.lines[0] == f"Logged 7 pages, {label}  [r1]"
    assert result.lines[1] == f"{label[0].upper()}{label[1:]}: reading 7 pages (no daily goal)"
    [entry] = entries_json(ok, days=1200)
    assert entry["day"] == day


def test_log_dated_before_the_start_moves_the_start_back(db_path, ok):
    ok("book", "add", "Deep Work", "--pages", "296", "--start")
    ok("log", "10", "--date", "2026-11-01")
    assert books_json(ok)["Deep Work"]["started_on"] == "2026-11-01"


@pytest.mark.parametrize(
    "given, minutes, shown",
    [("30", 30, "30m"), ("1h15m", 75, "1h15m"), ("1:05", 65, "1h05m"), ("1.5h", 90, "1h30m")],
)
def test_log_minutes(db_path, ok, given, minutes, shown):
    ok("log", "12", "--minutes", given)
    [entry] = entries_json(ok)
    assert entry["minutes"] == minutes
    assert f"12 p in {shown}" in ok("history").out


NOTE = "on the train 🚆 — 日本語の本, Ελληνικά, עברית, café 👩‍💻"


def test_log_note_keeps_emoji_and_non_latin_text(db, ok):
    ok("log", "3", "--note", NOTE)
    [entry] = entries_json(ok)
    assert entry["note"] == NOTE
    table = ok("history").out
    assert NOTE in table
    assert json.loads(ok("history", "--json").out)[0]["note"] == NOTE


# -- learn -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given, minutes, shown",
    [
        ("45", 45, "45m"),
        ("45m", 45, "45m"),
        ("90min", 90, "1h30m"),
        ("1h30m", 90, "1h30m"),
        ("1:30", 90, "1h30m"),
        ("1.5h", 90, "1h30m"),
        ("2h", 120, "2h"),
        ("1 hour", 60, "1h"),
        ("20 minutes", 20, "20m"),
    ],
)
def test_learn_duration_forms(db_path, ok, given, minutes, shown):
    result = ok("learn", given)
    assert result.lines == [
        f"Logged {shown} other, today  [s1]",
        f"Today: learning {shown} (no daily goal)",
        "Streak: 1 day (best 1 day) · today is done",
    ]
    [entry] = entries_json(ok)
    assert (entry["type"], entry["minutes"], entry["kind"]) == ("session", minutes, "other")


@pytest.mark.parametrize("kind", [k.value for k in SessionKind])
def test_learn_kinds(db_path, ok, kind):
    result = ok("learn", "45m", "--kind", kind, "--topic", "Databases")
    assert result.lines[0] == f"Logged 45m {kind} · Databases, today  [s1]"
    assert entries_json(ok)[0]["kind"] == kind


def test_learn_topic_note_and_daily_goal(db, ok):
    ok("goal", "set", "daily-minutes", "60")
    result = ok(
        "learn",
        "45m",
        "--kind",
        "course",
        "--topic",
        "SQL window functions",
        "--note",
        "ÜBUNG 3 ✅",
    )
    assert result.lines == [
        "Logged 45m course · SQL window functions, today  [s1]",
        "Today: learning 45m of 1h",
        "Streak: none yet today: any reading or 15m more of learning will start one",
    ]
    assert ok("learn", "20", "-k", "podcast").lines[1:] == [
        "Today: learning 1h05m of 1h ✓",
        "Streak: 1 day (best 1 day) · today is done",
    ]
    first = entries_json(ok)[-1]
    assert (first["topic"], first["note"], first["kind"]) == (
        "SQL window functions",
        "ÜBUNG 3 ✅",
        "course",
    )


def test_learn_on_another_day_reports_that_day_not_today(db_path, ok):
    result = ok("learn", "1h", "--date", "yesterday", "--kind", "talk")
    assert result.lines == [
        "Logged 1h talk, yesterday  [s1]",
        "Yesterday: learning 1h (no daily goal)",
    ]
    assert entries_json(ok)[0]["day"] == "2026-11-21"


# -- history ---------------------------------------------------------------------------


def _some_history(ok) -> None:
    ok("book", "add", "Deep Work", "--pages", "296", "--start")
    ok("log", "20", "--date", "friday", "--note", "café ☕")
    ok("learn", "45m", "--kind", "course", "--topic", "SQL")
    ok("log", "12", "--minutes", "30")


def test_history_table(db, ok):
    _some_history(ok)
    lines = ok("history").lines
    assert lines[0].split() == ["ID", "DAY", "AMOUNT", "BOOK", "/", "TOPIC", "NOTE"]
    rows = [line.split("  ") for line in lines[1:]]
    cells = [[c.strip() for c in row if c.strip()] for row in rows]
    assert cells == [
        ["r2", "today", "12 p in 30m", "Deep Work"],
        ["s1", "today", "45m course", "SQL"],
        ["r1", "Fri 20 Nov", "20 p", "Deep Work", "café ☕"],
    ]


def test_history_json(db, ok):
    _some_history(ok)
    found = json.loads(ok("history", "--json").out)
    assert [e["id"] for e in found] == ["r2", "s1", "r1"]
    assert {k for e in found for k in e} >= {"type", "id", "day", "note", "created_at"}
    r2, s1, r1 = found
    assert r2 | {"created_at": None, "book_id": None} == {
        "type": "reading",
        "id": "r2",
        "day": TODAY,
        "note": None,
        "created_at": None,
        "pages": 12,
        "book_id": None,
        "book": "Deep Work",
        "minutes": 30,
    }
    assert s1 | {"created_at": None} == {
        "type": "session",
        "id": "s1",
        "day": TODAY,
        "note": None,
        "created_at": None,
        "minutes": 45,
        "kind": "course",
        "topic": "SQL",
    }
    assert (r1["day"], r1["note"]) == ("2026-11-20", "café ☕")
    assert all(e["created_at"].endswith("+00:00") for e in found)


def test_history_days_window(db_path, ok):
    ok("log", "1")  # today
    ok("log", "2", "--date", "2026-11-16")  # 6 days ago: inside 7 days
    ok("log", "3", "--date", "2026-11-15")  # 7 days ago: outside
    pages = lambda days: [e["pages"] for e in entries_json(ok, days)]  # noqa: E731
    assert pages(1) == [1]
    assert pages(7) == [1, 2]
    assert pages(8) == [1, 2, 3]
    assert [line.split()[0] for line in ok("history").lines[1:]] == ["r1", "r2"]  # default 7


def test_history_when_empty(db_path, ok):
    assert ok("history", "--days", "1").lines == [
        "No entries in the last 1 day. Log some with `compound log 25` or `compound learn 45m`."
    ]
    assert ok("history", "--json").out.strip() == "[]"


# -- undo, edit, delete ----------------------------------------------------------------


def test_undo_removes_the_last_entry_and_says_what_it_was(db, ok, run):
    ok("book", "add", "Deep Work", "--pages", "296", "--start")
    ok("log", "5")
    ok("learn", "45m", "--kind", "course", "--topic", "SQL")
    assert ok("undo").lines == ["Undid s1: 45m course · SQL, today"]
    assert ok("undo").lines == ["Undid r1: 5 pages of Deep Work, today"]
    assert entries_json(ok) == []
    assert books_json(ok)["Deep Work"]["pages_read"] == 0
    refused = run("undo")
    assert (refused.code, refused.err) == (2, "compound: there is nothing to undo\n")


def test_undo_goes_by_when_entered_not_by_day(db_path, ok):
    ok("log", "5")
    ok("log", "3", "--date", "2026-11-01")  # entered last, for an earlier day
    assert ok("undo").lines == ["Undid r2: 3 pages, Sun 01 Nov"]


def test_undoing_the_finishing_log_reopens_the_book(db, ok):
    ok("book", "add", "Deep Work", "--pages", "30", "--start")
    ok("log", "25")
    ok("log", "5")
    assert books_json(ok)["Deep Work"]["status"] == "finished"
    assert ok("undo").lines == [
        "Undid r2: 5 pages of Deep Work, today",
        "Deep Work is back to being read.",
    ]
    book = books_json(ok)["Deep Work"]
    assert (book["status"], book["finished_on"], book["pages_read"]) == ("reading", None, 25)
    assert "🎉 Finished Deep Work" in ok("log", "5").out  # and it can be finished again


def test_edit_a_reading_log(db, ok):
    ok("book", "add", "Deep Work", "--pages", "296", "--start")
    ok("book", "add", "Range", "--pages", "352")
    ref = ok("log", "20", "--minutes", "30").ref()
    assert ok("edit", ref, "--pages", "18").lines == [
        f"Updated {ref}: 18 pages of Deep Work, today"
    ]
    assert ok("edit", ref, "--date", "yesterday", "--note", "→ 改").lines == [
        f"Updated {ref}: 18 pages of Deep Work, yesterday"
    ]
    ok("edit", ref, "--minutes", "")  # '' clears a reading log's minutes
    [entry] = entries_json(ok)
    assert (entry["pages"], entry["day"], entry["note"], entry["minutes"]) == (
        18,
        "2026-11-21",
        "→ 改",
        None,
    )
    # Moving it to another book moves the pages, and starts that book.
    assert ok("edit", ref, "--book", "Range").lines == [
        f"Updated {ref}: 18 pages of Range, yesterday"
    ]
    shelf = books_json(ok)
    assert shelf["Deep Work"]["pages_read"] == 0
    assert (shelf["Range"]["pages_read"], shelf["Range"]["status"]) == (18, "reading")
    ok("edit", ref, "--note", "")
    assert entries_json(ok)[0]["note"] is None


def test_edit_a_learning_session(db, ok):
    ref = ok("learn", "45m", "--kind", "course", "--topic", "SQL").ref()
    assert ok(
        "edit",
        ref,
        "--minutes",
        "1h",
        "--kind",
        "workshop",
        "--topic",
        "Postgres",
        "--date",
        "2026-11-20",
    ).lines == [f"Updated {ref}: 1h workshop · Postgres, Fri 20 Nov"]
    [entry] = entries_json(ok)
    assert (entry["minutes"], entry["kind"], entry["topic"], entry["day"]) == (
        60,
        "workshop",
        "Postgres",
        "2026-11-20",
    )


def test_edit_lowering_the_finishing_log_reopens_the_book(db_path, ok):
    ok("book", "add", "Deep Work", "--pages", "30", "--start")
    ref = ok("log", "30").ref()
    ok("edit", ref, "--pages", "29")
    book = books_json(ok)["Deep Work"]
    assert (book["status"], book["pages_read"]) == ("reading", 29)


def test_edit_raising_pages_counts_the_book_without_the_new_value(db_path, ok):
    ok("book", "add", "Short", "--pages", "10", "--start")
    ref = ok("log", "4").ref()
    result = ok("edit", ref, "--pages", "10")
    assert result.lines == [f"Updated {ref}: 10 pages of Short, today"]
    assert books_json(ok)["Short"]["status"] == "finished"


def test_delete_an_entry(db, ok, run):
    ok("book", "add", "Deep Work", "--pages", "30", "--start")
    first = ok("log", "10").ref()
    session = ok("learn", "45m", "--topic", "SQL").ref()
    finishing = ok("log", "20").ref()
    assert ok("delete", session).lines == [f"Deleted {session}: 45m other · SQL, today"]
    assert ok("delete", finishing).lines == [
        f"Deleted {finishing}: 20 pages of Deep Work, today",
        "Deep Work is back to being read.",
    ]
    assert [e["id"] for e in entries_json(ok)] == [first]
    again = run("delete", session)
    assert (again.code, again.err) == (
        2,
        f"compound: there is no entry {session}; see `compound history`\n",
    )


def test_undoing_the_log_that_started_a_book_puts_it_back(db_path, ok):
    ok("book", "add", "Deep Work", "--pages", "296", "--start")
    ok("book", "add", "Range", "--pages", "352")
    ok("log", "5", "--book", "Range")  # oops: the wrong book
    ok("undo")
    assert books_json(ok)["Range"]["status"] == "to-read"
    assert "of Deep Work" in ok("log", "5").out


def test_history_keeps_a_multi_line_note_on_one_row(db_path, ok):
    # Fixed in cli/render.py table(): a note's newline or tab used to break the row.
    ok("log", "2", "--note", "line one\nline two\tTabbed")
    ok("log", "3", "--date", "yesterday")
    lines = ok("history").lines
    assert len(lines) == 3
    assert lines[1].startswith("r1") and lines[1].endswith("line one line two Tabbed")
    assert lines[2].split() == ["r2", "yesterday", "3", "p"]
    assert entries_json(ok)[0]["note"] == "line one\nline two\tTabbed"  # stored as typed


def test_entry_ids_are_never_reused(db, ok):
    """An id seen in yesterday's output must not come to mean another entry."""
    first = ok("log", "5").lines[0]
    ok("undo")
    second = ok("log", "6").lines[0]
    assert first.endswith("[r1]") and second.endswith("[r2]")
