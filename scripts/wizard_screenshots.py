"""Make docs/screenshots/wizard-<page>-<lang>.png: every page of the plan wizard in Chinese,
a few in English, the template dialog, the revision comparison and a submitted plan (locked). Offscreen, on demo data
plus one major release whose plan is written from the template with two gaps left.

    QT_QPA_PLATFORM=offscreen python scripts/wizard_screenshots.py [OUT_DIR]

Needs a CJK font (fonts-noto-cjk) or the Chinese renders as boxes.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
NOW = dt.datetime(2026, 11, 27, 2, 0, tzinfo=dt.UTC)
ENGLISH = ("assessment", "rollback", "review")
SIZE = (1400, 900)


PASSWORDS: dict[str, str] = {}  # the demo accounts' random passwords, from its report


def _as(ctx, username: str):
    from relgui.services import users

    return ctx.as_user(users.login(ctx, username, PASSWORDS[username]))


def _release(ctx, title: str, type_: str) -> str:
    """A request linked to two approved changes, accepted, in planning."""
    from relgui.services import changes, releases

    numbers = []
    for i, change in enumerate(("交易网关连接池参数调整", "核心交易应用 3.2 版本升级")):
        number = f"CHG-SHOT-{type_}-{i}"
        changes.record(ctx, number=number, title=change, status="approved", decided_by="变更管理委员会")
        numbers.append(number)
    created = releases.create(ctx, title=title, type=type_, change_numbers=numbers, systems="核心交易系统")
    releases.accept(ctx, created.number)
    releases.start_planning(ctx, created.number)
    return created.number


def _item(ctx):
    """A configuration item with approved versions, and lessons learned when there are any."""
    from relgui.services import inventory

    items = [c for c in inventory.config_items(ctx)
             if {v.version for v in inventory.versions(ctx, c.artifact, approved_only=True)} - {c.current_version}]
    try:
        from relgui.services import knowledge
    except ImportError:  # the knowledge base is not part of this build
        return items[0]
    return next((c for c in items if knowledge.for_config_item(ctx, c.name, limit=1)), items[0])


def _facts(ctx) -> dict:
    """The release's own facts: what no template can know. Two owners are left open."""
    from relgui.services import inventory

    ci = _item(ctx)
    after = next(v.version for v in inventory.versions(ctx, ci.artifact, approved_only=True)
                 if v.version != ci.current_version)
    start = (NOW + dt.timedelta(days=8)).replace(hour=14)  # 22:00 in Beijing
    return {
        "correlation": {"merge_decision": "合并发布",
                        "rationale": "两项变更均涉及核心交易应用，连接池参数须随 3.2 版本一起生效，合并为一次发布以减少停机。",
                        "dependencies": [{"change": "CHG-SHOT-major-0", "depends_on": "CHG-SHOT-major-1",
                                          "note": "新参数仅 3.2 版本识别"}]},
        "scope": {"systems": f"核心交易系统（{ci.name}）", "users": "全体柜员及网银用户", "downtime_minutes": 30},
        "schedule": {"window_start": start.isoformat(), "window_end": (start + dt.timedelta(hours=3)).isoformat(),
                     "milestones": [{"when": (start + dt.timedelta(hours=1)).isoformat(), "milestone": "部署完成"}]},
        "baseline": {"items": [{"ci": ci.name, "before": ci.current_version, "after": after}]},
    }


def build(ctx) -> tuple[str, str]:
    """Demo data, then a major release written from its template, and a normal one with two revisions."""
    from relgui import demo
    from relgui.services import plan_templates, plans

    report = demo.generate(ctx, releases=120, seed=7)
    PASSWORDS.update({a.username: a.password for a in report.accounts})
    eng = _as(ctx, "zhangwei")
    major = _release(eng, "核心交易系统 3.2 版本升级", "major")
    plan_templates.apply(eng, major, "major")
    content = plans.get(eng, major).content
    for key, data in _facts(eng).items():
        plans.save_section(eng, major, key, {**content[key], **data})
    for section, table, col in (("risks", "risks", "owner"), ("steps", "steps", "owner"),
                                ("risk_measures", "measures", "owner"), ("rollback", "steps", "owner")):
        rows = plans.get(eng, major).content[section][table]
        named = [{**r, col: "张伟" if i % 2 else "王芳"} for i, r in enumerate(rows)]
        named[-1][col] = "" if section in ("steps", "rollback") else named[-1][col]  # the gaps left
        plans.save_section(eng, major, section, {**plans.get(eng, major).content[section], table: named})
    plans.set_last_page(eng, major, "assessment")
    return major, _revised(ctx, eng, major)


