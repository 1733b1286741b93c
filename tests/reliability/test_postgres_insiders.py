"""A member of a shared PostgreSQL database, typing their own SQL, can only be themselves.

On a throwaway database set up as README.md says (the owner, a member group with two
members, a reporting role, the policies compound ships), a member connects with
psycopg, as any member could with psql, and tries what the command line never would:
switching to the group role to make a profile, drawing or setting ids, taking ids still
to come, locking a table everyone writes to, linking a log to another member's book to
learn whether it exists, storing terminal controls in text. Each is refused by the
server; compound's own commands go on working for everyone, and a lock held for ever
costs another member's `compound log` one line after a few seconds, not a hang.
"""

from __future__ import annotations

import subprocess
import time
from datetime import date

import psycopg
import pytest
from psycopg import sql
from reliability_kit import compound_script, process_env
from sqlalchemy import text
from sqlalchemy.engine import make_url
from test_shared_postgres import POLICIES, Team, as_role

from compound.domain import errors
from compound.store.repository import Store

pytestmark = pytest.mark.postgres

TABLES = ("profile", "book", "reading_log", "learning_session", "goal", "skip")
REFUSED = "shared PostgreSQL insider attempts refused"
# The key that serialises compound's migrations (db/migrate.py).
MIGRATION_LOCK = 0x636F6D70
DAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def club(postgres_server):
    """The team, with each member's profile and a few records of each (made through the
    store, as the members' own compound would: nothing here touches the test's home)."""
    team = Team(postgres_server)
    team.create()
    try:
        owner = Store.open(team.url(team.owner))
        for member in (team.ana, team.bob):
            owner.add_profile(member)
        owner.close()
        with connect(team, team.owner) as sql_as_owner:
            sql_as_owner.execute(POLICIES.read_text(encoding="utf-8"))
            sql_as_owner.execute("SELECT compound_share(%s, %s)", (team.members, team.report))
        for member in (team.ana, team.bob):
            store = Store.open(team.url(member), member)
            book = store.add_book(f"{member}'s book", total_pages=300)
            store.log_pages(day=DAY, pages=12, book=str(book.id), note="first day")
            store.close()
        yield team
    finally:
        team.drop()


def connect(team: Team, role: str) -> psycopg.Connection:
    """A connection as `role`, each statement its own transaction."""
    url = make_url(team.url(role)).set(drivername="postgresql")
    return psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)


def refused(connection: psycopg.Connection, statement, params=(), figures=None) -> psycopg.Error:
    """The server's refusal of `statement`; the test fails if it was carried out."""
    with pytest.raises(psycopg.Error) as caught:
        connection.execute(statement, params)
    if figures is not None:
        figures.add(REFUSED)
    return caught.value


def profile_id(team: Team, name: str) -> int:
    with connect(team, team.owner) as owner:
        row = owner.execute("SELECT id FROM profile WHERE name = %s", (name,)).fetchone()
    assert row is not None
    return row[0]


def team_report(team: Team, monkeypatch) -> dict:
    """The team report as the reporting role makes it (JSON)."""
    import json

    report = as_role(monkeypatch, team, team.report, "team", "export", "-f", "json")
    assert report.code == 0, report
    return json.loads(report.out)


# -- a member is the role they logged in as ------------------------------------------------


def test_a_member_switched_to_the_group_role_is_still_only_themselves(club, monkeypatch, figures):
    before, reported = club.rows(), team_report(club, monkeypatch)
    assert {m["member"] for m in reported["members"]} == {club.ana, club.bob}
    with connect(club, club.ana) as ana:
        # Every member may switch to the group role: membership in PostgreSQL allows it.
        ana.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(club.members)))
        assert ana.execute("SELECT current_user").fetchone() == (club.members,)
        # As the group, a profile named after the group, another member or the report
        # is still not theirs to add.
        for forged in (club.members, club.bob, club.report, "mallory"):
            error = refused(
                ana,
                "INSERT INTO profile (name, created_at) VALUES (%s, now())",
                (forged,),
                figures,
            )
            assert isinstance(error, psycopg.errors.InsufficientPrivilege), error
        # Nor may they write another member's records as the group.
        error = refused(
            ana,
            "INSERT INTO book (profile_id, title, status, source, created_at) "
            "VALUES (%s, 'forged', 'finished', 'manual', now())",
            (profile_id(club, club.bob),),
            figures,
        )
        assert isinstance(error, psycopg.errors.InsufficientPrivilege), error
        # What the group role sees is what its member sees: their own rows only.
        seen = ana.execute("SELECT DISTINCT profile_id FROM reading_log").fetchall()
        assert seen == [(profile_id(club, club.ana),)]
    assert club.rows() == before
    # The team is who it was: no member more, no book more.
    assert team_report(club, monkeypatch) == reported


