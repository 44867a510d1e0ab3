"""Build resources/templates/relgui.docx: the bundled template of generated documents.

Written from explicit XML rather than python-docx's default template, which is US Letter
and resolves East-Asian text through a theme to a Japanese face (ecosystem notes §4). Here:
A4 with the margins of GB/T 9704 (top 37, bottom 35, left 28, right 26 mm), body 仿宋,
headings 黑体, tables 宋体, every style naming its w:eastAsia font explicitly, no theme
fonts, East-Asian language zh-CN (R-DOC-FORM). A company changes the look by editing a
copy in Word and choosing it in the settings; the body text of the template is ignored.

    python scripts/make_template.py          # rewrite the template
    tests/test_documents_template.py proves the committed file equals what this writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from relgui.documents import package  # noqa: E402

OUT = ROOT / "resources" / "templates" / "relgui.docx"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TEXT_WIDTH = 11906 - 1588 - 1474  # twips: A4 width less the left and right margins


def _fonts(east: str, ascii_: str = "Times New Roman") -> str:
    return f'<w:rFonts w:ascii="{ascii_}" w:hAnsi="{ascii_}" w:eastAsia="{east}" w:cs="{ascii_}"/>'


def _para_style(sid: str, name: str, *, east: str, size: int, based: str = "Normal", bold: bool = False,
                ppr: str = "", extra: str = "", default: bool = False) -> str:
    """A paragraph style; ``size`` in half-points (28 = 14 pt = 四号)."""
    based_on = f'<w:basedOn w:val="{based}"/>' if based else ""
    b = "<w:b/><w:bCs/>" if bold else ""
    dflt = ' w:default="1"' if default else ""
    return (f'<w:style w:type="paragraph"{dflt} w:styleId="{sid}"><w:name w:val="{name}"/>{based_on}{extra}'
            f'<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{_fonts(east)}{b}<w:sz w:val="{size}"/>'
            f'<w:szCs w:val="{size}"/></w:rPr></w:style>')


NO_INDENT = '<w:ind w:firstLineChars="0" w:firstLine="0"/>'


def _heading(level: int, east: str, size: int, bold: bool = False) -> str:
    ppr = (f'<w:keepNext/><w:keepLines/><w:spacing w:before="{360 - 80 * level}" w:after="120"/>{NO_INDENT}'
           f'<w:jc w:val="left"/><w:outlineLvl w:val="{level - 1}"/>')
    return _para_style(f"Heading{level}", f"heading {level}", east=east, size=size, bold=bold, ppr=ppr,
                       extra='<w:next w:val="Normal"/>')


def _toc(level: int) -> str:
    ppr = (f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
           f'<w:ind w:left="{560 * (level - 1)}" w:firstLineChars="0" w:firstLine="0"/>')
    return _para_style(f"TOC{level}", f"toc {level}", east="仿宋", size=28, ppr=ppr)


BORDERS = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                  for side in ("top", "left", "bottom", "right", "insideH", "insideV"))

STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W}">'
    f'<w:docDefaults><w:rPrDefault><w:rPr>{_fonts("宋体")}<w:kern w:val="2"/><w:sz w:val="21"/><w:szCs w:val="21"/>'
    '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>'
    + _para_style("Normal", "Normal", east="仿宋", size=28, based="", default=True,
                  ppr='<w:spacing w:line="360" w:lineRule="auto"/><w:ind w:firstLineChars="200" w:firstLine="560"/>')
    + '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>'
    '<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/>'
    '<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
    '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
    '</w:tblCellMar></w:tblPr></w:style>'
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:semiHidden/></w:style>'
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
    f'<w:tblPr><w:tblBorders>{BORDERS}</w:tblBorders><w:tblCellMar><w:top w:w="28" w:type="dxa"/>'
    '<w:left w:w="85" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
    '</w:tblCellMar></w:tblPr></w:style>'
    + _para_style("Title", "Title", east="黑体", size=52, extra='<w:next w:val="Normal"/>',
                  ppr=f'<w:spacing w:before="480" w:after="240"/>{NO_INDENT}<w:jc w:val="center"/>')
    + _para_style("Subtitle", "Subtitle", east="楷体", size=32,
                  ppr=f'<w:spacing w:after="480"/>{NO_INDENT}<w:jc w:val="center"/>')
    + _heading(1, "黑体", 32) + _heading(2, "黑体", 28) + _heading(3, "仿宋", 28, bold=True)
    + _para_style("Caption", "caption", east="黑体", size=21,
                  ppr=f'<w:keepNext/><w:spacing w:before="120" w:after="60"/>{NO_INDENT}<w:jc w:val="center"/>')
    + _para_style("TOCHeading", "TOC Heading", east="黑体", size=32,
                  ppr=f'<w:spacing w:before="240" w:after="240"/>{NO_INDENT}<w:jc w:val="center"/>')
    + _toc(1) + _toc(2) + _toc(3)
    + _para_style("Header", "header", east="宋体", size=18,
                  ppr=f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="000000"/></w:pBdr>'
                      f'<w:tabs><w:tab w:val="center" w:pos="{TEXT_WIDTH // 2}"/><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/>'
                      f'</w:tabs><w:spacing w:line="240" w:lineRule="auto"/>{NO_INDENT}<w:jc w:val="left"/>')
    + _para_style("Footer", "footer", east="宋体", size=18,
                  ppr=f'<w:spacing w:line="240" w:lineRule="auto"/>{NO_INDENT}<w:jc w:val="center"/>')
    + _para_style("relguiCompany", "relgui Company", east="黑体", size=32,
                  ppr=f'<w:spacing w:before="1200" w:after="120"/>{NO_INDENT}<w:jc w:val="center"/>')
    + _para_style("relguiLabel", "relgui Label", east="仿宋", size=28, bold=True,
                  ppr=f'<w:keepNext/><w:spacing w:before="120"/>{NO_INDENT}')
    + _para_style("relguiNote", "relgui Note", east="仿宋", size=21,
                  ppr=f'<w:spacing w:line="300" w:lineRule="auto"/>{NO_INDENT}<w:jc w:val="left"/>')
    + _para_style("relguiTableText", "relgui Table Text", east="宋体", size=21,
                  ppr=f'<w:spacing w:line="260" w:lineRule="auto"/>{NO_INDENT}<w:jc w:val="left"/>')
    + _para_style("relguiTableHeader", "relgui Table Header", east="黑体", size=21, based="relguiTableText",
                  ppr='<w:keepNext/><w:jc w:val="center"/>')
    + "</w:styles>"
)

SAMPLE = [
    ("relguiCompany", "公司名称"), ("Title", "文档标题"), ("Subtitle", "发布标题"),
    ("Heading1", "1. 一级标题"),
    ("Normal", "正文：仿宋，四号，1.5 倍行距，首行缩进两字符。生成文档时模板正文被忽略，只使用样式、页面设置与字体。"),
    ("Heading2", "1.1. 二级标题"), ("relguiLabel", "字段标签："), ("Caption", "表1 题注"),
    ("relguiTableHeader", "表头"), ("relguiTableText", "表格文字"), ("relguiNote", "说明文字"),
]
SECT = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" '
        'w:left="1588" w:header="851" w:footer="992" w:gutter="0"/><w:cols w:space="425"/></w:sectPr>')
DOCUMENT = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>'
    + "".join(f'<w:p><w:pPr><w:pStyle w:val="{s}"/></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>' for s, t in SAMPLE)
    + SECT + "</w:body></w:document>"
)
SETTINGS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="{W}">'
    '<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
    '</w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/><w:decimalSymbol w:val="."/>'
    '<w:listSeparator w:val=","/></w:settings>'
)
FONT_TABLE = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{W}">'
    '<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
    '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    + "".join(f'<w:font w:name="{zh}"><w:altName w:val="{en}"/><w:panose1 w:val="{panose}"/><w:charset w:val="86"/>'
              f'<w:family w:val="{fam}"/><w:pitch w:val="{pitch}"/></w:font>'
              for zh, en, panose, fam, pitch in (("宋体", "SimSun", "02010600030101010101", "auto", "variable"),
                                                 ("仿宋", "FangSong", "02010609060101010101", "modern", "fixed"),
                                                 ("黑体", "SimHei", "02010609060101010101", "modern", "fixed"),
                                                 ("楷体", "KaiTi", "02010609060101010101", "modern", "fixed")))
    + "</w:fonts>"
)
CT = "application/vnd.openxmlformats-officedocument"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{CT}.wordprocessingml.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{CT}.wordprocessingml.styles+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{CT}.wordprocessingml.settings+xml"/>'
    f'<Override PartName="/word/fontTable.xml" ContentType="{CT}.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    f'<Override PartName="/docProps/app.xml" ContentType="{CT}.extended-properties+xml"/></Types>'
)
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{RELS}">'
    f'<Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{R}/extended-properties" Target="docProps/app.xml"/></Relationships>'
)
DOC_RELS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{RELS}">'
    f'<Relationship Id="rId1" Type="{R}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{R}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rId3" Type="{R}/fontTable" Target="fontTable.xml"/></Relationships>'
)
CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>relgui 文档模板</dc:title>'
    '<dc:creator>relgui</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>'
)
APP = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties '
       'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>relgui</Application>'
       '</Properties>')


def build() -> bytes:
    parts = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS), ("word/document.xml", DOCUMENT),
             ("word/_rels/document.xml.rels", DOC_RELS), ("word/styles.xml", STYLES), ("word/settings.xml", SETTINGS),
             ("word/fontTable.xml", FONT_TABLE), ("docProps/core.xml", CORE), ("docProps/app.xml", APP)]
    return package.write([(name, text.encode("utf-8")) for name, text in parts])


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT.relative_to(ROOT)}")
