"""Break the store on purpose and check that the reliability tests notice (issue 15, item 11).

Usage: python tests/mutants/run.py [--keep]

Copies the project (``gtm_pulse/``, ``surveys/``, ``tests/``, ``pyproject.toml``) to a temp
folder, then, for the copy as it is and for each mutant below, applied to the store module
there, runs each reliability test file on its own (``python -m pytest -x`` with the copy as
working folder and ``PYTHONPATH``, so the tests and every ``gtm-pulse`` process they start
import the copy). Exit 0 only if every file passes on the copy as it is, and each mutant makes
every file listed as catching it fail. Prints which test failed first, file by file.

A mutant is appended to the copy's store module as a rebinding of one of its functions, so it
keeps applying while the module is edited; before the tests, a small script checks through the
real console script that the mutant bites (a mutant that changes nothing proves nothing).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COPIED = ["gtm_pulse", "surveys", "tests", "pyproject.toml"]
CRASH = "tests/e2e/test_crash_safety.py"
CONCURRENCY = "tests/e2e/test_concurrency.py"
HOSTILE_DB = "tests/cli/test_hostile_db.py"
FORMAT = "tests/store/test_format.py"
REPOSITORY = "tests/store/test_repository.py"
STORE_MODULE = "gtm_pulse/store/format.py"  # where the mutants are appended
RELIABILITY = [HOSTILE_DB, FORMAT, REPOSITORY, CONCURRENCY, CRASH]  # quickest first

INIT = "--company N --sales Dana --marketing Sam --ceo Alex"


@dataclass(frozen=True)
class Mutant:
    """A broken store: the code appended to the store module, a shell check that it bites (exit 0
    when the store is broken), and the test files that must fail on it."""

    name: str
    code: str
    bites: str
    caught_by: tuple[str, ...]


MUTANTS = [
    Mutant(
        name="A: a file that is not valid JSON reads as an empty database; a write replaces it",
        code="""
            def _loads(raw, where, after):
                import orjson

                try:
                    return orjson.loads(raw)
                except orjson.JSONDecodeError:
                    return new_database()
        """,
        bites=f"printf '{{broken' > db.json && gtm-pulse --db db.json init {INIT} && "
        "! grep -q broken db.json",
        caught_by=(HOSTILE_DB, FORMAT),
    ),
    Mutant(
        name="B: every write drops the history and commitments tables",
        code="""
            _unbroken_encode = encode

            def encode(data):
                kept = {k: v for k, v in data.items() if k not in (HISTORY, COMMITMENTS)}
                return _unbroken_encode(kept)
        """,
        bites=f"gtm-pulse --db db.json init {INIT} && "
        "gtm-pulse --db db.json actions add x --owner sales --due 2026-12 && "
        "gtm-pulse --db db.json actions list | grep -q 'No commitments yet'",
        caught_by=(CRASH, CONCURRENCY, REPOSITORY),
    ),
]


def copy_project(target: Path) -> None:
    ignored = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", ".hypothesis")
    target.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignored)
        else:
            shutil.copy2(source, target / name)


def environment(copy: Path) -> dict[str, str]:
    """The tests' environment: the copy first on the path, for gtm-pulse processes too."""
    env = {**os.environ, "PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": "1"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.pop("GTM_PULSE_DB", None)
    return env


def check_imports_the_copy(copy: Path) -> None:
    found = subprocess.run(
        [sys.executable, "-c", "import gtm_pulse.store.format as s; print(s.__file__)"],
        cwd=copy, env=environment(copy), capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    if Path(found).resolve() != (copy / STORE_MODULE).resolve():
        raise SystemExit(f"the copy's tests would import {found}, not the copy: stopping")


def bites(copy: Path, mutant: Mutant) -> bool:
    with tempfile.TemporaryDirectory() as scratch:
        done = subprocess.run(
            ["sh", "-c", mutant.bites], cwd=scratch, env=environment(copy), capture_output=True
        )
    return done.returncode == 0


def run_file(copy: Path, test_file: str) -> tuple[bool, str, float]:
    """Whether ``test_file`` passed in ``copy``, the first failure (or the summary), seconds."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-rf", test_file],
        cwd=copy, env=environment(copy), capture_output=True, text=True,
    )  # fmt: skip
    took = time.monotonic() - started
    lines = done.stdout.splitlines()
    failed = [line.removeprefix("FAILED ") for line in lines if line.startswith("FAILED ")]
    errors = [line for line in lines if line.startswith("ERROR ")]
    if done.returncode == 0:
        return True, lines[-1] if lines else "", took
    summary = (failed or errors or lines[-1:] or [done.stderr.strip()[-300:]])[0]
    return False, re.sub(r"\s+", " ", summary)[:160], took


def main() -> int:
    keep = "--keep" in sys.argv[1:]
    work = Path(tempfile.mkdtemp(prefix="gtm-pulse-mutants-"))
    started = time.monotonic()
    ok = True
    try:
        copies = {"unbroken": work / "unbroken"}
        copy_project(copies["unbroken"])
        check_imports_the_copy(copies["unbroken"])
        for n, mutant in enumerate(MUTANTS):
            copy = work / f"mutant-{n}"
            shutil.copytree(copies["unbroken"], copy)
            store = copy / STORE_MODULE
            store.write_text(
                store.read_text() + f"\n\n# mutant {mutant.name}\n" + textwrap.dedent(mutant.code)
            )
            if not bites(copy, mutant):
                print(f"mutant {mutant.name}: does not bite (the store module changed?): FAIL")
                ok = False
            copies[mutant.name] = copy

        print("unbroken store: every reliability test file must pass")
        for test_file in RELIABILITY:
            passed, said, took = run_file(copies["unbroken"], test_file)
            ok &= passed
            print(f"  {'pass' if passed else 'FAIL'}  {test_file} ({took:.0f} s): {said}")
        for mutant in MUTANTS:
            print(f"mutant {mutant.name}")
            caught = []
            for test_file in RELIABILITY:
                passed, said, took = run_file(copies[mutant.name], test_file)
                must = test_file in mutant.caught_by
                verdict = "caught" if not passed else ("MISSED" if must else "passes")
                ok &= not (must and passed)
                if not passed:
                    caught.append(test_file)
                print(f"  {verdict:<6}  {test_file} ({took:.0f} s): {said}")
            ok &= bool(caught)
    finally:
        if keep:
            print(f"copies kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    verdict = "ok" if ok else "FAILED"
    print(f"mutants: {verdict} ({time.monotonic() - started:.0f} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
