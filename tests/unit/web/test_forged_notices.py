"""A message after an action is said from what is true now, never from the address alone
(issue 14 §10, second reading): a crafted link such as /inspections/7?requested=1 or
/account?changed=1 shows no message that did not happen."""
from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from db.engines import fetch_rows
from tests.unit.test_support import accounts_page_with
from tests.unit.web.contractor.test_destructive_actions import scheduled_final
from tests.unit.web.inspection_journeys import TUESDAY_MORNING
from tests.unit.web.journeys import csrf, staff_client, verified_contractor

TEMPLATES = Path(__file__).parents[3] / "web" / "templates"


def test_no_template_reads_a_message_from_the_address():
    readers = [str(path.relative_to(TEMPLATES)) for path in TEMPLATES.rglob("*.html")
               if "query_params" in path.read_text() and not path.match("inspector/*")]
    assert readers == [], "a route decides from the database whether the message is true"


def test_a_forged_inspection_requested_message_is_not_shown(clock):
    client, _ = verified_contractor(clock, "1012345")
    inspection = scheduled_final(clock)
    client.post(f"/inspections/{inspection}/cancel", data={"csrf_token": csrf(client)})
    page = client.get(f"/inspections/{inspection}?requested=1")
    assert "<h1>Inspection requested</h1>" not in page.text, "it is cancelled"


def test_a_forged_password_changed_message_is_not_shown(contractor):
    client, _ = contractor
    assert "Your password was changed" not in client.get("/account?changed=1").text


def test_a_forged_password_reset_message_is_not_shown(portal):
    visitor = portal.client()
    csrf(visitor)
    for forged in ("1", "yes", "0" * 24):
        assert "Your password was changed" not in visitor.get(f"/sign-in?reset={forged}").text


def test_a_forged_claim_message_is_not_shown(contractor):
    client, _ = contractor
    assert "Your account is now linked" not in client.get("/dashboard?claimed=1").text, \
        "approved by staff, never linked with a code"
    assert "We will mail a new letter" not in client.get("/account/claim?asked=1").text


def test_a_forged_account_decision_names_no_text_from_the_address(portal):
    staff = staff_client(portal)
    page = staff.get("/staff/accounts?decided=hacked%20by%20someone")
    assert "hacked" not in page.text and "The account was" not in page.text
    assert re.search(r"The account was", staff.get("/staff/accounts?decided=999999").text) is None


AFTER_ACTION = re.compile(r"\{%\s*(?:el)?if (notice|changed|reset|asked|withdrawn|decided|nothing"
                          r"|again|saved|resubmitted|nothing_due[^%]*|claimed|requested|cleared"
                          r"|assigned|sent)\s*%\}"
                          r"\s*<(p|div) class=\"(notice|confirmation)\"([^>]*)>")


def test_every_message_after_an_action_is_focused_when_shown():
    """Focus (by permitline.js) is what scrolls a message into a phone's view and has a
    screen reader read it; the attributes are what it looks for."""
    found = []
    for path in TEMPLATES.rglob("*.html"):
        for match in AFTER_ACTION.finditer(path.read_text()):
            found.append((path.name, match[1]))
            assert 'tabindex="-1" data-notice' in match[4], (path.name, match[0])
    assert len(found) >= 14, found


def account_id(portal, email: str) -> int:
    return fetch_rows(portal.url, f"SELECT id FROM account WHERE email = '{email}'")[0][0]


def test_an_account_decision_is_said_only_to_the_staff_member_who_just_took_it(clock):
    from tests.unit.web.staff.test_staff_accounts import applicant_of, waiting_contractor

    staff, colleague = staff_client(clock), staff_client(clock)
    _, long_verified = verified_contractor(clock, "1012345")
    said = "was approved; the applicant is being e-mailed"
    for forged in ("1", account_id(clock, long_verified), 987654321):
        assert said not in staff.get(f"/staff/accounts?decided={forged}").text, forged
    email = waiting_contractor(clock, "7654329")
    applicant = applicant_of(accounts_page_with(staff, email), email).id
    staff.post(f"/staff/accounts/{applicant}/decide",
               data={"csrf_token": csrf(staff), "decision": "approve"})
    assert said in staff.get(f"/staff/accounts?decided={applicant}").text
    assert said not in colleague.get(f"/staff/accounts?decided={applicant}").text, \
        "a colleague decided nothing"
    clock.app.state.clock = lambda: TUESDAY_MORNING + timedelta(minutes=11)
    assert said not in staff.get(f"/staff/accounts?decided={applicant}").text, "long ago"


def test_a_colleague_approval_is_said_only_to_the_account_that_just_approved_them(clock):
    from tests.unit.web.journeys import confirm_email, new_email, register_contractor

    holder, _ = verified_contractor(clock, "1012345")
    fellow, fellow_email = verified_contractor(clock, "1012345")
    said = "is approved: they now see your company"
    for forged in (account_id(clock, fellow_email), 987654321, "1"):
        assert said not in holder.get(f"/account?approved={forged}").text, forged
    email = new_email("colleague")
    register_contractor(clock.client(), "1012345", email, name="Mina Park")
    confirm_email(clock, clock.client(), email)
    mina = account_id(clock, email)
    approved = holder.post(f"/account/colleagues/{mina}/approve", data={"csrf_token": csrf(holder)})
    assert said in approved.text
    assert said not in fellow.get(f"/account?approved={mina}").text, "the fellow approved nobody"
    clock.app.state.clock = lambda: TUESDAY_MORNING + timedelta(minutes=11)
    assert said not in holder.get(f"/account?approved={mina}").text, "long ago"


