"""The wheel carries the survey files, so a plain (non-editable) install can load them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("gtm_pulse-*.whl")
    return built


@pytest.mark.slow
def test_wheel_contains_every_survey_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for survey in sorted((ROOT / "surveys").glob("*.toml")):
        assert f"gtm_pulse/surveys/{survey.name}" in names
        assert (
            zipfile.ZipFile(wheel).read(f"gtm_pulse/surveys/{survey.name}") == survey.read_bytes()
        )


@pytest.mark.slow
def test_installed_wheel_loads_its_own_surveys(wheel: Path, tmp_path: Path) -> None:
    # Unpacking a wheel gives exactly the layout pip installs into site-packages.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from gtm_pulse.store.survey_files import shipped_dir, load_catalog;"
        "print(shipped_dir()); print(' '.join(load_catalog().ids()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(site)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    folder, ids = result.stdout.splitlines()
    assert Path(folder) == site / "gtm_pulse" / "surveys"
    assert ids.split() == ["monthly-pulse", "quarterly-deep-dive"]
