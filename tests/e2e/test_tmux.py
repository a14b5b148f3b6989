"""End to end: the installed gtm-pulse in a real 80x24 terminal (tmux), start to submit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from gtm_pulse.core.answers import check_answers
from gtm_pulse.core.asking import asked_survey
from gtm_pulse.core.models import Question
from gtm_pulse.store.database import Store
from gtm_pulse.store.survey_files import load_catalog

TMUX = shutil.which("tmux")
SCRIPT = Path(sys.executable).parent / "gtm-pulse"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it)"),
]


class Terminal:
    """A detached tmux session: type keys, read the screen."""

    def __init__(self, command: str, env: dict[str, str]) -> None:
        self.name = f"gtm-pulse-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{key}={value}" for key, value in env.items())
        subprocess.run(
            [TMUX, "new-session", "-d", "-s", self.name, "-x", "80", "-y", "24",
             f"env {exports} {command}; sleep 30"],
            check=True,
        )  # fmt: skip

    def keys(self, *keys: str) -> None:
        subprocess.run([TMUX, "send-keys", "-t", self.name, *keys], check=True)

    def screen(self) -> str:
        result = subprocess.run(
            [TMUX, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return result.stdout

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never showed; the screen was:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run([TMUX, "kill-session", "-t", self.name], capture_output=True)


def answer(terminal: Terminal, question: Question, point: int, option: int) -> None:
    """Answer the question on screen as a person would: ``point`` for a statement, ``option``
    (one severity to the right) for a friction list, a sentence for a free text."""
    if question.kind == "likert":
        terminal.keys(str(point))
    elif question.kind == "multi":
        terminal.keys(str(option), "Right")
        terminal.wait_for(f"{option} [x]")
        terminal.keys("n")
    else:
        terminal.keys("-l", "Share the win/loss notes")
        terminal.keys("C-n")


def test_a_vp_takes_the_pulse_in_a_real_terminal(store: Store) -> None:
    survey = load_catalog().get("monthly-pulse")
    env = {
        "GTM_PULSE_DB": str(store.path),
        "GTM_PULSE_TODAY": os.environ["GTM_PULSE_TODAY"],
        "TERM": "xterm-256color",
    }
    terminal = Terminal(f"{SCRIPT} take --role marketing", env)
    asked = asked_survey(survey, "marketing")  # a guess at Sales' answer after some statements
    try:
        total = len(asked.questions)
        terminal.wait_for(f"Respect & trust · 1 of {total}")
        for dimension in asked.dimensions:
            for question in asked.questions_in(dimension.id):
                n = asked.questions.index(question) + 1
                terminal.wait_for(f"· {n} of {total}")
                if n == 1:  # c: the dimension's comment over the page; digits stay in it
                    terminal.keys("c")
                    terminal.wait_for("comment (optional)")
                    terminal.keys("-l", "Better since 3 weeks")
                    terminal.keys("Escape")
                    terminal.wait_for("· commented")
                answer(terminal, question, 3, option=2)
        terminal.wait_for("Everything required is answered")
        terminal.keys("s")
        terminal.wait_for("Submit?")
        terminal.keys("Enter")
        terminal.wait_for("Submitted. Thank you.")
        assert "Sales has not submitted 2026-11 yet" in terminal.screen()
        terminal.keys("q")
    finally:
        terminal.close()

    response = Store(store.path).load().response("monthly-pulse", "2026-11", "marketing")
    assert response is not None
    checked = check_answers(survey, response.answers)
    likert = [q.id for q in survey.questions if q.kind == "likert"]
    assert all(checked.answers[q] == 3 for q in likert)
    multi = next(q for q in survey.questions if q.kind == "multi")
    assert checked.answers[multi.id] == {multi.options[1].id: multi.severities[1]}
    text = next(q for q in survey.questions if q.kind == "text")
    assert checked.answers[text.id] == "Share the win/loss notes"
    assert response.comments == {asked.dimensions[0].id: "Better since 3 weeks"}
