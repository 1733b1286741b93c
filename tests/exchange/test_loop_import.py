"""Reading Loop Habit Tracker's exports: the chosen habits' days done by hand, and skips."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, time

import loop_files
import pytest
from loop_files import d

from compound.domain.errors import InputError
from compound.domain.imports import ReadOptions
from compound.domain.quantities import MAX_PAGES_PER_LOG
from compound.domain.records import SessionKind
from compound.exchange import loop
from compound.exchange.loop import listing, read
from compound.store.repository import Store

CHOSEN = (
    ("read", "reading"),  # names match whatever their case
    ("  Duolingo ", "practice:15"),
    ("Read, write", "other:20"),
    ("Listen", "podcast"),
)


def choose(*habits: tuple[str, str], strict: bool = False) -> ReadOptions:
    return ReadOptions(habits=habits or CHOSEN, strict=strict)


def logs(batch):
    return [(log.day, log.pages, log.minutes, log.import_key) for log in batch.logs]


def sessions(batch):
    return [(s.day, s.minutes, s.kind, s.topic) for s in batch.sessions]


def noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


@pytest.fixture
def export_zip(tmp_path):
    return loop_files.write_zip(tmp_path / "Loop Habits CSV 2024-03-07.zip", loop_files.files_2x())


def test_the_chosen_habits_days_done_by_hand_come_in(export_zip):
    batch = read(export_zip, choose())
    assert batch.kind == "loop" and batch.source == "Loop Habits CSV 2024-03-07.zip"
    # Read: numeric in pages; 0 on the 4th is not reading, the 5th was skipped.
    assert logs(batch) == [
        (d(1), 30, None, "loop:read:2024-03-01"),
        (d(2), 12, None, "loop:read:2024-03-02"),
        (d(6), 45, None, "loop:read:2024-03-06"),
    ]
    assert [log.note for log in batch.logs] == [
        "Dune, chapter 3",
        None,
        "finished it, on the train",
    ]
    # Duolingo: only YES_MANUAL days (YES_AUTO on the 2nd and 6th is Loop's guess),
    # 15 minutes each as asked; Listen: its minutes.
    assert sessions(batch) == [
        (d(1), 15, SessionKind.PRACTICE, "Duolingo"),
        (d(3), 15, SessionKind.PRACTICE, "Duolingo"),
        (d(7), 15, SessionKind.PRACTICE, "Duolingo"),
        (d(3), 20, SessionKind.OTHER, "Read, write"),
        (d(2), 25, SessionKind.PODCAST, "Listen"),
        (d(7), 90, SessionKind.PODCAST, "Listen"),
    ]
    assert batch.sessions[1].note == "Lesson 12: the subjunctive"
    assert [s.created_at for s in batch.sessions] == [noon(s.day) for s in batch.sessions]
    # Both habits skipped the 5th: one skip day.
    assert [(s.day, s.reason) for s in batch.skips] == [(d(5), "skipped in Loop")]
    assert batch.skipped == () and batch.repaired == ()


def test_only_the_habits_asked_for_come_in(export_zip):
    batch = read(export_zip, choose(("Listen", "reading")))
    assert logs(batch) == [
        (d(2), 0, 25, "loop:listen:2024-03-02"),  # reading measured by time
        (d(7), 0, 90, "loop:listen:2024-03-07"),
    ]
    assert batch.sessions == () and batch.skips == ()


def _expected(batch):
    return (
        logs(batch),
        sessions(batch),
        [s.created_at for s in batch.sessions],
        [s.day for s in batch.skips],
    )


@pytest.mark.parametrize(
    "form",
    ["folder", "named values", "Entry cells, broken header", "Habits.csv named", "backup"],
)
def test_every_form_of_the_same_week_brings_the_same(tmp_path, export_zip, form):
    if form == "folder":
        path = loop_files.write_folder(tmp_path / "Loop Habits CSV", loop_files.files_2x())
    elif form == "named values":
        path = loop_files.write_folder(tmp_path / "x", loop_files.files_2x(named=True))
    elif form == "Entry cells, broken header":
        # No folders: the all-habits file alone, its "Read, write" splitting the header
        # and every cell an Entry(timestamp=…, value=…).
        files = loop_files.without_folders(loop_files.files_2x(entry_cells=True))
        assert "Entry(timestamp=2024-03-07, value=2)" in files["Checkmarks.csv"]
        path = loop_files.write_zip(tmp_path / "entries.zip", files)
    elif form == "Habits.csv named":
        path = loop_files.write_folder(tmp_path / "x", loop_files.files_2x()) / "Habits.csv"
    else:
        path = loop_files.write_backup(tmp_path / "Loop Habits Backup 2024-03-07.db")
    batch = read(path, choose())
    assert _expected(batch) == _expected(read(export_zip, choose()))
    assert batch.skipped == ()


def test_the_all_habits_file_stands_in_for_a_habit_without_a_folder(tmp_path):
    files = loop_files.files_2x()
    del files["004 Listen/Checkmarks.csv"]
    path = loop_files.write_zip(tmp_path / "partial.zip", files)
    batch = read(path, choose(("Listen", "podcast")))
    assert sessions(batch) == [
        (d(2), 25, SessionKind.PODCAST, "Listen"),
        (d(7), 90, SessionKind.PODCAST, "Listen"),
    ]
    # That file has no notes; the folders do.
    assert [s.note for s in batch.sessions] == [None, None]


def test_a_header_that_cannot_be_matched_and_no_folder_is_refused(tmp_path):
    files = loop_files.without_folders(loop_files.files_2x())
    files["Checkmarks.csv"] = files["Checkmarks.csv"].replace("Read, write,", "Write, read,", 1)
    path = loop_files.write_zip(tmp_path / "broken.zip", files)
    with pytest.raises(InputError, match=r"the days of 'Listen' cannot be found"):
        read(path, choose(("Listen", "podcast")))


def test_1x_counts_checks_by_hand_not_those_the_frequency_implied(tmp_path):
    path = loop_files.write_zip(tmp_path / "Loop Habits CSV 2018-03-07.zip", loop_files.files_1x())
    batch = read(path, choose(("Read", "reading"), ("Duolingo", "course:10")))
    # 1.x says nothing of units: amounts past Loop's codes make Read numeric.
    assert logs(batch) == [
        (d(1), 30, None, "loop:read:2024-03-01"),
        (d(2), 12, None, "loop:read:2024-03-02"),
        (d(6), 45, None, "loop:read:2024-03-06"),
    ]
    # 2 on the 1st, 3rd and 7th; 1 (implied) on the 2nd and 6th is not.
    assert [s.day for s in batch.sessions] == [d(1), d(3), d(7)]
    assert listing(path)[:2] == [
        '"Read": numeric; 3 days done, 2024-03-01 to 2024-03-06',
        '"Duolingo": yes/no; 3 days done, 2024-03-01 to 2024-03-07',
    ]


def test_listing_names_each_habit_what_it_counts_and_its_days(export_zip):
    lines = listing(export_zip)
    assert lines[:4] == [
        '"Read": numeric, in pages; 3 days done, 2024-03-01 to 2024-03-06; 1 day skipped',
        '"Duolingo": yes/no; 3 days done, 2024-03-01 to 2024-03-07; 1 day skipped',
        '"Read, write": yes/no; 1 day done, 2024-03-03 to 2024-03-03',
        '"Listen": numeric, in minutes; 2 days done, 2024-03-02 to 2024-03-07',
    ]
    assert '--habit "NAME=practice:15"' in lines[4]


def test_an_hour_is_sixty_minutes_and_a_yes_no_reading_habit_takes_minutes(tmp_path):
    files = loop_files.files_2x()
    files["Habits.csv"] = files["Habits.csv"].replace(",minutes,", ",hours,")
    name = "004 Listen/Checkmarks.csv"
    files[name] = files[name].replace("25000", "1500").replace("90000", "30000")
    path = loop_files.write_zip(tmp_path / "hours.zip", files)
    batch = read(path, choose(("Listen", "talk"), ("Read, write", "reading:25")))
    assert [(s.day, s.minutes) for s in batch.sessions] == [(d(2), 90)]
    assert batch.skipped == ((f"{name}, row 2", "30 hours is more than a day"),)
    assert logs(batch) == [(d(3), 0, 25, "loop:read, write:2024-03-03")]


@pytest.mark.parametrize(
    ("habits", "refusal"),
    [
        ((), r"say which Loop habits to bring.*--list.*--habit \"Read=reading\""),
        ((("Knit", "reading"),), r"has no habit 'Knit'; its habits: \"Read\", \"Duolingo\""),
        ((("Duolingo", "practice"),), r"\"Duolingo\" is yes/no in Loop.*Duolingo=practice:15"),
        ((("Duolingo", "reading"),), r"yes/no in Loop.*Duolingo=reading:15"),
        ((("Duolingo", "knitting"),), r"'knitting' is not reading or a kind of learning"),
        ((("Duolingo", "practice:0"),), r"'0' is not a number of minutes from 1"),
        ((("Duolingo", "practice:lots"),), r"'lots' is not a number of minutes"),
        ((("Listen", "podcast:30"),), r"counts minutes in Loop: its minutes are its own"),
        ((("Read", "course"),), r"counts pages in Loop, not time.*Read=course:15"),
        ((("Read", "reading"), ("READ", "practice:5")), r"\"Read\" is chosen twice"),
    ],
)
def test_choices_that_cannot_be_met_are_refused_in_one_line(export_zip, habits, refusal):
    options = ReadOptions(habits=habits)
    with pytest.raises(InputError, match=refusal) as refused:
        read(export_zip, options)
    assert "\n" not in str(refused.value)


def test_a_numeric_habit_of_another_unit_needs_minutes(tmp_path):
    files = loop_files.files_2x()
    files["Habits.csv"] = files["Habits.csv"].replace(",pages,", ",chapters,")
    path = loop_files.write_zip(tmp_path / "chapters.zip", files)
    with pytest.raises(InputError, match=r"counts chapters in Loop, not pages or time"):
        read(path, choose(("Read", "reading")))
    batch = read(path, choose(("Read", "reading:30")))
    assert logs(batch) == [
        (d(1), 0, 30, "loop:read:2024-03-01"),
        (d(2), 0, 30, "loop:read:2024-03-02"),
        (d(6), 0, 30, "loop:read:2024-03-06"),
    ]


def _damaged(tmp_path):
    files = loop_files.files_2x()
    lines = files["001 Read/Checkmarks.csv"].splitlines()
    # Newest first after the header: row 2 is the 6th, row 5 the 2nd, row 6 the 1st.
    lines[1] = lines[1].replace("45000", "forty-five")
    lines[5] = lines[5].replace("2024-03-01", "2024-02-30")
    lines.append("2024-03-02,99000,")  # row 7: the 2nd again
    files["001 Read/Checkmarks.csv"] = "\n".join(lines) + "\n"
    files["002 Duolingo/Checkmarks.csv"] = files["002 Duolingo/Checkmarks.csv"].replace(
        "Lesson 12", "Lesson\x1b[31m 12"
    )
    return loop_files.write_zip(tmp_path / "damaged.zip", files)


def test_a_bad_cell_leaves_out_its_day_and_says_where(tmp_path):
    batch = read(_damaged(tmp_path), choose(("Read", "reading"), ("Duolingo", "practice:15")))
    assert logs(batch) == [(d(2), 12, None, "loop:read:2024-03-02")]
    assert batch.skipped == (
        ("001 Read/Checkmarks.csv, row 2", "'forty-five' is not a value Loop writes"),
        ("001 Read/Checkmarks.csv, row 6", "'2024-02-30' is not a date (YYYY-MM-DD)"),
        (
            "001 Read/Checkmarks.csv, row 7",
            "2024-03-02 again (first at 001 Read/Checkmarks.csv, row 5)",
        ),
    )
    # A note that cannot be kept leaves the day without it.
    assert [s.note for s in batch.sessions] == [None, None, None]
    [(where, what)] = batch.repaired
    assert where == "002 Duolingo/Checkmarks.csv, row 6"  # the 3rd
    assert what.endswith("imported without the note")


def test_strict_refuses_at_the_first_bad_cell(tmp_path):
    with pytest.raises(
        InputError, match=r"^damaged.zip, 001 Read/Checkmarks.csv, row 2: 'forty-five' "
    ):
        read(_damaged(tmp_path), choose(("Read", "reading"), strict=True))


def test_amounts_a_log_cannot_hold_are_left_out(tmp_path):
    files = loop_files.files_2x()
    name = "001 Read/Checkmarks.csv"
    files[name] = files[name].replace("30000", "400").replace("45000", "9000000000")
    batch = read(loop_files.write_zip(tmp_path / "big.zip", files), choose(("Read", "reading")))
    assert logs(batch) == [(d(2), 12, None, "loop:read:2024-03-02")]
    assert [why for _where, why in batch.skipped] == [
        "0.4 pages is not a page",
        f"9,000,000 pages in one day; one day's log holds {MAX_PAGES_PER_LOG:,}",
    ]


@pytest.mark.parametrize(
    ("make", "refusal"),
    [
        (lambda p: p.write_text("Title,Author\nDune,Frank Herbert\n"), r"is not a Loop Habit"),
        (lambda p: p.write_bytes(b""), r"is not a Loop Habit Tracker export"),
        (
            lambda p: loop_files.write_zip(p, {"Books.csv": "Title\nDune\n"}),
            r"holds no Habits.csv",
        ),
        (
            lambda p: loop_files.write_zip(p, {"Habits.csv": "Title,Author\nDune,X\n"}),
            r"Habits.csv has no Name column",
        ),
        (lambda p: p.write_bytes(b"PK\x03\x04 broken"), r"damaged zip file"),
        (
            lambda p: (
                sqlite3.connect(p).execute("create table book (id integer)").connection.commit()
            ),
            r"not a Loop Habit Tracker backup: it has no table Habits",
        ),
    ],
)
def test_a_file_that_is_not_a_loop_export_is_refused_whole(tmp_path, make, refusal):
    path = tmp_path / "export"
    make(path)
    for call in (lambda: read(path, choose()), lambda: listing(path)):
        with pytest.raises(InputError, match=refusal) as refused:
            call()
        assert "\n" not in str(refused.value)


def test_a_folder_without_habits_csv_is_refused(tmp_path):
    (tmp_path / "Downloads").mkdir()
    with pytest.raises(InputError, match=r"Downloads holds no Habits.csv"):
        listing(tmp_path / "Downloads")


def test_a_zip_past_the_bounds_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = loop_files.write_zip(tmp_path / "e.zip", loop_files.files_2x())
    monkeypatch.setattr(loop, "MAX_EXPORT_BYTES", 1_000)
    with pytest.raises(InputError, match=r"unpacks to more than"):
        listing(path)
    monkeypatch.setattr(loop, "MAX_EXPORT_BYTES", 200 << 20)
    monkeypatch.setattr(loop, "MAX_MEMBERS", 5)
    with pytest.raises(InputError, match=r"holds 11 files, more than a Loop export has"):
        listing(path)


def test_a_backup_row_with_an_impossible_time_is_left_out(tmp_path):
    path = loop_files.write_backup(tmp_path / "backup.db")
    con = sqlite3.connect(path)
    con.execute("insert into Repetitions (habit, timestamp, value) values (1, ?, 5000)", (10**18,))
    con.execute("insert into Repetitions (habit, timestamp, value) values (1, 86400000, 'x')")
    con.commit()
    con.close()
    batch = read(path, choose(("Read", "reading")))
    assert [log.day for log in batch.logs] == [d(1), d(2), d(6)]
    assert [why for _where, why in batch.skipped] == [
        "'x' is not a value Loop writes",
        "'1000000000000000000' is not a time a day can have",
    ]


def test_importing_again_or_from_the_backup_adds_nothing(tmp_path, export_zip):
    store = Store.open(f"sqlite:///{tmp_path / 'compound.db'}")
    try:
        first = store.import_batch(read(export_zip, choose()))
        assert (first.reading_logs.added, first.sessions.added, first.skips.added) == (3, 6, 1)
        backup = loop_files.write_backup(tmp_path / "Loop Habits Backup.db")
        for path in (export_zip, backup):
            again = store.import_batch(read(path, choose()))
            assert not again.changed, again
            assert (again.reading_logs.unchanged, again.sessions.unchanged) == (3, 6)
    finally:
        store.close()
