"""compound's own JSON: what it writes, that it reads back the same, and what it refuses."""

from __future__ import annotations

import json

import pytest
from sample_data import sample_export

from compound.domain.errors import InputError
from compound.domain.imports import ReadOptions
from compound.exchange.compound_json import VERSION, document, read, write


def written(tmp_path, doc) -> object:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_document_carries_its_format_and_version_and_keeps_unicode(tmp_path):
    path = tmp_path / "export.json"
    with path.open("w", encoding="utf-8") as out:
        write(sample_export(), out)
    text = path.read_text(encoding="utf-8")
    assert "ノルウェイの森 🌲" in text and "\\u" not in text
    doc = json.loads(text)
    assert (doc["format"], doc["version"], doc["profile"]) == ("compound", VERSION, "ana")
    assert doc["period"] == {"from": None, "to": None}
    assert [
        len(doc[k]) for k in ("books", "reading_logs", "learning_sessions", "goals", "skip_days")
    ] == [3, 5, 1, 1, 1]
    assert doc["reading_logs"][3] == {
        "id": 13,
        "day": "2026-11-21",
        "pages": 25,
        "book_id": 5,
        "minutes": 40,
        "note": None,
        "started_book": True,
        "import_key": "koreader:abc:2026-11-21",
        "created_at": "2026-11-21T21:15:30.123456+00:00",
    }


def test_reading_gives_back_every_field(tmp_path):
    data = sample_export()
    batch = read(written(tmp_path, document(data)), ReadOptions())
    assert [
        (
            b.ref,
            b.title,
            b.author,
            b.total_pages,
            b.isbn,
            b.status,
            b.started_on,
            b.finished_on,
            b.source,
        )
        for b in batch.books
    ] == [
        (
            str(b.id),
            b.title,
            b.author,
            b.total_pages,
            b.isbn,
            b.status,
            b.started_on,
            b.finished_on,
            b.source,
        )
        for b in data.books
    ]
    assert [
        (r.day, r.pages, r.book_ref, r.minutes, r.note, r.created_at, r.started_book, r.import_key)
        for r in batch.logs
    ] == [
        (
            r.day,
            r.pages,
            str(r.book_id),
            r.minutes,
            r.note,
            r.created_at,
            r.started_book,
            r.import_key,
        )
        for r in data.reading_logs
    ]
    assert [(s.day, s.minutes, s.kind, s.topic, s.created_at) for s in batch.sessions] == [
        (s.day, s.minutes, s.kind, s.topic, s.created_at) for s in data.sessions
    ]
    assert [(g.kind, g.target, g.since) for g in batch.goals] == [
        (g.kind, g.target, g.since) for g in data.goals
    ]
    assert [(s.day, s.reason) for s in batch.skips] == [(s.day, s.reason) for s in data.skips]


def _broken(key, index, **fields):
    doc = document(sample_export())
    doc[key][index].update(fields)
    return doc


@pytest.mark.parametrize(
    "doc, message",
    [
        ({"format": "something else"}, "export.json is not a compound export"),
        (
            {"format": "compound", "version": VERSION + 1},
            f"export.json was written by a newer compound (format version {VERSION + 1}; this one "
            f"reads up to {VERSION}): upgrade compound to import it",
        ),
        (
            {"format": "compound", "version": "1"},
            "export.json: version '1' is not a format version",
        ),
        (
            {"format": "compound", "version": 1, "books": {}},
            "export.json, books: expected a list of records",
        ),
        (
            _broken("books", 1, status="done"),
            "export.json, books[1]: status 'done' is not one of "
            "to-read, reading, finished, abandoned",
        ),
        (_broken("books", 2, id=3), "export.json, books[2]: id 3 is used by an earlier book"),
        (_broken("books", 0, title=""), "export.json, books[0]: title cannot be empty"),
        (
            _broken("books", 0, isbn="9781455586690"),
            "export.json, books[0]: ISBN '9781455586690' has a wrong check digit",
        ),
        (
            _broken("reading_logs", 2, book_id=99),
            "export.json, reading_logs[2]: book_id 99 is not among the books",
        ),
        (
            _broken("reading_logs", 0, pages=0),
            "export.json, reading_logs[0]: pages must be at least 1, not 0",
        ),
        (
            _broken("reading_logs", 0, pages="12"),
            "export.json, reading_logs[0]: pages must be a whole number, not '12'",
        ),
        (
            _broken("reading_logs", 4, day="2026-02-30"),
            "export.json, reading_logs[4]: day '2026-02-30' is not a real date",
        ),
        (
            _broken("reading_logs", 1, created_at="2026-11-18T21:15:30"),
            "export.json, reading_logs[1]: created_at '2026-11-18T21:15:30' is not a time with its "
            "offset",
        ),
        (
            _broken("learning_sessions", 0, kind="lecture"),
            "export.json, learning_sessions[0]: kind 'lecture' is not one of course, workshop",
        ),
        (
            _broken("goals", 0, target=-5),
            "export.json, goals[0]: target must be at least 1, not -5",
        ),
        (_broken("skip_days", 0, day=None), "export.json, skip_days[0]: day is missing"),
    ],
)
def test_a_broken_document_is_refused_naming_the_record(tmp_path, doc, message):
    with pytest.raises(InputError) as refused:
        read(written(tmp_path, doc), ReadOptions())
    assert str(refused.value).startswith(message)


def test_text_that_is_not_json_is_refused_with_its_line(tmp_path):
    path = tmp_path / "export.json"
    path.write_text('{\n  "format": "compound",\n  "version": 1,,\n}\n')
    with pytest.raises(InputError, match=r"^export.json, line 3: not valid JSON"):
        read(path, ReadOptions())
