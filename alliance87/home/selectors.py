"""Reads of the hub pages that gather several domains."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet

from alliance87.accounts.models import User
from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person
from alliance87.bodies.models import Body
from alliance87.bodies.permissions import chaired_body_ids
from alliance87.commitments.selectors import Completeness as CommitmentCompleteness
from alliance87.commitments.selectors import completeness as commitment_completeness
from alliance87.countries import selectors as country_selectors
from alliance87.countries.models import PathfinderCountry, PathStep
from alliance87.library.models import Item
from alliance87.library.permissions import visible_items
from alliance87.meetings.selectors import ActionCounts, events_looked_up, follow_up_counts_by_body
from alliance87.plans.completeness import Completeness, completeness_by_plan, completeness_plans
from alliance87.plans.models import Plan
from alliance87.plans.permissions import visible_plans_filter


def path_steps_with_evidence(user: User | AnonymousUser, pathfinder: PathfinderCountry) -> QuerySet[PathStep]:
    """A country's steps with the events, and the plans and documents this person may see."""
    # The documents are named through the country's links first: filtered by access alone, SQLite read every
    # visible item of the library and looked each up in the links (100 ms at 200,000 items).
    linked = Item.path_steps.through.objects.filter(pathstep__pathfinder=pathfinder).values("item_id")
    documents = Item.objects.filter(visible_items(user), pk__in=linked).order_by("title")
    return country_selectors.path_steps(pathfinder).prefetch_related(
        Prefetch("events", queryset=events_looked_up()),
        Prefetch("plans", queryset=Plan.objects.filter(visible_plans_filter(user))),
        Prefetch("documents", queryset=documents),
    )


@dataclass
class CompletenessGroup:
    """A body's or a country's plans with their counts, and the group's sum."""

    kind: str  # "body" or "country"
    name: str
    url: str
    plans: list[tuple[Plan, Completeness]] = field(default_factory=list)
    total: Completeness = field(default_factory=Completeness)
    #: The partners' commitment deliverables for this body or country (None: none recorded).
    commitments: CommitmentCompleteness | None = None
    #: The follow-up actions of this body's meetings' decisions (None: none; countries hold no meetings here).
    follow_ups: ActionCounts | None = None


@dataclass
class CompletenessReport:
    year: int
    as_of: datetime.date
    groups: list[CompletenessGroup]
    total: Completeness
    commitments: CommitmentCompleteness | None = None
    follow_ups: ActionCounts | None = None


def completeness_report(person: Person, *, year: int | None, as_of: datetime.date) -> CompletenessReport:
    """The reporting of every plan this person follows, per body and country, as of a date, with the partners'
    commitments and the follow-up actions of those bodies and countries; the reporting year is the last full one
    unless given. A constant number of queries whatever the number of plans, bodies and countries."""
    year = year or as_of.year - 1
    plans = list(completeness_plans(person))
    counts = completeness_by_plan(Plan.objects.filter(pk__in=[p.pk for p in plans]), year=year, as_of=as_of)
    groups: dict[tuple[str, int], CompletenessGroup] = {}
    total = Completeness()
    for plan in plans:
        owner = plan.owner_body or plan.owner_country
        kind = "body" if plan.owner_body_id else "country"
        group = _group(groups, kind, owner)
        plan_counts = counts.get(plan.pk, Completeness())
        group.plans.append((plan, plan_counts))
        group.total.add(plan_counts)
        total.add(plan_counts)
    everything = is_secretariat(person)
    body_ids = None if everything else chaired_body_ids(person)
    commitments = commitment_completeness(as_of=as_of, body_ids=body_ids)
    follow_ups = follow_up_counts_by_body(
        as_of=as_of, bodies=None if everything else Body.objects.filter(pk__in=body_ids or set())
    )
    _attach(groups, "body", Body.objects.all(), {**dict.fromkeys(follow_ups), **commitments.by_body})
    if everything:
        _attach(groups, "country", PathfinderCountry.objects.all(), commitments.by_country)
    for (kind, pk), group in groups.items():
        group.commitments = (commitments.by_body if kind == "body" else commitments.by_country).get(pk)
        group.follow_ups = follow_ups.get(pk) if kind == "body" else None
    ordered = sorted(groups.values(), key=lambda g: (g.kind, g.name.casefold()))
    for group in ordered:
        group.plans.sort(key=lambda row: row[0].title.casefold())
    return CompletenessReport(
        year=year,
        as_of=as_of,
        groups=ordered,
        total=total,
        commitments=commitments.overall if commitments.overall.total else None,
        follow_ups=_sum_actions(follow_ups.values()) if follow_ups else None,
    )


def _group(groups: dict[tuple[str, int], CompletenessGroup], kind: str, owner: Any) -> CompletenessGroup:
    key = (kind, owner.pk)
    if key not in groups:
        groups[key] = CompletenessGroup(kind=kind, name=str(owner), url=owner.get_absolute_url())
    return groups[key]


def _attach(groups: dict[tuple[str, int], CompletenessGroup], kind: str, owners: Any, keys: Any) -> None:
    """Groups for the bodies or countries that have commitments or actions but no plan followed (one query)."""
    missing = [pk for pk in keys if (kind, pk) not in groups]
    for owner in owners.filter(pk__in=missing) if missing else []:
        _group(groups, kind, owner)


def _sum_actions(counts: Any) -> ActionCounts:
    rows = list(counts)
    return ActionCounts(
        open=sum(c.open for c in rows),
        overdue=sum(c.overdue for c in rows),
        done=sum(c.done for c in rows),
        dropped=sum(c.dropped for c in rows),
    )
