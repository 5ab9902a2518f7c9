"""Claim letters for staff (issue 14 §2): the letters waiting, "print today's letters" as one
PDF (each letter's code made then and kept only as a hash), and sending a letter again."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from db.accounts import claim_letters
from db.audit.log import just_done
from domain.accounts import Role
from domain.audit_actions import CLAIM_LETTER_REQUESTED
from domain.claim_letters import LetterStatus
from domain.numbers import id_or_none
from web.access import require
from web.city_clock import now, today
from web.claim_letter_pdf import letters_pdf
from web.emails import link
from web.landing import form_post
from web.templating import page

ENDED = [LetterStatus.MAILED.value, LetterStatus.USED.value, LetterStatus.LOCKED.value,
         LetterStatus.CANCELLED.value]


async def letters(request: Request):
    staff = require(request, Role.STAFF)
    waiting = await claim_letters.letters([LetterStatus.WAITING.value])
    # After an action (?nothing, ?again): what is so now, from the letters and the audit log.
    replaced = id_or_none(request.query_params.get("again", ""))
    again = replaced is not None and await claim_letters.sent_again(replaced) and bool(
        await just_done(staff.email, CLAIM_LETTER_REQUESTED, now(request)))
    return page(request, "staff/letters.html", waiting=waiting,
                recent=await claim_letters.letters(ENDED, limit=50), now=now(request),
                zone=request.app.state.zone,
                nothing=bool(request.query_params.get("nothing")) and not waiting,
                again=again)


async def print_letters(request: Request):
    """The PDF is the only place the codes ever exist: it is answered directly, not stored.
    If it is lost, "Send again" queues new letters (the lost codes stop working)."""
    staff = require(request, Role.STAFF)
    printed = await claim_letters.print_waiting(request.app.state.database, staff.email,
                                                now(request))
    if not printed:
        return RedirectResponse(request.url_for("staff_letters").path + "?nothing=1", 303)
    day = today(request)
    pdf = letters_pdf(printed, request.app.state.settings, request.app.state.zone, day,
                      link(request, "dashboard"))
    return Response(pdf, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="claim-letters-{day.isoformat()}.pdf"'})


async def send_again(request: Request):
    staff = require(request, Role.STAFF)
    letter_id = request.path_params["letter_id"]
    if not await claim_letters.requeue(
            request.app.state.database, letter_id, staff.email, now(request)) and not (
                await claim_letters.sent_again(letter_id)):  # a second tap: the first one sent it
        raise HTTPException(404)
    return RedirectResponse(request.url_for("staff_letters").path
                            + f"?again={request.path_params['letter_id']}", 303)


routes = [
    Route("/staff/letters", letters, name="staff_letters"),
    *form_post("/staff/letters/print", print_letters, "print_claim_letters", "staff_letters"),
    *form_post("/staff/letters/{letter_id:id}/again", send_again, "send_claim_letter_again",
               "staff_letters"),
]
