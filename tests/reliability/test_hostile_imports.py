"""Hostile input for every importer: whatever the file holds, `compound import` brings it
in cleanly or refuses it in one line, and a refusal changes nothing stored.

Property-based (hypothesis, derandomized). Each example starts from a realistic file
of the format (the samples in tests/fixtures/exchange, and a compound JSON export of
them) and damages it: bytes truncated, flipped, inserted, deleted or repeated; CSV
columns deleted, repeated or renamed, rows cut short or lengthened, cells replaced by
hostile text or a field of 200,000 characters, the whole file in another encoding;
JSON fields removed, retyped or nested deep; a KOReader database missing a table or a
column, or holding page reads of the wrong type or out of every range. Each goes
through the real command line (`compound import KIND FILE`) into a seeded database.
"""

from __future__ import annotations

import copy
import csv
import functools
import io
import json
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reliability_kit import cli, dump, hostile_examples

from compound.exchange.compound_json import document

SAMPLES = Path(__file__).parent.parent / "fixtures" / "exchange"
sys.path.insert(0, str(SAMPLES))
import koreader_stats  # noqa: E402
import sample_data  # noqa: E402

CSV_SAMPLES = {
    "goodreads": SAMPLES / "goodreads_library_export_2024.csv",
    "storygraph": SAMPLES / "storygraph_export.csv",
}
SAMPLE_DOCUMENT = document(sample_data.sample_export())


# Text that has broken importers: formulas, other digits, invisible and bidi
# characters, control codes, dates that do not exist, numbers out of every range.
NASTY = [
    "",
    " ",
    '=HYPERLINK("http://x")',
    "+1",
    "-5",
    "@SUM(A1)",
    "٣٠٢",
    "３００",
    "\u202e",
    "\u200b",
    "\x00",
    "\x1b[31m",
    "\x7f",
    "\r",
    "\n\n",
    '"',
    "'",
    ",",
    ";",
    "🙂" * 50,
    "İ",
    "0",
    "1e309",
    "nan",
    "-0",
    "9" * 40,
    "2024/02/30",
    "0000/00/00",
    "9999/12/31",
    "2024-13-01",
    "1/2/3",
    '=""',
    '="978',
    "N/A",
    "read",
    "to-read",
    "did-not-finish",
    "2025/03/01-2025/03/14, 2026/09/01-",
    "-2026/09/12",
    "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
]
HUGE = "x" * 200_000
CELL = st.sampled_from(NASTY) | st.text(max_size=20) | st.just(HUGE)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252", "shift_jis", "utf-32"]


@st.composite
def damaged_bytes(draw, data: bytes) -> bytes:
    """`data` with a few bytes truncated, flipped, inserted, deleted or repeated."""
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, max(0, len(data) - 1)))
        action = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "repeat"]))
        if action == "truncate":
            data = data[:where]
        elif action == "flip" and data:
            data = (
                data[:where] + bytes([data[where] ^ draw(st.integers(1, 255))]) + data[where + 1 :]
            )
        elif action == "insert":
            data = (
                data[:where]
                + draw(
                    st.binary(min_size=1, max_size=8)
                    | st.sampled_from(
                        [
                            b"\x00",
                            b"\xff\xfe",
                            b"\xef\xbb\xbf",
                            b'"',
                            b"\r\n",
                            b"\xc3",
                            b"\xed\xa0\x80",
                        ]
                    )
                )
                + data[where:]
            )
        elif action == "delete":
            data = data[:where] + data[where + draw(st.integers(1, 64)) :]
        else:
            size = draw(st.integers(1, 512))
            data = (
                data[:where]
                + data[where : where + size] * draw(st.integers(2, 5))
                + data[where + size :]
            )
    return data


