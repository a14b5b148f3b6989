"""The lazy group: 'gtm-pulse --help' lists every command without importing any of them."""

from __future__ import annotations

import importlib
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from gtm_pulse.cli import COMMANDS, cli
from gtm_pulse.cli.group import LazyGroup

COMMAND_MODULES = sorted({where.partition(":")[0] for where, _help in COMMANDS.values()})


def test_help_imports_no_command_module() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "gtm_pulse", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
    assert "gtm_pulse.cli" in imported  # got that far
    assert not imported & {*COMMAND_MODULES, "gtm_pulse.cli.context", "gtm_pulse.cli.launch"}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_short_help_is_the_first_paragraph_of_its_command(name: str) -> None:
    where, short_help = COMMANDS[name]
    module_name, _, attribute = where.partition(":")
    command = getattr(importlib.import_module(module_name), attribute)
    assert command.name == name
    first_paragraph = (command.help or "").partition("\n\n")[0]
    assert short_help.split() == first_paragraph.split()


@pytest.mark.parametrize("width", [40, 80, 120, 200])
def test_the_command_list_is_what_click_prints_from_the_commands_themselves(width: int) -> None:
    lazy = LazyGroup(name="gtm-pulse", lazy=COMMANDS)
    lazy_help = lazy.get_help(click.Context(lazy, terminal_width=width, max_content_width=width))
    loaded = click.Group(name="gtm-pulse")
    for name in COMMANDS:
        loaded.add_command(lazy.get_command(click.Context(lazy), name), name)  # type: ignore[arg-type]
    assert lazy_help == loaded.get_help(
        click.Context(loaded, terminal_width=width, max_content_width=width)
    )


def test_an_unknown_command_is_one_line_from_click() -> None:
    result = CliRunner().invoke(cli, ["nosuch"], prog_name="gtm-pulse")
    assert result.exit_code == 2
    assert result.output == (
        "gtm-pulse: error: No such command 'nosuch' (see 'gtm-pulse --help')\n"
    )


def test_every_command_of_the_map_is_listed() -> None:
    assert cli.list_commands(click.Context(cli)) == sorted(COMMANDS)
