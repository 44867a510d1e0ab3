"""Message codes of the gui area: code → (中文, English). Merged by relgui.domain.messages."""

CATALOG: dict[str, tuple[str, str]] = {
    # evidence files (relgui.services.attachments)
    "attachment_empty": ("文件“{name}”是空的，不能作为证据", "The file “{name}” is empty: it cannot serve as evidence"),
    "attachment_too_large": ("附件不能超过 {limit} MB", "An attachment may not exceed {limit} MB"),
    "attachment_unreadable": ("无法读取文件：{detail}", "Cannot read the file: {detail}"),
    "attachment_closed": ("发布已结束，不能再添加附件", "The release has ended: no more attachments can be added"),
    "attachment_role": ("添加附件须由运维工程师或运维管理部经理执行",
                        "Only an operations engineer or manager may add attachments"),
    "attachment_altered": ("附件“{name}”在数据库中的内容与其 SHA-256 不符，可能已被篡改",
                           "The stored content of “{name}” no longer matches its SHA-256: it may have been tampered with"),
}
