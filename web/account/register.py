"""Registration: contractors checked against the CSLB registry, and owner-builders (§7044)."""
from __future__ import annotations

import secrets
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.accounts import accounts, passwords
from db.accounts.licenses import find_license, last_import
from db.accounts.registered_again import just_registered
from db.rate_limits import RateLimited, key
from domain.accounts import (
    BUSINESS_NAME_LIMIT, WAITING_AS_OWNER, WAITING_FOR_STAFF, Role, Verification, check_contact
)
from domain.licenses import License, normalize_license_no, standing
from domain.outcomes import Rejected
from domain.owner_builders import DECLARATIONS, check_declarations
from domain.passwords import JUST_CHANGED, check_new_password
from domain.rate_limits import REGISTRATIONS_PER_ADDRESS, registrations_refused
from domain.typed_names import name_refusal, normalized
from web.city_clock import today
from web.client_address import client_address
from web.emails import compose, link, mail_committed
from web.forms import common_passwords, form_fields
from web.middleware.auth import account_of
from web.parcel_lookup import find_parcel
from web.templating import page
from web.too_many import refusal, too_many
from web.uploads import read_documents, store_documents

PROOF = {"license_certificate": "license certificate",
         "insurance": "workers' compensation certificate or exemption"}


@dataclass(frozen=True)
class LicenseCheck:
    license_no: str | None
    license: License | None = None
    error: str | None = None

    @property
    def not_found(self) -> bool:
        return self.license_no is not None and self.license is None and self.error is None


async def check_license(text: str, today) -> LicenseCheck:
    license_no = normalize_license_no(text)
    if license_no is None:
        return LicenseCheck(None, error="Enter your California contractor's license number: "
                                        "digits only, like 1012345.")
    license = await find_license(license_no)
    if license is None:
        return LicenseCheck(license_no)
    outcome = standing(license, today)
    if isinstance(outcome, Rejected):
        return LicenseCheck(license_no, license, " ".join(outcome.errors.values()) +
                            " Contact the CSLB to resolve this before registering.")
    return LicenseCheck(license_no, license)




async def register(request: Request):
    return page(request, "account/register.html")


async def contractor_page(request: Request):
    text = request.query_params.get("license")
    if text is None:
        return page(request, "account/register_contractor.html", values={}, errors={}, check=None)
    check = await check_license(text, today(request))
    values = {"license": text}
    errors = {"license": check.error} if check.error else {}
    return page(request, "account/register_contractor.html", 422 if errors else 200, values=values,
                   errors=errors, check=check, imported=await last_import())


async def _account_errors(request: Request, values: dict, extra: dict) -> tuple[dict, dict]:
    errors = dict(extra)
    contact = check_contact(values)
    if isinstance(contact, Rejected):
        errors.update(contact.errors)
        clean = {}
    else:
        clean = contact.value
        if await accounts.email_in_use(clean["email"]) and not await just_registered(
                clean["email"], values.get("password", ""),
                request.app.state.clock() - JUST_CHANGED):  # a double tap goes on
            errors["email"] = ("An account already uses this e-mail address. Sign in, or reset "
                               "your password if you have forgotten it.")
    password = check_new_password(values.get("password", ""), email=values.get("email", ""),
                                  common=common_passwords())
    if isinstance(password, Rejected):
        errors.update(password.errors)
    return clean, errors


async def _create(request: Request, clean: dict, password: str, **fields) -> dict:
    """The account and its confirmation e-mail; the errors to show instead, if any."""
    token = secrets.token_urlsafe(32)
    message = compose(request, "verify", clean["email"], "Confirm your e-mail address",
                      url=link(request, "verify_email", token=token))
    # Registrations are limited per client address, in the database and the account's own
    # transaction (issue 14 §4): every one e-mails an unconfirmed address. Never per license:
    # a stranger could spend that and lock the company out (domain/rate_limits.py).
    limits = {key("register", "address", client_address(request)): REGISTRATIONS_PER_ADDRESS}
    now = request.app.state.clock()
    try:
        await accounts.create_account(
            request.app.state.database, email=clean["email"],
            password_hash=await passwords.hash_password(password), name=clean["name"],
            phone=clean["phone"], verify_token=token, message=message, limits=limits, now=now,
            **fields)
    except accounts.EmailTaken:
        if await just_registered(clean["email"], password, now - JUST_CHANGED):
            return {}  # a double tap: the first one made this account and sent the e-mail
        return {"email": "An account already uses this e-mail address."}
    except RateLimited as limited:
        return {"limited": refusal(registrations_refused(
            limited.until, now, request.app.state.settings.help_phone), limited.until, now)}
    mail_committed(request)
    return {}


