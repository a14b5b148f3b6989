"""The records everything shares: surveys, teams, responses, drafts, commitments.

Each record is declared once, as a frozen dataclass whose fields carry their constraints as
``Annotated`` metadata (the markers of :mod:`.fields`, which pydantic reads). Reading stays
fast: the database holds only what was validated on the way in, so its records are rebuilt by
:meth:`Record.from_json`, a plain conversion that never imports pydantic (importing pydantic's
``BaseModel`` costs about 46 ms and building validators about 20 ms more, which the commands
that only read -- compare, trend, export -- never pay). Input from outside (survey files,
answers, a bundle, a record under ``db check``) is validated at the edge by
:mod:`gtm_pulse.core.schema`, which hands these same classes to pydantic.
"""

from gtm_pulse.core.models.common import (
    DEFAULT_TEAM,
    FOLLOW_UP_CREDIT,
    FOLLOW_UP_PREFIX,
    NOT_APPLICABLE,
    PLACEHOLDERS,
    PREDICTION_PREFIX,
    RESERVED_PREFIXES,
    SECONDS_PER_KIND,
    Answer,
    FollowUpStatus,
    Guess,
    QuestionKind,
    new_id,
    now,
)
from gtm_pulse.core.models.fields import LABEL_MAX, NAME_MAX, TEXT_MAX
from gtm_pulse.core.models.record import Record, to_json
from gtm_pulse.core.models.response import Draft, FollowUp, Response, Seal, Signature
from gtm_pulse.core.models.survey import (
    Band,
    Dimension,
    Mirror,
    Option,
    Question,
    Scale,
    StageRule,
    Survey,
    Thresholds,
)
from gtm_pulse.core.models.team import Commitment, Metric, Team

__all__ = [
    "DEFAULT_TEAM",
    "FOLLOW_UP_CREDIT",
    "FOLLOW_UP_PREFIX",
    "LABEL_MAX",
    "NAME_MAX",
    "NOT_APPLICABLE",
    "PLACEHOLDERS",
    "PREDICTION_PREFIX",
    "RESERVED_PREFIXES",
    "SECONDS_PER_KIND",
    "TEXT_MAX",
    "Answer",
    "Band",
    "Commitment",
    "Dimension",
    "Draft",
    "FollowUp",
    "FollowUpStatus",
    "Guess",
    "Metric",
    "Mirror",
    "Option",
    "Question",
    "QuestionKind",
    "Record",
    "Response",
    "Scale",
    "Seal",
    "Signature",
    "StageRule",
    "Survey",
    "Team",
    "Thresholds",
    "new_id",
    "now",
    "to_json",
]
