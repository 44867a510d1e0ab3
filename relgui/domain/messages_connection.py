"""Message codes of connection security: code → (中文, English). Merged by relgui.domain.messages.

The PostgreSQL connection's TLS mode and CA file, where its password comes from (never the
command line), and what is said when the connection is not encrypted
(relgui/store/connection.py, relgui/cli/common.py, the database settings dialog).
"""

CATALOG: dict[str, tuple[str, str]] = {
    # TLS settings
    "pg_sslmode_unknown": ("TLS 模式“{mode}”无效。可选：verify-full（加密并验证服务器证书，推荐）、require（加密，"
                           "不验证服务器）、disable（不加密）。",
                           "TLS mode “{mode}” is not valid. Choose verify-full (encrypted, the server's certificate "
                           "verified; recommended), require (encrypted, the server not verified) or disable (not "
                           "encrypted)."),
    "pg_sslmode_weak": ("TLS 模式“{mode}”在服务器不支持加密时会悄悄改用明文连接，relgui 不使用它。请选择 verify-full"
                        "（推荐，需要 CA 证书文件）、require，或明确选择 disable（不加密）。",
                        "TLS mode “{mode}” silently falls back to an unencrypted connection when the server offers no "
                        "encryption; relgui does not use it. Choose verify-full (recommended; needs the CA "
                        "certificate file), require, or say disable (not encrypted) explicitly."),
    "pg_ca_missing": ("找不到 CA 证书文件：{path}。请检查 sslrootcert（数据库设置中的“CA 证书”或 --sslrootcert）。",
                      "There is no CA certificate file at {path}. Check sslrootcert (“CA certificate” in the "
                      "database settings, or --sslrootcert)."),
    # TLS failures (libpq's words, said plainly)
    "pg_tls_wrong_host": ("服务器的证书不是签发给“{host}”的，连接已拒绝（可能连到了冒充的服务器，或主机名填写的不是证书上的"
                          "名称）。请使用证书上的主机名，或请管理员检查服务器证书。详情：{detail}",
                          "The server's certificate was not issued to “{host}”; the connection was refused (this may "
                          "be an impostor, or the host name is not the one on the certificate). Use the host name on "
                          "the certificate, or ask the administrator to check the server's certificate. Details: "
                          "{detail}"),
    "pg_tls_untrusted": ("服务器证书无法用所配置的 CA 证书验证，连接已拒绝。请确认 CA 证书文件是贵单位签发服务器证书所用"
                         "的那一个。详情：{detail}",
                         "The server's certificate cannot be verified with the CA certificate configured; the "
                         "connection was refused. Check that the CA file is the one that issued the server's "
                         "certificate. Details: {detail}"),
    "pg_tls_no_ca": ("verify-full 需要 CA 证书文件，但没有配置（默认位置也没有）。请在数据库设置中选择“CA 证书”或使用 "
                     "--sslrootcert。详情：{detail}",
                     "verify-full needs a CA certificate file, and none is configured (nor in the default place). "
                     "Choose the “CA certificate” in the database settings or pass --sslrootcert. Details: {detail}"),
    "pg_tls_not_offered": ("服务器不支持加密连接（TLS），连接已拒绝：密码和数据不会以明文发送。请让管理员在服务器上启用 "
                           "ssl（见 docs/install-windows.md），或在确知网络安全时明确选择 disable。",
                           "The server does not offer an encrypted connection (TLS); the connection was refused, so no "
                           "password or data went over the network in clear text. Ask the administrator to turn on "
                           "ssl on the server (docs/install-windows.md), or choose disable explicitly where the "
                           "network is known to be safe."),
    # the password
    "pg_password_needed": ("数据库服务器要求密码，但没有提供。请在数据库设置中输入（保存在系统凭据管理器中），或使用 "
                           "--db-password-stdin、pgpass 文件（PGPASSFILE）。",
                           "The database server asks for a password and none was given. Enter it in the database "
                           "settings (kept in the system's credential store), or use --db-password-stdin or a pgpass "
                           "file (PGPASSFILE)."),
    "pg_password_wrong": ("数据库服务器拒绝了用户“{user}”的密码。请检查密码（数据库设置、系统凭据管理器、"
                          "--db-password-stdin 或 pgpass 文件）。",
                          "The database server refused the password of user “{user}”. Check the password (the "
                          "database settings, the system's credential store, --db-password-stdin or the pgpass "
                          "file)."),
    "pg_password_on_command_line": ("命令行中的数据库 URL 含有密码，已拒绝：其他用户可以在进程列表中看到它，它也会留在 "
                                    "shell 历史中。请去掉 URL 中的密码，改用 --db-password-stdin、交互输入、系统凭据管理器"
                                    "（与 relgui 图形界面共用）或 pgpass 文件（PGPASSFILE）。",
                                    "The database URL on the command line holds a password; refused: other users can "
                                    "see it in the process list, and it stays in the shell's history. Remove it from "
                                    "the URL and use --db-password-stdin, the prompt, the system's credential store "
                                    "(shared with the relgui GUI) or a pgpass file (PGPASSFILE)."),
    "pg_password_in_environment": ("警告：RELGUI_DB 中的 URL 含有密码。环境变量可被同一用户的其他程序读取，也常被写进"
                                   "日志；请改用系统凭据管理器、pgpass 文件或 --db-password-stdin。",
                                   "Warning: the URL in RELGUI_DB holds a password. The environment can be read by the "
                                   "same user's other programs and often ends up in logs; use the system's credential "
                                   "store, a pgpass file or --db-password-stdin instead."),
    "pg_password_prompt": ("数据库密码（{account}）：", "Database password ({account}): "),
    # what the connection is
    "pg_not_encrypted": ("警告：与数据库服务器的连接未加密（sslmode=disable），密码和数据在网络上以明文传输。",
                         "Warning: the connection to the database server is not encrypted (sslmode=disable); the "
                         "password and the data cross the network in clear text."),
    "pg_tls_label_disable": ("未加密", "not encrypted"),
    "pg_tls_label_disable_local": ("未加密，仅本机连接", "not encrypted, this computer only"),
    "pg_tls_label_require": ("已加密，未验证服务器", "encrypted, server not verified"),
    "pg_tls_label_verify_full": ("已加密，服务器已验证", "encrypted, server verified"),
    # the local file
    "sqlite_will_create": ("此处还没有数据库文件：{detail}。保存时将新建一个空的 relgui 数据库。",
                           "There is no database file at {detail} yet; saving will create a new, empty relgui "
                           "database there."),
}
