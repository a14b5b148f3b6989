"""``status``, ``compare`` and ``dashboard`` with a remote (issue 17): how fresh the data is,
what waits to be revealed, and ``--sync``. Three laptops share a folder on disk (the helpers of
``test_sync``); without a remote every output stays byte-identical (the other CLI tests).
"""

# ruff: noqa: F811  (pytest fixtures imported from test_sync are arguments here)
from __future__ import annotations

import json
from pathlib import Path

from gtm_pulse.core.models import Survey, Team
from gtm_pulse.errors import EXIT_USER_ERROR

# The laptops and their shared folder are test_sync's fixtures, used here by name.
from tests.cli.test_sync import Laptops, laptops, marked, shared, submit  # noqa: F401
from tests.helpers import full_answers


def joined(laptops: Laptops, shared: Path) -> Laptops:
    for role in ("sales", "marketing"):
        result = laptops.run(role, "join", str(shared), "--role", role)
        assert result.exit_code == 0, result.output
    return laptops


def test_before_the_reveal_the_ceo_compare_names_what_waits_in_the_remote(
    laptops: Laptops, shared: Path, monthly: Survey
) -> None:
    joined(laptops, shared)
    submit(laptops, "sales", monthly, marked(monthly))
    assert laptops.run("sales", "sync").exit_code == 0
    assert laptops.run("ceo", "sync").exit_code == 0
    result = laptops.run("ceo", "compare")
    assert result.exit_code == 1
    (line,) = result.output.splitlines()
    assert "each VP takes the pulse" not in line
    assert line.startswith(
        "gtm-pulse: error: nothing to compare yet: Sales' sealed response to monthly-pulse "
        "2026-11 waits for Marketing to submit (as of this laptop's last sync with "
    )


def test_before_the_reveal_the_vp_compare_says_the_other_sealed_response_waits_for_its_key(
    laptops: Laptops, shared: Path, monthly: Survey
) -> None:
    joined(laptops, shared)
    submit(laptops, "sales", monthly, marked(monthly))
    laptops.run("sales", "sync")
    submit(laptops, "marketing", monthly, full_answers(monthly, "marketing"))
    laptops.run("marketing", "sync")  # its key released: the Sales laptop has not synced since
    laptops.run("ceo", "sync")  # takes both, releases Sales' key in its author's place
    laptops.use("ceo")
    marketing_view = laptops.run("marketing", "compare")
    assert marketing_view.exit_code == 1
    assert "Sales' sealed response to monthly-pulse 2026-11 waits for its key" in (
        marketing_view.output
    )


def status_lines(laptops: Laptops, name: str, *args: str) -> list[str]:
    result = laptops.run(name, "status", *args)
    return result.output.splitlines()


def test_status_shows_each_member_last_sync_and_what_waits(
    laptops: Laptops, shared: Path, monthly: Survey, team: Team
) -> None:
    import re

    laptops.run("sales", "join", str(shared), "--role", "sales")
    submit(laptops, "sales", monthly, marked(monthly))
    laptops.run("sales", "sync")
    laptops.run("ceo", "sync")
    result = laptops.run("ceo", "status")
    assert result.exit_code == 1  # Marketing is missing: the exit code is the same as without
    lines = result.output.splitlines()
    start = lines.index("6 submission(s) missing.") + 1
    time = r"2026-11-15 \d\d:\d\d UTC"
    at = f"last synced {time}"
    expected = [
        "",
        rf"Sync: {re.escape(str(shared))}, last synced by this laptop at {time}",
        rf"  VP of Sales       Dana Ortiz               {at}",
        r"  VP of Marketing   Sam Lee                  never synced",
        rf"  CEO               Alex Morgan              {at}",
        r"  VP of RevOps      Priya Shah               never synced",
        r"Waiting to be revealed:",
        r"  Sales' sealed response to monthly-pulse 2026-11 waits for Marketing to submit",
    ]
    assert len(lines[start:]) == len(expected), lines[start:]
    for line, pattern in zip(lines[start:], expected, strict=True):
        assert re.fullmatch(pattern, line), (line, pattern)


def test_without_a_remote_status_and_compare_say_nothing_about_syncing(
    laptops: Laptops, monthly: Survey, team: Team
) -> None:
    from tests.helpers import submit_pair

    alone = laptops.use("alone")
    alone.init(team)
    submit_pair(
        alone, monthly, "2026-11", full_answers(monthly), full_answers(monthly, "marketing")
    )
    for args in (["status"], ["compare"], ["compare", "--format", "markdown"]):
        assert "ynced" not in laptops.run("alone", *args).output
    document = json.loads(laptops.run("alone", "compare", "--format", "json").output)
    assert "synced" not in document


