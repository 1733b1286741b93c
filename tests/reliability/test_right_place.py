"""Check-ins land where the person means, and names mean what they look like.

- An app left open while its database is replaced by a backup finds its profile
  again by name (the same id may now be someone else's), or says the profile is gone
  and stores nothing; a long-open Tracker does the same.
- `undo` takes back the entry made last, in the order entries were stored: not the
  one an import dated in 2099.
- A title or a profile name typed in another form of the same letters (combining
  accents, another case, full-width letters, spaces around it, a ligature) names the
  same book or profile; a new profile that only looks different is refused.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from reliability_kit import TODAY, cli, dump, process_env, rows, settle, settle_app, until

from compound.config import Settings
from compound.domain.errors import CompoundError

DAY = date.fromisoformat(TODAY)


# -- a database replaced under an open app -------------------------------------------------


def _make_database(path: Path, first: str, second: str, pages: dict[str, tuple[str, int]]) -> None:
    """A database whose profiles `first` and `second` were made in that order (so they
    get ids 2 and 3), each reading its book with `pages[name]` = (title, pages today)."""
    from compound.store.repository import Store

    store = Store.open(f"sqlite:///{path}")
    try:
        for name in (first, second):
            store.add_profile(name)
        for name, (title, today) in pages.items():
            mine = store.for_profile(name)
            book = mine.add_book(title, total_pages=900)
            mine.log_pages(day=DAY, pages=today, book=str(book.id))
    finally:
        store.close()
    settle(path)


def _profile_ids(db: Path) -> dict[str, int]:
    return {name: profile_id for profile_id, name in rows(db, "SELECT id, name FROM profile")}


def _pages_of(db: Path) -> dict[str, list[int]]:
    """Each profile's reading logs (pages), by profile name, read without compound."""
    found: dict[str, list[int]] = {}
    for name, pages in rows(
        db,
        "SELECT profile.name, reading_log.pages FROM reading_log "
        "JOIN profile ON profile.id = reading_log.profile_id ORDER BY reading_log.id",
    ):
        found.setdefault(name, []).append(pages)
    return found


