"""Who may see, edit and report on a plan.

- The Secretariat may do everything.
- A body's plan is edited by the body's chairs; a country's plan by the focal points of its national focal institution.
- Reporters: the editors, plus the people of the organisations a result is assigned to, who report on the
  indicators and activities of that result and of the results under it. A result no organisation is assigned to,
  nor any result above it, is the plan's responsible organisations' to report on. Only editors approve values,
  and where the plan requires a second approver (the default) nobody approves a value they submitted.
- The plan's team — its editors and reporters — sees the values under review, returned values and the reviewers'
  comments; everyone else sees only approved values.
- Draft plans are visible to editors, reporters and the owner body's member organisations only; every other
  status is public.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from alliance87.accounts.person import remember
from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person, signed_in
from alliance87.bodies.models import Body, RoleTerm
from alliance87.bodies.permissions import can_manage_body, chaired_body_ids
from alliance87.countries.models import PathfinderCountry
from alliance87.partners.permissions import focal_point_organisation_ids, organisation_ids

from .models import Indicator, Plan, PlanStatus, ResultNode


def _organisation_ids(user: Person) -> frozenset[int]:
    return organisation_ids(user)


def can_create_plan_for_body(user: Person, body: Body) -> bool:
    return is_secretariat(user) or can_manage_body(user, body)


def can_create_plan_for_country(user: Person, country: PathfinderCountry) -> bool:
    if is_secretariat(user):
        return True
    return bool(
        country.focal_institution_id and country.focal_institution_id in focal_point_organisation_ids(user)
    )


def can_edit_plan(user: Person, plan: Plan) -> bool:
    """Editors change the framework, targets and budgets, and approve or return reported values."""
    if not signed_in(user):
        return False
    if plan.owner_body_id:
        return is_secretariat(user) or plan.owner_body_id in chaired_body_ids(user)
    return can_create_plan_for_country(user, plan.owner_country)  # type: ignore[arg-type]


def _assigned_anywhere(plan: Plan, organisation_ids: frozenset[int]) -> bool:
    through = ResultNode.responsible_organisations.through
    return (
        plan.responsible_organisations.filter(pk__in=organisation_ids).exists()
        or through.objects.filter(resultnode__plan=plan, organisation_id__in=organisation_ids).exists()
    )


def assigned_organisation_ids(node: ResultNode) -> set[int]:
    """The organisations that report on a result: those assigned to it or to the nearest result above it that
    has any, else the plan's responsible organisations."""
    through = ResultNode.responsible_organisations.through
    parents = dict(ResultNode.objects.filter(plan_id=node.plan_id).values_list("pk", "parent_id"))
    assigned: dict[int, set[int]] = {}
    for node_id, organisation_id in through.objects.filter(resultnode__plan_id=node.plan_id).values_list(
        "resultnode_id", "organisation_id"
    ):
        assigned.setdefault(node_id, set()).add(organisation_id)
    current: int | None = node.pk
    seen: set[int] = set()
    while current is not None and current not in seen:
        seen.add(current)
        if assigned.get(current):
            return assigned[current]
        current = parents.get(current)
    return set(node.plan.responsible_organisations.values_list("pk", flat=True))


def can_report_on_plan(user: Person, plan: Plan) -> bool:
    """Whether this person belongs to the plan's team: an editor, or a reporter on some of its results."""
    if not signed_in(user):
        return False
    if can_edit_plan(user, plan):
        return True
    organisation_ids = _organisation_ids(user)
    if not organisation_ids:
        return False
    # A page asks this for the plan and again for each of its parts: once per request is enough.
    return remember(user, ("plans.assigned", plan.pk), lambda: _assigned_anywhere(plan, organisation_ids))


def can_report_on_result(user: Person, node: ResultNode) -> bool:
    """Reporters submit values of a result's indicators and the progress of its activities."""
    if not signed_in(user):
        return False
    if can_edit_plan(user, node.plan):
        return True
    return bool(_organisation_ids(user) & assigned_organisation_ids(node))


def can_report_on_indicator(user: Person, indicator: Indicator) -> bool:
    return can_report_on_result(user, indicator.node)


def can_see_review(user: Person, plan: Plan) -> bool:
    """Values under review, returned values and reviewers' comments are for the plan's team only."""
    return can_report_on_plan(user, plan)


def can_view_plan(user: Person, plan: Plan) -> bool:
    if plan.status != PlanStatus.DRAFT or can_report_on_plan(user, plan):
        return True
    if plan.owner_body_id and signed_in(user):
        organisation_ids = _organisation_ids(user)
        return (
            bool(organisation_ids)
            and RoleTerm.objects.current()
            .filter(body_id=plan.owner_body_id, organisation_id__in=organisation_ids)
            .exists()
        )
    return False


def visible_plans_filter(user: Person) -> Q:
    """A filter on Plan for the plans this person may see (for lists, search and gap reports).

    Linked rows are tested through subqueries, so no plan is repeated and no list needs DISTINCT (over every
    column of every plan, it read and sorted them all for a page of 25).
    """
    public = ~Q(status=PlanStatus.DRAFT)
    if not signed_in(user):
        return public
    if is_secretariat(user):
        return Q()
    organisation_ids = _organisation_ids(user)
    chaired = chaired_body_ids(user)
    member_bodies = RoleTerm.objects.current().filter(organisation_id__in=organisation_ids).values("body_id")
    return (
        public
        | Q(owner_body_id__in=chaired)
        | Q(owner_body_id__in=member_bodies)
        | Q(
            pk__in=Plan.responsible_organisations.through.objects.filter(
                organisation_id__in=organisation_ids
            ).values("plan_id")
        )
        | Q(
            pk__in=ResultNode.objects.filter(responsible_organisations__in=organisation_ids).values("plan_id")
        )
        | Q(owner_country__focal_institution_id__in=focal_point_organisation_ids(user))
    )


def visible_plans(user: Person) -> QuerySet[Plan]:
    return Plan.objects.filter(visible_plans_filter(user))


def editable_plans_filter(user: Person) -> Q:
    """A filter on Plan for the plans this person edits (for review queues); matches nothing when signed out."""
    if not signed_in(user):
        return Q(pk__in=[])
    if is_secretariat(user):
        return Q()
    return Q(owner_body_id__in=chaired_body_ids(user)) | Q(
        owner_country__focal_institution_id__in=focal_point_organisation_ids(user)
    )


def can_manage_common_indicators(user: Person) -> bool:
    """The Secretariat defines the indicators plans share (it keeps the Alliance's common results framework)."""
    return is_secretariat(user)
