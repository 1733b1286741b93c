"""A shared PostgreSQL database with row-level security, set up as README.md says.

A throwaway database and roles with names unique to the run: an owner who creates
the schema and the profiles, two members (each a login role in a member group, each
with the profile named after them) and a reporting role. The policies come from the
file compound ships (compound/db/postgres_rls.sql). Then, through the real command
line with COMPOUND_DATABASE_URL and --profile: a member writes to their own profile,
is refused in one line for another's (nothing changes), and cannot read another's
notes; the reporting role reads every profile and writes none.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from reliability_kit import cli
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

import compound.db

pytestmark = pytest.mark.postgres

POLICIES = Path(compound.db.__file__).with_name("postgres_rls.sql")
PASSWORD = "compound-test"
OWNED = ("profile", "book", "reading_log", "learning_session", "goal", "skip")


class Team:
    def __init__(self, server: str):
        run = uuid.uuid4().hex[:10]
        self.database = f"compound_rls_{run}"
        self.owner, self.members, self.report = f"own_{run}", f"members_{run}", f"report_{run}"
        self.ana, self.bob = f"ana_{run}", f"bob_{run}"
        self.server = make_url(server)
        self.admin = create_engine(server, isolation_level="AUTOCOMMIT")

    def url(self, role: str | None = None) -> str:
        """The team database's URL, as `role` (default: the server's own user)."""
        url = self.server.set(database=self.database)
        if role is not None:
            url = url.set(username=role, password=PASSWORD)
        return url.render_as_string(hide_password=False)

    def create(self) -> None:
        with self.admin.connect() as sql:
            for login in (self.owner, self.ana, self.bob, self.report):
                sql.exec_driver_sql(f"CREATE ROLE \"{login}\" LOGIN PASSWORD '{PASSWORD}'")
            sql.exec_driver_sql(f'CREATE ROLE "{self.members}" NOLOGIN')
            sql.exec_driver_sql(f'GRANT "{self.members}" TO "{self.ana}", "{self.bob}"')
            sql.exec_driver_sql(f'CREATE DATABASE "{self.database}" OWNER "{self.owner}"')

    def drop(self) -> None:
        with self.admin.connect() as sql:
            sql.exec_driver_sql(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            for role in (self.ana, self.bob, self.members, self.report, self.owner):
                sql.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')
        self.admin.dispose()

    def rows(self) -> dict[str, list[tuple]]:
        """Every row of every table, read past the policies (as the server's user)."""
        engine = create_engine(self.url())
        try:
            with engine.connect() as sql:
                return {
                    table: [
                        tuple(row)
                        for row in sql.execute(text(f'SELECT * FROM "{table}" ORDER BY id'))
                    ]
                    for table in OWNED
                }
        finally:
            engine.dispose()


@pytest.fixture
def team(postgres_server, monkeypatch):
    import psycopg

    team = Team(postgres_server)
    team.create()
    try:
        # The owner creates the schema and a member's profile, then applies the policies.
        monkeypatch.setenv("COMPOUND_DATABASE_URL", team.url(team.owner))
        result = cli("profile", "add", team.bob)
        assert result.code == 0, result
        conninfo = make_url(team.url(team.owner)).set(drivername="postgresql")
        with psycopg.connect(
            conninfo.render_as_string(hide_password=False), autocommit=True
        ) as owner:
            for _ in range(2):  # the second time as after an upgrade: it must be repeatable
                owner.execute(POLICIES.read_text(encoding="utf-8"))
                owner.execute("SELECT compound_share(%s, %s)", (team.members, team.report))
        yield team
    finally:
        team.drop()


def as_role(monkeypatch, team: Team, role: str, *argv: str):
    monkeypatch.setenv("COMPOUND_DATABASE_URL", team.url(role))
    return cli(*argv)


def test_members_write_only_their_own_profile_and_the_report_reads_all(team, monkeypatch, figures):
    ana, bob = team.ana, team.bob

    # A member may add their own profile, named after their role, and no other.
    result = as_role(monkeypatch, team, ana, "--profile", ana, "log", "1")
    assert result.refused_in_one_line() and "profile add" in result.err, result
    assert as_role(monkeypatch, team, ana, "profile", "add", ana).code == 0
    result = as_role(monkeypatch, team, ana, "profile", "add", "mallory")
    assert result.refused_in_one_line() and "may not make that change" in result.err, result

    # Each member writes to their own profile, through the command line.
    for argv in (
        ["book", "add", "Dune", "--pages", "412"],
        ["log", "12", "--note", "ana's train"],
        ["learn", "30m", "--topic", "SQL"],
        ["goal", "set", "daily-pages", "20"],
        ["skip", "2026-11-24"],
    ):
        result = as_role(monkeypatch, team, ana, "--profile", ana, *argv)
        assert result.code == 0, (argv, result)
    # COMPOUND_PROFILE chooses the profile for every command, as README.md says.
    monkeypatch.setenv("COMPOUND_PROFILE", bob)
    result = as_role(monkeypatch, team, bob, "log", "7", "--note", "bob's diary")
    monkeypatch.delenv("COMPOUND_PROFILE")
    assert result.code == 0, result
    stored = team.rows()
    assert len(stored["reading_log"]) == 2 and len(stored["book"]) == 1

    # Another member's profile: every kind of write is refused in one line, nothing changes.
    for argv in (
        ["log", "5", "--note", "not mine"],
        ["book", "add", "Intruder"],
        ["learn", "20m"],
        ["goal", "set", "daily-pages", "99"],
        ["skip", "2026-11-25"],
    ):
        result = as_role(monkeypatch, team, ana, "--profile", bob, *argv)
        assert result.refused_in_one_line(), (argv, result)
        assert "row-level security" in result.err and "only their own profile" in result.err, (
            result.err
        )
        figures.add("row-level security: writes to another profile refused")
    # The default profile (no --profile) is nobody's: no member writes there either.
    result = as_role(monkeypatch, team, ana, "log", "2")
    assert result.refused_in_one_line() and "row-level security" in result.err, result
    # Bob's records are out of Ana's sight: nothing to edit, delete or read.
    bob_log = f"r{max(row[0] for row in stored['reading_log'])}"
    for argv in (["delete", bob_log], ["edit", bob_log, "--pages", "1"], ["undo"]):
        result = as_role(monkeypatch, team, ana, "--profile", bob, *argv)
        assert result.refused_in_one_line(), (argv, result)
    history = as_role(monkeypatch, team, ana, "--profile", bob, "export", "-f", "json")
    assert history.code == 0 and "bob's diary" not in history.out
    assert team.rows() == stored

    # The reporting role reads every profile, and changes none.
    for member, note in ((ana, "ana's train"), (bob, "bob's diary")):
        export = as_role(monkeypatch, team, team.report, "--profile", member, "export")
        assert export.code == 0 and note in export.out, export
    listing = as_role(monkeypatch, team, team.report, "profile", "list")
    assert listing.code == 0, listing
    counts = {line.split()[0]: line.split()[1:] for line in listing.out.splitlines()[1:]}
    assert counts[ana] == ["1", "1", "1", "1", "1"] and counts[bob] == ["0", "1", "0", "0", "0"]
    result = as_role(monkeypatch, team, team.report, "--profile", ana, "log", "3")
    assert result.refused_in_one_line(), result
    assert team.rows() == stored


def test_the_reporting_role_makes_the_team_report_and_members_their_own_files(
    team, monkeypatch, tmp_path
):
    import json

    ana, bob = team.ana, team.bob
    assert as_role(monkeypatch, team, ana, "profile", "add", ana).code == 0
    for member, pages in ((ana, "12"), (bob, "7")):
        result = as_role(monkeypatch, team, member, "--profile", member, "log", pages)
        assert result.code == 0, result
    stored = team.rows()

    # The reporting role sees every member (the empty default profile is nobody).
    report = as_role(monkeypatch, team, team.report, "team", "export", "-f", "json")
    assert report.code == 0, report
    assert {m["member"]: m["pages_7d"] for m in json.loads(report.out)["members"]} == {
        ana: 12,
        bob: 7,
    }

    # Each member writes their own file; merged, they make the same report.
    files = []
    for member in (ana, bob):
        path = tmp_path / f"{member}.json"
        result = as_role(
            monkeypatch,
            team,
            member,
            "--profile",
            member,
            "team",
            "export",
            "--me",
            "-f",
            "json",
            "-o",
            str(path),
        )
        assert result.code == 0, result
        files.append(str(path))
    merged = cli("team", "merge", *files, "-f", "json")
    assert merged.code == 0 and merged.out == report.out
    assert team.rows() == stored
