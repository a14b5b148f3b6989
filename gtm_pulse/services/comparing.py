"""Pick what ``compare`` and ``trend`` look at: the survey, the period, the pair and its history.

Pure: built from a database snapshot and the survey catalog, so the dashboard can show exactly
what ``compare`` prints. The sealing rule lives here (:func:`may_show`): neither VP's answers for
a period appear anywhere until both VPs have submitted it, and a wider role's (CRO, RevOps...)
once that role and both VPs have. So a period enters a comparison or a trend of a pair only when
both VPs and both roles of the pair have submitted it, and the team matrix holds only the roles
whose answers may show. The CEO's overrides (``compare --partial``, ``export --role``) open
answers early only on request: each says whose (:class:`Opening`), is recorded in the database,
and every later report of that period says so (:class:`Override`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field, replace

from gtm_pulse.core import roles
from gtm_pulse.core.agenda import AgendaItem, agenda
from gtm_pulse.core.analysis import Comparison, compare
from gtm_pulse.core.answered import Remark, Solo, remarks, solo
from gtm_pulse.core.commitments import Tracked, track
from gtm_pulse.core.metrics import Beside, beside
from gtm_pulse.core.models import Response, Survey, Team
from gtm_pulse.core.perceptions import Perceptions, perceive
from gtm_pulse.core.periods import Period, period_of, resolve
from gtm_pulse.core.seal_rule import Opening, Override, concerned, may_show, opened_early_words, who
from gtm_pulse.core.stages import Stages, stages
from gtm_pulse.core.surveys import Catalog
from gtm_pulse.core.team_matrix import Matrix, matrix
from gtm_pulse.core.trend import Shared, Trend, common_ground, restricted, trend
from gtm_pulse.errors import (
    DatabaseError,
    NotReadyError,
    SurveyError,
    TeamError,
    UnknownSurveyError,
)
from gtm_pulse.services.freshness import waiting_note
from gtm_pulse.store.snapshot import Snapshot


def overrides_of(snapshot: Snapshot, survey_id: str, period: Period) -> list[Override]:
    """The overrides recorded for ``survey_id`` and ``period``, oldest first."""
    found = []
    for doc_id, doc in snapshot.overrides().items():
        if (doc.get("survey_id"), doc.get("period")) != (survey_id, period):
            continue
        try:
            found.append(Override.from_json(doc))
        except (KeyError, TypeError, ValueError):  # not the shape recorded
            raise DatabaseError(
                f"the database {snapshot.path} holds a bad override record (#{doc_id})"
            ) from None
    return sorted(found, key=lambda o: o.date)


@dataclass(frozen=True)
class Review:
    """Everything ``compare`` shows for one survey, period and pair; the formats render it."""

    company: str
    survey: Survey
    period: Period
    pair: tuple[str, str]
    names: dict[str, str]
    """Role -> the person's name, for both roles of the pair."""
    responses: dict[str, Response]
    """Role -> the response shown for ``period`` (one role only when partial)."""
    current: Comparison | None
    """None when only one side has submitted (``partial``)."""
    history: Trend
    """Every period both sides submitted, up to and including ``period``, oldest first."""
    agenda: list[AgendaItem]
    remarks: list[Remark]
    commitments: list[Tracked] = field(default_factory=list)
    """Commitments agreed by ``period``, with the follow-ups the shown responses hold."""
    alone: Solo | None = None
    """The one side that submitted, when ``partial``."""
    note: str | None = None
    """Why the period shown is not the one asked for (the default fell back), if it is not."""
    perceptions: Perceptions | None = None
    """How each side reads the other and blames the other (None when partial)."""
    metrics: list[Beside] = field(default_factory=list)
    """The team's metrics beside the items that cite them, up to ``period``."""
    matrix: Matrix | None = None
    """Pairwise alignment of every role that answered ``period``, with three or more."""
    reconsider: list[str] = field(default_factory=list)
    """Statements both sides answered n/a this period and the one before: worth rewording or
    dropping from the survey."""
    opened_early: list[Override] = field(default_factory=list)
    """The CEO's overrides that opened this period's answers before the seal allowed, recorded
    ones and the one opening it now (see :attr:`opening`), oldest first."""
    opening: Opening | None = None
    """What this review opens early (``partial``), for the command to say and record."""

    @property
    def opened_early_words(self) -> str | None:
        """The line each format prints when an override opened this period early."""
        return opened_early_words(self.opened_early)

    @property
    def partial(self) -> bool:
        return self.current is None

    @property
    def missing(self) -> list[str]:
        """The roles of the pair that have not submitted ``period`` (empty unless partial)."""
        if self.alone is None:
            return []
        return [role for role in self.pair if role != self.alone.role]