# -- ids come from the database alone -------------------------------------------------------


def test_members_cannot_draw_set_or_choose_ids_and_still_check_in(club, monkeypatch, figures):
    with connect(club, club.owner) as owner:
        sequences = [
            owner.execute("SELECT pg_get_serial_sequence(%s, 'id')", (table,)).fetchone()[0]
            for table in TABLES
        ]
        last_log = owner.execute("SELECT max(id) FROM reading_log").fetchone()[0]
        # A member may still draw ids by storing rows of their own (a million in seconds,
        # removed again): 64-bit ids outlast anyone keeping that up.
        lowest_max = owner.execute(
            "SELECT min(seqmax) FROM pg_sequence WHERE seqrelid = ANY(%s::regclass[])",
            (sequences,),
        ).fetchone()[0]
    assert all(sequences) and lowest_max == 2**63 - 1
    before = club.rows()
    mine = profile_id(club, club.ana)
    with connect(club, club.ana) as ana:
        for sequence in sequences:
            for call in ("SELECT nextval(%s)", "SELECT setval(%s, 2147483000)"):
                error = refused(ana, call, (sequence,), figures)
                assert isinstance(error, psycopg.errors.InsufficientPrivilege), (call, error)
            # A sequence's position is not theirs to read either.
            error = refused(
                ana,
                sql.SQL("SELECT last_value FROM {}").format(sql.Identifier(*sequence.split("."))),
                figures=figures,
            )
            assert isinstance(error, psycopg.errors.InsufficientPrivilege), error
        # Ids still to come are not theirs to take: a row stored under one would make
        # someone's next check-in collide with it. Neither by insert nor by update.
        error = refused(
            ana,
            "INSERT INTO reading_log (id, profile_id, day, pages, started_book, created_at) "
            "VALUES (%s, %s, %s, 1, false, now())",
            (last_log + 5, mine, DAY),
            figures,
        )
        assert isinstance(error, psycopg.errors.InsufficientPrivilege), error
        error = refused(ana, "UPDATE reading_log SET id = id + 1000", figures=figures)
        assert isinstance(error, psycopg.errors.InsufficientPrivilege), error
    assert club.rows() == before

    # Their compound checks in as before, its ids coming from the column defaults.
    monkeypatch.setenv("COMPOUND_PROFILE", club.ana)
    result = as_role(monkeypatch, club, club.ana, "log", "3", "--note", "after the refusals")
    assert result.code == 0, result
    assert as_role(monkeypatch, club, club.ana, "learn", "20m").code == 0
    # A deleted entry put back (the app's undo) gets a new id, as members choose none.
    store = Store.open(club.url(club.ana), club.ana)
    try:
        logged = store.log_pages(day=DAY, pages=2, note="put back")
        removed = store.delete_entry(f"r{logged.log.id}")
        back = store.restore_entry(removed.entry)
    finally:
        store.close()
    assert (back.pages, back.note) == (2, "put back") and back.id > logged.log.id


# -- a lock held for ever costs one line, not a hang -----------------------------------------


def compound_log(
    club: Team, member: str, tmp_path, **settings: str
) -> tuple[subprocess.CompletedProcess, float]:
    """`compound log 3` as `member` in a process of its own, and how long it took."""
    env = process_env(tmp_path / "home")
    env.update(COMPOUND_DATABASE_URL=club.url(member), COMPOUND_PROFILE=member)
    env.update({f"COMPOUND_{key.upper()}": value for key, value in settings.items()})
    began = time.monotonic()
    done = subprocess.run(
        [compound_script(), "log", "3"], env=env, capture_output=True, text=True, timeout=30
    )
    return done, time.monotonic() - began


def test_a_member_holding_a_table_lock_stalls_no_one_for_long(club, tmp_path, figures):
    before = club.rows()
    with connect(club, club.bob) as bob:
        # Bob's DELETE grant lets him take the strongest lock there is, and keep it.
        with bob.transaction():
            bob.execute("LOCK TABLE reading_log IN ACCESS EXCLUSIVE MODE")
            done, took = compound_log(club, club.ana, tmp_path, lock_timeout="1")
        figures.add(REFUSED)
    assert (done.returncode, done.stdout) == (2, ""), done
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert lines[0].startswith("compound: ") and "the database is busy" in lines[0], lines
    assert "nothing was saved" in lines[0] and "lock_timeout" in lines[0]
    assert took < 20, took
    assert club.rows() == before

    # Lock released: the same check-in goes through.
    done, _took = compound_log(club, club.ana, tmp_path)
    assert done.returncode == 0, done.stderr


