"""Commit, then reveal: a response leaves the laptop sealed so no one reads it before both VPs
have committed, and no one can change it after seeing the other's without it showing.

Sealing (:func:`seal_response`): a random 32-byte key K per response encrypts the answers with
AES-GCM; the associated data is the canonical JSON of the response's context (team, survey,
period, role, revision), so a sealed answer cannot be passed off as another period's or role's.
The commitment is the SHA-256 of (context + nonce + ciphertext); the author signs it with their
Ed25519 key (:mod:`gtm_pulse.store.signing`). K stays on the author's laptop and is published
(:func:`release`) only once the other VP's sealed response is present
(:func:`ready_to_release`). So that a laptop left closed never stalls the reveal, K is also
wrapped to the CEO's X25519 reveal key (ephemeral X25519, HKDF-SHA256, AES-GCM): the CEO's
laptop can open both responses once both are committed (:func:`open_as_ceo`).

Two additions to the design note, both needed for what it promises:

- ``key_check``, a hash of K published with the sealed response. AES-GCM does not commit to its
  key: an author could craft one ciphertext that opens to one answer under the key released to
  the other VP and to another under a second key wrapped to the CEO. With the hash of K fixed at
  commit time, only one key is ever accepted. It also makes a release self-checking: whoever
  publishes it (the author, or the CEO for a closed laptop), a wrong key is refused.
- The signature covers the commitment *and* the rest of the envelope (``key_check``, the CEO
  wrap, the signing key), so changing any byte of a sealed record stops it from opening.

Only ``sync`` and the CEO's key set-up need this module; ``cryptography`` (~15 ms) and
:mod:`gtm_pulse.core.sealing` (~60 ms, core.models) are imported inside the functions using them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from gtm_pulse.core.roles import CORE_PAIR  # (sales, marketing): each waits for the other
from gtm_pulse.errors import RevealError, SigningError

if TYPE_CHECKING:
    from pathlib import Path

#: The fields of a response's context, bound to its ciphertext as AES-GCM associated data.
CONTEXT_FIELDS = ("team", "survey", "period", "role", "revision")
#: The version of the sealed-response payload (``to_json``); anything else is refused.
VERSION = 1
#: A private reveal key's file name ends with this (signing keys end with ``.key``).
REVEAL_KEY_SUFFIX = ".reveal"

_KEY_BYTES = 32
_NONCE_BYTES = 12
_TAG_BYTES = 16
_WRAP_BYTES = _KEY_BYTES + _NONCE_BYTES + _KEY_BYTES + _TAG_BYTES  # ephemeral, nonce, K + tag
#: Domain separation: what each hash, derivation and signature here is for, so none of them can
#: be replayed as another (a signing.py record signature signs a different structure anyway).
_KEY_CHECK_TAG = b"gtm-pulse reveal key-check v1\x00"
_WRAP_INFO = b"gtm-pulse reveal ceo-wrap v1\x00"
_SIGNED_FORMAT = "gtm-pulse-sealed-response"

#: A response's context: the five :data:`CONTEXT_FIELDS`, strings except ``revision``.
Context = Mapping[str, str | int]


@dataclass(frozen=True)
class RevealKey:
    """The CEO's X25519 reveal key pair: ``public`` hex, ``private`` raw (never in a repr)."""

    public: str
    private: bytes = field(repr=False)


@dataclass(frozen=True)
class Sealed:
    """A sealed response as it travels: nothing in it reveals an answer before K is released."""

    context: dict[str, str | int]
    nonce: bytes
    ciphertext: bytes
    commitment: bytes
    key_check: bytes
    ceo_key: bytes
    ceo_wrap: bytes
    author: bytes
    signature: bytes

    def __hash__(self) -> int:  # the generated one would hash the context dict and fail
        return hash(self.commitment)

    def to_json(self) -> dict[str, Any]:
        """The remote payload: the context as is, every byte string as lower-case hex."""
        return {
            "version": VERSION,
            "context": dict(self.context),
            **{name: getattr(self, name).hex() for name in _HEX_FIELDS},
        }

    @classmethod
    def from_json(cls, data: object) -> Sealed:
        """The sealed response in a remote payload; :class:`RevealError` (one line) if any field
        is missing, extra, of the wrong type or length, or not in its one canonical spelling."""
        if not isinstance(data, dict):
            raise RevealError("a sealed response is not a JSON object")
        expected = {"version", "context", *_HEX_FIELDS}
        if set(data) != expected:
            wrong = sorted(set(data) ^ expected)
            raise RevealError(f"a sealed response has missing or unknown fields: {wrong}")
        if type(data["version"]) is not int or data["version"] != VERSION:  # not 1.0, not true
            raise RevealError(f"a sealed response of version {data['version']!r} is not supported")
        values = {
            name: _hex(data[name], f"a sealed response's {name}", size)
            for name, size in _HEX_FIELDS.items()
        }
        return cls(context=checked_context(data["context"]), **values)


