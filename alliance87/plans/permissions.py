"""Who may see, edit and report on a plan.

- The Secretariat may do everything.
- A body's plan is edited by the body's chairs; a country's plan by the focal points of its national focal institution.
- Reporters: the editors, plus the people of the plan's responsible organisations and of the owner body's
  current member organisations. Only editors approve values.
- Draft plans are visible to editors and reporters only; every other status is public.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from alliance87.accounts.roles import is_secretariat
from alliance87.bodies.models import Body, RoleTerm
from alliance87.bodies.permissions import can_manage_body, chaired_body_ids
from alliance87.countries.models import PathfinderCountry
from alliance87.partners.models import OrganisationMembership
from alliance87.partners.permissions import focal_point_organisation_ids

from .models import Plan, PlanStatus


def _signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _organisation_ids(user: Any) -> set[int]:
    if not _signed_in(user):
        return set()
    return set(OrganisationMembership.objects.filter(user=user).values_list("organisation_id", flat=True))


def can_create_plan_for_body(user: Any, body: Body) -> bool:
    return is_secretariat(user) or can_manage_body(user, body)


def can_create_plan_for_country(user: Any, country: PathfinderCountry) -> bool:
    if is_secretariat(user):
        return True
    return bool(
        country.focal_institution_id and country.focal_institution_id in focal_point_organisation_ids(user)
    )


def can_edit_plan(user: Any, plan: Plan) -> bool:
    """Editors change the framework, targets and budgets, and approve or return reported values."""
    if not _signed_in(user):
        return False
    if plan.owner_body_id:
        return is_secretariat(user) or plan.owner_body_id in chaired_body_ids(user)
    return can_create_plan_for_country(user, plan.owner_country)  # type: ignore[arg-type]


def can_report_on_plan(user: Any, plan: Plan) -> bool:
    """Reporters submit actual values for approval."""
    if not _signed_in(user):
        return False
    if can_edit_plan(user, plan):
        return True
    organisation_ids = _organisation_ids(user)
    if not organisation_ids:
        return False
    if plan.responsible_organisations.filter(pk__in=organisation_ids).exists():
        return True
    if plan.owner_body_id:
        return (
            RoleTerm.objects.current()
            .filter(body_id=plan.owner_body_id, organisation_id__in=organisation_ids)
            .exists()
        )
    return False


def can_view_plan(user: Any, plan: Plan) -> bool:
    return plan.status != PlanStatus.DRAFT or can_report_on_plan(user, plan)


def visible_plans_filter(user: Any) -> Q:
    """A filter on Plan for the plans this person may see (for lists, search and gap reports)."""
    public = ~Q(status=PlanStatus.DRAFT)
    if not _signed_in(user):
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
        | Q(responsible_organisations__in=organisation_ids)
        | Q(owner_country__focal_institution_id__in=focal_point_organisation_ids(user))
    )


def visible_plans(user: Any) -> QuerySet[Plan]:
    return Plan.objects.filter(visible_plans_filter(user)).distinct()


def editable_plans_filter(user: Any) -> Q:
    """A filter on Plan for the plans this person edits (for review queues); matches nothing when signed out."""
    if not _signed_in(user):
        return Q(pk__in=[])
    if is_secretariat(user):
        return Q()
    return Q(owner_body_id__in=chaired_body_ids(user)) | Q(
        owner_country__focal_institution_id__in=focal_point_organisation_ids(user)
    )


def can_manage_common_indicators(user: Any) -> bool:
    """The Secretariat defines the indicators plans share (it keeps the Alliance's common results framework)."""
    return is_secretariat(user)
