"""Directory login (LDAP / Active Directory, issue 16): what a user and the administrator are told.

Said in words a user understands: which server could not be reached, that the certificate was
not trusted, that the account is in no group relgui knows. Never a role key or an LDAP code.
"""

from relgui.domain.plural import plural

CATALOG = {
    # Said at login and signing (the login dialog, relgui-admin --user).
    "directory_unreachable": ("无法连接公司目录服务器 {host}:{port}（{detail}）；请稍后再试，或联系系统管理员",
                              "Cannot reach the company directory server {host}:{port} ({detail}); try again later "
                              "or contact the administrator"),
    "directory_refused": ("无法连接公司目录服务器 {host}:{port}：连接被拒绝（服务器未运行，或端口不对）；请稍后再试，或联系系统管理员",
                          "Cannot reach the company directory server {host}:{port}: the connection was refused (the "
                          "server is not running, or the port is wrong); try again later or contact the administrator"),
    "directory_timeout": ("公司目录服务器 {host}:{port} 在 {seconds} 秒内没有应答（网络或防火墙？）；请稍后再试，或联系系统管理员",
                          "The company directory server {host}:{port} did not answer within {seconds} s (network or "
                          "firewall?); try again later or contact the administrator"),
    "directory_unknown_host": ("找不到公司目录服务器 {host}（名称无法解析）；请联系系统管理员",
                               "The company directory server {host} cannot be found (its name does not resolve); "
                               "contact the administrator"),
    "directory_account_blocked": ("公司目录中的账户已锁定、停用或过期；请联系系统管理员",
                                  "The company directory account is locked, disabled or expired; contact the "
                                  "administrator"),
    "directory_tls": ("与公司目录服务器 {host} 的加密连接失败：服务器证书不受所配置的 CA 证书信任，或与服务器名称不符"
                      "（{detail}）。请联系系统管理员",
                      "The encrypted connection to the company directory server {host} failed: its certificate is "
                      "not trusted by the configured CA certificate, or does not match the server's name ({detail}). "
                      "Contact the administrator"),
    "directory_no_group": ("您的目录账户不属于任何已对应 relgui 角色的组，不能登录；账户已停用。请联系系统管理员",
                           "Your directory account is in no group that grants a relgui role, so you cannot log in; "
                           "the account is disabled. Contact the administrator"),
    "directory_password_expired": ("公司目录账户的密码已过期或必须修改；请先在 Windows 中修改密码后再登录",
                                   "Your company directory password has expired or must be changed; change it in "
                                   "Windows first, then log in"),
    "directory_off": ("此账户由公司目录验证，但目录登录已关闭；请联系系统管理员",
                      "This account is verified by the company directory, but directory login is switched off; "
                      "contact the administrator"),
    "directory_name_taken": ("目录账户“{name}”与 relgui 中已有的本地账户同名，不能作为目录账户登录；请联系系统管理员",
                             "The directory account “{name}” has the name of an existing local relgui account and "
                             "cannot log in through the directory; contact the administrator"),
    "directory_ambiguous": ("公司目录中有多个账户与“{name}”对应，不能确定是谁；请系统管理员检查用户筛选条件",
                            "Several directory accounts match “{name}”, so relgui cannot tell who it is; the "
                            "administrator should check the user filter"),
    "directory_password_elsewhere": ("账户“{name}”由公司目录验证，密码须在目录（Windows）中修改，relgui 不保存它",
                                     "The account “{name}” is verified by the company directory: its password is "
                                     "changed in the directory (Windows), relgui does not keep it"),
    # Said to the administrator (relgui-admin directory …, the directory settings dialog).
    "directory_not_configured": ("尚未设置公司目录（relgui-admin directory set）",
                                 "The company directory is not set up (relgui-admin directory set)"),
    "directory_setting_bad": ("目录设置“{field}”无效：{detail}", "Directory setting “{field}” is invalid: {detail}"),
    "directory_plain_refused": ("目录服务器地址 {url} 不加密，密码会以明文在网络上传输：请使用 ldaps:// 或 StartTLS；"
                                "确需不加密时须明确允许",
                                "The directory server address {url} is not encrypted: passwords would cross the "
                                "network in clear text. Use ldaps:// or StartTLS; allow an unencrypted connection "
                                "only explicitly"),
    "directory_plain_warning": ("警告：与目录服务器的连接不加密，登录密码以明文在网络上传输",
                                "Warning: the connection to the directory server is not encrypted; login passwords "
                                "cross the network in clear text"),
    "directory_ca_bad": ("CA 证书文件“{value}”无法使用：{detail}", "The CA certificate file “{value}” cannot be used: {detail}"),
    "directory_group_bad": ("组对应“{value}”无效：应写作 角色=组的 DN，角色为 {choices} 之一",
                            "The group mapping “{value}” is invalid: write ROLE=group DN, the role one of {choices}"),
    "directory_needs_local_admin": ("启用目录登录前，须至少有一个可用的本地系统管理员账户（目录不可用时仍能登录）",
                                    "Before directory login is switched on there must be an enabled local "
                                    "administrator account (who can still log in when the directory cannot be reached)"),
    "directory_bind_failed": ("目录查询账户 {dn} 登录目录失败（{detail}）；请检查其 DN 与本机凭据库中的密码",
                              "The directory search account {dn} could not log in ({detail}); check its DN and the "
                              "password in this computer's credential store"),
    "directory_bind_secret_missing": ("本机系统凭据库中没有目录查询账户 {dn} 的密码；请在此计算机上用 "
                                      "relgui-admin directory set --bind-password-stdin 保存",
                                      "This computer's credential store has no password for the directory search "
                                      "account {dn}; save it here with relgui-admin directory set "
                                      "--bind-password-stdin"),
    "directory_sync_needs_bind": ("同步须使用目录查询账户（--bind-dn 及其密码）：用户自己的密码不在 relgui 中",
                                  "Synchronising needs the directory search account (--bind-dn and its password): "
                                  "users' own passwords are not in relgui"),
    "directory_base_unreadable": ("在目录中读不到基准 DN {dn}（{detail}）", "The base DN {dn} cannot be read in the directory ({detail})"),
    "directory_user_unknown": ("目录中没有账户“{name}”", "There is no account “{name}” in the directory"),
    "directory_keyring_unavailable": ("此计算机没有可用的系统凭据库，无法保存目录查询账户的密码：{detail}",
                                      "This computer has no usable credential store; the directory search account's "
                                      "password cannot be kept: {detail}"),
}

