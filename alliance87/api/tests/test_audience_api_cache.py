"""Signed-in callers' API lists kept per audience (`core.audienceapi`): callers with the same rights share an
answer, by token or session; callers with other rights, and anonymous callers, never get it; a change shows on the
next request; a kept answer carries an ETag that answers 304.

These tests commit for real (``transaction=True``): answers are only kept between committed data versions.
"""

from __future__ import annotations

import pytest
from django.test import Client

from alliance87.accounts.models import TokenScope, User
from alliance87.accounts.services import issue_api_token
from alliance87.library.models import Access
from alliance87.library.tests.factories import make_item
from alliance87.partners import services as partner_services
from alliance87.partners.models import OrganisationMembership
from alliance87.plans.models import PlanStatus
from alliance87.plans.tests.factories import make_plan
from conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)

HEADER = "X-Audience-Cache"
ITEMS = "/api/v1/library/items"
PLANS = "/api/v1/plans"
ORGANISATIONS = "/api/v1/organisations"


class Caller:
    """A client that sends a personal API token with every request."""

    def __init__(self, user: User, scope: str = TokenScope.READ) -> None:
        self.token, self.raw = issue_api_token(user=user, name="script", scope=scope)
        self.client = Client()

    def get(self, path: str, **headers: str):
        return self.client.get(path, HTTP_AUTHORIZATION=f"Bearer {self.raw}", **headers)


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def partnership(world):
    world.ngo.is_partner = True
    world.ngo.save()
    twin = make_user("twin@example.org", first_name="Tamsin", last_name="Twinley")
    OrganisationMembership.objects.create(user=twin, organisation=world.ngo)
    world.twin = twin  # the same standing as `world.member`
    make_item(title="Partners-only briefing on recruitment fees", access=Access.PARTNERS)
    make_plan(owner_body=world.supply_chains, status=PlanStatus.DRAFT, title="Draft plan of supply chains")
    return world


def titles(response) -> set[str]:
    return {row["title"] for row in response.json()["items"]}


def test_two_callers_with_the_same_rights_share_an_answer_by_token_or_session(partnership):
    world = partnership
    member, twin = Caller(world.member), Caller(world.twin, scope=TokenScope.WRITE)
    session = signed_in(world.twin)

    first = member.get(ITEMS)
    assert first.status_code == 200
    assert first.headers[HEADER] == "miss"
    shared = twin.get(ITEMS)
    assert shared.headers[HEADER] == "hit"  # a read-and-write token reads what a read-only one does
    assert shared.content == first.content
    assert "Partners-only briefing on recruitment fees" in titles(shared)
    session = session.get(ITEMS)
    assert session.headers[HEADER] == "hit"
    assert session.content == first.content
    for answer in (first, shared, session):
        assert "private" in answer.headers["Cache-Control"]


def test_callers_with_other_rights_get_their_own_answer(partnership):
    world = partnership
    member, outsider, secretariat = Caller(world.member), Caller(world.outsider), Caller(world.secretariat)
    for _ in range(2):
        assert "Partners-only briefing on recruitment fees" in titles(member.get(ITEMS))
        assert "Draft plan of supply chains" not in titles(member.get(PLANS))

    answer = outsider.get(ITEMS)
    assert answer.headers[HEADER] == "miss"
    assert "Partners-only briefing on recruitment fees" not in titles(answer)
    answer = secretariat.get(PLANS)
    assert answer.headers[HEADER] == "miss"
    assert "Draft plan of supply chains" in titles(answer)
    assert "Draft plan of supply chains" in titles(signed_in(world.secretariat).get(PLANS))
    assert "Draft plan of supply chains" not in titles(member.get(PLANS))


def test_an_anonymous_caller_never_gets_a_signed_in_answer(partnership):
    member = Caller(partnership.member)
    for path in (ITEMS, PLANS):
        member.get(path)
        assert member.get(path).headers[HEADER] == "hit"
    for _ in range(2):
        answer = Client().get(ITEMS)
        assert answer.headers.get(HEADER) is None
        assert "Partners-only briefing on recruitment fees" not in titles(answer)
        assert "Draft plan of supply chains" not in titles(Client().get(PLANS))


def test_a_change_by_anyone_shows_on_the_next_request(partnership):
    world = partnership
    member = Caller(world.member)
    member.get(ORGANISATIONS)
    assert member.get(ORGANISATIONS).headers[HEADER] == "hit"

    partner_services.update_organisation(
        organisation=world.ngo,
        by=world.focal_point,
        values=partner_services.OrganisationInput(name="Freedom Collective Renamed"),
    )

    answer = member.get(ORGANISATIONS)
    assert answer.headers[HEADER] == "miss"
    assert "Freedom Collective Renamed" in {row["name"] for row in answer.json()["items"]}


def test_a_kept_answer_answers_304_to_its_etag_until_the_data_change(partnership):
    world = partnership
    member, twin = Caller(world.member), Caller(world.twin)
    etag = member.get(ITEMS).headers["ETag"]

    not_modified = twin.get(ITEMS, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert not_modified.headers[HEADER] == "hit"
    assert not_modified.content == b""
    make_item(title="A new study on forced labour", access=Access.PUBLIC)
    changed = member.get(ITEMS, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert "A new study on forced labour" in titles(changed)


def test_a_revoked_token_is_refused_even_where_its_audience_has_a_kept_answer(partnership):
    world = partnership
    Caller(world.member).get(ITEMS)
    revoked = Caller(world.twin)
    revoked.token.revoke()
    answer = revoked.get(ITEMS)
    assert answer.status_code == 401
    assert "Partners-only" not in answer.content.decode()


def test_an_answer_that_shows_the_caller_is_not_kept(partnership):
    """The safety net: the focal point's own name in their organisation's description keeps the answer theirs."""
    world = partnership
    world.focal_point.first_name, world.focal_point.last_name = "Fenella", "Focalwörth"
    world.focal_point.save()
    world.ngo.description = "Ask Fenella Focalwörth about our programmes."
    world.ngo.save()
    focal_point = Caller(world.focal_point)
    for _ in range(2):
        answer = focal_point.get(ORGANISATIONS)
        assert answer.status_code == 200
        assert answer.headers.get(HEADER) is None
