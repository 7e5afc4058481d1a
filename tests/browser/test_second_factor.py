"""A Secretariat officer's first sign-in where a second factor is required: set up an authenticator app, then
sign in with a code; every page of the way passes axe-core."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import app_settings as totp_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import Page, expect

from conftest import PASSWORD, World

from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser


def code_for(secret: str) -> str:
    """What the officer's authenticator app shows now."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // totp_settings.TOTP_PERIOD))


def test_an_officer_sets_up_an_authenticator_then_signs_in_with_a_recovery_code(
    new_page: Callable[[], Page], site: str, world: World, settings: Any
) -> None:
    settings.MFA_REQUIRED_FOR_OFFICERS = True
    page = new_page()

    page.goto(f"{site}/accounts/login/")
    assert_accessible(page)
    page.get_by_label("E-mail address").fill("secretariat@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # Sent to set up a second factor before anything else, and told why.
    expect(page.get_by_role("heading", level=1, name="Two-Factor Authentication")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("protect their account with a second factor")
    assert_accessible(page)
    page.goto(f"{site}/partners/applications/")
    expect(page.get_by_role("heading", level=1, name="Two-Factor Authentication")).to_be_visible()

    page.get_by_role("link", name="Activate").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Confirm Access")
    assert_accessible(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", level=1, name="Activate Authenticator App")).to_be_visible()
    expect(page.get_by_role("img")).to_be_visible()  # the QR code to scan
    assert_accessible(page)
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(code_for(secret))
    page.get_by_role("button", name="Activate").click()

    expect(page.get_by_role("heading", level=1, name="Recovery Codes")).to_be_visible()
    assert_accessible(page)
    recovery_code = page.get_by_label("Unused codes").input_value().split()[0]

    page.goto(f"{site}/partners/applications/")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Two-Factor Authentication")
    page.get_by_role("button", name="Sign out").click()

    page.goto(f"{site}/accounts/login/")
    page.get_by_label("E-mail address").fill("secretariat@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1, name="Two-Factor Authentication")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_text("Incorrect code.", exact=True)).to_be_visible()
    page.get_by_label("Code").fill(recovery_code)
    page.get_by_role("button", name="Sign In").click()

    expect(page.get_by_role("heading", level=1, name="My dashboard")).to_be_visible()
    page.goto(f"{site}/accounts/me/")
    expect(page.get_by_text("Two-factor authentication")).to_be_visible()
    assert_accessible(page)
