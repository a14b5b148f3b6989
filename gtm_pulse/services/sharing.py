"""Bundles between laptops: what ``export`` writes (and which sealed periods it leaves out), and
what ``import`` added, amended or found already there."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gtm_pulse.core.models import Response, Survey
    from gtm_pulse.core.periods import Period
    from gtm_pulse.core.seal_rule import Opening
    from gtm_pulse.core.surveys import Catalog
    from gtm_pulse.store.bundles import Bundle
    from gtm_pulse.store.database import Store
    from gtm_pulse.store.snapshot import Snapshot


@dataclass(frozen=True)
class Export:
    """A bundle ready to write, and what it says about itself."""

    text: str
    """The bundle as JSON, ending with a newline."""
    count: int
    """How many responses it carries."""
    left_out: list[str]
    """The sealed periods an export of every role left out (one VP's answers alone)."""


def export_openings(
    snapshot: Snapshot, survey: Survey, period: Period | None, role: str
) -> list[Opening]:
    """What exporting ``role``'s responses opens before the seal allowed (one per period);
    refuses a role the team does not have. To be recorded before the bundle is written."""
    from gtm_pulse.core.periods import today
    from gtm_pulse.services.submission import respondent_role
    from gtm_pulse.store.bundles import openings

    respondent_role(snapshot.require_team(), role)
    return openings(snapshot, survey, period, role, today().isoformat())


def build_export(
    snapshot: Snapshot, survey: Survey, period: Period | None, role: str | None
) -> Export:
    """The bundle of ``survey``'s responses (of ``period`` and ``role`` if given).

    Without ``role``, periods only one VP has submitted stay sealed: left out, and listed in
    :attr:`Export.left_out` (of ``period`` alone when given).
    """
    import json

    from gtm_pulse.store.bundles import make_bundle, sealed_periods

    bundle = make_bundle(snapshot, survey, period, role)
    left_out = []
    if role is None:
        left_out = [s for s in sealed_periods(snapshot, survey) if period in (None, s)]
    text = json.dumps(bundle, indent=2, ensure_ascii=False) + "\n"
    return Export(text, len(bundle["payload"]["responses"]), left_out)


@dataclass(frozen=True)
class Imported:
    """What an import of bundles did (or, on a dry run, would do), response by response."""

    added: list[Response]
    amended: list[Response]
    """Later revisions that replaced a stored response (the earlier one kept in history)."""
    same: list[Response]
    """Already there, or written meanwhile by another import."""


def import_bundles(
    store: Store, catalog: Catalog, bundles: list[Bundle], *, trust_new_keys: bool, dry_run: bool
) -> Imported:
    """Check every bundle, then add all at once or nothing; on a dry run, write nothing."""
    from gtm_pulse.store.bundles import plan_import

    plan = plan_import(store.load(), catalog, bundles, trust_new_keys=trust_new_keys)
    if dry_run or not (plan.add or plan.amend):
        return Imported(plan.add, plan.amend, plan.same)
    # What the write under the lock wrote, not what the plan (read without it) expected: an
    # import that ran meanwhile may have written some of them already.
    written = store.import_responses([*plan.add, *plan.amend], plan.surveys, plan.keys)
    landed = {response.key for response in written}
    return Imported(
        added=[response for response in plan.add if response.key in landed],
        amended=[response for response in plan.amend if response.key in landed],
        same=plan.same + [r for r in (*plan.add, *plan.amend) if r.key not in landed],
    )
