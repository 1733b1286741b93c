"""compound's own JSON: what it writes, that it reads back the same, and what it refuses."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sample_data import sample_export

from compound.domain.errors import InputError
from compound.domain.imports import ReadOptions
from compound.domain.records import BookStatus
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
            {"format": "compound", "version": 1, "reading_logs": "none"},
            "export.json, reading_logs: expected a list of records",
        ),
    ],
)
def test_a_file_that_is_not_a_compound_export_is_refused_whole(tmp_path, doc, message):
    for strict in (False, True):
        with pytest.raises(InputError) as refused:
            read(written(tmp_path, doc), ReadOptions(strict=strict))
        assert str(refused.value).startswith(message)


# A problem confined to one record: (the document, the refusal under --strict, what is
# listed otherwise as repaired, and as skipped).
RECORD_PROBLEMS = [
    (
        _broken("books", 1, status="done"),
        "export.json, books[1]: status 'done' is not one of to-read, reading, finished, abandoned",
        [
            (
                "books[1]",
                "status 'done' is not one of to-read, reading, finished, abandoned; "
                'read as "reading", from its days',
            )
        ],
        [],
    ),
    (
        _broken("books", 2, id=3),
        "export.json, books[2]: id 3 is used by an earlier book",
        [],
        [("books[2]", "id 3 is used by an earlier book")],
    ),
    (
        _broken("books", 0, title=""),
        "export.json, books[0]: title cannot be empty",
        [
            (
                f"reading_logs[{i}]",
                "book_id 3 is books[0], which was left out; imported without its book",
            )
            for i in range(3)
        ],
        [("books[0]", "title cannot be empty")],
    ),
    (
        _broken("books", 0, isbn="9781455586690"),
        'export.json, books[0]: isbn "9781455586690" is not an ISBN (its check digit is wrong)',
        [
            (
                "books[0]",
                'isbn "9781455586690" is not an ISBN (its check digit is wrong); '
                "imported without it",
            )
        ],
        [],
    ),
    (
        _broken("books", 0, started_on="2026-11-20", finished_on="2026-11-02"),
        "export.json, books[0]: finished on 2026-11-02, before it was started on 2026-11-20",
        [
            (
                "books[0]",
                "finished on 2026-11-02, before it was started on 2026-11-20; "
                "read as started on 2026-11-02, finished on 2026-11-20",
            )
        ],
        [],
    ),
    (
        _broken("reading_logs", 2, book_id=99),
        "export.json, reading_logs[2]: book_id 99 is not among the books",
        [("reading_logs[2]", "book_id 99 is not among the books; imported without its book")],
        [],
    ),
    (
        _broken("reading_logs", 0, pages=0),
        "export.json, reading_logs[0]: pages must be at least 1, not 0",
        [],
        [("reading_logs[0]", "pages must be at least 1, not 0")],
    ),
    (
        _broken("reading_logs", 0, pages="12"),
        "export.json, reading_logs[0]: pages must be a whole number, not '12'",
        [],
        [("reading_logs[0]", "pages must be a whole number, not '12'")],
    ),
    (
        # Bad pages, but the minutes read are there: kept as reading measured by time.
        _broken("reading_logs", 1, pages="twelve"),
        "export.json, reading_logs[1]: pages must be a whole number, not 'twelve'",
        [
            (
                "reading_logs[1]",
                "pages must be a whole number, not 'twelve'; imported as 25 minutes without pages",
            )
        ],
        [],
    ),
    (
        _broken("reading_logs", 4, day="2026-02-30"),
        "export.json, reading_logs[4]: day '2026-02-30' is not a real date",
        [],
        [("reading_logs[4]", "day '2026-02-30' is not a real date")],
    ),
    (
        _broken("reading_logs", 1, created_at="2026-11-18T21:15:30"),
        "export.json, reading_logs[1]: created_at '2026-11-18T21:15:30' is not a time with its "
        "offset",
        [
            (
                "reading_logs[1]",
                "created_at '2026-11-18T21:15:30' is not a time with its offset, like "
                "2026-11-22T07:30:00+00:00; the time of the import is kept instead",
            )
        ],
        [],
    ),
    (
        _broken("learning_sessions", 0, kind="lecture"),
        "export.json, learning_sessions[0]: kind 'lecture' is not one of course, workshop",
        [
            (
                "learning_sessions[0]",
                "kind 'lecture' is not one of course, workshop, talk, podcast, article, "
                'practice, other; read as "other"',
            )
        ],
        [],
    ),
    (
        _broken("goals", 0, target=-5),
        "export.json, goals[0]: target must be at least 1, not -5",
        [],
        [("goals[0]", "target must be at least 1, not -5")],
    ),
    (
        _broken("skip_days", 0, day=None),
        "export.json, skip_days[0]: day is missing",
        [],
        [("skip_days[0]", "day is missing")],
    ),
]


@pytest.mark.parametrize("doc, message, repaired, skipped", RECORD_PROBLEMS)
def test_a_problem_in_one_record_is_refused_under_strict(tmp_path, doc, message, repaired, skipped):
    with pytest.raises(InputError) as refused:
        read(written(tmp_path, doc), ReadOptions(strict=True))
    assert str(refused.value).startswith(message)
    assert str(refused.value).count("\n") == 0


@pytest.mark.parametrize("doc, message, repaired, skipped", RECORD_PROBLEMS)
def test_a_problem_in_one_record_salvages_it_and_keeps_the_rest(
    tmp_path, doc, message, repaired, skipped
):
    batch = read(written(tmp_path, doc), ReadOptions())
    assert list(batch.repaired) == repaired
    assert list(batch.skipped) == skipped
    whole = read(written(tmp_path, document(sample_export())), ReadOptions())
    # Only what was skipped is missing; everything else is there.
    assert len(batch.books) + sum(w.startswith("books") for w, _ in skipped) == len(whole.books)
    assert len(batch.logs) + sum(w.startswith("reading_logs") for w, _ in skipped) == len(
        whole.logs
    )
    assert len(batch.goals) + len(batch.skips) + len(batch.sessions) + sum(
        w.startswith(("goals", "skip_days", "learning_sessions")) for w, _ in skipped
    ) == len(whole.goals) + len(whole.skips) + len(whole.sessions)


def test_salvaged_records_hold_what_could_be_trusted(tmp_path):
    doc = document(sample_export())
    doc["books"][0].update(started_on="2026-11-20", finished_on="2026-11-02", isbn="123")
    doc["books"][1]["status"] = None
    doc["reading_logs"][1]["pages"] = -3
    doc["reading_logs"][2]["book_id"] = "three"
    batch = read(written(tmp_path, doc), ReadOptions())
    first, second, _third = batch.books
    assert (first.started_on, first.finished_on, first.isbn, first.title) == (
        date(2026, 11, 2),
        date(2026, 11, 20),
        None,
        "*Deep* Work | Rules",
    )
    assert second.status == BookStatus.READING  # started, not finished: being read
    assert (batch.logs[1].pages, batch.logs[1].minutes) == (0, 25)
    assert (batch.logs[2].book_ref, batch.logs[2].pages) == (None, 15)
    assert [where for where, _ in batch.repaired] == [
        "books[0]",
        "books[0]",
        "books[1]",
        "reading_logs[1]",
        "reading_logs[2]",
    ]


def test_a_log_read_by_time_alone_imports_back(tmp_path):
    doc = document(sample_export())
    doc["reading_logs"][1]["pages"] = 0  # 25 minutes of an audiobook
    batch = read(written(tmp_path, doc), ReadOptions(strict=True))
    assert (batch.logs[1].pages, batch.logs[1].minutes) == (0, 25)


def test_text_that_is_not_json_is_refused_with_its_line(tmp_path):
    path = tmp_path / "export.json"
    path.write_text('{\n  "format": "compound",\n  "version": 1,,\n}\n')
    with pytest.raises(InputError, match=r"^export.json, line 3: not valid JSON"):
        read(path, ReadOptions())
