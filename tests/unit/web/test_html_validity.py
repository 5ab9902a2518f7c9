"""The main pages are valid HTML by the Nu HTML Checker, htmx's attributes aside (issue 14 §9).

The checker is the W3C's own (vnu.jar from the vnu-jar npm package), installed by `make
test` into .tools/ and run on Java offline. htmx's `hx-*` attributes are not in the HTML
standard (its `data-hx-*` spelling would be, but every template and DESIGN §2 use `hx-*`), so
the checker's "Attribute hx-… not allowed" errors are the only ones let through.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from domain.accounts import Role
from tests.unit.web.inspection_journeys import WEDNESDAY, form as request_form, ready_permit
from tests.unit.web.inspector.test_inspector import booked_inspection, signed_in_as
from tests.unit.web.journeys import csrf, verified_contractor

ROOT = Path(__file__).resolve().parents[3]
VNU = ROOT / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
HTMX_ATTRIBUTE = re.compile(r"^Attribute “hx-[a-z-]+” not allowed on element “[a-z]+” at "
                            r"this point\.$")


def nu_errors(pages: dict[str, str], directory: Path) -> list[str]:
    """The checker's errors on each page (name: HTML), as "name line: message"."""
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail("The Nu HTML Checker is not installed: run `make .tools/node_modules/"
                    "vnu-jar/build/dist/vnu.jar /usr/bin/java` (make test does it).")
    files = []
    for name, html in pages.items():
        files.append(directory / f"{name}.html")
        files[-1].write_text(html, encoding="utf-8")
    run = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json",
                          *map(str, files)], capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr)["messages"]
    return [f"{Path(m.get('url', '?')).stem} {m.get('lastLine', '?')}: {m['message']}"
            for m in messages if m["type"] in ("error", "non-document-error")
            and not HTMX_ATTRIBUTE.match(m["message"])]


def main_pages(portal) -> dict[str, str]:
    """The ten pages people use most, each in a state that shows its content: what a visitor,
    a contractor, an inspector and staff open every day."""
    visitor = portal.client()
    number, inspection_id, contractor = booked_inspection(portal)
    inspector, inspector_id = signed_in_as(portal, Role.INSPECTOR, "Ingrid Halvorsen")
    staff, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)
    staff.post(f"/staff/inspections/{inspection_id}/assign",
               data={"csrf_token": csrf(staff), "inspector": str(inspector_id)})
    day = WEDNESDAY.isoformat()
    wanted = {
        "home": (visitor, "/"),
        "permit-search": (visitor, "/permits?q=roof"),
        "permit": (visitor, f"/permits/{number}"),
        "projects": (visitor, "/projects"),
        "fee-estimate": (visitor, "/fees/estimate?type=MEC&subtype=HVAC%20Change-out&MEC-AC=1"),
        "sign-in": (visitor, "/sign-in"),
        "register": (visitor, "/register/contractor?license=1012345"),
        "dashboard": (contractor, "/dashboard"),
        "inspector-route": (inspector, f"/inspector?day={day}"),
        "staff-inspections": (staff, f"/staff/inspections?day={day}"),
    }
    pages = {}
    for name, (client, path) in wanted.items():
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        pages[name] = response.text
    return pages


def test_the_ten_main_pages_have_no_errors_in_the_nu_html_checker(clock, tmp_path):
    pages = main_pages(clock)
    assert "BLD" in pages["permit-search"] and "Ingrid Halvorsen" in pages["staff-inspections"]
    assert nu_errors(pages, tmp_path) == []


def test_the_forms_that_ask_for_personal_details_are_valid_too(portal, tmp_path):
    """Their autocomplete tokens above all: `street-address` is for a multi-line box and was
    refused on the owner-builder's one-line address."""
    visitor = portal.client()
    contractor, email = verified_contractor(portal, "1012345")
    wrong = visitor.post("/sign-in", data={"email": email, "password": "not-it",
                                           "csrf_token": csrf(visitor)})
    pages = {
        "owner-builder": visitor.get("/register/owner-builder").text,
        "sign-in-error": wrong.text,
        "password": contractor.get("/account/password").text,
        "profile": contractor.get("/account").text,
    }
    assert nu_errors(pages, tmp_path) == []


