"""The roles and what each may do: one function per permission, so pages and commands ask
the same question the same way."""

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
    DOWNLOAD: _ALL_BUT_VIEWER,  # viewers get no download button at all
    DOWNLOAD_CUSTOMERS: frozenset({"admin", "manager", "analyst"}),
    DOWNLOAD_DECK: _ALL_BUT_VIEWER,
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


def can_manage_users(role: str) -> bool:
    return may(role, MANAGE_USERS)


def can_read_audit(role: str) -> bool:
    return may(role, READ_AUDIT)


def can_import(role: str) -> bool:
    return may(role, IMPORT_DATA)


def can_edit_review(role: str) -> bool:
    return may(role, EDIT_REVIEW)


def can_download(role: str) -> bool:
    """Any download button at all (tables, the deck)."""
    return may(role, DOWNLOAD)


def can_download_customers(role: str) -> bool:
    """Customer-level tables (one row per customer, such as an audience export)."""
    return may(role, DOWNLOAD_CUSTOMERS)


def can_download_deck(role: str) -> bool:
    return may(role, DOWNLOAD_DECK)
