"""Plans and documents attached to a draft or an answer, taken back, or read as a download."""
from __future__ import annotations

import os

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse
from starlette.routing import Route

from db.applications import plan_documents, plan_review
from db.applications.plan_documents import Owner
from db.permits.access import may_act_on
from domain.accounts import Role
from domain.documents import StoredDocument
from domain.outcomes import Rejected
from domain.plan_documents import (
    ALREADY_SENT, CHOOSE_FILE, TOO_LARGE, check_kind, declared_too_large, safe_filename
)
from web.access import require
from web.city_clock import now
from web.contractor.applications import answer_step, own_draft, render_step
from web.contractor.plan_review import answer_page
from web.forms import form_fields
from web.landing import form_post
from web.uploads import forget_files, head_of, keep_file

# A download is a file to save, never a page of this site: even a PDF the browser opens
# itself runs with no script, form or origin of ours (OWASP File Upload Cheat Sheet). The
# site's own headers (nosniff among them) are added to every response.
DOWNLOAD_HEADERS = {"Content-Security-Policy": "sandbox; default-src 'none'",
                    "Cache-Control": "private, no-store"}


async def _receive(request: Request, owner: Owner, account, refuse, optional: bool = False):
    """(the attached file checked and kept, the form's fields), or ``refuse(errors, status)``'s
    page. What was chosen in the list survives a refusal; the file itself must be chosen
    again (no browser lets a page fill a file field). ``optional``: a form that may go on
    without a file (the wizard's Save and continue) gives (None, fields) when none is chosen."""
    if declared_too_large(request.headers.get("content-length")):
        return await refuse({"file": TOO_LARGE}, {}, 413)
    fields, files = await form_fields(request)
    if optional and fields.get("then") == "continue" and "file" not in files:
        return None, fields
    kind, upload, errors = check_kind(fields.get("kind", "")), files.get("file"), {}
    if isinstance(kind, Rejected):
        errors.update(kind.errors)
    if upload is None:
        errors["file"] = CHOOSE_FILE
    if not errors:
        head = await head_of(upload)
        # Judged before it is copied (most refusals cost no disk), and again once recorded.
        judged = await plan_documents.check_room(owner, upload.size or 0, head)
        if isinstance(judged, Rejected):
            errors.update(judged.errors)
    if errors:
        return await refuse(errors, fields, 422)
    content_type, extension = judged.value
    directory = request.app.state.settings.upload_dir
    stored_as, size, sha256 = await keep_file(upload, directory, extension)
    found = await plan_documents.attach(
        request.app.state.database, owner,
        StoredDocument(kind.value, safe_filename(upload.filename, extension), content_type,
                       size, sha256, stored_as), head, account.id, now(request))
    if isinstance(found, Rejected):
        forget_files(directory, [stored_as])
        return await refuse(found.errors, fields, 422)
    return found.value, fields


async def attach_to_draft(request: Request):
    """Attach the chosen file; with Save and continue, then go on to the next step (a file
    chosen and the wrong button pressed is attached, not dropped)."""
    account, draft = await own_draft(request)
    if draft.status != "draft":
        raise HTTPException(409, ALREADY_SENT)

    async def refuse(errors, fields, status):
        return await render_step(request, account, draft, "documents",
                                 {**draft.answers, "kind": fields.get("kind", "")}, errors, status)

    received = await _receive(request, Owner(draft.id), account, refuse, optional=True)
    if not isinstance(received, tuple):
        return received
    found, fields = received
    if fields.get("then") == "continue":
        return await answer_step(request, account, draft, "documents", {})
    return RedirectResponse(f"/applications/{draft.id}/documents?attached={found.id}",
                            status_code=303)


async def remove_from_draft(request: Request):
    account, draft = await own_draft(request)
    if draft.status != "draft":
        return RedirectResponse(f"/applications/{draft.id}/submitted", status_code=303)
    outcome = await plan_documents.remove_pending(
        request.app.state.database, Owner(draft.id), request.path_params["document_id"],
        account.id, now(request))
    if isinstance(outcome, Rejected):
        return await render_step(request, account, draft, "documents", draft.answers,
                                 outcome.errors, 409)
    if outcome.value is not None:
        forget_files(request.app.state.settings.upload_dir, [outcome.value.stored_as])
    return RedirectResponse(f"/applications/{draft.id}/documents", status_code=303)


async def _answering(request: Request):
    """The application waiting for an answer, to those who act for it; 404 to anyone else."""
    account = require(request, Role.CONTRACTOR, Role.OWNER_BUILDER)
    application = await plan_review.under_review(request.path_params["number"])
    if application is None or not await may_act_on(account, application.id):
        raise HTTPException(404)
    return account, application


async def attach_to_answer(request: Request):
    account, application = await _answering(request)
    address = request.url_for("plan_review_answer", number=application.number).path

    async def refuse(errors, fields, status):
        return await answer_page(request, errors, fields.get("response", ""), status,
                                 kind=fields.get("kind", ""))

    if not application.waiting_for_answer:
        return await refuse({"file": "This application is not waiting for corrections: "
                                     "nothing can be attached to it now."}, {}, 409)
    received = await _receive(request, Owner(permit_id=application.id), account, refuse)
    if not isinstance(received, tuple):
        return received
    return RedirectResponse(f"{address}?attached={received[0].id}#documents", status_code=303)


async def remove_from_answer(request: Request):
    account, application = await _answering(request)
    outcome = await plan_documents.remove_pending(
        request.app.state.database, Owner(permit_id=application.id),
        request.path_params["document_id"], account.id, now(request))
    if isinstance(outcome, Rejected):
        return await answer_page(request, outcome.errors, "", 409)
    if outcome.value is not None:
        forget_files(request.app.state.settings.upload_dir, [outcome.value.stored_as])
    address = request.url_for("plan_review_answer", number=application.number).path
    return RedirectResponse(f"{address}#documents", status_code=303)


async def _may_read(account, found: plan_documents.Document) -> bool:
    if account.role == Role.STAFF:
        return True
    if found.permit_id is not None and await may_act_on(account, found.permit_id):
        return True
    # A draft's files, to the draft's own account.
    return found.permit_id is None and found.application_id is not None and \
        await plan_documents.draft_account(found.application_id) == account.id


async def download(request: Request):
    """A document to the people on its permit and to staff (whose reading is audited);
    anyone else gets the 404 of a document that does not exist."""
    account = require(request)
    found = await plan_documents.document(request.path_params["document_id"])
    if found is None or not await _may_read(account, found):
        raise HTTPException(404)
    path = os.path.join(request.app.state.settings.upload_dir, found.stored_as)
    if not os.path.isfile(path):
        raise HTTPException(404)
    if account.role == Role.STAFF:
        await plan_documents.note_download(request.app.state.database, found, now(request))
    return FileResponse(path, media_type=found.content_type, filename=found.filename,
                        content_disposition_type="attachment", headers=DOWNLOAD_HEADERS)


routes = [
    *form_post("/applications/{application_id:id}/documents/attach", attach_to_draft,
               "attach_draft_document", "application_step", step="documents"),
    *form_post("/applications/{application_id:id}/documents/{document_id:id}/remove",
               remove_from_draft, "remove_draft_document", "application_step",
               step="documents"),
    *form_post("/plan-review/{number:str}/documents/attach", attach_to_answer,
               "attach_answer_document", "plan_review_answer"),
    *form_post("/plan-review/{number:str}/documents/{document_id:id}/remove",
               remove_from_answer, "remove_answer_document", "plan_review_answer"),
    Route("/documents/{document_id:id}", download, name="plan_document"),
]
