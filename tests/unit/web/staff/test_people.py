"""A supervisor adds, changes and deactivates staff and inspectors; others only read (§3)."""
from __future__ import annotations

import asyncio
import uuid
from datetime import date, timedelta

from db.engines import fetch_rows
from db.inspections.route import assign_district_to
from db.tables import District, Inspection, ReviewAssignment
from domain.accounts import Role
from tests.factories import free_number, make_permit, seed_scheduled_inspection
from tests.unit.web.contractor.test_applications import post
from tests.unit.web.inspector.test_inspector import signed_in_as
from tests.unit.web.journeys import csrf, new_email, sign_in, verified_contractor

NEW_PASSWORD = "tangerine-ladder-61"


def added(boss, role: str = "staff", **changes) -> tuple[int, str, object]:
    """A person added by ``boss``: (account id, e-mail, the response)."""
    email = new_email("city")
    response = post(boss, "/staff/people/new", **{
        "name": "Ingrid Halvorsen", "email": email, "phone": "(323) 555-0199", "role": role,
        "supervisor": "", **changes})
    assert response.status_code == 303, response.text[:300]
    return int(response.headers["location"].split("/")[3].split("?")[0]), email, response


def set_password(portal, email: str):
    """The newcomer opens the e-mailed link, chooses a password and signs in."""
    path = portal.link_to(email, "/account/reset/")
    client = portal.client()
    assert client.get(path).status_code == 200
    chosen = client.post(path, data={"password": NEW_PASSWORD, "csrf_token": csrf(client)},
                         follow_redirects=False)
    assert chosen.status_code == 303
    assert sign_in(client, email, NEW_PASSWORD).status_code == 303
    return client


def holding(portal, inspector_id: int) -> tuple[int, str]:
    """A scheduled inspection and a district of the inspector's: (inspection, district)."""
    code = "T" + uuid.uuid4().hex[:8]

    async def give():
        inspection = await seed_scheduled_inspection(portal.ids["roof"], date(2030, 1, 15))
        await Inspection.update({Inspection.inspector_account: inspector_id}).where(
            Inspection.id == inspection)
        await District.insert(District(code=code, inspector=inspector_id))
        return inspection

    portal.client()  # binds the portal's database
    return asyncio.run(give()), code


def test_a_supervisor_adds_an_inspector_who_sets_their_own_password(portal):
    boss, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)
    assert 'href="/staff/people"' in boss.get("/staff/inspections").text, "in the staff menu"
    account_id, email, response = added(boss, "inspector")
    shown = boss.get(response.headers["location"])
    assert shown.context["notice"] == (
        f"Added Ingrid Halvorsen (inspector). A link to set a password was e-mailed to {email}; "
        "it works once, for 3 days.")
    assert boss.get(f"/staff/people/{account_id}").context["notice"] == "", \
        "the address bar alone says nothing"
    [(subject, body)] = portal.mail_to(email)
    assert subject.startswith("Set your password") and "Dana Whitcombe made you an account" in body
    listed = next(p for p in boss.get("/staff/people").context["people"] if p.id == account_id)
    assert (listed.role, listed.active, listed.password_set) == (Role.INSPECTOR, True, False)
    newcomer = set_password(portal, email)
    assert newcomer.get("/inspector").status_code == 200
    assert "Active: has not set a password yet" not in boss.get(
        f"/staff/people/{account_id}").text
    assert fetch_rows(portal.url, "SELECT action FROM audit_event WHERE subject = "
                                  f"'account {account_id}' ORDER BY id")[:1] == [
        ("staff account created",)]


