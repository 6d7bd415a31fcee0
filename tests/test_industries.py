"""Industries per seed, with tiers and canonical names, read through the real parser."""

from functools import lru_cache
from pathlib import Path

from plankg.loaders import parse_file
from plankg.loaders.industries import canonical_industry, extract_industries

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@lru_cache(maxsize=None)
def mentions(name):
    record = parse_file(next(SEEDS.glob(f"{name}_*.txt")))
    return {(m.canonical, m.tier): m for m in record.industries}


def test_000_tiers_from_task_headings():
    m = mentions("000")
    for canonical in ("新能源汽车", "生物医药", "智能制造装备", "智慧农业"):
        assert (canonical, "主导产业") in m
    for canonical in ("家居", "数控机床", "新材料", "食品"):
        assert (canonical, "特色优势产业") in m
    for canonical in ("新型储能", "氢能", "低空经济", "机器人"):
        assert (canonical, "未来产业") in m
    assert m[("生物医药", "主导产业")].name in ("新医药", "新医药与生命健康")
    # 储能与氢能产业 is two industries
    assert m[("新型储能", "未来产业")].name == m[("氢能", "未来产业")].name == "储能与氢能"


def test_000_scale_targets_attached():
    m = mentions("000")
    scale = {c: [(t.value, t.unit, t.year) for t in x.targets] for (c, _t), x in m.items()}
    assert scale["新能源汽车"] == [(830, "亿元", 2028)]
    assert scale["生物医药"] == [(128, "亿元", 2028)]
    assert scale["智能制造装备"] == [(208, "亿元", 2028)]
    assert scale["低空经济"] == [(15, "亿元", 2028)]
    assert scale["家居"] == [(220, "亿元", 2028)]


def test_001_35x_tiers():
    m = mentions("001")
    assert {c for c, t in m if t == "优势产业"} >= {"新能源汽车", "高端装备", "金属材料"}
    assert {c for c, t in m if t == "新兴产业"} >= {"机器人", "人工智能", "新型储能", "生物制造", "新型碳材料"}
    assert {c for c, t in m if t == "未来产业"} >= {"氢能", "固态电池", "未来能源", "未来健康"}
    assert m[("新能源汽车", "优势产业")].name == "智电汽车"


def test_002_lists_closed_by_a_tier():
    m = mentions("002")
    assert {c for c, t in m if t == "传统产业"} == {"机械", "纺织服装", "化工", "建材", "食品"}
    assert {c for c, t in m if t == "未来产业"} >= {"氢能", "光伏", "新型储能", "具身智能", "生物制造", "低空经济", "机器人"}
    assert {c for c, t in m if t == "生产性服务业"} >= {"现代金融", "现代物流", "检验检测"}
    assert [(t.value, t.unit) for t in m[("新能源汽车", "新兴产业")].targets] == [(1500, "亿元")]


def test_003_future_industries():
    m = mentions("003")
    assert {c for c, t in m if t == "未来产业"} >= {
        "人工智能", "氢能", "新型储能", "低空经济", "商业航天", "生物制造", "机器人", "脑机接口", "6G"}


def test_004_615_system():
    m = mentions("004")
    assert {c for c, t in m if t == "优势产业"} >= {"新能源", "纺织服装", "食品"}
    assert {c for c, t in m if t == "特色优势产业"} >= {"酿造", "激光", "膜材料", "建材"}
    assert {c for c, t in m if t == "生产性服务业"} == {"现代物流", "现代金融", "科技服务", "商务服务"}
    assert ("新能源汽车", None) in m  # 汽车及零部件, one of the 15 chains, no tier
    assert ("新材料", "传统产业") not in m  # 新技术、新工艺、新材料 is not an industry


def test_cross_seed_overlap_of_canonical_industries():
    by_seed = {s: {c for c, _t in mentions(s)} for s in ("000", "001", "002", "003", "004")}
    chasing = lambda c: {s for s, cs in by_seed.items() if c in cs}  # noqa: E731
    assert chasing("机器人") == {"000", "001", "002", "003", "004"}
    assert chasing("新型储能") == {"000", "001", "002", "003", "004"}
    assert chasing("氢能") == {"000", "001", "002", "003", "004"}
    assert chasing("低空经济") >= {"000", "002", "003"}
    assert chasing("人工智能") >= {"001", "002", "003"}
    assert chasing("新能源汽车") >= {"000", "001", "002", "004"}


def test_one_mention_per_canonical_and_tier_and_untiered_dropped_when_tiered():
    for s in ("000", "001", "002", "003", "004"):
        keys = list(mentions(s))
        assert len(keys) == len(set(keys))
        tiered = {c for c, t in keys if t}
        assert not [c for c, t in keys if t is None and c in tiered]


def test_canonical_names_are_data():
    assert canonical_industry("智能网联新能源汽车") == ["新能源汽车"]
    assert canonical_industry("具身智能机器人产业") == ["机器人"]
    assert canonical_industry("半导体") == ["集成电路"]
    assert canonical_industry("储能与氢能产业") == ["新型储能", "氢能"]
    assert canonical_industry("某新产业") == ["某新"]


def test_composed_paragraphs():
    found = extract_industries([
        (1, "3.加快培育未来产业。加快发展新型储能、低空经济、氢能等未来产业，到2028年产业规模达到100亿元。"),
        (2, "聚焦工业母机、工业机器人、智能农机等关键领域。"),
        (3, "推动集成电路、生物医药两大主导产业提质增效。"),
    ])
    got = {(m.canonical, m.tier) for m in found}
    assert {("新型储能", "未来产业"), ("低空经济", "未来产业"), ("氢能", "未来产业")} <= got
    assert ("集成电路", "主导产业") in got and ("生物医药", "主导产业") in got
    assert not [m for m in found if m.line == 2]  # equipment named in a list of 领域
