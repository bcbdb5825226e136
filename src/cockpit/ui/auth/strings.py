"""Sign-in strings: modes, gate pages, the sidebar's identity, role names, refusals."""

STRINGS = {
    "auth.page_title": ("登录", "Sign in"),
    "auth.open": ("开放模式：未配置登录，所有人都是管理员。",
                  "open: no login configured; everyone is an admin."),
    "auth.signed_in": ("已登录：{email}（{role}）", "Signed in: {email} ({role})"),
    "auth.sign_out": ("退出登录", "Sign out"),
    "auth.sign_in": ("登录", "Sign in"),
    "auth.sign_in_with": ("通过 {provider} 登录", "Sign in with {provider}"),
    "auth.login_intro": ("请先登录，才能查看驾驶舱。", "Sign in to open the cockpit."),
    "auth.no_access_title": ("尚无访问权限", "No access yet"),
    "auth.no_access": ("{email} 已登录，但还不是驾驶舱的用户。请联系管理员添加"
                       "（`python -m cockpit users add {email} --role viewer`）。",
                       "{email} is signed in but not a user of the cockpit yet; ask an admin "
                       "to add you (`python -m cockpit users add {email} --role viewer`)."),
    "auth.config_error": ("登录配置无法使用：{why}", "The login settings cannot be used: {why}"),
    "auth.no_secret": ("COCKPIT_AUTH=header 需要设置 COCKPIT_AUTH_PROXY_SECRET（登录代理随每个请求"
                       "发送的 X-Cockpit-Proxy-Secret），否则任何人都能伪造身份。设置后重启应用。",
                       "COCKPIT_AUTH=header needs COCKPIT_AUTH_PROXY_SECRET (the "
                       "X-Cockpit-Proxy-Secret the login proxy sends with every request); "
                       "without it anyone could claim any identity. Set it and restart the app."),
    "auth.bad_secret": ("此请求未经过登录代理（缺少或错误的代理密钥），不予信任。请通过公司的登录"
                        "地址打开驾驶舱。",
                        "This request did not come through the login proxy (the proxy secret "
                        "is missing or wrong), so its identity is not believed. Open the "
                        "cockpit through your company's sign-in address."),
    "auth.no_identity": ("登录代理没有传来身份（请求头 {header} 为空）。请重新登录。",
                         "The login proxy sent no identity (header {header} is empty). Sign "
                         "in again."),
    "auth.refused": ("你的角色（{role}）不能使用此页面。",
                     "Your role ({role}) may not use this page."),
    "auth.role.admin": ("管理员", "admin"),
    "auth.role.manager": ("经理", "manager"),
    "auth.role.region_manager": ("大区经理", "region manager"),
    "auth.role.store_manager": ("门店经理", "store manager"),
    "auth.role.analyst": ("分析师", "analyst"),
    "auth.role.viewer": ("只读用户", "viewer"),
    "auth.scope_regions": ("权限范围：{items}", "Data scope: {items}"),
    "auth.scope_stores": ("权限范围：门店 {items}", "Data scope: stores {items}"),
}