def both_revealed(laptops: Laptops, shared: Path, monthly: Survey) -> Laptops:
    joined(laptops, shared)
    submit(laptops, "sales", monthly, marked(monthly))
    submit(laptops, "marketing", monthly, full_answers(monthly, "marketing"))
    for name in ("sales", "marketing", "ceo"):
        assert laptops.run(name, "sync").exit_code == 0
    return laptops


def test_compare_ends_with_how_fresh_its_data_is(
    laptops: Laptops, shared: Path, monthly: Survey
) -> None:
    from gtm_pulse.report.as_markdown import escape

    both_revealed(laptops, shared, monthly)
    for fmt, remote in (("text", str(shared)), ("markdown", escape(str(shared)))):
        result = laptops.run("ceo", "compare", "--format", fmt)
        assert result.exit_code == 0, result.output
        last = result.output.splitlines()[-1].strip("_")
        assert last.startswith(f"Synced with {remote} at 2026-11-15 "), last
        assert "; Sales last synced 2026-11-15 " in last and ", Marketing last synced " in last
        assert last.endswith(", RevOps never synced.")  # the demo team's third respondent
    csv = laptops.run("ceo", "compare", "--format", "csv").output
    assert "ynced" not in csv


def test_compare_json_carries_synced_and_stays_valid_against_the_schema(
    laptops: Laptops, shared: Path, monthly: Survey
) -> None:
    from gtm_pulse.report import schema

    both_revealed(laptops, shared, monthly)
    result = laptops.run("ceo", "compare", "--format", "json", "--sync")
    document = json.loads(result.stdout)
    synced = document["synced"]
    assert synced["remote"] == str(shared) and synced["waiting"] == []
    assert {m["role"] for m in synced["members"] if m["last_sync"]} >= {"sales", "marketing"}
    assert result.stderr.splitlines() == [
        f"Synced with {shared}: 0 published, 0 imported, 0 waiting, 0 skipped."
    ]
    import jsonschema

    jsonschema.validate(document, json.loads(schema.PATH.read_text()))


def test_sync_option_brings_the_answers_first(
    laptops: Laptops, shared: Path, monthly: Survey
) -> None:
    joined(laptops, shared)
    submit(laptops, "sales", monthly, marked(monthly))
    submit(laptops, "marketing", monthly, full_answers(monthly, "marketing"))
    laptops.run("sales", "sync")
    laptops.run("marketing", "sync")
    assert laptops.run("ceo", "compare").exit_code == 1  # not synced since: nothing here yet
    result = laptops.run("ceo", "compare", "--sync")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"Synced with {shared}: 1 published, 2 imported, 0 waiting, 0 skipped."
    ]


def test_a_failed_sync_is_one_line_and_nothing_else(
    laptops: Laptops, shared: Path, monthly: Survey
) -> None:
    both_revealed(laptops, shared, monthly)
    shared.rename(shared.with_name("gone"))
    for args in (
        ["compare", "--sync"],
        ["compare", "--sync", "--format", "json"],
        ["status", "--sync"],
        ["dashboard", "--sync"],
    ):
        result = laptops.run("ceo", *args)
        assert result.exit_code != 0
        assert result.stdout == "", args
        (line,) = result.stderr.splitlines()
        assert line.startswith("gtm-pulse: error: ") and str(shared) in line


def test_status_sync_without_a_remote_is_one_line(laptops: Laptops, team: Team) -> None:
    laptops.use("alone").init(team)
    result = laptops.run("alone", "status", "--sync")
    assert result.exit_code == EXIT_USER_ERROR
    assert result.stdout == ""
    assert result.stderr.startswith("gtm-pulse: error: no remote to sync with yet")


def test_dashboard_export_says_how_fresh_and_sync_needs_no_textual(
    laptops: Laptops, shared: Path, monthly: Survey, tmp_path: Path
) -> None:
    both_revealed(laptops, shared, monthly)
    result = laptops.run("ceo", "dashboard", "--sync", "--export", str(tmp_path / "pack"))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith(f"Synced with {shared} at 2026-11-15 ")
    assert result.stderr.startswith(f"Synced with {shared}: ")


def test_sync_and_freshness_import_no_textual(
    laptops: Laptops, shared: Path, monthly: Survey
) -> None:
    import subprocess
    import sys

    from tests.e2e.test_imports import PROBE

    both_revealed(laptops, shared, monthly)
    laptops.use("ceo")  # the subprocess inherits this laptop's database and keys
    for args in (["compare", "--sync"], ["status", "--sync"], ["compare", "--format", "json"]):
        done = subprocess.run(
            [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
        )
        assert "synced" in (done.stdout + done.stderr).lower()
        assert done.stdout.splitlines()[-1] == "HEAVY:", args
