"""Fuzzing the readers of files that arrive from elsewhere: bundles and database files.

Whatever the bytes, reading ends in the data or in one clear line (a PulseError), never in a
traceback, and a refused database file is never written.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gtm_pulse.core.sealing import canonical_json
from gtm_pulse.errors import PulseError
from gtm_pulse.store.bundles import FORMAT, read_bundle
from gtm_pulse.store.database import Store
from gtm_pulse.store.format import read_database

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=15,
)


# Near-misses are where readers break: the right keys with wrong values, and random bytes.
def _sealed_bundle(payload: object) -> bytes:
    """A bundle whose checksum matches its (arbitrary) payload: the checks behind it run."""
    digest = hashlib.sha256(canonical_json(payload)).hexdigest()
    bundle = {"format": FORMAT, "format_version": 1, "payload": payload, "sha256": digest}
    return json.dumps(bundle).encode()


bundles = st.one_of(
    st.binary(max_size=300),
    st.builds(_sealed_bundle, json_values),
    st.builds(
        _sealed_bundle,
        st.fixed_dictionaries({"responses": st.lists(json_values, max_size=3)}),
    ),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries(
        {
            "format": st.just(FORMAT),
            "format_version": st.just(1),
            "payload": json_values,
            "sha256": st.text(max_size=64),
        }
    ).map(lambda v: json.dumps(v).encode()),
)
databases = st.one_of(
    st.binary(max_size=300),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.builds(
        lambda tables: json.dumps(
            {"meta": {"1": {"app": "gtm-pulse", "schema_version": 2}}, **tables}
        ).encode(),
        st.dictionaries(
            st.sampled_from(["team", "responses", "drafts", "commitments"]),
            st.dictionaries(st.sampled_from(["1", "2"]), json_values),
            max_size=3,
        ),
    ),
)


def _with_file(content: bytes, check) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "file.json"
        path.write_bytes(content)
        check(path)
        assert path.read_bytes() == content  # never written


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(bundles)
def test_any_bundle_file_reads_or_fails_with_one_line(content: bytes) -> None:
    def check(path: Path) -> None:
        try:
            read_bundle(path)
        except PulseError as error:
            assert str(error) and "\n" not in str(error)

    _with_file(content, check)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(databases)
def test_any_database_file_opens_or_fails_with_one_line(content: bytes) -> None:
    def check(path: Path) -> None:
        try:
            read_database(path)
            snapshot = Store(path).load()
            _ = (snapshot.team, snapshot.responses, snapshot.drafts, snapshot.commitments)
        except PulseError as error:
            assert str(error) and "\n" not in str(error)

    _with_file(content, check)
