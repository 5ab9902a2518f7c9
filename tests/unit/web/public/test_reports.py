"""Public reports of permits issued and finaled: totals, the monthly chart, CSV, print."""
from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timezone

NOVEMBER = {"start": "2026-11-01", "end": "2026-11-30", "street": "Sunset Blvd"}


def test_permits_issued_on_a_street_in_a_month_with_their_totals_and_rows(client):
    response = client.get("/reports", params=NOVEMBER)
    assert response.status_code == 200 and response.template.name == "reports/report.html"
    context = response.context
    assert [r.number for r in context["rows"]] == ["BLD2026-00042"]
    totals = context["totals"]
    assert (totals.count, str(totals.valuation), str(totals.fees)) == (1, "25000.00", "395.50")
    assert "$395.50" in response.text and "$25,000.00" in response.text
    assert [(b.month, b.count) for b in context["bars"]] == [("2026-11", 1)]
    assert 'role="img"' in response.text and "the most in November 2026 (1)" in response.text
    partial = client.get("/reports", params=NOVEMBER, headers={"HX-Request": "true"})
    assert partial.template.name == "reports/_results.html"
    assert partial.text.startswith('<section id="report"')


def test_permits_finaled_filtered_by_type_and_an_empty_month_shows_as_zero(client):
    response = client.get("/reports", params={"kind": "finaled", "start": "2025-03-01",
                                              "end": "2025-05-31", "type": "ELE"})
    assert "ELE2025-00007" in [r.number for r in response.context["rows"]]
    bars = {b.month: b.count for b in response.context["bars"]}
    assert list(bars) == ["2025-03", "2025-04", "2025-05"] and bars["2025-04"] >= 1
    other_type = client.get("/reports", params={"kind": "finaled", "start": "2025-03-01",
                                                "end": "2025-05-31", "type": "MEC"})
    assert "ELE2025-00007" not in [r.number for r in other_type.context["rows"]]


def test_bad_input_is_explained_beside_its_field_and_a_report_is_still_shown(client,
                                                                            set_clock):
    # 10 am on Monday 30 November 2026 in the city: the default range starts 1 December 2025.
    set_clock(datetime(2026, 11, 30, 18, 0, tzinfo=timezone.utc))
    response = client.get("/reports", params={"start": "2026-13-01", "end": "2026-01-01",
                                              "type": "XYZ", "kind": "built"})
    assert response.status_code == 400
    assert set(response.context["errors"]) == {"start", "type", "kind"}
    assert "Enter the first date as a date, for example 2026-01-31." in response.text
    assert 'id="f-type-error"' in response.text and "Choose a permit type" in response.text
    assert response.context["report"].start.isoformat() == "2025-12-01", "the default range"
    backwards = client.get("/reports", params={"start": "2026-11-30", "end": "2026-11-01"})
    assert backwards.status_code == 400
    assert "The last date must be on or after the first date." in backwards.text
    assert 'value="2026-11-30"' in backwards.text and 'value="2026-11-01"' in backwards.text, (
        "what was typed stays in the form")
    for page in ("²", "999999", "-1", "٢", "<b>"):  # as the permit and project searches say
        refused = client.get("/reports", params={"page": page})
        assert refused.status_code == 400 and "The page must be a whole number from 1 to 400" \
            in refused.text and refused.context["report"].page == 1, page
    nonsense = client.get("/reports", params={"street": "!!!"})
    assert "Type a street name" in nonsense.text and nonsense.context["report"].street == ""


def test_the_csv_streams_every_row_and_the_print_view_has_no_form(client):
    response = client.get("/reports.csv", params=NOVEMBER)
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == (
        'attachment; filename="permits-issued-2026-11-01-to-2026-11-30.csv"')
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0][:3] == ["Permit number", "Type", "Kind of work"]
    assert rows[1][0] == "BLD2026-00042" and rows[1][6:8] == ["25000.00", "395.50"]
    printed = client.get("/reports/print", params=NOVEMBER)
    assert printed.status_code == 200 and "<form" not in printed.text.split("<main")[1]
    assert "Street: Sunset Blvd." in printed.text
    links = re.findall(r'href="(/reports[^"]*)"', client.get("/reports", params=NOVEMBER).text)
    assert any(link.startswith("/reports.csv?") and "street=Sunset" in link for link in links)


def test_a_contractor_may_limit_the_report_to_their_own_permits(portal, contractor):
    client, _ = contractor
    params = {"start": "2026-11-01", "end": "2026-11-30"}
    offered = client.get("/reports", params=params)
    assert "Only my company's permits" in offered.text
    mine = client.get("/reports", params={**params, "mine": "yes"})
    assert mine.context["report"].contractor_license == "1012345"
    assert {r.number for r in mine.context["rows"]} >= {"BLD2026-00042"}
    assert all(r.contractor == "Acme Roofing Inc" for r in mine.context["rows"])
    public = portal.client().get("/reports", params={**params, "mine": "yes"})
    assert public.context["report"].contractor_license is None, "only for contractors"


def test_a_csv_asked_for_with_bad_input_is_the_page_saying_what_to_correct(client):
    """Not a file of another range than the one typed (second reading of issue 15)."""
    response = client.get("/reports.csv", params={"kind": "issued", "start": "٢٠٢٦-٠١-٠١",
                                                  "end": "9999-12-31"})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert "content-disposition" not in response.headers
    assert "A report covers at most 10 years." in response.text

