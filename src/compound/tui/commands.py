"""The command palette (ctrl+p): compound's own actions by name, beside Textual's."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (name, what it does, the app action it runs)
COMMANDS = (
    ("Log pages", "pages read in the book being read, or up to a page", "log_pages"),
    ("Log a learning session", "a course, talk, podcast…", "log_session"),
    ("Undo", "the last entry, a deletion or a book moved, newest first", "undo"),
    ("Add a book", "to read, or being read now", "add_book"),
    ("Set a goal", "daily pages, minutes, books a year…", "set_goal"),
    ("Add skip days", "holidays that neither break nor lengthen the streak", "add_skip"),
    ("Switch profile", "see another person's records in this database", "switch_profile"),
    ("Export", "everything as JSON, CSV or Markdown", "export"),
    ("Today", "screen 1", "show('today')"),
    ("History", "screen 2: entries and the year's calendar", "show('history')"),
    ("Books", "screen 3: the shelves", "show('books')"),
    ("Stats", "screen 4: charts and figures", "show('stats')"),
    ("Goals", "screen 5: goals, skip days, day start", "show('goals')"),
    ("Refresh", "read the database again", "reload"),
    ("Help", "every key", "help"),
)


class CompoundCommands(Provider):
    async def discover(self) -> Hits:
        for name, help_text, action in COMMANDS:
            yield DiscoveryHit(name, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    partial(self.app.run_action, action),
                    text=name,
                    help=help_text,
                )