#: Each byte field of :class:`Sealed` and its exact length (0: at least a tag's worth).
_HEX_FIELDS = {
    "nonce": _NONCE_BYTES,
    "ciphertext": 0,
    "commitment": 32,
    "key_check": 32,
    "ceo_key": _KEY_BYTES,
    "ceo_wrap": _WRAP_BYTES,
    "author": 32,
    "signature": 64,
}


@dataclass(frozen=True)
class Sealing:
    """What :func:`seal_response` makes: the record to publish and the key to keep locally."""

    sealed: Sealed
    key: bytes = field(repr=False)


def _hex(value: object, what: str, length: int) -> bytes:
    """``value`` as bytes if it is lower-case hex of ``length`` bytes (0: at least a tag);
    else :class:`RevealError` saying so of ``what``."""
    try:
        if not isinstance(value, str):
            raise ValueError
        raw = bytes.fromhex(value)
    except ValueError:
        raise RevealError(f"{what} is not hex") from None
    if raw.hex() != value:  # bytes.fromhex also takes upper case and spaces: one spelling only
        raise RevealError(f"{what} is not lower-case hex")
    if (length and len(raw) != length) or (not length and len(raw) < _TAG_BYTES):
        raise RevealError(f"{what} has the wrong length ({len(raw)} bytes)")
    return raw


def checked_context(context: object) -> dict[str, str | int]:
    """``context`` as a plain dict if it holds exactly :data:`CONTEXT_FIELDS`, each a printable
    string (so messages naming it stay one line) and ``revision`` a positive integer."""
    if not isinstance(context, Mapping) or set(context) != set(CONTEXT_FIELDS):
        raise RevealError(f"a sealed response's context must hold exactly {list(CONTEXT_FIELDS)}")
    checked: dict[str, str | int] = {}
    for name in CONTEXT_FIELDS:
        value = context[name]
        if name == "revision":
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise RevealError("a sealed response's revision is not a positive integer")
        elif not (isinstance(value, str) and value and value.isprintable()):
            raise RevealError(f"a sealed response's {name} is not a one-line text")
        checked[name] = value
    return checked


def _canonical(data: object) -> bytes:
    """Canonical JSON, as every seal and record uses (imported here: core.models is ~60 ms)."""
    from gtm_pulse.core.sealing import canonical_json

    return canonical_json(data)


def _commitment(context: Context, nonce: bytes, ciphertext: bytes) -> bytes:
    """SHA-256 of (associated data + nonce + ciphertext): what the author commits to."""
    import hashlib  # here, like every import a read-only command need not pay (~3 ms)

    return hashlib.sha256(_canonical(dict(context)) + nonce + ciphertext).digest()


def _key_check(key: bytes) -> bytes:
    """The published hash of K that makes the envelope commit to one key (see the module)."""
    import hashlib

    return hashlib.sha256(_KEY_CHECK_TAG + key).digest()


def _signed_bytes(sealed: Sealed) -> bytes:
    """What the author signs: the commitment and everything else that is not in it."""
    return _canonical(
        {
            "format": _SIGNED_FORMAT,
            "version": VERSION,
            "commitment": sealed.commitment.hex(),
            "key_check": sealed.key_check.hex(),
            "ceo_key": sealed.ceo_key.hex(),
            "ceo_wrap": sealed.ceo_wrap.hex(),
            "author": sealed.author.hex(),
        }
    )


