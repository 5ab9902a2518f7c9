"""Fixtures of the staff pages' tests."""
from __future__ import annotations

import pytest

from domain.accounts import Role
from tests.unit.web.inspector.test_inspector import signed_in_as


@pytest.fixture(scope="module")
def boss(portal):
    """A supervisor (every staff screen's decisions are open to one)."""
    client, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)
    return client
