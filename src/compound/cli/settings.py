"""`compound config …`: the settings file, with environment overrides shown."""

from __future__ import annotations

import os

from compound import config, locations
from compound.cli.context import Context


def show(ctx: Context, args) -> int:
    from compound.cli.tables import fit_line, terminal

    settings = ctx.settings
    # On a terminal the comment gives way (`config set --help` says it whole); the
    # setting and its value never do.
    width = terminal(ctx.out).width
    for name, key in config.KEYS.items():
        value = key.show(getattr(settings, name))
        comment = f"# {settings.sources[name]}; {key.help}"
        ctx.print(fit_line(f"{name} = {value}    ", comment, "", width))
    ctx.print(f"# settings file: {locations.config_file()}")
    database = ctx.database
    ctx.print(f"# database: {database.display}  (from {database.source})")
    return 0


def set_value(ctx: Context, args) -> int:
    path = locations.config_file()
    config.save(path, args.key, args.value)
    shown = config.KEYS[args.key].show(config.KEYS[args.key].parse(args.value))
    ctx.print(f"{args.key} = {shown}  (saved in {path})")
    env = f"COMPOUND_{args.key.upper()}"
    if env in os.environ:
        ctx.print(f"Note: ${env} is set and overrides it.")
    return 0


def unset_value(ctx: Context, args) -> int:
    path = locations.config_file()
    config.save(path, args.key, None)
    ctx.print(
        f"{args.key} is back to its default, "
        f"{config.KEYS[args.key].show(config.KEYS[args.key].default)}."
    )
    return 0


def _settings_help() -> str:
    """Every setting, its default and what it means, as `config set --help` ends."""
    import textwrap

    lines = ["settings, with their defaults:"]
    for name, key in config.KEYS.items():
        lines.append(f"  {name} = {key.show(key.default)}")
        lines.append(
            textwrap.fill(key.help, width=78, initial_indent=" " * 6, subsequent_indent=" " * 6)
        )
    first = next(iter(config.KEYS))
    lines.append("")
    lines.append(
        textwrap.fill(
            f"A COMPOUND_ environment variable overrides each setting, e.g. "
            f"COMPOUND_{first.upper()} for {first}.",
            width=78,
        )
    )
    return "\n".join(lines)


def register(commands) -> None:
    from argparse import RawDescriptionHelpFormatter

    settings_help = _settings_help()
    config_group = commands.group("config", "show or change settings")
    config_group.add("show", show, "every setting, its value and where it came from")
    p = config_group.add(
        "set",
        set_value,
        "change a setting",
        epilog=settings_help,
        formatter_class=RawDescriptionHelpFormatter,
    )
    p.add_argument("key", metavar="KEY", help="the setting to change (listed below)")
    p.add_argument("value", metavar="VALUE", help="its new value")
    p = config_group.add(
        "unset",
        unset_value,
        "return a setting to its default",
        epilog=settings_help,
        formatter_class=RawDescriptionHelpFormatter,
    )
    p.add_argument("key", metavar="KEY", help="the setting to return to its default (listed below)")
