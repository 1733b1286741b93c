"""Records out to files and in from other tools: export and import, for both front ends."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TextIO

from compound.domain.errors import InputError
from compound.domain.exports import ExportData
from compound.domain.imports import ImportSummary, ReadOptions
from compound.tracker import checks

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.exchange.registry import Exporter
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


def read_file(kind: str, path: Path, settings: Settings) -> ImportBatch:
    """Read and check a file of `kind` whole, before any database is opened: a file
    that is refused creates and changes nothing."""
    from compound.exchange.registry import importer

    if not path.exists():
        raise InputError(f"there is no file {path}")
    if path.is_dir():
        raise InputError(f"{path} is a directory; name the file to import")
    return importer(kind).read(path, ReadOptions(settings.day_starts_at, settings.timezone))


if TYPE_CHECKING:
    from compound.config import Settings
    from compound.domain.imports import ImportBatch
