"""Where compound keeps things, as functions so nothing is computed at import time."""

from __future__ import annotations

import os
from pathlib import Path

APP = "compound"


def data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP, appauthor=False)


def config_dir() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP, appauthor=False)


def log_dir() -> Path:
    from platformdirs import user_log_path

    return user_log_path(APP, appauthor=False)


def config_file() -> Path:
    """The settings file; COMPOUND_CONFIG names another one."""
    override = os.environ.get("COMPOUND_CONFIG")
    return Path(override).expanduser() if override else config_dir() / "config.toml"


def default_database() -> Path:
    return data_dir() / "compound.db"


def error_log() -> Path:
    return log_dir() / "errors.log"


def documents_dir() -> Path:
    """Where a person looks for files they asked for (an export): the documents
    folder when there is one, else the home folder."""
    from platformdirs import user_documents_path

    documents = user_documents_path()
    return documents if documents.is_dir() else Path.home()
