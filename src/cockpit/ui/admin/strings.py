"""Admin page strings."""

STRINGS = {
    "page.admin": ("管理", "Admin"),
    "admin.caption": ("谁可以登录、拥有什么角色，以及审计日志（登录、导出、用户变更）。"
                      "用户通过命令 `python -m cockpit users add|list|remove` 管理。",
                      "Who may sign in with which role, and the audit log (logins, exports, "
                      "user changes). Users are managed with `python -m cockpit users "
                      "add|list|remove`."),
    "admin.users": ("用户", "Users"),
    "admin.no_users": ("还没有用户。", "No users yet."),
    "admin.audit": ("审计日志", "Audit log"),
    "admin.audit_action": ("操作类型", "Action"),
    "admin.audit_all": ("全部", "All"),
    "admin.no_audit": ("还没有审计记录。", "No audit entries yet."),
    "admin.audit_caption": ("最近 {limit} 条，时间为 UTC。", "The latest {limit}, times in UTC."),
    "admin.col.email": ("邮箱", "E-mail"),
    "admin.col.role": ("角色", "Role"),
    "admin.col.scope": ("范围", "Scope"),
    "admin.col.added_at": ("添加时间（UTC）", "Added (UTC)"),
    "admin.col.added_by": ("添加人", "Added by"),
    "admin.col.who": ("操作人", "Who"),
    "admin.col.at": ("时间（UTC）", "When (UTC)"),
    "admin.col.action": ("操作", "Action"),
    "admin.col.what": ("对象", "What"),
    "admin.col.filters": ("筛选条件", "Filters"),
    "admin.action.login": ("登录", "login"),
    "admin.action.export": ("导出", "export"),
    "admin.action.user_add": ("添加用户", "user added"),
    "admin.action.user_remove": ("移除用户", "user removed"),
    "admin.action.import": ("导入", "import"),
}
