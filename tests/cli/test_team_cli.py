"""`compound team export|merge`, on a SQLite file and on the real PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from datetime import date

import pytest

from compound.domain.records import GoalKind
from compound.store.repository import Store

MEMBERS = ("ana", "bob", "chen")


@pytest.fixture
def team(db):
    """Three members on their own profiles, a week of check-ins up to today (Sun 22 Nov).

    Made through the store (the check-in commands have their own tests): quicker.
    """
    Store.open(db).close()
    first = Store.open(db)
    for name in MEMBERS:
        first.add_profile(name)
    first.close()
    ana, bob, chen = (Store.open(db, name) for name in MEMBERS)
    # ana: 25 a day for a week, goal 20; bob: sessions only, and a skip day; chen: 4 days.
    ana.set_goal(GoalKind.DAILY_PAGES, 20, since=date(2026, 11, 1))
    for offset in range(7):
        ana.log_pages(day=date(2026, 11, 22 - offset), pages=25)
    ana.add_book("Das Kapital 📕", total_pages=100)
    ana.log_pages(day=date(2026, 11, 20), pages=100, book="kapital", note="private thoughts")
    # bob's learning goal asks for weekdays only: 21 and 22 Nov are a weekend.
    bob.set_goal(
        GoalKind.DAILY_MINUTES,
        30,
        since=date(2026, 11, 1),
        schedule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    )
    for day in (20, 21):
        bob.log_session(day=date(2026, 11, day), minutes=90)
    bob.add_skips(date(2026, 11, 19), date(2026, 11, 19))
    for day in (17, 18, 19, 21):
        chen.log_pages(day=date(2026, 11, day), pages=40)
    for store in (ana, bob, chen):
        store.close()
    return db


def test_export_has_a_row_per_member_and_the_team_streak(team, ok):
    doc = json.loads(ok("team", "export", "--format", "json").out)
    rows = {m["member"]: m for m in doc["members"]}
    assert list(rows) == list(MEMBERS)  # the empty default profile is nobody
    assert rows["ana"] | {"last_check_in": None} == {
        "member": "ana",
        "current_streak": 7,
        "longest_streak": 7,
        "at_risk": False,
        "pages_7d": 275,
        "pages_30d": 275,
        "pace": 39.3,  # 275 pages over the 7 days since the first entry
        "pages_this_year": 275,
        "books_finished_this_year": 1,
        "learning_hours_this_year": 0.0,
        "last_check_in": None,
    }
    # Friday met, Saturday's session on a day not due counts for nothing, Sunday is
    # not due either: nothing at risk.
    assert (
        rows["bob"]["current_streak"],
        rows["bob"]["at_risk"],
        rows["bob"]["learning_hours_this_year"],
    ) == (1, False, 3.0)
    assert (rows["chen"]["last_check_in"], rows["chen"]["current_streak"]) == ("2026-11-21", 1)
    # K = 2 of 3: 17-18 ana+chen, 19 ana+chen (bob skips), 20 ana+bob, 21 ana+chen
    # (bob's session on a day not due counts as neither); today ana only, bob is not
    # due: two present, both needed, so the team streak is at risk.
    assert doc["team_streak"] == {"at_least": 2, "current": 5, "longest": 5, "at_risk": True}
    assert (
        json.loads(ok("team", "export", "-f", "json", "--at-least", "1").out)["team_streak"][
            "current"
        ]
        == 7
    )
    assert doc["totals"]["pages_7d"] == 275 + 160


def test_member_streaks_and_paces_are_the_ones_compound_stats_shows(team, ok):
    doc = json.loads(ok("team", "export", "--format", "json").out)
    for row in doc["members"]:
        stats = json.loads(ok("--profile", row["member"], "stats", "--json").out)
        assert (row["current_streak"], row["longest_streak"], row["at_risk"]) == (
            stats["current_streak"],
            stats["longest_streak"],
            stats["streak_at_risk"],
        )
        assert row["pace"] == round(stats["pace_pages_per_day"], 1)


def test_titles_stay_out_unless_asked_and_notes_always(team, ok):
    for form in ("csv", "json", "md", "html"):
        plain = ok("team", "export", "--format", form).out
        assert "Kapital" not in plain and "private" not in plain
        books = ok("team", "export", "--format", form, "--include-books").out
        assert "Das Kapital 📕" in books and "private" not in books


def test_files_are_private_and_csv_is_a_table(team, ok, tmp_path):
    target = tmp_path / "team.csv"
    old = os.umask(0o022)  # the usual umask, which would leave a new file world-readable
    try:
        wrote = ok("team", "export", "-f", "csv", "-o", str(target)).out
    finally:
        os.umask(old)
    assert "Wrote the team report (3 members, csv)" in wrote
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    assert [row[1] for row in rows[1:-1]] == list(MEMBERS) and rows[-1][0] == "team"


def test_members_files_merge_into_the_same_report(team, ok, tmp_path):
    files = []
    for name in MEMBERS:
        path = tmp_path / f"{name}.json"
        ok(
            "--profile",
            name,
            "team",
            "export",
            "--me",
            "--format",
            "json",
            "-o",
            str(path),
            "--include-books",
        )
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        files.append(str(path))
    mine = json.loads((tmp_path / "ana.json").read_text(encoding="utf-8"))
    assert mine["member"] == "ana" and "private" not in json.dumps(mine)
    for form in ("json", "md", "csv", "html"):
        for books in ([], ["--include-books"]):
            merged = ok("team", "merge", *files, "--format", form, *books).out
            assert merged == ok("team", "export", "--format", form, *books).out, form


def member_file(path, name="chen", exported_at="2026-11-22T08:00:00+00:00", days=None):
    """A member's file as `team export --me` writes it (round trips are tested above)."""
    days = (
        [["2026-11-17", 40, 0, 0], ["2026-11-18", 40, 0, 0], ["2026-11-19", 40, 0, 0]]
        if days is None
        else days
    )
    path.write_text(
        json.dumps(
            {
                "format": "compound-team-member",
                "version": 1,
                "member": name,
                "exported_at": exported_at,
                "today": "2026-11-22",
                "days": days,
                "goals": [],
                "skips": [],
                "books_finished": [],
            }
        ),
        encoding="utf-8",
    )
    return path


