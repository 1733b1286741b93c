"""Fixtures for the reliability suite (the shared functions are in reliability_kit.py).

COMPOUND_RELIABILITY_FIGURES=<file.json> makes the suite write the figures its
tests recorded there at the end; benchmarks/reliability.py uses that.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from reliability_kit import SEED, Figures, cli, settle


@pytest.fixture(scope="session")
def figures():
    recorded = Figures()
    yield recorded
    target = os.environ.get("COMPOUND_RELIABILITY_FIGURES")
    if target:
        Path(target).write_text(json.dumps(recorded.values, indent=2, sort_keys=True))


@pytest.fixture
def seeded(tmp_path, monkeypatch) -> Path:
    """A SQLite file with books, logs, a session, a goal and a skip; COMPOUND_DB names it."""
    path = tmp_path / "data" / "compound.db"
    path.parent.mkdir()
    monkeypatch.setenv("COMPOUND_DB", str(path))
    for argv in SEED:
        result = cli(*argv)
        assert result.code == 0, (argv, result)
    settle(path)
    return path
