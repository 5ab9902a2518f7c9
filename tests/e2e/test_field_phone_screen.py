"""An inspector's phone screen (issue 17 §3): a header of one row and a bar at the bottom on
inspector pages, the day's stops put in the inspector's own order (kept on the phone offline,
sent when online), and the times they arrived and left each site. Service workers are allowed."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.account_pages import sign_in_as
from tests.e2e.field_phones import (  # noqa: F401 (fixtures: field, phone, phone_without_js)
    PASSWORD, field, inspector_with_route, phone, phone_without_js, signed_in_on_today
)
from tests.e2e.inspector_pages import InspectorPage, eventually, rows

pytestmark = pytest.mark.offline

HEADER_AT_MOST_PX = 56


def header_height(tab) -> float:
    return tab.page.get_by_role("banner").bounding_box()["height"]


def expect_phone_chrome(tab) -> None:
    """The header is one row; the bar is on screen, at its bottom, above nothing it hides."""
    assert header_height(tab) <= HEADER_AT_MOST_PX
    bar = tab.page.get_by_role("navigation", name="Inspector")
    expect(bar).to_be_visible()
    expect(bar.get_by_role("link", name="Today")).to_be_visible()
    expect(bar.get_by_role("link", name="Search")).to_be_visible()
    box = bar.bounding_box()
    assert abs(box["y"] + box["height"] - 740) <= 1, "fixed at the bottom of the screen"
    # Scrolled to the end, the page's last words are above the bar, not under it.
    tab.page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    last = tab.page.locator("footer.site p").last.bounding_box()
    assert last["y"] + last["height"] <= box["y"] + 1


def stop_order(tab) -> list[str]:
    return tab.page.locator("#route > li strong").all_inner_texts()


def saved_order(field, email: str) -> list[int] | None:
    found = rows(field.database_url, "SELECT r.stops FROM route_order r JOIN account a ON "
                 "a.id = r.account WHERE a.email = ?", email)
    return [int(i) for i in re.findall(r"\d+", found[0][0])] if found else None


def test_the_header_is_one_row_and_the_bar_stays_at_the_bottom(phone, field):
    email, route = inspector_with_route(field, 2)
    page = signed_in_on_today(phone, email)
    expect_phone_chrome(phone)
    bar = phone.page.get_by_role("navigation", name="Inspector")
    expect(bar.get_by_role("link", name="On this device: All synced")).to_be_visible()
    expect(bar.get_by_role("link", name="Today")).to_have_attribute("aria-current", "page")
    phone.check()
    # The rest of the header is behind "Menu", by keyboard too.
    menu = phone.page.get_by_role("banner").get_by_text("Menu")
    menu.focus()
    phone.page.keyboard.press("Enter")
    main_nav = phone.page.get_by_role("navigation", name="Main")
    expect(main_nav.get_by_role("link", name="Account")).to_be_visible()
    expect(main_nav.get_by_role("button", name="Sign out")).to_be_visible()
    phone.check()
    phone.page.keyboard.press("Enter")
    expect(main_nav).to_be_hidden()
    page.open_stop(route[0]["address"])
    expect_phone_chrome(phone)
    phone.check()
    # Left before Arrived: refused beside the buttons; what is typed in the result form stays.
    phone.page.get_by_label("Notes for the contractor").fill("Ridge vent missing")
    phone.page.get_by_role("button", name="Left").click()
    refusal = phone.page.locator("#f-visit .field-error")
    expect(refusal).to_contain_text("Press Arrived when you reach the site")
    expect(refusal).to_be_focused()
    expect(phone.page.get_by_label("Notes for the contractor")).to_have_value("Ridge vent missing")
    phone.check()
    bar.get_by_role("link", name="Search").click()
    expect(page.heading).to_contain_text("Search")
    phone.page.goto("/inspector/offline")
    expect(page.heading).to_have_text("This page is not saved on this device")
    expect_phone_chrome(phone)
    phone.check()


def test_stops_moved_offline_keep_their_order_on_the_phone_and_sync_when_back(phone, field):
    email, route = inspector_with_route(field, 3)
    first, second, third = (stop["address"] for stop in route)
    page = signed_in_on_today(phone, email)
    status = phone.page.locator("#route-order-state")
    assert stop_order(phone) == [first, second, third]
    expect(phone.page.get_by_role("button", name=f"Move up the stop at {first}")).to_be_disabled()
    up = phone.page.get_by_role("button", name=f"Move up the stop at {third}")
    up.focus()
    phone.page.keyboard.press("Enter")
    assert stop_order(phone) == [first, third, second]
    expect(up).to_be_focused()
    expect(status).to_have_text("Your order of the stops is saved.")
    ids = {stop["address"]: stop["id"] for stop in route}
    eventually(lambda: saved_order(field, email), [ids[first], ids[third], ids[second]])
    phone.check()

    phone.page.context.set_offline(True)
    phone.page.get_by_role("button", name=f"Move up the stop at {third}").click()
    assert stop_order(phone) == [third, first, second]
    expect(phone.page.get_by_role("button", name=f"Move down the stop at {third}")).to_be_focused()
    expect(status).to_have_text(f"Moved {third} to stop 1 of 3.")
    bar = phone.page.get_by_role("navigation", name="Inspector")
    expect(bar.get_by_role("link", name="On this device: Offline · 1 waiting")).to_be_visible()
    # The saved route is the server's copy from before the moves: the phone's order is shown.
    phone.page.reload()
    expect(page.saved).to_have_text(re.compile(r"^Offline · route saved at "))
    expect(status).to_have_text("Your order on this device is shown: it is sent when the "
                                "connection is back.")
    assert stop_order(phone) == [third, first, second]
    # Arriving at the first stop with no connection: the phone keeps the time.
    page.open_stop(third)
    phone.page.get_by_role("button", name="Arrived").click()
    expect(phone.page.get_by_role("status").filter(has_text="Saved on this device")
           ).to_be_visible()
    expect(phone.page.locator(".visit-line")).to_have_text(
        re.compile(r"^on this device, not sent yet: Arrived \d{1,2}:\d\d am$"))
    phone.check()
    assert saved_order(field, email) == [ids[first], ids[third], ids[second]], "nothing sent"

    phone.page.context.set_offline(False)
    expect(bar.get_by_role("link", name="On this device: All synced")).to_be_visible()
    eventually(lambda: saved_order(field, email), [ids[third], ids[first], ids[second]])
    arrived = rows(field.database_url, "SELECT arrived_at, left_at FROM inspection WHERE id = ?",
                   ids[third])
    assert arrived[0][0] is not None and arrived[0][1] is None
    # Online, Left is recorded at once and the stop's times are redrawn.
    phone.page.get_by_role("button", name="Left").click()
    expect(phone.page.locator(".visit-line")).to_have_text(
        re.compile(r"^Arrived \d{1,2}:\d\d am · Left \d{1,2}:\d\d am$"))
    expect(phone.page.get_by_role("button", name="Left")).to_be_focused()
    phone.check()
    page.back_to_route()
    assert stop_order(phone) == [third, first, second]
    expect(phone.page.locator(f"#stop-{ids[third]} .visit-line")).to_have_text(
        re.compile(r"^Arrived \d{1,2}:\d\d am · Left \d{1,2}:\d\d am$"))
    phone.check()


def test_without_javascript_a_stop_moves_and_the_route_opens_at_it(phone_without_js, field):
    email, route = inspector_with_route(field, 2)
    first, second = (stop["address"] for stop in route)
    tab = phone_without_js
    sign_in_as(tab, email, PASSWORD)
    page = InspectorPage(tab)
    page.open_today()
    assert header_height(tab) <= HEADER_AT_MOST_PX
    expect(tab.page.get_by_role("navigation", name="Inspector").get_by_role(
        "link", name="Today")).to_be_visible()
    tab.page.get_by_role("button", name=f"Move up the stop at {second}").click()
    expect(page.heading).to_have_text(re.compile(r"^Today: "))
    assert tab.page.url.endswith(f"#stop-{route[1]['id']}")
    assert stop_order(tab) == [second, first]
    tab.check()
