"""`kh-extract report` in a real browser: Debian's Chromium, headless, driven by Selenium.

The report is built from a real run over the corpus's plans (plus a file that
fails and one that is not a document), then opened from disk as a user opens
it. What is checked is what a user sees: no console errors and nothing fetched
from the network, the counts on the page equal the tables, search finds the
same rows with and without diacritics, filters narrow to the right rows, a
citation's tooltip shows its normalized fields, a task's link lands on its text.
Screenshots of the overview and of one plan are written and their paths printed
(KH_SCREENSHOTS=DIR to choose where).
"""
from __future__ import annotations

import os
import shutil
import time

import pytest
from runner_corpus import SEEDS

CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="no Chromium at /usr/bin/chromium (make setup installs it)")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from extractor.report.build import build_report
    from extractor.runner import run_corpus

    d = tmp_path_factory.mktemp("report")
    src = d / "plans"
    src.mkdir()
    for p in SEEDS:
        shutil.copy(p, src)
    (src / "empty.txt").write_bytes(b"")
    (src / "notes.md").write_text("ghi chú\n")
    out = str(d / "out")
    tables, _ = run_corpus([str(src)], out, workers=2, quiet=True)
    res = build_report(out)
    return os.path.dirname(res.index), tables, res


@pytest.fixture(scope="module")
def browser():
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not fetch a browser or a driver
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    assert os.path.exists(DRIVER), "chromedriver missing: make setup installs the Debian package chromium-driver"
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(DRIVER), options=opts)
    yield drv
    drv.quit()


def _open(browser, site, page: str):
    browser.get("file://" + os.path.join(site[0], page))
    return browser


def _total(browser, table_id: str) -> int:
    return int(browser.find_element("css selector", f"#{table_id} .count").get_attribute("data-total"))


def _type(browser, table_id: str, text: str) -> int:
    box = browser.find_element("css selector", f"#{table_id} input.search")
    box.clear()
    box.send_keys(text)
    return _total(browser, table_id)


def _plan_with(tables, part: str) -> str:
    """The file of the plan with the most rows of `part`."""
    return tables.documents.merge(getattr(tables, part).groupby("file").size().rename("n").reset_index(), on="file") \
        .sort_values(["n", "file"], ascending=[False, True]).iloc[0]["file"]


def _page_of(tables, file: str) -> str:
    return f"plans/{list(tables.documents['file']).index(file)}.html"


def test_every_page_loads_with_no_console_error_and_no_network(site, browser):
    pages = ["index.html", "citations.html"] + [f"plans/{n}" for n in sorted(os.listdir(os.path.join(site[0], "plans")))]
    assert len(pages) == 2 + len(site[1].documents)
    for page in pages:
        _open(browser, site, page)
        errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
        assert not errors, (page, errors)
        refs = browser.execute_script("return [...document.querySelectorAll('[src],link[href]')]"
                                      ".map(e => e.getAttribute('src') || e.getAttribute('href'))")
        assert refs and not [r for r in refs if r.startswith(("http:", "https:", "//"))], (page, refs)
        assert browser.execute_script("return typeof KH === 'object' && "
                                      "getComputedStyle(document.body).fontFamily.includes('Liberation')"), page


def test_counts_shown_equal_the_tables(site, browser):
    from extractor.cli_citations import flagged

    _, t, _ = site
    _open(browser, site, "index.html")
    shown = {i: int(browser.find_element("css selector", f"#{i} b").text)
             for i in ("n-plans", "n-citations", "n-errors", "n-flagged", "n-skipped")}
    assert shown == {"n-plans": len(t.documents), "n-citations": len(t.citations), "n-errors": len(t.errors),
                     "n-flagged": len(flagged(t.citations)), "n-skipped": 1}
    assert _total(browser, "plans") == len(t.documents) and _total(browser, "errors") == len(t.errors) == 1
    bars = browser.find_elements("css selector", "#chart-type .bar")
    assert sum(int(b.get_attribute("data-count")) for b in bars) == len(t.documents)
    years = {b.get_attribute("data-label"): int(b.get_attribute("data-count"))
             for b in browser.find_elements("css selector", "#chart-year .bar")}
    want = t.documents["plan_year"].astype("string").fillna("(not read)").value_counts()
    assert years == {str(k): int(v) for k, v in want.items()}
    _open(browser, site, "citations.html")
    assert _total(browser, "cits") == len(t.citations) and _total(browser, "flagged") == len(flagged(t.citations))
    file = _plan_with(t, "citations")
    _open(browser, site, _page_of(t, file))
    mine = t.citations[t.citations["file"] == file]
    assert len(browser.find_elements("css selector", ".text pre mark.cit")) == len(mine)
    assert len(browser.find_elements("css selector", "#tasks tbody tr")) == (t.tasks["file"] == file).sum()


def _expected(browser, table_id: str, query: str) -> int:
    """Rows of the page's own data holding every word of `query`, folded as Python folds it."""
    from extractor.tables.sqlite import folded

    data = browser.execute_script(f"return JSON.parse(document.getElementById('{table_id}-data').textContent)")
    keys = [c["k"] for c in data["columns"]]
    words = folded(query).split()
    hay = [folded(" ".join("" if r.get(k) is None else str(r[k]) for k in keys)) for r in data["rows"]]
    return sum(all(w in h for w in words) for h in hay)


