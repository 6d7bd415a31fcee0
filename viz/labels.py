"""Chinese display words for the pages (the data itself is already Chinese)."""

from __future__ import annotations

KIND_LABELS = {
    "department": "政府部门",
    "party_organ": "党委机构",
    "lower_government": "下级政府",
    "collective": "统称单位",
    "development_zone": "开发园区",
    "state_enterprise": "国有企业",
    "institute": "院所平台",
    "central_vertical": "垂直管理单位",
    "other": "其他",
}

NODE_TYPE_LABELS = {
    "plan": "规划",
    "section": "章节",
    "task": "任务",
    "agency": "部门",
    "partner": "协作部门",
    "industry": "产业",
    "jurisdiction": "地区",
}

ROLE_LABELS = {"lead": "牵头", "support": "配合"}
LEAD_BASIS_LABELS = {"explicit": "明确标注牵头", "first_listed": "列于首位视为牵头", "none": ""}

# 20 distinguishable colours (Tableau 20 order, darker first) so a legend can name each
PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94",
    "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
)

NODE_TYPE_COLORS = {
    "plan": "#d62728",
    "section": "#ff7f0e",
    "task": "#1f77b4",
    "agency": "#2ca02c",
    "partner": "#9467bd",
    "industry": "#8c564b",
    "jurisdiction": "#17becf",
}

LEAD_COLOR = "#d62728"
SUPPORT_COLOR = "#7f7f7f"
STRUCTURE_COLOR = "#b0b0b0"


def kind_label(kind: str | None) -> str:
    return KIND_LABELS.get(kind or "other", kind or "其他")


def short_jurisdiction(jurisdiction: str | None) -> str:
    """江苏省/南京市/溧水区 → 溧水区: the last step names the place people know."""
    return (jurisdiction or "未知地区").rsplit("/", 1)[-1]
