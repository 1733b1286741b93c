"""Security: every file holding the data is its owner's alone, and no SQL is built from strings."""

from __future__ import annotations

import ast
import os
import re
import stat
import sys
from pathlib import Path

import pytest
from reliability_kit import cli

SRC = Path(__file__).parent.parent.parent / "src" / "compound"
sys.path.insert(0, str(Path(__file__).parent.parent / "fixtures"))
from extra_revision import ADD_COLUMN, write_revision  # noqa: E402


@pytest.fixture
def open_umask():
    """The most common umask (022), which would leave new files readable by everyone."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_database_backups_settings_and_error_log_are_private(
    tmp_path, monkeypatch, open_umask, isolated_home
):
    from compound.db.migrate import open_database, upgrade

    data = tmp_path / "data"
    db = data / "compound.db"
    monkeypatch.setenv("COMPOUND_DB", str(db))
    assert cli("log", "12", "--note", "private thoughts").code == 0  # database + daily backup
    assert cli("backup").code == 0
    assert cli("backup", str(tmp_path / "elsewhere.db")).code == 0
    assert cli("restore", str(tmp_path / "elsewhere.db")).code == 0  # the replaced one aside
    assert cli("config", "set", "daily_backups", "5").code == 0
    engine = open_database(f"sqlite:///{db}")  # an upgrade: the copy taken before it
    upgrade(
        engine,
        backup_of=db,
        version_dirs=[write_revision(tmp_path / "v", ADD_COLUMN) and tmp_path / "v"],
    )
    engine.dispose()
    import compound.cli.entries as entries

    def broken(ctx, args):
        raise RuntimeError("a bug")

    monkeypatch.setattr(entries, "log", broken)
    assert cli("log", "1", "--note", "private").code == 1  # written to the error log

    files = [
        p
        for root in (data, tmp_path / "elsewhere.db", isolated_home)
        for p in ([root] if root.is_file() else root.rglob("*"))
        if p.is_file()
    ]
    names = {p.name.split("-2026")[0].split(".bak")[0] for p in files}
    assert {
        "compound.db",
        "daily",
        "manual",
        "elsewhere.db",
        "compound.db.replaced",
        "config.toml",
        "errors.log",
    } <= names | {p.name for p in files}
    assert any(".bak-" in p.name for p in files)
    loose = [
        f"{p} {stat.S_IMODE(p.stat().st_mode):04o}"
        for p in files
        if stat.S_IMODE(p.stat().st_mode) & 0o077
    ]
    assert loose == []
    assert stat.S_IMODE((data / "compound.db-backups").stat().st_mode) == 0o700


@pytest.mark.parametrize("fmt", ["json", "csv", "md"])
def test_exports_are_private_even_over_a_readable_file(seeded, tmp_path, open_umask, fmt):
    new = tmp_path / "out" / f"new.{fmt}"
    new.parent.mkdir()
    assert cli("export", "-f", fmt, "-o", str(new)).code == 0
    # A file already there, readable by everyone, is replaced by a private one.
    old = tmp_path / "out" / f"old.{fmt}"
    old.write_text("earlier export")
    old.chmod(0o644)
    assert cli("export", "--format", fmt, "--output", str(old)).code == 0
    for path in (new, old):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        assert "2026-11-20" in path.read_text(encoding="utf-8")  # the seeded records
    assert sorted(p.name for p in new.parent.iterdir()) == sorted([new.name, old.name])


# -- no SQL built from strings ------------------------------------------------------------------


def _shape(k) -> str:
    """A statement's shape, not a lone keyword: SELECT … FROM, INSERT INTO, PRAGMA x, …"""
    return (
        rf"\b{k('select')}\b[\s\S]*\b{k('from')}\b|\b{k('insert')}\s+{k('into')}\b|"
        rf"\b{k('update')}\s+\S+\s+{k('set')}\b|\b{k('delete')}\s+{k('from')}\b|"
        rf"\b{k('pragma')}\s+\w+|\b({k('create')}|{k('drop')})\s+"
        rf"({k('table')}|{k('index')}|{k('schema')}|{k('view')})\b|"
        rf"\b{k('alter')}\s+{k('table')}\b|\b{k('values')}\s*\(|"
        rf"\b{k('where')}\s+\S+\s*(=|<|>|\b{k('in')}\b|\b{k('like')}\b)"
    )


# In prose ("select a book from the list") only upper-case keywords count as SQL; where
# the text is plainly a statement (given to an executor, or named sql/query/statement)
# any case does.
SQL_IN_PROSE = re.compile(_shape(str.upper))
SQL = re.compile(_shape(str), re.IGNORECASE)
EXECUTORS = {"execute", "executemany", "executescript", "exec_driver_sql", "text", "exec"}
STATEMENT_NAME = re.compile(r"sql|query|statement|stmt", re.IGNORECASE)


