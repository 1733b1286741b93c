"""What `pipx install .` does, by hand: build the wheel, install it in a fresh venv, run it.

Costly (about 15-25 s: a wheel build and an install whose dependencies come from the
package index), so it is marked `install`; skip it with `-m "not install"`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import compound

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.install


def _run(argv: list[str], **kw) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=240, **kw)
    assert done.returncode == 0, f"{argv}\n{done.stdout}\n{done.stderr}"
    return done


def test_the_wheel_installs_runs_and_brings_its_manual(tmp_path):
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)])
    (wheel,) = wheels.glob("compound-*.whl")
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)])
    _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)])

    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("COMPOUND_", "PYTHON", "VIRTUAL"))
    }
    env["COMPOUND_TODAY"] = "2026-11-22"
    script = str(venv / "bin" / "compound")
    # Run from elsewhere, so the checkout's src/ cannot stand in for the installed package.
    where = {"env": env, "cwd": tmp_path}
    assert _run([script, "--version"], **where).stdout == f"compound {compound.__version__}\n"
    db = tmp_path / "habit.db"
    _run([script, "--db", str(db), "book", "add", "Dune", "--pages", "600", "--start"], **where)
    logged = _run([script, "--db", str(db), "log", "5"], **where)
    assert logged.stdout.startswith("Logged 5 pages of Dune (p. 5 of 600, 1%), today  [r1]\n")
    books = _run([script, "completion", "--list", "books", "--db", str(db)], **where)
    assert books.stdout == "Dune\n"
    assert "_shtab_compound" in _run([script, "completion", "bash"], **where).stdout
    imported = _run(
        [str(venv / "bin" / "python"), "-c", "import compound; print(compound.__file__)"], **where
    )
    assert imported.stdout.startswith(str(venv))

    manual = venv / "share" / "man" / "man1" / "compound.1"
    assert manual.read_bytes() == (ROOT / "man" / "compound.1").read_bytes()
    if shutil.which("man"):
        shown = _run(
            ["man", "-M", str(venv / "share" / "man"), "compound"],
            env={**env, "MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "100"},
        )
        assert "compound - a continuous-learning habit tracker" in shown.stdout
