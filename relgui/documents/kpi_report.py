"""The quarterly KPI report (R-4.6-KPI) as a document in the company's form (R-DOC-FORM).

Built from ``relgui.services.kpi.report_data`` (plain data, so this module stays below the
services) and the trend chart as PNG bytes (``relgui.charts.dashboard.report_figure``).
The text goes through the ordinary document model and .docx renderer; the chart, which the
model has no block for, is placed above its caption afterwards. Documents are the
company's Chinese record, whatever the UI language.

    data = kpi.report_data(ctx, "2026Q3")
    png = charts.png_bytes(charts.report_figure(data))
    content = kpi_report.render(data, png, company.template(ctx))
"""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from typing import Any

from relgui.documents import fmt, package
from relgui.documents.form import Numbers, revisions_part
from relgui.documents.model import DocModel, KeyValue, Paragraph, Part, Table
from relgui.policy import current_profile, profile_for

TITLE = "发布管理关键指标季度报告"
CHART_CAPTION = "图1 近四个季度发布成功率（按发布类型）"
CHART_WIDTH_MM = 150  # inside the 156 mm text block of the bundled A4 form
KIND = "kpi_report"


def _tz(data: dict[str, Any]) -> dt.tzinfo:
    try:
        return zoneinfo.ZoneInfo(data.get("timezone") or "Asia/Shanghai")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return dt.timezone(dt.timedelta(hours=8))


def _profile(data: dict[str, Any]):
    try:
        return profile_for(data["definition"]["profile"])
    except Exception:  # noqa: BLE001 - an unknown profile still prints with today's names
        return current_profile()


def _verdict(met: bool | None) -> str:
    return "—" if met is None else ("达标" if met else "未达标")


def _target(data: dict[str, Any]) -> str:
    return f"≥{data['definition']['target']:.0%}"


def _header(data: dict[str, Any], number: str, day: str) -> Part:
    q = data["quarter"]
    pairs = (("文件编号", number), ("版本", "V1"), ("编制部门", data.get("department") or ""),
             ("编制时间", day), ("批准人", ""), ("审批时间", ""))
    blocks = (Paragraph(fmt.clean(data.get("company")), "company"), Paragraph(TITLE, "title"),
              Paragraph(f"{q[:4]}年第{q[-1]}季度（{q}）", "subtitle"),
              KeyValue(tuple((k, fmt.clean(v)) for k, v in pairs), per_row=2))
    return Part("header", "文件信息", blocks)


def _definition(data: dict[str, Any], profile, n) -> Part:
    d = data["definition"]
    names = "、".join(profile.outcomes[o].name for o in d["counted_outcomes"] if o in profile.outcomes)
    good = "、".join(profile.outcomes[o].name for o in d["success_outcomes"] if o in profile.outcomes)
    excluded = "、".join(profile.statuses[s].name for s in d["excluded_statuses"] if s in profile.statuses)
    pairs = (("衡量指标", d["name"]), ("指标计算说明", d["formula"]), ("考核频次", "季度"), ("目标值", _target(data)),
             ("计入发布总次数", f"发布结果为{names}的发布"), ("计为发布成功", f"发布结果为{good}"),
             ("不计入", f"状态为{excluded}的请求"),
             ("归入季度的依据", f"发布关闭时间（{data.get('timezone') or 'Asia/Shanghai'}）"),
             ("制度依据", f"{profile.title} {profile.id} 表4-3"))
    return Part("definition", "指标定义", (n.heading("指标定义"), KeyValue(pairs)))


def _conclusion(data: dict[str, Any]) -> str:
    o = data["overall"]
    if o["total"] == 0:
        return f"{data['quarter']} 没有计入发布成功率的发布。"
    missed = [t["name"] for t in data["by_type"] if t["met"] is False]
    text = (f"{data['quarter']} 发布总次数 {o['total']}，发布成功次数 {o['successful']}，发布成功率 {o['percent']}，"
            f"{'达到' if o['met'] else '未达到'}目标值 {_target(data)}。")
    if missed:
        text += f"未达标的发布类型：{'、'.join(missed)}。"
    return text


