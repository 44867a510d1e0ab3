"""Messages of backup, restore and demo data: what is wrong with a backup file, in words."""

from relgui.domain.plural import plural

CATALOG = {
    # the file
    "backup_file_missing": ("找不到备份文件：{file}", "No backup file {file}"),
    "backup_unreadable": ("无法读取备份文件 {file}（{detail}）", "Cannot read the backup file {file} ({detail})"),
    "backup_not_zip": ("{file} 不是 relgui 备份文件（不是 zip 文件）", "{file} is not a relgui backup (not a zip file)"),
    "backup_damaged": ("备份文件已损坏或不完整（{member}），可能在复制或下载时被截断；请换用另一份备份",
                       "The backup file is damaged or incomplete ({member}), perhaps cut short while copied; use another backup"),
    "backup_missing_member": ("备份文件不完整：缺少 {member}", "The backup file is incomplete: {member} is missing"),
    "backup_unsafe_name": ("备份文件含有不安全的文件名 {member}（指向备份之外的路径），不是 relgui 写出的备份",
                           "The backup file holds an unsafe name {member} (a path outside the backup): it was not written by relgui"),
    "backup_duplicate_member": ("备份文件中 {member} 出现了两次，不是 relgui 写出的备份",
                                "{member} appears twice in the backup file: it was not written by relgui"),
    "backup_unknown_member": ("备份文件含有不属于备份的内容 {member}，不是 relgui 写出的备份",
                              "The backup file holds {member}, which is no part of a backup: it was not written by relgui"),
    "backup_too_large": ("备份文件中的 {member} 解压后过大（{size}，上限 {limit}），可能是恶意构造的压缩包，未读取",
                         "{member} in the backup file would unpack to {size} (limit {limit}), perhaps a crafted archive; it was not read"),
    # the manifest
    "backup_manifest": ("备份文件的清单 manifest.json 无效（{part}）", "The backup's manifest.json is invalid ({part})"),
    "backup_format": ("不是 relgui 备份：格式为“{format}”", "Not a relgui backup: its format is “{format}”"),
    "backup_newer": ("此备份由较新版本的 relgui 写出（{version}），本程序不能恢复；请先升级 relgui",
                     "This backup was written by a newer relgui ({version}); upgrade relgui to restore it"),
    "backup_older": ("此备份来自旧版本的数据库（{version}，本程序为 {current}）；请用写出它的 relgui 版本恢复，再升级数据库",
                     "This backup is of an older database version ({version}; this program has {current}); restore it with "
                     "the relgui version that wrote it, then upgrade"),
    "backup_missing_table": ("备份清单缺少数据表 {table}", "The backup's manifest lacks the table {table}"),
    "backup_unknown_table": ("备份清单含有本程序没有的数据表 {table}", "The backup's manifest names a table this program does not have: {table}"),
    # what the backup claims
    "backup_checksum": ("备份文件中数据表 {table} 的校验和与清单不符：数据已损坏或被改动",
                        "The checksum of table {table} does not match the manifest: the data is damaged or was altered"),
    "backup_row_count": ("备份文件中数据表 {table} 有 {actual} 行，清单记为 {expected} 行",
                         plural("Table {table} in the backup has {actual} row; the manifest says {expected}",
                                "Table {table} in the backup has {actual} rows; the manifest says {expected}", n="actual")),
    "backup_bad_row": ("备份文件中数据表 {table} 第 {line} 行无效", "Row {line} of table {table} in the backup is invalid"),
    "row_not_json": ("不是有效的 JSON", "it is not valid JSON"),
    "row_not_object": ("不是一行数据（JSON 对象）", "it is not a row (a JSON object)"),
    "row_too_long": ("行过长（超过 {limit}）", "the line is longer than {limit}"),
    "row_columns": ("列与数据表不符（{detail}）", "its columns do not match the table ({detail})"),
    "row_not_integer": ("“{column}”应为整数", "“{column}” should be a whole number"),
    "row_not_text": ("“{column}”应为文字", "“{column}” should be text"),
    "row_not_flag": ("“{column}”应为是或否", "“{column}” should be true or false"),
    "row_text_too_long": ("“{column}”超过 {limit} 个字符", "“{column}” is longer than {limit} characters"),
    "row_nul": ("“{column}”含有空字符", "“{column}” contains a NUL character"),
    "row_not_time": ("“{column}”不是带时区的时间", "“{column}” is not a time with a time zone"),
    "row_not_binary": ("“{column}”不是有效的二进制数据", "“{column}” is not valid binary data"),
    "backup_inconsistent": ("备份文件中数据表 {table} 的数据与其他数据不一致", "Table {table} in the backup does not fit the other data"),
    "rows_keys": ("有重复的键、引用了不存在的记录或缺少必填值", "there are duplicate keys, references to missing records or missing required values"),
    "rows_range": ("有值超出数据库允许的范围", "a value is outside what the database allows"),
    "backup_audit_broken": ("备份中的审计轨迹不完整或被改动", "The audit trail in the backup is broken or altered"),
    "audit_event_missing": ("缺少第 {seq} 条事件", "event {seq} is missing"),
    "audit_event_relinked": ("第 {seq} 条事件与前一条的链接断开（被删除、插入或调换）",
                             "event {seq} no longer links to the one before (deleted, inserted or reordered)"),
    "audit_event_altered": ("第 {seq} 条事件的内容被修改", "the content of event {seq} was altered"),
    "audit_events_cut": ("末尾的事件被删除（清单记录的末条为第 {seq} 条）",
                         "events were removed from the end (the manifest names event {seq} as the last)"),
    "audit_events_extra": ("备份中有 {actual} 条事件，清单记录的末条却是第 {seq} 条", plural("the backup holds {actual} event but the manifest names event {seq} as the last",
                                                                   "the backup holds {actual} events but the manifest names event {seq} as the last", n="actual")),
    "restore_not_empty": ("只能恢复到空数据库：目标数据库已有数据（{releases}、{users}、{events}，共 {rows}）。"
                          "请新建一个数据库（新的 SQLite 文件或新的 PostgreSQL 数据库）再恢复",
                          "A backup is restored only into an empty database: this one holds data ({releases}, "
                          "{users}, {events}, {rows} in all). Create a new database (a new SQLite "
                          "file or PostgreSQL database) and restore into it"),
    "restore_untouched": ("数据库未作任何改动", "nothing was changed in the database"),
    # demo data (its counts: COUNTED below)
    "demo_not_empty": ("数据库中已有 {releases} 个发布：示例数据只写入空数据库（没有任何发布）。示例数据会与真实记录混在一起，"
                       "无法再单独删除；确需写入请使用 --force",
                       plural("The database already holds {releases} release: sample data goes only into an empty "
                              "database (one without releases). It would mix with real records and could not be removed "
                              "again; use --force if you really mean it",
                              "The database already holds {releases} releases: sample data goes only into an empty "
                              "database (one without releases). It would mix with real records and could not be removed "
                              "again; use --force if you really mean it", n="releases")),
}

# several counts in one sentence (messages.COUNTED)
COUNTED = {"restore_not_empty": {"releases": "n_releases", "users": "n_users", "events": "n_audit_events",
                                 "rows": "n_rows"}}
