"""`plankg parse`: JSON shape, and bad inputs that fail alone with a clear error."""

import json
from pathlib import Path

from typer.testing import CliRunner

from plankg.api.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "002_b7aee50e3d2b1925.txt"
runner = CliRunner()


def test_json_shape():
    res = runner.invoke(app, ["parse", str(SEED), "--format", "json"])
    assert res.exit_code == 0, res.output
    [rec] = json.loads(res.stdout)
    assert set(rec["source"]) >= {"path", "sha256", "encoding"}
    assert rec["plan"]["issuer"] == "盐城市"
    task = rec["tasks"][0]
    assert set(task) >= {"number", "label", "section", "part", "title", "text", "line", "units", "targets"}
    unit = task["units"][0]
    assert set(unit) >= {"raw", "agency_id", "agency_name", "jurisdiction", "kind", "lead", "lead_basis", "inherited"}
    assert unit["raw"] == "市工信局" and unit["lead"] is True and unit["lead_basis"] == "explicit"
    assert "市工信局" in res.stdout  # Chinese is written as is, not \u-escaped
    for key in ("indicators", "goals", "industries", "sections"):
        assert isinstance(rec[key], list)


def test_bad_inputs_each_named_and_others_still_parsed(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    notplan = tmp_path / "letter.txt"
    notplan.write_text("各位同事：\n\n下周一上午开会，请准时参加。\n", encoding="utf-8")
    undecodable = tmp_path / "bad.txt"
    undecodable.write_bytes("第一行\n".encode() + b"\xff\xfe\xfd\xff\x80\x80\n")
    gb = tmp_path / "gb.txt"
    gb.write_bytes(SEED.read_text("utf-8").encode("gb18030"))
    res = runner.invoke(app, ["parse", str(empty), str(binary), str(notplan), str(undecodable), str(gb), "--format", "json"])
    assert res.exit_code != 0
    err = res.stderr.replace("\n", "")  # the console wraps long lines
    assert f"{empty}: the file is empty" in err
    assert str(binary) in err and "binary" in err
    assert f"{notplan}: no tasks found" in err
    assert f"{undecodable}:2: cannot decode" in err
    [rec] = json.loads(res.stdout)
    assert rec["source"]["encoding"] == "gb18030"
    assert len(rec["tasks"]) == 22


def test_table_summary_on_seeds():
    res = runner.invoke(app, ["parse", str(ROOT / "seeds"), "--format", "table"], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    for issuer in ("溧水区", "武进区", "盐城市", "无锡市", "宿迁市"):
        assert issuer in res.stdout