def test_an_address_in_use_or_a_bad_form_is_said_and_what_was_typed_stays(portal):
    boss, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)
    _, taken = verified_contractor(portal, "1012345")
    typed = {"name": "Rosa Delgado", "email": taken.upper(), "phone": "323-555-0123",
             "role": "inspector"}
    refused = post(boss, "/staff/people/new", **typed)
    assert refused.status_code == 422
    assert refused.context["errors"] == {"email": f"An account already uses {taken}: each "
                                                  "person signs in with an e-mail address of "
                                                  "their own."}
    assert refused.context["values"]["name"] == "Rosa Delgado" and 'value="Rosa Delgado"' in (
        refused.text)
    _, colleague, _ = added(boss)
    again = post(boss, "/staff/people/new", **{**typed, "email": colleague})  # not a 2nd tap
    assert again.status_code == 422 and again.context["errors"]["email"] == (
        f"{colleague} is already Ingrid Halvorsen's account: open it from the list of staff and "
        "inspectors (a deactivated account is reactivated there).")
    bad = post(boss, "/staff/people/new", name="x" * 121, email="not an address",
               phone="555", role="contractor", supervisor="yes")
    assert bad.status_code == 422
    assert set(bad.context["errors"]) == {"name", "email", "phone", "role"}
    assert "at most 120 characters" in bad.text and 'value="555"' in bad.text
    inspector_boss = post(boss, "/staff/people/new", name="Rosa Delgado",
                          email=new_email("rosa"), phone="323-555-0123", role="inspector",
                          supervisor="yes")
    assert inspector_boss.status_code == 422 and "Only staff can be supervisors" in (
        inspector_boss.text)


def test_the_same_form_sent_twice_adds_one_person_and_lands_on_their_page(portal):
    boss, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)
    email = new_email("twice")
    form = {"name": "Tomas Ortega", "email": email, "phone": "323-555-0124", "role": "staff"}
    first, second = (post(boss, "/staff/people/new", **form) for _ in range(2))
    assert first.status_code == second.status_code == 303
    assert first.headers["location"] == second.headers["location"]
    assert fetch_rows(portal.url, f"SELECT count(*) FROM account WHERE email = '{email}'") == [
        (1,)]
    assert len(portal.mail_to(email)) == 1


def test_other_staff_read_the_list_and_change_nothing(portal):
    boss, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)
    account_id, email, _ = added(boss)
    clerk, _ = signed_in_as(portal, Role.STAFF, "Carl Clerk")
    page = clerk.get("/staff/people")
    assert page.status_code == 200 and email in page.text
    assert f'href="/staff/people/{account_id}"' not in page.text
    assert "Only a supervisor adds or changes" in page.text and "Add a person" not in page.text
    for path in ("/staff/people/new", f"/staff/people/{account_id}",
                 f"/staff/people/{account_id}/deactivate"):
        assert clerk.get(path).status_code == 403, path
    for path, data in (("/staff/people/new", {"name": "Eve", "email": new_email("eve"),
                                              "phone": "3235550100", "role": "staff",
                                              "supervisor": "yes"}),
                       (f"/staff/people/{account_id}", {"name": "Eve", "phone": "3235550100",
                                                        "role": "staff", "supervisor": "yes"}),
                       (f"/staff/people/{account_id}/deactivate", {}),
                       (f"/staff/people/{account_id}/reactivate", {}),
                       (f"/staff/people/{account_id}/link", {})):
        refused = post(clerk, path, **data)
        assert refused.status_code == 403, path
        assert "Only a supervisor adds or changes" in refused.text
    assert fetch_rows(portal.url, f"SELECT first_name, supervisor, active FROM account WHERE "
                                  f"id = {account_id}") == [("Ingrid Halvorsen", 0, 1)]
    inspector, _ = signed_in_as(portal, Role.INSPECTOR, "Rosa Delgado")
    assert inspector.get("/staff/people").status_code == 403


