"""Message codes of the storage area: code → (中文, English). Merged by relgui.domain.messages.

Opening a database (a missing, empty or foreign file is refused, never created by accident)
and the live SQLite files (never opened outside SQLite; see relgui/store/engine.py).
"""

CATALOG: dict[str, tuple[str, str]] = {
    # opening
    "sqlite_missing": ("找不到数据库文件：{detail}。没有新建任何文件。请检查路径（--db、RELGUI_DB 或数据库设置）；"
                       "如确要在此新建数据库，请选择“新建数据库”或运行 relgui-admin --db <路径> init。",
                       "There is no database file at {detail}; nothing was created. Check the path (--db, RELGUI_DB "
                       "or the database settings); to create a new database there, choose “Create new database” or "
                       "run relgui-admin --db <path> init."),
    "sqlite_uninitialised": ("{detail} 还不是 relgui 数据库（其中没有任何数据表），未做任何修改。如确要在此新建数据库，"
                             "请选择“新建数据库”或运行 relgui-admin --db <路径> init。",
                             "{detail} is not a relgui database yet (it holds no tables); nothing was changed. To create "
                             "a new database there, choose “Create new database” or run relgui-admin --db <path> init."),
    "not_a_database": ("{detail} 不是 SQLite 数据库文件，未做任何修改。请检查数据库路径。",
                       "{detail} is not a SQLite database file; nothing was changed. Check the database path."),
    "not_relgui_database": ("{detail} 是其他程序的 SQLite 数据库（不含 relgui 的数据表），relgui 不会使用或修改它。"
                            "请检查数据库路径。",
                            "{detail} is another program's SQLite database (it holds no relgui tables); relgui will "
                            "neither use nor change it. Check the database path."),
    "sqlite_side_file": ("{detail} 是 SQLite 数据库的日志文件（-wal/-shm/-journal）或正在使用的数据库的另一个名称，"
                         "不能作为数据库打开。请选择数据库文件本身（如 relgui.db）。",
                         "{detail} is a SQLite journal file (-wal/-shm/-journal) or another name of a database in use; "
                         "it cannot be opened as a database. Choose the database file itself (such as relgui.db)."),
    "db_create_here": ("要在这个位置新建一个空的 relgui 数据库吗？", "Create a new, empty relgui database there?"),
    "db_create_button": ("新建数据库", "Create new database"),
    # the live files
    "db_file_in_use": ("“{path}”是 relgui 正在使用的数据库文件（或其日志文件），不能作为普通文件打开、复制或覆盖："
                       "这样做会让其他程序删除尚未合并的数据。请选择其他文件；要保存一份数据库，请使用“备份”。",
                       "“{path}” is a database file relgui is using (or one of its journal files); it cannot be "
                       "opened, copied or overwritten as an ordinary file: that would let another program delete "
                       "data not yet merged into it. Choose another file; to keep a copy of the database, use Backup."),
    "db_file_refused_title": ("不能选择这个文件", "This file cannot be chosen"),
    "sqlite_files_replaced": ("数据库文件在使用中被删除或替换（{detail}）。为保护数据，本程序已停止读写该数据库，"
                              "刚才的操作没有保存。请关闭 relgui 后重新打开。",
                              "The database's files were deleted or replaced while in use ({detail}). To protect the "
                              "data this program stopped reading and writing the database; the last action was not "
                              "saved. Close relgui and start it again."),
    "sqlite_locks_lost": ("本程序对数据库文件 {detail} 的锁被意外释放，继续写入可能损坏数据。刚才的操作没有保存，"
                          "本程序已停止读写该数据库。请关闭 relgui 后重新打开。",
                          "This program's locks on the database file {detail} were released unexpectedly; writing on "
                          "could damage the data. The last action was not saved and this program stopped reading and "
                          "writing the database. Close relgui and start it again."),
}
