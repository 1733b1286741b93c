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
from compound.domain.days import (
    WEEKDAYS,
    check_today,
    logical_day,
    parse_day_start,
    parse_iso_day,
)
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


def _parse_seconds(text: str) -> int:
    """Whole seconds, up to a day: "5" or "5s"."""
    number = text.strip().removesuffix("s").strip()
    return parse_whole(number or text, "the seconds", low=0, high=86_400)


def _show_seconds(value: int) -> str:
    return f"{value}s"


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
    "lock_timeout": Key(
        _parse_seconds,
        _show_seconds,
        5,
        "on PostgreSQL, how long to wait for a lock another connection holds (0: for ever)",
    ),
    "statement_timeout": Key(
        _parse_seconds,
        _show_seconds,
        30,
        "on PostgreSQL, how long one query may take before it is cancelled (0: no limit)",
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
    lock_timeout: int = 5  # seconds; PostgreSQL only
    statement_timeout: int = 30
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
                return check_today(parse_iso_day(pinned))
            except InputError as exc:
                raise InputError(f"COMPOUND_TODAY: {exc}") from None
        try:
            return check_today(logical_day(self.now().replace(tzinfo=None), self.day_starts_at))
        except InputError as exc:
            raise InputError(f"{exc}; check the system clock") from None


# A settings file holds a few short lines; one larger than this is not one.
MAX_SETTINGS_BYTES = 1 << 20


def read_file(path: Path) -> dict:
    """The raw table in the settings file; empty when there is none. A pipe, a device,
    a file over MAX_SETTINGS_BYTES or one that is not UTF-8 TOML is refused."""
    from compound.files import read_regular

    data = read_regular(path, MAX_SETTINGS_BYTES, "a settings file", StorageError)
    if data is None:
        return {}
    import tomllib  # only when there is a file to read: it sits on the status path

    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise StorageError(
            f"{path}, line {line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); fix or remove it"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise StorageError(f"{path} is not valid TOML ({exc}); fix or remove it") from None


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

    from compound.files import private_folder

    private_folder(path.parent)
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


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of the SQLite file at `path`, which may hold any character:
    ?, # and % are quoted as SQLAlchemy quotes them (and unquotes them again), so a
    file named my?data.db is that file, not my with a query."""
    from urllib.parse import quote

    return f"sqlite:///{quote(str(path), safe=' +/')}"


def choose_database(db_option: str | None) -> DatabaseChoice:
    """Which database to open, and why. A name that is not a regular file (a pipe, a
    device, a socket) is refused here, before anything opens it."""
    for source, value in (("--db", db_option), ("COMPOUND_DB", os.environ.get("COMPOUND_DB"))):
        if value:
            if any("\ud800" <= ch <= "\udfff" for ch in value):
                raise InputError(
                    f"{source}: the path {value!r} is not valid UTF-8; "
                    "rename the file or choose another"
                )
            path = Path(value).expanduser().absolute()
            return _sqlite_choice(path, source)
    url = os.environ.get("COMPOUND_DATABASE_URL")
    if url:
        file = None
        if url.startswith("sqlite:///") and "?" not in url:
            from urllib.parse import unquote

            file = Path(unquote(url.removeprefix("sqlite:///"))).absolute()
            _refuse_special(file, "COMPOUND_DATABASE_URL")
        return DatabaseChoice(url, file, "COMPOUND_DATABASE_URL")
    return _sqlite_choice(locations.default_database(), "default")


def _sqlite_choice(path: Path, source: str) -> DatabaseChoice:
    _refuse_special(path, source)
    return DatabaseChoice(sqlite_url(path), path, source)


def _refuse_special(path: Path, source: str) -> None:
    from compound.files import special_kind

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # none yet, or out of reach: the database layer says which
    kind = special_kind(mode)
    # A directory is left to the database layer too, which says more about it.
    if kind is not None and kind != "a directory":
        where = "" if source == "default" else f"{source}: "
        raise StorageError(f"{where}{path} is {kind}, not a database file")
