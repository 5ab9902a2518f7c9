"""Staff and inspector accounts on both engines: audited, sessions ended, a supervisor kept."""
from __future__ import annotations

import asyncio
import uuid
from datetime import date, datetime, timezone

import pytest

from db.accounts import email_links, sign_in, staff_accounts
from db.accounts.accounts import EmailTaken
from db.accounts.staff_accounts import NOT_A_SUPERVISOR
from db.applications import review_assignments
from db.mail.outbox import Message
from db.tables import (
    Account, AccountSession, AccountToken, AuditEvent, District, Inspection, Permit,
    ReviewAssignment
)
from domain.accounts import Role
from domain.audit_subjects import account_subject
from domain.outcomes import Accepted, Rejected
from domain.staff_accounts import FIRST_LINK_LIFE, PersonForm
from tests.factories import applied_permit, free_number, seed_scheduled_inspection
from tests.unit.db.accounts.test_accounts import new_account

NOW = datetime(2026, 12, 4, 17, 0, tzinfo=timezone.utc)


def _form(role: Role = Role.INSPECTOR, supervisor: bool = False, name: str = "Ingrid Halvorsen"
          ) -> PersonForm:
    return PersonForm(name, f"city.{uuid.uuid4().hex[:10]}@example.com", "323-555-0199", role,
                      supervisor)


async def _supervisor(bound) -> int:
    return (await new_account(bound, Role.STAFF, supervisor=True))[0]


async def _added(bound, boss: int, form: PersonForm, token: str = "") -> int:
    token = token or "first-" + uuid.uuid4().hex
    outcome = await staff_accounts.add_person(bound, boss, form, "pbkdf2_sha256$1$x$y", token,
                                              Message(form.email, "Welcome", "…"), NOW)
    return outcome.value


async def _events(account_id: int) -> list[tuple[str, str, str]]:
    rows = await AuditEvent.select(AuditEvent.action, AuditEvent.before, AuditEvent.after).where(
        AuditEvent.subject == account_subject(account_id)).order_by(AuditEvent.id)
    return [(r["action"], r["before"], r["after"]) for r in rows]


async def test_a_new_person_sets_their_own_password_from_a_link_that_lasts_three_days(bound):
    boss = await _supervisor(bound)
    form, token = _form(), "first-" + uuid.uuid4().hex
    account_id = await _added(bound, boss, form, token)
    found = await staff_accounts.person(account_id)
    assert (found.email, found.role, found.active, found.password_set) == (
        form.email, Role.INSPECTOR, True, False)
    [(action, _, after)] = await _events(account_id)
    assert action == "staff account created" and f"e-mail: {form.email}" in after
    assert "password" not in after
    [link] = await AccountToken.select(AccountToken.expires_at).where(
        AccountToken.account == account_id)
    assert link["expires_at"] == NOW + FIRST_LINK_LIFE
    assert await email_links.token_account(token, "reset", NOW + FIRST_LINK_LIFE) is None
    chosen = await email_links.reset_password(bound, token, "pbkdf2_sha256$1$a$b", NOW)
    assert chosen == account_id and (await staff_accounts.person(account_id)).password_set
    with pytest.raises(EmailTaken):
        await _added(bound, boss, PersonForm("Someone Else", form.email, "323-555-0100",
                                             Role.STAFF, False))


async def test_the_list_has_city_accounts_only_with_each_inspectors_work(bound, known):
    boss = await _supervisor(bound)
    inspector = await _added(bound, boss, _form())
    contractor, _ = await new_account(bound, Role.CONTRACTOR)
    later = await seed_scheduled_inspection(known["roof"], date(2030, 1, 22))
    sooner = await seed_scheduled_inspection(known["roof"], date(2030, 1, 15))
    done = await seed_scheduled_inspection(known["roof"], date(2030, 1, 8))
    await Inspection.update({Inspection.inspector_account: inspector}).where(
        Inspection.id.is_in([later, sooner, done]))
    await Inspection.update({Inspection.status: "Completed"}).where(Inspection.id == done)
    code = uuid.uuid4().hex[:10]
    await District.insert(District(code=code, inspector=inspector))
    listed = {p.id: p for p in await staff_accounts.people()}
    assert contractor not in listed and boss in listed
    assert listed[inspector].holdings.scheduled == 2
    assert listed[inspector].holdings.first_day == date(2030, 1, 15)
    assert listed[inspector].holdings.districts == (code,)
    assert await staff_accounts.person(contractor) is None


