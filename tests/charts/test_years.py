"""Years: books finished and pages read a year over the whole record, each a panel of
bars from zero with its own ticks, the years named underneath; read back cell by cell."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from compound import charts
from compound.domain.totals import DailyTotals

from .drawing import TODAY, Cells, cells, colour, history

GREEN, CYAN, MAGENTA = colour(charts.READ), colour(charts.RANGE), colour("magenta")
EIGHTHS = {ch: n / 8 for n, ch in enumerate("▁▂▃▄▅▆▇█", start=1)} | {"▌": 1, "▖": 0.5}


def record(books: dict[int, int], pages: dict[int, int] | None = None) -> charts.ChartData:
    """`books[year]` books finished in each year, `pages[year]` pages read on one day."""
    finished = tuple(
        date(year, 3, 1 + n % 28) for year, count in books.items() for n in range(count)
    )
    logs = {date(year, 4, 1): count for year, count in (pages or {}).items()}
    return charts.ChartData(replace(history(logs), finished_days=finished), 30)


def draw(plt, data: charts.ChartData, width: int = 80, height: int = 22) -> Cells:
    plt.plotsize(width, height)
    return cells(plt, "years", data)


def columns_of(canvas: Cells, in_colour: int) -> list[list[int]]:
    """Each bar's columns, left to right: runs of columns holding bar cells in a colour,
    the name row (the legend mark at column 1) left out."""
    found: list[list[int]] = []
    previous = -2
    for column in range(2, len(canvas.chars[0])):
        if any(
            canvas.chars[r][column] in EIGHTHS and canvas.colours[r][column] == in_colour
            for r in range(len(canvas.chars))
        ):
            if column == previous + 1:
                found[-1].append(column)
            else:
                found.append([column])
            previous = column
    return found


def height(canvas: Cells, column: int, in_colour: int) -> float:
    """The height in rows of the bar of `in_colour` in `column`, read from its bottom up."""
    rows = [
        r
        for r in range(len(canvas.chars))
        if canvas.chars[r][column] in EIGHTHS and canvas.colours[r][column] == in_colour
    ]
    return sum(EIGHTHS[canvas.chars[r][column]] for r in rows)


def year_labels(drawing: Cells) -> dict[str, int]:
    """Each year named under the frame, by the column its label is centred on (in
    canvas columns)."""
    bottom = next(n for n, row in enumerate(drawing.chars) if "└" in row)
    left = drawing.chars[bottom].index("└") + 1
    line = drawing.chars[bottom + 1]
    found = {}
    column = 0
    for word in line.split():
        column = line.index(word, column)
        found[word] = column + len(word) // 2 - left
        column += len(word)
    return found


def test_books_and_pages_bars_are_proportional_and_each_year_is_named(plt):
    data = record({2022: 10, 2023: 20, 2025: 5, 2026: 15}, {2023: 3000, 2026: 1500})
    drawing = draw(plt, data)
    canvas = drawing.inside()
    books, pages = columns_of(canvas, GREEN), columns_of(canvas, CYAN)
    assert len(books) == 4 and len(pages) == 2
    tall = {n: height(canvas, bar[0], GREEN) for n, bar in enumerate(books)}
    # 10, 20, 5, 15 books: in proportion to the nearest eighth of a row.
    per_book = tall[1] / 20
    for n, count in enumerate((10, 20, 5, 15)):
        assert abs(tall[n] - count * per_book) <= 1 / 8, (n, tall)
    assert abs(height(canvas, pages[0][0], CYAN) / height(canvas, pages[1][0], CYAN) - 2) < 0.1
    # The books sit above the pages, their panels apart.
    book_rows = {r for r, _ in canvas.where("█▁▂▃▄▅▆▇", {GREEN}) if _ > 1}
    page_rows = {r for r, _ in canvas.where("█▁▂▃▄▅▆▇", {CYAN}) if _ > 1}
    assert max(book_rows) < min(page_rows)
    labels = year_labels(drawing)
    assert list(labels) == ["2022", "2023", "2024", "2025", "2026"]
    centres = [bar[len(bar) // 2] for bar in books]
    assert [labels[y] for y in ("2022", "2023", "2025", "2026")] == centres
    assert drawing.chars[0].strip() == "Books and pages a year, 2022–2026: 50 books, 4,500 pages"


def test_a_year_with_nothing_is_an_empty_column_not_a_gap_in_the_years(plt):
    drawing = draw(plt, record({2020: 4, 2024: 4}, {2020: 100}))
    canvas = drawing.inside()
    labels = year_labels(drawing)
    assert list(labels) == [str(y) for y in range(2020, 2027)]
    for year in ("2021", "2022", "2023", "2025", "2026"):
        column = labels[year]
        assert all(canvas.chars[r][column] == " " for r in range(len(canvas.chars))), year
    assert len(columns_of(canvas, GREEN)) == 2 and len(columns_of(canvas, CYAN)) == 1


def test_each_panel_is_named_in_its_colour_with_its_own_ticks(plt):
    drawing = draw(plt, record({2025: 30, 2026: 12}, {2025: 9000, 2026: 4000}))
    canvas = drawing.inside()
    names = [row.strip() for row in canvas.chars if "books finished" in row or "pages read" in row]
    assert names == ["█ books finished", "█ pages read"]
    marks = canvas.where("█", {GREEN, CYAN})
    assert (0, 1) in marks and canvas.colour_at(0, 1) == GREEN
    pages_row = next(r for r, row in enumerate(canvas.chars) if "pages read" in row)
    assert canvas.colour_at(pages_row, 1) == CYAN
    labels = drawing.y_labels()
    assert max(int(v.replace(",", "")) for r, v in labels.items() if r < pages_row) <= 30 * 2
    assert max(int(v.replace(",", "")) for r, v in labels.items() if r > pages_row) >= 4000


def test_an_imported_library_without_logs_is_twelve_years_of_books(plt):
    # 358 books finished over 12 years, brought in from another tool with no logs.
    books = {2015 + n: 20 + (n * 7) % 19 for n in range(12)}
    books[2026] += 358 - sum(books.values())
    drawing = draw(plt, record(books), width=80, height=22)
    canvas = drawing.inside()
    assert len(columns_of(canvas, GREEN)) == 12 and not columns_of(canvas, CYAN)
    assert list(year_labels(drawing)) == [str(y) for y in range(2015, 2027)]
    assert "358 books" in drawing.chars[0] and "pages" not in drawing.chars[0].split(":")[1]
    assert not any("pages read" in row for row in canvas.chars)


def test_more_years_than_columns_show_the_latest_that_fit(plt):
    drawing = draw(plt, record({year: 1 for year in range(1900, 2027)}), width=60, height=12)
    title = drawing.chars[0].strip()
    assert title.startswith("Books and pages a year, last "), title
    shown = int(title.split("last ")[1].split(" of")[0])
    assert shown < 127 and title.endswith(f"of 127 years, {2027 - shown}–2026")
    assert list(year_labels(drawing))[-1] == "2026"


def test_a_small_chart_keeps_the_books(plt):
    drawing = draw(plt, record({2024: 3, 2026: 6}, {2026: 500}), width=40, height=10)
    canvas = drawing.inside()
    assert len(columns_of(canvas, GREEN)) == 2 and not columns_of(canvas, CYAN)


def test_nothing_to_draw_is_a_sentence(plt):
    plt.plotsize(80, 20)
    data = charts.ChartData(history(today=TODAY), 30)
    message = charts.BUILDERS["years"](plt, data)
    assert message is not None and message.startswith("No books finished")


def test_hours_read_by_time_are_a_third_panel_when_there_are_any(plt):
    data = record({2025: 6, 2026: 4}, {2026: 900})
    # An audiobook a year: 12 hours in 2025, 6 this year, with no pages known.
    timed = {date(2025, 2, 1): 720, date(2026, 2, 1): 360}
    totals = DailyTotals(data.history.totals.pages, timed_minutes=timed)
    data = charts.ChartData(replace(data.history, totals=totals), 30)
    drawing = draw(plt, data, width=80, height=24)
    canvas = drawing.inside()
    names = [row.strip() for row in canvas.chars if row.strip().startswith("█ ")]
    assert names == ["█ books finished", "█ pages read", "█ hours read by time"]
    hours = columns_of(canvas, MAGENTA)
    assert len(hours) == 2
    assert (
        abs(height(canvas, hours[0][0], MAGENTA) / height(canvas, hours[1][0], MAGENTA) - 2) < 0.2
    )
    assert drawing.chars[0].strip().endswith("10 books, 900 pages, 18 hours by time")
    # Too few rows for three panels: the books and the pages keep theirs.
    plt.clear_figure()
    drawing = draw(plt, data, width=80, height=12)
    assert not columns_of(drawing.inside(), MAGENTA) and columns_of(drawing.inside(), CYAN)
