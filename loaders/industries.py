"""Industries named in a plan, with their tier and a canonical name.

An industry is a 产业 / 产业链 / 集群 / 经济 named as something to grow. Three
readings find them, all driven by `data/industries.toml`:

- lists closed by a tier or an industry word: `加快发展新型储能、低空经济、氢能等未来产业`,
  `机械、纺织、化工、建材、食品五大传统产业`, `…激光光电等15条重点产业链`;
- a name with an industry suffix: `新能源汽车产业，…`, `低空经济`, `光伏…集群`;
- a known name (from the synonyms table) in a run of sentences headed by a tier:
  `培育壮大新兴产业。拓展机器人应用深度和广度…`.

The tier of a mention is the tier word closing its list, else the tier heading its
paragraph or sentence run (`锚定主导产业提升。新能源汽车产业，…`), else none. Scale
targets (`到2028年产业规模达到830亿元`) in the mention's sentence are attached.
"""

from __future__ import annotations

import re
from functools import lru_cache

from plankg.loaders.datafiles import data_file
from plankg.loaders.records import IndustryMention, Target
from plankg.loaders.targets import extract_targets, normalise_text


@lru_cache(maxsize=1)
def _data() -> dict:
    data = dict(data_file("industries.toml"))
    synonyms: dict[str, str] = {}
    for canonical, variants in data["canonical"].items():
        for v in [canonical, *variants]:
            synonyms[_key(v)] = canonical
    data["synonyms"] = synonyms
    data["names"] = sorted({v for c, vs in data["canonical"].items() for v in [c, *vs]}, key=len, reverse=True)
    data["tier_words"] = sorted(data["tiers"], key=len, reverse=True)
    return data


def _key(name: str) -> str:
    return name.replace("（", "(").replace("）", ")").strip()


def _strip_suffix(name: str) -> str:
    # 经济 stays: it is part of the name in 低空经济, 数字经济
    for s in ("产业集群", "产业链", "产业", "集群"):
        if name.endswith(s) and len(name) > len(s):
            return name[: -len(s)]
    return name


def canonical_industry(name: str) -> list[str]:
    """Canonical names for an industry as written (usually one; `储能与氢能` is two)."""
    d = _data()
    base = _key(_strip_suffix(name.strip()))
    if base in d["split"]:
        return list(d["split"][base])
    return [d["synonyms"].get(base, base)]


_CN_COUNT = r"(?:\d+|[一二两三四五六七八九十]+)(?:个|大|条|项)?"


def _list_regex():
    d = _data()
    tiers = "|".join(re.escape(t) for t in d["tier_words"])
    heads = "|".join(re.escape(h) for h in sorted(d["words"]["list_heads"], key=len, reverse=True))
    # items joined by 、 (or 和/及 inside), then 等 and/or a count, then a tier or an industry word
    return re.compile(
        rf"(?P<items>[^，。；：,;:“”\"]+?(?:、[^，。；：,;:、“”\"]+)+)"
        rf"(?:等(?:{_CN_COUNT})?|(?:{_CN_COUNT}))(?:重点|主要)?(?P<tier>{tiers})?(?P<head>{heads})?"
    )


def _clean_item(item: str) -> str | None:
    d = _data()
    item = item.strip()
    for v in sorted(d["words"]["verbs"], key=len, reverse=True):
        k = item.rfind(v)
        if k >= 0 and k + len(v) < len(item):
            item = item[k + len(v):]
    item = re.sub(r"^(的|了|和|及|与|以|等)", "", item)
    item = _strip_suffix(item)
    if not item or len(item) > 10 or re.search(r"等|年|%", item):
        return None
    if re.search(r"\d|不超过|不少于", item) and _key(item) not in d["synonyms"]:
        return None
    if item in d["words"]["generic"] or any(item == t.replace("产业", "") for t in d["tiers"]):
        return None
    return item


def _split_list(items: str) -> list[str]:
    out = []
    for part in items.split("、"):
        d = _data()
        key = _key(_strip_suffix(part.strip()))
        # 和 joins two industries; 及/与 usually make one (汽车及零部件)
        if "和" in part and key not in d["split"] and _clean_item(part) not in d["synonyms"]:
            out.extend(part.split("和"))
        else:
            out.append(part)
    return out


def _tier_of(word: str | None) -> str | None:
    return _data()["tiers"].get(word) if word else None


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, s = [], 0
    for m in re.finditer(r"[。！？]", text):
        spans.append((s, m.end()))
        s = m.end()
    if s < len(text):
        spans.append((s, len(text)))
    return spans


def _heading_tier(sentence: str) -> str | None:
    """A short sentence naming a tier heads the sentences after it (培育壮大新兴产业。)."""
    body = sentence.rstrip("。！？")
    body = re.sub(r"^\s*(\d+[.．、]|[（(][一二三四五六七八九十]+[)）])\s*", "", body)
    if len(body) > 14:
        return None
    for w in _data()["tier_words"]:
        if w in body:
            return _tier_of(w)
    return None


