"""The code passes its linters and its type check, as pyproject.toml configures them.

Each tool runs in a subprocess from the project root, found next to this Python (the
virtual environment's bin directory). mypy gets a cache directory of its own in the
test's temporary directory, so a fresh clone checks from scratch (about seven seconds).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
CHECKED = ["src", "tests", "benchmarks"]


def _tool(name: str) -> str:
    return shutil.which(name, path=str(Path(sys.executable).parent)) or name


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_tool(argv[0]), *argv[1:]], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["ruff", "check", *CHECKED], id="ruff-check"),
        pytest.param(["ruff", "format", "--check", *CHECKED], id="ruff-format"),
    ],
)
def test_ruff_is_clean(argv: list[str]) -> None:
    done = _run(*argv)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_is_clean(tmp_path: Path) -> None:
    done = _run("mypy", "--config-file", "pyproject.toml", "--cache-dir", str(tmp_path / "cache"))
    assert done.returncode == 0, done.stdout + done.stderr