async def test_deactivating_ends_every_session_and_unused_link_and_reactivating_undoes_it(bound):
    boss = await _supervisor(bound)
    clerk = await _added(bound, boss, _form(Role.STAFF))
    sessions = [await sign_in.start_session(clerk) for _ in range(2)]
    assert await staff_accounts.deactivate(bound, boss, clerk, NOW) == Accepted(True)
    for token in sessions:
        assert await AccountSession.get_user_id(token) is None
    assert not await AccountToken.exists().where(AccountToken.account == clerk)
    assert await staff_accounts.deactivate(bound, boss, clerk, NOW) == Accepted(False)
    assert [e[0] for e in await _events(clerk)] == ["staff account created",
                                                    "account deactivated"]
    assert (await _events(clerk))[-1][2] == "active: no; sessions ended: 2"
    assert await staff_accounts.reactivate(bound, boss, clerk, NOW) == Accepted(True)
    assert await staff_accounts.reactivate(bound, boss, clerk, NOW) == Accepted(False)
    assert (await staff_accounts.person(clerk)).active


async def test_an_inspector_with_work_or_oneself_is_not_deactivated(bound, known):
    boss = await _supervisor(bound)
    inspector = await _added(bound, boss, _form())
    held = await seed_scheduled_inspection(known["roof"], date(2030, 2, 5))
    await Inspection.update({Inspection.inspector_account: inspector}).where(
        Inspection.id == held)
    refused = await staff_accounts.deactivate(bound, boss, inspector, NOW)
    assert isinstance(refused, Rejected) and "1 scheduled inspection" in refused.message
    to_staff = PersonForm("Ingrid Halvorsen", "", "323-555-0199", Role.STAFF, False)
    assert "role" in (await staff_accounts.change_person(bound, boss, inspector, to_staff,
                                                          NOW)).errors
    await Inspection.update({Inspection.status: "Cancelled"}).where(Inspection.id == held)
    assert await staff_accounts.deactivate(bound, boss, inspector, NOW) == Accepted(True)
    assert "deactivate" in (await staff_accounts.deactivate(bound, boss, boss, NOW)).errors
    assert (await staff_accounts.person(boss)).active


async def test_a_reviewer_with_open_plan_reviews_is_neither_deactivated_nor_made_inspector(
        bound, known):
    boss = await _supervisor(bound)
    reviewer = await _added(bound, boss, _form(Role.STAFF, name="Rosa Reviewer"))
    to_inspector = PersonForm("Rosa Reviewer", "", "323-555-0199", Role.INSPECTOR, False)
    async with applied_permit(await free_number("BLD2026"), known["sunset"],
                              subtype="Residential Remodel", description="Kitchen",
                              applied_on=date(2026, 11, 30)) as permit:
        await ReviewAssignment.insert(*(ReviewAssignment(
            permit=permit, discipline=discipline, reviewer=reviewer, due_on=date(2026, 12, 14),
            decision=decision) for discipline, decision in (
            ("building", ""), ("planning", ""), ("fire", "approved"))))
        assert (await staff_accounts.person(reviewer)).holdings.reviews == 2, "open ones only"
        refused = await staff_accounts.deactivate(bound, boss, reviewer, NOW)
        assert refused.errors == {"deactivate": (
            "Rosa Reviewer still has 2 open plan reviews. Reassign them in the plan review "
            "queue first, then deactivate the account.")}
        changed = await staff_accounts.change_person(bound, boss, reviewer, to_inspector, NOW)
        assert "plan review queue first, then change the role" in changed.errors["role"]
        assert (await staff_accounts.person(reviewer)).role == Role.STAFF
        # A cancelled application's review is nobody's work: the queue no longer lists it.
        await Permit.update({Permit.status: "Cancelled"}).where(Permit.id == permit)
        assert (await staff_accounts.person(reviewer)).holdings.reviews == 0
        assert await staff_accounts.deactivate(bound, boss, reviewer, NOW) == Accepted(True)
        # Given a review after that, or carried into a new round: refused, and not carried.
        [open_one] = await ReviewAssignment.select(ReviewAssignment.id).where(
            (ReviewAssignment.permit == permit) & (ReviewAssignment.discipline == "building"))
        await Permit.update({Permit.status: "In Review"}).where(Permit.id == permit)
        assert isinstance(await review_assignments.assign(bound, permit, open_one["id"],
                                                          reviewer), Rejected)
        async with bound.transaction():
            await review_assignments.open_round(permit, "Residential Remodel",
                                                date(2026, 12, 7), [("building", reviewer)])
        assert await ReviewAssignment.select(ReviewAssignment.reviewer).where(
            (ReviewAssignment.permit == permit) & (ReviewAssignment.round == 2)) == [
            {"reviewer": None}]