FIELDS = {
    "directory_url": ("目录服务器地址", "directory server address"),
    "directory_base_dn": ("基准 DN", "base DN"),
    "directory_user_attr": ("账户名属性", "account name attribute"),
    "directory_user_filter": ("用户筛选条件", "user filter"),
    "directory_user_bind": ("用户登录名格式", "user bind name pattern"),
    "directory_bind_dn": ("目录查询账户", "directory search account"),
    "directory_timeout": ("超时秒数", "timeout (seconds)"),
    "directory_groups": ("组与角色对应", "group to role mapping"),
    "directory_ca": ("CA 证书", "CA certificate"),
}

# relgui-admin directory show / set / test / sync (relgui/cli/cmd_directory.py)
CATALOG.update({
    "dir_cli_saved": ("已保存。", "Saved."),
    "dir_cli_account": ("账户: {user} ({name}) {email}", "Account: {user} ({name}) {email}"),
    "dir_cli_roles": ("角色: {names}", "Roles: {names}"),
    "dir_cli_checked": ("{count} 个目录账户已核对", plural("{count} directory account checked",
                                                          "{count} directory accounts checked")),
    "dir_cli_login": ("目录登录", "Directory login"),
    "dir_cli_server": ("服务器", "Server"),
    "dir_cli_ca": ("CA 证书", "CA certificate"),
    "dir_cli_base_dn": ("基准 DN", "Base DN"),
    "dir_cli_user_attr": ("账户名属性", "Account name attribute"),
    "dir_cli_user_filter": ("用户筛选条件", "User filter"),
    "dir_cli_user_bind": ("用户登录名格式", "User bind name"),
    "dir_cli_bind_dn": ("查询账户", "Search account"),
    "dir_cli_bind_password": ("本机凭据库中的查询账户密码", "Its password on this computer"),
    "dir_cli_nested": ("嵌套组（AD）", "Nested groups (AD)"),
    "dir_cli_timeout": ("超时", "Timeout"),
    "dir_cli_groups": ("组 → 角色：", "Groups → roles:"),
    "dir_cli_on": ("已启用", "on"),
    "dir_cli_off": ("已关闭", "off"),
    "dir_cli_saved_here": ("已保存", "saved"),
    "dir_cli_missing": ("没有", "missing"),
    "dir_cli_yes": ("是", "yes"),
    "dir_cli_no": ("否", "no"),
})

# Words the directory code builds messages and reports from.
WORDS = {
    "encrypted_ldaps": ("加密（LDAPS）", "encrypted (LDAPS)"),
    "encrypted_starttls": ("加密（StartTLS）", "encrypted (StartTLS)"),
    "not_encrypted": ("未加密", "not encrypted"),
    "system_ca": ("本机系统信任的证书", "this computer's trusted certificates"),
    "step_connect": ("连接服务器", "connect to the server"),
    "step_tls": ("加密连接与证书", "encryption and certificate"),
    "step_bind": ("目录查询账户登录", "search account login"),
    "step_bind_user": ("以该用户身份登录", "log in as the user"),
    "step_base": ("读取基准 DN", "read the base DN"),
    "step_user": ("查找用户", "find the user"),
    "step_groups": ("组与角色", "groups and roles"),
    "anonymous": ("匿名（无查询账户）", "anonymous (no search account)"),
    "none": ("无", "none"),
    "gone": ("目录中已没有此账户或已停用", "no longer in the directory, or disabled there"),
    "no_group": ("不属于任何已对应角色的组", "in no mapped group"),
    "roles_changed": ("角色改为", "roles now"),
    "unchanged": ("无变化", "unchanged"),
    "disabled_now": ("已停用", "disabled"),
    "ok": ("通过", "passed"),
    "failed": ("失败", "failed"),
    "skipped": ("未检查", "not checked"),
}
