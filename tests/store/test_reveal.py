"""Commit, then reveal (issue 17): what a sealed response lets through, and what it refuses.

A "laptop" here is a keys folder: the Sales VP's holds an Ed25519 signing key made by
:mod:`gtm_pulse.store.signing`, the CEO's an X25519 reveal key. Every refusal is checked for
being one line, since the CLI shows it as one.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from gtm_pulse.core.sealing import canonical_json
from gtm_pulse.errors import RevealError, SigningError
from gtm_pulse.store import reveal
from gtm_pulse.store.reveal import RevealKey, Sealed, Sealing
from gtm_pulse.store.signing import key_for

MARKER = "ZEBRA-42"
#: A response as its canonical JSON: a marker answer and a score the CEO must not see early.
PLAINTEXT = canonical_json(
    {"answers": {"alignment-shared-icp": 4}, "comments": {"frictions": f"{MARKER} leads"}}
)
CONTEXT: dict[str, str | int] = {
    "team": "team-1",
    "survey": "monthly-pulse",
    "period": "2026-10",
    "role": "sales",
    "revision": 1,
}


class Laptop:
    """One member's keys folder, with the signing key made the way signing.py makes it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.public, _ = key_for(folder, [], f"team-1.{folder.name}")
        self.sign = reveal.signer(self.public, folder)


@pytest.fixture
def sales(tmp_path: Path) -> Laptop:
    return Laptop(tmp_path / "sales-keys")


@pytest.fixture
def ceo(tmp_path: Path) -> RevealKey:
    folder = tmp_path / "ceo-keys"
    return reveal.load_reveal_key(reveal.reveal_key_for(folder), folder)


@pytest.fixture
def sealing(sales: Laptop, ceo: RevealKey) -> Sealing:
    return reveal.seal_response(
        PLAINTEXT, context=CONTEXT, ceo_public=ceo.public, sign=sales.sign, author=sales.public
    )


def refused(action: Callable[[], object], *words: str) -> str:
    """The one-line message ``action`` is refused with; it names each of ``words``."""
    with pytest.raises(RevealError) as caught:
        action()
    message = str(caught.value)
    assert "\n" not in message
    for word in words:
        assert word in message
    return message


def through_json(sealed: Sealed) -> Sealed:
    """``sealed`` as another laptop reads it from the remote: canonical bytes, then parsed."""
    return Sealed.from_json(json.loads(canonical_json(sealed.to_json())))


# --- round trips ---------------------------------------------------------------------------


def test_a_release_opens_the_response_read_back_from_the_remote(sealing: Sealing) -> None:
    sealed = through_json(sealing.sealed)

    assert sealed == sealing.sealed
    assert {sealed, sealing.sealed} == {sealed}  # one record, however often it is read
    assert reveal.open_with_release(sealed, reveal.release(sealed, sealing.key)) == PLAINTEXT


def test_the_ceo_opens_without_any_release(sealing: Sealing, ceo: RevealKey) -> None:
    assert reveal.open_as_ceo(through_json(sealing.sealed), ceo) == PLAINTEXT


def test_the_ceo_can_release_a_key_for_a_closed_laptop(sealing: Sealing, ceo: RevealKey) -> None:
    key = reveal.key_as_ceo(sealing.sealed, ceo)

    assert key == sealing.key
    assert reveal.open_with_release(sealing.sealed, reveal.release(sealing.sealed, key))


def test_the_signature_verifies_under_the_authors_key_only(
    sealing: Sealing, sales: Laptop, tmp_path: Path
) -> None:
    other = Laptop(tmp_path / "marketing-keys")

    assert reveal.verify(sealing.sealed, sales.public)
    assert not reveal.verify(sealing.sealed, other.public)


def test_the_release_payload_is_the_commitment_and_the_key(sealing: Sealing) -> None:
    payload = reveal.release(sealing.sealed, sealing.key)

    assert payload == {"commitment": sealing.sealed.commitment.hex(), "key": sealing.key.hex()}


# --- nothing in the clear ------------------------------------------------------------------