def test_latest_keeps_the_newest_file_of_a_member(ok, run, tmp_path):
    new = member_file(tmp_path / "new.json")
    old = member_file(
        tmp_path / "old.json",
        exported_at="2026-11-01T08:00:00+00:00",
        days=[["2026-11-01", 40, 0, 0]],
    )
    refused = run("team", "merge", str(new), str(old))
    assert refused.code == 2 and refused.out == ""
    assert refused.err == (
        f"compound: {new} and {old} are both chen's; pass one, or --latest to keep the newer\n"
    )
    for order in ((new, old), (old, new)):
        doc = json.loads(ok("team", "merge", *map(str, order), "--latest", "-f", "json").out)
        assert [m["pages_7d"] for m in doc["members"]] == [120]
    other = member_file(tmp_path / "ana.json", name="ana")
    doc = json.loads(ok("team", "merge", str(new), str(other), "-f", "json").out)
    assert [m["member"] for m in doc["members"]] == ["ana", "chen"]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["team", "export", "--me"], "--me writes a member's file for `compound team merge`"),
        (
            ["team", "export", "--at-least", "0"],
            "the team streak needs at least 1 member a day, not 0",
        ),
        (["team", "export", "-f", "pdf"], "invalid choice: 'pdf'"),
        (["team", "merge"], "the following arguments are required: FILE"),
        (["team", "merge", "nowhere.json"], "there is no file nowhere.json"),
    ],
)
def test_refusals_are_one_line(db_path, run, argv, message):
    result = run(*argv)
    assert (result.code, result.out) == (2, "")
    assert message in result.err and result.err.count("\n") == 1
    assert not db_path.exists()  # refused before the database was even opened


def test_a_k_larger_than_the_team_is_refused_and_changes_nothing(team, run, snapshot_rows):
    before = snapshot_rows(team)
    result = run("team", "export", "--at-least", "4")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "compound: the team streak cannot ask for 4 members a day: it must be "
        "from 1 to the team's size (3)\n"
    )
    assert snapshot_rows(team) == before


def test_broken_member_files_are_refused_in_one_line(run, tmp_path):
    good = member_file(tmp_path / "ana.json", name="ana")
    for content, message in (
        (b'{"format": "compound-team-member", "version": 9}', "newer compound (format version 9"),
        (good.read_bytes()[:40], "not JSON"),
        (b'{"format": "compound"}', "not a compound team member file"),
    ):
        bad = tmp_path / "bad.json"
        bad.write_bytes(content)
        result = run("team", "merge", str(good), str(bad), "-o", str(tmp_path / "out.md"))
        assert (result.code, result.out) == (2, "")
        assert result.err.startswith("compound: bad.json: ") and message in result.err
        assert result.err.count("\n") == 1
        assert not (tmp_path / "out.md").exists()


def test_the_report_is_not_written_over_the_database(db_path, ok, run):
    ok("profile", "add", "ana")
    result = run("team", "export", "-o", str(db_path))
    assert result.code == 2 and "is the database itself" in result.err


def test_team_commands_have_help(run):
    for argv in (["team", "--help"], ["team", "export", "--help"], ["team", "merge", "--help"]):
        result = run(*argv)
        assert result.code == 0 and "usage: compound team" in result.out
