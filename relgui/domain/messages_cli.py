"""Message codes of relgui-admin's login: code → (中文, English). Merged by relgui.domain.messages.

Who may run which command, where the password comes from, the first administrator
(relgui/cli/common.py, relgui/cli/main.py). ``roles`` are shown with the profile's role names.
"""

from relgui.domain.plural import plural

CATALOG: dict[str, tuple[str, str]] = {
    # no login, or the wrong one
    "cli_login_needed": ("请用 --user 登录：此命令须由{roles}执行（relgui-admin --user 用户名 [--password-stdin] {command} …；"
                         "密码取自 --password-stdin（标准输入的一行）、终端输入或系统凭据库）",
                         "Log in with --user: this command must be run by {roles} (relgui-admin --user NAME "
                         "[--password-stdin] {command} …; the password comes from --password-stdin (a line of standard "
                         "input), the terminal, or the system's credential store)"),
    "cli_no_accounts": ("数据库中还没有任何账户，无法登录：此命令须由{roles}执行；请先用 relgui-admin init --admin 用户名 "
                        "--name 显示名 创建第一个系统管理员",
                        "The database has no account yet, so nobody can log in: this command must be run by {roles}. "
                        "First create the first administrator: relgui-admin init --admin NAME --name \"Display name\""),
    "cli_no_account_to_log_in": ("数据库中还没有任何账户，不能以 {user} 登录：请先用 relgui-admin init --admin 用户名 "
                                 "--name 显示名 创建第一个系统管理员",
                                 "The database has no account yet, so {user} cannot log in: first create the first "
                                 "administrator with relgui-admin init --admin NAME --name \"Display name\""),
    "cli_settings_need_admin": ("数据库中还没有任何账户：公司设置须由系统管理员保存。请加上 --admin 用户名 --name 显示名，"
                                "先创建第一个系统管理员",
                                "The database has no account yet: company settings are saved by an administrator. Add "
                                "--admin NAME --name \"Display name\" to create the first administrator"),
    "cli_wrong_role": ("{user} 不能执行此命令（{command}）：须由{roles}执行",
                       "{user} may not run this command ({command}): it must be run by {roles}"),
    "cli_password_needed": ("没有账户 {user} 的密码：请用 --password-stdin 从标准输入提供、在终端中运行以便输入，或先用 "
                            "relgui-admin --user {user} login --remember 存入系统凭据库",
                            "No password for the account {user}: give it with --password-stdin, run in a terminal to "
                            "type it, or keep it in the system's credential store first (relgui-admin --user {user} "
                            "login --remember)"),
    "cli_keyring_refused": ("所用的密码取自系统凭据库（{service} / {entry}）；密码已改时请用 relgui-admin --user {user} "
                            "login --remember 重新保存，或用 login --forget 删除",
                            "the password came from the system's credential store ({service} / {entry}); if it has "
                            "changed, save it again with relgui-admin --user {user} login --remember, or remove it with "
                            "login --forget"),
    # standard input
    "cli_stdin_empty": ("标准输入中没有{field}这一行", "Standard input holds no line for {field}"),
    "cli_stdin_not_text": ("标准输入中的{field}不是有效的 {encoding} 文本", "{field} on standard input is not valid "
                                                                          "{encoding} text"),
    # the first administrator
    "first_account_exists": ("数据库中已有账户：--admin 只用于创建第一个系统管理员。请由系统管理员用 relgui-admin --user "
                             "用户名 user add … 添加账户",
                             "The database already has accounts: --admin only creates the first administrator. An "
                             "administrator adds accounts with relgui-admin --user NAME user add …"),
    "cli_passwords_differ": ("两次输入的密码不一致，未创建账户", "The two passwords differ; no account was created"),
    "cli_admin_password_source": ("--admin：新管理员的密码取自 --password-stdin（标准输入的一行）或终端输入",
                                  "--admin: the new administrator's password comes from --password-stdin (a line of "
                                  "standard input) or the terminal"),
    "cli_init_name_without_admin": ("--name 和 --password-stdin 只与 --admin 一起使用：init --admin 用户名 --name 显示名",
                                    "--name and --password-stdin go with --admin: init --admin NAME --name "
                                    "\"Display name\""),
    "cli_init_admin_needs_name": ("--admin 还需要 --name 显示名", "--admin needs --name \"Display name\" as well"),
    "cli_init_admin_and_user": ("--admin 与 --user 不能同时使用：第一个系统管理员创建后即以其身份保存设置",
                                "--admin and --user do not go together: the first administrator, once made, saves "
                                "the settings"),
    "cli_new_password_prompt": ("新账户 {user} 的密码：", "Password for the new account {user}: "),
    "cli_new_password_again": ("再输入一次：", "Once more: "),
    "cli_password_prompt": ("relgui 账户 {user} 的密码：", "Password of the relgui account {user}: "),
    # what is said when it worked
    "cli_first_admin_made": ("已创建第一个系统管理员：{user}（{name}）", "First administrator created: {user} ({name})"),
    "cli_no_accounts_yet": ("尚无账户：请用 relgui-admin init --admin 用户名 --name 显示名 创建第一个系统管理员"
                            "（或在 relgui 首次启动时创建）",
                            "No account yet: create the first administrator with relgui-admin init --admin NAME --name "
                            "\"Display name\" (or when relgui first starts)"),
    "cli_logged_in": ("已登录：{user}（{name}），角色：{roles}", "Logged in: {user} ({name}), roles: {roles}"),
    "cli_remembered": ("密码已存入系统凭据库：{service} / {entry}", "Password kept in the system's credential store: "
                                                                 "{service} / {entry}"),
    "cli_forgotten": ("已从系统凭据库删除：{service} / {entry}", "Removed from the system's credential store: "
                                                            "{service} / {entry}"),
    "cli_nothing_stored": ("系统凭据库中没有此项：{service} / {entry}", "The system's credential store holds no "
                                                                   "{service} / {entry}"),
    "cli_keyring_unavailable": ("本机没有可用的系统凭据库，密码未保存：{detail}",
                                "There is no usable credential store on this computer; the password was not kept: "
                                "{detail}"),
    "cli_login_options": ("login：请用 --user 用户名 指明账户", "login: name the account with --user NAME"),
    # init, user, demo, release list, audit, backup, restore (relgui/cli/main.py)
    "cli_db_ready": ("数据库就绪：{db}", "Database ready: {db}"),
    # {keys}: the account's role keys, printed as they were (a parameter named roles is translated)
    "cli_user_added": ("已添加用户: {user} ({name}) {keys}", "User added: {user} ({name}) {keys}"),
    "cli_user_disabled_mark": ("已停用", "disabled"),
    "cli_user_disabled": ("已停用: {user}", "Disabled: {user}"),
    "cli_demo_not_empty": ("警告：数据库中已有 {count} 个发布；示例数据将与其混在一起，无法再单独删除。",
                           plural("Warning: the database already holds {count} release; the sample data will mix "
                                  "with it and cannot be removed on its own.",
                                  "Warning: the database already holds {count} releases; the sample data will mix "
                                  "with them and cannot be removed on its own.")),
    "cli_demo_made": ("已生成 {releases}、{changes}，共 {rows}，用时 {took} 秒", "{releases}, {changes}, {rows} in {took} s"),
    "cli_demo_accounts": ("示例账户。密码随机生成，只显示这一次，请现在记下：",
                          "Sample accounts. Their passwords are random and shown only this once: note them now."),
    "cli_list_written": ("已导出 {count} 个发布：{path}", plural("Written: {count} release to {path}",
                                                           "Written: {count} releases to {path}")),
    "cli_no_anchors": ("未找到锚点", "No anchors found"),
    "cli_anchors_hold": ("{count} 个锚点均一致", plural("{count} anchor holds", "{count} anchors hold")),
    "cli_backup_written": ("备份已写入: {path} ({rows} rows, audit head {head})",
                           plural("Backup written: {path} ({rows} row, audit head {head})",
                                  "Backup written: {path} ({rows} rows, audit head {head})", n="rows")),
    "cli_restored": ("已恢复并校验: {rows} rows, audit head {head}",
                     plural("Restored and verified: {rows} row, audit head {head}",
                            "Restored and verified: {rows} rows, audit head {head}", n="rows")),
    # doc write / reissue / archive (relgui/cli/cmd_doc.py)
    "cli_doc_written": ("已写入: {path} ({what}, SHA-256 {sha})", "Written: {path} ({what}, SHA-256 {sha})"),
    "cli_doc_reissued": ("已重新签发: {file} {version} (SHA-256 {sha})", "Reissued: {file} {version} (SHA-256 {sha})"),
    "cli_doc_archived": ("已归档: {file} (SHA-256 {sha})", "Archived: {file} (SHA-256 {sha})"),
    "cli_doc_origin_archived": ("归档文件", "archived"),
    "cli_doc_origin_archived_model": ("由归档文件生成", "from the archived .docx"),
    "cli_doc_origin_generated": ("新生成", "generated"),
    # notify (relgui/cli/cmd_notify.py)
    "cli_notify_none": ("没有告警", "no alerts"),
    "cli_notify_saved": ("已保存。", "Saved."),
    "cli_notify_sent_to": ("已发送到 {where}", "Sent to {where}"),
    "cli_notify_enabled": ("启用", "enabled"),
    "cli_notify_disabled": ("停用", "disabled"),
    "cli_notify_missing": ("{line} — 本机缺少：{names}", "{line} — secrets missing on this computer: {names}"),
    "cli_notify_failing": ("{line} — 连续失败 {count} 次：{said}", "{line} — failing ({count} in a row): {said}"),
    "cli_notify_round": ("已发送 {sent}，待重试 {retried}，失败 {failed}，已无需发送 {obsolete}",
                         "sent {sent}, retried {retried}, failed {failed}, obsolete {obsolete}"),
    "cli_notify_in_doubt": ("{line}（结果未确认后重发 {count}）", "{line} (in doubt {count})"),
    "cli_notify_running": ("notify：运行中；按 Ctrl+C 停止", "notify: running; Ctrl+C stops"),
    # kpi (relgui/cli/cmd_kpi.py)
    "cli_kpi_written": ("已导出：{path}", "Written: {path}"),
    "cli_kpi_head": ("发布成功率（目标值 ≥ {target}）", "Release success rate (target ≥ {target})"),
    "cli_kpi_columns": ("季度\t发布类型\t总次数\t成功次数\t成功率\t是否达标", "Quarter\tType\tTotal\tSuccessful\tRate\tTarget"),
    "cli_kpi_all": ("合计", "All"),
    "cli_kpi_met": ("达标", "met"),
    "cli_kpi_missed": ("未达标", "missed"),
    "cli_kpi_not_counted": ("{quarter}：{count} 次发布的关闭签署已失效，未计入：{numbers}",
                            plural("{quarter}: {count} release not counted, closure signature broken: {numbers}",
                                   "{quarter}: {count} releases not counted, closure signature broken: {numbers}")),
}

# several counts in one sentence (messages.COUNTED)
COUNTED = {"cli_demo_made": {"releases": "n_releases", "changes": "n_change_requests", "rows": "n_rows"}}

FIELDS: dict[str, tuple[str, str]] = {
    "login_password": ("登录密码", "the login password"),
    "new_password": ("新账户的密码", "the new account's password"),
    "db_password": ("数据库密码", "the database password"),
}
