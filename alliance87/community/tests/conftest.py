"""Spaces of every kind on top of the `world` fixture, and helpers to read pages as a person sees them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest

from alliance87.community import services
from alliance87.community.models import Space, Thread, Visibility


@dataclass
class Spaces:
    public: Space  # "Introductions": anyone reads, partners write
    partners: Space  # partners only
    supply_chains: Space  # members only: the ILO (chair), the Secretariat
    fiji: Space  # members only: the focal institution (the NGO) and the Secretariat
    thread: Thread  # in supply_chains, opened by the chair
    public_thread: Thread  # in public, opened by the focal point


@pytest.fixture
def spaces(world: Any) -> Spaces:
    world.fiji.focal_institution = world.ngo
    world.fiji.save()
    for user in (world.chair, world.focal_point, world.member, world.other_focal_point, world.secretariat):
        user.full_name = {
            world.chair.pk: "Chidi Chair",
            world.focal_point.pk: "Fatima Focal",
            world.member.pk: "Marco Member",
            world.other_focal_point.pk: "Olga Other",
            world.secretariat.pk: "Sami Secretariat",
        }[user.pk]
        user.save()
        services.profile_for(user)
    public = Space.objects.create(name="Introductions", slug="introductions", visibility=Visibility.PUBLIC)
    partners = Space.objects.create(name="Partners corner", slug="partners", visibility=Visibility.PARTNERS)
    supply = Space.objects.create(
        name="Supply Chains members",
        slug="supply-chains",
        body=world.supply_chains,
        visibility=Visibility.MEMBERS,
    )
    fiji = Space.objects.create(name="Fiji", slug="fiji", country=world.fiji, visibility=Visibility.MEMBERS)
    thread = services.create_thread(
        space=supply, by=world.chair, title="Mapping of supply chain initiatives", body="Next steps, please."
    )
    public_thread = services.create_thread(
        space=public, by=world.focal_point, title="Hello from the NGO", body="We work on **debt bondage**."
    )
    return Spaces(
        public=public,
        partners=partners,
        supply_chains=supply,
        fiji=fiji,
        thread=thread,
        public_thread=public_thread,
    )


def fresh(user: Any) -> Any:
    """The same account read again, without the permission facts remembered on the old object."""
    return type(user).objects.get(pk=user.pk)


def page_text(response: Any) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())
