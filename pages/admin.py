"""Admin: the users who may sign in and the audit log; admins only (the navigation leaves
the page out for other roles, and the page refuses them when opened by its URL)."""

from cockpit.access.roles import MANAGE_USERS
from cockpit.ui.admin import sections
from cockpit.ui.auth import require_permission
from cockpit.ui.page import page_body

with page_body("page.admin") as page:
    require_permission(MANAGE_USERS, page.lang)
    sections.intro(page.lang)
    sections.users_table(page.lang)
    sections.audit_table(page.lang)
