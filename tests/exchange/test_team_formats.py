"""The team report's formats, and members' files for `team merge`."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import pytest

from compound.domain.errors import InputError
from compound.domain.goals import GoalChange
from compound.domain.records import GoalKind
from compound.domain.team import FinishedBook, MemberHistory, build_report
from compound.exchange import team_html, team_member, team_report

TODAY = date(2026, 11, 22)
HOSTILE = '=HYPERLINK("http://x.example","go")'
SCRIPT = '<script>alert("x")</script> & "quotes"'


def members() -> list[MemberHistory]:
    return [
        MemberHistory(
            HOSTILE,
            [(date(2026, 11, 20), 30, 0, 0), (TODAY, 12, 1, 45)],
            finished=(FinishedBook(date(2026, 5, 1), SCRIPT),),
        ),
        MemberHistory(
            "ノルウェイ 🌲",
            [(date(2026, 11, 21), 5, 0, 0, 0)],  # as the store gives them: five values
            goals=(GoalChange(GoalKind.DAILY_PAGES, 10, date(2026, 1, 1)),),
            finished=(FinishedBook(date(2026, 2, 1), "-@+ a title"),),
        ),
    ]


def render(name: str, **kw) -> str:
    out = io.StringIO()
    team_report.writer(name)(build_report(members(), TODAY, **kw), out)
    return out.getvalue()


def test_csv_is_one_row_per_member_then_the_team_and_spreadsheet_safe():
    rows = list(csv.reader(io.StringIO(render("csv", include_books=True), newline="")))
    assert rows[0][:3] == ["row", "member", "current_streak"] and rows[0][-1] == "books_finished"
    assert [row[0] for row in rows[1:]] == ["member", "member", "team"]
    assert rows[1][1] == "'" + HOSTILE
    assert rows[2][-1] == "'-@+ a title"
    assert rows[3][1].startswith("team (2 members")
    assert all(
        not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row
    )
    assert render("csv").count("\r\n") == 4 and "a title" not in render("csv")


def test_json_holds_members_totals_and_the_team_streak():
    doc = json.loads(render("json"))
    assert (doc["format"], doc["version"], doc["today"]) == (
        "compound-team-report",
        1,
        "2026-11-22",
    )
    first = doc["members"][0]
    assert set(first) == set(team_report.COLUMNS)
    assert first["member"] == HOSTILE and first["learning_hours_this_year"] == 0.8
    assert doc["totals"]["pages_7d"] == 47 and doc["totals"]["members"] == 2
    # 11-21: the second member read 5 of 10 pages, the first nothing: the team missed it.
    assert doc["team_streak"] == {"at_least": 1, "current": 1, "longest": 1, "at_risk": False}
    assert "books_finished" not in first
    assert json.loads(render("json", include_books=True))["members"][0]["books_finished"] == [
        SCRIPT
    ]


def test_markdown_escapes_names_and_lists_books_only_when_asked():
    text = render("md")
    assert "| ノルウェイ 🌲 | 0 | 0 | 5 |" in text  # 5 of 10 pages: no learning day
    assert "| 1 ⚠ |" not in text and "⚠" in text
    assert "Team streak: 1 day with at least 1 of 2 members" in text
    assert "script" not in text
    with_books = render("md", include_books=True)
    assert "\\<script\\>" in with_books and "<script>" not in with_books


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.urls += [value for name, value in attrs if name in ("src", "href") and value]

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_one_self_contained_page_with_everything_escaped():
    page = render("html", include_books=True)
    parsed = _Collector()
    parsed.feed(page)
    assert "script" not in parsed.tags and parsed.urls == []
    assert {"table", "svg", "rect", "style"} <= set(parsed.tags)
    assert parsed.tags.count("tr") == 1 + 2 + 1  # header, members, team
    assert SCRIPT in "".join(parsed.text)  # shown as text...
    assert "<script>" not in page  # ...never as markup
    assert not re.search(r"(?:src|href)=|url\(|@import", page)
    # The one address in markup is the SVG namespace; any other is a member's text.
    assert page.count("http://") == 1 + "".join(parsed.text).count("http://")
    assert "default-src 'none'" in page


def test_the_chart_scales_its_bars_to_the_busiest_week():
    svg = team_html.chart(build_report(members(), TODAY))
    heights = [float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)"', svg)]
    # 47 pages in the last week, on a chart whose top is 80 (quarters: 20, 40, 60).
    assert len(heights) == 12 and max(heights) == pytest.approx((240 - 30 - 16) * 47 / 80, abs=0.1)
    assert sorted(heights)[:-1] == [0.0] * 11
    assert [label for label in re.findall(r'text-anchor="end">([\d,]+)<', svg)] == [
        "0",
        "20",
        "40",
        "60",
        "80",
    ]


@pytest.mark.parametrize(
    "value, top", [(0, 4), (3, 4), (5, 8), (9, 20), (47, 80), (81, 200), (12_345, 20_000)]
)
def test_the_chart_top_is_a_round_number(value, top):
    assert team_html.nice_top(value) == top


def test_an_unknown_format_is_refused():
    with pytest.raises(InputError, match="unknown team report format 'pdf'"):
        team_report.writer("pdf")


# -- members' files -----------------------------------------------------------------------


def test_a_member_file_reads_back_as_it_was_written(tmp_path):
    written = members()[1]
    path = tmp_path / "ana.json"
    stamp = datetime(2026, 11, 22, 18, 4, tzinfo=UTC)
    with path.open("w", encoding="utf-8") as out:
        team_member.write(written, TODAY, stamp, out)
    read = team_member.read(path)
    assert read == MemberHistory(
        written.name,
        written.days,
        written.goals,
        written.skips,
        written.finished,
        exported_at=stamp,
    )
    assert build_report([read], TODAY) == build_report([written], TODAY)


def _valid() -> dict:
    return {
        "format": "compound-team-member",
        "version": 1,
        "member": "ana",
        "exported_at": "2026-11-22T10:00:00+00:00",
        "today": "2026-11-22",
        "days": [["2026-11-21", 5, 0, 0]],
        "goals": [],
        "skips": [],
        "books_finished": [],
    }


@pytest.mark.parametrize(
    "change, message",
    [
        ({"format": "compound"}, "not a compound team member file"),
        ({"version": 3}, "newer compound (format version 3"),
        ({"version": "1"}, "format version '1' is not one compound knows"),
        ({"member": ""}, "member: "),
        ({"member": "-x"}, "cannot start with '-'"),
        ({"exported_at": "2026-11-22T10:00:00"}, "exported_at: expected a date and time"),
        ({"days": [["2026-02-30", 5, 0, 0]]}, "days[0]: '2026-02-30' is not a date"),
        ({"days": [["2026-11-21", -5, 0, 0]]}, "days[0]: expected a whole number"),
        ({"days": [["2026-11-21", True, 0, 0]]}, "days[0]: expected a whole number"),
        ({"days": [["2026-11-21", 5, 0]]}, "days[0]: expected [day, pages, sessions, minutes]"),
        ({"days": [["2026-11-21", 5, 0, 0], ["2026-11-21", 1, 0, 0]]}, "listed twice"),
        ({"days": {}}, "'days' must be a list"),
        (
            {"goals": [{"kind": "daily-pages", "since": "2026-01-01", "target": 0}]},
            "goals[0]: expected a whole number",
        ),
        (
            {"goals": [{"kind": "yearly-books", "since": "2026-01-01", "target": 3}]},
            "goals[0]: the kind must be one of daily-pages, daily-minutes",
        ),
        (
            {"goals": [{"kind": "daily-pages", "since": "2026-01-01", "target": 3, "schedule": 5}]},
            "the schedule must be an RRULE",
        ),
        ({"skips": [3]}, "skips[0]: expected a date"),
        ({"books_finished": [{"day": "2026-01-01", "title": "a\nb"}]}, "books_finished[0]: "),
    ],
)
def test_a_broken_member_file_is_refused_in_one_line(tmp_path, change, message):
    path = tmp_path / "ana.json"
    path.write_text(json.dumps({**_valid(), **change}), encoding="utf-8")
    with pytest.raises(InputError) as refused:
        team_member.read(path)
    assert str(refused.value).startswith("ana.json: ")
    assert message in str(refused.value) and "\n" not in str(refused.value)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"{", "not JSON (line 1"),
        (b"\xff\xfe", "not UTF-8"),
        (b"[]", "not a compound team"),
        (b"[" * 100_000, "nested too deep"),
    ],
)
def test_a_file_that_is_not_json_is_refused(tmp_path, content, message):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(InputError, match=re.escape(message)):
        team_member.read(path)


def test_a_report_of_nobody_says_how_members_come():
    out = io.StringIO()
    team_report.write_md(build_report([], TODAY), out)
    assert "No members yet" in out.getvalue() and "compound profile add NAME" in out.getvalue()