def _revised(ctx, eng, major: str) -> str:
    """A normal release approved as V1, then changed (voiding it) and submitted as V2."""
    from relgui.services import plan_templates, plans

    number = _release(eng, "网上银行系统数据库参数优化", "normal")
    plan_templates.copy_sections(eng, number, major, [s.key for s in _profile().plan_sections])
    for section, table in (("steps", "steps"), ("rollback", "steps")):
        data = plans.get(eng, number).content[section]
        plans.save_section(eng, number, section, {**data, table: [{**r, "owner": "张伟"} for r in data[table]]})
    plans.submit(eng, number, "初次提交")
    plans.approve(_as(ctx, "wangfang"), number, 1, PASSWORDS["wangfang"], acknowledge_warnings=True)
    scope = plans.get(eng, number).content["scope"]
    plans.save_section(eng, number, "scope", {**scope, "downtime_minutes": 45, "users": "全体柜员"})
    plans.submit(eng, number, "停机时间按演练结果调整为 45 分钟")
    return number


def _profile():
    from relgui.policy import current_profile

    return current_profile()


def shoot(ctx, translations, lang: str, major: str, revised: str, out: Path, pages=None) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from relgui.gui.context import GuiContext
    from relgui.gui.settings import Settings
    from relgui.gui.wizard.revisions import RevisionsDialog
    from relgui.gui.wizard.start import TemplateDialog
    from relgui.gui.wizard.window import PlanWizard
    from relgui.services import details

    app = QApplication.instance()
    translations.use(lang)  # one Translations: it removes the other language's catalogues
    eng = _as(ctx, "zhangwei")
    gctx = GuiContext(eng, Settings(out / f".wizard-shots-{lang}.ini"), translations)
    wizard = PlanWizard(gctx, details.show(eng, major))
    wizard.show()
    wizard.resize(*SIZE)
    saved = []
    for key in pages or wizard.page_ids:
        wizard.jump(key)
        app.processEvents()
        saved.append(out / f"wizard-{key}-{lang}.png")
        wizard.grab().save(str(saved[-1]))
    for name, dialog in (("template", TemplateDialog(gctx, "major", wizard.autosaver.saved, wizard)),
                         ("revisions", RevisionsDialog(gctx, details.show(eng, revised)["id"], wizard))):
        dialog.show()
        app.processEvents()
        saved.append(out / f"wizard-{name}-{lang}.png")
        dialog.grab().save(str(saved[-1]))
        dialog.close()
    wizard.done(0)
    locked = PlanWizard(gctx, details.show(eng, revised))  # submitted: an edit would void it
    locked.show()
    locked.resize(*SIZE)
    app.processEvents()
    saved.append(out / f"wizard-locked-{lang}.png")
    locked.grab().save(str(saved[-1]))
    locked.done(0)
    (out / f".wizard-shots-{lang}.ini").unlink(missing_ok=True)
    return saved


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from relgui.domain.timeutil import FixedClock
    from relgui.gui.i18n import Translations
    from relgui.services.context import AppContext
    from relgui.services.database import open_database

    app = QApplication.instance() or QApplication([])
    translations = Translations(app)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        ctx = AppContext(db=open_database(f"{tmp}/wizard.db"), clock=FixedClock(NOW))
        major, revised = build(ctx)
        shots = (shoot(ctx, translations, "zh_CN", major, revised, OUT)
                 + shoot(ctx, translations, "en", major, revised, OUT, ENGLISH))
        for path in shots:
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        ctx.db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
