"""Quantitative targets in goal and task text.

A target is a value with a unit after the thing it measures
(`规上工业总产值力争突破1550亿元`), or a count before its noun after a verb
(`创成3个国家级创新载体`), or one of a few fixed non-numeric forms (`全覆盖`,
`完成省定目标`, `保持在合理区间`). The words that decide comparator, scope, units
and verbs are data (`data/targets.toml`, units also from `data/indicators.toml`).

Values and units are kept as written: `3万亿元` is value 3, unit 万亿元;
`1.5万套` is 1.5, 万套. The same target in a base unit (30000 亿元, 15000 套) is
given by `normalise_value`, for comparing plans. A bare magnitude (`超百亿`,
`突破万亿`) is read as money (亿元, 万亿元) when the indicator is a money amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from plankg.loaders.datafiles import data_file
from plankg.loaders.records import Target

# ---------------------------------------------------------------- data


@lru_cache(maxsize=1)
def _data() -> dict:
    data = dict(data_file("targets.toml"))
    data["units_known"] = data_file("indicators.toml")["units"]["known"]
    return data


def _longest_first(words) -> list[str]:
    return sorted(set(words), key=len, reverse=True)


@lru_cache(maxsize=1)
def _patterns() -> dict:
    d = _data()
    units = set(d["units_known"]) | set(d["count_units"])
    units -= set(d["exclude_units"])
    unit_re = "|".join(re.escape(u) for u in _longest_first(units))
    c = d["comparators"]
    prefix = {w: ">=" for w in c["prefix_ge"]}
    prefix |= {w: "=" for w in c["prefix_eq"]}
    prefix |= {w: "~" for w in c["prefix_about"]}
    prefix |= {w: "<=" for w in c["prefix_le"]}
    suffix = {w: ">=" for w in c["suffix_ge"]}
    suffix |= {w: "~" for w in c["suffix_about"]}
    suffix |= {w: "<=" for w in c["suffix_le"]}
    return {
        "qty": re.compile(
            rf"(?<![\d.A-Za-z])(?P<num>\d+(?:\.\d+)?)(?P<more>余|多)?(?P<u1>{unit_re})?"
            rf"(?:(?P<rng>[—\-~～－–]+|至)(?P<num2>\d+(?:\.\d+)?))?(?P<unit>{unit_re})?"
        ),
        "cn": re.compile(rf"(?P<cn>[一二两三四五六七八九]?[十百千]|(?=万亿))(?P<unit>{unit_re})(?P<ji>级)?"),
        # any Chinese numeral before a count unit (企业五家, 建设五个, 十五家, 二十个)
        "cn_count": re.compile(
            r"(?P<cn>(?:[一二两三四五六七八九]?千)?(?:[一二两三四五六七八九]?百)?(?:[一二两三四五六七八九]?十)?"
            r"[一二两三四五六七八九]?)(?P<unit>" + "|".join(re.escape(u) for u in _longest_first(d["count_units"])) + ")"
        ),
        "before_count": _longest_first([*d["words"]["target_verbs"], *prefix]),
        "prefix": prefix,
        "prefix_words": _longest_first(prefix),
        "suffix": suffix,
        "suffix_words": _longest_first(suffix),
        "units": units,
        "count_units": set(d["count_units"]),
        "verbs": _longest_first(d["words"]["target_verbs"]),
        "lead": _longest_first(d["words"]["lead"]),
        "tail": _longest_first(d["words"]["tail"]),
        "non_numeric": [
            (re.compile(n["pattern"]), n.get("value"), n.get("unit")) for n in d["non_numeric"]
        ],
    }


# ---------------------------------------------------------------- text helpers

_OPEN = "“‘《（(〔【［[「『"
_CLOSE = "”’》）)〕】］]」』"
_CJK_SPACE = re.compile(r"(?<![A-Za-z])\s+|\s+(?![A-Za-z])")
_YEAR = re.compile(r"(?<!\d)(20\d{2})年(?!\d)")
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_MAGNITUDE = {"十": 10, "百": 100, "千": 1000}
_ANNUAL_HEAD = r"^(到|至)?(20\d{2}年)?(力争|实现|确保)?(每年|年均|全年|年内)(?!增长|提升|提高|下降|复合)"
_TERMINATORS = ("以及", "、", "和", "及", "与", "；", "。")


def normalise_text(text: str) -> str:
    """Join a paragraph's lines and drop the spaces extraction leaves around CJK text
    and numbers (`到 2025 年` → `到2025年`); spaces between Latin words stay."""
    text = text.translate(str.maketrans("０１２３４５６７８９．％", "0123456789.%"))
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    return _CJK_SPACE.sub("", text.strip())


def _mask(text: str) -> list[int]:
    """Bracket/quote depth at each character: quantities inside quotes, titles and
    brackets (`“十四五”`, `《…》`, `（2026—2028年）`) are names, not targets."""
    depth, out = 0, []
    straight_open = False
    for ch in text:
        if ch in _OPEN:
            depth += 1
            out.append(depth)
        elif ch in _CLOSE:
            out.append(depth)
            depth = max(0, depth - 1)
        elif ch == '"':
            straight_open = not straight_open
            depth += 1 if straight_open else -1
            depth = max(depth, 0)
            out.append(depth + (0 if straight_open else 1))
        else:
            out.append(depth)
    return out


def _drop_clause(text: str) -> str:
    """Cut the responsibility clause `（责任单位：…）` off the end of a task's text."""
    body = text.rstrip("。. ")
    if not body or body[-1] not in "）)〕]":
        return text
    depth = 0
    for i in range(len(body) - 1, -1, -1):
        ch = body[i]
        if ch in "）)〕]":
            depth += 1
        elif ch in "（(〔[":
            depth -= 1
            if depth == 0:
                inside = body[i:]
                if re.search("责任|负责|牵头|配合", inside):
                    return body[:i]
                return text
    return text


