"""What cannot be undone is asked first and said after (issue 14 §10): cancelling an
inspection, unfollowing, deleting a draft, declining a colleague, withdrawing rules. With htmx
the question comes in place and the answer refreshes every count on the dashboard."""
from __future__ import annotations

import asyncio
import re
from datetime import date

from db.engines import fetch_rows
from tests.factories import seed_scheduled_inspection
from tests.unit.web.conftest import HTMX
from tests.unit.web.journeys import csrf, verified_contractor
from tests.unit.web.contractor.test_applications import post, start

QUESTION = "Cancel the Final inspection of BLD2026-00042 on Tuesday 15 January 2030?"
DONE = ("The Final inspection of BLD2026-00042 on Tuesday 15 January 2030 is cancelled. Its "
        "contacts were e-mailed.")


def scheduled_final(portal) -> int:
    portal.client()  # binds the portal's database
    return asyncio.run(seed_scheduled_inspection(portal.ids["roof"], date(2030, 1, 15)))


def status_of(portal, inspection: int) -> str:
    return fetch_rows(portal.url, f"SELECT status FROM inspection WHERE id = {inspection}")[0][0]


def test_cancelling_an_inspection_asks_first_and_then_says_what_was_cancelled(clock):
    client, _ = verified_contractor(clock, "1012345")
    inspection = scheduled_final(clock)
    page = client.get(f"/inspections/{inspection}")
    assert f'href="/inspections/{inspection}/cancel"' in page.text
    assert 'action="/inspections/' not in page.text, "no one-tap cancel button"
    asked = client.get(f"/inspections/{inspection}/cancel")
    assert asked.template.name == "confirm/confirm.html"
    assert f"<h1>{QUESTION}</h1>" in asked.text
    assert ">Cancel the inspection</button>" in asked.text and ">Keep it</a>" in asked.text
    assert status_of(clock, inspection) == "Scheduled", "asking changes nothing"
    done = client.post(f"/inspections/{inspection}/cancel", data={"csrf_token": csrf(client)},
                       follow_redirects=False)
    assert done.status_code == 303
    assert done.headers["location"] == f"/dashboard?cancelled={inspection}#dashboard-status", \
        "to the message: on a phone the section can be screens away"
    dashboard = client.get(done.headers["location"])
    assert re.search(r'<div id="dashboard-status" aria-live="polite"><p class="notice" '
                     r'role="status" tabindex="-1" data-notice>' + re.escape(DONE), dashboard.text)
    assert status_of(clock, inspection) == "Cancelled"


def test_with_htmx_the_question_comes_in_place_and_the_answer_updates_every_count(clock):
    client, _ = verified_contractor(clock, "1012345")
    inspection = scheduled_final(clock)
    before = client.get("/dashboard").context["counts"]["inspections"]
    asked = client.get(f"/inspections/{inspection}/cancel?from=dashboard", headers=HTMX)
    assert asked.template.name == "confirm/_confirm.html"
    assert 'autofocus' in asked.text and QUESTION in asked.text
    assert f'hx-post="/inspections/{inspection}/cancel" hx-target="#inspections"' in asked.text
    assert 'href="/dashboard#inspections" hx-get="/dashboard/inspections"' in asked.text
    done = client.post(f"/inspections/{inspection}/cancel", headers=HTMX,
                       data={"csrf_token": csrf(client)})
    assert done.status_code == 200 and done.headers["hx-trigger"] == "dashboard-changed"
    assert done.template.name == "dashboard/_section_response.html"
    assert f"My Active Inspections ({before - 1})</a>" in done.text, "the section links too"
    assert re.search(r'<div id="dashboard-status" hx-swap-oob="innerHTML"><p class="notice" '
                     r'role="status" tabindex="-1" data-notice>' + re.escape(DONE), done.text)
    assert '<nav id="dashboard-jump" aria-label="Dashboard sections" class="jump" ' \
           'hx-swap-oob="true">' in done.text


def test_a_made_up_message_in_the_address_is_not_shown(clock):
    client, _ = verified_contractor(clock, "1012345")
    inspection = scheduled_final(clock)
    dashboard = client.get(f"/dashboard?cancelled={inspection}&unfollowed=99999999"
                           "&deleted=nonsense&followed=BLD2026-00042")
    assert dashboard.context["notice"] is None, "the inspection is not cancelled"
    other, _ = verified_contractor(clock, "1023456")
    client.post(f"/inspections/{inspection}/cancel", data={"csrf_token": csrf(client)})
    assert other.get(f"/dashboard?cancelled={inspection}").context["notice"] is None, \
        "another company's inspection is not described"