def test_no_answer_text_or_score_is_in_the_sealed_record(sealing: Sealing) -> None:
    text = canonical_json(sealing.sealed.to_json()).decode()
    spellings = [MARKER, "alignment-shared-icp", '"alignment-shared-icp":4']
    for spelling in spellings:  # nor hex-encoded: the ciphertext is not the plaintext in hex
        assert spelling not in text
        assert spelling.encode().hex() not in text
    assert MARKER.encode() not in sealing.sealed.ciphertext
    assert set(sealing.sealed.to_json()["context"]) == set(reveal.CONTEXT_FIELDS)


def test_every_payload_field_is_hex_or_the_context(sealing: Sealing) -> None:
    payload = sealing.sealed.to_json()

    for name, value in payload.items():
        if name not in ("version", "context"):
            assert isinstance(value, str)
            assert bytes.fromhex(value).hex() == value


# --- refusals ------------------------------------------------------------------------------


def test_a_wrong_key_is_refused(sealing: Sealing) -> None:
    sealed, wrong = sealing.sealed, bytes(32)
    forged = {"commitment": sealed.commitment.hex(), "key": wrong.hex()}

    refused(lambda: reveal.release(sealed, wrong), "not the one")
    refused(lambda: reveal.open_with_release(sealed, forged), "released key does not match")


def test_a_flipped_ciphertext_byte_is_refused(sealing: Sealing, sales: Laptop) -> None:
    ciphertext = bytearray(sealing.sealed.ciphertext)
    ciphertext[0] ^= 1
    sealed = replace(sealing.sealed, ciphertext=bytes(ciphertext))
    release = reveal.release(sealing.sealed, sealing.key)

    refused(lambda: reveal.open_with_release(sealed, release), "commitment")
    assert not reveal.verify(sealed, sales.public)


@pytest.mark.parametrize(
    "change",
    [
        {"team": "team-2"},
        {"survey": "quarterly"},
        {"period": "2026-11"},
        {"role": "marketing"},
        {"revision": 2},
    ],
)
def test_a_changed_context_field_is_refused(
    sealing: Sealing, ceo: RevealKey, sales: Laptop, change: dict[str, Any]
) -> None:
    sealed = replace(sealing.sealed, context={**sealing.sealed.context, **change})
    release = reveal.release(sealing.sealed, sealing.key)

    refused(lambda: reveal.open_with_release(sealed, release), "commitment")
    refused(lambda: reveal.open_as_ceo(sealed, ceo), "commitment")
    assert not reveal.verify(sealed, sales.public)


def test_a_swapped_nonce_is_refused(sealing: Sealing, ceo: RevealKey) -> None:
    sealed = replace(sealing.sealed, nonce=bytes(12))

    refused(lambda: reveal.open_as_ceo(sealed, ceo), "commitment")


def test_a_forged_signature_is_refused(sealing: Sealing, sales: Laptop) -> None:
    signature = bytearray(sealing.sealed.signature)
    signature[-1] ^= 0x80
    sealed = replace(sealing.sealed, signature=bytes(signature))
    release = reveal.release(sealing.sealed, sealing.key)

    refused(lambda: reveal.open_with_release(sealed, release), "signature")
    assert not reveal.verify(sealed, sales.public)


def test_a_record_resealed_by_someone_else_fails_the_tag_and_verify(
    sealing: Sealing, sales: Laptop, tmp_path: Path
) -> None:
    # given a forger who changes the ciphertext, recomputes the commitment and signs it all
    # (with the module's own private helpers: the forger knows the format)
    forger = Laptop(tmp_path / "forger-keys")
    ciphertext = bytearray(sealing.sealed.ciphertext)
    ciphertext[0] ^= 1
    changed = replace(sealing.sealed, ciphertext=bytes(ciphertext))
    changed = replace(
        changed,
        commitment=reveal._commitment(changed.context, changed.nonce, changed.ciphertext),
        author=bytes.fromhex(forger.public),
    )
    forged = replace(changed, signature=bytes.fromhex(forger.sign(reveal._signed_bytes(changed))))
    # then the CEO's wrap no longer fits it, the real key fails the tag, and verify says no
    assert not reveal.verify(forged, sales.public)
    release = {"commitment": forged.commitment.hex(), "key": sealing.key.hex()}
    refused(lambda: reveal.open_with_release(forged, release), "authentication tag")