def _name(sealed: Sealed) -> str:
    """How a message names a sealed response: its role, survey, period and commitment."""
    c = sealed.context
    return (
        f"the sealed {c['role']} response to {c['survey']} {c['period']} "
        f"({sealed.commitment.hex()[:12]})"
    )


# --- the CEO's reveal key ------------------------------------------------------------------


def make_reveal_key(folder: Path | None = None, secret: bytes | None = None) -> str:
    """Make an X25519 reveal key pair, keep the private half in ``folder`` (default: the keys
    folder of :func:`gtm_pulse.store.signing.keys_dir`) as ``<public hex>.reveal``, mode 0600;
    returns the public hex, which the team publishes so every VP can wrap to it.

    ``secret``: the private key's 32 bytes (a demo's, from its seed); random otherwise.
    """
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    private = X25519PrivateKey.from_private_bytes(secret) if secret else X25519PrivateKey.generate()
    public = private.public_key().public_bytes_raw().hex()
    folder = _folder(folder)
    path = folder / f"{public}{REVEAL_KEY_SUFFIX}"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if path.exists():  # the same secret again: the same key, already kept
            return public
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(private.private_bytes_raw().hex())
    except OSError as error:
        raise SigningError(
            f"cannot keep a reveal key in {folder}: {error.strerror or error}"
        ) from None
    return public


def held_reveal_keys(folder: Path | None = None) -> list[str]:
    """The public halves of the reveal keys whose private half this laptop holds, sorted."""
    folder = _folder(folder)
    if not folder.is_dir():
        return []
    return sorted(path.name.removesuffix(REVEAL_KEY_SUFFIX) for path in folder.glob("*.reveal"))


def reveal_key_for(folder: Path | None = None) -> str:
    """The public half of this laptop's reveal key, made on first use: the CEO's ``init`` or
    ``sync`` calls it, and every later call returns the same key."""
    held = held_reveal_keys(folder)
    return held[0] if held else make_reveal_key(folder)


def load_reveal_key(public: str, folder: Path | None = None) -> RevealKey:
    """The reveal key pair of ``public`` held in ``folder``; :class:`RevealError` (one line)
    if this laptop does not hold it or its file is damaged."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    path = _folder(folder) / f"{public}{REVEAL_KEY_SUFFIX}"
    try:
        private = X25519PrivateKey.from_private_bytes(bytes.fromhex(path.read_text().strip()))
    except OSError as error:
        raise RevealError(f"cannot read the reveal key {path}: {error.strerror}") from None
    except ValueError:
        raise RevealError(f"the reveal key {path} is damaged (not a 32-byte hex key)") from None
    if private.public_key().public_bytes_raw().hex() != public:
        raise RevealError(f"the reveal key {path} does not match its name (damaged)")
    return RevealKey(public=public, private=private.private_bytes_raw())


def _folder(folder: Path | None) -> Path:
    """``folder``, or this laptop's keys folder (the one signing keys live in)."""
    if folder is not None:
        return folder
    from gtm_pulse.store.signing import keys_dir

    return keys_dir()


