"""`compound completion`: the scripts complete in real shells, the names come from a real
SQLite file, and the lister a Tab runs stays quiet and light.

bash is driven the way readline drives it (COMP_WORDS, COMP_CWORD, then the function
`complete -p` names); zsh and fish, when installed, must at least parse their scripts
(fish also completes). Each shell is a real process with the console script on PATH.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from compound.cli.completion import script

BIN = Path(sys.executable).parent
HEAVY = ("sqlmodel", "sqlalchemy", "alembic", "pydantic", "textual", "plotext")


@pytest.fixture
def library(tmp_path, ok) -> Path:
    """A SQLite file with two books for `default`, one for `ana`, and no COMPOUND_DB set:
    the completion must find it through the --db typed on the line."""
    path = tmp_path / "club.db"
    ok("--db", str(path), "book", "add", "Deep Work", "--pages", "296")
    ok("--db", str(path), "book", "add", "Dune")
    ok("--db", str(path), "profile", "add", "ana")
    ok("--db", str(path), "--profile", "ana", "book", "add", "Middlemarch")
    return path


@pytest.fixture
def shell_env(tmp_path) -> dict[str, str]:
    """The environment the shells run in: this venv's `compound` first on PATH."""
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


@pytest.fixture
def bash_script(tmp_path) -> Path:
    path = tmp_path / "compound.bash"
    path.write_text(script("bash"), encoding="utf-8")
    return path


def bash(source: Path, commands: str, env: dict[str, str], cwd: Path) -> str:
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", f"source {shlex.quote(str(source))}\n{commands}"],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert (done.returncode, done.stderr) == (0, ""), done
    return done.stdout


def complete(source: Path, line: list[str], env: dict[str, str], cwd: Path) -> list[str]:
    """What bash offers for the last word of `line`: COMPREPLY, sorted."""
    words = " ".join(shlex.quote(word) for word in line)
    out = bash(
        source,
        f"COMP_WORDS=({words}); COMP_CWORD={len(line) - 1}\n"
        "_shtab_compound\n"
        'printf "%s\\n" "${COMPREPLY[@]}"',
        env,
        cwd,
    )
    return sorted(filter(None, out.splitlines()))


def test_bash_registers_a_completion_for_compound(bash_script, shell_env, tmp_path):
    registered = bash(bash_script, "complete -p compound", shell_env, tmp_path)
    assert registered == "complete -o bashdefault -F _shtab_compound compound\n"


def test_bash_completes_commands_actions_and_options(bash_script, shell_env, tmp_path):
    def offered(*line: str) -> list[str]:
        return complete(bash_script, ["compound", *line], shell_env, tmp_path)

    assert offered("bo") == ["book"]
    assert offered("book", "") == sorted(
        ["add", "list", "start", "finish", "abandon", "shelve", "edit", "remove"]
    )
    assert offered("log", "--to-") == ["--to-page"]
    assert offered("completion", "") == ["bash", "fish", "zsh"]
    assert offered("completion", "--list", "") == ["books", "profiles"]
    assert offered("import", "") == sorted(
        ["compound", "goodreads", "koreader", "readest", "storygraph", "hardcover"]
        + ["bookwyrm", "kindle", "openreads", "loop"]
    )


def test_bash_completes_file_arguments(bash_script, shell_env, tmp_path):
    (tmp_path / "library.csv").write_text("")
    (tmp_path / "backup.db").write_text("")

    def offered(*line: str) -> list[str]:
        return complete(bash_script, ["compound", *line], shell_env, tmp_path)

    assert offered("import", "goodreads", "lib") == ["library.csv"]
    assert offered("restore", "back") == ["backup.db"]
    assert offered("--db", "back") == ["backup.db"]
    assert offered("export", "-o", "lib") == ["library.csv"]
    assert offered("backup", "lib") == ["library.csv"]


def test_bash_completes_book_titles_from_the_database_typed(
    bash_script, shell_env, tmp_path, library
):
    def offered(*line: str) -> list[str]:
        return complete(bash_script, ["compound", *line], shell_env, tmp_path)

    db = str(library)
    # A title with a space comes back quoted for the shell, as one word.
    assert offered("--db", db, "log", "--book", "") == ["Deep\\ Work", "Dune"]
    assert offered("log", "--db", db, "--book", "De") == ["Deep\\ Work"]
    assert offered("log", "--db", db, "-b", '"Du') == ["Dune"]
    assert offered("book", "finish", "--db", db, "") == ["Deep\\ Work", "Dune"]
    assert offered("--db", db, "--profile", "ana", "book", "start", "") == ["Middlemarch"]
    assert offered("--db", db, "--profile", "") == ["ana", "default"]
    assert offered("--db", db, "profile", "use", "") == ["ana", "default"]
    # No database named and none in the data dir: nothing, and no error in the shell.
    assert offered("log", "--book", "") == []


