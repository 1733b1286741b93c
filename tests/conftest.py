"""Shared fixtures: every test runs with its own config and data dirs, and a fixed today.

Nothing here touches the real user's files: HOME and the XDG dirs point into tmp.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

TODAY = "2026-11-22"  # a Sunday


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    for var in list(os.environ):
        if var.startswith("COMPOUND_") and var != "COMPOUND_TEST_DATABASE_URL":
            monkeypatch.delenv(var)
    monkeypatch.setenv("COMPOUND_TODAY", TODAY)
    return home


# -- databases ------------------------------------------------------------------------

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _postgres_base_url() -> str:
    return os.environ.get("COMPOUND_TEST_DATABASE_URL", DEFAULT_PG_URL)


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The PostgreSQL URL for tests; skips (or fails under CI=true) when none answers."""
    from sqlalchemy import create_engine, text

    url = _postgres_base_url()
    try:
        engine = create_engine(url)
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # noqa: BLE001 — any failure means "no server here"
        reason = f"no PostgreSQL at {url} ({type(exc).__name__}); set COMPOUND_TEST_DATABASE_URL"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must run the PostgreSQL tests: {reason}")
        pytest.skip(reason)
    return url


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """A URL whose search_path is a fresh schema, dropped after the test."""
    import uuid

    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in postgres_server else "?"
    yield f"{postgres_server}{separator}options=-csearch_path%3D{schema}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'compound.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request) -> str:
    """Each test using this runs on a tmp SQLite file and on the real PostgreSQL."""
    fixture = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    return request.getfixturevalue(fixture)


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's headless browser, for the tests of pages; CI must have it (`.ci/run`
    installs it), elsewhere its absence skips them with the reason."""
    import shutil

    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        reason = "no chromium on PATH (Debian: apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must run the browser test: {reason}")
        pytest.skip(reason)
    return found
