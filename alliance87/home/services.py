"""Changes that span several domains, written once for the hub pages and the API.

A step of a Pathfinder Country's path lives in `countries`; the event, plan and documents that serve it belong
to `meetings`, `plans` and `library`, which sit above it. Recording the step with them is one transaction here,
on top of the services of each app, so that a refused link leaves no step behind.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from alliance87.accounts.models import User
from alliance87.countries.models import PathfinderCountry, PathStep
from alliance87.countries.services import PathStepInput, record_path_step
from alliance87.library.models import Item
from alliance87.library.services import link_items_to_path_step
from alliance87.meetings.models import Event
from alliance87.meetings.services import link_event_to_path_step
from alliance87.plans.models import Plan
from alliance87.plans.services.framework import link_plan_to_path_step


@transaction.atomic
def record_step_with_evidence(
    *,
    by: User,
    pathfinder: PathfinderCountry,
    values: PathStepInput,
    earlier_steps_reason: str = "",
    event: Event | None = None,
    plan: Plan | None = None,
    documents: Iterable[Item] = (),
) -> PathStep:
    """Record a step of a country's path with the event, plan and library items that serve it."""
    step = record_path_step(
        by=by, pathfinder=pathfinder, values=values, earlier_steps_reason=earlier_steps_reason
    )
    if event is not None:
        link_event_to_path_step(by=by, event=event, step=step)
    if plan is not None:
        link_plan_to_path_step(by=by, plan=plan, step=step)
    documents = list(documents)
    if documents:
        link_items_to_path_step(by=by, step=step, items=documents)
    return step
