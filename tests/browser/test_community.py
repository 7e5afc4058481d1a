"""Post in a discussion, mention someone, and they see the notification; members-only spaces stay closed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from alliance87.community import services
from alliance87.community.models import Space, Visibility
from conftest import World

from .helpers import sign_in
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def community(world: World) -> dict[str, Space]:
    for user, name in ((world.chair, "Chidi Chair"), (world.member, "Marco Member")):
        user.full_name = name
        user.save()
        services.profile_for(user)
    public = Space.objects.create(name="Introductions", slug="introductions", visibility=Visibility.PUBLIC)
    members = Space.objects.create(
        name="Supply Chains members",
        slug="supply-chains",
        body=world.supply_chains,
        visibility=Visibility.MEMBERS,
    )
    services.create_thread(space=members, by=world.chair, title="Mapping — next steps", body="Members only.")
    return {"public": public, "members": members}


def test_a_mention_reaches_the_person_mentioned(
    new_page: Callable[[], Page], site: str, world: World, community: dict[str, Space]
) -> None:
    chair = new_page()
    sign_in(chair, site, world.chair.email)
    chair.get_by_role("navigation", name="Main").get_by_role("link", name="Community").click()
    expect(chair.get_by_role("heading", level=1, name="Community of practice")).to_be_visible()
    assert_accessible(chair)
    chair.get_by_role("link", name="Introductions").click()
    chair.get_by_role("link", name="Start a discussion").click()
    chair.get_by_label("Title").fill("Forced labour in cotton supply chains")
    chair.get_by_label("Message").fill("Who has data on **cotton**? @marco-member, your survey would help.")
    chair.get_by_role("button", name="Start the discussion").click()
    expect(
        chair.get_by_role("heading", level=1, name="Forced labour in cotton supply chains")
    ).to_be_visible()
    expect(chair.get_by_text("Your discussion has been started.")).to_be_visible()
    expect(chair.locator(".posts strong", has_text="cotton")).to_be_visible()
    assert_accessible(chair)

    member = new_page()
    sign_in(member, site, world.member.email)
    member.get_by_role("link", name="Notifications (1)").click()
    expect(member.get_by_role("heading", level=1, name="Notifications")).to_be_visible()
    assert_accessible(member)
    member.get_by_role(
        "button", name="@chidi-chair mentioned you in “Forced labour in cotton supply chains”"
    ).click()
    expect(
        member.get_by_role("heading", level=1, name="Forced labour in cotton supply chains")
    ).to_be_visible()
    expect(member.get_by_role("link", name="Notifications (0)")).to_be_visible()
    member.get_by_label("Your reply").fill("Happy to share it, @chidi-chair.")
    member.get_by_role("button", name="Post the reply").click()
    expect(member.get_by_text("Your reply has been posted.")).to_be_visible()

    chair.reload()
    expect(chair.get_by_role("link", name="Notifications (1)")).to_be_visible()


def test_a_non_member_cannot_read_a_members_only_space(
    new_page: Callable[[], Page], site: str, world: World, community: dict[str, Space]
) -> None:
    member = new_page()
    sign_in(member, site, world.member.email)
    member.goto(f"{site}/community/")
    expect(member.get_by_role("link", name="Introductions")).to_be_visible()
    expect(member.get_by_role("link", name="Supply Chains members")).to_have_count(0)
    response = member.goto(f"{site}/community/spaces/supply-chains/")
    assert response is not None and response.status == 404
    expect(member.get_by_text("Members only.")).to_have_count(0)
    api = member.request.get(f"{site}/api/v1/community/spaces/supply-chains/threads")
    assert api.status == 404

    chair = new_page()
    sign_in(chair, site, world.chair.email)
    chair.goto(f"{site}/community/spaces/supply-chains/")
    chair.get_by_role("link", name="Mapping — next steps").click()
    expect(chair.get_by_text("Members only.")).to_be_visible()