def signer(public: str, folder: Path | None = None) -> Callable[[bytes], str]:
    """A ``sign`` for :func:`seal_response`: signs with the Ed25519 key ``public`` that
    :mod:`gtm_pulse.store.signing` keeps in ``folder`` (default: the keys folder)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = _folder(folder) / f"{public}.key"
    try:
        private = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(path.read_text().strip()))
    except (OSError, ValueError) as error:
        raise SigningError(f"cannot read the signing key {path}: {error}") from None
    if private.public_key().public_bytes_raw().hex() != public:
        raise SigningError(f"the signing key {path} does not match its name (damaged)")

    def sign(data: bytes) -> str:
        return private.sign(data).hex()

    return sign


# --- sealing and opening -------------------------------------------------------------------


def seal_response(
    plaintext: bytes,
    *,
    context: Context,
    ceo_public: str,
    sign: Callable[[bytes], str],
    author: str,
) -> Sealing:
    """Seal ``plaintext`` (the response's canonical JSON) for the remote.

    ``context``: the five :data:`CONTEXT_FIELDS`, bound to the ciphertext. ``ceo_public``: the
    CEO's reveal key (hex), to which K is wrapped. ``sign``: the author's Ed25519 signer
    (:func:`signer`) and ``author`` its public hex, named in the record so the reader can check
    it against the keys the team registered for the role. Returns the sealed record and K,
    which the author's laptop keeps until :func:`ready_to_release` says to publish it.
    """
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    checked = checked_context(context)
    ceo_key = _hex(ceo_public, "the CEO's reveal key", _KEY_BYTES)
    key = AESGCM.generate_key(bit_length=256)
    nonce = os.urandom(_NONCE_BYTES)
    ciphertext = AESGCM(key).encrypt(nonce, plaintext, _canonical(checked))
    commitment = _commitment(checked, nonce, ciphertext)
    unsigned = Sealed(
        context=checked,
        nonce=nonce,
        ciphertext=ciphertext,
        commitment=commitment,
        key_check=_key_check(key),
        ceo_key=ceo_key,
        ceo_wrap=_wrap(key, ceo_key, commitment),
        author=_hex(author, "the author's signing key", 32),
        signature=bytes(64),
    )
    signature = _hex(sign(_signed_bytes(unsigned)), "the signature made", 64)
    sealed = replace(unsigned, signature=signature)
    if not _signature_holds(sealed):  # a signer and an author that are not one key pair
        raise SigningError(f"the signature made for {_name(sealed)} does not hold under {author}")
    return Sealing(sealed=sealed, key=key)


def release(sealed: Sealed, key: bytes) -> dict[str, str]:
    """The key-release payload that lets everyone open ``sealed``: its commitment and K (hex).

    Refuses (:class:`RevealError`) a key that is not the one ``sealed`` was sealed with, so a
    mix-up in the local database never publishes a wrong key.
    """
    if _key_check(key) != sealed.key_check:
        raise RevealError(f"this key is not the one {_name(sealed)} was sealed with")
    return {"commitment": sealed.commitment.hex(), "key": key.hex()}


def open_with_release(sealed: Sealed, release: Mapping[str, object]) -> bytes:
    """The plaintext of ``sealed``, opened with a key-release payload (:func:`release`).

    Checks, in this order, each failure one :class:`RevealError` line: the commitment, the
    signature under the key the record names, that the release is for this commitment, that
    its key is the committed one, and the AES-GCM tag.
    """
    _check_envelope(sealed)
    commitment, key = release.get("commitment"), release.get("key")
    if commitment != sealed.commitment.hex():
        raise RevealError(f"this key release is for another response, not {_name(sealed)}")
    raw = _hex(key, f"the key released for {_name(sealed)}", _KEY_BYTES)
    return _decrypt(sealed, raw, "released")


def key_as_ceo(sealed: Sealed, ceo: RevealKey) -> bytes:
    """K of ``sealed``, unwrapped with the CEO's reveal key: what the CEO's laptop publishes as
    a release on behalf of an author whose laptop stays closed (after :func:`ready_to_release`)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric import x25519
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    _check_envelope(sealed)
    if sealed.ceo_key.hex() != ceo.public:
        raise RevealError(f"{_name(sealed)} is wrapped to another CEO key, not {ceo.public}")
    ephemeral = sealed.ceo_wrap[:_KEY_BYTES]
    nonce = sealed.ceo_wrap[_KEY_BYTES : _KEY_BYTES + _NONCE_BYTES]
    wrapped = sealed.ceo_wrap[_KEY_BYTES + _NONCE_BYTES :]
    try:
        private = x25519.X25519PrivateKey.from_private_bytes(ceo.private)
        shared = private.exchange(x25519.X25519PublicKey.from_public_bytes(ephemeral))
        key = AESGCM(_wrap_key(shared, ephemeral, sealed.ceo_key)).decrypt(
            nonce, wrapped, sealed.commitment
        )
    except (ValueError, InvalidTag):  # ValueError: a low-order point, an all-zero secret
        raise RevealError(f"the CEO's copy of the key of {_name(sealed)} does not open") from None
    if _key_check(key) != sealed.key_check:
        raise RevealError(f"the CEO's copy of the key of {_name(sealed)} is not the committed one")
    return key


def open_as_ceo(sealed: Sealed, ceo: RevealKey) -> bytes:
    """The plaintext of ``sealed``, opened on the CEO's laptop without any release; the same
    checks as :func:`open_with_release`, the key coming from the CEO's wrap."""
    return _decrypt(sealed, key_as_ceo(sealed, ceo), "CEO's")


def verify(sealed: Sealed, public_key_hex: str) -> bool:
    """Whether ``sealed`` was signed with ``public_key_hex`` (one of the keys the team
    registered for its role) and its commitment matches its contents."""
    return (
        sealed.author.hex() == public_key_hex
        and sealed.commitment == _commitment(sealed.context, sealed.nonce, sealed.ciphertext)
        and _signature_holds(sealed)
    )


def _check_envelope(sealed: Sealed) -> None:
    """Refuse a sealed response whose commitment or signature does not hold (one line)."""
    if sealed.commitment != _commitment(sealed.context, sealed.nonce, sealed.ciphertext):
        raise RevealError(
            f"{_name(sealed)} does not match its commitment (changed after it was sealed)"
        )
    if not _signature_holds(sealed):
        raise RevealError(f"the signature on {_name(sealed)} does not hold")


def _decrypt(sealed: Sealed, key: bytes, whose: str) -> bytes:
    """AES-GCM opening of ``sealed`` with ``key``, after checking it is the committed key."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if _key_check(key) != sealed.key_check:
        raise RevealError(f"the {whose} key does not match the one {_name(sealed)} committed to")
    try:
        return AESGCM(key).decrypt(sealed.nonce, sealed.ciphertext, _canonical(sealed.context))
    except InvalidTag:
        raise RevealError(f"{_name(sealed)} fails its authentication tag (tampered)") from None


def _signature_holds(sealed: Sealed) -> bool:
    """Whether the signature verifies under the Ed25519 key the record names."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(sealed.author).verify(
            sealed.signature, _signed_bytes(sealed)
        )
    except (ValueError, InvalidSignature):
        return False
    return True


