"""The store tests' shared arrangement."""

from __future__ import annotations

import pytest

from gtm_pulse.core.models import Survey
from gtm_pulse.store.database import Store
from tests.helpers import scored, submit_pair


@pytest.fixture
def filled(store: Store, monthly: Survey) -> Store:
    submit_pair(store, monthly, "2026-10", scored(monthly, 4), scored(monthly, 3))
    store.add_commitment("One lead definition", "marketing", "2026-12")
    return store