def test_the_staff_pages_built_from_shared_macros_are_valid(portal, tmp_path):
    """The rule pages (one base, the report table macro, the new-version form), the audit log
    and the phone line's locks: a macro's argument once rendered an id as literal braces."""
    staff, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)
    paths = {"fees": "/staff/rules/fees", "types": "/staff/rules/inspection-types",
             "scheduling": "/staff/rules/scheduling", "rules": "/staff/rules",
             "checklists": "/staff/rules/checklists",
             "audit-log": "/staff/audit", "pin-locks": "/staff/phone-line",
             "review-queue": "/staff/reviews?type=BLD", "review-refused": "/staff/reviews?age=1",
             "search": "/staff/search?q=8500+Sunset+Blvd", "search-group":
             "/staff/search?q=Sunset&group=permits", "search-refused": "/staff/search?group=x",
             "accounts": "/staff/accounts?role=contractor",
             "accounts-refused": "/staff/accounts?role=x",
             "conflicts": "/staff/conflicts?after=1", "cashier": "/staff/cashier",
             "cashier-refused": "/staff/cashier?day=2026-13-01",
             "fee-adjustments": "/staff/permits/BLD2026-00042/fees",
             "staff-notes": "/staff/permits/BLD2026-00042/notes",
             "audit-filtered": "/staff/audit?channel=web&who=x%40example.com&about=BLD2026-42",
             "audit-refused": "/staff/audit?channel=fax&from=x"}
    pages = {name: staff.get(path).text for name, path in paths.items()}
    assert 'id="items-MEC-title"' in pages["fees"] and "{{" not in pages["fees"]
    assert nu_errors(pages, tmp_path) == []


def test_the_counter_pages_are_valid_in_each_state(clock, tmp_path):
    """Booking, moving and cancelling for a caller (a supervisor's override fields too), and
    the board narrowed to a district with a refused handover (issue 16 §3)."""
    staff, _ = signed_in_as(clock, Role.STAFF, "Dana Whitcombe", supervisor=True)
    number = ready_permit(clock)
    booked = staff.post(f"/staff/permits/{number}/inspections/book",
                        data=request_form(staff), follow_redirects=False)
    inspection = booked.headers["location"].split("?")[0]
    day = WEDNESDAY.isoformat()
    refused = staff.post("/staff/inspections/handover",
                         data={"csrf_token": csrf(staff), "day": day, "from": "1", "to": ""})
    pages = {name: staff.get(path).text for name, path in {
        "book": f"/staff/permits/{number}/inspections/book?override=1",
        "booked": booked.headers["location"], "move": f"{inspection}/move?override=1",
        "cancel": f"{inspection}/cancel", "board-district": f"/staff/inspections?day={day}"
        "&district=x&inspector=none"}.items()}
    pages["book-refused"] = staff.post(f"/staff/permits/{number}/inspections/book", data=
                                       request_form(staff, override="1", type="")).text
    pages["handover-refused"] = refused.text
    assert refused.status_code == 422 and 'id="f-from"' in refused.text
    assert nu_errors(pages, tmp_path) == []


def test_the_checker_does_find_errors(tmp_path):
    """So that an empty list above means valid pages, not a checker that read nothing."""
    broken = ('<!DOCTYPE html><html lang="en"><head><title>x</title></head><body>'
              '<input autocomplete="street-address" name="a"><p hx-get="/x">y</p></body></html>')
    [error] = nu_errors({"broken": broken}, tmp_path)
    assert "street-address" in error


def test_the_application_and_payment_pages_are_valid_in_every_state(portal, tmp_path):
    """The valuation step that asks for stories (its SMIP block once sat inside the
    valuation's hint <p>), with and without errors; the cart that says fees are already paid;
    the pay page, the receipt and an error page that says why."""
    from tests.unit.web.contractor.submitted import CARD, checkout, submitted_application
    from tests.unit.web.contractor.test_applications import post, start

    contractor, _ = verified_contractor(portal, "1012345")
    draft = start(contractor, "e-building")
    post(contractor, f"/applications/{draft}/address", address="8500 Sunset Blvd")
    post(contractor, f"/applications/{draft}/scope", subtype="Re-roof", description="New roof")
    valuation = contractor.get(f"/applications/{draft}/valuation")
    assert 'id="f-stories"' in valuation.text, "the state that asks for stories"
    wrong = post(contractor, f"/applications/{draft}/valuation", valuation="20,000", stories="x")
    assert wrong.status_code == 422 and 'id="f-stories-error"' in wrong.text
    number = submitted_application(contractor)
    key, items = checkout(contractor, number)
    pay_page = contractor.get("/checkout", params={"permit": number}).text
    paid = post(contractor, "/checkout/pay", idempotency_key=key, fee_item=items, **CARD)
    already = contractor.get("/checkout", params={"permit": number})
    assert "These fees are already paid" in already.text
    pages = {"valuation-stories": valuation.text, "valuation-errors": wrong.text,
             "pay": pay_page, "already-paid": already.text,
             "receipt": contractor.get(paid.headers["location"]).text,
             "refused": contractor.get("/staff/accounts").text}
    assert nu_errors(pages, tmp_path) == []