def _wrap_key(shared: bytes, ephemeral: bytes, ceo_key: bytes) -> bytes:
    """The one-time AES key that wraps K: HKDF-SHA256 of the X25519 secret, bound to both
    public keys (as ECIES and HPKE do), so a wrap cannot be re-aimed at another key."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    info = _WRAP_INFO + ephemeral + ceo_key
    return HKDF(algorithm=hashes.SHA256(), length=_KEY_BYTES, salt=None, info=info).derive(shared)


def _wrap(key: bytes, ceo_key: bytes, commitment: bytes) -> bytes:
    """K encrypted to the CEO: ephemeral public + nonce + AES-GCM(K), bound to the commitment
    (associated data) so the wrap cannot be moved onto another sealed response."""
    from cryptography.hazmat.primitives.asymmetric import x25519
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    ephemeral = x25519.X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    try:
        shared = ephemeral.exchange(x25519.X25519PublicKey.from_public_bytes(ceo_key))
    except ValueError:  # a low-order "public key": no secret would be shared
        raise RevealError(f"{ceo_key.hex()} is not a usable CEO reveal key") from None
    nonce = os.urandom(_NONCE_BYTES)
    wrapped = AESGCM(_wrap_key(shared, ephemeral_public, ceo_key)).encrypt(nonce, key, commitment)
    return ephemeral_public + nonce + wrapped


# --- the release rule ----------------------------------------------------------------------


def ready_to_release(mine: Context, present: list[Context]) -> bool:
    """Whether the key of the response with context ``mine`` may be published now.

    The rule: only once the OTHER VP's sealed response for the same team, survey and period is
    present (Sales waits for Marketing's, Marketing for Sales'); any other role waits for both
    VPs. Any revision counts: an amendment made after the reveal is released at once and marked
    as such by the caller. ``present``: the contexts of the sealed responses found in the remote
    whose signature the caller has verified. The CEO's laptop uses the same rule before it
    opens or releases a response on behalf of its author.
    """
    same = {
        context["role"]
        for context in present
        if all(context.get(name) == mine.get(name) for name in ("team", "survey", "period"))
    }
    waits_for = [role for role in CORE_PAIR if role != mine.get("role")]
    return all(role in same for role in waits_for)