def _sides(present: dict[str, Response], pair: tuple[str, str]) -> tuple[Response, Response]:
    return present[pair[0]], present[pair[1]]


def check_pair(team: Team, pair: tuple[str, str]) -> tuple[str, str]:
    """``pair`` if both roles answer surveys in this team and differ; else a one-line error."""
    left, right = pair
    if left == right:
        raise TeamError(f"--pair {left},{right}: compare two different roles")
    for role in pair:
        if role not in team.respondent_roles:
            known = ", ".join(team.respondent_roles)
            raise TeamError(f"--pair: role {role!r} does not answer surveys (roles: {known})")
    return pair


def survey_version(snapshot: Snapshot, catalog: Catalog, survey_id: str, version: int) -> Survey:
    """The definition a response was given against: the database's copy, else the catalog's.

    The database recorded every definition its responses answered, checked when it was
    recorded: reading it back needs no survey file (and no validation), and old responses keep
    meaning what they meant after a survey file moves on.
    """
    recorded = snapshot.recorded_surveys.get((survey_id, version))
    if recorded is None:
        return catalog.get(survey_id, version)
    try:
        survey = Survey.from_json(recorded)
    except (KeyError, TypeError, ValueError, AttributeError):  # not the shape recorded
        raise DatabaseError(
            f"the database {snapshot.path} holds a bad copy of survey {survey_id} "
            f"version {version}; 'gtm-pulse db check' says more"
        ) from None
    if all(q.label for q in survey.questions):
        return survey
    # Recorded before labels existed: the file of the same id and version lends its own.
    with contextlib.suppress(UnknownSurveyError, SurveyError):
        return survey.with_labels(catalog.get(survey_id, version))
    return survey


def resolve_survey(snapshot: Snapshot, catalog: Catalog, survey_id: str) -> Survey:
    """The newest version of ``survey_id`` the database recorded, else the catalog's newest."""
    versions = [version for sid, version in snapshot.recorded_surveys if sid == survey_id]
    if versions:
        return survey_version(snapshot, catalog, survey_id, max(versions))
    return catalog.get(survey_id)


class Pairing:
    """The responses of one survey for one pair, by period: the raw material of every review."""

    def __init__(
        self,
        snapshot: Snapshot,
        catalog: Catalog,
        survey: Survey,
        pair: tuple[str, str],
        *,
        opened: Collection[Period] = (),
    ) -> None:
        self.snapshot, self.catalog, self.survey, self.pair = snapshot, catalog, survey, pair
        self.opened = frozenset(opened)
        """Periods an override opens early: complete once both roles of the pair submitted."""
        self.by_period: dict[Period, dict[str, Response]] = {}
        self.submitted: dict[Period, set[str]] = {}
        """Period -> every role that submitted it (of any role: the seal needs both VPs)."""
        for response in snapshot.responses_for(survey.id):
            self.submitted.setdefault(response.period, set()).add(response.role)
            if response.role in pair:
                self.by_period.setdefault(response.period, {})[response.role] = response

    @property
    def periods(self) -> list[Period]:
        """Every period with at least one response of the pair, oldest first."""
        return sorted(self.by_period)

    def waiting(self, period: Period) -> list[str]:
        """The roles (both VPs, then the pair's) that have not submitted ``period``: while any
        has not, the seal holds and the pair is not compared on it."""
        done = self.submitted.get(period, set())
        return [role for role in concerned(self.pair) if role not in done]

    @property
    def complete(self) -> list[Period]:
        """The periods the pair may be compared on, oldest first: both roles of the pair and
        both VPs submitted them (see :func:`may_show`), or an override opened them."""
        return [
            p
            for p in self.periods
            if len(self.by_period[p]) == 2 and (p in self.opened or not self.waiting(p))
        ]

    def definition(self, responses: list[Response]) -> Survey:
        """The survey to read these responses with: the newest version any of them answered."""
        version = max(r.survey_version for r in responses)
        if version == self.survey.version:
            return self.survey
        return survey_version(self.snapshot, self.catalog, self.survey.id, version)

    def visible(self, until: Period) -> list[Response]:
        """The responses a review of ``until`` may show: periods both sides submitted, to it."""
        last = until
        return [
            response
            for period in self.complete
            if period <= last
            for response in self.by_period[period].values()
        ]

    def comparisons(
        self, until: Period | None = None, since: Period | None = None
    ) -> list[Comparison]:
        """One comparison per complete period (oldest first), each knowing the one before it.

        The period before is the last *complete* one, so a skipped month does not hide a drop.
        """
        return self.history(until, since).comparisons

    def history(self, until: Period | None = None, since: Period | None = None) -> Trend:
        """:meth:`comparisons` as a trend. Periods answered on different versions of the
        survey are compared on the statements every version asks alike (a reworded statement
        means something else), and the trend says so (:class:`~gtm_pulse.core.trend.Shared`)."""
        left_role, right_role = self.pair
        asked = [
            (period, self.by_period[period][left_role], self.by_period[period][right_role])
            for period in self.complete
            if until is None or period <= until
        ]
        own = {period: self.definition([a, b]) for period, a, b in asked}
        definitions = dict(own)
        versions = sorted({d.version for d in definitions.values()})
        shared = None
        if len(versions) > 1:
            distinct = {d.version: d for d in definitions.values()}.values()
            common = common_ground(list(distinct))
            definitions = {p: restricted(d, common) for p, d in definitions.items()}
            newest = max(distinct, key=lambda d: d.version)
            indexed = sum(1 for q in newest.likert if q.id in common and q.tension is None)
            shared = Shared(tuple(versions), indexed)
        found: list[Comparison] = []
        placed: list[Stages] = []
        previous: Comparison | None = None
        for period, left, right in asked:
            current = compare(definitions[period], left, right, previous)
            if since is None or period >= since:
                found.append(current)
                # Stages on the version's own statements: each version states its own rule.
                if (stage := stages(own[period], [left, right])) is not None:
                    placed.append(stage)
            previous = current
        return trend(found, shared, placed)