def test_a_member_holding_the_migration_lock_keeps_no_one_from_opening(club, tmp_path, figures):
    with connect(club, club.bob) as bob:
        bob.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
        try:
            done, took = compound_log(club, club.ana, tmp_path)
        finally:
            bob.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
    figures.add(REFUSED)
    assert done.returncode == 0, done.stderr
    assert took < 20, took


def test_every_connection_waits_and_runs_only_so_long(club):
    # The defaults, as `compound config show` lists them.
    store = Store.open(club.url(club.ana), club.ana)
    try:
        with store.engine.connect() as connection:
            assert connection.execute(text("SHOW lock_timeout")).scalar() == "5s"
            assert connection.execute(text("SHOW statement_timeout")).scalar() == "30s"
    finally:
        store.close()
    # A statement past its time is refused in the same one-line way.
    store = Store.open(club.url(club.ana), club.ana, statement_timeout=1)
    try:
        with pytest.raises(errors.DatabaseBusy, match=r"did not answer within 1 s") as caught:
            with store.engine.connect() as connection:
                connection.execute(text("SELECT pg_sleep(5)"))
    finally:
        store.close()
    assert "\n" not in str(caught.value) and "statement_timeout" in str(caught.value)


# -- another member's ids tell a member nothing ------------------------------------------------


def test_another_members_book_is_as_unknown_to_a_member_as_a_missing_one(
    club, monkeypatch, figures
):
    with connect(club, club.owner) as owner:
        bobs_book = owner.execute(
            "SELECT b.id FROM book b JOIN profile p ON p.id = b.profile_id WHERE p.name = %s",
            (club.bob,),
        ).fetchone()[0]
        missing = owner.execute("SELECT max(id) + 1000 FROM book").fetchone()[0]
        own_log = owner.execute(
            "SELECT r.id FROM reading_log r JOIN profile p ON p.id = r.profile_id "
            "WHERE p.name = %s ORDER BY r.id LIMIT 1",
            (club.ana,),
        ).fetchone()[0]
    before = club.rows()
    mine = profile_id(club, club.ana)

    def answers(book_id: int) -> list[tuple[str, str]]:
        """What the server says to Ana's SQL naming `book_id`, the id itself blotted out."""
        said = []
        with connect(club, club.ana) as ana:
            for statement, params in (
                (
                    "INSERT INTO reading_log (profile_id, day, pages, book_id, started_book, "
                    "created_at) VALUES (%s, %s, 1, %s, false, now())",
                    (mine, DAY, book_id),
                ),
                ("UPDATE reading_log SET book_id = %s WHERE id = %s", (book_id, own_log)),
                (
                    "INSERT INTO book (id, profile_id, title, status, source, created_at) "
                    "VALUES (%s, %s, 'probe', 'to-read', 'manual', now())",
                    (book_id, mine),
                ),
            ):
                error = refused(ana, statement, params, figures)
                said.append((error.sqlstate or "", str(error).replace(str(book_id), "N")))
        return said

    assert answers(bobs_book) == answers(missing)
    # Through the command line too: the same refusal, but for the id named.
    monkeypatch.setenv("COMPOUND_PROFILE", club.ana)
    told = []
    for book_id in (bobs_book, missing):
        result = as_role(monkeypatch, club, club.ana, "log", "1", "--book", str(book_id))
        assert result.refused_in_one_line(), result
        told.append(result.err.replace(str(book_id), "N"))
        figures.add(REFUSED)
    assert told[0] == told[1]
    assert club.rows() == before


def test_what_a_member_learns_of_the_others_records_from_the_catalogue(club):
    count_stats = "SELECT count(*) FROM pg_stats WHERE tablename = ANY(%s)"
    with connect(club, club.owner) as owner:
        for table in TABLES:
            owner.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(table)))
        assert owner.execute(count_stats, (list(TABLES),)).fetchone()[0] > 0
    with connect(club, club.ana) as ana:
        # Column statistics (most common values: titles, notes) are hidden from a role
        # that row-level security binds.
        assert ana.execute(count_stats, (list(TABLES),)).fetchone() == (0,)
        # Sequence positions read as unknown.
        positions = ana.execute(
            "SELECT count(last_value) FROM pg_sequences WHERE sequencename LIKE %s",
            ("%_id_seq",),
        ).fetchone()
        assert positions == (0,)