def test_unfollowing_asks_first_and_says_the_e_mails_stop(contractor):
    client, _ = contractor
    client.post("/dashboard/follow", data={"number": "MEC2026-00003",
                                           "csrf_token": csrf(client)})
    [followed] = client.get("/dashboard").context["rows"]["followed"]
    asked = client.get(f"/dashboard/unfollow/{followed.id}")
    assert "<h1>Stop following MEC2026-00003?</h1>" in asked.text
    assert client.get("/dashboard").context["counts"]["followed"] == 1
    in_place = client.post(f"/dashboard/unfollow/{followed.id}", headers=HTMX,
                           data={"csrf_token": csrf(client)})
    assert "You no longer follow MEC2026-00003: you will get no more e-mails about it." \
        in in_place.text
    assert "Permits I Follow (0)</a>" in in_place.text


def test_deleting_a_draft_asks_first_from_the_wizard_and_the_dashboard(portal):
    client, _ = verified_contractor(portal, "1012345")
    draft = start(client, "e-building")
    post(client, f"/applications/{draft}/address", address="8500 Sunset Blvd")
    post(client, f"/applications/{draft}/scope", subtype="Re-roof", description="New roof")
    step = client.get(f"/applications/{draft}/valuation")
    assert f'href="/applications/{draft}/discard"' in step.text
    asked = client.get(f"/applications/{draft}/discard")
    assert ("<h1>Delete your draft E-BUILDING application for Re-roof at 8500 Sunset "
            "Blvd?</h1>") in asked.text
    assert f'href="/applications/{draft}"' in asked.text, "Keep it goes back to the draft"
    dashboard = client.get("/dashboard")
    assert f'href="/applications/{draft}/discard?from=dashboard"' in dashboard.text
    done = client.post(f"/applications/{draft}/discard", data={"csrf_token": csrf(client)},
                       follow_redirects=False)
    assert done.headers["location"] == f"/dashboard?deleted={draft}#dashboard-status"
    after = client.get(done.headers["location"])
    assert after.context["notice"] == \
        "Your draft E-BUILDING application for Re-roof at 8500 Sunset Blvd is deleted."
    assert draft not in [d.id for d in after.context["drafts"]]


def test_deleting_a_draft_in_place_names_it_and_counts_again(portal):
    client, _ = verified_contractor(portal, "1012345")
    draft = start(client, "e-plumbing")
    post(client, f"/applications/{draft}/address", address="8500 Sunset Blvd")
    count = client.get("/dashboard").context["counts"]["applications"]
    done = client.post(f"/applications/{draft}/discard", headers=HTMX,
                       data={"csrf_token": csrf(client)})
    assert done.template.name == "dashboard/_section_response.html"
    assert "Your draft E-PLUMBING application at 8500 Sunset Blvd is deleted." in done.text
    assert f"Applications in Progress ({count - 1})</a>" in done.text


def test_declining_a_colleague_asks_first_and_approving_or_declining_says_so(portal):
    import uuid

    from db.accounts.license_import import import_licenses
    from db.demo.licenses import license_row
    from tests.factories import KNOWN_TODAY
    from tests.unit.db.accounts.test_license_import import csv_lines
    from tests.unit.web.journeys import confirm_email, new_email, register_contractor

    license_no = str(5_000_000 + uuid.uuid4().int % 1_000_000)
    import_licenses(portal.url, csv_lines([license_row(license_no, "HARBOR BUILDERS INC",
                                                       today=KNOWN_TODAY)]))
    holder, _ = verified_contractor(portal, license_no)
    waiting = []
    for name in ("Luis Ortega", "Mina Park"):
        email = new_email("colleague")
        register_contractor(portal.client(), license_no, email, name=name)
        confirm_email(portal, portal.client(), email)
        waiting.append(fetch_rows(portal.url, f"SELECT id FROM account WHERE email = '{email}'"
                                  )[0][0])
    luis, mina = waiting
    profile = holder.get("/account")
    assert f'href="/account/colleagues/{luis}/decline"' in profile.text
    asked = holder.get(f"/account/colleagues/{luis}/decline")
    assert f"<h1>Decline Luis Ortega's request to join license {license_no}?</h1>" \
        in asked.text.replace("&#39;", "'")
    declined = holder.post(f"/account/colleagues/{luis}/decline",
                           data={"csrf_token": csrf(holder)})
    assert "You declined Luis Ortega&#39;s request. We e-mailed them." in declined.text
    approved = holder.post(f"/account/colleagues/{mina}/approve",
                           data={"csrf_token": csrf(holder)})
    assert "Mina Park is approved: they now see your company&#39;s permits." in approved.text
    again = holder.post(f"/account/colleagues/{luis}/approve", data={"csrf_token": csrf(holder)})
    assert again.status_code == 200, "a second tab's decision is not an error"
    assert "You declined Luis Ortega&#39;s request." in again.text, "what was decided first"



