"""Seals: a SHA-256 commitment to a response's content, made when it is submitted.

The canonical form is the response's content (who, what, when it answers and every answer) as
JSON with sorted keys and no spaces; ids and timestamps are left out, so the same answers seal
the same way wherever they travel. With a random 32-byte salt in front, the hash proves the
answers were not changed afterwards without revealing them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import replace
from typing import Any

from gtm_pulse.models import Response, Seal, to_json

#: The fields a seal covers, in this order of meaning (the JSON is sorted anyway).
SEALED_FIELDS = (
    "survey_id", "survey_version", "role", "respondent", "period",
    "answers", "comments", "follow_ups", "revision", "amended_after_reveal",
)  # fmt: skip

#: Fields added later: sealed only when they hold something, so older seals still hold.
SEALED_WHEN_SET = ("predictions",)


def canonical(response: Response) -> bytes:
    """The bytes a seal hashes: the sealed fields as sorted, compact JSON in UTF-8."""
    data = to_json(response)
    sealed = {field: data[field] for field in SEALED_FIELDS}
    sealed.update({field: data[field] for field in SEALED_WHEN_SET if data.get(field)})
    return canonical_json(sealed)


def canonical_json(data: Any) -> bytes:
    """Sorted keys, no whitespace, UTF-8: one byte string per value, on every machine."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def digest(salt: str, response: Response) -> str:
    return hashlib.sha256(bytes.fromhex(salt) + canonical(response)).hexdigest()


def new_salt() -> str:
    """32 random bytes, as hex: the salt of one seal."""
    import secrets

    return secrets.token_hex(32)


def sealed(response: Response, salt: str | None = None) -> Response:
    """``response`` with a seal over its content as it is now (a fresh salt unless given)."""
    salt = salt or new_salt()
    return replace(response, seal=Seal(salt=salt, sha256=digest(salt, response)))


def seal_holds(response: Response) -> bool:
    """Whether the response's content still matches its seal (True when it has none)."""
    if response.seal is None:
        return True
    return hmac.compare_digest(digest(response.seal.salt, response), response.seal.sha256)
