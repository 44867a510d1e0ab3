"""Message codes of the PostgreSQL roles area: code → (中文, English). Merged by relgui.domain.messages.

Who may write what on a shared PostgreSQL server (relgui/store/pgroles.py): the owner role
holds the schema and runs migrations; the workstation role writes data, never history.
"""

from relgui.domain.plural import plural

CATALOG: dict[str, tuple[str, str]] = {
    # a workstation meets a migration
    "pg_upgrade_needs_owner": (
        "数据库需要由管理员升级：数据库结构版本为 {current}，本版本 relgui 需要 {head}。当前连接的数据库角色 {user} "
        "无权修改数据库结构（工作站只能读写数据）。请管理员以数据库结构的所有者 {owner}（或超级用户）运行 "
        "relgui-admin --db postgresql://…/数据库 init；升级完成前请继续使用旧版本。",
        "The database must be upgraded by an administrator: its schema is at {current}, this version of relgui "
        "needs {head}. The database role of this connection, {user}, may not change the schema (workstations "
        "only read and write data). An administrator runs relgui-admin --db postgresql://…/DATABASE init as the "
        "schema's owner {owner} (or a superuser); until then keep using the older version."),
    "pg_init_needs_owner": (
        "数据库需要由管理员初始化：其中还没有 relgui 的数据表，而当前连接的数据库角色 {user} 无权在模式 {schema} "
        "中建表。请管理员运行 relgui-admin --db postgresql://…/数据库 init。",
        "The database must be initialised by an administrator: it holds no relgui tables yet and the database "
        "role of this connection, {user}, may not create tables in schema {schema}. An administrator runs "
        "relgui-admin --db postgresql://…/DATABASE init."),
    # init: what was done
    "pg_role_created_owner": ("已创建所有者角色 {role}（拥有数据库结构、执行升级；不能登录，管理员以超级用户或其成员身份使用）",
                              "Created the owner role {role} (holds the schema, runs upgrades; cannot log in: "
                              "administrators act as it as a superuser or a member)"),
    "pg_role_present_owner": ("所有者角色 {role} 已存在", "The owner role {role} exists"),
    "pg_role_created_workstation": ("已创建工作站角色 {role}（不能登录；工作站使用的登录角色是它的成员）",
                                    "Created the workstation role {role} (cannot log in; the login roles "
                                    "workstations use are its members)"),
    "pg_role_present_workstation": ("工作站角色 {role} 已存在", "The workstation role {role} exists"),
    "pg_login_created": ("已创建工作站登录角色 {role}（{group} 的成员），尚无密码：请用 psql 执行 \\password {role} "
                         "设置（密码在客户端加密，不以明文传给服务器）",
                         "Created the workstation login {role} (a member of {group}); it has no password yet: set "
                         "one with psql's \\password {role} (encrypted by the client, never sent in clear)"),
    "pg_login_joined": ("登录角色 {role} 已加入工作站角色 {group}", "The login {role} joined the workstation role {group}"),
    "pg_login_present": ("登录角色 {role} 已是工作站角色 {group} 的成员",
                         "The login {role} is a member of the workstation role {group}"),
    "pg_owner_schema_granted": ("已允许所有者角色 {owner} 在模式 {schema} 中建表",
                                "The owner role {owner} may now create tables in schema {schema}"),
    "pg_schema_handed_over": ("relgui 的 {count} 张数据表及其序列、触发器函数原由超级用户 {actual} 拥有，已转给所有者角色 {owner}",
                              plural("relgui's {count} table with its sequences and trigger functions was owned by the "
                                     "superuser {actual}; it now belongs to the owner role {owner}",
                                     "relgui's {count} tables with their sequences and trigger functions were owned by the "
                                     "superuser {actual}; they now belong to the owner role {owner}")),
    "pg_schema_migrated": ("数据库结构已升级到 {revision}，所有者 {owner}",
                           "The schema was upgraded to {revision}, owned by {owner}"),
    "pg_schema_current": ("数据库结构已是最新（{revision}），所有者 {owner}",
                          "The schema is current ({revision}), owned by {owner}"),
    "pg_grants_applied": ("已按权限表授权工作站角色 {role}：可读写工作数据；{tables} 只能查询和新增"
                          "（签名只能作废一次），不能修改、删除或清空；不能建表或改动结构",
                          "Granted the workstation role {role} the matrix: it reads and writes working data; "
                          "{tables} only take SELECT and INSERT (a signature can only be voided, once), never "
                          "UPDATE, DELETE or TRUNCATE; no DDL"),
    "pg_check_only": ("当前连接的角色 {user} 不是所有者 {owner} 或超级用户：只检查，不做修改",
                      "The role of this connection, {user}, is neither the owner {owner} nor a superuser: checked only, "
                      "nothing changed"),
    "pg_fixed_suffix": ("—— 已更正", "— corrected"),
    # init: found wrong
    "pg_role_missing": ("角色 {role} 不存在。请数据库管理员执行：{sql}", "The role {role} does not exist. A database "
                        "administrator runs: {sql}"),
    "pg_role_cannot_create": ("角色 {role} 不存在或尚未设置，而当前连接的角色 {user} 无权创建或授予角色，未做任何修改。"
                              "请以超级用户（或有 CREATEROLE 的角色）运行 init，或请数据库管理员执行：{sql}",
                              "The role {role} does not exist or is not set up, and the role of this connection, "
                              "{user}, may not create or grant roles; nothing was changed. Run init as a superuser "
                              "(or a role with CREATEROLE), or have a database administrator run: {sql}"),
    "pg_owner_cannot_create": ("所有者角色 {owner} 不能在模式 {schema} 中建表，当前连接也无权授予，未做任何修改。"
                               "请以超级用户或数据库所有者运行 init，或执行：{sql}",
                               "The owner role {owner} may not create tables in schema {schema} and this connection "
                               "may not grant it; nothing was changed. Run init as a superuser or the database's "
                               "owner, or run: {sql}"),
    "pg_owner_differs": ("数据表的所有者是 {actual}，不是 --owner-role 指定的 {given}，未做任何修改。请使用 "
                         "--owner-role {actual}（或先由管理员把数据表转给 {given}）",
                         "The tables are owned by {actual}, not by {given} named by --owner-role; nothing was "
                         "changed. Use --owner-role {actual} (or have an administrator hand the tables to {given} first)"),
    "pg_roles_same": ("所有者角色、工作站角色和登录角色须各不相同（{owner}、{role}），未做任何修改",
                      "The owner role, the workstation role and the login must differ ({owner}, {role}); nothing "
                      "was changed"),
    "pg_role_name_bad": ("{what} 的角色名“{value}”无效：只能用小写字母、数字和下划线，以字母或下划线开头，最多 63 个字符",
                         "The role name “{value}” of {what} is not valid: lower-case letters, digits and underscores, "
                         "starting with a letter or underscore, at most 63 characters"),
    "pg_table_owner": ("{table} 的所有者是 {actual}，应为 {owner}（请管理员执行 ALTER TABLE/SEQUENCE … OWNER TO {owner}）",
                       "{table} is owned by {actual}, not by {owner} (an administrator runs ALTER TABLE/SEQUENCE … "
                       "OWNER TO {owner})"),
    "pg_role_attribute": ("工作站角色 {role} 具有 {attribute} 属性（应无；请执行 ALTER ROLE {role} NO{attribute}）",
                          "The workstation role {role} has the {attribute} attribute (it must not; run ALTER ROLE "
                          "{role} NO{attribute})"),
    "pg_role_in_owner": ("工作站角色 {role} 是所有者 {owner} 的成员，因而可以修改一切（请执行 REVOKE {owner} FROM {role}）",
                         "The workstation role {role} is a member of the owner {owner} and can therefore change "
                         "everything (run REVOKE {owner} FROM {role})"),
    "pg_role_owns": ("工作站角色 {role} 在本数据库中拥有 {count} 个对象（应一个也没有：所有者可以停用触发器、改写数据）",
                     plural("The workstation role {role} owns {count} object in this database (it must own none: an "
                            "owner can disable triggers and rewrite data)",
                            "The workstation role {role} owns {count} objects in this database (it must own none: an "
                            "owner can disable triggers and rewrite data)")),
    "pg_schema_create": ("工作站角色 {role} 可以在模式 {schema} 中建表（应不能）",
                         "The workstation role {role} may create tables in schema {schema} (it must not)"),
    "pg_database_create": ("工作站角色 {role} 可以在数据库 {database} 中建模式（应不能）",
                           "The workstation role {role} may create schemas in database {database} (it must not)"),
    "pg_grant_excess": ("工作站角色 {role} 对 {table} 有 {privilege} 权限（应无）",
                        "The workstation role {role} holds {privilege} on {table} (it must not)"),
    "pg_column_excess": ("工作站角色 {role} 可以修改 {table} 的列 {column}（应不能）",
                         "The workstation role {role} may update the column(s) {column} of {table} (it must not)"),
    "pg_grant_missing": ("工作站角色 {role} 缺少对 {table} 的 {privilege} 权限（relgui 需要）",
                         "The workstation role {role} lacks {privilege} on {table} (relgui needs it)"),
    "pg_default_privileges": ("所有者 {owner} 的默认权限（以后新建的表和序列）与要求不符：{actual}；应为 TABLES → {role}: "
                              "SELECT, INSERT；SEQUENCES → {role}: USAGE, SELECT, UPDATE",
                              "The default privileges of the owner {owner} (for tables and sequences made later) are "
                              "not as required: {actual}; required: TABLES → {role}: SELECT, INSERT; SEQUENCES → "
                              "{role}: USAGE, SELECT, UPDATE"),
    "pg_trigger_disabled": ("{table} 的触发器 {trigger} 已被停用（保护只追加的数据）",
                            "The trigger {trigger} on {table} is disabled (it protects append-only data)"),
    "pg_trigger_missing": ("{table} 缺少触发器 {trigger}（保护只追加的数据）",
                           "The trigger {trigger} on {table} is missing (it protects append-only data)"),
    "pg_problems_remain": ("数据库角色与权限仍有 {count} 个问题需要数据库管理员处理（见上）",
                           plural("{count} problem with the database roles and privileges remains for a database "
                                  "administrator (above)",
                                  "{count} problems with the database roles and privileges remain for a database "
                                  "administrator (above)")),
    "pg_roles_ok": ("数据库角色与权限检查通过：工作站角色 {role} 不能修改或删除历史记录，也不能改动数据库结构",
                    "Database roles and privileges checked: the workstation role {role} can neither change nor delete "
                    "history, nor change the schema"),
}
