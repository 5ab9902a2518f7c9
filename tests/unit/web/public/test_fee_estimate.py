"""The public fee estimator: one URL per estimate, a fragment as you type, a print view."""
from __future__ import annotations

from decimal import Decimal

import pytest

from tests.unit.web.conftest import HTMX

REROOF = {"type": "BLD", "subtype": "Re-roof"}


def test_the_start_lists_every_type_of_work_by_permit_type(client):
    page = client.get("/fees/estimate")
    assert page.template.name == "fees/choose.html"
    assert "Re-roof" in page.text and "EV Charger" in page.text
    assert "/fees/estimate?type=ELE&amp;subtype=EV%20Charger" in page.text


def test_a_shared_url_reproduces_the_whole_estimate(client):
    page = client.get("/fees/estimate", params={**REROOF, "valuation": "113,000",
                                                "stories": "2"})
    assert page.status_code == 200
    assert page.template.name == "fees/estimate.html"
    assessment = page.context["assessment"]
    assert assessment.total == Decimal("1171.57")
    assert "$993.75 + 13 × $5.60 per $1,000 over $100,000" in page.text
    assert 'value="113,000"' in page.text
    assert "$1,171.57" in page.text


def test_typing_gets_only_the_estimate_and_the_field_messages(client):
    fragment = client.get("/fees/estimate", headers=HTMX,
                          params={"type": "ELE", "subtype": "EV Charger", "valuation": "3500",
                                  "ELE-EV": "1", "ELE-CIRCUIT": "2"})
    assert fragment.template.name == "fees/_estimate_response.html"
    assert fragment.text.lstrip().startswith('<section id="estimate"')
    assert "<html" not in fragment.text
    assert "$135.36" in fragment.text  # 35 + 75 + 17 + 4.60 + 2.76 + 1
    assert 'id="f-valuation-error" hx-swap-oob="true"' in fragment.text


def test_bad_input_is_refused_beside_the_field_and_nothing_typed_is_lost(client):
    page = client.get("/fees/estimate", params={"type": "MEC", "subtype": "HVAC Change-out",
                                                "valuation": "-40", "MEC-AC": "2.5"})
    assert page.status_code == 422
    assert set(page.context["errors"]) == {"valuation", "item-MEC-AC"}
    assert page.context["assessment"] is None
    assert 'value="-40"' in page.text and 'value="2.5"' in page.text
    assert 'href="#f-item-MEC-AC"' in page.text
    fragment = client.get("/fees/estimate", headers=HTMX,
                          params={"type": "MEC", "subtype": "HVAC Change-out",
                                  "valuation": "abc"})
    assert fragment.status_code == 422
    assert "Valuation: enter the number in digits, like $18,500.50." in fragment.text


def test_an_unknown_type_of_work_is_a_clear_400_with_the_list(client):
    page = client.get("/fees/estimate", params={"type": "BLD", "subtype": "Moon base"})
    assert page.status_code == 400
    assert "Choose the type of work" in page.text and "Re-roof" in page.text


def test_the_print_view_has_the_lines_and_no_form(client):
    page = client.get("/fees/estimate/print", params={**REROOF, "valuation": "18500",
                                                      "stories": "1"})
    assert page.template.name == "fees/print.html"
    assert "$335.24" in page.text and "<form" not in page.text
    bad = client.get("/fees/estimate/print", params={**REROOF, "valuation": "x"})
    assert bad.template.name == "fees/estimate.html" and bad.status_code == 422


def test_choosing_a_type_of_work_shows_an_empty_estimate_and_no_error(client):
    for params in (REROOF, {**REROOF, "valuation": "", "stories": ""},
                   {"type": "MEC", "subtype": "HVAC Change-out"}):
        page = client.get("/fees/estimate", params=params)
        assert page.status_code == 200 and page.context["errors"] == {}
        assert "There is a problem" not in page.text and "Error:" not in page.text
        assert 'aria-invalid="true"' not in page.text
        assert "to see every fee with its formula" in page.text


@pytest.mark.parametrize("path", ["/fees/estimate", "/fees/estimate/print"])
@pytest.mark.parametrize("params, field", [
    ({"type": "MEC", "subtype": "HVAC Change-out", "MEC-AC": "1" + "0" * 5000}, "item-MEC-AC"),
    ({**REROOF, "valuation": "1" + "0" * 5000, "stories": "1"}, "valuation"),
    ({**REROOF, "valuation": "9" * 4301, "stories": "1"}, "valuation"),
    ({**REROOF, "valuation": "9000", "stories": "1" + "0" * 5000}, "stories"),
    ({**REROOF, "valuation": "١٠٠٠", "stories": "1"}, "valuation"),
])
def test_thousands_of_digits_are_a_field_error_not_a_crash(client, path, params, field):
    page = client.get(path, params=params)
    assert page.status_code == 422 and set(page.context["errors"]) == {field}
    assert f'href="#f-{field}"' in page.text


def test_the_estimate_asks_the_stories_before_charging_smip(client):
    waiting = client.get("/fees/estimate", headers=HTMX, params={**REROOF, "valuation": "9000"})
    assert waiting.status_code == 200 and waiting.context["errors"] == {}
    assert "Enter the stories of the building above to see the fees" in waiting.text
    low = client.get("/fees/estimate", params={**REROOF, "valuation": "100000", "stories": "3"})
    high = client.get("/fees/estimate", params={**REROOF, "valuation": "100000", "stories": "4"})
    smip = {page: next(line for line in page.context["assessment"].lines if line.code == "SMIP")
            for page in (low, high)}
    assert (smip[low].amount, smip[high].amount) == (Decimal("13.00"), Decimal("28.00"))
    assert "(residential, 4 stories: the rate of all other buildings)" in high.text
    printed = client.get("/fees/estimate/print", params={**REROOF, "valuation": "100000",
                                                         "stories": "4"})
    assert "Stories of the building: 4" in printed.text and "$28.00" in printed.text
    refused = client.get("/fees/estimate", params={**REROOF, "valuation": "9000", "stories": "0"})
    assert refused.status_code == 422 and "from 1 to 150" in refused.context["errors"]["stories"]


def test_the_smip_acronym_is_spelled_out_where_a_page_first_uses_it(portal):
    from tests.unit.web.journeys import verified_contractor
    from tests.unit.web.contractor.test_applications import post, start

    estimate = portal.client().get("/fees/estimate", params={
        "type": "BLD", "subtype": "Residential Remodel"}).text
    client, _ = verified_contractor(portal, "1012345")
    draft = start(client, "e-building")
    post(client, f"/applications/{draft}/address", address="8500 Sunset Blvd")
    post(client, f"/applications/{draft}/scope", subtype="Residential Remodel",
         description="Kitchen")
    step = client.get(f"/applications/{draft}/valuation").text
    for page in (estimate, step):
        main = page[page.index("<main"):]
        assert "SMIP" in main
        assert main.index("Strong Motion Instrumentation Program (SMIP)") == \
            main.index("SMIP") - len("Strong Motion Instrumentation Program (")
