"""Sign-in for the shell: who the session's user is (open, trusted header or OIDC), the
gate pages shown instead of the app, the sidebar's identity, and permission checks."""

from cockpit.ui.auth.session import (
    OPEN,
    Principal,
    allowed,
    audit_who,
    current_principal,
    require_permission,
)

__all__ = ["OPEN", "Principal", "allowed", "audit_who", "current_principal",
           "require_permission"]