def test_a_release_for_another_commitment_is_refused(
    sealing: Sealing, sales: Laptop, ceo: RevealKey
) -> None:
    other = reveal.seal_response(
        PLAINTEXT, context=CONTEXT, ceo_public=ceo.public, sign=sales.sign, author=sales.public
    )
    release = reveal.release(other.sealed, other.key)

    refused(lambda: reveal.open_with_release(sealing.sealed, release), "another response")


def test_another_ceos_key_is_refused(sealing: Sealing, tmp_path: Path) -> None:
    folder = tmp_path / "other-ceo"
    other = reveal.load_reveal_key(reveal.make_reveal_key(folder), folder)

    refused(lambda: reveal.open_as_ceo(sealing.sealed, other), "another CEO key")


def test_a_signer_that_is_not_the_named_author_is_refused(
    sales: Laptop, ceo: RevealKey, tmp_path: Path
) -> None:
    other = Laptop(tmp_path / "marketing-keys")

    with pytest.raises(SigningError, match="does not hold"):
        reveal.seal_response(
            PLAINTEXT, context=CONTEXT, ceo_public=ceo.public, sign=other.sign, author=sales.public
        )


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (lambda p: p.pop("nonce"), "missing or unknown"),
        (lambda p: p.update(extra="1"), "missing or unknown"),
        (lambda p: p.update(version=2), "version 2"),
        (lambda p: p.update(version=True), "version True"),
        (lambda p: p.update(version=1.0), "version 1.0"),
        (lambda p: p.update(nonce=p["nonce"].upper()), "lower-case"),
        (lambda p: p.update(nonce=p["nonce"][:-2]), "wrong length"),
        (lambda p: p.update(author=7), "not hex"),
        (lambda p: p["context"].pop("role"), "exactly"),
        (lambda p: p["context"].update(revision="1"), "revision"),
        (lambda p: p["context"].update(period="2026-10\nforged"), "one-line"),
    ],
)
def test_a_malformed_payload_is_refused_with_one_line(
    sealing: Sealing, edit: Callable[[dict[str, Any]], object], words: str
) -> None:
    payload = sealing.sealed.to_json()
    edit(payload)

    refused(lambda: Sealed.from_json(payload), words)


def test_a_payload_that_is_not_an_object_is_refused() -> None:
    refused(lambda: Sealed.from_json([1, 2]), "not a JSON object")


def test_a_ceo_key_that_is_not_one_is_refused(sales: Laptop) -> None:
    refused(
        lambda: reveal.seal_response(
            PLAINTEXT,
            context=CONTEXT,
            ceo_public="x" * 10_000,
            sign=sales.sign,
            author=sales.public,
        ),
        "reveal key is not hex",
    )


# --- the CEO's reveal key ------------------------------------------------------------------