def test_the_plan_review_pages_with_documents_and_disciplines_are_valid(portal, tmp_path):
    """The wizard's documents step (empty, with files, refused), the staff review with its
    disciplines and decision forms, the applicant's answer page with corrections, the
    workload, and the dashboard's Action needed."""
    from tests.unit.web.contractor.test_plan_documents import PDF, attach, remodel_draft

    contractor, _ = verified_contractor(portal, "1012345")
    base = remodel_draft(contractor)
    empty = contractor.get(f"{base}/documents").text
    refused = contractor.post(f"{base}/documents", data={"csrf_token": csrf(contractor)}).text
    attached = attach(contractor, f"{base}/documents/attach", "plan_set", "plans.pdf", PDF)
    with_files = contractor.get(attached.headers["location"]).text
    contractor.post(f"{base}/documents", data={"csrf_token": csrf(contractor)})
    review_step = contractor.get(f"{base}/review").text
    contractor.post(f"{base}/submit", data={"csrf_token": csrf(contractor)})
    number = contractor.get(f"{base}/submitted").context["permit"].number
    staff, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)
    url = f"/staff/reviews/{number}"
    staff.post(url, data={"csrf_token": csrf(staff), "decision": "start"})
    deciding = staff.get(url).text
    wrong = staff.post(url, data={"csrf_token": csrf(staff), "decision": "corrections",
                                  "discipline": "building", "comment": ""}).text
    staff.post(url, data={"csrf_token": csrf(staff), "decision": "corrections",
                          "discipline": "building", "comment": "A2: egress."})
    staff.post(url, data={"csrf_token": csrf(staff), "decision": "approve",
                          "discipline": "planning"})
    pages = {"documents-empty": empty, "documents-refused": refused,
             "documents-files": with_files, "review-step": review_step,
             "staff-review": deciding, "staff-review-refused": wrong,
             "staff-review-sent-back": staff.get(url).text,
             "workload": staff.get("/staff/workload").text,
             "answer": contractor.get(f"/plan-review/{number}").text,
             "dashboard": contractor.get("/dashboard").text,
             "permit": contractor.get(f"/permits/{number}").text}
    assert "Action needed" in pages["dashboard"] and "Corrections required" in pages["answer"]
    assert nu_errors(pages, tmp_path) == []


def test_the_staff_and_inspector_account_pages_are_valid_in_each_state(portal, tmp_path):
    """The list, the add form (empty and refused), a person's page (an inspector's with work
    to reassign, one's own, a deactivated one) and the question before deactivating."""
    from tests.unit.web.staff.test_people import added, holding

    boss, boss_id = signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)
    inspector_id, _, _ = added(boss, "inspector")
    holding(portal, inspector_id)
    clerk_id, _, _ = added(boss)
    refused = boss.post("/staff/people/new", data={
        "csrf_token": csrf(boss), "name": "", "email": "x", "phone": "1", "role": "x",
        "supervisor": "yes"})
    pages = {"people": boss.get("/staff/people").text,
             "person-new": boss.get("/staff/people/new").text, "person-refused": refused.text,
             "person-inspector": boss.get(f"/staff/people/{inspector_id}").text,
             "person-self": boss.get(f"/staff/people/{boss_id}").text,
             "deactivate-refused": boss.get(f"/staff/people/{inspector_id}/deactivate").text,
             "deactivate-asked": boss.get(f"/staff/people/{clerk_id}/deactivate").text}
    boss.post(f"/staff/people/{clerk_id}/deactivate", data={"csrf_token": csrf(boss)})
    pages["person-deactivated"] = boss.get(f"/staff/people/{clerk_id}").text
    pages["people-with-deactivated"] = boss.get("/staff/people").text
    assert "Reactivate the account" in pages["person-deactivated"]
    assert nu_errors(pages, tmp_path) == []


def test_the_contractor_s_own_details_email_change_and_colleague_pages_are_valid(portal,
                                                                                tmp_path):
    """The details and e-mail forms, empty and refused; the account page with a change waiting
    and a colleague to remove; the question before removing; the e-mailed link's page asking,
    done, refused and used."""
    contractor, _ = verified_contractor(portal, "1012345")
    verified_contractor(portal, "1012345")
    token = csrf(contractor)
    new = f"moved.{id(tmp_path)}@example.com"
    contractor.post("/account/email", data={"csrf_token": token, "email": new,
                                            "current": "lantern-copper-92"})
    link = portal.link_to(new, "/account/email-change/")
    profile = contractor.get("/account")
    colleague = profile.context["members"][0].id
    pages = {
        "details": contractor.get("/account/details").text,
        "details-refused": contractor.post("/account/details", data={
            "csrf_token": token, "name": "x.com", "phone": "1"}).text,
        "email": contractor.get("/account/email").text,
        "email-refused": contractor.post("/account/email", data={
            "csrf_token": token, "email": "a@b", "current": ""}).text,
        "profile-waiting": profile.text,
        "remove-asked": contractor.get(f"/account/colleagues/{colleague}/remove").text,
        "link-asks": contractor.get(link).text,
    }
    contractor.post(link, data={"csrf_token": token})
    pages["link-done"] = contractor.get(link).text
    pages["link-used"] = contractor.get("/account/email-change/not-a-link-0123456789").text
    assert "Change my e-mail address" in pages["link-asks"] and "is now" in pages["link-done"]
    assert nu_errors(pages, tmp_path) == []
