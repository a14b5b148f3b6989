"""Signatures: each member's records signed with an Ed25519 key made on their own laptop.

A seal (:mod:`gtm_pulse.core.sealing`) has no key: whoever can edit the file can recompute it. A
signature can only be made with the private key, which never leaves the laptop where the member
first answered (``keys/`` in the user's data folder, mode 0600); the public half is recorded in
the database's ``keys`` table, one or more per role (one per laptop the member answers on).

What is signed: the sealed content (every answer, comment, follow-up and guess), the seal, the
revision, when it was submitted, whether it was amended after the reveal, and the hash of the
revision before it (``prev``). So an edited answer or date, a stripped or swapped seal, a
"revision 2" made by someone else, or a history record deleted or reordered under a later
revision all show. What a signature cannot prove is who sat at the keyboard: on a shared laptop
everyone who can read the keys folder can sign as any member whose key is there (see docs/data.md).

Only writers, ``import`` and ``db check`` import this module (``cryptography``: ~15 ms).
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from gtm_pulse.core.models import Response, Signature, to_json
from gtm_pulse.core.sealing import canonical, canonical_json
from gtm_pulse.errors import SigningError

#: Where private keys live unless ``$GTM_PULSE_KEYS`` says otherwise: the user's data folder.
KEYS_ENV = "GTM_PULSE_KEYS"


def keys_dir() -> Path:
    """This laptop's folder of private keys (``$GTM_PULSE_KEYS``, else the user data folder)."""
    chosen = os.environ.get(KEYS_ENV)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_data_path

    return user_data_path("gtm-pulse", appauthor=False) / "keys"


def signed_bytes(
    response: Response, public: str, prev: str | None, data: dict[str, Any] | None = None
) -> bytes:
    """What a signature covers: content, seal, revision, time, the mark, the key, ``prev``.

    ``data``: ``to_json(response)`` when the caller holds it already (a stored record).
    """
    data = to_json(response) if data is None else data
    return canonical_json(
        {
            "content": canonical(response, data).decode("utf-8", "surrogatepass"),
            "seal": data["seal"],
            "submitted_at": data["submitted_at"],
            "revision": response.revision,
            "amended_after_reveal": response.amended_after_reveal,
            "key": public,
            "prev": prev,
        }
    )


def record_hash(response: Response) -> str:
    """The hash a later revision names as ``prev``: of this record's signed bytes."""
    signature = response.signature
    assert signature is not None
    return hashlib.sha256(signed_bytes(response, signature.key, signature.prev)).hexdigest()


def _new_key(folder: Path, secret: bytes | None = None) -> str:
    """Make a key pair, keep the private half in ``folder`` (0600); returns the public hex.

    ``secret``: the private key's 32 bytes (the demo's, from its seed); random otherwise.
    """
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = (
        Ed25519PrivateKey.from_private_bytes(secret) if secret else Ed25519PrivateKey.generate()
    )
    public = (
        private.public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        .hex()
    )
    raw = private.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / f"{public}.key"
    if path.exists():  # the same secret again (a second demo): the same key, already kept
        return public
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(raw.hex())
    return public


def held_key(folder: Path, registered: list[str]) -> str | None:
    """The first of ``registered`` public keys whose private half this laptop holds."""
    return next((public for public in registered if (folder / f"{public}.key").is_file()), None)


def key_for(
    folder: Path,
    registered: list[str],
    member: str,
    secret: Callable[[], bytes] | None = None,
) -> tuple[str, bool]:
    """The public key this laptop signs with for ``member`` (``team.role``): one of the
    ``registered`` it holds, else the one this laptop made for the member before (another
    database of the same team), else a new one.

    Returns (public hex, whether the database must register it).
    """
    held = held_key(folder, registered)
    if held is not None:
        return held, False
    index = folder / "members.json"
    try:
        import json

        made = json.loads(index.read_text()) if index.is_file() else {}
        public = made.get(member)
        if not (isinstance(public, str) and (folder / f"{public}.key").is_file()):
            public = _new_key(folder, secret() if secret else None)
            from gtm_pulse.store.files import atomic_write

            atomic_write(index, json.dumps({**made, member: public}).encode())
        return public, True
    except (OSError, ValueError) as error:
        why = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise SigningError(
            f"cannot keep a signing key in {folder}: {why}; set "
            f"${KEYS_ENV} to a folder this user can write"
        ) from None


def sign(response: Response, folder: Path, public: str, prev: str | None) -> Response:
    """``response`` signed with the private key of ``public`` held in ``folder``."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = folder / f"{public}.key"
    try:
        private = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(path.read_text().strip()))
    except (OSError, ValueError) as error:
        raise SigningError(f"cannot read the signing key {path}: {error}") from None
    value = private.sign(signed_bytes(response, public, prev)).hex()
    return replace(response, signature=Signature(key=public, prev=prev, value=value))


def signature_holds(response: Response, data: dict[str, Any] | None = None) -> bool:
    """Whether the response's signature verifies under the key it names (``data``: see
    :func:`signed_bytes`)."""
    signature = response.signature
    if signature is None:
        return False
    signed = signed_bytes(response, signature.key, signature.prev, data)
    return ed25519_holds(signature.key, signature.value, signed)


def ed25519_holds(public: str, signature: str, data: bytes) -> bool:
    """Whether ``signature`` (hex) is the Ed25519 signature of ``data`` by ``public`` (hex):
    every signature a record, a response or a laptop's status file carries is checked here."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public))
        key.verify(bytes.fromhex(signature), data)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def chain_problems(records: list[Response], name: str) -> list[str]:
    """What is wrong with the revisions of one response, oldest first: a revision missing
    between two that are present, or one whose ``prev`` is not the revision before it."""
    problems = []
    ordered = sorted(records, key=lambda r: r.revision)
    for before, after in itertools.pairwise(ordered):
        if after.revision == before.revision:  # stored twice: db check says so on its own
            continue
        if after.revision != before.revision + 1:
            problems.append(
                f"{name}: revision {before.revision + 1} is missing from its history "
                f"(revisions {before.revision} and {after.revision} are there)"
            )
        elif (
            before.signature is not None
            and after.signature is not None
            and after.signature.prev != record_hash(before)
        ):
            problems.append(
                f"{name}: revision {after.revision} does not follow revision {before.revision} "
                "(its history was replaced or reordered)"
            )
    return problems
