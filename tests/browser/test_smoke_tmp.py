import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

def test_home(page, site, world, smtp_mailbox):
    page.goto(site + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Alliance 8.7")