async def test_a_change_records_the_fields_it_changed_and_nothing_when_nothing_did(bound):
    boss = await _supervisor(bound)
    form = _form(Role.STAFF)
    clerk = await _added(bound, boss, form)
    promoted = PersonForm(form.name, "", "323-555-0100", Role.STAFF, True)
    assert await staff_accounts.change_person(bound, boss, clerk, promoted, NOW) == Accepted(True)
    assert await staff_accounts.change_person(bound, boss, clerk, promoted, NOW) == Accepted(
        False)
    [*_, (action, before, after)] = await _events(clerk)
    assert (action, before, after) == ("staff account changed",
                                       "phone: 323-555-0199; supervisor: no",
                                       "phone: 323-555-0100; supervisor: yes")
    row = await Account.select(Account.phone, Account.supervisor).where(
        Account.id == clerk).first()
    assert (row["phone"], bool(row["supervisor"])) == ("323-555-0100", True)


async def test_only_an_active_supervisor_acts_and_contractors_are_not_touched(bound):
    boss = await _supervisor(bound)
    clerk = await _added(bound, boss, _form(Role.STAFF))
    contractor, _ = await new_account(bound, Role.CONTRACTOR)
    assert await staff_accounts.deactivate(bound, clerk, boss, NOW) is NOT_A_SUPERVISOR
    assert await staff_accounts.deactivate(bound, boss, contractor, NOW) is None
    assert await staff_accounts.reactivate(bound, boss, contractor, NOW) is None
    assert await staff_accounts.send_link(bound, boss, contractor, "t-" + uuid.uuid4().hex,
                                          Message("x@example.com", "s", "b"), NOW) is None
    row = await Account.select(Account.active).where(Account.id == contractor).first()
    assert row["active"]


async def test_two_supervisors_taking_each_others_flag_at_once_leave_one(bound):
    first, second = await _supervisor(bound), await _supervisor(bound)

    async def demote(actor: int, other: int):
        row = await Account.select(Account.first_name, Account.phone).where(
            Account.id == other).first()
        return await staff_accounts.change_person(
            bound, actor, other, PersonForm(row["first_name"], "", row["phone"], Role.STAFF,
                                            False), NOW)

    outcomes = await asyncio.gather(demote(first, second), demote(second, first))
    assert sorted(o is NOT_A_SUPERVISOR for o in outcomes) == [False, True]
    flags = await Account.select(Account.supervisor).where(Account.id.is_in([first, second]))
    assert sorted(bool(r["supervisor"]) for r in flags) == [False, True]


async def test_a_new_link_replaces_the_ones_before_and_a_deactivated_account_gets_none(bound):
    boss = await _supervisor(bound)
    first = "first-" + uuid.uuid4().hex
    clerk = await _added(bound, boss, _form(Role.STAFF), first)
    again = "again-" + uuid.uuid4().hex
    sent = await staff_accounts.send_link(bound, boss, clerk, again,
                                          Message("x@example.com", "s", "b"), NOW)
    assert sent == Accepted(True)
    assert await email_links.token_account(first, "reset", NOW) is None
    assert await email_links.token_account(again, "reset", NOW) == clerk
    await staff_accounts.deactivate(bound, boss, clerk, NOW)
    refused = await staff_accounts.send_link(bound, boss, clerk, "t-" + uuid.uuid4().hex,
                                             Message("x@example.com", "s", "b"), NOW)
    assert "link" in refused.errors