def _restore(backup: Path, db: Path, home: Path) -> None:
    """`compound restore BACKUP`, in its own process, as a person would run it."""
    done = subprocess.run(
        [sys.executable, "-m", "compound", "restore", str(backup)],
        env=process_env(home, db),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture
def swapped(tmp_path) -> tuple[Path, Path]:
    """The database in use (ana made before bob) and a backup of it in which the
    profiles were made the other way round: ana's id there is bob's here."""
    live, backup = tmp_path / "compound.db", tmp_path / "backup.db"
    _make_database(live, "ana", "bob", {"ana": ("Dune", 7), "bob": ("Ulysses", 40)})
    _make_database(backup, "bob", "ana", {"ana": ("Emma", 12), "bob": ("Ulysses", 90)})
    assert _profile_ids(live)["ana"] == _profile_ids(backup)["bob"]
    return live, backup


def _app_on(db: Path, profile: str):
    from compound.store.repository import Store
    from compound.tracker.core import Tracker
    from compound.tui.app import CompoundApp

    tracker = Tracker(Store.open(f"sqlite:///{db}", profile), Settings(), lambda: DAY)
    return CompoundApp(tracker, Settings(), today=DAY)


@pytest.mark.asyncio
async def test_an_open_app_follows_its_profile_into_a_restored_backup(swapped, tmp_path, figures):
    from compound.tui.screens.logging import LogPagesDialog
    from compound.tui.widgets.meter import Meter

    live, backup = swapped
    async with _app_on(live, "ana").run_test() as pilot:
        await settle_app(pilot)

        def reading() -> str:
            return pilot.app.screen.query_one("#pages", Meter).figure

        assert reading().startswith("7 pages"), reading()
        _restore(backup, live, tmp_path)
        # The app sees the file change by itself and reads ana's figures from it.
        await until(pilot, lambda: reading().startswith("12 pages"), "ana's restored figures")
        assert pilot.app.gate.profile_name() == "ana"

        await pilot.press("p", "2", "5", "enter")
        await settle_app(pilot)
        assert not isinstance(pilot.app.screen, LogPagesDialog)
        await until(pilot, lambda: reading().startswith("37 pages"), "the new log counted")
    assert _pages_of(live) == {"ana": [12, 25], "bob": [90]}
    figures.add("check-ins after a restore stored under their own profile")


@pytest.mark.asyncio
async def test_an_open_app_whose_profile_is_gone_says_so_and_stores_nothing(tmp_path):
    from textual.widgets import Static

    from compound.tui.screens.logging import LogPagesDialog

    live, backup = tmp_path / "compound.db", tmp_path / "backup.db"
    _make_database(live, "ana", "bob", {"ana": ("Dune", 7), "bob": ("Ulysses", 40)})
    # No ana in the backup: her id there is bob's.
    _make_database(backup, "bob", "cleo", {"bob": ("Ulysses", 90), "cleo": ("Emma", 3)})
    async with _app_on(live, "ana").run_test() as pilot:
        await settle_app(pilot)
        _restore(backup, live, tmp_path)

        def told() -> list[str]:
            return [str(n.message) for n in pilot.app._notifications if n.severity == "error"]

        await until(pilot, lambda: any("no longer in" in said for said in told()), "a warning")
        assert any("'ana'" in said for said in told()), told()
        before = dump(live)
        await pilot.press("p", "2", "5", "enter")
        await settle_app(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, LogPagesDialog)  # refused: the dialog stays open
        said = str(dialog.query_one(".dialog-error", Static).render())
        assert "'ana' is no longer in" in said, said
        assert dump(live) == before
    assert _pages_of(live) == {"bob": [90], "cleo": [3]}


def test_a_long_open_tracker_finds_its_profile_again_or_refuses(swapped, tmp_path, figures):
    from compound.store.repository import Store
    from compound.tracker.core import Tracker

    live, backup = swapped
    tracker = Tracker(Store.open(f"sqlite:///{live}", "ana"), Settings(), lambda: DAY)
    try:
        assert tracker.views.today().figures.pages == 7
        _restore(backup, live, tmp_path)
        assert tracker.views.today().figures.pages == 12
        assert tracker.entries.log_pages("3").day.pages == 15
        assert _pages_of(live) == {"ana": [12, 3], "bob": [90]}
        figures.add("check-ins after a restore stored under their own profile")
        # ana removed (from another process): nothing more is stored for her anywhere.
        assert cli("--db", str(live), "profile", "remove", "ana", "--yes").code == 0
        before = dump(live)
        with pytest.raises(CompoundError, match="'ana' is no longer in"):
            tracker.entries.log_pages("4")
        with pytest.raises(CompoundError, match="'ana' is no longer in"):
            tracker.views.today()
        assert dump(live) == before
    finally:
        tracker.close()


# -- undo takes back the entry made last -------------------------------------------------------


def _export_with_entries_in_2099(path: Path) -> Path:
    """A compound export holding a book being read, a reading log of it and a session,
    the entries stamped 2099."""
    document = {
        "format": "compound",
        "version": 1,
        "exported_at": "2099-01-01T00:00:00+00:00",
        "profile": "default",
        "books": [
            {
                "id": 1,
                "title": "Dune",
                "total_pages": 600,
                "status": "reading",
                "started_on": "2026-11-20",
            }
        ],
        "reading_logs": [
            {
                "id": 1,
                "day": "2026-11-20",
                "pages": 33,
                "book_id": 1,
                "created_at": "2099-01-01T00:00:00+00:00",
            }
        ],
        "learning_sessions": [
            {
                "id": 1,
                "day": "2026-11-21",
                "minutes": 50,
                "kind": "course",
                "topic": "Rust",
                "created_at": "2099-01-01T00:00:00+00:00",
            }
        ],
        "goals": [],
        "skip_days": [],
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_undo_takes_back_the_log_just_made_not_an_import_dated_2099(tmp_path, monkeypatch, figures):
    db, home = tmp_path / "compound.db", tmp_path / "home"
    monkeypatch.setenv("COMPOUND_DB", str(db))
    assert (
        cli("import", "compound", str(_export_with_entries_in_2099(tmp_path / "e.json"))).code == 0
    )

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "compound", *argv],
            env=process_env(home, db),
            capture_output=True,
            text=True,
            timeout=60,
        )

    logged = run("log", "10")
    assert logged.returncode == 0, logged.stderr
    (ref,) = re.findall(r"\[(r\d+)\]", logged.stdout)
    undone = run("undo")
    assert undone.returncode == 0, undone.stderr
    # It says exactly what it removed: the id, the amount, the book and the day.
    assert undone.stdout.splitlines()[0] == f"Undid {ref}: 10 pages of Dune, today"
    assert sorted(p for (p,) in rows(db, "SELECT pages FROM reading_log")) == [33]
    assert rows(db, "SELECT minutes FROM learning_session") == [(50,)]
    figures.add("undos that took back the entry made last")


def test_undo_goes_by_the_order_entries_were_made_across_kinds(tmp_path, monkeypatch, figures):
    monkeypatch.setenv("COMPOUND_DB", str(tmp_path / "compound.db"))
    export = _export_with_entries_in_2099(tmp_path / "export.json")
    assert cli("import", "compound", str(export)).code == 0
    assert cli("log", "10").code == 0
    assert cli("learn", "20m", "--topic", "SQL").code == 0
    assert cli("log", "5", "--date", "yesterday").code == 0
    said = [cli("undo").out.splitlines()[0] for _ in range(3)]
    assert [re.sub(r"^Undid [rs]\d+: ", "", line) for line in said] == [
        "5 pages of Dune, yesterday",
        "20m other · SQL, today",
        "10 pages of Dune, today",
    ]
    figures.add("undos that took back the entry made last", len(said))


# -- names that look the same are the same ---------------------------------------------------