def _strip_words(phrase: str) -> str:
    p = _patterns()
    changed = True
    while changed and phrase:
        changed = False
        m = re.match(r"^(到|至|在)?20\d{2}年(底|末)?(前)?", phrase)
        if m and m.end():
            phrase, changed = phrase[m.end():], True
            continue
        for w in p["lead"]:
            if phrase.startswith(w):
                phrase, changed = phrase[len(w):], True
                break
        if changed:
            continue
        for w in p["tail"]:
            if phrase.endswith(w) and len(phrase) > len(w) - 1:
                phrase, changed = phrase[: -len(w)], True
                break
        if changed:
            continue
        m = re.search(r"(到|至|在)?20\d{2}年(底|末)?(前)?$", phrase)
        if m:
            phrase, changed = phrase[: m.start()], True
    return phrase.strip("，,、：:；; ")


def _prefix_comparator(area: str) -> str | None:
    p = _patterns()
    for w in p["prefix_words"]:
        if area.endswith(w):
            return p["prefix"][w]
    return None


def _split_items(phrase: str) -> list[str]:
    """Split `A、B、C` at top-level 、 (not inside quotes or brackets)."""
    mask = _mask(phrase)
    items, start = [], 0
    for i, ch in enumerate(phrase):
        if ch == "、" and mask[i] == 0:
            items.append(phrase[start:i])
            start = i + 1
    items.append(phrase[start:])
    return [s for s in items if s]


def _distribute(items: list[str]) -> list[str]:
    """Give short leading items the noun the last item carries:
    `新签约、新开工、新达产亿元以上工业项目` → 新签约亿元以上工业项目 …;
    `国家级、省级专精特新企业` → 国家级专精特新企业, 省级专精特新企业."""
    if len(items) < 2:
        return items
    head, last = items[:-1], items[-1]
    if "等" in last:
        return head + [last[: last.index("等")]]
    if max(len(h) for h in head) > 4 or len(last) <= max(len(h) for h in head) + 1:
        return items
    ends = {h[-1] for h in head}
    if len(ends) == 1:
        c = next(iter(ends))
        k = last.find(c)
        if 0 < k <= 5:
            tail = last[k + 1 :]
            return [h + tail for h in head] + [last]
    lengths = {len(h) for h in head}
    if len(lengths) == 1:
        n = next(iter(lengths))
        tail = last[n:]
        return [h + tail for h in head] + [last]
    return items


# ---------------------------------------------------------------- quantities


@dataclass
class _Qty:
    start: int
    end: int  # after unit and comparator suffix
    value: float
    value_max: float | None
    unit: str | None
    suffix_cmp: str | None
    kind: str = "value"  # value | count | qualifier
    chinese: bool = False


def _cn_value(cn: str) -> float:
    if not cn:
        return 1.0
    digit = _CN_DIGITS.get(cn[0], 1) if len(cn) == 2 else 1
    return float(digit * _CN_MAGNITUDE[cn[-1]])


def _cn_numeral(cn: str) -> float:
    """二十 → 20, 十五 → 15, 三百 → 300, 五 → 5, 一千二百 → 1200."""
    total, digit = 0, None
    for ch in cn:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _CN_MAGNITUDE[ch]
            digit = None
    return float(total + (digit or 0))


