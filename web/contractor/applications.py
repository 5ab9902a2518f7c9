"""The e-permit wizard: start, one step per page with its draft saved, check answers, submit."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.accounts.licenses import find_license, registry_name
from db.applications import drafts as applications, plan_documents
from db.rules.fee_schedules import fee_schedules
from db.rules.trade_classes import trade_classes
from domain.accounts import Role, Verification
from domain.applications import (
    FAMILY_OF, STEP_TITLES, STEPS, Applicant, check_contacts, check_scope, eligibility, family,
    may_apply, may_open, offer_of, offers, resume_step, subtype_named
)
from domain.fee_schedule import assess, read_fee_input, schedule_on
from domain.licenses import not_in_state_file, standing
from domain.outcomes import Rejected
from domain.plan_documents import KINDS, attached_notice, missing_plan_set, plan_set_needed
from web.access import require
from web.city_clock import now, today
from web.emails import mail_committed, notice_of
from web.forms import form_of
from web.landing import form_post
from web.parcel_lookup import find_parcel
from web.templating import page

APPLICANTS = (Role.CONTRACTOR, Role.OWNER_BUILDER)



async def applicant_of(request: Request, account) -> Applicant:
    license = await find_license(account.license_no) if account.license_no else None
    problems: tuple[str, ...] = ()
    if license is not None:
        outcome = standing(license, today(request))
        problems = tuple(outcome.errors.values()) if isinstance(outcome, Rejected) else ()
    elif account.role == Role.CONTRACTOR:
        problems = (not_in_state_file(request.app.state.settings.help_phone),)
    return Applicant(role=Role(account.role), verification=Verification(account.verification),
                     classes=license.classifications if license else (),
                     standing_errors=problems, parcel=account.parcel,
                     license_no=account.license_no,
                     verification_note=account.verification_note or "")


async def _start_page(request: Request, account, errors: dict, status_code: int = 200):
    """The families of e-permits, each with the work this account's license allows."""
    applicant = await applicant_of(request, account)
    outcome = may_apply(applicant)
    refusal = outcome.errors if isinstance(outcome, Rejected) else {}
    return page(request, "applications/start.html", status_code,
                offers=offers(applicant, trade_classes()), refusal=refusal, errors=errors,
                account=account,
                drafts=await applications.drafts_of(account.id))


async def start_page(request: Request):
    account = require(request, *APPLICANTS)
    return await _start_page(request, account, {})


async def start(request: Request):
    account = require(request, *APPLICANTS)
    chosen = family(request.path_params["family"])
    if chosen is None:
        raise HTTPException(404)
    offer = offer_of(await applicant_of(request, account), chosen.permit_type, trade_classes())
    if not offer.allowed:
        return await _start_page(request, account, {"family": offer.reason}, 422)
    draft_id = await applications.start(account.id, chosen.permit_type, now(request))
    return RedirectResponse(f"/applications/{draft_id}/address", status_code=303)


async def own_draft(request: Request):
    account = require(request, *APPLICANTS)
    draft = await applications.load_draft(request.path_params["application_id"], account.id)
    if draft is None:
        raise HTTPException(404)
    return account, draft


def _step_url(draft, step: str) -> str:
    return f"/applications/{draft.id}/{step}"


async def resume(request: Request):
    _, draft = await own_draft(request)
    if draft.status != "draft":
        return RedirectResponse(f"/applications/{draft.id}/submitted", status_code=303)
    return RedirectResponse(_step_url(draft, resume_step(draft.answers)), status_code=303)