def test_contractors_accounts_are_not_found_here_by_their_id(portal):
    boss, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)
    contractor, email = verified_contractor(portal, "1012345")
    [(contractor_id,)] = fetch_rows(portal.url, f"SELECT id FROM account WHERE email = '{email}'")
    assert email not in boss.get("/staff/people").text
    for path in (f"/staff/people/{contractor_id}", f"/staff/people/{contractor_id}/deactivate"):
        assert boss.get(path).status_code == 404
    for path in ("", "/deactivate", "/reactivate", "/link"):
        answer = post(boss, f"/staff/people/{contractor_id}{path}", name="Taken Over",
                      phone="3235550100", role="staff", supervisor="yes")
        assert answer.status_code == 404, path
    assert fetch_rows(portal.url, f"SELECT role, active, supervisor FROM account WHERE id = "
                                  f"{contractor_id}") == [("contractor", 1, 0)]
    assert contractor.get("/dashboard").status_code == 200


def test_deactivating_signs_the_person_out_everywhere_until_reactivated(portal):
    boss, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)
    account_id, email, _ = added(boss)
    person = set_password(portal, email)
    url = f"/staff/people/{account_id}/deactivate"
    asked = boss.get(url)
    assert asked.context["confirm"].question == "Deactivate Ingrid Halvorsen's account?"
    for _ in range(2):  # a double tap lands twice on the page that says it
        done = post(boss, url)
        assert done.status_code == 303
    assert boss.get(done.headers["location"]).context["notice"] == (
        "Ingrid Halvorsen's account is deactivated: they were signed out everywhere and cannot "
        "sign in.")
    assert person.get("/dashboard", follow_redirects=False).headers["location"].startswith(
        "/sign-in")
    assert sign_in(portal.client(), email, NEW_PASSWORD).status_code != 303
    assert boss.get(url, follow_redirects=False).status_code == 303, "Back: its page, not asked"
    assert "<strong>Deactivated</strong>" in boss.get("/staff/people").text
    assert fetch_rows(portal.url, "SELECT count(*) FROM audit_event WHERE action = 'account "
                                  f"deactivated' AND subject = 'account {account_id}'") == [(1,)]
    back = post(boss, f"/staff/people/{account_id}/reactivate")
    assert "active again" in boss.get(back.headers["location"]).context["notice"]
    assert sign_in(portal.client(), email, NEW_PASSWORD).status_code == 303


def test_an_inspectors_work_is_reassigned_before_they_are_deactivated_or_made_staff(portal):
    boss, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)
    inspector_id, _, _ = added(boss, "inspector")
    other, other_id = signed_in_as(portal, Role.INSPECTOR, "Rosa Delgado")
    inspection, district = holding(portal, inspector_id)
    listed = next(p for p in boss.get("/staff/people").context["people"] if p.id == inspector_id)
    assert (listed.holdings.scheduled, listed.holdings.districts) == (1, (district,))
    url = f"/staff/people/{inspector_id}/deactivate"
    asked = boss.get(url)
    assert "confirm" not in asked.context
    board = f'href="/staff/inspections?day=2030-01-15&amp;inspector={inspector_id}"'
    assert board in asked.text, "the board on the first one's day, narrowed to the inspector"
    said = ("Ingrid Halvorsen still has 1 scheduled inspection (the first on Tuesday 15 January "
            f"2030) and is the inspector of district {district}. Reassign them on the "
            "inspection board first, then deactivate the account.")
    assert asked.context["errors"] == {"deactivate": said}
    refused = post(boss, url)
    assert refused.status_code == 409 and refused.context["errors"] == {"deactivate": said}
    to_staff = post(boss, f"/staff/people/{inspector_id}", name="Ingrid H. Halvorsen",
                    phone="323-555-0199", role="staff")
    assert to_staff.status_code == 409 and "then change the role" in to_staff.text
    assert 'value="Ingrid H. Halvorsen"' in to_staff.text, "what was typed stays"
    assert post(boss, f"/staff/inspections/{inspection}/assign",
                inspector=str(other_id)).status_code == 303
    asyncio.run(assign_district_to(portal.app.state.database, district, other_id))
    assert post(boss, url).status_code == 303
    assert fetch_rows(portal.url, f"SELECT active FROM account WHERE id = {inspector_id}") == [
        (0,)]
    assert other.get("/inspector?day=2030-01-15").context["stops"][0].id == inspection