def test_the_reveal_key_is_kept_owner_only_and_made_once(tmp_path: Path) -> None:
    folder = tmp_path / "keys"
    public = reveal.reveal_key_for(folder)

    assert reveal.reveal_key_for(folder) == public
    assert reveal.held_reveal_keys(folder) == [public]
    assert stat.S_IMODE((folder / f"{public}.reveal").stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_the_same_secret_makes_the_same_reveal_key(tmp_path: Path) -> None:
    first = reveal.make_reveal_key(tmp_path / "keys", secret=bytes(range(32)))

    assert reveal.make_reveal_key(tmp_path / "keys", secret=bytes(range(32))) == first


def test_the_reveal_key_lives_in_the_signing_keys_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GTM_PULSE_KEYS", str(tmp_path / "env-keys"))

    public = reveal.reveal_key_for()

    assert (tmp_path / "env-keys" / f"{public}.reveal").is_file()
    assert reveal.load_reveal_key(public).public == public


def test_a_missing_or_damaged_reveal_key_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "keys"
    public = reveal.make_reveal_key(folder)
    refused(lambda: reveal.load_reveal_key("ab" * 32, folder), "cannot read")
    (folder / f"{public}.reveal").write_text("not hex")
    refused(lambda: reveal.load_reveal_key(public, folder), "damaged")
    (folder / f"{public}.reveal").write_text("11" * 32)
    refused(lambda: reveal.load_reveal_key(public, folder), "does not match its name")


def test_the_private_reveal_key_stays_out_of_reprs(ceo: RevealKey, sealing: Sealing) -> None:
    assert ceo.private.hex() not in repr(ceo)
    assert repr(sealing.key) not in repr(sealing)


# --- the release rule ----------------------------------------------------------------------


def ctx(role: str, period: str = "2026-10", team: str = "team-1") -> dict[str, str | int]:
    return {**CONTEXT, "role": role, "period": period, "team": team}


@pytest.mark.parametrize(
    ("role", "present", "ready"),
    [
        ("sales", [], False),
        ("sales", [ctx("sales")], False),  # only my own
        ("sales", [ctx("marketing")], True),
        ("marketing", [ctx("sales")], True),
        ("marketing", [ctx("marketing"), ctx("ceo")], False),
        ("sales", [ctx("marketing", period="2026-09")], False),  # another period
        ("sales", [ctx("marketing", team="team-2")], False),  # another team
        ("sales", [{**ctx("marketing"), "survey": "quarterly"}], False),  # another survey
        ("cro", [ctx("sales")], False),  # other roles wait for both VPs
        ("cro", [ctx("sales"), ctx("marketing")], True),
        ("sales", [{**ctx("marketing"), "revision": 3}], True),  # any revision counts
    ],
)
def test_a_key_is_released_only_when_the_other_vp_has_committed(
    role: str, present: list[dict[str, str | int]], ready: bool
) -> None:
    assert reveal.ready_to_release(ctx(role), present) is ready


# --- properties ----------------------------------------------------------------------------


@cache
def world() -> tuple[Callable[[bytes], str], str, RevealKey]:
    """Keys made once, in memory: an author's signer and public key, and a CEO reveal key."""
    author = Ed25519PrivateKey.generate()
    ceo = X25519PrivateKey.generate()
    return (
        lambda data: author.sign(data).hex(),
        author.public_key().public_bytes_raw().hex(),
        RevealKey(ceo.public_key().public_bytes_raw().hex(), ceo.private_bytes_raw()),
    )


def sealed_now(plaintext: bytes) -> Sealing:
    sign, author, ceo = world()
    return reveal.seal_response(
        plaintext, context=CONTEXT, ceo_public=ceo.public, sign=sign, author=author
    )


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=4_000))
def test_any_plaintext_round_trips_both_ways(plaintext: bytes) -> None:
    sealing = sealed_now(plaintext)
    sealed = through_json(sealing.sealed)

    assert reveal.open_with_release(sealed, reveal.release(sealed, sealing.key)) == plaintext
    assert reveal.open_as_ceo(sealed, world()[2]) == plaintext
    assert reveal.verify(sealed, world()[1])


@cache
def one_sealing() -> tuple[bytes, dict[str, str]]:
    """One sealed record's canonical bytes and its release, shared by the examples below."""
    sealing = sealed_now(PLAINTEXT)
    return canonical_json(sealing.sealed.to_json()), reveal.release(sealing.sealed, sealing.key)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_single_byte_change_of_the_sealed_json_fails_to_open(data: st.DataObject) -> None:
    blob, release = one_sealing()
    at = data.draw(st.integers(0, len(blob) - 1), label="at")
    byte = data.draw(st.integers(0, 255).filter(lambda b: b != blob[at]), label="byte")
    changed = blob[:at] + bytes([byte]) + blob[at + 1 :]

    try:
        sealed = Sealed.from_json(json.loads(changed))
    except (ValueError, RevealError):  # not JSON, not UTF-8, or not a sealed response
        return
    refused(lambda: reveal.open_with_release(sealed, release))
    refused(lambda: reveal.open_as_ceo(sealed, world()[2]))