# -- no terminal controls in stored text -------------------------------------------------------

HOSTILE = ("\x1b]0;x\x07", "a\u202eb", "\x9b31m", "tab\there")


def test_the_server_refuses_controls_in_every_free_text_column(club, monkeypatch, figures):
    mine = profile_id(club, club.ana)
    with connect(club, club.owner) as owner:
        own_book = owner.execute(
            "SELECT id FROM book WHERE profile_id = %s ORDER BY id LIMIT 1", (mine,)
        ).fetchone()[0]
    before = club.rows()
    inserts = {
        "title": (
            "INSERT INTO book (profile_id, title, status, source, created_at) "
            "VALUES (%s, %s, 'to-read', 'manual', now())"
        ),
        "author": (
            "INSERT INTO book (profile_id, title, author, status, source, created_at) "
            "VALUES (%s, 'ok', %s, 'to-read', 'manual', now())"
        ),
        "isbn": (
            "INSERT INTO book (profile_id, title, isbn, status, source, created_at) "
            "VALUES (%s, 'ok', %s, 'to-read', 'manual', now())"
        ),
        "source": (
            "INSERT INTO book (profile_id, title, status, source, created_at) "
            "VALUES (%s, 'ok', 'to-read', %s, now())"
        ),
        "import_key": (
            "INSERT INTO reading_log (profile_id, day, pages, import_key, started_book, "
            "created_at) VALUES (%s, '2026-11-01', 1, %s, false, now())"
        ),
        "topic": (
            "INSERT INTO learning_session (profile_id, day, minutes, kind, topic, created_at) "
            "VALUES (%s, '2026-11-01', 5, 'other', %s, now())"
        ),
        "schedule": (
            "INSERT INTO goal (profile_id, kind, target, schedule, since) "
            "VALUES (%s, 'daily-pages', 5, %s, '2026-11-01')"
        ),
        "reason": "INSERT INTO skip (profile_id, day, reason) VALUES (%s, '2026-11-01', %s)",
    }
    notes = {
        "reading_log note": (
            "INSERT INTO reading_log (profile_id, day, pages, note, started_book, created_at) "
            "VALUES (%s, '2026-11-01', 1, %s, false, now())"
        ),
        "learning_session note": (
            "INSERT INTO learning_session (profile_id, day, minutes, kind, note, created_at) "
            "VALUES (%s, '2026-11-01', 5, 'other', %s, now())"
        ),
    }
    with connect(club, club.ana) as ana:
        for column, statement in inserts.items():
            for hostile in HOSTILE:
                error = refused(ana, statement, (mine, hostile), figures)
                assert isinstance(error, psycopg.errors.CheckViolation), (column, hostile, error)
        for column, statement in notes.items():
            for hostile in HOSTILE[:3]:  # a note may keep its tabs
                error = refused(ana, statement, (mine, hostile), figures)
                assert isinstance(error, psycopg.errors.CheckViolation), (column, hostile, error)
        # Changing a row's text is held to the same rule.
        for statement in (
            "UPDATE book SET title = %s WHERE id = %s",
            "UPDATE book SET author = %s WHERE id = %s",
        ):
            error = refused(ana, statement, (HOSTILE[0], own_book), figures)
            assert isinstance(error, psycopg.errors.CheckViolation), error
    # Profile names too, whoever writes them (the owner adds profiles).
    with connect(club, club.owner) as owner:
        error = refused(
            owner, "INSERT INTO profile (name, created_at) VALUES (%s, now())", ("x\x1b[2J",)
        )
        assert isinstance(error, psycopg.errors.CheckViolation), error
    assert club.rows() == before

    # compound's own writes of ordinary text, a note's line breaks and tabs included.
    monkeypatch.setenv("COMPOUND_PROFILE", club.ana)
    for argv in (
        [
            "book",
            "add",
            "Café ノルウェイの森 — שלום",
            "--author",
            "Ünal O'Brien",
            "--isbn",
            "978-0-306-40615-7",
        ],
        ["log", "4", "--note", "line one\nline two\twith a tab"],
        ["learn", "15m", "--topic", "SQL: window functions (part 2)"],
        ["skip", "2026-11-30", "--reason", "travel, 3 days"],
    ):
        result = as_role(monkeypatch, club, club.ana, *argv)
        assert result.code == 0, (argv, result)
    stored = club.rows()
    assert any("line one\nline two\twith a tab" in map(str, row) for row in stored["reading_log"])
    assert any("ノルウェイ" in str(row) for row in stored["book"])
