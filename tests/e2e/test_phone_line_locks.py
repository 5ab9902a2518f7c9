"""A contractor locked out of the phone line calls the counter: staff find the lock on the
Phone line page and clear it (issue 14 §5)."""
from __future__ import annotations

import asyncio
import threading
from datetime import datetime, timezone

from playwright.sync_api import expect

from db.accounts.sign_in import counted_attempt
from db.database import connected
from domain.pin_locks import pin_keys
from tests.e2e.account_pages import new_email, sign_in_as

CALLER = "+13105550123"


def five_wrong_pins(database_url: str) -> None:
    """What five wrong PINs from CALLER on license 1012345's permits leave in the database
    (the phone line counts them with this function)."""
    async def count() -> None:
        async with connected(database_url) as database:
            for _ in range(5):
                await counted_attempt(database, pin_keys("license:1012345", CALLER, on_file=False),
                                      datetime.now(timezone.utc))

    # Playwright's sync API holds this thread's event loop: the database work gets its own.
    worker = threading.Thread(target=asyncio.run, args=(count(),))
    worker.start()
    worker.join()


def test_staff_find_a_callers_phone_line_lock_and_clear_it(tab, server):
    five_wrong_pins(server.database_url)
    staff = new_email("counter")
    server.create_staff(staff, "desk-lamp-quiet-42")
    sign_in_as(tab, staff, "desk-lamp-quiet-42")
    tab.page.get_by_role("banner").get_by_role("link", name="Phone line").click()
    expect(tab.page.get_by_role("heading", level=1)).to_have_text("Phone line PIN locks")
    locks = tab.page.get_by_role("table", name="Locks in force, the longest first")
    row = locks.get_by_role("row").filter(has_text=CALLER)
    expect(row).to_contain_text("license 1012345")
    expect(row).to_contain_text("5")
    tab.check()
    row.get_by_role("button", name=f"Clear the lock of {CALLER}, ", exact=False).click()
    expect(tab.page.get_by_role("status")).to_contain_text(
        f"The lock was cleared (phone line PIN: license 1012345, from {CALLER})")
    expect(tab.page.get_by_role("row").filter(has_text=CALLER)).to_have_count(0)
    tab.check()
