"""The public pulls a report of permits issued, pages through it, downloads it and prints it."""
from __future__ import annotations

import csv
import io
import re

from playwright.sync_api import expect

from tests.e2e.account_pages import FormPage


def test_the_public_pulls_a_report_of_permits_issued_and_downloads_it(tab, server):
    tab.page.goto(server.base_url + "/")
    tab.page.get_by_role("contentinfo").get_by_role(
        "link", name="Reports of permits issued and finaled").click()
    page = FormPage(tab)
    expect(page.heading).to_have_text("Reports: permits issued and finaled")
    page.fill("From", "2020-01-01")
    page.fill("To", "2024-12-31")
    page.press("Show the report")
    report = tab.page.get_by_role("region", name=re.compile("^Permits issued, "))
    expect(report).to_contain_text("Wednesday 1 January 2020 to Tuesday 31 December 2024")
    expect(report.get_by_role("img", name="Permits issued per month")).to_be_visible()
    count = int(report.locator(".totals dd").first.inner_text().replace(",", ""))
    assert count > 50, "more than a page"
    tab.check()
    report.get_by_role("link", name="Next page").click()
    expect(tab.page.get_by_role("table", name=re.compile("page 2"))).to_be_visible()
    assert "page=2" in tab.page.url
    tab.check()
    href = tab.page.get_by_role("link", name="Download as CSV").get_attribute("href")
    download = tab.page.request.get(server.base_url + href)
    rows = list(csv.reader(io.StringIO(download.text())))
    assert len(rows) == count + 1 and rows[0][0] == "Permit number"
    assert all("2020-01-01" <= row[5] <= "2024-12-31" for row in rows[1:])
    tab.page.get_by_role("link", name="Print view").click()
    expect(page.heading).to_have_text(re.compile("^Permits issued, "))
    expect(tab.page.get_by_role("main")).not_to_contain_text("Show the report")
    tab.check()


def test_without_javascript_a_report_of_permits_finaled_by_type(tab_without_js, server):
    tab = tab_without_js
    page = FormPage(tab)
    page.goto(server.base_url + "/reports")
    tab.page.get_by_label("Permits finaled").check()
    page.fill("From", "2014-01-01")
    tab.page.get_by_text("Filters").click()
    tab.page.get_by_label("Permit type").select_option(label="Electrical")
    page.press("Show the report")
    report = tab.page.get_by_role("region", name=re.compile("^Permits finaled, "))
    expect(report.get_by_role("table", name=re.compile("^Permits finaled, newest first"))
           ).to_contain_text("ELE")
    expect(report.get_by_role("table", name=re.compile("newest first"))).not_to_contain_text("BLD20")
    tab.check()
