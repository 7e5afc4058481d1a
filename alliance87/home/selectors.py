"""Reads of the hub pages that gather several domains."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet

from alliance87.accounts.models import User
from alliance87.accounts.types import Person
from alliance87.countries import selectors as country_selectors
from alliance87.countries.models import PathfinderCountry, PathStep
from alliance87.library.models import Item
from alliance87.library.permissions import visible_items
from alliance87.plans.completeness import Completeness, completeness_by_plan, completeness_plans
from alliance87.plans.models import Plan
from alliance87.plans.permissions import visible_plans_filter


def path_steps_with_evidence(user: User | AnonymousUser, pathfinder: PathfinderCountry) -> QuerySet[PathStep]:
    """A country's steps with the events, and the plans and documents this person may see."""
    return country_selectors.path_steps(pathfinder).prefetch_related(
        "events",
        Prefetch("plans", queryset=Plan.objects.filter(visible_plans_filter(user))),
        Prefetch("documents", queryset=Item.objects.filter(visible_items(user)).order_by("title")),
    )


@dataclass
class CompletenessGroup:
    """A body's or a country's plans with their counts, and the group's sum."""

    kind: str  # "body" or "country"
    name: str
    url: str
    plans: list[tuple[Plan, Completeness]] = field(default_factory=list)
    total: Completeness = field(default_factory=Completeness)


@dataclass
class CompletenessReport:
    year: int
    as_of: datetime.date
    groups: list[CompletenessGroup]
    total: Completeness


def completeness_report(person: Person, *, year: int | None, as_of: datetime.date) -> CompletenessReport:
    """The reporting of every plan this person follows, per body and country, as of a date (two queries);
    the reporting year is the last full one unless given."""
    year = year or as_of.year - 1
    plans = list(completeness_plans(person))
    counts = completeness_by_plan(Plan.objects.filter(pk__in=[p.pk for p in plans]), year=year, as_of=as_of)
    groups: dict[tuple[str, int], CompletenessGroup] = {}
    total = Completeness()
    for plan in plans:
        owner = plan.owner_body or plan.owner_country
        kind = "body" if plan.owner_body_id else "country"
        key = (kind, owner.pk)  # type: ignore[union-attr]
        if key not in groups:
            groups[key] = CompletenessGroup(kind=kind, name=str(owner), url=owner.get_absolute_url())  # type: ignore[union-attr]
        plan_counts = counts.get(plan.pk, Completeness())
        groups[key].plans.append((plan, plan_counts))
        groups[key].total.add(plan_counts)
        total.add(plan_counts)
    ordered = sorted(groups.values(), key=lambda g: (g.kind, g.name.casefold()))
    for group in ordered:
        group.plans.sort(key=lambda row: row[0].title.casefold())
    return CompletenessReport(year=year, as_of=as_of, groups=ordered, total=total)