def _quarter(data: dict[str, Any], n, tz: dt.tzinfo) -> Part:
    o, p = data["overall"], data["period"]
    last_day = dt.datetime.fromisoformat(p["end"]) - dt.timedelta(seconds=1)  # the end is exclusive
    period = f"{fmt.when(p['start'], tz, fmt.DATE)}–{fmt.when(last_day, tz, fmt.DATE)}"
    pairs = (("统计期间", period), ("发布总次数", str(o["total"])), ("发布成功次数", str(o["successful"])),
             ("发布成功率", o["percent"]), ("目标值", _target(data)), ("结论", _verdict(o["met"])))
    rows = tuple((t["name"], str(t["total"]), str(t["successful"]), t["percent"], _verdict(t["met"]))
                 for t in data["by_type"])
    table = Table(("发布类型", "发布总次数", "发布成功次数", "发布成功率", "是否达标"),
                  (*rows, ("合计", str(o["total"]), str(o["successful"]), o["percent"], _verdict(o["met"]))))
    return Part("quarter", "本季度发布成功率", (n.heading("本季度发布成功率"), KeyValue(pairs),
                                          Paragraph(_conclusion(data)), n.caption("各发布类型的发布成功率"), table))


def _trend(data: dict[str, Any], n) -> Part:
    rows = tuple((q["quarter"], str(q["total"]), str(q["successful"]), q["percent"], _verdict(q["met"]))
                 for q in data["trend"])
    return Part("trend", "近四个季度趋势", (
        n.heading("近四个季度趋势"), Paragraph(CHART_CAPTION, "caption"), n.caption("近四个季度发布成功率"),
        Table(("季度", "发布总次数", "发布成功次数", "发布成功率", "是否达标"), rows)))


def _unsuccessful(data: dict[str, Any], profile, n, tz: dt.tzinfo) -> Part:
    def name(table: dict, key: str) -> str:
        return table[key].name if key in table else key

    rows = [(u["number"], u["title"], name(profile.release_types, u["type"]), name(profile.outcomes, u["outcome"]),
             fmt.when(u["closed_at"], tz)) for u in data["unsuccessful"]]
    body: list = [n.heading("未成功的发布"), n.caption(f"未成功的发布（{len(rows)} 个）")]
    body += ([Table(("发布编号", "标题", "发布类型", "发布结果", "关闭时间"), tuple(tuple(fmt.clean(c) for c in r)
                                                                    for r in rows))]
             if rows else [Paragraph(fmt.NONE, "note")])
    return Part("unsuccessful", "未成功的发布", tuple(body))


def _closure_broken(data: dict[str, Any], profile, n, tz: dt.tzinfo) -> Part | None:
    """R-4.2.2-CLOSE, R-DOC-SIGN: the releases not counted because their closing signature no
    longer verifies (kpi.report_data's closure_broken), named, so a reader sees why the totals
    are lower than the register's; None when every closure verified."""
    broken = data.get("closure_broken") or []
    if not broken:
        return None
    names = profile.release_types
    rows = tuple(tuple(fmt.clean(c) for c in (b["number"], b["title"], names[b["type"]].name if b["type"] in names
                                               else b["type"], fmt.when(b["closed_at"], tz))) for b in broken)
    said = (f"以下 {len(rows)} 次发布的关闭签署未通过校验（签名或所签的关闭记录在程序之外被改动），"
            "既不计入发布总次数，也不计入发布成功次数，请运维管理部经理核查。")
    return Part("closure_broken", "关闭签署已失效的发布", (
        n.heading("关闭签署已失效的发布"), Paragraph(said), n.caption(f"关闭签署已失效的发布（{len(rows)} 个）"),
        Table(("发布编号", "标题", "发布类型", "关闭时间"), rows)))


