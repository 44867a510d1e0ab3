"""Message codes of the PDF face of documents: code → (中文, English). Merged by relgui.domain.messages.

The fixed pages of relgui.documents.pages, written as PDF by relgui.render.qtpages and
archived beside the .docx (relgui.services.documents).
"""

CATALOG: dict[str, tuple[str, str]] = {
    "doc_unknown_face": ("文档格式须为 docx 或 pdf：{value}", "The document format must be docx or pdf: {value}"),
    "doc_pdf_unavailable": ("此处无法生成 PDF（{detail}），可改为导出 Word 文档",
                            "A PDF cannot be made here ({detail}): export the Word document instead"),
    # doc verify of a PDF whose document was archived as .docx alone (services.documents._derived_faces)
    "doc_pdf_derived": ("归档中没有该文档 {version} 的 PDF 文件：比对依据是由归档的 Word 文件（.docx，SHA-256 {sha}…，"
                        "{at} 由 {by} 归档）所含文档生成的 PDF 版式，与打印、导出的页面相同",
                        "No PDF of this document's {version} is archived: the reference is the PDF face rendered "
                        "from the archived Word file (.docx, SHA-256 {sha}…, archived {at} by {by}), the pages "
                        "printed and exported for it"),
    "doc_pdf_derive_unavailable": ("归档中只有该文档的 Word 文件，核验 PDF 须在此生成其 PDF 版式，但此处无法生成（{detail}）："
                                   "请核验 Word 文件，或在能生成 PDF 的工作站上核验",
                                   "Only the Word file of this document is archived; verifying a PDF needs its PDF "
                                   "face rendered here, which cannot be done here ({detail}): verify the Word file, "
                                   "or verify on a workstation that can make PDFs"),
    "doc_pdf_not_archived": ("归档中没有该文档的 PDF 文件：此 PDF 由归档的 Word 文件生成，与打印、核验所用页面相同；"
                             "运维工程师或运维管理部经理可用 relgui-admin --user 账户 doc archive {number} {arg} 把 PDF 版式一并归档",
                             "No PDF of this document is archived: this PDF was rendered from the archived Word "
                             "file, the pages printed and verified; an operations engineer or manager archives the "
                             "PDF face too with relgui-admin --user ACCOUNT doc archive {number} {arg}"),
    "doc_pdf_no_pages": ("该 PDF 不是 relgui 生成的，或其页面数据已损坏：{detail}",
                         "This PDF was not made by relgui, or its page data is damaged: {detail}"),
}
