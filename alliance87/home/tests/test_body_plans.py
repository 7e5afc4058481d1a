"""A body's page shows its first plans and links to all of them, however many it has."""

from __future__ import annotations

import pytest

from alliance87.bodies.models import Body, BodyKind
from alliance87.home.views import BODY_PLANS_SHOWN
from alliance87.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db


def _body(slug: str) -> Body:
    return Body.objects.create(kind=BodyKind.ACTION_GROUP, name=f"Action Group {slug}", slug=slug)


def test_a_body_with_many_plans_shows_the_first_and_links_to_every_one(client):
    body = _body("many-plans")
    for n in range(BODY_PLANS_SHOWN + 3):
        make_plan(owner_body=body, title=f"Many plans {n:02d}", slug=f"many-plans-{n}")

    page = client.get(body.get_absolute_url()).content.decode()

    assert page.count("Many plans ") == BODY_PLANS_SHOWN
    assert "/plans/?owner_body=many-plans" in page
    listed = client.get("/plans/?owner_body=many-plans").content.decode()
    assert "Many plans 00" in listed and "Many plans 22" in listed


def test_a_body_with_few_plans_shows_them_all_without_the_link(client):
    body = _body("few-plans")
    make_plan(owner_body=body, title="Few plans only one", slug="few-plans-1")

    page = client.get(body.get_absolute_url()).content.decode()

    assert "Few plans only one" in page
    assert "/plans/?owner_body=few-plans" not in page