def _share(rate: float | None) -> str:
    return "—" if rate is None else f"{int(rate * 1000) / 10:.1f}%"  # rounded down, as the rate is


def _minutes(value: float | None) -> str:
    return "—" if value is None else f"{value:g} 分钟"


def _controls(data: dict[str, Any], n) -> Part:
    c, d = data["cmdb"], data["decisions"]
    cmdb = (("按时完成", str(c["in_time"])), ("超时完成", str(c["late"])), ("已逾期未完成", str(c["overdue"])),
            ("进行中", str(c["open"])), ("按时完成率", _share(c["rate"])))
    decisions = (("按时决策", str(d["in_time"])), ("超时决策", str(d["late"])), ("平均用时", _minutes(d["avg_minutes"])),
                 ("最长用时", _minutes(d["max_minutes"])), ("按时决策率", _share(d["rate"])))
    return Part("controls", "关键控制点", (
        n.heading("关键控制点"),
        n.heading("CMDB 更新（发布成功后 24 小时内，制度 4.4.2）", 2), KeyValue(cmdb, per_row=2),
        n.heading(f"回退决策（检测到严重问题后 {d['limit_minutes']} 分钟内，制度 4.5.2）", 2),
        KeyValue(decisions, per_row=2)))


def build(data: dict[str, Any]) -> DocModel:
    """The report's document model from ``relgui.services.kpi.report_data``."""
    tz, profile, n = _tz(data), _profile(data), Numbers()
    day = fmt.when(data["generated_at"], tz, fmt.DATE)
    number = f"KPI-{data['quarter']}"
    built = (_header(data, number, day), revisions_part([(day, "V1", "新建（季度报告）", "")]),
             _definition(data, profile, n), _quarter(data, n, tz), _trend(data, n),
             _unsuccessful(data, profile, n, tz), _closure_broken(data, profile, n, tz), _controls(data, n))
    parts = tuple(p for p in built if p is not None)
    basis = {"quarter": data["quarter"], "time": data["generated_at"], "profile": data["definition"]["profile"]}
    if data.get("chain"):  # the audit chain's head when the figures were read: an anchor outside the database
        basis["chain"] = data["chain"]
    return DocModel(KIND, number, f"{data['quarter']} {TITLE}", TITLE, fmt.clean(data.get("company")), parts, basis)


def _place_chart(content: bytes, png: bytes) -> bytes:
    """Put the chart in its own paragraph just above CHART_CAPTION (python-docx keeps the
    package's other parts, our properties and embedded model among them)."""
    import docx
    from docx.oxml import OxmlElement
    from docx.shared import Mm
    from docx.text.paragraph import Paragraph as DocxParagraph

    doc = docx.Document(io.BytesIO(content))
    caption = next(p for p in doc.paragraphs if p.text == CHART_CAPTION)
    holder = OxmlElement("w:p")
    caption._p.addprevious(holder)
    shown = DocxParagraph(holder, caption._parent)
    shown.paragraph_format.keep_with_next = True  # the chart never parts from its caption
    shown.add_run().add_picture(io.BytesIO(png), width=Mm(CHART_WIDTH_MM))
    out = io.BytesIO()
    doc.save(out)
    return package.normalise(out.getvalue())  # python-docx stamps zip entries with the time


def render(data: dict[str, Any], chart_png: bytes | None = None, template: bytes | None = None) -> bytes:
    """The report as .docx bytes, in the company's template; the chart when given.
    ValueError when the template is no readable Word document."""
    # lazy: python-docx + lxml, ~110-130 ms, only when a .docx is written
    from relgui.documents import docx_writer

    content = docx_writer.render(build(data), template)
    return _place_chart(content, chart_png) if chart_png else content


def filename(quarter: str) -> str:
    return fmt.safe_filename(f"KPI-{quarter}", "", TITLE)