def build_review(
    snapshot: Snapshot,
    catalog: Catalog,
    survey_id: str,
    period: Period | None,
    today: dt.date,
    *,
    pair: tuple[str, str] = roles.CORE_PAIR,
    partial: bool = False,
) -> Review:
    """The review of ``period`` (default: see :func:`choose_period`) for ``pair``.

    Raises :class:`NotReadyError` when there is nothing to compare: no responses, or one side
    missing from the period and ``partial`` not asked.
    """
    team = ready_team(snapshot)
    pair = check_pair(team, pair)
    survey = resolve_survey(snapshot, catalog, survey_id)
    if period is not None:  # a malformed period is the user's mistake, whatever the data
        period = resolve(period, survey.cadence, today)
    pairing = Pairing(snapshot, catalog, survey, pair)
    if not pairing.periods:
        sealed = waiting_note(snapshot, survey.id)  # synced: what the remote holds sealed
        raise NotReadyError(
            f"nothing to compare yet: {sealed}"
            if sealed
            else f"nothing to compare yet: no responses to {survey.id} in {snapshot.path}; "
            "each VP takes the pulse with 'gtm-pulse take --role ROLE'"
        )
    chosen, note = choose_period(pairing, period, today)
    recorded = overrides_of(snapshot, survey.id, chosen)
    present = pairing.by_period.get(chosen, {})
    waiting = pairing.waiting(chosen)
    if len(present) == 2 and not waiting:
        return _review(pairing, team, chosen, note, recorded)
    sealed = waiting_note(snapshot, survey.id, str(chosen))
    if not present:
        raise NotReadyError(
            f"{survey.id} {chosen}: {sealed}"
            if sealed
            else f"{survey.id} {chosen}: neither {who(team, pair[0])} nor {who(team, pair[1])} "
            "has submitted it"
        )
    shown = [role for role in pair if role in present]
    if not partial:
        why = _sealed(f"{survey.id} {chosen}", team, pair, waiting, shown)
        raise NotReadyError(f"{why}; {sealed}" if sealed else why)
    # The CEO's override: it shows what the pair submitted, and says whose answers that opens
    # before the seal allowed (the command prints it and records it).
    done = pairing.submitted.get(chosen, set())
    early = tuple(role for role in shown if not may_show(role, done))
    opening = None
    if early:
        now = Override(survey.id, chosen, early, today.isoformat(), "compare --partial")
        opening = Opening(now, tuple(waiting))
        if now not in recorded:
            recorded = [*recorded, now]
    if len(present) == 2:  # both of a wider pair, before a VP: compared, marked opened early
        opened = Pairing(snapshot, catalog, survey, pair, opened={chosen})
        return replace(_review(opened, team, chosen, note, recorded), opening=opening)
    (response,) = present.values()
    definition = pairing.definition([response])
    return Review(
        company=team.company,
        survey=definition,
        period=chosen,
        pair=pair,
        names={role: team.members[role] for role in pair},
        responses=dict(present),
        current=None,
        history=pairing.history(until=chosen),
        agenda=[],
        remarks=remarks(definition, [response]),
        commitments=track(snapshot.commitments, [*pairing.visible(chosen), response], chosen),
        alone=solo(definition, response),
        note=note,
        opened_early=recorded,
        opening=opening,
    )


