"""Item 1's floors are honest: each printing command's floor imports exactly the third-party
libraries the command imports (issue 18), on the database the benchmark times it on."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.floors import imported_top_level, third_party_imports
from benchmarks.generate import generate
from benchmarks.run import FLOORS, PRINTING, environment, printing_command


@pytest.fixture(scope="module")
def bench_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "24-months.json"
    generate(path, 48)  # as item 1: one team, its 24 months
    return path


@pytest.mark.parametrize("name", sorted(PRINTING))
def test_each_floor_imports_what_its_command_imports(name: str, bench_db: Path) -> None:
    cli_args = printing_command(name, bench_db)[1:]  # after the console script
    assert third_party_imports(cli_args, environment()) == set(FLOORS[name])


def test_the_floors_are_found_from_a_real_run() -> None:
    # The check above cannot pass by finding nothing: a pydantic import is seen, and counted.
    survey = Path(__file__).resolve().parents[2] / "surveys" / "monthly-pulse.toml"
    found = third_party_imports(["surveys", "validate", str(survey)], environment())
    assert {"click", "pydantic"} <= found
    assert not found & {"gtm_pulse", "os", "_hashlib", "org"}


@pytest.mark.parametrize("name", ["compare", "compare-json", "status"])
def test_reading_commands_leave_out_what_they_never_use(name: str, bench_db: Path) -> None:
    # Issue 18's cuts: hashlib starts OpenSSL (~2.3 ms), secrets brings random and hmac (~4.7 ms
    # with hashlib), shutil brings bz2 and lzma (~2 ms): reading and printing need none of them,
    # unless the floor's own libraries bring them (platformdirs imports tempfile, so shutil).
    env = environment()
    command = ["-m", "gtm_pulse", *printing_command(name, bench_db)[1:]]
    imported_top_level(command, env)  # warm, as the benchmark times it
    found = imported_top_level(command, env)
    floor = imported_top_level(["-c", f"import {', '.join(FLOORS[name])}"], env)
    assert "gtm_pulse" in found  # got that far
    assert not found & ({"hashlib", "_hashlib", "secrets", "shutil"} - floor)