def reviewing(portal, reviewer_id: int) -> tuple[str, list[int]]:
    """An application in review whose two open disciplines are the reviewer's: (its number,
    the reviews' ids)."""
    async def give():
        number = await free_number("BLD2026")
        permit = await make_permit(number, portal.ids["sunset"], "8500 Sunset Blvd",
                                   subtype="Residential Remodel", description="Kitchen",
                                   status="In Review", applied_on=date(2026, 11, 30))
        rows = await ReviewAssignment.insert(*(ReviewAssignment(
            permit=permit, discipline=d, reviewer=reviewer_id, due_on=date(2026, 12, 14))
            for d in ("building", "planning")))
        return number, [row["id"] for row in rows]

    portal.client()  # binds the portal's database
    return asyncio.run(give())


def test_a_reviewers_open_plan_reviews_are_reassigned_before_deactivating_or_a_new_role(
        portal):
    boss, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)
    reviewer_id, _, _ = added(boss, "staff")
    _, other_id = signed_in_as(portal, Role.STAFF, "Carl Clerk")
    number, reviews = reviewing(portal, reviewer_id)
    url = f"/staff/people/{reviewer_id}/deactivate"
    said = ("Ingrid Halvorsen still has 2 open plan reviews. Reassign them in the plan review "
            "queue first, then deactivate the account.")
    asked = boss.get(url)
    assert "confirm" not in asked.context and asked.context["errors"] == {"deactivate": said}
    queue = f"/staff/reviews?reviewer={reviewer_id}"
    assert f'href="{queue}"' in asked.text, "the queue, narrowed to their reviews"
    assert [row.number for row in boss.get(queue).context["queue"].rows] == [number]
    refused = post(boss, url)
    assert refused.status_code == 409 and refused.context["errors"] == {"deactivate": said}
    to_inspector = post(boss, f"/staff/people/{reviewer_id}", name="Ingrid Halvorsen",
                        phone="323-555-0199", role="inspector")
    assert to_inspector.status_code == 409
    assert to_inspector.context["errors"]["role"] == said.replace(
        "deactivate the account", "change the role")
    assert fetch_rows(portal.url, f"SELECT role, active FROM account WHERE id = {reviewer_id}"
                      ) == [("staff", 1)]
    for review in reviews:
        assert post(boss, f"/staff/reviews/{number}/assign", assignment=str(review),
                    reviewer=str(other_id)).status_code == 303
    assert post(boss, url).status_code == 303
    assert fetch_rows(portal.url, f"SELECT active FROM account WHERE id = {reviewer_id}") == [
        (0,)]
    assert [row.number for row in boss.get(f"/staff/reviews?reviewer={other_id}"
                                           ).context["queue"].rows] == [number]


def test_saving_a_person_as_they_are_says_nothing_was_changed(portal):
    boss, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)
    account_id, _, _ = added(boss, "inspector")
    same = post(boss, f"/staff/people/{account_id}", name="Ingrid Halvorsen",
                phone="(323) 555-0199", role="inspector")
    assert same.status_code == 200 and same.context["notice"] == (
        "Nothing was changed: the details you saved were already the account's.")
    assert "Nothing was changed" in same.text
    assert fetch_rows(portal.url, "SELECT count(*) FROM audit_event WHERE action = 'staff "
                                  f"account changed' AND subject = 'account {account_id}'") == [
        (0,)]
    # A second tap of a real change lands where the first one did.
    form = {"name": "Ingrid Halvorsen", "phone": "323-555-0100", "role": "inspector"}
    first, second = post(boss, f"/staff/people/{account_id}", **form), post(
        boss, f"/staff/people/{account_id}", **form)
    assert first.status_code == second.status_code == 303
    assert boss.get(second.headers["location"]).context["notice"] == (
        "Saved: Ingrid Halvorsen is inspector.")


