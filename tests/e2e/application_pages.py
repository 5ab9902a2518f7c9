"""Page objects of the e-permit wizard: one question per page, then fees and payment."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.account_pages import FormPage, register_and_sign_in


class Wizard(FormPage):
    def expect_step(self, title: str) -> None:
        expect(self.heading).to_have_text(title)
        self.settle()
        self.tab.check()

    def address(self, text: str) -> None:
        self.expect_step("Where is the work?")
        self.fill("Street address of the work", text)
        self.press("Save and continue")

    def scope(self, work: str, description: str) -> None:
        self.expect_step("What is the work?")
        self.page.get_by_role("radio", name=work, exact=True).check()
        self.fill("Description of the work", description)
        self.press("Save and continue")

    def valuation(self, valuation: str = "", **items: str) -> None:
        self.expect_step("Valuation and items")
        if valuation:
            self.fill("Valuation", valuation)
        for label, quantity in items.items():
            self.page.get_by_label(re.compile(f"^{label}")).fill(quantity)
        self.press("Save and continue")

    def owner(self, name: str = "Olivia Owner", phone: str = "323-555-0155") -> None:
        self.expect_step("Who is involved?")
        self.fill("Property owner's full name", name)
        self.fill("Owner's phone number", phone)
        self.press("Save and continue")

    def documents(self, plan_set=None) -> None:
        """The documents step: attach a plan set (a file's path) if given, then go on."""
        self.expect_step("Plans and documents")
        if plan_set is not None:
            self.page.get_by_label("What is the file?").select_option("Plan set")
            self.page.get_by_label("File", exact=True).set_input_files(plan_set)
            self.press("Attach the file")
            expect(self.page.get_by_role("status")).to_contain_text("Plan set attached")
            self.tab.check()
        self.press("Save and continue")

    def submit(self, total: str) -> str:
        self.expect_step("Check your answers")
        expect(self.page.get_by_role("row", name=re.compile("^Total"))).to_contain_text(total)
        self.press("Submit the application")
        expect(self.heading).to_have_text("Application submitted")
        self.tab.check()
        return self.page.locator(".reference").inner_text()

    def pay_by_card(self, total: str) -> None:
        """From the submitted page, pay the fees with the counter gateway's test card."""
        self.page.get_by_role("link", name=f"Pay {total} now").click()
        self.expect_step("Fees to pay")
        self.press("Continue to payment")
        self.expect_step(f"Pay {total}")
        self.fill("Card number", "4242 4242 4242 4242")
        self.fill("Expiry date (MM/YY)", "12/35")
        self.fill("Security code", "123")
        self.press(f"Pay {total}")
        self.expect_step("Payment received")


def submitted_water_heater(tab, mailbox, server) -> tuple[str, str]:
    """A new contractor account with an e-plumbing permit applied for ($83.60 due)."""
    email = register_and_sign_in(tab, mailbox, server)
    wizard = Wizard(tab)
    tab.page.get_by_role("link", name="Apply for an e-permit").click()
    wizard.press("Start E-PLUMBING")
    wizard.address("8500 Sunset Blvd")
    wizard.scope("Water Heater", "Replace the water heater")
    wizard.valuation("", **{"Water heater": "1"})
    wizard.owner()
    wizard.documents()
    return email, wizard.submit("$83.60")


def issued_water_heater(tab, mailbox, server) -> tuple[str, str]:
    """A new contractor account with an e-plumbing permit applied for, paid and issued."""
    email, number = submitted_water_heater(tab, mailbox, server)
    Wizard(tab).pay_by_card("$83.60")
    return email, number
