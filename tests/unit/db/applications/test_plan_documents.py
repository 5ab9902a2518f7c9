"""An application's files on both engines: the limits are judged again under the lock, so
uploads that passed the first look together cannot pass them; files of a round share a version."""
from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timezone

from db.accounts import accounts
from db.applications import drafts, plan_documents
from db.applications.plan_documents import Owner
from domain import plan_documents as rules
from domain.accounts import Role
from domain.documents import StoredDocument
from domain.outcomes import Accepted, Rejected
from domain.permits import PermitType

NOW = datetime(2026, 12, 4, 18, 0, tzinfo=timezone.utc)
PDF = b"%PDF-1.7\n"


def kept(size: int) -> StoredDocument:
    return StoredDocument("plan_set", "plans.pdf", "application/pdf", size, "0" * 64,
                          f"{uuid.uuid4().hex}.pdf")


async def test_two_uploads_at_once_cannot_pass_the_applications_limit_together(bound,
                                                                              monkeypatch):
    account_id = await accounts.create_account(
        bound, email=f"files.{uuid.uuid4().hex[:8]}@example.com",
        password_hash="pbkdf2_sha256$1$x$y", name="Applicant", phone="323-555-0100",
        role=Role.CONTRACTOR, license_no="1012345", now=NOW)
    owner = Owner(await drafts.start(account_id, PermitType.BUILDING, NOW))
    monkeypatch.setattr(rules, "MAX_APPLICATION_BYTES", 150)
    # Both pass the first look (nothing is stored yet); only one fits once they are recorded.
    for size in (100, 100):
        assert isinstance(await plan_documents.check_room(owner, size, PDF), Accepted)
    outcomes = await asyncio.gather(*(plan_documents.attach(bound, owner, kept(100), PDF,
                                                            account_id, NOW) for _ in range(2)))
    assert sorted(type(o).__name__ for o in outcomes) == ["Accepted", "Rejected"]
    refused = next(o for o in outcomes if isinstance(o, Rejected))
    assert refused.errors == {"file": rules.FULL}
    second = await plan_documents.attach(bound, owner, kept(50), PDF, account_id, NOW)
    files = await plan_documents.documents_of(owner)
    assert [d.title for d in files] == ["Plan set v1", "Plan set v1"], "one round, one version"
    assert second.value == files[-1]
