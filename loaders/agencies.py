"""Which body a unit is: jurisdiction + canonical function → a stable agency id.

A unit is written as an optional jurisdiction prefix (`区`, `市`, `溧水区`, `盐城`) and
a function (`工信局`). The prefix is resolved against the issuer of the plan (`区` in a
district plan is the issuer, `市` there is the parent city); the function is looked
up in data/agencies.toml. The id, `江苏省/南京市/溧水区:工业和信息化局`, depends only on
what the unit is, never on which other plans are parsed with it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from plankg.loaders.clauses import split_alias
from plankg.loaders.records import Jurisdiction

LEVEL_BY_SUFFIX = [("省", "province"), ("自治区", "province"), ("街道", "town"), ("镇", "town"),
                   ("乡", "town"), ("区", "district"), ("县", "county"), ("旗", "county"), ("市", "city")]


def _data(name: str) -> dict:
    return tomllib.loads(resources.files("plankg.loaders").joinpath("data", name).read_text("utf-8"))


@dataclass(frozen=True)
class Gazetteer:
    by_name: dict[str, tuple[Jurisdiction, ...]]

    def get(self, name: str) -> Jurisdiction | None:
        """The jurisdiction of that name if the name is unambiguous."""
        found = self.by_name.get(name, ())
        return found[0] if len(found) == 1 else None

    def names(self) -> list[str]:
        return sorted(self.by_name, key=len, reverse=True)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    data = _data("jurisdictions.toml")
    by_name: dict[str, list[Jurisdiction]] = {}

    def add(j: Jurisdiction) -> None:
        by_name.setdefault(j.name, []).append(j)

    for prov in data.get("provinces", {}):
        add(Jurisdiction(id=prov, name=prov, level="province"))
    for prov, cities in data.get("cities", {}).items():
        for city, children in cities.items():
            cid = f"{prov}/{city}"
            add(Jurisdiction(id=cid, name=city, level="city", parent=prov))
            for child in children:
                level = "district" if child.endswith("区") else "county"
                add(Jurisdiction(id=f"{cid}/{child}", name=child, level=level, parent=cid))
    return Gazetteer({k: tuple(v) for k, v in by_name.items()})


def level_of(name: str) -> str:
    for suffix, level in LEVEL_BY_SUFFIX:
        if name.endswith(suffix):
            return level
    return "unknown"


def jurisdiction(name: str) -> Jurisdiction:
    """The gazetteer's entry, or a parentless one with the level read from the suffix."""
    return gazetteer().get(name) or Jurisdiction(id=name, name=name, level=level_of(name))


