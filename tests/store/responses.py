"""A response to store, as the store tests build them."""

from __future__ import annotations

from gtm_pulse.core.models import Response, Survey


def response(survey: Survey, role: str = "sales", period: str = "2026-11", **kwargs) -> Response:
    return Response(
        survey_id=survey.id,
        survey_version=survey.version,
        role=role,
        respondent="Dana Ortiz" if role == "sales" else "Sam Lee",
        period=period,
        answers=kwargs.pop("answers", {survey.questions[0].id: 4}),
        **kwargs,
    )