@st.composite
def damaged_table(draw, sample: Path) -> bytes:
    """A CSV export with columns and rows damaged, then encoded, maybe not as UTF-8."""
    table = list(csv.reader(io.StringIO(sample.read_text(encoding="utf-8"), newline="")))
    for _ in range(draw(st.integers(1, 4))):
        width = max(len(r) for r in table)
        column = draw(st.integers(0, width - 1))
        row = draw(st.integers(0, len(table) - 1))
        action = draw(
            st.sampled_from(
                [
                    "drop column",
                    "drop header cell",
                    "repeat column",
                    "rename column",
                    "cell",
                    "cut row",
                    "lengthen row",
                    "drop rows",
                    "repeat row",
                    "header only",
                ]
            )
        )
        if action == "drop column":
            table = [r[:column] + r[column + 1 :] for r in table]
        elif action == "drop header cell":
            table[0] = table[0][:column] + table[0][column + 1 :]
        elif action == "repeat column":
            table = [r[: column + 1] + r[column:] for r in table]
        elif action == "rename column" and column < len(table[0]):
            table[0][column] = draw(CELL.filter(lambda c: len(c) < 100))
        elif action == "cell" and row > 0 and column < len(table[row]):
            table[row][column] = draw(CELL)
        elif action == "cut row":
            table[row] = table[row][:column]
        elif action == "lengthen row":
            table[row] = table[row] + draw(st.lists(CELL, min_size=1, max_size=3))
        elif action == "drop rows":
            table = table[:1] + table[1 + row :]
        elif action == "repeat row":
            table.insert(row, list(table[row]))
        elif action == "header only":
            table = table[:1]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator=draw(st.sampled_from(["\n", "\r\n", "\r"]))).writerows(table)
    return buffer.getvalue().encode(draw(st.sampled_from(ENCODINGS)), "replace")


JSON_VALUE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(
        [
            10**30,
            -1,
            0,
            2**63,
            1.5,
            "2026-02-30",
            "9999-12-31",
            "0001-01-01",
            "2026-11-22T07:30:00",
            "2026-11-22T07:30:00+99:00",
            "",
            HUGE,
        ]
    ),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def damaged_document(draw) -> bytes:
    """The sample compound export with fields removed, retyped, repeated or nested deep."""
    doc = copy.deepcopy(SAMPLE_DOCUMENT)
    for _ in range(draw(st.integers(1, 3))):
        parent, key = None, None
        node = doc
        while isinstance(node, (dict, list)) and node and draw(st.integers(0, 3)):
            parent = node
            key = draw(
                st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node)))
            )
            node = node[key]
        if parent is None:
            continue
        action = draw(st.sampled_from(["remove", "replace", "repeat", "nest"]))
        if action == "remove":
            del parent[key]
        elif action == "replace":
            parent[key] = draw(JSON_VALUE)
        elif action == "repeat" and isinstance(parent, list):
            parent.extend([copy.deepcopy(node)] * draw(st.integers(1, 3)))
        else:
            parent[key] = [[[[node]]]]
    text = json.dumps(
        doc, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 2]))
    )
    return text.encode(draw(st.sampled_from(["utf-8", "utf-8", "utf-16"])))


WHOLE_FILES = st.sampled_from(
    [
        b"",
        b"\n",
        b"\xef\xbb\xbf",
        b"[" * 100_000,
        b"{" * 100_000,
        b"null",
        b"[]",
        b"{}",
        b'"text"',
        b"\x00" * 4096,
        b"SQLite format 3\x00" + b"\x00" * 200,
    ]
)


# -- running an import ---------------------------------------------------------------------


@pytest.fixture
def pristine(seeded, tmp_path):
    copy_ = tmp_path / "pristine.db"
    shutil.copy(seeded, copy_)
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    return seeded, copy_, dump(copy_), incoming


def import_checked(pristine, kind: str, name: str, write, figures) -> None:
    """Put the database back, write the file with `write(path)`, import it, check."""
    seeded, copy_, stored, incoming = pristine
    for suffix in ("-wal", "-shm"):
        Path(f"{seeded}{suffix}").unlink(missing_ok=True)
    shutil.copy(copy_, seeded)
    path = incoming / name
    path.unlink(missing_ok=True)
    write(path)
    result = cli("import", kind, str(path))
    figures.add("hostile inputs tried: imported files")
    figures.add(f"imported files that exited {result.code}")
    said = (kind, result.code, result.out[:300], result.err[:300])
    assert "Traceback" not in result.err, said
    if result.code == 2:
        assert result.refused_in_one_line(), said
        assert dump(seeded) == stored, said  # a refusal changes nothing stored
    else:
        assert result.code == 0, said
        assert result.err == "", said
        assert result.out.startswith(f"Imported {name} ({kind})"), said


