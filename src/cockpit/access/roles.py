"""The roles and what each may do: one table of grants and one question, `may(role,
permission)`, which pages and commands ask the same way."""

from __future__ import annotations

ROLES: tuple[str, ...] = ("admin", "manager", "region_manager", "store_manager", "analyst",
                          "viewer")
# The roles limited to a data scope, and which list (regions or stores) they need. Every other
# role is unscoped (a manager too: a manager limited to some regions is a region_manager).
SCOPED_ROLES: dict[str, str] = {"region_manager": "regions", "store_manager": "stores"}

MANAGE_USERS = "manage_users"
READ_AUDIT = "read_audit"
IMPORT_DATA = "import_data"
EDIT_REVIEW = "edit_review"
DOWNLOAD = "download"
DOWNLOAD_CUSTOMERS = "download_customers"
DOWNLOAD_DECK = "download_deck"

_ALL_BUT_VIEWER = frozenset(ROLES) - {"viewer"}
GRANTS: dict[str, frozenset[str]] = {
    MANAGE_USERS: frozenset({"admin"}),
    READ_AUDIT: frozenset({"admin"}),
    IMPORT_DATA: frozenset({"admin", "manager", "analyst"}),
    EDIT_REVIEW: _ALL_BUT_VIEWER,
    DOWNLOAD: _ALL_BUT_VIEWER,  # table downloads: viewers get no such button
    DOWNLOAD_CUSTOMERS: frozenset({"admin", "manager", "analyst"}),
    DOWNLOAD_DECK: frozenset(ROLES),  # every role; the deck holds only what its user may see
}
PERMISSIONS: tuple[str, ...] = tuple(GRANTS)


def check_role(role: str) -> str:
    """`role` when it is one of ROLES; else ValueError naming the roles."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    return role


def may(role: str, permission: str) -> bool:
    """True when `role` has `permission` (one of PERMISSIONS)."""
    if permission not in GRANTS:
        raise ValueError(f"unknown permission {permission!r}: one of {', '.join(PERMISSIONS)}")
    return check_role(role) in GRANTS[permission]