def extract_industries(
    paragraphs: list[tuple[int, str]], *, period: tuple[int | None, int | None] = (None, None)
) -> list[IndustryMention]:
    """Industries named in a plan's paragraphs (line, text), one per (canonical, tier)."""
    d = _data()
    list_re = _list_regex()
    suffixes = "|".join(re.escape(s) for s in sorted(d["words"]["industry_suffixes"], key=len, reverse=True))
    names_re = re.compile("|".join(re.escape(n) for n in d["names"]))
    verbs = tuple(sorted(d["words"]["growth_verbs"], key=len, reverse=True))
    not_after = tuple(d["words"]["not_after_head"])
    heads_or_tiers = "|".join(re.escape(w) for w in [*d["words"]["list_heads"], *d["tier_words"]])
    found: list[tuple[str, str, str | None, int, str]] = []  # (name, canonical, tier, line, sentence)

    for line, raw in paragraphs:
        text = normalise_text(raw)
        run_tier = None
        for s_start, s_end in _sentences(text):
            sentence = text[s_start:s_end]
            heading = _heading_tier(sentence)
            if heading:
                run_tier = heading
            taken: list[tuple[int, int]] = []

            quoted = _quoted(sentence)

            def add(name: str, tier: str | None, span: tuple[int, int], head: bool = False) -> None:
                for canonical in canonical_industry(name):
                    found.append((name, canonical, tier, line, sentence, head))
                taken.append(span)

            for m in list_re.finditer(sentence):
                if not (m.group("tier") or m.group("head")):
                    continue
                if sentence.startswith(not_after, m.end()):
                    continue
                tier = _tier_of(m.group("tier")) or run_tier
                for part in _split_list(m.group("items")):
                    item = _clean_item(part)
                    if item:
                        add(item, tier, m.span("items"))
            # `新能源汽车产业，围绕…`: a sentence opening with an industry names it
            m = re.match(r"^(?:\d+[.．、])?([\u4e00-\u9fffA-Za-z0-9与和及]{2,12}?)(产业集群|产业链|产业|集群)?[，,]", sentence)
            if m and (m.group(2) or _clean_item(m.group(1)) in d["synonyms"]):
                parts = [m.group(1)] if _key(m.group(1)) in d["split"] else re.split("[与和]", m.group(1))
                for part in parts:
                    name = _clean_item(part)
                    if name and not any(a <= m.start(1) < b for a, b in taken):
                        add(name, run_tier, m.span(1), head=True)
            # known names: followed by 产业/集群/经济/领域, or the object of a verb in a tier run
            for m in names_re.finditer(sentence):
                if any(a <= m.start() < b for a, b in taken) or quoted[m.start()]:
                    continue
                after, before = sentence[m.end() :], sentence[: m.start()]
                suffixed = re.match(rf"({suffixes}|领域|赛道)", after)
                if suffixed and after[suffixed.end() :].startswith(not_after):
                    continue
                led = before == "" or before[-1] in "，,；：" or before.endswith(verbs)
                if not suffixed and not (run_tier and led):
                    continue
                if not led and not suffixed:
                    continue
                closing = re.match(r"[^，。；]*?等([^，。；、]{0,8})", after)
                if not suffixed and closing and not re.search(heads_or_tiers, closing.group(1)):
                    continue  # 工业母机、工业机器人等关键领域: equipment, not an industry
                if not suffixed and not led:
                    continue
                add(m.group(0), run_tier if (run_tier and led) or suffixed else None, m.span())

    return _merge(found, period)


def _quoted(text: str) -> list[bool]:
    out, depth = [], 0
    for ch in text:
        if ch == "“":
            depth += 1
        out.append(depth > 0)
        if ch == "”":
            depth = max(0, depth - 1)
    return out


def _scale_targets(name: str, canonical: str, sentence: str, names_in_sentence: int, period) -> list[Target]:
    out = []
    for t in extract_targets(sentence, period=period):
        ind = t.indicator or ""
        if not re.search("规模|产值|营收|收入|销售", ind):
            continue
        if name in ind or canonical in ind or (names_in_sentence == 1 and re.match(r"^(产业|产值)?规模$|^产值$", ind)):
            out.append(t)
    return out


def _merge(found, period) -> list[IndustryMention]:
    tiered = {c for _n, c, t, _l, _s, _h in found if t}
    per_sentence: dict[str, set[str]] = {}
    for _n, c, _t, _l, s, _h in found:
        per_sentence.setdefault(s, set()).add(c)
    seen: dict[tuple[str, str | None], IndustryMention] = {}
    for name, canonical, tier, line, sentence, head in found:
        if tier is None and canonical in tiered:
            continue
        key = (canonical, tier)
        # the industry opening a sentence owns its generic 产业规模 target
        names = 1 if head else len(per_sentence[sentence])
        targets = _scale_targets(name, canonical, sentence, names, period)
        if key in seen:
            if not seen[key].targets and targets:
                seen[key].targets = targets
            continue
        seen[key] = IndustryMention(name=name, canonical=canonical, tier=tier, line=line, targets=targets)
    return list(seen.values())