def _quantities(text: str, mask: list[int], start: int, end: int) -> list[_Qty]:
    p = _patterns()
    found: list[_Qty] = []
    clause = text[start:end]
    for m in p["qty"].finditer(clause):
        s = start + m.start()
        if mask[s]:
            continue
        unit = m.group("unit") or (m.group("u1") if not m.group("num2") else m.group("unit") or m.group("u1"))
        e = start + m.end()
        if unit is None and e < len(text) and re.match(r"[A-Za-z+]", text[e]):
            continue  # 5G, 6G, 35X
        value = float(m.group("num"))
        vmax = float(m.group("num2")) if m.group("num2") else None
        found.append(_Qty(s, e, value, vmax, unit, ">=" if m.group("more") and unit else None))
    for m in p["cn_count"].finditer(clause):
        cn = m.group("cn")
        s, e = start + m.start(), start + m.end()
        if not cn or mask[s] or any(q.start <= s < q.end or s <= q.start < e for q in found):
            continue
        if s > 0 and text[s - 1] in "一二两三四五六七八九十百千万第“\"‘「":
            continue
        # A bare numeral counts only where a target is stated: right after a target verb
        # or comparator (建设五个, 达到五十家), or closing its clause after the noun
        # (培育…企业五家。); `三个年活动`, `一批企业` and `一个中心` stay words.
        after_verb = any(text[:s].endswith(w) for w in p["before_count"])
        closes = e >= end or text[e] in "，。；、）)"
        if not (after_verb or closes) or m.group("unit") == "批" or (cn == "一" and not closes):
            continue  # 一个, 一家 before a noun is an article more often than a count
        # past that filter it reads as a written number would (not as 百亿企业-style names)
        found.append(_Qty(s, e, _cn_numeral(cn), None, m.group("unit"), None))
    for m in p["cn"].finditer(clause):
        s = start + m.start()
        if mask[s] or any(q.start <= s < q.end for q in found):
            continue
        unit = m.group("unit")
        if m.group("cn") == "" and not unit.startswith("万亿"):
            continue
        if s > 0 and text[s - 1] in "一二两三四五六七八九十百千万第":
            continue
        found.append(_Qty(s, start + m.end(), _cn_value(m.group("cn")), None, unit, None, chinese=True))
    found.sort(key=lambda q: q.start)
    for q in found:
        if q.suffix_cmp:
            continue  # 600余项: the comparator came before the unit
        rest = text[q.end:end]
        for w in p["suffix_words"]:
            if rest.startswith(w) and not rest.startswith("以及"):
                q.suffix_cmp = p["suffix"][w]
                q.end += len(w)
                break
    return found


def _follows_terminator(text: str, pos: int, end: int) -> bool:
    if pos >= end:
        return True
    rest = text[pos:end]
    if rest.startswith(("以上", "以下")):
        return True
    return rest.startswith(_TERMINATORS) or rest[0] in "）)〕”"


def _strip_cmp(area: str) -> str:
    cmp_word = next((w for w in _patterns()["prefix_words"] if area.endswith(w)), "")
    return area[: len(area) - len(cmp_word)]


def _verb_before(pre: str) -> str | None:
    p = _patterns()
    trimmed = pre
    for _ in range(4):
        m = re.search(r"(不少于|不低于|超过|超|约|近|每年|累计|年均|再|共|总计|力争|分别|各|新|达到|达)$", trimmed)
        if not m:
            break
        trimmed = trimmed[: m.start()]
    for v in p["verbs"]:
        if trimmed.endswith(v):
            return v
    return None


# ---------------------------------------------------------------- segmentation


def _spans(text: str, mask: list[int], breaks: str, start: int, end: int) -> list[tuple[int, int]]:
    out, s = [], start
    for i in range(start, end):
        if text[i] in breaks and mask[i] == 0:
            if i > s:
                out.append((s, i))
            s = i + 1
    if end > s:
        out.append((s, end))
    return out


def _year_before(text: str, mask: list[int], sent_start: int, pos: int) -> int | None:
    year = None
    for m in _YEAR.finditer(text, sent_start, pos):
        if not mask[m.start()]:
            year = int(m.group(1))
    return year