CAFE_TITLE = "Café Fiction"  # composed é, as typed on most keyboards
TITLE_FORMS = {
    "combining accent": "Cafe\u0301 Fiction",
    "another case": "CAFÉ FICTION",
    "full-width letters": "Ｃａｆé Ｆｉｃｔｉｏｎ",
    "spaces around it": "  Café   Fiction  ",
    "a ligature": "Café \ufb01ction",
}
PROFILE = "Zoé_fiona"
PROFILE_FORMS = {
    "combining accent": "Zoe\u0301_fiona",
    "another case": "ZOÉ_FIONA",
    "full-width letters": "Ｚｏé_ｆｉｏｎａ",
    "spaces around it": "  Zoé_fiona ",
    "a ligature": "Zoé_\ufb01ona",
}


@pytest.mark.parametrize("form", TITLE_FORMS.values(), ids=TITLE_FORMS.keys())
def test_a_title_in_a_look_alike_form_names_the_book(form, tmp_path, monkeypatch, figures):
    from compound.store.repository import Store
    from compound.tracker.core import Tracker

    db = tmp_path / "compound.db"
    monkeypatch.setenv("COMPOUND_DB", str(db))
    assert cli("book", "add", CAFE_TITLE, "--pages", "300").code == 0
    assert cli("book", "add", "Other Fiction", "--pages", "300").code == 0
    logged = cli("log", "4", "--book", form)
    assert logged.code == 0, logged.err
    assert rows(db, "SELECT title, pages FROM reading_log JOIN book ON book.id = book_id") == [
        (CAFE_TITLE, 4)
    ]
    # The same through the Tracker the app holds: the store's title lookup.
    tracker = Tracker(Store.open(f"sqlite:///{db}"), Settings(), lambda: DAY)
    try:
        assert tracker.books.book(form).title == CAFE_TITLE
    finally:
        tracker.close()
    figures.add("look-alike names matched")


@pytest.mark.parametrize("form", PROFILE_FORMS.values(), ids=PROFILE_FORMS.keys())
def test_a_profile_name_in_a_look_alike_form_names_the_profile(
    form, tmp_path, monkeypatch, figures
):
    db = tmp_path / "compound.db"
    monkeypatch.setenv("COMPOUND_DB", str(db))
    assert cli("profile", "add", PROFILE).code == 0
    logged = cli("--profile", form, "log", "3")
    assert logged.code == 0, logged.err
    assert _pages_of(db) == {PROFILE: [3]}
    # A new profile that only looks different is refused, in one line.
    added = cli("profile", "add", form)
    assert added.refused_in_one_line(), added
    assert f"already a profile named {PROFILE!r}" in added.err
    assert sorted(name for (name,) in rows(db, "SELECT name FROM profile")) == [PROFILE, "default"]
    figures.add("look-alike names matched")


def test_a_title_typed_with_a_combining_accent_is_stored_composed(tmp_path, monkeypatch):
    db = tmp_path / "compound.db"
    monkeypatch.setenv("COMPOUND_DB", str(db))
    assert cli("book", "add", "Caf\u00e9").code == 0
    assert cli("book", "add", "Cafe\u0301", "--start").code == 0
    # The same title, stored the same: the second is a copy (a reread), named like it.
    assert rows(db, "SELECT title FROM book") == [("Caf\u00e9",), ("Caf\u00e9",)]
    logged = cli("log", "5", "--book", "Cafe\u0301")  # the copy being read
    assert logged.code == 0, logged.err
    assert rows(db, "SELECT book_id FROM reading_log") == [(2,)]


def test_names_that_already_look_alike_in_a_database_are_refused_by_name(tmp_path, monkeypatch):
    db = tmp_path / "compound.db"
    monkeypatch.setenv("COMPOUND_DB", str(db))
    assert cli("book", "add", "Dune").code == 0
    settle(db)
    # Made before names were compared by how they look: two anas, two Dunes.
    con = sqlite3.connect(db)
    with con:
        con.execute("INSERT INTO profile (name, created_at) VALUES ('ana', '2026-01-01')")
        con.execute("INSERT INTO profile (name, created_at) VALUES ('Ana', '2026-01-02')")
        con.execute(
            "INSERT INTO book (profile_id, title, status, source, created_at) "
            "VALUES (1, 'DUNE', 'to-read', 'manual', '2026-01-02')"
        )
    con.close()

    either = cli("--profile", "ANA", "log", "1")
    assert either.refused_in_one_line(), either
    assert "'ANA' matches 2 profiles: 'Ana', 'ana'" in either.err
    assert cli("--profile", "ana", "log", "2").code == 0  # named exactly: that one
    assert _pages_of(db) == {"ana": [2]}
    assert cli("profile", "add", "ａｎａ").refused_in_one_line()

    started = cli("book", "start", "dune")
    assert started.refused_in_one_line(), started
    assert "'dune' matches 2 books: Dune (#1), DUNE (#2)" in started.err
    assert cli("book", "start", "#2").code == 0
