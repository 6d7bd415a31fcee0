"""Every task of every seed, exactly: number, section, part, title, line, and each
unit's raw name, agency id, lead, lead basis and inheritance. The expectations in
tests/expected/<seed>.toml were written against a reading of the seed texts."""

import tomllib
from pathlib import Path

import pytest

from plankg.loaders import parse_file

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def expected(seed: Path) -> dict:
    return tomllib.loads((ROOT / "tests" / "expected" / f"{seed.name[:3]}.toml").read_text("utf-8"))


@pytest.fixture(scope="module", params=SEEDS, ids=lambda p: p.name[:3])
def seed(request):
    return parse_file(request.param), expected(request.param)


def test_plan_metadata(seed):
    record, exp = seed
    p, e = record.plan, exp["plan"]
    assert p.title == e["title"]
    assert p.issuer_id == e["issuer_id"]
    assert p.issuer_level == e["issuer_level"]
    assert p.kind == e["kind"]
    assert [p.period_start, p.period_end] == e["period"]
    assert p.status == e["status"]
    assert p.document_number == e.get("document_number")
    assert p.issue_date == e.get("issue_date")
    assert p.issuing_office == e.get("issuing_office")
    assert p.copied_to == e["copied_to"]


def test_every_task_exactly(seed):
    record, exp = seed
    got = [
        {
            "number": -1 if t.number is None else t.number,
            "label": t.label,
            "section": t.section or "",
            "part": t.part,
            "title": t.title,
            "line": t.line,
            "units": [[u.raw, u.agency_id, u.lead, u.lead_basis, u.inherited] for u in t.units],
        }
        for t in record.tasks
    ]
    assert got == exp["tasks"]


def test_copied_bodies_are_never_responsible(seed):
    record, _ = seed
    raws = {u.raw for t in record.tasks for u in t.units}
    assert not raws & set(record.plan.copied_to)


def test_ids_are_stable_and_unique(seed):
    record, _ = seed
    again = parse_file(record.source.path)
    assert [t.id for t in again.tasks] == [t.id for t in record.tasks]
    assert len({t.id for t in record.tasks}) == len(record.tasks)
    assert record.plan.id.startswith("p-") and len(record.plan.id) == 12
