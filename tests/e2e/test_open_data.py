"""The public finds the city's open permit data, downloads the BLDS files, and they validate."""
from __future__ import annotations

from playwright.sync_api import expect

from domain.blds import FIELDS, PERMITS
from web.commands.open_data import check_file


def test_the_public_downloads_the_blds_files_and_each_one_validates(tab, server, tmp_path):
    tab.page.goto(server.base_url + "/")
    tab.page.get_by_role("contentinfo").get_by_role(
        "link", name="Open data: permits and inspections (BLDS)").click()
    expect(tab.page.get_by_role("heading", level=1)).to_have_text(
        "Open data: permits and inspections")
    tab.page.get_by_text("Fields of permits", exact=True).click()
    expect(tab.page.get_by_role("main")).to_contain_text("At least one of AppliedDate and IssuedDate.")
    fields = tab.page.get_by_role("region", name="Permits").get_by_role("definition")
    expect(fields.nth(list(FIELDS[PERMITS]).index("Fee"))).to_have_text("Whole number")
    expect(fields.last).to_contain_text("Not a BLDS field")
    tab.check()
    for name in ("Permits", "Inspections", "Permit status changes"):
        for fmt in ("CSV", "JSON"):
            link = tab.page.get_by_role("link", name=f"{name} as {fmt}", exact=True)
            response = tab.page.request.get(server.base_url + link.get_attribute("href"))
            assert response.ok
            path = tmp_path / link.get_attribute("href").rsplit("/", 1)[1]
            path.write_bytes(response.body())
            report = check_file(path)
            assert report.counts["error"] == report.counts["warning"] == 0, (
                path.name, [str(p) for p in report.problems[:5]])
            assert report.records > 0
    lines = (tmp_path / "permits.csv").read_text().splitlines()
    (tmp_path / "broken.csv").write_text("\n".join([lines[0], lines[1].replace(",CA,", ",,")]))
    assert [str(p) for p in check_file(tmp_path / "broken.csv").problems
            if p.level == "error"] == ["row 1: OriginalState: required, but empty"]
