"""Message codes of the kpi area: code → (中文, English). Merged by relgui.domain.messages."""

CATALOG: dict[str, tuple[str, str]] = {
}