def test_a_second_tap_on_cancel_says_the_inspection_is_already_cancelled(clock):
    client, _ = verified_contractor(clock, "1012345")
    inspection = scheduled_final(clock)
    client.post(f"/inspections/{inspection}/cancel", data={"csrf_token": csrf(client)})
    again = client.post(f"/inspections/{inspection}/cancel", data={"csrf_token": csrf(client)},
                        follow_redirects=False)
    assert again.status_code == 303, "not an error page"
    assert client.get(again.headers["location"]).context["notice"] == DONE
    in_place = client.post(f"/inspections/{inspection}/cancel", headers=HTMX,
                           data={"csrf_token": csrf(client)})
    assert in_place.status_code == 200 and 'class="error' not in in_place.text
    assert ("The Final inspection of BLD2026-00042 on Tuesday 15 January 2030 was already "
            "cancelled: nothing more to do.") in in_place.text


def test_a_second_tap_on_delete_says_the_draft_is_already_deleted(portal):
    client, _ = verified_contractor(portal, "1012345")
    draft = start(client, "e-plumbing")
    post(client, f"/applications/{draft}/address", address="8500 Sunset Blvd")
    client.post(f"/applications/{draft}/discard", data={"csrf_token": csrf(client)})
    again = client.post(f"/applications/{draft}/discard", data={"csrf_token": csrf(client)},
                        follow_redirects=False)
    assert again.status_code == 303, "not a missing page"
    assert client.get(again.headers["location"]).context["notice"] == \
        "Your draft E-PLUMBING application at 8500 Sunset Blvd is deleted."
    in_place = client.post(f"/applications/{draft}/discard", headers=HTMX,
                           data={"csrf_token": csrf(client)})
    assert ("Your draft E-PLUMBING application at 8500 Sunset Blvd was already deleted: "
            "nothing more to do.") in in_place.text
    other, _ = verified_contractor(portal, "1012345")
    assert other.post(f"/applications/{draft}/discard",
                      data={"csrf_token": csrf(other)}).status_code == 404, \
        "someone else's deleted draft is not described"


def test_a_forged_deleted_message_in_the_address_is_not_shown(portal):
    client, _ = verified_contractor(portal, "1012345")
    draft = start(client, "e-building")
    for forged in ("e-building", str(draft), "99999999"):
        assert client.get(f"/dashboard?deleted={forged}").context["notice"] is None


def test_unfollowing_a_permit_not_followed_says_calmly_there_was_nothing_to_stop(contractor,
                                                                               portal):
    client, _ = contractor
    [(permit_id,)] = fetch_rows(portal.url, "SELECT id FROM permit WHERE number = "
                                "'MEC2026-00003'")
    calm = "You do not follow MEC2026-00003, so there are no e-mails about it to stop."
    asked = client.get(f"/dashboard/unfollow/{permit_id}", follow_redirects=False)
    assert asked.headers["location"] == \
        f"/dashboard?not_following={permit_id}#dashboard-status"
    assert client.get(asked.headers["location"]).context["notice"] == calm
    done = client.post(f"/dashboard/unfollow/{permit_id}", data={"csrf_token": csrf(client)},
                       follow_redirects=False)
    assert done.status_code == 303
    assert client.get(done.headers["location"]).context["notice"] == calm
    in_place = client.post(f"/dashboard/unfollow/{permit_id}", headers=HTMX,
                           data={"csrf_token": csrf(client)})
    assert in_place.status_code == 200 and calm in in_place.text
    client.post("/dashboard/follow", data={"number": "MEC2026-00003",
                                           "csrf_token": csrf(client)})
    assert client.get(f"/dashboard?not_following={permit_id}").context["notice"] is None, \
        "not said while it is not true"
