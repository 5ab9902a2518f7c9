"""Page objects for accounts: registration, e-mailed links, sign-in and My Dashboard."""
from __future__ import annotations

import re
import uuid

from playwright.sync_api import Locator, expect

from tests.e2e.pages import BasePage, wait_for_htmx_idle

PASSWORD = "lantern-copper-92"


class FormPage(BasePage):
    def fill(self, label: str, value: str) -> None:
        self.page.get_by_label(label, exact=True).fill(value)

    def press(self, name: str) -> None:
        self.page.get_by_role("button", name=name, exact=True).click()

    @property
    def error_summary(self) -> Locator:
        return self.page.get_by_role("alert").filter(has_text="There is a problem")

    def field_error(self, label: str) -> Locator:
        """The message tied to a field by aria-describedby, as a screen reader reads it."""
        field = self.page.get_by_label(label, exact=True)
        expect(field).to_have_attribute("aria-invalid", "true")
        ids = field.get_attribute("aria-describedby").split()
        return self.page.locator(f"#{ids[-1]}")

    def settle(self) -> None:
        if self.tab.javascript:
            wait_for_htmx_idle(self.page)


class RegisterContractorPage(FormPage):
    LICENSE = "California contractor's license number"

    def open(self) -> None:
        self.goto("/")
        self.page.get_by_role("banner").get_by_role("link", name="Sign in").click()
        self.page.get_by_role("link", name="Register as a contractor or an owner-builder").click()
        self.page.get_by_role("link", name="I am a licensed contractor").click()
        expect(self.heading).to_have_text("Register as a contractor")
        self.settle()

    def look_up(self, license_no: str) -> None:
        self.fill(self.LICENSE, license_no)
        self.press("Look up my license")
        self.page.wait_for_url(re.compile(rf"license={license_no}"))
        self.settle()

    def create_account(self, email: str, *, name: str = "Ana Ruiz",
                       phone: str = "323 555 0100", password: str = PASSWORD) -> None:
        self.fill("Your full name", name)
        self.fill("E-mail address", email)
        self.fill("Phone number", phone)
        self.fill("Create a password", password)
        self.press("Create my account")
        self.settle()


class SignInPage(FormPage):
    def open(self) -> None:
        self.goto("/sign-in")
        expect(self.heading).to_have_text("Sign in")

    def sign_in(self, email: str, password: str = PASSWORD) -> None:
        self.fill("E-mail address", email)
        self.fill("Password", password)
        self.press("Sign in")
        self.settle()


class DashboardPage(FormPage):
    def section(self, title: str) -> Locator:
        return self.page.get_by_role("region", name=re.compile(rf"^{re.escape(title)} \(\d+\)$"))

    def expect_count(self, title: str, count: int) -> None:
        heading = self.page.get_by_role("heading", level=2, name=f"{title} ({count})")
        expect(heading).to_be_visible()


def confirm_email(tab, mailbox, email: str) -> None:
    """Follows the link the real SMTP server received, and presses the button behind it."""
    message = mailbox.wait_for(email, "Confirm your e-mail address")
    page = FormPage(tab)
    page.goto(mailbox.link_in(message, "/account/verify/"))
    expect(page.heading).to_have_text("Confirm your e-mail address")
    tab.check()
    page.press("Confirm my e-mail address")
    expect(page.heading).to_have_text("Your e-mail address is confirmed")
    page.settle()
    tab.check()


def new_email(label: str) -> str:
    return f"{label}.{uuid.uuid4().hex[:8]}@example.com"


def register_and_sign_in(tab, mailbox, server, license_no: str = "1012345") -> str:
    """A new contractor account of ``license_no``, confirmed, approved by staff (one of the
    ways an account joins its company; test_claim_a_company.py takes the mailed code) and
    signed in on the dashboard."""
    email = new_email("e2e")
    register = RegisterContractorPage(tab)
    register.open()
    tab.check()
    register.look_up(license_no)
    expect(register.page.get_by_role("heading", name=f"License {license_no} is in good standing")
           ).to_be_visible()
    tab.check()
    register.create_account(email)
    expect(register.heading).to_have_text("Check your e-mail")
    tab.check()
    confirm_email(tab, mailbox, email)
    server.approve_as_staff(email)
    tab.page.get_by_role("link", name="Sign in").first.click()
    sign_in = SignInPage(tab)
    expect(sign_in.heading).to_have_text("Sign in")
    sign_in.sign_in(email)
    expect(sign_in.heading).to_have_text("My Dashboard")
    return email


def sign_in_as(tab, email: str, password: str) -> FormPage:
    page = FormPage(tab)
    page.goto("/sign-in")
    page.fill("E-mail address", email)
    page.fill("Password", password)
    page.press("Sign in")
    # An inspector's dashboard is the day's route (issue 17 §3).
    expect(page.heading).to_have_text(re.compile(r"^(My Dashboard|Today: .+)$"))
    return page


def sign_out(tab) -> None:
    """From the site's header; signing out ends on the home page, loaded afresh."""
    tab.page.get_by_role("button", name="Sign out").click()
    expect(tab.page.get_by_role("banner").get_by_role("link", name="Sign in")).to_be_visible()
