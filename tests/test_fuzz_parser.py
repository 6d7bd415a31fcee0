"""Mangled text at the parser: it returns a PlanRecord or raises a ParseError naming
the file, never another exception, never hangs.

Hypothesis mangles the real seeds (cut, doubled, spliced, shuffled lines, structural
characters sprinkled in) and writes noise from the alphabet plans are made of. Each
example runs under a SIGALRM guard, so a catastrophic regex fails the test with the
input that caused it instead of hanging the suite; the deadline is a hang guard,
generous enough for a slow CI machine, not a speed assertion.
"""

from __future__ import annotations

import signal
import tempfile
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plankg.errors import ParseError
from plankg.loaders import parse_file
from plankg.loaders.records import PlanRecord

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
SEED_TEXTS = [p.read_text("utf-8") for p in SEEDS]
HANG_SECONDS = 30
# What plans are made of: numbering, brackets, clause words, units, years, whitespace.
ALPHABET = list("一二三四五六七八九十百（）()【】〔〕、，。：；:;.．%％亿元万家个年月底前第条款项\t\n 　0123456789") + [
    "牵头单位", "责任单位", "配合单位", "牵头", "配合", "以下均需", "不再列出", "到2027年", "市工业和信息化局",
    "区发展改革委", "各镇（街道）", "附件", "主要指标", "|", "---", "序号", "任务", "完成时限",
]
FUZZ = settings(
    max_examples=60, deadline=timedelta(seconds=20), derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class Hung(Exception):
    pass


@contextmanager
def hang_guard(seconds: int = HANG_SECONDS):
    def _raise(signum, frame):
        raise Hung(f"the parser ran over {seconds} s")

    old = signal.signal(signal.SIGALRM, _raise)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def parse_text(text: str, name: str = "fuzz.txt") -> PlanRecord | ParseError:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_text(text, encoding="utf-8")
        with hang_guard():
            try:
                record = parse_file(path)
            except ParseError as exc:
                assert exc.path == str(path), "a ParseError names the file it was reading"
                assert str(exc).startswith(str(path))
                return exc
    assert isinstance(record, PlanRecord)
    return record


@st.composite
def mangled_seed(draw) -> str:
    text = draw(st.sampled_from(SEED_TEXTS))
    lines = text.splitlines()
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["cut", "double", "splice", "shuffle", "sprinkle", "truncate", "join"]))
        n = len(lines)
        if n < 2:
            break
        i = draw(st.integers(0, n - 1))
        j = draw(st.integers(i, min(n, i + 40)))
        if op == "cut":
            del lines[i:j]
        elif op == "double":
            lines[i:i] = lines[i:j] * draw(st.integers(2, 5))
        elif op == "splice":
            other = draw(st.sampled_from(SEED_TEXTS)).splitlines()
            k = draw(st.integers(0, len(other) - 1))
            lines[i:i] = other[k : k + 30]
        elif op == "shuffle":
            part = lines[i:j]
            lines[i:j] = draw(st.permutations(part)) if len(part) <= 12 else part[::-1]
        elif op == "sprinkle":
            line = lines[i]
            pos = draw(st.integers(0, len(line)))
            lines[i] = line[:pos] + "".join(draw(st.lists(st.sampled_from(ALPHABET), max_size=8))) + line[pos:]
        elif op == "truncate":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
            del lines[i + 1 :]
        elif op == "join":
            lines[i:j] = ["".join(lines[i:j])]
    return "\n".join(lines)


@given(mangled_seed())
@FUZZ
def test_mangled_seeds_parse_or_fail_clearly(text):
    parse_text(text)


@given(st.lists(st.sampled_from(ALPHABET), max_size=400).map("".join))
@FUZZ
def test_plan_shaped_noise_parses_or_fails_clearly(text):
    parse_text(text)


@given(st.text(max_size=2000))
@FUZZ
def test_any_unicode_parses_or_fails_clearly(text):
    parse_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "（" * 20000,
        "、" * 50000,
        "1." * 20000,
        "（一）" + "牵头单位：" * 5000,
        "（责任单位：" + "市工业和信息化局、" * 5000,
        "到2027年，" + "达到100亿元以上，" * 5000,
        "一、" + "a" * 200000,
        ("1.推进工作。（责任单位：区发展改革委）\n" * 5000),
        "\t|" * 30000,
        "第" + "一" * 30000 + "条",
    ],
    ids=["open-brackets", "enum-commas", "dotted-numbers", "lead-words", "long-clause", "targets", "one-long-line",
         "many-tasks", "table-cells", "long-ordinal"],
)
def test_long_pathological_inputs_do_not_hang(text):
    """Inputs built to make a backtracking regex go exponential or quadratic."""
    result = parse_text(text)
    if isinstance(result, PlanRecord) and text.startswith("1.推进"):
        assert len(result.tasks) == 5000


@pytest.mark.parametrize("seed", SEEDS, ids=[p.name[:3] for p in SEEDS])
def test_every_seed_doubled_still_parses(seed):
    """A plan pasted twice into one file: records or a clear error, and no crash."""
    parse_text(seed.read_text("utf-8") * 2, name=seed.name)