def bytes_writer(data: bytes):
    return lambda path: path.write_bytes(data)


# -- CSV: Goodreads and StoryGraph ---------------------------------------------------------


@given(kind=st.sampled_from(sorted(CSV_SAMPLES)), data=st.data())
@hostile_examples(80)
def test_damaged_csv_exports_import_or_are_refused(pristine, kind, data, figures):
    sample = CSV_SAMPLES[kind]
    content = data.draw(damaged_table(sample) | damaged_bytes(sample.read_bytes()) | WHOLE_FILES)
    import_checked(pristine, kind, "export.csv", bytes_writer(content), figures)


# -- compound JSON -------------------------------------------------------------------------


@given(
    content=damaged_document()
    | damaged_bytes(json.dumps(SAMPLE_DOCUMENT, ensure_ascii=False).encode())
    | WHOLE_FILES
)
@hostile_examples(80)
def test_damaged_compound_exports_import_or_are_refused(pristine, content, figures):
    import_checked(pristine, "compound", "export.json", bytes_writer(content), figures)


# -- KOReader ------------------------------------------------------------------------------

VALUE = (
    st.integers(-(2**63), 2**63 - 1)
    | st.sampled_from([0, -1, 1, 2**31, 2**53, 10**12])
    | st.floats()
    | st.text(max_size=10)
    | st.binary(max_size=10)
    | st.none()
    | st.just(HUGE)
)
TURN = st.tuples(st.sampled_from([1, 2, 3, 99]) | VALUE, VALUE, VALUE, VALUE, VALUE)
BOOK = st.tuples(st.sampled_from([1, 4]) | VALUE, VALUE, VALUE, VALUE, VALUE)
COLUMNS = {
    "book": ["id", "title", "authors", "pages", "md5"],
    "page_stat_data": ["id_book", "page", "start_time", "duration", "total_pages"],
}


@st.composite
def damaged_statistics(draw):
    """Statements that damage KOReader's statistics database once it is written."""
    statements: list[tuple[str, tuple]] = [("DROP VIEW page_stat", ())]
    for _ in range(draw(st.integers(1, 3))):
        table = draw(st.sampled_from(sorted(COLUMNS)))
        action = draw(
            st.sampled_from(
                [
                    "drop table",
                    "rename table",
                    "drop column",
                    "rename column",
                    "empty",
                    "rows",
                    "rows",
                    "rows",
                ]
            )
        )
        if action == "drop table":
            statements.append((f"DROP TABLE IF EXISTS {table}", ()))
        elif action == "rename table":
            statements.append((f"ALTER TABLE {table} RENAME TO {table}_old", ()))
        elif action in ("drop column", "rename column"):
            column = draw(st.sampled_from(COLUMNS[table]))
            kept = ", ".join(c for c in COLUMNS[table] if c != column)
            if action == "rename column":
                kept += f", {column} AS {column}_renamed"
            statements += [
                (f"CREATE TABLE damaged AS SELECT {kept} FROM {table}", ()),
                (f"DROP TABLE {table}", ()),
                (f"ALTER TABLE damaged RENAME TO {table}", ()),
            ]
        elif action == "empty":
            statements.append((f"DELETE FROM {table}", ()))
        else:
            columns = ", ".join(COLUMNS[table])
            for row in draw(
                st.lists(TURN if table == "page_stat_data" else BOOK, min_size=1, max_size=5)
            ):
                statements.append(
                    (f"INSERT OR IGNORE INTO {table} ({columns}) VALUES (?, ?, ?, ?, ?)", row)
                )
    return statements