async def _step_context(request: Request, account, draft, step: str, values: dict,
                        errors: dict) -> dict:
    context = {"draft": draft, "family": FAMILY_OF[draft.permit_type], "step": step,
               "steps": STEPS, "titles": STEP_TITLES, "values": values, "errors": errors,
               "number": STEPS.index(step) + 1, "account": account,
               "company": await registry_name(account.license_no)}
    subtype = subtype_named(draft.permit_type, draft.answers.get("subtype", ""))
    schedule = schedule_on(fee_schedules(), today(request))
    if step == "scope":
        offer = offer_of(await applicant_of(request, account), draft.permit_type,
                         trade_classes())
        context.update(subtypes=offer.allowed, missing=offer.missing)
    if step == "valuation":
        context.update(subtype=subtype, schedule=schedule,
                       items=schedule.items_of(draft.permit_type),
                       asks_stories=subtype is not None and schedule.asks_stories(subtype))
    if step == "documents":
        documents = await plan_documents.documents_of(plan_documents.Owner(draft.id))
        context.update(documents=documents, kinds=KINDS,
                       plan_set_needed=subtype is not None and plan_set_needed(subtype.name),
                       notice="" if errors else attached_notice(
                           documents, request.query_params.get("attached", "")))
    if step == "review":
        context.update(review=await _review(request, account, draft),
                       documents=await plan_documents.documents_of(plan_documents.Owner(draft.id)))
    return context


async def render_step(request: Request, account, draft, step: str, values: dict,
                      errors: dict, status_code: int = 200):
    context = await _step_context(request, account, draft, step, values, errors)
    return page(request, f"applications/{step}.html", status_code, **context)


async def step_page(request: Request):
    account, draft = await own_draft(request)
    step = request.path_params["step"]
    if draft.status != "draft":
        return RedirectResponse(f"/applications/{draft.id}/submitted", status_code=303)
    if not may_open(step, draft.answers):
        return RedirectResponse(_step_url(draft, resume_step(draft.answers)), status_code=303)
    values = {**draft.answers, **draft.answers.get("typed", {})}
    if step == "address" and "address" not in values and account.parcel:
        values["parcel"] = str(account.parcel)
    context = await _step_context(request, account, draft, step, values, {})
    if step == "address" and values.get("parcel") and not values.get("address"):
        context["choices"], _ = await find_parcel(values)
    return page(request, f"applications/{step}.html", **context)


async def _check(request: Request, account, draft, step: str, form: dict
                 ) -> tuple[dict, dict, dict]:
    """(answers to save, errors, extra context) for one step's submitted form."""
    if step == "address":
        choices, errors = await find_parcel(form)
        if not errors and account.role == Role.OWNER_BUILDER and choices[0].id != account.parcel:
            errors = {"address": "Owner-builders may apply only for the home they registered "
                                 "as their own."}
        answers = {} if errors else {"parcel": choices[0].id, "address": choices[0].address}
        return answers, errors, {"choices": choices}
    if step == "scope":
        outcome = check_scope(draft.permit_type, form)
        if isinstance(outcome, Rejected):
            return {}, outcome.errors, {}
        subtype = subtype_named(draft.permit_type, outcome.value["subtype"])
        allowed = eligibility(await applicant_of(request, account), subtype,
                              draft.answers.get("parcel"), trade_classes())
        if isinstance(allowed, Rejected):
            return {}, allowed.errors, {}
        return outcome.value, {}, {}
    if step == "valuation":
        subtype = subtype_named(draft.permit_type, draft.answers.get("subtype", ""))
        schedule = schedule_on(fee_schedules(), today(request))
        outcome = read_fee_input(schedule, subtype, form.get("valuation", ""), form,
                                 form.get("stories", ""))
        if isinstance(outcome, Rejected):
            return {}, outcome.errors, {}
        return {"valuation": str(outcome.value.valuation),
                "quantities": outcome.value.quantities, "stories": outcome.value.stories}, {}, {}
    if step == "documents":
        missing = missing_plan_set(draft.answers.get("subtype", ""),
                                   await plan_documents.pending_kinds(
                                       plan_documents.Owner(draft.id)))
        return ({}, missing.errors, {}) if missing else ({}, {}, {})
    outcome = check_contacts(form)
    return ({}, outcome.errors, {}) if isinstance(outcome, Rejected) else (outcome.value, {}, {})


async def step_post(request: Request):
    account, draft = await own_draft(request)
    step = request.path_params["step"]
    if draft.status != "draft" or step == "review" or not may_open(step, draft.answers):
        raise HTTPException(404)
    form = {k: v for k, v in (await form_of(request)).items() if k != "csrf_token"}
    return await answer_step(request, account, draft, step, form)


