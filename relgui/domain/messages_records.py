"""Messages of the records' integrity: versions carried by writes, rights read at each action."""

from relgui.domain.plural import plural

CATALOG = {
    "version_missing": ("内部错误：保存时未带上您所看到的版本（{value}），未保存任何内容。请重新打开后再试。",
                        "Internal error: the save did not carry the version you saw ({value}); nothing was saved. Reopen and try again."),
    "already_recorded": ("{kind} {key} 已由 {by} 于 {at} 记录；您看到的是尚未记录的状态，您的输入未保存，也未覆盖他人的记录。请查看后再保存。",
                         "{kind} {key} was recorded by {by} at {at} while you saw it unrecorded; your input was not saved and nothing was overwritten. Review it, then save again."),
    "session_disabled": ("您的账户已被停用，当前会话已结束。", "Your account has been disabled; this session has ended."),
    "approval_broken": ("批准签名未通过校验（签名或所签计划在程序之外被改动），不能据此继续；请运维管理部经理核查并重新审批",
                        "The approval signature does not verify (the signature or the signed plan was changed outside relgui); nothing proceeds on it. The operations manager must check it and approve again"),
    "common_password": ("这个密码太常见（常用密码、同一字符重复或键盘、数字顺序），请换一个不易猜到的密码",
                        "This password is too common (a well-known password, one character repeated, or a keyboard or number sequence); choose one that is hard to guess"),
    "password_has_username": ("密码不能包含用户名", "The password must not contain the user name"),
    "backup_records_altered": ("备份中有 {count} 条记录与其自身的审计轨迹不符，例如：{first}",
                               plural("{count} record in the backup does not match its own audit trail, e.g. {first_en}",
                                      "{count} records in the backup do not match its own audit trail, e.g. {first_en}")),
    "db_permission": ("数据库拒绝了这次操作（权限不足）：{detail}。请系统管理员运行 relgui-admin init 核对数据库角色与授权。",
                      "The database refused this (insufficient privilege): {detail}. An administrator should run relgui-admin init to check the database roles and grants."),
    "session_gone": ("您的账户已不存在，当前会话已结束。", "Your account no longer exists; this session has ended."),
}
