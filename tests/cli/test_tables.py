"""The command line's tables fit the terminal: free text shortened, figures whole.

The commands run in-process (the `ok` fixture) with standard output made a terminal of
a chosen width (`at_terminal`): COLUMNS says how wide, as a terminal would, and `isatty`
says it is one. Without it, standard output is a pipe, where nothing is shortened.
Widths are measured with `render.width_of`, not with rich, which draws the tables.
"""

from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path

import pytest

from compound.cli.render import width_of

SAMPLES = Path(__file__).parent.parent / "fixtures" / "exchange"
sys.path.insert(0, str(SAMPLES))
from sample_files import header_of, write_csv  # noqa: E402

WIDTHS = (60, 80, 140)
LONG_TITLE = "The Rise and Fall of the Third Reich: A History of Nazi Germany"
LONG_AUTHOR = "William L. Shirer, with a Foreword by Ron Rosenbaum"
MARKUP = "[bold]Bold[/bold] [link=https://example.com]Linked[/link] [red]x"
LONG_NOTE = "read on the night train from Vienna to Venice, slowly, with a pencil in hand"
LONG_TOPIC = "Rust ownership, borrowing and lifetimes in practice: a long course title"
PROFILE = "a-profile-with-a-name-that-goes-on-and-on-for-quite-a-while"
LONG_REASON = "the family visit to the grandparents in the mountains, without a signal"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def shelf(db_path, ok):
    """Books, entries, goals, skips and profiles, with free text longer than any terminal."""
    ok("book", "add", LONG_TITLE, "--author", LONG_AUTHOR, "--pages", "1245", "--start")
    ok("book", "add", MARKUP, "--author", "Ann", "--pages", "120")
    ok("book", "add", "Dune", "--author", "Frank Herbert", "--pages", "412")
    ok("book", "finish", "Dune", "--date", "2026-10-01")
    ok("log", "30", "--book", "1", "--date", "yesterday", "--note", LONG_NOTE)
    ok("log", "25", "--book", "1")
    ok("learn", "45m", "--kind", "course", "--topic", LONG_TOPIC)
    ok("goal", "set", "daily-pages", "25", "--schedule", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")
    ok("goal", "set", "yearly-books", "24")
    ok("skip", "2026-12-24..2026-12-26", "--reason", LONG_REASON)
    ok("profile", "add", PROFILE)
    return db_path


def visible(text: str) -> list[str]:
    return ANSI.sub("", text).splitlines()


def fits(lines: list[str], width: int) -> None:
    wide = [line for line in lines if width_of(line) > width]
    assert not wide, f"wider than {width}: {wide}"


# -- every command that prints a table --------------------------------------------------

TABLE_COMMANDS = [
    ["book", "list"],
    ["history"],
    ["goal", "list"],
    ["skip", "list"],
    ["profile", "list"],
    ["team", "export", "--include-books"],
    ["config", "show"],
    ["stats"],
    ["doctor"],
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("argv", TABLE_COMMANDS, ids=" ".join)
def test_every_table_command_fits_the_terminal(shelf, ok, at_terminal, argv, width):
    at_terminal(width)
    lines = ok(*argv).lines
    # A path is left whole: cut, it would name no file (`config show` ends with two).
    fits([line for line in lines if not line.startswith(("# settings file", "# database"))], width)


@pytest.mark.parametrize("width", WIDTHS)
def test_an_import_dry_run_fits_the_terminal(db_path, ok, at_terminal, tmp_path, width):
    book = {"Book Id": "7", "Title": LONG_TITLE, "Author": LONG_AUTHOR, "Exclusive Shelf": "read"}
    path = write_csv(
        tmp_path / "library.csv", header_of("goodreads_library_export_2025.csv"), [book, book]
    )
    at_terminal(width)
    lines = ok("import", "goodreads", str(path), "--dry-run").lines
    fits(lines, width)
    assert lines[-2:] == ["Skipped 1 entry:", "  row 3:  the same Goodreads book (7) as row 2"]


@pytest.mark.parametrize("width", WIDTHS)
def test_book_list_one_line_per_book_titles_shortened_figures_whole(shelf, ok, at_terminal, width):
    at_terminal(width)
    lines = ok("book", "list").lines
    fits(lines, width)
    assert len(lines) == 1 + 3  # the header and one line per book: nothing wraps
    assert lines[0].split() == ["ID", "STATUS", "TITLE", "AUTHOR", "PROGRESS", "DONE"]
    reading = next(line for line in lines if line.startswith("#1 "))
    finished = next(line for line in lines if line.startswith("#3 "))
    # The figures appear whole, at the end of their lines, whatever the width.
    assert reading.endswith("55/1,245 · 4%  ~07 Feb 2027") or re.search(
        r"55/1,245 · 4%  \S.*\S$", reading
    ), reading
    assert finished.endswith("done · 412 p  01 Oct"), finished
    title, author = re.split(r"\s{2,}", reading)[2:4]  # both too long for 140 columns
    assert title.endswith("…") and LONG_TITLE.startswith(title[:-1]), title
    assert author.endswith("…") and LONG_AUTHOR.startswith(author[:-1]), author


def test_free_text_gives_way_before_figures_even_when_very_narrow(shelf, ok, at_terminal):
    at_terminal(40)
    lines = ok("book", "list").lines
    assert len(lines) == 4
    assert "55/1,245 · 4%" in lines[1] and "done · 412 p  01 Oct" in lines[3]


@pytest.mark.parametrize("width", WIDTHS)
def test_history_one_line_per_entry_notes_and_topics_shortened(shelf, ok, at_terminal, width):
    at_terminal(width)
    lines = ok("history").lines
    fits(lines, width)
    assert len(lines) == 1 + 3
    assert lines[0].split() == ["ID", "DAY", "AMOUNT", "BOOK", "/", "TOPIC", "NOTE"]
    assert re.match(r"r1\s+yesterday\s+30 p\s+The", lines[3])
    assert re.match(r"s1\s+today\s+45m course\s+Rust", lines[1])
    if width < 140:
        assert lines[3].endswith("…") and LONG_NOTE not in lines[3]


# -- anywhere but a terminal -------------------------------------------------------------


@pytest.mark.parametrize(
    "argv, whole",
    [
        (["book", "list"], [LONG_TITLE, LONG_AUTHOR]),
        (["history"], [LONG_NOTE, LONG_TOPIC, LONG_TITLE]),
        (["skip", "list"], [LONG_REASON]),
        (["stats"], [LONG_TITLE]),
        (["profile", "list"], [PROFILE]),
        (["team", "export", "--include-books"], [f"| {PROFILE} |"]),
    ],
    ids=["book list", "history", "skip list", "stats", "profile list", "team export"],
)
def test_piped_output_keeps_every_text_whole(shelf, ok, monkeypatch, argv, whole):
    monkeypatch.setenv("COLUMNS", "60")  # a pipe has no width, whatever COLUMNS says
    out = ok(*argv).out
    for text in whole:
        assert any(text in line for line in out.splitlines()), (text, out)
    assert "…" not in out and "\x1b" not in out


def test_team_export_is_markdown_in_a_pipe_and_tables_on_a_terminal(shelf, ok, at_terminal):
    assert ok("team", "export").lines[0] == "# Team report, 2026-11-22"
    at_terminal(80)
    drawn = ok("team", "export").lines
    assert drawn[0] == "Team report, 2026-11-22" and not any("|" in line for line in drawn)
    fits(drawn, 80)
    members = next(i for i, line in enumerate(drawn) if line.split()[:2] == ["MEMBER", "STREAK"])
    rows = [line.split() for line in drawn[members + 1 : members + 4]]
    assert rows[0][0].startswith("a-profile-with") and rows[0][0].endswith("…")
    assert rows[1][:4] == ["default", "1", "1", "today"]
    assert rows[2][0] == "Team"
    assert ok("team", "export", "-f", "md").lines[0] == "# Team report, 2026-11-22"  # as asked


# -- stored text is shown, never obeyed -----------------------------------------------------


@pytest.mark.parametrize("colour", [False, True])
def test_markup_in_a_title_prints_literally(shelf, ok, at_terminal, monkeypatch, colour):
    at_terminal(200, colour=colour)
    out = ok("book", "list").out
    assert MARKUP in ANSI.sub("", out)
    assert "\x1b]8;" not in out  # no hyperlink made of "[link=…]"
    # Only the header is styled: the title's "[bold]" and "[red]" are text.
    assert [ANSI.sub("", line) for line in out.splitlines() if "\x1b" in line] == (
        [ANSI.sub("", out.splitlines()[0])] if colour else []
    )


def test_colour_only_on_a_terminal_and_never_with_no_color(shelf, ok, at_terminal, monkeypatch):
    assert "\x1b" not in ok("book", "list").out  # a pipe
    at_terminal(100, colour=True)
    assert ok("book", "list").out.startswith("\x1b[1mID")
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b" not in ok("book", "list").out


def test_controls_in_a_title_are_marks_and_the_columns_stay_aligned(shelf, ok, at_terminal):
    # Input checks refuse controls: a database written by another program may hold them.
    with sqlite3.connect(shelf) as db:
        db.execute(
            "UPDATE book SET title = ? WHERE title = 'Dune'",
            ("Du\x1b[2Jne\u202e\x07 Messiah",),
        )
    for width in (60, 200):
        at_terminal(width)
        lines = ok("book", "list").lines
        dune = next(line for line in lines if line.startswith("#3 "))
        assert "\x1b" not in dune and "\x07" not in dune and "\u202e" not in dune
        assert dune.startswith("#3  finished  Du␛[2")
        if width == 200:
            assert "Du␛[2Jne\\u202e␇ Messiah" in dune
        # PROGRESS is aligned right: every row's progress ends in the same column.
        ends = {width_of(line[: line.index(p) + len(p)]) for line, p in _progress(lines)}
        assert len(ends) == 1, lines


def _progress(lines: list[str]):
    for line in lines[1:]:
        found = re.search(r"(\d[\d,]*/[\d,]+ · \d+%|done · [\d,]+ p|[\d,]+ p)", line)
        if found:
            yield line, found[0]


# -- the renderer ------------------------------------------------------------------------


def test_the_widest_free_column_gives_way_first():
    from compound.cli.tables import Table, Terminal

    table = Table(
        ["ID", "TITLE", "AUTHOR", "DONE"],
        [["#1", "x" * 60, "Cal Newport", "~27 Nov"]],
        free=(1, 2),
    )
    header, row = table.render(Terminal(50, False)).splitlines()
    assert width_of(row) == 50
    cells = re.split(r"\s{2,}", row)
    assert cells[0] == "#1" and cells[2] == "Cal Newport" and cells[3] == "~27 Nov"
    assert cells[1].endswith("…")
    assert table.render(Terminal(None, False)).splitlines()[1].split()[1] == "x" * 60


def test_figures_are_never_cut_even_when_they_cannot_fit():
    from compound.cli.tables import Table, Terminal

    table = Table(
        ["ID", "TITLE", "PROGRESS"], [["#1", "Deep Work", "1,137/1,276 · 89%"]], free=(1,)
    )
    row = table.render(Terminal(12, False)).splitlines()[1]
    assert row.startswith("#1  ") and row.endswith("1,137/1,276 · 89%")


def test_sentences_wrap_within_their_column():
    from compound.cli.tables import Table, Terminal

    finding = "only you can read the database and its backups, which is as it should be"
    table = Table(["CHECK", "FINDING"], [["ok permissions", finding]], sentences=(1,), header=False)
    lines = table.render(Terminal(40, False)).splitlines()
    fits(lines, 40)
    assert len(lines) > 1 and lines[0].startswith("ok permissions  only")
    assert all(line.startswith(" " * len("ok permissions  ")) for line in lines[1:])
    assert " ".join(line.strip() for line in lines).endswith(finding)


def test_an_import_progress_bar_stays_on_one_terminal_line(db_path, run, tmp_path, monkeypatch):
    """The bar is redrawn with a carriage return, which goes back over one line only."""
    name = "goodreads_library_export_of_a_very_long_reading_life_2025.csv"
    header = header_of("goodreads_library_export_2025.csv")
    books = [
        {"Book Id": str(n), "Title": f"Book {n}", "Exclusive Shelf": "to-read"} for n in range(600)
    ]
    path = write_csv(tmp_path / name, header, books)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    result = run("import", "goodreads", str(path))
    assert result.code == 0, result
    drawn = result.err.strip("\n").split("\r")[1:]
    assert len(drawn) > 50
    fits(drawn, 80)
    assert drawn[-1].startswith("Importing goodreads_library_")
    assert "…" in drawn[-1] and drawn[-1].endswith("100%  600/600")