def test_a_newcomers_link_is_worded_for_a_first_password(portal):
    boss, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)
    _, email, _ = added(boss)
    path = portal.link_to(email, "/account/reset/")
    client = portal.client()
    page = client.get(path)
    assert "<h1>Choose your password</h1>" in page.text and "Save my password" in page.text
    assert "new password" not in page.text.lower() and "signs you out" not in page.text
    chosen = client.post(path, data={"password": NEW_PASSWORD, "csrf_token": csrf(client)},
                         follow_redirects=False)
    signing_in = client.get(chosen.headers["location"]).text
    assert "Your password is set. Sign in with your e-mail address" in signing_in
    assert "every other session" not in signing_in
    # Used, it is a reset link like any other from now on.
    assert "Password reset links work once and for 1 hour" in portal.client().get(path).text
    # A newcomer's link that expired says how long it lasted, and who sends a new one.
    _, late_email, _ = added(boss)
    late = portal.link_to(late_email, "/account/reset/")
    clock = portal.app.state.clock
    portal.app.state.clock = lambda: clock() + timedelta(days=3, minutes=1)
    try:
        expired = portal.client().get(late)
    finally:
        portal.app.state.clock = clock
    assert expired.status_code == 404
    assert "work once and for 3 days" in expired.text and "Ask your supervisor" in expired.text
    assert "Password reset links work once and for 1 hour" not in expired.text


def test_a_supervisor_keeps_their_own_flag_and_account(portal):
    boss, boss_id = signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)
    own = boss.get(f"/staff/people/{boss_id}")
    assert "Deactivate the account" not in own.text
    demoted = post(boss, f"/staff/people/{boss_id}", name="Dana Whitcombe",
                   phone="323-555-0101", role="staff", supervisor="")
    assert demoted.status_code == 409 and "your own supervisor role" in demoted.text
    assert post(boss, f"/staff/people/{boss_id}", name="Dana Whitcombe", phone="323-555-0101",
                role="inspector", supervisor="yes").status_code == 422
    assert post(boss, f"/staff/people/{boss_id}/deactivate").status_code == 409
    assert fetch_rows(portal.url, "SELECT supervisor, active, role FROM account WHERE id = "
                                  f"{boss_id}") == [(1, 1, "staff")]
    renamed = post(boss, f"/staff/people/{boss_id}", name="Dana R. Whitcombe",
                   phone="323-555-0101", role="staff", supervisor="yes")
    assert boss.get(renamed.headers["location"]).context["notice"] == (
        "Saved: Dana R. Whitcombe is staff, supervisor.")


def test_a_supervisor_promotes_a_clerk_and_the_change_applies_at_once(portal):
    boss, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)
    clerk, clerk_id = signed_in_as(portal, Role.STAFF, "Carl Clerk")
    assert clerk.get("/staff/people/new").status_code == 403
    assert post(boss, f"/staff/people/{clerk_id}", name="Carl Clerk", phone="323-555-0101",
                role="staff", supervisor="yes").status_code == 303
    assert clerk.get("/staff/people/new").status_code == 200
    [(before, after)] = fetch_rows(portal.url, "SELECT before, after FROM audit_event WHERE "
                                               f"subject = 'account {clerk_id}' AND action = "
                                               "'staff account changed'")
    assert (before, after) == ("supervisor: no", "supervisor: yes")


def test_a_new_link_is_sent_and_the_old_one_stops_working(portal):
    boss, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)
    account_id, email, _ = added(boss)
    first = portal.link_to(email, "/account/reset/")
    again = post(boss, f"/staff/people/{account_id}/link")
    assert again.status_code == 303
    assert "Links sent before no longer work." in boss.get(again.headers["location"]).text
    assert portal.client().get(first).status_code == 404
    assert portal.link_to(email, "/account/reset/") != first
    assert "Dana Whitcombe sent you a new link" in portal.mail_to(email)[-1][1]
