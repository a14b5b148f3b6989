"""Seals: a SHA-256 commitment to a response's content, made when it is submitted.

The canonical form is the response's content (who, what, when it answers and every answer) as
JSON with sorted keys and no spaces; ids and timestamps are left out, so the same answers seal
the same way wherever they travel. With a random 32-byte salt in front, the hash commits to the
answers without revealing them. It is not keyed: someone who can edit the file can recompute
it, so it shows a change only against a copy of the seal kept elsewhere (the VP's receipt, the
other laptop's bundle); see docs/data.md, "Between laptops".
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import replace
from typing import Any

from gtm_pulse.core.models import Response, Seal, to_json

#: The fields a seal covers, in this order of meaning (the JSON is sorted anyway).
SEALED_FIELDS = (
    "survey_id", "survey_version", "role", "respondent", "period",
    "answers", "comments", "follow_ups", "revision", "amended_after_reveal",
)  # fmt: skip

#: Fields added later: sealed only when they hold something, so older seals still hold.
SEALED_WHEN_SET = ("predictions",)


def canonical(response: Response, data: dict[str, Any] | None = None) -> bytes:
    """The bytes a seal hashes: the sealed fields as sorted, compact JSON in UTF-8.

    ``data``: ``to_json(response)`` when the caller holds it already (a stored record).
    """
    data = to_json(response) if data is None else data
    sealed = {field: data[field] for field in SEALED_FIELDS}
    sealed.update({field: data[field] for field in SEALED_WHEN_SET if data.get(field)})
    return canonical_json(sealed)


def canonical_json(data: Any) -> bytes:
    """Sorted keys, no whitespace, UTF-8: one byte string per value, on every machine.

    A lone surrogate (see :func:`lone_surrogate`: refused at input, but a hand-edited file can
    hold one) is written as its own three bytes instead of raising; every real character is
    plain UTF-8 as before, so the seals and checksums already made still hold.
    """
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8", "surrogatepass")


def lone_surrogate(data: Any) -> tuple[str, str] | None:
    """The first string in ``data`` holding a lone surrogate: (where, the surrogate escaped).

    ``where`` is a path such as ``answers.frictions-start-stop`` or ``responses[0].comments``.
    A lone surrogate (U+D800-U+DFFF on its own) is half of a UTF-16 pair, not a character:
    JSON can spell one (``"\\ud800"``) and Python makes one of a byte that is not UTF-8, but
    UTF-8 cannot encode it, so nothing that is sealed, stored or exported may hold one.
    """
    stack: list[tuple[str, Any]] = [("", data)]  # a loop, not recursion: any depth is safe
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            found = _surrogate_in(value)
            if found:
                return where or "the text", found
        elif isinstance(value, dict):
            for key, item in reversed(value.items()):
                inside = f"{where}.{_shown(key)}" if where else _shown(key)
                stack += [(inside, item), (inside, key)]  # a key can hold one too
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", item) for i, item in reversed(list(enumerate(value))))
    return None


def _surrogate_in(text: str) -> str:
    """The first lone surrogate in ``text``, escaped (``\\ud800``); "" when there is none."""
    if text.isascii():
        return ""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"\\u{ord(text[error.start]):04x}"
    return ""


def _shown(text: str) -> str:
    """``text`` with any lone surrogate escaped, so a message about it can be printed."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def digest(salt: str, response: Response, data: dict[str, Any] | None = None) -> str:
    return hashlib.sha256(bytes.fromhex(salt) + canonical(response, data)).hexdigest()


def new_salt() -> str:
    """32 random bytes, as hex: the salt of one seal."""
    import secrets

    return secrets.token_hex(32)


def sealed(response: Response, salt: str | None = None) -> Response:
    """``response`` with a seal over its content as it is now (a fresh salt unless given)."""
    salt = salt or new_salt()
    return replace(response, seal=Seal(salt=salt, sha256=digest(salt, response)))


def seal_holds(response: Response, data: dict[str, Any] | None = None) -> bool:
    """Whether the response's content still matches its seal (True when it has none).

    ``data``: ``to_json(response)`` when the caller holds it already (see :func:`canonical`).
    """
    if response.seal is None:
        return True
    return hmac.compare_digest(digest(response.seal.salt, response, data), response.seal.sha256)