def test_bash_compgen_over_the_lister(bash_script, shell_env, tmp_path, library):
    out = bash(
        bash_script,
        f'compgen -W "$(compound completion --list profiles --db {shlex.quote(str(library))})"'
        " -- a",
        shell_env,
        tmp_path,
    )
    assert out == "ana\n"


def test_zsh_script_parses(tmp_path):
    if shutil.which("zsh") is None:
        pytest.skip("zsh is not installed (apt-get install zsh)")
    path = tmp_path / "_compound"
    path.write_text(script("zsh"), encoding="utf-8")
    done = subprocess.run(["zsh", "-n", str(path)], capture_output=True, text=True, timeout=30)
    assert (done.returncode, done.stderr) == (0, "")
    text = path.read_text()
    assert text.startswith("#compdef compound")
    assert (
        '{--book,-b}"[the book (default\\: the one being read, if there is one)]'
        ':TITLE_OR_ID:_compound_books"' in text
    )
    assert ']:NAME:_compound_profiles"' in text and '"--db[SQLite file' in text


def test_fish_script_parses_and_completes_titles(tmp_path, shell_env, library):
    if shutil.which("fish") is None:
        pytest.skip("fish is not installed (apt-get install fish)")
    path = tmp_path / "compound.fish"
    path.write_text(script("fish"), encoding="utf-8")
    done = subprocess.run(
        ["fish", "--no-execute", str(path)], capture_output=True, text=True, timeout=30
    )
    assert (done.returncode, done.stderr) == (0, "")
    line = f"compound log --db {library} --book "
    done = subprocess.run(
        ["fish", "--no-config", "-c", f"source {path}; complete -C {shlex.quote(line)}"],
        env=shell_env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    assert [row.split("\t")[0] for row in done.stdout.splitlines()] == ["Deep Work", "Dune"]


def test_completion_needs_a_shell_it_knows(run):
    for argv, message in (
        (["completion"], "compound: name the shell: `compound completion bash`, `zsh` or `fish`\n"),
        (["completion", "tcsh"], None),
    ):
        result = run(*argv)
        assert (result.code, result.out) == (2, "")
        assert result.err.count("\n") == 1 and result.err.startswith("compound: ")
        if message:
            assert result.err == message


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_script_names_every_command(shell, ok):
    from compound.cli.parser import COMMAND_MODULES

    text = ok("completion", shell).out
    assert text == script(shell)
    for command in COMMAND_MODULES:
        assert command in text, command


# -- the lister a Tab runs ---------------------------------------------------------------


def test_the_lister_prints_one_name_a_line(ok, library):
    assert ok("completion", "--list", "profiles", "--db", str(library)).out == "ana\ndefault\n"
    assert ok("completion", "--list", "books", "--db", str(library)).out == "Deep Work\nDune\n"
    result = ok("--profile", "ana", "completion", "--list", "books", "--db", str(library))
    assert result.out == "Middlemarch\n"
    assert ok("completion", "--list", "books", "--db", str(library), "--profile", "zoe").out == ""


def test_the_lister_prints_nothing_on_any_problem(ok, tmp_path, monkeypatch):
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 8)
    not_ours = tmp_path / "notes.db"
    not_ours.write_text("not a database at all\n")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    missing = tmp_path / "missing.db"
    for db in (missing, damaged, not_ours, tmp_path, pipe):
        for kind in ("books", "profiles"):
            assert ok("completion", "--list", kind, "--db", str(db)).out == "", db
    assert not missing.exists()  # a Tab creates nothing
    # A settings file compound cannot read, and a profile name it refuses: still nothing.
    monkeypatch.setenv("COMPOUND_CONFIG", str(not_ours))
    assert ok("completion", "--list", "books", "--db", str(damaged)).out == ""
    assert ok("completion", "--list", "books", "--profile", "\x1b[2J").out == ""
    # A server is never asked on a Tab.
    monkeypatch.setenv("COMPOUND_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert ok("completion", "--list", "profiles").out == ""


PROBE = """
import json, sys
from compound.cli import main
code = main({argv!r})
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r})
print("PROBE " + json.dumps({{"code": code, "loaded": loaded}}))
"""


def test_the_lister_loads_no_orm(library):
    argv = ["completion", "--list", "books", "--db", str(library)]
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv, heavy=HEAVY)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    *names, last = done.stdout.splitlines()
    assert names == ["Deep Work", "Dune"]
    assert json.loads(last.removeprefix("PROBE ")) == {"code": 0, "loaded": []}
