"""Every message code the core can raise has a Chinese and an English text."""

from __future__ import annotations

import re
from pathlib import Path

from relgui.domain.errors import Refusal
from relgui.domain.messages import ACTIONS, CATALOG, render
from relgui.domain.states import Action
from relgui.policy import current_profile

ROOT = Path(__file__).parent.parent / "relgui"


def _codes_in_source() -> set[str]:
    codes = set()
    for path in ROOT.rglob("*.py"):
        src = path.read_text("utf-8")
        codes |= set(re.findall(r'Refusal\(\s*"([a-z_0-9]+)"', src))
        codes |= set(re.findall(r'InvalidInput\.of\([^,]+,\s*"([a-z_0-9]+)"', src))
        codes |= set(re.findall(r'StorageUnavailable\([^)]*,\s*"([a-z_0-9]+)"\)', src))
        codes |= {f"gap_{p}" for p in re.findall(r'Gap\([^)]*"(missing|min_rows|coverage|row_missing|order|ref_unknown)"', src)}
    return codes


def test_every_code_has_both_languages():
    missing = sorted(_codes_in_source() - set(CATALOG))
    assert missing == []
    for code, (zh, en) in CATALOG.items():
        assert zh and en, code
        # Chinese text, or a fragment of Chinese punctuation around placeholders ("{when}（{zone}）")
        bare = re.sub(r"\{[a-z_0-9]*\}", "", zh)
        assert re.search(r"[\u4e00-\u9fff]", zh) or (
            re.search(r"[\u3000-\u303f\uff00-\uffef]", zh) or not re.search(r"[A-Za-z]", bare)), \
            f"{code}: Chinese text expected"


def test_every_action_has_a_label():
    assert set(ACTIONS) == {a.value for a in Action}


def test_render_translates_parameters_through_the_profile():
    p = current_profile()
    r = Refusal("wrong_status", "R-4.2.2-STAGES", {"action": "start_deployment", "status": "planning"})
    assert render(r, "zh_CN", p) == "当前状态为“计划制定中”，不能开始发布实施"
    assert render(r, "en", p) == "Cannot start deployment while the release is “Planning”"
    r = Refusal("wrong_role", "R-4.1-APPROVER", {"action": "approve_plan", "roles": ("manager",)})
    assert render(r, "zh_CN", p) == "批准发布计划须由运维管理部经理执行"
    r = Refusal("gap_row_missing", "R-3.2-PLAN", {"section": "steps", "key": "steps", "row": 2, "detail": "owner"})
    assert render(r, "zh_CN", p) == "发布计划“实施步骤”的“步骤”第 2 行未填写：负责人"


def test_unknown_code_renders_without_crashing():
    assert render(Refusal("no_such_code", params={"x": 1})).startswith("no_such_code")
