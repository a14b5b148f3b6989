"""What ``gtm-pulse export`` writes: a bundle of responses, and which sealed periods it leaves."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gtm_pulse.core.models import Survey
    from gtm_pulse.core.seal_rule import Opening
    from gtm_pulse.store.database import Snapshot


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
    snapshot: Snapshot, survey: Survey, period: str | None, role: str
) -> list[Opening]:
    """What exporting ``role``'s responses opens before the seal allowed (one per period);
    refuses a role the team does not have. To be recorded before the bundle is written."""
    from gtm_pulse.core.periods import today
    from gtm_pulse.services.submission import respondent_role
    from gtm_pulse.store.bundles import openings

    respondent_role(snapshot.require_team(), role)
    return openings(snapshot, survey, period, role, today().isoformat())


def build_export(
    snapshot: Snapshot, survey: Survey, period: str | None, role: str | None
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
