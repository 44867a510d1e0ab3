"""Messages of files relgui writes: why a file could not be saved, and what the user can do
(relgui.fsutil.write_problem chooses the code; relgui.gui.files.write_with_retry shows it)."""

CATALOG: dict[str, tuple[str, str]] = {
    "file_write_title": ("无法保存文件", "Cannot save the file"),
    "file_write_locked": ("无法写入 {path}：该文件正被其他程序（例如 Word、WPS 或 Excel）打开。请关闭该文件后点击“重试”，"
                          "或另选文件名保存。",
                          "Cannot write {path}: the file is open in another program (such as Word, WPS or Excel). Close "
                          "it and choose “Retry”, or save under another name."),
    "file_write_read_only": ("无法写入 {path}：该文件是只读文件，relgui 不会覆盖它。请去掉只读属性后点击“重试”，"
                             "或另选文件名保存。",
                             "Cannot write {path}: the file is read-only and relgui does not overwrite it. Clear the "
                             "read-only attribute and choose “Retry”, or save under another name."),
    "file_write_denied": ("无法写入 {path}：没有在该位置写入文件的权限。请另选文件夹（例如“文档”）。",
                          "Cannot write {path}: you may not write files there. Choose another folder (such as "
                          "Documents)."),
    "file_write_full": ("无法写入 {path}：磁盘空间不足。请释放空间后点击“重试”，或保存到其他磁盘。",
                        "Cannot write {path}: the disk is full. Free some space and choose “Retry”, or save to "
                        "another disk."),
    "file_write_too_long": ("无法写入 {path}：路径太长（Windows 的路径最多 260 个字符）。请选择层级较浅的文件夹或较短的文件名。",
                            "Cannot write {path}: the path is too long (Windows allows 260 characters). Choose a "
                            "folder nearer the top of the drive or a shorter name."),
    "file_write_no_folder": ("无法写入 {path}：该文件夹不存在（可能已被移动、删除，或网络驱动器已断开）。",
                             "Cannot write {path}: the folder does not exist (it may have been moved or deleted, or "
                             "a network drive is disconnected)."),
    "file_write_failed": ("无法写入 {path}：{detail}", "Cannot write {path}: {detail}"),
    "file_retry": ("重试", "Retry"),
    "file_save_elsewhere": ("另存为…", "Save as…"),
    "file_skip": ("跳过", "Skip"),
    "file_retry_failed": ("重试未生成的文档", "Retry the documents not written"),
}