def short_name(name: str) -> str:
    """溧水区 → 溧水, 南京市 → 南京; names too short to shorten stay whole (沛县)."""
    for suffix in ("自治区", "省", "市", "区", "县"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def ancestors(j: Jurisdiction) -> list[Jurisdiction]:
    """j and its parents, nearest first."""
    chain, g = [j], gazetteer()
    while chain[-1].parent:
        pid = chain[-1].parent
        parent = next((x for xs in g.by_name.values() for x in xs if x.id == pid), None)
        if parent is None:
            break
        chain.append(parent)
    return chain


@lru_cache(maxsize=1)
def _functions() -> dict[str, str]:
    out: dict[str, str] = {}
    for canonical, aliases in _data("agencies.toml")["functions"].items():
        out[canonical] = canonical
        for a in aliases:
            out.setdefault(a, canonical)
    return out


@lru_cache(maxsize=1)
def _kind_rules() -> list[tuple[str, list[re.Pattern]]]:
    return [(r["kind"], [re.compile(p) for p in r["patterns"]]) for r in _data("agencies.toml")["kinds"]]


def canonical_function(text: str) -> str | None:
    """工信局 → 工业和信息化局; 政府办（金融） → 人民政府办公室（金融）; None if unknown."""
    f = _functions()
    s = _fold(text)
    if s in f:
        return f[s]
    m = re.match(r"^(.+?)(（[^（）]+）)$", s)
    if m and m.group(1) in f:
        return f[m.group(1)] + m.group(2)
    return None


def classify(function: str) -> str:
    s = re.sub(r"（[^（）]*）$", "", function) or function
    for kind, patterns in _kind_rules():
        if any(p.search(s) for p in patterns):
            return kind
    return "other"


def _fold(s: str) -> str:
    """Brackets to full width and spaces out, so `(金融)` and `（金融）` are one key."""
    return re.sub(r"\s+", "", s).replace("(", "（").replace(")", "）")


@dataclass(frozen=True)
class Agency:
    id: str
    name: str
    jurisdiction: str
    kind: str
    function: str


class AgencyResolver:
    """Resolves unit names written in one plan, whose issuer gives the implied prefix."""

    def __init__(self, issuer: Jurisdiction, abbreviations: dict[str, str] | None = None):
        self.issuer = issuer
        self.chain = ancestors(issuer)
        self.abbreviations = abbreviations or {}
        self.jurisdictions: dict[str, Jurisdiction] = {j.id: j for j in self.chain}

    # -- prefixes ---------------------------------------------------------
    def _level_jurisdiction(self, prefix: str) -> Jurisdiction:
        want = {"省": ("province",), "市": ("city",), "区": ("district",), "县": ("county", "district")}[prefix]
        for j in self.chain:
            if j.level in want:
                return j
        return self.issuer

    def _split_prefix(self, s: str) -> tuple[Jurisdiction, str]:
        g = gazetteer()
        if canonical_function(s):
            return self.issuer, s
        found: Jurisdiction | None = None
        while True:  # 南京市溧水区工信局: the deepest named jurisdiction owns the unit
            name = next((n for n in g.names() if s.startswith(n) and g.get(n)), None)
            if name is None or (found and g.get(name).parent != found.id):
                break
            found, s = g.get(name), s[len(name) :]
        if found is not None:
            return found, s
        for j in self.chain:
            short = short_name(j.name)
            if short != j.name and s.startswith(short) and len(s) > len(short) + 1:
                rest = s[len(short) :]
                if canonical_function(rest) or classify(rest) == "development_zone":
                    return j, rest
        m = re.match(r"^([省市区县])(.+)$", s)
        if m and len(m.group(2)) >= 2 and (canonical_function(m.group(2)) or not canonical_function(s)):
            return self._level_jurisdiction(m.group(1)), m.group(2)
        return self.issuer, s

    # -- resolution -------------------------------------------------------
    def resolve(self, raw: str) -> Agency:
        primary, _alias = split_alias(raw.strip())
        s = _fold(primary)
        full = self.abbreviations.get(s)
        if full and "、" not in full:
            s = _fold(self._trim_verb(full))
        if classify(s) == "central_vertical":
            jur = self._city_named_in(s) or self.issuer
            return self._make(jur, s, "central_vertical", s)
        jur, rest = self._split_prefix(s)
        if not rest:  # the jurisdiction itself: its government
            rest = "人民政府"
        if classify(rest) == "development_zone":
            rest = re.sub(r"(?:管委会|管理委员会)$", "", rest) or rest
        function = canonical_function(rest) or rest
        if full and "、" in full:
            kind = classify(split_alias(full.split("、")[-1])[0])
        else:
            kind = classify(function)
        if kind == "other" and (g := gazetteer().get(rest)):
            kind = "lower_government"
        return self._make(jur, function, kind, function)

    def _make(self, jur: Jurisdiction, function: str, kind: str, label: str) -> Agency:
        self.jurisdictions.setdefault(jur.id, jur)
        if kind == "central_vertical" or label.startswith(jur.name) or label.startswith(short_name(jur.name)):
            name = label
        else:
            name = jur.name + label
        return Agency(id=f"{jur.id}:{function}", name=name, jurisdiction=jur.id, kind=kind, function=function)

    def _city_named_in(self, s: str) -> Jurisdiction | None:
        g = gazetteer()
        for name in g.names():
            j = g.get(name)
            if j and (name in s or short_name(name) in s):
                return j
        return None

    @staticmethod
    def _trim_verb(full: str) -> str:
        return re.sub(r"^(?:由|协同|依托|会同|联合|组建|成立|设立|将)", "", full)
