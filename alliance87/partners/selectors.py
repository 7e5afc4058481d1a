"""Reads of organisations and applications, with what their pages need already fetched."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from .models import ApplicationStatus, Organisation, OrganisationMembership, PartnerApplication


@dataclass(frozen=True)
class DirectoryFilters:
    q: str = ""
    type: str = ""
    country: str = ""
    body: str = ""  # a body's slug: partners holding a current role in it


def _role_term_model() -> Any:
    """bodies.RoleTerm, reached through the reverse relation: partners must not import bodies (it imports us)."""
    return Organisation.role_terms.rel.related_model


def action_groups() -> list[tuple[str, str]]:
    """The Action Groups the directory can be filtered by, as (slug, name), in the bodies' own order."""
    body_model = _role_term_model()._meta.get_field("body").related_model
    groups = body_model._default_manager.filter(kind="action_group").order_by("position", "name")
    return list(groups.values_list("slug", "name"))


def directory(filters: DirectoryFilters) -> QuerySet[Organisation]:
    """The public partner directory, filtered."""
    from django.utils import timezone

    today = timezone.localdate()
    current_terms = Q(role_terms__start_date__lte=today) | Q(role_terms__start_date__isnull=True)
    current_terms &= Q(role_terms__end_date__gte=today) | Q(role_terms__end_date__isnull=True)
    organisations = Organisation.objects.filter(is_partner=True)
    if filters.q:
        organisations = organisations.filter(Q(name__icontains=filters.q) | Q(acronym__icontains=filters.q))
    if filters.type:
        organisations = organisations.filter(type=filters.type)
    if filters.country:
        organisations = organisations.filter(country=filters.country.upper())
    if filters.body:
        organisations = organisations.filter(current_terms, role_terms__body__slug=filters.body).distinct()
    return organisations.order_by("name")


def partners_based_in(codes: list[str]) -> QuerySet[Organisation]:
    """Partner organisations headquartered in any of these countries, by name."""
    return Organisation.objects.filter(
        is_partner=True, country__in=[code.upper() for code in codes]
    ).order_by("name")


def with_current_group_terms(organisations: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """Each organisation's current Action Group terms, with their bodies, as `current_group_terms`."""
    group_terms = (
        _role_term_model()._default_manager.current().filter(body__kind="action_group").select_related("body")
    )
    return organisations.prefetch_related(
        Prefetch("role_terms", queryset=group_terms, to_attr="current_group_terms")
    )


def organisation_detail(slug: str) -> Organisation:
    """One organisation with its role terms (and their bodies) and its people."""
    return Organisation.objects.prefetch_related(
        Prefetch(
            "role_terms",
            queryset=_role_term_model()
            ._default_manager.select_related("body")
            .order_by("body__position", "body__name", "-start_date"),
        ),
        Prefetch("people", queryset=OrganisationMembership.objects.select_related("user")),
    ).get(slug=slug)


def pending_applications() -> QuerySet[PartnerApplication]:
    """The review queue: applications waiting for a decision whose contact person confirmed them."""
    return PartnerApplication.objects.filter(
        status=ApplicationStatus.PENDING, email_confirmed_at__isnull=False
    ).order_by("created_at")


def decided_applications() -> QuerySet[PartnerApplication]:
    return (
        PartnerApplication.objects.exclude(status=ApplicationStatus.PENDING)
        .select_related("decided_by", "organisation")
        .order_by("-decided_at")
    )


def organisations_of(user: Any) -> QuerySet[Organisation]:
    return Organisation.objects.filter(people__user=user).order_by("name")


def applications(*, status: str = "") -> QuerySet[PartnerApplication]:
    """Applications to join, newest first, optionally of one status (the API's review queue).

    Those whose contact person has not confirmed them yet are nobody's business but the sender's.
    """
    found = PartnerApplication.objects.select_related("decided_by", "organisation").filter(
        email_confirmed_at__isnull=False
    )
    if status:
        found = found.filter(status=status)
    return found.order_by("-created_at", "-pk")
