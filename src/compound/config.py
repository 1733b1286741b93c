"""Settings: a TOML file in the user config dir, overridden by COMPOUND_* variables.

Also decides which database to use: --db PATH, else COMPOUND_DB (a SQLite file),
else COMPOUND_DATABASE_URL (any SQLAlchemy URL), else compound.db in the user
data dir.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from compound import locations
from compound.domain.days import WEEKDAYS, logical_day, parse_day_start, parse_iso_day
from compound.domain.errors import InputError, StorageError
from compound.domain.profiles import DEFAULT_PROFILE, check_profile_name
from compound.domain.quantities import parse_whole

TYPE_CHECKING = False  # not typing's: this module sits on the status path
if TYPE_CHECKING:
    from typing import Any


def _parse_timezone(text: str) -> str | None:
    name = text.strip()
    if not name or name.lower() == "local":
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    # ZoneInfo looks the name up as a file: a very long or undecodable name fails there.
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InputError(f"unknown time zone {name!r}; use a name like Europe/Berlin") from None
    return name


@dataclass(frozen=True, slots=True)
class Key:
    # A setting's value is of its key's own type (a time, a zone name, a weekday
    # number, ...): what parse returns, show takes and default is.
    parse: Callable[[str], Any]
    show: Callable[[Any], str]
    default: Any
    help: str


def _parse_switch(text: str) -> bool:
    word = text.strip().lower()
    if word in ("on", "yes", "true", "1"):
        return True
    if word in ("off", "no", "false", "0"):
        return False
    raise InputError(f"{text!r} is not on or off")


def _parse_week_start(text: str) -> int:
    word = text.strip().lower()
    for index, name in enumerate(WEEKDAYS):
        if len(word) >= 3 and name.startswith(word):
            return index
    raise InputError(f"week start {text!r} is not a weekday like monday or sunday")


KEYS: dict[str, Key] = {
    "day_starts_at": Key(
        parse_day_start,
        lambda v: v.strftime("%H:%M"),
        time(0),
        "when a new day begins; with 03:00, reading at 01:30 counts for yesterday",
    ),
    "timezone": Key(
        _parse_timezone,
        lambda v: v or "local",
        None,
        "IANA time zone for the logical day (default: the system's)",
    ),
    "week_starts_on": Key(
        _parse_week_start, lambda v: WEEKDAYS[v], 0, "first day of the week for weekly goals"
    ),
    "profile": Key(
        check_profile_name,
        str,
        DEFAULT_PROFILE,
        "whose records commands use (see `compound profile`); --profile overrides it",
    ),
    "daily_backups": Key(
        lambda text: parse_whole(text, "daily_backups", low=0, high=3660),
        str,
        7,
        "automatic daily backups to keep beside the database; 0 turns them off",
    ),
    "welcome": Key(
        _parse_switch,
        lambda v: "on" if v else "off",
        True,
        "the app offers its first-run welcome while nothing is stored; closing it turns this off",
    ),
}


def _env_name(key: str) -> str:
    return f"COMPOUND_{key.upper()}"


@dataclass(frozen=True)
class Settings:
    day_starts_at: time = time(0)
    timezone: str | None = None
    week_starts_on: int = 0  # 0 = Monday, as date.weekday()
    profile: str = DEFAULT_PROFILE
    daily_backups: int = 7
    welcome: bool = True
    # Where each value came from: "default", the config file, or an environment variable.
    sources: dict[str, str] = field(default_factory=dict, compare=False)

    def now(self) -> datetime:
        if self.timezone:
            from zoneinfo import ZoneInfo

            return datetime.now(ZoneInfo(self.timezone))
        return datetime.now()

    def today(self) -> date:
        """The logical today; COMPOUND_TODAY=YYYY-MM-DD pins it for tests and demos."""
        pinned = os.environ.get("COMPOUND_TODAY")
        if pinned:
            try:
                return parse_iso_day(pinned)
            except InputError as exc:
                raise InputError(f"COMPOUND_TODAY: {exc}") from None
        return logical_day(self.now().replace(tzinfo=None), self.day_starts_at)


def read_file(path: Path) -> dict:
    """The raw table in the settings file; empty when there is none."""
    if not path.exists():
        return {}
    import tomllib  # only when there is a file to read: it sits on the status path

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise StorageError(f"{path} is not valid TOML ({exc}); fix or remove it") from None
    except OSError as exc:
        raise StorageError(f"cannot read {path}: {exc.strerror or exc}") from None


def load(path: Path | None = None) -> Settings:
    """Settings from the file, then the environment; refuses a value it cannot use."""
    path = path or locations.config_file()
    raw = read_file(path)
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for name, key in KEYS.items():
        values[name], sources[name] = key.default, "default"
        env = os.environ.get(_env_name(name))
        if env is not None:
            where, value = _env_name(name), env
        elif name in raw:
            where, value = str(path), str(raw[name])
        else:
            continue
        try:
            values[name] = key.parse(value)
        except InputError as exc:
            raise InputError(f"{where}: {name}: {exc}") from None
        sources[name] = where
    return Settings(**values, sources=sources)


def save(path: Path, key: str, value: str | None) -> None:
    """Set (or with None, remove) one key in the settings file, keeping the others."""
    if key not in KEYS:
        raise InputError(f"unknown setting {key!r}; settings are: {', '.join(KEYS)}")
    raw = read_file(path)
    if value is None:
        raw.pop(key, None)
    else:
        raw[key] = KEYS[key].show(KEYS[key].parse(value))
    import tomli_w

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        tomli_w.dump(raw, handle)
    os.replace(temporary, path)  # all or nothing: a crash never leaves half a file


@dataclass(frozen=True, slots=True)
class DatabaseChoice:
    url: str
    path: Path | None  # the SQLite file, when it is one
    source: str

    @property
    def display(self) -> str:
        """The file, or the URL with any password hidden."""
        import re

        return (
            str(self.path)
            if self.path
            else re.sub(r"://([^:/@]*):[^@/]*@", r"://\1:***@", self.url)
        )


def choose_database(db_option: str | None) -> DatabaseChoice:
    """Which database to open, and why."""
    for source, value in (("--db", db_option), ("COMPOUND_DB", os.environ.get("COMPOUND_DB"))):
        if value:
            if any("\ud800" <= ch <= "\udfff" for ch in value):
                raise InputError(
                    f"{source}: the path {value!r} is not valid UTF-8; "
                    "rename the file or choose another"
                )
            path = Path(value).expanduser().absolute()
            return DatabaseChoice(f"sqlite:///{path}", path, source)
    url = os.environ.get("COMPOUND_DATABASE_URL")
    if url:
        file = None
        if url.startswith("sqlite:///") and "?" not in url:
            file = Path(url.removeprefix("sqlite:///")).absolute()
        return DatabaseChoice(url, file, "COMPOUND_DATABASE_URL")
    path = locations.default_database()
    return DatabaseChoice(f"sqlite:///{path}", path, "default")
