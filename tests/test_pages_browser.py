"""The dashboard in headless Chromium (tests/browser.py): each page opens at 1366×768,
a filter is clicked and a drill-down followed, the numbers shown are the seeds',
no request leaves the machine and the script raises no error. Screenshots go to
tests/artifacts/; the overview's becomes the README's docs/img/dashboard.png with
PLANKG_UPDATE_DOCS_IMG=1.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from test_pages import LISHUI, LISHUI_IIT, expected_workload

pytestmark = pytest.mark.browser
DOCS_IMG = Path(__file__).resolve().parent.parent / "docs" / "img" / "dashboard.png"


@pytest.fixture
def page(browser_page):
    browser_page.set_viewport_size({"width": 1366, "height": 768})
    return browser_page


def cells(page, table: str, col: str) -> list[str]:
    return [c.strip() for c in page.locator(f'table[data-table="{table}"] tbody td[data-col="{col}"]').all_inner_texts()]


def assert_clean(page):
    assert page.external_requests == []
    assert page.console_errors == []


def test_overview_filter_and_drill_down(page, live_server, seed_records):
    expected = expected_workload(seed_records)
    page.goto(live_server.url + "/")
    assert page.title().startswith("任务负荷总览")
    assert cells(page, "workload", "name")[:5] == [e["name"] for e in expected[:5]]
    assert [int(x) for x in cells(page, "workload", "tasks")[:5]] == [e["tasks"] for e in expected[:5]]
    # the chart is drawn by the vendored Chart.js from the same rows
    stacked = page.evaluate("window.workloadChart.data.datasets.map(d => d.data[0])")
    top = expected[0]
    assert stacked == [top["lead_explicit"], top["lead_first_listed"], max(top["support"] - top["inherited"], 0), top["inherited"]]
    assert page.evaluate("window.workloadChart.data.labels.length") == min(20, len(expected))
    shot = page.snap("dashboard-overview")
    # the README's picture: refreshed on request only, so a test run leaves the tree clean
    if os.environ.get("PLANKG_UPDATE_DOCS_IMG") or not DOCS_IMG.exists():
        DOCS_IMG.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, DOCS_IMG)

    # a filter: choosing 溧水区 submits the form; the URL holds the state
    with page.expect_navigation():
        page.select_option('select[name="jurisdiction"]', LISHUI)
    assert unquote(page.url) == live_server.url + "/?jurisdiction=" + LISHUI
    lishui = expected_workload(seed_records, lambda r, u: u.jurisdiction.startswith(LISHUI))
    assert cells(page, "workload", "name") == [e["name"] for e in lishui]
    assert set(cells(page, "workload", "jurisdiction")) == {"溧水区"}
    page.snap("dashboard-overview-lishui")

    # a drill-down: 溧水区工信局 → its page, 12 tasks (7 first-listed leads, 5 support)
    with page.expect_navigation():
        page.get_by_role("link", name="溧水区工业和信息化局", exact=True).click()
    assert unquote(page.url).split("/agencies/")[1] == LISHUI_IIT
    counts = {k: page.locator(f'#agency-counts [data-count="{k}"]').inner_text() for k in ("tasks", "lead_first_listed", "support")}
    assert counts == {"tasks": "12", "lead_first_listed": "7", "support": "5"}
    assert len(cells(page, "tasks", "title")) == 12
    page.snap("dashboard-agency")
    # its ego network (the /viz/ page) embedded below, loaded offline like the rest
    page.locator("#ego-frame").scroll_into_view_if_needed()
    page.wait_for_function("""() => { const d = document.getElementById('ego-frame').contentDocument;
                                      return d && d.readyState === 'complete' && d.body && d.body.innerText.includes('溧水区工业和信息化局'); }""")
    assert_clean(page)


def test_kind_view_and_sorting(page, live_server, seed_records):
    page.goto(live_server.url + "/")
    with page.expect_navigation():
        page.click("#view-kind")
    assert "view=kind" in page.url
    functions = cells(page, "workload", "function")
    assert functions[0] == "工业和信息化局"
    with page.expect_navigation():
        page.click('table[data-table="workload"] th[data-col="support"] a')
    supports = [int(x) for x in cells(page, "workload", "support")]
    assert supports == sorted(supports, reverse=True)
    assert "sort=support" in page.url
    assert_clean(page)


def test_plan_industry_year_pages(page, live_server, seed_records):
    rec = next(r for r in seed_records if r.plan.issuer == "溧水区")
    page.goto(live_server.url + "/plans/" + quote(rec.plan.id, safe=""))
    assert page.locator("#plan-title").inner_text() == rec.plan.title
    assert len(cells(page, "tasks", "title")) == len(rec.tasks)
    row = page.locator('table[data-table="indicators"] tbody tr', has_text="规上工业总产值").first
    assert [row.locator(f'td[data-col="y{y}"]').inner_text() for y in (2026, 2027, 2028)] == ["1338", "1441", "1550"]
    # sparklines are drawn (Chart.js attaches a chart to each canvas)
    assert page.evaluate("Array.from(document.querySelectorAll('canvas.spark')).every(c => Chart.getChart(c))")
    page.snap("dashboard-plan")

    with page.expect_navigation():
        page.locator('table[data-table="industries"] a', has_text="机器人").first.click()
    assert page.locator("#industry-name").inner_text() == "机器人"
    issuers = {r.plan.issuer for r in seed_records for m in r.industries if m.canonical == "机器人"}
    assert set(cells(page, "jurisdictions", "issuer")) == issuers
    page.snap("dashboard-industry")

    page.goto(live_server.url + "/years/2026")
    due = cells(page, "due", "year")
    assert due and set(due) == {"2026"}
    with page.expect_navigation():
        page.check('input[name="by"]')
    assert "by=1" in page.url and {"2025", "2026"} <= set(cells(page, "due", "year"))
    page.snap("dashboard-year")
    assert_clean(page)


def test_english_overview(page, live_server):
    page.goto(live_server.url + "/")
    with page.expect_navigation():
        page.click("#lang-switch")
    assert page.url.endswith("lang=en")
    assert page.locator("h1").inner_text() == "Workload overview"
    first = page.locator('table[data-table="workload"] tbody a').first
    assert first.get_attribute("href").endswith("lang=en")
    page.snap("dashboard-overview-en")
    assert_clean(page)
