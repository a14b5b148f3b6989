"""Real processes running every writing command on one database at once lose nothing.

Six children (``writer.py``) start together; each runs, in its own turn, ``init`` of a team of
its own, ``metrics define``, ``submit`` for three months, ``submit --amend``, ``metrics set`` of
a metric every child writes and of its own, ``actions add`` twice, ``actions done``,
``import`` of three bundles made by ``export`` and ``db backup``. Each command is a real
``gtm-pulse`` process; they take the lock in whatever order they reach it. Afterwards every
command has succeeded, ``db check`` passes, and every table holds exactly what they wrote.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gtm_pulse.cli import cli
from gtm_pulse.core.models import Survey, Team
from gtm_pulse.core.periods import Period
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.store.database import Store
from gtm_pulse.store.format import team_ids
from gtm_pulse.store.integrity import check_database
from tests.e2e.writer import GTM_PULSE, MARK, recorded
from tests.helpers import full_answers, submit_one, with_guesses

WRITER = Path(__file__).with_name("writer.py")
WRITERS = 6
MONTHS = 3  # each writer's own months
BASE = 2000 * 12  # period index of 2000-01
FIRST, AMENDED, IMPORTED = 2, 4, 3  # the answer to MARK in each kind of response


def period(writer: int, month: int) -> str:
    return str(Period("monthly", BASE + writer * MONTHS + month))


def plan(w: int, db: Path, answers: dict[int, str], bundles: list[str], backups: Path) -> list:
    """Writer ``w``'s commands: every writing command, on its own months and records."""
    on = ["--db", str(db), "--team", "default"]
    mine = f"writer-{w}"
    commands = [
        ["--db", str(db), "--team", f"team-{w}", "init", "--company", f"Company {w}",
         "--sales", "Dana", "--marketing", "Sam", "--ceo", "Alex"],
        [*on, "metrics", "define", mine, "--name", f"Metric {w}", "--unit", "%"],
        *([*on, "submit", "--role", "sales", "--period", period(w, m), "--answers",
           answers[FIRST]] for m in range(MONTHS)),
        [*on, "submit", "--amend", "--role", "sales", "--period", period(w, 0), "--answers",
         answers[AMENDED]],
        *([*on, "metrics", "set", "--period", period(w, m), f"mql-acceptance={w * 10 + m}",
           f"{mine}={m}"] for m in range(MONTHS)),
        [*on, "actions", "add", f"{mine} first", "--owner", "sales", "--due", "2026-12"],
        [*on, "actions", "add", f"{mine} second", "--owner", "marketing", "--due", "2026-12"],
        [*on, "actions", "done", "{recorded}"],  # the second
        [*on, "import", *bundles],
        [*on, "db", "backup", str(backups)],
    ]  # fmt: skip
    return [[n, args] for n, args in enumerate(commands)]


@pytest.mark.slow
def test_every_writing_command_at_once_from_six_processes_loses_nothing(
    store: Store, team: Team, monthly: Survey, catalog: Catalog, tmp_path: Path
) -> None:
    # Given: a metric every writer sets, answers files, and bundles of the VP of Marketing's
    # answers for each writer's months, exported from their laptop.
    assert CliRunner().invoke(cli, ["metrics", "define", "mql-acceptance"]).exit_code == 0
    answers = {}
    for mark in (FIRST, AMENDED):
        answers[mark] = str(tmp_path / f"answers-{mark}.json")
        raw = with_guesses(monthly, "sales", full_answers(monthly) | {MARK: mark})
        Path(answers[mark]).write_text(json.dumps(raw))
    laptop = Store(tmp_path / "laptop.json")
    laptop.init(team)
    bundles: dict[int, list[str]] = {}
    for w in range(WRITERS):
        for m in range(MONTHS):
            raw = full_answers(monthly, "marketing") | {MARK: IMPORTED}
            submit_one(laptop, monthly, period(w, m), "marketing", raw)
            out = str(tmp_path / f"bundle-{w}-{m}.json")
            args = ["--db", str(laptop.path), "export", "--period", period(w, m), "--role",
                    "marketing", "--output", out]  # fmt: skip
            assert CliRunner().invoke(cli, args).exit_code == 0
            bundles.setdefault(w, []).append(out)

    # When: six writers run every writing command at the same time.
    children = []
    for w in range(WRITERS):
        path = tmp_path / f"plan-{w}.json"
        backups = tmp_path / f"backups-{w}"
        path.write_text(json.dumps(plan(w, store.path, answers, bundles[w], backups)))
        children.append(
            subprocess.Popen(
                [sys.executable, str(WRITER), str(path), "0"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    outputs = []
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        outputs.append(out)

    # Then: every command succeeded, the database checks, and it holds all they wrote.
    commands = len(plan(0, store.path, answers, bundles[0], tmp_path))
    assert [out.count("ack ") for out in outputs] == [commands] * WRITERS
    checked = subprocess.run(
        [GTM_PULSE, "--db", str(store.path), "db", "check"], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    found = recorded(store.path, team="default")
    assert found["responses"] == {
        **{(period(w, m), "sales"): (2, AMENDED) if m == 0 else (1, FIRST)
           for w in range(WRITERS) for m in range(MONTHS)},
        **{(period(w, m), "marketing"): (1, IMPORTED) for w in range(WRITERS)
           for m in range(MONTHS)},
    }  # fmt: skip
    assert found["history"] == sorted((period(w, 0), "sales", 1, FIRST) for w in range(WRITERS))
    commitments = found["commitments"]
    assert sorted(commitments) == list(range(1, 2 * WRITERS + 1))  # numbered once each
    assert sorted(commitments.values()) == sorted(
        (f"writer-{w} {which}", which == "second")
        for w in range(WRITERS)
        for which in ("first", "second")
    )
    assert found["metrics"] == {
        "mql-acceptance": {period(w, m): w * 10 + m for w in range(WRITERS) for m in range(MONTHS)},
        **{f"writer-{w}": {period(w, m): m for m in range(MONTHS)} for w in range(WRITERS)},
    }
    assert _teams(store.path) == ["default", *(f"team-{w}" for w in range(WRITERS))]
    for w in range(WRITERS):  # each backup is a whole database, holding that writer's team
        (backup,) = (tmp_path / f"backups-{w}").iterdir()
        assert check_database(backup, catalog).ok
        assert f"team-{w}" in _teams(backup)


def _teams(path: Path) -> list[str]:
    """The ids of the teams in the database at ``path``, sorted."""
    return team_ids(Store(path, team="default").load().tables)