def _scope(context: str, clause_before: str, indicator: str, unit: str | None, area: str) -> str:
    d = _data()["scope"]
    if unit in ("%", "个百分点", "百分点"):
        for v in d["growth_verbs"]:
            if re.search(rf"{v}(?!至|到|率)(超过|超|不少于|不低于|达到|达|约|近)?$", area):
                return "growth_rate"
        if any(w in indicator for w in ("增速", "增长率", "下降率", "降低率", "增幅", "降幅", "年均复合")):
            return "growth_rate"
    if any(w in clause_before for w in d["cumulative"]) or any(w in indicator for w in d["cumulative"]):
        return "cumulative"
    if any(re.search(rf"{w}(?!增长|提升|提高|下降|复合)", context) for w in d["annual"]):
        return "annual"
    if any(indicator.startswith(w) for w in d["new"]):
        return "new"
    return "level"


def _money_unit(unit: str | None, indicator: str) -> str | None:
    if unit in ("亿", "万亿") and any(w in indicator for w in _data()["money_words"]):
        return unit + "元"
    return unit


def normalise_value(value: float | None, unit: str | None) -> tuple[float | None, str | None]:
    """A value in its base unit for comparing plans: 3 万亿元 → 30000 亿元, 1.5 万套 → 15000 套."""
    if value is None or not unit:
        return value, unit
    if unit.startswith("万亿"):
        return value * 10000, "亿" + unit[2:]
    if unit.startswith("万") and len(unit) > 1 and unit[1:] not in ("元",):
        return value * 10000, unit[1:]
    return value, unit


# ---------------------------------------------------------------- the extractor


def extract_targets(
    text: str, *, line: int | None = None, period: tuple[int | None, int | None] = (None, None)
) -> list[Target]:
    """Every quantitative target in a paragraph of goal or task text, in text order."""
    norm = normalise_text(_drop_clause(normalise_text(text)))
    if not norm:
        return []
    mask = _mask(norm)
    annual_plan_year = period[0] if period[0] is not None and period[0] == period[1] else None
    out: list[Target] = []
    for s_start, s_end in _spans(norm, mask, "。！？!?", 0, len(norm)):
        previous: Target | None = None
        for c_start, c_end in _spans(norm, mask, "，,；;：:", s_start, s_end):
            found = _clause_targets(norm, mask, s_start, c_start, c_end, previous, annual_plan_year, line)
            out.extend(found)
            if found:
                previous = found[-1]
    return out


def _clause_targets(
    text: str,
    mask: list[int],
    s_start: int,
    c_start: int,
    c_end: int,
    previous: Target | None,
    annual_plan_year: int | None,
    line: int | None,
) -> list[Target]:
    """Targets of one clause. A non-numeric target (`…全覆盖`) ends a piece of the
    clause, so `A全覆盖、B达标率50%` reads as two targets."""
    p = _patterns()
    targets: list[Target] = []
    pos = c_start
    matches = []
    for pattern, value, unit in p["non_numeric"]:
        for m in pattern.finditer(text, c_start, c_end):
            if not mask[m.start()]:
                matches.append((m.start(), m.end(), m.group(0), value, unit))
    matches.sort()
    for m_start, m_end, matched, value, unit in matches:
        if m_start < pos:
            continue
        numeric = _numeric_targets(text, mask, s_start, c_start, pos, m_start, previous, annual_plan_year, line)
        targets.extend(numeric)
        rest_start = pos
        if numeric:
            rest_start = max(rest_start, text.find(numeric[-1].text, pos) + len(numeric[-1].text))
        indicator = _strip_words(text[rest_start:m_start]) or matched
        targets.append(
            Target(
                text=text[rest_start:m_end].strip("，,、；; "),
                indicator=indicator,
                value=value,
                value_text=matched,
                unit=unit,
                comparator="=",
                year=_year_before(text, mask, s_start, m_start),
                scope="level",
                line=line,
            )
        )
        previous = targets[-1]
        pos = m_end + (1 if text[m_end : m_end + 1] == "、" else 0)
    targets.extend(_numeric_targets(text, mask, s_start, c_start, pos, c_end, previous, annual_plan_year, line))
    return targets


@dataclass
class _Item:
    qty: _Qty
    indicator: str
    prefix_cmp: str | None
    area: str
    text: str


