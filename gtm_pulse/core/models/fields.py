"""What a record's fields may hold: the constraints each declaration carries, once.

A constraint is ``Annotated`` metadata: one of the small markers below (``Ge``, ``MaxLen``,
``Pattern``...). Reading a database ignores them all; :mod:`gtm_pulse.core.schema` hands the
same classes to pydantic, which applies them at the edges (submit, import, survey files,
``db check``). The markers speak pydantic's protocol (``__get_pydantic_core_schema__``, whose
core schemas are plain dicts) without importing it: pydantic costs ~65 ms, and annotated-types,
whose ``Ge`` and ``MaxLen`` these replace, ~9 ms on every command (6 ms its own, 3 ms the
typing_extensions it needs; measured with ``-X importtime``), for six one-line classes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from gtm_pulse.core.periods import Period, parse_period
from gtm_pulse.errors import PeriodError

NAME_MAX = 20_000
TEXT_MAX = 100_000

#: The longest a question's short label may be: it must fit a chart's label column at 80 columns.
LABEL_MAX = 32

Schema = dict[str, Any]
Handler = Callable[[Any], Schema]


def _constrained(schema: Schema, key: str, value: object) -> Schema:
    """``schema`` with one more constraint, set on the value's own schema (inside a
    validator's wrapping, if a marker before this one added one)."""
    if schema.get("type", "").startswith("function-"):
        return {**schema, "schema": _constrained(schema["schema"], key, value)}
    return {**schema, key: value}


class Marker:
    """A constraint holding one value. Plain classes, not dataclasses: creating a dataclass
    costs ~0.3 ms, and every command imports these ten."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.value!r})"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.value == self.value

    def __hash__(self) -> int:
        return hash((type(self), self.value))


class Bound(Marker):
    """A bound pydantic's core schema knows by ``key``: the same check and message as
    annotated-types' marker of the same name."""

    __slots__ = ()
    key = ""

    def __get_pydantic_core_schema__(self, source: Any, handler: Handler) -> Schema:
        return _constrained(handler(source), self.key, self.value)


class Ge(Bound):
    """A number at least this."""

    __slots__ = ()
    key = "ge"


class Gt(Bound):
    """A number above this."""

    __slots__ = ()
    key = "gt"


class Le(Bound):
    """A number at most this."""

    __slots__ = ()
    key = "le"


class MinLen(Bound):
    """Text, a list or an object of at least this many characters or items."""

    __slots__ = ()
    key = "min_length"


class MaxLen(Bound):
    """Text, a list or an object of at most this many characters or items."""

    __slots__ = ()
    key = "max_length"


class Pattern(Bound):
    """Text must match this regular expression (pydantic's own pattern check and message)."""

    __slots__ = ()
    key = "pattern"


class Strict:
    """No conversion: ``"5"`` or ``True`` is not the number 5 (pydantic's strict mode)."""

    __slots__ = ()

    def __get_pydantic_core_schema__(self, source: Any, handler: Handler) -> Schema:
        return {**handler(source), "strict": True}


STRICT = Strict()


class After(Marker):
    """This function runs on the value once its type and constraints hold and returns the
    value to keep; its ``ValueError`` is the problem reported (pydantic's ``AfterValidator``)."""

    __slots__ = ()

    def __get_pydantic_core_schema__(self, source: Any, handler: Handler) -> Schema:
        function = {"type": "no-info", "function": self.value}
        return {"type": "function-after", "function": function, "schema": handler(source)}


class Before(Marker):
    """This function runs on the raw value before its type is checked (``BeforeValidator``)."""

    __slots__ = ()

    def __get_pydantic_core_schema__(self, source: Any, handler: Handler) -> Schema:
        function = {"type": "no-info", "function": self.value}
        return {"type": "function-before", "function": function, "schema": handler(source)}


class FromText(Marker):
    """The value is parsed from text by this function: pydantic checks a string, then the
    function makes the value (its ``ValueError`` is the problem reported). For a field whose
    class pydantic does not know, such as :class:`~gtm_pulse.core.periods.Period`."""

    __slots__ = ()

    def __get_pydantic_core_schema__(self, source: Any, handler: Handler) -> Schema:
        function = {"type": "no-info", "function": self.value}
        return {"type": "function-after", "function": function, "schema": {"type": "str"}}


def _iso_text(value: object) -> object:
    """A stored moment is ISO 8601 text: pydantic would read the number 5 as a Unix time,
    where every command reading the record refuses it (``db check`` must refuse it too)."""
    if isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO 8601 date and time, got {value!r}")
    return value


def _check_period(value: str) -> Period:
    try:
        return parse_period(value)
    except PeriodError as error:  # pydantic reports ValueError with the field's location
        raise ValueError(str(error)) from None


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


#: A moment as records store it: ISO 8601 text with its time zone, e.g. 2026-11-24T09:30:00+00:00.
Moment = Annotated[dt.datetime, Before(_iso_text)]

Slug = Annotated[str, MaxLen(64), Pattern(r"^[a-z0-9][a-z0-9-]*$")]
RoleId = Annotated[str, Pattern(r"^[a-z][a-z0-9-]{0,31}$")]
#: A period, parsed once from the text records store (``2026-11``, ``2026-Q4``).
PeriodField = Annotated[Period, FromText(_check_period)]
Words = Annotated[str, MinLen(1)]
Name = Annotated[str, MinLen(1), MaxLen(NAME_MAX)]
Text = Annotated[str, MaxLen(TEXT_MAX)]
NotBlank = Annotated[str, MinLen(1), MaxLen(NAME_MAX), After(_not_blank)]
Hex64 = Annotated[str, Pattern(r"^[0-9a-f]{64}$")]
Hex128 = Annotated[str, Pattern(r"^[0-9a-f]{128}$")]
StrictInt = Annotated[int, STRICT]
StrictStr = Annotated[str, STRICT]
