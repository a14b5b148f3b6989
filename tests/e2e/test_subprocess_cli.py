"""The installed console script and ``python -m gtm_pulse`` in real processes."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

from gtm_pulse import __version__
from gtm_pulse.store.database import Store
from tests.helpers import full_answers

SCRIPT = shutil.which("gtm-pulse", path=str(Path(sys.executable).parent)) or "gtm-pulse"


def run(*args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SCRIPT, *args], input=input, capture_output=True, text=True, env=os.environ, timeout=60
    )


def test_python_dash_m_prints_the_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gtm_pulse", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == f"gtm-pulse, version {__version__}"


def test_init_submit_status_through_the_console_script(db_path: Path, monthly) -> None:
    assert (
        run("init", "--company", "N", "--sales", "D", "--marketing", "S", "--ceo", "A").returncode
        == 0
    )
    for role in ("sales", "marketing"):
        done = run(
            "submit",
            "--role",
            role,
            "--answers",
            "-",
            input=json.dumps(full_answers(monthly, role)),
        )
        assert done.returncode == 0, done.stderr
    status = run("status", "--survey", "monthly-pulse")
    assert status.returncode == 0, status.stdout
    assert len(Store(db_path).load().responses) == 2


def test_a_user_error_is_one_line_on_stderr_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    result = run("--db", str(bad), "status")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"gtm-pulse: error: the database {bad} is not a gtm-pulse database "
        f"(no gtm-pulse schema record); left untouched ('gtm-pulse db check' looks closer; "
        f"no backup in {tmp_path / 'backups'})\n"
    )


def test_init_prompts_for_missing_names_in_a_terminal(db_path: Path) -> None:
    # A real pseudo-terminal: init asks for what --options did not give.
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execv(SCRIPT, [SCRIPT, "init", "--company", "Northwind"])
    transcript = b""
    answers = iter([b"Dana\n", b"Sam\n", b"Alex\n"])
    while True:
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        transcript += chunk
        if transcript.rstrip().endswith(b":"):
            os.write(fd, next(answers, b"\n"))
            transcript += b"\n"
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, transcript
    assert b"VP of Sales:" in transcript and b"CEO:" in transcript
    assert Store(db_path).load().team.members == {
        "sales": "Dana",
        "marketing": "Sam",
        "ceo": "Alex",
    }