def test_search_works_with_and_without_diacritics(site, browser):
    _, t, _ = site
    _open(browser, site, "citations.html")
    marked, bare = _type(browser, "cits", "Thủ tướng Chính phủ"), _type(browser, "cits", "thu tuong chinh phu")
    assert marked == bare == _expected(browser, "cits", "thu tuong chinh phu") > 0
    assert marked < len(t.citations)
    assert _type(browser, "cits", "Đ") == _type(browser, "cits", "d")  # đ folds to d on both sides
    _open(browser, site, "index.html")
    issuer = t.documents["issuer"].dropna().iloc[0]
    from extractor.tables.sqlite import folded

    assert _type(browser, "plans", issuer) == _type(browser, "plans", folded(issuer)) >= 1
    file = _plan_with(t, "citations")
    _open(browser, site, _page_of(t, file))
    find = browser.find_element("id", "find")
    find.send_keys("căn cứ")
    with_marks = int(browser.find_element("id", "find-count").get_attribute("data-total"))
    find.clear()
    find.send_keys("can cu")
    without = int(browser.find_element("id", "find-count").get_attribute("data-total"))
    from extractor.ingest import load

    assert with_marks == without == folded(load(file).text).count("can cu") > 0


def test_filters_narrow_to_the_right_rows(site, browser):
    from selenium.webdriver.support.ui import Select

    _, t, _ = site
    _open(browser, site, "citations.html")
    Select(browser.find_element("css selector", '#cits select[data-key="relation"]')).select_by_visible_text("basis")
    assert _total(browser, "cits") == (t.citations["relation"] == "basis").sum() > 0
    _type(browser, "cits", "thu tuong")
    both = t.citations[(t.citations["relation"] == "basis")]
    assert _total(browser, "cits") <= len(both)
    _open(browser, site, "index.html")
    year = str(t.documents["plan_year"].dropna().iloc[0])
    Select(browser.find_element("css selector", '#plans select[data-key="year"]')).select_by_visible_text(year)
    assert _total(browser, "plans") == (t.documents["plan_year"].astype(str) == year).sum()
    browser.find_element("css selector", "#plans th[data-key='date']").click()
    dates = [r.find_elements("tag name", "td")[4].text for r in browser.find_elements("css selector", "#plans tbody tr")]
    assert dates == sorted(dates, key=lambda d: (d == "", d))


def test_a_citation_tooltip_shows_its_normalized_fields(site, browser):
    from selenium.webdriver.common.action_chains import ActionChains

    _, t, _ = site
    file = _plan_with(t, "citations")
    _open(browser, site, _page_of(t, file))
    row = t.citations[(t.citations["file"] == file) & t.citations["code"].notna() & t.citations["date"].notna()].iloc[0]
    mark = browser.find_element("id", f"c-{row['item']}")
    ActionChains(browser).move_to_element(mark).perform()
    tip = browser.find_element("id", "tip")
    assert tip.is_displayed()
    assert row["code"] in tip.text and row["date"] in tip.text and row["relation"] in tip.text
    assert f"code: {row['code']}" in mark.get_attribute("title")
    assert mark.text.startswith(row["text"][:10])  # the words as written are what is marked


def test_a_task_link_goes_to_its_text(site, browser):
    from extractor.ingest import load

    _, t, _ = site
    file = _plan_with(t, "tasks")
    _open(browser, site, _page_of(t, file))
    task = t.tasks[t.tasks["file"] == file].iloc[-1]
    link = browser.find_element("css selector", f'#tasks a[href="#t-{task["item"]}"]')
    browser.execute_script("arguments[0].scrollIntoView()", link)
    link.click()
    time.sleep(0.2)
    assert browser.execute_script("return location.hash") == f"#t-{task['item']}"
    top = browser.execute_script(f"return document.getElementById('t-{task['item']}').getBoundingClientRect().top")
    assert 0 <= top <= browser.execute_script("return innerHeight")
    after = browser.execute_script(
        f"var a = document.getElementById('t-{task['item']}'), r = document.createRange();"
        "r.setStartAfter(a); r.setEndAfter(document.querySelector('.text pre').lastChild); return r.toString().slice(0, 12)")
    start = int(task["char_start"])
    assert after == load(file).text[start:start + 12]


def test_the_graph_links_plans_and_filters_by_document(site, browser):
    _, t, _ = site
    _open(browser, site, "citations.html")
    node = browser.find_elements("css selector", ".graph .dn")[0]
    key = node.get_attribute("data-key")
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", node)
    assert _total(browser, "cits") >= (t.citations["key"] == key).sum() > 0
    plans = browser.find_elements("css selector", ".graph a")
    assert plans and all(a.get_dom_attribute("href").startswith("plans/") for a in plans)


def test_screenshots_of_the_overview_and_a_plan(site, browser, tmp_path_factory, capsys):
    _, t, res = site
    d = os.environ.get("KH_SCREENSHOTS") or str(tmp_path_factory.getbasetemp() / "report-screenshots")
    os.makedirs(d, exist_ok=True)
    shots = []
    for page, name in (("index.html", "overview.png"), (_page_of(t, _plan_with(t, "citations")), "plan.png")):
        t0 = time.monotonic()
        _open(browser, site, page)
        ms = browser.execute_script("var n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd")
        path = os.path.join(d, name)
        browser.save_screenshot(path)
        assert os.path.getsize(path) > 20_000  # a page with content, not a blank one
        shots.append(f"{path} ({page}: {os.path.getsize(os.path.join(site[0], page)) / 1e3:.0f} kB, "
                     f"load {ms:.0f} ms, wall {time.monotonic() - t0:.2f} s)")
    from selenium.webdriver.common.action_chains import ActionChains

    mark = browser.find_elements("css selector", ".text pre mark.cit")[-1]  # the page of the last shot
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    ActionChains(browser).move_to_element(mark).perform()
    path = os.path.join(d, "plan-tooltip.png")
    browser.save_screenshot(path)
    shots.append(f"{path} (a citation's tooltip)")
    with capsys.disabled():
        print("\nreport screenshots:\n  " + "\n  ".join(shots))
