"""Message codes of the kpi area: code → (中文, English). Merged by relgui.domain.messages.

KPI and dashboard (R-4.6-KPI), Excel import and export (xl_*): a refused Excel row is shown
as 'row N, column C: <reason>' (xl_at_row_column) around the reason's own message.
"""

CATALOG: dict[str, tuple[str, str]] = {
    # KPI periods
    "kpi_range_order": ("季度范围有误：{first} 晚于 {last}", "The quarter range is reversed: {first} is after {last}"),
    "kpi_range_long": ("季度范围过长（最多 {limit} 个季度）", "The quarter range is too long (at most {limit} quarters)"),
    # Excel files
    "xl_bad_file": ("不是可读取的表格文件（Excel .xlsx/.xls、.ods 或 CSV）：{detail}",
                    "Not a readable spreadsheet (Excel .xlsx/.xls, .ods or CSV): {detail}"),
    "xl_no_sheet": ("工作簿中没有工作表“{sheet}”", "The workbook has no sheet “{sheet}”"),
    "xl_no_rows": ("工作表中没有可导入的数据行", "The sheet has no data rows to import"),
    "xl_too_many_rows": ("一次最多导入 {limit} 行，请分批导入", "At most {limit} rows can be imported at once: split the file"),
    # columns and their mapping
    "xl_duplicate_header": ("列标题“{column}”出现了不止一次", "The column header “{column}” appears more than once"),
    "xl_no_column": ("工作表中没有列“{column}”", "The sheet has no column “{column}”"),
    "xl_unknown_field": ("对应的字段无效：{value}", "Mapped to an unknown field: {value}"),
    "xl_field_twice": ("字段“{field}”对应了多个列", "The field “{field}” is mapped to more than one column"),
    "xl_missing_field": ("须指定“{field}”对应的列", "Choose the column for “{field}”"),
    "xl_merged": ("{range} 是合并单元格：请取消合并，并在每一行填写完整",
                  "{range} is a merged cell: unmerge it and fill in every row"),
    # rows
    "xl_at_row": ("第 {row} 行：{detail}", "Row {row}: {detail}"),
    "xl_at_row_column": ("第 {row} 行“{column}”列：{detail}", "Row {row}, column “{column}”: {detail}"),
    "xl_at_column": ("“{column}”列：{detail}", "Column “{column}”: {detail}"),
    "xl_unknown_value": ("无法识别“{value}”（可用：{choices}）", "“{value}” is not recognised (use one of: {choices})"),
    "xl_status_not_importable": ("状态“{value}”不能导入：只能导入已关闭、已驳回、已取消的发布和待受理的发布请求",
                                 "Status “{value}” cannot be imported: only closed, rejected and cancelled releases and new requests can"),
    "xl_bad_date": ("不是可识别的日期：{value}（请写作 2026-09-30、2026/9/30 18:00 或 2026年9月30日 18:00，或使用 Excel 日期格式）",
                    "Not a recognisable date: {value} (write 2026-09-30, 2026/9/30 18:00 or 2026年9月30日 18:00, or use an Excel date)"),
    "xl_future": ("关闭时间不能晚于现在：{value}", "The closing time cannot be in the future: {value}"),
    "xl_closed_needs_outcome": ("已关闭的发布须填写发布结果（发布成功、发布失败或已回退）",
                                "A closed release needs its outcome (successful, failed or rolled back)"),
    "xl_closed_needs_date": ("已关闭的发布须填写关闭时间（发布成功率按关闭时间计入季度）",
                             "A closed release needs its closing time (the success rate counts it in that quarter)"),
    "xl_outcome_not_closed": ("只有已关闭的发布才有发布结果（本行状态：{status}）",
                              "Only a closed release has an outcome (this row: {status})"),
    "xl_closed_at_not_closed": ("只有已关闭的发布才有关闭时间（本行状态：{status}）",
                                "Only a closed release has a closing time (this row: {status})"),
    "xl_duplicate_row": ("与第 {first} 行重复：{value}", "Same as row {first}: {value}"),
    "xl_already_imported": ("发布 {value} 已在系统中（已导入过或编号相同）", "Release {value} is already here (imported before, or the same number)"),
    # the import as a whole
    "xl_refused": ("有 {count} 行无法导入（首个问题在第 {row} 行），未导入任何数据",
                   "{count} row(s) cannot be imported (the first problem is in row {row}); nothing was imported"),
    "xl_not_allowed": ("只有运维管理部经理可以导入发布登记簿", "Only an operations manager may import a release register"),
    "xl_cancelled": ("导入已取消，未导入任何数据", "The import was cancelled; nothing was imported"),
}
