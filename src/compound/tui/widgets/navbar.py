"""The line at the top: the five screens, the one in view marked, and the day."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

SCREENS = (("today", "Today"), ("history", "History"), ("books", "Books"),
           ("stats", "Stats"), ("goals", "Goals"))


class NavBar(Widget):
    DEFAULT_CSS = """
    NavBar { height: 1; background: $panel; color: $text-muted; }
    NavBar > .navbar--name { color: $text; text-style: bold; }
    NavBar > .navbar--key { color: $accent; text-style: bold; }
    NavBar > .navbar--current { background: $primary; color: $text; text-style: bold; }
    NavBar > .navbar--day { color: $text; }
    """
    COMPONENT_CLASSES = {"navbar--name", "navbar--key", "navbar--current", "navbar--day"}

    today: reactive[date | None] = reactive(None)

    def __init__(self, current: str, today: date):
        super().__init__()
        self.current = current
        self.set_reactive(NavBar.today, today)

    def render(self) -> Text:
        style = self.get_component_rich_style
        line = Text(" compound ", style=style("navbar--name"))
        for number, (mode, title) in enumerate(SCREENS, start=1):
            if mode == self.current:
                line.append(f" {number} {title} ", style=style("navbar--current"))
            else:
                line.append(f" {number} ", style=style("navbar--key")).append(f"{title} ")
        day = self.today.strftime("%a %d %b %Y") if self.today else ""
        room = self.size.width - line.cell_len - len(day) - 1
        if room > 0:
            line.append(" " * room).append(day + " ", style=style("navbar--day"))
        return line