async def contractor_register(request: Request):
    values, files = await form_fields(request)
    check = await check_license(values.get("license", ""), today(request))
    if check.error:
        return page(request, "account/register_contractor.html", 422, values=values,
                       errors={"license": check.error}, check=check,
                       imported=await last_import())
    # A license in the state file is named by the file alone: a name is asked for (and shown
    # only to staff, beside the certificate) when staff must check the license by hand.
    business = normalized(values.get("business_name", "")) if check.not_found else ""
    extra = {} if business or not check.not_found else {
        "business_name": "Enter the business name on your license."}
    if lure := name_refusal(business, "the business name"):
        extra = {"business_name": lure}
    elif len(business) > BUSINESS_NAME_LIMIT:
        extra = {"business_name": f"Enter a business name of at most {BUSINESS_NAME_LIMIT} "
                                  "characters."}
    clean, errors = await _account_errors(request, values, extra)
    documents = {}
    if check.not_found:
        documents, document_errors = await read_documents(files, PROOF)
        errors.update(document_errors)
    if errors:
        return page(request, "account/register_contractor.html", 422, values=values, errors=errors,
                       check=check, imported=await last_import())
    stored = await store_documents(documents, request.app.state.settings.upload_dir)
    # Every contractor account waits until it proves it works for the company (issue 14 §2):
    # the mailed code or a colleague (db/accounts/company_claims.py), or staff reading the documents.
    refused = await _create(
        request, clean, values["password"], role=Role.CONTRACTOR, license_no=check.license_no,
        business_name=business, documents=tuple(stored), verification=Verification.PENDING,
        verification_note=WAITING_FOR_STAFF if check.not_found else "")
    if refused:
        return _answer(refused, page(request, "account/register_contractor.html",
                                     _status(refused), values=values, check=check,
                                     errors=refused, imported=await last_import()))
    return RedirectResponse(request.url_for("check_email").path + "?for=contractor",
                            status_code=303)


def _status(refused: dict) -> int:
    return 429 if "limited" in refused else 422


def _answer(refused: dict, response):
    return too_many(response, refused["limited"]) if "limited" in refused else response


async def owner_page(request: Request):
    return page(request, "account/register_owner.html", values={}, errors={}, choices=[],
                   declarations=DECLARATIONS)


async def owner_register(request: Request):
    values, _ = await form_fields(request)
    choices, errors = await find_parcel(values)
    declared = check_declarations([key for key in DECLARATIONS if values.get(key) == "yes"])
    if isinstance(declared, Rejected):
        errors.update(declared.errors)
    clean, account_errors = await _account_errors(request, values, {})
    errors.update(account_errors)
    if errors:
        return page(request, "account/register_owner.html", 422, values=values, errors=errors,
                       choices=choices, declarations=DECLARATIONS)
    now = request.app.state.clock()
    refused = await _create(request, clean, values["password"], role=Role.OWNER_BUILDER,
                            parcel=choices[0].id, owner_declared_at=now,
                            verification=Verification.PENDING,
                            verification_note=WAITING_AS_OWNER)
    if refused:
        return _answer(refused, page(request, "account/register_owner.html", _status(refused),
                                     values=values, choices=choices, errors=refused,
                                     declarations=DECLARATIONS))
    return RedirectResponse(request.url_for("check_email").path + "?for=owner-builder",
                            status_code=303)


async def check_email(request: Request):
    """Check your e-mail, and how the new account (``?for=contractor`` or ``owner-builder``)
    stops being pending: said for both kinds when the address names neither."""
    who = request.query_params.get("for", "")
    account = account_of(request)
    if account is not None:
        # Signed in, so the address is confirmed: no link is waiting, whatever ?for= says;
        # the account's own role and standing say what is pending, if anything.
        pending = (account.verification == Verification.PENDING.value
                   and account.role in (Role.CONTRACTOR.value, Role.OWNER_BUILDER.value))
        return page(request, "account/check_email.html", signed_in=True, pending=pending,
                    approved=account.verification == Verification.VERIFIED.value,
                    who=account.role.replace("_", "-") if pending else "")
    return page(request, "account/check_email.html", signed_in=False, pending=True,
                who=who if who in ("contractor", "owner-builder") else "")


routes = [
    Route("/register", register, name="register"),
    Route("/register/contractor", contractor_page, name="register_contractor"),
    Route("/register/contractor", contractor_register, methods=["POST"],
          name="register_contractor_post"),
    Route("/register/owner-builder", owner_page, name="register_owner"),
    Route("/register/owner-builder", owner_register, methods=["POST"], name="register_owner_post"),
    Route("/register/check-email", check_email, name="check_email"),
]
