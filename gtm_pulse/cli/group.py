"""The click groups: one that turns user mistakes into one line, and the lazy one at the top.

``gtm-pulse --help`` lists every command without importing any command module: each command's
short help lives in :class:`LazyGroup`'s map, beside where to find the command (click's
documented "lazily loading subcommands" pattern, with the help kept off the import path).
"""

from __future__ import annotations

import sys
from typing import Any

import click

from gtm_pulse.errors import PulseError


class PulseGroup(click.Group):
    """A click group that turns user mistakes into one line each and an exit code.

    :class:`PulseError` says what is wrong with the data; click's own usage errors (a bad option
    value, a missing argument) get the same one-line shape instead of click's usage block.
    """

    def invoke(self, ctx: click.Context) -> Any:
        # Imported here, not above: 'gtm-pulse --help' never needs them, and the dataclass
        # behind ctx.obj costs ~10 ms of imports (dataclasses, inspect) that click does not.
        from gtm_pulse.cli.context import warn_if_shared
        from gtm_pulse.cli.output import error_line, fail

        try:
            result = super().invoke(ctx)
        except PulseError as error:
            fail(error)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx else ctx.command_path
            message = error.format_message().rstrip(".")  # it may quote the value given
            click.echo(error_line(f"{message} (see '{where} --help')"), err=True)
            sys.exit(error.exit_code)
        except (SystemExit, click.exceptions.Exit):  # a command's own exit code (status: 1)
            warn_if_shared(ctx)
            raise
        warn_if_shared(ctx)
        return result


class LazyGroup(PulseGroup):
    """A :class:`PulseGroup` whose commands are imported only when one is asked for.

    ``lazy`` maps a command's name to ``("module:attribute", short help)``. The short help is
    the first paragraph of the command's own docstring (a test keeps the two the same), so the
    command list of ``--help`` is what click would print, without importing the commands.
    """

    def __init__(self, *args: Any, lazy: dict[str, tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.lazy or cmd_name in self.commands:
            return super().get_command(ctx, cmd_name)
        import importlib

        module_name, _, attribute = self.lazy[cmd_name][0].partition(":")
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{module_name}:{attribute} is not a click command")
        self.commands[cmd_name] = command  # imported once
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of ``--help``, as click writes it, from the map's short help."""
        commands: list[tuple[str, click.Command]] = []
        for name in self.list_commands(ctx):
            if name in self.lazy and name not in self.commands:
                # A stand-in with the same first paragraph: click shortens it the same way.
                commands.append((name, click.Command(name, help=self.lazy[name][1])))
            elif not self.commands[name].hidden:
                commands.append((name, self.commands[name]))
        if commands:
            from gettext import gettext as _  # as click's own format_commands

            limit = formatter.width - 6 - max(len(name) for name, _command in commands)
            rows = [(name, command.get_short_help_str(limit)) for name, command in commands]
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)
