"""The community home, a space and a discussion load in a fixed number of queries, however many rows."""

from __future__ import annotations

import itertools

import pytest

from alliance87.community import services
from alliance87.core.tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db
serial = itertools.count()


@pytest.mark.parametrize("role", ["anonymous", "member", "chair", "secretariat"])
def test_a_thread_page_does_not_grow_with_its_posts(
    world, spaces, client_for, django_assert_num_queries, role
):
    authors = [world.chair, world.member, world.focal_point, world.secretariat]

    def add_rows(n: int) -> None:
        for _ in range(n):
            author = authors[next(serial) % len(authors)]
            services.reply(thread=spaces.public_thread, by=author, body=f"Post {next(serial)} **bold**")

    client = client_for(None if role == "anonymous" else getattr(world, role))
    queries = assert_queries_do_not_grow(
        django_assert_num_queries,
        add_rows=add_rows,
        load=lambda: client.get(spaces.public_thread.get_absolute_url()),
    )
    assert queries <= 20


@pytest.mark.parametrize("role", ["anonymous", "chair", "secretariat"])
def test_a_space_page_does_not_grow_with_its_threads(
    world, spaces, client_for, django_assert_num_queries, role
):
    def add_rows(n: int) -> None:
        for _ in range(n):
            thread = services.create_thread(
                space=spaces.supply_chains if role != "anonymous" else spaces.public,
                by=world.chair,
                title=f"Discussion {next(serial)}",
                body="Text",
            )
            services.reply(thread=thread, by=world.secretariat, body="Reply")

    client = client_for(None if role == "anonymous" else getattr(world, role))
    space = spaces.supply_chains if role != "anonymous" else spaces.public
    queries = assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=add_rows, load=lambda: client.get(space.get_absolute_url())
    )
    assert queries <= 16


def test_the_community_home_does_not_grow_with_spaces_or_search_hits(
    world, spaces, client_for, django_assert_num_queries
):
    from alliance87.community.models import Space

    def add_rows(n: int) -> None:
        for _ in range(n):
            i = next(serial)
            space = Space.objects.create(name=f"Space {i}", slug=f"space-{i}", visibility="public")
            services.create_thread(space=space, by=world.chair, title=f"Cotton {i}", body="cotton")

    client = client_for(world.member)
    queries = assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=add_rows, load=lambda: client.get("/community/?q=cotton")
    )
    assert queries <= 16
