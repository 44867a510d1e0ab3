"""Message codes of the PDF face of documents: code → (中文, English). Merged by relgui.domain.messages.

The fixed pages of relgui.documents.pages, written as PDF by relgui.render.qtpages and
archived beside the .docx (relgui.services.documents).
"""

CATALOG: dict[str, tuple[str, str]] = {
    "doc_unknown_face": ("文档格式须为 docx 或 pdf：{value}", "The document format must be docx or pdf: {value}"),
    "doc_pdf_unavailable": ("此处无法生成 PDF（{detail}），可改为导出 Word 文档",
                            "A PDF cannot be made here ({detail}): export the Word document instead"),
    "doc_pdf_no_pages": ("该 PDF 不是 relgui 生成的，或其页面数据已损坏：{detail}",
                         "This PDF was not made by relgui, or its page data is damaged: {detail}"),
}
