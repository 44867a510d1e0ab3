"""Message codes of closing a release and reissuing its 发布变更报告: code → (中文, English).
Merged by relgui.domain.messages."""

CATALOG: dict[str, tuple[str, str]] = {
    "close_plan_not_archived": (
        "已批准的发布计划（V{revision}）尚未归档，不能关闭发布：发布关闭前须整理所有过程文档并归档。请先归档发布计划",
        "The approved plan (V{revision}) is not archived: a release is closed only when its process documents "
        "are archived. Archive the plan first"),
    "close_report_failed": ("无法生成并归档发布变更报告，发布未关闭：{detail}",
                            "The release change report could not be made and archived; the release was not "
                            "closed: {detail}"),
    "reissue_not_closed": ("发布尚未关闭：发布变更报告在关闭时生成，关闭后才能重新签发",
                           "The release is not closed: the report is made at closing and can be reissued only after"),
    "reissue_nothing_archived": ("{number} 没有已归档的发布变更报告可供重新签发，请先归档",
                                 "{number} has no archived release change report to reissue; archive it first"),
    "reissue_unchanged": ("{number} 发布变更报告的内容与归档的 {version} 相同，无需重新签发",
                          "The release change report of {number} reads as the archived {version}: nothing to reissue"),
    "report_current": ("归档的发布变更报告 {version}（{at} 由 {by} 归档），为现行版本",
                       "The archived release change report {version} (archived {at} by {by}), the current version"),
    "report_stale": ("归档的发布变更报告 {version}（{at} 由 {by} 归档）；此后记录有变化（如新增经验总结），"
                     "报告仍为归档版本，需由运维管理部经理重新签发才会生成新版本",
                     "The archived release change report {version} (archived {at} by {by}); the records changed "
                     "since (e.g. a lesson added): the report stays as archived until the manager reissues it"),
    "report_not_archived": ("{number} 尚无归档的发布变更报告：以下为按当前数据生成的草稿，不是归档文件",
                            "{number} has no archived release change report: this is a draft from the current "
                            "data, not an archived document"),
    # whether a closure still holds with its sealed report (services.documents.closure_state)
    "closure_sealed": ("{number} 的关闭签名有效，覆盖归档的发布变更报告（现行 {version}）",
                       "The closing signature of {number} holds and covers its archived release change report "
                       "(current {version})"),
    "closure_legacy": ("{number} 的关闭签名有效（签署于报告随关闭归档之前：仅覆盖发布结果与成败分析）",
                       "The closing signature of {number} holds (signed before the report was sealed with the "
                       "closure: it covers the outcome and analysis only)"),
    "closure_open": ("{number} 尚未关闭", "{number} is not closed"),
    "closure_sig_broken": ("{number} 的关闭签名已作废、缺失或与其签名哈希不符",
                           "The closing signature of {number} is voided, missing or does not match its hash"),
    "closure_report_missing": ("{number} 的关闭签名覆盖的发布变更报告不在归档中",
                               "The release change report the closing signature of {number} covers is not in the archive"),
    "closure_report_changed": ("{number} 归档的发布变更报告 {version} 已不是签署时的内容，关闭签名不再成立",
                               "The archived release change report {version} of {number} is no longer what was "
                               "signed: the closing signature no longer holds"),
}
