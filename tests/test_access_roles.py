"""What each role may do (cockpit.access.roles), as the issue lists it."""

from __future__ import annotations

import pytest

from cockpit.access import roles
from cockpit.access.roles import ROLES, may


def _holders(permission: str) -> set[str]:
    return {role for role in ROLES if may(role, permission)}


def test_the_permission_table():
    assert _holders(roles.MANAGE_USERS) == {"admin"}
    assert _holders(roles.READ_AUDIT) == {"admin"}
    assert _holders(roles.IMPORT_DATA) == {"admin", "manager", "analyst"}
    assert _holders(roles.EDIT_REVIEW) == set(ROLES) - {"viewer"}
    assert _holders(roles.DOWNLOAD_CUSTOMERS) == {"admin", "manager", "analyst"}
    assert _holders(roles.DOWNLOAD_DECK) == set(ROLES)
    assert _holders(roles.DOWNLOAD) == set(ROLES) - {"viewer"}


def test_unknown_role_or_permission_is_refused():
    with pytest.raises(ValueError, match="unknown role 'owner'.*admin, manager"):
        may("owner", roles.IMPORT_DATA)
    with pytest.raises(ValueError, match="unknown permission"):
        may("admin", "fly")
    assert roles.check_role("viewer") == "viewer"
    assert set(roles.SCOPED_ROLES) == {"region_manager", "store_manager"}
