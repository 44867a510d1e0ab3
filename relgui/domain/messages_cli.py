"""Message codes of relgui-admin's login: code → (中文, English). Merged by relgui.domain.messages.

Who may run which command, where the password comes from, the first administrator
(relgui/cli/common.py, relgui/cli/main.py). ``roles`` are shown with the profile's role names.
"""

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
}

FIELDS: dict[str, tuple[str, str]] = {
    "login_password": ("登录密码", "the login password"),
    "new_password": ("新账户的密码", "the new account's password"),
    "db_password": ("数据库密码", "the database password"),
}
