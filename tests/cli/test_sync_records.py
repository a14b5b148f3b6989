"""``gtm-pulse actions``, ``metrics`` and ``sync`` on three laptops through click: the numbers
and values every laptop ends with, and the lines ``sync`` prints about them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gtm_pulse.core.models import Team
from gtm_pulse.errors import EXIT_USER_ERROR
from tests.cli.test_sync import Laptops


@pytest.fixture
def laptops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, team: Team) -> Laptops:
    """The CEO's laptop has published the team in a shared folder; both VPs joined."""
    shared = tmp_path / "shared"
    shared.mkdir()
    found = Laptops(tmp_path, monkeypatch)
    found.use("ceo").init(team)
    assert found.run("ceo", "sync", str(shared)).exit_code == 0
    for role in ("sales", "marketing"):
        assert found.run(role, "join", str(shared), "--role", role).exit_code == 0
    return found


def listed(laptops: Laptops, name: str) -> list[dict]:
    result = laptops.run(name, "actions", "list", "--format", "json")
    return [{k: c[k] for k in ("number", "text", "done_at")} for c in json.loads(result.output)]


def test_commitments_added_at_once_on_two_laptops_end_numbered_alike(laptops: Laptops) -> None:
    add = ["actions", "add", "--due", "2027-03", "--owner"]
    assert laptops.run("sales", *add, "sales", "Weekly pipeline call").exit_code == 0
    assert laptops.run("marketing", *add, "marketing", "One lead definition").exit_code == 0
    printed = [laptops.run(name, "sync").output for name in ("sales", "marketing", "sales")]
    moved = [line for out in printed for line in out.splitlines() if "is now #2" in line]
    assert len(moved) == 1 and moved[0].startswith("commitment #1 (")
    assert ": #1 was taken by " in moved[0]
    assert laptops.run("marketing", "actions", "done", "1").exit_code == 0
    for name in ("marketing", "ceo", "sales"):
        assert laptops.run(name, "sync").exit_code == 0
    assert listed(laptops, "ceo") == listed(laptops, "sales") == listed(laptops, "marketing")
    by_number = {c["number"]: c for c in listed(laptops, "ceo")}
    assert sorted(by_number) == [1, 2] and by_number[1]["done_at"] and not by_number[2]["done_at"]


def test_metric_values_reach_the_ceo(laptops: Laptops) -> None:
    assert laptops.run("marketing", "metrics", "define", "mql-acceptance").exit_code == 0
    result = laptops.run("marketing", "metrics", "set", "--period", "2026-11", "mql-acceptance=45")
    assert result.exit_code == 0
    assert "published metric mql-acceptance 2026-11 = 45" in laptops.run("marketing", "sync").output
    seen = laptops.run("ceo", "sync").output
    assert "imported metric mql-acceptance 2026-11 = 45 (from marketing)" in seen
    shown = json.loads(laptops.run("ceo", "metrics", "list", "--format", "json").output)
    assert shown[0]["values"] == {"2026-11": 45.0}


def test_sync_help_names_trust_new_keys(laptops: Laptops) -> None:
    result = laptops.run("ceo", "sync", "--help")
    assert "--trust-new-keys" in result.output and "new laptop" in result.output


def test_a_vp_who_ran_init_is_refused_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, team: Team, monthly: object
) -> None:
    from tests.cli.test_sync import submit
    from tests.helpers import full_answers

    empty = tmp_path / "empty"
    empty.mkdir()
    found = Laptops(tmp_path, monkeypatch)
    found.use("sales").init(team)  # the VP of Sales ran init, not join, and answered
    submit(found, "sales", monthly, full_answers(monthly, "sales"))  # type: ignore[arg-type]
    result = found.run("sales", "sync", str(empty))
    assert result.exit_code == EXIT_USER_ERROR
    assert len(result.output.splitlines()) == 1
    assert "only the CEO's laptop publishes the team" in result.output
    assert not (empty / "records").exists()
