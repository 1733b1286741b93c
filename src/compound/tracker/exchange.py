"""Records out to files and in from other tools: export and import, for both front ends."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path
from typing import TextIO

from compound.domain.errors import InputError
from compound.domain.exports import ExportData
from compound.domain.imports import ImportSummary, ReadOptions
from compound.tracker import checks

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.exchange.registry import Exporter, Importer
    from compound.tracker.core import Tracker


class Exchange:
    def __init__(self, tracker: Tracker):
        self._tracker = tracker

    def export(
        self,
        form: str,
        *,
        target: Path | None = None,
        out: TextIO | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
    ) -> tuple[ExportData, Exporter]:
        """Write this profile's records from `since` to `until` (each optional) as `form`
        (json, csv or md): to the file `target` (whole, readable by its owner only), or
        to `out`. Returns what was written and the exporter that wrote it."""
        from compound.exchange.output import private_file, utf8_stream
        from compound.exchange.registry import exporter

        chosen = exporter(form)
        today = self._tracker.today()
        first = None if checks.blank(since) else checks.day(since, today)
        last = None if checks.blank(until) else checks.day(until, today)
        if first and last and last < first:
            raise InputError(
                f"the period ends ({last.isoformat()}) before it starts ({first.isoformat()})"
            )
        if target is not None:
            self._refuse_the_database(target)
        data = self._tracker.store.export_data(today, since=first, until=last)
        if target is None:
            if out is None:
                raise InputError("say where to write the export")
            with utf8_stream(out) as stream:
                chosen.write(data, stream)
        else:
            with private_file(target) as stream:
                chosen.write(data, stream)
        return data, chosen

    def default_target(self, form: str) -> Path:
        """Where an export goes when no folder is named: the documents folder (else home)."""
        from compound import locations
        from compound.exchange.registry import exporter

        return (
            locations.documents_dir() / f"compound-{self._tracker.today()}{exporter(form).suffix}"
        )

    def apply(
        self,
        batch: ImportBatch,
        *,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> ImportSummary:
        """Add what a file held, all of it or nothing; a dry run says what it would do."""
        return self._tracker.store.import_batch(batch, dry_run=dry_run, progress=progress)

    def _refuse_the_database(self, target: Path) -> None:
        location = Path(self._tracker.location)
        if location.is_file() and target.expanduser().resolve() == location.resolve():
            raise InputError(f"{target} is the database itself; name another file")


@contextmanager
def rehearsal(
    url: str, path: Path | None, profile: str, settings: Settings, today: Callable[[], date]
) -> Iterator[Tracker]:
    """A tracker for a dry run, which writes nothing: on a copy of the SQLite file at
    `path`, thrown away at the end (an older schema is upgraded in the copy, with
    its copy aside, and no daily backup is taken of it); on an empty database in
    memory when there is no file yet; on a database server, the database itself,
    where the import's transaction is rolled back."""
    from compound.config import sqlite_url
    from compound.tracker.core import Tracker

    with ExitStack() as stack:
        if path is not None and path.exists():
            from compound.db.sqlite_file import rehearsal_copy

            # mkdtemp makes the folder 0700: the copy holds the person's records.
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="compound-dry-run-"))
            copy = Path(folder) / path.name
            rehearsal_copy(path, copy)
            url = sqlite_url(copy)
        elif path is not None:
            url = "sqlite://"
        tracker = Tracker.on_demand(url, profile, settings, today)
        stack.callback(tracker.close)  # before the copy's folder goes
        yield tracker


def read_file(
    kind: str,
    path: Path,
    settings: Settings,
    *,
    strict: bool = False,
    habits: Sequence[str] = (),
) -> ImportBatch:
    """Read and check a file of `kind` whole, before any database is opened: a file
    that is refused creates and changes nothing. Rows with a problem are kept with
    what can be trusted (the batch lists them), or, `strict`, refuse the file.
    `habits` are the person's "NAME=KIND" choices of what to bring (Loop)."""
    from compound.exchange.registry import importer

    chosen = importer(kind)
    _check_source(chosen, path)
    options = ReadOptions(
        settings.day_starts_at,
        settings.timezone,
        strict=strict,
        habits=tuple(_habit(choice) for choice in habits),
    )
    return chosen.read(path, options)


def list_file(kind: str, path: Path) -> list[str]:
    """What a file of `kind` holds to choose from (Loop's habits), one line each."""
    from compound.exchange.registry import importer

    chosen = importer(kind)
    if chosen.listing is None:
        raise InputError(f"--list is for a file with habits to choose from (loop), not {kind}")
    _check_source(chosen, path)
    return chosen.listing(path)


def _check_source(chosen: Importer, path: Path) -> None:
    from compound.files import check_readable

    if chosen.folders and path.is_dir():
        return  # an unzipped export; its files are checked as they are read
    # A pipe, a device or a file that cannot be read is refused here, for every kind:
    # the formats that read the file whole also stop at a size limit.
    check_readable(path, "a file to import")


def _habit(choice: str) -> tuple[str, str]:
    name, equals, kind = choice.rpartition("=")
    if not equals or not name.strip() or not kind.strip():
        raise InputError(
            f'--habit {choice!r} is not NAME=KIND, like --habit "Read=reading" '
            'or --habit "Duolingo=practice"'
        )
    return name.strip(), kind.strip().lower()


if TYPE_CHECKING:
    from compound.config import Settings
    from compound.domain.imports import ImportBatch
