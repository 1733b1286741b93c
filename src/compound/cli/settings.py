"""`compound config …`: the settings file, with environment overrides shown."""

from __future__ import annotations

import os

from compound import config, locations
from compound.cli.context import Context


def show(ctx: Context, args) -> int:
    settings = ctx.settings
    for name, key in config.KEYS.items():
        value = key.show(getattr(settings, name))
        ctx.print(f"{name} = {value}    # {settings.sources[name]}; {key.help}")
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
    ctx.print(f"{args.key} is back to its default, "
              f"{config.KEYS[args.key].show(config.KEYS[args.key].default)}.")
    return 0


def register(commands) -> None:
    config_group = commands.group("config", "show or change settings")
    config_group.add("show", show, "every setting, its value and where it came from")
    p = config_group.add("set", set_value, "change a setting")
    p.add_argument("key", metavar="KEY")
    p.add_argument("value", metavar="VALUE")
    p = config_group.add("unset", unset_value, "return a setting to its default")
    p.add_argument("key", metavar="KEY")