def _numeric_targets(
    text: str,
    mask: list[int],
    s_start: int,
    c_start: int,
    p_start: int,
    p_end: int,
    previous: Target | None,
    annual_plan_year: int | None,
    line: int | None,
) -> list[Target]:
    p = _patterns()
    quantities = _quantities(text, mask, p_start, p_end)
    groups: list[list[_Item]] = []
    seg = p_start
    skip_until = p_start
    last_kind = None
    last_verb = None
    for q in quantities:
        if q.start < skip_until:
            continue
        area = text[seg : q.start]
        if q.chinese and text[q.end : q.end + 1] == "级":
            q.end += 1
        follows_end = _follows_terminator(text, q.end, p_end)
        prefix_cmp = _prefix_comparator(area)
        if not follows_end:
            # A count before its noun after a target verb: 创成3个国家级创新载体.
            verb = _verb_before(area)
            list_item = last_kind == "count" and _strip_words(area) == ""
            if q.unit in p["count_units"] and not q.chinese and (verb or list_item):
                verb = verb or last_verb
                np_end = _noun_phrase_end(text, mask, q.end, p_end)
                noun = re.sub(r"^的", "", text[q.end : np_end])
                noun = re.sub(r"的?[“\"][^”\"]*[”\"]?(目标|任务)$|等$", "", noun)
                groups.append([_Item(q, (verb or "") + noun, prefix_cmp, area, text[seg:np_end])])
                seg = skip_until = np_end
                last_kind, last_verb = "count", verb
            continue
        if q.unit is None and (prefix_cmp is None or q.chinese):
            continue  # a bare number is a target only after 达到/超过 …
        if q.chinese and prefix_cmp is None:
            continue  # 百亿企业, 千亿级产业: names, not values
        if any(_strip_cmp(area).endswith(w) for w in _data()["words"]["not_targets_after"]):
            continue
        phrase = _strip_words(area)
        if phrase == "" and groups and last_kind == "value":
            groups[-1].append(_Item(q, "", prefix_cmp, area, text[seg : q.end]))
        else:
            if phrase == "" and previous is not None and previous.indicator:
                phrase = previous.indicator  # 规上工业总产值…，年均增长7.7%
            elif groups and last_kind == "value" and last_verb in _data()["scope"]["new"]:
                # `新增A企业1家、B企业3家`: 新增 of the list's first item carries over
                if not any(phrase.startswith(v) for v in p["verbs"]):
                    phrase = last_verb + phrase
            groups.append([_Item(q, phrase, prefix_cmp, area, text[seg : q.end])])
            last_verb = next((v for v in p["verbs"] if phrase.startswith(v)), None)
        seg = q.end
        last_kind = "value"
    out: list[Target] = []
    for group in groups:
        out.extend(_group_targets(text, mask, s_start, c_start, group, annual_plan_year, line))
        if out:
            previous = out[-1]
    return out


def _noun_phrase_end(text: str, mask: list[int], pos: int, end: int) -> int:
    """A count's noun runs to the next `、` that starts another count, or the clause end."""
    for i in range(pos, end):
        if text[i] == "、" and mask[i] == 0 and i + 1 < end and (text[i + 1].isdigit() or text[i + 1] in _CN_DIGITS):
            return i
    return end


def _group_targets(text, mask, s_start, c_start, group: list[_Item], annual_plan_year, line) -> list[Target]:
    first = group[0]
    group_text = "".join(i.text for i in group)
    indicators = [first.indicator] * len(group)
    if len(group) > 1:
        items = _distribute(_split_items(first.indicator))
        if len(items) == len(group):
            indicators = items
    elif _strip_cmp(first.area).endswith(tuple(_data()["words"]["each"])):
        items = _distribute(_split_items(first.indicator))
        if len(items) > 1:  # A、B各10个: one target per item
            group = group * len(items)
            indicators = items
    last_suffix = group[-1].qty.suffix_cmp
    # 每年 heading a clause governs the clauses after it in the sentence
    annual_head = False
    for fs, fe in _spans(text, mask, "，,；;：:", s_start, c_start):
        if re.match(_ANNUAL_HEAD, text[fs:fe]):
            annual_head = True
        elif re.match(r"^(力争)?(到|至)20\d{2}年", text[fs:fe]):
            annual_head = False  # 到2025年 starts a level or cumulative target
    out = []
    for item, indicator in zip(group, indicators):
        q = item.qty
        cmp = q.suffix_cmp or item.prefix_cmp or last_suffix or first.prefix_cmp or "="
        unit = _money_unit(q.unit, indicator)
        clause_before = text[c_start : q.start]
        # 每年 at the head of a sentence governs all its clauses; elsewhere its own clause
        context = ("每年" if annual_head else "") + clause_before
        scope = _scope(context, clause_before, indicator, unit, item.area)
        year = _year_before(text, mask, s_start, q.start)
        if year is None and annual_plan_year and re.search("年内|全年|年度", text[s_start : q.start]):
            year = annual_plan_year
        out.append(
            Target(
                text=(group_text if len(group) > 1 else item.text).strip("，,、；; "),
                indicator=indicator or None,
                value=q.value,
                value_max=q.value_max,
                unit=unit,
                comparator=cmp,
                year=year,
                scope=scope,
                line=line,
            )
        )
    return out
