"""Printing commands stay fast: they never import textual (~300 ms), and the core never does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gtm_pulse.core.models import Survey
from gtm_pulse.store.database import Store
from tests.helpers import scored, submit_pair


def imported_by(args: list[str], *, exits: tuple[int, ...] = (0,)) -> list[str]:
    """The modules ``gtm-pulse ARGS`` imports, in order (``python -X importtime`` lists them)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "gtm_pulse", *args],
        capture_output=True,
        text=True,
    )
    assert result.returncode in exits, result.stderr[-800:]
    return [line.split("|")[-1].strip() for line in result.stderr.splitlines()]


def two_periods(store: Store, monthly: Survey) -> None:
    """Real data, so every module a report needs is loaded (an empty database stops early)."""
    submit_pair(store, monthly, "2026-10", scored(monthly, 4), scored(monthly, 3))
    submit_pair(store, monthly, "2026-11", scored(monthly, 4), scored(monthly, 2))


PROBE = """
import sys
from gtm_pulse.cli import cli
try:
    cli(sys.argv[1:], prog_name="gtm-pulse")
except SystemExit:
    pass
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "textual_plotext"))
print("HEAVY:" + ",".join(heavy))
"""


@pytest.mark.parametrize(
    "args",
    [["--help"], ["status"], ["surveys", "list"], ["surveys", "show", "monthly-pulse"]],
)
def test_printing_commands_do_not_import_textual(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "HEAVY:"


@pytest.mark.parametrize(
    "args",
    [
        ["compare"],
        ["compare", "--full"],
        ["compare", "--format", "json"],
        ["compare", "--format", "csv"],
        ["compare", "--format", "markdown"],
        ["trend"],
        ["status"],
        ["export"],
    ],
)
def test_printing_commands_with_data_never_import_textual(
    args: list[str], store: Store, monthly: Survey
) -> None:
    two_periods(store, monthly)
    imported = imported_by(args, exits=(0, 1))  # status exits 1 while the quarterly one is due
    assert [
        name
        for name in imported
        if name.startswith(
            ("gtm_pulse.report.", "gtm_pulse.services.status", "gtm_pulse.store.bundles")
        )
    ]  # got that far
    assert not [name for name in imported if name.split(".")[0] in ("textual", "textual_plotext")]


def test_sync_never_imports_textual(store: Store, monthly: Survey, tmp_path: Path) -> None:
    two_periods(store, monthly)
    shared = tmp_path / "shared"
    shared.mkdir()
    for args in (["sync", str(shared)], ["sync", "--dry-run"]):
        imported = imported_by(args)
        assert "gtm_pulse.services.syncing" in imported  # got that far
        assert not [
            name for name in imported if name.split(".")[0] in ("textual", "textual_plotext")
        ]


def test_the_core_modules_do_not_import_textual() -> None:
    code = (
        "import sys, gtm_pulse.store.database, gtm_pulse.core.surveys, gtm_pulse.core.answers,"
        " gtm_pulse.services.status,"
        " gtm_pulse.services.comparing, gtm_pulse.report.text, gtm_pulse.report.as_json,"
        " gtm_pulse.report.as_csv, gtm_pulse.report.as_markdown, gtm_pulse.report.trend;"
        "print(any(m.startswith('textual') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("args", [["compare"], ["compare", "--format", "json"], ["trend"]])
def test_reading_commands_never_build_pydantic_models(
    args: list[str], store: Store, monthly: Survey
) -> None:
    # pydantic's BaseModel alone costs ~46 ms: compare's whole budget over its import floor.
    two_periods(store, monthly)
    imported = imported_by(args)
    assert "pydantic.main" not in imported and "gtm_pulse.core.schema" not in imported


@pytest.mark.parametrize("args", [["export"], ["export", "--role", "sales", "--period", "2026-11"]])
def test_export_never_imports_pydantic(args: list[str], store: Store, monthly: Survey) -> None:
    # Exporting only reads: validation (pydantic, ~110 ms) is for what import takes in.
    submit_pair(store, monthly, "2026-11", scored(monthly, 4), scored(monthly, 3))
    warm = [sys.executable, "-m", "gtm_pulse", "surveys", "list"]  # the survey files, validated
    subprocess.run(warm, capture_output=True, check=True)  # once into the cache, as after install
    imported = imported_by(args)
    assert "gtm_pulse.store.bundles" in imported  # got that far
    assert "pydantic.main" not in imported and "gtm_pulse.core.schema" not in imported


def test_a_sync_with_nothing_new_never_imports_pydantic(
    store: Store, monthly: Survey, tmp_path: Path
) -> None:
    # The published team equal to this database's own is not validated again: pydantic and its
    # schema cost ~110 of the ~240 ms a sync from cron took (benchmarks item 6).
    two_periods(store, monthly)
    shared = tmp_path / "shared"
    shared.mkdir()
    imported_by(["sync", str(shared)])  # publishes the team
    again = imported_by(["sync"])
    assert "gtm_pulse.services.syncing" in again  # got that far
    assert "pydantic.main" not in again and "gtm_pulse.core.schema" not in again
