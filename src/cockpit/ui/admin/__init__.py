"""The Admin page: the users who may sign in and the audit log (admins only)."""