def _literal(node: ast.AST) -> str | None:
    """The text of a string literal, or of an f-string with its holes shown as {}."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else " {} " for part in node.values
        )
    return None


def _built(node: ast.AST, sql: re.Pattern) -> str | None:
    """How `node` builds SQL text out of other strings, if it does."""
    if isinstance(node, ast.JoinedStr) and any(
        isinstance(v, ast.FormattedValue) for v in node.values
    ):
        return "f-string" if sql.search(_literal(node)) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)):
        texts = [_literal(side) for side in (node.left, node.right)]
        both_literal = all(isinstance(side, ast.Constant) for side in (node.left, node.right))
        if not both_literal and any(t and sql.search(t) for t in texts):
            return "% formatting" if isinstance(node.op, ast.Mod) else "concatenation"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        text = _literal(node.func.value)
        if node.func.attr in ("format", "format_map") and text and sql.search(text):
            return f".{node.func.attr}()"
        if node.func.attr == "join" and text is not None:
            # The pieces joined, read as one statement: "SELECT", name, "FROM book".
            pieces = " ".join(
                _literal(part) or " {} "
                for arg in node.args
                for part in ast.walk(arg)
                if isinstance(part, ast.Constant)
            )
            if sql.search(pieces):
                return ".join()"
    return None


def _statements(tree: ast.AST) -> set[int]:
    """ids of the nodes that are plainly SQL statements by where they go."""
    found = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and node.args
            and getattr(node.func, "attr", getattr(node.func, "id", None)) in EXECUTORS
        ):
            found.add(id(node.args[0]))
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(
                STATEMENT_NAME.search(getattr(t, "id", getattr(t, "attr", ""))) for t in targets
            ):
                found.add(id(node.value))
    return found


def sql_built_from_strings(source: str) -> list[tuple[int, str]]:
    """(line, how) for every place `source` builds SQL by formatting or joining strings,
    and every call to an executor whose statement is not a plain literal or a name."""
    tree = ast.parse(source)
    statements = _statements(tree)
    found = []
    for node in ast.walk(tree):
        how = _built(node, SQL if id(node) in statements else SQL_IN_PROSE)
        if how:
            found.append((node.lineno, how))
        if isinstance(node, ast.Call) and node.args:
            name = getattr(node.func, "attr", getattr(node.func, "id", None))
            first = node.args[0]
            inline = isinstance(first, (ast.JoinedStr, ast.BinOp)) or (
                isinstance(first, ast.Call)
                and getattr(first.func, "attr", None) in ("format", "join", "replace")
            )
            if name in EXECUTORS and inline and not _built(first, SQL):
                found.append((node.lineno, f"statement built inside {name}()"))
    return found


PLANTED = """
def bad(con, table, name, ids):
    con.execute(f"SELECT * FROM {table} WHERE name = '{name}'")
    con.execute("DELETE FROM book WHERE id = %s" % ids)
    con.execute("UPDATE book SET title = '" + name + "' WHERE id = 1")
    sql = "INSERT INTO book (title) VALUES ('{}')".format(name)
    query = (f"select id "
             f"from {table}")
    con.exec_driver_sql(f"PRAGMA {name}")
    con.execute(" ".join(["SELECT", name, "FROM book"]))
    con.execute(name.replace("x", "y"))
    con.execute(text(prefix + name))
"""
SAFE = """
def good(con, name, pages):
    con.execute("SELECT id FROM book WHERE title = :name", {"name": name})
    con.execute(text("SELECT version_num FROM alembic_version"))
    con.execute(STATEMENT, params)
    raise ValueError(f"select a book from the list, not {name}")
    print(f"{pages} pages from {name}")
"""


def test_the_audit_catches_each_way_of_building_sql_and_passes_safe_code():
    found = sql_built_from_strings(PLANTED)
    assert {line for line, _ in found} == set(range(3, 13)) - {8}  # lines 7-8: one f-string
    assert {how for _, how in found} >= {
        "f-string",
        "% formatting",
        "concatenation",
        ".format()",
        ".join()",
    }
    assert sql_built_from_strings(SAFE) == []


def test_no_sql_is_built_from_strings_anywhere_in_compound():
    offenders = [
        f"{path.relative_to(SRC)}:{line}: {how}"
        for path in sorted(SRC.rglob("*.py"))
        for line, how in sql_built_from_strings(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