def test_unfollowing_is_said_only_to_the_account_that_just_stopped_following(clock):
    client, _ = verified_contractor(clock, "1012345")
    other, _ = verified_contractor(clock, "1012345")
    [(permit_id,)] = fetch_rows(clock.url, "SELECT id FROM permit WHERE number = "
                                "'MEC2026-00003'")
    said = "You no longer follow MEC2026-00003"
    forged = f"/dashboard?unfollowed={permit_id}&not_following={permit_id}"
    assert said not in client.get(forged).text, "never followed it"
    client.post("/dashboard/follow", data={"number": "MEC2026-00003",
                                           "csrf_token": csrf(client)})
    done = client.post(f"/dashboard/unfollow/{permit_id}", data={"csrf_token": csrf(client)})
    assert said in done.text
    assert said not in other.get(forged).text, "the other account followed nothing"
    clock.app.state.clock = lambda: TUESDAY_MORNING + timedelta(minutes=11)
    assert said not in client.get(forged).text, "long ago"


def test_linked_by_code_is_said_only_just_after_the_code_linked_the_account(clock):
    from tests.unit.web.account.test_company_claims import company_with_a_permit
    from tests.unit.web.journeys import claimed_contractor

    said = "Your account is now linked"
    claimed, _ = claimed_contractor(clock, company_with_a_permit(clock)[0])
    assert said in claimed.get("/dashboard?claimed=1").text
    clock.app.state.clock = lambda: TUESDAY_MORNING + timedelta(minutes=11)
    assert said not in claimed.get("/dashboard?claimed=1").text, "long ago"


def test_a_deleted_draft_is_said_only_while_no_draft_has_its_id_and_only_to_its_owner(clock):
    from tests.unit.web.contractor.test_applications import post, start

    client, _ = verified_contractor(clock, "1012345")
    other, _ = verified_contractor(clock, "1012345")
    deleted = start(client, "e-plumbing")
    post(client, f"/applications/{deleted}/address", address="8500 Sunset Blvd")
    done = client.post(f"/applications/{deleted}/discard", data={"csrf_token": csrf(client)})
    said = "Your draft E-PLUMBING application at 8500 Sunset Blvd is deleted."
    assert said in done.text
    assert said not in other.get(f"/dashboard?deleted={deleted}").text, "not theirs"
    assert said not in client.get("/dashboard?deleted=987654321").text
    alive = start(client, "e-building")
    assert said not in client.get(f"/dashboard?deleted={alive}").text, \
        "a draft that is alive (SQLite may give it the deleted one's id) is not deleted"
    client.post(f"/applications/{alive}/discard", data={"csrf_token": csrf(client)})
    now_said = "Your draft E-BUILDING application is deleted."
    assert now_said in client.get(f"/dashboard?deleted={alive}").text, "the newest deletion"
    clock.app.state.clock = lambda: TUESDAY_MORNING + timedelta(minutes=11)
    assert "is deleted" not in client.get(f"/dashboard?deleted={alive}").text, "long ago"


def test_the_check_email_page_tells_a_signed_in_account_no_link_is_waiting(portal):
    from tests.unit.web.journeys import confirm_email, new_email, register_contractor, sign_in

    sent = "We sent you a link"
    visitor = portal.client()
    assert sent in visitor.get("/register/check-email?for=contractor").text, "after registering"
    client, _ = verified_contractor(portal, "1012345")
    for forged in ("contractor", "owner-builder", ""):
        page = client.get(f"/register/check-email?for={forged}").text
        assert sent not in page and "Your account is pending" not in page, forged
        assert "Your account is approved: nothing is pending." in page
    waiting = portal.client()
    email = new_email("waiting")
    register_contractor(waiting, "1012345", email)
    confirm_email(portal, waiting, email)
    sign_in(waiting, email)
    page = waiting.get("/register/check-email?for=owner-builder").text
    assert sent not in page and "Your e-mail address is confirmed" in page
    assert "Your account is pending" in page and "owner-builder declaration" not in page, \
        "its own role, not the address's"


def test_a_cancellation_is_said_only_to_the_account_that_just_cancelled(clock):
    client, _ = verified_contractor(clock, "1012345")
    colleague, _ = verified_contractor(clock, "1012345")
    inspection = scheduled_final(clock)
    done = client.post(f"/inspections/{inspection}/cancel", data={"csrf_token": csrf(client)})
    assert "is cancelled. Its contacts were e-mailed." in done.text
    assert colleague.get(f"/dashboard?cancelled={inspection}").context["notice"] is None, \
        "the colleague cancelled nothing"
    clock.app.state.clock = lambda: TUESDAY_MORNING + timedelta(minutes=11)
    assert client.get(f"/dashboard?cancelled={inspection}").context["notice"] is None, \
        "long ago"
