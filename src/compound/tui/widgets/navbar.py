"""The line at the top: the five screens, the one in view marked, the profile in view
(unless it is the default one) and the day."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from compound.words.safe import shown

SCREENS = (
    ("today", "Today"),
    ("history", "History"),
    ("books", "Books"),
    ("stats", "Stats"),
    ("goals", "Goals"),
)
# The profile everyone has: named at the top only when another one is in view.
DEFAULT_PROFILE = "default"


class NavBar(Widget):
    DEFAULT_CSS = """
    NavBar { height: 1; background: $panel; color: $text-muted; }
    NavBar > .navbar--name { color: $text; text-style: bold; }
    NavBar > .navbar--key { color: $accent; text-style: bold; }
    NavBar > .navbar--current { background: $primary; color: $text; text-style: bold; }
    NavBar > .navbar--profile { color: $warning; text-style: bold; }
    NavBar > .navbar--day { color: $text; }
    """
    COMPONENT_CLASSES = {
        "navbar--name",
        "navbar--key",
        "navbar--current",
        "navbar--profile",
        "navbar--day",
    }

    today: reactive[date | None] = reactive(None)
    profile: reactive[str] = reactive("")

    def __init__(self, current: str, today: date, profile: str = ""):
        super().__init__()
        self.current = current
        self.set_reactive(NavBar.today, today)
        self.set_reactive(NavBar.profile, profile)

    def render(self) -> Text:
        style = self.get_component_rich_style
        line = Text(" compound ", style=style("navbar--name"))
        for number, (mode, title) in enumerate(SCREENS, start=1):
            if mode == self.current:
                line.append(f" {number} {title} ", style=style("navbar--current"))
            else:
                line.append(f" {number} ", style=style("navbar--key")).append(f"{title} ")
        line.append_text(self._where(self.size.width - line.cell_len))
        return line

    def _where(self, room: int) -> Text:
        """The profile and the day, right-aligned in `room` cells; where that is short
        (80 columns and a long name), the day gets shorter, then goes, then the name is cut."""
        style = self.get_component_rich_style
        profile = shown(self.profile) if self.profile != DEFAULT_PROFILE else ""
        days = (
            [self.today.strftime(form) for form in ("%a %d %b %Y", "%d %b %Y", "%d %b")]
            if self.today
            else []
        )
        for day in [*days, ""]:
            where = Text()
            if profile:
                where.append(f"profile {profile}", style=style("navbar--profile"))
                where.append(" · " if day else "")
            where.append(day, style=style("navbar--day"))
            if where.cell_len + 2 <= room:
                break
        where.truncate(max(room - 2, 0), overflow="ellipsis")
        if not where.cell_len:
            return Text()
        return Text(" " * (room - where.cell_len - 1)).append_text(where).append(" ")
