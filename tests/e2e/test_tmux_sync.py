"""End to end, three laptops and one shared folder (issue 17): the installed gtm-pulse, the VP of
Sales in a real 80x24 terminal (tmux), the others through the CLI.

Each laptop is its own database, keys folder and cache (``GTM_PULSE_DB``, ``GTM_PULSE_KEYS``,
``XDG_CACHE_HOME``): nothing is shared but the folder, as on three machines.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from gtm_pulse.core.asking import asked_survey
from gtm_pulse.store.survey_files import load_catalog
from tests.e2e import test_tmux
from tests.e2e.test_tmux import SCRIPT, Terminal, answer
from tests.helpers import full_answers, with_guesses

pytestmark = test_tmux.pytestmark  # slow, and skipped without tmux


def laptop(root: Path) -> dict[str, str]:
    """The environment of one member's laptop under ``root``."""
    return {
        "GTM_PULSE_DB": str(root / "pulse.json"),
        "GTM_PULSE_KEYS": str(root / "keys"),
        "XDG_CACHE_HOME": str(root / "cache"),
        "XDG_DATA_HOME": str(root / "data"),
        "XDG_CONFIG_HOME": str(root / "config"),
        "GTM_PULSE_TODAY": os.environ["GTM_PULSE_TODAY"],
        "TERM": "xterm-256color",
    }


def run(env: dict[str, str], *args: str) -> str:
    """``gtm-pulse ARGS`` on the laptop ``env``; its output (it must succeed)."""
    done = subprocess.run(
        [str(SCRIPT), *args], env={**os.environ, **env}, capture_output=True, text=True
    )
    assert done.returncode == 0, f"gtm-pulse {' '.join(args)}:\n{done.stdout}{done.stderr}"
    return done.stdout


def test_a_vp_joins_and_takes_the_pulse_in_the_tui_and_the_ceo_compares(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    ceo, sales, marketing = (laptop(tmp_path / name) for name in ("ceo", "sales", "marketing"))

    # The CEO's laptop: set up the team and publish it.
    run(ceo, "init", "--company", "Northwind", "--sales", "Dana Ortiz",
        "--marketing", "Sam Lee", "--ceo", "Alex Morgan")  # fmt: skip
    run(ceo, "sync", str(shared))

    # The VP of Sales' laptop: no database yet; joins from the set-up screen, takes the pulse.
    survey = load_catalog().get("monthly-pulse")
    asked = asked_survey(survey, "sales")
    total = len(asked.questions)
    terminal = Terminal(str(SCRIPT), sales)
    try:
        terminal.wait_for("Welcome to gtm-pulse")
        terminal.keys("Tab", "Tab", "Tab", "Tab", "Tab", "Enter")  # past the fields: Join...
        terminal.wait_for("Your role:")  # the join form
        terminal.keys("-l", str(shared))
        terminal.keys("Enter")  # reads the team the CEO published
        terminal.wait_for("VP of Sales: Dana Ortiz")  # the first seat, chosen
        terminal.keys("Tab", "Enter")  # the Join button
        terminal.wait_for("Joined Northwind")  # (the notice wraps at 80 columns)
        terminal.keys("Enter")  # home's cursor is on what is due: Sales' monthly pulse
        for n, question in enumerate(asked.questions, 1):
            terminal.wait_for(f"· {n} of {total}")
            answer(terminal, question, 4, option=1)
        terminal.wait_for("Everything required is answered")
        terminal.keys("s")
        terminal.wait_for("Submit?")
        terminal.keys("Enter")
        terminal.wait_for("Submitted. Thank you.")
        # The sync after the submission: Sales' sealed response is in the shared folder.
        terminal.wait_for("Synced with")
        terminal.keys("q")
    finally:
        terminal.close()
    assert list((shared / "records" / "response").rglob("*.json"))

    # The VP of Marketing's laptop: join, submit and sync through the CLI.
    run(marketing, "join", str(shared), "--role", "marketing")
    answers = tmp_path / "marketing-answers.json"
    answers.write_text(
        json.dumps(with_guesses(survey, "marketing", full_answers(survey, "marketing")))
    )
    run(marketing, "submit", "--role", "marketing", "--answers", str(answers))
    run(marketing, "sync")

    # The CEO's laptop: sync (opens both, in the VPs' place), then compare.
    run(ceo, "sync")
    report = json.loads(run(ceo, "compare", "--format", "json"))
    given = full_answers(survey, "marketing")
    for item in report["items"]:  # each statement: Sales' 4 from the TUI, Marketing's as given
        assert item["answers"] == {"sales": 4, "marketing": given[item["question_id"]]}
    words = {c["question_id"]: c["by_role"] for c in report["comments"]}
    text = next(q.id for q in survey.questions if q.kind == "text")
    assert words[text] == {
        "sales": "Share the win/loss notes",
        "marketing": "marketing wrote this",
    }
    assert "Sales: Dana Ortiz · Marketing: Sam Lee" in run(ceo, "compare", "--width", "80")