def _review(
    pairing: Pairing, team: Team, chosen: Period, note: str | None, opened_early: list[Override]
) -> Review:
    """The review of ``chosen``, a period ``pairing`` counts as complete."""
    snapshot, pair = pairing.snapshot, pairing.pair
    present = pairing.by_period[chosen]
    history = pairing.history(until=chosen)
    current = history.comparisons[-1]
    if history.shared is not None:  # the period itself, on its own version's statements
        current = compare(pairing.definition(list(present.values())), *_sides(present, pair))
    earlier = history.comparisons[-2] if len(history.comparisons) > 1 else None
    return Review(
        company=team.company,
        survey=current.survey,
        period=chosen,
        pair=pair,
        names={role: team.members[role] for role in pair},
        responses=dict(present),
        current=current,
        history=history,
        agenda=agenda(current, earlier),
        remarks=remarks(current.survey, [present[pair[0]], present[pair[1]]]),
        commitments=track(snapshot.commitments, pairing.visible(chosen), chosen),
        note=note,
        perceptions=perceive(current),
        metrics=beside(current, snapshot.metrics),
        matrix=team_matrix(snapshot, current.survey, chosen, team),
        reconsider=reconsider(current, earlier),
        opened_early=opened_early,
    )


def _sealed(
    what: str, team: Team, pair: tuple[str, str], waiting: list[str], shown: list[str]
) -> str:
    """Why ``what`` (survey and period) is not compared: who has not submitted, who has."""
    missing = " and ".join(who(team, role) for role in waiting)
    has = "have" if len(waiting) > 1 else "has"
    only = " and ".join(who(team, role) for role in shown)
    have = "have" if len(shown) > 1 else "has"
    head = f"{what}: {missing} {has} not submitted yet, only {only} {have}"
    if len(shown) == 1 and set(waiting) <= set(pair):  # the pair's other side, nothing more
        return (
            f"{head}; a comparison needs both ('compare --partial' shows the submitted side alone)"
        )
    return (
        f"{head}; the answers stay sealed until both VPs have submitted ('compare --partial' "
        "opens them early)"
    )


def reconsider(current: Comparison, earlier: Comparison | None) -> list[str]:
    """The statements both sides answered n/a in ``current`` and in ``earlier`` (the period
    before): two periods running, the statement may not fit this team."""
    if earlier is None:
        return []
    before = {n.question_id for n in earlier.not_applicable if n.both}
    return [n.question_id for n in current.not_applicable if n.both and n.question_id in before]


def team_matrix(snapshot: Snapshot, survey: Survey, period: Period, team: Team) -> Matrix | None:
    """Every respondent role's answers to ``survey`` for ``period``, pair by pair (3+ roles).

    Only the roles whose answers may show (:func:`may_show`): none before both VPs have
    submitted, since a cell beside a VP's would reveal theirs. Responses given against another
    version of the survey are left out: a cell compares two answers to the same questions.
    """
    given = snapshot.responses_for(survey.id, period)
    submitted = {r.role for r in given}
    responses = {
        r.role: r
        for r in given
        if r.survey_version == survey.version and may_show(r.role, submitted)
    }
    return matrix(survey, responses, team.respondent_roles)


def choose_period(
    pairing: Pairing, asked: Period | None, today: dt.date
) -> tuple[Period, str | None]:
    """The period to review, and a note when the default had to fall back.

    Asked for: that period (it must fit the survey's cadence). Not asked: the current period if
    both sides submitted it, else the latest period both submitted (with a note saying why),
    else the latest period anyone submitted (so the error names who is missing).
    """
    survey = pairing.survey
    if asked is not None:
        return resolve(asked, survey.cadence, today), None
    current = period_of(survey.cadence, today)
    if current in pairing.complete:
        return current, None
    if pairing.complete:
        latest = pairing.complete[-1]
        if latest < current:
            waiting = _waiting_for(pairing, current)
            return latest, f"{current} is not complete ({waiting}); showing {latest}"
        return latest, None
    return pairing.periods[-1], None


def _waiting_for(pairing: Pairing, period: Period) -> str:
    missing = [roles.function_name(r) for r in pairing.waiting(period)]
    return " and ".join(missing) + (" has" if len(missing) == 1 else " have") + " not submitted"


def ready_team(snapshot: Snapshot) -> Team:
    """The snapshot's team; a file with no team at all is not ready yet (exit 1).

    A file that holds other teams is a mistyped ``--team``, not an empty database:
    :meth:`Snapshot.require_team` names the teams it holds.
    """
    if snapshot.team is None and not snapshot.team_ids():
        raise NotReadyError(
            f"nothing to compare yet: {snapshot.path} has no team; run 'gtm-pulse init'"
        )
    return snapshot.require_team()
