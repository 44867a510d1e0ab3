"""Messages of the release record's consistency (relgui.domain.closure): a checklist result,
a rollback decision or a closure that would make the 发布变更报告 contradict itself."""

CATALOG = {
    "knowledge_without_lesson": (
        "“知识更新”不能记为通过：本次发布尚无经验总结。请先将发布经验更新至知识库（添加经验总结），或记为不适用并说明理由。",
        "“Knowledge update” cannot be recorded as passed: this release has no lesson learned yet. Add the lesson to the "
        "knowledge base first, or record it as not applicable with a reason."),
    "archive_without_documents": (
        "“文档归档”不能记为通过：{documents}尚未归档。请先归档后再记录。",
        "“Document archive” cannot be recorded as passed: the {documents_en} is not archived yet. Archive it first, "
        "then record the result."),
    "continue_after_data_loss": (
        "已出现“数据不一致或丢失”的回退触发条件，决定继续发布必须记录理由（说明数据如何得到保证）。",
        "The rollback trigger “data inconsistent or lost” was reported: a decision to continue the release must record "
        "its reason (how the data is assured)."),
}
