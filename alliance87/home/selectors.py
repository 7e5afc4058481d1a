"""Reads of the hub pages that gather several domains."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet

from alliance87.accounts.models import User
from alliance87.countries import selectors as country_selectors
from alliance87.countries.models import PathfinderCountry, PathStep
from alliance87.library.models import Item
from alliance87.library.permissions import visible_items
from alliance87.plans.models import Plan
from alliance87.plans.permissions import visible_plans_filter


def path_steps_with_evidence(user: User | AnonymousUser, pathfinder: PathfinderCountry) -> QuerySet[PathStep]:
    """A country's steps with the events, and the plans and documents this person may see."""
    return country_selectors.path_steps(pathfinder).prefetch_related(
        "events",
        Prefetch("plans", queryset=Plan.objects.filter(visible_plans_filter(user))),
        Prefetch("documents", queryset=Item.objects.filter(visible_items(user)).order_by("title")),
    )
