"""A synthetic province-decade corpus written as PlanRecords, so it goes through the
real load path (graph/rows.py, bulk_load / load_records) like parsed plans do.

Shape (defaults): 10,000 plans over ~100 jurisdictions (a province, its cities, their
districts) and ten years; ~30 tasks a plan (~300,000); ~3.4 units a task (~1,000,000
assignments); 20 functions per jurisdiction (~2,000 agencies). The skew is the real
one: functions are drawn with Zipf-like weights, so the 发展改革 and 工信 bureaus sit on
most tasks of their jurisdiction and the long tail on few. Deterministic for a seed.

Records are yielded one at a time so a load can stream them; a UnitRef is shared
between tasks that name the same body in the same role (records are never mutated
by the loaders), which keeps the generator itself small next to what it feeds.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass

from plankg.loaders.records import (
    Deadline,
    IndustryMention,
    Jurisdiction,
    PlanInfo,
    PlanRecord,
    Section,
    SourceInfo,
    Target,
    Task,
    UnitRef,
)

PROVINCE = "江苏省"
FUNCTIONS = [  # in order of how often real plans name them
    "发展和改革委员会", "工业和信息化局", "科学技术局", "财政局", "商务局", "自然资源和规划局",
    "人力资源和社会保障局", "市场监督管理局", "生态环境局", "交通运输局", "住房和城乡建设局",
    "农业农村局", "教育局", "卫生健康委员会", "文化广电和旅游局", "数据局", "应急管理局",
    "地方金融管理局", "统计局", "税务局",
]
WEIGHTS = [1 / (i + 1) ** 1.1 for i in range(len(FUNCTIONS))]
CUM_WEIGHTS = list(itertools.accumulate(WEIGHTS))
UNIT_COUNTS, UNIT_CUM = (1, 2, 3, 4, 5, 6), list(itertools.accumulate((8, 14, 24, 26, 18, 10)))  # mean ~3.4
INDUSTRIES = [
    "集成电路", "新能源汽车", "生物医药", "人工智能", "低空经济", "新型储能", "高端装备", "新材料",
    "软件和信息服务", "智能制造", "数字经济", "光伏", "氢能", "节能环保", "现代物流", "文化旅游",
    "现代农业", "商贸服务", "纺织服装", "绿色化工", "未来网络", "量子信息", "类脑智能", "海洋装备",
    "航空航天", "医疗器械", "食品加工", "建筑业", "金融服务", "工业互联网",
]
TIERS = ["主导产业", "优势产业", "新兴产业", "未来产业", "传统产业"]
KINDS = ["三年行动计划", "实施方案", "工作要点", "行动方案"]


@dataclass(frozen=True)
class Shape:
    plans: int = 10_000
    tasks_per_plan: int = 30  # mean; each plan draws 10..50
    cities: int = 13
    districts_per_city: int = 7  # 1 + 13 + 13×7 = 105 jurisdictions
    seed: int = 7


def jurisdictions(shape: Shape) -> list[Jurisdiction]:
    out = [Jurisdiction(id=PROVINCE, name=PROVINCE, level="province")]
    for c in range(shape.cities):
        city = f"{PROVINCE}/合成{c:02d}市"
        out.append(Jurisdiction(id=city, name=city.rsplit("/", 1)[1], level="city", parent=PROVINCE))
        for d in range(shape.districts_per_city):
            district = f"{city}/合成{c:02d}{d:02d}区"
            out.append(Jurisdiction(id=district, name=district.rsplit("/", 1)[1], level="district", parent=city))
    return out


class _Units:
    """One UnitRef per (body, position kind): the same object for every task naming it."""

    def __init__(self):
        self._cache: dict[tuple[str, str, bool], UnitRef] = {}

    def get(self, jur: Jurisdiction, function: str, lead: bool) -> UnitRef:
        key = (jur.id, function, lead)
        unit = self._cache.get(key)
        if unit is None:
            unit = UnitRef(
                raw=function, agency_id=f"{jur.id}:{function}", agency_name=f"{jur.name}{function}",
                jurisdiction=jur.id, kind="department", function=function, lead=lead,
                lead_basis="first_listed" if lead else "none", role="lead" if lead else "support",
            )
            self._cache[key] = unit
        return unit


def _pick_functions(rng: random.Random, n: int) -> list[str]:
    picked: list[str] = []
    while len(picked) < n:
        f = rng.choices(FUNCTIONS, cum_weights=CUM_WEIGHTS)[0]
        if f not in picked:
            picked.append(f)
    return picked


def plans(shape: Shape = Shape()) -> Iterator[PlanRecord]:
    rng = random.Random(shape.seed)
    jurs = jurisdictions(shape)
    by_id = {j.id: j for j in jurs}
    issuers = [j for j in jurs if j.level == "district"] * 3 + [j for j in jurs if j.level != "district"]
    units = _Units()
    for p in range(shape.plans):
        issuer = issuers[p % len(issuers)]
        parent = by_id.get(issuer.parent) if issuer.parent else None
        chain = [j for j in (issuer, parent) if j is not None]
        start = 2015 + rng.randrange(10)
        end = start + 2
        pid = f"{issuer.id}/合成计划{p:05d}"
        sections = [
            Section(id=f"s{s}", part="tasks", label=f"（{s}）", ordinal=s, title=f"第{s}项重点任务", line=10 * s)
            for s in range(1, 7)
        ]
        tasks = []
        for t in range(rng.randint(shape.tasks_per_plan - 20, shape.tasks_per_plan + 20)):
            n_units = rng.choices(UNIT_COUNTS, cum_weights=UNIT_CUM)[0]
            task_units = []
            for pos, fn in enumerate(_pick_functions(rng, n_units)):
                jur = chain[0] if len(chain) == 1 or rng.random() < 0.85 else chain[1]
                task_units.append(units.get(jur, fn, pos == 0))
            deadline = None
            if rng.random() < 0.4:
                year = rng.randint(start, end)
                deadline = Deadline(text=f"{year}年底前", date=f"{year}-12-31", year=year, term="by")
            targets = []
            if rng.random() < 0.2:
                value = float(rng.randint(1, 500))
                targets.append(Target(text=f"到{end}年，规模达到{value:g}亿元", indicator="产业规模", value=value,
                                      unit="亿元", comparator=">=", scope="level", year=end, line=100 + t))
            tasks.append(Task(
                id=f"t{t}", number=t + 1, label=f"{t + 1}.", section=f"第{t % 6 + 1}项重点任务",
                section_id=f"s{t % 6 + 1}", part="tasks", title=f"推进第{t + 1}项工作。",
                text=f"推进第{t + 1}项工作。加快产业发展。（责任单位：…）", clause="责任单位：…",
                line=100 + t, units=task_units, targets=targets, deadline=deadline,
            ))
        industries = [
            IndustryMention(name=name, canonical=name, tier=rng.choice(TIERS), line=5)
            for name in rng.sample(INDUSTRIES, 3)
        ]
        yield PlanRecord(
            source=SourceInfo(path=f"synthetic/{p:05d}.txt", sha256=f"{p:064x}", encoding="utf-8"),
            plan=PlanInfo(
                id=pid, title=f"合成计划{p:05d}", issuer=issuer.name, issuer_id=issuer.id,
                issuer_level=issuer.level, kind=KINDS[p % len(KINDS)], period_start=start, period_end=end,
                status="issued",
            ),
            jurisdictions=chain, sections=sections, tasks=tasks, industries=industries,
        )


def busiest_agency(shape: Shape = Shape()) -> str:
    """The agency a benchmark should ask about: the top function of the first issuer."""
    first = next(j for j in jurisdictions(shape) if j.level == "district")
    return f"{first.id}:{FUNCTIONS[0]}"
