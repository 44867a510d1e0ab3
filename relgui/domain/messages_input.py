"""Message codes of the input area: code → (中文, English). Merged by relgui.domain.messages.

Refusals of the text-hygiene rule (relgui.domain.text), of the files a user names (to read
or to write, relgui.services.files) and of files that cannot be imported (CSV and Excel):
each names the file, and where it can the row and column.
"""

from relgui.domain.plural import plural

# Fields the input checks name that the core catalogue does not (relgui.domain.messages.FIELDS).
FIELDS: dict[str, tuple[str, str]] = {
    "query": ("查询条件", "query"),
    "owner": ("负责人", "owner"),
    "ids": ("发布编号列表", "release ids"),
    "stage": ("阶段", "stage"),
    "needs_action": ("待办筛选", "needs-action filter"),
    "overdue": ("逾期筛选", "overdue filter"),
    "with_total": ("是否计数", "with total"),
    "total": ("总数", "total"),
    "offset": ("起始位置", "offset"),
    "limit": ("数量上限", "limit"),
    "date_from": ("起始日期", "from date"),
    "date_to": ("截止日期", "to date"),
    "approved_only": ("仅已批准", "approved only"),
    "sheet": ("工作表", "sheet"),
    "mapping": ("列对应关系", "column mapping"),
    "folder": ("文件夹", "folder"),
    "expect_head": ("审计轨迹头", "audit head"),
    "year": ("年份", "year"),
    "month": ("月份", "month"),
    "day": ("日期", "day"),
    "types": ("发布类型", "release types"),
    "release": ("发布", "release"),
    "attachment": ("附件", "attachment"),
    "lang": ("语言", "language"),
    "entry": ("知识条目", "knowledge entry"),
    "detailed": ("详细条数", "detailed count"),
    "revision": ("计划版本", "plan revision"),
    "output": ("输出文件", "output file"),
}

CATALOG: dict[str, tuple[str, str]] = {
    # values of the wrong kind (relgui.domain.text)
    "not_text": ("“{field}”须为文字（收到的是 {type}）", "“{field}” must be text (got {type})"),
    "not_a_list": ("“{field}”须为列表（收到的是 {type}）", "“{field}” must be a list (got {type})"),
    "not_a_value": ("“{field}”的值无效：{value}", "“{field}” has an invalid value: {value}"),
    # paths (relgui.domain.text.path, relgui.services.files)
    "bad_path": ("“{field}”不是可用的文件路径：{value}", "“{field}” is not a usable file path: {value}"),
    "no_such_file": ("文件不存在：{value}", "No such file: {value}"),
    "not_a_file": ("不是文件：{value}", "Not a file: {value}"),
    "folder_missing": ("文件夹不存在：{value}", "The folder does not exist: {value}"),
    "file_not_writable": ("无法写入文件 {value}：{detail}", "Cannot write {value}: {detail}"),
    "wrong_suffix": ("文件 {value} 须为 {suffix} 文件", "The file {value} must be a {suffix} file"),
    "file_too_large": ("文件 {value} 过大（{size} MB，最多 {limit} MB）",
                       "The file {value} is too large ({size} MB, at most {limit} MB)"),
    # importing CSV and Excel files
    "import_empty_file": ("文件 {value} 是空的", "The file {value} is empty"),
    "import_encoding": ("文件 {value} 的文字编码无法识别（请另存为 UTF-8 或 Excel 文件）",
                        "The file {value} has an unknown text encoding (save it as UTF-8 or as an Excel file)"),
    "import_line": ("文件 {value} 第 {row} 行无法读取：{detail}", "{value}, line {row} cannot be read: {detail}"),
    "import_cell_too_long": ("文件 {value} 第 {row} 行有单元格过长（最多 {limit} 字）",
                             "{value}, line {row}: a cell is too long (at most {limit} characters)"),
    "import_refused_rows": ("文件 {value} 有 {count} 行不能导入，未导入任何数据；第 {row} 行：{detail}",
                            plural("{value}: {count} row cannot be imported, nothing was imported; row {row}: {detail}",
                                   "{value}: {count} rows cannot be imported, nothing was imported; row {row}: {detail}")),
    "import_row_problem": ("文件 {value} 第 {row} 行“{column}”列：{detail}",
                           "{value}, row {row}, column “{column}”: {detail}"),
}
