"""The deadline reader: every form a task table writes, against a plan year."""

import pytest

from plankg.loaders.deadlines import names_year, open_term, parse_deadline


@pytest.mark.parametrize(
    "text, date, term",
    [
        ("6月底前", "2025-06-30", None),
        ("6月前", "2025-06-30", None),
        ("9月", "2025-09-30", None),
        ("2月底", "2025-02-28", None),
        ("十二月底", "2025-12-31", None),
        ("6月15日前", "2025-06-15", None),
        ("10月中旬", "2025-10-20", None),
        ("三季度", "2025-09-30", None),
        ("第三季度末", "2025-09-30", None),
        ("一季度末", "2025-03-31", None),
        ("四季度", "2025-12-31", None),
        ("上半年", "2025-06-30", None),
        ("下半年", "2025-12-31", None),
        ("年底前", "2025-12-31", None),
        ("年内", "2025-12-31", None),
        ("2026年12月底前", "2026-12-31", None),
        ("2026年底前", "2026-12-31", None),
        ("2027年上半年", "2027-06-30", None),
        ("2026年", "2026-12-31", None),
        ("2025年至2027年", "2027-12-31", None),
        ("2025—2027年", "2027-12-31", None),
        ("2026年6月—9月", "2026-09-30", None),
        ("明年6月底前", "2026-06-30", None),
        ("6月底前出台方案，年底前建成投用", "2025-12-31", None),
        ("每年年底前", "2025-12-31", "每年"),
        ("全年推进", None, "全年推进"),
        ("持续推进", None, "持续推进"),
        ("长期坚持", None, "长期坚持"),
        ("常态化推进", None, "常态化推进"),
        ("2026年起持续推进", None, "持续推进"),
        ("按计划实施", None, None),
    ],
)
def test_forms(text, date, term):
    d = parse_deadline(text, 2025)
    assert d is not None and d.text == text
    assert (d.date, d.term) == (date, term)
    assert d.year == (int(date[:4]) if date else None)


def test_half_width_and_spaces():
    d = parse_deadline(" 2026 年 6 月底前 ", 2025)
    assert (d.text, d.date) == ("2026 年 6 月底前", "2026-06-30")


def test_no_plan_year_keeps_the_text_only():
    d = parse_deadline("6月底前", None)
    assert (d.text, d.date, d.year, d.term) == ("6月底前", None, None, None)
    assert parse_deadline("2026年6月底前", None).date == "2026-06-30"


def test_empty_is_none():
    assert parse_deadline("", 2025) is None and parse_deadline(None, 2025) is None


def test_names_year_and_open_term():
    assert names_year("2026年6月底前") and names_year("明年")
    assert not names_year("6月底前") and not names_year("2026年起持续推进")
    assert open_term("持续推进，长期坚持") in {"持续推进", "长期坚持"}
    assert open_term("年底前") is None
