"""What an export carries, and the sealed periods it leaves out."""

from __future__ import annotations

import json

from gtm_pulse.core.models import Survey
from gtm_pulse.core.periods import parse_period
from gtm_pulse.services.sharing import build_export
from gtm_pulse.store.database import Store
from tests.helpers import scored, submit_one, submit_pair


def test_an_export_of_every_role_leaves_out_a_period_one_vp_submitted(
    store: Store, monthly: Survey
) -> None:
    submit_pair(store, monthly, "2026-10", scored(monthly, 4), scored(monthly, 3))
    submit_one(store, monthly, "2026-11", "sales", scored(monthly, 4))
    export = build_export(store.load(), monthly, None, None)
    assert export.left_out == ["2026-11"]
    assert export.count == 2 == len(json.loads(export.text)["payload"]["responses"])


def test_an_export_of_one_period_names_only_that_period_left_out(
    store: Store, monthly: Survey
) -> None:
    submit_one(store, monthly, "2026-11", "sales", scored(monthly, 4))
    assert build_export(store.load(), monthly, parse_period("2026-10"), None).left_out == []


def test_an_export_of_one_role_leaves_nothing_out(store: Store, monthly: Survey) -> None:
    submit_one(store, monthly, "2026-11", "sales", scored(monthly, 4))
    export = build_export(store.load(), monthly, None, "sales")
    assert export.left_out == [] and export.count == 1
