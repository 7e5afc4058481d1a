"""The hub pages (home, a body's page, a country's page) load in a fixed number of queries as the partnership grows.

Each page is asked by a signed-in person (never from the page cache) and by a visitor (whose first request renders
the page); then a visitor's second request, served from the cache, costs the one query that reads the data version.
"""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alliance87.core.tests.helpers import assert_queries_do_not_grow
from alliance87.library.models import Item
from alliance87.meetings.decision_models import ActionStatusChange, Decision, FollowUpAction
from alliance87.meetings.models import Event, EventKind
from alliance87.news.models import Post, PostStatus
from alliance87.partners.models import Organisation, OrganisationType

pytestmark = pytest.mark.django_db
serial = itertools.count()


def grow(world, n: int) -> None:
    """n more partners, published posts, events and library items, each tied to Supply Chains and Fiji."""
    now = timezone.now()
    for _ in range(n):
        i = next(serial)
        Organisation.objects.create(name=f"Hub partner {i}", slug=f"hub-{i}", type=OrganisationType.BUSINESS)
        post = Post.objects.create(
            title=f"Hub post {i}",
            slug=f"hub-post-{i}",
            summary="s",
            body="b",
            status=PostStatus.PUBLISHED,
            published_at=now - datetime.timedelta(hours=i + 1),
        )
        post.bodies.add(world.supply_chains)
        post.countries.add(world.fiji)
        for owner in ({"owner_body": world.supply_chains}, {"owner_country": world.fiji}):
            Event.objects.create(
                kind=EventKind.values[0],
                title=f"Hub event {i}",
                slug=f"hub-event-{i}-{'body' if 'owner_body' in owner else 'country'}",
                starts_at=now + datetime.timedelta(days=i + 1),
                ends_at=now + datetime.timedelta(days=i + 1, hours=2),
                **owner,
            )
        item = Item.objects.create(
            kind="report", title=f"Hub report {i}", slug=f"hub-report-{i}", countries=["FJ"]
        )
        item.bodies.add(world.supply_chains)
        _decision_with_actions(world, i, now)


def _decision_with_actions(world, i: int, now: datetime.datetime) -> None:
    """A past meeting of Supply Chains with a decision giving an organisation and a body an action each."""
    meeting = Event.objects.create(
        kind=EventKind.values[0],
        title=f"Hub meeting {i}",
        slug=f"hub-meeting-{i}",
        starts_at=now - datetime.timedelta(days=i + 10),
        ends_at=now - datetime.timedelta(days=i + 10, hours=-2),
        owner_body=world.supply_chains,
    )
    decision = Decision.objects.create(event=meeting, number=str(i), text="Decided", decided_on=now.date())
    for owner in ({"owner_organisation": world.ngo}, {"owner_body": world.working_group}):
        action = FollowUpAction.objects.create(
            decision=decision, description="Do it", due_date=now.date(), status_changed_on=now.date(), **owner
        )
        ActionStatusChange.objects.create(action=action, status="open", changed_on=now.date())


def pages(world) -> list[str]:
    return ["/", world.supply_chains.get_absolute_url(), world.fiji.get_absolute_url()]


@pytest.mark.parametrize("index", range(3))
@pytest.mark.parametrize("who", ["visitor", "member"])
def test_hub_pages_do_not_grow_with_the_partnership(world, django_assert_num_queries, index, who):
    client = Client()
    if who == "member":
        client.force_login(world.member)
    path = pages(world)[index]
    queries = assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=lambda n: grow(world, n), load=lambda: client.get(path)
    )
    # A country's profile gathers its path, plans with verdicts, data, partners, events, items and news.
    limit = 40 if index == 2 else 30
    assert queries <= limit, f"{path} takes {queries} queries"


@pytest.mark.django_db(transaction=True)
def test_a_page_from_the_cache_costs_one_query(world, django_assert_num_queries):
    grow(world, 2)
    for path in [*pages(world), "/partners/", "/news/", "/events/", "/library/", "/plans/", "/bodies/"]:
        Client().get(path)
        with CaptureQueriesContext(connection) as queries:
            response = Client().get(path)
        assert len(queries.captured_queries) == 1, [q["sql"] for q in queries.captured_queries]
        assert response.headers.get("X-Page-Cache") == "hit", path