async def answer_step(request: Request, account, draft, step: str, form: dict):
    """A step's answers checked and saved, then on to the next step unanswered; or the step
    again with its errors and what was typed."""
    answers, errors, extra = await _check(request, account, draft, step, form)
    if errors:
        await applications.remember_typed(draft, form, now(request))
        context = await _step_context(request, account, draft, step,
                                      {**draft.answers, **form}, errors)
        return page(request, f"applications/{step}.html", 422, **{**context, **extra})
    await applications.save_answers(draft, {**answers, "typed": {}}, step, now(request))
    saved = await applications.load_draft(draft.id, account.id)
    return RedirectResponse(_step_url(draft, resume_step(saved.answers)), status_code=303)


async def _review(request: Request, account, draft) -> dict:
    """Everything checked again from the saved answers, and the fees worked out now."""
    answers = draft.answers
    subtype = subtype_named(draft.permit_type, answers.get("subtype", ""))
    schedule = schedule_on(fee_schedules(), today(request))
    fee_input = read_fee_input(schedule, subtype, answers.get("valuation", ""),
                               {k: str(v) for k, v in answers.get("quantities", {}).items()},
                               str(answers.get("stories") or ""))
    allowed = eligibility(await applicant_of(request, account), subtype, answers.get("parcel"),
                          trade_classes())
    # The plans checked again: a second tab may have removed them since the documents step.
    missing = missing_plan_set(answers.get("subtype", ""),
                               await plan_documents.pending_kinds(plan_documents.Owner(draft.id)))
    errors = {**(allowed.errors if isinstance(allowed, Rejected) else {}),
              **(fee_input.errors if isinstance(fee_input, Rejected) else {}),
              **(missing.errors if missing else {})}
    assessment = None if errors else assess(schedule, fee_input.value)
    return {"subtype": subtype, "assessment": assessment, "errors": errors,
            "schedule": schedule, "item_by_code": {i.code: i for i in schedule.items_of(
                draft.permit_type)}}


async def submit(request: Request):
    account, draft = await own_draft(request)
    if draft.status != "draft":
        return RedirectResponse(f"/applications/{draft.id}/submitted", status_code=303)
    if resume_step(draft.answers) != "review":
        return RedirectResponse(_step_url(draft, resume_step(draft.answers)), status_code=303)
    review = await _review(request, account, draft)
    if review["errors"]:
        context = await _step_context(request, account, draft, "review", draft.answers,
                                      review["errors"])
        return page(request, "applications/review.html", 422, **context)
    outcome = await applications.submit(
        request.app.state.database, draft, review["subtype"], review["assessment"],
        applications.Submitter(name=account.first_name, email=account.email,
                               phone=account.phone, license_no=account.license_no),
        today(request), now(request), notice_of(request))
    if isinstance(outcome, Rejected):
        raise HTTPException(409, outcome.message)
    mail_committed(request)
    return RedirectResponse(f"/applications/{draft.id}/submitted", status_code=303)


async def submitted(request: Request):
    _, draft = await own_draft(request)
    if draft.status == "draft":
        return RedirectResponse(_step_url(draft, resume_step(draft.answers)), status_code=303)
    permit = await applications.permit_of(draft)
    return page(request, "applications/submitted.html", draft=draft, permit=permit,
                   family=FAMILY_OF[draft.permit_type])


routes = [
    Route("/apply", start_page, name="apply"),
    *form_post("/apply/{family:str}", start, "apply_start", "apply"),
    Route("/applications/{application_id:id}", resume, name="application"),
    *form_post("/applications/{application_id:id}/submit", submit, "application_submit",
               "application_step", step="review"),
    Route("/applications/{application_id:id}/submitted", submitted, name="application_submitted"),
    Route("/applications/{application_id:id}/{step:str}", step_page, name="application_step"),
    Route("/applications/{application_id:id}/{step:str}", step_post, methods=["POST"],
          name="application_step_post"),
]
