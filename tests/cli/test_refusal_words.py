"""A refused command says only what is wrong (issue 15 follow-up): no advice after it."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from gtm_pulse.cli import cli


def test_a_broken_database_readable_by_others_gets_one_line_from_a_nested_command(
    isolated_env: Path,
):
    isolated_env.parent.mkdir(parents=True, exist_ok=True)
    isolated_env.write_text("{not json")
    os.chmod(isolated_env, 0o644)
    for args in (["db", "check"], ["actions", "list"], ["metrics", "list"], ["status"]):
        result = CliRunner().invoke(cli, args)
        lines = result.output.splitlines()
        assert result.exit_code == 2, args
        assert len(lines) == 1 and "not valid JSON" in lines[0], (args, lines)
