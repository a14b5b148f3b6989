"""pydantic's ``ValidationError`` as the one line a user sees.

One helper, so every place that turns a validation error into a message words it the same way.
Importing this module does not import pydantic: only code that already caught its error does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gtm_pulse.core.schema import ValidationError


def first_error(error: ValidationError) -> tuple[str, str]:
    """The first problem of ``error`` as (dotted location, message).

    The location is ``""`` for a problem with the whole record; the message loses the
    ``"Value error, "`` that pydantic puts before a validator's own words.
    """
    first = error.errors(include_url=False)[0]
    location = ".".join(str(part) for part in first["loc"])
    return location, first["msg"].removeprefix("Value error, ")
