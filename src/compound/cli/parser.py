"""Every command and option, in one place; handlers live in the modules beside this one."""

from __future__ import annotations

import argparse

from compound import __version__
from compound.cli import books, entries, goals, settings, skips, status
from compound.domain.errors import InputError
from compound.domain.records import BookStatus, GoalKind, SessionKind

DATE_HELP = "the day it counts for: today (default), yesterday, monday, 2026-03-08, 'Mar 8'"


class Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one line on stderr (via InputError), not a usage dump."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise InputError(f"{message} (see `{self.prog} --help`)")


def _common() -> argparse.ArgumentParser:
    # --db is accepted after the command too (`compound log 5 --db x.db`);
    # SUPPRESS keeps a subcommand from overwriting a value given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="SQLite file to use (else $COMPOUND_DB, $COMPOUND_DATABASE_URL, "
                             "or compound.db in the user data dir)")
    return common


def build_parser() -> Parser:
    common = _common()
    parser = Parser(
        prog="compound",
        description="A continuous-learning habit tracker: log pages and learning sessions, "
                    "keep streaks, watch small daily amounts compound.",
        epilog="Run `compound COMMAND --help` for a command's options.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"compound {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(name: str, handler, help: str, **kw) -> Parser:
        p = sub.add_parser(name, help=help, description=help, parents=[common], **kw)
        p.set_defaults(handler=handler)
        return p

    p = command("log", entries.log, "log pages read")
    p.add_argument("pages", nargs="?", metavar="PAGES", help="pages read")
    p.add_argument("--book", "-b", metavar="TITLE_OR_ID",
                   help="the book (default: the one being read, if there is one)")
    p.add_argument("--to-page", metavar="N", help="log the pages from where you were up to page N")
    p.add_argument("--date", "-d", metavar="D", help=DATE_HELP)
    p.add_argument("--minutes", "-m", metavar="M", help="time spent reading: 30, 45m, 1h15m")
    p.add_argument("--note", "-n", metavar="T", help="a note")

    p = command("learn", entries.learn, "log a learning session (course, talk, podcast, ...)")
    p.add_argument("duration", metavar="DURATION", help="45, 45m, 90min, 1h30m, 1:30 or 1.5h")
    p.add_argument("--kind", "-k", choices=[k.value for k in SessionKind], default="other",
                   help="what kind of session (default: other)")
    p.add_argument("--topic", "-t", metavar="T", help="what it was about")
    p.add_argument("--note", "-n", metavar="T", help="a note")
    p.add_argument("--date", "-d", metavar="D", help=DATE_HELP)

    p = command("book", None, "add, list, start, finish, abandon, edit or remove books")
    book_sub = p.add_subparsers(dest="book_command", metavar="ACTION", parser_class=Parser,
                                required=True)

    def book_command(name: str, handler, help: str) -> Parser:
        bp = book_sub.add_parser(name, help=help, description=help, parents=[common])
        bp.set_defaults(handler=handler)
        return bp

    bp = book_command("add", books.add, "add a book")
    bp.add_argument("title", metavar="TITLE")
    bp.add_argument("--author", "-a", metavar="A")
    bp.add_argument("--pages", "-p", metavar="N", help="total pages")
    bp.add_argument("--isbn", metavar="I")
    bp.add_argument("--start", action="store_true", help="start reading it now")
    bp = book_command("list", books.listing, "list books, the ones being read first")
    bp.add_argument("--status", "-s", choices=[s.value for s in BookStatus])
    bp.add_argument("--json", action="store_true", help="JSON for scripts")
    for name, verb in (("start", "start reading"), ("finish", "mark finished"),
                       ("abandon", "stop reading")):
        bp = book_command(name, books.change_status, f"{verb} a book")
        bp.add_argument("book", metavar="TITLE_OR_ID")
        bp.add_argument("--date", "-d", metavar="D", help=DATE_HELP)
    bp = book_command("edit", books.edit, "change a book's title, author, pages or ISBN")
    bp.add_argument("book", metavar="TITLE_OR_ID")
    bp.add_argument("--title", metavar="T")
    bp.add_argument("--author", "-a", metavar="A", help="'' clears it")
    bp.add_argument("--pages", "-p", metavar="N", help="total pages")
    bp.add_argument("--isbn", metavar="I", help="'' clears it")
    bp = book_command("remove", books.remove, "remove a book (its reading logs are kept)")
    bp.add_argument("book", metavar="TITLE_OR_ID")

    p = command("status", status.show, "today's pages and minutes, the streak, books in hand")
    p.add_argument("--short", action="store_true",
                   help="one line for a shell prompt or a status bar")
    p.add_argument("--json", action="store_true", help="JSON for scripts")

    p = command("history", entries.history, "recent entries, newest first")
    p.add_argument("--days", metavar="N", default="7", help="how many days back (default 7)")
    p.add_argument("--json", action="store_true", help="JSON for scripts")

    command("undo", entries.undo, "remove the entry made last")

    p = command("edit", entries.edit, "change an entry (ids as in history: r12, s7)")
    p.add_argument("entry", metavar="ID")
    p.add_argument("--pages", metavar="N")
    p.add_argument("--minutes", "-m", metavar="M", help="'' clears a reading log's minutes")
    p.add_argument("--book", "-b", metavar="TITLE_OR_ID")
    p.add_argument("--kind", "-k", choices=[k.value for k in SessionKind])
    p.add_argument("--topic", "-t", metavar="T")
    p.add_argument("--note", "-n", metavar="T", help="'' clears it")
    p.add_argument("--date", "-d", metavar="D", help=DATE_HELP)

    p = command("delete", entries.delete, "delete an entry (ids as in history: r12, s7)")
    p.add_argument("entry", metavar="ID")

    p = command("goal", None, "set, list or remove goals")
    goal_sub = p.add_subparsers(dest="goal_command", metavar="ACTION", parser_class=Parser,
                                required=True)
    gp = goal_sub.add_parser("set", help="set a goal from today on", parents=[common],
                             description="Set a goal from today on; earlier days keep theirs.")
    gp.set_defaults(handler=goals.set_goal)
    gp.add_argument("kind", choices=[k.value for k in GoalKind], metavar="KIND",
                    help=", ".join(k.value for k in GoalKind))
    gp.add_argument("target", metavar="TARGET")
    gp.add_argument("--schedule", metavar="RRULE",
                    help="the days a daily goal applies to, as an RFC 5545 RRULE, e.g. "
                         "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR (weekdays); other days neither "
                         "break nor lengthen a streak")
    gp = goal_sub.add_parser("list", help="the goals in force", parents=[common])
    gp.set_defaults(handler=goals.list_goals)
    gp.add_argument("--json", action="store_true", help="JSON for scripts")
    gp = goal_sub.add_parser("remove", help="remove a goal", parents=[common])
    gp.set_defaults(handler=goals.remove_goal)
    gp.add_argument("kind", choices=[k.value for k in GoalKind], metavar="KIND")

    p = command("skip", skips.run, "plan rest or travel days that do not break a streak",
                usage="compound skip DATE[..DATE] [--reason R] | skip list [--all] | "
                      "skip remove DATE[..DATE]",
                epilog="DATE: today, tomorrow, fri (the coming one), 2026-12-24, 'Dec 24'.")
    p.add_argument("words", nargs="+", metavar="DATE[..DATE] | list | remove DATE[..DATE]",
                   help="a day or span to skip; `list` to see them; `remove` to take them back")
    p.add_argument("--reason", "-r", metavar="R", help="why, e.g. travel")
    p.add_argument("--all", action="store_true", help="with list: past skips too")

    p = command("config", None, "show or change settings")
    config_sub = p.add_subparsers(dest="config_command", metavar="ACTION", parser_class=Parser,
                                  required=True)
    cp = config_sub.add_parser("show", help="every setting, its value and where it came from",
                               parents=[common])
    cp.set_defaults(handler=settings.show)
    cp = config_sub.add_parser("set", help="change a setting", parents=[common])
    cp.set_defaults(handler=settings.set_value)
    cp.add_argument("key", metavar="KEY")
    cp.add_argument("value", metavar="VALUE")
    cp = config_sub.add_parser("unset", help="return a setting to its default", parents=[common])
    cp.set_defaults(handler=settings.unset_value)
    cp.add_argument("key", metavar="KEY")
    return parser
