"""The dashboard and the demo as real processes without a terminal (CI, a cron job, a pipe)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.etree import ElementTree

from gtm_pulse.store.database import Store
from tests.tui.dashboard_data import demo_store

SCRIPT = shutil.which("gtm-pulse", path=str(Path(sys.executable).parent)) or "gtm-pulse"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SCRIPT, *args], capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120
    )


def test_export_writes_one_valid_svg_per_view_and_slide_and_the_agenda(tmp_path: Path) -> None:
    store = demo_store(tmp_path)
    folder = tmp_path / "board-pack"
    result = run(
        "--db", str(store.path), "dashboard", "--period", "2026-05", "--export", str(folder)
    )
    assert result.returncode == 0, result.stderr
    svgs = sorted(folder.glob("*.svg"))
    assert [p.name for p in svgs][:7] == [
        "01-overview.svg", "02-dimensions.svg", "03-items.svg", "04-trend.svg",
        "05-frictions.svg", "06-comments.svg", "07-agenda.svg",
    ]  # fmt: skip
    assert len(svgs) == 17  # nine views and eight slides
    for svg in svgs:
        root = ElementTree.parse(svg).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert svg.stat().st_mode & 0o077 == 0  # owner only: it shows the VPs' answers
        # Opened offline it looks as online: no font or anything else fetched (the namespace
        # is a name, never fetched).
        rest = svg.read_text().replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "http" not in rest and "url(" not in rest, svg.name
    agenda = (folder / "agenda.md").read_text()
    title = agenda.splitlines()[0]
    assert title.startswith("# Offsite agenda: Northwind Analytics") and title.endswith(", 2026-05")
    assert "## Talk about these first" in agenda
    assert result.stdout.startswith(f"Exported 18 files to {folder}:")


def test_without_a_terminal_the_dashboard_says_what_to_use(tmp_path: Path) -> None:
    store = demo_store(tmp_path)
    result = run("--db", str(store.path), "dashboard")
    assert result.returncode == 2
    assert result.stderr.startswith(
        "gtm-pulse: error: the dashboard needs a terminal; use --export DIR, or 'gtm-pulse compare'"
    )


def test_a_period_only_one_vp_submitted_is_refused_before_anything_runs(
    store: Store, monthly, tmp_path: Path
) -> None:
    from tests.helpers import scored, submit_one

    submit_one(store, monthly, "2026-11", "sales", scored(monthly, 3))
    result = run("--db", str(store.path), "dashboard", "--export", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "Marketing (Sam Lee) has not submitted yet" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_demo_piped_prints_compare_and_leaves_nothing_behind(tmp_path: Path) -> None:
    temp = Path(tempfile.gettempdir())
    before = set(temp.glob("gtm-pulse-demo-*"))
    result = run("demo")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Demo database: ") and lines[0].endswith("(throwaway)")
    assert "Northwind Analytics · Monthly Sales & Marketing pulse" in result.stdout
    assert "Talk about these first" in result.stdout  # compare's verdict, on one screen
    assert len(lines) <= 2 + 22 and "compare --full" in lines[-1]
    assert set(temp.glob("gtm-pulse-demo-*")) == before


def test_pair_puts_another_two_roles_side_by_side(tmp_path: Path) -> None:
    store = demo_store(tmp_path)
    folder = tmp_path / "revops-sales"
    result = run(
        "--db", str(store.path), "dashboard", "--pair", "revops,sales", "--export", str(folder)
    )
    assert result.returncode == 0, result.stderr
    agenda = (folder / "agenda.md").read_text()
    assert "VP of RevOps: Priya Shah · VP of Sales: Dana Ortiz" in agenda
    assert "RevOps" in (folder / "02-dimensions.svg").read_text()


def test_pair_with_a_role_that_does_not_answer_is_one_line_and_writes_nothing(
    tmp_path: Path,
) -> None:
    store = demo_store(tmp_path)
    folder = tmp_path / "out"
    result = run(
        "--db", str(store.path), "dashboard", "--pair", "sales,cfo", "--export", str(folder)
    )
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and "'cfo' does not answer surveys" in result.stderr
    assert not folder.exists()
