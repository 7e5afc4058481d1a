"""Reads of bodies, their role terms and the requests waiting for a decision."""

from __future__ import annotations

from collections.abc import Collection
from typing import cast

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from alliance87.accounts.types import Person

from .models import Body, BodyKind, MembershipRequest, RequestStatus, RoleTerm, RoleTermQuerySet
from .permissions import chaired_body_ids


def _terms() -> RoleTermQuerySet:
    return cast(
        RoleTermQuerySet,
        RoleTerm.objects.select_related("organisation", "representative").order_by("role", "-start_date"),
    )


def bodies_overview() -> QuerySet[Body]:
    """All bodies in their order, with their current chairing terms and member counts, for the bodies page."""
    today = timezone.localdate()
    current = (Q(role_terms__start_date__lte=today) | Q(role_terms__start_date__isnull=True)) & (
        Q(role_terms__end_date__gte=today) | Q(role_terms__end_date__isnull=True)
    )
    return (
        Body.objects.select_related("parent", "chair_rotation")
        .annotate(current_member_count=Count("role_terms", filter=current, distinct=True))
        .prefetch_related(
            Prefetch("role_terms", queryset=_terms().current().chairing(), to_attr="current_chairs")
        )
        .order_by("position", "name")
    )


def action_groups() -> QuerySet[Body]:
    return Body.objects.filter(kind=BodyKind.ACTION_GROUP).order_by("position", "name")


def body_detail(slug: str) -> Body:
    """A body with all its role terms (current and past), its working groups, its parent and its chair rotation
    rule."""
    return (
        Body.objects.select_related("parent", "chair_rotation")
        .prefetch_related(
            Prefetch("role_terms", queryset=_terms(), to_attr="all_terms"),
            Prefetch("children", queryset=Body.objects.order_by("position", "name")),
        )
        .get(slug=slug)
    )


def split_terms(terms: list[RoleTerm]) -> dict[str, list[RoleTerm]]:
    """Current leadership, current members and past terms, in the order a reader expects."""
    leadership, members, past = [], [], []
    for term in terms:
        if not term.is_current:
            past.append(term)
        elif term.role == "member":
            members.append(term)
        else:
            leadership.append(term)
    role_order = {"chair": 0, "co_chair": 1, "deputy_chair": 2, "host": 3, "focal_point": 4}
    leadership.sort(key=lambda t: (role_order.get(t.role, 9), t.start_date or timezone.localdate()))
    members.sort(key=lambda t: t.holder_name.lower())
    past.sort(key=lambda t: t.start_date or timezone.localdate(), reverse=True)
    return {"leadership": leadership, "members": members, "past": past}


def pending_requests_for(user: Person) -> QuerySet[MembershipRequest]:
    """Requests this person may decide on: all for the Secretariat, their bodies' for chairs."""
    from alliance87.accounts.roles import is_secretariat

    requests = MembershipRequest.objects.filter(status=RequestStatus.PENDING).select_related(
        "body", "organisation", "requested_by"
    )
    if not is_secretariat(user):
        requests = requests.filter(body_id__in=chaired_body_ids(user))
    return requests.order_by("created_at")


def requests_of_organisations(organisation_ids: Collection[int]) -> QuerySet[MembershipRequest]:
    return (
        MembershipRequest.objects.filter(organisation_id__in=organisation_ids)
        .select_related("body", "organisation", "decided_by")
        .order_by("-created_at")
    )


def bodies_open_to(organisation_id: int) -> QuerySet[Body]:
    """Bodies an organisation could ask to join: open ones it is not a current member of and has no pending request for."""
    current_member_of = RoleTerm.objects.current().filter(organisation_id=organisation_id).values("body_id")
    pending = MembershipRequest.objects.filter(
        organisation_id=organisation_id, status=RequestStatus.PENDING
    ).values("body_id")
    return (
        Body.objects.filter(
            is_open_to_requests=True, kind__in=[BodyKind.ACTION_GROUP, BodyKind.WORKING_GROUP]
        )
        .exclude(pk__in=current_member_of)
        .exclude(pk__in=pending)
        .select_related("parent")
        .order_by("position", "name")
    )


def role_terms_of(*, body: Body) -> QuerySet[RoleTerm]:
    """All role terms held in a body, current and past, with their holders fetched (the API's term list)."""
    return _terms().select_related("body").filter(body=body).order_by("role", "-start_date", "pk")


def role_term_detail(*, pk: int) -> RoleTerm:
    """One role term with its body and holder, as the services that change it need them."""
    return _terms().select_related("body").get(pk=pk)


def membership_request_detail(*, pk: int) -> MembershipRequest:
    """One membership request with the body and organisation its decision depends on."""
    return MembershipRequest.objects.select_related(
        "body", "body__parent", "organisation", "requested_by", "decided_by"
    ).get(pk=pk)


def membership_requests_visible_to(user: Person, *, status: str = "") -> QuerySet[MembershipRequest]:
    """Requests a person may see: all for the Secretariat, else their chaired bodies' and their organisations'.

    "Their organisations" are those they are a focal point of, as on the join page.
    """
    from alliance87.accounts.roles import is_secretariat
    from alliance87.partners.permissions import focal_point_organisation_ids

    requests = MembershipRequest.objects.select_related("body", "organisation", "requested_by", "decided_by")
    if not is_secretariat(user):
        requests = requests.filter(
            Q(body_id__in=chaired_body_ids(user)) | Q(organisation_id__in=focal_point_organisation_ids(user))
        )
    if status:
        requests = requests.filter(status=status)
    return requests.order_by("-created_at", "-pk")