@functools.cache
def sample_statistics() -> bytes:
    """The sample statistics.sqlite3, written once."""
    with tempfile.TemporaryDirectory() as tmp:
        return koreader_stats.write(Path(tmp) / "statistics.sqlite3").read_bytes()


def write_statistics(statements):
    def write(path: Path) -> None:
        path.write_bytes(sample_statistics())
        con = sqlite3.connect(path)
        try:
            con.execute("PRAGMA synchronous = OFF")  # a scratch file: no need to wait for the disk
            for sql, parameters in statements:
                try:
                    con.execute(sql, parameters)
                except sqlite3.Error:
                    pass  # a damage that cannot apply (the table is gone already)
            con.commit()
        finally:
            con.close()

    return write


@given(statements=damaged_statistics())
@hostile_examples(60)
def test_damaged_koreader_databases_import_or_are_refused(pristine, statements, figures):
    import_checked(
        pristine, "koreader", "statistics.sqlite3", write_statistics(statements), figures
    )


@given(data=st.data())
@hostile_examples(50)
def test_koreader_files_with_damaged_bytes_import_or_are_refused(pristine, data, figures):
    content = data.draw(damaged_bytes(sample_statistics()) | WHOLE_FILES)
    import_checked(pristine, "koreader", "statistics.sqlite3", bytes_writer(content), figures)


# -- damage that once got past an importer, kept as fixed examples ---------------------------


def _turn(page, start, duration, total=302, book=1):
    return (
        "INSERT INTO page_stat_data VALUES (?, ?, ?, ?, ?)",
        (book, page, start, duration, total),
    )


def _book(title, authors, pages):
    return (
        "INSERT INTO book (id, title, authors, pages, md5) VALUES (9, ?, ?, ?, NULL)",
        (title, authors, pages),
    )


KNOWN = {
    "json nested 100,000 deep": ("compound", "export.json", bytes_writer(b"[" * 100_000)),
    "csv field over the csv module's limit": (
        "goodreads",
        "export.csv",
        bytes_writer(
            CSV_SAMPLES["goodreads"].read_bytes().replace(b"Norwegian Wood", HUGE.encode())
        ),
    ),
    "page read in the year 36812": (
        "koreader",
        "statistics.sqlite3",
        write_statistics([_turn(5, 2**40, 60)]),
    ),
    "page read past what a time can hold": (
        "koreader",
        "statistics.sqlite3",
        write_statistics([_turn(5, 2**62, 60)]),
    ),
    "a page open for 2**62 seconds": (
        "koreader",
        "statistics.sqlite3",
        write_statistics([_turn(5, 10**9, 2**62)]),
    ),
    "a book of 10**12 pages": (
        "koreader",
        "statistics.sqlite3",
        write_statistics([_book("Huge", "A", 10**12), _turn(5, 10**9, 60, total=1, book=9)]),
    ),
    "a title that is not UTF-8": (
        "koreader",
        "statistics.sqlite3",
        write_statistics(
            [("UPDATE book SET title = CAST(? AS TEXT) WHERE id = 1", (b"\xe2\x28\xa1 broken",))]
        ),
    ),
    "a schema that is not UTF-8": (
        "koreader",
        "statistics.sqlite3",
        write_statistics(
            [
                ("PRAGMA writable_schema = ON", ()),
                (
                    "UPDATE sqlite_master SET sql = CAST(? AS TEXT) WHERE name = 'numbers'",
                    (b"CREATE TABLE numbers (number INTEGER PRIMARY KEY, \xe2\x28\xa1)",),
                ),
            ]
        ),
    ),
    "a title stored as bytes": (
        "koreader",
        "statistics.sqlite3",
        write_statistics([_book(b"\xff\x00", b"\xfe", 300), _turn(5, 10**9, 60, book=9)]),
    ),
}


@pytest.mark.parametrize("case", sorted(KNOWN))
def test_known_hostile_files_import_or_are_refused(pristine, case, figures):
    kind, name, write = KNOWN[case]
    import_checked(pristine, kind, name, write, figures)
